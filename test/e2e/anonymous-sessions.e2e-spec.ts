import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { Clock } from '../../server/src/common/clock.js';
import { PERSONAS } from '../../server/src/seed/demo-data.js';
import { SchedulerService } from '../../server/src/scheduler/scheduler.service.js';
import { createLibraryIdp, type LibraryIdp } from '../support/library-idp.js';
import { createTestIdp, samlEnv } from '../support/saml-idp.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const sessionCookie = (res: request.Response): string | undefined =>
  ((res.headers['set-cookie'] as unknown as string[] | undefined) ?? [])
    .map((c) => c.split(';')[0])
    .find((c) => /^beh\.sid=.+/.test(c));

/**
 * Nothing is written for a visitor who has not begun to sign in (issue 12): the sign-in page's
 * CSRF token is a signed cookie, not a session row, and still guards the sign-in POST. Sessions
 * and SAML requests that have ended are swept by the scheduler, not only at the next sign-in.
 */
describe('anonymous visitors and the sweep of ended sign-ins', () => {
  let t: TestApp;
  let idp: LibraryIdp;
  let clock: Clock;

  const count = async (table: 'user_session' | 'saml_request') =>
    (await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

  beforeAll(async () => {
    const keys = await createTestIdp();
    // SAML and the development sign-in side by side (outside production both are offered).
    t = await createTestApp(samlEnv(keys, await createTestIdp('BEH SP')));
    idp = createLibraryIdp(keys, (await request(t.http).get('/api/auth/saml/metadata').expect(200)).text);
    clock = t.app.get(Clock);
    // The first file of a run builds the template database: time enough on a busy machine.
  }, 180_000);
  afterEach(() => clock.set(undefined));
  afterAll(async () => {
    await t.close();
  });

  it('writes no row for 2,000 cookie-less GET /api/auth/csrf, each given its own token', async () => {
    const before = await count('user_session');
    const tokens = new Set<string>();
    for (let batch = 0; batch < 40; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 50 }, () => request(t.http).get('/api/auth/csrf').expect(200)),
      );
      for (const res of answers) {
        tokens.add((res.body as { token: string }).token);
        expect(sessionCookie(res)).toMatch(/^beh\.sid=anon\./);
      }
    }
    expect(tokens.size).toBe(2000);
    expect(await count('user_session')).toBe(before);
  });

  it('signs in with the anonymous token and its cookie only, and that cookie is no session', async () => {
    const pre = await request(t.http).get('/api/auth/csrf').expect(200);
    const anonymous = sessionCookie(pre)!;
    const { token } = pre.body as { token: string };
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The same cookie gives the same token (the sign-in page may ask again).
    expect((await request(t.http).get('/api/auth/csrf').set('Cookie', anonymous).expect(200)).body).toEqual({
      token,
    });
    await request(t.http).get('/api/me').set('Cookie', anonymous).expect(401);

    const before = await count('user_session');
    const login = await request(t.http)
      .post('/api/auth/dev-login')
      .set('Cookie', anonymous)
      .set('X-CSRF-Token', token)
      .send({ userId: 'karlu1' })
      .expect(200);
    expect(await count('user_session')).toBe(before + 1);
    const session = sessionCookie(login)!;
    expect(session).toMatch(/^beh\.sid=[A-Za-z0-9_-]{43}$/);
    const me = await request(t.http).get('/api/me').set('Cookie', session).expect(200);
    expect(me.body.person.userId).toBe('karlu1');
    // The session has a CSRF token of its own; the anonymous one does not work for it.
    const own = (await request(t.http).get('/api/auth/csrf').set('Cookie', session).expect(200)).body as {
      token: string;
    };
    expect(own.token).not.toBe(token);
    await request(t.http)
      .post('/api/auth/logout')
      .set('Cookie', session)
      .set('X-CSRF-Token', token)
      .expect(403);
  });

  it('refuses an anonymous token with another cookie, an altered cookie, or one past its time', async () => {
    const a = await request(t.http).get('/api/auth/csrf').expect(200);
    const b = await request(t.http).get('/api/auth/csrf').expect(200);
    const cookieA = sessionCookie(a)!;
    const tokenA = (a.body as { token: string }).token;
    const login = (cookie: string, token: string) =>
      request(t.http)
        .post('/api/auth/dev-login')
        .set('Cookie', cookie)
        .set('X-CSRF-Token', token)
        .send({ userId: 'nilbo4' });

    expect((await login(sessionCookie(b)!, tokenA).expect(403)).body).toMatchObject({
      type: 'urn:beh:problem:csrf',
    });
    // The moment of issue moved a day on, to make it last longer: the token no longer matches.
    const [, id, issued] = /^beh\.sid=anon\.([^.]+)\.([0-9a-z]+)$/.exec(cookieA)!;
    const later = (parseInt(issued, 36) + 86_400).toString(36);
    await login(`beh.sid=anon.${id}.${later}`, tokenA).expect(403);
    // A made-up id with the token of another.
    await login(`beh.sid=anon.${'A'.repeat(43)}.${issued}`, tokenA).expect(403);

    // SESSION_IDLE_MINUTES (30) after its issue the anonymous cookie has ended; its cookie is cleared.
    clock.set(new Date(Date.now() + 31 * 60_000));
    const ended = await login(cookieA, tokenA).expect(403);
    expect(
      ((ended.headers['set-cookie'] as unknown as string[]) ?? []).some((c) => c.startsWith('beh.sid=;')),
    ).toBe(true);
    // A fresh one works.
    const fresh = await request(t.http).get('/api/auth/csrf').expect(200);
    await login(sessionCookie(fresh)!, (fresh.body as { token: string }).token).expect(200);
  });

  it('keeps the SAML sign-in: its start writes the request row, and the response signs in', async () => {
    const before = await count('saml_request');
    const start = await request(t.http).get('/api/auth/saml/login').expect(302);
    expect(sessionCookie(start)).toBeUndefined();
    expect(await count('saml_request')).toBe(before + 1);
    const hsaId = PERSONAS.find((p) => p.userId === 'eriho2')!.hsaId;
    const acs = await request(t.http)
      .post('/api/auth/saml/acs')
      .type('form')
      .send({
        SAMLResponse: (
          await idp.respond(start.headers.location as string, { hsaId, loa: 'http://id.sambi.se/loa/loa3' })
        ).samlResponse,
      })
      .expect(200);
    const me = await request(t.http).get('/api/me').set('Cookie', sessionCookie(acs)!).expect(200);
    expect(me.body.person.userId).toBe('eriho2');
  });

  it('sweeps ended sessions and expired SAML requests at the scheduler tick, and keeps the rest', async () => {
    const signInAs = async (userId: string) => {
      const pre = await request(t.http).get('/api/auth/csrf').expect(200);
      const res = await request(t.http)
        .post('/api/auth/dev-login')
        .set('Cookie', sessionCookie(pre)!)
        .set('X-CSRF-Token', (pre.body as { token: string }).token)
        .send({ userId })
        .expect(200);
      return sessionCookie(res)!;
    };
    await t.dataSource.query('DELETE FROM user_session');
    await t.dataSource.query('DELETE FROM saml_request');
    const start = new Date();
    clock.set(start);
    const idle = await signInAs('linma5');
    const active = await signInAs('majoh6');
    // SAML requests: one sent just now, two past the 30 minutes an answer is accepted in.
    await request(t.http).get('/api/auth/saml/login').expect(302);
    await t.dataSource.query(
      `INSERT INTO saml_request (id, value, created_at)
       VALUES ('_old-unanswered', 'x', now() - interval '31 minutes'),
              ('_old-answered', 'x', now() - interval '2 hours')`,
    );
    await t.dataSource.query(`UPDATE saml_request SET consumed_at = now() WHERE id = '_old-answered'`);

    // 20 minutes on the active session is used; 40 minutes on the idle one has ended (30 idle).
    clock.set(new Date(start.getTime() + 20 * 60_000));
    await request(t.http).get('/api/me').set('Cookie', active).expect(200);
    clock.set(new Date(start.getTime() + 40 * 60_000));
    await t.app.get(SchedulerService).runTick();

    const left = await t.dataSource.query<{ userId: string }[]>(
      `SELECT p.user_id AS "userId" FROM user_session s JOIN person p ON p.id = s.person_id`,
    );
    expect(left.map((r) => r.userId)).toEqual(['majoh6']);
    const requests = await t.dataSource.query<{ id: string }[]>('SELECT id FROM saml_request');
    expect(requests).toHaveLength(1);
    expect(requests[0].id).not.toMatch(/^_old/);
    await request(t.http).get('/api/me').set('Cookie', idle).expect(401);
    await request(t.http).get('/api/me').set('Cookie', active).expect(200);

    // Ten hours after sign-in every session has ended, however active.
    clock.set(new Date(start.getTime() + 10 * 3_600_000));
    await t.app.get(SchedulerService).runTick();
    expect(await count('user_session')).toBe(0);
  });
});
