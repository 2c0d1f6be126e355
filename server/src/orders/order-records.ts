import type { EntityManager } from 'typeorm';
import type { ItemStatus, OrderStatus, OrderType } from './order.types.js';

/** An order row as the state machine reads it (dates as YYYY-MM-DD, times as Date). */
export interface OrderRecord {
  id: string;
  orderNumber: string;
  type: OrderType;
  status: OrderStatus;
  endUserId: string;
  ordererId: string;
  attestantId: string;
  careUnitId: string;
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
  assignmentId: string;
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
  o.care_unit_id AS "careUnitId", o.start_date AS "startDate", o.end_date AS "endDate", o.urgent,
  o.comment, o.reject_comment AS "rejectComment", o.feedback, o.batch_id AS "batchId",
  o.sign_request_id AS "signRequestId", o.created_at AS "createdAt", o.updated_at AS "updatedAt",
  o.decided_at AS "decidedAt", o.completed_at AS "completedAt"`;

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
    `SELECT i.id, i.assignment_id AS "assignmentId", i.status, i.warnings FROM vmu_order_item i
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
      assignmentId: i.assignmentId,
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
    `SELECT i.order_id AS "orderId", i.id, i.assignment_id AS "assignmentId", i.status, i.warnings
       FROM vmu_order_item i
      WHERE i.order_id = ANY($1::uuid[]) ORDER BY i.created_at, i.id`,
    [[...orderIds]],
  );
  const read = new Map(orders.map((order) => [order.id, { order, items: [] as ItemRecord[] }]));
  for (const { orderId, ...item } of items) read.get(orderId)?.items.push(item);
  return read;
}
