import type { EntityManager } from 'typeorm';
import type { ItemRecord, LockedOrder } from './order-records.js';
import { COMPLETED, isDecision, isOpenLine } from './order-status.js';
import type { ItemMove, OrderChange } from './order-change.js';
import type { ItemStatus, OrderStatus } from './order.types.js';

/** The columns a change may set, as OrderChange['set'] names them. */
export type OrderSet = NonNullable<OrderChange['set']>;

/**
 * One change made to many orders at once (a batch attest, a batch of due orders carried out): the
 * same transition, action and actor for each; the lines that move and the values set may differ
 * per order.
 */
export interface ManyOrderChange extends Pick<
  OrderChange,
  'action' | 'actorId' | 'set' | 'authorize' | 'validate'
> {
  to: OrderStatus;
  items?: (current: LockedOrder) => readonly ItemMove[];
  /** Values of each order's own (each carried-out order's feedback), laid over `set`. */
  setEach?: (current: LockedOrder) => OrderSet;
  /**
   * The orders as the caller already locked and read them in this transaction (each order's row,
   * then its lines, orders in a fixed order): applyMany then neither locks nor reads them again, and
   * the state after is its writes laid over these (as OrderChange.locked for one order).
   */
  locked?: readonly LockedOrder[];
  /**
   * More facts of one order's change for its audit event's `after` (an attest by a stand-in names
   * the attestant stood in for: domain.md rule 41); nothing added when it answers undefined.
   */
  auditAfter?: (after: LockedOrder) => Record<string, unknown> | undefined;
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

/** A column of a change: its SQL name and type. */
export interface SetColumn {
  column: string;
  type: 'uuid' | 'text';
}

/**
 * The writes of a change of many orders: one UPDATE of the orders and one per target status of
 * the lines. `columns` are the SQL columns of the change's `set` with their value (the same for
 * every order); `each` those set per order, with one value per id in `ids`' order.
 */
export async function writeMany(
  m: EntityManager,
  ids: readonly string[],
  to: OrderStatus,
  columns: readonly (readonly [string, unknown])[],
  moves: ReadonlyMap<ItemStatus, readonly string[]>,
  now: Date,
  each: readonly (readonly [SetColumn, readonly unknown[]])[] = [],
): Promise<void> {
  const assignments = ['status = $2', 'updated_at = $3'];
  const values: unknown[] = [[...ids], to, now];
  if (isDecision(to)) assignments.push('decided_at = $3');
  if (to === COMPLETED) assignments.push('completed_at = $3');
  for (const [column, value] of columns) {
    values.push(value);
    assignments.push(`${column} = $${values.length}`);
  }
  // Per-order values come as parallel arrays, unnested beside the ids: one statement for all.
  const arrays = ['$1::uuid[]'];
  const names = ['id'];
  each.forEach(([{ column, type }, perOrder], n) => {
    if (perOrder.length !== ids.length) throw new Error(`One ${column} per order expected`);
    values.push([...perOrder]);
    arrays.push(`$${values.length}::${type}[]`);
    names.push(`v${n}`);
    assignments.push(`${column} = v.v${n}`);
  });
  await m.query(
    `UPDATE vmu_order o SET ${assignments.join(', ')}
       FROM unnest(${arrays.join(', ')}) AS v(${names.join(', ')}) WHERE o.id = v.id`,
    values,
  );
  for (const [status, lineIds] of moves) {
    if (lineIds.length === 0) continue;
    await m.query(`UPDATE vmu_order_item SET status = $2, updated_at = $3 WHERE id = ANY($1::uuid[])`, [
      [...lineIds],
      status,
      now,
    ]);
  }
}
