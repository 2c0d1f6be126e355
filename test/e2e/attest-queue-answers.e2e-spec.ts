import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { AttestQueueAnswers } from '../../server/src/attest/attest-queue-answers.js';
import { Clock } from '../../server/src/common/clock.js';
import {
  attestQueueStamp,
  EVERYONE,
  foldAttestQueueStamps,
} from '../../server/src/orders/attest-queue-stamp.js';
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
import { requestSignature, sign } from './attest-support.js';
import { addDays, place, sendIn } from './orders-support.js';

interface QueueItem {
  id: string;
  endUserName: string;
  urgent: boolean;
  due: boolean;
  startDate: string;
}
interface Counts {
  all: number;
  urgent: number;
  due: number;
  batches: number;
}

/**
 * Issue 11, the attest queue at 20 requests in flight: its answers are kept between requests
 * (AttestQueueAnswers) while the attestant's stamp and the date are unchanged. Whatever changes
 * what the queue shows — through the API, or a statement written by any other process — is seen
 * at the very next request, and the scheduler's folding of the stamps changes no answer.
 */
describe('attest queue: answers kept between requests, never stale', () => {
  let t: TestApp;
  let team: Team;
  let nils: PersonMade;
  let sara: Client;
  let erik: Client;
  let admin: Client;
  let today: string;
  let first: string;

  const queue = async (filter: Record<string, unknown> = {}) => {
    const res = await sara
      .get(`/api/attest/queue?filter=${encodeURIComponent(JSON.stringify(filter))}`)
      .expect(200);
    return { items: res.body as QueueItem[], range: res.headers['content-range'] };
  };
  const counts = async () => (await sara.get('/api/attest/counts?filter=%7B%7D').expect(200)).body as Counts;
  const batches = async () =>
    (await sara.get('/api/attest/batches?filter=%7B%7D').expect(200)).body as unknown[];

  beforeAll(async () => {
    t = await createTestApp();
    today = t.app.get(Clock).today();
    team = await newTeam(t);
    nils = await newPerson(t, { unit: team.unit, firstName: 'Nils', lastName: 'Boström' });
    sara = await signedIn(t, team.attestant);
    erik = await signedIn(t, team.orderer);
    admin = await signedIn(t, await newAdministrator(t));
    const a = team.unit.assignments;
    [{ id: first }] = await place(erik, sendIn(team, nils, [a.vob], addDays(today, 7)));
  });
  afterEach(() => t.app.get(Clock).set(undefined));
  afterAll(async () => {
    await t.close();
  });

  it('gives the same answer again from what it keeps, as JSON with its Content-Range', async () => {
    const answers = t.app.get(AttestQueueAnswers);
    const once = await queue();
    expect(once.items.map((i) => i.id)).toEqual([first]);
    expect(once.range).toBe('attest-queue 0-0/1');
    const kept = answers.size;
    expect(kept.attestants).toBeGreaterThanOrEqual(1);
    expect(kept.bytes).toBeGreaterThan(0);
    const res = await sara.get('/api/attest/queue?filter=%7B%7D').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual(once.items);
    expect(res.headers['content-range']).toBe('attest-queue 0-0/1');
    // Given again, not made again.
    expect(answers.size).toEqual(kept);
    expect(await counts()).toEqual({ all: 1, urgent: 0, due: 0, batches: 0 });
    expect(await batches()).toEqual([]);
  });

  it('shows an order placed, and one decided is gone, at the next request', async () => {
    expect((await queue()).items).toHaveLength(1);
    const [{ id: second }] = await place(
      erik,
      sendIn(team, nils, [team.unit.assignments.kval], today, { urgent: true, comment: 'Brådskande' }),
    );
    const after = await queue();
    expect(after.items.map((i) => i.id).sort()).toEqual([first, second].sort());
    expect(after.range).toBe('attest-queue 0-1/2');
    expect(await counts()).toEqual({ all: 2, urgent: 1, due: 1, batches: 0 });

    const { requestId } = await requestSignature(sara, {
      orderIds: [second],
      decision: 'REJECT',
      comment: 'Nej',
    });
    expect((await sign(sara, requestId)).status).toBe(200);
    expect((await queue()).items.map((i) => i.id)).toEqual([first]);
    expect(await counts()).toEqual({ all: 1, urgent: 0, due: 0, batches: 0 });
  });

  it('sees a statement of any other writer: an order changed, or a name the queue shows', async () => {
    expect((await queue()).items[0]).toMatchObject({ id: first, urgent: false });
    // As another server process (or an operator) would: straight in the database.
    await t.dataSource.query(`UPDATE vmu_order SET urgent = true WHERE id = $1`, [first]);
    expect((await queue()).items[0]).toMatchObject({ id: first, urgent: true });
    expect((await counts()).urgent).toBe(1);

    expect((await queue({ q: 'Boström' })).items).toHaveLength(1);
    await admin.put(`/api/persons/${nils.id}`).send({ lastName: 'Lindqvist' }).expect(200);
    expect((await queue()).items[0].endUserName).toBe('Nils Lindqvist');
    expect((await queue({ q: 'Boström' })).items).toHaveLength(0);
    expect((await queue({ q: 'Lindqvist' })).items).toHaveLength(1);
  });

  it('moves only the stamps of the attestants concerned, and folding them changes no stamp', async () => {
    const stampOf = (id: string) => attestQueueStamp(t.dataSource, id);
    const saraBefore = await stampOf(team.attestant.id);
    const karinBefore = await stampOf(team.head.id);
    await place(erik, sendIn(team, nils, [team.unit.assignments.stat], addDays(today, 3)));
    expect(await stampOf(team.attestant.id)).not.toBe(saraBefore);
    expect(await stampOf(team.head.id)).toBe(karinBefore);

    const rows = async () =>
      (await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM attest_queue_stamp`))[0].n;
    const saraNow = await stampOf(team.attestant.id);
    const everyone = await stampOf(EVERYONE);
    const kept = (await queue()).items;
    expect(await rows()).toBeGreaterThan(2);
    expect(await foldAttestQueueStamps(t.dataSource)).toBeGreaterThan(0);
    const [{ many }] = await t.dataSource.query<{ many: number }[]>(
      `SELECT count(*)::int AS many FROM (SELECT attestant_id FROM attest_queue_stamp
        GROUP BY attestant_id HAVING count(*) > 1) x`,
    );
    expect(many).toBe(0);
    expect(await stampOf(team.attestant.id)).toBe(saraNow);
    expect(await stampOf(EVERYONE)).toBe(everyone);
    expect((await queue()).items).toEqual(kept);
    // Nothing left to fold.
    expect(await foldAttestQueueStamps(t.dataSource)).toBe(0);
  });

  it('keeps no refusal: a bad query is refused each time', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await sara.get('/api/attest/queue?filter=%7B%22nope%22%3A1%7D').expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });
  it("answers anew on a new day: the due flags and the 'due' tab follow the date", async () => {
    const before = (await queue()).items.find((i) => i.id === first);
    expect(before?.due).toBe(false);
    expect((await counts()).due).toBe(0);
    // A week on (signed in again: the old session has been idle that long).
    t.app.get(Clock).set(new Date(`${addDays(today, 8)}T10:00:00Z`));
    sara = await signedIn(t, team.attestant);
    expect((await queue()).items.find((i) => i.id === first)?.due).toBe(true);
    expect((await counts()).due).toBeGreaterThanOrEqual(1);
  });
});
