import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The lookup log learns a fourth way to find a person: `userId`, a VGR-ID, as the mass order's
 * import looks persons up (issue 12; docs/domain.md "Lookup log": every person lookup is logged).
 * Each value of an import is one LOOKUP row, purpose `mass-order` (purposes have no CHECK: the
 * application's fixed list).
 */
export class LookupLogUserId1765100700000 implements MigrationInterface {
  name = 'LookupLogUserId1765100700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE person_access_log DROP CONSTRAINT person_access_log_looked_up_by_check`);
    await q.query(`
      ALTER TABLE person_access_log ADD CONSTRAINT person_access_log_looked_up_by_check
        CHECK (looked_up_by IN ('id', 'personnummer', 'passportNumber', 'hsaId', 'userId'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The log is append-only: rows by VGR-ID stay, the old check holds for new rows only.
    await q.query(`ALTER TABLE person_access_log DROP CONSTRAINT person_access_log_looked_up_by_check`);
    await q.query(`
      ALTER TABLE person_access_log ADD CONSTRAINT person_access_log_looked_up_by_check
        CHECK (looked_up_by IN ('id', 'personnummer', 'passportNumber', 'hsaId')) NOT VALID`);
  }
}
