import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { Clock } from '../../server/src/common/clock.js';
import { MAX_JSON_DEPTH } from '../../server/src/common/input-guard.js';
import { registeredRoutes } from '../support/routes.js';
import { type Client, signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { send, VOB_SOL } from './orders-support.js';

/**
 * No input reaches a 500 (issue 12): text PostgreSQL cannot store (NUL) or that is no text at
 * all (a lone UTF-16 surrogate) is refused in every body, query and path with a Swedish 400
 * naming the field; JSON deeper than MAX_JSON_DEPTH is refused before anything walks it; list
 * parameters take only the list's own sort and filter names, ranges JavaScript counts exactly and
 * dates that exist. Then a small fuzz of every route the application registers.
 */

const NUL = 'a\u0000b';
const SURROGATE = 'x\ud800';
const nested = (levels: number, inner = '1') => '['.repeat(levels) + inner + ']'.repeat(levels);
const nestedObject = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);

type Res = request.Response;
const problemOf = (res: Res) =>
  res.body as { type: string; detail: string; errors?: Record<string, string[]> };

describe('input hardening', () => {
  let t: TestApp;
  let admin: Client;
  let orderer: Client;
  let attestant: Client;
  let today: string;

  beforeAll(async () => {
    t = await createTestApp();
    [admin, orderer, attestant] = await Promise.all([
      signIn(t, 'admin1'),
      signIn(t, 'eriho2'),
      signIn(t, 'sarbe3'),
    ]);
    today = t.app.get(Clock).today();
    // The first file of a run builds the template database: time enough on a busy machine.
  }, 180_000);
  afterAll(async () => {
    await t.close();
  });

  const orders = async () =>
    (await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM vmu_order'))[0].n;
  const events = async () =>
    (await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM audit_event'))[0].n;

  describe('text PostgreSQL cannot store', () => {
    it('refuses NUL and a lone surrogate in a JSON body, naming the field, and writes nothing', async () => {
      const [ordersBefore, eventsBefore] = [await orders(), await events()];
      for (const [comment, fault] of [
        [NUL, /NUL-tecken/],
        [SURROGATE, /ensamt UTF-16-surrogat/],
      ] as const) {
        const res = await orderer.post('/api/orders').send(send('nilbo4', [VOB_SOL], today, { comment }));
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(problemOf(res)).toMatchObject({ type: 'urn:beh:problem:validation', status: 400 });
        expect(problemOf(res).errors).toEqual({ comment: [expect.stringMatching(fault)] });
        expect(problemOf(res).detail).toMatch(/^Fältet comment /);
      }
      // Deeper in the body, the field is named with its place; a member's name is checked too.
      const items = await orderer.post('/api/orders').send({
        ...send('nilbo4', [VOB_SOL], today),
        items: [{ assignmentId: VOB_SOL }, { assignmentId: NUL }],
      });
      expect(problemOf(items).errors).toEqual({ 'items[1].assignmentId': [expect.stringMatching(/NUL/)] });
      const key = await orderer.post('/api/orders').send({ ...send('nilbo4', [VOB_SOL], today), [NUL]: 1 });
      expect(key.status).toBe(400);
      expect(Object.keys(problemOf(key).errors!)).toEqual(['a\\u0000b']);
      expect(await orders()).toBe(ordersBefore);
      expect(await events()).toBe(eventsBefore);
      // The same body with a comment that is text is placed: the refusals were the text's alone.
      await orderer
        .post('/api/orders')
        .send(send('nilbo4', [VOB_SOL], today, { comment: 'Ny på enheten ✓ 😀' }))
        .expect(201);
    });

    it('refuses them in a form body (the SAML post) too', async () => {
      const res = await request(t.http)
        .post('/api/auth/saml/acs')
        .type('form')
        .send({ SAMLResponse: 'PHg+', RelayState: `/orders${NUL}` })
        .expect(400);
      expect(problemOf(res).errors).toEqual({ RelayState: [expect.stringMatching(/NUL/)] });
    });

    it('refuses them in query parameters and in list filters, naming the parameter', async () => {
      const lookup = await orderer.get('/api/persons/lookup').query({ hsaId: NUL }).expect(400);
      expect(problemOf(lookup).errors).toEqual({ hsaId: [expect.stringMatching(/NUL/)] });
      for (const q of [NUL, SURROGATE]) {
        const res = await admin
          .get('/api/persons')
          .query({ filter: JSON.stringify({ q }) })
          .expect(400);
        expect(Object.keys(problemOf(res).errors!)).toEqual(['filter.q']);
      }
      const nestedFilter = await admin
        .get('/api/orders')
        .query({ filter: JSON.stringify({ scope: 'all', id: ['x', NUL] }) })
        .expect(400);
      expect(Object.keys(problemOf(nestedFilter).errors!)).toEqual(['filter.id[1]']);
      // In the path: an id no route could take.
      await admin.get('/api/persons/%00').expect(400);
      await admin.get('/api/persons/%ED%A0%80').expect(400);
    });
  });

  describe('depth', () => {
    it(`refuses JSON nested deeper than ${MAX_JSON_DEPTH} levels in a body, before anything walks it`, async () => {
      for (const body of [nested(2000), nestedObject(2000), nested(MAX_JSON_DEPTH + 1)]) {
        const res = await orderer.post('/api/orders').set('Content-Type', 'application/json').send(body);
        expect(res.status).toBe(400);
        expect(problemOf(res)).toMatchObject({ type: 'urn:beh:problem:too-deep' });
        expect(problemOf(res).detail).toMatch(/för många nivåer \(högst 32\)/);
      }
      // At the limit the body is read, and answered for what it says.
      const deepest = await orderer
        .post('/api/orders')
        .set('Content-Type', 'application/json')
        .send({ ...send('nilbo4', [VOB_SOL], today), comment: JSON.parse(nested(MAX_JSON_DEPTH - 1)) });
      expect(deepest.status).toBe(400);
      expect(problemOf(deepest).type).toBe('urn:beh:problem:validation');
    });

    it('keeps refusing a body over the parser limit with 413', async () => {
      const res = await orderer
        .post('/api/orders')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ comment: 'x'.repeat(200_000) }))
        .expect(413);
      expect(problemOf(res).detail).toBe('Begäran är för stor.');
    });

    it('refuses a list filter nested too deep', async () => {
      const res = await admin
        .get('/api/persons')
        .query({ filter: `{"q":${nested(40)}}` })
        .expect(400);
      expect(problemOf(res)).toMatchObject({ type: 'urn:beh:problem:too-deep' });
    });
  });

  describe('list parameters', () => {
    const listProblem = async (client: Client, path: string, query: Record<string, string>) => {
      const res = await client.get(path).query(query);
      expect(res.status).toBe(400);
      return problemOf(res);
    };

    it("sorts and filters only by the list's own names, never inherited ones", async () => {
      for (const field of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
        for (const path of [
          '/api/persons',
          '/api/orders',
          '/api/audit-events',
          '/api/outbox',
          '/api/care-units',
        ]) {
          expect(await listProblem(admin, path, { sort: JSON.stringify([field, 'ASC']) })).toMatchObject({
            type: 'urn:beh:problem:bad-list-query',
            detail: `Det går inte att sortera på ${field}.`,
          });
        }
        expect((await listProblem(admin, '/api/persons', { filter: `{"${field}":"x"}` })).detail).toBe(
          `Det går inte att filtrera på ${field}.`,
        );
        expect(
          (await listProblem(attestant, '/api/attest/counts', { filter: `{"${field}":"x"}` })).detail,
        ).toBe(`Det går inte att filtrera på ${field}.`);
      }
      // react-admin's implicit sort by id still means the default order.
      await admin.get('/api/persons').query({ sort: '["id","ASC"]' }).expect(200);
    });

    it('takes only ranges of whole numbers JavaScript counts exactly, from 0 upwards', async () => {
      for (const range of [
        '[1e308,1e308]',
        '[0,1e308]',
        '[9007199254740992,9007199254740993]',
        '[-1,5]',
        '[5,1]',
        '[0.5,3]',
        '["0","9"]',
        '[0]',
      ]) {
        expect((await listProblem(admin, '/api/persons', { range })).detail).toBe(
          'Parametern range måste vara [från, till] med heltal.',
        );
      }
      // The paging limit and the page cap stay as they were.
      expect((await listProblem(admin, '/api/persons', { range: '[20000,20009]' })).detail).toMatch(
        /^Det går att bläddra bland de första 10 000 raderna/,
      );
      const big = await admin.get('/api/persons').query({ range: '[0,5000]' }).expect(200);
      expect(big.headers['content-range']).toMatch(/^persons 0-\d+\/\d+$/);
    });

    it('takes only dates that exist in list filters', async () => {
      const cases: [Client, string, Record<string, unknown>][] = [
        [admin, '/api/orders', { scope: 'all', from: '2026-02-30' }],
        [admin, '/api/orders', { scope: 'all', to: '2026-13-01' }],
        [admin, '/api/orders/export', { scope: 'all', from: '2025-02-29' }],
        [attestant, '/api/attest/queue', { from: '2026-02-30' }],
        [attestant, '/api/attest/counts', { to: '2026-04-31' }],
        [admin, '/api/audit-events', { from: '2026-02-30' }],
        [admin, '/api/audit-events', { to: '2026-02-30T10:00:00Z' }],
      ];
      for (const [client, path, filter] of cases) {
        const key = 'from' in filter ? 'from' : 'to';
        expect((await listProblem(client, path, { filter: JSON.stringify(filter) })).detail).toMatch(
          new RegExp(`^Filtret ${key} måste vara ett datum`),
        );
      }
      // Real days, a leap day among them, are taken.
      await admin
        .get('/api/orders')
        .query({ filter: '{"scope":"all","from":"2024-02-29","to":"2026-12-31"}' })
        .expect(200);
      await attestant.get('/api/attest/queue').query({ filter: '{"from":"2024-02-29"}' }).expect(200);
      await admin
        .get('/api/audit-events')
        .query({ filter: '{"from":"2024-02-29","to":"2026-01-01T10:00:00Z"}' })
        .expect(200);
    });
  });

  describe('fuzz: every route the application registers', () => {
    const MISSING = '00000000-0000-4000-8000-000000000000';
    const BAD_FILTERS = [
      `{"q":"${'\\u0000'}"}`,
      '{"q":"\\ud800"}',
      `{"q":${nested(40)}}`,
      '[1,2]',
      '"text"',
      'null',
      '{"__proto__":{"x":1}}',
      '{"constructor":"x"}',
      '{"from":"2026-02-30","to":"0000-00-00"}',
      '{"q":{"$ne":1}}',
      '{"q":["a","b"]}',
      '{"id":["x",1,null]}',
      '{"id":"00000000-0000-4000-8000-00000000000"}',
      '{"scope":"all","status":["APPROVED"]}',
      '{"scope":"everything"}',
      '{"active":"maybe","careUnitId":"x","administrationId":7}',
      '{"q":"%_\\\\\'"}',
      `{"q":"${'å'.repeat(3000)}"}`,
      '{"q":1e308}',
    ];
    const BAD_SORTS = [
      '["__proto__","ASC"]',
      '["constructor","DESC"]',
      '["valueOf","ASC"]',
      '["createdAt","SIDEWAYS"]',
      '["createdAt"]',
      '"createdAt"',
      '[{"a":1},"ASC"]',
      '{',
    ];
    const BAD_RANGES = [
      '[1e308,1e308]',
      '[0,1e308]',
      '[-5,-1]',
      '[3,1]',
      '[0.5,1.5]',
      '[null,null]',
      '{}',
      '[0,',
    ];
    const BAD_PARAMS = [MISSING, 'x', '%00', '%ED%A0%80', '..%2F..', 'x'.repeat(300), '1e308'];
    const BAD_BODIES: [string, string][] = [
      [
        'NUL',
        JSON.stringify({ comment: NUL, name: NUL, userId: NUL, note: NUL, items: [{ assignmentId: NUL }] }),
      ],
      ['surrogate', '{"comment":"x\\ud800","name":"\\udc00y","userId":"\\ud800"}'],
      ['NUL in a name', '{"a\\u0000b":1}'],
      ['2,000 levels of arrays', nested(2000)],
      ['2,000 levels of objects', nestedObject(2000)],
      [`${MAX_JSON_DEPTH + 1} levels`, `{"items":${nested(MAX_JSON_DEPTH)}}`],
    ];
    const fill = (path: string, value: string) => path.replace(/:\w+/g, value);

    it('answers no malformed list query with a 500', async () => {
      const routes = registeredRoutes(t.app).filter((r) => r.method === 'GET' && !r.path.includes(':'));
      expect(routes.length).toBeGreaterThan(30);
      const failures: string[] = [];
      let calls = 0;
      for (const client of [admin, orderer]) {
        for (const { path } of routes) {
          const queries = [
            ...BAD_FILTERS.map((filter) => ({ filter })),
            ...BAD_SORTS.map((sort) => ({ sort })),
            ...BAD_RANGES.map((range) => ({ range })),
            { q: NUL, personnummer: NUL, hsaId: 'x', endUserId: 'x', careUnitId: MISSING, type: 'x' },
            { personnummer: '191212121212', type: 'GRANT', endUserId: MISSING, relayState: '//evil.example' },
          ];
          for (const query of queries) {
            const res = await client.get(path).query(query);
            calls++;
            if (res.status >= 500) failures.push(`${res.status} GET ${path} ${JSON.stringify(query)}`);
          }
        }
      }
      expect(failures).toEqual([]);
      expect(calls).toBeGreaterThan(1500);
    }, 600_000);

    it('answers no malformed path parameter with a 500', async () => {
      const routes = registeredRoutes(t.app).filter((r) => r.method === 'GET' && r.path.includes(':'));
      const failures: string[] = [];
      for (const { path } of routes) {
        for (const value of BAD_PARAMS) {
          const res = await admin.get(fill(path, value));
          if (res.status >= 500) failures.push(`${res.status} GET ${fill(path, value)}`);
        }
      }
      expect(failures).toEqual([]);
    }, 300_000);

    it('refuses NUL, lone surrogates and deep JSON with 400 on every write route, before its guard', async () => {
      const routes = registeredRoutes(t.app).filter((r) =>
        ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method),
      );
      expect(routes.length).toBeGreaterThan(30);
      const unexpected: string[] = [];
      for (const { method, path } of routes) {
        for (const [label, body] of BAD_BODIES) {
          // Signed in or not, with or without the CSRF token: the body is refused first.
          for (const client of [admin.agent, request(t.http)]) {
            const res = await client[method.toLowerCase() as 'post'](fill(path, MISSING))
              .set('X-CSRF-Token', admin.csrf)
              .set('Content-Type', 'application/json')
              .send(body);
            if (res.status !== 400) unexpected.push(`${res.status} ${method} ${path} (${label})`);
          }
        }
      }
      expect(unexpected).toEqual([]);
      // Nothing of it ended the session or wrote an order.
      await admin.get('/api/me').expect(200);
    }, 300_000);
  });
});
