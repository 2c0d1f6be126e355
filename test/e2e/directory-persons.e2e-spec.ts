import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { luhnCheckDigit, PERSONNUMMER_MESSAGES } from '../../server/src/directory/personnummer.js';
import { PERSONAS } from '../../server/src/seed/demo-data.js';
import { syntheticPersonnummer } from '../../server/src/seed/seed-ids.js';
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
  const api = () => request(t.http);
  const lookup = (query: Record<string, string>) => api().get('/api/persons/lookup').query(query);
  const list = (filter: Record<string, unknown> = {}, extra: Record<string, string> = {}) =>
    api()
      .get('/api/persons')
      .query({ filter: JSON.stringify(filter), range: '[0,99]', ...extra });
  const userIds = (body: Person[]) => body.map((p) => p.userId);

  beforeAll(async () => {
    t = await createTestApp();
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
});
