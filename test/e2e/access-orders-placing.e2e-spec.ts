import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Clock } from '../../server/src/common/clock.js';
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
import type { Client } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { footprint, listUrl, refusedWithoutTrace } from './orders-support.js';

interface AccessViolation {
  line: number | null;
  accessLine?: number;
  rule: string;
  message: string;
  templateId?: string;
  templateName?: string;
  assignmentId?: string;
}

/** The violations as [accessLine ?? `v${line}`, rule], sorted. */
const accessRules = (body: { violations?: AccessViolation[] }) =>
  (body.violations ?? [])
    .map((v) => [v.accessLine ?? `v${v.line}`, v.rule] as const)
    .sort(([a, ra], [b, rb]) => String(a).localeCompare(String(b)) || ra.localeCompare(rb));

/**
 * Ordering access to local and regional systems (issue 14, point 3): template lines in POST
 * /api/orders, one ACCESS order per verksamhet beside the VMU orders of the same send, every rule
 * and refusal; the wizard's orderable templates and attestants; the lists and the order view of
 * access orders. The catalogue is made here with SQL; rights on verksamheter by delegation.
 */
describe('access orders: placing, wizard reads, lists', () => {
  let t: TestApp;
  let today: string;
  let team: Team;
  let opHead: PersonMade;
  let stranger: PersonMade;
  let otherHead: PersonMade;
  let orderer: Client;
  let strangerClient: Client;
  let opHeadClient: Client;
  let teamHeadClient: Client;
  let admin: Client;
  const ids = {} as Record<string, string>;

  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
    t.dataSource.query<T[]>(text, params);

  beforeAll(async () => {
    t = await createTestApp();
    today = t.app.get(Clock).today();
    team = await newTeam(t, { name: 'Vårdcentralen Behörighetsgläntan' });
    opHead = await newPerson(t, { title: 'Verksamhetschef', unit: team.unit });
    otherHead = await newPerson(t, { title: 'Verksamhetschef', unit: team.unit });
    stranger = await newPerson(t, { unit: team.unit });
    // Kvalitetssäkring requires access to local systems (the seed's description).
    await sql(`UPDATE assignment SET requires_local_access = true WHERE id = $1`, [
      team.unit.assignments.kval.id,
    ]);

    const [area] = await sql<{ id: string }>(
      `INSERT INTO access_area (name) VALUES ('Plattformer test') RETURNING id`,
    );
    ids.area = area.id;
    const op = async (name: string, head: PersonMade) =>
      (
        await sql<{ id: string }>(
          `INSERT INTO access_operation (area_id, name, head_person_id) VALUES ($1, $2, $3) RETURNING id`,
          [area.id, name, head.id],
        )
      )[0].id;
    ids.opA = await op('Identitet och behörighet test', opHead);
    ids.opB = await op('Arkiv test', opHead);
    ids.opC = await op('Främmande verksamhet', otherHead);
    const profession = async (name: string) =>
      (await sql<{ id: string }>(`INSERT INTO profession (name) VALUES ($1) RETURNING id`, [name]))[0].id;
    ids.support = await profession('Supportspecialist test');
    ids.nurse = await profession('Sjuksköterska test');
    ids.doctor = await profession('Läkare test');
    const [system] = await sql<{ id: string }>(
      `INSERT INTO local_system (name, owner, fulfilment) VALUES ('System Ett', 'IT', 'MANUAL') RETURNING id`,
    );
    ids.system = system.id;
    const role = async (name: string) =>
      (
        await sql<{ id: string }>(`INSERT INTO system_role (system_id, name) VALUES ($1, $2) RETURNING id`, [
          system.id,
          name,
        ])
      )[0].id;
    ids.reader = await role('Läsare');
    ids.writer = await role('Skrivare');
    const template = async (
      operationId: string,
      name: string,
      professions: string[],
      roles: string[],
      active = true,
    ) => {
      const [row] = await sql<{ id: string }>(
        `INSERT INTO access_template (operation_id, name, active) VALUES ($1, $2, $3) RETURNING id`,
        [operationId, name, active],
      );
      for (const p of professions) {
        await sql(`INSERT INTO access_template_profession (template_id, profession_id) VALUES ($1, $2)`, [
          row.id,
          p,
        ]);
      }
      for (const r of roles) {
        await sql(`INSERT INTO access_template_role (template_id, system_role_id) VALUES ($1, $2)`, [
          row.id,
          r,
        ]);
      }
      return row.id;
    };
    ids.ksd = await template(
      ids.opA,
      'Ksd-personal test',
      [ids.support, ids.nurse],
      [ids.reader, ids.writer],
    );
    ids.basic = await template(ids.opA, 'Grundbehörighet test', [ids.support], [ids.reader]);
    ids.old = await template(ids.opA, 'Gammal mall', [ids.support], [ids.reader], false);
    ids.archive = await template(ids.opB, 'Arkivläsare', [ids.support], [ids.reader]);
    ids.foreign = await template(ids.opC, 'Främmande mall', [ids.support], [ids.reader]);

    // The team's orderer orders for both verksamheter of opHead; the team's attestant attests there.
    const delegations = t.app.get(DelegationsService);
    const grantor = await actorFor(t, opHead);
    for (const operationId of [ids.opA, ids.opB]) {
      await delegations.create(grantor, {
        delegateId: team.orderer.id,
        accessOperationId: operationId,
        rights: ['ORDER', 'ATTEST'],
        validFrom: today,
        validTo: null,
      } as never);
      await delegations.create(grantor, {
        delegateId: team.attestant.id,
        accessOperationId: operationId,
        rights: ['ATTEST'],
        validFrom: today,
        validTo: null,
      } as never);
    }
    [orderer, strangerClient, opHeadClient, teamHeadClient, admin] = await Promise.all([
      signedIn(t, team.orderer),
      signedIn(t, stranger),
      signedIn(t, opHead),
      signedIn(t, team.head),
      signedIn(t, await newAdministrator(t)),
    ]);
  });
  afterAll(async () => {
    await t.close();
  });

  const staff = () => newPerson(t, { unit: team.unit });
  const accessSend = (
    endUser: { id: string },
    accessItems: { templateId: string; professionId?: string; previousTemplateId?: string }[],
    extra: Record<string, unknown> = {},
  ) => ({
    type: 'GRANT',
    endUserId: endUser.id,
    accessItems,
    attestants: { [ids.opA]: team.attestant.id, [ids.opB]: team.attestant.id },
    startDate: today,
    urgent: false,
    comment: '',
    ...extra,
  });
  const placeOk = async (client: Client, body: object) => {
    const res = await client.post('/api/orders').send(body);
    if (res.status !== 201) throw new Error(`Expected 201, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as {
      id: string;
      orderNumber: string;
      kind: string;
      careUnitId: string | null;
      accessOperationId: string | null;
      accessOperationName: string | null;
    }[];
  };
  const refused = (client: Client, body: object, status: number) =>
    refusedWithoutTrace(t, client, body, status) as Promise<{
      violations?: AccessViolation[];
      detail?: string;
    }>;
  const hold = (person: { id: string }, templateId: string, professionId: string) =>
    sql(
      `INSERT INTO access_holding (person_id, template_id, profession_id, held_from) VALUES ($1, $2, $3, $4)`,
      [person.id, templateId, professionId, '2026-01-01'],
    );
  const number = (n: string) => Number(n.slice(3));

  describe('placing', () => {
    it('Nyupplägg of a template: one ACCESS order for its verksamhet, its line, event and the mail naming the verksamhet and the template', async () => {
      const endUser = await staff();
      const [placed, ...more] = await placeOk(
        orderer,
        accessSend(endUser, [{ templateId: ids.ksd, professionId: ids.support }]),
      );
      expect(more).toEqual([]);
      expect(placed).toMatchObject({
        kind: 'ACCESS',
        careUnitId: null,
        careUnitName: null,
        accessOperationId: ids.opA,
        accessOperationName: 'Identitet och behörighet test',
      });
      const [order] = await sql(
        `SELECT kind, type, status, care_unit_id, access_operation_id, attestant_id FROM vmu_order WHERE id = $1`,
        [placed.id],
      );
      expect(order).toEqual({
        kind: 'ACCESS',
        type: 'GRANT',
        status: 'AWAITING_ATTEST',
        care_unit_id: null,
        access_operation_id: ids.opA,
        attestant_id: team.attestant.id,
      });
      const items = await sql(
        `SELECT assignment_id, template_id, profession_id, previous_template_id, type, status
           FROM vmu_order_item WHERE order_id = $1`,
        [placed.id],
      );
      expect(items).toEqual([
        {
          assignment_id: null,
          template_id: ids.ksd,
          profession_id: ids.support,
          previous_template_id: null,
          type: 'GRANT',
          status: 'PENDING',
        },
      ]);
      const events = await sql(
        `SELECT action FROM audit_event WHERE entity_type = 'order' AND entity_id = $1`,
        [placed.id],
      );
      expect(events).toEqual([{ action: 'ORDER_PLACED' }]);
      const mails = await sql<{ template: string; to: string; text: string }>(
        `SELECT template, to_address AS "to", text_body AS text FROM mail_outbox
          WHERE related_type = 'order' AND related_id = $1`,
        [placed.id],
      );
      expect(mails).toHaveLength(1);
      expect(mails[0]).toMatchObject({ template: 'ORDER_AWAITING_ATTEST', to: team.attestant.email });
      expect(mails[0].text).toContain('Identitet och behörighet test');
      expect(mails[0].text).toContain('Plattformer test');
      expect(mails[0].text).toContain(
        'Behörighetsmall Ksd-personal test (Yrkeskategori Supportspecialist test)',
      );
    });

    it('the combined send: Kvalitetssäkring at the unit and a template make two orders, VMU first, consecutive numbers', async () => {
      const endUser = await staff();
      const placed = await placeOk(orderer, {
        ...accessSend(endUser, [{ templateId: ids.ksd, professionId: ids.support }]),
        items: [{ assignmentId: team.unit.assignments.kval.id }],
        attestants: { [team.unit.id]: team.attestant.id, [ids.opA]: team.attestant.id },
      });
      expect(placed.map((p) => p.kind)).toEqual(['VMU', 'ACCESS']);
      expect(placed[0].careUnitId).toBe(team.unit.id);
      expect(placed[1].accessOperationId).toBe(ids.opA);
      expect(number(placed[1].orderNumber)).toBe(number(placed[0].orderNumber) + 1);
    });

    it('Kvalitetssäkring without a template line is refused: 422 LOCAL_ACCESS_REQUIRED naming the line, nothing written', async () => {
      const endUser = await staff();
      const body = await refused(
        orderer,
        {
          type: 'GRANT',
          endUserId: endUser.id,
          items: [
            { assignmentId: team.unit.assignments.vob.id },
            { assignmentId: team.unit.assignments.kval.id },
          ],
          attestants: { [team.unit.id]: team.attestant.id },
          startDate: today,
        },
        422,
      );
      expect(body.violations).toEqual([
        expect.objectContaining({
          line: 1,
          rule: 'LOCAL_ACCESS_REQUIRED',
          assignmentId: team.unit.assignments.kval.id,
          message:
            'Uppdraget kräver behörighet i lokala eller regionala system: lägg till en behörighetsmall i samma beställning.',
        }),
      ]);
    });

    it('two verksamheter make two ACCESS orders numbered in the verksamheter’s name order', async () => {
      const endUser = await staff();
      const placed = await placeOk(
        orderer,
        accessSend(endUser, [
          { templateId: ids.ksd, professionId: ids.nurse },
          { templateId: ids.archive, professionId: ids.support },
        ]),
      );
      expect(placed.map((p) => p.accessOperationName)).toEqual([
        'Arkiv test',
        'Identitet och behörighet test',
      ]);
      expect(number(placed[1].orderNumber)).toBe(number(placed[0].orderNumber) + 1);
    });

    it('refuses each broken template line by its rule, naming the line, all at once and writing nothing', async () => {
      const endUser = await staff();
      await hold(endUser, ids.basic, ids.support);
      const body = await refused(
        orderer,
        accessSend(endUser, [
          { templateId: '00000000-0000-4000-8000-000000000001', professionId: ids.support },
          { templateId: ids.old, professionId: ids.support },
          { templateId: ids.ksd, professionId: ids.doctor },
          { templateId: ids.basic, professionId: ids.support },
          { templateId: ids.archive },
          { templateId: ids.ksd, professionId: ids.support },
        ]),
        422,
      );
      expect(accessRules(body)).toEqual([
        [0, 'UNKNOWN_TEMPLATE'],
        [1, 'TEMPLATE_INACTIVE'],
        [2, 'PROFESSION_NOT_OFFERED'],
        [3, 'TEMPLATE_ALREADY_HELD'],
        [4, 'PROFESSION_NOT_OFFERED'],
        [5, 'DUPLICATE_TEMPLATE_LINE'],
      ]);
      const held = body.violations?.find((v) => v.rule === 'TEMPLATE_ALREADY_HELD');
      expect(held).toMatchObject({
        line: null,
        accessLine: 3,
        templateId: ids.basic,
        templateName: 'Grundbehörighet test',
        message: 'Personen har redan behörighetsmallen.',
      });
    });

    it('a template of a verksamhet the orderer has no ORDER on: 403 NO_ACCESS_ORDER_RIGHT, and nothing else said', async () => {
      const endUser = await staff();
      const body = await refused(
        orderer,
        accessSend(endUser, [{ templateId: ids.foreign, professionId: ids.support }], {
          attestants: { [ids.opC]: otherHead.id },
        }),
        403,
      );
      expect(accessRules(body)).toEqual([[0, 'NO_ACCESS_ORDER_RIGHT']]);
      // A head of a unit with no rights on any verksamhet.
      const other = await refused(
        teamHeadClient,
        accessSend(endUser, [{ templateId: ids.ksd, professionId: ids.support }]),
        403,
      );
      expect(accessRules(other)).toEqual([[0, 'NO_ACCESS_ORDER_RIGHT']]);
    });

    it('the attestant rules said of the verksamhet: missing, without ATTEST there, the end user', async () => {
      const endUser = await staff();
      const line = [{ templateId: ids.ksd, professionId: ids.support }];
      const missing = await refused(orderer, accessSend(endUser, line, { attestants: {} }), 422);
      expect(missing.violations).toEqual([
        expect.objectContaining({
          accessLine: 0,
          rule: 'ATTESTANT_MISSING',
          message: 'Välj en attestant för verksamheten.',
        }),
      ]);
      const notAllowed = await refused(
        orderer,
        accessSend(endUser, line, { attestants: { [ids.opA]: stranger.id } }),
        422,
      );
      expect(notAllowed.violations).toEqual([
        expect.objectContaining({
          accessLine: 0,
          rule: 'ATTESTANT_NOT_ALLOWED',
          message: 'Attestanten får inte attestera beställningar i verksamheten.',
        }),
      ]);
      // The verksamhet's head may attest; the end user may not, even then.
      const self = await refused(
        opHeadClient,
        accessSend(opHead, line, { attestants: { [ids.opA]: opHead.id } }),
        422,
      );
      expect(accessRules(self)).toEqual([[0, 'ATTESTANT_IS_END_USER']]);
      // The single attestantId serves every verksamhet.
      const [placed] = await placeOk(
        orderer,
        accessSend(endUser, line, { attestants: undefined, attestantId: opHead.id }),
      );
      expect(placed.kind).toBe('ACCESS');
    });

    it('no active engagement: Nyupplägg and Förändring refused, Avslut allowed', async () => {
      const gone = await newPerson(t, {});
      await hold(gone, ids.basic, ids.support);
      const grant = await refused(
        orderer,
        accessSend(gone, [{ templateId: ids.ksd, professionId: ids.support }]),
        422,
      );
      expect(accessRules(grant)).toEqual([[0, 'NO_ACTIVE_ENGAGEMENT']]);
      const change = await refused(
        orderer,
        accessSend(
          gone,
          [{ templateId: ids.ksd, professionId: ids.support, previousTemplateId: ids.basic }],
          {
            type: 'CHANGE',
          },
        ),
        422,
      );
      expect(accessRules(change)).toEqual([[0, 'NO_ACTIVE_ENGAGEMENT']]);
      const [placed] = await placeOk(
        orderer,
        accessSend(gone, [{ templateId: ids.basic }], { type: 'REVOKE' }),
      );
      expect(placed.kind).toBe('ACCESS');
    });

    it('already pending: a second order of the same template for the person is refused', async () => {
      const endUser = await staff();
      await placeOk(orderer, accessSend(endUser, [{ templateId: ids.ksd, professionId: ids.support }]));
      const body = await refused(
        orderer,
        accessSend(endUser, [{ templateId: ids.ksd, professionId: ids.nurse }]),
        422,
      );
      expect(accessRules(body)).toEqual([[0, 'TEMPLATE_ALREADY_PENDING']]);
    });

    it('Förändring: stored with the template and profession it replaces; its rules', async () => {
      const endUser = await staff();
      await hold(endUser, ids.basic, ids.support);
      await hold(endUser, ids.archive, ids.support);
      const [placed] = await placeOk(
        orderer,
        accessSend(
          endUser,
          [{ templateId: ids.ksd, professionId: ids.nurse, previousTemplateId: ids.basic }],
          {
            type: 'CHANGE',
          },
        ),
      );
      const [order] = await sql(`SELECT type, access_operation_id FROM vmu_order WHERE id = $1`, [placed.id]);
      expect(order).toEqual({ type: 'CHANGE', access_operation_id: ids.opA });
      const items = await sql(
        `SELECT template_id, profession_id, previous_template_id, previous_profession_id, type
           FROM vmu_order_item WHERE order_id = $1`,
        [placed.id],
      );
      expect(items).toEqual([
        {
          template_id: ids.ksd,
          profession_id: ids.nurse,
          previous_template_id: ids.basic,
          previous_profession_id: ids.support,
          type: 'CHANGE',
        },
      ]);

      const other = await staff();
      await hold(other, ids.basic, ids.support);
      await hold(other, ids.ksd, ids.support);
      const body = await refused(
        orderer,
        accessSend(
          other,
          [
            // The same pair as held: nothing changes.
            { templateId: ids.basic, professionId: ids.support, previousTemplateId: ids.basic },
            // Replacing a template not held.
            { templateId: ids.archive, professionId: ids.support, previousTemplateId: ids.old },
          ],
          { type: 'CHANGE' },
        ),
        422,
      );
      expect(accessRules(body)).toEqual([
        [0, 'CHANGE_NOT_A_CHANGE'],
        [1, 'TEMPLATE_NOT_HELD'],
      ]);
      // Into a template already held.
      const intoHeld = await refused(
        orderer,
        accessSend(other, [{ templateId: ids.ksd, professionId: ids.nurse, previousTemplateId: ids.basic }], {
          type: 'CHANGE',
        }),
        422,
      );
      expect(accessRules(intoHeld)).toEqual([[0, 'TEMPLATE_ALREADY_HELD']]);
      // A change of profession within the held template is a change.
      const [profession] = await placeOk(
        orderer,
        accessSend(other, [{ templateId: ids.ksd, professionId: ids.nurse, previousTemplateId: ids.ksd }], {
          type: 'CHANGE',
        }),
      );
      expect(profession.kind).toBe('ACCESS');
      // Förändring is for templates only.
      const vmu = await refused(
        orderer,
        {
          ...accessSend(other, [], { type: 'CHANGE' }),
          items: [{ assignmentId: team.unit.assignments.vob.id }],
          attestants: { [team.unit.id]: team.attestant.id },
        },
        422,
      );
      expect(accessRules(vmu)).toEqual([['v0', 'CHANGE_ONLY_FOR_TEMPLATES']]);
    });

    it('Avslut: only of a held template, with the holding’s profession', async () => {
      const endUser = await staff();
      await hold(endUser, ids.basic, ids.support);
      const notHeld = await refused(
        orderer,
        accessSend(endUser, [{ templateId: ids.ksd }], { type: 'REVOKE' }),
        422,
      );
      expect(accessRules(notHeld)).toEqual([[0, 'TEMPLATE_NOT_HELD']]);
      const [placed] = await placeOk(
        orderer,
        accessSend(endUser, [{ templateId: ids.basic, professionId: ids.nurse }], { type: 'REVOKE' }),
      );
      const [item] = await sql(`SELECT profession_id, type FROM vmu_order_item WHERE order_id = $1`, [
        placed.id,
      ]);
      expect(item).toEqual({ profession_id: ids.support, type: 'REVOKE' });
    });

    it('all or none: one good VMU line, one good and one bad template line write nothing', async () => {
      const endUser = await staff();
      const body = await refused(
        orderer,
        {
          ...accessSend(endUser, [
            { templateId: ids.ksd, professionId: ids.support },
            { templateId: ids.archive, professionId: ids.doctor },
          ]),
          items: [{ assignmentId: team.unit.assignments.vob.id }],
          attestants: {
            [team.unit.id]: team.attestant.id,
            [ids.opA]: team.attestant.id,
            [ids.opB]: team.attestant.id,
          },
        },
        422,
      );
      expect(accessRules(body)).toEqual([[1, 'PROFESSION_NOT_OFFERED']]);
    });

    it('malformed template lines are refused field by field (400)', async () => {
      const endUser = await staff();
      const res = await orderer
        .post('/api/orders')
        .send(accessSend(endUser, [{ templateId: 'x', extra: 1 } as never]))
        .expect(400);
      expect(Object.keys(res.body.errors)).toEqual(['accessItems']);
      const none = await orderer.post('/api/orders').send(accessSend(endUser, [])).expect(400);
      expect(Object.keys(none.body.errors)).toEqual(['items']);
    });

    it('a send whose template line another send took meanwhile rolls back whole: 409 naming the line', async () => {
      const endUser = await staff();
      const other = t.dataSource.createQueryRunner();
      await other.connect();
      await other.startTransaction();
      try {
        const [{ id: blocker }] = await other.query(
          `INSERT INTO vmu_order (order_number, kind, type, status, end_user_id, orderer_id, attestant_id,
                                  access_operation_id, start_date)
           VALUES ('BEH0000002', 'ACCESS', 'GRANT', 'AWAITING_ATTEST', $1, $2, $3, $4, $5) RETURNING id`,
          [endUser.id, opHead.id, opHead.id, ids.opA, today],
        );
        await other.query(
          `INSERT INTO vmu_order_item (order_id, end_user_id, template_id, profession_id, type, status)
           VALUES ($1, $2, $3, $4, 'GRANT', 'PENDING')`,
          [blocker, endUser.id, ids.ksd, ids.support],
        );
        const before = await footprint(t);
        const pending = orderer
          .post('/api/orders')
          .send(
            accessSend(endUser, [
              { templateId: ids.archive, professionId: ids.support },
              { templateId: ids.ksd, professionId: ids.support },
            ]),
          )
          .then((res) => res);
        await waitForLockWait();
        await other.commitTransaction();
        const res = await pending;
        expect(res.status).toBe(409);
        expect(res.body.violations).toEqual([
          expect.objectContaining({ accessLine: 1, rule: 'TEMPLATE_ALREADY_PENDING', templateId: ids.ksd }),
        ]);
        expect(await footprint(t)).toEqual({ ...before, orders: before.orders + 1, items: before.items + 1 });
      } finally {
        if (other.isTransactionActive) await other.rollbackTransaction();
        await other.release();
      }
    });

    it('two sends at once of the same template for the same person make exactly one order', async () => {
      const endUser = await staff();
      const body = accessSend(endUser, [{ templateId: ids.archive, professionId: ids.support }]);
      const answers = await Promise.all([orderer, opHeadClient].map((c) => c.post('/api/orders').send(body)));
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses[0]).toBe(201);
      expect([409, 422]).toContain(statuses[1]);
      const loser = answers.find((r) => r.status !== 201);
      expect(accessRules(loser?.body ?? {})).toEqual([[0, 'TEMPLATE_ALREADY_PENDING']]);
      const [{ count }] = await sql<{ count: number }>(
        `SELECT count(*)::int AS count FROM vmu_order_item WHERE end_user_id = $1 AND template_id = $2`,
        [endUser.id, ids.archive],
      );
      expect(count).toBe(1);
    });
  });

  describe('the wizard’s reads', () => {
    type Answer = {
      endUser: unknown;
      areas: {
        id: string;
        name: string;
        operations: {
          id: string;
          name: string;
          templates: {
            id: string;
            name: string;
            orderable: boolean;
            reason: string | null;
            held: { professionId: string } | null;
            professions: { id: string; name: string }[];
            systems: { systemName: string; roles: string[] }[];
          }[];
        }[];
      }[];
    };
    const templatesOf = (a: Answer) =>
      a.areas.flatMap((area) =>
        area.operations.flatMap((o) => o.templates.map((t) => ({ operation: o.name, ...t }))),
      );

    it('orderable templates: only verksamheter the actor may order for; GRANT marks held and pending, CHANGE and REVOKE list the held', async () => {
      const endUser = await staff();
      await hold(endUser, ids.basic, ids.support);
      await placeOk(orderer, accessSend(endUser, [{ templateId: ids.archive, professionId: ids.support }]));
      const grant = (
        await orderer.get(`/api/orderable-templates?type=GRANT&endUserId=${endUser.id}`).expect(200)
      ).body as Answer;
      expect(grant.endUser).toEqual({ hasActiveEngagement: true, privateProvider: false, active: true });
      const listed = templatesOf(grant);
      expect(listed.map((x) => [x.operation, x.name, x.orderable, x.reason])).toEqual([
        ['Arkiv test', 'Arkivläsare', false, 'TEMPLATE_ALREADY_PENDING'],
        ['Identitet och behörighet test', 'Grundbehörighet test', false, 'TEMPLATE_ALREADY_HELD'],
        ['Identitet och behörighet test', 'Ksd-personal test', true, null],
      ]);
      const ksd = listed.find((x) => x.id === ids.ksd);
      expect(ksd?.professions.map((p) => p.name)).toEqual(['Sjuksköterska test', 'Supportspecialist test']);
      expect(ksd?.systems).toEqual([
        { systemId: ids.system, systemName: 'System Ett', roles: ['Läsare', 'Skrivare'] },
      ]);

      for (const type of ['CHANGE', 'REVOKE']) {
        const answer = (
          await orderer.get(`/api/orderable-templates?type=${type}&endUserId=${endUser.id}`).expect(200)
        ).body as Answer;
        expect(templatesOf(answer).map((x) => [x.name, x.orderable, x.held?.professionId])).toEqual([
          ['Grundbehörighet test', true, ids.support],
        ]);
      }
      // Someone with no verksamhet: nothing to offer.
      const none = (await teamHeadClient.get(`/api/orderable-templates?endUserId=${endUser.id}`).expect(200))
        .body as Answer;
      expect(none.areas).toEqual([]);
      await orderer.get('/api/orderable-templates?type=KÖP').expect(400);
    });

    it('orderable assignments say which need a template line in the same send', async () => {
      const endUser = await staff();
      const answer = (
        await orderer.get(`/api/orderable-assignments?type=GRANT&endUserId=${endUser.id}`).expect(200)
      ).body as { units: { assignments: { name: string; requiresLocalAccess: boolean }[] }[] };
      const flags = Object.fromEntries(
        answer.units.flatMap((u) => u.assignments.map((x) => [x.name, x.requiresLocalAccess])),
      );
      expect(flags).toMatchObject({ Kvalitetssäkring: true, 'VoB SJF': false });
      await orderer.get(`/api/orderable-assignments?type=CHANGE&endUserId=${endUser.id}`).expect(400);
    });

    it('attestants of a verksamhet: its head and its ATTEST delegates', async () => {
      const res = await orderer.get(`/api/attestants?accessOperationId=${ids.opA}`).expect(200);
      expect((res.body as { id: string }[]).map((p) => p.id).sort()).toEqual(
        [opHead.id, team.orderer.id, team.attestant.id].sort(),
      );
      await orderer.get('/api/attestants?accessOperationId=00000000-0000-4000-8000-000000000009').expect(404);
      await orderer.get('/api/attestants?accessOperationId=x').expect(400);
    });
  });

  describe('lists and the order view', () => {
    let accessOrderId: string;
    let changeOrderId: string;
    let vmuOrderId: string;

    beforeAll(async () => {
      const endUser = await staff();
      await hold(endUser, ids.basic, ids.support);
      const placed = await placeOk(orderer, {
        ...accessSend(endUser, [{ templateId: ids.archive, professionId: ids.support }]),
        items: [{ assignmentId: team.unit.assignments.stat.id }],
        attestants: { [team.unit.id]: team.attestant.id, [ids.opB]: team.attestant.id },
      });
      vmuOrderId = placed[0].id;
      accessOrderId = placed[1].id;
      [{ id: changeOrderId }] = await placeOk(
        orderer,
        accessSend(
          endUser,
          [{ templateId: ids.ksd, professionId: ids.nurse, previousTemplateId: ids.basic }],
          {
            type: 'CHANGE',
          },
        ),
      );
    });

    const idsOf = async (client: Client, filter: Record<string, unknown>) =>
      ((await client.get(listUrl(filter, [0, 199])).expect(200)).body as { id: string }[]).map((r) => r.id);

    it('rows of access orders name the verksamhet and område; kind and type filter', async () => {
      const res = await orderer.get(listUrl({ scope: 'mine', kind: 'ACCESS' }, [0, 199])).expect(200);
      const rows = res.body as Record<string, unknown>[];
      expect(rows.every((r) => r.kind === 'ACCESS')).toBe(true);
      expect(rows.find((r) => r.id === accessOrderId)).toMatchObject({
        kind: 'ACCESS',
        careUnitId: null,
        careUnitName: null,
        administrationName: null,
        accessOperationId: ids.opB,
        accessOperationName: 'Arkiv test',
        areaName: 'Plattformer test',
      });
      const vmu = await idsOf(orderer, { scope: 'mine', kind: 'VMU' });
      expect(vmu).toContain(vmuOrderId);
      expect(vmu).not.toContain(accessOrderId);
      const changes = (await orderer.get(listUrl({ scope: 'mine', type: 'CHANGE' }, [0, 199])).expect(200))
        .body as { id: string; type: string }[];
      expect(changes.map((r) => r.id)).toContain(changeOrderId);
      expect(new Set(changes.map((r) => r.type))).toEqual(new Set(['CHANGE']));
      await orderer.get(listUrl({ kind: 'OTHER' })).expect(400);
      expect(await idsOf(orderer, { scope: 'mine', accessOperationId: ids.opB })).toContain(accessOrderId);
    });

    it('scope all holds the access orders of verksamheter the reader has rights on, not others’', async () => {
      // The verksamhet's head neither ordered nor attests them.
      const head = await idsOf(opHeadClient, { scope: 'all' });
      expect(head).toEqual(expect.arrayContaining([accessOrderId, changeOrderId]));
      expect(head).not.toContain(vmuOrderId);
      // The unit's head sees the VMU order, not the access orders.
      const unitHead = await idsOf(teamHeadClient, { scope: 'all' });
      expect(unitHead).toContain(vmuOrderId);
      expect(unitHead).not.toContain(accessOrderId);
      expect(await idsOf(admin, { scope: 'all', kind: 'ACCESS' })).toEqual(
        expect.arrayContaining([accessOrderId, changeOrderId]),
      );
    });

    it('scope all of a reader who heads both a care unit and a verksamhet holds the orders of both, newest first', async () => {
      const [{ head_person_id: opBHead }] = await sql<{ head_person_id: string }>(
        `SELECT head_person_id FROM access_operation WHERE id = $1`,
        [ids.opB],
      );
      await sql(`UPDATE access_operation SET head_person_id = $1 WHERE id = $2`, [team.head.id, ids.opB]);
      try {
        const rows = (await teamHeadClient.get(listUrl({ scope: 'all' }, [0, 199])).expect(200)).body as {
          id: string;
          createdAt: string;
        }[];
        const both = rows.map((r) => r.id);
        expect(both).toEqual(expect.arrayContaining([vmuOrderId, accessOrderId]));
        // Only opB's orders came in: opA (the Förändring's verksamhet) is still opHead's alone.
        expect(both).not.toContain(changeOrderId);
        const times = rows.map((r) => r.createdAt);
        expect(times).toEqual([...times].sort().reverse());
        // Filtered to the access kind: the verksamhet's only.
        const access = (
          await teamHeadClient.get(listUrl({ scope: 'all', kind: 'ACCESS' }, [0, 199])).expect(200)
        ).body as { id: string; accessOperationId: string }[];
        expect(access.map((r) => r.id)).toContain(accessOrderId);
        expect(new Set(access.map((r) => r.accessOperationId))).toEqual(new Set([ids.opB]));
      } finally {
        await sql(`UPDATE access_operation SET head_person_id = $1 WHERE id = $2`, [opBHead, ids.opB]);
      }
    });

    it('the order view shows template lines with systems and roles, and the replaced pair of a Förändring', async () => {
      const detail = (await orderer.get(`/api/orders/${changeOrderId}`).expect(200)).body;
      expect(detail).toMatchObject({
        kind: 'ACCESS',
        type: 'CHANGE',
        accessOperationName: 'Identitet och behörighet test',
      });
      expect(detail.items).toEqual([
        expect.objectContaining({
          assignmentId: null,
          assignmentName: null,
          kind: null,
          purpose: null,
          templateId: ids.ksd,
          templateName: 'Ksd-personal test',
          professionId: ids.nurse,
          professionName: 'Sjuksköterska test',
          previousTemplateName: 'Grundbehörighet test',
          previousProfessionName: 'Supportspecialist test',
          systems: [{ systemId: ids.system, systemName: 'System Ett', roles: ['Läsare', 'Skrivare'] }],
          status: 'PENDING',
        }),
      ]);
      const vmu = (await orderer.get(`/api/orders/${vmuOrderId}`).expect(200)).body;
      expect(vmu.items[0]).toMatchObject({ templateId: null, systems: [], assignmentName: 'Statistik VE' });
    });

    it('who may view an access order: orderer, attestant, the verksamhet’s rights holders, administrators; 404 for others', async () => {
      await opHeadClient.get(`/api/orders/${accessOrderId}`).expect(200);
      await admin.get(`/api/orders/${accessOrderId}`).expect(200);
      await strangerClient.get(`/api/orders/${accessOrderId}`).expect(404);
      await teamHeadClient.get(`/api/orders/${accessOrderId}`).expect(404);
    });

    it('the export names the verksamhet where a VMU order names its unit', async () => {
      const res = await orderer
        .get(
          `/api/orders/export?filter=${encodeURIComponent(JSON.stringify({ scope: 'mine', kind: 'ACCESS', type: 'CHANGE' }))}`,
        )
        .expect(200);
      expect(res.text).toContain('Förändring');
      expect(res.text).toContain('Identitet och behörighet test');
      expect(res.text).toContain('Plattformer test');
    });
  });

  describe('the orderer’s actions and English', () => {
    it('change of attestant: only to someone with ATTEST on the verksamhet; the new attestant is mailed', async () => {
      const endUser = await staff();
      const [placed] = await placeOk(
        orderer,
        accessSend(endUser, [{ templateId: ids.ksd, professionId: ids.support }]),
      );
      const refusedChange = await orderer
        .post(`/api/orders/${placed.id}/change-attestant`)
        .send({ attestantId: stranger.id })
        .expect(422);
      expect(refusedChange.body.violations).toEqual([
        expect.objectContaining({
          rule: 'ATTESTANT_NOT_ALLOWED',
          accessLine: 0,
          message: 'Attestanten får inte attestera beställningar i verksamheten.',
        }),
      ]);
      const changed = await orderer
        .post(`/api/orders/${placed.id}/change-attestant`)
        .send({ attestantId: opHead.id })
        .expect(200);
      expect(changed.body.attestantId).toBe(opHead.id);
      const [mail] = await sql<{ text: string }>(
        `SELECT text_body AS text FROM mail_outbox WHERE related_id = $1 AND template = 'ATTESTANT_CHANGED'`,
        [placed.id],
      );
      expect(mail.text).toContain('Behörighetsmall Ksd-personal test (Yrkeskategori Supportspecialist test)');
      expect(mail.text).toContain('Identitet och behörighet test');
      await orderer.post(`/api/orders/${placed.id}/cancel`).expect(200);
      const [line] = await sql(`SELECT status FROM vmu_order_item WHERE order_id = $1`, [placed.id]);
      expect(line).toEqual({ status: 'REMOVED' });
      // Cancelled, the template may be ordered again.
      await placeOk(orderer, accessSend(endUser, [{ templateId: ids.ksd, professionId: ids.support }]));
    });

    it('answers an access refusal in English', async () => {
      const endUser = await staff();
      const res = await orderer
        .post('/api/orders')
        .set('Accept-Language', 'en')
        .send(accessSend(endUser, [{ templateId: ids.ksd, professionId: ids.doctor }], { attestants: {} }))
        .expect(422);
      expect((res.body.violations as AccessViolation[]).map((v) => v.message).sort()).toEqual([
        'Choose a profession the access template is offered for.',
        'Choose an attestant for the operation.',
      ]);
    });
  });

  /** Until some backend of this database waits for a lock (the send behind the other transaction). */
  async function waitForLockWait(): Promise<void> {
    for (let i = 0; i < 200; i++) {
      const [{ waiting }] = await sql<{ waiting: number }>(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      if (waiting > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('No send waited for the lock');
  }
});
