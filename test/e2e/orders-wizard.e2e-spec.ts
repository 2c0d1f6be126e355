import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../server/src/common/clock.js';
import { anonymous, type Client, signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  addDays,
  AVD12,
  KVAL_SOL,
  person,
  place,
  rulesOf,
  send,
  SOLGLANTAN,
  SPARR_SOL,
  STAT_AVD12,
  STAT_SOL,
  VOB_AVD12,
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

/** What the wizard is offered: GET /api/orderable-assignments and GET /api/attestants. */
describe('wizard support', () => {
  let t: TestApp;
  let today: string;
  let eriho2: Client;
  let karlu1: Client;

  beforeAll(async () => {
    t = await createTestApp();
    today = t.app.get(Clock).today();
    [eriho2, karlu1] = await Promise.all(['eriho2', 'karlu1'].map((u) => signIn(t, u)));
  });
  afterAll(async () => {
    await t.close();
  });

  const offered = async (client: Client, endUser: string | null, type = 'GRANT'): Promise<Answer> => {
    const query = new URLSearchParams({ type, ...(endUser ? { endUserId: person(endUser) } : {}) });
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

  describe('orderable assignments', () => {
    it('Nyupplägg for nilbo4 as eriho2: Solgläntan only, general first, Spärr & Logg not shown', async () => {
      const answer = await offered(eriho2, 'nilbo4');
      expect(answer.endUser).toEqual({ hasActiveEngagement: true, privateProvider: false });
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
        orderable: true,
        reason: null,
        reasonText: null,
      });
    });

    it('held and pending assignments are shown but cannot be ticked, with the reason', async () => {
      await place(eriho2, send('linma5', [STAT_SOL], today));
      const answer = await offered(eriho2, 'linma5');
      expect(marks(answer)).toEqual({
        'Vårdcentralen Solgläntan': [
          'VoB SJF: ALREADY_HELD',
          'Kvalitetssäkring',
          'Statistik VE: ALREADY_PENDING',
        ],
      });
      expect(answer.units[0].assignments[0].reasonText).toBe('Personen har redan uppdraget.');
    });

    it('majoh6 (engagement ended): nothing new to order; Avslut offers what she holds, since when', async () => {
      const grant = await offered(eriho2, 'majoh6');
      expect(grant.endUser).toEqual({ hasActiveEngagement: false, privateProvider: false });
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

    it('Spärr & Logg is offered for staff of a private care provider (petny8)', async () => {
      const answer = await offered(eriho2, 'petny8');
      expect(answer.endUser).toEqual({ hasActiveEngagement: true, privateProvider: true });
      const sparr = answer.units[0].assignments.find((a) => a.id === SPARR_SOL);
      expect(sparr).toMatchObject({ orderable: true, privateProviderOnly: true });
    });

    it('a head of two units gets both; without an end user (mass orders) everything is offered', async () => {
      expect(marks(await offered(karlu1, 'ahmal7'))).toEqual({
        'Avdelning 12 Medicin': ['VoB SJF', 'Kvalitetssäkring', 'Statistik VE'],
        'Vårdcentralen Solgläntan': ['VoB SJF', 'Kvalitetssäkring', 'Statistik VE'],
      });
      const mass = await offered(karlu1, null);
      expect(mass.endUser).toBeNull();
      expect(mass.units.map((u) => u.assignments.length)).toEqual([4, 4]);
    });

    it('only units with both ORDER and ATTEST, and only the assignments a delegation lists', async () => {
      const sarbe3 = await signIn(t, 'sarbe3');
      expect((await offered(sarbe3, 'nilbo4')).units).toEqual([]);
      // karlu1: ORDER+ATTEST for Statistik VE only to nilbo4, ORDER only to linma5, on Avdelning 12.
      await karlu1
        .post('/api/delegations')
        .send({
          delegateId: person('nilbo4'),
          careUnitId: AVD12,
          rights: ['ORDER', 'ATTEST'],
          assignmentIds: [STAT_AVD12],
          validFrom: today,
        })
        .expect(201);
      await karlu1
        .post('/api/delegations')
        .send({ delegateId: person('linma5'), careUnitId: AVD12, rights: ['ORDER'], validFrom: today })
        .expect(201);
      const nilbo4 = await signIn(t, 'nilbo4');
      expect(marks(await offered(nilbo4, 'ahmal7'))).toEqual({ 'Avdelning 12 Medicin': ['Statistik VE'] });
      const linma5 = await signIn(t, 'linma5');
      expect((await offered(linma5, 'ahmal7')).units).toEqual([]);

      // Placing follows the same rights, line by line.
      const body = send('ahmal7', [STAT_AVD12, VOB_AVD12], today, {
        attestants: { [AVD12]: person('karlu1') },
      });
      const refused = await nilbo4.post('/api/orders').send(body).expect(403);
      expect(rulesOf(refused.body)).toEqual([[1, 'NO_ORDER_RIGHT']]);
      await place(nilbo4, { ...body, items: [{ assignmentId: STAT_AVD12 }] });
      const byLinma5 = await linma5
        .post('/api/orders')
        .send({ ...body, items: [{ assignmentId: VOB_AVD12 }] });
      expect(rulesOf(byLinma5.body)).toEqual([[0, 'NO_ORDER_RIGHT']]);
    });

    it('refuses bad questions and those without rights', async () => {
      for (const query of ['type=BUY', 'endUserId=nilbo4', 'type=GRANT&type=REVOKE']) {
        await eriho2.get(`/api/orderable-assignments?${query}`).expect(400);
      }
      await eriho2.get(`/api/orderable-assignments?endUserId=${randomUUID()}`).expect(404);
      await (await signIn(t, 'petny8')).get('/api/orderable-assignments').expect(403);
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
      // nilbo4 attests Statistik VE on Avdelning 12 since the test above; linma5 only orders there.
      expect(await attestants(karlu1, AVD12)).toEqual(['nilbo4', 'karlu1']);
      expect(await attestants(karlu1, AVD12, [STAT_AVD12])).toEqual(['nilbo4', 'karlu1']);
      expect(await attestants(karlu1, AVD12, [STAT_AVD12, VOB_AVD12])).toEqual(['karlu1']);

      const future = await karlu1
        .post('/api/delegations')
        .send({
          delegateId: person('ahmal7'),
          careUnitId: AVD12,
          rights: ['ATTEST'],
          validFrom: addDays(today, 5),
        })
        .expect(201);
      expect(await attestants(karlu1, AVD12)).toEqual(['nilbo4', 'karlu1']);
      await karlu1.patch(`/api/delegations/${future.body.id}`).send({ status: 'REVOKED' }).expect(200);

      const [sarbe3Delegation] = (
        await karlu1
          .get(
            `/api/delegations?filter=${encodeURIComponent(JSON.stringify({ delegateId: person('sarbe3') }))}`,
          )
          .expect(200)
      ).body as { id: string }[];
      await karlu1.patch(`/api/delegations/${sarbe3Delegation.id}`).send({ status: 'REVOKED' }).expect(200);
      expect(await attestants(karlu1, SOLGLANTAN)).toEqual(['eriho2', 'karlu1']);
    });

    it('refuses a missing or unknown unit, and those without rights', async () => {
      await eriho2.get('/api/attestants').expect(400);
      await eriho2.get('/api/attestants?careUnitId=solglantan').expect(400);
      await eriho2.get(`/api/attestants?careUnitId=${SOLGLANTAN}&assignmentIds=x`).expect(400);
      await eriho2.get(`/api/attestants?careUnitId=${randomUUID()}`).expect(404);
      await (await signIn(t, 'petny8')).get(`/api/attestants?careUnitId=${SOLGLANTAN}`).expect(403);
    });
  });
});
