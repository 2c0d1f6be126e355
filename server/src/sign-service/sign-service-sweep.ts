import type { DataSource } from 'typeorm';

/** Rows deleted per statement, so that a large backlog never holds one long transaction. */
const SWEEP_BATCH = 5_000;
/** An answered or expired request is kept this long after its expiry, for a support question. */
const KEPT_MS = 24 * 60 * 60_000;

/**
 * Deletes BEH's own signing service's requests a day after they expired: by then no SignRequest
 * or IdP answer for them is accepted anyway (and a SignRequest posted again after that is
 * refused by its own NotOnOrAfter). Run by the scheduler's sweep in every process; rows another
 * process is deleting are skipped, not waited for.
 */
export async function sweepSignServiceRequests(db: DataSource, now: Date): Promise<number> {
  let total = 0;
  for (;;) {
    // TypeORM answers a DELETE with [rows, rowCount].
    const [, count] = await db.query<[unknown[], number]>(
      `DELETE FROM sign_service_request WHERE id IN (
         SELECT id FROM sign_service_request WHERE expires_at < $1 LIMIT ${SWEEP_BATCH} FOR UPDATE SKIP LOCKED)`,
      [new Date(now.getTime() - KEPT_MS)],
    );
    total += count;
    if (count < SWEEP_BATCH) return total;
  }
}
