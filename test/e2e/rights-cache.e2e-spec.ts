import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp } from '../../server/src/app.factory.js';
import { Clock } from '../../server/src/common/clock.js';
import { RightsService } from '../../server/src/delegations/rights.service.js';
import {
  newAdministrator,
  newCareUnit,
  newDelegation,
  newPerson,
  newTeam,
  type PersonMade,
} from '../factories/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

type Http = ReturnType<INestApplication['getHttpServer']>;

interface MeUnit {
  careUnitId: string;
  careUnitName: string;
  order: boolean;
  attest: boolean;
  via: string[];
}
interface Me {
  roles: { administrator: boolean; headOfUnit: boolean; delegate: boolean };
  units: MeUnit[];
}

/**
 * A browser's session: its cookie and CSRF token, sent to whichever application instance the
 * test names, as a load balancer would send one browser's requests to any of them.
 */
class Browser {
  constructor(
    readonly cookie: string,
    readonly csrf: string,
  ) {}

  get(http: Http, path: string) {
    return request(http).get(path).set('Cookie', this.cookie);
  }

  send(http: Http, method: 'post' | 'put' | 'patch', path: string, body: object = {}) {
    return request(http)[method](path).set('Cookie', this.cookie).set('X-CSRF-Token', this.csrf).send(body);
  }

  async me(http: Http): Promise<Me> {
    return (await this.get(http, '/api/me').expect(200)).body as Me;
  }
}

function sessionCookie(res: request.Response): string {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookie = cookies.map((c) => c.split(';')[0]).find((c) => /^beh\.sid=.+/.test(c));
  if (!cookie) throw new Error(`no session cookie in ${JSON.stringify(cookies)}`);
  return cookie;
}

/** Development sign-in as `person`, through `http`. */
async function signInAs(http: Http, person: { userId: string }): Promise<Browser> {
  const anonymous = await request(http).get('/api/auth/csrf').expect(200);
  const before = sessionCookie(anonymous);
  const signedIn = await request(http)
    .post('/api/auth/dev-login')
    .set('Cookie', before)
    .set('X-CSRF-Token', (anonymous.body as { token: string }).token)
    .send({ userId: person.userId })
    .expect(200);
  const cookie = sessionCookie(signedIn);
  const csrf = await request(http).get('/api/auth/csrf').set('Cookie', cookie).expect(200);
  return new Browser(cookie, (csrf.body as { token: string }).token);
}

const unitOf = (me: Me, careUnitId: string) => me.units.find((u) => u.careUnitId === careUnitId);

/**
 * Rights are kept per session in each process (auth's RightsCache) and used only while the
 * person's rights version (bumped by the database with every change of a delegation or headship),
 * Stockholm's date and the person's administrator flag are what they were: every change is seen
 * at the very next request, in any instance, and a session that ended is refused at once. Two
 * application instances run on one database, each with its own cache.
 */
