import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { attest, newOrder, newPerson, newTeam, type PersonMade, type Team } from '../factories/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { addDays, mails, setClock, tick } from './scheduler-support.js';

const D = '2027-03-01';
const PLACED = `${D}T08:00:00.000Z`;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const at = (ms: number) => new Date(Date.parse(PLACED) + ms).toISOString();

/**
 * The notice jobs read only what can be due: each run starts where its last complete run left
 * its watermark (scheduler_watermark), not at the beginning of history; and a watermark never
 * passes over something still due: a grant that ended while the scheduler was down, one carried
 * out after its end date, an order skipped because it was locked.
 */
describe('scheduler: watermarks of the notice jobs', () => {
  let t: TestApp;
  let team: Team;
  const nurses: PersonMade[] = [];

  beforeAll(async () => {
    t = await createTestApp({}, { seeded: false });
    setClock(t, PLACED);
    team = await newTeam(t);
    for (let n = 0; n < 6; n++) nurses.push(await newPerson(t, { unit: team.unit }));
  });
  afterAll(async () => {
    await t.close();
  });

  const grant = (nurse: PersonMade, endDate: string, decide = true) =>
    newOrder(t, {
      orderer: team.orderer,
      attestant: team.attestant,
      endUser: nurse,
      assignments: [team.unit.assignments.kval],
      endDate,
      decision: decide ? 'APPROVE' : undefined,
    });
  const watermark = async (job: string) =>
    (
      await t.dataSource.query<{ day: string | null; at: Date }[]>(
        `SELECT checked_day AS day, checked_at AS at FROM scheduler_watermark WHERE job = $1`,
        [job],
      )
    )[0];
  const endedMails = async () => (await mails(t, 'TIME_LIMITED_GRANT_ENDED')).map((m) => m.to);

  it('tells every grant that ended while the scheduler was down (three days without a tick)', async () => {
    const ending = [addDays(D, 1), addDays(D, 2), addDays(D, 3)];
    const orders = [];
    for (const [n, end] of ending.entries()) orders.push(await grant(nurses[n], end));
    expect(await tick(t)).toMatchObject({ grantEndings: 0 });
    expect(await watermark('GRANT_ENDED')).toMatchObject({ day: D });

    // Down from D+1 to D+5: the grants end on D+2, D+3 and D+4 (the first days without them).
    setClock(t, addDays(D, 6));
    expect(await tick(t)).toMatchObject({ grantEndings: 3 });
    expect(await watermark('GRANT_ENDED')).toMatchObject({ day: addDays(D, 6) });
    expect(await tick(t)).toMatchObject({ grantEndings: 0 });
    for (const o of orders) expect(await mails(t, 'TIME_LIMITED_GRANT_ENDED', o.id)).toHaveLength(1);
    expect(await endedMails()).toEqual([team.orderer.email, team.orderer.email, team.orderer.email]);
  });

  it('tells a grant approved after its end date, though its end lies behind the watermark', async () => {
    const start = addDays(D, 6);
    setClock(t, start);
    const late = await grant(nurses[3], addDays(start, 1), false);
    expect(await tick(t)).toMatchObject({ grantEndings: 0 });
    setClock(t, addDays(start, 4));
    expect(await tick(t)).toMatchObject({ grantEndings: 0 });
    expect(await watermark('GRANT_ENDED')).toMatchObject({ day: addDays(start, 4) });

    // Approved on start+5: carried out at once, its holding already over (start … start+1).
    setClock(t, addDays(start, 5));
    await attest(t, team.attestant, [late.id], 'APPROVE');
    expect(await tick(t)).toMatchObject({ grantEndings: 1 });
    expect(await mails(t, 'TIME_LIMITED_GRANT_ENDED', late.id)).toHaveLength(1);
    expect(await tick(t)).toMatchObject({ grantEndings: 0 });
  });

  it('an idle tick reads nothing old: what lies behind the watermark is not looked at again', async () => {
    const day = addDays(D, 12);
    setClock(t, day);
    expect(await tick(t)).toMatchObject({ grantEndings: 0 });
    // Forget that the four grants were told. A job that read all history would tell them again;
    // behind the watermark they are not even read.
    await t.dataSource.query(`DELETE FROM scheduler_notice WHERE kind = 'GRANT_ENDED'`);
    setClock(t, addDays(day, 1));
    expect(await tick(t)).toMatchObject({ grantEndings: 0 });
    // Without a watermark (the first run ever) the job reads everything, and would tell them.
    await t.dataSource.query(`DELETE FROM scheduler_watermark WHERE job = 'GRANT_ENDED'`);
    expect(await tick(t)).toMatchObject({ grantEndings: 4 });
    expect(await watermark('GRANT_ENDED')).toMatchObject({ day: addDays(day, 1) });
  });

  it('does not move past an order it had to skip because it was locked, and reminds it later', async () => {
    const placedAt = at(20 * DAY_MS);
    setClock(t, placedAt);
    const waiting = await newOrder(t, {
      orderer: team.orderer,
      attestant: team.attestant,
      endUser: nurses[4],
      assignments: [team.unit.assignments.vob],
    });
    const other = await newOrder(t, {
      orderer: team.orderer,
      attestant: team.attestant,
      endUser: nurses[5],
      assignments: [team.unit.assignments.vob],
    });
    // Three days and two hours later, the order is being decided (locked) while the tick runs.
    setClock(t, new Date(Date.parse(placedAt) + 3 * DAY_MS + 2 * HOUR_MS).toISOString());
    const decider = t.dataSource.createQueryRunner();
    await decider.connect();
    await decider.startTransaction();
    try {
      await decider.query(`SELECT id FROM vmu_order WHERE id = $1 FOR UPDATE`, [waiting.id]);
      expect(await tick(t)).toMatchObject({ reminders: 1 });
    } finally {
      await decider.rollbackTransaction();
      await decider.release();
    }
    expect(await mails(t, 'ATTEST_REMINDER', other.id)).toHaveLength(1);
    expect(await mails(t, 'ATTEST_REMINDER', waiting.id)).toEqual([]);
    // The watermark stayed before it, so an hour later the order, still waiting, is reminded.
    expect((await watermark('ATTEST_REMINDER')).at.getTime()).toBeLessThanOrEqual(Date.parse(placedAt));
    setClock(t, new Date(Date.parse(placedAt) + 3 * DAY_MS + 3 * HOUR_MS).toISOString());
    expect(await tick(t)).toMatchObject({ reminders: 1 });
    expect(await mails(t, 'ATTEST_REMINDER', waiting.id)).toHaveLength(1);
    expect((await watermark('ATTEST_REMINDER')).at.getTime()).toBe(Date.parse(placedAt) + 3 * HOUR_MS);
    expect(await tick(t)).toMatchObject({ reminders: 0 });
  });
});
