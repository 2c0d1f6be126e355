import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { openLineSql } from './order-status.js';
import type { ItemStatus, OrderStatus, OrderType } from './order.types.js';

/** What the insert needs of a new order (the state machine's OrderDraft has this shape). */
export interface OrderRow {
  type: OrderType;
  endUserId: string;
  ordererId: string;
  attestantId: string;
  careUnitId: string;
  startDate: string;
  endDate: string | null;
  urgent: boolean;
  comment: string | null;
  batchId: string | null;
  assignmentIds: string[];
  /** Per assignment id, the warnings the orderer confirmed for its line (rule 2d); none when left out. */
  lineWarnings?: Readonly<Record<string, readonly string[]>>;
}

/**
 * Inserts the orders in one statement, whatever their number, and returns their ids in the
 * order given. The ids are made here so that the answer needs no matching of RETURNING rows;
 * the order numbers come from the sequence in the same statement, and since PostgreSQL
 * evaluates a volatile select list after ORDER BY, they ascend in the order given.
 */
export async function insertOrders(
  m: EntityManager,
  rows: readonly OrderRow[],
  status: OrderStatus,
  now: Date,
): Promise<string[]> {
  const ids = rows.map(() => randomUUID());
  const column = <T>(pick: (row: OrderRow) => T) => rows.map(pick);
  await m.query(
    `INSERT INTO vmu_order (id, order_number, type, status, end_user_id, orderer_id, attestant_id, care_unit_id,
                            start_date, end_date, urgent, comment, batch_id, created_at, updated_at)
     SELECT d.id, 'BEH' || lpad(nextval('order_number_seq')::text, 7, '0'), d.type, $12, d.end_user_id,
            d.orderer_id, d.attestant_id, d.care_unit_id, d.start_date, d.end_date, d.urgent, d.comment,
            d.batch_id, $13, $13
       FROM unnest($1::uuid[], $2::varchar[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::date[],
                   $8::date[], $9::boolean[], $10::varchar[], $11::uuid[])
            WITH ORDINALITY AS d(id, type, end_user_id, orderer_id, attestant_id, care_unit_id, start_date,
                                 end_date, urgent, comment, batch_id, n)
      ORDER BY d.n`,
    [
      ids,
      column((r) => r.type),
      column((r) => r.endUserId),
      column((r) => r.ordererId),
      column((r) => r.attestantId),
      column((r) => r.careUnitId),
      column((r) => r.startDate),
      column((r) => r.endDate),
      column((r) => r.urgent),
      column((r) => r.comment),
      column((r) => r.batchId),
      status,
      now,
    ],
  );
  return ids;
}

export interface SkippedLine {
  assignmentId: string;
  endUserId: string;
}

/**
 * Inserts every line of the orders in one statement, sorted by assignment and end user: two
 * sends that want the same lines meet at the same first line (one waits, then finds it taken)
 * instead of each holding what the other needs. A line another send holds open (committed
 * meanwhile, or waited for until it committed) is skipped by the pending-line index instead of
 * failing the statement; the skipped lines are returned for the caller to name.
 */
export async function insertLines(
  m: EntityManager,
  rows: readonly OrderRow[],
  orderIds: readonly string[],
  status: ItemStatus,
  now: Date,
): Promise<SkippedLine[]> {
  const lines = rows
    .flatMap((r, n) =>
      r.assignmentIds.map((assignmentId) => ({ orderId: orderIds[n], row: r, assignmentId })),
    )
    .sort(
      (a, b) =>
        a.assignmentId.localeCompare(b.assignmentId) || a.row.endUserId.localeCompare(b.row.endUserId),
    );
  const inserted = await m.query<{ assignmentId: string; endUserId: string }[]>(
    `INSERT INTO vmu_order_item (order_id, end_user_id, assignment_id, type, status, created_at, updated_at,
                                 warnings)
     SELECT l.order_id, l.end_user_id, l.assignment_id, l.type, $5, $6, $6,
            COALESCE(string_to_array(NULLIF(l.warnings, ''), ','), '{}')::varchar[]
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::varchar[], $7::text[])
            WITH ORDINALITY AS l(order_id, end_user_id, assignment_id, type, warnings, n)
      ORDER BY l.n
     ON CONFLICT (end_user_id, assignment_id) WHERE ${openLineSql()} DO NOTHING
     RETURNING assignment_id AS "assignmentId", end_user_id AS "endUserId"`,
    [
      lines.map((l) => l.orderId),
      lines.map((l) => l.row.endUserId),
      lines.map((l) => l.assignmentId),
      lines.map((l) => l.row.type),
      status,
      now,
      // The codes of a line's warnings joined by commas (one text per line: unnest has no ragged arrays).
      lines.map((l) => (l.row.lineWarnings?.[l.assignmentId] ?? []).join(',')),
    ],
  );
  if (inserted.length === lines.length) return [];
  const got = new Set(inserted.map((r) => `${r.endUserId}/${r.assignmentId}`));
  return lines
    .filter((l) => !got.has(`${l.row.endUserId}/${l.assignmentId}`))
    .map((l) => ({ assignmentId: l.assignmentId, endUserId: l.row.endUserId }));
}
