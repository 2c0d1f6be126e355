import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who looked up or opened which person, append-only (issue 12, point 3; docs/domain.md "Lookup
 * log"). One row per person lookup (`GET /api/persons/lookup`, found or not) and per opening of
 * a person's detail (`GET /api/persons/:id`), written by the very statement that reads the person
 * (persons.queries.ts personDetailQuery), so a lookup stays one round trip.
 *
 * - who: `actor_id` the signed-in person; `client_id`/`client_name` an API client (filled once
 *   API clients exist); at least one of them. No foreign keys: the log outlives the rows it names.
 * - whom: `person_id` the person found (null for a miss), `looked_up_by` how, and `looked_up` the
 *   value asked for, masked (a personnummer as 1985xxxx-xxxx), so a miss is told apart too.
 * - why: `purpose`, the screen or API the request came from (the UI's X-BEH-Purpose header).
 * - when: `at`.
 * - `answered`: whether the person's data was given back (false for a miss, and for a protected
 *   identity opened by id by someone other than an administrator).
 *
 * The database refuses UPDATE, DELETE and TRUNCATE (the audit log's audit_refuse_change()).
 * Each list filter has an index in the list's order (at, id, newest first).
 */
export class PersonAccessLog1765100100000 implements MigrationInterface {
  name = 'PersonAccessLog1765100100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE person_access_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid,
        client_id uuid,
        client_name varchar(200),
        action varchar(16) NOT NULL CHECK (action IN ('LOOKUP', 'DETAIL')),
        person_id uuid,
        looked_up_by varchar(32) NOT NULL
          CHECK (looked_up_by IN ('id', 'personnummer', 'passportNumber', 'hsaId')),
        looked_up varchar(100) NOT NULL,
        answered boolean NOT NULL,
        purpose varchar(32) NOT NULL,
        request_id varchar(64),
        CHECK (actor_id IS NOT NULL OR client_id IS NOT NULL OR client_name IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX person_access_log_at_idx ON person_access_log (at DESC, id DESC)`);
    await q.query(
      `CREATE INDEX person_access_log_person_idx ON person_access_log (person_id, at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX person_access_log_actor_idx ON person_access_log (actor_id, at DESC, id DESC)`,
    );
    await q.query(`
      CREATE TRIGGER person_access_log_no_update_delete BEFORE UPDATE OR DELETE ON person_access_log
        FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()`);
    await q.query(`
      CREATE TRIGGER person_access_log_no_truncate BEFORE TRUNCATE ON person_access_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE person_access_log`);
  }
}
