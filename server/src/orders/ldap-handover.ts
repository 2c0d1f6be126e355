import type { EntityManager } from 'typeorm';

/*
 * VMU orders in `ldap` mode (issue 15, Write back): carrying one out changes BEH's holdings and
 * enqueues their write back to KIV in one transaction, and marks the order handed over
 * (handed_over_at, as access orders are); it stays APPROVED until the directory confirms every
 * write (DirectoryHoldings.unconfirmed), then it is completed as carrying out completes one
 * (CarryOutService.completeConfirmed). The statements on vmu_order for that are here.
 */

/**
 * Locks up to `limit` VMU orders that are handed over and still APPROVED, skipping those another
 * transaction holds and those in `skip`; answers their ids, in id order.
 */
export async function lockHandedOverVmuOrders(
  m: EntityManager,
  limit: number,
  skip: readonly string[] = [],
): Promise<string[]> {
  const rows = await m.query<{ id: string }[]>(
    `SELECT o.id FROM vmu_order o
      WHERE o.kind = 'VMU' AND o.status = 'APPROVED' AND o.handed_over_at IS NOT NULL
        AND o.id <> ALL($2::uuid[])
      ORDER BY o.id LIMIT $1 FOR UPDATE SKIP LOCKED`,
    [limit, [...skip]],
  );
  return rows.map((r) => r.id);
}
