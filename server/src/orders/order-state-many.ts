import type { EntityManager } from 'typeorm';
import type { ItemRecord, LockedOrder } from './order-records.js';
import { COMPLETED, isDecision, isOpenLine } from './order-status.js';
import type { ItemMove, OrderChange } from './order-change.js';
import type { ItemStatus, OrderStatus } from './order.types.js';

/**
 * One change made to many orders at once (a batch attest): the same transition, action, actor and
 * values for each; the lines that move may differ per order.
 */
export interface ManyOrderChange extends Pick<
  OrderChange,
  'action' | 'actorId' | 'set' | 'authorize' | 'validate'
> {
  to: OrderStatus;
  items?: (current: LockedOrder) => readonly ItemMove[];
  /** Mail and other writes of the change, once for all orders, in its transaction, after it. */
  effects?: (
    m: EntityManager,
    changed: readonly { before: LockedOrder; after: LockedOrder }[],
  ) => Promise<void>;
}

/**
 * Locks the orders, then their lines, each in id order (the order readOrder locks one order in),
 * so that a batch and a single change of one of its orders queue up instead of deadlocking.
 * Answers the distinct ids, sorted.
 */
export async function lockOrders(m: EntityManager, orderIds: readonly string[]): Promise<string[]> {
  const ids = [...new Set(orderIds.map((id) => id.toLowerCase()))].sort();
  await m.query(`SELECT id FROM vmu_order WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [ids]);
  await m.query(
    `SELECT id FROM vmu_order_item WHERE order_id = ANY($1::uuid[]) ORDER BY order_id, id FOR UPDATE`,
    [ids],
  );
  return ids;
}

/** The lines a move takes: those named, or every pending one when none are named. */
export function linesMoving(current: LockedOrder, move: ItemMove): ItemRecord[] {
  const moving = current.items.filter((i) => (move.ids ? move.ids.includes(i.id) : isOpenLine(i.status)));
  if (move.ids && moving.length !== new Set(move.ids).size) {
    throw new Error(`Order ${current.order.id} has no line ${move.ids.join(', ')}`);
  }
  return moving;
}

/**
 * The writes of a change of many orders: one UPDATE of the orders and one per target status of
 * the lines. `columns` are the SQL columns of the change's `set` with their values.
 */
export async function writeMany(
  m: EntityManager,
  ids: readonly string[],
  to: OrderStatus,
  columns: readonly (readonly [string, unknown])[],
  moves: ReadonlyMap<ItemStatus, readonly string[]>,
  now: Date,
): Promise<void> {
  const assignments = ['status = $2', 'updated_at = $3'];
  const values: unknown[] = [[...ids], to, now];
  if (isDecision(to)) assignments.push('decided_at = $3');
  if (to === COMPLETED) assignments.push('completed_at = $3');
  for (const [column, value] of columns) {
    values.push(value);
    assignments.push(`${column} = $${values.length}`);
  }
  await m.query(`UPDATE vmu_order SET ${assignments.join(', ')} WHERE id = ANY($1::uuid[])`, values);
  for (const [status, lineIds] of moves) {
    if (lineIds.length === 0) continue;
    await m.query(`UPDATE vmu_order_item SET status = $2, updated_at = $3 WHERE id = ANY($1::uuid[])`, [
      [...lineIds],
      status,
      now,
    ]);
  }
}
