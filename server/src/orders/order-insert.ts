import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { openLineSql } from './order-status.js';
import type { ItemStatus, OrderKind, OrderStatus, OrderType } from './order.types.js';

/** A template line of an access order (issue 14); a Förändring line also names what it replaces. */
export interface TemplateLine {
  templateId: string;
  professionId: string;
  previousTemplateId?: string | null;
  previousProfessionId?: string | null;
}

/** What the insert needs of a new order (the state machine's OrderDraft has this shape). */
export interface OrderRow {
  /** VMU when left out. */
  kind?: OrderKind;
  type: OrderType;
  endUserId: string;
  ordererId: string;
  attestantId: string;
  /** A VMU order's care unit; null for an ACCESS order. */
  careUnitId: string | null;
  /** An ACCESS order's verksamhet. */
  accessOperationId?: string | null;
  startDate: string;
  endDate: string | null;
  urgent: boolean;
  comment: string | null;
  batchId: string | null;
  assignmentIds: string[];
  /** An ACCESS order's lines (none for a VMU order). */
  templateLines?: readonly TemplateLine[];
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
                            start_date, end_date, urgent, comment, batch_id, created_at, updated_at, kind,
                            access_operation_id)
     SELECT d.id, 'BEH' || lpad(nextval('order_number_seq')::text, 7, '0'), d.type, $12, d.end_user_id,
            d.orderer_id, d.attestant_id, d.care_unit_id, d.start_date, d.end_date, d.urgent, d.comment,
            d.batch_id, $13, $13, d.kind, d.access_operation_id
       FROM unnest($1::uuid[], $2::varchar[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::date[],
                   $8::date[], $9::boolean[], $10::varchar[], $11::uuid[], $14::varchar[], $15::uuid[])
            WITH ORDINALITY AS d(id, type, end_user_id, orderer_id, attestant_id, care_unit_id, start_date,
                                 end_date, urgent, comment, batch_id, kind, access_operation_id, n)
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
      column((r) => r.kind ?? 'VMU'),
      column((r) => r.accessOperationId ?? null),
    ],
  );
  return ids;
}

export interface SkippedLine {
  /** The assignment of a VMU line; null for a template line. */
  assignmentId: string | null;
  /** The template of an ACCESS line; null for an assignment line. */
  templateId: string | null;
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
  const skipped: SkippedLine[] = [];
  if (inserted.length !== lines.length) {
    const got = new Set(inserted.map((r) => `${r.endUserId}/${r.assignmentId}`));
    for (const l of lines.filter((l) => !got.has(`${l.row.endUserId}/${l.assignmentId}`))) {
      skipped.push({ assignmentId: l.assignmentId, templateId: null, endUserId: l.row.endUserId });
    }
  }
  return [...skipped, ...(await insertTemplateLines(m, rows, orderIds, status, now))];
}

/**
 * The template lines of access orders, as insertLines does the assignment lines: one statement,
 * sorted by template and end user, a line another send holds open skipped by the pending-template
 * index (vmu_order_item_template_pending_uq) and returned for the caller to name.
 */
async function insertTemplateLines(
  m: EntityManager,
  rows: readonly OrderRow[],
  orderIds: readonly string[],
  status: ItemStatus,
  now: Date,
): Promise<SkippedLine[]> {
  const lines = rows
    .flatMap((r, n) => (r.templateLines ?? []).map((line) => ({ orderId: orderIds[n], row: r, line })))
    .sort(
      (a, b) =>
        a.line.templateId.localeCompare(b.line.templateId) || a.row.endUserId.localeCompare(b.row.endUserId),
    );
  if (lines.length === 0) return [];
  const inserted = await m.query<{ templateId: string; endUserId: string }[]>(
    `INSERT INTO vmu_order_item (order_id, end_user_id, template_id, profession_id, previous_template_id,
                                 previous_profession_id, type, status, created_at, updated_at, warnings)
     SELECT l.order_id, l.end_user_id, l.template_id, l.profession_id, l.previous_template_id,
            l.previous_profession_id, l.type, $8, $9, $9, '{}'::varchar[]
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::varchar[])
            WITH ORDINALITY AS l(order_id, end_user_id, template_id, profession_id, previous_template_id,
                                 previous_profession_id, type, n)
      ORDER BY l.n
     ON CONFLICT (end_user_id, template_id) WHERE ${openLineSql()} AND template_id IS NOT NULL DO NOTHING
     RETURNING template_id AS "templateId", end_user_id AS "endUserId"`,
    [
      lines.map((l) => l.orderId),
      lines.map((l) => l.row.endUserId),
      lines.map((l) => l.line.templateId),
      lines.map((l) => l.line.professionId),
      lines.map((l) => l.line.previousTemplateId ?? null),
      lines.map((l) => l.line.previousProfessionId ?? null),
      lines.map((l) => l.row.type),
      status,
      now,
    ],
  );
  if (inserted.length === lines.length) return [];
  const got = new Set(inserted.map((r) => `${r.endUserId}/${r.templateId}`));
  return lines
    .filter((l) => !got.has(`${l.row.endUserId}/${l.line.templateId}`))
    .map((l) => ({ assignmentId: null, templateId: l.line.templateId, endUserId: l.row.endUserId }));
}
