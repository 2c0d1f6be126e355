import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { Clock } from '../../server/src/common/clock.js';
import { PERSONAS } from '../../server/src/seed/demo-data.js';
import { SchedulerService } from '../../server/src/scheduler/scheduler.service.js';
import { productionEnv } from '../support/production-env.js';
import { anonymous, signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const cookies = (res: request.Response): string[] =>
  (res.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
const sessionCookie = (res: request.Response) => cookies(res).find((c) => /^beh\.sid=[^;]+/.test(c));
const cookieValue = (cookie: string | undefined) => cookie?.split(';')[0].split('=')[1];

describe('development sign-in and sessions', () => {
  let t: TestApp;
  let clock: Clock;
  beforeAll(async () => {
    t = await createTestApp();
    clock = t.app.get(Clock);
  });
  afterEach(() => clock.set(undefined));
  afterAll(async () => {
    await t.close();
  });

  const sessionRows = async () =>
    ((await t.dataSource.query('SELECT count(*)::int AS n FROM user_session')) as { n: number }[])[0].n;

  it('offers the development sign-in and lists the personas with their demo roles', async () => {
    expect((await request(t.http).get('/api/auth/methods').expect(200)).body).toEqual({
      saml: false,
      dev: true,
    });
    const res = await request(t.http).get('/api/auth/dev-users').expect(200);
    expect(res.body.map((u: { userId: string }) => u.userId)).toEqual(PERSONAS.map((p) => p.userId));
    expect(res.body[1]).toEqual({
      userId: 'karlu1',
      firstName: 'Karin',
      lastName: 'Lund',
      title: 'Verksamhetschef',
      description: 'Verksamhetschef för Vårdcentralen Solgläntan och Avdelning 12 Medicin',
    });
  });

  it('answers /api/me with 401 problem JSON when nobody is signed in', async () => {
    const res = await request(t.http).get('/api/me').expect(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({
      type: 'urn:beh:problem:unauthenticated',
      status: 401,
      title: 'Inte inloggad',
    });
  });

  // What GET /api/me says of each persona of domain.md (the delegates are tested in delegations.e2e-spec).
  const roles = (administrator: boolean, headOfUnit: boolean, delegate: boolean) => ({
    administrator,
    headOfUnit,
    delegate,
    auditor: false,
  });
  const tiles = (vmu: boolean, attest: boolean, delegations: boolean) => ({
    vmuSingle: vmu,
    vmuMass: vmu,
    attest,
    delegations,
  });
  it.each([
    ['admin1', roles(true, false, false), tiles(false, false, true), []],
    [
      'karlu1',
      roles(false, true, false),
      tiles(true, true, true),
      ['Avdelning 12 Medicin', 'Vårdcentralen Solgläntan'],
    ],
    ['eriho2', roles(false, false, true), tiles(true, true, false), ['Vårdcentralen Solgläntan']],
    ['sarbe3', roles(false, false, true), tiles(false, true, false), ['Vårdcentralen Solgläntan']],
    ['nilbo4', roles(false, false, false), tiles(false, false, false), []],
    ['linma5', roles(false, false, false), tiles(false, false, false), []],
    ['majoh6', roles(false, false, false), tiles(false, false, false), []],
    ['ahmal7', roles(false, false, false), tiles(false, false, false), []],
    ['petny8', roles(false, false, false), tiles(false, false, false), []],
  ])('me for %s', async (userId, expectedRoles, expectedTiles, unitNames) => {
    const me = (await (await signIn(t, userId)).get('/api/me').expect(200)).body;
    const persona = PERSONAS.find((p) => p.userId === userId)!;
    expect(me.person).toMatchObject({ userId, hsaId: persona.hsaId, firstName: persona.firstName });
    expect(me.roles).toEqual(expectedRoles);
    expect(me.tiles).toEqual(expectedTiles);
    expect(me.units.map((u: { careUnitName: string }) => u.careUnitName)).toEqual(unitNames);
  });

  it('gives a head of unit every right on the units the directory says they head', async () => {
    const me = (await (await signIn(t, 'karlu1')).get('/api/me').expect(200)).body;
    for (const unit of me.units) {
      expect(unit).toMatchObject({
        order: true,
        attest: true,
        delegate: true,
        assignmentIds: null,
        via: ['HEAD'],
      });
    }
  });

  it('signs in with a fresh HttpOnly, SameSite=Strict session cookie and answers with me', async () => {
    const client = await anonymous(t);
    const before = await client.get('/api/auth/csrf').expect(200);
    const res = await client.post('/api/auth/dev-login').send({ userId: 'karlu1' }).expect(200);
    expect(res.body.person).toMatchObject({ userId: 'karlu1', firstName: 'Karin', lastName: 'Lund' });
    const cookie = sessionCookie(res)!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/i);
    // The CSRF token belongs to the session and is new after sign-in.
    const after = await client.get('/api/auth/csrf').expect(200);
    expect(after.body.token).not.toBe(before.body.token);
  });

  it('gives a new session id at sign-in; the pre-session id stops working', async () => {
    const pre = await request(t.http).get('/api/auth/csrf').expect(200);
    const preCookie = sessionCookie(pre)!.split(';')[0];
    const login = await request(t.http)
      .post('/api/auth/dev-login')
      .set('Cookie', preCookie)
      .set('X-CSRF-Token', pre.body.token)
      .send({ userId: 'nilbo4' })
      .expect(200);
    const newCookie = sessionCookie(login)!.split(';')[0];
    expect(cookieValue(newCookie)).not.toBe(cookieValue(preCookie));
    await request(t.http).get('/api/me').set('Cookie', newCookie).expect(200);
    await request(t.http).get('/api/me').set('Cookie', preCookie).expect(401);
    // Signing in again, even as the same person, replaces the session again.
    const again = await request(t.http)
      .post('/api/auth/dev-login')
      .set('Cookie', newCookie)
      .set('X-CSRF-Token', (await request(t.http).get('/api/auth/csrf').set('Cookie', newCookie)).body.token)
      .send({ userId: 'nilbo4' })
      .expect(200);
    expect(cookieValue(sessionCookie(again))).not.toBe(cookieValue(newCookie));
    await request(t.http).get('/api/me').set('Cookie', newCookie).expect(401);
  });

  it('stores only a hash of the cookie token', async () => {
    const res = await request(t.http).get('/api/auth/csrf').expect(200);
    const token = cookieValue(sessionCookie(res))!;
    const rows = (await t.dataSource.query('SELECT id FROM user_session')) as { id: string }[];
    expect(rows.some((r) => r.id.trim() === token)).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.id))).toBe(true);
  });

  it('refuses an unknown VGR-ID', async () => {
    const client = await anonymous(t);
    const res = await client.post('/api/auth/dev-login').send({ userId: 'nobody99' }).expect(400);
    expect(res.body.errors).toEqual({ userId: ['finns inte i katalogen'] });
  });

  it('logs out: 204, the cookie is cleared and the session row is gone', async () => {
    await t.dataSource.query('DELETE FROM user_session');
    const client = await signIn(t, 'eriho2');
    const [{ id }] = (await t.dataSource.query(
      `SELECT s.id FROM user_session s JOIN person p ON p.id = s.person_id WHERE p.user_id = 'eriho2'`,
    )) as { id: string }[];
    const res = await client.post('/api/auth/logout').expect(204);
    expect(sessionCookie(res) ?? cookies(res).find((c) => c.startsWith('beh.sid='))).toMatch(
      /beh\.sid=;.*Expires=Thu, 01 Jan 1970/,
    );
    expect(await t.dataSource.query('SELECT 1 FROM user_session WHERE id = $1', [id])).toEqual([]);
    await client.get('/api/me').expect(401);
  });

  it('logout ends the session on the server even if the browser kept the cookie', async () => {
    const client = await signIn(t, 'eriho2');
    const me = await client.get('/api/me').expect(200);
    const cookie = me.request.cookies;
    await client.post('/api/auth/logout').expect(204);
    await request(t.http).get('/api/me').set('Cookie', cookie).expect(401);
  });

  it('ends a session after 30 minutes without requests', async () => {
    await t.dataSource.query('DELETE FROM user_session');
    const start = new Date();
    clock.set(start);
    const client = await signIn(t, 'sarbe3');
    clock.set(new Date(start.getTime() + 29 * 60_000));
    await client.get('/api/me').expect(200);
    // Activity keeps it alive: 29 minutes after the last request is still fine.
    clock.set(new Date(start.getTime() + 58 * 60_000));
    await client.get('/api/me').expect(200);
    clock.set(new Date(start.getTime() + 88 * 60_000 + 1000));
    const res = await client.get('/api/me').expect(401);
    expect(sessionCookie(res)).toBeUndefined();
    expect(cookies(res).some((c) => c.startsWith('beh.sid=;'))).toBe(true);
    const rows = (await t.dataSource.query(
      `SELECT 1 FROM user_session s JOIN person p ON p.id = s.person_id WHERE p.user_id = 'sarbe3'`,
    )) as unknown[];
    expect(rows).toEqual([]);
  });

  it('ends a session 10 hours after sign-in however active it is', async () => {
    const start = new Date();
    clock.set(start);
    const client = await signIn(t, 'linma5');
    for (let minutes = 25; minutes < 600; minutes += 25) {
      clock.set(new Date(start.getTime() + minutes * 60_000));
      await client.get('/api/me').expect(200);
    }
    clock.set(new Date(start.getTime() + 600 * 60_000));
    await client.get('/api/me').expect(401);
  });

  it('writes no row for an anonymous visitor; the scheduler sweeps ended sessions', async () => {
    await signIn(t, 'petny8');
    const rows = await sessionRows();
    await anonymous(t);
    expect(await sessionRows()).toBe(rows);
    clock.set(new Date(Date.now() + 11 * 3_600_000));
    await t.app.get(SchedulerService).runTick();
    expect(await sessionRows()).toBe(0);
  });
});

