import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Region scale: a version of each person's rights, so that a server can keep a session's derived
 * rights between requests and still never act on stale ones, whichever process made the change.
 *
 * `rights_version` (owned by the delegations module, whose RightsService derives rights) holds,
 * per person, a value that changes — to one never used before, from `rights_version_seq` — in
 * the same transaction as every change that person's rights are derived from:
 *
 * - a delegation made, changed, revoked or deleted (the delegate, old and new);
 * - the assignments a delegation lists (its delegate);
 * - a care unit's head (the old head and the new) and a care unit's name or HSA-id, which the
 *   rights show (its head and every delegate who has a delegation there).
 *
 * Statement-level triggers do it, so every writer is covered: the services, the demo seed, a
 * directory sync, a bulk load (COPY fires them too), a hand-written UPDATE, a TRUNCATE. The triggers on `care_unit` (the
 * directory's table) are the database's side of a dependency that already exists in the code —
 * delegations reads the directory's heads — and the directory's code never names
 * `rights_version`; docs/architecture.md (Rights and the per-session cache) explains them.
 *
 * What the version does not cover is read afresh with the session at every request and compared
 * by the cache itself: the person's administrator flag and VGR-ID, and Stockholm's date, on
 * which a delegation begins or ends without any write. No foreign key to `person`: a person's
 * deletion sets a head of unit to NULL, whose trigger then bumps the deleted person's version,
 * which a foreign key would refuse; a version row of a person who is gone is harmless.
 */
export class RightsVersion1765000100000 implements MigrationInterface {
  name = 'RightsVersion1765000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE rights_version_seq`);
    await q.query(`
      CREATE TABLE rights_version (
        person_id uuid PRIMARY KEY,
        version bigint NOT NULL
      )`);

    // Persons in id order, so that two transactions bumping overlapping sets lock in one order.
    await q.query(`
      CREATE FUNCTION rights_version_bump(persons uuid[]) RETURNS void LANGUAGE sql AS $$
        INSERT INTO rights_version AS rv (person_id, version)
        SELECT changed.person_id, nextval('rights_version_seq')
          FROM (SELECT DISTINCT p AS person_id FROM unnest(persons) AS u(p) WHERE p IS NOT NULL
                 ORDER BY 1) AS changed
        ON CONFLICT (person_id) DO UPDATE SET version = EXCLUDED.version
      $$`);

    await q.query(`
      CREATE FUNCTION delegation_rights_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM rights_version_bump(ARRAY(SELECT n.delegate_id FROM new_rows n));
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM rights_version_bump(ARRAY(SELECT o.delegate_id FROM old_rows o));
        ELSE
          PERFORM rights_version_bump(ARRAY(
            SELECT o.delegate_id FROM old_rows o UNION SELECT n.delegate_id FROM new_rows n));
        END IF;
        RETURN NULL;
      END $$`);

    // A delegation's delegate; when the delegation itself is deleted (its assignments go with it
    // by cascade) it is no longer found here, and the delegation's own trigger has bumped them.
    await q.query(`
      CREATE FUNCTION delegation_assignment_rights_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM rights_version_bump(ARRAY(
            SELECT d.delegate_id FROM delegation d WHERE d.id IN (SELECT n.delegation_id FROM new_rows n)));
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM rights_version_bump(ARRAY(
            SELECT d.delegate_id FROM delegation d WHERE d.id IN (SELECT o.delegation_id FROM old_rows o)));
        ELSE
          PERFORM rights_version_bump(ARRAY(
            SELECT d.delegate_id FROM delegation d
             WHERE d.id IN (SELECT o.delegation_id FROM old_rows o UNION SELECT n.delegation_id FROM new_rows n)));
        END IF;
        RETURN NULL;
      END $$`);

    // Only what rights show of a unit counts (head, name, HSA-id): other updates bump nobody.
    // Every delegate with a delegation at a renamed unit, ended or not: the app's Clock, not the
    // database's, decides which are in force, and a rename is rare enough to bump them all.
    await q.query(`
      CREATE FUNCTION care_unit_rights_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM rights_version_bump(ARRAY(SELECT n.head_of_unit_id FROM new_rows n));
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM rights_version_bump(ARRAY(
            SELECT o.head_of_unit_id FROM old_rows o
            UNION SELECT d.delegate_id FROM delegation d WHERE d.care_unit_id IN (SELECT o.id FROM old_rows o)));
        ELSE
          PERFORM rights_version_bump(ARRAY(
            WITH pair AS (
              SELECT o.id AS old_id, n.id AS new_id, o.head_of_unit_id AS old_head, n.head_of_unit_id AS new_head,
                     (o.name, o.hsa_id) IS DISTINCT FROM (n.name, n.hsa_id) AS renamed
                FROM old_rows o FULL JOIN new_rows n ON n.id = o.id
            ), changed AS (
              SELECT * FROM pair
               WHERE old_id IS NULL OR new_id IS NULL OR renamed OR old_head IS DISTINCT FROM new_head
            )
            SELECT old_head FROM changed
            UNION SELECT new_head FROM changed
            UNION SELECT d.delegate_id FROM delegation d
                   WHERE d.care_unit_id IN (SELECT old_id FROM changed WHERE renamed OR new_id IS NULL
                                            UNION SELECT new_id FROM changed WHERE renamed OR old_id IS NULL)));
        END IF;
        RETURN NULL;
      END $$`);

    for (const [table, fn] of [
      ['delegation', 'delegation_rights_changed'],
      ['delegation_assignment', 'delegation_assignment_rights_changed'],
      ['care_unit', 'care_unit_rights_changed'],
    ] as const) {
      await q.query(`
        CREATE TRIGGER ${table}_rights_inserted AFTER INSERT ON ${table}
          REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
      await q.query(`
        CREATE TRIGGER ${table}_rights_updated AFTER UPDATE ON ${table}
          REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
      await q.query(`
        CREATE TRIGGER ${table}_rights_deleted AFTER DELETE ON ${table}
          REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
    }

    // TRUNCATE fires no DELETE trigger: before the rows go, everyone they gave rights is bumped.
    await q.query(`
      CREATE FUNCTION rights_sources_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'care_unit' THEN
          PERFORM rights_version_bump(ARRAY(SELECT cu.head_of_unit_id FROM care_unit cu));
        END IF;
        PERFORM rights_version_bump(ARRAY(
          SELECT d.delegate_id FROM delegation d
           WHERE TG_TABLE_NAME <> 'delegation_assignment'
              OR EXISTS (SELECT 1 FROM delegation_assignment da WHERE da.delegation_id = d.id)));
        RETURN NULL;
      END $$`);
    for (const table of ['delegation', 'delegation_assignment', 'care_unit']) {
      await q.query(`
        CREATE TRIGGER ${table}_rights_truncated BEFORE TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION rights_sources_truncated()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['delegation', 'delegation_assignment', 'care_unit']) {
      for (const event of ['inserted', 'updated', 'deleted', 'truncated']) {
        await q.query(`DROP TRIGGER ${table}_rights_${event} ON ${table}`);
      }
    }
    await q.query(`DROP FUNCTION rights_sources_truncated()`);
    await q.query(`DROP FUNCTION care_unit_rights_changed()`);
    await q.query(`DROP FUNCTION delegation_assignment_rights_changed()`);
    await q.query(`DROP FUNCTION delegation_rights_changed()`);
    await q.query(`DROP FUNCTION rights_version_bump(uuid[])`);
    await q.query(`DROP TABLE rights_version`);
    await q.query(`DROP SEQUENCE rights_version_seq`);
  }
}
