import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The directory (KIV) as the portal keeps it: organisation tree, persons, engagements, the
 * assignment catalogue per care unit, held assignments and the systems guide.
 *
 * Name search is prefix, case- and accent-insensitive: `beh_fold()` folds a text through
 * `unaccent` and `lower`, and expression indexes with `text_pattern_ops` serve `LIKE 'x%'`.
 */
export class DirectorySchema1764000000000 implements MigrationInterface {
  name = 'DirectorySchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    // unaccent() is only STABLE (its dictionary could change); pinning the dictionary makes
    // the fold safe to use in an index.
    await q.query(`
      CREATE FUNCTION beh_fold(text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$`);

    await q.query(`
      CREATE TABLE care_provider (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        hsa_id varchar(64) NOT NULL UNIQUE,
        name varchar(200) NOT NULL,
        kind varchar(16) NOT NULL CHECK (kind IN ('REGIONAL', 'PRIVATE')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE administration (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(32) NOT NULL UNIQUE,
        name varchar(200) NOT NULL,
        care_provider_id uuid NOT NULL REFERENCES care_provider(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX administration_provider_idx ON administration (care_provider_id)`);
    await q.query(
      `CREATE INDEX administration_name_fold_idx ON administration (beh_fold(name) text_pattern_ops)`,
    );

    await q.query(`
      CREATE TABLE person (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        hsa_id varchar(64) NOT NULL UNIQUE,
        user_id varchar(32) NOT NULL UNIQUE,
        personnummer char(12) UNIQUE,
        passport_number varchar(32) UNIQUE,
        first_name varchar(100) NOT NULL,
        last_name varchar(100) NOT NULL,
        title varchar(200),
        email varchar(254),
        protected_identity boolean NOT NULL DEFAULT false,
        is_administrator boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT person_identity_chk CHECK (personnummer IS NOT NULL OR passport_number IS NOT NULL),
        CONSTRAINT person_personnummer_chk CHECK (personnummer ~ '^[0-9]{12}$')
      )`);
    await q.query(
      `CREATE INDEX person_first_name_fold_idx ON person (beh_fold(first_name) text_pattern_ops)`,
    );
    await q.query(`CREATE INDEX person_last_name_fold_idx ON person (beh_fold(last_name) text_pattern_ops)`);
    await q.query(`CREATE INDEX person_user_id_fold_idx ON person (lower(user_id) text_pattern_ops)`);
    await q.query(`CREATE INDEX person_name_sort_idx ON person (last_name, first_name)`);
    await q.query(`CREATE INDEX person_upper_hsa_idx ON person (upper(hsa_id))`);
    await q.query(`CREATE INDEX person_upper_passport_idx ON person (upper(passport_number))`);

    await q.query(`
      CREATE TABLE care_unit (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        hsa_id varchar(64) NOT NULL UNIQUE,
        name varchar(200) NOT NULL,
        administration_id uuid NOT NULL REFERENCES administration(id),
        head_of_unit_id uuid REFERENCES person(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX care_unit_administration_idx ON care_unit (administration_id)`);
    await q.query(`CREATE INDEX care_unit_head_idx ON care_unit (head_of_unit_id)`);
    await q.query(`CREATE INDEX care_unit_name_fold_idx ON care_unit (beh_fold(name) text_pattern_ops)`);

    await q.query(`
      CREATE TABLE engagement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES person(id) ON DELETE CASCADE,
        care_unit_id uuid NOT NULL REFERENCES care_unit(id),
        cost_centre varchar(16) NOT NULL,
        title varchar(200),
        valid_from date NOT NULL,
        valid_to date,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT engagement_validity_chk CHECK (valid_to IS NULL OR valid_to >= valid_from)
      )`);
    await q.query(`CREATE INDEX engagement_person_idx ON engagement (person_id, valid_from, valid_to)`);
    await q.query(`CREATE INDEX engagement_unit_idx ON engagement (care_unit_id, valid_from, valid_to)`);

    await q.query(`
      CREATE TABLE assignment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        hsa_id varchar(64) NOT NULL UNIQUE,
        care_unit_id uuid NOT NULL REFERENCES care_unit(id),
        name varchar(200) NOT NULL,
        purpose varchar(32) NOT NULL
          CHECK (purpose IN ('CARE_AND_TREATMENT', 'QUALITY_ASSURANCE', 'ADMINISTRATION', 'STATISTICS')),
        kind varchar(16) NOT NULL CHECK (kind IN ('GENERAL', 'SPECIAL')),
        description text,
        private_provider_only boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT assignment_unit_name_uq UNIQUE (care_unit_id, name)
      )`);
    await q.query(`CREATE INDEX assignment_name_fold_idx ON assignment (beh_fold(name) text_pattern_ops)`);
    await q.query(`CREATE INDEX assignment_purpose_idx ON assignment (purpose)`);

    await q.query(`
      CREATE TABLE held_assignment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES person(id) ON DELETE CASCADE,
        assignment_id uuid NOT NULL REFERENCES assignment(id),
        valid_from date NOT NULL,
        valid_to date,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT held_assignment_validity_chk CHECK (valid_to IS NULL OR valid_to >= valid_from)
      )`);
    await q.query(
      `CREATE INDEX held_assignment_person_idx ON held_assignment (person_id, valid_from, valid_to)`,
    );
    await q.query(
      `CREATE INDEX held_assignment_assignment_idx ON held_assignment (assignment_id, valid_from, valid_to)`,
    );

    await q.query(`
      CREATE TABLE system_guide (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        system_name varchar(200) NOT NULL,
        use_case varchar(500) NOT NULL DEFAULT '',
        purpose varchar(32) NOT NULL
          CHECK (purpose IN ('CARE_AND_TREATMENT', 'QUALITY_ASSURANCE', 'ADMINISTRATION', 'STATISTICS')),
        assignment_name varchar(200) NOT NULL,
        note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT system_guide_uq UNIQUE (system_name, use_case)
      )`);
    await q.query(
      `CREATE INDEX system_guide_name_fold_idx ON system_guide (beh_fold(system_name) text_pattern_ops)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'system_guide',
      'held_assignment',
      'assignment',
      'engagement',
      'care_unit',
      'person',
      'administration',
      'care_provider',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP FUNCTION beh_fold(text)`);
  }
}
