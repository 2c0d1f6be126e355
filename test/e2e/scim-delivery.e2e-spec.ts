import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../../server/src/audit/audit.service.js';
import { Clock } from '../../server/src/common/clock.js';
import { sealSecret } from '../../server/src/common/secret-seal.js';
import { FulfilmentService } from '../../server/src/fulfilment/fulfilment.service.js';
import { ScimClient } from '../../server/src/fulfilment/scim/scim-client.js';
import type { ScimRunResult } from '../../server/src/fulfilment/scim/scim-delivery.js';
import { MailDeliveryService } from '../../server/src/mail/mail-delivery.service.js';
import { MailService } from '../../server/src/mail/mail.service.js';
import { ScimDeliveryJob } from '../../server/src/scheduler/scim-delivery.job.js';
import { SchedulerService } from '../../server/src/scheduler/scheduler.service.js';
import { backoffSeconds } from '../../server/src/fulfilment/scim/scim-settings.js';
import { ScimTestServer } from '../support/scim-server.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { person } from './orders-support.js';
import { mails } from './scheduler-support.js';

const PUBLIC_URL = 'https://beh.example.se';
const NOW = new Date('2026-11-23T09:00:00Z');
const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

interface Role {
  roleId: string;
  name: string;
  scimGroup: string | null;
}

interface PartRow {
  status: string;
  method: string;
  scimAttempts: number;
  scimNextAt: Date | null;
  scimLastError: string | null;
  doneAt: Date | null;
  doneById: string | null;
}

/**
 * Carrying out access orders over SCIM (issue 14, point 5): the delivery job against a real SCIM
 * 2.0 server (scimmy + scimmy-routers on express, test/support/scim-server.ts), with the parts'
 * outbox in real PostgreSQL and the mails through a real SMTP sink.
 */
