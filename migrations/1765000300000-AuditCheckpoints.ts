import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Region scale for the audit log.
 *
 * `audit_checkpoint`: "the chain was verified whole from its start up to event `event_id`, whose
 * hash is `event_hash`, `event_count` events, at `verified_at`". `GET /api/audit-events/verify`
 * starts from the newest one and recomputes only the events after it. Append-only like the log
 * itself (same trigger function), so a checkpoint cannot be moved without disabling triggers.
 *
 * `audit_verify_run`: full re-verifications from genesis, run in the background with their
 * progress. At most one runs at a time, across processes: the unique partial index on running
 * runs. A run whose process died stops sending heartbeats and is declared failed by the next
 * reader (AuditVerifyRuns).
 *
 * The list's indexes: every filter the audit log offers (action, entity type, entity id, actor)
 * is an equality followed by the list's order, time then event number, newest first; the old
 * ones ended at `at` and left the tie break to a sort.
 */
export class AuditCheckpoints1765000300000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_verify_run (
        id bigserial PRIMARY KEY,
        status varchar(16) NOT NULL CHECK (status IN ('RUNNING', 'INTACT', 'BROKEN', 'FAILED')),
        started_by uuid,
        started_at timestamptz NOT NULL DEFAULT now(),
        heartbeat_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        to_id bigint,
        to_hash char(64),
        total bigint,
        checked bigint NOT NULL DEFAULT 0,
        count bigint,
        first_broken_id bigint,
        reason varchar(32),
        detail text,
        CHECK ((status = 'RUNNING') = (finished_at IS NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX audit_verify_run_one_running ON audit_verify_run (status) WHERE status = 'RUNNING'`,
    );

    await q.query(`
      CREATE TABLE audit_checkpoint (
        id bigserial PRIMARY KEY,
        event_id bigint NOT NULL,
        event_hash char(64) NOT NULL CHECK (event_hash ~ '^[0-9a-f]{64}$'),
        event_count bigint NOT NULL CHECK (event_count > 0),
        verified_at timestamptz NOT NULL DEFAULT now(),
        run_id bigint REFERENCES audit_verify_run (id)
      )`);
    await q.query(`CREATE INDEX audit_checkpoint_event_idx ON audit_checkpoint (event_id DESC)`);
    await q.query(`
      CREATE TRIGGER audit_checkpoint_no_update_delete BEFORE UPDATE OR DELETE ON audit_checkpoint
        FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()`);
    await q.query(`
      CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint
        FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()`);

    await q.query(`DROP INDEX audit_event_entity_idx`);
    await q.query(`DROP INDEX audit_event_actor_idx`);
    await q.query(`DROP INDEX audit_event_action_idx`);
    // entity_id first: it alone is a filter of the list, and with the type it is an entity's history.
    await q.query(`CREATE INDEX audit_event_entity_id_idx ON audit_event (entity_id, at DESC, id DESC)`);
    await q.query(`CREATE INDEX audit_event_entity_type_idx ON audit_event (entity_type, at DESC, id DESC)`);
    await q.query(`CREATE INDEX audit_event_actor_idx ON audit_event (actor_id, at DESC, id DESC)`);
    await q.query(`CREATE INDEX audit_event_action_idx ON audit_event (action, at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audit_event_action_idx`);
    await q.query(`DROP INDEX audit_event_actor_idx`);
    await q.query(`DROP INDEX audit_event_entity_type_idx`);
    await q.query(`DROP INDEX audit_event_entity_id_idx`);
    await q.query(`CREATE INDEX audit_event_action_idx ON audit_event (action, at DESC)`);
    await q.query(`CREATE INDEX audit_event_actor_idx ON audit_event (actor_id, at DESC)`);
    await q.query(`CREATE INDEX audit_event_entity_idx ON audit_event (entity_type, entity_id, at DESC)`);
    await q.query(`DROP TABLE audit_checkpoint`);
    await q.query(`DROP TABLE audit_verify_run`);
  }
}
