import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DEFAULT_LIMITS, LIMIT_VARIABLES } from '../../server/src/config/limits.config.js';
import { NAMED_ROUTES } from '../../server/src/limits/limited-routes.js';
import { PgThrottlerStorage } from '../../server/src/limits/pg-throttler-storage.js';
import { seedId } from '../../server/src/seed/seed-ids.js';
import { registeredRoutes } from '../support/routes.js';
import { createTestIdp, samlEnv } from '../support/saml-idp.js';
import { anonymous, signIn } from '../support/sign-in.js';
import { createAppOn } from '../support/standalone-app.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** The limits as production has them: every variable empty is every default. */
const REAL_LIMITS = Object.fromEntries(Object.values(LIMIT_VARIABLES).map((name) => [name, '']));

const NILS = seedId('person:nilbo4');
const NILS_HSA = 'SE2321000131-P000000000104';

/** The 429 every limit answers: Swedish problem JSON whose retryAfter is the Retry-After header. */
function expectRefused(res: request.Response, limit: string, detail: RegExp, maxSeconds: number): number {
  expect(res.status).toBe(429);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const retryAfter = Number(res.headers['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(maxSeconds);
  expect(res.body).toEqual({
    type: 'urn:beh:problem:rate-limited',
    title: 'För många anrop',
    status: 429,
    detail: expect.stringMatching(detail),
    limit,
    retryAfter,
  });
  expect(res.body.detail).toMatch(/Försök igen om \d+ (sekund|sekunder|minuter|timmar)\.$/);
  return retryAfter;
}

const rows = async (t: TestApp): Promise<number> =>
  Number((await t.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM rate_limit'))[0].n);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('rate limits, as production has them', () => {
  let t: TestApp;

  beforeAll(async () => {
    // SAML on as well as the dev sign-in, so that all three sign-in routes answer.
    t = await createTestApp({ ...samlEnv(await createTestIdp()), ...REAL_LIMITS });
  });
  afterAll(async () => {
    await t.close();
  });

  it('runs with the defaults of the README', () => {
    expect(t.config.limits).toEqual(DEFAULT_LIMITS);
    expect(t.config.limits).toEqual({
      signIn: [{ limit: 30, seconds: 60 }],
      personLookup: [
        { limit: 60, seconds: 60 },
        { limit: 600, seconds: 3600 },
      ],
      sign: [{ limit: 20, seconds: 60 }],
      export: [{ limit: 10, seconds: 600 }],
      massOrderImport: [{ limit: 30, seconds: 3600 }],
    });
  });

  it('names only routes that exist, and counts every CSV export', () => {
    const routes = registeredRoutes(t.app).map((r) => `${r.method} ${r.path}`);
    expect(NAMED_ROUTES.filter((route) => !routes.includes(route))).toEqual([]);
    expect(routes.filter((route) => /^GET \/api\/.+\/export$/.test(route)).length).toBeGreaterThanOrEqual(9);
  });

  it('refuses the 31st sign-in attempt a minute from one address, on every sign-in route, and not another address', async () => {
    const from = (ip: string) => ({ 'X-Forwarded-For': ip });
    const anon = await anonymous(t);
    for (let i = 0; i < 30; i++) {
      const res = await anon
        .post('/api/auth/dev-login')
        .set(from('203.0.113.10'))
        .send({ userId: `nobody${i}` });
      expect(res.status).not.toBe(429);
    }
    const refused = await anon
      .post('/api/auth/dev-login')
      .set(from('203.0.113.10'))
      .send({ userId: 'admin1' });
    expectRefused(refused, 'sign-in', /^För många inloggningsförsök från din adress\./, 60);
    // The same count for the SAML routes from that address…
    expectRefused(
      await request(t.http).get('/api/auth/saml/login').set(from('203.0.113.10')),
      'sign-in',
      /inloggningsförsök/,
      60,
    );
    expectRefused(
      await request(t.http)
        .post('/api/auth/saml/acs')
        .set(from('203.0.113.10'))
        .type('form')
        .send({ SAMLResponse: 'x' }),
      'sign-in',
      /inloggningsförsök/,
      60,
    );
    // …while another address signs in.
    await anon.post('/api/auth/dev-login').set(from('203.0.113.11')).send({ userId: 'admin1' }).expect(200);
  });

  it('counts a SAML sign-in start and its assertion alike, per address (an IPv6 client by its /64)', async () => {
    for (let i = 0; i < 15; i++) {
      await request(t.http)
        .get('/api/auth/saml/login')
        .set('X-Forwarded-For', `2001:db8:0:1::${i + 1}`)
        .expect(302);
      const acs = await request(t.http)
        .post('/api/auth/saml/acs')
        .set('X-Forwarded-For', `2001:db8:0:1::${i + 100}`)
        .type('form')
        .send({ SAMLResponse: Buffer.from('<not-saml/>').toString('base64') });
      expect(acs.status).toBe(401);
    }
    expectRefused(
      await request(t.http).get('/api/auth/saml/login').set('X-Forwarded-For', '2001:db8:0:1:ffff::1'),
      'sign-in',
      /inloggningsförsök/,
      60,
    );
    await request(t.http).get('/api/auth/saml/login').set('X-Forwarded-For', '2001:db8:0:2::1').expect(302);
  });

  it('refuses the 61st person lookup or detail a minute per person, from any address, and not another person', async () => {
    const eriho2 = await signIn(t, 'eriho2');
    for (let i = 0; i < 60; i++) {
      const res =
        i % 2 === 0
          ? await eriho2.get(`/api/persons/lookup?hsaId=${NILS_HSA}`)
          : await eriho2.get(`/api/persons/${NILS}`);
      expect(res.status).toBe(200);
    }
    expectRefused(
      await eriho2.get(`/api/persons/lookup?hsaId=${NILS_HSA}`),
      'person-lookup',
      /^Du har slagit upp eller öppnat för många personer på kort tid\./,
      60,
    );
    expectRefused(await eriho2.get(`/api/persons/${NILS}`), 'person-lookup', /personer/, 60);
    // Counted per person: another address does not help…
    expectRefused(
      await eriho2.get(`/api/persons/${NILS}`).set('X-Forwarded-For', '198.51.100.7'),
      'person-lookup',
      /personer/,
      60,
    );
    // …and HEAD is GET's route, not a way around it.
    expect((await eriho2.agent.head(`/api/persons/${NILS}`)).status).toBe(429);
    // The rest of the portal is theirs as before.
    await eriho2.get('/api/me').expect(200);
    await eriho2.get('/api/persons?range=[0,4]').expect(200);
    // Another person from the same address looks up as before.
    const karlu1 = await signIn(t, 'karlu1');
    await karlu1.get(`/api/persons/lookup?hsaId=${NILS_HSA}`).expect(200);
    await karlu1.get(`/api/persons/${NILS}`).expect(200);
  });

  it('leaves every other route alone: answered, and not even counted', async () => {
    const admin = await signIn(t, 'admin1');
    const nilbo4 = await signIn(t, 'nilbo4');
    const before = await rows(t);
    for (let i = 0; i < 65; i++) await nilbo4.get('/api/me').expect(200);
    for (let i = 0; i < 10; i++) {
      await admin.get('/api/persons?range=[0,4]').expect(200);
      await admin.get('/api/care-units?range=[0,4]').expect(200);
      await request(t.http).get('/api/auth/csrf').expect(200);
    }
    // Refused by the AuthGuard before any count: someone not signed in is not a lookup.
    for (let i = 0; i < 5; i++) {
      await request(t.http).get(`/api/persons/${NILS}`).expect(401);
    }
    expect(await rows(t)).toBe(before);
  });

  it('refuses the 21st decision or signature a minute per person, and not another person', async () => {
    const sarbe3 = await signIn(t, 'sarbe3');
    for (let i = 0; i < 10; i++) {
      expect((await sarbe3.post('/api/attest/sign-requests').send({})).status).toBe(400);
      expect(
        (
          await sarbe3
            .post(`/api/signing/${seedId(`none:${i}`)}/sign`)
            .send({ certificateId: NILS, pin: '0000' })
        ).status,
      ).toBe(404);
    }
    expectRefused(
      await sarbe3.post('/api/attest/sign-requests').send({}),
      'sign',
      /^För många signeringsförsök på kort tid\./,
      60,
    );
    expectRefused(
      await sarbe3.post(`/api/signing/${seedId('none:x')}/sign`).send({}),
      'sign',
      /signering/,
      60,
    );
    const eriho2 = await signIn(t, 'eriho2');
    expect((await eriho2.post('/api/attest/sign-requests').send({})).status).toBe(400);
  });

  it('refuses the 11th export in 10 minutes per person, on every export, and not another person', async () => {
    const admin = await signIn(t, 'admin1');
    const exports = registeredRoutes(t.app)
      .filter((r) => r.method === 'GET' && r.path.endsWith('/export'))
      .map((r) => r.path);
    for (let i = 0; i < 10; i++) {
      await admin.get(exports[i % exports.length]).expect(200);
    }
    for (const path of exports) {
      const retryAfter = expectRefused(
        await admin.get(path),
        'export',
        /^Du har gjort för många exporter på kort tid\. Försök igen om \d+ minuter\.$/,
        600,
      );
      expect(retryAfter).toBeGreaterThan(540);
    }
    const eriho2 = await signIn(t, 'eriho2');
    await eriho2.get('/api/orders/export').expect(200);
  });

  it('shares the count between two instances on one database', async () => {
    const url = (t.dataSource.options as { url: string }).url;
    const other = await createAppOn(url, { ...samlEnv(await createTestIdp()), ...REAL_LIMITS });
    try {
      // admin1, signed in on each instance, has looked nobody up yet.
      const onFirst = await signIn(t, 'admin1');
      const onSecond = await signIn(other, 'admin1');
      for (let i = 0; i < 60; i++) {
        await (i % 2 === 0 ? onFirst : onSecond).get(`/api/persons/${NILS}`).expect(200);
      }
      expectRefused(await onSecond.get(`/api/persons/${NILS}`), 'person-lookup', /personer/, 60);
      expectRefused(await onFirst.get(`/api/persons/${NILS}`), 'person-lookup', /personer/, 60);
    } finally {
      await other.close();
    }
  });
});

describe('rate-limit windows', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PERSON_LOOKUP: '3/2s,5/1h', RATE_LIMIT_SIGN_IN: '2/1s' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets a person in again when the window ends, until a longer window of the same limit is full', async () => {
    const eriho2 = await signIn(t, 'eriho2');
    const lookUp = () => eriho2.get(`/api/persons/${NILS}`);
    for (let i = 0; i < 3; i++) await lookUp().expect(200);
    const shortWait = expectRefused(await lookUp(), 'person-lookup', /Försök igen om [12] sekund/, 2);
    await sleep(shortWait * 1000 + 100);
    // The 2-second window has begun anew; the hour's holds the 3 answered and the refused one.
    await lookUp().expect(200);
    const hourWait = expectRefused(await lookUp(), 'person-lookup', /Försök igen om 60 minuter\.$/, 3600);
    expect(hourWait).toBeGreaterThan(3590);
  });

  it('sweeps ended windows and keeps running ones', async () => {
    const anon = await anonymous(t);
    await anon.post('/api/auth/dev-login').set('X-Forwarded-For', '192.0.2.1').send({ userId: 'nobody' });
    const keys = async () =>
      (await t.dataSource.query<{ key: string }[]>('SELECT key FROM rate_limit ORDER BY key')).map(
        (r) => r.key,
      );
    expect(await keys()).toEqual(
      expect.arrayContaining(['sign-in/1s:ip:192.0.2.1', `person-lookup/1h:user:${seedId('person:eriho2')}`]),
    );
    await sleep(1100);
    const swept = await t.app.get(PgThrottlerStorage).sweep();
    expect(swept).toBeGreaterThanOrEqual(1);
    const left = await keys();
    expect(left).not.toContain('sign-in/1s:ip:192.0.2.1');
    expect(left).toContain(`person-lookup/1h:user:${seedId('person:eriho2')}`);
  });

  it('refuses a sign-in beyond 2 a second and lets it in the next second', async () => {
    const anon = await anonymous(t);
    const attempt = () =>
      anon.post('/api/auth/dev-login').set('X-Forwarded-For', '192.0.2.2').send({ userId: 'nobody' });
    expect((await attempt()).status).not.toBe(429);
    expect((await attempt()).status).not.toBe(429);
    expectRefused(await attempt(), 'sign-in', /Försök igen om 1 sekund\.$/, 1);
    await sleep(1100);
    expect((await attempt()).status).not.toBe(429);
  });
});
