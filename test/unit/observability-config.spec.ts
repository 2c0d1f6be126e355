import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../../server/src/config/app-config.js';
import { databaseUnavailable } from '../../server/src/common/problem.filter.js';
import { productionEnv } from '../support/production-env.js';

function refusal(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('loadConfig accepted the environment');
}

describe('observability configuration', () => {
  it('logs JSON, has no metrics, drains 0 s (5 s in production) and times statements out at 30 s by default', async () => {
    expect(loadConfig({}).observability).toEqual({
      logFormat: 'json',
      metricsToken: undefined,
      shutdownDrainSeconds: 0,
      shutdownTimeoutSeconds: 30,
      statementTimeoutMs: 30_000,
    });
    expect(loadConfig(await productionEnv()).observability.shutdownDrainSeconds).toBe(5);
  });

  it('refuses pretty logs in production, a short metrics token and a deadline inside the drain', async () => {
    expect(loadConfig({ LOG_FORMAT: 'pretty' }).observability.logFormat).toBe('pretty');
    expect(refusal(await productionEnv({ LOG_FORMAT: 'pretty' })).variable).toBe('LOG_FORMAT');
    expect(refusal({ LOG_FORMAT: 'text' }).variable).toBe('LOG_FORMAT');
    expect(refusal({ METRICS_TOKEN: 'short' }).variable).toBe('METRICS_TOKEN');
    expect(loadConfig({ METRICS_TOKEN: 'a-long-enough-token' }).observability.metricsToken).toBe(
      'a-long-enough-token',
    );
    expect(refusal({ SHUTDOWN_DRAIN_SECONDS: '30', SHUTDOWN_TIMEOUT_SECONDS: '30' }).variable).toBe(
      'SHUTDOWN_TIMEOUT_SECONDS',
    );
    expect(refusal({ DB_STATEMENT_TIMEOUT_MS: '5' }).variable).toBe('DB_STATEMENT_TIMEOUT_MS');
  });
});

describe('which database errors are a 503', () => {
  it('tells a cancelled statement and an unreachable database from a bad statement', () => {
    expect(databaseUnavailable({ driverError: { code: '57014' } })).toBe('timeout');
    expect(
      databaseUnavailable(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })),
    ).toBe('unreachable');
    expect(databaseUnavailable({ driverError: { code: '57P01' } })).toBe('unreachable');
    expect(databaseUnavailable({ driverError: { code: '08006' } })).toBe('unreachable');
    expect(databaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe('unreachable');
    expect(databaseUnavailable({ driverError: { code: '23505' } })).toBeUndefined();
    expect(databaseUnavailable({ driverError: { code: '22P02' } })).toBeUndefined();
    expect(databaseUnavailable(new Error('something else'))).toBeUndefined();
  });
});
