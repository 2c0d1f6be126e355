import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API clients with hashed secrets and scopes (issue 12, point 5): other systems (the region's
 * service desk, reporting) call the API with `Authorization: Bearer beh.<id>.<secret>`. Only the
 * SHA-256 of the 32-byte random secret is kept; the secret itself is shown once, at creation.
 * A client is never deleted (its calls are in the audit log under its id); it is revoked.
 */
export class ApiClients1765100200000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_client (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        scopes text[] NOT NULL CHECK (
          cardinality(scopes) >= 1
          AND scopes <@ ARRAY['orders:read', 'holdings:read', 'delegations:read', 'persons:lookup']
        ),
        secret_hash bytea NOT NULL CHECK (octet_length(secret_hash) = 32),
        expires_on date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid,
        revoked_at timestamptz,
        revoked_by uuid,
        last_used_at timestamptz
      )`);
    // A name says who called in the audit log: unique among the clients not revoked.
    await q.query(
      `CREATE UNIQUE INDEX api_client_active_name ON api_client (lower(name)) WHERE revoked_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS api_client`);
  }
}
