import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../../server/src/config/app-config.js';
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

describe('server, database and mail configuration', () => {
  it('runs on port 3000 with the embedded PostgreSQL, the demo seed and the mail catcher by default', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      publicUrl: 'http://localhost:3000',
      logLevel: 'info',
      uiDir: 'dist/admin-ui',
      databaseUrl: undefined,
      embeddedPgDir: '.data/postgres',
      embeddedPgPort: 54329,
      seedOnEmpty: true,
    });
    expect(config.mail).toEqual({
      smtpUrl: undefined,
      from: 'BEH Behörighetsbeställning <no-reply@beh.localhost>',
      pollSeconds: 5,
      retryBaseSeconds: 30,
      retryMaxSeconds: 900,
      catcherSmtpPort: 1025,
    });
  });

  it('builds links on PUBLIC_URL without its trailing slash, else on the port', () => {
    expect(loadConfig({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ PUBLIC_URL: 'https://beh.example/' }).publicUrl).toBe('https://beh.example');
  });

  it('names the variable of a bad value', () => {
    expect(refusal({ NODE_ENV: 'prod' }).variable).toBe('NODE_ENV');
    expect(refusal({ PORT: '70000' }).variable).toBe('PORT');
    expect(refusal({ LOG_LEVEL: 'verbose' }).variable).toBe('LOG_LEVEL');
    expect(refusal({ EMBEDDED_PG_PORT: 'x' }).variable).toBe('EMBEDDED_PG_PORT');
    expect(refusal({ SEED_ON_EMPTY: 'maybe' }).variable).toBe('SEED_ON_EMPTY');
    expect(refusal({ MAIL_FROM: 'nobody' }).variable).toBe('MAIL_FROM');
    expect(refusal({ MAIL_POLL_SECONDS: '-1' }).variable).toBe('MAIL_POLL_SECONDS');
    expect(refusal({ MAIL_RETRY_BASE_SECONDS: '60', MAIL_RETRY_MAX_SECONDS: '30' }).variable).toBe(
      'MAIL_RETRY_MAX_SECONDS',
    );
  });

  it('refuses a database URL of another kind without repeating its password', () => {
    const error = refusal({ DATABASE_URL: 'mysql://beh:secret@db/beh' });
    expect(error.variable).toBe('DATABASE_URL');
    expect(refusal({ DATABASE_URL: 'postgres://beh:secret@[bad/beh' }).message).not.toContain('secret');
    expect(loadConfig({ DATABASE_URL: 'postgresql://beh:secret@db/beh' }).databaseUrl).toBe(
      'postgresql://beh:secret@db/beh',
    );
  });

  it('requires SMTP in production, where the catcher would swallow attest requests, and seeds nothing there', async () => {
    expect(refusal({ NODE_ENV: 'production' }).variable).toBe('SMTP_URL');
    expect(refusal({ SMTP_URL: 'http://mail.example' }).variable).toBe('SMTP_URL');
    expect(loadConfig(await productionEnv()).seedOnEmpty).toBe(false);
    expect(loadConfig(await productionEnv({ SEED_ON_EMPTY: 'true' })).seedOnEmpty).toBe(true);
  });
});
