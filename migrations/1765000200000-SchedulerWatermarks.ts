import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Region scale: what lets the scheduler's jobs read only what can be due (filled in by the batched carry-out work). */
export class SchedulerWatermarks1765000200000 implements MigrationInterface {
  async up(_runner: QueryRunner): Promise<void> {}

  async down(_runner: QueryRunner): Promise<void> {}
}
