import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rate limits shared by every instance (issue 12, point 2): one row per counted key (a limit's
 * window and whom it counts), in the window it is counting (server/src/limits/pg-throttler-storage.ts).
 *
 * UNLOGGED: a count is worth nothing after a crash, and a table without WAL commits without waiting
 * for a flush, so the one write of a limited request costs no disk sync. No index but the key's,
 * so the counting update stays a HOT update; ended windows are swept by a sequential scan of a
 * table as small as the number of people and addresses counted in the last hour.
 */
export class RateLimits1765100000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rate_limit (
        key text PRIMARY KEY,
        hits integer NOT NULL,
        window_ends_at timestamptz NOT NULL,
        max_hits integer NOT NULL,
        block_ms integer NOT NULL
      ) WITH (fillfactor = 50)
    `);
    await q.query(`ALTER TABLE rate_limit SET UNLOGGED`);
    await q.query(
      `COMMENT ON TABLE rate_limit IS 'Rate-limit counters (limits module); UNLOGGED: lost on a crash, by design'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rate_limit`);
  }
}
