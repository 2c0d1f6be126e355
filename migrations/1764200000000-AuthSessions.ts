import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in state kept in PostgreSQL so that any number of server instances share it.
 *
 * `user_session.id` is the SHA-256 of the cookie's random token: a copy of the table does not
 * hand out working cookies. A row without `person_id` is an anonymous pre-session that only
 * carries a CSRF token for the sign-in POST. `saml_request` holds the ids of AuthnRequests we
 * sent, so that a response is only accepted in answer to one of them, and only once: node-saml
 * marks it consumed after any answer (`consumed_at`), and the one sign-in it may lead to claims
 * `signed_in_at`, which settles even two copies of a response posted at the same moment.
 */
export class AuthSessions1764200000000 implements MigrationInterface {
  name = 'AuthSessions1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE user_session (
        id char(64) PRIMARY KEY,
        person_id uuid REFERENCES person(id) ON DELETE CASCADE,
        csrf_token varchar(64) NOT NULL,
        auth_method varchar(8) CHECK (auth_method IN ('DEV', 'SAML')),
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        CONSTRAINT user_session_method_chk CHECK ((person_id IS NULL) = (auth_method IS NULL))
      )`);
    await q.query(`CREATE INDEX user_session_person_idx ON user_session (person_id)`);
    await q.query(`CREATE INDEX user_session_expires_idx ON user_session (expires_at)`);
    await q.query(`CREATE INDEX user_session_last_seen_idx ON user_session (last_seen_at)`);

    await q.query(`
      CREATE TABLE saml_request (
        id varchar(128) PRIMARY KEY,
        value varchar(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        consumed_at timestamptz,
        signed_in_at timestamptz
      )`);
    await q.query(`CREATE INDEX saml_request_created_idx ON saml_request (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE saml_request`);
    await q.query(`DROP TABLE user_session`);
  }
}