describe('timeouts and administrators from the environment', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      SESSION_IDLE_MINUTES: '5',
      SESSION_ABSOLUTE_HOURS: '1',
      ADMIN_USER_IDS: 'nilbo4',
    });
  });

  it('makes the persons in ADMIN_USER_IDS administrators, without order rights', async () => {
    const nilbo4 = await signIn(t, 'nilbo4');
    const me = (await nilbo4.get('/api/me').expect(200)).body;
    expect(me.roles).toEqual({ administrator: true, headOfUnit: false, delegate: false, auditor: false });
    expect(me.tiles).toEqual({ vmuSingle: false, vmuMass: false, attest: false, delegations: true });
    await nilbo4.get('/api/outbox').expect(200);
  });
  afterAll(async () => {
    await t.close();
  });

  it('uses SESSION_IDLE_MINUTES', async () => {
    const clock = t.app.get(Clock);
    const start = new Date();
    clock.set(start);
    const client = await signIn(t, 'karlu1');
    clock.set(new Date(start.getTime() + 4 * 60_000));
    await client.get('/api/me').expect(200);
    clock.set(new Date(start.getTime() + 9 * 60_000 + 1000));
    await client.get('/api/me').expect(401);
    clock.set(undefined);
  });
});

describe('in production', () => {
  let t: TestApp;
  beforeAll(async () => {
    // DEV_LOGIN asked for explicitly, and refused all the same.
    t = await createTestApp(await productionEnv({ DEV_LOGIN: 'true' }));
  });
  afterAll(async () => {
    await t.close();
  });

  it('has no development sign-in: the routes answer 404', async () => {
    expect((await request(t.http).get('/api/auth/methods').expect(200)).body).toEqual({
      saml: true,
      dev: false,
    });
    await request(t.http).get('/api/auth/dev-users').expect(404);
    const client = await anonymous(t);
    const res = await client.post('/api/auth/dev-login').send({ userId: 'admin1' }).expect(404);
    expect(sessionCookie(res)).toBeUndefined();
    await client.get('/api/me').expect(401);
  });

  it('marks the session cookie Secure', async () => {
    const res = await request(t.http).get('/api/auth/csrf').expect(200);
    expect(sessionCookie(res)).toMatch(/; Secure/i);
  });
});
