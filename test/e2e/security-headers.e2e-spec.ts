import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { DOCS_CSP } from '../../server/src/openapi/api-docs-page.js';
import { productionEnv } from '../support/production-env.js';
import { IDP_SSO_URL } from '../support/saml-idp.js';
import { signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The browser-side defences every answer carries (server/src/common/security-headers.ts): the UI
 * and the signing window under a strict Content-Security-Policy, the API under one that lets
 * nothing load or frame, framing refused, nosniff, Referrer-Policy, Permissions-Policy, and HSTS in
 * production only. A built UI of a few files stands in for dist/admin-ui.
 */

type Headers = Record<string, string | undefined>;

/** A policy as its directives, each with its sources. */
function directives(policy: string | undefined): Record<string, string[]> {
  const parsed: Record<string, string[]> = {};
  for (const part of (policy ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) parsed[name] = sources;
  }
  return parsed;
}

/** What every answer has, whatever its kind. */
function expectCommonHeaders(headers: Headers): void {
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('same-origin');
  for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) {
    expect(headers['permissions-policy']).toContain(`${feature}=()`);
  }
  expect(headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(headers['x-powered-by']).toBeUndefined();
}

/** The UI's policy: its own files only, no inline script, no eval, never framed. */
function expectUiPolicy(headers: Headers, formAction: string[]): void {
  const policy = headers['content-security-policy'];
  expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  expect(directives(policy)).toEqual({
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    // emotion's empty <style> elements, filled through the CSSOM (see security-headers.ts).
    'style-src': ["'self'", "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"],
    'img-src': ["'self'"],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': formAction,
    'frame-ancestors': ["'none'"],
  });
}

function expectApiPolicy(headers: Headers): void {
  expect(directives(headers['content-security-policy'])).toEqual({
    'default-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  });
}

const SIGNING_PATH = '/signing/5b628c5b-2d5a-45c7-8001-8517fe3b3099';

function builtUi(): string {
  const uiDir = mkdtempSync(path.join(os.tmpdir(), 'beh-ui-'));
  mkdirSync(path.join(uiDir, 'assets'));
  writeFileSync(
    path.join(uiDir, 'index.html'),
    '<!doctype html><script src="/assets/main-Ab12Cd34.js"></script>',
  );
  writeFileSync(path.join(uiDir, 'signing.html'), '<!doctype html><title>Signering</title>');
  writeFileSync(path.join(uiDir, 'assets', 'main-Ab12Cd34.js'), 'export {};\n');
  return uiDir;
}

describe('security headers (test mode, no SAML)', () => {
  let t: TestApp;
  let uiDir: string;

  beforeAll(async () => {
    uiDir = builtUi();
    t = await createTestApp({ UI_DIR: uiDir });
  });
  afterAll(async () => {
    await t.close();
    rmSync(uiDir, { recursive: true, force: true });
  });

  it('serves the UI and its files under the strict policy, forms to the portal only', async () => {
    for (const url of ['/', '/index.html', '/assets/main-Ab12Cd34.js']) {
      const res = await request(t.http).get(url).expect(200);
      expectCommonHeaders(res.headers);
      expectUiPolicy(res.headers, ["'self'"]);
    }
  });

  it('serves the signing window under the same policy', async () => {
    const res = await request(t.http).get(SIGNING_PATH).expect(200);
    expect(res.text).toContain('Signering');
    expectCommonHeaders(res.headers);
    expectUiPolicy(res.headers, ["'self'"]);
  });

  it('gives API answers a policy that lets nothing load, run or frame them', async () => {
    const res = await request(t.http).get('/api/auth/methods').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expectCommonHeaders(res.headers);
    expectApiPolicy(res.headers);
  });

  it('gives problem answers the same headers', async () => {
    const unauthenticated = await request(t.http).get('/api/orders').expect(401);
    expect(unauthenticated.headers['content-type']).toMatch(/^application\/problem\+json/);
    expectCommonHeaders(unauthenticated.headers);
    expectApiPolicy(unauthenticated.headers);

    const missing = await request(t.http).get('/api/no-such-route').expect(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expectCommonHeaders(missing.headers);
    expectApiPolicy(missing.headers);
  });

  it('sends no HSTS outside production, where the portal runs on plain http', async () => {
    const res = await request(t.http).get('/').expect(200);
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('keeps the API description page under its own policy, which Swagger UI works with', async () => {
    const admin = await signIn(t, 'admin1');
    const res = await admin.get('/api/docs').expect(200);
    expect(res.headers['content-security-policy']).toBe(DOCS_CSP);
    expectCommonHeaders(res.headers);
  });
});

describe('security headers in development', () => {
  let t: TestApp;
  afterAll(async () => {
    await t?.close();
  });

  it('sends no HSTS either, and the same policies', async () => {
    t = await createTestApp({ NODE_ENV: 'development' });
    const res = await request(t.http).get('/api/auth/methods').expect(200);
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expectCommonHeaders(res.headers);
    expectApiPolicy(res.headers);
  });
});

describe('security headers in production', () => {
  let t: TestApp;
  let uiDir: string;

  beforeAll(async () => {
    uiDir = builtUi();
    t = await createTestApp(await productionEnv({ UI_DIR: uiDir }));
  });
  afterAll(async () => {
    await t.close();
    rmSync(uiDir, { recursive: true, force: true });
  });

  it('sends HSTS for a year on every answer', async () => {
    for (const url of ['/', SIGNING_PATH, '/api/auth/methods', '/api/orders']) {
      const res = await request(t.http).get(url);
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expectCommonHeaders(res.headers);
    }
  });

  it("lets the UI's forms go to the portal and the configured IdP, nowhere else", async () => {
    const idp = new URL(IDP_SSO_URL).origin;
    for (const url of ['/', SIGNING_PATH]) {
      const res = await request(t.http).get(url).expect(200);
      expectUiPolicy(res.headers, ["'self'", idp]);
    }
  });

  it('keeps the API policy on the way to the IdP', async () => {
    const res = await request(t.http).get('/api/auth/saml/login').expect(302);
    expect(res.headers.location).toMatch(new RegExp(`^${IDP_SSO_URL}\\?`));
    expectApiPolicy(res.headers);
  });

  it("lets the assertion consumer's pages keep their own style, and nothing else", async () => {
    const res = await request(t.http)
      .post('/api/auth/saml/acs')
      .type('form')
      .send({ SAMLResponse: Buffer.from('<nonsense/>').toString('base64') })
      .expect(401);
    expect(res.text).toContain('Inloggningen misslyckades');
    expectCommonHeaders(res.headers);
    expect(directives(res.headers['content-security-policy'])).toEqual({
      'default-src': ["'none'"],
      'style-src': ["'unsafe-inline'"],
      'base-uri': ["'none'"],
      'form-action': ["'none'"],
      'frame-ancestors': ["'none'"],
    });
  });
});
