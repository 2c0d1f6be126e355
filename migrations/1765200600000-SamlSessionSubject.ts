import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SAML single logout (issue 16): a session signed in through the IdP keeps the assertion's subject
 * (NameID, its format and the AuthnStatement's SessionIndex), which our LogoutRequest must name
 * when the person signs out, and by which the IdP's LogoutRequest names the sessions to end.
 */
export class SamlSessionSubject1765200600000 implements MigrationInterface {
  name = 'SamlSessionSubject1765200600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE user_session
        ADD COLUMN saml_name_id text,
        ADD COLUMN saml_name_id_format text,
        ADD COLUMN saml_session_index text,
        ADD CONSTRAINT user_session_saml_subject_chk
          CHECK (saml_name_id IS NOT NULL OR (saml_name_id_format IS NULL AND saml_session_index IS NULL))`);
    await q.query(
      `CREATE INDEX user_session_saml_name_id_idx ON user_session (saml_name_id) WHERE saml_name_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS user_session_saml_name_id_idx`);
    await q.query(`
      ALTER TABLE user_session
        DROP CONSTRAINT IF EXISTS user_session_saml_subject_chk,
        DROP COLUMN IF EXISTS saml_name_id,
        DROP COLUMN IF EXISTS saml_name_id_format,
        DROP COLUMN IF EXISTS saml_session_index`);
  }
}
