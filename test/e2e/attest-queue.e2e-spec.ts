import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../server/src/common/clock.js';
import { type Client, signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createOrders, freeLines } from './attest-support.js';
import { addDays, KVAL_SOL, person, place, send, SOLGLANTAN, STAT_SOL, VOB_SOL } from './orders-support.js';

interface QueueItem {
  id: string;
  orderNumber: string;
  urgent: boolean;
  due: boolean;
  startDate: string;
  endUserUserId: string;
  ordererUserId: string;
  careUnitName: string;
  batchId: string | null;
  itemCount: number;
  assignmentNames: string[];
}

/** "Attestera beställningar" and the attestant's order page: who sees what. */
describe('attest queue and order page', () => {
  let t: TestApp;
  let today: string;
  const clients: Record<string, Client> = {};
  let forSara: { id: string; orderNumber: string };
  let urgentForSara: string;
  let forKarin: string;
  let batch: string;
  let batchOrders: string[];

  const queue = async (userId: string, filter: Record<string, unknown> = {}, extra = '') => {
    const res = await clients[userId]
      .get(`/api/attest/queue?filter=${encodeURIComponent(JSON.stringify(filter))}${extra}`)
      .expect(200);
    return { items: res.body as QueueItem[], range: res.headers['content-range'] };
  };

  beforeAll(async () => {
    t = await createTestApp();
    today = t.app.get(Clock).today();
    for (const userId of ['sarbe3', 'eriho2', 'karlu1', 'admin1', 'nilbo4']) {
      clients[userId] = await signIn(t, userId);
    }
    // Through the wizard's API, as the browser test does: Erik orders for Nils, Sara attests.
    [forSara] = await place(clients.eriho2, send('nilbo4', [VOB_SOL, KVAL_SOL], addDays(today, 7)));
    [{ id: urgentForSara }] = await place(
      clients.eriho2,
      send('linma5', [KVAL_SOL], today, { urgent: true, comment: 'Brådskande' }),
    );
    [{ id: forKarin }] = await place(
      clients.eriho2,
      send('nilbo4', [STAT_SOL], addDays(today, 3), { attestants: { [SOLGLANTAN]: person('karlu1') } }),
    );
    batch = randomUUID();
    const lines = await freeLines(t, 3);
    batchOrders = await createOrders(
      t,
      lines.map((l) => ({
        endUserId: l.endUserId,
        assignmentIds: [l.assignmentId],
        startDate: addDays(today, 1),
        batchId: batch,
      })),
    );
  });
  afterAll(async () => {
    await t.close();
  });

  it('holds for each persona exactly the orders awaiting their own attest', async () => {
    const sara = await queue('sarbe3');
    expect(sara.items).toHaveLength(5);
    expect(sara.range).toBe('attest-queue 0-4/5');
    expect(sara.items.map((i) => i.id)).toEqual(
      expect.arrayContaining([forSara.id, urgentForSara, ...batchOrders]),
    );
    expect((await queue('karlu1')).items.map((i) => i.id)).toEqual([forKarin]);
    // The orderer, the end user and an administrator attest nothing here.
    for (const userId of ['eriho2', 'nilbo4', 'admin1']) {
      expect(await queue(userId)).toEqual({ items: [], range: 'attest-queue 0-0/0' });
    }
  });

  it('describes each order: people, unit, lines, urgency, due date and batch', async () => {
    const { items } = await queue('sarbe3', { id: [forSara.id, urgentForSara] });
    const nils = items.find((i) => i.id === forSara.id)!;
    expect(nils).toMatchObject({
      orderNumber: forSara.orderNumber,
      status: 'AWAITING_ATTEST',
      type: 'GRANT',
      urgent: false,
      due: false,
      endUserUserId: 'nilbo4',
      endUserName: 'Nils Boström',
      ordererUserId: 'eriho2',
      careUnitName: 'Vårdcentralen Solgläntan',
      batchId: null,
      itemCount: 2,
      assignmentNames: ['VoB SJF', 'Kvalitetssäkring'],
    });
    expect(items.find((i) => i.id === urgentForSara)).toMatchObject({
      urgent: true,
      due: true,
      itemCount: 1,
    });
  });

  it('filters by end user, orderer, unit, urgency, due, type, dates and batch', async () => {
    const ids = async (filter: Record<string, unknown>) =>
      (await queue('sarbe3', filter)).items.map((i) => i.id).sort();
    expect(await ids({ endUser: 'nilbo4' })).toEqual([forSara.id]);
    expect(await ids({ q: 'Boström' })).toEqual([forSara.id]);
    expect(await ids({ q: forSara.orderNumber })).toEqual([forSara.id]);
    expect(await ids({ orderer: 'Erik' })).toHaveLength(5);
    expect(await ids({ ordererId: person('karlu1') })).toEqual([]);
    expect(await ids({ careUnitId: SOLGLANTAN })).toHaveLength(5);
    expect(await ids({ urgent: true })).toEqual([urgentForSara]);
    expect(await ids({ due: true })).toEqual([urgentForSara]);
    expect(await ids({ due: false, urgent: false })).toHaveLength(4);
    expect(await ids({ type: 'REVOKE' })).toEqual([]);
    expect(await ids({ from: today, to: today })).toHaveLength(5);
    expect(await ids({ from: addDays(today, 1) })).toEqual([]);
    expect(await ids({ startFrom: addDays(today, 2) })).toEqual([forSara.id]);
    expect(await ids({ startTo: addDays(today, 1) })).toHaveLength(4);
    expect(await ids({ batchId: batch })).toEqual([...batchOrders].sort());
    expect(await ids({ inBatch: false })).toEqual([forSara.id, urgentForSara].sort());
  });

  it('sorts and pages with Content-Range, and refuses what it cannot filter or sort on', async () => {
    const byStart = await queue(
      'sarbe3',
      {},
      `&sort=${encodeURIComponent('["startDate","ASC"]')}&range=[0,1]`,
    );
    expect(byStart.range).toBe('attest-queue 0-1/5');
    expect(byStart.items[0].id).toBe(urgentForSara);
    const byUrgent = await queue('sarbe3', {}, `&sort=${encodeURIComponent('["urgent","DESC"]')}`);
    expect(byUrgent.items[0].id).toBe(urgentForSara);
    const res = await clients.sarbe3
      .get(`/api/attest/queue?filter=${encodeURIComponent('{"attestantId":"x"}')}`)
      .expect(400);
    expect(res.body).toMatchObject({ detail: 'Det går inte att filtrera på attestantId.' });
    // The queue's own condition cannot be widened from the query string.
    await clients.sarbe3.get(`/api/attest/queue?filter=${encodeURIComponent('{"scope":"all"}')}`).expect(400);
    await clients.sarbe3
      .get(`/api/attest/queue?sort=${encodeURIComponent('["feedback","ASC"]')}`)
      .expect(400);
  });

  it('counts per tab, with the other filters applied', async () => {
    expect((await clients.sarbe3.get('/api/attest/counts').expect(200)).body).toEqual({
      all: 5,
      urgent: 1,
      due: 1,
      batches: 1,
    });
    const filtered = await clients.sarbe3
      .get(
        `/api/attest/counts?filter=${encodeURIComponent(JSON.stringify({ inBatch: false, urgent: true }))}`,
      )
      .expect(200);
    // The tab's own flag is left out, so every tab keeps its count.
    expect(filtered.body).toEqual({ all: 2, urgent: 1, due: 1, batches: 0 });
    expect((await clients.nilbo4.get('/api/attest/counts').expect(200)).body).toEqual({
      all: 0,
      urgent: 0,
      due: 0,
      batches: 0,
    });
  });

  it('groups mass-order batches', async () => {
    const res = await clients.sarbe3.get('/api/attest/batches').expect(200);
    expect(res.headers['content-range']).toBe('attest-batches 0-0/1');
    expect(res.body).toEqual([
      expect.objectContaining({
        id: batch,
        orderCount: 3,
        urgent: false,
        ordererName: 'Erik Holm',
        careUnitNames: ['Vårdcentralen Solgläntan'],
        assignmentNames: ['VoB SJF'],
        firstStartDate: addDays(today, 1),
      }),
    ]);
    expect([...(res.body as { orderIds: string[] }[])[0].orderIds].sort()).toEqual([...batchOrders].sort());
    expect((await clients.karlu1.get('/api/attest/batches').expect(200)).body).toEqual([]);
  });

  it("shows the attest page to the order's attestant: the seed's fields and the lines with ids", async () => {
    const res = await clients.sarbe3.get(`/api/attest/orders/${forSara.id}`).expect(200);
    expect(res.body).toMatchObject({
      id: forSara.id,
      orderNumber: forSara.orderNumber,
      status: 'AWAITING_ATTEST',
      type: 'GRANT',
      startDate: addDays(today, 7),
      project: null,
      endUser: { name: 'Nils Boström', userId: 'nilbo4', hsaId: 'SE2321000131-P000000000104' },
      orderer: { name: 'Erik Holm', userId: 'eriho2' },
      attestant: { userId: 'sarbe3' },
      careUnit: { id: SOLGLANTAN, name: 'Vårdcentralen Solgläntan' },
      administrationName: expect.any(String),
    });
    const body = res.body as {
      createdAt: string;
      items: { id: string; assignmentName: string; status: string }[];
    };
    expect(Date.parse(body.createdAt)).not.toBeNaN();
    expect(body.items.map((i) => [i.assignmentName, i.status])).toEqual([
      ['VoB SJF', 'PENDING'],
      ['Kvalitetssäkring', 'PENDING'],
    ]);
    expect(body.items.every((i) => /^[0-9a-f-]{36}$/.test(i.id))).toBe(true);
  });

  it('answers a forwarded link with 404 and nothing of the order, whoever follows it', async () => {
    // The orderer, the head of the unit (who has the "all" scope there), an administrator, the end user.
    for (const userId of ['eriho2', 'karlu1', 'admin1', 'nilbo4']) {
      const res = await clients[userId].get(`/api/attest/orders/${forSara.id}`).expect(404);
      expect(res.body).toEqual({
        type: 'urn:beh:problem:not-found',
        title: 'Hittades inte',
        status: 404,
        detail: 'Beställningen hittades inte.',
      });
    }
    // …the same as for an order that does not exist at all, or a malformed id.
    await clients.sarbe3.get(`/api/attest/orders/${randomUUID()}`).expect(404);
    await clients.sarbe3.get('/api/attest/orders/BEH5648820').expect(404);
    // Karin may read the order in her history, but not act on it as an attestant.
    await clients.karlu1.get(`/api/orders/${forSara.id}`).expect(200);
  });

  it('no longer shows an order that does not await attest', async () => {
    await clients.eriho2.post(`/api/orders/${forKarin}/cancel`).expect(200);
    await clients.karlu1.get(`/api/attest/orders/${forKarin}`).expect(404);
    expect((await queue('karlu1')).items).toEqual([]);
  });
});
