import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt } from 'node:crypto';

/**
 * A private key at rest: AES-256-GCM under a key derived with scrypt from a password (the CA's
 * secret, or a person's PIN). GCM's tag makes a wrong password detectable, which is how a wrong
 * PIN is told from a right one without storing anything that could be checked offline faster.
 * The KDF parameters travel with the envelope so that they can be raised later without breaking
 * keys sealed before.
 */
export interface KeyEnvelope {
  v: 1;
  kdf: 'scrypt';
  n: number;
  r: number;
  p: number;
  salt: string;
  iv: string;
  tag: string;
  data: string;
}

export interface ScryptCost {
  n: number;
  r: number;
  p: number;
}

/** About 100 ms and 32 MiB a derivation: cheap once per signature, costly for guessing in bulk. */
export const DEFAULT_COST: ScryptCost = { n: 2 ** 15, r: 8, p: 1 };

function deriveKey(password: Buffer, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(
      password,
      salt,
      32,
      { N: cost.n, r: cost.r, p: cost.p, maxmem: 256 * cost.n * cost.r + 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  );
}

/**
 * The password a PIN stands for: the PIN keyed with the server's secret, so that a copy of the
 * database alone is not enough to try the 10 000 four-digit PINs against a key.
 */
export function pinPassword(pin: string, serverSecret: string): Buffer {
  return createHmac('sha256', serverSecret).update(`beh-signing-pin:${pin}`).digest();
}

/**
 * Seals `plain`. `context` (e.g. the certificate's id) is bound as GCM associated data, so an
 * envelope copied onto another row does not open there.
 */
export async function sealKey(
  plain: Buffer,
  password: Buffer,
  context: string,
  cost: ScryptCost = DEFAULT_COST,
): Promise<KeyEnvelope> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = await deriveKey(password, salt, cost);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  return {
    v: 1,
    kdf: 'scrypt',
    ...cost,
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

/** The sealed bytes, or undefined when the password (or the context) is not the one sealed with. */
export async function openKey(
  envelope: KeyEnvelope,
  password: Buffer,
  context: string,
): Promise<Buffer | undefined> {
  if (envelope.v !== 1 || envelope.kdf !== 'scrypt') throw new Error('Unknown key envelope format');
  const key = await deriveKey(password, Buffer.from(envelope.salt, 'base64'), envelope);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(envelope.iv, 'base64'));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(envelope.data, 'base64')), decipher.final()]);
  } catch {
    return undefined;
  }
}
