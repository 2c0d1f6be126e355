import { ConfigError, type Env, type NodeEnv, oneOf, seconds, wholeNumber } from './env.js';

export type LogFormat = 'json' | 'pretty';

/** What operations see of the process: logs, metrics, shutdown, and how long the database may take. */
export interface ObservabilityConfig {
  /**
   * LOG_FORMAT: `json` (the default in every environment) writes one JSON line per request and per
   * log call; `pretty` (development only, needs the dev dependency pino-pretty) one coloured line.
   */
  logFormat: LogFormat;
  /**
   * METRICS_TOKEN: the bearer token Prometheus sends to GET /metrics. Unset: /metrics answers 404,
   * in every environment (no metrics without a token).
   */
  metricsToken: string | undefined;
  /**
   * SHUTDOWN_DRAIN_SECONDS: after SIGTERM, how long readiness answers 503 while requests are still
   * served, so that a load balancer stops sending new ones before the listener closes.
   */
  shutdownDrainSeconds: number;
  /**
   * SHUTDOWN_TIMEOUT_SECONDS: the longest a SIGTERM'd process waits for in-flight requests, the
   * scheduler's tick and the mail in flight before it exits anyway (exit code 1).
   */
  shutdownTimeoutSeconds: number;
  /**
   * DB_STATEMENT_TIMEOUT_MS: PostgreSQL cancels any statement of the application that runs longer
   * (`statement_timeout`); the request gets a 503 problem. Migrations run without it.
   */
  statementTimeoutMs: number;
}

export function loadObservabilityConfig(env: Env, nodeEnv: NodeEnv): ObservabilityConfig {
  const logFormat = oneOf<LogFormat>(env, 'LOG_FORMAT', ['json', 'pretty'], 'json');
  if (logFormat === 'pretty' && nodeEnv === 'production') {
    throw new ConfigError('LOG_FORMAT', 'must be json in production (pretty is for development)');
  }
  const metricsToken = env.METRICS_TOKEN || undefined;
  if (metricsToken !== undefined && (metricsToken.length < 16 || /\s/.test(metricsToken))) {
    throw new ConfigError('METRICS_TOKEN', 'must be at least 16 characters without spaces');
  }
  const shutdownDrainSeconds = wholeNumber(
    env,
    'SHUTDOWN_DRAIN_SECONDS',
    nodeEnv === 'production' ? 5 : 0,
    0,
    300,
  );
  const shutdownTimeoutSeconds = seconds(env, 'SHUTDOWN_TIMEOUT_SECONDS', 30, 1);
  if (shutdownTimeoutSeconds <= shutdownDrainSeconds) {
    throw new ConfigError('SHUTDOWN_TIMEOUT_SECONDS', 'must be more than SHUTDOWN_DRAIN_SECONDS');
  }
  return {
    logFormat,
    metricsToken,
    shutdownDrainSeconds,
    shutdownTimeoutSeconds,
    statementTimeoutMs: wholeNumber(env, 'DB_STATEMENT_TIMEOUT_MS', 30_000, 10, 3_600_000),
  };
}
