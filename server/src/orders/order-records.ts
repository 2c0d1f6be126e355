import type { EntityManager } from 'typeorm';
import type { ItemStatus, OrderKind, OrderStatus, OrderType } from './order.types.js';

/** An order row as the state machine reads it (dates as YYYY-MM-DD, times as Date). */
export interface OrderRecord {
  id: string;
  orderNumber: string;
  type: OrderType;
  status: OrderStatus;
  endUserId: string;
  ordererId: string;
  attestantId: string;
  /** VMU: assignments at a care unit; ACCESS: templates of a verksamhet. */
  kind: OrderKind;
  /** A VMU order's care unit; null for an ACCESS order. */
  careUnitId: string | null;
  /** An ACCESS order's verksamhet; null for a VMU order. */
  accessOperationId: string | null;
  startDate: string;
  endDate: string | null;
  urgent: boolean;
  comment: string | null;
  rejectComment: string | null;
  feedback: string | null;
  batchId: string | null;
  /** The sign request whose signature made the attest decision (null until decided). */
  signRequestId: string | null;
  createdAt: Date;
  updatedAt: Date;
  decidedAt: Date | null;
  completedAt: Date | null;
}

export interface ItemRecord {
  id: string;
  /** The assignment of a VMU line; null for a template line. */
  assignmentId: string | null;
  /** The template and profession of an ACCESS line (null for an assignment line); for a Förändring line the pair it replaces. */
  templateId: string | null;
  professionId: string | null;
  previousTemplateId: string | null;
  previousProfessionId: string | null;
  status: ItemStatus;
  /** Warning codes the orderer confirmed for the line (rule 2d); left out where not read (carrying out). */
  warnings?: string[];
}

/** An order and its lines, read under the order's row lock. */
export interface LockedOrder {
  order: OrderRecord;
  items: ItemRecord[];
}

export const ORDER_RECORD_COLUMNS = `o.id, o.order_number AS "orderNumber", o.type, o.status,
  o.end_user_id AS "endUserId", o.orderer_id AS "ordererId", o.attestant_id AS "attestantId",
  o.kind, o.care_unit_id AS "careUnitId", o.access_operation_id AS "accessOperationId", o.start_date AS "startDate", o.end_date AS "endDate", o.urgent,
  o.comment, o.reject_comment AS "rejectComment", o.feedback, o.batch_id AS "batchId",
  o.sign_request_id AS "signRequestId", o.created_at AS "createdAt", o.updated_at AS "updatedAt",
  o.decided_at AS "decidedAt", o.completed_at AS "completedAt"`;

const ITEM_RECORD_COLUMNS = `i.id, i.assignment_id AS "assignmentId", i.template_id AS "templateId",
  i.profession_id AS "professionId", i.previous_template_id AS "previousTemplateId",
  i.previous_profession_id AS "previousProfessionId", i.status, i.warnings`;

/**
 * Reads an order and its lines; with `lock`, takes the order's row lock first (and the lines'
 * after it, always in that order, so two changes of one order queue up instead of deadlocking).
 */
export async function readOrder(
  m: EntityManager,
  orderId: string,
  lock: boolean,
): Promise<LockedOrder | undefined> {
  const [order] = await m.query<OrderRecord[]>(
    `SELECT ${ORDER_RECORD_COLUMNS} FROM vmu_order o WHERE o.id = $1${lock ? ' FOR UPDATE' : ''}`,
    [orderId],
  );
  if (!order) return undefined;
  const items = await m.query<ItemRecord[]>(
    `SELECT ${ITEM_RECORD_COLUMNS} FROM vmu_order_item i
      WHERE i.order_id = $1 ORDER BY i.created_at, i.id${lock ? ' FOR UPDATE' : ''}`,
    [orderId],
  );
  return { order, items };
}

/**
 * What the audit log keeps of an order at one moment. Feedback is left out on purpose: it is for
 * the orderer alone (it may carry sign-in details), and the log is read by administrators.
 */
export function auditSnapshot({ order, items }: LockedOrder) {
  return {
    orderNumber: order.orderNumber,
    type: order.type,
    status: order.status,
    endUserId: order.endUserId,
    ordererId: order.ordererId,
    attestantId: order.attestantId,
    // Rule 11: the orderer attests his own order (allowed, marked in the queue, the order and here).
    orderedByAttestant: order.ordererId === order.attestantId,
    careUnitId: order.careUnitId,
    // An access order's kind and verksamhet only where it is one: VMU orders' events keep their shape.
    ...(order.kind === 'ACCESS' ? { kind: order.kind, accessOperationId: order.accessOperationId } : {}),
    startDate: order.startDate,
    endDate: order.endDate,
    urgent: order.urgent,
    comment: order.comment,
    rejectComment: order.rejectComment,
    hasFeedback: order.feedback !== null,
    batchId: order.batchId,
    signRequestId: order.signRequestId,
    // A line's confirmed warnings (rule 2d) only where it has any: older events and lines keep their shape.
    items: items.map((i) => ({
      id: i.id,
      ...(i.templateId === null
        ? { assignmentId: i.assignmentId }
        : {
            templateId: i.templateId,
            professionId: i.professionId,
            ...(i.previousTemplateId === null
              ? {}
              : { previousTemplateId: i.previousTemplateId, previousProfessionId: i.previousProfessionId }),
          }),
      status: i.status,
      ...(i.warnings?.length ? { warnings: i.warnings } : {}),
    })),
  };
}

/** Several orders and their lines in two statements, keyed by order id (no locks: just created). */
export async function readOrders(
  m: EntityManager,
  orderIds: readonly string[],
): Promise<Map<string, LockedOrder>> {
  const orders = await m.query<OrderRecord[]>(
    `SELECT ${ORDER_RECORD_COLUMNS} FROM vmu_order o WHERE o.id = ANY($1::uuid[])`,
    [[...orderIds]],
  );
  const items = await m.query<(ItemRecord & { orderId: string })[]>(
    `SELECT i.order_id AS "orderId", ${ITEM_RECORD_COLUMNS}
       FROM vmu_order_item i
      WHERE i.order_id = ANY($1::uuid[]) ORDER BY i.created_at, i.id`,
    [[...orderIds]],
  );
  const read = new Map(orders.map((order) => [order.id, { order, items: [] as ItemRecord[] }]));
  for (const { orderId, ...item } of items) read.get(orderId)?.items.push(item);
  return read;
}
