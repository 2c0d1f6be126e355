import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { Clock } from '../../server/src/common/clock.js';
import { PERSONAS } from '../../server/src/seed/demo-data.js';
import { syntheticPersonnummer } from '../../server/src/seed/seed-ids.js';
import { type Client, signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

interface LogRow {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  actorUserId: string | null;
  clientName: string | null;
  action: 'LOOKUP' | 'DETAIL';
  personId: string | null;
  personName: string | null;
  personUserId: string | null;
  lookedUpBy: string;
  lookedUp: string;
  answered: boolean;
  purpose: string;
  requestId: string | null;
}

const persona = (userId: string) => {
  const p = PERSONAS.find((x) => x.userId === userId);
  if (!p) throw new Error(userId);
  return p;
};
const pnrOf = (userId: string) => {
  const p = persona(userId);
  if (!p.birthDate) throw new Error(`${userId} has no personnummer`);
  return syntheticPersonnummer(p.birthDate, p.serial);
};

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

/** Issue 12 point 3: every person lookup and every opening of a person's detail is logged, append-only. */
describe('person lookup log', () => {
  let t: TestApp;
  let admin: Client;
  let eriho2: Client;
  let ids: Record<string, string>;

  const log = (client: Client, filter: Record<string, unknown>, range = '[0,49]') =>
    client.get('/api/person-access-log').query({ filter: JSON.stringify(filter), range });
  /** The newest rows of one reader, straight from the table. */
  const rowsBy = (actorId: string) =>
    t.dataSource.query<Record<string, unknown>[]>(
      `SELECT * FROM person_access_log WHERE actor_id = $1 ORDER BY id DESC`,
      [actorId],
    );
  const count = async () =>
    (await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM person_access_log`))[0].n;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t, 'admin1');
    eriho2 = await signIn(t, 'eriho2');
    const rows = await t.dataSource.query<{ id: string; user_id: string }[]>(
      `SELECT id, user_id FROM person WHERE user_id = ANY($1)`,
      [PERSONAS.map((p) => p.userId)],
    );
    ids = Object.fromEntries(rows.map((r) => [r.user_id, r.id]));
  });
  afterAll(async () => {
    await t.close();
  });

  it('records a lookup by personnummer: who, whom, how (masked), why and when', async () => {
    const before = Date.now();
    const res = await eriho2
      .get('/api/persons/lookup')
      .query({ personnummer: pnrOf('nilbo4') })
      .set('X-BEH-Purpose', 'wizard')
      .expect(200);
    // The wizard's answer keeps the whole personnummer.
    expect(res.body.personnummer).toBe(`${pnrOf('nilbo4').slice(0, 8)}-${pnrOf('nilbo4').slice(8)}`);
    const [row] = await rowsBy(ids.eriho2);
    expect(row).toMatchObject({
      action: 'LOOKUP',
      person_id: ids.nilbo4,
      looked_up_by: 'personnummer',
      looked_up: `${pnrOf('nilbo4').slice(0, 4)}xxxx-xxxx`,
      answered: true,
      purpose: 'wizard',
      client_id: null,
      request_id: res.headers['x-request-id'],
    });
    expect((row.at as Date).getTime()).toBeGreaterThanOrEqual(before - 60_000);
  });

  it('records a miss with the masked value asked for, and nobody found', async () => {
    const nobody = syntheticPersonnummer('19010101', 987);
    await eriho2
      .get('/api/persons/lookup')
      .query({ personnummer: nobody })
      .set('X-BEH-Purpose', 'wizard')
      .expect(404);
    const [row] = await rowsBy(ids.eriho2);
    expect(row).toMatchObject({
      action: 'LOOKUP',
      person_id: null,
      looked_up_by: 'personnummer',
      looked_up: '1901xxxx-xxxx',
      answered: false,
    });
    // Nothing of the number but the birth year is kept.
    expect(JSON.stringify(row)).not.toContain(nobody.slice(4));
  });

  it('records a passport lookup masked and an HSA-id lookup whole', async () => {
    await eriho2.get('/api/persons/lookup').query({ passportNumber: 'pa1234567' }).expect(200);
    let [row] = await rowsBy(ids.eriho2);
    expect(row).toMatchObject({
      person_id: ids.ahmal7,
      looked_up_by: 'passportNumber',
      looked_up: 'PAxxxxxxx',
      purpose: 'api',
    });
    await eriho2
      .get('/api/persons/lookup')
      .query({ hsaId: persona('linma5').hsaId })
      .expect(200);
    [row] = await rowsBy(ids.eriho2);
    expect(row).toMatchObject({
      person_id: ids.linma5,
      looked_up_by: 'hsaId',
      looked_up: persona('linma5').hsaId,
    });
  });

  it("records every opening of a person's detail", async () => {
    await admin.get(`/api/persons/${ids.linma5}`).set('X-BEH-Purpose', 'person-page').expect(200);
    const [row] = await rowsBy(ids.admin1);
    expect(row).toMatchObject({
      action: 'DETAIL',
      person_id: ids.linma5,
      looked_up_by: 'id',
      looked_up: ids.linma5,
      answered: true,
      purpose: 'person-page',
    });
  });

  it('records "api" when no purpose is given, and refuses an unknown one before reading anyone', async () => {
    await admin.get(`/api/persons/${ids.nilbo4}`).expect(200);
    expect((await rowsBy(ids.admin1))[0]).toMatchObject({ purpose: 'api', person_id: ids.nilbo4 });

    const before = await count();
    const res = await eriho2
      .get('/api/persons/lookup')
      .query({ personnummer: pnrOf('nilbo4') })
      .set('X-BEH-Purpose', 'nyfikenhet')
      .expect(400);
    expect(res.body).toMatchObject({ type: 'urn:beh:problem:bad-purpose' });
    expect(res.body.detail).toContain('X-BEH-Purpose');
    await admin.get(`/api/persons/${ids.nilbo4}`).set('X-BEH-Purpose', "wizard'; --").expect(400);
    expect(await count()).toBe(before);
  });

  it('writes nothing for a request that never reaches the directory (bad personnummer, malformed id)', async () => {
    const before = await count();
    await eriho2.get('/api/persons/lookup').query({ personnummer: '19850312-1235' }).expect(400);
    await admin.get('/api/persons/not-an-id').expect(404);
    expect(await count()).toBe(before);
  });

  it('records an API client by its id and name, with no person', async () => {
    const expiresOn = new Date(Date.parse(`${t.app.get(Clock).today()}T12:00:00Z`) + 30 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const created = await admin
      .post('/api/api-clients')
      .send({ name: 'Servicedesk', scopes: ['persons:lookup'], expiresOn })
      .expect(201);
    const { id, token } = created.body as { id: string; token: string };
    await request(t.http)
      .get('/api/persons/lookup')
      .query({ hsaId: persona('nilbo4').hsaId })
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    const [row] = await t.dataSource.query<Record<string, unknown>[]>(
      `SELECT * FROM person_access_log WHERE client_id = $1`,
      [id],
    );
    expect(row).toMatchObject({
      actor_id: null,
      client_name: 'Servicedesk',
      person_id: ids.nilbo4,
      purpose: 'api',
    });
    const listed = (await log(admin, { personId: ids.nilbo4 }).expect(200)).body as LogRow[];
    expect(listed[0]).toMatchObject({ actorId: null, actorName: null, clientName: 'Servicedesk' });
  });

  it('is append-only in the database: UPDATE, DELETE and TRUNCATE are refused', async () => {
    await expect(t.dataSource.query(`UPDATE person_access_log SET purpose = 'api'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(t.dataSource.query(`DELETE FROM person_access_log`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`TRUNCATE person_access_log`)).rejects.toThrow(/append-only/);
    expect(await count()).toBeGreaterThan(0);
  });

  describe('GET /api/person-access-log', () => {
    it("lists one person's lookups newest first, with names, as administrators read it", async () => {
      await eriho2
        .get(`/api/persons/lookup`)
        .query({ hsaId: persona('majoh6').hsaId })
        .set('X-BEH-Purpose', 'wizard');
      await admin.get(`/api/persons/${ids.majoh6}`).set('X-BEH-Purpose', 'person-page').expect(200);
      const res = await log(admin, { personId: ids.majoh6 }).expect(200);
      const rows = res.body as LogRow[];
      expect(rows.map((r) => [r.actorUserId, r.action, r.purpose])).toEqual([
        ['admin1', 'DETAIL', 'person-page'],
        ['eriho2', 'LOOKUP', 'wizard'],
      ]);
      expect(rows[0]).toMatchObject({
        personId: ids.majoh6,
        personName: 'Maja Johansson',
        personUserId: 'majoh6',
        actorName: 'Alva Adminsson',
        answered: true,
      });
      expect(res.headers['content-range']).toBe('person-access-log 0-1/2');
    });

    it("lists one user's lookups, misses included", async () => {
      const rows = (await log(admin, { userId: ids.eriho2 }).expect(200)).body as LogRow[];
      expect(rows.length).toBeGreaterThanOrEqual(5);
      expect(rows.every((r) => r.actorId === ids.eriho2)).toBe(true);
      expect(rows.some((r) => r.personId === null && r.lookedUp === '1901xxxx-xxxx' && !r.answered)).toBe(
        true,
      );
      const times = rows.map((r) => Date.parse(r.at));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
    });

    it('filters on purpose and day, and refuses what it does not know, in Swedish', async () => {
      const rows = (await log(admin, { userId: ids.eriho2, purpose: 'wizard' }).expect(200)).body as LogRow[];
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.purpose === 'wizard')).toBe(true);
      expect((await log(admin, { to: '2000-01-01' }).expect(200)).body).toEqual([]);
      for (const filter of [
        { personId: 'x' },
        { userId: 42 },
        { purpose: 'nyfikenhet' },
        { from: '2026-02-30' },
        { personnummer: '19850312' },
      ]) {
        const res = await log(admin, filter).expect(400);
        expect(res.body.type).toBe('urn:beh:problem:bad-list-query');
        expect(res.body.detail).toMatch(/Filtret|filtrera/);
      }
      await admin.get('/api/person-access-log').query({ sort: '["actorId","ASC"]' }).expect(400);
    });

    it('is for administrators only', async () => {
      await log(eriho2, {}).expect(403);
      await eriho2.get('/api/person-access-log/export').expect(403);
      const karlu1 = await signIn(t, 'karlu1');
      await log(karlu1, { personId: ids.nilbo4 }).expect(403);
    });

    it('exports the filtered log as CSV, the looked-up values masked', async () => {
      const filter = JSON.stringify({ userId: ids.eriho2 });
      const { res, body } = await text(
        admin,
        `/api/person-access-log/export?filter=${encodeURIComponent(filter)}`,
      );
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toMatch(/uppslagslogg-\d{4}-\d{2}-\d{2}\.csv/);
      const lines = body
        .replace(/^\uFEFF/, '')
        .split('\r\n')
        .filter(Boolean);
      expect(lines[0]).toBe(
        'Nr;Tid;Vem;VGR-ID;Händelse;Person;Personens VGR-ID;Sökt med;Sökt värde;Visad;Syfte;Anrops-id',
      );
      const listed = (await log(admin, { userId: ids.eriho2 }, '[0,999]').expect(200)).body as LogRow[];
      expect(lines).toHaveLength(listed.length + 1);
      expect(body).toContain('Erik Holm;eriho2;Uppslag;Nils Boström;nilbo4;Personnummer;');
      expect(body).toContain(';1901xxxx-xxxx;Nej;Beställning (guiden);');
      expect(body).not.toContain(pnrOf('nilbo4').slice(4));
      expect(body).not.toContain('PA1234567');
    });
  });
});
