import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Clock } from '../../server/src/common/clock.js';
import { SigningService } from '../../server/src/signing/signing.service.js';
import { newPerson, newTeam, type PersonMade, signedIn, type Team } from '../factories/index.js';
import type { Client } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createOrders, orderState, requestSignature, sign } from './attest-support.js';
import { addDays, sendIn } from './orders-support.js';

const OWN_ORDER =
  'Slutanvändaren kan inte vara attestant för sin egen beställning – ingen ger sig själv behörighet ensam. Välj en annan attestant.';
const OWN_APPROVAL =
  'Du kan inte godkänna en beställning där du själv är slutanvändare – ingen ger sig själv behörighet ensam. Avslå den eller be beställaren välja en annan attestant.';

/**
 * Rule 11, Nobody grants himself access alone: the end user of an order is never its attestant
 * when it is placed or re-assigned, and never approves it (checked when the decision is asked to
 * be signed and again when it is signed). Ordering and attesting one's own order for someone else
 * is allowed, but marked in the queue, on the order, on the attest page and in the audit event.
 * Sara is the team's attestant, Erik its orderer (who may also attest).
 */
describe('nobody grants himself access alone (rule 11)', () => {
  let t: TestApp;
  let today: string;
  let team: Team;
  let endUser: PersonMade;
  let sara: Client;
  let erik: Client;

  const ordersFor = async (endUserId: string) =>
    (
      await t.dataSource.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM vmu_order WHERE end_user_id = $1',
        [endUserId],
      )
    )[0].n;

  beforeAll(async () => {
    t = await createTestApp();
    today = t.app.get(Clock).today();
    team = await newTeam(t);
    endUser = await newPerson(t, { unit: team.unit });
    sara = await signedIn(t, team.attestant);
    erik = await signedIn(t, team.orderer);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('placing', () => {
    it('refuses naming the end user attestant of his own order, and writes nothing', async () => {
      const vob = team.unit.assignments.vob;
      // Erik orders for Sara with Sara attesting, and for himself with himself attesting.
      for (const who of [team.attestant, team.orderer]) {
        const res = await erik
          .post('/api/orders')
          .send(sendIn(team, who, [vob], addDays(today, 3), { attestants: { [team.unit.id]: who.id } }))
          .expect(422);
        expect((res.body as { violations: unknown[] }).violations).toEqual([
          expect.objectContaining({ rule: 'ATTESTANT_IS_END_USER', line: 0, message: OWN_ORDER }),
        ]);
        expect(await ordersFor(who.id)).toBe(0);
      }
    });

    it('refuses changing the attestant to the end user', async () => {
      // Erik orders for Sara and attests it himself (allowed); then tries to hand it to Sara.
      const [placed] = (
        await erik
          .post('/api/orders')
          .send(
            sendIn(team, team.attestant, [team.unit.assignments.vob], addDays(today, 3), {
              attestants: { [team.unit.id]: team.orderer.id },
            }),
          )
          .expect(201)
      ).body as { id: string }[];
      const res = await erik
        .post(`/api/orders/${placed.id}/change-attestant`)
        .send({ attestantId: team.attestant.id })
        .expect(422);
      expect(res.body).toMatchObject({ violations: [{ rule: 'ATTESTANT_IS_END_USER', message: OWN_ORDER }] });
      const detail = (await erik.get(`/api/orders/${placed.id}`).expect(200)).body as { attestantId: string };
      expect(detail.attestantId).toBe(team.orderer.id);
    });

    it('refuses a mass order naming one of its persons attestant, for that person only', async () => {
      const other = await newPerson(t, { unit: team.unit });
      const res = await erik
        .post('/api/mass-orders/check')
        .send({
          assignmentId: team.unit.assignments.stat.id,
          add: [other.id, team.attestant.id],
          attestantId: team.attestant.id,
          startDate: addDays(today, 3),
        })
        .expect(200);
      expect(res.body).toMatchObject({
        ok: false,
        violations: [],
        persons: [
          { personId: other.id, ok: true },
          { personId: team.attestant.id, ok: false, violations: [{ rule: 'ATTESTANT_IS_END_USER' }] },
        ],
      });
      await erik
        .post('/api/mass-orders')
        .send({
          assignmentId: team.unit.assignments.stat.id,
          add: [other.id, team.attestant.id],
          remove: [],
          attestantId: team.attestant.id,
          startDate: addDays(today, 3),
        })
        .expect(422);
      expect(await ordersFor(other.id)).toBe(0);
    });
  });

  describe('deciding', () => {
    // An order where Sara is both end user and attestant, as data from before the rule would be.
    const ownOrder = async () => {
      const [id] = await createOrders(t, team, [
        {
          endUserId: team.attestant.id,
          assignmentIds: [team.unit.assignments.kval.id],
          startDate: addDays(today, 3),
        },
      ]);
      return id;
    };

    it('refuses approving one’s own order, alone or in a batch, but allows rejecting it', async () => {
      const own = await ownOrder();
      const [other] = await createOrders(t, team, [
        {
          endUserId: endUser.id,
          assignmentIds: [team.unit.assignments.vob.id],
          startDate: addDays(today, 3),
        },
      ]);
      for (const orderIds of [[own], [own, other]]) {
        const res = await sara
          .post('/api/attest/sign-requests')
          .send({ orderIds, decision: 'APPROVE' })
          .expect(403);
        expect(res.body).toMatchObject({ type: 'urn:beh:problem:attest-rule' });
        expect((res.body as { orders: { orderId: string; rule: string; message: string }[] }).orders).toEqual(
          [expect.objectContaining({ orderId: own, rule: 'OWN_ACCESS', message: OWN_APPROVAL })],
        );
      }
      expect(
        (
          await t.dataSource.query<{ n: number }[]>(
            `SELECT count(*)::int AS n FROM sign_request WHERE signer_id = $1`,
            [team.attestant.id],
          )
        )[0].n,
      ).toBe(0);
      const { requestId } = await requestSignature(sara, {
        orderIds: [own],
        decision: 'REJECT',
        comment: 'Nej.',
      });
      expect((await sign(sara, requestId)).status).toBe(200);
      expect((await orderState(t, own)).status).toBe('REJECTED');
    });

    it('refuses it again when signing, if a request to approve one’s own order exists', async () => {
      const own = await ownOrder();
      const [order] = await t.dataSource.query<{ orderNumber: string }[]>(
        'SELECT order_number AS "orderNumber" FROM vmu_order WHERE id = $1',
        [own],
      );
      const lines = (
        await t.dataSource.query<{ l: string }[]>(
          `SELECT id || ':' || status AS l FROM vmu_order_item WHERE order_id = $1 ORDER BY 1`,
          [own],
        )
      ).map((r) => r.l);
      // Made past the check at request time, as if the rule had not been there then.
      const request = await t.dataSource.transaction((m) =>
        t.app.get(SigningService).createRequest(m, {
          signerId: team.attestant.id,
          kind: 'ATTEST',
          purpose: 'Test',
          document: `Attest av beställning ${order.orderNumber}\n`,
          payload: {
            decision: 'APPROVE',
            comment: null,
            removeItemIds: [],
            orders: [{ id: own, orderNumber: order.orderNumber, attestantId: team.attestant.id, lines }],
          },
        }),
      );
      const res = await sign(sara, request.id);
      expect(res.status).toBe(403);
      expect((res.body as { detail: string }).detail).toBe(`${order.orderNumber}: ${OWN_APPROVAL}`);
      expect(await orderState(t, own)).toMatchObject({ status: 'AWAITING_ATTEST', signRequestId: null });
    });
  });

  describe('orderer = attestant: allowed, and marked', () => {
    it('marks the order in the queue, on the attest page, on the order and in the decision’s audit event', async () => {
      const [mine] = (
        await erik
          .post('/api/orders')
          .send(
            sendIn(team, endUser, [team.unit.assignments.stat], addDays(today, 3), {
              attestants: { [team.unit.id]: team.orderer.id },
            }),
          )
          .expect(201)
      ).body as { id: string }[];
      const [notMine] = await createOrders(
        t,
        team,
        [
          {
            endUserId: endUser.id,
            assignmentIds: [team.unit.assignments.kval.id],
            startDate: addDays(today, 3),
          },
        ],
        { attestant: team.orderer, orderer: team.head },
      );
      const queue = (await erik.get('/api/attest/queue').expect(200)).body as {
        id: string;
        orderedByAttestant: boolean;
      }[];
      expect(Object.fromEntries(queue.map((q) => [q.id, q.orderedByAttestant]))).toMatchObject({
        [mine.id]: true,
        [notMine]: false,
      });
      expect((await erik.get(`/api/attest/orders/${mine.id}`).expect(200)).body).toMatchObject({
        orderedByAttestant: true,
      });
      expect((await erik.get(`/api/attest/orders/${notMine}`).expect(200)).body).toMatchObject({
        orderedByAttestant: false,
      });
      for (const client of [erik, await signedIn(t, endUser)]) {
        expect((await client.get(`/api/orders/${mine.id}`).expect(200)).body).toMatchObject({
          orderedByAttestant: true,
        });
      }
      expect((await erik.get(`/api/orders/${notMine}`).expect(200)).body).toMatchObject({
        orderedByAttestant: false,
      });

      const { requestId } = await requestSignature(erik, {
        orderIds: [mine.id, notMine],
        decision: 'APPROVE',
      });
      expect((await sign(erik, requestId)).status).toBe(200);
      const events = await t.dataSource.query<{ id: string; after: { orderedByAttestant: boolean } }[]>(
        `SELECT entity_id AS id, after FROM audit_event WHERE action = 'ORDER_APPROVED' AND entity_id = ANY($1::text[])`,
        [[mine.id, notMine]],
      );
      expect(Object.fromEntries(events.map((e) => [e.id, e.after.orderedByAttestant]))).toEqual({
        [mine.id]: true,
        [notMine]: false,
      });
    });
  });
});
