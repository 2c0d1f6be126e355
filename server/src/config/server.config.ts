import { type Env, type NodeEnv, oneOf, port, url, wholeNumber } from './env.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** The process itself: its mode, where it listens, how it is reached and what it logs and serves. */
export interface ServerConfig {
  nodeEnv: NodeEnv;
  port: number;
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
    publicUrl,
    logLevel: oneOf<LogLevel>(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error'], 'info'),
    uiDir: env.UI_DIR ?? 'dist/admin-ui',
    workers: wholeNumber(env, 'WEB_CONCURRENCY', 1, 1, 64),
  };
}
