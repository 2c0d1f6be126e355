import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Names are listed in Swedish order (Å, Ä, Ö last and in that order; case does not split the
 * alphabet), which the databases' usual C.UTF-8 default does not give. `beh_sv` is ICU's
 * Swedish collation; a server built without ICU gets a copy of "C" so the SQL still runs.
 */
export class SwedishCollation1764000200000 implements MigrationInterface {
  name = 'SwedishCollation1764000200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$ BEGIN
        CREATE COLLATION beh_sv (provider = icu, locale = 'sv-SE');
      EXCEPTION WHEN OTHERS THEN
        CREATE COLLATION beh_sv FROM "C";
      END $$`);
    // The default person list: last name, then first name.
    await q.query(
      `CREATE INDEX person_name_sv_idx ON person (last_name COLLATE beh_sv, first_name COLLATE beh_sv, id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX person_name_sv_idx`);
    await q.query(`DROP COLLATION beh_sv`);
  }
}
