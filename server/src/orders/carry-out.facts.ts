import type { EntityManager } from 'typeorm';
import {
  assignmentCareUnitIdSql,
  assignmentKindSql,
  assignmentNameSql,
  careUnitNameSql,
  joinAssignment,
  joinCareUnit,
  joinPerson,
  personEmailSql,
  personNameSql,
  personNameWithUserIdSql,
} from '../directory/directory.reads.js';
import type { DirectoryHoldings } from '../directory/holdings.js';
import type { OrderMailData } from '../mail/templates/index.js';
import {
  type ItemRecord,
  type LockedOrder,
  ORDER_RECORD_COLUMNS,
  type OrderRecord,
} from './order-records.js';

/** An order claimed for carrying out, as it was locked and with the names its mail and feedback need. */
export interface ClaimedOrder {
  /** The order and its lines as locked and read: the state machine's `before`. */
  locked: LockedOrder;
  endUserName: string;
  /** "Förnamn Efternamn (vgr-id)", as mails name the end user. */
  endUserNameWithUserId: string;
  ordererName: string;
  ordererEmail: string | null;
  careUnitName: string;
  /** The lines still pending (the attestant's removed lines are not carried out), by name. */
  lines: { assignmentId: string; name: string; careUnitName: string }[];
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
 * Claims one approved order whose start date has come, in one statement (the scheduler does this
 * ten thousand times in a row): the order is locked `FOR UPDATE` (`SKIP LOCKED` for the next due
 * one, so that processes never wait for each other), then its lines, as readOrder locks them,
 * until the caller's transaction ends; the directory's names come with it through its published
 * reads. Reading the lines in the same statement is safe: an order is claimable only once its
 * approval, with the lines the attestant removed, is committed, and after that nothing but
 * carrying it out changes it.
 */
export async function claimOrder(
  m: EntityManager,
  claim: Claim,
  today: string,
): Promise<ClaimedOrder | undefined> {
  const which =
    'orderId' in claim
      ? { name: 'beh_carry_out_claim_order', sql: `id = $2::uuid`, lock: 'FOR UPDATE', param: claim.orderId }
      : {
          name: 'beh_carry_out_claim_next',
          sql: `id <> ALL($2::uuid[])`,
          lock: 'FOR UPDATE SKIP LOCKED',
          param: [...claim.skip],
        };
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
       SELECT i.assignment_id, ${assignmentNameSql('asg')} AS name, ${assignmentKindSql('asg')} AS kind,
              ${careUnitNameSql('acu')} AS unit_name
         FROM item i ${joinAssignment('asg', 'i.assignment_id')}
         ${joinCareUnit('acu', assignmentCareUnitIdSql('asg'))}
        WHERE i.status = 'PENDING'
     )
     SELECT ${ORDER_RECORD_COLUMNS},
            (SELECT json_agg(json_build_object('id', i.id, 'assignmentId', i.assignment_id, 'status', i.status)
                             ORDER BY i.created_at, i.id) FROM item i) AS items,
            ${personNameSql('eu')} AS "endUserName", ${personNameWithUserIdSql('eu')} AS "endUserNameWithUserId",
            ${personNameSql('op')} AS "ordererName", ${personEmailSql('op')} AS "ordererEmail",
            ${careUnitNameSql('cu')} AS "careUnitName",
            COALESCE((SELECT json_agg(json_build_object('assignmentId', line.assignment_id, 'name', line.name,
                                                        'careUnitName', line.unit_name)
                                      ORDER BY line.kind, line.name COLLATE beh_sv)
                        FROM line), '[]'::json) AS lines
       FROM o
       ${joinPerson('eu', 'o.end_user_id')}
       ${joinPerson('op', 'o.orderer_id')}
       ${joinCareUnit('cu', 'o.care_unit_id')}`,
    [today, which.param],
  );
  if (!row) return undefined;
  const {
    endUserName,
    endUserNameWithUserId,
    ordererName,
    ordererEmail,
    careUnitName,
    lines,
    items,
    ...order
  } = row;
  return {
    locked: { order, items },
    endUserName,
    endUserNameWithUserId,
    ordererName,
    ordererEmail,
    careUnitName,
    lines,
  };
}

/**
 * Makes the claimed order's change to the directory's holdings (through its port, in the order's
 * transaction) and answers, for a revoke, the assignments that had a holding to end:
 *
 * - a grant: the person holds each assignment from the start date, to the end date when the
 *   order has one (`valid_to` is the last day held);
 * - a revoke: the order's date is the first day without the assignment (rule 16, A revoke's date is
 *   the first day without: "Slutdatum, då behörigheten upphör"), so each holding still running on
 *   that day ends the day before, and one that would only begin on or after that day is removed, as
 *   it never takes effect.
 */
export async function changeHoldings(
  m: EntityManager,
  holdings: DirectoryHoldings,
  c: ClaimedOrder,
): Promise<ReadonlySet<string>> {
  const { type, endUserId, startDate, endDate } = c.locked.order;
  if (type === 'GRANT') {
    await holdings.grant(
      m,
      c.lines.map((l) => ({
        personId: endUserId,
        assignmentId: l.assignmentId,
        validFrom: startDate,
        validTo: endDate,
      })),
    );
    return new Set();
  }
  const ended = await holdings.revoke(
    m,
    c.lines.map((l) => ({ personId: endUserId, assignmentId: l.assignmentId, endsOn: startDate })),
  );
  return new Set(ended.map((e) => e.assignmentId));
}

/**
 * Återkopplingsinfo: one Swedish sentence per line of the order saying what was done, e.g.
 * "Uppdraget VoB SJF vid Vårdcentralen Solgläntan är upplagt för Nils Boström från 2026-11-23."
 */
export function feedbackText(c: ClaimedOrder, ended: ReadonlySet<string>): string {
  const { type, endDate, startDate } = c.locked.order;
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
    endUserName: c.endUserNameWithUserId,
    ordererName: c.ordererName,
    careUnitName: c.careUnitName,
    startDate: order.startDate,
    urgent: order.urgent,
    assignmentNames: c.lines.map((l) => l.name),
  };
}
