import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Soft rules on order lines (issue 13, point 4; domain.md rule 2d): the warnings the orderer
 * confirmed when placing, by code (e.g. ENGAGEMENT_ELSEWHERE), kept on the line so the order view
 * and the attestant show them. Existing lines get none. A constant default adds the column without
 * rewriting the table.
 */
export class OrderWarnings1765100600000 implements MigrationInterface {
  name = 'OrderWarnings1765100600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE vmu_order_item ADD COLUMN warnings varchar(32)[] NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE vmu_order_item DROP COLUMN warnings`);
  }
}
