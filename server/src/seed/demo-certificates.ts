import type { EntityManager } from 'typeorm';
import { DEV_SIGNING_KEY_SECRET } from '../config/app-config.js';
import { seedCertificates } from '../signing/embedded/embedded-ca.js';
import { PERSONAS } from './demo-data.js';
import { seedId } from './seed-ids.js';

/** Every persona signs with PIN 1234 (domain.md "Demo personas"). */
export const DEMO_PIN = '1234';

/**
 * The embedded signing service's CA and a signature certificate for each persona. Only the
 * personas: a key pair and a PIN derivation cost a fraction of a second each, too much for the
 * few hundred generated staff, who get theirs on first need outside production.
 * Keys differ between runs (they are random), but ids are stable and existing rows are kept,
 * so a second run issues nothing.
 */
export async function seedDemoCertificates(
  manager: EntityManager,
  keySecret: string = process.env.SIGNING_KEY_SECRET || DEV_SIGNING_KEY_SECRET,
): Promise<{ signing_ca: number; signing_certificate: number }> {
  const holders = PERSONAS.map((p) => ({
    id: seedId(`person:${p.userId}`),
    certificateId: seedId(`signing-certificate:${p.userId}`),
    hsaId: p.hsaId,
    firstName: p.firstName,
    lastName: p.lastName,
  }));
  const issued = await seedCertificates(manager, holders, { pin: DEMO_PIN, keySecret, now: new Date() });
  return { signing_ca: issued.ca, signing_certificate: issued.certificates };
}
