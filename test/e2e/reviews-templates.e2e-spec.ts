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
import { uniqueSuffix } from '../factories/unique.js';
import type { Client } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { sign } from './attest-support.js';
import { addDays } from './orders-support.js';
import { freshClient, mails, setClock, tick } from './scheduler-support.js';

interface Item {
  id: string;
  kind: 'VMU' | 'ACCESS';
  personId: string;
  careUnitId: string | null;
  assignmentName: string | null;
  accessOperationId: string | null;
  accessOperationName: string | null;
  templateId: string | null;
  templateName: string | null;
  professionName: string | null;
  engagementActive: boolean;
  heldFrom: string;
  lastOrderNumber: string | null;
  decision: 'KEEP' | 'REMOVE' | null;
  signedAt: string | null;
  revokeOrderNumber: string | null;
}
interface Page {
  progress: { total: number; decided: number; signed: number; kept: number; removed: number };
  items: Item[];
}
interface UnitLine {
  kind: 'VMU' | 'ACCESS';
  careUnitId: string | null;
  accessOperationId: string | null;
  accessOperationName: string | null;
  reviewerId: string | null;
  items: number;
  kept: number;
  removed: number;
  undecided: number;
}

/**
 * Access reviews of the local and regional systems' templates (issue 17, point 1): a campaign
 * over a verksamhet snapshots the templates held there (access_holding) with the verksamhet's
 * head as reviewer; a signed Ta bort becomes an approved access revoke order (Avslut) that is
 * handed over to the system's administrators on the revoke date and, once carried out, ends
 * the holding. A campaign may review both kinds; an administration's scope holds units only.
 *
 * The world: a factory team (Karin heads its unit, Sara attests there) and a verksamhet with
 * Sara as its head, a MANUAL system whose administrator is Mats, two templates and a profession;
 * Anna holds both templates, Bo (no engagement anywhere) one; another verksamhet's holding is
 * out of scope.
 */
