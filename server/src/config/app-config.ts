import { createPrivateKey, X509Certificate } from 'node:crypto';

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
  auth: AuthConfig;
  signing: SigningConfig;
  scheduler: SchedulerConfig;
}

export interface SchedulerConfig {
  /** Tick by itself (SCHEDULER_ENABLED); off by default in tests, which call runTick() themselves. */
  enabled: boolean;
  /** Seconds between ticks (SCHEDULER_INTERVAL_SECONDS). */
  intervalSeconds: number;
  /** An order awaiting attest longer than this many days reminds its attestant once (ATTEST_REMINDER_DAYS). */
  attestReminderDays: number;
  /** …and after this many days the head of the unit is told once (ATTEST_ESCALATION_DAYS). */
  attestEscalationDays: number;
  /** Delegate and head of unit are told this many days before a delegation ends (DELEGATION_NOTICE_DAYS). */
  delegationNoticeDays: number;
}

export interface SigningConfig {
  /** Which SignatureProvider signs (SIGNING_PROVIDER); only the embedded one ships so far. */
  provider: 'embedded';
  /** Protects the embedded CA's private key and peppers the PINs (SIGNING_KEY_SECRET). */
  keySecret: string;
  /** PIN of certificates issued on first need (SIGNING_DEFAULT_PIN); never in production. */
  defaultPin: string | undefined;
}

export interface AuthConfig {
  /** A session ends after this long without a request (SESSION_IDLE_MINUTES). */
  sessionIdleMinutes: number;
  /** …and this long after sign-in whatever happens (SESSION_ABSOLUTE_HOURS). */
  sessionAbsoluteHours: number;
  /** Development sign-in (DEV_LOGIN); always false in production. */
  devLogin: boolean;
  /** VGR-IDs that are administrators besides those the directory flags (ADMIN_USER_IDS). */
  adminUserIds: string[];
  /** SAML 2.0 sign-in against the regional IdP; undefined when not configured. */
  saml: SamlSettings | undefined;
}

export interface SamlSettings {
  idpSsoUrl: string;
  /** The IdP's signing certificate, PEM. */
  idpCert: string;
  idpEntityId: string | undefined;
  spEntityId: string;
  /** Signs our AuthnRequests and goes into the metadata when both are given. */
  spPrivateKey: string | undefined;
  spCert: string | undefined;
  /** Where the IdP posts its response: PUBLIC_URL + /api/auth/saml/acs. */
  acsUrl: string;
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
  const publicUrl = (url(env, 'PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${appPort}`).replace(
    /\/$/,
    '',
  );
  return {
    nodeEnv,
    port: appPort,
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    embeddedPgDir: env.EMBEDDED_PG_DIR || '.data/postgres',
    embeddedPgPort: port(env, 'EMBEDDED_PG_PORT', 54329),
    publicUrl,
    logLevel: oneOf<LogLevel>(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error'], 'info'),
    seedOnEmpty: bool(env, 'SEED_ON_EMPTY', nodeEnv !== 'production'),
    uiDir: env.UI_DIR ?? 'dist/admin-ui',
    mail: loadMailConfig(env, nodeEnv),
    auth: loadAuthConfig(env, nodeEnv, publicUrl),
    signing: loadSigningConfig(env, nodeEnv),
    scheduler: loadSchedulerConfig(env, nodeEnv),
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

function wholeNumber(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(name, `must be a whole number ${min}-${max} (got '${raw}')`);
  }
  return value;
}

/** A PEM value, or the base64 body of one (as IdP metadata gives certificates), as PEM. */
function pem(env: Env, name: string, label: 'CERTIFICATE' | 'PRIVATE KEY'): string | undefined {
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

const SAML_REQUIRED = ['SAML_IDP_SSO_URL', 'SAML_IDP_CERT', 'SAML_SP_ENTITY_ID'] as const;

function loadSamlSettings(env: Env, publicUrl: string): SamlSettings | undefined {
  const given = SAML_REQUIRED.filter((name) => env[name]);
  if (given.length === 0) return undefined;
  // Half a SAML configuration is a mistake, not a wish to run without SAML.
  const missing = SAML_REQUIRED.find((name) => !env[name]);
  if (missing) throw new ConfigError(missing, `must be set together with ${given.join(', ')}`);
  const spPrivateKey = pem(env, 'SAML_SP_PRIVATE_KEY', 'PRIVATE KEY');
  const spCert = pem(env, 'SAML_SP_CERT', 'CERTIFICATE');
  if (Boolean(spPrivateKey) !== Boolean(spCert)) {
    throw new ConfigError(
      spPrivateKey ? 'SAML_SP_CERT' : 'SAML_SP_PRIVATE_KEY',
      'must be set together with the other',
    );
  }
  return {
    idpSsoUrl: url(env, 'SAML_IDP_SSO_URL', ['https:', 'http:'])!,
    idpCert: pem(env, 'SAML_IDP_CERT', 'CERTIFICATE')!,
    idpEntityId: env.SAML_IDP_ENTITY_ID || undefined,
    spEntityId: env.SAML_SP_ENTITY_ID!,
    spPrivateKey,
    spCert,
    acsUrl: `${publicUrl}/api/auth/saml/acs`,
  };
}

function loadAuthConfig(env: Env, nodeEnv: NodeEnv, publicUrl: string): AuthConfig {
  const saml = loadSamlSettings(env, publicUrl);
  // Production has no development sign-in, so without SAML nobody could sign in at all.
  if (nodeEnv === 'production' && !saml) {
    throw new ConfigError('SAML_IDP_SSO_URL', 'and the other SAML_* variables must be set in production');
  }
  const adminUserIds = (env.ADMIN_USER_IDS ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const badAdmin = adminUserIds.find((id) => !/^[A-Za-z0-9]{2,32}$/.test(id));
  if (badAdmin)
    throw new ConfigError('ADMIN_USER_IDS', `must be comma-separated VGR-IDs (got '${badAdmin}')`);
  return {
    sessionIdleMinutes: wholeNumber(env, 'SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionAbsoluteHours: wholeNumber(env, 'SESSION_ABSOLUTE_HOURS', 10, 1, 7 * 24),
    // Never in production, whatever DEV_LOGIN says: it signs in as anyone without a password.
    devLogin: nodeEnv !== 'production' && bool(env, 'DEV_LOGIN', true),
    adminUserIds,
    saml,
  };
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

function loadSchedulerConfig(env: Env, nodeEnv: NodeEnv): SchedulerConfig {
  const attestReminderDays = wholeNumber(env, 'ATTEST_REMINDER_DAYS', 3, 1, 365);
  const attestEscalationDays = wholeNumber(env, 'ATTEST_ESCALATION_DAYS', 7, 1, 365);
  // The head of unit hears of an order only after its attestant has been reminded of it.
  if (attestEscalationDays < attestReminderDays) {
    throw new ConfigError('ATTEST_ESCALATION_DAYS', 'must not be less than ATTEST_REMINDER_DAYS');
  }
  return {
    // A test that wants time to pass sets the clock and calls runTick(); a timer would race it.
    enabled: bool(env, 'SCHEDULER_ENABLED', nodeEnv !== 'test'),
    intervalSeconds: seconds(env, 'SCHEDULER_INTERVAL_SECONDS', 60, 1),
    attestReminderDays,
    attestEscalationDays,
    delegationNoticeDays: wholeNumber(env, 'DELEGATION_NOTICE_DAYS', 14, 1, 365),
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
