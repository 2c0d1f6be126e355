import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../server/src/common/clock.js';
import { type Client, signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  addDays,
  AVD12,
  KVAL_SOL,
  person,
  place,
  refusedWithoutTrace,
  rulesOf,
  send,
  SOLGLANTAN,
  SPARR_SOL,
  STAT_SOL,
  VOB_AVD12,
  VOB_SOL,
} from './orders-support.js';

/** Every rule of placing (issue 4, point 2), each refusal naming its line and rule. */
describe('the rules of placing an order', () => {
  let t: TestApp;
  let clock: Clock;
  let today: string;
  let eriho2: Client;
  let karlu1: Client;

  beforeAll(async () => {
    t = await createTestApp();
    clock = t.app.get(Clock);
    today = clock.today();
    [eriho2, karlu1] = await Promise.all(['eriho2', 'karlu1'].map((u) => signIn(t, u)));
  });
  afterEach(() => clock.set(undefined));
  afterAll(async () => {
    await t.close();
  });

  const refused = (client: Client, body: object, status: number) =>
    refusedWithoutTrace(t, client, body, status);

  it('Nyupplägg needs an active engagement (majoh6)', async () => {
    const body = await refused(eriho2, send('majoh6', [STAT_SOL], today), 422);
    expect(rulesOf(body)).toEqual([[0, 'NO_ACTIVE_ENGAGEMENT']]);
    expect(body.detail).toBe(
      'Statistik VE: Personen saknar aktivt engagemang – endast avslut kan beställas.',
    );
  });

  it('Administration Spärr & Logg only for staff of a private care provider', async () => {
    expect(rulesOf(await refused(eriho2, send('nilbo4', [SPARR_SOL], today), 422))).toEqual([
      [0, 'PRIVATE_PROVIDER_ONLY'],
    ]);
    await place(eriho2, send('petny8', [SPARR_SOL], today));
  });

  it('not what the person already holds (linma5 has VoB SJF)', async () => {
    expect(rulesOf(await refused(eriho2, send('linma5', [VOB_SOL], today), 422))).toEqual([
      [0, 'ALREADY_HELD'],
    ]);
  });

  it('not what is already pending for the person', async () => {
    await place(eriho2, send('linma5', [STAT_SOL], today));
    expect(rulesOf(await refused(karlu1, send('linma5', [KVAL_SOL, STAT_SOL], today), 422))).toEqual([
      [1, 'ALREADY_PENDING'],
    ]);
  });

  it('Avslut only of what the person holds; majoh6 (engagement ended) may have hers ended', async () => {
    expect(
      rulesOf(await refused(eriho2, send('nilbo4', [STAT_SOL], today, { type: 'REVOKE' }), 422)),
    ).toEqual([[0, 'NOT_HELD']]);
    const [placed] = await place(eriho2, send('majoh6', [VOB_SOL], addDays(today, 7), { type: 'REVOKE' }));
    const [row] = await t.dataSource.query('SELECT type, start_date FROM vmu_order WHERE id = $1', [
      placed.id,
    ]);
    expect(row).toEqual({ type: 'REVOKE', start_date: addDays(today, 7) });
    // …and not twice.
    expect(rulesOf(await refused(karlu1, send('majoh6', [VOB_SOL], today, { type: 'REVOKE' }), 422))).toEqual(
      [[0, 'ALREADY_PENDING']],
    );
  });

  it('the attestant must be chosen and allowed to attest on the unit', async () => {
    const missing = await refused(eriho2, send('nilbo4', [KVAL_SOL], today, { attestants: {} }), 422);
    expect(rulesOf(missing)).toEqual([[0, 'ATTESTANT_MISSING']]);
    const notAllowed = send('nilbo4', [KVAL_SOL, STAT_SOL], today, {
      attestants: { [SOLGLANTAN]: person('nilbo4') },
    });
    expect(rulesOf(await refused(eriho2, notAllowed, 422))).toEqual([
      [0, 'ATTESTANT_NOT_ALLOWED'],
      [1, 'ATTESTANT_NOT_ALLOWED'],
    ]);
    // karlu1 heads Avdelning 12 but sarbe3 may only attest on Solgläntan.
    const wrongUnit = send('ahmal7', [VOB_AVD12], today, { attestants: { [AVD12]: person('sarbe3') } });
    expect(rulesOf(await refused(karlu1, wrongUnit, 422))).toEqual([[0, 'ATTESTANT_NOT_ALLOWED']]);
    const nobody = send('ahmal7', [VOB_AVD12], today, { attestants: { [AVD12]: randomUUID() } });
    expect(rulesOf(await refused(karlu1, nobody, 422))).toEqual([[0, 'ATTESTANT_NOT_ALLOWED']]);
  });

  it("the start date is not before Stockholm's today", async () => {
    const body = await refused(eriho2, send('nilbo4', [KVAL_SOL], addDays(today, -1)), 422);
    expect(body.violations).toEqual([
      { line: null, rule: 'START_DATE_IN_PAST', message: 'Startdatumet får inte vara tidigare än i dag.' },
    ]);
    // 23:30 UTC on 1 June is already 2 June in Stockholm.
    clock.set(new Date('2026-06-01T23:30:00Z'));
    const late = await refused(eriho2, send('nilbo4', [KVAL_SOL], '2026-06-01'), 422);
    expect(rulesOf(late)).toEqual([[null, 'START_DATE_IN_PAST']]);
  });

  it('an end date is not before the start date', async () => {
    const body = send('nilbo4', [KVAL_SOL], today, { endDate: addDays(today, -1) });
    expect(rulesOf(await refused(eriho2, body, 422))).toEqual([[null, 'END_DATE_BEFORE_START']]);
  });

  it('no line twice, no unknown assignment, no unknown end user', async () => {
    const unknown = randomUUID();
    const body = await refused(eriho2, send('nilbo4', [KVAL_SOL, unknown, KVAL_SOL], today), 422);
    expect(rulesOf(body)).toEqual([
      [1, 'UNKNOWN_ASSIGNMENT'],
      [2, 'DUPLICATE_LINE'],
    ]);
    expect(body.detail).toBe('Beställningen bryter mot 2 regler; se de markerade raderna.');
    const noOne = { ...send('nilbo4', [KVAL_SOL], today), endUserId: randomUUID() };
    expect(rulesOf(await refused(eriho2, noOne, 422))).toEqual([[null, 'UNKNOWN_END_USER']]);
  });

  it('names every broken line of a send at once', async () => {
    // majoh6 holds VoB SJF, whose Avslut is pending since an earlier test, and has no engagement.
    const body = send('majoh6', [VOB_SOL, VOB_AVD12, SPARR_SOL], addDays(today, -3));
    expect(rulesOf(await refused(eriho2, body, 403))).toEqual([
      [0, 'ALREADY_HELD'],
      [0, 'ALREADY_PENDING'],
      [0, 'NO_ACTIVE_ENGAGEMENT'],
      [1, 'NO_ORDER_RIGHT'],
      [2, 'NO_ACTIVE_ENGAGEMENT'],
      [2, 'PRIVATE_PROVIDER_ONLY'],
      [null, 'START_DATE_IN_PAST'],
    ]);
  });

  it('refuses malformed sends field by field', async () => {
    const body = await refused(
      eriho2,
      { type: 'KÖP', endUserId: 'x', items: [], startDate: '2026-02-30', urgent: 'ja', extra: 1 },
      400,
    );
    expect(Object.keys(body.errors as object).sort()).toEqual([
      'endUserId',
      'extra',
      'items',
      'startDate',
      'type',
      'urgent',
    ]);
    const badLine = await refused(
      eriho2,
      { ...send('nilbo4', [KVAL_SOL], today), items: [{ id: KVAL_SOL }] },
      400,
    );
    expect(badLine.errors).toEqual({ items: ['varje rad måste vara {"assignmentId": id}'] });
  });
});