describe('access reviews of templates', () => {
  let t: TestApp;
  let today: string;
  let team: Team;
  let sara: Client;
  let karin: Client;
  let admin: Client;
  let anna: PersonMade;
  let bo: PersonMade;
  let outsider: PersonMade;
  let mats: PersonMade;
  let adminPerson: PersonMade;
  const s = uniqueSuffix();
  const ids: Record<string, string> = {};

  const newId = async (sql: string, params: unknown[]) =>
    (await t.dataSource.query<{ id: string }[]>(sql, params))[0].id;
  const hold = (person: PersonMade, template: string, order: string | null = null) =>
    t.dataSource.query(
      `INSERT INTO access_holding (person_id, template_id, profession_id, held_from, order_id)
       VALUES ($1, $2, $3, $4, $5)`,
      [person.id, ids[template], ids.profession, addDays(today, -200), order],
    );
  const holds = async (person: PersonMade, template: string) =>
    (
      await t.dataSource.query<unknown[]>(
        `SELECT 1 FROM access_holding WHERE person_id = $1 AND template_id = $2`,
        [person.id, ids[template]],
      )
    ).length > 0;
  const campaign = (overrides: Record<string, unknown> = {}) => ({
    name: `Mallgranskning ${s}`,
    content: 'ACCESS',
    scopeKind: 'UNITS',
    accessOperationIds: [ids.operation],
    startDate: today,
    dueDate: addDays(today, 30),
    revokeDate: addDays(today, 31),
    undecidedRule: 'KEEP',
    ...overrides,
  });
  const page = async (client: Client, id: string) =>
    (await client.get(`/api/review-campaigns/${id}/items`).expect(200)).body as Page;

  beforeAll(async () => {
    t = await createTestApp();
    today = t.app.get(Clock).today();
    team = await newTeam(t);
    [anna, bo, outsider, mats] = await Promise.all([
      newPerson(t, { unit: team.unit, firstName: 'Anna' }),
      newPerson(t, { firstName: 'Bo' }),
      newPerson(t, { unit: team.unit, firstName: 'Otto' }),
      newPerson(t, { unit: team.unit, firstName: 'Mats' }),
    ]);
    ids.area = await newId(`INSERT INTO access_area (name) VALUES ($1) RETURNING id`, [`Område ${s}`]);
    ids.operation = await newId(
      `INSERT INTO access_operation (area_id, name, head_person_id) VALUES ($1, $2, $3) RETURNING id`,
      [ids.area, `Identitet ${s}`, team.attestant.id],
    );
    ids.otherOperation = await newId(
      `INSERT INTO access_operation (area_id, name, head_person_id) VALUES ($1, $2, $3) RETURNING id`,
      [ids.area, `Ekonomi ${s}`, outsider.id],
    );
    ids.system = await newId(
      `INSERT INTO local_system (name, owner, fulfilment) VALUES ($1, 'Regionen', 'MANUAL') RETURNING id`,
      [`AD-grupper ${s}`],
    );
    await t.dataSource.query(`INSERT INTO system_administrator (system_id, person_id) VALUES ($1, $2)`, [
      ids.system,
      mats.id,
    ]);
    ids.profession = await newId(`INSERT INTO profession (name) VALUES ($1) RETURNING id`, [
      `Handläggare ${s}`,
    ]);
    for (const [key, operation] of [
      ['ksd', ids.operation],
      ['bas', ids.operation],
      ['eko', ids.otherOperation],
    ] as const) {
      ids[key] = await newId(
        `INSERT INTO access_template (operation_id, name) VALUES ($1, $2) RETURNING id`,
        [operation, `${key.toUpperCase()}-mall ${s}`],
      );
      // Each template its own role: removing one template takes its role away in the system.
      const role = await newId(`INSERT INTO system_role (system_id, name) VALUES ($1, $2) RETURNING id`, [
        ids.system,
        `Roll ${key}`,
      ]);
      await t.dataSource.query(
        `INSERT INTO access_template_role (template_id, system_role_id) VALUES ($1, $2)`,
        [ids[key], role],
      );
      await t.dataSource.query(
        `INSERT INTO access_template_profession (template_id, profession_id) VALUES ($1, $2)`,
        [ids[key], ids.profession],
      );
    }
    await hold(anna, 'ksd');
    await hold(anna, 'bas');
    await hold(bo, 'ksd');
    await hold(outsider, 'eko');
    await newHolding(t, { holder: anna, unit: team.unit, assignment: 'vob' });
    adminPerson = await newAdministrator(t);
    [sara, karin, admin] = await Promise.all(
      [team.attestant, team.head, adminPerson].map((p) => signedIn(t, p)),
    );
  });
  afterEach(() => t.app.get(Clock).set(undefined));
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a scope that does not fit what is reviewed, with Swedish field messages, and writes nothing', async () => {
    const before = (
      await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM review_campaign`)
    )[0].n;
    const cases: [Record<string, unknown>, string][] = [
      [{ accessOperationIds: [] }, 'accessOperationIds'],
      [{ accessOperationIds: ['6d1e4a2b-3d5f-4e6a-8b9c-0d1e2f3a4b5c'] }, 'accessOperationIds'],
      [{ accessOperationIds: ['inte-ett-id'] }, 'accessOperationIds'],
      [{ careUnitIds: [team.unit.id] }, 'careUnitIds'],
      [{ content: 'VMU', careUnitIds: [team.unit.id] }, 'accessOperationIds'],
      [{ content: 'BOTH' }, 'careUnitIds'],
      [{ content: 'SOMETHING' }, 'content'],
      [
        {
          scopeKind: 'ADMINISTRATION',
          administrationId: team.unit.administrationId,
          accessOperationIds: undefined,
        },
        'content',
      ],
    ];
    for (const [change, field] of cases) {
      const res = await admin.post('/api/review-campaigns').send(campaign(change));
      expect({ change, status: res.status }).toEqual({ change, status: 400 });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(Object.keys((res.body as { errors: Record<string, string[]> }).errors)).toContain(field);
    }
    // Karin heads the unit but not the verksamhet: its templates are not hers to review.
    await karin.post('/api/review-campaigns').send(campaign()).expect(403);
    await karin
      .post('/api/review-campaigns')
      .send(campaign({ content: 'BOTH', careUnitIds: [team.unit.id] }))
      .expect(403);
    expect(
      (await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM review_campaign`))[0].n,
    ).toBe(before);
  });

  describe('a campaign over the verksamhet, made and reviewed by its head', () => {
    let id: string;

    it('snapshots the templates held there with the head as reviewer, and mails her once', async () => {
      const res = await sara.post('/api/review-campaigns').send(campaign()).expect(201);
      id = (res.body as { id: string }).id;
      expect(res.body).toMatchObject({
        content: 'ACCESS',
        status: 'ACTIVE',
        accessOperationIds: [ids.operation],
        careUnitIds: [],
        progress: { total: 3 },
      });
      expect((res.body as { units: UnitLine[] }).units).toEqual([
        expect.objectContaining({
          kind: 'ACCESS',
          careUnitId: null,
          accessOperationId: ids.operation,
          accessOperationName: `Identitet ${s}`,
          reviewerId: team.attestant.id,
          items: 3,
          undecided: 3,
        }),
      ]);
      const p = await page(sara, id);
      expect(p.items.map((i) => [i.personId, i.templateName]).sort()).toEqual(
        [
          [anna.id, `BAS-mall ${s}`],
          [anna.id, `KSD-mall ${s}`],
          [bo.id, `KSD-mall ${s}`],
        ].sort(),
      );
      for (const item of p.items) {
        expect(item).toMatchObject({
          kind: 'ACCESS',
          careUnitId: null,
          assignmentName: null,
          accessOperationName: `Identitet ${s}`,
          professionName: `Handläggare ${s}`,
          heldFrom: addDays(today, -200),
          lastOrderNumber: null,
          engagementActive: item.personId === anna.id,
        });
      }
      const started = await mails(t, 'REVIEW_STARTED', id);
      expect(started.map((m) => m.to)).toEqual([team.attestant.email]);
      expect(started[0].text).toContain('Du granskar 3 innehav av behörighetsmallar vid en verksamhet');
      // Karin (the unit's head) is no reviewer here: nothing to see.
      await karin.get(`/api/review-campaigns/${id}/items`).expect(404);
    });

    it('hands over only to who may attest at the verksamhet, by its head', async () => {
      const candidates = await sara.get(`/api/review-campaigns/${id}/operations/${ids.operation}/reviewers`);
      expect(candidates.status).toBe(200);
      expect((candidates.body as { id: string }[]).map((c) => c.id)).toContain(team.attestant.id);
      await karin.get(`/api/review-campaigns/${id}/operations/${ids.operation}/reviewers`).expect(403);
      await sara.get(`/api/review-campaigns/${id}/operations/${ids.otherOperation}/reviewers`).expect(403);
      const both = await sara
        .put(`/api/review-campaigns/${id}/reviewer`)
        .send({ careUnitId: team.unit.id, accessOperationId: ids.operation, reviewerId: team.head.id });
      expect(both.status).toBe(400);
      const notAttestant = await sara
        .put(`/api/review-campaigns/${id}/reviewer`)
        .send({ accessOperationId: ids.operation, reviewerId: team.head.id });
      expect(notAttestant.status).toBe(400);
      expect(JSON.stringify(notAttestant.body)).toMatch(/attesträtt för verksamheten/);
    });

    it('signs keep and remove with one signature: the removal becomes an approved access revoke order', async () => {
      const p = await page(sara, id);
      const remove = p.items.find((i) => i.personId === anna.id && i.templateId === ids.bas) as Item;
      await sara
        .put(`/api/review-campaigns/${id}/decisions`)
        .send({
          decisions: p.items.map((i) =>
            i.id === remove.id
              ? { itemId: i.id, decision: 'REMOVE', comment: 'Behöver inte BAS längre' }
              : { itemId: i.id, decision: 'KEEP' },
          ),
        })
        .expect(200);
      // A draft changes nothing.
      expect(await holds(anna, 'bas')).toBe(true);
      const request = (await sara.post(`/api/review-campaigns/${id}/sign-requests`).expect(201)).body as {
        requestId: string;
        document: string;
      };
      expect(request.document).toContain(`Verksamhet: Identitet ${s}`);
      expect(request.document).toMatch(
        new RegExp(
          `Ta bort: Anna .* – behörighetsmall BAS-mall ${s} \\(Handläggare ${s}\\)\\. Kommentar: Behöver inte BAS längre`,
        ),
      );
      expect(request.document).toContain(`Det som tas bort avslutas den ${addDays(today, 31)}`);
      await sign(sara, request.requestId).then((res) => expect(res.status).toBe(200));

      const signed = (await page(sara, id)).items.find((i) => i.id === remove.id) as Item;
      expect(signed.revokeOrderNumber).toMatch(/^BEH\d{7}$/);
      const [order] = await t.dataSource.query<Record<string, unknown>[]>(
        `SELECT o.kind, o.type, o.status, to_char(o.start_date, 'YYYY-MM-DD') AS "startDate",
                o.access_operation_id AS "operationId", o.care_unit_id AS "careUnitId",
                o.orderer_id AS "ordererId", o.attestant_id AS "attestantId", o.placed_by_system AS "bySystem",
                o.sign_request_id = $2 AS signed, o.handed_over_at IS NULL AS "notHandedOver",
                array_agg(i.template_id::text) AS templates
           FROM vmu_order o JOIN vmu_order_item i ON i.order_id = o.id
          WHERE o.order_number = $1 GROUP BY o.id`,
        [signed.revokeOrderNumber, request.requestId],
      );
      expect(order).toEqual({
        kind: 'ACCESS',
        type: 'REVOKE',
        status: 'APPROVED',
        startDate: addDays(today, 31),
        operationId: ids.operation,
        careUnitId: null,
        ordererId: team.attestant.id,
        attestantId: team.attestant.id,
        bySystem: true,
        signed: true,
        notHandedOver: true,
        templates: [ids.bas],
      });
    });

    it('hands the revoke over on the revoke date; carried out, the template is no longer held; the report shows it', async () => {
      setClock(t, addDays(today, 30));
      await tick(t);
      const orderNumber = (await page(await freshClient(t, team.attestant.userId), id)).items.find(
        (i) => i.personId === anna.id && i.templateId === ids.bas,
      )?.revokeOrderNumber;
      const parts = () =>
        t.dataSource.query<{ id: string; status: string }[]>(
          `SELECT p.id, p.status FROM access_part p JOIN vmu_order o ON o.id = p.order_id WHERE o.order_number = $1`,
          [orderNumber],
        );
      expect(await parts()).toEqual([]);
      setClock(t, addDays(today, 31));
      await tick(t);
      const [part] = await parts();
      expect(part.status).toBe('PENDING');
      expect(await holds(anna, 'bas')).toBe(true);
      const matsClient = await freshClient(t, mats.userId);
      await matsClient.post(`/api/fulfilment/${part.id}/done`).send({}).expect(200);
      expect(await holds(anna, 'bas')).toBe(false);
      expect(await holds(anna, 'ksd')).toBe(true);

      const saraNow = await freshClient(t, team.attestant.userId);
      const detail = (await saraNow.get(`/api/review-campaigns/${id}`).expect(200)).body as {
        units: UnitLine[];
      };
      expect(detail.units).toEqual([
        expect.objectContaining({ kind: 'ACCESS', items: 3, kept: 2, removed: 1, undecided: 0 }),
      ]);
      const csv = await saraNow.get(`/api/review-campaigns/${id}/export`).expect(200);
      const lines = csv.text
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines[0]).toMatch(
        /^Typ;Vårdenhet \/ verksamhet;Uppdrag \/ behörighetsmall;Yrkeskategori;Person/,
      );
      expect(
        lines.filter((l) =>
          l.startsWith(`Behörighetsmall;Identitet ${s};BAS-mall ${s};Handläggare ${s};Anna`),
        ),
      ).toEqual([expect.stringContaining(`Ta bort`)]);
      expect(lines.find((l) => l.includes(`BAS-mall ${s}`))).toContain(orderNumber as string);
    });
  });

  it('reviews both kinds in one campaign: units by their heads, verksamheter by theirs; the rule removes what nobody decided', async () => {
    // Sessions follow the clock, which the tests above moved.
    admin = await freshClient(t, adminPerson.userId);
    karin = await freshClient(t, team.head.userId);
    const res = await admin
      .post('/api/review-campaigns')
      .send(
        campaign({
          content: 'BOTH',
          careUnitIds: [team.unit.id],
          undecidedRule: 'REVOKE',
          name: `Båda ${s}`,
        }),
      )
      .expect(201);
    const body = res.body as { id: string; units: UnitLine[] };
    expect(body.units.map((u) => [u.kind, u.careUnitId ?? u.accessOperationId, u.reviewerId])).toEqual([
      ['VMU', team.unit.id, team.head.id],
      ['ACCESS', ids.operation, team.attestant.id],
    ]);
    // Anna's BAS template was removed above; what is held now is reviewed.
    expect(body.units[1].items).toBe(2);
    const vmu = await page(karin, body.id);
    expect(vmu.items.every((i) => i.kind === 'VMU')).toBe(true);

    // Nobody decides: the day after the due date the rule removes every item, templates as access orders.
    setClock(t, addDays(today, 31));
    await tick(t);
    // The escalation at the due date names the verksamhet beside the unit (the factory administration
    // has no head: the campaign's creator gets it).
    const escalations = await mails(t, 'REVIEW_ESCALATION', body.id);
    expect(escalations.map((m) => m.to)).toEqual([adminPerson.email]);
    expect(escalations[0].text).toContain(`Verksamhet Identitet ${s} (behörighetsmallar)`);
    const orders = await t.dataSource.query<{ kind: string; status: string; bySystem: boolean }[]>(
      `SELECT DISTINCT o.kind, o.status, o.placed_by_system AS "bySystem"
         FROM review_item ri JOIN vmu_order o ON o.id = ri.revoke_order_id
        WHERE ri.campaign_id = $1 ORDER BY o.kind`,
      [body.id],
    );
    expect(orders).toEqual([
      { kind: 'ACCESS', status: 'APPROVED', bySystem: true },
      { kind: 'VMU', status: 'COMPLETED', bySystem: true },
    ]);
    const ruled = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM review_item
        WHERE campaign_id = $1 AND closed_by_rule AND decision = 'REMOVE' AND revoke_order_id IS NOT NULL`,
      [body.id],
    );
    expect(ruled[0].n).toBe(body.units[0].items + 2);
  });
});
