import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17, point 4: the read-only auditor (Granskare). Administrators assign and remove the role
 * per person; one row per auditor, with who assigned it and when. Being an auditor is a right (it
 * opens the region-wide reads), so every change bumps the person's rights version in the same
 * transaction, as the other sources of rights do (migration RightsVersion): a session's cached
 * rights end at its next request. Owned by the delegations module, which derives rights.
 */
export class Auditor1765200900000 implements MigrationInterface {
  name = 'Auditor1765200900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE auditor (
        person_id uuid PRIMARY KEY REFERENCES person(id),
        assigned_by uuid REFERENCES person(id),
        assigned_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE FUNCTION auditor_rights_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM rights_version_bump(ARRAY(SELECT n.person_id FROM new_rows n));
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM rights_version_bump(ARRAY(SELECT o.person_id FROM old_rows o));
        ELSE
          PERFORM rights_version_bump(ARRAY(
            SELECT o.person_id FROM old_rows o UNION SELECT n.person_id FROM new_rows n));
        END IF;
        RETURN NULL;
      END $$`);
    for (const [event, refs] of [
      ['INSERT', 'NEW TABLE AS new_rows'],
      ['UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows'],
      ['DELETE', 'OLD TABLE AS old_rows'],
    ] as const) {
      await q.query(`
        CREATE TRIGGER auditor_rights_${event.toLowerCase()} AFTER ${event} ON auditor
          REFERENCING ${refs} FOR EACH STATEMENT EXECUTE FUNCTION auditor_rights_changed()`);
    }
    // TRUNCATE fires no DELETE trigger: before the rows go, every auditor is bumped.
    await q.query(`
      CREATE FUNCTION auditor_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM rights_version_bump(ARRAY(SELECT a.person_id FROM auditor a));
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER auditor_rights_truncated BEFORE TRUNCATE ON auditor
        FOR EACH STATEMENT EXECUTE FUNCTION auditor_truncated()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE auditor`);
    await q.query(`DROP FUNCTION auditor_truncated()`);
    await q.query(`DROP FUNCTION auditor_rights_changed()`);
  }
}
