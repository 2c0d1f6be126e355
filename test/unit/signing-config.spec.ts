import { describe, expect, it } from '@jest/globals';
import {
  ConfigError,
  DEV_SIGNING_KEY_SECRET,
  loadSigningConfig,
} from '../../server/src/config/app-config.js';

const variableOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.variable;
    throw error;
  }
  return undefined;
};

describe('signing configuration', () => {
  it('defaults to the embedded provider, the development secret and PIN 1234 outside production', () => {
    expect(loadSigningConfig({}, 'development')).toEqual({
      provider: 'embedded',
      keySecret: DEV_SIGNING_KEY_SECRET,
      defaultPin: '1234',
    });
  });

  it('requires SIGNING_KEY_SECRET in production and never issues certificates with a default PIN there', () => {
    expect(variableOf(() => loadSigningConfig({}, 'production'))).toBe('SIGNING_KEY_SECRET');
    const config = loadSigningConfig(
      { SIGNING_KEY_SECRET: 'x'.repeat(32), SIGNING_DEFAULT_PIN: '1234' },
      'production',
    );
    expect(config).toMatchObject({ keySecret: 'x'.repeat(32), defaultPin: undefined });
  });

  it('refuses a short secret, a malformed PIN and an unknown provider, naming the variable', () => {
    expect(variableOf(() => loadSigningConfig({ SIGNING_KEY_SECRET: 'short' }, 'test'))).toBe(
      'SIGNING_KEY_SECRET',
    );
    expect(variableOf(() => loadSigningConfig({ SIGNING_DEFAULT_PIN: '12a4' }, 'test'))).toBe(
      'SIGNING_DEFAULT_PIN',
    );
    expect(variableOf(() => loadSigningConfig({ SIGNING_PROVIDER: 'dss' }, 'test'))).toBe('SIGNING_PROVIDER');
  });
});
