import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Clock } from '../../server/src/common/clock.js';
import { maskPassportNumber } from '../../server/src/common/personnummer.js';
import { PERSONAS } from '../../server/src/seed/demo-data.js';
import { syntheticPersonnummer } from '../../server/src/seed/seed-ids.js';
import { type Client, signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { addDays, SOLGLANTAN, VOB_SOL } from './orders-support.js';

interface Listed {
  id: string;
  userId: string;
  hsaId: string;
  personnummer: string | null;
  passportNumber: string | null;
  protectedIdentity: boolean;
}

const dashed = (twelve: string) => `${twelve.slice(0, 8)}-${twelve.slice(8)}`;

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

/**
 * Issue 12 point 6: a protected identity is hidden from every person list and search except to
 * administrators and an exact lookup (which is logged); passport numbers are masked in lists;
 * the whole personnummer only in the lookup and to administrators.
 */
describe('protected identity and masked identity numbers', () => {
  let t: TestApp;
  let admin: Client;
  let eriho2: Client;
  let karlu1: Client;
  let hidden: { id: string; personnummer: string };
  let ids: Record<string, string>;
  /** The hidden person's engagement and holding at Solgläntan. */
  let hiddenRows: { engagement: string; holding: string };
  const PNR = syntheticPersonnummer('19770707', 431);
  const PASSPORT = 'XK7654321';

  const persons = (client: Client, filter: Record<string, unknown>) =>
    client
      .get('/api/persons')
      .query({ filter: JSON.stringify(filter), range: '[0,99]' })
      .expect(200)
      .then((res) => res.body as Listed[]);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t, 'admin1');
    eriho2 = await signIn(t, 'eriho2');
    karlu1 = await signIn(t, 'karlu1');
    const rows = await t.dataSource.query<{ id: string; user_id: string }[]>(
      `SELECT id, user_id FROM person WHERE user_id = ANY($1)`,
      [PERSONAS.map((p) => p.userId)],
    );
    ids = Object.fromEntries(rows.map((r) => [r.user_id, r.id]));
    const created = await admin
      .post('/api/persons')
      .send({
        hsaId: 'SE2321000131-P000000077777',
        userId: 'skydd1',
        personnummer: PNR,
        passportNumber: PASSPORT,
        firstName: 'Sigrid',
        lastName: 'Skyddadsdotter',
        protectedIdentity: true,
      })
      .expect(201);
    hidden = { id: created.body.id, personnummer: dashed(PNR) };
    // Engaged at Solgläntan, holding VoB SJF there and attesting for it: rows of the hidden
    // person in the engagements and holdings lists and in the attestant picker.
    const today = t.app.get(Clock).today();
    const engagement = await admin
      .post('/api/engagements')
      .send({
        personId: hidden.id,
        careUnitId: SOLGLANTAN,
        costCentre: 'W77100',
        title: 'Undersköterska',
        validFrom: addDays(today, -30),
      })
      .expect(201);
    const [holding] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO held_assignment (person_id, assignment_id, valid_from) VALUES ($1, $2, $3) RETURNING id`,
      [hidden.id, VOB_SOL, addDays(today, -30)],
    );
    hiddenRows = { engagement: engagement.body.id as string, holding: holding.id };
    await admin
      .post('/api/delegations')
      .send({ delegateId: hidden.id, careUnitId: SOLGLANTAN, rights: ['ATTEST'], validFrom: today })
      .expect(201);
  });
  afterAll(async () => {
    await t.close();
  });

  it('is listed and searched for administrators, with its numbers masked in the list', async () => {
    const [row] = await persons(admin, { q: 'skyddadsdotter' });
    expect(row).toMatchObject({
      id: hidden.id,
      protectedIdentity: true,
      personnummer: '1977xxxx-xxxx',
      passportNumber: 'XKxxxxxxx',
    });
  });

  it('is in no list or search of anyone else: persons, pickers by id, the CSV export', async () => {
    for (const client of [eriho2, karlu1]) {
      expect(await persons(client, { q: 'skyddadsdotter' })).toEqual([]);
      expect(await persons(client, { q: 'skydd1' })).toEqual([]);
      // react-admin's getMany (a reference field, a picker's chosen value) lists by id.
      expect(await persons(client, { id: [hidden.id, ids.nilbo4] })).toEqual([
        expect.objectContaining({ id: ids.nilbo4 }),
      ]);
      const { body } = await text(client, '/api/persons/export');
      expect(body).toContain('Boström');
      expect(body).not.toContain('Skyddadsdotter');
    }
    const { body } = await text(admin, '/api/persons/export');
    expect(body).toContain('Skyddadsdotter');
  });

  it('is not among the mass order candidates', async () => {
    const search = (filter: Record<string, string>) =>
      eriho2
        .get(`/api/mass-orders/assignments/${VOB_SOL}/candidates`)
        .query({ filter: JSON.stringify(filter), range: '[0,49]' })
        .expect(200)
        .then((res) => res.body as Listed[]);
    expect(await search({ lastName: 'Skyddadsdotter' })).toEqual([]);
    expect(await search({ q: 'sigrid skydd' })).toEqual([]);
    expect(await search({ userId: 'skydd1' })).toEqual([]);
    // The search itself works: a person without protection is found the same way.
    expect((await search({ lastName: 'Boström' })).map((p) => p.userId)).toContain('nilbo4');
  });

  it('is found by an exact lookup, the number asked by whole, and the lookup is logged', async () => {
    const res = await eriho2
      .get('/api/persons/lookup')
      .query({ personnummer: PNR })
      .set('X-BEH-Purpose', 'wizard')
      .expect(200);
    expect(res.body).toMatchObject({
      id: hidden.id,
      personnummer: hidden.personnummer,
      passportNumber: 'XKxxxxxxx',
    });
    const [row] = await t.dataSource.query<Record<string, unknown>[]>(
      `SELECT * FROM person_access_log WHERE actor_id = $1 ORDER BY id DESC LIMIT 1`,
      [ids.eriho2],
    );
    expect(row).toMatchObject({ person_id: hidden.id, action: 'LOOKUP', answered: true, purpose: 'wizard' });
  });

  it('is not opened by id for anyone but administrators, and the attempt is logged', async () => {
    const res = await eriho2.get(`/api/persons/${hidden.id}`).set('X-BEH-Purpose', 'person-page').expect(404);
    expect(res.body.detail).not.toContain('Sigrid');
    const [row] = await t.dataSource.query<Record<string, unknown>[]>(
      `SELECT * FROM person_access_log WHERE actor_id = $1 ORDER BY id DESC LIMIT 1`,
      [ids.eriho2],
    );
    expect(row).toMatchObject({ person_id: hidden.id, action: 'DETAIL', answered: false });
    const whole = await admin.get(`/api/persons/${hidden.id}`).expect(200);
    expect(whole.body).toMatchObject({ personnummer: hidden.personnummer, passportNumber: PASSPORT });
  });

  describe('the lookup answers whole only the number it was asked by (but to administrators)', () => {
    const lookup = (client: Client, query: Record<string, string>) =>
      client
        .get('/api/persons/lookup')
        .query(query)
        .expect(200)
        .then((res) => res.body as Listed);
    /** An administrator's answer by any key: both numbers whole. */
    const whole = () => ({ id: hidden.id, personnummer: hidden.personnummer, passportNumber: PASSPORT });

    it("masks the personnummer of an orderer's lookup by HSA-id, the list's HSA-id", async () => {
      // Every HSA-id is in the persons list: by it, nobody's whole personnummer.
      const [listed] = await persons(eriho2, { q: 'nilbo4' });
      const nils = await lookup(eriho2, { hsaId: listed.hsaId });
      expect(nils).toMatchObject({ id: ids.nilbo4, personnummer: listed.personnummer });
      expect(nils.personnummer).toMatch(/^\d{4}xxxx-xxxx$/);
      expect(await lookup(karlu1, { hsaId: 'SE2321000131-P000000077777' })).toMatchObject({
        id: hidden.id,
        personnummer: '1977xxxx-xxxx',
        passportNumber: 'XKxxxxxxx',
      });
      expect(await lookup(admin, { hsaId: 'SE2321000131-P000000077777' })).toMatchObject(whole());
    });

    it("masks the personnummer of an orderer's lookup by passport number, whose number is whole", async () => {
      expect(await lookup(eriho2, { passportNumber: PASSPORT.toLowerCase() })).toMatchObject({
        id: hidden.id,
        personnummer: '1977xxxx-xxxx',
        passportNumber: PASSPORT,
      });
      expect(await lookup(admin, { passportNumber: PASSPORT })).toMatchObject(whole());
    });

    it('answers the whole personnummer to the orderer who gave it, the passport number masked', async () => {
      expect(await lookup(karlu1, { personnummer: dashed(PNR) })).toMatchObject({
        id: hidden.id,
        personnummer: hidden.personnummer,
        passportNumber: 'XKxxxxxxx',
      });
      expect(await lookup(admin, { personnummer: PNR })).toMatchObject(whole());
    });
  });

  describe('the engagements and holdings lists leave the hidden person out but to administrators', () => {
    const list = (client: Client, resource: string, filter: Record<string, unknown>) =>
      client
        .get(`/api/${resource}`)
        .query({ filter: JSON.stringify(filter), range: '[0,999]' })
        .expect(200)
        .then((res) => (res.body as { id: string; personId: string }[]).map((row) => row.id));

    it.each([
      ['engagements', 'engagement', { careUnitId: SOLGLANTAN }],
      ['held-assignments', 'holding', { assignmentId: VOB_SOL }],
    ] as const)('%s: by person, by unit or assignment, by id and opened by id', async (resource, row, at) => {
      const id = hiddenRows[row];
      const filters = [{ personId: hidden.id }, at, { id: [id] }];
      for (const filter of filters) expect(await list(admin, resource, filter)).toContain(id);
      await admin.get(`/api/${resource}/${id}`).expect(200);
      for (const client of [eriho2, karlu1]) {
        expect(await list(client, resource, { personId: hidden.id })).toEqual([]);
        const atUnit = await list(client, resource, at);
        expect(atUnit).not.toContain(id);
        // The list itself still answers: the unit's other rows are there.
        expect(atUnit.length).toBeGreaterThan(0);
        expect(await list(client, resource, { id: [id] })).toEqual([]);
        await client.get(`/api/${resource}/${id}`).expect(404);
      }
    });
  });

  it("is offered as an attestant (rule 29's exception) by name and VGR-ID, never by an identity number", async () => {
    const res = await eriho2.get(`/api/attestants?careUnitId=${SOLGLANTAN}`).expect(200);
    const offered = res.body as Record<string, unknown>[];
    expect(offered.find((p) => p.id === hidden.id)).toEqual({
      id: hidden.id,
      userId: 'skydd1',
      firstName: 'Sigrid',
      lastName: 'Skyddadsdotter',
      title: null,
    });
    for (const attestant of offered) {
      expect(Object.keys(attestant).sort()).toEqual(['firstName', 'id', 'lastName', 'title', 'userId']);
    }
    expect(res.text).not.toContain(PNR.slice(0, 8));
    expect(res.text).not.toContain(PASSPORT);
    expect(res.text).not.toMatch(/personnummer|passport/i);
  });

  it("masks the personnummer and passport number in anyone's detail but an administrator's", async () => {
    const nils = await eriho2.get(`/api/persons/${ids.nilbo4}`).expect(200);
    expect(nils.body.personnummer).toMatch(/^\d{4}xxxx-xxxx$/);
    expect(nils.body.engagements.length).toBeGreaterThan(0);
    const ahmad = await karlu1.get(`/api/persons/${ids.ahmal7}`).expect(200);
    expect(ahmad.body.passportNumber).toBe('PAxxxxxxx');
    const asAdmin = await admin.get(`/api/persons/${ids.nilbo4}`).expect(200);
    expect(asAdmin.body.personnummer).toMatch(/^\d{8}-\d{4}$/);
    expect((await admin.get(`/api/persons/${ids.ahmal7}`).expect(200)).body.passportNumber).toBe('PA1234567');
  });

  it('masks passport numbers in lists for everyone, administrators included', async () => {
    for (const client of [admin, eriho2]) {
      const [ahmad] = await persons(client, { q: 'ahmal7' });
      expect(ahmad.passportNumber).toBe('PAxxxxxxx');
    }
    const { body } = await text(admin, '/api/persons/export');
    expect(body).not.toContain('PA1234567');
    expect(body).toContain('PAxxxxxxx');
  });

  it('masks any passport number to its first two characters', () => {
    expect(maskPassportNumber('AB1234567')).toBe('ABxxxxxxx');
    expect(maskPassportNumber('ab12')).toBe('ABxxxxxx');
    expect(maskPassportNumber('\u0000ä123456789012')).toBe('xx' + 'x'.repeat(12));
    expect(maskPassportNumber(null)).toBeNull();
  });
});
