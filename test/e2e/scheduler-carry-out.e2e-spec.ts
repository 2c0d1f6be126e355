import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CarryOutService } from '../../server/src/orders/carry-out.service.js';
import { signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  KVAL_SOL,
  listUrl,
  person,
  place,
  send,
  STAT_SOL,
  VOB_SOL,
  withoutLocalAccessFlags,
} from './orders-support.js';
import {
  addDays,
  approve,
  freshClient,
  holdings,
  mails,
  orderState,
  setClock,
  tick,
} from './scheduler-support.js';

const TODAY = '2026-11-23';

interface Snapshot {
  orderNumber: string;
  status: string;
  hasFeedback: boolean;
  items: { id: string; assignmentId: string; status: string }[];
}
const NILS = person('nilbo4');
const LINDA = person('linma5');

/** Carrying out approved orders: at approval when the date has come, else at the tick on its date. */
describe('scheduler: carrying out approved orders', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_URL: 'https://beh.example.se' });
    await withoutLocalAccessFlags(t);
  });
  afterAll(async () => {
    await t.close();
  });

  // petny8 (private provider) and ahmal7 (Avdelning 12) work elsewhere than Solgläntan: their grants
  // there warn (rule 2d, Engagement elsewhere is a warning) and are sent confirmed.
  const placeAs = async (orderer: string, body: ReturnType<typeof send>) =>
    (await place(await freshClient(t, orderer), body))[0];

  it('carries out a grant dated today at approval: held from today, lines DONE, feedback, mail, audit', async () => {
    setClock(t, TODAY);
    const { id, orderNumber } = await placeAs('eriho2', send('nilbo4', [VOB_SOL], TODAY));
    expect(await approve(t, id, true)).toBe(true);

    const state = await orderState(t, id);
    expect(state).toEqual({
      status: 'COMPLETED',
      feedback: 'Uppdraget VoB SJF vid Vårdcentralen Solgläntan är upplagt för Nils Boström från 2026-11-23.',
      items: ['DONE'],
      events: [
        { action: 'ORDER_PLACED', actorId: person('eriho2') },
        { action: 'ORDER_APPROVED', actorId: person('sarbe3') },
        { action: 'ORDER_COMPLETED', actorId: null },
      ],
    });
    expect(await holdings(t, NILS, VOB_SOL)).toEqual([{ validFrom: TODAY, validTo: null }]);
    // The event's snapshots are the order as it was and as it is (the machine derives "after").
    const [event] = await t.dataSource.query<{ before: Snapshot; after: Snapshot }[]>(
      `SELECT before, after FROM audit_event WHERE entity_id = $1 AND action = 'ORDER_COMPLETED'`,
      [id],
    );
    expect(event.before).toMatchObject({ orderNumber, status: 'APPROVED', hasFeedback: false });
    expect(event.before.items.map((i) => i.status)).toEqual(['PENDING']);
    expect(event.after).toEqual({
      ...event.before,
      status: 'COMPLETED',
      hasFeedback: true,
      items: [{ ...event.before.items[0], status: 'DONE' }],
    });
    const [mail, ...more] = await mails(t, 'ORDER_COMPLETED', id);
    expect(more).toEqual([]);
    expect(mail.to).toBe('erik.holm@vgr.example');
    expect(mail.subject).toBe(`Beställning ${orderNumber} är utförd`);
    expect(mail.text).toContain(`https://beh.example.se/#/orders/${id}/show`);
    // The feedback stays in the portal: a forwarded mail must not carry it.
    expect(mail.text).not.toContain('upplagt för Nils Boström');

    // Nils's person page lists it as active; the wizard no longer offers it to him.
    const admin = await signIn(t, 'admin1');
    const detail = (await admin.get(`/api/persons/${NILS}`).expect(200)).body as {
      heldAssignments: { assignmentName: string; careUnitName: string; active: boolean }[];
    };
    expect(detail.heldAssignments).toContainEqual(
      expect.objectContaining({
        assignmentName: 'VoB SJF',
        careUnitName: 'Vårdcentralen Solgläntan',
        active: true,
      }),
    );
    // Carrying out twice is a no-op: the tick finds nothing, the method says no.
    expect(await tick(t)).toMatchObject({ carriedOut: 0, failed: [] });
    expect(await t.dataSource.transaction((m) => t.app.get(CarryOutService).carryOutIfDue(m, id))).toBe(
      false,
    );
    expect(await holdings(t, NILS, VOB_SOL)).toHaveLength(1);
    expect(await mails(t, 'ORDER_COMPLETED', id)).toHaveLength(1);
  });

  it('carries out an approved order dated today at the next tick when approval did not', async () => {
    setClock(t, TODAY);
    const { id } = await placeAs('eriho2', send('nilbo4', [KVAL_SOL], TODAY));
    expect(await approve(t, id)).toBe(false);
    expect((await orderState(t, id)).status).toBe('APPROVED');
    expect(await tick(t)).toMatchObject({ carriedOut: 1, failed: [] });
    expect(await orderState(t, id)).toMatchObject({ status: 'COMPLETED', items: ['DONE'] });
    expect(await holdings(t, NILS, KVAL_SOL)).toEqual([{ validFrom: TODAY, validTo: null }]);
  });

  it('carries out a grant dated in the future at the tick on its date, not before', async () => {
    setClock(t, TODAY);
    const start = addDays(TODAY, 3);
    const { id } = await placeAs('eriho2', send('nilbo4', [STAT_SOL], start));
    expect(await approve(t, id, true)).toBe(false);
    for (const day of [TODAY, addDays(TODAY, 1), addDays(TODAY, 2)]) {
      setClock(t, `${day}T22:59:59Z`); // 23:59:59 in Stockholm: still the day before the start
      expect(await tick(t)).toMatchObject({ carriedOut: 0 });
    }
    expect((await orderState(t, id)).status).toBe('APPROVED');
    expect(await holdings(t, NILS, STAT_SOL)).toEqual([]);
    expect(await mails(t, 'ORDER_COMPLETED', id)).toEqual([]);

    setClock(t, `${addDays(TODAY, 2)}T23:00:00Z`); // midnight in Stockholm: the start date
    expect(await tick(t)).toMatchObject({ carriedOut: 1 });
    expect(await orderState(t, id)).toMatchObject({
      status: 'COMPLETED',
      feedback: `Uppdraget Statistik VE vid Vårdcentralen Solgläntan är upplagt för Nils Boström från ${start}.`,
    });
    expect(await holdings(t, NILS, STAT_SOL)).toEqual([{ validFrom: start, validTo: null }]);
    expect(await mails(t, 'ORDER_COMPLETED', id)).toHaveLength(1);
  });

  it('ends a revoked holding on its date: held until the day before, not on the date itself', async () => {
    setClock(t, TODAY);
    const [before] = await holdings(t, LINDA, VOB_SOL);
    expect(before.validTo).toBeNull();
    const end = addDays(TODAY, 5);
    const { id } = await placeAs('eriho2', send('linma5', [VOB_SOL], end, { type: 'REVOKE' }));
    await approve(t, id, true);
    setClock(t, addDays(TODAY, 4));
    expect(await tick(t)).toMatchObject({ carriedOut: 0 });
    expect(await holdings(t, LINDA, VOB_SOL)).toEqual([{ validFrom: before.validFrom, validTo: null }]);

    setClock(t, end);
    expect(await tick(t)).toMatchObject({ carriedOut: 1 });
    expect(await holdings(t, LINDA, VOB_SOL)).toEqual([
      { validFrom: before.validFrom, validTo: addDays(end, -1) },
    ]);
    expect(await orderState(t, id)).toMatchObject({
      status: 'COMPLETED',
      items: ['DONE'],
      feedback: `Uppdraget VoB SJF vid Vårdcentralen Solgläntan är avslutat för Linda Maria Svensson från och med ${end}.`,
    });
    const [mail] = await mails(t, 'ORDER_COMPLETED', id);
    expect(mail).toMatchObject({ to: 'erik.holm@vgr.example' });
    expect(mail.text).toContain('behörigheten är avslutad');
    expect(mail.text).toContain(`Behörigheten upphör: ${end}`);

    // On the date itself she no longer holds it: not active on her page, not revocable again.
    const admin = await signIn(t, 'admin1');
    const detail = (await admin.get(`/api/persons/${LINDA}`).expect(200)).body as {
      heldAssignments: { assignmentId: string; active: boolean }[];
    };
    expect(detail.heldAssignments.find((h) => h.assignmentId === VOB_SOL)?.active).toBe(false);
  });

  it('a time-limited grant is held to its end date inclusive; the orderer is told once when it has ended', async () => {
    setClock(t, TODAY);
    const end = addDays(TODAY, 10);
    const { id, orderNumber } = await placeAs(
      'karlu1',
      send('petny8', [KVAL_SOL], TODAY, { endDate: end, confirmedWarnings: true }),
    );
    await approve(t, id, true);
    expect(await holdings(t, person('petny8'), KVAL_SOL)).toEqual([{ validFrom: TODAY, validTo: end }]);
    expect((await orderState(t, id)).feedback).toMatch(new RegExp(`från ${TODAY} till och med ${end}\\.$`));

    setClock(t, end);
    expect(await tick(t)).toMatchObject({ grantEndings: 0 });
    setClock(t, addDays(end, 1));
    expect(await tick(t)).toMatchObject({ grantEndings: 1 });
    expect(await tick(t)).toMatchObject({ grantEndings: 0 });
    setClock(t, addDays(end, 30));
    expect(await tick(t)).toMatchObject({ grantEndings: 0 });
    const ended = await mails(t, 'TIME_LIMITED_GRANT_ENDED', id);
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({
      to: 'karin.lund@vgr.example',
      subject: `Tidsbegränsat uppdrag i beställning ${orderNumber} har upphört`,
    });
    expect(ended[0].text).toContain(`gällde till och med ${end}`);
  });

  it('gives the feedback of a carried-out order to its orderer alone', async () => {
    setClock(t, TODAY);
    const { id } = await placeAs('eriho2', send('ahmal7', [VOB_SOL], TODAY, { confirmedWarnings: true }));
    await approve(t, id, true);
    const feedback =
      'Uppdraget VoB SJF vid Vårdcentralen Solgläntan är upplagt för Ahmad Ali från 2026-11-23.';
    const seen = async (userId: string, scope: string) => {
      const client = await signIn(t, userId);
      const listed = (
        (await client.get(listUrl({ scope, id })).expect(200)).body as { feedback: string | null }[]
      )[0];
      const detail = (await client.get(`/api/orders/${id}`).expect(200)).body as { feedback: string | null };
      return [listed?.feedback, detail.feedback];
    };
    expect(await seen('eriho2', 'mine')).toEqual([feedback, feedback]);
    expect(await seen('sarbe3', 'attest')).toEqual([null, null]);
    expect(await seen('karlu1', 'all')).toEqual([null, null]);
    expect(await seen('admin1', 'all')).toEqual([null, null]);
    expect(await seen('ahmal7', 'enduser')).toEqual([null, null]);
  });

  it('a revoke dated the day a holding began removes it, since it never takes effect', async () => {
    const day = addDays(TODAY, 60);
    setClock(t, day);
    const grant = await placeAs('eriho2', send('ahmal7', [KVAL_SOL], day, { confirmedWarnings: true }));
    await approve(t, grant.id, true);
    expect(await holdings(t, person('ahmal7'), KVAL_SOL)).toEqual([{ validFrom: day, validTo: null }]);
    const revoke = await placeAs('eriho2', send('ahmal7', [KVAL_SOL], day, { type: 'REVOKE' }));
    expect(await approve(t, revoke.id, true)).toBe(true);
    expect(await holdings(t, person('ahmal7'), KVAL_SOL)).toEqual([]);
    expect((await orderState(t, revoke.id)).feedback).toBe(
      `Uppdraget Kvalitetssäkring vid Vårdcentralen Solgläntan är avslutat för Ahmad Ali från och med ${day}.`,
    );
  });

  it('keeps the audit chain whole', async () => {
    const admin = await signIn(t, 'admin1');
    expect((await admin.get('/api/audit-events/verify').expect(200)).body).toMatchObject({ ok: true });
  });
});
