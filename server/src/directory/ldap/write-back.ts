import type { DataSource, EntityManager } from 'typeorm';

/*
 * The outbox of writes back to KIV (issue 15, Write back): each change of a holding, carried out
 * in `ldap` mode, becomes a row of ldap_write in the same transaction, adding or removing the
 * person's HSA-id in the commission's hsaCommissionMember. The delivery
 * (write-back.delivery.ts) claims and writes them; an order waits for its rows (unconfirmedOrders).
 */

export type LdapWriteReason = 'GRANT' | 'REVOKE' | 'GRANT_ENDED';
export type LdapWriteOperation = 'ADD' | 'REMOVE';
export const LDAP_WRITE_STATUSES = ['PENDING', 'DONE', 'FAILED'] as const;
export type LdapWriteStatus = (typeof LDAP_WRITE_STATUSES)[number];
export const LDAP_WRITE_OUTCOMES = ['WRITTEN', 'ALREADY', 'STILL_HELD'] as const;
export type LdapWriteOutcome = (typeof LDAP_WRITE_OUTCOMES)[number];

/** One write to enqueue. */
export interface LdapWriteInput {
  orderId: string | null;
  reason: LdapWriteReason;
  operation: LdapWriteOperation;
  personId: string;
  assignmentId: string;
  /** A revoke line: whether BEH's holding had anything to end (null otherwise). */
  holdingEnded: boolean | null;
  /** When it may first be delivered (now, or a time-limited grant's first day without). */
  dueAt: Date;
}

type Db = DataSource | EntityManager;

/** Enqueues the writes in `m`'s transaction, in the order given (their `seq`): one statement. */
export async function enqueueLdapWrites(
  m: EntityManager,
  writes: readonly LdapWriteInput[],
  now: Date,
): Promise<void> {
  if (writes.length === 0) return;
  await m.query(
    `INSERT INTO ldap_write (order_id, reason, operation, person_id, assignment_id, holding_ended,
                             next_attempt_at, created_at, updated_at)
     SELECT w.order_id, w.reason, w.operation, w.person_id, w.assignment_id, w.holding_ended, w.due_at, $8, $8
       FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::uuid[], $5::uuid[], $6::boolean[],
                   $7::timestamptz[]) WITH ORDINALITY
            AS w(order_id, reason, operation, person_id, assignment_id, holding_ended, due_at, n)
      ORDER BY w.n`,
    [
      writes.map((w) => w.orderId),
      writes.map((w) => w.reason),
      writes.map((w) => w.operation),
      writes.map((w) => w.personId),
      writes.map((w) => w.assignmentId),
      writes.map((w) => w.holdingEnded),
      writes.map((w) => w.dueAt),
      now,
    ],
  );
}

/**
 * The first moment of the Stockholm day after `day` (YYYY-MM-DD): when a holding whose last day
 * is `day` is no longer held.
 */
export async function dayAfterStart(m: EntityManager, days: readonly string[]): Promise<Date[]> {
  if (days.length === 0) return [];
  const rows = await m.query<{ at: Date }[]>(
    `SELECT ((d.day + 1)::timestamp AT TIME ZONE 'Europe/Stockholm') AS at
       FROM unnest($1::date[]) WITH ORDINALITY AS d(day, n) ORDER BY d.n`,
    [[...days]],
  );
  return rows.map((r) => r.at);
}

/** Of these orders, those with a GRANT or REVOKE write not yet DONE. */
export async function unconfirmedOrders(db: Db, orderIds: readonly string[]): Promise<Set<string>> {
  if (orderIds.length === 0) return new Set();
  const rows = await db.query<{ orderId: string }[]>(
    `SELECT DISTINCT w.order_id AS "orderId" FROM ldap_write w
      WHERE w.order_id = ANY($1::uuid[]) AND w.reason IN ('GRANT', 'REVOKE') AND w.status <> 'DONE'`,
    [[...orderIds]],
  );
  return new Set(rows.map((r) => r.orderId));
}

/** Per order, the assignments whose holding its revoke ended (holding_ended of its REVOKE rows). */
export async function endedByOrders(db: Db, orderIds: readonly string[]): Promise<Map<string, Set<string>>> {
  const ended = new Map<string, Set<string>>();
  if (orderIds.length === 0) return ended;
  const rows = await db.query<{ orderId: string; assignmentId: string }[]>(
    `SELECT w.order_id AS "orderId", w.assignment_id AS "assignmentId" FROM ldap_write w
      WHERE w.order_id = ANY($1::uuid[]) AND w.reason = 'REVOKE' AND w.holding_ended`,
    [[...orderIds]],
  );
  for (const r of rows) ended.set(r.orderId, (ended.get(r.orderId) ?? new Set()).add(r.assignmentId));
  return ended;
}
