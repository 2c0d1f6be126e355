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

/**
 * Which orders to claim: these (those of them still due), waiting for a transaction that holds
 * one (`wait`) or leaving it to that transaction; or up to `limit` of the next free due orders,
 * leaving out `skip` (orders that failed in this round).
 */
export type Claim =
  | { orderIds: readonly string[]; wait: boolean }
  | { limit: number; skip: readonly string[] }
  | { handedOver: readonly string[] };

/** The part of node-postgres's client that runs a named (prepared) statement. */
interface PreparingClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

const isPreparingClient = (client: unknown): client is PreparingClient =>
  typeof client === 'object' && client !== null && typeof (client as PreparingClient).query === 'function';

/**
 * Runs `text` as a statement prepared once per connection, in `m`'s transaction. TypeORM plans
 * every statement anew; for the claim below that planning costs PostgreSQL more than running it
 * for one order (approval time carries out orders one at a time). `connect()` of a connected
 * query runner answers its own node-postgres client, the one the transaction runs on.
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
 * Claims approved VMU orders whose start date has come, in one statement however many (access
 * orders are never carried out here: they are handed over to their systems, see
 * access-handover.ts; nor VMU orders already carried out whose write back to KIV is awaited,
 * handed_over_at set, but through `handedOver` to complete them, see ldap-handover.ts): the orders
 * are locked `FOR UPDATE` (`SKIP LOCKED` for the next due ones, so that processes never wait for
 * each other; in id order for named ones, as lockOrders locks), then all their lines, in order and
 * id order, as readOrder and lockOrders lock them, until the caller's transaction ends; the
 * directory's names come with them through its published reads. The orders' rows are the locked
 * versions (read by the locking scan itself). Reading the lines in the same statement is safe: an
 * order is claimable only once its approval, with the lines the attestant removed, is committed,
 * and after that nothing but carrying it out changes it. Answers the claimed orders in the order
 * they were claimed (start date, then id; id for named orders).
 */
export async function claimOrders(m: EntityManager, claim: Claim, today: string): Promise<ClaimedOrder[]> {
  const which =
    'handedOver' in claim
      ? {
          // Orders whose holdings changed while their write back to KIV was awaited (ldap-handover.ts).
          name: 'beh_carry_out_claim_handed_over',
          sql: `o.id = ANY($2::uuid[])`,
          order: 'o.id',
          lock: 'FOR UPDATE OF o',
          param: [...new Set(claim.handedOver.map((id) => id.toLowerCase()))],
          limit: claim.handedOver.length,
          handedOver: 'IS NOT NULL',
        }
      : 'orderIds' in claim
        ? {
            name: claim.wait ? 'beh_carry_out_claim_orders' : 'beh_carry_out_claim_free_orders',
            sql: `o.id = ANY($2::uuid[])`,
            order: 'o.id',
            lock: claim.wait ? 'FOR UPDATE OF o' : 'FOR UPDATE OF o SKIP LOCKED',
            param: [...new Set(claim.orderIds.map((id) => id.toLowerCase()))],
            limit: claim.orderIds.length,
            handedOver: 'IS NULL',
          }
        : {
            name: 'beh_carry_out_claim_due',
            sql: `o.id <> ALL($2::uuid[])`,
            order: 'o.start_date, o.id',
            lock: 'FOR UPDATE OF o SKIP LOCKED',
            param: [...claim.skip],
            limit: claim.limit,
            handedOver: 'IS NULL',
          };
  if (which.limit <= 0) return [];
  const rows = await preparedQuery<ClaimedRow>(
    m,
    which.name,
    `WITH claimed AS (
       SELECT ${ORDER_RECORD_COLUMNS}, row_number() OVER () AS n FROM (
         SELECT o.* FROM vmu_order o
          WHERE o.status = 'APPROVED' AND o.kind = 'VMU' AND o.start_date <= $1::date
            AND o.handed_over_at ${which.handedOver} AND ${which.sql}
          ORDER BY ${which.order} LIMIT $3 ${which.lock}
       ) o
     ), item AS (
       SELECT i.id, i.order_id, i.assignment_id, i.status, i.created_at FROM vmu_order_item i
        WHERE i.order_id IN (SELECT c.id FROM claimed c) ORDER BY i.order_id, i.id FOR UPDATE
     ), items AS (
       SELECT i.order_id, json_agg(json_build_object('id', i.id, 'assignmentId', i.assignment_id,
                                                     'status', i.status) ORDER BY i.created_at, i.id) AS items
         FROM item i GROUP BY i.order_id
     ), lines AS (
       SELECT i.order_id,
              json_agg(json_build_object('assignmentId', i.assignment_id, 'name', ${assignmentNameSql('asg')},
                                         'careUnitName', ${careUnitNameSql('acu')})
                       ORDER BY ${assignmentKindSql('asg')}, ${assignmentNameSql('asg')} COLLATE beh_sv) AS lines
         FROM item i ${joinAssignment('asg', 'i.assignment_id')}
         ${joinCareUnit('acu', assignmentCareUnitIdSql('asg'))}
        WHERE i.status = 'PENDING'
        GROUP BY i.order_id
     )
     SELECT c.id, c."orderNumber", c.type, c.status, c."endUserId", c."ordererId", c."attestantId",
            c."careUnitId", c."startDate", c."endDate", c.urgent, c.comment, c."rejectComment", c.feedback,
            c."batchId", c."signRequestId", c."createdAt", c."updatedAt", c."decidedAt", c."completedAt",
            COALESCE(items.items, '[]'::json) AS items,
            ${personNameSql('eu')} AS "endUserName", ${personNameWithUserIdSql('eu')} AS "endUserNameWithUserId",
            ${personNameSql('op')} AS "ordererName", ${personEmailSql('op')} AS "ordererEmail",
            ${careUnitNameSql('cu')} AS "careUnitName",
            COALESCE(lines.lines, '[]'::json) AS lines
       FROM claimed c
       LEFT JOIN items ON items.order_id = c.id
       LEFT JOIN lines ON lines.order_id = c.id
       ${joinPerson('eu', 'c."endUserId"')}
       ${joinPerson('op', 'c."ordererId"')}
       ${joinCareUnit('cu', 'c."careUnitId"')}
      ORDER BY c.n`,
    [today, which.param, which.limit],
  );
  return rows.map(
    ({
      endUserName,
      endUserNameWithUserId,
      ordererName,
      ordererEmail,
      careUnitName,
      lines,
      items,
      ...order
    }) => ({
      locked: { order, items },
      endUserName,
      endUserNameWithUserId,
      ordererName,
      ordererEmail,
      careUnitName,
      lines,
    }),
  );
}

