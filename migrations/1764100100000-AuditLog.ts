import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The append-only audit log. Each event carries the SHA-256 of its canonical form and of the
 * previous event's hash, so changing, removing or inserting an event breaks the chain where it
 * happened. The database itself refuses UPDATE, DELETE and TRUNCATE, so only someone able to
 * disable triggers (the table owner) can tamper, and verification then names the broken link.
 *
 * `audit_chain_head` is the single row appenders lock (`SELECT … FOR UPDATE`) before reading the
 * previous hash: appenders queue up there instead of both linking to the same predecessor, and
 * in REPEATABLE READ a stale reader fails with a serialisation error rather than forking the
 * chain. `UNIQUE (prev_hash)` is the last line of defence: a fork cannot even be stored.
 */
export class AuditLog1764100100000 implements MigrationInterface {
  name = 'AuditLog1764100100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_event (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        actor_id uuid,
        action varchar(64) NOT NULL,
        entity_type varchar(64) NOT NULL,
        entity_id varchar(64) NOT NULL,
        before jsonb,
        after jsonb,
        prev_hash char(64) NOT NULL UNIQUE CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
        hash char(64) NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$')
      )`);
    await q.query(`CREATE INDEX audit_event_at_idx ON audit_event (at DESC, id DESC)`);
    await q.query(`CREATE INDEX audit_event_entity_idx ON audit_event (entity_type, entity_id, at DESC)`);
    await q.query(`CREATE INDEX audit_event_actor_idx ON audit_event (actor_id, at DESC)`);
    await q.query(`CREATE INDEX audit_event_action_idx ON audit_event (action, at DESC)`);

    await q.query(`
      CREATE TABLE audit_chain_head (
        id smallint PRIMARY KEY CHECK (id = 1),
        last_id bigint,
        last_hash char(64) NOT NULL
      )`);
    // The genesis link: the first event's prev_hash is 64 zeros.
    await q.query(`INSERT INTO audit_chain_head (id, last_id, last_hash) VALUES (1, NULL, repeat('0', 64))`);

    await q.query(`
      CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON audit_event
        FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()`);
    await q.query(`
      CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
        FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()`);
    // The head only ever moves forward, to an event that exists with that hash; removing it
    // would let the chain restart from genesis.
    await q.query(`
      CREATE FUNCTION audit_head_forward() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.last_id IS NULL OR (OLD.last_id IS NOT NULL AND NEW.last_id <= OLD.last_id)
          OR NOT EXISTS (SELECT 1 FROM audit_event WHERE id = NEW.last_id AND hash = NEW.last_hash) THEN
          RAISE EXCEPTION 'audit_chain_head may only move forward to an existing event'
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_chain_head_forward BEFORE UPDATE ON audit_chain_head
        FOR EACH ROW EXECUTE FUNCTION audit_head_forward()`);
    await q.query(`
      CREATE TRIGGER audit_chain_head_no_delete BEFORE DELETE ON audit_chain_head
        FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()`);
    await q.query(`
      CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON audit_chain_head
        FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_chain_head`);
    await q.query(`DROP TABLE audit_event`);
    await q.query(`DROP FUNCTION audit_head_forward()`);
    await q.query(`DROP FUNCTION audit_refuse_change()`);
  }
}
