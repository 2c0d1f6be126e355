import { isIP } from 'node:net';
import { ConfigError, type Env, type NodeEnv, oneOf, port, url, wholeNumber } from './env.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** The process itself: its mode, where it listens, how it is reached and what it logs and serves. */
export interface ServerConfig {
  nodeEnv: NodeEnv;
  port: number;
  /**
   * The address the HTTP server listens on (HOST). 127.0.0.1 outside production: a development
   * or test server has the development sign-in open (anyone may be anyone) and must not be
   * reachable from the network unless asked for; production listens on every interface.
   */
  host: string;
  /** The portal's address as users reach it (PUBLIC_URL), without a trailing slash: links in mail, SAML. */
  publicUrl: string;
  logLevel: LogLevel;
  /** Serve the built admin UI from this folder (empty string: do not serve a UI). */
  uiDir: string;
  /**
   * HTTP worker processes (WEB_CONCURRENCY): 1 serves from this process; more fork that many
   * workers sharing the port (node:cluster), one per core, so that a busy portal uses every core.
   */
  workers: number;
}

export function loadServerConfig(env: Env): ServerConfig {
  const nodeEnv = oneOf<NodeEnv>(env, 'NODE_ENV', ['development', 'test', 'production'], 'development');
  const appPort = port(env, 'PORT', 3000);
  const publicUrl = (url(env, 'PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${appPort}`).replace(
    /\/$/,
    '',
  );
  return {
    nodeEnv,
    port: appPort,
    host: host(env, nodeEnv === 'production' ? '0.0.0.0' : '127.0.0.1'),
    publicUrl,
    logLevel: oneOf<LogLevel>(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error'], 'info'),
    uiDir: env.UI_DIR ?? 'dist/admin-ui',
    workers: wholeNumber(env, 'WEB_CONCURRENCY', 1, 1, 64),
  };
}

/** An IP address (v4 or v6, e.g. 0.0.0.0 or ::) or a host name such as localhost. */
function host(env: Env, fallback: string): string {
  const raw = env.HOST;
  if (raw === undefined || raw === '') return fallback;
  const name =
    /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
  if (isIP(raw) === 0 && !name.test(raw)) {
    throw new ConfigError('HOST', `must be an IP address or a host name to listen on (got '${raw}')`);
  }
  return raw;
}
