import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { person, SOLGLANTAN } from './orders-support.js';
import { addDays, freshClient, mails, setClock, tick } from './scheduler-support.js';

const TODAY = '2026-11-23';
const ENDS = addDays(TODAY, 20);

interface MeUnit {
  careUnitId: string;
  order: boolean;
  attest: boolean;
}

/** Delegations that end: a notice 14 days ahead, and no rights after the end with no job running. */
describe('scheduler: delegations that end', () => {
  let t: TestApp;
  let ending: string;
  let revoked: string;

  beforeAll(async () => {
    t = await createTestApp();
    setClock(t, TODAY);
    const karin = await freshClient(t, 'karlu1');
    const grant = async (delegate: string, validTo: string | null) =>
      (
        await karin
          .post('/api/delegations')
          .send({
            delegateId: person(delegate),
            careUnitId: SOLGLANTAN,
            rights: ['ORDER', 'ATTEST'],
            validFrom: TODAY,
            validTo,
          })
          .expect(201)
      ).body.id as string;
    ending = await grant('nilbo4', ENDS);
    await grant('linma5', null);
    revoked = await grant('ahmal7', addDays(TODAY, 10));
    await karin.patch(`/api/delegations/${revoked}`).send({ status: 'REVOKED' }).expect(200);
  });
  afterAll(async () => {
    await t.close();
  });

  it('mails the delegate and the head of unit once, 14 days before the end', async () => {
    expect(await tick(t)).toMatchObject({ delegationNotices: 0 });
    setClock(t, addDays(ENDS, -15));
    expect(await tick(t)).toMatchObject({ delegationNotices: 0 });

    setClock(t, addDays(ENDS, -14));
    expect(await tick(t)).toMatchObject({ delegationNotices: 1 });
    // Written in one transaction at one moment: in no particular order.
    const sent = (await mails(t, 'DELEGATION_EXPIRING', ending)).sort((a, b) => a.to!.localeCompare(b.to!));
    expect(sent.map((m) => [m.to, m.subject])).toEqual([
      ['karin.lund@vgr.example', `Delegeringen för Vårdcentralen Solgläntan upphör efter ${ENDS}`],
      ['nils.bostrom@vgr.example', `Delegeringen för Vårdcentralen Solgläntan upphör efter ${ENDS}`],
    ]);
    const [toHead, toDelegate] = sent;
    expect(toDelegate.text).toContain(
      `Din rätt att beställa och attestera vårdmedarbetaruppdrag för Vårdcentralen Solgläntan gäller till och med ${ENDS}.`,
    );
    expect(toHead.text).toContain('Delegeringen till Nils Boström att beställa och attestera');
    expect(toDelegate.text).toContain(`/#/delegations/${ending}/show`);

    for (const day of [addDays(ENDS, -13), addDays(ENDS, -1), ENDS, addDays(ENDS, 1)]) {
      setClock(t, day);
      expect(await tick(t)).toMatchObject({ delegationNotices: 0 });
    }
    expect(await mails(t, 'DELEGATION_EXPIRING', ending)).toHaveLength(2);
    // Revoked and open-ended delegations are not announced.
    expect(await mails(t, 'DELEGATION_EXPIRING')).toHaveLength(2);
    expect(await mails(t, 'DELEGATION_EXPIRING', revoked)).toEqual([]);
  });

  it('honours the delegation through its last day and not after, with no job running', async () => {
    const rightsOn = async (day: string) => {
      setClock(t, day);
      // A session follows the clock as well: sign in on the day.
      const nils = await freshClient(t, 'nilbo4');
      const me = (await nils.get('/api/me').expect(200)).body as { units: MeUnit[] };
      const attestants = (
        await (await freshClient(t, 'eriho2')).get(`/api/attestants?careUnitId=${SOLGLANTAN}`).expect(200)
      ).body as { id: string }[];
      return {
        unit: me.units.find((u) => u.careUnitId === SOLGLANTAN) ?? null,
        attestant: attestants.some((a) => a.id === person('nilbo4')),
      };
    };
    expect(await rightsOn(ENDS)).toEqual({
      unit: expect.objectContaining({ order: true, attest: true }),
      attestant: true,
    });
    expect(await rightsOn(addDays(ENDS, 1))).toEqual({ unit: null, attestant: false });
  });
});
