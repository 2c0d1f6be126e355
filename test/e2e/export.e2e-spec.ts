import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Request, Response } from 'express';
import { Writable } from 'node:stream';
import { Clock } from '../../server/src/common/clock.js';
import {
  BOM,
  csvCell,
  EXPORT_BATCH,
  MAX_CONCURRENT_EXPORTS,
  streamCsv,
} from '../../server/src/common/csv-export.js';
import { PERSON_EXPORT } from '../../server/src/directory/directory.exports.js';
import {
  newAdministrator,
  newOrder,
  newPerson,
  newTeam,
  type OrderMade,
  type PersonMade,
  signedIn,
  type Team,
} from '../factories/index.js';
import type { Client } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { parseCsv } from '../support/csv.js';

const PERSON_HEADER = [
  'Förnamn',
  'Efternamn',
  'VGR-ID',
  'HSA-id',
  'Personnummer',
  'Passnummer',
  'Titel',
  'E-post',
  'Organisation',
  'Aktiv',
];

const url = (resource: string, filter?: object, sort?: [string, 'ASC' | 'DESC']) => {
  const query = new URLSearchParams();
  if (filter) query.set('filter', JSON.stringify(filter));
  if (sort) query.set('sort', JSON.stringify(sort));
  return `/api/${resource}/export?${query.toString()}`;
};

const listUrl = (resource: string, range: [number, number], filter: object, sort: [string, string]) =>
  `/api/${resource}?${new URLSearchParams({
    filter: JSON.stringify(filter),
    range: JSON.stringify(range),
    sort: JSON.stringify(sort),
  }).toString()}`;

/** The body as text, whatever the content type. */
const text = async (client: Client, path: string) => {
  const res = await client
    .get(path)
    .buffer(true)
    .parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (chunk: Buffer) => chunks.push(chunk));
      r.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
    });
  return { res, body: res.body as string };
};

