import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { performance } from 'node:perf_hooks';
import { type Client, signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { personnummerOf, validPersonnummer } from './mass-orders-support.js';
import { person, VOB_SOL } from './orders-support.js';

interface LogRow {
  actorId: string | null;
  action: string;
  personId: string | null;
  lookedUpBy: string;
  lookedUp: string;
  answered: boolean;
  purpose: string;
}

interface Report {
  found: { id: string; userId: string; line: number; value: string }[];
  notFound: { line: number; value: string }[];
  invalid: { line: number; value: string }[];
  duplicates: { line: number; value: string; personId: string }[];
}

const MASKED = /^\d{4}xxxx-xxxx$/;
/** As the log masks a personnummer: the birth year alone. */
const masked = (pnr: string) => `${pnr.slice(0, 4)}xxxx-xxxx`;

/** The lookup log's rows after row `after`, oldest first. */
async function logAfter(t: TestApp, after: number): Promise<LogRow[]> {
  return t.dataSource.query<LogRow[]>(
    `SELECT actor_id AS "actorId", action, person_id AS "personId", looked_up_by AS "lookedUpBy",
            looked_up AS "lookedUp", answered, purpose
       FROM person_access_log WHERE id > $1 ORDER BY id`,
    [after],
  );
}
const lastLogId = async (t: TestApp): Promise<number> =>
  Number(
    (
      await t.dataSource.query<{ n: string }[]>(
        'SELECT coalesce(max(id), 0)::text AS n FROM person_access_log',
      )
    )[0].n,
  );

const importText = (client: Client, text: string) =>
  client.post('/api/mass-orders/import').send({ assignmentId: VOB_SOL, text });

/**
 * Issue 12 (rules 29 and 30): the mass order's import is a bulk person lookup, so each value it
 * looks up is logged as a lookup; it is rate-limited per person; and the members list and its
 * search keep a protected identity from all but administrators.
 */
describe('mass order import: lookup log and protected identities', () => {
  let t: TestApp;
  let eriho2: Client;

  beforeAll(async () => {
    t = await createTestApp();
    eriho2 = await signIn(t, 'eriho2');
  });
  afterAll(async () => {
    await t.close();
  });

  it('logs one lookup per value it looks up, found or not, masked, with the purpose mass-order', async () => {
    const linma5 = await personnummerOf(t, 'linma5');
    const nobody = validPersonnummer('450101998', '19');
    const before = await lastLogId(t);
    const text = [
      'nilbo4',
      `${linma5.slice(0, 8)}-${linma5.slice(8)}`,
      'okand99',
      nobody,
      '#?!',
      'NILBO4',
    ].join('\n');
    const report = (await importText(eriho2, text).expect(200)).body as Report;
    expect(report.found.map((f) => f.userId)).toEqual(['nilbo4', 'linma5']);
    expect(report.notFound.map((f) => f.value)).toEqual(['okand99', nobody]);
    expect(report.invalid.map((f) => f.value)).toEqual(['#?!']);
    expect(report.duplicates.map((f) => f.value)).toEqual(['NILBO4']);

    const rows = await logAfter(t, before);
    const common = { actorId: person('eriho2'), action: 'LOOKUP', purpose: 'mass-order' };
    // The invalid value is looked up by nothing; the duplicate is looked up again.
    expect(rows).toEqual([
      { ...common, personId: person('nilbo4'), lookedUpBy: 'userId', lookedUp: 'nilbo4', answered: true },
      {
        ...common,
        personId: person('linma5'),
        lookedUpBy: 'personnummer',
        lookedUp: masked(linma5),
        answered: true,
      },
      { ...common, personId: null, lookedUpBy: 'userId', lookedUp: 'okand99', answered: false },
      { ...common, personId: null, lookedUpBy: 'personnummer', lookedUp: masked(nobody), answered: false },
      { ...common, personId: person('nilbo4'), lookedUpBy: 'userId', lookedUp: 'nilbo4', answered: true },
    ]);
    expect(rows.every((r) => r.lookedUpBy !== 'personnummer' || MASKED.test(r.lookedUp))).toBe(true);

    // The administrators' lookup log lists them, filtered by purpose.
    const admin = await signIn(t, 'admin1');
    const listed = await admin
      .get('/api/person-access-log')
      .query({ filter: JSON.stringify({ purpose: 'mass-order', userId: person('eriho2') }), range: '[0,49]' })
      .expect(200);
    expect((listed.body as LogRow[]).map((r) => r.lookedUp).sort()).toEqual(
      ['nilbo4', masked(linma5), 'okand99', masked(nobody), 'nilbo4'].sort(),
    );

    // An import refused before it looks anything up (no right to the assignment), or one with no
    // valid value, logs nothing.
    const after = await lastLogId(t);
    await importText(await signIn(t, 'sarbe3'), 'nilbo4').expect(403);
    await importText(eriho2, '#?!').expect(200);
    expect(await logAfter(t, after)).toEqual([]);
  });

  it('finds a protected identity by exact number (logged), but lists and searches it as a member to administrators only', async () => {
    await t.dataSource.query(`UPDATE person SET protected_identity = true WHERE user_id = 'linma5'`);
    try {
      const linma5 = await personnummerOf(t, 'linma5');
      const before = await lastLogId(t);
      const report = (await importText(eriho2, linma5).expect(200)).body as Report;
      expect(report.found.map((f) => f.id)).toEqual([person('linma5')]);
      expect(await logAfter(t, before)).toMatchObject([
        {
          personId: person('linma5'),
          lookedUpBy: 'personnummer',
          lookedUp: masked(linma5),
          purpose: 'mass-order',
        },
      ]);

      const members = async (client: Client, filter?: Record<string, string>) => {
        const query: Record<string, string> = { range: '[0,999]' };
        if (filter) query.filter = JSON.stringify(filter);
        const res = await client
          .get(`/api/mass-orders/assignments/${VOB_SOL}/members`)
          .query(query)
          .expect(200);
        return { ids: (res.body as { id: string }[]).map((m) => m.id), range: res.headers['content-range'] };
      };
      const all = await members(eriho2);
      expect(all.ids).not.toContain(person('linma5'));
      expect(all.ids).toContain(person('majoh6'));
      expect(all.range).toBe(`members 0-${all.ids.length - 1}/${all.ids.length}`);
      expect((await members(eriho2, { q: 'linda' })).ids).not.toContain(person('linma5'));
      expect((await members(eriho2, { q: 'linma5' })).ids).toEqual([]);

      // An administrator with the rights to order it sees every member.
      await t.dataSource.query(`UPDATE person SET is_administrator = true WHERE user_id = 'eriho2'`);
      try {
        const asAdmin = await signIn(t, 'eriho2');
        const adminAll = await members(asAdmin);
        expect(adminAll.ids).toContain(person('linma5'));
        expect(adminAll.ids).toHaveLength(all.ids.length + 1);
        expect((await members(asAdmin, { q: 'linda' })).ids).toContain(person('linma5'));
      } finally {
        await t.dataSource.query(`UPDATE person SET is_administrator = false WHERE user_id = 'eriho2'`);
      }
    } finally {
      await t.dataSource.query(`UPDATE person SET protected_identity = false WHERE user_id = 'linma5'`);
    }
  });

  it('imports 5,000 values in one request, each logged, in time', async () => {
    // The persons of the seed (a few hundred), then values found by no one.
    const ids = (
      await t.dataSource.query<{ userId: string }[]>(
        `SELECT lower(user_id) AS "userId" FROM person ORDER BY 1 LIMIT 900`,
      )
    ).map((r) => r.userId);
    const values = (n: number) => [...ids, ...Array.from({ length: n - ids.length }, (_, i) => `saknas${i}`)];
    await importText(eriho2, ids.slice(0, 10).join('\n')).expect(200); // warm
    const timed = async (text: string) => {
      const t0 = performance.now();
      const res = await importText(eriho2, text).expect(200);
      return { ms: performance.now() - t0, report: res.body as Report };
    };
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) runs.push((await timed(values(1000).join('\n'))).ms);
    runs.sort((a, b) => a - b);
    const before = await lastLogId(t);
    const big = await timed(values(5000).join('\n'));
    expect(big.report.found).toHaveLength(ids.length);
    expect(big.report.notFound).toHaveLength(5000 - ids.length);
    const rows = await logAfter(t, before);
    expect(rows).toHaveLength(5000);
    expect(rows.filter((r) => r.answered)).toHaveLength(ids.length);
    // Far under a second on a developer machine (~50 ms for 1,000, ~100 ms for 5,000): only a
    // regression by an order of magnitude fails here.
    expect(runs[2]).toBeLessThan(3000);
    expect(big.ms).toBeLessThan(5000);
  });
});

describe('mass order import: rate limit', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_MASS_ORDER_IMPORT: '2/1h' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses the import over its limit per person with a Swedish 429 and Retry-After, and not another person', async () => {
    const eriho2 = await signIn(t, 'eriho2');
    await importText(eriho2, 'nilbo4').expect(200);
    await importText(eriho2, 'nilbo4').expect(200);
    const before = await lastLogId(t);
    const res = await importText(eriho2, 'nilbo4').expect(429);
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(60);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toEqual({
      type: 'urn:beh:problem:rate-limited',
      title: 'För många anrop',
      status: 429,
      detail: expect.stringMatching(/^Du har importerat .+ Försök igen om \d+ minuter\.$/),
      limit: 'mass-order-import',
      retryAfter,
    });
    expect(await logAfter(t, before)).toEqual([]);
    // Counted per person; the members list is not counted.
    await eriho2.get(`/api/mass-orders/assignments/${VOB_SOL}/members`).expect(200);
    const majoh6 = await signIn(t, 'majoh6');
    const other = await importText(majoh6, 'nilbo4');
    expect(other.status).not.toBe(429);
  });
});
