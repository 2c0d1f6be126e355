import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delegations: a head of unit grants a person ORDER and/or ATTEST for a care unit, for the whole
 * unit or for listed assignments, valid from/to. The status (active, future, ended, revoked) is
 * computed from the dates and `revoked_at` with Stockholm's today, never stored.
 *
 * Assignments are referenced without ON DELETE: removing an assignment from the catalogue must not
 * silently widen a delegation that listed only it into one for the whole unit.
 * `delegation_event` is the history of every change, written in the same transaction.
 */
export class Delegations1764200100000 implements MigrationInterface {
  name = 'Delegations1764200100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE delegation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        delegate_id uuid NOT NULL REFERENCES person(id),
        care_unit_id uuid NOT NULL REFERENCES care_unit(id),
        grantor_id uuid NOT NULL REFERENCES person(id),
        may_order boolean NOT NULL,
        may_attest boolean NOT NULL,
        valid_from date NOT NULL,
        valid_to date,
        revoked_at timestamptz,
        revoked_by_id uuid REFERENCES person(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT delegation_rights_chk CHECK (may_order OR may_attest),
        CONSTRAINT delegation_validity_chk CHECK (valid_to IS NULL OR valid_to >= valid_from),
        CONSTRAINT delegation_revoked_chk CHECK ((revoked_at IS NULL) = (revoked_by_id IS NULL))
      )`);
    await q.query(`CREATE INDEX delegation_delegate_idx ON delegation (delegate_id, valid_from, valid_to)`);
    await q.query(`CREATE INDEX delegation_unit_idx ON delegation (care_unit_id, valid_from)`);
    await q.query(`CREATE INDEX delegation_grantor_idx ON delegation (grantor_id)`);
    await q.query(`CREATE INDEX delegation_valid_from_idx ON delegation (valid_from DESC)`);

    await q.query(`
      CREATE TABLE delegation_assignment (
        delegation_id uuid NOT NULL REFERENCES delegation(id) ON DELETE CASCADE,
        assignment_id uuid NOT NULL REFERENCES assignment(id),
        PRIMARY KEY (delegation_id, assignment_id)
      )`);
    await q.query(
      `CREATE INDEX delegation_assignment_assignment_idx ON delegation_assignment (assignment_id)`,
    );

    await q.query(`
      CREATE TABLE delegation_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        delegation_id uuid NOT NULL REFERENCES delegation(id) ON DELETE CASCADE,
        actor_id uuid NOT NULL REFERENCES person(id),
        action varchar(16) NOT NULL CHECK (action IN ('CREATED', 'LIMITED', 'REVOKED')),
        before jsonb,
        after jsonb NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX delegation_event_delegation_idx ON delegation_event (delegation_id, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE delegation_event`);
    await q.query(`DROP TABLE delegation_assignment`);
    await q.query(`DROP TABLE delegation`);
  }
}
