import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Writing carried-out assignments back to KIV over LDAP (issue 15, Write back), and the drift
 * between KIV and BEH's own view of who holds what.
 *
 * - `ldap_write`: the outbox of hsaCommissionMember changes. A row is written in the same
 *   transaction as the holding it mirrors (carrying out a grant: ADD; a revoke: REMOVE; a
 *   time-limited grant's end: REMOVE due on the first day without, reason GRANT_ENDED). The
 *   delivery job claims due PENDING rows (`next_attempt_at` passed, pushed out as a lease), one
 *   (commission, person) pair in row order (`seq`); a write that kept failing becomes FAILED, shown
 *   to administrators with its LDAP error until one of them retries it. `order_id` is the order
 *   that waits for the write (it is completed once every GRANT/REVOKE row of it is DONE);
 *   `holding_ended` keeps, for a revoke line, whether BEH's holding had anything to end (the
 *   order's feedback says so). `outcome` says how a DONE row ended: WRITTEN, ALREADY (the member
 *   was already present / already absent: idempotent success) or STILL_HELD (a time-limited end
 *   that a later grant overtook: nothing removed).
 * - `directory_drift`: a membership seen in KIV that BEH does not hold (ADDED_ELSEWHERE) or one
 *   BEH holds that KIV lacks (REMOVED_ELSEWHERE), found after each sync; one open row per
 *   (commission, person HSA-id, kind), its first and last sighting, resolved when it is gone.
 */
export class LdapWriteBack1765200100000 implements MigrationInterface {
  name = 'LdapWriteBack1765200100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ldap_write (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        order_id uuid,
        reason varchar(16) NOT NULL CHECK (reason IN ('GRANT', 'REVOKE', 'GRANT_ENDED')),
        operation varchar(8) NOT NULL CHECK (operation IN ('ADD', 'REMOVE')),
        assignment_id uuid NOT NULL REFERENCES assignment(id),
        person_id uuid NOT NULL REFERENCES person(id),
        holding_ended boolean,
        status varchar(16) NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DONE', 'FAILED')),
        outcome varchar(16) CHECK (outcome IN ('WRITTEN', 'ALREADY', 'STILL_HELD')),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at timestamptz NOT NULL,
        last_error text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        done_at timestamptz,
        CONSTRAINT ldap_write_done_chk CHECK ((status = 'DONE') = (done_at IS NOT NULL AND outcome IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX ldap_write_due_idx ON ldap_write (next_attempt_at) WHERE status = 'PENDING'`);
    await q.query(
      `CREATE INDEX ldap_write_open_pair_idx ON ldap_write (assignment_id, person_id, seq) WHERE status <> 'DONE'`,
    );
    await q.query(`CREATE INDEX ldap_write_order_idx ON ldap_write (order_id) WHERE order_id IS NOT NULL`);
    await q.query(`CREATE INDEX ldap_write_done_idx ON ldap_write (done_at) WHERE status = 'DONE'`);
    await q.query(`CREATE INDEX ldap_write_created_idx ON ldap_write (created_at DESC)`);

    await q.query(`
      CREATE TABLE directory_drift (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        assignment_id uuid NOT NULL REFERENCES assignment(id),
        person_hsa_id varchar(64) NOT NULL,
        person_id uuid REFERENCES person(id),
        kind varchar(24) NOT NULL CHECK (kind IN ('ADDED_ELSEWHERE', 'REMOVED_ELSEWHERE')),
        first_seen_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        resolved_at timestamptz
      )`);
    await q.query(
      `CREATE UNIQUE INDEX directory_drift_open_idx ON directory_drift (assignment_id, person_hsa_id, kind)
        WHERE resolved_at IS NULL`,
    );
    await q.query(`CREATE INDEX directory_drift_seen_idx ON directory_drift (last_seen_at DESC)`);
    // VMU orders carried out whose write back is awaited (orders/ldap-handover.ts finds them).
    await q.query(`
      CREATE INDEX vmu_order_vmu_handed_over_idx ON vmu_order (id)
        WHERE kind = 'VMU' AND status = 'APPROVED' AND handed_over_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX vmu_order_vmu_handed_over_idx`);
    await q.query(`DROP TABLE directory_drift`);
    await q.query(`DROP TABLE ldap_write`);
  }
}
