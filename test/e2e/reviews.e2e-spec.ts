import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Clock } from '../../server/src/common/clock.js';
import {
  newAdministrator,
  newHolding,
  newPerson,
  newTeam,
  type PersonMade,
  signedIn,
  type Team,
} from '../factories/index.js';
import type { Client } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { sign } from './attest-support.js';
import { addDays } from './orders-support.js';
import { holdings, setClock, tick } from './scheduler-support.js';

interface Item {
  id: string;
  personId: string;
  personName: string;
  assignmentName: string;
  engagementActive: boolean;
  lastOrderNumber: string | null;
  decision: 'KEEP' | 'REMOVE' | null;
  signedAt: string | null;
  revokeOrderNumber: string | null;
}
interface Page {
  progress: { total: number; decided: number; signed: number; kept: number; removed: number };
  items: Item[];
}

/**
 * Access reviews (issue 17): a campaign over a team's unit made by the factories (Karin-like head
 * reviews), its snapshot, drafted decisions that change nothing, one signature over them, and the
 * removals carried out as revoke orders on the campaign's revoke date.
 */
describe('access reviews', () => {
  let t: TestApp;
  let today: string;
  let team: Team;
  let other: Team;
  let head: Client;
  let delegate: Client;
  let otherHead: Client;
  let admin: Client;
  let stayer: PersonMade;
  let leaver: PersonMade;
  let unengaged: PersonMade;

  const campaign = (overrides: Record<string, unknown> = {}) => ({
    name: 'Årlig granskning',
    scopeKind: 'UNITS',
    careUnitIds: [team.unit.id],
    startDate: today,
    dueDate: addDays(today, 30),
    revokeDate: addDays(today, 31),
    undecidedRule: 'KEEP',
    recurrenceMonths: 12,
    ...overrides,
  });
  const count = async (table: string) =>
    (await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
  const page = async (client: Client, id: string) =>
    (await client.get(`/api/review-campaigns/${id}/items`).expect(200)).body as Page;
  const itemOf = (p: Page, person: PersonMade, assignment = 'VoB SJF') => {
    const item = p.items.find((i) => i.personId === person.id && i.assignmentName.startsWith(assignment));
    if (!item) throw new Error(`no item for ${person.userId} ${assignment}`);
    return item;
  };

  beforeAll(async () => {
    t = await createTestApp();
    today = t.app.get(Clock).today();
    team = await newTeam(t);
    other = await newTeam(t);
    stayer = await newPerson(t, { unit: team.unit, firstName: 'Stina' });
    leaver = await newPerson(t, { unit: team.unit, firstName: 'Leo' });
    unengaged = await newPerson(t, { firstName: 'Ulla', unit: team.unit, engagedFrom: addDays(today, -100) });
    for (const holder of [stayer, leaver, unengaged]) {
      await newHolding(t, { holder, unit: team.unit, assignment: 'vob' });
    }
    // Ulla's engagement has ended since (the directory says so): her holding is flagged.
    await t.dataSource.query(`UPDATE engagement SET valid_to = $2 WHERE person_id = $1`, [
      unengaged.id,
      addDays(today, -1),
    ]);
    await newHolding(t, { holder: stayer, unit: team.unit, assignment: 'stat' });
    await newHolding(t, {
      holder: await newPerson(t, { unit: other.unit }),
      unit: other.unit,
      assignment: 'vob',
    });
    [head, delegate, otherHead, admin] = await Promise.all(
      [team.head, team.orderer, other.head, await newAdministrator(t)].map((p) => signedIn(t, p)),
    );
  });
  afterEach(() => t.app.get(Clock).set(undefined));
  afterAll(async () => {
    await t?.close();
  });

  describe('creating a campaign', () => {
    it('refuses bad input with Swedish field messages and writes nothing', async () => {
      const before = await count('review_campaign');
      const cases: [Record<string, unknown>, string][] = [
        [{ startDate: addDays(today, -1) }, 'startDate'],
        [{ dueDate: today }, 'dueDate'],
        [{ revokeDate: addDays(today, 29) }, 'revokeDate'],
        [{ careUnitIds: [] }, 'careUnitIds'],
        [{ scopeKind: 'ADMINISTRATION', careUnitIds: undefined }, 'administrationId'],
        [
          { scopeKind: 'ALL', administrationId: team.unit.administrationId, careUnitIds: undefined },
          'administrationId',
        ],
        [{ undecidedRule: 'MAYBE' }, 'undecidedRule'],
        [{ recurrenceMonths: 0 }, 'recurrenceMonths'],
        [{ careUnitIds: ['not-an-id'] }, 'careUnitIds'],
        [{ careUnitIds: ['6d1e4a2b-3d5f-4e6a-8b9c-0d1e2f3a4b5c'] }, 'careUnitIds'],
        [{ name: '' }, 'name'],
        [{ startDate: '2027-02-30' }, 'startDate'],
      ];
      for (const [change, field] of cases) {
        const res = await admin.post('/api/review-campaigns').send(campaign(change));
        expect({ change, status: res.status }).toEqual({ change, status: 400 });
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(Object.keys((res.body as { errors: Record<string, string[]> }).errors)).toContain(field);
      }
      expect(await count('review_campaign')).toBe(before);
    });

    it('lets a head of unit review only units they head; all units and administrations are for administrators', async () => {
      for (const body of [
        campaign({ scopeKind: 'ALL', careUnitIds: undefined }),
        campaign({
          scopeKind: 'ADMINISTRATION',
          careUnitIds: undefined,
          administrationId: team.unit.administrationId,
        }),
        campaign({ careUnitIds: [team.unit.id, other.unit.id] }),
      ]) {
        const res = await head.post('/api/review-campaigns').send(body).expect(403);
        expect((res.body as { detail: string }).detail).toMatch(/verksamhetschef/);
      }
      // A delegate (no head of any unit) may not create campaigns at all.
      await delegate.post('/api/review-campaigns').send(campaign()).expect(403);
    });
  });

  describe('a campaign over the team’s unit, started today', () => {
    let id: string;

    it('snapshots every holding in scope in one go and mails the reviewer once with the count', async () => {
      const res = await admin.post('/api/review-campaigns').send(campaign()).expect(201);
      const created = res.body as { id: string; status: string; progress: Page['progress'] };
      id = created.id;
      expect(created.status).toBe('ACTIVE');
      expect(created.progress).toMatchObject({ total: 4, decided: 0, signed: 0 });
      const mails = await t.dataSource.query<{ to: string; subject: string; text: string }[]>(
        `SELECT to_address AS "to", subject, text_body AS text FROM mail_outbox
          WHERE template = 'REVIEW_STARTED' AND related_id = $1`,
        [id],
      );
      expect(mails).toHaveLength(1);
      expect(mails[0].to).toBe(team.head.email);
      expect(mails[0].subject).toBe('Granskning av behörigheter: 4 innehav att granska');
      expect(mails[0].text).toContain(`#/reviews/${id}`);
    });

    it('shows the reviewer their items with engagement, since when and the last order; others see none', async () => {
      const p = await page(head, id);
      expect(p.progress).toEqual({ total: 4, decided: 0, signed: 0, kept: 0, removed: 0 });
      expect(p.items.map((i) => i.personId).sort()).toEqual(
        [stayer.id, stayer.id, leaver.id, unengaged.id].sort(),
      );
      expect(itemOf(p, stayer).engagementActive).toBe(true);
      expect(itemOf(p, unengaged).engagementActive).toBe(false);
      expect(itemOf(p, leaver).lastOrderNumber).toMatch(/^BEH\d{7}$/);
      // Not the reviewer: the other unit's head and the delegate see no campaign.
      await otherHead.get(`/api/review-campaigns/${id}/items`).expect(404);
      await delegate.get(`/api/review-campaigns/${id}/items`).expect(404);
      await otherHead.get(`/api/review-campaigns/${id}`).expect(404);
      await head.get('/api/review-campaigns/not-a-uuid/items').expect(404);
      const detail = (await head.get(`/api/review-campaigns/${id}`).expect(200)).body as {
        units: { careUnitId: string; items: number; undecided: number }[];
      };
      expect(detail.units).toEqual([
        expect.objectContaining({ careUnitId: team.unit.id, items: 4, undecided: 4 }),
      ]);
    });

    it('requires a comment on Ta bort, keeps decisions as drafts that change nothing', async () => {
      const p = await page(head, id);
      const res = await head
        .put(`/api/review-campaigns/${id}/decisions`)
        .send({ decisions: [{ itemId: itemOf(p, leaver).id, decision: 'REMOVE', comment: '  ' }] })
        .expect(400);
      expect((res.body as { detail: string }).detail).toMatch(/kommentar krävs/);
      expect((await page(head, id)).progress.decided).toBe(0);
      // Another's item, or one that is not in the campaign: nothing saved.
      const others = await head
        .put(`/api/review-campaigns/${id}/decisions`)
        .send({
          decisions: [
            { itemId: itemOf(p, stayer).id, decision: 'KEEP' },
            { itemId: '6d1e4a2b-3d5f-4e6a-8b9c-0d1e2f3a4b5c', decision: 'KEEP' },
          ],
        })
        .expect(404);
      expect((others.body as { type: string }).type).toBe('urn:beh:problem:review-items-not-found');
      await otherHead
        .put(`/api/review-campaigns/${id}/decisions`)
        .send({ decisions: [{ itemId: itemOf(p, stayer).id, decision: 'KEEP' }] })
        .expect(404);

      const saved = await head
        .put(`/api/review-campaigns/${id}/decisions`)
        .send({
          decisions: [
            ...p.items
              .filter((i) => i.personId !== leaver.id)
              .map((i) => ({ itemId: i.id, decision: 'KEEP' })),
            { itemId: itemOf(p, leaver).id, decision: 'REMOVE', comment: 'Har bytt arbetsplats' },
          ],
        })
        .expect(200);
      expect(saved.body).toEqual({ total: 4, decided: 4, signed: 0, kept: 0, removed: 0 });
      // Unsigned: no order, the holding stands.
      expect(
        await t.dataSource.query(`SELECT 1 FROM vmu_order WHERE end_user_id = $1 AND type = 'REVOKE'`, [
          leaver.id,
        ]),
      ).toEqual([]);
      expect((await holdings(t, leaver.id, team.unit.assignments.vob.id)).at(-1)?.validTo).toBeNull();
    });

    it('takes a reviewer’s thousands of decisions in one request, up to 4 MB', async () => {
      const lines = (n: number) =>
        Array.from({ length: n }, (_, i) => ({
          itemId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
          decision: 'KEEP',
        }));
      // 2,000 lines (~150 kB, over the default 100 kB): read and refused for what they say.
      const many = await head.put(`/api/review-campaigns/${id}/decisions`).send({ decisions: lines(2000) });
      expect(many.status).toBe(404);
      expect((many.body as { type: string }).type).toBe('urn:beh:problem:review-items-not-found');
      // Over 4 MB: 413, whatever it holds.
      const huge = await head
        .put(`/api/review-campaigns/${id}/decisions`)
        .send({ decisions: lines(10_000).map((l) => ({ ...l, comment: 'x'.repeat(400) })) });
      expect(huge.status).toBe(413);
      expect((await page(head, id)).progress.decided).toBe(4);
    });

    it('refuses a signature over decisions changed after the request, and changes nothing', async () => {
      const request = (await head.post(`/api/review-campaigns/${id}/sign-requests`).expect(201)).body as {
        requestId: string;
        document: string;
        decisions: number;
      };
      expect(request.decisions).toBe(4);
      const p = await page(head, id);
      await head
        .put(`/api/review-campaigns/${id}/decisions`)
        .send({
          decisions: [{ itemId: itemOf(p, unengaged).id, decision: 'REMOVE', comment: 'Ingen anställning' }],
        })
        .expect(200);
      const res = await sign(head, request.requestId);
      expect(res.status).toBe(409);
      expect((res.body as { type: string }).type).toBe('urn:beh:problem:review-changed');
      expect((await page(head, id)).progress.signed).toBe(0);
      // Back to Behåll for the rest of the story.
      await head
        .put(`/api/review-campaigns/${id}/decisions`)
        .send({ decisions: [{ itemId: itemOf(p, unengaged).id, decision: 'KEEP' }] })
        .expect(200);
    });

    it('signs every decision with one signature; Ta bort becomes an approved revoke order on the revoke date', async () => {
      const request = (await head.post(`/api/review-campaigns/${id}/sign-requests`).expect(201)).body as {
        requestId: string;
        document: string;
      };
      expect(request.document).toContain('Granskning av behörigheter: Årlig granskning');
      expect(request.document).toMatch(/Ta bort: Leo .* – VoB SJF\. Kommentar: Har bytt arbetsplats/);
      expect(request.document).toContain(`Uppdrag som tas bort avslutas den ${addDays(today, 31)}.`);
      await sign(head, request.requestId).then((res) => expect(res.status).toBe(200));

      const p = await page(head, id);
      expect(p.progress).toEqual({ total: 4, decided: 4, signed: 4, kept: 3, removed: 1 });
      const removed = itemOf(p, leaver);
      expect(removed.revokeOrderNumber).toMatch(/^BEH\d{7}$/);
      const [order] = await t.dataSource.query<
        {
          status: string;
          startDate: string;
          ordererId: string;
          attestantId: string;
          bySystem: boolean;
          signed: boolean;
        }[]
      >(
        `SELECT status, to_char(start_date, 'YYYY-MM-DD') AS "startDate", orderer_id AS "ordererId",
                attestant_id AS "attestantId", placed_by_system AS "bySystem", sign_request_id = $2 AS signed
           FROM vmu_order WHERE order_number = $1`,
        [removed.revokeOrderNumber, request.requestId],
      );
      expect(order).toEqual({
        status: 'APPROVED',
        startDate: addDays(today, 31),
        ordererId: team.head.id,
        attestantId: team.head.id,
        bySystem: true,
        signed: true,
      });
      // Signed decisions are final; nothing is left to sign.
      await head
        .put(`/api/review-campaigns/${id}/decisions`)
        .send({ decisions: [{ itemId: removed.id, decision: 'KEEP' }] })
        .expect(409);
      const none = await head.post(`/api/review-campaigns/${id}/sign-requests`).expect(422);
      expect((none.body as { detail: string }).detail).toMatch(/inga osignerade beslut/);
      const events = await t.dataSource.query<{ action: string }[]>(
        `SELECT action FROM audit_event WHERE entity_type = 'review_campaign' AND entity_id = $1 ORDER BY id`,
        [id],
      );
      expect(events.map((e) => e.action)).toEqual([
        'REVIEW_CAMPAIGN_CREATED',
        'REVIEW_CAMPAIGN_STARTED',
        'REVIEW_SIGNED',
      ]);

      // Carried out by the scheduler on the revoke date, not before.
      setClock(t, addDays(today, 30));
      await tick(t);
      expect((await holdings(t, leaver.id, team.unit.assignments.vob.id)).at(-1)?.validTo).toBeNull();
      setClock(t, addDays(today, 31));
      await tick(t);
      expect((await holdings(t, leaver.id, team.unit.assignments.vob.id)).at(-1)?.validTo).toBe(
        addDays(today, 30),
      );
      expect((await holdings(t, stayer.id, team.unit.assignments.vob.id)).at(-1)?.validTo).toBeNull();

      // The jump of a month ended every session: sign in again.
      t.app.get(Clock).set(undefined);
      [head, delegate, otherHead] = await Promise.all(
        [team.head, team.orderer, other.head].map((p) => signedIn(t, p)),
      );
      admin = await signedIn(t, await newAdministrator(t));
      const detail = (await admin.get(`/api/review-campaigns/${id}`).expect(200)).body as {
        units: { items: number; kept: number; removed: number; undecided: number }[];
      };
      expect(detail.units).toEqual([
        expect.objectContaining({ items: 4, kept: 3, removed: 1, undecided: 0 }),
      ]);
    });

    it('lets the head hand a unit’s unsigned items to an ATTEST delegate, who then reviews them', async () => {
      // A second campaign, started today, over the same unit.
      const res = await admin.post('/api/review-campaigns').send(campaign({ name: 'Överlämnad granskning' }));
      const second = (res.body as { id: string }).id;
      const candidates = (
        await head.get(`/api/review-campaigns/${second}/units/${team.unit.id}/reviewers`).expect(200)
      ).body as { id: string }[];
      // The head, and both delegates of the team (each holds ATTEST on the whole unit).
      expect(candidates.map((c) => c.id).sort()).toEqual(
        [team.head.id, team.orderer.id, team.attestant.id].sort(),
      );
      const body = { careUnitId: team.unit.id, reviewerId: team.attestant.id };
      // Not for others: another unit's head (403), a person without attest rights there (400).
      await otherHead.put(`/api/review-campaigns/${second}/reviewer`).send(body).expect(403);
      const refused = await head
        .put(`/api/review-campaigns/${second}/reviewer`)
        .send({ ...body, reviewerId: stayer.id })
        .expect(400);
      expect((refused.body as { errors: Record<string, string[]> }).errors.reviewerId).toEqual([
        'har inte attesträtt för vårdenhetens uppdrag',
      ]);
      await head.put(`/api/review-campaigns/${second}/reviewer`).send(body).expect(200);
      await head.get(`/api/review-campaigns/${second}/items`).expect(404);
      const sara = await signedIn(t, team.attestant);
      expect((await page(sara, second)).items).toHaveLength(4);
      const mails = await t.dataSource.query<{ to: string }[]>(
        `SELECT to_address AS "to" FROM mail_outbox WHERE template = 'REVIEW_STARTED' AND related_id = $1
          ORDER BY created_at`,
        [second],
      );
      expect(mails.map((m) => m.to)).toEqual([team.head.email, team.attestant.email]);
    });

    it('lets a head of unit create a campaign for their own unit, and lists campaigns by who may see them', async () => {
      const res = await head.post('/api/review-campaigns').send(
        campaign({
          name: 'Egen granskning',
          startDate: addDays(today, 7),
          dueDate: addDays(today, 37),
          revokeDate: addDays(today, 40),
        }),
      );
      expect(res.status).toBe(201);
      expect((res.body as { status: string }).status).toBe('PLANNED');
      const mine = ((await head.get('/api/review-campaigns').expect(200)).body as { name: string }[]).map(
        (c) => c.name,
      );
      expect(mine).toEqual(expect.arrayContaining(['Egen granskning', 'Årlig granskning']));
      const theirs = (
        (await otherHead.get('/api/review-campaigns').expect(200)).body as { id: string }[]
      ).map((c) => c.id);
      expect(theirs).not.toContain(id);
      await delegate.get('/api/review-campaigns').expect(403);
    });
  });
});
