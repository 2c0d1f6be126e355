import type { EntityManager } from 'typeorm';
import type { OrderMailData } from '../mail/templates/index.js';
import {
  type ItemRecord,
  type LockedOrder,
  ORDER_RECORD_COLUMNS,
  type OrderRecord,
} from './order-records.js';

/** An order claimed for carrying out, with its holdings already changed and what it says. */
export interface ClaimedOrder {
  /** The order and its lines as locked and read: the state machine's `before`. */
  locked: LockedOrder;
  endUserName: string;
  endUserUserId: string;
  ordererName: string;
  ordererEmail: string | null;
  careUnitName: string;
  /** The lines still pending (the attestant's removed lines are not carried out), by name. */
  lines: { assignmentId: string; name: string; careUnitName: string }[];
  /** For a revoke: the assignments the person still held on its date, now ended. */
  ended: string[];
}

type ClaimedRow = OrderRecord & Omit<ClaimedOrder, 'locked'> & { items: ItemRecord[] };

/** Which order to claim: this one (waiting for a transaction that holds it), or the next free due one. */
export type Claim = { orderId: string } | { skip: readonly string[] };

/** The part of node-postgres's client that runs a named (prepared) statement. */
interface PreparingClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

const isPreparingClient = (client: unknown): client is PreparingClient =>
  typeof client === 'object' && client !== null && typeof (client as PreparingClient).query === 'function';

/**
 * Runs `text` as a statement prepared once per connection, in `m`'s transaction. TypeORM plans
 * every statement anew; for the claim below that planning costs PostgreSQL more than running it,
 * ten thousand times in a row when many orders fall due. `connect()` of a connected query runner
 * answers its own node-postgres client, the one the transaction runs on.
 */
async function preparedQuery<T>(
  m: EntityManager,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const client: unknown = await m.queryRunner?.connect();
  if (!isPreparingClient(client)) return m.query<T[]>(text, values);
  return (await client.query({ name, text, values })).rows as T[];
}

/**
 * Claims one approved order whose start date has come and makes its change to the directory's
 * holdings, in one statement (the scheduler does this ten thousand times in a row):
 *
 * - a grant: the person holds each assignment from the start date, to the end date when the
 *   order has one (`valid_to` is the last day held);
 * - a revoke: the order's date is the first day without the assignment ("Slutdatum, då
 *   behörigheten upphör"), so each holding still running on that day now ends the day before;
 *   a holding that would only begin on or after that day is removed, as it never takes effect.
 *
 * The order is locked `FOR UPDATE` (`SKIP LOCKED` for the next due one, so that processes never
 * wait for each other), then its lines, as readOrder locks them, until the caller's transaction
 * ends. Reading them in the same statement is safe: an order is claimable only once its
 * approval, with the lines the attestant removed, is committed, and after that nothing but
 * carrying it out changes it.
 */
