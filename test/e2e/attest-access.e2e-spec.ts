import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Clock } from '../../server/src/common/clock.js';
import type { Right } from '../../server/src/delegations/delegation.types.js';
import { DelegationsService } from '../../server/src/delegations/delegations.service.js';
import {
  actorFor,
  newAdministrator,
  newPerson,
  newTeam,
  type PersonMade,
  signedIn,
  type Team,
} from '../factories/index.js';
import { uniqueSuffix } from '../factories/unique.js';
import type { Client } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createOrders, freeLines, orderState, requestSignature, sign } from './attest-support.js';
import { addDays } from './orders-support.js';

/**
 * Attest of access orders (issue 14, point 4): an ACCESS order — a verksamhet's behörighetsmallar
 * instead of a care unit's assignments — goes through the attestant's queue, attest page, removal
 * of lines, reject with comment and one signature exactly as a VMU order does, and the signed text
 * names each line's template, profession, systems and roles.
 *
 * The world: a factory team (Sara attests at its unit by delegation, Erik orders there, Karin is
 * its head), and a verksamhet of the access catalogue with Sara as its head, so that she may
 * attest its access orders; Karin has no right there.
 */
describe('attest of access orders', () => {
  let t: TestApp;
  let today: string;
  let team: Team;
  let sara: Client;
  let erik: Client;
  let karin: Client;
  let admin: Client;
  const names = (() => {
    const s = uniqueSuffix();
    return {
      area: `Plattformer ${s}`,
      operation: `Identitet och behörighet ${s}`,
      ad: `AD-grupper ${s}`,
      remedy: `Remedy ${s}`,
      ksd: `Ksd-personal ${s}`,
      bas: `Ksd-bas ${s}`,
      support: `Supportspecialist ${s}`,
      handl: `Handläggare ${s}`,
    };
  })();
  const ids: Record<string, string> = {};

  const one = async <T>(sql: string, params: unknown[]): Promise<T> =>
    (await t.dataSource.query<T[]>(sql, params))[0];
  const newId = async (sql: string, params: unknown[]) => (await one<{ id: string }>(sql, params)).id;

  interface AccessLine {
    template: string;
    profession: string;
    previousTemplate?: string;
    previousProfession?: string;
  }

  /**
   * An ACCESS order of Erik's awaiting attest, placed as the wizard places it (POST /api/orders
   * with accessItems). A Förändring's end user is first given the replaced template to hold.
   */
  const accessOrder = async ({
    lines,
    type = 'GRANT',
    endUser,
    attestant = team.attestant,
    startDate = addDays(today, 5),
  }: {
    lines: AccessLine[];
    type?: 'GRANT' | 'REVOKE' | 'CHANGE';
    endUser?: PersonMade;
    attestant?: PersonMade;
    startDate?: string;
  }) => {
    const person = endUser ?? (await newPerson(t, { unit: team.unit }));
    for (const line of lines.filter((l) => l.previousTemplate)) {
      await t.dataSource.query(
        `INSERT INTO access_holding (person_id, template_id, profession_id, held_from) VALUES ($1, $2, $3, $4)`,
        [person.id, ids[line.previousTemplate!], ids[line.previousProfession!], addDays(today, -30)],
      );
    }
    const res = await erik.post('/api/orders').send({
      type,
      endUserId: person.id,
      accessItems: lines.map((l) => ({
        templateId: ids[l.template],
        ...(type === 'REVOKE' ? {} : { professionId: ids[l.profession] }),
        ...(l.previousTemplate ? { previousTemplateId: ids[l.previousTemplate] } : {}),
      })),
      attestants: { [ids.operation]: attestant.id },
      startDate,
    });
    if (res.status !== 201) throw new Error(`placing answered ${res.status}: ${JSON.stringify(res.body)}`);
    const [order] = (res.body as { id: string; orderNumber: string; kind: string }[]).filter(
      (o) => o.kind === 'ACCESS',
    );
    return { ...order, itemIds: await lineIds(order.id, lines), endUser: person };
  };

  /** The ids of an order's lines, in the order of `lines`. */
  const lineIds = async (orderId: string, lines: AccessLine[]) => {
    const rows = await t.dataSource.query<{ id: string; templateId: string }[]>(
      `SELECT id, template_id AS "templateId" FROM vmu_order_item WHERE order_id = $1`,
      [orderId],
    );
    return lines.map((l) => rows.find((r) => r.templateId === ids[l.template])!.id);
  };

  /**
   * An ACCESS order written straight into the order tables as the migration's data model has it:
   * for what placing refuses (an attestant who is the end user, rule 11), to show that attest
   * refuses it again.
   */
  const insertedAccessOrder = async ({
    lines,
    endUser,
    attestant = team.attestant,
  }: {
    lines: AccessLine[];
    endUser: PersonMade;
    attestant?: PersonMade;
  }) => {
    const order = await one<{ id: string; orderNumber: string }>(
      `INSERT INTO vmu_order (order_number, kind, type, status, end_user_id, orderer_id, attestant_id,
                              access_operation_id, start_date)
       VALUES ('BEH' || lpad(nextval('order_number_seq')::text, 7, '0'), 'ACCESS', 'GRANT', 'AWAITING_ATTEST',
               $1, $2, $3, $4, $5)
       RETURNING id, order_number AS "orderNumber"`,
      [endUser.id, team.orderer.id, attestant.id, ids.operation, addDays(today, 5)],
    );
    for (const line of lines) {
      await t.dataSource.query(
        `INSERT INTO vmu_order_item (order_id, end_user_id, type, status, template_id, profession_id)
         VALUES ($1, $2, 'GRANT', 'PENDING', $3, $4)`,
        [order.id, endUser.id, ids[line.template], ids[line.profession]],
      );
    }
    return order;
  };

  const KSD: AccessLine = { template: 'ksd', profession: 'support' };
  const BAS: AccessLine = { template: 'bas', profession: 'handl' };

  const mailsOf = (orderId: string) =>
    t.dataSource.query<{ template: string; text: string }[]>(
      `SELECT template, text_body AS text FROM mail_outbox
        WHERE related_type = 'order' AND related_id = $1 ORDER BY created_at, template`,
      [orderId],
    );

  beforeAll(async () => {
    t = await createTestApp();
    today = t.app.get(Clock).today();
    team = await newTeam(t);
    [sara, erik, karin, admin] = await Promise.all(
      [team.attestant, team.orderer, team.head, await newAdministrator(t)].map((p) => signedIn(t, p)),
    );
    ids.area = await newId(`INSERT INTO access_area (name) VALUES ($1) RETURNING id`, [names.area]);
    ids.operation = await newId(
      `INSERT INTO access_operation (area_id, name, head_person_id) VALUES ($1, $2, $3) RETURNING id`,
      [ids.area, names.operation, team.attestant.id],
    );
    ids.ad = await newId(
      `INSERT INTO local_system (name, owner, fulfilment) VALUES ($1, 'Regionen', 'MANUAL') RETURNING id`,
      [names.ad],
    );
    ids.remedy = await newId(
      `INSERT INTO local_system (name, owner, fulfilment) VALUES ($1, 'Regionen', 'MANUAL') RETURNING id`,
      [names.remedy],
    );
    const role = (system: string, name: string) =>
      newId(`INSERT INTO system_role (system_id, name) VALUES ($1, $2) RETURNING id`, [ids[system], name]);
    ids.adRead = await role('ad', 'Ksd-läs');
    ids.adWrite = await role('ad', 'Ksd-skriv');
    ids.remedyCase = await role('remedy', 'Ärendehandläggare');
    for (const key of ['support', 'handl'] as const) {
      ids[key] = await newId(`INSERT INTO profession (name) VALUES ($1) RETURNING id`, [names[key]]);
    }
    const template = async (key: 'ksd' | 'bas', roles: string[], professions: string[]) => {
      ids[key] = await newId(
        `INSERT INTO access_template (operation_id, name) VALUES ($1, $2) RETURNING id`,
        [ids.operation, names[key]],
      );
      for (const r of roles) {
        await t.dataSource.query(
          `INSERT INTO access_template_role (template_id, system_role_id) VALUES ($1, $2)`,
          [ids[key], ids[r]],
        );
      }
      for (const p of professions) {
        await t.dataSource.query(
          `INSERT INTO access_template_profession (template_id, profession_id) VALUES ($1, $2)`,
          [ids[key], ids[p]],
        );
      }
    };
    await template('ksd', ['adRead', 'adWrite', 'remedyCase'], ['support', 'handl']);
    await template('bas', ['adRead'], ['support', 'handl']);
    // Sara, the verksamhet's head, lets Erik order there.
    await grant(team.orderer, ['ORDER']);
  });

  /** A delegation for the verksamhet, granted by its head Sara. */
  const grant = async (delegate: PersonMade, rights: Right[]) =>
    t.app.get(DelegationsService).create(await actorFor(t, team.attestant), {
      delegateId: delegate.id,
      accessOperationId: ids.operation,
      rights,
      assignmentIds: [],
      validFrom: today,
      validTo: null,
    });
  afterAll(async () => {
    await t.close();
  });

  interface QueueRow {
    id: string;
    kind: string;
    careUnitId: string | null;
    careUnitName: string | null;
    administrationName: string | null;
    accessOperationId: string | null;
    accessOperationName: string | null;
    areaName: string | null;
    templateNames: string[];
    assignmentNames: string[];
    itemCount: number;
  }
  const queue = async (client: Client, filter: Record<string, unknown> = {}, sort = 'createdAt') =>
    (
      await client
        .get('/api/attest/queue')
        .query({ filter: JSON.stringify(filter), sort: JSON.stringify([sort, 'ASC']), range: '[0,99]' })
        .expect(200)
    ).body as QueueRow[];

  describe('the queue', () => {
    it('shows an access order with its verksamhet and område where a VMU order shows its care unit', async () => {
      const access = await accessOrder({ lines: [KSD, BAS] });
      const [vmu] = await ordersToAttestOne();
      const rows = await queue(sara);
      expect(rows.find((r) => r.id === access.id)).toMatchObject({
        kind: 'ACCESS',
        careUnitId: null,
        careUnitName: null,
        administrationName: null,
        accessOperationId: ids.operation,
        accessOperationName: names.operation,
        areaName: names.area,
        itemCount: 2,
        assignmentNames: [],
        templateNames: [`${names.bas} (${names.handl})`, `${names.ksd} (${names.support})`],
      });
      expect(rows.find((r) => r.id === vmu)).toMatchObject({
        kind: 'VMU',
        careUnitId: team.unit.id,
        careUnitName: team.unit.name,
        accessOperationId: null,
        accessOperationName: null,
        areaName: null,
        templateNames: [],
      });
    });

    it('keeps both kinds when sorted by the unit column, and filters by kind and verksamhet', async () => {
      const access = await accessOrder({ lines: [KSD] });
      const [vmu] = await ordersToAttestOne();
      const sorted = (await queue(sara, {}, 'careUnitName')).map((r) => r.id);
      expect(sorted).toEqual(expect.arrayContaining([access.id, vmu]));
      const onlyAccess = await queue(sara, { kind: 'ACCESS' });
      expect(onlyAccess.map((r) => r.kind)).toEqual(onlyAccess.map(() => 'ACCESS'));
      expect(onlyAccess.map((r) => r.id)).toContain(access.id);
      expect((await queue(sara, { kind: 'VMU' })).map((r) => r.id)).not.toContain(access.id);
      expect((await queue(sara, { accessOperationId: ids.operation })).map((r) => r.id)).toContain(access.id);
      await sara
        .get('/api/attest/queue')
        .query({ filter: JSON.stringify({ kind: 'OTHER' }) })
        .expect(400);
    });

    it('counts access orders in every tab they belong to', async () => {
      const before = (await sara.get('/api/attest/counts').expect(200)).body as Record<string, number>;
      await accessOrder({ lines: [KSD], startDate: today });
      const after = (await sara.get('/api/attest/counts').expect(200)).body as Record<string, number>;
      expect(after).toEqual({ ...before, all: before.all + 1, due: before.due + 1 });
      const onlyAccess = (
        await sara
          .get('/api/attest/counts')
          .query({ filter: JSON.stringify({ kind: 'ACCESS' }) })
          .expect(200)
      ).body as Record<string, number>;
      expect(onlyAccess.all).toBe((await queue(sara, { kind: 'ACCESS' })).length);
    });

    it("is the attestant's own: others see no access order of hers", async () => {
      const access = await accessOrder({ lines: [KSD] });
      for (const client of [erik, karin, admin]) {
        expect((await queue(client)).map((r) => r.id)).not.toContain(access.id);
      }
    });
  });

  describe('the attest page', () => {
    it('shows the verksamhet and each line as template and profession with its systems and roles', async () => {
      const access = await accessOrder({ lines: [KSD] });
      const res = await sara.get(`/api/attest/orders/${access.id}`).expect(200);
      expect(res.body).toMatchObject({
        id: access.id,
        kind: 'ACCESS',
        careUnit: null,
        administrationName: null,
        accessOperation: { id: ids.operation, name: names.operation, areaName: names.area },
        orderedByAttestant: false,
        items: [
          {
            id: access.itemIds[0],
            assignmentId: null,
            templateId: ids.ksd,
            templateName: names.ksd,
            professionName: names.support,
            previousTemplateName: null,
            previousProfessionName: null,
            status: 'PENDING',
            systems: [
              { systemId: ids.ad, systemName: names.ad, roles: ['Ksd-läs', 'Ksd-skriv'] },
              { systemId: ids.remedy, systemName: names.remedy, roles: ['Ärendehandläggare'] },
            ],
          },
        ],
      });
    });

    it('shows what a Förändring replaces', async () => {
      const access = await accessOrder({
        type: 'CHANGE',
        lines: [{ ...KSD, previousTemplate: 'bas', previousProfession: 'handl' }],
      });
      const res = await sara.get(`/api/attest/orders/${access.id}`).expect(200);
      expect(res.body).toMatchObject({
        type: 'CHANGE',
        items: [
          {
            templateName: names.ksd,
            professionName: names.support,
            previousTemplateName: names.bas,
            previousProfessionName: names.handl,
          },
        ],
      });
    });

    it('is 404 for everyone but the attestant', async () => {
      const access = await accessOrder({ lines: [KSD] });
      for (const client of [erik, karin, admin]) {
        const res = await client.get(`/api/attest/orders/${access.id}`).expect(404);
        expect(res.body).toMatchObject({ detail: 'Beställningen hittades inte.' });
        await client
          .post('/api/attest/sign-requests')
          .send({ orderIds: [access.id], decision: 'APPROVE' })
          .expect(404);
      }
    });
  });

  describe('deciding', () => {
    it('approves with one signature, removing a line; the signed text names templates, professions, systems and roles', async () => {
      const access = await accessOrder({ lines: [KSD, BAS] });
      const [ksdLine, basLine] = access.itemIds;
      const { requestId, document } = await requestSignature(sara, {
        orderIds: [access.id],
        decision: 'APPROVE',
        removeItemIds: [basLine],
      });
      expect(document).toContain(`Beställning ${access.orderNumber}\nTyp: Nyupplägg\n`);
      expect(document).toContain(`Område: ${names.area}\nVerksamhet: ${names.operation}\n`);
      expect(document).not.toContain('Vårdenhet:');
      expect(document).toContain(
        `Godkänns: Behörighetsmall ${names.ksd} | Yrkeskategori ${names.support}\n` +
          `  System ${names.ad}, roller: Ksd-läs, Ksd-skriv\n` +
          `  System ${names.remedy}, roller: Ärendehandläggare\n`,
      );
      expect(document).toContain(
        `Tas bort: Behörighetsmall ${names.bas} | Yrkeskategori ${names.handl}\n` +
          `  System ${names.ad}, roller: Ksd-läs\n`,
      );
      expect(document).toContain(`${access.orderNumber};Godkänns;${ksdLine}`);
      expect(document).toContain(`${access.orderNumber};Tas bort;${basLine}`);

      expect((await sign(sara, requestId)).status).toBe(200);
      const state = await orderState(t, access.id);
      expect(state).toMatchObject({ status: 'APPROVED', signRequestId: requestId });
      expect(state.items).toEqual({ [ksdLine]: 'PENDING', [basLine]: 'REMOVED' });

      // The orderer is told, with the verksamhet and the line kept.
      const mails = await mailsOf(access.id);
      const approved = mails.find((m) => m.template === 'ORDER_APPROVED');
      expect(approved?.text).toContain(names.operation);
      expect(approved?.text).toContain(`Behörighetsmall ${names.ksd} (Yrkeskategori ${names.support})`);
      expect(approved?.text).not.toContain(names.bas);

      // Verifiera signatur: the stored signature, bound to this order.
      const check = await sara.get(`/api/orders/${access.id}/signature`).expect(200);
      expect(check.body).toMatchObject({ ok: true, decision: 'APPROVE', orderNumber: access.orderNumber });
    });

    it('hands an order whose start date has come over to its systems at once, and tells the orderer it is approved', async () => {
      const access = await accessOrder({ lines: [KSD], startDate: today });
      const { requestId } = await requestSignature(sara, { orderIds: [access.id], decision: 'APPROVE' });
      expect((await sign(sara, requestId)).status).toBe(200);
      const [order] = await t.dataSource.query<{ status: string; handedOver: boolean }[]>(
        `SELECT status, handed_over_at IS NOT NULL AS "handedOver" FROM vmu_order WHERE id = $1`,
        [access.id],
      );
      expect(order).toEqual({ status: 'APPROVED', handedOver: true });
      // One part per system of the line (carrying out itself is the fulfilment module's).
      const parts = await t.dataSource.query<{ systemId: string }[]>(
        `SELECT system_id AS "systemId" FROM access_part WHERE order_id = $1 ORDER BY system_id`,
        [access.id],
      );
      expect(parts.map((p) => p.systemId).sort()).toEqual([ids.ad, ids.remedy].sort());
      expect((await mailsOf(access.id)).map((m) => m.template)).toContain('ORDER_APPROVED');
    });

    it('names the replaced pair of a Förändring in the signed text', async () => {
      const access = await accessOrder({
        type: 'CHANGE',
        lines: [{ ...KSD, previousTemplate: 'bas', previousProfession: 'handl' }],
      });
      const { document } = await requestSignature(sara, { orderIds: [access.id], decision: 'APPROVE' });
      expect(document).toContain('Typ: Förändring\n');
      expect(document).toContain(
        `Godkänns: Behörighetsmall ${names.ksd} | Yrkeskategori ${names.support} ` +
          `(från Behörighetsmall ${names.bas} | Yrkeskategori ${names.handl})\n`,
      );
    });

    it('rejects with a comment: every line rejected, the comment kept and mailed', async () => {
      const access = await accessOrder({ lines: [KSD, BAS] });
      await sara
        .post('/api/attest/sign-requests')
        .send({ orderIds: [access.id], decision: 'REJECT' })
        .expect(400);
      const comment = 'Behörigheten behövs inte i tjänsten.';
      const { requestId, document } = await requestSignature(sara, {
        orderIds: [access.id],
        decision: 'REJECT',
        comment,
      });
      expect(document).toContain(`Avslås: Behörighetsmall ${names.ksd} | Yrkeskategori ${names.support}`);
      expect((await sign(sara, requestId)).status).toBe(200);
      const state = await orderState(t, access.id);
      expect(state).toMatchObject({ status: 'REJECTED', rejectComment: comment });
      expect(Object.values(state.items)).toEqual(['REJECTED', 'REJECTED']);
      const rejected = (await mailsOf(access.id)).find((m) => m.template === 'ORDER_REJECTED');
      expect(rejected?.text).toContain(comment);
      expect(rejected?.text).toContain(names.operation);

      const check = await sara.get(`/api/orders/${access.id}/signature`).expect(200);
      expect(check.body).toMatchObject({ ok: true, decision: 'REJECT' });
    });

    it('attests a VMU order and an access order together with one signature', async () => {
      const access = await accessOrder({ lines: [KSD] });
      const [vmu] = await ordersToAttestOne();
      const { requestId, document } = await requestSignature(sara, {
        orderIds: [vmu, access.id],
        decision: 'APPROVE',
      });
      expect(document).toContain('Antal beställningar: 2\n');
      expect(document).toContain(`Vårdenhet: ${team.unit.name}`);
      expect(document).toContain(`Verksamhet: ${names.operation}`);
      expect((await sign(sara, requestId)).status).toBe(200);
      expect((await orderState(t, vmu)).status).toBe('APPROVED');
      expect((await orderState(t, access.id)).status).toBe('APPROVED');
      for (const id of [vmu, access.id]) {
        const check = await sara.get(`/api/orders/${id}/signature`).expect(200);
        expect(check.body).toMatchObject({ ok: true });
      }
    });

    it('refuses an attestant whose ATTEST on the verksamhet has been revoked since the order was placed', async () => {
      const delegation = await grant(team.head, ['ATTEST']);
      const access = await accessOrder({ lines: [KSD], attestant: team.head });
      await t.app
        .get(DelegationsService)
        .update(await actorFor(t, team.attestant), delegation.id, { status: 'REVOKED' });
      // The order is still Karin's to see as its attestant, but she may no longer attest for the verksamhet.
      await karin.get(`/api/attest/orders/${access.id}`).expect(200);
      const res = await karin
        .post('/api/attest/sign-requests')
        .send({ orderIds: [access.id], decision: 'APPROVE' })
        .expect(403);
      expect(res.body).toMatchObject({
        orders: [{ orderId: access.id, rule: 'NO_ACCESS_ATTEST_RIGHT' }],
      });
      expect((await orderState(t, access.id)).status).toBe('AWAITING_ATTEST');
    });

    it('refuses to let the attestant approve access for herself (rule 11), but she may reject it', async () => {
      const access = await insertedAccessOrder({ lines: [KSD], endUser: team.attestant });
      const res = await sara
        .post('/api/attest/sign-requests')
        .send({ orderIds: [access.id], decision: 'APPROVE' })
        .expect(403);
      expect(res.body).toMatchObject({ orders: [{ rule: 'OWN_ACCESS' }] });
      await requestSignature(sara, { orderIds: [access.id], decision: 'REJECT', comment: 'Nej.' });
    });
  });

  /** One VMU order of Erik's at the team's unit awaiting Sara's attest. */
  async function ordersToAttestOne(): Promise<string[]> {
    const [line] = await freeLines(t, team, 1);
    return createOrders(t, team, [
      { endUserId: line.endUserId, assignmentIds: [line.assignmentId], startDate: addDays(today, 5) },
    ]);
  }
});
