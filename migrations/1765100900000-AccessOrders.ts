import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ordering access to local and regional systems (issue 14, points 2–5).
 *
 * - Delegations may be for a verksamhet (access_operation) instead of a care unit: exactly one of
 *   the two. The verksamhet's head (access_operation.head_person_id) plays the head of unit's part,
 *   so a change of head, like a change of a unit's head, bumps the rights versions it touches.
 * - An access order is a vmu_order of kind ACCESS: the same order numbers, state machine, attest
 *   and audit events as a VMU order, for one verksamhet instead of one care unit. Its lines are
 *   vmu_order_item rows that name a template and a profession instead of an assignment; a
 *   Förändring (type CHANGE) line also names the template and profession it replaces.
 *   `handed_over_at` is when an approved access order's system parts were made.
 * - access_part: one per line and system, carried out by the system's administrators (MANUAL)
 *   or over SCIM; the row itself is the SCIM delivery's outbox (attempts, next try, last error).
 *   Återkopplingsinfo is sealed (AES-256-GCM, like the SCIM credentials).
 * - system_administrator: who carries out a MANUAL system's parts.
 * - access_holding: the templates a person holds, written when an access order is completed.
 *
 * On a region's million orders the ALTERs add columns with constant defaults (no rewrite); the
 * CHECKs are added NOT VALID and validated, which reads the table once without blocking writes.
 */
export class AccessOrders1765100900000 implements MigrationInterface {
  name = 'AccessOrders1765100900000';

