import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * A secret kept at rest that the server itself must be able to read again (an outgoing
 * credential, e.g. a SCIM bearer token): AES-256-GCM under a key derived (HKDF-SHA256) from the
 * server's SIGNING_KEY_SECRET and the secret's purpose, with the row it belongs to bound as
 * associated data, so that an envelope copied onto another row, or read with another secret,
 * does not open. The secret is high-entropy, so HKDF is enough (no password stretching as for a
 * PIN, signing/crypto/key-envelope.ts). Nothing else in the envelope is secret.
 */
export interface SealedSecret {
  v: 1;
  alg: 'A256GCM';
  iv: string;
  tag: string;
  data: string;
}

function sealKeyFor(serverSecret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', serverSecret, 'beh', `secret-seal/${purpose}/v1`, 32) as ArrayBuffer);
}

/** Seals `plain` for `purpose` (e.g. 'scim-token') on the row `context` (its id). */
export function sealSecret(
  plain: string,
  serverSecret: string,
  purpose: string,
  context: string,
): SealedSecret {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKeyFor(serverSecret, purpose), iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return {
    v: 1,
    alg: 'A256GCM',
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

/** The sealed text, or undefined when the secret, purpose or context is not the one sealed with. */
export function openSecret(
  sealed: SealedSecret,
  serverSecret: string,
  purpose: string,
  context: string,
): string | undefined {
  if (sealed.v !== 1 || sealed.alg !== 'A256GCM') return undefined;
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      sealKeyFor(serverSecret, purpose),
      Buffer.from(sealed.iv, 'base64'),
    );
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    return undefined;
  }
}
