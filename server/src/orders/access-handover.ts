import type { EntityManager } from 'typeorm';
import {
  joinPerson,
  personEmailSql,
  personNameSql,
  personNameWithUserIdSql,
} from '../directory/directory.reads.js';
import type { OrderStateMachine } from './order-state.js';
import type { OrderType } from './order.types.js';

/*
 * The orders' side of carrying out access orders (kind ACCESS, issue 14): the fulfilment module
 * hands them over to the systems' administrators or to SCIM and completes them, but vmu_order and
 * vmu_order_item are the orders module's, so every statement on them is here.
 */

/** An open (PENDING) template line of an access order, as hand-over needs it. */
export interface AccessLine {
  itemId: string;
  templateId: string;
  professionId: string;
  previousTemplateId: string | null;
  previousProfessionId: string | null;
}

/** An approved access order, locked for hand-over or completion, with the names its mails need. */
export interface AccessOrderFacts {
  id: string;
  orderNumber: string;
  type: OrderType;
  status: string;
  endUserId: string;
  ordererId: string;
  startDate: string;
  endDate: string | null;
  urgent: boolean;
  accessOperationId: string;
  handedOverAt: Date | null;
  endUserName: string;
  /** "Förnamn Efternamn (vgr-id)". */
  endUserNameWithUserId: string;
  ordererName: string;
  ordererEmail: string | null;
  /** The lines still open; removed lines are not carried out. */
  lines: AccessLine[];
}

/**
 * Locks and reads access orders by id, order row first, then their lines (as readOrder locks), in
 * id order. `wait` false skips orders another transaction holds. Only ACCESS orders are answered.
 */
export async function lockAccessOrders(
  m: EntityManager,
  orderIds: readonly string[],
  wait = true,
): Promise<AccessOrderFacts[]> {
  if (orderIds.length === 0) return [];
  const ids = [...new Set(orderIds.map((id) => id.toLowerCase()))].sort();
  const locked = await m.query<{ id: string }[]>(
    `SELECT o.id FROM vmu_order o WHERE o.id = ANY($1::uuid[]) AND o.kind = 'ACCESS'
      ORDER BY o.id FOR UPDATE${wait ? '' : ' SKIP LOCKED'}`,
    [ids],
  );
  return readAccessOrders(
    m,
    locked.map((r) => r.id),
    true,
  );
}

/**
 * Claims up to `limit` approved access orders whose start date has come and that are not yet
 * handed over, skipping those another transaction holds; answers them locked.
 */
