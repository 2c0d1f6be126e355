import type { EntityManager } from 'typeorm';
import type { ItemStatus, OrderStatus, OrderType } from '../orders/order.types.js';

/** What a decision names of one order: the document's lines and the mails' facts. */
export interface DecisionOrder {
  id: string;
  orderNumber: string;
  type: OrderType;
  status: OrderStatus;
  attestantId: string;
  careUnitId: string;
  startDate: string;
  endDate: string | null;
  urgent: boolean;
  endUser: { name: string; userId: string; hsaId: string };
  orderer: { name: string; userId: string; email: string | null };
  careUnit: { name: string; hsaId: string };
  items: DecisionItem[];
}

export interface DecisionItem {
  id: string;
  assignmentId: string;
  assignmentName: string;
  status: ItemStatus;
}

interface OrderRow extends Omit<DecisionOrder, 'endUser' | 'orderer' | 'careUnit' | 'items'> {
  endUserName: string;
  endUserUserId: string;
  endUserHsaId: string;
  ordererName: string;
  ordererUserId: string;
  ordererEmail: string | null;
  careUnitName: string;
  careUnitHsaId: string;
}

/**
 * The orders of a decision with their people, unit and lines, in two statements however many
 * orders a batch holds; by order number (the document's order). `lock` takes the orders' row
 * locks in id order first, so that two completions over overlapping orders queue up instead of
 * deadlocking.
 */
export async function decisionOrders(
  m: EntityManager,
  orderIds: readonly string[],
  lock = false,
): Promise<DecisionOrder[]> {
  if (lock) {
    await m.query(`SELECT id FROM vmu_order WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [
      [...orderIds],
    ]);
  }
  const rows = await m.query<OrderRow[]>(
    `SELECT o.id, o.order_number AS "orderNumber", o.type, o.status, o.attestant_id AS "attestantId",
            o.care_unit_id AS "careUnitId", o.start_date AS "startDate", o.end_date AS "endDate", o.urgent,
            eu.first_name || ' ' || eu.last_name AS "endUserName", eu.user_id AS "endUserUserId",
            eu.hsa_id AS "endUserHsaId",
            op.first_name || ' ' || op.last_name AS "ordererName", op.user_id AS "ordererUserId",
            op.email AS "ordererEmail", cu.name AS "careUnitName", cu.hsa_id AS "careUnitHsaId"
       FROM vmu_order o JOIN person eu ON eu.id = o.end_user_id JOIN person op ON op.id = o.orderer_id
       JOIN care_unit cu ON cu.id = o.care_unit_id
      WHERE o.id = ANY($1::uuid[])
      ORDER BY o.order_number`,
    [[...orderIds]],
  );
  const items = await m.query<(DecisionItem & { orderId: string })[]>(
    `SELECT i.order_id AS "orderId", i.id, i.assignment_id AS "assignmentId", a.name AS "assignmentName", i.status
       FROM vmu_order_item i JOIN assignment a ON a.id = i.assignment_id
      WHERE i.order_id = ANY($1::uuid[])
      ORDER BY a.kind, a.name COLLATE beh_sv, i.id`,
    [[...orderIds]],
  );
  const byOrder = new Map<string, DecisionItem[]>();
  for (const { orderId, ...item } of items) {
    const list = byOrder.get(orderId) ?? [];
    list.push(item);
    byOrder.set(orderId, list);
  }
  return rows.map((r) => ({
    id: r.id,
    orderNumber: r.orderNumber,
    type: r.type,
    status: r.status,
    attestantId: r.attestantId,
    careUnitId: r.careUnitId,
    startDate: r.startDate,
    endDate: r.endDate,
    urgent: r.urgent,
    endUser: { name: r.endUserName, userId: r.endUserUserId, hsaId: r.endUserHsaId },
    orderer: { name: r.ordererName, userId: r.ordererUserId, email: r.ordererEmail },
    careUnit: { name: r.careUnitName, hsaId: r.careUnitHsaId },
    items: byOrder.get(r.id) ?? [],
  }));
}
