import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../../server/src/config/app-config.js';
import { DEFAULT_LIMITS, describeLimits } from '../../server/src/config/limits.config.js';
import { limitOfRoute } from '../../server/src/limits/limited-routes.js';
import { inSwedish } from '../../server/src/limits/rate-limit.guard.js';

function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('loadConfig accepted the environment');
}

describe('rate-limit configuration', () => {
  it('has the same defaults in every environment, tests included', () => {
    for (const NODE_ENV of ['development', 'test']) {
      expect(loadConfig({ NODE_ENV }).limits).toEqual(DEFAULT_LIMITS);
    }
    expect(describeLimits(DEFAULT_LIMITS)).toBe(
      'RATE_LIMIT_SIGN_IN=30/1m RATE_LIMIT_PERSON_LOOKUP=60/1m,600/1h RATE_LIMIT_SIGN=20/1m RATE_LIMIT_EXPORT=10/10m RATE_LIMIT_MASS_ORDER_IMPORT=30/1h',
    );
  });

  it('reads count/window pairs in seconds, minutes or hours, shortest window first', () => {
    const limits = loadConfig({
      RATE_LIMIT_SIGN_IN: '5/30s',
      RATE_LIMIT_PERSON_LOOKUP: ' 1000/24h , 100/1m ',
      RATE_LIMIT_SIGN: '1/1s',
      RATE_LIMIT_EXPORT: '1000000000/90s',
      RATE_LIMIT_MASS_ORDER_IMPORT: '5/10m',
    }).limits;
    expect(limits).toEqual({
      signIn: [{ limit: 5, seconds: 30 }],
      personLookup: [
        { limit: 100, seconds: 60 },
        { limit: 1000, seconds: 86_400 },
      ],
      sign: [{ limit: 1, seconds: 1 }],
      export: [{ limit: 1_000_000_000, seconds: 90 }],
      massOrderImport: [{ limit: 5, seconds: 600 }],
    });
    expect(describeLimits(limits)).toContain('RATE_LIMIT_EXPORT=1000000000/90s');
  });

  it.each([
    ['RATE_LIMIT_SIGN_IN', '30'],
    ['RATE_LIMIT_SIGN_IN', '30/60'],
    ['RATE_LIMIT_SIGN_IN', '0/1m'],
    ['RATE_LIMIT_PERSON_LOOKUP', '60/1m,'],
    ['RATE_LIMIT_PERSON_LOOKUP', '60/1m,600/60s'],
    ['RATE_LIMIT_SIGN', '20/25h'],
    ['RATE_LIMIT_SIGN', '-1/1m'],
    ['RATE_LIMIT_EXPORT', '1000000001/1m'],
    ['RATE_LIMIT_EXPORT', 'off'],
  ])('refuses %s=%s and names the variable', (name, value) => {
    expect(refusal({ [name]: value })).toMatch(new RegExp(`^Invalid configuration: ${name} `));
  });
});

describe('limited routes', () => {
  it('counts sign-in, lookups, signing and every export, and nothing else', () => {
    expect(limitOfRoute('POST', '/api/auth/dev-login')?.code).toBe('sign-in');
    expect(limitOfRoute('GET', '/api/auth/saml/login')?.code).toBe('sign-in');
    expect(limitOfRoute('POST', '/api/auth/saml/acs')?.code).toBe('sign-in');
    expect(limitOfRoute('GET', '/api/persons/lookup')?.code).toBe('person-lookup');
    expect(limitOfRoute('GET', '/api/persons/:id')?.code).toBe('person-lookup');
    expect(limitOfRoute('HEAD', '/api/persons/:id')?.code).toBe('person-lookup');
    expect(limitOfRoute('POST', '/api/attest/sign-requests')?.code).toBe('sign');
    expect(limitOfRoute('POST', '/api/signing/:requestId/sign')?.code).toBe('sign');
    expect(limitOfRoute('GET', '/api/a-grid-of-tomorrow/export')?.code).toBe('export');
    expect(limitOfRoute('POST', '/api/mass-orders/import')?.code).toBe('mass-order-import');
    expect(limitOfRoute('PUT', '/api/persons/:id')).toBeUndefined();
    expect(limitOfRoute('GET', '/api/persons')).toBeUndefined();
    expect(limitOfRoute('GET', '/api/auth/saml/metadata')).toBeUndefined();
    expect(limitOfRoute('POST', '/api/orders/:id/cancel')).toBeUndefined();
  });

  it('tells the wait in Swedish', () => {
    expect(inSwedish(1)).toBe('1 sekund');
    expect(inSwedish(42)).toBe('42 sekunder');
    expect(inSwedish(119)).toBe('119 sekunder');
    expect(inSwedish(121)).toBe('3 minuter');
    expect(inSwedish(600)).toBe('10 minuter');
    expect(inSwedish(3600)).toBe('60 minuter');
    expect(inSwedish(7200)).toBe('2 timmar');
  });
});