export async function claimDueAccessOrders(
  m: EntityManager,
  today: string,
  limit: number,
): Promise<AccessOrderFacts[]> {
  const rows = await m.query<{ id: string }[]>(
    `SELECT o.id FROM vmu_order o
      WHERE o.kind = 'ACCESS' AND o.status = 'APPROVED' AND o.handed_over_at IS NULL
        AND o.start_date <= $1::date
      ORDER BY o.start_date, o.id LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [today, limit],
  );
  return readAccessOrders(
    m,
    rows.map((r) => r.id),
    true,
  );
}

/** The ACCESS orders among `orderIds` (to tell them from VMU ones without locking). */
export async function accessOrderIds(m: EntityManager, orderIds: readonly string[]): Promise<string[]> {
  if (orderIds.length === 0) return [];
  const rows = await m.query<{ id: string }[]>(
    `SELECT o.id FROM vmu_order o WHERE o.id = ANY($1::uuid[]) AND o.kind = 'ACCESS'`,
    [[...new Set(orderIds.map((id) => id.toLowerCase()))]],
  );
  return rows.map((r) => r.id);
}

async function readAccessOrders(
  m: EntityManager,
  ids: readonly string[],
  lockLines: boolean,
): Promise<AccessOrderFacts[]> {
  if (ids.length === 0) return [];
  const orders = await m.query<Omit<AccessOrderFacts, 'lines'>[]>(
    `SELECT o.id, o.order_number AS "orderNumber", o.type, o.status, o.end_user_id AS "endUserId",
            o.orderer_id AS "ordererId", to_char(o.start_date, 'YYYY-MM-DD') AS "startDate",
            to_char(o.end_date, 'YYYY-MM-DD') AS "endDate", o.urgent,
            o.access_operation_id AS "accessOperationId", o.handed_over_at AS "handedOverAt",
            ${personNameSql('eu')} AS "endUserName", ${personNameWithUserIdSql('eu')} AS "endUserNameWithUserId",
            ${personNameSql('op')} AS "ordererName", ${personEmailSql('op')} AS "ordererEmail"
       FROM vmu_order o
       ${joinPerson('eu', 'o.end_user_id')}
       ${joinPerson('op', 'o.orderer_id')}
      WHERE o.id = ANY($1::uuid[])
      ORDER BY o.id`,
    [[...ids]],
  );
  const lines = await m.query<(AccessLine & { orderId: string })[]>(
    `SELECT i.order_id AS "orderId", i.id AS "itemId", i.template_id AS "templateId",
            i.profession_id AS "professionId", i.previous_template_id AS "previousTemplateId",
            i.previous_profession_id AS "previousProfessionId"
       FROM vmu_order_item i
      WHERE i.order_id = ANY($1::uuid[]) AND i.status = 'PENDING' AND i.template_id IS NOT NULL
      ORDER BY i.order_id, i.id${lockLines ? ' FOR UPDATE' : ''}`,
    [[...ids]],
  );
  const byOrder = new Map(orders.map((o) => [o.id, { ...o, lines: [] as AccessLine[] }]));
  for (const { orderId, ...line } of lines) byOrder.get(orderId)?.lines.push(line);
  return [...byOrder.values()];
}

/** Reads access orders without locks (for mails about orders another transaction may hold). */
export async function readAccessOrderFacts(
  m: EntityManager,
  orderIds: readonly string[],
): Promise<AccessOrderFacts[]> {
  return readAccessOrders(m, [...new Set(orderIds.map((id) => id.toLowerCase()))], false);
}

/** Locks one access order (row, then its lines) and reads it: settling a part takes this first. */
export async function lockAccessOrder(
  m: EntityManager,
  orderId: string,
): Promise<AccessOrderFacts | undefined> {
  const [order] = await lockAccessOrders(m, [orderId]);
  return order;
}

/** Records that the orders' parts were made. */
export async function markHandedOver(m: EntityManager, orderIds: readonly string[], at: Date): Promise<void> {
  if (orderIds.length === 0) return;
  await m.query(`UPDATE vmu_order SET handed_over_at = $2, updated_at = $2 WHERE id = ANY($1::uuid[])`, [
    [...orderIds],
    at,
  ]);
}

/**
 * Completes an access order whose every part is settled (or that had no parts): the lines named
 * `done` become DONE, `rejected` REJECTED, the order COMPLETED with `feedback` (a plain summary,
 * no secrets), through the order state machine (its audit event ORDER_COMPLETED).
 */
export async function completeAccessOrder(
  machine: OrderStateMachine,
  m: EntityManager,
  orderId: string,
  change: { done: readonly string[]; rejected: readonly string[]; feedback: string; actorId: string | null },
): Promise<void> {
  const items = [
    ...(change.done.length > 0 ? [{ ids: change.done, to: 'DONE' as const }] : []),
    ...(change.rejected.length > 0 ? [{ ids: change.rejected, to: 'REJECTED' as const }] : []),
  ];
  await machine.apply(m, orderId, {
    action: 'ORDER_COMPLETED',
    actorId: change.actorId,
    to: 'COMPLETED',
    items,
    set: { feedback: change.feedback },
  });
}

/** The orderer of an order (who alone may read its Återkopplingsinfo); undefined: no such order. */
export async function ordererOf(m: EntityManager, orderId: string): Promise<string | undefined> {
  const [row] = await m.query<{ ordererId: string }[]>(
    `SELECT o.orderer_id AS "ordererId" FROM vmu_order o WHERE o.id = $1`,
    [orderId],
  );
  return row?.ordererId;
}

/** SQL: joins the order `alias` (its columns: order_number, start_date, end_date, end_user_id, orderer_id, ...). */
export const joinAccessOrder = (alias: string, orderIdSql: string) =>
  `JOIN vmu_order ${alias} ON ${alias}.id = ${orderIdSql}`;

/** SQL: joins the order line `alias` (template_id, profession_id, previous_template_id, ...). */
export const joinAccessOrderItem = (alias: string, itemIdSql: string) =>
  `JOIN vmu_order_item ${alias} ON ${alias}.id = ${itemIdSql}`;
