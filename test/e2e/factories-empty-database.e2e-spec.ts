import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Clock } from '../../server/src/common/clock.js';
import {
  attest,
  newAdministrator,
  newHolding,
  newOrder,
  newPerson,
  newTeam,
  signedIn,
  type Team,
} from '../factories/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The factories need nothing of the demo seed: on a migrated database with no rows at all they
 * build a unit, its people and their rights, and an order is placed, attested with a signature
 * and carried out in it, over the HTTP API as in the browser.
 */
describe('factories on an empty database', () => {
  let t: TestApp;
  let today: string;
  let team: Team;

  const count = async (table: string) =>
    (await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

  beforeAll(async () => {
    t = await createTestApp({}, { seeded: false });
    today = t.app.get(Clock).today();
  });
  afterAll(async () => {
    await t.close();
  });

  it('starts with an empty directory, no delegations and no orders', async () => {
    for (const table of ['person', 'care_unit', 'assignment', 'engagement', 'delegation', 'vmu_order']) {
      expect([table, await count(table)]).toEqual([table, 0]);
    }
  });

  it('builds a unit with its catalogue, head, orderer and attestant whose rights the API shows', async () => {
    team = await newTeam(t);
    expect(await count('care_unit')).toBe(1);
    expect(await count('assignment')).toBe(4);
    const head = (await (await signedIn(t, team.head)).get('/api/me').expect(200)).body;
    expect(head.units).toEqual([
      expect.objectContaining({ careUnitId: team.unit.id, order: true, attest: true, via: ['HEAD'] }),
    ]);
    const orderer = (await (await signedIn(t, team.orderer)).get('/api/me').expect(200)).body;
    expect(orderer.units).toEqual([
      expect.objectContaining({ careUnitId: team.unit.id, order: true, attest: true, via: ['DELEGATION'] }),
    ]);
    const attestant = (await (await signedIn(t, team.attestant)).get('/api/me').expect(200)).body;
    expect(attestant.units).toEqual([
      expect.objectContaining({ careUnitId: team.unit.id, order: false, attest: true }),
    ]);
  });

  it('places an order over HTTP, attests it with a signature and carries it out', async () => {
    const nurse = await newPerson(t, { unit: team.unit });
    const orderer = await signedIn(t, team.orderer);
    const placed = await orderer
      .post('/api/orders')
      .send({
        type: 'GRANT',
        endUserId: nurse.id,
        items: [{ assignmentId: team.unit.assignments.vob.id }],
        attestants: { [team.unit.id]: team.attestant.id },
        startDate: today,
      })
      .expect(201);
    const [{ id }] = placed.body as { id: string }[];

    const attestant = await signedIn(t, team.attestant);
    expect((await attestant.get('/api/attest/queue').expect(200)).body).toEqual([
      expect.objectContaining({ id, endUserUserId: nurse.userId, careUnitName: team.unit.name }),
    ]);
    const request = await attestant
      .post('/api/attest/sign-requests')
      .send({ orderIds: [id], decision: 'APPROVE' })
      .expect(201);
    const { requestId } = request.body as { requestId: string };
    const [certificate] = (await attestant.get(`/api/signing/${requestId}/certificates`).expect(200))
      .body as { id: string }[];
    await attestant
      .post(`/api/signing/${requestId}/sign`)
      .send({ certificateId: certificate.id, pin: '1234' })
      .expect(200);

    expect((await orderer.get(`/api/orders/${id}`).expect(200)).body).toMatchObject({ status: 'COMPLETED' });
    const detail = (await orderer.get(`/api/persons/${nurse.id}`).expect(200)).body;
    expect(detail.heldAssignments).toEqual([
      expect.objectContaining({ assignmentId: team.unit.assignments.vob.id, validFrom: today, active: true }),
    ]);
  });

  it('makes holdings, orders and decisions through the services alone, and the audit chain holds', async () => {
    const nurse = await newPerson(t, { unit: team.unit });
    await newHolding(t, { holder: nurse, unit: team.unit, assignment: 'kval' });
    const revoke = await newOrder(t, {
      orderer: team.orderer,
      attestant: team.attestant,
      endUser: nurse,
      type: 'REVOKE',
      assignments: [team.unit.assignments.kval],
    });
    await attest(t, team.attestant, [revoke.id], 'REJECT', { comment: 'Behövs fortfarande' });
    const statuses = await t.dataSource.query<{ type: string; status: string }[]>(
      'SELECT type, status FROM vmu_order WHERE end_user_id = $1 ORDER BY order_number',
      [nurse.id],
    );
    expect(statuses).toEqual([
      { type: 'GRANT', status: 'COMPLETED' },
      { type: 'REVOKE', status: 'REJECTED' },
    ]);
    const admin = await signedIn(t, await newAdministrator(t));
    expect((await admin.get('/api/audit-events/verify').expect(200)).body).toMatchObject({ ok: true });
  });
});
