import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signing (server/src/signing): the embedded signing service's test CA and per-person
 * certificates, and sign requests.
 *
 * Private keys are stored only sealed (AES-256-GCM under a scrypt key: the CA's from
 * SIGNING_KEY_SECRET, a person's from their PIN). A certificate counts wrong PINs and is locked at
 * three. A sign request carries the exact document to sign and, once signed, the signature, the
 * signer certificate and its chain, so that the signature can be verified again later from stored
 * data alone. `payload` is the caller's (e.g. the attest decision); signing never reads it.
 */
export class Signing1764400000000 implements MigrationInterface {
  name = 'Signing1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE signing_ca (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        subject text NOT NULL,
        certificate text NOT NULL,
        sealed_key jsonb NOT NULL,
        valid_from timestamptz NOT NULL,
        valid_to timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE signing_certificate (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES person(id),
        ca_id uuid NOT NULL REFERENCES signing_ca(id),
        subject text NOT NULL,
        subject_serial_number varchar(64) NOT NULL,
        serial_number varchar(64) NOT NULL UNIQUE,
        issuer text NOT NULL,
        certificate text NOT NULL,
        sealed_key jsonb NOT NULL,
        valid_from timestamptz NOT NULL,
        valid_to timestamptz NOT NULL,
        failed_attempts smallint NOT NULL DEFAULT 0 CHECK (failed_attempts BETWEEN 0 AND 3),
        locked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX signing_certificate_person_idx ON signing_certificate (person_id)`);

    await q.query(`
      CREATE TABLE sign_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        signer_id uuid NOT NULL REFERENCES person(id),
        kind varchar(32) NOT NULL,
        purpose text NOT NULL,
        document text NOT NULL,
        digest char(64) NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}',
        provider varchar(32) NOT NULL,
        provider_state jsonb,
        status varchar(16) NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SIGNED', 'FAILED')),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        signed_at timestamptz,
        signature bytea,
        certificate text,
        certificate_chain text[],
        failure_code varchar(32),
        failure_detail text,
        CONSTRAINT sign_request_expiry_chk CHECK (expires_at > created_at),
        CONSTRAINT sign_request_signed_chk CHECK (
          (status = 'SIGNED') = (signature IS NOT NULL AND certificate IS NOT NULL AND signed_at IS NOT NULL)),
        CONSTRAINT sign_request_used_chk CHECK ((status = 'PENDING') = (used_at IS NULL)),
        CONSTRAINT sign_request_failed_chk CHECK ((status = 'FAILED') = (failure_code IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX sign_request_signer_idx ON sign_request (signer_id, created_at DESC)`);
    await q.query(`CREATE INDEX sign_request_kind_idx ON sign_request (kind, status)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE sign_request');
    await q.query('DROP TABLE signing_certificate');
    await q.query('DROP TABLE signing_ca');
  }
}
