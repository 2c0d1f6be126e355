import type { DataSource, EntityManager } from 'typeorm';
import { holdingSpanSql, joinPerson, personNameSql, personUserIdSql } from '../directory/directory.reads.js';
import { awaitingAttestSql, completedSql, doneLineSql, openLineSql } from './order-status.js';
import type { OrderStatus, OrderType } from './order.types.js';

/**
 * The orders module's published reads for other modules' SQL. Other modules never name the order
 * tables or columns: when a read has to be part of their own statement (a mark on each person of
 * a search, the notices the scheduler records in the statement that picks the orders), they
 * compose it from the fragments here. The small reads at the end are queries of their own, as
 * are the functions of attest-queue.queries.ts, attest-orders.queries.ts and
 * order-notices.queries.ts, and the exported services.
 *
 * Arguments are SQL expressions (a column of the caller's row, a `$n`); aliases inside start
 * with `oo`/`oi` so that they never hide the caller's.
 */

/**
 * The type (GRANT or REVOKE) of the open line of the assignment for the person, as a scalar
 * subquery; null when there is none. There is at most one: the pending-line unique index.
 */
export const openLineTypeSql = (personId: string, assignmentId: string): string =>
  `(SELECT oi.type FROM vmu_order_item oi
     WHERE oi.end_user_id = ${personId} AND oi.assignment_id = ${assignmentId} AND ${openLineSql('oi')})`;

/** The order number of the order with that open line (as openLineTypeSql); null when none. */
export const openLineOrderNumberSql = (personId: string, assignmentId: string): string =>
  `(SELECT oo.order_number FROM vmu_order_item oi JOIN vmu_order oo ON oo.id = oi.order_id
     WHERE oi.end_user_id = ${personId} AND oi.assignment_id = ${assignmentId} AND ${openLineSql('oi')})`;

/** The ids of the persons with an open line of the assignment of this type, as a subquery. */
export const openLinePersonsSql = (assignmentId: string, type: OrderType): string =>
  `SELECT oi.end_user_id FROM vmu_order_item oi
    WHERE oi.assignment_id = ${assignmentId} AND ${openLineSql('oi')} AND oi.type = '${type}'`;

/** How many orders of the mass order `batchId` await attest, as a scalar subquery. */
export const batchAwaitingCountSql = (batchId: string): string =>
  `(SELECT count(*)::int FROM vmu_order oo WHERE oo.batch_id = ${batchId} AND ${awaitingAttestSql('oo')})`;

/** The ids of the mass orders with an order (in any status) naming the person as attestant, as a subquery. */
export const batchesAttestedBySql = (personId: string): string =>
  `SELECT oo.batch_id FROM vmu_order oo WHERE oo.attestant_id = ${personId} AND oo.batch_id IS NOT NULL`;

/**
 * A SELECT of the ids of at most `limit` orders awaiting attest since before `before` (an SQL
 * timestamp), oldest first, for which `where(alias)` also holds (e.g. "not reminded yet"). With
 * `since` (an SQL timestamp), only orders placed at or after it: the scheduler's watermark, below
 * which an earlier run has seen every order. With `lock` (the default), each is locked until the
 * caller's transaction ends, and one being decided right now is skipped, not waited for; without
 * it, nothing is locked (to ask whether any is left).
 *
 * Read through the status index's AWAITING_ATTEST range from `since` on: what can be due, not
 * every order ever left waiting.
 */
export const awaitingAttestSinceSql = (
  before: string,
  where: (alias: string) => string,
  limit: number,
  { since, lock = true }: { since?: string; lock?: boolean } = {},
): string =>
  `SELECT oo.id FROM vmu_order oo
    WHERE ${awaitingAttestSql('oo')} AND oo.created_at < ${before}
      ${since ? `AND oo.created_at >= ${since}` : ''} AND ${where('oo')}
    ORDER BY oo.created_at, oo.id LIMIT ${limit}
    ${lock ? 'FOR UPDATE OF oo SKIP LOCKED' : ''}`;

/**
 * A SELECT of the ids of at most `limit` time-limited grants (an end date) that were carried out
 * and whose end date is before `today`, earliest end first, for which `where(alias)` also holds.
 * Only those whose holding is still the one the order wrote: a holding ended earlier by a revoke
 * no longer spans the order's dates.
 *
 * With `since` (the scheduler's watermark: SQL expressions of a date and a timestamp), only those
 * that could not have been seen by an earlier run: ended on or after `since.day`, or carried out
 * at or after `since.completedAt` (an approval that came after the end date carries the grant out
 * already ended). Read through the two partial indexes of time-limited grants, by end date and by
 * time carried out, so that a tick reads the last day's grants, not every grant that ever ended.
 */