export async function claimOrder(
  m: EntityManager,
  claim: Claim,
  today: string,
  now: Date,
): Promise<ClaimedOrder | undefined> {
  const which =
    'orderId' in claim
      ? { name: 'beh_carry_out_claim_order', sql: `id = $3::uuid`, lock: 'FOR UPDATE', param: claim.orderId }
      : {
          name: 'beh_carry_out_claim_next',
          sql: `id <> ALL($3::uuid[])`,
          lock: 'FOR UPDATE SKIP LOCKED',
          param: [...claim.skip],
        };
  const holding = `h.person_id = o.end_user_id AND h.assignment_id IN (SELECT assignment_id FROM line)
                   AND (h.valid_to IS NULL OR h.valid_to >= o.start_date)`;
  const [row] = await preparedQuery<ClaimedRow>(
    m,
    which.name,
    `WITH claimed AS (
       SELECT id FROM vmu_order
        WHERE status = 'APPROVED' AND start_date <= $1::date AND ${which.sql}
        ORDER BY start_date, id LIMIT 1 ${which.lock}
     ), o AS (
       SELECT o.* FROM vmu_order o JOIN claimed USING (id)
     ), item AS (
       SELECT i.id, i.assignment_id, i.status, i.created_at FROM vmu_order_item i
        WHERE i.order_id = (SELECT id FROM claimed) ORDER BY i.created_at, i.id FOR UPDATE
     ), line AS (
       SELECT i.assignment_id, asg.name, asg.kind, acu.name AS unit_name
         FROM item i JOIN assignment asg ON asg.id = i.assignment_id
         JOIN care_unit acu ON acu.id = asg.care_unit_id
        WHERE i.status = 'PENDING'
     ), granted AS (
       INSERT INTO held_assignment (person_id, assignment_id, valid_from, valid_to, created_at, updated_at)
       SELECT o.end_user_id, line.assignment_id, o.start_date, o.end_date, $2, $2
         FROM o, line WHERE o.type = 'GRANT'
       RETURNING assignment_id
     ), shortened AS (
       UPDATE held_assignment h SET valid_to = o.start_date - 1, updated_at = $2
         FROM o WHERE o.type = 'REVOKE' AND ${holding} AND h.valid_from < o.start_date
       RETURNING h.assignment_id
     ), removed AS (
       DELETE FROM held_assignment h
        USING o WHERE o.type = 'REVOKE' AND ${holding} AND h.valid_from >= o.start_date
       RETURNING h.assignment_id
     )
     SELECT ${ORDER_RECORD_COLUMNS},
            (SELECT json_agg(json_build_object('id', i.id, 'assignmentId', i.assignment_id, 'status', i.status)
                             ORDER BY i.created_at, i.id) FROM item i) AS items,
            eu.first_name || ' ' || eu.last_name AS "endUserName", eu.user_id AS "endUserUserId",
            op.first_name || ' ' || op.last_name AS "ordererName", op.email AS "ordererEmail",
            cu.name AS "careUnitName",
            COALESCE((SELECT json_agg(json_build_object('assignmentId', line.assignment_id, 'name', line.name,
                                                        'careUnitName', line.unit_name)
                                      ORDER BY line.kind, line.name COLLATE beh_sv)
                        FROM line), '[]'::json) AS lines,
            ARRAY(SELECT assignment_id::text FROM shortened
                  UNION SELECT assignment_id::text FROM removed) AS ended
       FROM o
       JOIN person eu ON eu.id = o.end_user_id
       JOIN person op ON op.id = o.orderer_id
       JOIN care_unit cu ON cu.id = o.care_unit_id`,
    [today, now, which.param],
  );
  if (!row) return undefined;
  const {
    endUserName,
    endUserUserId,
    ordererName,
    ordererEmail,
    careUnitName,
    lines,
    ended,
    items,
    ...order
  } = row;
  return {
    locked: { order, items },
    endUserName,
    endUserUserId,
    ordererName,
    ordererEmail,
    careUnitName,
    lines,
    ended,
  };
}

/**
 * Återkopplingsinfo: one Swedish sentence per line of the order saying what was done, e.g.
 * "Uppdraget VoB SJF vid Vårdcentralen Solgläntan är upplagt för Nils Boström från 2026-11-23."
 */
export function feedbackText(c: ClaimedOrder): string {
  const { type, endDate, startDate } = c.locked.order;
  const ended = new Set(c.ended);
  return c.lines
    .map(({ assignmentId, name, careUnitName }) => {
      if (type === 'GRANT') {
        const until = endDate ? ` till och med ${endDate}` : '';
        return `Uppdraget ${name} vid ${careUnitName} är upplagt för ${c.endUserName} från ${startDate}${until}.`;
      }
      return ended.has(assignmentId)
        ? `Uppdraget ${name} vid ${careUnitName} är avslutat för ${c.endUserName} från och med ${startDate}.`
        : `${c.endUserName} hade inte längre uppdraget ${name} vid ${careUnitName} den ${startDate}; inget behövde avslutas.`;
    })
    .join('\n');
}

/** The ORDER_COMPLETED mail to the orderer (its link leads to the feedback). */
export function completedMail(c: ClaimedOrder): OrderMailData {
  const { order } = c.locked;
  return {
    orderId: order.id,
    orderNumber: order.orderNumber,
    recipientName: c.ordererName,
    type: order.type,
    endUserName: `${c.endUserName} (${c.endUserUserId})`,
    ordererName: c.ordererName,
    careUnitName: c.careUnitName,
    startDate: order.startDate,
    urgent: order.urgent,
    assignmentNames: c.lines.map((l) => l.name),
  };
}
