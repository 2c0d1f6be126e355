import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PERSONNUMMER_MESSAGES } from '../../server/src/common/personnummer.js';
import { type Client, signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { personnummerOf, validPersonnummer } from './mass-orders-support.js';
import { person, SOLGLANTAN, VOB_SOL } from './orders-support.js';

interface Listed {
  id: string;
  userId: string;
  personnummer: string | null;
  organisation: string;
  [key: string]: unknown;
}

const MASKED = /^\d{4}xxxx-xxxx$/;

/** Redigera användare (rule 8): the members of an assignment, the search for people to add, the import. */
describe('mass orders: members, search and import', () => {
  let t: TestApp;
  let eriho2: Client;

  const candidates = async (filter: Record<string, string>, range = '[0,49]') => {
    const params = new URLSearchParams({ filter: JSON.stringify(filter), range });
    const res = await eriho2.get(`/api/mass-orders/assignments/${VOB_SOL}/candidates?${params}`).expect(200);
    return { rows: res.body as Listed[], range: res.headers['content-range'] };
  };

  beforeAll(async () => {
    t = await createTestApp();
    eriho2 = await signIn(t, 'eriho2');
  });
  afterAll(async () => {
    await t.close();
  });

  it('heads the page with the assignment and its counts', async () => {
    const res = await eriho2.get(`/api/mass-orders/assignments/${VOB_SOL}`).expect(200);
    const [{ n }] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(DISTINCT person_id)::int AS n FROM held_assignment
        WHERE assignment_id = $1 AND valid_from <= current_date AND (valid_to IS NULL OR valid_to >= current_date)`,
      [VOB_SOL],
    );
    expect(res.body).toMatchObject({
      id: VOB_SOL,
      name: 'VoB SJF',
      kind: 'GENERAL',
      careUnitId: SOLGLANTAN,
      careUnitName: 'Vårdcentralen Solgläntan',
      memberCount: n,
      pendingGrantCount: 0,
    });
  });

  it('lists the current members, masked, paged and searchable', async () => {
    const all = await eriho2.get(`/api/mass-orders/assignments/${VOB_SOL}/members?range=[0,999]`).expect(200);
    const members = all.body as Listed[];
    const linma5 = members.find((m) => m.id === person('linma5'));
    expect(linma5).toMatchObject({
      userId: 'linma5',
      firstName: 'Linda Maria',
      lastName: 'Svensson',
      organisation: 'Vårdcentralen Solgläntan',
      status: 'HOLDING',
      heldFrom: '2021-02-01',
      pendingRevoke: false,
      removable: true,
      reasonText: null,
    });
    expect(members.find((m) => m.id === person('majoh6'))).toMatchObject({ status: 'HOLDING' });
    expect(members.every((m) => m.personnummer === null || MASKED.test(m.personnummer))).toBe(true);
    expect(members.some((m) => m.id === person('nilbo4'))).toBe(false);
    const lastNames = members.map((m) => m.lastName as string);
    expect(lastNames).toEqual([...lastNames].sort((a, b) => a.localeCompare(b, 'sv')));

    const page = await eriho2.get(`/api/mass-orders/assignments/${VOB_SOL}/members?range=[0,1]`).expect(200);
    expect(page.body).toHaveLength(2);
    expect(page.headers['content-range']).toBe(`members 0-1/${members.length}`);
    const found = await eriho2
      .get(`/api/mass-orders/assignments/${VOB_SOL}/members?filter=${encodeURIComponent('{"q":"linda"}')}`)
      .expect(200);
    expect((found.body as Listed[]).map((m) => m.userId)).toEqual(['linma5']);
  });

  it('searches people by first name, last name, VGR-ID and organisation, marked for the assignment', async () => {
    expect((await candidates({ lastName: 'bostrom' })).rows.map((r) => r.userId)).toContain('nilbo4');
    const linda = await candidates({ firstName: 'Linda Maria', lastName: 'Sv' });
    expect(linda.rows).toEqual([
      expect.objectContaining({ userId: 'linma5', holds: true, pending: null, hasActiveEngagement: true }),
    ]);
    expect(linda.range).toBe('candidates 0-0/1');
    // "Maria" is a later word of the first name.
    expect((await candidates({ firstName: 'mari', userId: 'LINMA' })).rows.map((r) => r.userId)).toEqual([
      'linma5',
    ]);
    const nils = (await candidates({ userId: 'nilbo4' })).rows;
    expect(nils).toEqual([
      expect.objectContaining({
        id: person('nilbo4'),
        firstName: 'Nils',
        lastName: 'Boström',
        organisation: 'Vårdcentralen Solgläntan',
        holds: false,
        pending: null,
        hasActiveEngagement: true,
      }),
    ]);
    expect(nils[0].personnummer).toMatch(MASKED);
    expect((await candidates({ userId: 'majoh6' })).rows[0]).toMatchObject({ hasActiveEngagement: false });
  });

  it('finds everyone engaged at a unit or administration by its name, paged with the total', async () => {
    const [{ n }] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(DISTINCT person_id)::int AS n FROM engagement
        WHERE care_unit_id = $1 AND valid_from <= current_date AND (valid_to IS NULL OR valid_to >= current_date)`,
      [SOLGLANTAN],
    );
    const solglantan = await candidates({ organisation: 'vårdcentralen sol' }, '[0,9]');
    expect(solglantan.rows).toHaveLength(Math.min(10, n));
    expect(solglantan.range).toBe(`candidates 0-${Math.min(10, n) - 1}/${n}`);
    expect(solglantan.rows.every((r) => r.organisation.includes('Vårdcentralen Solgläntan'))).toBe(true);
    const byWord = await candidates({ organisation: 'Solgläntan', lastName: 'Boström' });
    expect(byWord.rows.map((r) => r.userId)).toEqual(['nilbo4']);
    const administration = await candidates({ organisation: 'Hälsoakuten' });
    expect(administration.rows.map((r) => r.userId)).toContain('petny8');
    expect(administration.rows.map((r) => r.userId)).not.toContain('nilbo4');
  });

  it('answers an empty search with nothing, and refuses an unknown sort', async () => {
    const empty = await candidates({});
    expect(empty).toEqual({ rows: [], range: 'candidates 0-0/0' });
    await eriho2.get(`/api/mass-orders/assignments/${VOB_SOL}/candidates?sort=["hsaId","ASC"]`).expect(400);
  });

  it('imports a list of VGR-IDs and personnummer, reporting lines not found and invalid', async () => {
    const petny8 = await personnummerOf(t, 'petny8');
    const nilbo4 = await personnummerOf(t, 'nilbo4');
    const short = `${petny8.slice(2, 8)}-${petny8.slice(8)}`;
    const wrongCheck = `${nilbo4.slice(0, 11)}${(Number(nilbo4[11]) + 1) % 10}`;
    const nobody = validPersonnummer('450101998', '19');
    const text = [
      'VGR-ID;Personnummer',
      'nilbo4',
      `"LINMA5"; ${short}`,
      '',
      'okand99, 1993070',
      wrongCheck,
      `${nobody}\t19990231-1234`,
      `${nilbo4.slice(0, 8)}-${nilbo4.slice(8)}`,
      '#?!',
    ].join('\r\n');
    const res = await eriho2
      .post('/api/mass-orders/import')
      .send({ assignmentId: VOB_SOL, text })
      .expect(200);
    const report = res.body as {
      found: (Listed & { line: number; value: string })[];
      notFound: { line: number; value: string }[];
      invalid: { line: number; value: string; message: string }[];
      duplicates: { line: number; value: string; personId: string }[];
    };
    expect(report.found.map((f) => [f.line, f.value, f.userId])).toEqual([
      [2, 'nilbo4', 'nilbo4'],
      [3, 'LINMA5', 'linma5'],
      [3, short, 'petny8'],
    ]);
    expect(report.found[1]).toMatchObject({ holds: true });
    expect(report.found.every((f) => f.personnummer === null || MASKED.test(f.personnummer))).toBe(true);
    expect(report.notFound).toEqual([
      { line: 5, value: 'okand99' },
      { line: 7, value: nobody },
    ]);
    expect(report.invalid).toEqual([
      { line: 5, value: '1993070', message: PERSONNUMMER_MESSAGES.LENGTH },
      { line: 6, value: wrongCheck, message: PERSONNUMMER_MESSAGES.CHECK_DIGIT },
      { line: 7, value: '19990231-1234', message: PERSONNUMMER_MESSAGES.DATE },
      { line: 9, value: '#?!', message: 'Värdet är varken ett VGR-ID eller ett personnummer.' },
    ]);
    expect(report.invalid[1].message).toBe(
      'Personnumrets kontrollsiffra (sista siffran) stämmer inte. Kontrollera att du skrivit rätt.',
    );
    expect(report.duplicates).toEqual([
      { line: 8, value: `${nilbo4.slice(0, 8)}-${nilbo4.slice(8)}`, personId: person('nilbo4') },
    ]);
  });

  it('refuses an import without text (400)', async () => {
    const res = await eriho2
      .post('/api/mass-orders/import')
      .send({ assignmentId: VOB_SOL, text: '  ' })
      .expect(400);
    expect(res.body).toMatchObject({ errors: { text: ['måste anges'] } });
  });
});
