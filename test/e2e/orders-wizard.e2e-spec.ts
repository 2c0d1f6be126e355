import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../server/src/common/clock.js';
import {
  type CareUnitMade,
  newCareUnit,
  newHolding,
  newPerson,
  newTeam,
  signedIn,
  type Team,
} from '../factories/index.js';
import { anonymous, type Client, signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  addDays,
  KVAL_SOL,
  person,
  place,
  rulesOf,
  send,
  sendIn,
  SOLGLANTAN,
  VOB_SOL,
} from './orders-support.js';

interface Offered {
  id: string;
  name: string;
  orderable: boolean;
  reason: string | null;
  reasonText: string | null;
  privateProviderOnly: boolean;
  heldFrom?: string;
}
interface Answer {
  endUser: { hasActiveEngagement: boolean; privateProvider: boolean } | null;
  units: { careUnitId: string; careUnitName: string; administrationName: string; assignments: Offered[] }[];
}

/**
 * What the wizard is offered: GET /api/orderable-assignments and GET /api/attestants. What the
 * demo personas are offered at Solgläntan first; the rules on a world made by the factories: a
 * team (a "Vårdcentralen" with its head, an orderer and an attestant by delegation), a second
 * unit ("Avdelning") of the same head, and a unit of a private care provider.
 */