describe('SCIM delivery of access parts', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let scim: ScimTestServer;
  let clock: Clock;
  let job: ScimDeliveryJob;
  let fulfilment: FulfilmentService;
  let systemId: string;
  let template: { id: string; operationId: string; professionId: string };
  const roles: Record<'A' | 'B' | 'C' | 'D', Role> = {} as never;

  /** A SCIM system in the catalogue, pointing at `baseUrl` with `token` sealed as the catalogue seals it. */
  async function addScimSystem(name: string, baseUrl: string, token: string): Promise<string> {
    const id = randomUUID();
    const sealed = sealSecret(token, t.config.signing.keySecret, 'scim-token', id);
    await t.dataSource.query(
      `INSERT INTO local_system (id, name, description, owner, fulfilment, scim_base_url, scim_token_sealed)
       VALUES ($1, $2, '', 'Testförvaltningen', 'SCIM', $3, $4::jsonb)`,
      [id, name, baseUrl, JSON.stringify(sealed)],
    );
    return id;
  }

  async function addRole(system: string, name: string, scimGroup: string): Promise<Role> {
    const [{ id }] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO system_role (system_id, name, scim_group) VALUES ($1, $2, $3) RETURNING id`,
      [system, name, scimGroup],
    );
    return { roleId: id, name, scimGroup };
  }

  /**
   * An approved access order for `endUser` (a seeded persona's VGR-ID), handed over: one line
   * and, per entry of `parts`, that line's SCIM part on a system, due now. Set up in SQL as the
   * hand-over leaves it (migrations/1765100900000-AccessOrders.ts).
   */
  async function handedOver(
    endUser: string,
    parts: { system?: string; grant?: Role[]; revoke?: Role[] }[],
    type: 'GRANT' | 'REVOKE' | 'CHANGE' = 'GRANT',
    line: { templateId: string; handedOver: boolean } = { templateId: template.id, handedOver: true },
  ): Promise<{ orderId: string; itemId: string; partIds: string[] }> {
    return t.dataSource.transaction(async (m) => {
      const [{ id: orderId }] = await m.query<{ id: string }[]>(
        `INSERT INTO vmu_order (order_number, kind, type, status, end_user_id, orderer_id, attestant_id,
                                access_operation_id, start_date, decided_at, handed_over_at)
         VALUES ('BEH' || lpad(nextval('order_number_seq')::text, 7, '0'), 'ACCESS', $1, 'APPROVED', $2, $3, $4,
                 $5, $6::date, $7, $8)
         RETURNING id`,
        [
          type,
          person(endUser),
          person('eriho2'),
          person('sarbe3'),
          template.operationId,
          '2026-11-23',
          NOW,
          line.handedOver ? NOW : null,
        ],
      );
      const [{ id: itemId }] = await m.query<{ id: string }[]>(
        `INSERT INTO vmu_order_item (order_id, end_user_id, type, status, template_id, profession_id,
                                     previous_template_id, previous_profession_id)
         VALUES ($1, $2, $3, 'PENDING', $4, $5, $6, $7) RETURNING id`,
        [
          orderId,
          person(endUser),
          type,
          line.templateId,
          template.professionId,
          type === 'CHANGE' ? template.id : null,
          type === 'CHANGE' ? template.professionId : null,
        ],
      );
      const partIds: string[] = [];
      for (const part of parts) {
        const [{ id }] = await m.query<{ id: string }[]>(
          `INSERT INTO access_part (order_id, item_id, system_id, method, grant_roles, revoke_roles, status,
                                    scim_next_at, created_at, updated_at)
           VALUES ($1, $2, $3, 'SCIM', $4::jsonb, $5::jsonb, 'PENDING', $6, $6, $6) RETURNING id`,
          [
            orderId,
            itemId,
            part.system ?? systemId,
            JSON.stringify(part.grant ?? []),
            JSON.stringify(part.revoke ?? []),
            NOW,
          ],
        );
        partIds.push(id);
      }
      return { orderId, itemId, partIds };
    });
  }

  const partRow = async (id: string): Promise<PartRow> =>
    (
      await t.dataSource.query<PartRow[]>(
        `SELECT status, method, scim_attempts AS "scimAttempts", scim_next_at AS "scimNextAt",
                scim_last_error AS "scimLastError", done_at AS "doneAt", done_by_id AS "doneById"
           FROM access_part WHERE id = $1`,
        [id],
      )
    )[0];

  const orderStatus = async (orderId: string) =>
    (
      await t.dataSource.query<{ status: string; feedback: string | null; items: string[] }[]>(
        `SELECT o.status, o.feedback, array(SELECT i.status FROM vmu_order_item i WHERE i.order_id = o.id) AS items
           FROM vmu_order o WHERE o.id = $1`,
        [orderId],
      )
    )[0];

  const partEvents = (partId: string) =>
    t.dataSource.query<{ action: string; actorId: string | null; after: Record<string, unknown> }[]>(
      `SELECT action, actor_id AS "actorId", after FROM audit_event
        WHERE entity_type = 'access_part' AND entity_id = $1 ORDER BY id`,
      [partId],
    );

  const hsaOf = async (userId: string) =>
    (
      await t.dataSource.query<{ hsaId: string }[]>(
        `SELECT hsa_id AS "hsaId" FROM person WHERE user_id = $1`,
        [userId],
      )
    )[0].hsaId;

  const run = (at?: Date): Promise<ScimRunResult> => {
    clock.set(at ?? NOW);
    return job.run();
  };

  /** Members of the group with this display name, as the SCIM server holds them. */
  const members = (group: string) => scim.membersOf(group);

  beforeAll(async () => {
    sink = new SmtpSink();
    await sink.start();
    // Three attempts instead of the default five: the configuration is what counts.
    t = await createTestApp({
      PUBLIC_URL,
      SMTP_URL: sink.url,
      MAIL_POLL_SECONDS: '0',
      SCIM_MAX_ATTEMPTS: '3',
    });
    clock = t.app.get(Clock);
    scim = new ScimTestServer();
    await scim.start();
    fulfilment = t.app.get(FulfilmentService);
    job = t.app.get(ScimDeliveryJob);

    [template] = await t.dataSource.query<{ id: string; operationId: string; professionId: string }[]>(
      `SELECT t.id, t.operation_id AS "operationId", tp.profession_id AS "professionId"
         FROM access_template t JOIN access_template_profession tp ON tp.template_id = t.id
        ORDER BY t.name, tp.profession_id LIMIT 1`,
    );
    systemId = await addScimSystem('SCIM-testsystem', scim.baseUrl, scim.token);
    roles.A = await addRole(systemId, 'Läsare', 'BEH-Lasare');
    roles.B = await addRole(systemId, 'Skribent', 'BEH-Skribent');
    roles.C = await addRole(systemId, 'Granskare', 'BEH-Granskare');
    roles.D = await addRole(systemId, 'Förvaltare', 'BEH-Forvaltare');
    scim.addGroup('BEH-Lasare');
    scim.addGroup('BEH-Skribent');
    scim.addGroup('BEH-Granskare');
    // BEH-Forvaltare is not made: the server lacks it until a test makes it.
    await t.dataSource.query(
      `INSERT INTO system_administrator (system_id, person_id) VALUES ($1, $2), ($1, $3)`,
      [systemId, person('karlu1'), person('admin1')],
    );
  });
  afterAll(async () => {
    clock?.set(undefined);
    await scim?.stop();
    await t?.close();
    await sink?.stop();
  });
  beforeEach(async () => {
    if (!scim.running) await scim.start();
    clock.set(NOW);
    // Every test starts with nothing due but its own parts.
    await t.dataSource.query(
      `UPDATE access_part SET scim_next_at = '2100-01-01' WHERE status = 'PENDING' AND method = 'SCIM'`,
    );
  });

  it('creates the user, adds it to each role group, settles the part DONE and completes the order', async () => {
    const { orderId, itemId, partIds } = await handedOver('nilbo4', [{ grant: [roles.A, roles.B] }]);
    const hsaId = await hsaOf('nilbo4');
    scim.requests.length = 0;

    expect(await run()).toEqual({ delivered: 1, failed: 0, handedToAdministrators: 0 });

    const user = scim.userByExternalId(hsaId);
    expect(user).toMatchObject({
      userName: 'nilbo4',
      externalId: hsaId,
      active: true,
      name: { givenName: 'Nils', familyName: 'Boström' },
    });
    expect(members('BEH-Lasare')).toEqual([user!.id]);
    expect(members('BEH-Skribent')).toEqual([user!.id]);
    expect(members('BEH-Granskare')).toEqual([]);
    // RFC 7644 requests, each with the system's token.
    expect(scim.requests.every((r) => r.authorization === `Bearer ${scim.token}`)).toBe(true);
    expect(scim.requestsOf('GET', '/Users')[0].query).toEqual({ filter: `externalId eq "${hsaId}"` });
    expect(scim.requestsOf('GET', '/Groups').map((r) => r.query.filter)).toEqual([
      'displayName eq "BEH-Lasare"',
      'displayName eq "BEH-Skribent"',
    ]);
    expect(scim.requestsOf('PATCH').map((r) => r.body)).toEqual([
      {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'add', path: 'members', value: [{ value: user!.id }] }],
      },
      {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'add', path: 'members', value: [{ value: user!.id }] }],
      },
    ]);

    expect(await partRow(partIds[0])).toMatchObject({
      status: 'DONE',
      method: 'SCIM',
      scimAttempts: 1,
      scimNextAt: null,
      scimLastError: null,
      doneById: null,
      doneAt: NOW,
    });
    const order = await orderStatus(orderId);
    expect(order.status).toBe('COMPLETED');
    expect(order.items).toEqual(['DONE']);
    expect(order.feedback).toContain('SCIM-testsystem');
    const holding = await t.dataSource.query(
      `SELECT 1 FROM access_holding WHERE person_id = $1 AND template_id = $2 AND order_id = $3`,
      [person('nilbo4'), template.id, orderId],
    );
    expect(holding).toHaveLength(1);
    expect(await partEvents(partIds[0])).toEqual([
      expect.objectContaining({ action: 'ACCESS_PART_DONE', actorId: null }),
    ]);
    expect(await mails(t, 'ORDER_COMPLETED', orderId)).toHaveLength(1);
    expect(itemId).toBeDefined();

    // Delivered once: the next run finds nothing due and asks the server nothing.
    scim.requests.length = 0;
    expect(await run(at(3600))).toEqual({ delivered: 0, failed: 0, handedToAdministrators: 0 });
    expect(scim.requests).toEqual([]);
  });

  it('server stopped, then started: attempts counted with backoff, delivered once after the restart', async () => {
    const { orderId, partIds } = await handedOver('linma5', [{ grant: [roles.A, roles.C] }]);
    const [partId] = partIds;
    await scim.stop();

    expect(await run(NOW)).toEqual({ delivered: 0, failed: 1, handedToAdministrators: 0 });
    let part = await partRow(partId);
    expect(part).toMatchObject({ status: 'PENDING', method: 'SCIM', scimAttempts: 1, scimNextAt: at(30) });
    expect(part.scimLastError).toMatch(/^SCIM-servern gick inte att nå \(GET \/Users\): .*ECONNREFUSED/);
    // The filter names the person: not in the error an administrator reads.
    expect(part.scimLastError).not.toContain('SE2321000131');

    // Not due before its backoff is over.
    expect(await run(at(29))).toEqual({ delivered: 0, failed: 0, handedToAdministrators: 0 });
    expect((await partRow(partId)).scimAttempts).toBe(1);

    expect(await run(at(30))).toEqual({ delivered: 0, failed: 1, handedToAdministrators: 0 });
    expect(await partRow(partId)).toMatchObject({ scimAttempts: 2, scimNextAt: at(30 + 60) });

    await scim.start();
    scim.requests.length = 0;
    expect(await run(at(89))).toEqual({ delivered: 0, failed: 0, handedToAdministrators: 0 });
    expect(scim.requests).toEqual([]);
    // The third and last allowed attempt (SCIM_MAX_ATTEMPTS 3) finds the server back.
    expect(await run(at(90))).toEqual({ delivered: 1, failed: 0, handedToAdministrators: 0 });
    part = await partRow(partId);
    expect(part).toMatchObject({ status: 'DONE', method: 'SCIM', scimAttempts: 3, scimNextAt: null });
    expect((await orderStatus(orderId)).status).toBe('COMPLETED');

    const hsaId = await hsaOf('linma5');
    const users = [...scim.users.values()].filter((u) => u.externalId === hsaId);
    expect(users).toHaveLength(1);
    expect(members('BEH-Lasare').filter((id) => id === users[0].id)).toHaveLength(1);
    expect(members('BEH-Granskare')).toEqual([users[0].id]);
    expect(scim.requestsOf('POST', '/Users')).toHaveLength(1);
    expect(scim.requestsOf('PATCH')).toHaveLength(2);

    scim.requests.length = 0;
    expect(await run(at(7200))).toEqual({ delivered: 0, failed: 0, handedToAdministrators: 0 });
    expect(scim.requests).toEqual([]);
    expect(await mails(t, 'ORDER_COMPLETED', orderId)).toHaveLength(1);
  });

  it('retries after a partial success without repeating it: only the missing group is added', async () => {
    const { partIds } = await handedOver('petny8', [{ grant: [roles.A, roles.D] }]);
    const [partId] = partIds;
    const hsaId = await hsaOf('petny8');
    scim.requests.length = 0;

    expect(await run(NOW)).toEqual({ delivered: 0, failed: 1, handedToAdministrators: 0 });
    const user = scim.userByExternalId(hsaId)!;
    expect(user).toBeDefined();
    expect(members('BEH-Lasare')).toContain(user.id);
    expect(await partRow(partId)).toMatchObject({
      status: 'PENDING',
      scimAttempts: 1,
      scimNextAt: at(30),
      scimLastError: 'Gruppen "BEH-Forvaltare" finns inte hos SCIM-servern.',
    });

    // The target system's administrators make the group; the next try completes the part.
    scim.addGroup('BEH-Forvaltare');
    expect(await run(at(30))).toEqual({ delivered: 1, failed: 0, handedToAdministrators: 0 });
    expect(await partRow(partId)).toMatchObject({ status: 'DONE', scimAttempts: 2 });
    expect(members('BEH-Lasare').filter((id) => id === user.id)).toHaveLength(1);
    expect(members('BEH-Forvaltare')).toEqual([user.id]);
    expect(scim.requestsOf('POST', '/Users')).toHaveLength(1);
    // One add to each group over both attempts.
    const lasare = scim.groupNamed('BEH-Lasare')!.id;
    const forvaltare = scim.groupNamed('BEH-Forvaltare')!.id;
    expect(scim.requestsOf('PATCH').map((r) => r.path)).toEqual([
      `/Groups/${lasare}`,
      `/Groups/${forvaltare}`,
    ]);
  });

  it('revokes: removes the membership of each revoke role, only where the user is a member', async () => {
    // nilbo4 is a member of Läsare and Skribent (the first test): revoke Skribent and Granskare.
    const hsaId = await hsaOf('nilbo4');
    const user = scim.userByExternalId(hsaId)!;
    expect(members('BEH-Skribent')).toContain(user.id);
    const { orderId, partIds } = await handedOver('nilbo4', [{ revoke: [roles.B, roles.C] }], 'REVOKE');
    scim.requests.length = 0;

    expect(await run()).toEqual({ delivered: 1, failed: 0, handedToAdministrators: 0 });
    expect(members('BEH-Skribent')).toEqual([]);
    expect(members('BEH-Lasare')).toContain(user.id);
    expect(scim.requestsOf('PATCH').map((r) => r.body)).toEqual([
      {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'remove', path: `members[value eq "${user.id}"]` }],
      },
    ]);
    expect(scim.requestsOf('POST')).toEqual([]);
    expect(await partRow(partIds[0])).toMatchObject({ status: 'DONE' });
    expect((await orderStatus(orderId)).status).toBe('COMPLETED');
  });

  it('a Förändring grants and revokes in one part; a revoke for a user the server lacks creates none', async () => {
    const hsaId = await hsaOf('nilbo4');
    const user = scim.userByExternalId(hsaId)!;
    const change = await handedOver('nilbo4', [{ grant: [roles.C], revoke: [roles.A] }], 'CHANGE');
    const unknown = await handedOver('majoh6', [{ revoke: [roles.A] }], 'REVOKE');

    expect(await run()).toEqual({ delivered: 2, failed: 0, handedToAdministrators: 0 });
    expect(members('BEH-Granskare')).toContain(user.id);
    expect(members('BEH-Lasare')).not.toContain(user.id);
    expect(scim.userByExternalId(await hsaOf('majoh6'))).toBeUndefined();
    expect((await orderStatus(change.orderId)).status).toBe('COMPLETED');
    expect((await orderStatus(unknown.orderId)).status).toBe('COMPLETED');
  });

  it('from hand-over: the SCIM part goes out at once, the order completes when its manual part is done too', async () => {
    // A template with a role on the SCIM system and one on a system carried out by hand.
    const manual = randomUUID();
    await t.dataSource.query(
      `INSERT INTO local_system (id, name, description, owner, fulfilment) VALUES ($1, 'Manuellt testsystem', '', 'Test', 'MANUAL')`,
      [manual],
    );
    const [{ id: manualRole }] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO system_role (system_id, name) VALUES ($1, 'Användare') RETURNING id`,
      [manual],
    );
    const [{ id: mixed }] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO access_template (operation_id, name, description, active)
       VALUES ($1, 'SCIM och manuellt', '', true) RETURNING id`,
      [template.operationId],
    );
    await t.dataSource.query(
      `INSERT INTO access_template_role (template_id, system_role_id) VALUES ($1, $2), ($1, $3)`,
      [mixed, roles.C.roleId, manualRole],
    );
    await t.dataSource.query(
      `INSERT INTO access_template_profession (template_id, profession_id) VALUES ($1, $2)`,
      [mixed, template.professionId],
    );
    const { orderId } = await handedOver('majoh6', [], 'GRANT', { templateId: mixed, handedOver: false });
    // One scheduler tick hands the order over and delivers its SCIM part at once.
    clock.set(NOW);
    const report = await t.app.get(SchedulerService).runTick();
    expect(report).toMatchObject({
      handedOver: 1,
      scimDelivered: 1,
      scimFailed: 0,
      scimHandedToAdministrators: 0,
    });
    const parts = await t.dataSource.query<{ id: string; systemId: string; method: string; grant: Role[] }[]>(
      `SELECT id, system_id AS "systemId", method, grant_roles AS grant FROM access_part WHERE order_id = $1`,
      [orderId],
    );
    const scimPart = parts.find((p) => p.systemId === systemId)!;
    const manualPart = parts.find((p) => p.systemId === manual)!;
    expect(scimPart).toMatchObject({ method: 'SCIM', grant: [roles.C] });
    expect(manualPart).toMatchObject({ method: 'MANUAL' });

    const user = scim.userByExternalId(await hsaOf('majoh6'))!;
    expect(members('BEH-Granskare')).toContain(user.id);
    expect(await partRow(scimPart.id)).toMatchObject({ status: 'DONE', method: 'SCIM' });
    // The manual part still waits: the order is not complete yet.
    expect((await orderStatus(orderId)).status).toBe('APPROVED');

    await t.dataSource.transaction((m) =>
      fulfilment.settle(m, manualPart.id, { status: 'DONE', actorId: person('admin1') }),
    );
    const order = await orderStatus(orderId);
    expect(order.status).toBe('COMPLETED');
    expect(order.items).toEqual(['DONE']);
  });

  it('makes an inactive user active again when granting', async () => {
    // linma5 was created by the restart test; the target system has since deactivated her.
    const user = scim.userByExternalId(await hsaOf('linma5'))!;
    user.active = false;
    await handedOver('linma5', [{ grant: [roles.B] }]);
    scim.requests.length = 0;

    expect(await run()).toEqual({ delivered: 1, failed: 0, handedToAdministrators: 0 });
    expect(scim.users.get(user.id)).toMatchObject({ active: true, userName: 'linma5' });
    expect(scim.requestsOf('PATCH', '/Users').map((r) => r.body)).toEqual([
      {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', path: 'active', value: true }],
      },
    ]);
    expect(members('BEH-Skribent')).toContain(user.id);
  });

  it('a part the portal will not settle after delivery is a failure, not delivered again every lease', async () => {
    const { orderId, partIds } = await handedOver('petny8', [{ grant: [roles.C] }], 'GRANT', {
      templateId: (
        await t.dataSource.query<{ id: string }[]>(
          `SELECT id FROM access_template WHERE id <> $1 AND name <> 'SCIM och manuellt' ORDER BY name LIMIT 1`,
          [template.id],
        )
      )[0].id,
      handedOver: true,
    });
    // Its order is no longer approved (withdrawn by hand in the database, say).
    await t.dataSource.query(`UPDATE vmu_order SET status = 'CANCELLED' WHERE id = $1`, [orderId]);

    expect(await run()).toEqual({ delivered: 0, failed: 1, handedToAdministrators: 0 });
    expect(await partRow(partIds[0])).toMatchObject({
      status: 'PENDING',
      method: 'SCIM',
      scimAttempts: 1,
      scimNextAt: at(30),
      scimLastError:
        'Utförd via SCIM men kunde inte markeras som utförd: Arbetsuppgiften är redan utförd eller avslagen.',
    });
  });

  it('a wrong token is a failed attempt with the server’s refusal kept', async () => {
    const wrong = await addScimSystem('SCIM-fel-token', scim.baseUrl, 'not-the-token');
    const role = await addRole(wrong, 'Läsare', 'BEH-Lasare');
    const { partIds } = await handedOver('ahmal7', [{ system: wrong, grant: [role] }]);
    scim.requests.length = 0;

    expect(await run()).toEqual({ delivered: 0, failed: 1, handedToAdministrators: 0 });
    expect(await partRow(partIds[0])).toMatchObject({
      status: 'PENDING',
      method: 'SCIM',
      scimAttempts: 1,
      scimNextAt: at(30),
      scimLastError: 'SCIM-servern svarade 401 på GET /Users: Invalid bearer token.',
    });
    expect(scim.requests.map((r) => [r.method, r.status])).toEqual([['GET', 401]]);
    expect(scim.userByExternalId(await hsaOf('ahmal7'))).toBeUndefined();
  });

  it('a server that does not answer in time is a failure naming the timeout', async () => {
    scim.delayMs = 1500;
    try {
      const client = new ScimClient(scim.baseUrl, scim.token, 1000);
      await expect(client.userByExternalId('SE2321000131-P000000000104')).rejects.toThrow(
        'SCIM-servern svarade inte inom 1 s på GET /Users.',
      );
    } finally {
      scim.delayMs = 0;
    }
  });

  it('after SCIM_MAX_ATTEMPTS (3 here) failures the part is a work item: MANUAL, last error kept, administrators mailed', async () => {
    const { orderId, partIds } = await handedOver('karlu1', [{ grant: [roles.A] }]);
    const [partId] = partIds;
    await scim.stop();

    // 30 s and 60 s between the three attempts.
    const tries = [0, 30, 90];
    for (const [n, second] of tries.entries()) {
      const last = n === tries.length - 1;
      expect(await run(at(second))).toEqual({
        delivered: 0,
        failed: last ? 0 : 1,
        handedToAdministrators: last ? 1 : 0,
      });
      if (!last) expect((await partRow(partId)).scimNextAt).toEqual(at(tries[n + 1]));
    }
    const part = await partRow(partId);
    expect(part).toMatchObject({ status: 'PENDING', method: 'MANUAL', scimAttempts: 3, scimNextAt: null });
    expect(part.scimLastError).toMatch(/^SCIM-servern gick inte att nå/);
    expect((await orderStatus(orderId)).status).toBe('APPROVED');

    const [event] = await partEvents(partId);
    expect(event).toMatchObject({
      action: 'ACCESS_PART_SCIM_FAILED',
      actorId: null,
      after: { method: 'MANUAL', status: 'PENDING', scimAttempts: 3 },
    });
    const waiting = await mails(t, 'ACCESS_PART_WAITING');
    const forPart = waiting.filter((m) => m.text.includes(partId));
    expect(forPart.map((m) => m.to).sort()).toEqual(
      (
        await t.dataSource.query<{ email: string }[]>(
          `SELECT email FROM person WHERE id = ANY($1::uuid[]) ORDER BY email`,
          [[person('karlu1'), person('admin1')]],
        )
      ).map((r) => r.email),
    );
    expect(forPart[0].subject).toContain('SCIM-testsystem');
    // The mail says why it is theirs now: SCIM gave up, after how many tries, with what error.
    expect(forPart[0].text).toContain(
      'kunde inte utföras automatiskt via SCIM i SCIM-testsystem efter 3 försök',
    );
    expect(forPart[0].text).toContain(`Senaste fel: ${part.scimLastError}`);

    // Through the real SMTP sink, as the administrators receive it.
    sink.mails.length = 0;
    await t.app.get(MailDeliveryService).deliverDue();
    const sent = sink.mails.filter((m) => m.text.includes(partId));
    expect(sent).toHaveLength(2);

    // Now it is the administrators': the delivery leaves it alone, even when the server is back.
    await scim.start();
    scim.requests.length = 0;
    expect(await run(at(100_000))).toEqual({ delivered: 0, failed: 0, handedToAdministrators: 0 });
    expect(scim.requests).toEqual([]);
    expect((await partRow(partId)).method).toBe('MANUAL');
  });

  it('backs off 30 s · 2^(n−1) after the n-th failure, at most an hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 50].map(backoffSeconds)).toEqual([
      30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600,
    ]);
  });

  it('two processes running at once deliver each part once', async () => {
    const second = new ScimDeliveryJob(
      t.dataSource,
      t.config,
      clock,
      fulfilment,
      t.app.get(MailService, { strict: false }),
      t.app.get(AuditService, { strict: false }),
    );
    const orders = [];
    for (const endUser of ['eriho2', 'sarbe3', 'admin1']) {
      orders.push(await handedOver(endUser, [{ grant: [roles.B] }]));
    }
    scim.requests.length = 0;
    clock.set(NOW);
    const [a, b] = await Promise.all([job.run(), second.run()]);
    expect(a.delivered + b.delivered).toBe(3);
    expect(a.failed + b.failed).toBe(0);
    expect(scim.requestsOf('POST', '/Users')).toHaveLength(3);
    expect(scim.requestsOf('PATCH')).toHaveLength(3);
    for (const o of orders) {
      expect(await partEvents(o.partIds[0])).toEqual([
        expect.objectContaining({ action: 'ACCESS_PART_DONE' }),
      ]);
    }
    expect(new Set(members('BEH-Skribent')).size).toBe(members('BEH-Skribent').length);
  });
});
