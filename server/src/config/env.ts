import { createPrivateKey, X509Certificate } from 'node:crypto';

/**
 * The readers every area's configuration uses, so that every variable is refused the same way:
 * unset or empty means the default, anything else must parse or the start stops with a
 * ConfigError naming the variable.
 */
export type Env = Record<string, string | undefined>;

export type NodeEnv = 'development' | 'test' | 'production';

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`Invalid configuration: ${variable} ${message}`);
    this.name = 'ConfigError';
  }
}

export function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got '${raw}')`);
  }
  return raw as T;
}

export function port(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > 65535) {
    throw new ConfigError(name, `must be a port number 1-65535 (got '${raw}')`);
  }
  return value;
}

export function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
  if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `must be true or false (got '${raw}')`);
}

export function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    // The value may carry a password (DATABASE_URL, SMTP_URL): never repeat it in the message.
    throw new ConfigError(name, `must be a URL (got '${raw.replace(/\/\/[^@]*@/, '//***@')}')`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must use ${protocols.join(' or ')} (got '${parsed.protocol}')`);
  }
  return raw;
}

export function seconds(env: Env, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > 86_400) {
    throw new ConfigError(name, `must be a whole number of seconds ${min}-86400 (got '${raw}')`);
  }
  return value;
}

export function wholeNumber(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(name, `must be a whole number ${min}-${max} (got '${raw}')`);
  }
  return value;
}

/** A PEM value, or the base64 body of one (as IdP metadata gives certificates), as PEM. */
export function pem(env: Env, name: string, label: 'CERTIFICATE' | 'PRIVATE KEY'): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  // Env files often carry a PEM on one line with literal \n; a bare base64 body gets its armour.
  const text = raw.includes('-----BEGIN')
    ? raw.replace(/\\n/g, '\n')
    : `-----BEGIN ${label}-----\n${raw.replace(/\s+/g, '').replace(/(.{64})/g, '$1\n')}\n-----END ${label}-----\n`;
  try {
    if (label === 'CERTIFICATE') new X509Certificate(text);
    else createPrivateKey(text);
  } catch {
    throw new ConfigError(
      name,
      `must be a ${label === 'CERTIFICATE' ? 'certificate' : 'private key'} in PEM`,
    );
  }
  return text;
}
