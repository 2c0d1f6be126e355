import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Region scale: what lets the scheduler's jobs read only what can be due (server/src/scheduler/).
 *
 * `scheduler_watermark` holds, per notice job, how far its last complete run looked: the grant
 * endings the date and moment of that run (every grant that had ended before that date and been
 * carried out before that moment has been told), the attest reminders and escalations the moment
 * before which an order had waited long enough (every order placed before it and still waiting has
 * been told). A run reads from there (less a margin for transactions still open) instead of all
 * history, and moves it only when nothing due is left behind it.
 *
 * `vmu_order_grant_completed_idx` finds the time-limited grants carried out since a moment: those
 * approved after their end date end as they are carried out, and are told at the next tick
 * although their end date lies behind the watermark. The end-date side has its partial index
 * already (vmu_order_grant_end_idx); due orders and delegations ending are read through their
 * partial indexes of exactly what can be due (vmu_order_due_idx, delegation_ending_idx).
 */
export class SchedulerWatermarks1765000200000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE scheduler_watermark (
        job varchar(32) PRIMARY KEY CHECK (job IN ('ATTEST_REMINDER', 'ATTEST_ESCALATION', 'GRANT_ENDED')),
        checked_day date,
        checked_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE INDEX vmu_order_grant_completed_idx ON vmu_order (completed_at)
        WHERE type = 'GRANT' AND status = 'COMPLETED' AND end_date IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX vmu_order_grant_completed_idx`);
    await q.query(`DROP TABLE scheduler_watermark`);
  }
}
