import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17, point 4: stand-ins (Ersättare). An attestant names a person who, from valid_from to
 * valid_to (Stockholm dates, both included) and until revoked, sees the orders awaiting the
 * attestant's attest in their own queue and may decide them (domain.md rule 41). The order's
 * attestant never changes. Owned by the delegations module, which derives rights. A period is at
 * most a year (366 days), and one never stands in for oneself.
 *
 * Read by the stand-in's queue on every request (who do I stand in for today?): the index on
 * (stand_in_id) of the rows not revoked answers it with one lookup; the attestant's own list
 * reads by attestant_id.
 */
export class StandIns1765201100000 implements MigrationInterface {
  name = 'StandIns1765201100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE stand_in (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        attestant_id uuid NOT NULL REFERENCES person(id),
        stand_in_id uuid NOT NULL REFERENCES person(id),
        valid_from date NOT NULL,
        valid_to date NOT NULL,
        created_by uuid REFERENCES person(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        revoked_by uuid REFERENCES person(id),
        CONSTRAINT stand_in_not_oneself CHECK (attestant_id <> stand_in_id),
        CONSTRAINT stand_in_period CHECK (valid_to >= valid_from),
        CONSTRAINT stand_in_at_most_a_year CHECK (valid_to - valid_from <= 366)
      )`);
    await q.query(
      `CREATE INDEX stand_in_stand_in_idx ON stand_in (stand_in_id, valid_from, valid_to)
         INCLUDE (attestant_id) WHERE revoked_at IS NULL`,
    );
    await q.query(`CREATE INDEX stand_in_attestant_idx ON stand_in (attestant_id, valid_from)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE stand_in`);
  }
}
