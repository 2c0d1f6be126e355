import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the scheduler needs (server/src/scheduler/).
 *
 * `scheduler_notice` records each notice the scheduler has sent: one row per kind and subject
 * (an order, a delegation), written in the same transaction as its mail. The primary key is what
 * makes "at most one reminder, one escalation, one expiry notice, one end-of-grant notice" hold
 * with any number of server processes: a second process inserting the same notice waits for the
 * first and then inserts nothing, so it writes no mail either.
 *
 * The partial indexes keep each tick's questions cheap however much history piles up: due
 * approved orders (claimed in start-date order), time-limited grants whose end has passed, and
 * delegations that will end.
 */
export class Scheduler1764600000000 implements MigrationInterface {
  name = 'Scheduler1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE scheduler_notice (
        kind varchar(32) NOT NULL
          CHECK (kind IN ('ATTEST_REMINDER', 'ATTEST_ESCALATION', 'DELEGATION_EXPIRING', 'GRANT_ENDED')),
        subject_id uuid NOT NULL,
        sent_at timestamptz NOT NULL,
        PRIMARY KEY (kind, subject_id)
      )`);
    await q.query(`CREATE INDEX vmu_order_due_idx ON vmu_order (start_date, id) WHERE status = 'APPROVED'`);
    await q.query(`
      CREATE INDEX vmu_order_grant_end_idx ON vmu_order (end_date)
        WHERE type = 'GRANT' AND status = 'COMPLETED' AND end_date IS NOT NULL`);
    await q.query(`
      CREATE INDEX delegation_ending_idx ON delegation (valid_to)
        WHERE revoked_at IS NULL AND valid_to IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX delegation_ending_idx`);
    await q.query(`DROP INDEX vmu_order_grant_end_idx`);
    await q.query(`DROP INDEX vmu_order_due_idx`);
    await q.query(`DROP TABLE scheduler_notice`);
  }
}