describe('wizard support', () => {
  let t: TestApp;
  let today: string;
  let eriho2: Client;
  let team: Team;
  let second: CareUnitMade;
  let privateUnit: CareUnitMade;
  let orderer: Client;
  let head: Client;

  beforeAll(async () => {
    t = await createTestApp();
    today = t.app.get(Clock).today();
    eriho2 = await signIn(t, 'eriho2');
    team = await newTeam(t, {
      name: 'Vårdcentralen Testgläntan',
      people: { head: { lastName: 'Lund' }, orderer: { lastName: 'Holm' }, attestant: { lastName: 'Berg' } },
    });
    second = await newCareUnit(t, { name: 'Avdelning 1 Test', head: team.head });
    privateUnit = await newCareUnit(t, { privateProvider: true });
    [orderer, head] = await Promise.all([signedIn(t, team.orderer), signedIn(t, team.head)]);
  });
  afterAll(async () => {
    await t.close();
  });

  /** `endUser`: a persona's VGR-ID or a factory-made person. */
  const offered = async (
    client: Client,
    endUser: string | { id: string } | null,
    type = 'GRANT',
  ): Promise<Answer> => {
    const endUserId = typeof endUser === 'string' ? person(endUser) : endUser?.id;
    const query = new URLSearchParams({ type, ...(endUserId ? { endUserId } : {}) });
    return (await client.get(`/api/orderable-assignments?${query.toString()}`).expect(200)).body as Answer;
  };
  /** Per unit name, each assignment as "name" when orderable, else "name: REASON". */
  const marks = (answer: Answer) =>
    Object.fromEntries(
      answer.units.map((u) => [
        u.careUnitName,
        u.assignments.map((a) => (a.orderable ? a.name : `${a.name}: ${a.reason}`)),
      ]),
    );
  const attestants = async (client: Client, careUnitId: string, assignmentIds: string[] = []) => {
    const query = new URLSearchParams({ careUnitId });
    if (assignmentIds.length) query.set('assignmentIds', assignmentIds.join(','));
    const res = await client.get(`/api/attestants?${query.toString()}`).expect(200);
    return (res.body as { userId: string }[]).map((p) => p.userId);
  };
  const staff = (unit: CareUnitMade = team.unit, options = {}) => newPerson(t, { unit, ...options });
  /** The team's unit and the second as the answer names them, and the catalogue in its order. */
  const SHOWN = ['VoB SJF', 'Kvalitetssäkring', 'Statistik VE'];

  describe('orderable assignments', () => {
    it('Nyupplägg for nilbo4 as eriho2: Solgläntan only, general first, Spärr & Logg not shown', async () => {
      const answer = await offered(eriho2, 'nilbo4');
      expect(answer.endUser).toEqual({ hasActiveEngagement: true, privateProvider: false, active: true });
      expect(answer.units).toEqual([
        expect.objectContaining({
          careUnitId: SOLGLANTAN,
          careUnitName: 'Vårdcentralen Solgläntan',
          careUnitHsaId: 'SE2321000131-E000000000101',
          administrationName: 'Närhälsan',
        }),
      ]);
      expect(marks(answer)).toEqual({
        'Vårdcentralen Solgläntan': ['VoB SJF', 'Kvalitetssäkring', 'Statistik VE'],
      });
      expect(answer.units[0].assignments[0]).toEqual({
        id: VOB_SOL,
        name: 'VoB SJF',
        kind: 'GENERAL',
        purpose: 'CARE_AND_TREATMENT',
        description: expect.stringContaining('Pascal'),
        privateProviderOnly: false,
        requiresLocalAccess: false,
        orderable: true,
        reason: null,
        reasonText: null,
      });
    });

    it('held and pending assignments are shown but cannot be ticked, with the reason', async () => {
      const holder = await staff();
      await newHolding(t, { holder, unit: team.unit, assignment: 'vob' });
      await place(orderer, sendIn(team, holder, [team.unit.assignments.stat], today));
      const answer = await offered(orderer, holder);
      expect(marks(answer)).toEqual({
        'Vårdcentralen Testgläntan': [
          'VoB SJF: ALREADY_HELD',
          'Kvalitetssäkring',
          'Statistik VE: ALREADY_PENDING',
        ],
      });
      expect(answer.units[0].assignments[0].reasonText).toBe('Personen har redan uppdraget.');
    });

    it('majoh6 (engagement ended): nothing new to order; Avslut offers what she holds, since when', async () => {
      const grant = await offered(eriho2, 'majoh6');
      expect(grant.endUser).toEqual({ hasActiveEngagement: false, privateProvider: false, active: true });
      expect(marks(grant)).toEqual({
        'Vårdcentralen Solgläntan': [
          'VoB SJF: ALREADY_HELD',
          'Kvalitetssäkring: NO_ACTIVE_ENGAGEMENT',
          'Statistik VE: NO_ACTIVE_ENGAGEMENT',
        ],
      });
      const revoke = await offered(eriho2, 'majoh6', 'REVOKE');
      expect(marks(revoke)).toEqual({ 'Vårdcentralen Solgläntan': ['VoB SJF'] });
      expect(revoke.units[0].assignments[0].heldFrom).toBe('2017-06-01');
      await place(eriho2, send('majoh6', [VOB_SOL], addDays(today, 3), { type: 'REVOKE' }));
      expect(marks(await offered(eriho2, 'majoh6', 'REVOKE'))).toEqual({
        'Vårdcentralen Solgläntan': ['VoB SJF: ALREADY_PENDING'],
      });
      expect((await offered(eriho2, 'nilbo4', 'REVOKE')).units).toEqual([]);
    });

    it('Spärr & Logg is offered for staff of a private care provider', async () => {
      const answer = await offered(orderer, await staff(privateUnit));
      expect(answer.endUser).toEqual({ hasActiveEngagement: true, privateProvider: true, active: true });
      const sparr = answer.units[0].assignments.find((a) => a.id === team.unit.assignments.sparr.id);
      expect(sparr).toMatchObject({ orderable: true, privateProviderOnly: true });
    });

    it('a head of two units gets both; without an end user (mass orders) everything is offered', async () => {
      expect(marks(await offered(head, await staff(second)))).toEqual({
        'Avdelning 1 Test': SHOWN,
        'Vårdcentralen Testgläntan': SHOWN,
      });
      const mass = await offered(head, null);
      expect(mass.endUser).toBeNull();
      expect(mass.units.map((u) => u.assignments.length)).toEqual([4, 4]);
    });

    it('only units with both ORDER and ATTEST, and only the assignments a delegation lists', async () => {
      const attestant = await signedIn(t, team.attestant);
      expect((await offered(attestant, await staff())).units).toEqual([]);
      // The head: ORDER+ATTEST for Statistik VE only to one nurse, ORDER only to another, on the second unit.
      const [listed, orderOnly, endUser] = [await staff(), await staff(), await staff(second)];
      const stat = second.assignments.stat;
      const vob = second.assignments.vob;
      await head
        .post('/api/delegations')
        .send({
          delegateId: listed.id,
          careUnitId: second.id,
          rights: ['ORDER', 'ATTEST'],
          assignmentIds: [stat.id],
          validFrom: today,
        })
        .expect(201);
      await head
        .post('/api/delegations')
        .send({ delegateId: orderOnly.id, careUnitId: second.id, rights: ['ORDER'], validFrom: today })
        .expect(201);
      const listedClient = await signedIn(t, listed);
      expect(marks(await offered(listedClient, endUser))).toEqual({ 'Avdelning 1 Test': ['Statistik VE'] });
      const orderOnlyClient = await signedIn(t, orderOnly);
      expect((await offered(orderOnlyClient, endUser)).units).toEqual([]);

      // Placing follows the same rights, line by line.
      const body = sendIn(team, endUser, [stat, vob], today, { attestants: { [second.id]: team.head.id } });
      const refused = await listedClient.post('/api/orders').send(body).expect(403);
      expect(rulesOf(refused.body)).toEqual([[1, 'NO_ORDER_RIGHT']]);
      await place(listedClient, { ...body, items: [{ assignmentId: stat.id }] });
      const byOrderOnly = await orderOnlyClient
        .post('/api/orders')
        .send({ ...body, items: [{ assignmentId: vob.id }] });
      expect(rulesOf(byOrderOnly.body)).toEqual([[0, 'NO_ORDER_RIGHT']]);
    });

    it('refuses bad questions and those without rights', async () => {
      for (const query of ['type=BUY', `endUserId=${team.attestant.userId}`, 'type=GRANT&type=REVOKE']) {
        await orderer.get(`/api/orderable-assignments?${query}`).expect(400);
      }
      await orderer.get(`/api/orderable-assignments?endUserId=${randomUUID()}`).expect(404);
      await (await signedIn(t, await staff())).get('/api/orderable-assignments').expect(403);
      await (await anonymous(t)).get('/api/orderable-assignments').expect(401);
    });
  });

  describe('attestants', () => {
    it('the head and the ATTEST delegates of a unit, by last name', async () => {
      const res = await eriho2.get(`/api/attestants?careUnitId=${SOLGLANTAN}`).expect(200);
      expect(res.body).toEqual([
        {
          id: person('sarbe3'),
          userId: 'sarbe3',
          firstName: 'Sara',
          lastName: 'Berg',
          title: 'Administratör',
        },
        { id: person('eriho2'), userId: 'eriho2', firstName: 'Erik', lastName: 'Holm', title: 'Enhetschef' },
        {
          id: person('karlu1'),
          userId: 'karlu1',
          firstName: 'Karin',
          lastName: 'Lund',
          title: 'Verksamhetschef',
        },
      ]);
      expect(await attestants(eriho2, SOLGLANTAN, [VOB_SOL, KVAL_SOL])).toEqual([
        'sarbe3',
        'eriho2',
        'karlu1',
      ]);
    });

    it('a delegation for listed assignments counts only for those; future and revoked ones not at all', async () => {
      // On a unit of the head's own: one nurse attests Statistik VE, another only orders.
      const unit = await newCareUnit(t, { head: team.head });
      const nils = await staff(team.unit, { lastName: 'Boström' });
      const stat = unit.assignments.stat.id;
      await head
        .post('/api/delegations')
        .send({
          delegateId: nils.id,
          careUnitId: unit.id,
          rights: ['ATTEST'],
          assignmentIds: [stat],
          validFrom: today,
        })
        .expect(201);
      await head
        .post('/api/delegations')
        .send({ delegateId: (await staff()).id, careUnitId: unit.id, rights: ['ORDER'], validFrom: today })
        .expect(201);
      const byLastName = [nils.userId, team.head.userId];
      expect(await attestants(head, unit.id)).toEqual(byLastName);
      expect(await attestants(head, unit.id, [stat])).toEqual(byLastName);
      expect(await attestants(head, unit.id, [stat, unit.assignments.vob.id])).toEqual([team.head.userId]);

      const future = await head
        .post('/api/delegations')
        .send({
          delegateId: (await staff(unit)).id,
          careUnitId: unit.id,
          rights: ['ATTEST'],
          validFrom: addDays(today, 5),
        })
        .expect(201);
      expect(await attestants(head, unit.id)).toEqual(byLastName);
      await head.patch(`/api/delegations/${future.body.id}`).send({ status: 'REVOKED' }).expect(200);

      await head
        .patch(`/api/delegations/${team.delegations.attestant.id}`)
        .send({ status: 'REVOKED' })
        .expect(200);
      expect(await attestants(head, team.unit.id)).toEqual([team.orderer.userId, team.head.userId]);
    });

    it('refuses a missing or unknown unit, and those without rights', async () => {
      await orderer.get('/api/attestants').expect(400);
      await orderer.get('/api/attestants?careUnitId=solglantan').expect(400);
      await orderer.get(`/api/attestants?careUnitId=${team.unit.id}&assignmentIds=x`).expect(400);
      await orderer.get(`/api/attestants?careUnitId=${randomUUID()}`).expect(404);
      await (await signedIn(t, await staff())).get(`/api/attestants?careUnitId=${team.unit.id}`).expect(403);
    });
  });
});
