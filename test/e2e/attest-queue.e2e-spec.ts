import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../server/src/common/clock.js';
import {
  newAdministrator,
  newPerson,
  newTeam,
  type PersonMade,
  signedIn,
  type Team,
} from '../factories/index.js';
import type { Client } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createOrders, freeLines } from './attest-support.js';
import { addDays, place, sendIn } from './orders-support.js';

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
  /** A team made by the factories: its attestant is "Sara", its orderer "Erik", its head "Karin". */
  let team: Team;
  let nils: PersonMade;
  const clients: Record<string, Client> = {};
  let forSara: { id: string; orderNumber: string };
  let urgentForSara: string;
  let forKarin: string;
  let batch: string;
  let batchOrders: string[];

  const queue = async (role: string, filter: Record<string, unknown> = {}, extra = '') => {
    const res = await clients[role]
      .get(`/api/attest/queue?filter=${encodeURIComponent(JSON.stringify(filter))}${extra}`)
      .expect(200);
    return { items: res.body as QueueItem[], range: res.headers['content-range'] };
  };

  beforeAll(async () => {
    t = await createTestApp();
    today = t.app.get(Clock).today();
    team = await newTeam(t);
    nils = await newPerson(t, { unit: team.unit, firstName: 'Nils', lastName: 'Boström' });
    const people = {
      sara: team.attestant,
      erik: team.orderer,
      karin: team.head,
      admin: await newAdministrator(t),
      nils,
    };
    for (const [role, person] of Object.entries(people)) clients[role] = await signedIn(t, person);
    const a = team.unit.assignments;
    // Through the wizard's API, as the browser test does: Erik orders for Nils, Sara attests.
    [forSara] = await place(clients.erik, sendIn(team, nils, [a.vob, a.kval], addDays(today, 7)));
    [{ id: urgentForSara }] = await place(
      clients.erik,
      sendIn(team, await newPerson(t, { unit: team.unit }), [a.kval], today, {
        urgent: true,
        comment: 'Brådskande',
      }),
    );
    [{ id: forKarin }] = await place(
      clients.erik,
      sendIn(team, nils, [a.stat], addDays(today, 3), { attestants: { [team.unit.id]: team.head.id } }),
    );
    batch = randomUUID();
    const lines = await freeLines(t, team, 3);
    batchOrders = await createOrders(
      t,
      team,
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

  it('holds for each person exactly the orders awaiting their own attest', async () => {
    const sara = await queue('sara');
    expect(sara.items).toHaveLength(5);
    expect(sara.range).toBe('attest-queue 0-4/5');
    expect(sara.items.map((i) => i.id)).toEqual(
      expect.arrayContaining([forSara.id, urgentForSara, ...batchOrders]),
    );
    expect((await queue('karin')).items.map((i) => i.id)).toEqual([forKarin]);
    // The orderer, the end user and an administrator attest nothing here.
    for (const role of ['erik', 'nils', 'admin']) {
      expect(await queue(role)).toEqual({ items: [], range: 'attest-queue 0-0/0' });
    }
  });

  it('describes each order: people, unit, lines, urgency, due date and batch', async () => {
    const { items } = await queue('sara', { id: [forSara.id, urgentForSara] });
    const nilsOrder = items.find((i) => i.id === forSara.id)!;
    expect(nilsOrder).toMatchObject({
      orderNumber: forSara.orderNumber,
      status: 'AWAITING_ATTEST',
      type: 'GRANT',
      urgent: false,
      due: false,
      endUserUserId: nils.userId,
      endUserName: 'Nils Boström',
      ordererUserId: team.orderer.userId,
      careUnitName: team.unit.name,
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
      (await queue('sara', filter)).items.map((i) => i.id).sort();
    expect(await ids({ endUser: nils.userId })).toEqual([forSara.id]);
    expect(await ids({ q: 'Boström' })).toEqual([forSara.id]);
    expect(await ids({ q: forSara.orderNumber })).toEqual([forSara.id]);
    expect(await ids({ orderer: team.orderer.lastName })).toHaveLength(5);
    expect(await ids({ ordererId: team.head.id })).toEqual([]);
    expect(await ids({ careUnitId: team.unit.id })).toHaveLength(5);
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
    const byStart = await queue('sara', {}, `&sort=${encodeURIComponent('["startDate","ASC"]')}&range=[0,1]`);
    expect(byStart.range).toBe('attest-queue 0-1/5');
    expect(byStart.items[0].id).toBe(urgentForSara);
    const byUrgent = await queue('sara', {}, `&sort=${encodeURIComponent('["urgent","DESC"]')}`);
    expect(byUrgent.items[0].id).toBe(urgentForSara);
    const res = await clients.sara
      .get(`/api/attest/queue?filter=${encodeURIComponent('{"attestantId":"x"}')}`)
      .expect(400);
    expect(res.body).toMatchObject({ detail: 'Det går inte att filtrera på attestantId.' });
    // The queue's own condition cannot be widened from the query string.
    await clients.sara.get(`/api/attest/queue?filter=${encodeURIComponent('{"scope":"all"}')}`).expect(400);
    await clients.sara.get(`/api/attest/queue?sort=${encodeURIComponent('["feedback","ASC"]')}`).expect(400);
  });

  it('counts per tab, with the other filters applied', async () => {
    expect((await clients.sara.get('/api/attest/counts').expect(200)).body).toEqual({
      all: 5,
      urgent: 1,
      due: 1,
      batches: 1,
    });
    const filtered = await clients.sara
      .get(
        `/api/attest/counts?filter=${encodeURIComponent(JSON.stringify({ inBatch: false, urgent: true }))}`,
      )
      .expect(200);
    // The tab's own flag is left out, so every tab keeps its count.
    expect(filtered.body).toEqual({ all: 2, urgent: 1, due: 1, batches: 0 });
    expect((await clients.nils.get('/api/attest/counts').expect(200)).body).toEqual({
      all: 0,
      urgent: 0,
      due: 0,
      batches: 0,
    });
  });

  it('groups mass-order batches', async () => {
    const res = await clients.sara.get('/api/attest/batches').expect(200);
    expect(res.headers['content-range']).toBe('attest-batches 0-0/1');
    expect(res.body).toEqual([
      expect.objectContaining({
        id: batch,
        orderCount: 3,
        urgent: false,
        ordererName: team.orderer.name,
        careUnitNames: [team.unit.name],
        assignmentNames: ['VoB SJF'],
        firstStartDate: addDays(today, 1),
      }),
    ]);
    expect([...(res.body as { orderIds: string[] }[])[0].orderIds].sort()).toEqual([...batchOrders].sort());
    expect((await clients.karin.get('/api/attest/batches').expect(200)).body).toEqual([]);
  });

  it("shows the attest page to the order's attestant: the seed's fields and the lines with ids", async () => {
    const res = await clients.sara.get(`/api/attest/orders/${forSara.id}`).expect(200);
    expect(res.body).toMatchObject({
      id: forSara.id,
      orderNumber: forSara.orderNumber,
      status: 'AWAITING_ATTEST',
      type: 'GRANT',
      startDate: addDays(today, 7),
      project: null,
      endUser: { name: 'Nils Boström', userId: nils.userId, hsaId: nils.hsaId },
      orderer: { name: team.orderer.name, userId: team.orderer.userId },
      attestant: { userId: team.attestant.userId },
      careUnit: { id: team.unit.id, name: team.unit.name },
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
    for (const role of ['erik', 'karin', 'admin', 'nils']) {
      const res = await clients[role].get(`/api/attest/orders/${forSara.id}`).expect(404);
      expect(res.body).toEqual({
        type: 'urn:beh:problem:not-found',
        title: 'Hittades inte',
        status: 404,
        detail: 'Beställningen hittades inte.',
      });
    }
    // …the same as for an order that does not exist at all, or a malformed id.
    await clients.sara.get(`/api/attest/orders/${randomUUID()}`).expect(404);
    await clients.sara.get('/api/attest/orders/BEH5648820').expect(404);
    // Karin may read the order in her history, but not act on it as an attestant.
    await clients.karin.get(`/api/orders/${forSara.id}`).expect(200);
  });

  it('no longer shows an order that does not await attest', async () => {
    await clients.erik.post(`/api/orders/${forKarin}/cancel`).expect(200);
    await clients.karin.get(`/api/attest/orders/${forKarin}`).expect(404);
    expect((await queue('karin')).items).toEqual([]);
  });
});
