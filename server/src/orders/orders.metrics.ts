import type { DataSource, EntityManager } from 'typeorm';

/** What GET /metrics shows of the orders: how many approved orders wait past their start date. */
export interface DueOrdersWaiting {
  /** APPROVED orders whose start date is today or earlier: the scheduler's backlog. */
  count: number;
  /** The earliest start date among them ('YYYY-MM-DD'), or null when none waits. */
  oldestStartDate: string | null;
}

/**
 * Read through the partial index of exactly these rows (vmu_order_due_idx), so it costs the
 * backlog's size, not the order history's.
 */
export async function dueOrdersWaiting(
  db: DataSource | EntityManager,
  today: string,
): Promise<DueOrdersWaiting> {
  const [row] = await db.query<{ count: number; oldest: string | null }[]>(
    `SELECT count(*)::int AS count, min(start_date) AS oldest
       FROM vmu_order WHERE status = 'APPROVED' AND start_date <= $1`,
    [today],
  );
  return { count: row.count, oldestStartDate: row.oldest };
}
