import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The directory read from KIV over LDAP (issue 15): what LDAP no longer has is marked inactive,
 * never deleted (orders and the audit log keep pointing at it); an engagement keeps the HSA-id of
 * its LDAP entry; every sync run is recorded; and the members each commission had in LDAP at its
 * last sync are kept, so that the write-back can tell BEH's view from LDAP's (drift).
 */
export class DirectorySync1765200000000 implements MigrationInterface {
  name = 'DirectorySync1765200000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['care_provider', 'administration', 'care_unit', 'person', 'assignment']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN active boolean NOT NULL DEFAULT true`);
    }
    await q.query(`ALTER TABLE engagement ADD COLUMN hsa_id varchar(64) UNIQUE`);
    // hsaCommissionRight, e.g. Läsa;alla;SJF: shown with the commission, decided nothing on yet.
    await q.query(`ALTER TABLE assignment ADD COLUMN rights text[]`);

    await q.query(`
      CREATE TABLE directory_sync_run (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind varchar(16) NOT NULL CHECK (kind IN ('FULL', 'INCREMENTAL')),
        trigger varchar(16) NOT NULL CHECK (trigger IN ('SCHEDULER', 'MANUAL')),
        requested_by uuid REFERENCES person(id),
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        status varchar(16) NOT NULL DEFAULT 'RUNNING' CHECK (status IN ('RUNNING', 'DONE', 'FAILED')),
        since timestamptz,
        read_count integer NOT NULL DEFAULT 0,
        created_count integer NOT NULL DEFAULT 0,
        changed_count integer NOT NULL DEFAULT 0,
        inactivated_count integer NOT NULL DEFAULT 0,
        error_count integer NOT NULL DEFAULT 0,
        errors jsonb NOT NULL DEFAULT '[]'::jsonb,
        error text,
        CONSTRAINT directory_sync_run_since_chk CHECK (kind = 'INCREMENTAL' OR since IS NULL)
      )`);
    await q.query(
      `CREATE INDEX directory_sync_run_started_idx ON directory_sync_run (started_at DESC, id DESC)`,
    );
    // Where the next incremental run reads from, and whether a full pass is due.
    await q.query(`
      CREATE INDEX directory_sync_run_done_idx ON directory_sync_run (kind, started_at DESC)
        WHERE status = 'DONE'`);

    await q.query(`
      CREATE TABLE ldap_commission_member (
        assignment_id uuid NOT NULL REFERENCES assignment(id),
        person_hsa_id varchar(64) NOT NULL,
        seen_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (assignment_id, person_hsa_id)
      )`);
    await q.query(`CREATE INDEX ldap_commission_member_person_idx ON ldap_commission_member (person_hsa_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ldap_commission_member`);
    await q.query(`DROP TABLE directory_sync_run`);
    await q.query(`ALTER TABLE assignment DROP COLUMN rights`);
    await q.query(`ALTER TABLE engagement DROP COLUMN hsa_id`);
    for (const table of ['care_provider', 'administration', 'care_unit', 'person', 'assignment']) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN active`);
    }
  }
}
