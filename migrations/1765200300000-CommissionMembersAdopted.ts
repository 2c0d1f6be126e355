import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the directory sync first recorded a commission's members (issue 15). The first time, KIV's
 * members are what people hold already: they become BEH's holdings (adopted), not drift. Every
 * later difference between KIV and BEH is drift. Null: never synced (embedded rows, or a commission
 * the sync has not read yet).
 */
export class CommissionMembersAdopted1765200300000 implements MigrationInterface {
  name = 'CommissionMembersAdopted1765200300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE assignment ADD COLUMN members_synced_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE assignment DROP COLUMN members_synced_at`);
  }
}
