import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Clock } from '../../server/src/common/clock.js';
import { newTeam, signedIn, type Team } from '../factories/index.js';
import type { Client } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  certificateId,
  decisionFootprint,
  orderState,
  ordersToAttest,
  requestSignature,
} from './attest-support.js';
import { addDays } from './orders-support.js';

/**
 * Two attests of one order at once, and orders that change while the signing window is open. A
 * team made by the factories: Sara is its attestant, Erik its orderer, Karin its head.
 */
describe('attest races', () => {
  let t: TestApp;
  let today: string;
  let team: Team;
  let sara: Client;
  let erik: Client;
  let karin: Client;
  let certificate: string;

  const signNow = (requestId: string) =>
    sara.post(`/api/signing/${requestId}/sign`).send({ certificateId: certificate, pin: '1234' });
  const requestStatus = async (id: string) =>
    (await t.dataSource.query<{ status: string }[]>('SELECT status FROM sign_request WHERE id = $1', [id]))[0]
      .status;
  const approvals = async (orderId: string) =>
    (
      await t.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM audit_event WHERE entity_id = $1 AND action IN ('ORDER_APPROVED', 'ORDER_REJECTED')`,
        [orderId],
      )
    )[0].n;

  beforeAll(async () => {
    t = await createTestApp();
    today = t.app.get(Clock).today();
    team = await newTeam(t);
    [sara, erik, karin] = await Promise.all(
      [team.attestant, team.orderer, team.head].map((p) => signedIn(t, p)),
    );
    const [any] = await ordersToAttest(t, team, 1, addDays(today, 3));
    certificate = await certificateId(
      sara,
      (await requestSignature(sara, { orderIds: [any], decision: 'APPROVE' })).requestId,
    );
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets exactly one of two simultaneous attests of the same order through; the other is 409', async () => {
    for (let round = 0; round < 3; round++) {
      const [id] = await ordersToAttest(t, team, 1, addDays(today, 3));
      const approve = await requestSignature(sara, { orderIds: [id], decision: 'APPROVE' });
      const reject = await requestSignature(sara, { orderIds: [id], decision: 'REJECT', comment: 'Nej' });
      const results = await Promise.all([signNow(approve.requestId), signNow(reject.requestId)]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const loser = results.find((r) => r.status === 409)!;
      expect(loser.body).toMatchObject({ type: 'urn:beh:problem:attest-conflict' });
      const winner = results[0].status === 200 ? approve : reject;
      const state = await orderState(t, id);
      expect(state.status).toBe(winner === approve ? 'APPROVED' : 'REJECTED');
      expect(state.signRequestId).toBe(winner.requestId);
      expect(await approvals(id)).toBe(1);
      // The losing signature is not stored: its request is as unused as before.
      const loserId = winner === approve ? reject.requestId : approve.requestId;
      expect(await requestStatus(loserId)).toBe('PENDING');
    }
  });

  it('does not deadlock two batches over the same orders listed in opposite order', async () => {
    const ids = await ordersToAttest(t, team, 6, addDays(today, 3));
    const first = await requestSignature(sara, { orderIds: ids, decision: 'APPROVE' });
    const second = await requestSignature(sara, { orderIds: [...ids].reverse(), decision: 'APPROVE' });
    const results = await Promise.all([signNow(first.requestId), signNow(second.requestId)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results[0].status === 200 ? first : second;
    for (const id of ids) {
      expect(await orderState(t, id)).toMatchObject({ status: 'APPROVED', signRequestId: winner.requestId });
      expect(await approvals(id)).toBe(1);
    }
  });

  it('cannot attest an order cancelled while the signing window was open', async () => {
    const [id, other] = await ordersToAttest(t, team, 2, addDays(today, 3));
    const { requestId } = await requestSignature(sara, { orderIds: [id, other], decision: 'APPROVE' });
    await erik.post(`/api/orders/${id}/cancel`).expect(200);
    const before = await decisionFootprint(t);
    const res = await signNow(requestId);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ type: 'urn:beh:problem:attest-conflict' });
    expect((res.body as { detail: string }).detail).toContain('den har makulerats');
    expect(await decisionFootprint(t)).toEqual(before);
    // All or nothing: the other order of the batch is not approved either.
    expect(await orderState(t, other)).toMatchObject({ status: 'AWAITING_ATTEST', signRequestId: null });
    expect(await requestStatus(requestId)).toBe('PENDING');
  });

  it('cannot attest an order whose attestant was changed while the window was open', async () => {
    const [id] = await ordersToAttest(t, team, 1, addDays(today, 3));
    const { requestId } = await requestSignature(sara, { orderIds: [id], decision: 'APPROVE' });
    await erik.post(`/api/orders/${id}/change-attestant`).send({ attestantId: team.head.id }).expect(200);
    const res = await signNow(requestId);
    expect(res.status).toBe(409);
    expect((res.body as { detail: string }).detail).toContain('den har fått en annan attestant');
    expect(await orderState(t, id)).toMatchObject({ status: 'AWAITING_ATTEST', signRequestId: null });
    // Sara no longer finds the order; the new attestant attests it as usual.
    await sara.get(`/api/attest/orders/${id}`).expect(404);
    const karins = await requestSignature(karin, { orderIds: [id], decision: 'APPROVE' });
    const signed = await karin
      .post(`/api/signing/${karins.requestId}/sign`)
      .send({ certificateId: await certificateId(karin, karins.requestId), pin: '1234' });
    expect(signed.status).toBe(200);
    expect((await orderState(t, id)).status).toBe('APPROVED');
  });
});
