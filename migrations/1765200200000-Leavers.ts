import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Leavers and movers (issue 15, point 4).
 *
 * `leaver_due` is the queue of engagements whose end the scheduler has still to act on: a trigger
 * on `engagement` puts a row there whenever an engagement's `valid_to` is set or moved (the
 * administrators' grid in embedded mode, the KIV sync in ldap mode: whoever writes the row), and
 * takes it away when the end is cleared again. The scheduler's leavers job claims rows with
 * `FOR UPDATE SKIP LOCKED`, acts on them (revoke orders, delegations ended) and deletes them in
 * the same transaction, so it reads only what can be due and two processes never act twice. An
 * engagement inserted already ended is history, not a leaver, and is not queued. `waiting` says
 * why a row is held back (the unit has no head of unit to attest, or the head is the leaver).
 *
 * `vmu_order.placed_by_system` marks a revoke order the system placed for a leaver: its orderer
 * column names the head of unit (who attests, is told when it is carried out and reads its
 * feedback), and every list shows "Systemet (KIV)" as its orderer.
 *
 * `delegation.revoked_by_system`: a delegation the system revoked (its delegate left the unit
 * before it began) has no person who revoked it.
 */
export class Leavers1765200200000 implements MigrationInterface {
  name = 'Leavers1765200200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE leaver_due (
        engagement_id uuid PRIMARY KEY REFERENCES engagement(id) ON DELETE CASCADE,
        valid_to date NOT NULL,
        queued_at timestamptz NOT NULL DEFAULT now(),
        waiting varchar(32) CHECK (waiting IN ('NO_HEAD_OF_UNIT'))
      )`);
    await q.query(`
      CREATE FUNCTION engagement_end_queued() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM leaver_due d USING new_rows n WHERE d.engagement_id = n.id AND n.valid_to IS NULL;
        INSERT INTO leaver_due AS d (engagement_id, valid_to, queued_at)
        SELECT n.id, n.valid_to, now()
          FROM new_rows n JOIN old_rows o ON o.id = n.id
         WHERE n.valid_to IS NOT NULL AND n.valid_to IS DISTINCT FROM o.valid_to
         ORDER BY n.id
        ON CONFLICT (engagement_id) DO UPDATE
          SET valid_to = EXCLUDED.valid_to, queued_at = EXCLUDED.queued_at, waiting = NULL;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER engagement_end_queued AFTER UPDATE ON engagement
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION engagement_end_queued()`);

    await q.query(`ALTER TABLE vmu_order ADD COLUMN placed_by_system boolean NOT NULL DEFAULT false`);

    await q.query(`ALTER TABLE delegation ADD COLUMN revoked_by_system boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE delegation DROP CONSTRAINT delegation_revoked_chk`);
    await q.query(`
      ALTER TABLE delegation ADD CONSTRAINT delegation_revoked_chk CHECK (
        CASE WHEN revoked_at IS NULL THEN revoked_by_id IS NULL AND NOT revoked_by_system
             ELSE (revoked_by_id IS NOT NULL) <> revoked_by_system END)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE delegation DROP CONSTRAINT delegation_revoked_chk`);
    await q.query(`UPDATE delegation SET revoked_by_id = grantor_id WHERE revoked_by_system`);
    await q.query(`ALTER TABLE delegation DROP COLUMN revoked_by_system`);
    await q.query(`
      ALTER TABLE delegation ADD CONSTRAINT delegation_revoked_chk
        CHECK ((revoked_at IS NULL) = (revoked_by_id IS NULL))`);
    await q.query(`ALTER TABLE vmu_order DROP COLUMN placed_by_system`);
    await q.query(`DROP TRIGGER engagement_end_queued ON engagement`);
    await q.query(`DROP FUNCTION engagement_end_queued()`);
    await q.query(`DROP TABLE leaver_due`);
  }
}