describe('CSV export (streamed from the server)', () => {
  let t: TestApp;
  let today: string;
  let admin: Client;
  let teams: Team[];
  let orderer: Client;
  let tricky: PersonMade;
  const orders: OrderMade[] = [];

  beforeAll(async () => {
    t = await createTestApp({}, { seeded: false });
    today = t.app.get(Clock).today();
    teams = [await newTeam(t), await newTeam(t)];
    admin = await signedIn(t, await newAdministrator(t));
    orderer = await signedIn(t, teams[0].orderer);
    tricky = await newPerson(t, {
      unit: teams[0].unit,
      firstName: '=HYPERLINK("http://x")',
      lastName: 'Semi;kolon "citat"',
      title: 'Rad ett\nRad två',
      email: '-1+1@test.example',
    });
    // More persons than a page may hold (1,000), so a file cut at one page would show it.
    for (let i = 0; i < 1050; i += 25) {
      await Promise.all(
        Array.from({ length: 25 }, (_, j) =>
          newPerson(t, {
            unit: (i + j) % 3 === 0 ? teams[1].unit : undefined,
            lastName: `Export${String(i + j).padStart(4, '0')}`,
          }),
        ),
      );
    }
    for (const [n, team] of [teams[0], teams[0], teams[1]].entries()) {
      const endUser = await newPerson(t, { unit: team.unit, lastName: `Slutanvändare${n}` });
      orders.push(
        await newOrder(t, {
          orderer: team.orderer,
          attestant: team.attestant,
          endUser,
          assignments: [team.unit.assignments.vob],
        }),
      );
    }
    await t.dataSource.query(`UPDATE vmu_order SET feedback = 'Inlogg: se KIV' WHERE id = $1`, [
      orders[0].id,
    ]);
  }, 300_000);
  afterAll(async () => {
    await t.close();
  });

  describe('persons', () => {
    it('exports every row, past the 1,000-row page, as the list has them: BOM, header, semicolons, CRLF', async () => {
      const { res, body } = await text(admin, url('persons', {}, ['lastName', 'ASC']));
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="personer-${today}.csv"; filename*=UTF-8''personer-${today}.csv`,
      );
      expect(body.startsWith(BOM)).toBe(true);
      const [header, ...rows] = parseCsv(body.slice(1));
      expect(header).toEqual(PERSON_HEADER);
      const [{ n }] = await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM person');
      expect(n).toBeGreaterThan(1050);
      expect(rows).toHaveLength(n);
      expect(rows.every((row) => row.length === PERSON_HEADER.length)).toBe(true);
      // The same rows in the same order as the list's pages.
      const listed: string[] = [];
      for (let from = 0; from < n; from += 1000) {
        const page = await admin
          .get(listUrl('persons', [from, from + 999], {}, ['lastName', 'ASC']))
          .expect(200);
        listed.push(...(page.body as { userId: string }[]).map((p) => p.userId));
      }
      expect(rows.map((row) => row[2])).toEqual(listed);
    });

    it('escapes quotes, semicolons and line breaks, neutralises formulas and masks the personnummer', async () => {
      const { body } = await text(admin, url('persons', { id: [tricky.id] }));
      const [, row] = parseCsv(body.slice(1));
      expect(row).toEqual([
        `'=HYPERLINK("http://x")`,
        'Semi;kolon "citat"',
        tricky.userId,
        tricky.hsaId,
        `${tricky.personnummer!.slice(0, 4)}xxxx-xxxx`,
        '',
        'Rad ett\nRad två',
        `'-1+1@test.example`,
        teams[0].unit.name,
        'Ja',
      ]);
      expect(body).toContain(`"'=HYPERLINK(""http://x"")";"Semi;kolon ""citat""";`);
      expect(body).toContain(`"Rad ett\nRad två"`);
    });

    it('honours the filter and the sort', async () => {
      const filter = { careUnitId: teams[1].unit.id };
      const { body } = await text(admin, url('persons', filter, ['lastName', 'DESC']));
      const rows = parseCsv(body.slice(1)).slice(1);
      const listed = (await admin.get(listUrl('persons', [0, 999], filter, ['lastName', 'DESC'])).expect(200))
        .body as { lastName: string }[];
      expect(rows.length).toBeGreaterThan(300);
      expect(rows.map((row) => row[1])).toEqual(listed.map((p) => p.lastName));
    });

    it('is compressed with gzip even where the browser offers brotli (whose window an export would hold)', async () => {
      const res = await admin.get(url('persons')).set('Accept-Encoding', 'br, gzip, deflate').expect(200);
      expect(res.headers['content-encoding']).toBe('gzip');
      expect(res.text.startsWith(BOM)).toBe(true);
    });

    it('answers a bad filter or sort with a 400 problem before any CSV', async () => {
      for (const path of [
        '/api/persons/export?filter=nope',
        url('persons', { nope: 1 }),
        url('persons', {}, ['nope', 'ASC']),
        url('persons', { careUnitId: 'not-an-id' }),
      ]) {
        const res = await admin.get(path).expect(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body).toMatchObject({ status: 400, type: 'urn:beh:problem:bad-list-query' });
        expect(res.headers['content-disposition']).toBeUndefined();
      }
    });

    it('is for whoever may read the list: rights holders, not every signed-in person', async () => {
      const nobody = await signedIn(t, await newPerson(t));
      await nobody.get(url('persons')).expect(403);
      await orderer.get(url('persons', { careUnitId: teams[0].unit.id })).expect(200);
    });
  });

  describe('orders', () => {
    const numbers = (body: string) =>
      parseCsv(body.slice(1))
        .slice(1)
        .map((row) => row[1]);

    it("lists only the orderer's visible orders, as the list does; the feedback only to the orderer", async () => {
      const all = await text(orderer, url('orders', { scope: 'all' }));
      expect(all.res.headers['content-disposition']).toContain(
        `filename*=UTF-8''best%C3%A4llningar-${today}.csv`,
      );
      const [header, ...rows] = parseCsv(all.body.slice(1));
      expect(header).toEqual([
        'Beställd',
        'Ordernummer',
        'Beställare',
        'Slutanvändare',
        'Status',
        'Typ',
        'Område',
        'Förvaltning',
        'Attestant',
        'Återkopplingsinfo',
      ]);
      const listed = (
        await orderer.get(listUrl('orders', [0, 99], { scope: 'all' }, ['createdAt', 'DESC'])).expect(200)
      ).body as { orderNumber: string }[];
      expect(rows.map((row) => row[1])).toEqual(listed.map((o) => o.orderNumber));
      expect(rows.map((row) => row[1]).sort()).toEqual([orders[0].orderNumber, orders[1].orderNumber].sort());
      const first = rows.find((row) => row[1] === orders[0].orderNumber)!;
      expect(first[2]).toBe(`${teams[0].orderer.name} (${teams[0].orderer.userId})`);
      expect(first[4]).toBe('Väntar på attest');
      expect(first[5]).toBe('Nyupplägg');
      expect(first[6]).toBe(teams[0].unit.name);
      expect(first[0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(first[9]).toBe('Inlogg: se KIV');
      // The other team's orderer sees none of these; an administrator sees all, without feedback.
      const other = await signedIn(t, teams[1].orderer);
      expect(numbers((await text(other, url('orders', { scope: 'all' }))).body)).toEqual([
        orders[2].orderNumber,
      ]);
      const everything = parseCsv((await text(admin, url('orders', { scope: 'all' }))).body.slice(1)).slice(
        1,
      );
      expect(everything.map((row) => row[1]).sort()).toEqual(orders.map((o) => o.orderNumber).sort());
      expect(everything.find((row) => row[1] === orders[0].orderNumber)![9]).toBe('');
    });

    it('honours the scope and the other filters', async () => {
      expect(
        numbers((await text(orderer, url('orders', { scope: 'mine' }, ['orderNumber', 'ASC']))).body),
      ).toEqual([orders[0].orderNumber, orders[1].orderNumber]);
      expect(
        numbers((await text(orderer, url('orders', { scope: 'mine', q: orders[1].orderNumber }))).body),
      ).toEqual([orders[1].orderNumber]);
      await orderer.get(url('orders', { scope: 'everything' })).expect(400);
    });
  });

  describe('administrators only: audit log and outbox', () => {
    it('refuses anyone else, as their lists do', async () => {
      for (const resource of ['audit-events', 'outbox']) {
        const res = await orderer.get(url(resource)).expect(403);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
    });

    it('exports the filtered audit log whole', async () => {
      const filter = { entityType: 'person' };
      const { res, body } = await text(admin, url('audit-events', filter, ['at', 'DESC']));
      expect(res.status).toBe(200);
      const [header, ...rows] = parseCsv(body.slice(1));
      expect(header).toEqual(['Nr', 'Tid', 'Vem', 'Händelse', 'Typ', 'Id', 'Hash']);
      const [{ n }] = await t.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM audit_event WHERE entity_type = 'person'`,
      );
      expect(n).toBeGreaterThan(1000);
      expect(rows).toHaveLength(n);
      expect(rows.every((row) => row[4] === 'person')).toBe(true);
      const ids = rows.map((row) => Number(row[0]));
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
    });

    it('exports the outbox', async () => {
      const { body } = await text(admin, url('outbox', {}, ['createdAt', 'DESC']));
      const [header, ...rows] = parseCsv(body.slice(1));
      expect(header).toEqual(['Skapad', 'Till', 'Ämne', 'Status', 'Försök', 'Skickad', 'Senaste fel']);
      const [{ n }] = await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM mail_outbox');
      expect(n).toBeGreaterThan(0);
      expect(rows).toHaveLength(n);
      await admin.get(url('outbox', { status: 'LOST' })).expect(400);
    });
  });

  it('the catalogue grids export their columns too', async () => {
    const units = parseCsv((await text(admin, url('care-units', { q: teams[0].unit.name }))).body.slice(1));
    expect(units[0]).toEqual([
      'Namn',
      'HSA-id',
      'Förvaltning',
      'Vårdgivare',
      'Typ av vårdgivare',
      'Verksamhetschef',
      'Aktiva medarbetare',
    ]);
    expect(units[1].slice(0, 2)).toEqual([teams[0].unit.name, teams[0].unit.hsaId]);
    expect(units[1][4]).toBe('Regional');
    const assignments = parseCsv(
      (await text(admin, url('assignments', { careUnitId: teams[0].unit.id }, ['name', 'ASC']))).body.slice(
        1,
      ),
    );
    expect(assignments).toHaveLength(5);
    expect(assignments[0][4]).toBe('Syfte');
    expect(assignments.find((row) => row[1] === 'VoB SJF')?.slice(3, 6)).toEqual([
      'Generellt uppdrag',
      'Vård och behandling',
      'Nej',
    ]);
  });

  describe('the stream', () => {
    /** A response that takes `take` bytes and then stops reading, like a client that went quiet. */
    class StalledResponse extends Writable {
      received = 0;
      headersSent = false;
      statusCode = 0;
      constructor(private readonly take: number) {
        super({ highWaterMark: 16 * 1024 });
      }
      status(code: number) {
        this.statusCode = code;
        return this;
      }
      setHeader() {
        return this;
      }
      override _write(chunk: Buffer, _enc: string, done: (error?: Error | null) => void) {
        this.headersSent = true;
        this.received += chunk.length;
        if (this.received < this.take) done();
        // else: never calls back, so writes stop being taken and the buffer fills.
      }
    }

    const exportSessions = () =>
      t.dataSource.query<{ state: string; query: string }[]>(
        `SELECT state, query FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND query ~ '^(DECLARE|FETCH|ROLLBACK|BEGIN)'`,
      );

    it('pauses on a client that stops reading, holding one batch; a client that goes away ends it and frees the connection', async () => {
      const res = new StalledResponse(10_000);
      const req = { headers: {}, originalUrl: '/api/persons/export' } as unknown as Request;
      const done = streamCsv(t.dataSource, req, res as unknown as Response, {}, PERSON_EXPORT, { today });
      // It waits, transaction open, cursor part read: not the whole file.
      let sessions: { state: string; query: string }[] = [];
      for (let i = 0; i < 50 && !sessions.some((s) => s.state === 'idle in transaction'); i++) {
        await new Promise((r) => setTimeout(r, 50));
        sessions = (await exportSessions()).filter((s) => s.state !== 'idle');
      }
      expect(sessions).toEqual([
        { state: 'idle in transaction', query: `FETCH FORWARD ${EXPORT_BATCH} FROM beh_export` },
      ]);
      const { n } = (await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM person'))[0];
      expect(n).toBeGreaterThan(EXPORT_BATCH);
      expect(res.writableLength).toBeLessThan(400 * 1024);
      res.destroy();
      await done;
      const after = await exportSessions();
      expect(after.every((s) => s.state === 'idle')).toBe(true);
      // The pool still serves: the connection came back whole.
      await admin.get(url('persons', { id: [tricky.id] })).expect(200);
    });

    it('runs at most MAX_CONCURRENT_EXPORTS at once: one more is told to come back (503), and the pool is not drained', async () => {
      const stalled = Array.from({ length: MAX_CONCURRENT_EXPORTS }, () => new StalledResponse(10_000));
      const req = { headers: {}, originalUrl: '/api/persons/export' } as unknown as Request;
      const running = stalled.map((res) =>
        streamCsv(t.dataSource, req, res as unknown as Response, {}, PERSON_EXPORT, { today }),
      );
      for (let i = 0; i < 50 && stalled.some((res) => res.received === 0); i++) {
        await new Promise((r) => setTimeout(r, 50));
      }
      const refused = await admin.get(url('persons')).expect(503);
      expect(refused.headers['retry-after']).toBe('10');
      expect(refused.body).toMatchObject({ status: 503, type: 'urn:beh:problem:export-busy' });
      // The lists still answer meanwhile.
      await admin.get('/api/persons').expect(200);
      for (const res of stalled) res.destroy();
      await Promise.all(running);
      await admin.get(url('persons', { id: [tricky.id] })).expect(200);
    });

    it('writes cells as the spreadsheet should read them', () => {
      expect(csvCell(null)).toBe('');
      expect(csvCell(true)).toBe('Ja');
      expect(csvCell(-3)).toBe('-3');
      expect(csvCell('@SUM(1)')).toBe(`'@SUM(1)`);
      expect(csvCell('+46 70')).toBe(`'+46 70`);
      expect(csvCell('a;b')).toBe('"a;b"');
      expect(csvCell('Anna-Karin')).toBe('Anna-Karin');
      expect(csvCell(new Date('2026-06-02T12:11:50Z'))).toBe('2026-06-02 14:11:50');
    });
  });
});
