import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { luhnCheckDigit, PERSONNUMMER_MESSAGES } from '../../server/src/common/personnummer.js';
import { PERSONAS } from '../../server/src/seed/demo-data.js';
import { syntheticPersonnummer } from '../../server/src/seed/seed-ids.js';
import { type Client, signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

interface Engagement {
  careUnitName: string;
  careUnitHsaId: string;
  administrationName: string;
  careProviderKind: string;
  costCentre: string;
  title: string | null;
  validFrom: string;
  validTo: string | null;
  active: boolean;
}
interface Held {
  assignmentName: string;
  assignmentKind: string;
  purpose: string;
  careUnitName: string;
  active: boolean;
}
interface Person {
  id: string;
  hsaId: string;
  userId: string;
  firstName: string;
  lastName: string;
  title: string | null;
  email: string | null;
  personnummer: string | null;
  passportNumber: string | null;
  protectedIdentity: boolean;
  isAdministrator?: boolean;
  active: boolean;
  organisation: string;
  engagements: Engagement[];
  heldAssignments: Held[];
}

/** A Luhn-valid personnummer for a birth date (YYYYMMDD) and serial. */
const pnr = (birthDate: string, serial: number) => syntheticPersonnummer(birthDate, serial);
const dashed = (twelve: string) => `${twelve.slice(0, 8)}-${twelve.slice(8)}`;

const UNIT_NAMES: Record<string, string> = {
  solglantan: 'Vårdcentralen Solgläntan',
  avd12: 'Avdelning 12 Medicin',
  sparr: 'VE Spärr- och Loggservice',
  privat: 'Hälsoakuten Väst Vårdenhet',
};

describe('directory: persons', () => {
  let t: TestApp;
  /** Directory writes are for administrators: the whole file works as admin1. */
  let admin: Client;
  const api = () => admin;
  const lookup = (query: Record<string, string>) => api().get('/api/persons/lookup').query(query);
  const list = (filter: Record<string, unknown> = {}, extra: Record<string, string> = {}) =>
    api()
      .get('/api/persons')
      .query({ filter: JSON.stringify(filter), range: '[0,99]', ...extra });
  const userIds = (body: Person[]) => body.map((p) => p.userId);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t, 'admin1');
  });
  afterAll(async () => {
    await t.close();
  });

  describe('lookup', () => {
    it.each(PERSONAS.map((p) => [p.userId, p] as const))(
      'finds persona %s by HSA-id with the documented fields',
      async (_userId, persona) => {
        const res = await lookup({ hsaId: persona.hsaId }).expect(200);
        const person = res.body as Person;
        expect(person).toMatchObject({
          hsaId: persona.hsaId,
          userId: persona.userId,
          firstName: persona.firstName,
          lastName: persona.lastName,
          title: persona.title,
          personnummer: persona.birthDate ? dashed(pnr(persona.birthDate, persona.serial)) : null,
          passportNumber: persona.passportNumber ?? null,
          protectedIdentity: false,
          isAdministrator: persona.isAdministrator ?? false,
          active: !persona.engagementTo,
          organisation: persona.engagementTo ? '' : UNIT_NAMES[persona.unit],
        });
        expect(person.id).toMatch(/^[0-9a-f-]{36}$/);
        expect(person.email).toMatch(/@/);
        const engagement = person.engagements.find((e) => e.careUnitName === UNIT_NAMES[persona.unit]);
        expect(engagement).toMatchObject({
          title: persona.title,
          validFrom: persona.engagementFrom,
          validTo: persona.engagementTo ?? null,
          active: !persona.engagementTo,
          careProviderKind: persona.unit === 'privat' ? 'PRIVATE' : 'REGIONAL',
        });
        expect(engagement?.costCentre).toMatch(/^[A-Z]\d{5}$/);
        expect(engagement?.careUnitHsaId).toMatch(/^SE\d{10}-E\d+$/);
        expect(person.heldAssignments.map((h) => h.assignmentName)).toEqual(
          (persona.holds ?? []).map((h) => h.assignment),
        );
      },
    );

    it('finds a person by HSA-id case-insensitively', async () => {
      const res = await lookup({ hsaId: 'se2321000131-p000000000104' }).expect(200);
      expect(res.body.userId).toBe('nilbo4');
    });

    it('shows held assignments with their kind, purpose and unit', async () => {
      const res = await lookup({ hsaId: 'SE2321000131-P000000000105' }).expect(200);
      expect(res.body.heldAssignments).toEqual([
        expect.objectContaining({
          assignmentName: 'VoB SJF',
          assignmentKind: 'GENERAL',
          purpose: 'CARE_AND_TREATMENT',
          careUnitName: 'Vårdcentralen Solgläntan',
          active: true,
        }),
      ]);
    });

    const nils = pnr('19930704', 557);
    it.each([
      ['ÅÅÅÅMMDDNNNN', nils],
      ['ÅÅÅÅMMDD-NNNN', dashed(nils)],
      ['ÅÅMMDD-NNNN', `${nils.slice(2, 8)}-${nils.slice(8)}`],
      ['with spaces around', `  ${dashed(nils)} `],
    ])('finds Nils Boström by personnummer written %s', async (_form, value) => {
      const res = await lookup({ personnummer: value }).expect(200);
      expect(res.body).toMatchObject({ userId: 'nilbo4', personnummer: dashed(nils) });
    });

    it('reads ÅÅMMDD+NNNN as a person of 100 years or more', async () => {
      const old = pnr('19200101', 123);
      const created = await api()
        .post('/api/persons')
        .send({
          hsaId: 'SE2321000131-P000000090001',
          userId: 'gamla1',
          firstName: 'Greta',
          lastName: 'Gammal',
          personnummer: old,
        })
        .expect(201);
      const res = await lookup({ personnummer: `${old.slice(2, 8)}+${old.slice(8)}` }).expect(200);
      expect(res.body).toMatchObject({ id: created.body.id, personnummer: dashed(old) });
      // Without '+' the short form is the most recent century: 2020, nobody.
      await lookup({ personnummer: `${old.slice(2, 8)}-${old.slice(8)}` }).expect(404);
    });

    it('accepts a samordningsnummer (day + 60)', async () => {
      const nine = '850372' + '123'; // 12 March 1985, coordination number
      const samordning = `19${nine}${luhnCheckDigit(nine)}`;
      await lookup({ personnummer: samordning }).expect(404);
      await api()
        .post('/api/persons')
        .send({
          hsaId: 'SE2321000131-P000000090002',
          userId: 'samor1',
          firstName: 'Sam',
          lastName: 'Ordning',
          personnummer: samordning,
        })
        .expect(201);
      const res = await lookup({ personnummer: dashed(samordning) }).expect(200);
      expect(res.body.userId).toBe('samor1');
    });

    const wrongCheck = nils.slice(0, 11) + String((Number(nils[11]) + 1) % 10);
    it.each([
      ['empty', '', PERSONNUMMER_MESSAGES.EMPTY],
      ['only spaces', '   ', PERSONNUMMER_MESSAGES.EMPTY],
      ['letters', '19930704-55AB', PERSONNUMMER_MESSAGES.CHARACTERS],
      ['a stray character', '19930704/5578', PERSONNUMMER_MESSAGES.CHARACTERS],
      ['wrong length', '19930704557', PERSONNUMMER_MESSAGES.LENGTH],
      ['too short', '930704-557', PERSONNUMMER_MESSAGES.LENGTH],
      ['an impossible date', '19930231-0000', PERSONNUMMER_MESSAGES.DATE],
      ['month 13', '19931301-0000', PERSONNUMMER_MESSAGES.DATE],
      ['a wrong check digit', dashed(wrongCheck), PERSONNUMMER_MESSAGES.CHECK_DIGIT],
    ])('refuses a personnummer with %s, saying so in Swedish', async (_what, value, message) => {
      const res = await lookup({ personnummer: value }).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toEqual({
        type: 'urn:beh:problem:invalid-personnummer',
        title: 'Felaktig begäran',
        status: 400,
        detail: message,
        errors: { personnummer: [message] },
      });
    });

    it('finds Ahmad Ali, who has no personnummer, by passport number in any case', async () => {
      const res = await lookup({ passportNumber: 'PA1234567' }).expect(200);
      expect(res.body).toMatchObject({ userId: 'ahmal7', personnummer: null, passportNumber: 'PA1234567' });
      const lower = await lookup({ passportNumber: 'pa1234567' }).expect(200);
      expect(lower.body.userId).toBe('ahmal7');
    });

    it('answers 404 in Swedish for nobody', async () => {
      const byHsa = await lookup({ hsaId: 'SE2321000131-P999999999999' }).expect(404);
      expect(byHsa.body).toMatchObject({ type: 'urn:beh:problem:not-found', status: 404 });
      expect(byHsa.body.detail).toMatch(/Ingen person .* finns i katalogen/);
      await lookup({ personnummer: pnr('19700101', 1) }).expect(404);
      await lookup({ passportNumber: 'XX0000000' }).expect(404);
    });

    it('needs exactly one of personnummer, passportNumber and hsaId', async () => {
      const none = await lookup({}).expect(400);
      expect(none.body.detail).toMatch(/exakt ett av/);
      await lookup({ hsaId: PERSONAS[0].hsaId, passportNumber: 'PA1234567' }).expect(400);
      await api().get('/api/persons/lookup?hsaId=a&hsaId=b').expect(400);
      await lookup({ hsaId: ' ' }).expect(400);
    });
  });
  describe('list', () => {
    it('answers a page with Content-Range and masked personnummer', async () => {
      const res = await api().get('/api/persons').query({ range: '[0,24]' }).expect(200);
      const [{ total }] = (await t.dataSource.query('SELECT count(*)::int AS total FROM person')) as {
        total: number;
      }[];
      expect(res.headers['content-range']).toBe(`persons 0-24/${total}`);
      expect(res.headers['access-control-expose-headers']).toMatch(/Content-Range/);
      const people = res.body as Person[];
      expect(people).toHaveLength(25);
      for (const p of people) {
        expect(p.personnummer === null || /^\d{4}xxxx-xxxx$/.test(p.personnummer)).toBe(true);
        expect(Object.keys(p).sort()).toEqual(
          [
            'id',
            'hsaId',
            'userId',
            'firstName',
            'lastName',
            'title',
            'email',
            'personnummer',
            'passportNumber',
            'protectedIdentity',
            'active',
            'organisation',
            'directoryActive',
          ].sort(),
        );
      }
      // Default order: last name, then first name.
      const names = people.map((p) => [p.lastName, p.firstName]);
      const sorted = [...names].sort(
        (a, b) => a[0].localeCompare(b[0], 'sv') || a[1].localeCompare(b[1], 'sv'),
      );
      expect(names.map((n) => n[0])).toEqual(sorted.map((n) => n[0]));
      const next = await api().get('/api/persons').query({ range: '[25,49]' }).expect(200);
      expect(next.headers['content-range']).toBe(`persons 25-49/${total}`);
      const past = await api().get('/api/persons').query({ range: '[5000,5009]' }).expect(200);
      expect(past.body).toEqual([]);
      expect(past.headers['content-range']).toBe(`persons 5000-5000/${total}`);
    });

    it('shows Nils Boström masked in the list, with his organisation', async () => {
      const res = await list({ q: 'nilbo4' }).expect(200);
      expect(res.body).toEqual([
        expect.objectContaining({
          userId: 'nilbo4',
          personnummer: '1993xxxx-xxxx',
          active: true,
          organisation: 'Vårdcentralen Solgläntan',
        }),
      ]);
      expect(res.body[0].isAdministrator).toBeUndefined();
    });

    it.each(['bos', 'BOSTRÖM', 'bostrom', 'Boström', 'nils bos', 'NIL', 'nilbo'])(
      'finds Nils Boström searching %p (prefix, case and accents ignored)',
      async (q) => {
        const res = await list({ q }).expect(200);
        expect(userIds(res.body)).toContain('nilbo4');
      },
    );

    it('needs every word to match, each as a prefix', async () => {
      expect(userIds((await list({ q: 'nils boström' })).body)).toEqual(['nilbo4']);
      expect(userIds((await list({ q: 'nils berg' })).body)).toEqual([]);
      expect(userIds((await list({ q: 'ström' })).body)).not.toContain('nilbo4');
    });

    it('matches a later word of a name: "maria" finds Linda Maria', async () => {
      const res = await list({ q: 'maria svens' }).expect(200);
      expect(userIds(res.body)).toContain('linma5');
    });

    it('matches the administration of an engagement', async () => {
      const res = await list({ q: 'närhälsan' }, { range: '[0,999]' }).expect(200);
      expect(userIds(res.body)).toEqual(expect.arrayContaining(['nilbo4', 'karlu1', 'majoh6']));
      expect(userIds(res.body)).not.toContain('ahmal7');
      const folded = await list({ q: 'NARH' }, { range: '[0,999]' }).expect(200);
      expect(folded.headers['content-range']).toBe(res.headers['content-range']);
      const combined = await list({ q: 'sahlgrenska ahmad' }).expect(200);
      expect(userIds(combined.body)).toEqual(['ahmal7']);
      const laterWord = await list({ q: 'universitets' }, { range: '[0,999]' }).expect(200);
      expect(userIds(laterWord.body)).toContain('ahmal7');
    });

    it('takes % and _ in a search literally', async () => {
      expect((await list({ q: '%' }).expect(200)).body).toEqual([]);
      expect((await list({ q: '_' }).expect(200)).body).toEqual([]);
      expect((await list({ q: 'n_l' }).expect(200)).body).toEqual([]);
    });

    it('filters on active engagement, care unit and administration', async () => {
      const units = await api()
        .get('/api/care-units')
        .query({ filter: JSON.stringify({ q: 'Vårdcentralen Solgläntan' }) })
        .expect(200);
      const solglantan = units.body[0].id as string;
      const atUnit = await list({ careUnitId: solglantan }, { range: '[0,999]' }).expect(200);
      expect(userIds(atUnit.body)).toEqual(expect.arrayContaining(['karlu1', 'nilbo4', 'linma5']));
      expect(userIds(atUnit.body)).not.toContain('majoh6');
      expect((atUnit.body as Person[]).every((p) => p.active)).toBe(true);

      const inactive = await list({ active: false }, { range: '[0,999]' }).expect(200);
      expect(userIds(inactive.body)).toContain('majoh6');
      expect((inactive.body as Person[]).every((p) => !p.active)).toBe(true);
      const active = await list({ active: 'true', q: 'maj' }, { range: '[0,999]' }).expect(200);
      expect(userIds(active.body)).not.toContain('majoh6');

      const admins = await api()
        .get('/api/administrations')
        .query({ filter: JSON.stringify({ q: 'Närhälsan' }) })
        .expect(200);
      const inNh = await list({ administrationId: admins.body[0].id }, { range: '[0,999]' }).expect(200);
      expect(userIds(inNh.body)).toEqual(expect.arrayContaining(['nilbo4', 'majoh6']));
      expect(userIds(inNh.body)).not.toContain('ahmal7');
    });

    it('gets many by id, as react-admin does', async () => {
      const some = await list({ q: 'bos' }).expect(200);
      const ids = (some.body as Person[]).map((p) => p.id);
      const byId = await list({ id: ids }).expect(200);
      expect((byId.body as Person[]).map((p) => p.id).sort()).toEqual([...ids].sort());
      const one = await list({ id: ids[0] }).expect(200);
      expect(one.body).toHaveLength(1);
    });

    it('sorts on the whitelisted keys only', async () => {
      const byUser = await list({}, { sort: '["userId","DESC"]', range: '[0,9]' }).expect(200);
      const ids = userIds(byUser.body);
      expect(ids).toEqual([...ids].sort().reverse());
      for (const key of ['firstName', 'hsaId', 'createdAt', 'lastName']) {
        await list({}, { sort: JSON.stringify([key, 'ASC']) }).expect(200);
      }
      const bad = await list({}, { sort: '["personnummer","ASC"]' }).expect(400);
      expect(bad.body.detail).toMatch(/sortera på personnummer/);
      await list({}, { sort: '["lastName; DROP TABLE person","ASC"]' }).expect(400);
    });

    it('sorts names in Swedish order: Å, Ä, Ö last, lower case not after Z', async () => {
      const ids: string[] = [];
      for (const [i, lastName] of ['Öberg', 'Ärlig', 'Åberg', 'Zorn', 'af Klint', 'Andersson'].entries()) {
        const res = await api()
          .post('/api/persons')
          .send({
            hsaId: `SE2321000131-P00000007000${i}`,
            userId: `sort${i}`,
            firstName: 'Sortera',
            lastName,
            passportNumber: `SORT${i}0000`,
          })
          .expect(201);
        ids.push(res.body.id);
      }
      const asc = await list({ id: ids }, { sort: '["lastName","ASC"]' }).expect(200);
      expect((asc.body as Person[]).map((p) => p.lastName)).toEqual([
        'af Klint',
        'Andersson',
        'Zorn',
        'Åberg',
        'Ärlig',
        'Öberg',
      ]);
      for (const id of ids) await api().delete(`/api/persons/${id}`).expect(200);
    });

    it('refuses unknown filters and malformed list parameters', async () => {
      const res = await list({ personnummer: '1993' }).expect(400);
      expect(res.body.detail).toMatch(/filtrera på personnummer/);
      await list({ careUnitId: 'not-a-uuid' }).expect(400);
      await list({ active: 'maybe' }).expect(400);
      await api().get('/api/persons').query({ filter: '{bad json' }).expect(400);
      await api().get('/api/persons').query({ range: '[10,0]' }).expect(400);
    });
  });

  describe('detail', () => {
    it('shows the whole personnummer and the administrator flag', async () => {
      const found = await lookup({ hsaId: 'SE2321000131-P000000000001' }).expect(200);
      const res = await api().get(`/api/persons/${found.body.id}`).expect(200);
      expect(res.body).toMatchObject({ userId: 'admin1', isAdministrator: true });
      expect(res.body.personnummer).toMatch(/^\d{8}-\d{4}$/);
      expect(res.body.engagements).toHaveLength(1);
    });

    it('answers 404 problem for an unknown or malformed id', async () => {
      const res = await api().get('/api/persons/00000000-0000-4000-8000-000000000000').expect(404);
      expect(res.body).toMatchObject({
        type: 'urn:beh:problem:not-found',
        detail: 'Personen hittades inte.',
      });
      await api().get('/api/persons/not-an-id').expect(404);
    });
  });

  describe('create, update, delete', () => {
    const valid = {
      hsaId: 'SE2321000131-P000000080001',
      userId: 'testa1',
      firstName: 'Testa',
      lastName: 'Testsson',
      title: 'Sjuksköterska',
      email: 'testa.testsson@vgr.example',
      personnummer: '880512-' + pnr('19880512', 431).slice(8),
    };
    const count = async (userId: string) => {
      const [{ n }] = (await t.dataSource.query('SELECT count(*)::int AS n FROM person WHERE user_id = $1', [
        userId,
      ])) as { n: number }[];
      return n;
    };

    it('creates a person, normalising personnummer and HSA-id', async () => {
      const res = await api()
        .post('/api/persons')
        .send({ ...valid, hsaId: ' se2321000131-p000000080001 ' })
        .expect(201);
      expect(res.body).toMatchObject({
        hsaId: 'SE2321000131-P000000080001',
        userId: 'testa1',
        personnummer: dashed(pnr('19880512', 431)),
        passportNumber: null,
        protectedIdentity: false,
        isAdministrator: false,
        active: false,
        organisation: '',
        engagements: [],
        heldAssignments: [],
      });
      const [row] = (await t.dataSource.query('SELECT personnummer FROM person WHERE id = $1', [
        res.body.id,
      ])) as { personnummer: string }[];
      expect(row.personnummer).toBe(pnr('19880512', 431));
    });

    it('reports every missing or malformed field at once, in Swedish', async () => {
      const res = await api()
        .post('/api/persons')
        .send({ hsaId: 'nonsense', firstName: '  ', email: 'not-an-email', protectedIdentity: 'yes' })
        .expect(400);
      expect(res.body).toMatchObject({ type: 'urn:beh:problem:validation', status: 400 });
      expect(res.body.errors).toEqual({
        hsaId: ['måste vara ett HSA-id, t.ex. SE2321000131-P000000000101'],
        userId: ['måste anges'],
        firstName: ['måste anges'],
        lastName: ['måste anges'],
        email: ['måste vara en giltig e-postadress'],
        protectedIdentity: ['måste vara sant eller falskt'],
      });
    });

    it('needs a personnummer or a passport number, and a valid personnummer', async () => {
      const none = await api()
        .post('/api/persons')
        .send({ ...valid, userId: 'nopnr1', personnummer: null })
        .expect(400);
      expect(Object.keys(none.body.errors).sort()).toEqual(['passportNumber', 'personnummer']);
      const bad = await api()
        .post('/api/persons')
        .send({ ...valid, userId: 'badpn1', personnummer: '19880512-4320' })
        .expect(400);
      expect(bad.body.errors).toEqual({ personnummer: [PERSONNUMMER_MESSAGES.CHECK_DIGIT] });
      const passportOnly = await api()
        .post('/api/persons')
        .send({
          ...valid,
          hsaId: 'SE2321000131-P000000080002',
          userId: 'passp1',
          personnummer: undefined,
          passportNumber: 'x12345678',
        })
        .expect(201);
      expect(passportOnly.body).toMatchObject({ personnummer: null, passportNumber: 'X12345678' });
      expect(await count('nopnr1')).toBe(0);
      expect(await count('badpn1')).toBe(0);
    });

    it('refuses unknown fields, isAdministrator included, and stores nothing', async () => {
      const res = await api()
        .post('/api/persons')
        .send({
          ...valid,
          hsaId: 'SE2321000131-P000000080003',
          userId: 'admin9',
          isAdministrator: true,
          foo: 1,
        })
        .expect(400);
      expect(res.body.errors).toEqual({
        isAdministrator: ['är inte ett känt fält'],
        foo: ['är inte ett känt fält'],
      });
      expect(await count('admin9')).toBe(0);
    });

    it('refuses wrong types', async () => {
      const res = await api()
        .post('/api/persons')
        .send({ ...valid, userId: 'types1', firstName: 42, personnummer: 198805124310, title: ['x'] })
        .expect(400);
      expect(res.body.errors).toEqual({
        firstName: ['måste vara text'],
        personnummer: ['måste vara text'],
        title: ['måste vara text'],
      });
      await api().post('/api/persons').send([valid]).expect(400);
      expect(await count('types1')).toBe(0);
    });

    it('answers 409 naming each field already taken, case-insensitively', async () => {
      const res = await api()
        .post('/api/persons')
        .send({
          ...valid,
          hsaId: 'se2321000131-p000000000104',
          userId: 'NILBO4',
          personnummer: pnr('19930704', 557),
        })
        .expect(409);
      expect(res.body.type).toBe('urn:beh:problem:conflict');
      expect(res.body.errors).toEqual({
        hsaId: ['Det finns redan en person med detta HSA-id.'],
        userId: ['Det finns redan en person med detta VGR-ID.'],
        personnummer: ['Det finns redan en person med detta personnummer.'],
      });
      const passport = await api()
        .post('/api/persons')
        .send({
          ...valid,
          hsaId: 'SE2321000131-P000000080004',
          userId: 'dupps1',
          personnummer: null,
          passportNumber: 'pa1234567',
        })
        .expect(409);
      expect(passport.body.errors).toEqual({
        passportNumber: ['Det finns redan en person med detta passnummer.'],
      });
    });

    it('updates only the given fields', async () => {
      const { body: person } = await lookup({ hsaId: valid.hsaId }).expect(200);
      const res = await api()
        .put(`/api/persons/${person.id}`)
        .send({ title: 'Specialistsjuksköterska', email: null, protectedIdentity: true })
        .expect(200);
      expect(res.body).toMatchObject({
        id: person.id,
        firstName: 'Testa',
        title: 'Specialistsjuksköterska',
        email: null,
        protectedIdentity: true,
        personnummer: person.personnummer,
      });
      const short = await api()
        .put(`/api/persons/${person.id}`)
        .send({ personnummer: `${pnr('19880512', 431).slice(2, 8)}-${pnr('19880512', 431).slice(8)}` })
        .expect(200);
      expect(short.body.personnummer).toBe(person.personnummer);
    });

    it('validates an update just as strictly', async () => {
      const { body: person } = await lookup({ hsaId: valid.hsaId }).expect(200);
      const put = (body: unknown) =>
        api()
          .put(`/api/persons/${person.id}`)
          .send(body as object);
      expect((await put({ isAdministrator: true }).expect(400)).body.errors).toEqual({
        isAdministrator: ['är inte ett känt fält'],
      });
      expect((await put({ id: person.id, firstName: 'X' }).expect(400)).body.errors).toEqual({
        id: ['är inte ett känt fält'],
      });
      expect((await put({ firstName: 7, lastName: null, userId: '' }).expect(400)).body.errors).toEqual({
        firstName: ['måste vara text'],
        lastName: ['måste anges'],
        userId: ['måste anges'],
      });
      expect((await put({ personnummer: null }).expect(400)).body.errors).toHaveProperty('personnummer');
      expect((await put({ userId: 'karlu1' }).expect(409)).body.errors).toEqual({
        userId: ['Det finns redan en person med detta VGR-ID.'],
      });
      const after = await api().get(`/api/persons/${person.id}`).expect(200);
      expect(after.body).toMatchObject({ isAdministrator: false, firstName: 'Testa', userId: 'testa1' });
      await api().put('/api/persons/00000000-0000-4000-8000-000000000000').send({ title: 'x' }).expect(404);
    });

    it('lets a person keep their own unique values', async () => {
      const { body: person } = await lookup({ hsaId: valid.hsaId }).expect(200);
      await api()
        .put(`/api/persons/${person.id}`)
        .send({ hsaId: valid.hsaId, userId: 'TESTA1', personnummer: person.personnummer })
        .expect(200);
    });

    it('deletes a person, answering the deleted record', async () => {
      const { body: person } = await lookup({ hsaId: valid.hsaId }).expect(200);
      const res = await api().delete(`/api/persons/${person.id}`).expect(200);
      expect(res.body).toMatchObject({ id: person.id, userId: 'TESTA1' });
      await api().get(`/api/persons/${person.id}`).expect(404);
      await api().delete(`/api/persons/${person.id}`).expect(404);
    });
  });
});
