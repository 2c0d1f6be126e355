import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  person,
  place,
  send,
  STAT_SOL,
  VOB_SOL,
  KVAL_SOL,
  withoutLocalAccessFlags,
} from './orders-support.js';
import { approve, freshClient, mails, setClock, tick } from './scheduler-support.js';

const PLACED = '2026-11-23T09:00:00.000Z';
const at = (days: number, extraMinutes = 0) =>
  new Date(Date.parse(PLACED) + days * 86_400_000 + extraMinutes * 60_000).toISOString();

/** Attests waiting too long: one reminder to the attestant after 3 days, one mail to the head after 7. */
describe('scheduler: attest reminders and escalation', () => {
  let t: TestApp;
  /** Waits with sarbe3 throughout. */
  let waiting: { id: string; orderNumber: string };
  /** Moved to karlu1 (the head of unit) after the reminder. */
  let movedLate: { id: string };
  /** Moved to karlu1 before the reminder was due. */
  let movedEarly: { id: string };
  let approved: { id: string };
  let cancelled: { id: string };

  beforeAll(async () => {
    t = await createTestApp();
    await withoutLocalAccessFlags(t);
    setClock(t, PLACED);
    const erik = await freshClient(t, 'eriho2');
    [waiting] = await place(erik, send('nilbo4', [VOB_SOL], '2026-11-23'));
    [movedLate] = await place(erik, send('nilbo4', [KVAL_SOL], '2026-11-23'));
    [movedEarly] = await place(erik, send('nilbo4', [STAT_SOL], '2026-11-23'));
    // ahmal7 works at Avdelning 12: grants at Solgläntan warn (rule 2d) and are sent confirmed.
    [approved] = await place(erik, send('ahmal7', [VOB_SOL], '2026-11-30', { confirmedWarnings: true }));
    [cancelled] = await place(erik, send('ahmal7', [KVAL_SOL], '2026-11-30', { confirmedWarnings: true }));
    await approve(t, approved.id);
    await erik.post(`/api/orders/${cancelled.id}/cancel`).expect(200);
    setClock(t, at(1));
    await (
      await freshClient(t, 'eriho2')
    )
      .post(`/api/orders/${movedEarly.id}/change-attestant`)
      .send({ attestantId: person('karlu1') })
      .expect(200);
  });
  afterAll(async () => {
    await t.close();
  });

  const reminded = async () =>
    (await mails(t, 'ATTEST_REMINDER')).map((m) => [m.to, m.subject.match(/BEH\d{7}/)?.[0]]);

  it('reminds the attestant once, after more than 3 days, of orders still awaiting attest', async () => {
    setClock(t, at(3));
    expect(await tick(t)).toMatchObject({ reminders: 0, escalations: 0 });

    setClock(t, at(3, 1));
    expect(await tick(t)).toMatchObject({ reminders: 3, escalations: 0 });
    const [first] = await mails(t, 'ATTEST_REMINDER', waiting.id);
    expect(first).toMatchObject({
      to: 'sara.berg@vgr.example',
      subject: `Påminnelse: beställning ${waiting.orderNumber} väntar på din attest`,
    });
    expect(first.text).toContain('har väntat på din attest sedan 2026-11-23');
    expect(first.text).toContain(`/#/attest/${waiting.id}`);
    // Whoever is attestant when the reminder is due gets it.
    expect((await mails(t, 'ATTEST_REMINDER', movedEarly.id)).map((m) => m.to)).toEqual([
      'karin.lund@vgr.example',
    ]);
    expect(await mails(t, 'ATTEST_REMINDER', approved.id)).toEqual([]);
    expect(await mails(t, 'ATTEST_REMINDER', cancelled.id)).toEqual([]);

    setClock(t, at(3, 2));
    expect(await tick(t)).toMatchObject({ reminders: 0 });
  });

  it('does not remind again after a change of attestant (never two reminders for one order)', async () => {
    setClock(t, at(4));
    await (
      await freshClient(t, 'eriho2')
    )
      .post(`/api/orders/${movedLate.id}/change-attestant`)
      .send({ attestantId: person('karlu1') })
      .expect(200);
    setClock(t, at(6));
    expect(await tick(t)).toMatchObject({ reminders: 0 });
    expect(await mails(t, 'ATTEST_REMINDER', movedLate.id)).toHaveLength(1);
  });

  it('tells the head of unit once, after more than 7 days, unless the head is the attestant', async () => {
    setClock(t, at(7));
    expect(await tick(t)).toMatchObject({ escalations: 0 });

    setClock(t, at(7, 1));
    // Three orders escalate; the two whose attestant is the head themselves get no second mail.
    expect(await tick(t)).toMatchObject({ reminders: 0, escalations: 3 });
    const escalated = await mails(t, 'ATTEST_ESCALATION');
    expect(escalated).toHaveLength(1);
    expect(escalated[0]).toMatchObject({
      to: 'karin.lund@vgr.example',
      subject: `Beställning ${waiting.orderNumber} har väntat på attest sedan 2026-11-23`,
    });
    expect(escalated[0].text).toContain('väntat på attest av Sara Berg sedan 2026-11-23');
    expect(escalated[0].text).toContain(`/#/orders/${waiting.id}/show`);

    for (const days of [8, 30, 90]) {
      setClock(t, at(days));
      expect(await tick(t)).toMatchObject({ reminders: 0, escalations: 0 });
    }
    expect(await reminded()).toHaveLength(3);
    expect(await mails(t, 'ATTEST_ESCALATION')).toHaveLength(1);
  });
});
