import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * No rows for anonymous requests (issue 12, point 6). An anonymous visitor's CSRF token is an
 * HMAC of their cookie under a key every server process shares: `auth_secret` holds it (32 random
 * bytes, made by the first process that needs it, so that a copy of the schema made without data
 * gets its own). Anonymous `user_session` rows are made no more; those left end with their idle
 * time like any other and are swept with them. The sweeps of ended sessions and SAML requests
 * use the existing indexes on `expires_at`, `last_seen_at` and `created_at`.
 */
export class AnonymousSessions1765100400000 implements MigrationInterface {
  name = 'AnonymousSessions1765100400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE auth_secret (
        name varchar(32) PRIMARY KEY,
        secret bytea NOT NULL CHECK (octet_length(secret) >= 32),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE auth_secret`);
  }
}
