import { ConfigError, type Env, type NodeEnv, oneOf } from './env.js';

/** Which signing service signs attests, and the embedded one's secret and first-need PIN. */
export interface SigningConfig {
  /** Which SignatureProvider signs (SIGNING_PROVIDER); only the embedded one ships so far. */
  provider: 'embedded';
  /** Protects the embedded CA's private key and peppers the PINs (SIGNING_KEY_SECRET). */
  keySecret: string;
  /** PIN of certificates issued on first need (SIGNING_DEFAULT_PIN); never in production. */
  defaultPin: string | undefined;
}

/** Known to everyone who reads this file: protects nothing, which is why production must replace it. */
export const DEV_SIGNING_KEY_SECRET = 'beh-development-signing-key-secret-not-for-production';

export function loadSigningConfig(env: Env, nodeEnv: NodeEnv): SigningConfig {
  const provider = oneOf(env, 'SIGNING_PROVIDER', ['embedded'] as const, 'embedded');
  const keySecret = env.SIGNING_KEY_SECRET || undefined;
  if (!keySecret && nodeEnv === 'production') {
    throw new ConfigError('SIGNING_KEY_SECRET', 'must be set in production (it protects the signing CA key)');
  }
  if (keySecret !== undefined && keySecret.length < 32) {
    throw new ConfigError('SIGNING_KEY_SECRET', 'must be at least 32 characters');
  }
  const defaultPin = env.SIGNING_DEFAULT_PIN || '1234';
  if (!/^\d{4,8}$/.test(defaultPin)) {
    throw new ConfigError('SIGNING_DEFAULT_PIN', `must be 4-8 digits (got '${defaultPin}')`);
  }
  return {
    provider,
    keySecret: keySecret ?? DEV_SIGNING_KEY_SECRET,
    // A known PIN on a certificate issued unasked would let anyone signed in as a person sign as them.
    defaultPin: nodeEnv === 'production' ? undefined : defaultPin,
  };
}
