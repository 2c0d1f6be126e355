import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The access catalogue (issue 14, point 1): the region's local and regional systems and their
 * roles, the areas (Områden) and operations (Verksamheter) that own access templates
 * (Behörighetsmallar), and the professions (Yrkeskategorier) a template is offered to. Names are
 * unique case-insensitively (within their system, area or operation where they belong to one);
 * a system carried out over SCIM has a base URL, and its credential is kept sealed (AES-256-GCM
 * under a key derived from SIGNING_KEY_SECRET), never in the clear.
 *
 * Also the directory's flag on a VMU assignment, "kräver behörighet i lokala eller regionala
 * system": such an assignment will be ordered together with a template.
 */
export class AccessCatalogue1765100800000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE local_system (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL,
        description text NOT NULL DEFAULT '',
        owner varchar(200) NOT NULL,
        fulfilment varchar(16) NOT NULL CHECK (fulfilment IN ('MANUAL', 'SCIM')),
        scim_base_url varchar(500),
        scim_token_sealed jsonb,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT local_system_scim_chk CHECK (
          (fulfilment = 'SCIM' AND scim_base_url IS NOT NULL)
          OR (fulfilment = 'MANUAL' AND scim_base_url IS NULL AND scim_token_sealed IS NULL)
        )
      )`);
    await q.query(`CREATE UNIQUE INDEX local_system_name_uq ON local_system (lower(name))`);
    await q.query(`CREATE INDEX local_system_name_sv_idx ON local_system (name COLLATE beh_sv, id)`);

    await q.query(`
      CREATE TABLE system_role (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        system_id uuid NOT NULL REFERENCES local_system(id),
        name varchar(200) NOT NULL,
        description text NOT NULL DEFAULT '',
        scim_group varchar(200),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX system_role_name_uq ON system_role (system_id, lower(name))`);

    await q.query(`
      CREATE TABLE access_area (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL,
        description text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX access_area_name_uq ON access_area (lower(name))`);

    await q.query(`
      CREATE TABLE access_operation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        area_id uuid NOT NULL REFERENCES access_area(id),
        name varchar(200) NOT NULL,
        description text NOT NULL DEFAULT '',
        head_person_id uuid NOT NULL REFERENCES person(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX access_operation_name_uq ON access_operation (area_id, lower(name))`);
    await q.query(`CREATE INDEX access_operation_head_idx ON access_operation (head_person_id)`);

    await q.query(`
      CREATE TABLE profession (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX profession_name_uq ON profession (lower(name))`);

    await q.query(`
      CREATE TABLE access_template (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        operation_id uuid NOT NULL REFERENCES access_operation(id),
        name varchar(200) NOT NULL,
        description text NOT NULL DEFAULT '',
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX access_template_name_uq ON access_template (operation_id, lower(name))`,
    );

    await q.query(`
      CREATE TABLE access_template_role (
        template_id uuid NOT NULL REFERENCES access_template(id) ON DELETE CASCADE,
        system_role_id uuid NOT NULL REFERENCES system_role(id),
        PRIMARY KEY (template_id, system_role_id)
      )`);
    await q.query(`CREATE INDEX access_template_role_role_idx ON access_template_role (system_role_id)`);

    await q.query(`
      CREATE TABLE access_template_profession (
        template_id uuid NOT NULL REFERENCES access_template(id) ON DELETE CASCADE,
        profession_id uuid NOT NULL REFERENCES profession(id),
        PRIMARY KEY (template_id, profession_id)
      )`);
    await q.query(
      `CREATE INDEX access_template_profession_profession_idx ON access_template_profession (profession_id)`,
    );

    await q.query(`ALTER TABLE assignment ADD COLUMN requires_local_access boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE assignment DROP COLUMN IF EXISTS requires_local_access`);
    for (const table of [
      'access_template_profession',
      'access_template_role',
      'access_template',
      'profession',
      'access_operation',
      'access_area',
      'system_role',
      'local_system',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
