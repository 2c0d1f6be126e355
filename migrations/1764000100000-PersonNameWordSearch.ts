import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Person search also matches a later word of a name ("maria" finds "Linda Maria"), written as
 * `beh_fold(first_name) LIKE '% maria%'`. A btree cannot serve a pattern that does not start
 * the text, so without these trigram indexes every search would read every person; with them
 * each branch of the search is a bitmap index scan (under a millisecond at 50 000 persons).
 */
export class PersonNameWordSearch1764000100000 implements MigrationInterface {
  name = 'PersonNameWordSearch1764000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(
      `CREATE INDEX person_first_name_trgm_idx ON person USING gin (beh_fold(first_name) gin_trgm_ops)`,
    );
    await q.query(
      `CREATE INDEX person_last_name_trgm_idx ON person USING gin (beh_fold(last_name) gin_trgm_ops)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX person_last_name_trgm_idx`);
    await q.query(`DROP INDEX person_first_name_trgm_idx`);
  }
}
