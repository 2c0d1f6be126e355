import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  type CertificateWithKey,
  certificateFacts,
  createCaCertificate,
  issuePersonCertificate,
} from '../crypto/certificates.js';
import { type KeyEnvelope, openKey, pinPassword, sealKey } from '../crypto/key-envelope.js';

/**
 * The embedded signing service's test CA and certificate issuing, on a plain EntityManager so that
 * the demo seed (which runs without the Nest application) and the running service share it.
 */

export const CA_COMMON_NAME = 'BEH Testsignering CA';
/** Any constant: serialises "create the CA unless there is one" across instances and the seed. */
const CA_LOCK = 731_904;
const YEAR_MS = 365.25 * 24 * 3600 * 1000;

export interface CaRow {
  id: string;
  certificate: string;
  sealedKey: KeyEnvelope;
}

export interface CertificateHolder {
  id: string;
  hsaId: string;
  firstName: string;
  lastName: string;
}

const caContext = (id: string) => `signing_ca:${id}`;
const certificateContext = (id: string) => `signing_certificate:${id}`;

/**
 * The CA in force, created when there is none ("on first start"). Must run in a transaction: the
 * advisory lock lasts until it ends, so two instances starting at once make one CA, not two.
 */
export async function ensureCa(
  manager: EntityManager,
  keySecret: string,
  now: Date,
): Promise<{ ca: CaRow; created: boolean }> {
  await manager.query('SELECT pg_advisory_xact_lock($1)', [CA_LOCK]);
  const [existing] = await manager.query<CaRow[]>(
    `SELECT id, certificate, sealed_key AS "sealedKey" FROM signing_ca
      WHERE valid_from <= $1 AND valid_to > $1 ORDER BY created_at DESC LIMIT 1`,
    [now],
  );
  if (existing) return { ca: existing, created: false };
  // Back-dated, like the certificates it issues: tests and demos move the clock back in time.
  const created = await createCaCertificate(CA_COMMON_NAME, {
    notBefore: new Date(now.getTime() - 2 * YEAR_MS),
    notAfter: new Date(now.getTime() + 20 * YEAR_MS),
  });
  const id = randomUUID();
  const sealedKey = await sealKey(created.privateKey, Buffer.from(keySecret, 'utf8'), caContext(id));
  const facts = certificateFacts(created.certificate);
  await manager.query(
    `INSERT INTO signing_ca (id, subject, certificate, sealed_key, valid_from, valid_to, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [id, facts.subject, created.certificate, sealedKey, facts.validFrom, facts.validTo, now],
  );
  return { ca: { id, certificate: created.certificate, sealedKey }, created: true };
}

/** The CA's certificate and opened key; a wrong SIGNING_KEY_SECRET is a configuration error. */
export async function openCa(ca: CaRow, keySecret: string): Promise<CertificateWithKey> {
  const privateKey = await openKey(ca.sealedKey, Buffer.from(keySecret, 'utf8'), caContext(ca.id));
  if (!privateKey) {
    throw new Error(
      'SIGNING_KEY_SECRET does not open the signing CA key: it is not the secret the CA was created with',
    );
  }
  return { certificate: ca.certificate, privateKey };
}

export interface IssueInput {
  ca: CaRow;
  caKey: CertificateWithKey;
  holder: CertificateHolder;
  pin: string;
  keySecret: string;
  now: Date;
  /** A fixed id (the seed's); a random one otherwise. */
  certificateId?: string;
}

/** The issued certificate's id and what the row holds (key sealed under the PIN), not inserted. */
export async function prepareCertificate(input: IssueInput) {
  const id = input.certificateId ?? randomUUID();
  // Valid a year back and five ahead: a test CA, used with clocks moved in both directions.
  const issued = await issuePersonCertificate(input.caKey, input.holder, {
    notBefore: new Date(input.now.getTime() - YEAR_MS),
    notAfter: new Date(input.now.getTime() + 5 * YEAR_MS),
  });
  const sealedKey = await sealKey(
    issued.privateKey,
    pinPassword(input.pin, input.keySecret),
    certificateContext(id),
  );
  return { id, personId: input.holder.id, caId: input.ca.id, certificate: issued.certificate, sealedKey };
}

export type PreparedCertificate = Awaited<ReturnType<typeof prepareCertificate>>;

export async function insertCertificate(
  manager: EntityManager,
  prepared: PreparedCertificate,
  now: Date,
): Promise<boolean> {
  const facts = certificateFacts(prepared.certificate);
  const inserted = await manager.query<unknown[]>(
    `INSERT INTO signing_certificate (id, person_id, ca_id, subject, subject_serial_number, serial_number,
       issuer, certificate, sealed_key, valid_from, valid_to, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      prepared.id,
      prepared.personId,
      prepared.caId,
      facts.subject,
      facts.subjectSerialNumber ?? '',
      facts.serialNumber,
      facts.issuer,
      prepared.certificate,
      prepared.sealedKey,
      facts.validFrom,
      facts.validTo,
      now,
    ],
  );
  return inserted.length > 0;
}

/** Opens a person's sealed key with their PIN; undefined for a wrong PIN. */
export function openCertificateKey(
  certificateId: string,
  sealedKey: KeyEnvelope,
  pin: string,
  keySecret: string,
): Promise<Buffer | undefined> {
  return openKey(sealedKey, pinPassword(pin, keySecret), certificateContext(certificateId));
}

/**
 * Gives each listed person the certificate with the given id unless it exists: the demo seed's
 * personas, all with the same PIN. Keys are made in parallel (libuv's pool), rows one by one.
 * Returns how many certificates were issued, and whether the CA had to be created.
 */
export async function seedCertificates(
  manager: EntityManager,
  holders: (CertificateHolder & { certificateId: string })[],
  options: { pin: string; keySecret: string; now: Date },
): Promise<{ certificates: number; ca: number }> {
  const { ca, created } = await ensureCa(manager, options.keySecret, options.now);
  const existing = new Set(
    (
      await manager.query<{ id: string }[]>('SELECT id FROM signing_certificate WHERE id = ANY($1)', [
        holders.map((h) => h.certificateId),
      ])
    ).map((r) => r.id),
  );
  const missing = holders.filter((h) => !existing.has(h.certificateId));
  if (missing.length === 0) return { certificates: 0, ca: created ? 1 : 0 };
  const caKey = await openCa(ca, options.keySecret);
  const prepared = await Promise.all(
    missing.map((holder) =>
      prepareCertificate({ ca, caKey, holder, certificateId: holder.certificateId, ...options }),
    ),
  );
  let count = 0;
  for (const row of prepared) if (await insertCertificate(manager, row, options.now)) count++;
  return { certificates: count, ca: created ? 1 : 0 };
}