/**
 * Makes the claimed orders' change to the directory's holdings (through its port, in the orders'
 * transaction: one grant and one revoke for all of them) and answers, per revoke order, the
 * assignments that had a holding to end:
 *
 * - a grant: the person holds each assignment from the start date, to the end date when the
 *   order has one (`valid_to` is the last day held);
 * - a revoke: the order's date is the first day without the assignment (rule 16, A revoke's date is
 *   the first day without: "Slutdatum, då behörigheten upphör"), so each holding still running on
 *   that day ends the day before, and one that would only begin on or after that day is removed, as
 *   it never takes effect.
 *
 * A (person, assignment) pair is in at most one of the orders: a line is carried out only while
 * open, and a person has at most one open line of an assignment (the pending-line unique index).
 */
export async function changeHoldings(
  m: EntityManager,
  holdings: DirectoryHoldings,
  claimed: readonly ClaimedOrder[],
): Promise<Map<string, ReadonlySet<string>>> {
  const of = (type: string) => claimed.filter((c) => c.locked.order.type === type);
  await holdings.grant(
    m,
    of('GRANT').flatMap(({ locked: { order }, lines }) =>
      lines.map((l) => ({
        personId: order.endUserId,
        assignmentId: l.assignmentId,
        validFrom: order.startDate,
        validTo: order.endDate,
        orderId: order.id,
      })),
    ),
  );
  const revokes = of('REVOKE');
  const key = (personId: string, assignmentId: string) => `${personId}/${assignmentId}`;
  const ended = new Set(
    (
      await holdings.revoke(
        m,
        revokes.flatMap(({ locked: { order }, lines }) =>
          lines.map((l) => ({
            personId: order.endUserId,
            assignmentId: l.assignmentId,
            endsOn: order.startDate,
            orderId: order.id,
          })),
        ),
      )
    ).map((e) => key(e.personId, e.assignmentId)),
  );
  return new Map(
    claimed.map(({ locked: { order }, lines }) => [
      order.id,
      new Set(
        order.type === 'REVOKE'
          ? lines.filter((l) => ended.has(key(order.endUserId, l.assignmentId))).map((l) => l.assignmentId)
          : [],
      ),
    ]),
  );
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
