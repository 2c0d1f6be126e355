import { type AuditConfig, loadAuditConfig } from './audit.config.js';
import { type AuthConfig, loadAuthConfig } from './auth.config.js';
import { type DatabaseConfig, loadDatabaseConfig } from './database.config.js';
import { type DirectoryConfig, loadDirectoryConfig } from './directory.config.js';
import type { Env } from './env.js';
import { type LeaversConfig, loadLeaversConfig } from './leavers.config.js';
import { type LimitsConfig, loadLimitsConfig } from './limits.config.js';
import { loadMailConfig, type MailConfig } from './mail.config.js';
import { loadObservabilityConfig, type ObservabilityConfig } from './observability.config.js';
import { loadSchedulerConfig, type SchedulerConfig } from './scheduler.config.js';
import { loadScimConfig, type ScimConfig } from './scim.config.js';
import { loadServerConfig, type ServerConfig } from './server.config.js';
import { loadSigningConfig, type SigningConfig } from './signing.config.js';

/**
 * All configuration comes from the environment and is validated once at start, so a typo in a
 * variable stops the server with a message naming that variable instead of failing later. Each
 * area reads and checks its own variables in its own file (server, database, mail, auth, signing,
 * scheduler); this file only puts them together. A new variable goes into its area's file and
 * interface, and into the README's configuration table.
 */
export interface AppConfig extends ServerConfig, DatabaseConfig {
  mail: MailConfig;
  auth: AuthConfig;
  signing: SigningConfig;
  scheduler: SchedulerConfig;
  limits: LimitsConfig;
  observability: ObservabilityConfig;
  audit: AuditConfig;
  scim: ScimConfig;
  directory: DirectoryConfig;
  leavers: LeaversConfig;
}

export function loadConfig(env: Env = process.env): AppConfig {
  const server = loadServerConfig(env);
  // In this order, so that a refusal names the first area's variable.
  const database = loadDatabaseConfig(env, server.nodeEnv);
  const mail = loadMailConfig(env, server.nodeEnv);
  const auth = loadAuthConfig(env, server.nodeEnv, server.publicUrl);
  return {
    ...server,
    ...database,
    mail,
    auth,
    signing: loadSigningConfig(env, server.nodeEnv, server.publicUrl, auth.saml),
    scheduler: loadSchedulerConfig(env, server.nodeEnv),
    limits: loadLimitsConfig(env),
    observability: loadObservabilityConfig(env, server.nodeEnv),
    audit: loadAuditConfig(env),
    scim: loadScimConfig(env),
    directory: loadDirectoryConfig(env),
    leavers: loadLeaversConfig(env),
  };
}

export type { ScimConfig } from './scim.config.js';
export type { DirectoryConfig, LdapMapping, LdapSettings } from './directory.config.js';

/** The Nest injection token under which the loaded AppConfig is provided. */
export const APP_CONFIG = Symbol('APP_CONFIG');

export { ConfigError, type Env, type NodeEnv } from './env.js';
export type { AuditConfig } from './audit.config.js';
export type { AuthConfig, SamlSettings } from './auth.config.js';
export type { DatabaseConfig } from './database.config.js';
export type { LimitName, LimitsConfig, RateWindow } from './limits.config.js';
export type { MailConfig } from './mail.config.js';
export type { LogFormat, ObservabilityConfig } from './observability.config.js';
export type { SchedulerConfig } from './scheduler.config.js';
export type { LogLevel, ServerConfig } from './server.config.js';
export {
  DEV_SIGNING_KEY_SECRET,
  loadSigningConfig,
  type DssClientSettings,
  type SignServiceSettings,
  type SigningConfig,
} from './signing.config.js';
export { loadAuthConfig } from './auth.config.js';
export { loadDatabaseConfig } from './database.config.js';
export { loadMailConfig } from './mail.config.js';
export { loadSchedulerConfig } from './scheduler.config.js';
export { loadServerConfig } from './server.config.js';
