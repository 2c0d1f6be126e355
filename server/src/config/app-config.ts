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
  mail: MailConfig;
}

export interface MailConfig {
  /** Where mail is delivered; undefined outside production means "start the built-in catcher". */
  smtpUrl: string | undefined;
  from: string;
  /** How often the delivery worker looks for due mail; 0 = never by itself (tests call deliverDue). */
  pollSeconds: number;
  /** First retry delay after a failed delivery; each further failure doubles it up to the maximum. */
  retryBaseSeconds: number;
  retryMaxSeconds: number;
  /** SMTP port of the development mail catcher (its web view is /mail on the portal). */
  catcherSmtpPort: number;
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
    mail: loadMailConfig(env, nodeEnv),
  };
}

function seconds(env: Env, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > 86_400) {
    throw new ConfigError(name, `must be a whole number of seconds ${min}-86400 (got '${raw}')`);
  }
  return value;
}

function loadMailConfig(env: Env, nodeEnv: NodeEnv): MailConfig {
  const smtpUrl = url(env, 'SMTP_URL', ['smtp:', 'smtps:']);
  // The catcher swallows every mail: in production that would silently drop attest requests.
  if (!smtpUrl && nodeEnv === 'production') {
    throw new ConfigError('SMTP_URL', 'must be set in production (the mail catcher is for development only)');
  }
  const from = env.MAIL_FROM || 'BEH Behörighetsbeställning <no-reply@beh.localhost>';
  if (!/^[^<>@\s]+@[^<>@\s]+$|<[^<>@\s]+@[^<>@\s]+>$/.test(from)) {
    throw new ConfigError('MAIL_FROM', `must be an address or "Name <address>" (got '${from}')`);
  }
  const retryBaseSeconds = seconds(env, 'MAIL_RETRY_BASE_SECONDS', 30, 1);
  const retryMaxSeconds = seconds(env, 'MAIL_RETRY_MAX_SECONDS', 900, 1);
  if (retryMaxSeconds < retryBaseSeconds) {
    throw new ConfigError('MAIL_RETRY_MAX_SECONDS', 'must not be less than MAIL_RETRY_BASE_SECONDS');
  }
  return {
    smtpUrl,
    from,
    pollSeconds: seconds(env, 'MAIL_POLL_SECONDS', 5, 0),
    retryBaseSeconds,
    retryMaxSeconds,
    catcherSmtpPort: port(env, 'MAIL_CATCHER_SMTP_PORT', 1025),
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
