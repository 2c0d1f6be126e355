import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import request from 'supertest';
import { Clock } from '../../server/src/common/clock.js';
import { newOrder, newPerson, newTeam } from '../factories/index.js';
import { anonymous, type Client, signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * API clients (docs/design.md, API clients): administrators create them (the token shown once),
 * clients call the same API with a bearer token for the GET routes of their scopes only, no
 * cookie and no CSRF token, and every call is in the audit log under the client's name.
 */

interface Created {
  id: string;
  name: string;
  scopes: string[];
  expiresOn: string;
  status: string;
  lastUsedAt: string | null;
  token: string;
}

interface CallEvent {
  actorId: string | null;
  after: { client: string; method: string; route: string | null; path: string; status: number };
}

const TOKEN = /^beh\.([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/;

describe('API clients', () => {
  let t: TestApp;
  let admin: Client;
  let clock: Clock;
  let today: string;
  /** An order of a unit of its own, placed and approved through the real services. */
  let orderId: string;

  const plusDays = (date: string, days: number) =>
    new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

  const create = async (name: string, scopes: string[], expiresOn = plusDays(today, 30)) => {
    const res = await admin.post('/api/api-clients').send({ name, scopes, expiresOn }).expect(201);
    return res.body as Created;
  };

  const bearer = (token: string) => ({
    get: (path: string) => request(t.http).get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string) => request(t.http).post(path).set('Authorization', `Bearer ${token}`),
  });

  /** The client's call events, waiting for those recorded once the answer was sent. */
  const callsOf = async (clientId: string, atLeast: number): Promise<CallEvent[]> => {
    for (let tries = 0; ; tries++) {
      const rows = await t.dataSource.query<CallEvent[]>(
        `SELECT actor_id AS "actorId", after FROM audit_event
          WHERE action = 'API_CLIENT_CALL' AND entity_id = $1 ORDER BY id`,
        [clientId],
      );
      if (rows.length >= atLeast || tries > 50) return rows;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t, 'admin1');
    clock = t.app.get(Clock);
    today = clock.today();
    const team = await newTeam(t);
    const endUser = await newPerson(t, { unit: team.unit });
    const order = await newOrder(t, {
      orderer: team.orderer,
      endUser,
      assignments: [team.unit.assignments.vob],
      attestant: team.attestant,
      decision: 'APPROVE',
    });
    orderId = order.id;
  }, 120_000);
  afterEach(() => clock.set(undefined));
  afterAll(async () => {
    await t.close();
  });

  it('are managed by administrators only', async () => {
    const head = await signIn(t, 'karlu1');
    await head.get('/api/api-clients').expect(403);
    await head
      .post('/api/api-clients')
      .send({ name: 'Otillåten', scopes: ['orders:read'], expiresOn: plusDays(today, 1) })
      .expect(403);
    await (await anonymous(t)).get('/api/api-clients').expect(401);
    const rows = await t.dataSource.query<unknown[]>(`SELECT 1 FROM api_client WHERE name = 'Otillåten'`);
    expect(rows).toHaveLength(0);
  });

  it('shows the token once, stores only the hash of its secret, and audits the creation', async () => {
    const created = await create('Servicedesk', ['orders:read', 'holdings:read']);
    const [, id, secret] = TOKEN.exec(created.token) ?? [];
    expect(id).toBe(created.id);
    expect(created).toMatchObject({
      name: 'Servicedesk',
      scopes: ['holdings:read', 'orders:read'],
      status: 'ACTIVE',
      lastUsedAt: null,
    });

    const [row] = await t.dataSource.query<{ hash: string }[]>(
      `SELECT encode(secret_hash, 'hex') AS hash, row_to_json(c)::text AS whole FROM api_client c WHERE id = $1`,
      [id],
    );
    expect(row.hash).toBe(createHash('sha256').update(secret).digest('hex'));

    // Never again: not in the list, not in the client's own answer, not in the audit log.
    const list = await admin.get('/api/api-clients').expect(200);
    const one = await admin.get(`/api/api-clients/${id}`).expect(200);
    const events = await t.dataSource.query<{ action: string; actorId: string; text: string }[]>(
      `SELECT action, actor_id AS "actorId", row_to_json(e)::text AS text FROM audit_event e WHERE entity_id = $1`,
      [id],
    );
    for (const text of [list.text, one.text, ...events.map((e) => e.text)]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain('token');
    }
    expect(one.body).not.toHaveProperty('token');
    expect(list.headers['content-range']).toMatch(/^api-clients 0-\d+\/\d+$/);
    expect(events).toEqual([expect.objectContaining({ action: 'API_CLIENT_CREATED' })]);
    const [adminId] = await t.dataSource.query<{ id: string }[]>(
      `SELECT id FROM person WHERE user_id = 'admin1'`,
    );
    expect(events[0].actorId).toBe(adminId.id);
  });

  it('refuses bad input with Swedish messages and writes nothing', async () => {
    const refused = async (body: Record<string, unknown>, field: string) => {
      const res = await admin.post('/api/api-clients').send(body).expect(400);
      expect(Object.keys((res.body as { errors: Record<string, string[]> }).errors)).toEqual([field]);
    };
    const ok = { name: 'Rapport', scopes: ['orders:read'], expiresOn: plusDays(today, 10) };
    await refused({ ...ok, scopes: [] }, 'scopes');
    await refused({ ...ok, scopes: ['orders:write'] }, 'scopes');
    await refused({ ...ok, scopes: ['orders:read', 'orders:read'] }, 'scopes');
    await refused({ ...ok, name: '' }, 'name');
    await refused({ ...ok, expiresOn: plusDays(today, -1) }, 'expiresOn');
    await refused({ ...ok, expiresOn: plusDays(today, 800) }, 'expiresOn');
    await refused({ ...ok, expiresOn: '2026-02-30' }, 'expiresOn');
    const [count] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM api_client WHERE name = 'Rapport'`,
    );
    expect(count.n).toBe(0);
    await create('Dubblett', ['orders:read']);
    await refused({ ...ok, name: 'dubblett' }, 'name');
  });

  it('lets a client call the GET routes of its scopes with a bearer token, region-wide', async () => {
    const client = await create('Rapportering', ['orders:read', 'holdings:read', 'delegations:read']);
    const api = bearer(client.token);

    const all = `/api/orders?filter=${encodeURIComponent('{"scope":"all"}')}&range=[0,999]`;
    const asClient = await api.get(all).expect(200);
    const asAdmin = await admin.get(all).expect(200);
    expect(asClient.headers['content-range']).toBe(asAdmin.headers['content-range']);
    const orders = asClient.body as { id: string }[];
    expect(orders.map((o) => o.id)).toContain(orderId);
    expect(orders.map((o) => o.id)).toEqual((asAdmin.body as { id: string }[]).map((o) => o.id));
    // The client is nobody's orderer: "mine" is empty.
    const mine = await api.get(`/api/orders?filter=${encodeURIComponent('{"scope":"mine"}')}`).expect(200);
    expect(mine.body).toEqual([]);
    const order = await api.get(`/api/orders/${orderId}`).expect(200);
    expect(order.body).toMatchObject({ id: orderId, status: 'COMPLETED' });

    const holdings = await api.get('/api/held-assignments').expect(200);
    expect((holdings.body as unknown[]).length).toBeGreaterThan(0);
    const delegations = await api.get('/api/delegations?range=[0,999]').expect(200);
    const adminDelegations = await admin.get('/api/delegations?range=[0,999]').expect(200);
    expect(delegations.headers['content-range']).toBe(adminDelegations.headers['content-range']);

    // No session: no cookie is set, none is needed.
    expect(asClient.headers['set-cookie']).toBeUndefined();
    const [used] = await t.dataSource.query<{ at: Date | null }[]>(
      `SELECT last_used_at AS at FROM api_client WHERE id = $1`,
      [client.id],
    );
    expect(used.at).not.toBeNull();
  });

  it('refuses a client every route outside its scopes, writes included, and never uses a browser session', async () => {
    const client = await create('Endast innehav', ['holdings:read']);
    const api = bearer(client.token);
    for (const path of [
      '/api/orders',
      '/api/delegations',
      '/api/persons/lookup?hsaId=SE2321000131-P000000000104',
      '/api/persons',
      '/api/audit-events',
      '/api/me',
      '/api/api-clients',
      // Public for browsers, but a client may call only what its scopes open.
      '/api/health',
    ]) {
      const res = await api.get(path);
      expect([path, res.status, (res.body as { type: string }).type]).toEqual([
        path,
        403,
        'urn:beh:problem:forbidden',
      ]);
    }
    // A write is refused as a client's (403 forbidden), not for a missing CSRF token.
    const write = await api
      .post('/api/api-clients')
      .send({ name: 'x', scopes: ['orders:read'], expiresOn: today });
    expect(write.status).toBe(403);
    expect((write.body as { type: string }).type).toBe('urn:beh:problem:forbidden');

    // An administrator's cookie sent with the token lends the client nothing.
    const withCookie = await admin.agent
      .get('/api/audit-events')
      .set('Authorization', `Bearer ${client.token}`);
    expect(withCookie.status).toBe(403);

    // Browsers still need their session and CSRF token.
    const noCsrf = await admin.agent
      .post('/api/api-clients')
      .send({ name: 'Utan CSRF', scopes: ['orders:read'], expiresOn: today });
    expect([noCsrf.status, (noCsrf.body as { type: string }).type]).toEqual([403, 'urn:beh:problem:csrf']);
    await request(t.http).get('/api/held-assignments').expect(401);
  });

  it('answers 401 for a wrong secret, an unknown client or a malformed header, all alike', async () => {
    const client = await create('Fel nyckel', ['holdings:read']);
    const [, id, secret] = TOKEN.exec(client.token) ?? [];
    const flipped = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    const answers = [];
    for (const header of [
      `Bearer beh.${id}.${flipped}`,
      `Bearer beh.00000000-0000-4000-8000-000000000000.${secret}`,
      `Bearer ${secret}`,
      `bearer beh.${id}.${flipped}`,
      'Bearer',
    ]) {
      const res = await request(t.http).get('/api/held-assignments').set('Authorization', header);
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toContain('Bearer');
      answers.push(res.body as unknown);
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]).toMatchObject({
      type: 'urn:beh:problem:invalid-token',
      detail: 'API-nyckeln är ogiltig.',
    });
    // A wrong secret is no call of the client: nothing is recorded under its name.
    expect(await callsOf(id, 0)).toEqual([]);
    // Another scheme (a proxy's Basic in front of the portal) is no client's: the session decides.
    const basic = `Basic ${Buffer.from('admin1:x').toString('base64')}`;
    await admin.agent.get('/api/api-clients').set('Authorization', basic).expect(200);
    await request(t.http).get('/api/held-assignments').set('Authorization', basic).expect(401);
  });

  it('refuses a revoked client at once, and records the revocation', async () => {
    const client = await create('Återkallas', ['holdings:read']);
    const api = bearer(client.token);
    await api.get('/api/held-assignments').expect(200);

    await (await signIn(t, 'karlu1')).post(`/api/api-clients/${client.id}/revoke`).expect(403);
    const revoked = await admin.post(`/api/api-clients/${client.id}/revoke`).expect(200);
    expect(revoked.body).toMatchObject({ status: 'REVOKED' });
    await admin.post(`/api/api-clients/${client.id}/revoke`).expect(409);
    await admin.post('/api/api-clients/not-an-id/revoke').expect(404);

    const res = await api.get('/api/held-assignments').expect(401);
    expect(res.body).toMatchObject({ detail: 'API-klienten är återkallad.' });
    const [event] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'API_CLIENT_REVOKED' AND entity_id = $1`,
      [client.id],
    );
    expect(event.n).toBe(1);
    // Its name is free again for a new client.
    await create('Återkallas', ['holdings:read']);
  });

  it('refuses a client after its last day', async () => {
    const client = await create('Går ut', ['holdings:read'], today);
    const api = bearer(client.token);
    await api.get('/api/held-assignments').expect(200);
    clock.set(new Date(Date.now() + 24 * 3_600_000));
    const res = await api.get('/api/held-assignments').expect(401);
    expect(res.body).toMatchObject({ detail: 'API-klientens giltighetstid har gått ut.' });
    // Tomorrow's administrator (today's session would have gone idle by then).
    admin = await signIn(t, 'admin1');
    const list = await admin
      .get(`/api/api-clients?filter=${encodeURIComponent('{"status":"EXPIRED"}')}`)
      .expect(200);
    expect((list.body as { id: string }[]).map((c) => c.id)).toContain(client.id);
    clock.set(undefined);
    admin = await signIn(t, 'admin1');
  });

  it('records every call in the audit log under the client name, refusals too', async () => {
    const client = await create('Granskad', ['orders:read', 'persons:lookup']);
    const api = bearer(client.token);
    await api.get(`/api/orders/${orderId}`).expect(200);
    await api.get('/api/persons/lookup?hsaId=SE2321000131-P000000000104').expect(200);
    await api.get('/api/held-assignments').expect(403);

    const calls = await callsOf(client.id, 3);
    expect(calls).toHaveLength(3);
    // Each call is recorded once its answer is sent, in a transaction of its own: the next call's
    // event may be appended first, so the calls are compared as a set.
    const byRoute = (route: string) => calls.find((c) => c.after.route === route);
    expect(
      calls
        .map((c) => [c.actorId, c.after.client, c.after.method, c.after.route, c.after.status])
        .sort((a, b) => String(a[3]).localeCompare(String(b[3]))),
    ).toEqual([
      [null, 'Granskad', 'GET', '/api/held-assignments', 403],
      [null, 'Granskad', 'GET', '/api/orders/:id', 200],
      [null, 'Granskad', 'GET', '/api/persons/lookup', 200],
    ]);
    // The path, but never the query (it may hold a personnummer).
    expect(byRoute('/api/orders/:id')?.after.path).toBe(`/api/orders/${orderId}`);
    expect(byRoute('/api/persons/lookup')?.after.path).toBe('/api/persons/lookup');
    const chain = await admin.get('/api/audit-events/verify').expect(200);
    expect(chain.body).toMatchObject({ ok: true });
  });

  it('are one of the two ways in the OpenAPI description documents', async () => {
    type Operation = { security?: Record<string, string[]>[]; 'x-beh-client-scope'?: string };
    const doc = (await admin.get('/api/docs/openapi.json').expect(200)).body as {
      components: { securitySchemes: Record<string, Record<string, string>> };
      paths: Record<string, Record<string, Operation>>;
    };
    expect(doc.components.securitySchemes).toMatchObject({
      session: { type: 'apiKey', in: 'cookie', name: 'beh.sid' },
      csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
      bearer: { type: 'http', scheme: 'bearer' },
    });
    // A scoped read: the session or the bearer token.
    expect(doc.paths['/api/orders/{id}'].get).toMatchObject({
      'x-beh-client-scope': 'orders:read',
      security: expect.arrayContaining([{ session: [] }, { bearer: [] }]) as unknown,
    });
    // A browser's write: the session and its CSRF token together; no bearer token.
    expect(doc.paths['/api/orders/{id}/cancel'].post.security).toEqual([{ session: [], csrf: [] }]);
    expect(doc.paths['/api/api-clients'].get.security).toEqual([{ session: [] }]);
  });
});
