import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Clock } from '../../server/src/common/clock.js';
import { type Client, signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { certificateId, requestSignature } from './attest-support.js';
import { freeStaff, massSend, sendMass, type SentBatch } from './mass-orders-support.js';
import { person } from './orders-support.js';

/**
 * Batch attest (rule 8), from the mass order's side: the attestant finds the batch as one group in
 * the attest queue (docs/api-contract-attest.md), leaves one person out and approves the rest
 * with one signature.
 */
describe('mass orders: the batch in the attest queue', () => {
  let t: TestApp;
  let eriho2: Client;
  let sarbe3: Client;
  let sent: SentBatch;

  beforeAll(async () => {
    t = await createTestApp();
    const today = t.app.get(Clock).today();
    eriho2 = await signIn(t, 'eriho2');
    sarbe3 = await signIn(t, 'sarbe3');
    const add = [person('nilbo4'), ...(await freeStaff(t, 2))];
    sent = await sendMass(eriho2, massSend(today, { add, remove: [person('linma5')] }));
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows the batch to the attestant as one group in the attest queue', async () => {
    const batches = await sarbe3.get('/api/attest/batches').expect(200);
    const row = (batches.body as { id: string; orderCount: number; orderIds: string[] }[]).find(
      (b) => b.id === sent.batchId,
    );
    expect(row?.orderCount).toBe(4);
    expect([...(row?.orderIds ?? [])].sort()).toEqual(sent.orders.map((o) => o.id).sort());
    const queue = await sarbe3
      .get(`/api/attest/queue?filter=${encodeURIComponent(JSON.stringify({ batchId: sent.batchId }))}`)
      .expect(200);
    expect((queue.body as { batchId: string }[]).map((o) => o.batchId)).toEqual(Array(4).fill(sent.batchId));
  });

  it('lets the attestant leave one person out and approve the rest with one signature', async () => {
    const [left, ...approved] = sent.orders;
    const request = await requestSignature(sarbe3, {
      orderIds: approved.map((o) => o.id),
      decision: 'APPROVE',
    });
    const certificate = await certificateId(sarbe3, request.requestId);
    await sarbe3
      .post(`/api/signing/${request.requestId}/sign`)
      .send({ certificateId: certificate, pin: '1234' })
      .expect(200);
    const statuses = await t.dataSource.query<{ id: string; status: string }[]>(
      'SELECT id, status FROM vmu_order WHERE batch_id = $1',
      [sent.batchId],
    );
    const status = new Map(statuses.map((s) => [s.id, s.status]));
    expect(status.get(left.id)).toBe('AWAITING_ATTEST');
    for (const o of approved) expect(['APPROVED', 'COMPLETED']).toContain(status.get(o.id));
    const receipt = await eriho2.get(`/api/mass-orders/batches/${sent.batchId}`).expect(200);
    expect(receipt.body).toMatchObject({ awaitingCount: 1 });
  });
});