describe('rights cached per session, with exact invalidation', () => {
  let t: TestApp;
  let other: INestApplication;
  let one: Http;
  let two: Http;
  let admin: Browser;
  /** Derivations of each instance's RightsService, by person id. */
  const derivations = new Map<Http, jest.Spied<RightsService['derive']>>();

  const derivedFor = (http: Http, person: { id: string }) =>
    derivations.get(http)!.mock.calls.filter(([subject]) => subject.id === person.id).length;

  beforeAll(async () => {
    t = await createTestApp({}, { seeded: false });
    other = await createApp(t.config, (t.dataSource.options as { url: string }).url);
    await other.init();
    one = t.http;
    two = other.getHttpServer();
    derivations.set(one, jest.spyOn(t.app.get(RightsService), 'derive'));
    derivations.set(two, jest.spyOn(other.get(RightsService), 'derive'));
    admin = await signInAs(one, await newAdministrator(t));
  });

  afterAll(async () => {
    await other?.close();
    await t?.close();
  });

  afterEach(() => {
    t.app.get(Clock).set(undefined);
  });

  it('uses the cached rights while nothing changed: one derivation at sign-in, none after', async () => {
    const team = await newTeam(t);
    const orderer = await signInAs(one, team.orderer);
    expect(derivedFor(one, team.orderer)).toBe(1);
    for (let n = 0; n < 3; n++) {
      expect(unitOf(await orderer.me(one), team.unit.id)).toMatchObject({ order: true, attest: true });
      await orderer.get(one, '/api/attest/counts').expect(200);
    }
    expect(derivedFor(one, team.orderer)).toBe(1);
  });

  it('stops a revoked delegation at the very next request of a session whose cache is warm', async () => {
    const team = await newTeam(t);
    const head = await signInAs(one, team.head);
    const orderer = await signInAs(one, team.orderer);
    await orderer.me(one);
    await orderer.get(one, '/api/delegations').expect(200);
    const warm = derivedFor(one, team.orderer);

    await head
      .send(one, 'patch', `/api/delegations/${team.delegations.orderer.id}`, { status: 'REVOKED' })
      .expect(200);

    const me = await orderer.me(one);
    expect(unitOf(me, team.unit.id)).toBeUndefined();
    expect(me.roles.delegate).toBe(false);
    await orderer.get(one, '/api/delegations').expect(403);
    // Derived once again after the change, and cached again from then on.
    expect(derivedFor(one, team.orderer)).toBe(warm + 1);
  });

  it('lets a new delegation, and a change of one, work at the next request', async () => {
    const team = await newTeam(t);
    const head = await signInAs(one, team.head);
    const nurse = await newPerson(t, { unit: team.unit });
    const browser = await signInAs(one, nurse);
    expect((await browser.me(one)).units).toEqual([]);
    await browser.get(one, '/api/delegations').expect(403);

    const granted = await head
      .send(one, 'post', '/api/delegations', {
        delegateId: nurse.id,
        careUnitId: team.unit.id,
        rights: ['ORDER', 'ATTEST'],
        assignmentIds: [],
        validFrom: t.app.get(Clock).today(),
        validTo: null,
      })
      .expect(201);
    expect(unitOf(await browser.me(one), team.unit.id)).toMatchObject({ order: true, attest: true });
    await browser.get(one, '/api/delegations').expect(200);

    await head
      .send(one, 'patch', `/api/delegations/${(granted.body as { id: string }).id}`, { rights: ['ATTEST'] })
      .expect(200);
    expect(unitOf(await browser.me(one), team.unit.id)).toMatchObject({ order: false, attest: true });
  });

  it("takes a change of head, and of a unit's name, into account at the next request", async () => {
    const team = await newTeam(t);
    const unit = await newCareUnit(t);
    const person = await newPerson(t, { unit });
    const browser = await signInAs(one, person);
    const attestant = await signInAs(one, team.attestant);
    expect((await browser.me(one)).roles.headOfUnit).toBe(false);
    await browser.get(one, '/api/delegations/grantable-units').expect(403);
    await attestant.me(one);

    await admin.send(one, 'put', `/api/care-units/${unit.id}`, { headOfUnitId: person.id }).expect(200);
    const head = await browser.me(one);
    expect(head.roles.headOfUnit).toBe(true);
    expect(unitOf(head, unit.id)).toMatchObject({ order: true, attest: true, via: ['HEAD'] });
    await browser.get(one, '/api/delegations/grantable-units').expect(200);

    // The rights name the units: renaming one is seen by its head and by its delegates.
    await admin.send(one, 'put', `/api/care-units/${unit.id}`, { name: `${unit.name} (ny)` }).expect(200);
    expect(unitOf(await browser.me(one), unit.id)?.careUnitName).toBe(`${unit.name} (ny)`);
    await admin
      .send(one, 'put', `/api/care-units/${team.unit.id}`, { name: `${team.unit.name} (ny)` })
      .expect(200);
    expect(unitOf(await attestant.me(one), team.unit.id)?.careUnitName).toBe(`${team.unit.name} (ny)`);

    await admin.send(one, 'put', `/api/care-units/${unit.id}`, { headOfUnitId: team.head.id }).expect(200);
    const former = await browser.me(one);
    expect(former.roles.headOfUnit).toBe(false);
    expect(former.units).toEqual([]);
    await browser.get(one, '/api/delegations/grantable-units').expect(403);
  });

  it("takes the directory's administrator flag into account at the next request", async () => {
    const person = await newPerson(t);
    const browser = await signInAs(one, person);
    expect((await browser.me(one)).roles.administrator).toBe(false);
    // The flag comes with the directory's data (a sync from KIV); no route writes it.
    await t.dataSource.query('UPDATE person SET is_administrator = true WHERE id = $1', [person.id]);
    expect((await browser.me(one)).roles.administrator).toBe(true);
    await browser.get(one, '/api/audit-events').expect(200);
    await t.dataSource.query('UPDATE person SET is_administrator = false WHERE id = $1', [person.id]);
    expect((await browser.me(one)).roles.administrator).toBe(false);
    await browser.get(one, '/api/audit-events').expect(403);
  });

  it('refuses a session at the next request once it is signed out, ended or expired, in every instance', async () => {
    const team = await newTeam(t);
    const browser = await signInAs(one, team.orderer);
    await browser.me(one);
    await browser.me(two);
    await browser.send(one, 'post', '/api/auth/logout').expect(204);
    await browser.get(one, '/api/me').expect(401);
    await browser.get(two, '/api/me').expect(401);
    await browser.get(two, '/api/delegations').expect(401);

    // Ended on the server without the browser (an administrator's or a sweep's DELETE).
    const ended = await signInAs(two, team.orderer);
    await ended.me(one);
    await ended.me(two);
    await t.dataSource.query(
      `DELETE FROM user_session WHERE person_id = $1 AND id = encode(sha256(convert_to($2, 'UTF8')), 'hex')`,
      [team.orderer.id, ended.cookie.slice('beh.sid='.length)],
    );
    await ended.get(one, '/api/me').expect(401);
    await ended.get(two, '/api/me').expect(401);

    // Idle past SESSION_IDLE_MINUTES by the clock of the instance it comes to.
    const idle = await signInAs(one, team.orderer);
    await idle.me(one);
    t.app.get(Clock).set(new Date(Date.now() + (t.config.auth.sessionIdleMinutes + 1) * 60_000));
    await idle.get(one, '/api/me').expect(401);
  });

  it('shows a change made through one instance to the other at its next request', async () => {
    const team = await newTeam(t);
    const headOnOne = await signInAs(one, team.head);
    const headOnTwo = await signInAs(two, team.head);
    const orderer = await signInAs(one, team.orderer);
    for (const http of [one, two, one, two]) {
      expect(unitOf(await orderer.me(http), team.unit.id)).toMatchObject({ order: true, attest: true });
    }
    expect(derivedFor(two, team.orderer)).toBe(1);

    await headOnOne
      .send(one, 'patch', `/api/delegations/${team.delegations.orderer.id}`, { status: 'REVOKED' })
      .expect(200);
    expect(unitOf(await orderer.me(two), team.unit.id)).toBeUndefined();
    await orderer.get(two, '/api/delegations').expect(403);

    await headOnTwo
      .send(two, 'post', '/api/delegations', {
        delegateId: team.orderer.id,
        careUnitId: team.unit.id,
        rights: ['ATTEST'],
        assignmentIds: [],
        validFrom: t.app.get(Clock).today(),
        validTo: null,
      })
      .expect(201);
    expect(unitOf(await orderer.me(one), team.unit.id)).toMatchObject({ order: false, attest: true });

    // A headship changed through the second instance, seen by the first.
    await orderer.me(one);
    await admin
      .send(two, 'put', `/api/care-units/${team.unit.id}`, { headOfUnitId: team.orderer.id })
      .expect(200);
    expect((await orderer.me(one)).roles.headOfUnit).toBe(true);
    await orderer.get(one, '/api/delegations/grantable-units').expect(200);
    expect((await headOnOne.me(one)).roles.headOfUnit).toBe(false);
    await headOnTwo.get(two, '/api/delegations/grantable-units').expect(403);
  });

  it('ends a delegation with its last day and starts one with its first, without any write', async () => {
    const clock = t.app.get(Clock);
    // 23:50 and then 00:10 in Stockholm (UTC+1 in January): twenty minutes, within the idle limit.
    const lastDay = '2027-01-14';
    const nextDay = '2027-01-15';
    clock.set(new Date(`${lastDay}T22:50:00Z`));
    const team = await newTeam(t);
    const ending = await newPerson(t, { unit: team.unit });
    const starting = await newPerson(t, { unit: team.unit });
    await newDelegation(t, { unit: team.unit, delegate: ending, rights: ['ATTEST'], validTo: lastDay });
    await newDelegation(t, { unit: team.unit, delegate: starting, rights: ['ATTEST'], validFrom: nextDay });
    const endingBrowser = await signInAs(one, ending);
    const startingBrowser = await signInAs(one, starting);
    expect(unitOf(await endingBrowser.me(one), team.unit.id)).toMatchObject({ attest: true });
    expect(unitOf(await startingBrowser.me(one), team.unit.id)).toBeUndefined();
    await startingBrowser.get(one, '/api/delegations').expect(403);

    const sources = async (persons: PersonMade[]) =>
      t.dataSource.query(
        `SELECT rv.person_id, rv.version,
                (SELECT json_agg(d ORDER BY d.id) FROM delegation d WHERE d.delegate_id = rv.person_id) AS delegations
           FROM rights_version rv WHERE rv.person_id = ANY($1::uuid[]) ORDER BY rv.person_id`,
        [persons.map((p) => p.id)],
      );
    const before = await sources([ending, starting]);
    expect(before).toHaveLength(2);

    clock.set(new Date(`${lastDay}T23:10:00Z`));
    expect(clock.today()).toBe(nextDay);
    expect(unitOf(await endingBrowser.me(one), team.unit.id)).toBeUndefined();
    await endingBrowser.get(one, '/api/delegations').expect(403);
    expect(unitOf(await startingBrowser.me(one), team.unit.id)).toMatchObject({ attest: true });
    await startingBrowser.get(one, '/api/delegations').expect(200);
    expect(await sources([ending, starting])).toEqual(before);
  });
});
