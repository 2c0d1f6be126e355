import type { QueueOrder } from './types';

export type QueueRow =
  | { kind: 'order'; order: QueueOrder }
  /** The orders of one mass-order batch on this page, shown as one row that expands. */
  | { kind: 'batch'; batchId: string; orders: QueueOrder[] };

/** Rows of the page with each batch's orders gathered where the batch's first order stands. */
export function groupByBatch(orders: readonly QueueOrder[]): QueueRow[] {
  const rows: QueueRow[] = [];
  const batches = new Map<string, QueueOrder[]>();
  for (const order of orders) {
    if (!order.batchId) {
      rows.push({ kind: 'order', order });
      continue;
    }
    const members = batches.get(order.batchId);
    if (members) {
      members.push(order);
    } else {
      const created = [order];
      batches.set(order.batchId, created);
      rows.push({ kind: 'batch', batchId: order.batchId, orders: created });
    }
  }
  return rows;
}
