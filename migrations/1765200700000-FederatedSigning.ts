import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signing through a DSS signing service (issue 16):
 * - sign_request.failure_message: the Swedish sentence the signer was told when a request failed,
 *   shown again in the signing window after the signing service's answer came back;
 * - sign_service_request: BEH's own signing service (SIGNING_PROVIDER=federated). One row per
 *   SignRequest it accepted, from the post until the signer's SAML answer is used: the request
 *   (its requester and RequestID unique, so a SignRequest is signed once), who must sign, what,
 *   where the SignResponse goes, and the AuthnRequest sent to the IdP for it.
 */
export class FederatedSigning1765200700000 implements MigrationInterface {
  name = 'FederatedSigning1765200700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sign_request ADD COLUMN failure_message text`);
    await q.query(`
      CREATE TABLE sign_service_request (
        id uuid PRIMARY KEY,
        requester text NOT NULL,
        dss_request_id text NOT NULL,
        relay_state text NOT NULL,
        return_url text NOT NULL,
        signer_hsa_id text NOT NULL,
        loa text NOT NULL,
        sign_request text NOT NULL,
        authn_request_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        completed_at timestamptz,
        outcome varchar(32),
        CONSTRAINT sign_service_request_once UNIQUE (requester, dss_request_id),
        CONSTRAINT sign_service_request_outcome_chk CHECK ((completed_at IS NULL) = (outcome IS NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX sign_service_request_authn_idx ON sign_service_request (authn_request_id)
         WHERE authn_request_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX sign_service_request_expires_idx ON sign_service_request (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS sign_service_request`);
    await q.query(`ALTER TABLE sign_request DROP COLUMN IF EXISTS failure_message`);
  }
}