export const endedTimeLimitedGrantsSql = (
  today: string,
  where: (alias: string) => string,
  limit: number,
  since?: { day: string; completedAt: string },
): string => {
  const ended = (alias: string) =>
    `${alias}.type = 'GRANT' AND ${completedSql(alias)} AND ${alias}.end_date IS NOT NULL
     AND ${alias}.end_date < ${today}::date`;
  const rest = `${where('oo')}
      AND EXISTS (SELECT 1 FROM vmu_order_item oi
                   WHERE oi.order_id = oo.id AND ${doneLineSql('oi')}
                     AND ${holdingSpanSql('oi.end_user_id', 'oi.assignment_id', 'oo.start_date', 'oo.end_date')})
    ORDER BY oo.end_date, oo.id LIMIT ${limit}`;
  if (!since) return `SELECT oo.id FROM vmu_order oo WHERE ${ended('oo')} AND ${rest}`;
  // The two ranges apart, each on its own index, and materialised: walking the end-date index
  // in order with the OR as a filter (what a planner may choose for a LIMIT) reads all history.
  return `WITH oo_since AS MATERIALIZED (
       SELECT og.id FROM vmu_order og WHERE ${ended('og')} AND og.end_date >= ${since.day}::date
       UNION
       SELECT og.id FROM vmu_order og WHERE ${ended('og')} AND og.completed_at >= ${since.completedAt}::timestamptz
     )
     SELECT oo.id FROM oo_since JOIN vmu_order oo ON oo.id = oo_since.id WHERE ${rest}`;
};

/** How many open lines of this type the assignment has (e.g. grants waiting to be carried out). */
export async function openLineCount(
  db: DataSource | EntityManager,
  assignmentId: string,
  type: OrderType,
): Promise<number> {
  const [{ n }] = await db.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM (${openLinePersonsSql('$1', type)}) AS open`,
    [assignmentId],
  );
  return n;
}

/** The assignments with an open line for the person: ordered and not yet carried out. */
export async function openLinesOf(db: DataSource | EntityManager, personId: string): Promise<Set<string>> {
  const rows = await db.query<{ assignmentId: string }[]>(
    `SELECT oi.assignment_id AS "assignmentId" FROM vmu_order_item oi
      WHERE oi.end_user_id = $1 AND oi.assignment_id IS NOT NULL AND ${openLineSql('oi')}`,
    [personId],
  );
  return new Set(rows.map((r) => r.assignmentId));
}

/** An order of a mass order as its receipt lists it, with its attestant (who may read the receipt). */
export interface BatchOrderRow {
  id: string;
  orderNumber: string;
  type: OrderType;
  status: OrderStatus;
  endUserId: string;
  endUserName: string;
  endUserUserId: string;
  attestantId: string;
}

/** The orders of the mass order `batchId`, by order number. */
export function batchOrders(db: DataSource | EntityManager, batchId: string): Promise<BatchOrderRow[]> {
  return db.query<BatchOrderRow[]>(
    `SELECT oo.id, oo.order_number AS "orderNumber", oo.type, oo.status, oo.end_user_id AS "endUserId",
            ${personNameSql('eu')} AS "endUserName", ${personUserIdSql('eu')} AS "endUserUserId",
            oo.attestant_id AS "attestantId"
       FROM vmu_order oo ${joinPerson('eu', 'oo.end_user_id')}
      WHERE oo.batch_id = $1 ORDER BY oo.order_number`,
    [batchId],
  );
}

/** The templates with an open line for the person: ordered and not yet carried out (issue 14). */
export async function openTemplateLinesOf(
  db: DataSource | EntityManager,
  personId: string,
): Promise<Set<string>> {
  const rows = await db.query<{ templateId: string }[]>(
    `SELECT oi.template_id AS "templateId" FROM vmu_order_item oi
      WHERE oi.end_user_id = $1 AND oi.template_id IS NOT NULL AND ${openLineSql('oi')}`,
    [personId],
  );
  return new Set(rows.map((r) => r.templateId));
}
