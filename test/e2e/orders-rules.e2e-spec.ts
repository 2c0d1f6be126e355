import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../server/src/common/clock.js';
import {
  asOf,
  type CareUnitMade,
  endEngagements,
  newCareUnit,
  newHolding,
  newPerson,
  newTeam,
  type PersonMade,
  signedIn,
  type Team,
} from '../factories/index.js';
import type { Client } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { addDays, place, refusedWithoutTrace, rulesOf, sendIn } from './orders-support.js';

/**
 * Every rule of placing (domain.md rules 1–3, 13 and 14), each refusal naming its line and rule. Each rule is
 * shown on a world of its own made by the factories: a team (a unit with its head, an orderer
 * and an attestant), a second unit the same head leads, and staff of a private care provider.
 */
describe('the rules of placing an order', () => {
  let t: TestApp;
  let clock: Clock;
  let today: string;
  let team: Team;
  /** Another unit of the team's head, where the team's orderer and attestant have no rights. */
  let second: CareUnitMade;
  let privateUnit: CareUnitMade;
  /** Engaged at the team's unit, holding nothing. */
  let nurse: PersonMade;
  let orderer: Client;
  let head: Client;

  beforeAll(async () => {
    t = await createTestApp();
    clock = t.app.get(Clock);
    today = clock.today();
    // Granted in January, so that the rights hold on any day of the year the clock is set to.
    team = await asOf(t, '2026-01-01', () => newTeam(t));
    second = await newCareUnit(t, { head: team.head });
    privateUnit = await newCareUnit(t, { privateProvider: true });
    nurse = await newPerson(t, { unit: team.unit });
    [orderer, head] = await Promise.all([signedIn(t, team.orderer), signedIn(t, team.head)]);
  });
  afterEach(() => clock.set(undefined));
  afterAll(async () => {
    await t.close();
  });

  const a = () => team.unit.assignments;
  const send = (endUser: { id: string }, assignments: { id: string }[], startDate: string, extra = {}) =>
    sendIn(team, endUser, assignments, startDate, extra);

  /** Someone who holds VoB SJF at the team's unit and whose engagement ended yesterday. */
  const formerHolder = async () => {
    const former = await newPerson(t, { unit: team.unit, engagedFrom: '2017-06-01' });
    await newHolding(t, { holder: former, unit: team.unit, assignment: 'vob' });
    await endEngagements(t, former, addDays(today, -1));
    return former;
  };

  const refused = (client: Client, body: object, status: number) =>
    refusedWithoutTrace(t, client, body, status);

  it('Nyupplägg needs an active engagement', async () => {
    const former = await newPerson(t, {
      unit: team.unit,
      engagedFrom: '2017-06-01',
      engagedTo: addDays(today, -1),
    });
    const body = await refused(orderer, send(former, [a().stat], today), 422);
    expect(rulesOf(body)).toEqual([[0, 'NO_ACTIVE_ENGAGEMENT']]);
    expect(body.detail).toBe(
      'Statistik VE: Personen saknar aktivt engagemang – endast avslut kan beställas.',
    );
  });

  it('Administration Spärr & Logg only for staff of a private care provider', async () => {
    expect(rulesOf(await refused(orderer, send(nurse, [a().sparr], today), 422))).toEqual([
      [0, 'PRIVATE_PROVIDER_ONLY'],
    ]);
    const privateStaff = await newPerson(t, { unit: privateUnit });
    // Engaged at the private provider's unit, not here: the soft rule 2d warns, confirmed.
    await place(orderer, send(privateStaff, [a().sparr], today, { confirmedWarnings: true }));
  });

  it('not what the person already holds', async () => {
    const holder = await newPerson(t, { unit: team.unit });
    await newHolding(t, { holder, unit: team.unit, assignment: 'vob' });
    expect(rulesOf(await refused(orderer, send(holder, [a().vob], today), 422))).toEqual([
      [0, 'ALREADY_HELD'],
    ]);
  });

  it('not what is already pending for the person', async () => {
    const staff = await newPerson(t, { unit: team.unit });
    await place(orderer, send(staff, [a().stat], today));
    expect(rulesOf(await refused(head, send(staff, [a().kval, a().stat], today), 422))).toEqual([
      [1, 'ALREADY_PENDING'],
    ]);
  });

  it('Avslut only of what the person holds; one whose engagement has ended may have it ended', async () => {
    expect(rulesOf(await refused(orderer, send(nurse, [a().stat], today, { type: 'REVOKE' }), 422))).toEqual([
      [0, 'NOT_HELD'],
    ]);
    const former = await formerHolder();
    const [placed] = await place(orderer, send(former, [a().vob], addDays(today, 7), { type: 'REVOKE' }));
    const [row] = await t.dataSource.query('SELECT type, start_date FROM vmu_order WHERE id = $1', [
      placed.id,
    ]);
    expect(row).toEqual({ type: 'REVOKE', start_date: addDays(today, 7) });
    // …and not twice.
    expect(rulesOf(await refused(head, send(former, [a().vob], today, { type: 'REVOKE' }), 422))).toEqual([
      [0, 'ALREADY_PENDING'],
    ]);
  });

  it('the attestant must be chosen and allowed to attest on the unit', async () => {
    const missing = await refused(orderer, send(nurse, [a().kval], today, { attestants: {} }), 422);
    expect(rulesOf(missing)).toEqual([[0, 'ATTESTANT_MISSING']]);
    // Someone with no right to attest on the unit (not the end user: that is rule 11's own refusal).
    const bystander = await newPerson(t, { unit: second });
    const notAllowed = send(nurse, [a().kval, a().stat], today, {
      attestants: { [team.unit.id]: bystander.id },
    });
    expect(rulesOf(await refused(orderer, notAllowed, 422))).toEqual([
      [0, 'ATTESTANT_NOT_ALLOWED'],
      [1, 'ATTESTANT_NOT_ALLOWED'],
    ]);
    // The head leads the second unit too, but the team's attestant may only attest on the first.
    const staff = await newPerson(t, { unit: second });
    const wrongUnit = send(staff, [second.assignments.vob], today, {
      attestants: { [second.id]: team.attestant.id },
    });
    expect(rulesOf(await refused(head, wrongUnit, 422))).toEqual([[0, 'ATTESTANT_NOT_ALLOWED']]);
    const nobody = send(staff, [second.assignments.vob], today, {
      attestants: { [second.id]: randomUUID() },
    });
    expect(rulesOf(await refused(head, nobody, 422))).toEqual([[0, 'ATTESTANT_NOT_ALLOWED']]);
  });

  it("the start date is not before Stockholm's today", async () => {
    const body = await refused(orderer, send(nurse, [a().kval], addDays(today, -1)), 422);
    expect(body.violations).toEqual([
      { line: null, rule: 'START_DATE_IN_PAST', message: 'Startdatumet får inte vara tidigare än i dag.' },
    ]);
    // 23:30 UTC on 1 June is already 2 June in Stockholm.
    clock.set(new Date('2026-06-01T23:30:00Z'));
    const late = await refused(orderer, send(nurse, [a().kval], '2026-06-01'), 422);
    expect(rulesOf(late)).toEqual([[null, 'START_DATE_IN_PAST']]);
  });

  it('an end date is not before the start date', async () => {
    const body = send(nurse, [a().kval], today, { endDate: addDays(today, -1) });
    expect(rulesOf(await refused(orderer, body, 422))).toEqual([[null, 'END_DATE_BEFORE_START']]);
  });

  it('no line twice, no unknown assignment, no unknown end user', async () => {
    const unknown = { id: randomUUID() };
    const body = await refused(orderer, send(nurse, [a().kval, unknown, a().kval], today), 422);
    expect(rulesOf(body)).toEqual([
      [1, 'UNKNOWN_ASSIGNMENT'],
      [2, 'DUPLICATE_LINE'],
    ]);
    expect(body.detail).toBe('Beställningen bryter mot 2 regler; se de markerade raderna.');
    const noOne = { ...send(nurse, [a().kval], today), endUserId: randomUUID() };
    expect(rulesOf(await refused(orderer, noOne, 422))).toEqual([[null, 'UNKNOWN_END_USER']]);
  });

  it('names every broken line of a send at once', async () => {
    // Holds VoB SJF, whose Avslut is pending, and has no engagement any more.
    const former = await formerHolder();
    await place(orderer, send(former, [a().vob], today, { type: 'REVOKE' }));
    const body = send(former, [a().vob, second.assignments.vob, a().sparr], addDays(today, -3));
    expect(rulesOf(await refused(orderer, body, 403))).toEqual([
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
      orderer,
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
      orderer,
      { ...send(nurse, [a().kval], today), items: [{ id: a().kval.id }] },
      400,
    );
    expect(badLine.errors).toEqual({ items: ['varje rad måste vara {"assignmentId": id}'] });
  });
});
