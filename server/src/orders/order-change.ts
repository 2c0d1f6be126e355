import type { EntityManager } from 'typeorm';
import type { OrderRow } from './order-insert.js';
import type { LockedOrder, OrderRecord } from './order-records.js';
import type { ItemStatus, OrderStatus } from './order.types.js';

/** What callers hand the order state machine (order-state.ts): new orders and changes of orders. */

/** The audit actions of an order's life; each transition or change records exactly one. */
export type OrderAction =
  | 'ORDER_PLACED'
  | 'ORDER_ATTESTANT_CHANGED'
  | 'ORDER_CANCELLED'
  | 'ORDER_APPROVED'
  | 'ORDER_REJECTED'
  | 'ORDER_COMPLETED';

/** A new order as placing or a mass order hands it to the machine: the row the insert writes. */
export type OrderDraft = OrderRow;

/** Lines that move: those named (all still pending when `ids` is left out) go to `to`. */
export interface ItemMove {
  ids?: readonly string[];
  to: ItemStatus;
}

export interface OrderChange {
  action: OrderAction;
  /** The person acting; null for the system (the scheduler). */
  actorId: string | null;
  /** The new status; left out, the status stays and `during` says when the change is allowed. */
  to?: OrderStatus;
  during?: readonly OrderStatus[];
  items?: readonly ItemMove[];
  set?: Partial<Pick<OrderRecord, 'attestantId' | 'rejectComment' | 'feedback' | 'signRequestId'>>;
  /** Who may make the change, checked on the locked order first (is the actor its orderer?). */
  authorize?: (current: LockedOrder) => void;
  /** Rules of the change itself, checked once the status allows it; throws to refuse. */
  validate?: (current: LockedOrder) => void;
  /** Mail and other writes that belong to the change, in its transaction, after it. */
  effects?: (m: EntityManager, before: LockedOrder, after: LockedOrder) => Promise<void>;
  /**
   * The order as the caller already locked and read it in this transaction (the order's row,
   * then its lines, as readOrder does). apply() then neither reads it again nor reads it back:
   * the state after is its own writes laid over this one. For the scheduler, which carries out
   * thousands of orders in a row and for which those four reads are a quarter of the statements.
   */
  locked?: LockedOrder;
}
