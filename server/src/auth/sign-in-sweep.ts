import type { DataSource } from 'typeorm';
import type { AuthConfig } from '../config/app-config.js';
import { SAML_REQUEST_TTL_MS } from './saml/pg-cache-provider.js';

/** Rows deleted per statement, so that a large backlog never holds one long transaction. */
const SWEEP_BATCH = 5_000;

export interface SignInSweep {
  /** Sessions ended by time (idle or absolute) and not yet deleted by their next request. */
  sessions: number;
  /** SAML requests past the time in which an answer is accepted, answered or not. */
  samlRequests: number;
}

/**
 * Deletes what sign-in leaves behind once it can no longer be used: sessions past
 * SESSION_IDLE_MINUTES without requests or SESSION_ABSOLUTE_HOURS after sign-in (`now` is the
 * portal's Clock, as for the sessions themselves), and SAML requests older than the time an
 * answer is accepted (the real clock, as node-saml's). Run by the scheduler's tick in every
 * process: rows another process is deleting are skipped, not waited for.
 */
export async function sweepSignIns(
  db: DataSource,
  now: Date,
  auth: Pick<AuthConfig, 'sessionIdleMinutes'>,
): Promise<SignInSweep> {
  const idleSince = new Date(now.getTime() - auth.sessionIdleMinutes * 60_000);
  const sessions = await inBatches(
    db,
    `DELETE FROM user_session WHERE id IN (
       SELECT id FROM user_session WHERE expires_at <= $1 OR last_seen_at <= $2
        LIMIT ${SWEEP_BATCH} FOR UPDATE SKIP LOCKED)`,
    [now, idleSince],
  );
  const samlRequests = await inBatches(
    db,
    `DELETE FROM saml_request WHERE id IN (
       SELECT id FROM saml_request WHERE created_at < $1 LIMIT ${SWEEP_BATCH} FOR UPDATE SKIP LOCKED)`,
    [new Date(Date.now() - SAML_REQUEST_TTL_MS)],
  );
  return { sessions, samlRequests };
}

async function inBatches(db: DataSource, sql: string, values: unknown[]): Promise<number> {
  let total = 0;
  for (;;) {
    // TypeORM answers a DELETE with [rows, rowCount].
    const [, count] = await db.query<[unknown[], number]>(sql, values);
    total += count;
    if (count < SWEEP_BATCH) return total;
  }
}
