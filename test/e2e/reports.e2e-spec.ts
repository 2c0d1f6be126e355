import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Clock } from '../../server/src/common/clock.js';
import { seedId } from '../../server/src/seed/seed-ids.js';
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
import { parseCsv } from '../support/csv.js';
import { type Client, signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { addDays, setClock, tick } from './scheduler-support.js';

/**
 * The reports of issue 17 (docs/api-contract-orders.md, Reports): "Innehav på datum" — who held
 * assignments of a unit on a date, through which order, attested by whom — and a person's whole
 * history, each as a page and as CSV; who may read them.
 */

interface Holding {
  personId: string;
  personName: string;
  userId: string;
  hsaId: string;
  assignmentName: string;
  validFrom: string;
  validTo: string | null;
  grantedBy: {
    orderNumber: string;
    attestantName: string;
    attestantUserId: string;
    decidedAt: string;
  } | null;
}

interface HistoryItem {
  kind: string;
  day: string;
  orderNumber: string | null;
  orderType: string | null;
  orderStatus: string | null;
  lineStatus: string | null;
  attestantName: string | null;
  decidedAt: string | null;
  completedAt: string | null;
  grantorName: string | null;
  validFrom: string | null;
  grantedBy: Holding['grantedBy'];
}

const holdingsUrl = (filter: object, range: [number, number] = [0, 24]) =>
  `/api/reports/holdings-on-date?${new URLSearchParams({
    filter: JSON.stringify(filter),
    range: JSON.stringify(range),
  }).toString()}`;

const exportUrl = (filter: object) =>
  `/api/reports/holdings-on-date/export?${new URLSearchParams({ filter: JSON.stringify(filter) }).toString()}`;

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

const SOLGLANTAN = seedId('unit:solglantan');
const VOB_SOLGLANTAN = seedId('assignment:solglantan:VoB SJF');
const LINDA = seedId('person:linma5');

describe('reports', () => {
  let t: TestApp;
  let today: string;
  let later: string;
  let team: Team;
  let nurse: PersonMade;
  let nightNurse: PersonMade;
  let limited: OrderMade;
  let scheduled: OrderMade;
  let admin: Client;

  beforeAll(async () => {
    t = await createTestApp();
    today = t.app.get(Clock).today();
    later = addDays(today, 2);
    team = await newTeam(t);
    nurse = await newPerson(t, { unit: team.unit, lastName: 'Aronsson' });
    nightNurse = await newPerson(t, { unit: team.unit, lastName: 'Björk' });
    // Carried out at approval: held from today through today + 5.
    limited = await newOrder(t, {
      orderer: team.orderer,
      attestant: team.attestant,
      endUser: nurse,
      assignments: [team.unit.assignments.vob],
      endDate: addDays(today, 5),
      decision: 'APPROVE',
    });
    // Approved now, carried out by the scheduler's tick on its start date.
    scheduled = await newOrder(t, {
      orderer: team.orderer,
      attestant: team.head,
      endUser: nightNurse,
      assignments: [team.unit.assignments.stat],
      startDate: later,
      decision: 'APPROVE',
    });
    setClock(t, later);
    await tick(t);
    admin = await signedIn(t, await newAdministrator(t));
  }, 180_000);
  afterAll(async () => {
    await t.close();
  });

  describe('Innehav på datum', () => {
    it('lists who held the unit’s assignments on a date, through which order, attested by whom', async () => {
      const res = await admin
        .get(holdingsUrl({ careUnitId: team.unit.id, date: addDays(today, 3) }))
        .expect(200);
      expect(res.headers['content-range']).toBe('holdings-on-date 0-1/2');
      const rows = res.body as Holding[];
      expect(rows.map((r) => [r.personName, r.assignmentName, r.validFrom, r.validTo])).toEqual([
        [nurse.name, 'VoB SJF', today, addDays(today, 5)],
        [nightNurse.name, 'Statistik VE', later, null],
      ]);
      expect(rows[0]).toMatchObject({ userId: nurse.userId, hsaId: nurse.hsaId });
      expect(rows[0].grantedBy).toMatchObject({
        orderNumber: limited.orderNumber,
        attestantName: team.attestant.name,
        attestantUserId: team.attestant.userId,
      });
      expect(Date.parse(rows[0].grantedBy?.decidedAt ?? '')).not.toBeNaN();
      // Carried out by the tick: the order is found just the same.
      expect(rows[1].grantedBy).toMatchObject({
        orderNumber: scheduled.orderNumber,
        attestantName: team.head.name,
      });
    });

    it('holds a holding only on the days it runs: not before, not after its last day', async () => {
      const on = async (date: string) =>
        (
          (await admin.get(holdingsUrl({ careUnitId: team.unit.id, date })).expect(200)).body as Holding[]
        ).map((r) => r.personName);
      expect(await on(addDays(today, -1))).toEqual([]);
      expect(await on(today)).toEqual([nurse.name]);
      expect(await on(addDays(today, 5))).toEqual([nurse.name, nightNurse.name]);
      expect(await on(addDays(today, 6))).toEqual([nightNurse.name]);
    });

    it('narrows to one assignment of the catalogue, and defaults the date to today', async () => {
      const vob = await admin
        .get(holdingsUrl({ careUnitId: team.unit.id, assignmentId: team.unit.assignments.stat.id }))
        .expect(200);
      // Today is `later` now (the clock moved for the tick).
      expect((vob.body as Holding[]).map((r) => r.personName)).toEqual([nightNurse.name]);
    });

    it('shows a holding from before BEH with no order', async () => {
      const res = await admin
        .get(holdingsUrl({ careUnitId: SOLGLANTAN, assignmentId: VOB_SOLGLANTAN, date: later }))
        .expect(200);
      const linda = (res.body as Holding[]).find((r) => r.userId === 'linma5');
      expect(linda).toMatchObject({ personName: 'Linda Maria Svensson', grantedBy: null });
    });

    it('exports the report as CSV with Swedish headers, the order number and the attestant', async () => {
      const { res, body } = await text(
        admin,
        exportUrl({ careUnitId: team.unit.id, date: addDays(today, 3) }),
      );
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toContain(`innehav-pa-datum-${later}.csv`);
      const [header, ...rows] = parseCsv(body.replace(/^\uFEFF/, ''));
      expect(header).toEqual([
        'Namn',
        'VGR-ID',
        'HSA-id',
        'Vårdenhet',
        'Uppdrag',
        'Innehas från',
        'Innehas till',
        'Ordernummer',
        'Attesterad av',
        'Attesterad',
      ]);
      expect(rows).toHaveLength(2);
      expect(rows[0].slice(0, 9)).toEqual([
        nurse.name,
        nurse.userId,
        nurse.hsaId,
        team.unit.name,
        'VoB SJF',
        today,
        addDays(today, 5),
        limited.orderNumber,
        `${team.attestant.name} (${team.attestant.userId})`,
      ]);
      expect(rows[0][9]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

      const seeded = parseCsv(
        (await text(admin, exportUrl({ careUnitId: SOLGLANTAN, assignmentId: VOB_SOLGLANTAN }))).body.replace(
          /^\uFEFF/,
          '',
        ),
      );
      const linda = seeded.find((row) => row[1] === 'linma5');
      expect(linda?.[7]).toBe('ingen beställning i BEH');
    });

    it('refuses a bad date, a missing or unknown unit and a foreign assignment, never with a 500', async () => {
      const bad = await admin.get(holdingsUrl({ careUnitId: team.unit.id, date: '2026-02-30' })).expect(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
      expect(bad.body).toMatchObject({ status: 400 });
      expect((bad.body as { detail: string }).detail).toContain('inte ett datum som finns');
      await admin.get(holdingsUrl({ careUnitId: team.unit.id, date: 'igår' })).expect(400);
      await admin.get(holdingsUrl({ careUnitId: team.unit.id, date: 20261124 })).expect(400);
      const missing = await admin.get(holdingsUrl({ date: today })).expect(400);
      expect((missing.body as { detail: string }).detail).toContain('Välj en vårdenhet');
      await admin.get('/api/reports/holdings-on-date?filter=nope').expect(400);
      await admin.get(holdingsUrl({ careUnitId: '00000000-0000-4000-8000-000000000000' })).expect(404);
      await admin.get(holdingsUrl({ careUnitId: 'x' })).expect(404);
      await admin.get(holdingsUrl({ careUnitId: team.unit.id, assignmentId: VOB_SOLGLANTAN })).expect(404);
      await admin.get(holdingsUrl({ careUnitId: team.unit.id, other: 1 })).expect(400);
      await admin.get(exportUrl({ careUnitId: team.unit.id, date: '2026-13-01' })).expect(400);
    });

    it('shows a head of unit only the units they head', async () => {
      const karin = await signIn(t, 'karlu1');
      const own = await karin.get(holdingsUrl({ careUnitId: SOLGLANTAN })).expect(200);
      expect((own.body as Holding[]).some((r) => r.userId === 'linma5')).toBe(true);
      await karin.get(holdingsUrl({ careUnitId: seedId('unit:avd12') })).expect(200);
      const foreign = await karin.get(holdingsUrl({ careUnitId: team.unit.id })).expect(403);
      expect((foreign.body as { detail: string }).detail).toContain('verksamhetschef');
      await karin.get(exportUrl({ careUnitId: team.unit.id })).expect(403);
      // The team's head reads the team's unit, and not Solgläntan.
      const head = await signedIn(t, team.head);
      await head.get(holdingsUrl({ careUnitId: team.unit.id })).expect(200);
      await head.get(holdingsUrl({ careUnitId: SOLGLANTAN })).expect(403);
      // A delegate is no head: refused by the route's policy.
      await (await signedIn(t, team.orderer)).get(holdingsUrl({ careUnitId: team.unit.id })).expect(403);
    });
    it('leaves a protected identity out for heads of unit, not for administrators (rule 29)', async () => {
      const hidden = await newPerson(t, { unit: team.unit, lastName: 'Skyddadsdotter' });
      await t.dataSource.query(`UPDATE person SET protected_identity = true WHERE id = $1`, [hidden.id]);
      // A holding from before BEH, as the protected-identity spec makes one.
      await t.dataSource.query(
        `INSERT INTO held_assignment (person_id, assignment_id, valid_from) VALUES ($1, $2, $3)`,
        [hidden.id, team.unit.assignments.kval.id, today],
      );
      const filter = { careUnitId: team.unit.id, assignmentId: team.unit.assignments.kval.id };
      const head = await signedIn(t, team.head);
      expect((await head.get(holdingsUrl(filter)).expect(200)).body).toEqual([]);
      const seen = (await admin.get(holdingsUrl(filter)).expect(200)).body as Holding[];
      expect(seen.map((r) => [r.personName, r.grantedBy])).toEqual([[hidden.name, null]]);
      await head.get(`/api/reports/person-history/${hidden.id}`).expect(404);
      await admin.get(`/api/reports/person-history/${hidden.id}`).expect(200);
    });
  });

  describe('a person’s history', () => {
    const historyUrl = (personId: string, tail = '') => `/api/reports/person-history/${personId}${tail}`;

    it('lists holdings, order lines and delegations in time order', async () => {
      const res = await admin.get(historyUrl(nurse.id)).expect(200);
      expect(res.headers['content-range']).toMatch(/^person-history 0-1\/2$/);
      // Ordered, then held from the same day.
      const [line, holding] = res.body as HistoryItem[];
      expect([line.kind, holding.kind]).toEqual(['ORDER_LINE', 'HOLDING']);
      expect(holding).toMatchObject({ day: today, validFrom: today });
      expect(holding.grantedBy).toMatchObject({ orderNumber: limited.orderNumber });
      expect(line).toMatchObject({
        orderNumber: limited.orderNumber,
        orderType: 'GRANT',
        orderStatus: 'COMPLETED',
        lineStatus: 'DONE',
        attestantName: team.attestant.name,
      });
      expect(line.decidedAt).not.toBeNull();
      expect(line.completedAt).not.toBeNull();

      const orderer = (await admin.get(historyUrl(team.orderer.id)).expect(200)).body as HistoryItem[];
      expect(orderer.map((r) => [r.kind, r.grantorName])).toEqual([['DELEGATION', team.head.name]]);
    });

    it('exports the history as CSV', async () => {
      const { res, body } = await text(admin, historyUrl(nurse.id, '/export'));
      expect(res.status).toBe(200);
      const [header, ...rows] = parseCsv(body.replace(/^\uFEFF/, ''));
      expect(header.slice(0, 7)).toEqual([
        'Datum',
        'Typ av händelse',
        'Vårdenhet/verksamhet',
        'Uppdrag/mall',
        'Från',
        'Till',
        'Ordernummer',
      ]);
      expect(rows.map((r) => [r[1], r[6]])).toEqual([
        ['Beställningsrad', limited.orderNumber],
        ['Innehav', limited.orderNumber],
      ]);
      expect(rows[0][7]).toBe('Nyupplägg');
      expect(rows[0][8]).toBe('Avslutad');
      const linda = parseCsv((await text(admin, historyUrl(LINDA, '/export'))).body.replace(/^\uFEFF/, ''));
      expect(linda.slice(1).find((r) => r[1] === 'Innehav')?.[6]).toBe('ingen beställning i BEH');
    });

    it('shows a head only persons engaged or holding at their units; unknown persons are 404', async () => {
      const karin = await signIn(t, 'karlu1');
      await karin.get(historyUrl(LINDA)).expect(200);
      await karin.get(historyUrl(LINDA, '/export')).expect(200);
      await karin.get(historyUrl(nurse.id)).expect(403);
      await karin.get(historyUrl(nurse.id, '/export')).expect(403);
      await admin.get(historyUrl('00000000-0000-4000-8000-000000000000')).expect(404);
      await admin.get(historyUrl('nope')).expect(404);
      const second = await admin
        .get(`${historyUrl(nurse.id)}?range=${encodeURIComponent('[1,1]')}`)
        .expect(200);
      expect(second.headers['content-range']).toBe('person-history 1-1/2');
      expect((second.body as HistoryItem[]).map((r) => r.kind)).toEqual(['HOLDING']);
      const past = await admin
        .get(`${historyUrl(nurse.id)}?range=${encodeURIComponent('[5,9]')}`)
        .expect(200);
      expect(past.headers['content-range']).toBe('person-history 5-5/2');
      await admin.get(`${historyUrl(nurse.id)}?range=nope`).expect(400);
    });
  });

  describe('after an Avslut', () => {
    it('keeps the granting order of a holding a revoke shortened, and lists the revoke in the history', async () => {
      const revoke = await newOrder(t, {
        orderer: team.orderer,
        attestant: team.attestant,
        endUser: nightNurse,
        assignments: [team.unit.assignments.stat],
        type: 'REVOKE',
        startDate: addDays(later, 1),
        decision: 'APPROVE',
      });
      setClock(t, addDays(later, 1));
      await tick(t);
      const client = await signedIn(t, await newAdministrator(t));
      const filter = { careUnitId: team.unit.id, assignmentId: team.unit.assignments.stat.id };
      const [held] = (await client.get(holdingsUrl({ ...filter, date: later })).expect(200))
        .body as Holding[];
      expect(held).toMatchObject({ personName: nightNurse.name, validFrom: later, validTo: later });
      expect(held.grantedBy?.orderNumber).toBe(scheduled.orderNumber);
      expect(
        (await client.get(holdingsUrl({ ...filter, date: addDays(later, 1) })).expect(200)).body,
      ).toEqual([]);
      const history = (await client.get(`/api/reports/person-history/${nightNurse.id}`).expect(200))
        .body as HistoryItem[];
      expect(history.map((r) => [r.kind, r.orderNumber ?? r.grantedBy?.orderNumber, r.orderType])).toEqual([
        ['ORDER_LINE', scheduled.orderNumber, 'GRANT'],
        ['HOLDING', scheduled.orderNumber, null],
        ['ORDER_LINE', revoke.orderNumber, 'REVOKE'],
      ]);
    });
  });
});