  async up(q: QueryRunner): Promise<void> {
    // Point 2: delegations for verksamheter.
    await q.query(`ALTER TABLE delegation ALTER COLUMN care_unit_id DROP NOT NULL`);
    await q.query(
      `ALTER TABLE delegation ADD COLUMN access_operation_id uuid REFERENCES access_operation(id)`,
    );
    await q.query(`
      ALTER TABLE delegation ADD CONSTRAINT delegation_target_chk
        CHECK ((care_unit_id IS NULL) <> (access_operation_id IS NULL)) NOT VALID`);
    await q.query(`ALTER TABLE delegation VALIDATE CONSTRAINT delegation_target_chk`);
    await q.query(`
      CREATE INDEX delegation_operation_idx ON delegation (access_operation_id, valid_from)
        WHERE access_operation_id IS NOT NULL`);

    await q.query(`
      CREATE FUNCTION access_operation_rights_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM rights_version_bump(ARRAY(SELECT n.head_person_id FROM new_rows n));
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM rights_version_bump(ARRAY(
            SELECT o.head_person_id FROM old_rows o
            UNION SELECT d.delegate_id FROM delegation d
                   WHERE d.access_operation_id IN (SELECT o.id FROM old_rows o)));
        ELSE
          PERFORM rights_version_bump(ARRAY(
            WITH pair AS (
              SELECT o.id AS old_id, n.id AS new_id, o.head_person_id AS old_head,
                     n.head_person_id AS new_head, (o.name, o.area_id) IS DISTINCT FROM (n.name, n.area_id) AS renamed
                FROM old_rows o FULL JOIN new_rows n ON n.id = o.id
            ), changed AS (
              SELECT * FROM pair
               WHERE old_id IS NULL OR new_id IS NULL OR renamed OR old_head IS DISTINCT FROM new_head
            )
            SELECT old_head FROM changed
            UNION SELECT new_head FROM changed
            UNION SELECT d.delegate_id FROM delegation d
                   WHERE d.access_operation_id IN (SELECT old_id FROM changed WHERE renamed)));
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER access_operation_rights_inserted AFTER INSERT ON access_operation
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION access_operation_rights_changed()`);
    await q.query(`
      CREATE TRIGGER access_operation_rights_updated AFTER UPDATE ON access_operation
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION access_operation_rights_changed()`);
    await q.query(`
      CREATE TRIGGER access_operation_rights_deleted AFTER DELETE ON access_operation
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION access_operation_rights_changed()`);

    // Rights carry the names of an operation's område and of the systems a person administers: a
    // rename bumps whoever's rights show them.
    await q.query(`
      CREATE FUNCTION access_area_rights_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM rights_version_bump(ARRAY(
          SELECT o.head_person_id FROM access_operation o
           WHERE o.area_id IN (SELECT n.id FROM new_rows n JOIN old_rows p ON p.id = n.id WHERE p.name IS DISTINCT FROM n.name)
          UNION
          SELECT d.delegate_id FROM delegation d JOIN access_operation o ON o.id = d.access_operation_id
           WHERE o.area_id IN (SELECT n.id FROM new_rows n JOIN old_rows p ON p.id = n.id WHERE p.name IS DISTINCT FROM n.name)));
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER access_area_rights_updated AFTER UPDATE ON access_area
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION access_area_rights_changed()`);

    // Point 5: a system's administrators; being one is a right, so it bumps the person's version.
    await q.query(`
      CREATE TABLE system_administrator (
        system_id uuid NOT NULL REFERENCES local_system(id) ON DELETE CASCADE,
        person_id uuid NOT NULL REFERENCES person(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (system_id, person_id)
      )`);
    await q.query(`CREATE INDEX system_administrator_person_idx ON system_administrator (person_id)`);
    await q.query(`
      CREATE FUNCTION system_administrator_rights_changed() RETURNS trigger LANGUAGE plpgsql AS $$
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
    await q.query(`
      CREATE FUNCTION local_system_rights_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM rights_version_bump(ARRAY(
          SELECT sa.person_id FROM system_administrator sa
           WHERE sa.system_id IN (SELECT n.id FROM new_rows n JOIN old_rows p ON p.id = n.id WHERE p.name IS DISTINCT FROM n.name)));
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER local_system_rights_updated AFTER UPDATE ON local_system
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION local_system_rights_changed()`);
    for (const [event, refs] of [
      ['INSERT', 'NEW TABLE AS new_rows'],
      ['UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows'],
      ['DELETE', 'OLD TABLE AS old_rows'],
    ] as const) {
      await q.query(`
        CREATE TRIGGER system_administrator_rights_${event.toLowerCase()} AFTER ${event} ON system_administrator
          REFERENCING ${refs} FOR EACH STATEMENT EXECUTE FUNCTION system_administrator_rights_changed()`);
    }

    // Point 3: access orders are orders of kind ACCESS, for a verksamhet.
    await q.query(`ALTER TABLE vmu_order ADD COLUMN kind varchar(8) NOT NULL DEFAULT 'VMU'`);
    await q.query(
      `ALTER TABLE vmu_order ADD COLUMN access_operation_id uuid REFERENCES access_operation(id)`,
    );
    await q.query(`ALTER TABLE vmu_order ADD COLUMN handed_over_at timestamptz`);
    await q.query(`ALTER TABLE vmu_order ALTER COLUMN care_unit_id DROP NOT NULL`);
    await q.query(`ALTER TABLE vmu_order DROP CONSTRAINT vmu_order_type_check`);
    await q.query(`
      ALTER TABLE vmu_order
        ADD CONSTRAINT vmu_order_type_check CHECK (type IN ('GRANT', 'REVOKE', 'CHANGE')) NOT VALID,
        ADD CONSTRAINT vmu_order_kind_chk CHECK (
          (kind = 'VMU' AND care_unit_id IS NOT NULL AND access_operation_id IS NULL AND type <> 'CHANGE')
          OR (kind = 'ACCESS' AND care_unit_id IS NULL AND access_operation_id IS NOT NULL)) NOT VALID`);
    await q.query(`ALTER TABLE vmu_order VALIDATE CONSTRAINT vmu_order_type_check`);
    await q.query(`ALTER TABLE vmu_order VALIDATE CONSTRAINT vmu_order_kind_chk`);
    await q.query(`
      CREATE INDEX vmu_order_operation_idx ON vmu_order (access_operation_id, created_at DESC)
        WHERE access_operation_id IS NOT NULL`);
    await q.query(`
      CREATE INDEX vmu_order_access_created_idx ON vmu_order (created_at DESC, order_number DESC)
        WHERE kind = 'ACCESS'`);
    await q.query(`
      CREATE INDEX vmu_order_access_due_idx ON vmu_order (start_date)
        WHERE kind = 'ACCESS' AND status = 'APPROVED' AND handed_over_at IS NULL`);

    await q.query(`ALTER TABLE vmu_order_item ALTER COLUMN assignment_id DROP NOT NULL`);
    await q.query(`ALTER TABLE vmu_order_item ADD COLUMN template_id uuid REFERENCES access_template(id)`);
    await q.query(`ALTER TABLE vmu_order_item ADD COLUMN profession_id uuid REFERENCES profession(id)`);
    await q.query(
      `ALTER TABLE vmu_order_item ADD COLUMN previous_template_id uuid REFERENCES access_template(id)`,
    );
    await q.query(
      `ALTER TABLE vmu_order_item ADD COLUMN previous_profession_id uuid REFERENCES profession(id)`,
    );
    await q.query(`ALTER TABLE vmu_order_item DROP CONSTRAINT vmu_order_item_type_check`);
    await q.query(`
      ALTER TABLE vmu_order_item
        ADD CONSTRAINT vmu_order_item_type_check CHECK (type IN ('GRANT', 'REVOKE', 'CHANGE')) NOT VALID,
        ADD CONSTRAINT vmu_order_item_line_chk CHECK (
          (assignment_id IS NOT NULL AND template_id IS NULL AND profession_id IS NULL AND type <> 'CHANGE')
          OR (assignment_id IS NULL AND template_id IS NOT NULL AND profession_id IS NOT NULL
              AND (type = 'CHANGE') = (previous_template_id IS NOT NULL AND previous_profession_id IS NOT NULL)))
          NOT VALID`);
    await q.query(`ALTER TABLE vmu_order_item VALIDATE CONSTRAINT vmu_order_item_type_check`);
    await q.query(`ALTER TABLE vmu_order_item VALIDATE CONSTRAINT vmu_order_item_line_chk`);
    await q.query(
      `ALTER TABLE vmu_order_item ADD CONSTRAINT vmu_order_item_template_uq UNIQUE (order_id, template_id)`,
    );
    // What keeps a person from two open orders for the same template, as the pending index does
    // for assignments.
    await q.query(`
      CREATE UNIQUE INDEX vmu_order_item_template_pending_uq ON vmu_order_item (end_user_id, template_id)
        WHERE status = 'PENDING' AND template_id IS NOT NULL`);

    // Point 5: a line's part per system.
    await q.query(`
      CREATE TABLE access_part (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL REFERENCES vmu_order(id),
        item_id uuid NOT NULL REFERENCES vmu_order_item(id),
        system_id uuid NOT NULL REFERENCES local_system(id),
        method varchar(8) NOT NULL CHECK (method IN ('MANUAL', 'SCIM')),
        grant_roles jsonb NOT NULL DEFAULT '[]',
        revoke_roles jsonb NOT NULL DEFAULT '[]',
        status varchar(10) NOT NULL CHECK (status IN ('PENDING', 'DONE', 'REFUSED')),
        urgent boolean NOT NULL DEFAULT false,
        reason varchar(2000),
        feedback_sealed jsonb,
        feedback_reads integer NOT NULL DEFAULT 0,
        feedback_first_read_at timestamptz,
        done_by_id uuid REFERENCES person(id),
        done_at timestamptz,
        scim_attempts integer NOT NULL DEFAULT 0,
        scim_next_at timestamptz,
        scim_last_error text,
        reminded_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT access_part_line_system_uq UNIQUE (item_id, system_id),
        CONSTRAINT access_part_refused_chk CHECK (status <> 'REFUSED' OR reason IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX access_part_order_idx ON access_part (order_id)`);
    await q.query(
      `CREATE INDEX access_part_pending_idx ON access_part (system_id, created_at) WHERE status = 'PENDING'`,
    );
    await q.query(`
      CREATE INDEX access_part_scim_due_idx ON access_part (scim_next_at)
        WHERE status = 'PENDING' AND method = 'SCIM'`);

    await q.query(`
      CREATE TABLE access_holding (
        person_id uuid NOT NULL REFERENCES person(id),
        template_id uuid NOT NULL REFERENCES access_template(id),
        profession_id uuid NOT NULL REFERENCES profession(id),
        held_from date NOT NULL,
        order_id uuid REFERENCES vmu_order(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (person_id, template_id)
      )`);
    await q.query(`CREATE INDEX access_holding_template_idx ON access_holding (template_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS access_holding`);
    await q.query(`DROP TABLE IF EXISTS access_part`);
    await q.query(`DROP INDEX IF EXISTS vmu_order_item_template_pending_uq`);
    await q.query(`ALTER TABLE vmu_order_item DROP CONSTRAINT IF EXISTS vmu_order_item_template_uq`);
    await q.query(`ALTER TABLE vmu_order_item DROP CONSTRAINT IF EXISTS vmu_order_item_line_chk`);
    await q.query(`DELETE FROM vmu_order_item WHERE template_id IS NOT NULL`);
    await q.query(`ALTER TABLE vmu_order_item DROP CONSTRAINT IF EXISTS vmu_order_item_type_check`);
    await q.query(
      `ALTER TABLE vmu_order_item ADD CONSTRAINT vmu_order_item_type_check CHECK (type IN ('GRANT', 'REVOKE'))`,
    );
    for (const column of ['previous_profession_id', 'previous_template_id', 'profession_id', 'template_id']) {
      await q.query(`ALTER TABLE vmu_order_item DROP COLUMN IF EXISTS ${column}`);
    }
    await q.query(`ALTER TABLE vmu_order_item ALTER COLUMN assignment_id SET NOT NULL`);
    await q.query(`DELETE FROM vmu_order WHERE kind = 'ACCESS'`);
    await q.query(`ALTER TABLE vmu_order DROP CONSTRAINT IF EXISTS vmu_order_kind_chk`);
    await q.query(`ALTER TABLE vmu_order DROP CONSTRAINT IF EXISTS vmu_order_type_check`);
    await q.query(
      `ALTER TABLE vmu_order ADD CONSTRAINT vmu_order_type_check CHECK (type IN ('GRANT', 'REVOKE'))`,
    );
    await q.query(`ALTER TABLE vmu_order ALTER COLUMN care_unit_id SET NOT NULL`);
    for (const column of ['handed_over_at', 'access_operation_id', 'kind']) {
      await q.query(`ALTER TABLE vmu_order DROP COLUMN IF EXISTS ${column}`);
    }
    await q.query(`DROP TABLE IF EXISTS system_administrator`);
    await q.query(`DROP FUNCTION IF EXISTS system_administrator_rights_changed() CASCADE`);
    await q.query(`DROP FUNCTION IF EXISTS local_system_rights_changed() CASCADE`);
    await q.query(`DROP FUNCTION IF EXISTS access_area_rights_changed() CASCADE`);
    await q.query(`DROP FUNCTION IF EXISTS access_operation_rights_changed() CASCADE`);
    await q.query(`DELETE FROM delegation WHERE access_operation_id IS NOT NULL`);
    await q.query(`ALTER TABLE delegation DROP CONSTRAINT IF EXISTS delegation_target_chk`);
    await q.query(`ALTER TABLE delegation DROP COLUMN IF EXISTS access_operation_id`);
    await q.query(`ALTER TABLE delegation ALTER COLUMN care_unit_id SET NOT NULL`);
  }
}
