import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Clock } from '../../server/src/common/clock.js';
import {
  newAdministration,
  newAdministrator,
  newHolding,
  newPerson,
  newTeam,
  type PersonMade,
  signedIn,
  type Team,
} from '../factories/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { sign } from './attest-support.js';
import { addDays } from './orders-support.js';
import { holdings, setClock, tick } from './scheduler-support.js';

/**
 * Access reviews' follow-up (issue 17, point 3), run by the scheduler's tick with a set clock: a
 * planned campaign starts on its day, reminders at 50 % and 90 % of the time and the escalation at
 * the due date go once each, and the campaign closes the day after with its rule (revoke or keep),
 * a recurring one getting its successor.
 */
describe('access reviews follow-up', () => {
  let t: TestApp;
  let today: string;
  let team: Team;
  let admin: PersonMade;
  let stayer: PersonMade;
  let leaver: PersonMade;

  const mails = (template: string, campaignId: string) =>
    t.dataSource.query<{ to: string; subject: string; text: string }[]>(
      `SELECT to_address AS "to", subject, text_body AS text FROM mail_outbox
        WHERE template = $1 AND related_id = $2 ORDER BY created_at`,
      [template, campaignId],
    );
  const campaignRow = async (id: string) =>
    (
      await t.dataSource.query<{ status: string; next: string | null }[]>(
        `SELECT status, next_campaign_id AS next FROM review_campaign WHERE id = $1`,
        [id],
      )
    )[0];
  /** Creates a campaign as the administrator, on the real clock's today. */
  const create = async (rule: 'KEEP' | 'REVOKE', recurrenceMonths: number | null) => {
    t.app.get(Clock).set(undefined);
    const client = await signedIn(t, admin);
    const res = await client
      .post('/api/review-campaigns')
      .send({
        name: `Granskning ${rule}`,
        scopeKind: 'UNITS',
        careUnitIds: [team.unit.id],
        startDate: addDays(today, 2),
        dueDate: addDays(today, 12),
        revokeDate: addDays(today, 13),
        undecidedRule: rule,
        recurrenceMonths,
      })
      .expect(201);
    return (res.body as { id: string; status: string }).id;
  };

  beforeAll(async () => {
    t = await createTestApp();
    today = t.app.get(Clock).today();
    team = await newTeam(t);
    admin = await newAdministrator(t);
    stayer = await newPerson(t, { unit: team.unit, firstName: 'Stina' });
    leaver = await newPerson(t, { unit: team.unit, firstName: 'Leo' });
    for (const holder of [stayer, leaver])
      await newHolding(t, { holder, unit: team.unit, assignment: 'vob' });
  });
  afterEach(() => t.app.get(Clock).set(undefined));
  afterAll(async () => {
    await t?.close();
  });

  it('starts on its day, reminds at 50 % and 90 %, escalates at the due date, once each, and closes by revoking', async () => {
    const id = await create('REVOKE', 12);
    expect((await campaignRow(id)).status).toBe('PLANNED');

    setClock(t, addDays(today, 1));
    expect(await tick(t)).toMatchObject({ reviewCampaignsStarted: 0 });
    setClock(t, addDays(today, 2));
    expect(await tick(t)).toMatchObject({ reviewCampaignsStarted: 1 });
    expect(await tick(t)).toMatchObject({ reviewCampaignsStarted: 0 });
    expect((await campaignRow(id)).status).toBe('ACTIVE');
    expect(await mails('REVIEW_STARTED', id)).toEqual([expect.objectContaining({ to: team.head.email })]);

    // 50 % of ten days after the start: day 7.
    setClock(t, addDays(today, 6));
    expect(await tick(t)).toMatchObject({ reviewReminders: 0 });
    setClock(t, addDays(today, 7));
    expect(await tick(t)).toMatchObject({ reviewReminders: 1 });
    expect(await tick(t)).toMatchObject({ reviewReminders: 0 });
    setClock(t, addDays(today, 8));
    expect(await tick(t)).toMatchObject({ reviewReminders: 0 });
    const [half] = await mails('REVIEW_REMINDER', id);
    expect(half).toMatchObject({
      to: team.head.email,
      subject: 'Påminnelse: 2 av 2 innehav är inte granskade',
    });

    // The head keeps Stina, signed, on day 10; Leo stays open.
    setClock(t, addDays(today, 10));
    const head = await signedIn(t, team.head);
    const page = (await head.get(`/api/review-campaigns/${id}/items`).expect(200)).body as {
      items: { id: string; personId: string }[];
    };
    const stina = page.items.find((i) => i.personId === stayer.id)!;
    await head
      .put(`/api/review-campaigns/${id}/decisions`)
      .send({ decisions: [{ itemId: stina.id, decision: 'KEEP' }] })
      .expect(200);
    const request = (await head.post(`/api/review-campaigns/${id}/sign-requests`).expect(201)).body as {
      requestId: string;
    };
    expect((await sign(head, request.requestId)).status).toBe(200);

    // 90 %: day 11, to the head only for what is open.
    setClock(t, addDays(today, 11));
    expect(await tick(t)).toMatchObject({ reviewReminders: 1 });
    expect(await tick(t)).toMatchObject({ reviewReminders: 0 });
    expect((await mails('REVIEW_REMINDER', id)).map((m) => m.subject)).toEqual([
      'Påminnelse: 2 av 2 innehav är inte granskade',
      'Påminnelse: 1 av 2 innehav är inte granskade',
    ]);

    // The due date: one escalation to the campaign's creator (the unit's administration has no
    // head), naming the unit with what is open.
    setClock(t, addDays(today, 12));
    expect(await tick(t)).toMatchObject({ reviewEscalations: 1, reviewCampaignsClosed: 0 });
    expect(await tick(t)).toMatchObject({ reviewEscalations: 0 });
    const escalations = await mails('REVIEW_ESCALATION', id);
    expect(escalations).toHaveLength(1);
    expect(escalations[0].to).toBe(admin.email);
    expect(escalations[0].text).toContain(`${team.unit.name} (granskare `);
    expect(escalations[0].text).toContain(': 1 ej granskade.');
    expect(escalations[0].text).toContain('Du får det här som den som skapade granskningen.');
    expect((await holdings(t, leaver.id, team.unit.assignments.vob.id)).at(-1)?.validTo).toBeNull();

    // The day after: closed by the rule; Leo's holding is revoked on the revoke date (today, then).
    setClock(t, addDays(today, 13));
    expect(await tick(t)).toMatchObject({ reviewCampaignsClosed: 1 });
    expect(await tick(t)).toMatchObject({ reviewCampaignsClosed: 0 });
    const closed = await campaignRow(id);
    expect(closed.status).toBe('CLOSED');
    expect((await holdings(t, leaver.id, team.unit.assignments.vob.id)).at(-1)?.validTo).toBe(
      addDays(today, 12),
    );
    expect((await holdings(t, stayer.id, team.unit.assignments.vob.id)).at(-1)?.validTo).toBeNull();
    const [order] = await t.dataSource.query<
      { status: string; bySystem: boolean; signRequest: string | null }[]
    >(
      `SELECT o.status, o.placed_by_system AS "bySystem", o.sign_request_id AS "signRequest"
         FROM review_item ri JOIN vmu_order o ON o.id = ri.revoke_order_id
        WHERE ri.campaign_id = $1 AND ri.person_id = $2 AND ri.closed_by_rule`,
      [id, leaver.id],
    );
    expect(order).toEqual({ status: 'COMPLETED', bySystem: true, signRequest: null });

    // Recurring every 12 months: its successor is planned a year on, with the same rule.
    const [next] = await t.dataSource.query<{ startDate: string; status: string; rule: string }[]>(
      `SELECT to_char(start_date, 'YYYY-MM-DD') AS "startDate", status, undecided_rule AS rule
         FROM review_campaign WHERE id = $1`,
      [closed.next],
    );
    const inAYear = new Date(`${addDays(today, 2)}T12:00:00Z`);
    inAYear.setUTCFullYear(inAYear.getUTCFullYear() + 1);
    expect(next).toEqual({
      startDate: inAYear.toISOString().slice(0, 10),
      status: 'PLANNED',
      rule: 'REVOKE',
    });
    const events = await t.dataSource.query<{ action: string; after: { decidedByRule: number } }[]>(
      `SELECT action, after FROM audit_event WHERE entity_type = 'review_campaign' AND entity_id = $1 ORDER BY id`,
      [id],
    );
    expect(events.map((e) => e.action)).toEqual([
      'REVIEW_CAMPAIGN_CREATED',
      'REVIEW_CAMPAIGN_STARTED',
      'REVIEW_SIGNED',
      'REVIEW_CAMPAIGN_ESCALATED',
      'REVIEW_CAMPAIGN_CLOSED',
    ]);
    expect(events[3].after).toMatchObject({
      open: 1,
      escalatedTo: [{ personId: admin.id, as: ['CREATOR'], administrations: [], units: [team.unit.name] }],
    });
    expect(events[4].after.decidedByRule).toBe(1);
  });

  it('closes by keeping what nobody decided when the campaign says keep, and its report shows it', async () => {
    const id = await create('KEEP', null);
    setClock(t, addDays(today, 2));
    await tick(t);
    // A draft that was never signed is no decision: the rule decides it too.
    setClock(t, addDays(today, 5));
    const head = await signedIn(t, team.head);
    const page = (await head.get(`/api/review-campaigns/${id}/items`).expect(200)).body as {
      items: { id: string; personId: string }[];
    };
    const leo = page.items.find((i) => i.personId === leaver.id)!;
    await head
      .put(`/api/review-campaigns/${id}/decisions`)
      .send({ decisions: [{ itemId: leo.id, decision: 'REMOVE', comment: 'Slutar snart' }] })
      .expect(200);
    setClock(t, addDays(today, 13));
    expect(await tick(t)).toMatchObject({ reviewCampaignsClosed: 1 });
    const items = await t.dataSource.query<{ decision: string; byRule: boolean; order: string | null }[]>(
      `SELECT decision, closed_by_rule AS "byRule", revoke_order_id AS order FROM review_item WHERE campaign_id = $1`,
      [id],
    );
    expect(items).toEqual([
      { decision: 'KEEP', byRule: true, order: null },
      { decision: 'KEEP', byRule: true, order: null },
    ]);
    expect((await campaignRow(id)).next).toBeNull();
    // Closed: nothing more can be decided or signed.
    const late = await signedIn(t, team.head);
    await late
      .put(`/api/review-campaigns/${id}/decisions`)
      .send({ decisions: [{ itemId: leo.id, decision: 'KEEP' }] })
      .expect(409);
  });
  it("escalates each administration's units with open items to its head, the rest to the creator, once each", async () => {
    // Administration A has a head (Frida): of its units only the one with open items is named to her.
    // Administration B has none: its unit goes to the creator. Administration C is headed by the
    // creator himself: its unit and B's come in his one mail. Administration D's head has no e-mail
    // address: its unit goes to the creator too.
    const adminClient = await signedIn(t, admin);
    const setHead = async (administrationId: string, headPersonId: string | null) =>
      adminClient.put(`/api/administrations/${administrationId}`).send({ headPersonId }).expect(200);
    const chief = await newPerson(t, { firstName: 'Frida', lastName: 'Förvaltningschef' });
    const adminA = await newAdministration(t, { name: 'Förvaltning A' });
    const adminB = await newAdministration(t, { name: 'Förvaltning B' });
    const adminC = await newAdministration(t, { name: 'Förvaltning C' });
    const adminD = await newAdministration(t, { name: 'Förvaltning D' });
    await setHead(adminA.id, chief.id);
    await setHead(adminC.id, admin.id);
    await setHead(adminD.id, (await newPerson(t, { firstName: 'Utan', email: null })).id);
    const openA = await newTeam(t, { administration: adminA, name: 'Enhet A öppen' });
    const doneA = await newTeam(t, { administration: adminA, name: 'Enhet A klar' });
    const openB = await newTeam(t, { administration: adminB, name: 'Enhet B öppen' });
    const openC = await newTeam(t, { administration: adminC, name: 'Enhet C öppen' });
    const openD = await newTeam(t, { administration: adminD, name: 'Enhet D öppen' });
    for (const unit of [openA, doneA, openB, openC, openD].map((x) => x.unit)) {
      const holder = await newPerson(t, { unit });
      await newHolding(t, { holder, unit, assignment: 'vob' });
    }
    t.app.get(Clock).set(undefined);
    const res = await adminClient
      .post('/api/review-campaigns')
      .send({
        name: 'Granskning per förvaltning',
        scopeKind: 'UNITS',
        careUnitIds: [openA, doneA, openB, openC, openD].map((x) => x.unit.id),
        startDate: addDays(today, 2),
        dueDate: addDays(today, 12),
        revokeDate: addDays(today, 13),
        undecidedRule: 'KEEP',
        recurrenceMonths: null,
      })
      .expect(201);
    const id = (res.body as { id: string }).id;
    setClock(t, addDays(today, 2));
    await tick(t);

    // The head of "Enhet A klar" decides and signs everything there.
    setClock(t, addDays(today, 10));
    const head = await signedIn(t, doneA.head);
    const page = (await head.get(`/api/review-campaigns/${id}/items`).expect(200)).body as {
      items: { id: string }[];
    };
    await head
      .put(`/api/review-campaigns/${id}/decisions`)
      .send({ decisions: page.items.map((i) => ({ itemId: i.id, decision: 'KEEP' })) })
      .expect(200);
    const request = (await head.post(`/api/review-campaigns/${id}/sign-requests`).expect(201)).body as {
      requestId: string;
    };
    expect((await sign(head, request.requestId)).status).toBe(200);

    setClock(t, addDays(today, 12));
    expect(await tick(t)).toMatchObject({ reviewEscalations: 2 });
    expect(await tick(t)).toMatchObject({ reviewEscalations: 0 });
    const escalations = await mails('REVIEW_ESCALATION', id);
    expect(escalations.map((m) => m.to).sort()).toEqual([admin.email, chief.email].sort());
    const toChief = escalations.find((m) => m.to === chief.email)!;
    expect(toChief.text).toContain('Enhet A öppen (granskare ');
    expect(toChief.text).not.toContain('Enhet A klar');
    expect(toChief.text).not.toContain('Enhet B');
    expect(toChief.text).not.toContain('Enhet C');
    expect(toChief.text).toContain('Du får det här som förvaltningschef för Förvaltning A.');
    const toCreator = escalations.find((m) => m.to === admin.email)!;
    expect(toCreator.text).toContain('Enhet B öppen (granskare ');
    expect(toCreator.text).toContain('Enhet C öppen (granskare ');
    expect(toCreator.text).toContain('Enhet D öppen (granskare ');
    expect(toCreator.text).not.toContain('Enhet A');
    expect(toCreator.text).toContain(
      'Du får det här som förvaltningschef för Förvaltning C och som den som skapade granskningen.',
    );
    const [event] = await t.dataSource.query<{ after: { open: number; escalatedTo: unknown[] } }[]>(
      `SELECT after FROM audit_event
        WHERE entity_type = 'review_campaign' AND entity_id = $1 AND action = 'REVIEW_CAMPAIGN_ESCALATED'`,
      [id],
    );
    expect(event.after.open).toBe(4);
    expect(event.after.escalatedTo).toEqual(
      expect.arrayContaining([
        {
          personId: chief.id,
          as: ['ADMINISTRATION_HEAD'],
          administrations: ['Förvaltning A'],
          units: ['Enhet A öppen'],
          open: 1,
        },
        {
          personId: admin.id,
          as: ['ADMINISTRATION_HEAD', 'CREATOR'],
          administrations: ['Förvaltning C'],
          units: ['Enhet B öppen', 'Enhet C öppen', 'Enhet D öppen'],
          open: 3,
        },
      ]),
    );
    expect(event.after.escalatedTo).toHaveLength(2);
  });
});
