import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedId } from '../../server/src/seed/seed-ids.js';
import {
  newOrder,
  newPerson,
  newTeam,
  type OrderMade,
  type PersonMade,
  type Team,
} from '../factories/index.js';
import { type Client, signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Revisorer (issue 17, point 4): administrators assign and remove the read-only auditor role; an
 * auditor reads orders, holdings, delegations and the audit log region-wide and changes nothing.
 */

const MISSING = '00000000-0000-4000-8000-000000000000';
const all = (path: string) => `${path}?filter=${encodeURIComponent('{"scope":"all"}')}&range=[0,999]`;
const ids = (body: unknown) => (body as { id: string }[]).map((row) => row.id);

describe('auditors (Revisorer)', () => {
  let t: TestApp;
  let admin: Client;
  let team: Team;
  let order: OrderMade;
  let auditor: PersonMade;
  let reader: Client;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t, 'admin1');
    team = await newTeam(t);
    const nurse = await newPerson(t, { unit: team.unit });
    order = await newOrder(t, {
      orderer: team.orderer,
      attestant: team.attestant,
      endUser: nurse,
      assignments: [team.unit.assignments.vob],
    });
    auditor = await newPerson(t, { title: 'Revisor' });
    reader = await signIn(t, auditor.userId);
  });
  afterAll(async () => {
    await t.close();
  });

  const events = (action: string, entityId: string) =>
    t.dataSource.query<{ actorId: string; before: unknown; after: unknown }[]>(
      `SELECT actor_id AS "actorId", before, after FROM audit_event
        WHERE action = $1 AND entity_type = 'auditor' AND entity_id = $2 ORDER BY id`,
      [action, entityId],
    );
  const rows = async (personId: string) =>
    (
      await t.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM auditor WHERE person_id = $1`,
        [personId],
      )
    )[0].n;
  const me = async (client: Client) =>
    (await client.get('/api/me').expect(200)).body as { roles: Record<string, boolean> };

  it('reads nothing region-wide before the role is assigned', async () => {
    expect((await me(reader)).roles).toEqual({
      administrator: false,
      headOfUnit: false,
      delegate: false,
      auditor: false,
    });
    await reader.get(`/api/orders/${order.id}`).expect(404);
    await reader.get('/api/audit-events').expect(403);
    await reader.get('/api/delegations').expect(403);
    await reader.get('/api/held-assignments').expect(403);
  });

  it('lets an administrator assign the role, audited, and the next request of the session sees it', async () => {
    const created = await admin.post('/api/auditors').send({ personId: auditor.id }).expect(201);
    expect(created.body).toMatchObject({
      id: auditor.id,
      personId: auditor.id,
      personName: auditor.name,
      personUserId: auditor.userId,
      personHsaId: auditor.hsaId,
      assignedByName: 'Alva Adminsson',
    });
    const [event] = await events('AUDITOR_ASSIGNED', auditor.id);
    expect(event).toMatchObject({ actorId: seedId('person:admin1'), after: { personId: auditor.id } });
    // The session signed in before: its cached rights end with the rights version.
    expect((await me(reader)).roles).toMatchObject({ auditor: true, administrator: false });

    const list = await admin.get('/api/auditors').expect(200);
    expect(ids(list.body)).toContain(auditor.id);
    expect(list.headers['content-range']).toMatch(/^auditors /);
    await admin.get(`/api/auditors/${auditor.id}`).expect(200);
    const csv = await admin.get('/api/auditors/export').expect(200);
    expect(csv.text).toContain(auditor.userId);
  });

  it('lets an auditor read orders, holdings, delegations and the audit log region-wide', async () => {
    // The order history of the whole region, as an administrator reads it.
    const orders = await reader.get(all('/api/orders')).expect(200);
    const adminOrders = await admin.get(all('/api/orders')).expect(200);
    expect(ids(orders.body)).toContain(order.id);
    expect(orders.headers['content-range']).toBe(adminOrders.headers['content-range']);
    // "mine" stays the auditor's own: they placed nothing.
    expect((await reader.get('/api/orders').expect(200)).body).toEqual([]);
    const detail = await reader.get(`/api/orders/${order.id}`).expect(200);
    expect(detail.body).toMatchObject({ id: order.id, canCancel: false, canChangeAttestant: false });
    await reader.get(`/api/orders/export?filter=${encodeURIComponent('{"scope":"all"}')}`).expect(200);

    const holdings = await reader.get('/api/held-assignments?range=[0,999]').expect(200);
    expect((holdings.body as unknown[]).length).toBeGreaterThan(0);
    await reader.get(`/api/held-assignments/${seedId('held:linma5:solglantan:VoB SJF')}`).expect(200);

    const delegations = await reader.get('/api/delegations?range=[0,999]').expect(200);
    const adminDelegations = await admin.get('/api/delegations?range=[0,999]').expect(200);
    expect(delegations.headers['content-range']).toBe(adminDelegations.headers['content-range']);
    expect(ids(delegations.body)).toContain(team.delegations.orderer.id);
    await reader.get(`/api/delegations/${team.delegations.orderer.id}`).expect(200);

    const log = await reader.get('/api/audit-events?range=[0,9]').expect(200);
    const [first] = log.body as { id: string }[];
    expect(first).toBeDefined();
    await reader.get(`/api/audit-events/${first.id}`).expect(200);
    await reader.get('/api/audit-events/export').expect(200);
    // No full verification has run: 404, but past the access check.
    await reader.get('/api/audit-events/verify-runs/latest').expect(404);
  });

  it('refuses an auditor every write, and the reads not marked for auditors', async () => {
    const refused: [string, () => PromiseLike<{ status: number; headers: Record<string, string> }>][] = [
      ['POST /api/orders', () => reader.post('/api/orders').send({})],
      ['POST /api/orders/:id/cancel', () => reader.post(`/api/orders/${order.id}/cancel`).send({})],
      ['POST /api/delegations', () => reader.post('/api/delegations').send({})],
      [
        'PATCH /api/delegations/:id',
        () => reader.patch(`/api/delegations/${team.delegations.orderer.id}`).send({ rights: ['ATTEST'] }),
      ],
      ['POST /api/auditors', () => reader.post('/api/auditors').send({ personId: auditor.id })],
      ['DELETE /api/auditors/:id', () => reader.delete(`/api/auditors/${auditor.id}`)],
      ['POST /api/persons', () => reader.post('/api/persons').send({})],
      ['PUT /api/persons/:id', () => reader.put(`/api/persons/${auditor.id}`).send({})],
      ['DELETE /api/persons/:id', () => reader.delete(`/api/persons/${auditor.id}`)],
      ['POST /api/audit-events/verify-runs', () => reader.post('/api/audit-events/verify-runs')],
      ['POST /api/audit-events/verify-anchor', () => reader.post('/api/audit-events/verify-anchor').send({})],
      ['POST /api/api-clients', () => reader.post('/api/api-clients').send({})],
      ['POST /api/system-administrators', () => reader.post('/api/system-administrators').send({})],
      // Reads that stay with administrators or rights holders: not marked for auditors.
      ['GET /api/audit-events/verify', () => reader.get('/api/audit-events/verify')],
      ['GET /api/auditors', () => reader.get('/api/auditors')],
      ['GET /api/persons', () => reader.get('/api/persons')],
      ['GET /api/api-clients', () => reader.get('/api/api-clients')],
      ['GET /api/delegations/grantable-units', () => reader.get('/api/delegations/grantable-units')],
    ];
    for (const [route, call] of refused) {
      const res = await call();
      expect({ route, status: res.status }).toEqual({ route, status: 403 });
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    // Nothing changed: the order still waits for its attestant.
    const detail = await admin.get(`/api/orders/${order.id}`).expect(200);
    expect(detail.body).toMatchObject({ status: 'AWAITING_ATTEST' });
  });

  it('refuses the role to be assigned or removed by anyone but an administrator', async () => {
    const someone = await newPerson(t);
    for (const userId of ['karlu1', 'eriho2', 'nilbo4']) {
      const client = await signIn(t, userId);
      await client.post('/api/auditors').send({ personId: someone.id }).expect(403);
      await client.delete(`/api/auditors/${auditor.id}`).expect(403);
      await client.get('/api/auditors').expect(403);
    }
    expect(await rows(someone.id)).toBe(0);
    expect(await rows(auditor.id)).toBe(1);
  });

  it('answers bad input with problem JSON and writes nothing', async () => {
    const before = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_event WHERE entity_type = 'auditor'`,
    );
    const problem = async (
      call: PromiseLike<{ status: number; headers: Record<string, string>; body: unknown }>,
      status: number,
    ) => {
      const res = await call;
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      return res.body as { errors?: Record<string, string[]> };
    };
    expect((await problem(admin.post('/api/auditors').send({}), 400)).errors).toHaveProperty('personId');
    await problem(admin.post('/api/auditors').send({ personId: 'inte-ett-id' }), 400);
    await problem(admin.post('/api/auditors').send({ personId: 42 }), 400);
    await problem(admin.post('/api/auditors').send({ personId: auditor.id, extra: true }), 400);
    expect((await problem(admin.post('/api/auditors').send({ personId: MISSING }), 422)).errors).toEqual({
      personId: ['Personen finns inte.'],
    });
    expect((await problem(admin.post('/api/auditors').send({ personId: auditor.id }), 409)).errors).toEqual({
      personId: ['Personen är redan revisor.'],
    });
    await problem(admin.get(`/api/auditors/${MISSING}`), 404);
    await problem(admin.get('/api/auditors/inte-ett-id'), 404);
    await problem(admin.delete(`/api/auditors/${MISSING}`), 404);
    await problem(admin.delete('/api/auditors/inte-ett-id'), 404);
    await problem(admin.get('/api/auditors?sort=["nope","ASC"]'), 400);
    const after = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_event WHERE entity_type = 'auditor'`,
    );
    expect(after[0].n).toBe(before[0].n);
    expect(await rows(MISSING)).toBe(0);
  });

  it('lets an administrator remove the role, audited, and the auditor reads no more', async () => {
    const removed = await admin.delete(`/api/auditors/${auditor.id}`).expect(200);
    expect(removed.body).toMatchObject({ id: auditor.id, personId: auditor.id });
    const [event] = await events('AUDITOR_REMOVED', auditor.id);
    expect(event).toMatchObject({ actorId: seedId('person:admin1'), before: { personId: auditor.id } });
    expect(await rows(auditor.id)).toBe(0);
    expect((await me(reader)).roles.auditor).toBe(false);
    await reader.get(`/api/orders/${order.id}`).expect(404);
    await reader.get('/api/audit-events').expect(403);
    await reader.get('/api/delegations').expect(403);
    await reader.get('/api/held-assignments').expect(403);
    await admin.delete(`/api/auditors/${auditor.id}`).expect(404);
    // And may be assigned again.
    await admin.post('/api/auditors').send({ personId: auditor.id }).expect(201);
    expect((await me(reader)).roles.auditor).toBe(true);
  });
});
