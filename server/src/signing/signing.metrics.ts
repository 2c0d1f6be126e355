import type { DataSource, EntityManager } from 'typeorm';

/** Sign requests by state, for GET /metrics: every request ever made is in exactly one. */
export interface SignRequestCounts {
  /** Waiting for the signer, still valid. */
  pending: number;
  /** Never signed, and past their expiry. */
  expired: number;
  signed: number;
  failed: number;
}

/**
 * One pass over the table (one row per signed attest or batch, far fewer than orders); a pending
 * request past its expiry counts as expired, as SigningService shows it.
 */
export async function signRequestCounts(
  db: DataSource | EntityManager,
  now: Date,
): Promise<SignRequestCounts> {
  const rows = await db.query<{ status: string; expired: boolean; count: number }[]>(
    `SELECT status, status = 'PENDING' AND expires_at <= $1 AS expired, count(*)::int AS count
       FROM sign_request GROUP BY 1, 2`,
    [now],
  );
  const counts: SignRequestCounts = { pending: 0, expired: 0, signed: 0, failed: 0 };
  for (const row of rows) {
    if (row.expired) counts.expired += row.count;
    else if (row.status === 'PENDING') counts.pending += row.count;
    else if (row.status === 'SIGNED') counts.signed += row.count;
    else if (row.status === 'FAILED') counts.failed += row.count;
  }
  return counts;
}
