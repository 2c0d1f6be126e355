import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Clock } from '../../server/src/common/clock.js';
import { WARNING_MESSAGES } from '../../server/src/orders/order-warnings.js';
import {
  asOf,
  type CareUnitMade,
  newCareUnit,
  newEngagement,
  newPerson,
  newTeam,
  type PersonMade,
  signedIn,
  type Team,
} from '../factories/index.js';
import type { Client } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { everything } from './mass-orders-support.js';
import { footprint, place, sendIn } from './orders-support.js';

const ELSEWHERE = WARNING_MESSAGES.ENGAGEMENT_ELSEWHERE;
const EN_ELSEWHERE =
  'The person has no active engagement at this care unit; all of their active engagements are at other care units. Check that the person really is to work here.';

/**
 * Rule 2d, Engagement elsewhere is a warning: a grant for someone whose active engagements are all
 * at other care units is allowed, but only once the orderer confirms it; the lines keep the
 * warning for the order view and the attestant. The server decides, whatever the UI showed.
 */
describe('the soft rule "engagement elsewhere"', () => {
  let t: TestApp;
  let today: string;
  let team: Team;
  /** A unit of another administration, where `visitor` is engaged. */
  let other: CareUnitMade;
  /** Engaged at `other` only. */
  let visitor: PersonMade;
  /** Engaged at the team's unit (and at `other`). */
  let local: PersonMade;
  let orderer: Client;
  let attestant: Client;

  beforeAll(async () => {
    t = await createTestApp();
    today = t.app.get(Clock).today();
    team = await asOf(t, '2026-01-01', () => newTeam(t));
    other = await newCareUnit(t);
    visitor = await newPerson(t, { unit: other });
    local = await newPerson(t, { unit: other });
    await newEngagement(t, local, team.unit);
    [orderer, attestant] = await Promise.all([signedIn(t, team.orderer), signedIn(t, team.attestant)]);
  });
  afterAll(async () => {
    await t.close();
  });

  const a = () => team.unit.assignments;

  it('asks for confirmation (422 order-warnings) and writes nothing without it', async () => {
    const before = await footprint(t);
    const res = await orderer
      .post('/api/orders')
      .send(sendIn(team, visitor, [a().vob, a().stat], today))
      .expect(422);
    expect(await footprint(t)).toEqual(before);
    expect(res.body).toMatchObject({
      type: 'urn:beh:problem:order-warnings',
      status: 422,
      title: 'Varningar att bekräfta',
      warnings: [
        { code: 'ENGAGEMENT_ELSEWHERE', line: 0, assignmentId: a().vob.id, careUnitId: team.unit.id },
        { code: 'ENGAGEMENT_ELSEWHERE', line: 1, assignmentId: a().stat.id, careUnitId: team.unit.id },
      ],
    });
    expect(res.body.warnings[0].message).toBe(ELSEWHERE);
    expect(res.body.detail).toMatch(/^Beställningen har 2 varningar/);

    // confirmedWarnings: false is no confirmation either.
    await orderer
      .post('/api/orders')
      .send(sendIn(team, visitor, [a().vob], today, { confirmedWarnings: false }))
      .expect(422);
    expect(await footprint(t)).toEqual(before);
  });

  it('speaks English to a UI in English (Accept-Language), Swedish by default', async () => {
    const one = await orderer
      .post('/api/orders')
      .set('Accept-Language', 'en')
      .send(sendIn(team, visitor, [a().vob], today))
      .expect(422);
    expect(one.body).toMatchObject({
      type: 'urn:beh:problem:order-warnings',
      title: 'Warnings to confirm',
      detail: `${EN_ELSEWHERE} Confirm the warning and send again to order anyway.`,
      warnings: [{ code: 'ENGAGEMENT_ELSEWHERE', line: 0, message: EN_ELSEWHERE }],
    });
    const two = await orderer
      .post('/api/orders')
      .set('Accept-Language', 'en')
      .send(sendIn(team, visitor, [a().vob, a().stat], today))
      .expect(422);
    expect(two.body.detail).toBe(
      'The order has 2 warnings; see the marked lines. Confirm the warnings and send again to order anyway.',
    );
    const check = await orderer
      .post('/api/mass-orders/check')
      .set('Accept-Language', 'en')
      .send({ assignmentId: a().stat.id, add: [visitor.id] })
      .expect(200);
    expect(check.body.persons[0].warnings).toEqual([{ code: 'ENGAGEMENT_ELSEWHERE', message: EN_ELSEWHERE }]);
  });

  it('a refusal comes before the warning: hard rules are answered first', async () => {
    const res = await orderer
      .post('/api/orders')
      .send(sendIn(team, visitor, [a().vob, a().vob], today))
      .expect(422);
    expect(res.body.type).toBe('urn:beh:problem:order-rule');
  });

  it('the wizard is told in advance: orderable-assignments marks the lines', async () => {
    const res = await orderer
      .get(`/api/orderable-assignments?endUserId=${visitor.id}&type=GRANT`)
      .expect(200);
    const unit = res.body.units.find((u: { careUnitId: string }) => u.careUnitId === team.unit.id);
    const vob = unit.assignments.find((x: { id: string }) => x.id === a().vob.id);
    expect(vob.warnings).toEqual([{ code: 'ENGAGEMENT_ELSEWHERE', message: ELSEWHERE }]);
    const mine = await orderer.get(`/api/orderable-assignments?endUserId=${local.id}&type=GRANT`).expect(200);
    const localUnit = mine.body.units.find((u: { careUnitId: string }) => u.careUnitId === team.unit.id);
    expect(localUnit.assignments.every((x: { warnings?: unknown }) => x.warnings === undefined)).toBe(true);
  });

  it('places with confirmedWarnings; the lines keep the warning for the order view and the attest page', async () => {
    const [placed] = await place(
      orderer,
      sendIn(team, visitor, [a().kval], today, { confirmedWarnings: true }),
    );
    const [row] = await t.dataSource.query<{ warnings: string[] }[]>(
      `SELECT warnings FROM vmu_order_item WHERE order_id = $1`,
      [placed.id],
    );
    expect(row.warnings).toEqual(['ENGAGEMENT_ELSEWHERE']);

    const detail = await orderer.get(`/api/orders/${placed.id}`).expect(200);
    expect(detail.body.items).toHaveLength(1);
    expect(detail.body.items[0].warnings).toEqual([{ code: 'ENGAGEMENT_ELSEWHERE', message: ELSEWHERE }]);

    const attest = await attestant.get(`/api/attest/orders/${placed.id}`).expect(200);
    expect(attest.body.items[0].warnings).toEqual([{ code: 'ENGAGEMENT_ELSEWHERE', message: ELSEWHERE }]);

    // The audit log's ORDER_PLACED lists the line with its warning.
    const [event] = await t.dataSource.query<{ after: { items: { warnings?: string[] }[] } }[]>(
      `SELECT after FROM audit_event WHERE entity_type = 'order' AND entity_id = $1 AND action = 'ORDER_PLACED'`,
      [placed.id],
    );
    expect(event.after.items[0].warnings).toEqual(['ENGAGEMENT_ELSEWHERE']);
  });

  it('no warning when one active engagement is at the unit; lines show an empty list', async () => {
    const [placed] = await place(orderer, sendIn(team, local, [a().vob], today));
    const detail = await orderer.get(`/api/orders/${placed.id}`).expect(200);
    expect(detail.body.items[0].warnings).toEqual([]);
  });

  it('an engagement at the unit that has ended does not count: still a warning', async () => {
    const former = await newPerson(t, { unit: other });
    await newEngagement(t, former, team.unit, { validFrom: '2020-01-01', validTo: '2021-12-31' });
    const res = await orderer
      .post('/api/orders')
      .send(sendIn(team, former, [a().vob], today))
      .expect(422);
    expect(res.body.type).toBe('urn:beh:problem:order-warnings');
  });

  it('no warning for Avslut (ending access elsewhere is what should happen)', async () => {
    // The visitor now holds nothing at the unit; a revoke of what is not held is the hard NOT_HELD.
    const res = await orderer
      .post('/api/orders')
      .send(sendIn(team, visitor, [a().vob], today, { type: 'REVOKE' }))
      .expect(422);
    expect(res.body.type).toBe('urn:beh:problem:order-rule');
    expect(res.body.warnings).toBeUndefined();
  });

  describe('mass orders', () => {
    it('the check gives each such person warnings; the others none', async () => {
      const res = await orderer
        .post('/api/mass-orders/check')
        .send({ assignmentId: a().stat.id, add: [visitor.id, local.id] })
        .expect(200);
      const byPerson = new Map(
        (res.body.persons as { personId: string; ok: boolean; warnings?: unknown }[]).map((p) => [
          p.personId,
          p,
        ]),
      );
      expect(byPerson.get(visitor.id)).toMatchObject({
        ok: true,
        warnings: [{ code: 'ENGAGEMENT_ELSEWHERE', message: ELSEWHERE }],
      });
      expect(byPerson.get(local.id)?.warnings).toBeUndefined();
      expect(res.body.ok).toBe(true);
    });

    it('the send asks for confirmation (422, warnings with personId) and writes nothing; confirmed, it is placed', async () => {
      const newcomer = await newPerson(t, { unit: other });
      const colleague = await newPerson(t, { unit: team.unit });
      const body = {
        assignmentId: a().stat.id,
        add: [newcomer.id, colleague.id],
        attestantId: team.attestant.id,
        startDate: today,
      };
      const before = await everything(t);
      const refused = await orderer.post('/api/mass-orders').send(body).expect(422);
      expect(await everything(t)).toEqual(before);
      expect(refused.body).toMatchObject({
        type: 'urn:beh:problem:order-warnings',
        warnings: [{ code: 'ENGAGEMENT_ELSEWHERE', personId: newcomer.id, message: ELSEWHERE }],
      });
      expect(refused.body.warnings).toHaveLength(1);

      const sent = await orderer
        .post('/api/mass-orders')
        .send({ ...body, confirmedWarnings: true })
        .expect(201);
      const byPerson = new Map(
        (sent.body.orders as { id: string; endUserId: string }[]).map((o) => [o.endUserId, o.id]),
      );
      const warned = await orderer.get(`/api/orders/${byPerson.get(newcomer.id)}`).expect(200);
      expect(warned.body.items[0].warnings).toEqual([{ code: 'ENGAGEMENT_ELSEWHERE', message: ELSEWHERE }]);
      const plain = await orderer.get(`/api/orders/${byPerson.get(colleague.id)}`).expect(200);
      expect(plain.body.items[0].warnings).toEqual([]);
      const attest = await attestant.get(`/api/attest/orders/${byPerson.get(newcomer.id)}`).expect(200);
      expect(attest.body.items[0].warnings).toHaveLength(1);
    });
  });
});
