/**
 * All configuration comes from the environment and is validated once at start, so a typo in a
 * variable stops the server with a message naming that variable instead of failing later.
 */
export type NodeEnv = 'development' | 'test' | 'production';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface AppConfig {
  nodeEnv: NodeEnv;
  port: number;
  /** Connection string of an external PostgreSQL; undefined means "start the embedded one". */
  databaseUrl: string | undefined;
  embeddedPgDir: string;
  embeddedPgPort: number;
  publicUrl: string;
  logLevel: LogLevel;
  /** Run the demo seed when the database has no persons yet. */
  seedOnEmpty: boolean;
  /** Serve the built admin UI from this folder (empty string: do not serve a UI). */
  uiDir: string;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`Invalid configuration: ${variable} ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got '${raw}')`);
  }
  return raw as T;
}

function port(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > 65535) {
    throw new ConfigError(name, `must be a port number 1-65535 (got '${raw}')`);
  }
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
  if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `must be true or false (got '${raw}')`);
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `must be a URL (got '${raw.replace(/\/\/[^@]*@/, '//***@')}')`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must use ${protocols.join(' or ')} (got '${parsed.protocol}')`);
  }
  return raw;
}

export function loadConfig(env: Env = process.env): AppConfig {
  const nodeEnv = oneOf<NodeEnv>(env, 'NODE_ENV', ['development', 'test', 'production'], 'development');
  const appPort = port(env, 'PORT', 3000);
  return {
    nodeEnv,
    port: appPort,
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    embeddedPgDir: env.EMBEDDED_PG_DIR || '.data/postgres',
    embeddedPgPort: port(env, 'EMBEDDED_PG_PORT', 54329),
    publicUrl: (url(env, 'PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${appPort}`).replace(
      /\/$/,
      '',
    ),
    logLevel: oneOf<LogLevel>(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error'], 'info'),
    seedOnEmpty: bool(env, 'SEED_ON_EMPTY', nodeEnv !== 'production'),
    uiDir: env.UI_DIR ?? 'dist/admin-ui',
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
