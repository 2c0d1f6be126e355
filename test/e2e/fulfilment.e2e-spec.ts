import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { accessOperationId, professionId } from '../../server/src/seed/demo-access-catalogue.js';
import { anonymous, type Client, signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { person } from './orders-support.js';
import { approve, mails, orderState, setClock, tick } from './scheduler-support.js';

/**
 * Carrying out access orders by hand (issue 14, point 5): hand-over into parts per line and
 * system, the queue "Att utföra" of the systems' administrators, done with Återkopplingsinfo and
 * refused with a reason, the order completed with the holdings written, the Återkopplingsinfo
 * read by the orderer alone (twice), and reminders.
 *
 * The catalogue is made here (two MANUAL systems, three templates whose roles overlap) so that
 * the roles each part grants and revokes are known; orders are written as placing writes them.
 */

const TODAY = '2026-11-23'; // a Monday
const OPERATION = accessOperationId('Identitet och behörighet');
const NURSE = professionId('Sjuksköterska');
const SECRET = 'Användarnamn nilbo4x, första lösenord Hemligt-7731';

const NILS = person('nilbo4');
const ERIK = person('eriho2');
const SARA = person('sarbe3');

interface Part {
  id: string;
  itemId: string;
  systemId: string;
  method: string;
  status: string;
  grantRoles: { roleId: string; name: string }[];
  revokeRoles: { roleId: string; name: string }[];
  urgent: boolean;
}

describe('fulfilment: carrying out access orders by hand', () => {
  let t: TestApp;
  const sys = { a: randomUUID(), b: randomUUID() };
  const role = { a1: randomUUID(), a2: randomUUID(), b1: randomUUID(), b2: randomUUID() };
  const tpl = { t1: randomUUID(), t2: randomUUID(), t3: randomUUID() };
  const as: Record<string, Client> = {};
  const email: Record<string, string> = {};

  const q = <T>(sql: string, params: unknown[] = []) => t.dataSource.query<T[]>(sql, params);

  /** An access order awaiting attest, as placing writes it (eriho2 orders, sarbe3 attests). */
  async function accessOrder(
    type: 'GRANT' | 'REVOKE' | 'CHANGE',
    lines: { templateId: string; previousTemplateId?: string }[],
    extra: { startDate?: string; urgent?: boolean } = {},
  ): Promise<string> {
    const [{ id }] = await q<{ id: string }>(
      `INSERT INTO vmu_order (order_number, type, status, end_user_id, orderer_id, attestant_id, start_date, urgent,
                              kind, access_operation_id)
       VALUES ('BEH' || lpad(nextval('order_number_seq')::text, 7, '0'), $1, 'AWAITING_ATTEST', $2, $3, $4, $5, $6,
               'ACCESS', $7)
       RETURNING id`,
      [type, NILS, ERIK, SARA, extra.startDate ?? TODAY, extra.urgent ?? false, OPERATION],
    );
    for (const line of lines) {
      await q(
        `INSERT INTO vmu_order_item (order_id, end_user_id, type, status, template_id, profession_id,
                                     previous_template_id, previous_profession_id)
         VALUES ($1, $2, $3, 'PENDING', $4, $5, $6, $7)`,
        [
          id,
          NILS,
          type,
          line.templateId,
          NURSE,
          line.previousTemplateId ?? null,
          line.previousTemplateId ? NURSE : null,
        ],
      );
    }
    return id;
  }

  const partsOf = (orderId: string) =>
    q<Part>(
      `SELECT p.id, p.item_id AS "itemId", p.system_id AS "systemId", p.method, p.status, p.urgent,
              p.grant_roles AS "grantRoles", p.revoke_roles AS "revokeRoles"
         FROM access_part p JOIN local_system s ON s.id = p.system_id
        WHERE p.order_id = $1 ORDER BY s.name`,
      [orderId],
    );
  const roleNames = (roles: { name: string }[]) => roles.map((r) => r.name).sort();
  const heldTemplates = async () =>
    (
      await q<{ templateId: string }>(
        `SELECT template_id AS "templateId" FROM access_holding WHERE person_id = $1 ORDER BY template_id`,
        [NILS],
      )
    ).map((h) => h.templateId);
  const partFor = (parts: Part[], systemId: string) => {
    const part = parts.find((p) => p.systemId === systemId);
    if (!part) throw new Error(`no part for ${systemId}`);
    return part;
  };

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_URL: 'https://beh.example.se' });
    setClock(t, TODAY);
    await q(
      `INSERT INTO local_system (id, name, owner, fulfilment) VALUES ($1, 'Testsystem A', 'IT', 'MANUAL'),
              ($2, 'Testsystem B', 'IT', 'MANUAL')`,
      [sys.a, sys.b],
    );
    await q(
      `INSERT INTO system_role (id, system_id, name) VALUES ($1, $5, 'A-läs'), ($2, $5, 'A-skriv'),
              ($3, $6, 'B-läs'), ($4, $6, 'B-admin')`,
      [role.a1, role.a2, role.b1, role.b2, sys.a, sys.b],
    );
    await q(
      `INSERT INTO access_template (id, operation_id, name) VALUES ($1, $4, 'Testmall 1'), ($2, $4, 'Testmall 2'),
              ($3, $4, 'Testmall 3')`,
      [tpl.t1, tpl.t2, tpl.t3, OPERATION],
    );
    // T1: A-läs, A-skriv, B-läs. T2: A-läs, B-admin. T3: A-skriv.
    await q(
      `INSERT INTO access_template_role (template_id, system_role_id)
       VALUES ($1, $4), ($1, $5), ($1, $6), ($2, $4), ($2, $7), ($3, $5)`,
      [tpl.t1, tpl.t2, tpl.t3, role.a1, role.a2, role.b1, role.b2],
    );
    await q(
      `INSERT INTO access_template_profession (template_id, profession_id) VALUES ($1, $4), ($2, $4), ($3, $4)`,
      [tpl.t1, tpl.t2, tpl.t3, NURSE],
    );
    // linma5 administers A, majoh6 B.
    await q(`INSERT INTO system_administrator (system_id, person_id) VALUES ($1, $3), ($2, $4)`, [
      sys.a,
      sys.b,
      person('linma5'),
      person('majoh6'),
    ]);
    for (const user of ['eriho2', 'sarbe3', 'linma5', 'majoh6', 'petny8', 'admin1', 'karlu1']) {
      as[user] = await signIn(t, user);
      const [row] = await q<{ email: string }>(`SELECT email FROM person WHERE id = $1`, [person(user)]);
      email[user] = row.email;
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  let grantOrder: string;
  let grantParts: Part[];

  it('hands a GRANT over at approval: one part per system with the template roles, mails to the administrators', async () => {
    grantOrder = await accessOrder('GRANT', [{ templateId: tpl.t1 }]);
    expect(await approve(t, grantOrder, true)).toBe(true);
    grantParts = await partsOf(grantOrder);
    expect(
      grantParts.map((p) => [p.systemId, p.method, p.status, roleNames(p.grantRoles), p.revokeRoles]),
    ).toEqual([
      [sys.a, 'MANUAL', 'PENDING', ['A-läs', 'A-skriv'], []],
      [sys.b, 'MANUAL', 'PENDING', ['B-läs'], []],
    ]);
    const state = await orderState(t, grantOrder);
    expect(state.status).toBe('APPROVED');
    expect(state.items).toEqual(['PENDING']);
    const [{ handedOverAt }] = await q<{ handedOverAt: Date | null }>(
      `SELECT handed_over_at AS "handedOverAt" FROM vmu_order WHERE id = $1`,
      [grantOrder],
    );
    expect(handedOverAt).not.toBeNull();
    expect(state.events.map((e) => e.action)).toEqual(['ORDER_APPROVED', 'ACCESS_ORDER_HANDED_OVER']);
    const waiting = await mails(t, 'ACCESS_PART_WAITING', grantOrder);
    expect(waiting.map((m) => m.to).sort()).toEqual([email.linma5, email.majoh6].sort());
    expect(waiting.find((m) => m.to === email.linma5)?.text).toContain(
      'Roller att lägga upp: A-läs, A-skriv',
    );
    // Never carried out as a VMU order.
    expect(await mails(t, 'ORDER_COMPLETED', grantOrder)).toEqual([]);
  });

  it('shows the queue and its counts to each system’s administrators only', async () => {
    const list = async (client: Client, filter: object = {}) =>
      client.get(
        `/api/fulfilment?filter=${encodeURIComponent(JSON.stringify({ ...filter, status: 'PENDING' }))}`,
      );
    const linda = await list(as.linma5);
    expect(linda.status).toBe(200);
    expect(linda.body.map((r: { id: string }) => r.id)).toEqual([partFor(grantParts, sys.a).id]);
    expect(linda.body[0]).toMatchObject({
      systemName: 'Testsystem A',
      templateName: 'Testmall 1',
      professionName: 'Sjuksköterska',
      endUserName: 'Nils Boström',
      endUserUserId: 'nilbo4',
      startDate: TODAY,
      urgent: false,
      hasFeedback: false,
    });
    expect(linda.headers['content-range']).toBe('fulfilment 0-0/1');
    const maria = await list(as.majoh6);
    expect(maria.body.map((r: { id: string }) => r.id)).toEqual([partFor(grantParts, sys.b).id]);
    const admin = await list(as.admin1, { orderId: grantOrder });
    expect(admin.body).toHaveLength(2);
    // karlu1 administers demo systems: he has a queue, but not these systems' parts.
    expect((await list(as.karlu1, { orderId: grantOrder })).body).toEqual([]);
    for (const user of ['eriho2', 'sarbe3', 'petny8']) {
      expect([user, (await list(as[user])).status]).toEqual([user, 403]);
      expect([user, (await as[user].get('/api/fulfilment/counts')).status]).toEqual([user, 403]);
    }
    expect((await (await anonymous(t)).get('/api/fulfilment')).status).toBe(401);
    expect((await as.linma5.get('/api/fulfilment/counts')).body).toEqual([
      { systemId: sys.a, systemName: 'Testsystem A', pending: 1, urgent: 0 },
    ]);
    // One system's administrator cannot open another system's work item.
    expect((await as.linma5.get(`/api/fulfilment/${partFor(grantParts, sys.b).id}`)).status).toBe(404);
    const item = await as.majoh6.get(`/api/fulfilment/${partFor(grantParts, sys.b).id}`);
    expect(item.status).toBe(200);
    expect(item.body.grantRoles.map((r: { name: string }) => r.name)).toEqual(['B-läs']);
    expect(item.body.endUserHsaId).toMatch(/\S/);
  });

  it('lets only the system’s administrators settle a part, once', async () => {
    const a = partFor(grantParts, sys.a);
    expect((await as.majoh6.post(`/api/fulfilment/${a.id}/done`).send({})).status).toBe(404);
    expect((await as.admin1.post(`/api/fulfilment/${a.id}/done`).send({})).status).toBe(403);
    expect((await as.eriho2.post(`/api/fulfilment/${a.id}/done`).send({})).status).toBe(404);
    expect((await as.linma5.post(`/api/fulfilment/${a.id}/refuse`).send({ reason: '  ' })).status).toBe(400);
    const done = await as.linma5.post(`/api/fulfilment/${a.id}/done`).send({ feedback: SECRET });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ partId: a.id, orderId: grantOrder, status: 'DONE', orderCompleted: false });
    expect((await as.linma5.post(`/api/fulfilment/${a.id}/done`).send({})).status).toBe(409);
    expect((await orderState(t, grantOrder)).status).toBe('APPROVED');
  });

  it('completes the order when every part is done: lines DONE, holding written, mail without the secret', async () => {
    const b = partFor(grantParts, sys.b);
    const done = await as.majoh6.post(`/api/fulfilment/${b.id}/done`).send({});
    expect(done.body.orderCompleted).toBe(true);
    const state = await orderState(t, grantOrder);
    expect(state.status).toBe('COMPLETED');
    expect(state.items).toEqual(['DONE']);
    expect(state.feedback).toBe(
      'Testmall 1: utförd i Testsystem A och Testsystem B.\nInloggningsuppgifter finns att läsa på beställningen.',
    );
    expect(state.events.map((e) => e.action).slice(-1)).toEqual(['ORDER_COMPLETED']);
    expect(await heldTemplates()).toEqual([tpl.t1]);
    const [mail, ...more] = await mails(t, 'ORDER_COMPLETED', grantOrder);
    expect(more).toEqual([]);
    expect(mail.to).toBe(email.eriho2);
    expect(mail.text).toContain('Inloggningsuppgifter väntar på dig under Återkopplingsinfo');
    // The secret is nowhere but sealed in its part.
    for (const [table, column] of [
      ['mail_outbox', 'text_body'],
      ['mail_outbox', 'html_body'],
      ['audit_event', 'after::text'],
      ['audit_event', 'before::text'],
      ['vmu_order', 'feedback'],
      ['access_part', 'feedback_sealed::text'],
    ]) {
      const rows = await q(`SELECT 1 FROM ${table} WHERE ${column} LIKE '%Hemligt-7731%'`);
      expect([table, column, rows.length]).toEqual([table, column, 0]);
    }
  });

  it('shows the Återkopplingsinfo to the orderer alone, twice, each reading an audit event', async () => {
    const a = partFor(grantParts, sys.a);
    const parts = await as.eriho2.get(`/api/fulfilment/orders/${grantOrder}/parts`);
    expect(parts.status).toBe(200);
    expect(
      parts.body.map(
        (p: {
          systemName: string;
          status: string;
          hasFeedback: boolean;
          feedbackReadsLeft: number | null;
        }) => [p.systemName, p.status, p.hasFeedback, p.feedbackReadsLeft],
      ),
    ).toEqual([
      ['Testsystem A', 'DONE', true, 2],
      ['Testsystem B', 'DONE', false, null],
    ]);
    // The attestant sees the parts but not how many readings are left; nobody else reads it.
    const attestant = await as.sarbe3.get(`/api/fulfilment/orders/${grantOrder}/parts`);
    expect(attestant.body[0].feedbackReadsLeft).toBeNull();
    for (const user of ['admin1', 'sarbe3', 'linma5', 'majoh6', 'petny8', 'karlu1']) {
      const res = await as[user].post(`/api/fulfilment/parts/${a.id}/feedback`);
      expect([user, res.status]).toEqual([user, 404]);
      expect(JSON.stringify(res.body)).not.toContain('Hemligt');
    }
    expect((await (await anonymous(t)).post(`/api/fulfilment/parts/${a.id}/feedback`)).status).toBe(401);
    // A part without feedback has nothing to read, for its orderer too.
    expect(
      (await as.eriho2.post(`/api/fulfilment/parts/${partFor(grantParts, sys.b).id}/feedback`)).status,
    ).toBe(404);

    const first = await as.eriho2.post(`/api/fulfilment/parts/${a.id}/feedback`);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ text: SECRET, readsLeft: 1 });
    const second = await as.eriho2.post(`/api/fulfilment/parts/${a.id}/feedback`);
    expect(second.body).toEqual({ text: SECRET, readsLeft: 0 });
    const third = await as.eriho2.post(`/api/fulfilment/parts/${a.id}/feedback`);
    expect(third.status).toBe(410);
    expect(third.body.detail).toBe('Återkopplingsinfon har redan visats två gånger');
    const reads = await q<{ actorId: string; after: { reading: number } }>(
      `SELECT actor_id AS "actorId", after FROM audit_event
        WHERE action = 'ACCESS_FEEDBACK_READ' AND entity_id = $1 ORDER BY id`,
      [a.id],
    );
    expect(reads.map((r) => [r.actorId, r.after.reading])).toEqual([
      [ERIK, 1],
      [ERIK, 2],
    ]);
    expect((await q(`SELECT 1 FROM audit_event WHERE after::text LIKE '%Hemligt-7731%'`)).length).toBe(0);
    const after = await as.eriho2.get(`/api/fulfilment/orders/${grantOrder}/parts`);
    expect(after.body[0].feedbackReadsLeft).toBe(0);
  });

  it('computes a Förändring: revokes the old roles the new template and the others held lack, grants the new ones', async () => {
    // Nils holds T1 (A-läs, A-skriv, B-läs) and, from before, T3 (A-skriv).
    await q(
      `INSERT INTO access_holding (person_id, template_id, profession_id, held_from) VALUES ($1, $2, $3, $4)`,
      [NILS, tpl.t3, NURSE, TODAY],
    );
    const change = await accessOrder('CHANGE', [{ templateId: tpl.t2, previousTemplateId: tpl.t1 }]);
    await approve(t, change, true);
    const parts = await partsOf(change);
    // T1 → T2 (A-läs, B-admin): A-läs stays, A-skriv is kept by T3, B-läs goes, B-admin comes;
    // nothing changes in system A, so it gets no part.
    expect(parts.map((p) => [p.systemId, roleNames(p.grantRoles), roleNames(p.revokeRoles)])).toEqual([
      [sys.b, ['B-admin'], ['B-läs']],
    ]);
    await as.majoh6.post(`/api/fulfilment/${parts[0].id}/done`).send({}).expect(200);
    expect((await orderState(t, change)).status).toBe('COMPLETED');
    expect((await heldTemplates()).sort()).toEqual([tpl.t2, tpl.t3].sort());
    // No Återkopplingsinfo: the mail says the order is done, not that details wait.
    const [mail] = await mails(t, 'ORDER_COMPLETED', change);
    expect(mail.text).not.toContain('Inloggningsuppgifter');
  });

  it('refuses a REVOKE part: the orderer is mailed the reason at once, the line is REJECTED, the holding stays', async () => {
    // Revoking T2 (A-läs, B-admin) while T3 (A-skriv) stays: A-läs in A, B-admin in B.
    const revoke = await accessOrder('REVOKE', [{ templateId: tpl.t2 }]);
    await approve(t, revoke, true);
    const parts = await partsOf(revoke);
    expect(parts.map((p) => [p.systemId, p.grantRoles, roleNames(p.revokeRoles)])).toEqual([
      [sys.a, [], ['A-läs']],
      [sys.b, [], ['B-admin']],
    ]);
    const refused = await as.linma5
      .post(`/api/fulfilment/${partFor(parts, sys.a).id}/refuse`)
      .send({ reason: 'Kontot är redan avslutat i annan ordning.' });
    expect(refused.status).toBe(200);
    const [mail] = await mails(t, 'ACCESS_PART_REFUSED', revoke);
    expect(mail.to).toBe(email.eriho2);
    expect(mail.text).toContain('Kontot är redan avslutat i annan ordning.');
    expect((await orderState(t, revoke)).status).toBe('APPROVED');
    await as.majoh6
      .post(`/api/fulfilment/${partFor(parts, sys.b).id}/done`)
      .send({})
      .expect(200);
    const state = await orderState(t, revoke);
    expect(state.status).toBe('COMPLETED');
    expect(state.items).toEqual(['REJECTED']);
    expect(state.feedback).toBe(
      'Testmall 2: avslagen i Testsystem A (Kontot är redan avslutat i annan ordning.).',
    );
    expect((await heldTemplates()).sort()).toEqual([tpl.t2, tpl.t3].sort());
    const events = await q<{ action: string }>(
      `SELECT action FROM audit_event WHERE entity_type = 'access_part' AND entity_id = ANY($1::text[]) ORDER BY id`,
      [parts.map((p) => p.id)],
    );
    expect(events.map((e) => e.action)).toEqual(['ACCESS_PART_REFUSED', 'ACCESS_PART_DONE']);
  });

  it('hands an order dated later over at the tick on its date, not before', async () => {
    const later = await accessOrder('GRANT', [{ templateId: tpl.t1 }], { startDate: '2026-11-25' });
    // Nils holds T1 no more after the CHANGE: granting it again is a grant.
    expect(await approve(t, later, true)).toBe(false);
    expect(await partsOf(later)).toEqual([]);
    setClock(t, '2026-11-24');
    expect(await tick(t)).toMatchObject({ handedOver: 0 });
    setClock(t, '2026-11-25');
    expect(await tick(t)).toMatchObject({ handedOver: 1 });
    expect(await partsOf(later)).toHaveLength(2);
    expect(await tick(t)).toMatchObject({ handedOver: 0 });
    // Settled so that the reminders below count only their own (new sessions: the clock moved on).
    for (const user of ['linma5', 'majoh6']) as[user] = await signIn(t, user);
    for (const part of await partsOf(later)) {
      await (part.systemId === sys.a ? as.linma5 : as.majoh6)
        .post(`/api/fulfilment/${part.id}/refuse`)
        .send({ reason: 'Testet städar.' })
        .expect(200);
    }
    expect((await orderState(t, later)).items).toEqual(['REJECTED']);
  });

  it('reminds the administrators of an urgent part after 4 hours and of others after 3 working days, once per period', async () => {
    const reminders = async (orderId: string) => (await mails(t, 'ACCESS_PART_REMINDER', orderId)).length;
    // Friday 2026-11-27 10:00 Stockholm (09:00 UTC).
    setClock(t, '2026-11-27T09:00:00Z');
    const urgent = await accessOrder('GRANT', [{ templateId: tpl.t3 }], {
      startDate: '2026-11-27',
      urgent: true,
    });
    await approve(t, urgent, true);
    const plain = await accessOrder('GRANT', [{ templateId: tpl.t1 }], { startDate: '2026-11-27' });
    await approve(t, plain, true);
    expect(await partsOf(urgent)).toMatchObject([{ systemId: sys.a, urgent: true }]);

    setClock(t, '2026-11-27T12:59:00Z');
    await tick(t);
    expect(await reminders(urgent)).toBe(0);
    setClock(t, '2026-11-27T13:01:00Z');
    await tick(t);
    expect(await reminders(urgent)).toBe(1);
    const [mail] = await mails(t, 'ACCESS_PART_REMINDER', urgent);
    expect(mail.to).toBe(email.linma5);
    expect(mail.subject).toContain('Akut: Påminnelse');
    await tick(t);
    expect(await reminders(urgent)).toBe(1);
    // The next period of 4 hours.
    setClock(t, '2026-11-27T17:02:00Z');
    await tick(t);
    expect(await reminders(urgent)).toBe(2);

    // Friday 10:00 + 3 working days = Wednesday 10:00 (the weekend does not count).
    setClock(t, '2026-12-01T09:30:00Z'); // Tuesday
    await tick(t);
    expect(await reminders(plain)).toBe(0);
    setClock(t, '2026-12-02T09:01:00Z'); // Wednesday 10:01
    await tick(t);
    expect(await reminders(plain)).toBe(2); // both systems' administrators, one part each
    await tick(t);
    expect(await reminders(plain)).toBe(2);
  });

  it('lets administrators assign system administrators, validated, audited, effective at the next request', async () => {
    // The clock moved on: new sessions.
    for (const user of ['eriho2', 'petny8', 'admin1']) as[user] = await signIn(t, user);
    const petny8 = person('petny8');
    const url = (filter: object) =>
      `/api/system-administrators?filter=${encodeURIComponent(JSON.stringify(filter))}`;
    expect(
      (await as.eriho2.post('/api/system-administrators').send({ systemId: sys.a, personId: petny8 })).status,
    ).toBe(403);
    const bad = await as.admin1.post('/api/system-administrators').send({ systemId: 'x', personId: null });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['personId', 'systemId']);
    const missing = await as.admin1
      .post('/api/system-administrators')
      .send({ systemId: randomUUID(), personId: randomUUID() });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual({
      systemId: ['Systemet finns inte.'],
      personId: ['Personen finns inte.'],
    });

    expect((await as.petny8.get('/api/fulfilment')).status).toBe(403);
    const created = await as.admin1
      .post('/api/system-administrators')
      .send({ systemId: sys.a, personId: petny8 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: `${sys.a}:${petny8}`,
      systemName: 'Testsystem A',
      personUserId: 'petny8',
    });
    const again = await as.admin1
      .post('/api/system-administrators')
      .send({ systemId: sys.a, personId: petny8 });
    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual({ personId: ['Personen är redan systemadministratör för systemet.'] });
    const list = await as.admin1.get(url({ systemId: sys.a }));
    expect(list.body.map((r: { personUserId: string }) => r.personUserId).sort()).toEqual([
      'linma5',
      'petny8',
    ]);
    expect(list.headers['content-range']).toBe('system-administrators 0-1/2');
    // Being one is a right: the queue opens at the next request.
    expect((await as.petny8.get('/api/fulfilment')).status).toBe(200);

    const removed = await as.admin1.delete(`/api/system-administrators/${sys.a}:${petny8}`);
    expect(removed.status).toBe(200);
    expect((await as.admin1.get(`/api/system-administrators/${sys.a}:${petny8}`)).status).toBe(404);
    expect((await as.petny8.get('/api/fulfilment')).status).toBe(403);
    const events = await q<{ action: string; actorId: string }>(
      `SELECT action, actor_id AS "actorId" FROM audit_event WHERE entity_type = 'system_administrator'
        AND entity_id = $1 ORDER BY id`,
      [sys.a],
    );
    expect(events.map((e) => e.action)).toEqual([
      'SYSTEM_ADMINISTRATOR_CREATED',
      'SYSTEM_ADMINISTRATOR_DELETED',
    ]);
    const csv = await as.admin1.get(
      `/api/system-administrators/export?filter=${encodeURIComponent(JSON.stringify({ systemId: sys.a }))}`,
    );
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('Linda Maria Svensson');
  });

  it('leaves waiting SCIM parts to the SCIM delivery: not in the queue, not settled by hand', async () => {
    const sysC = randomUUID();
    const roleC = randomUUID();
    const t4 = randomUUID();
    await q(
      `INSERT INTO local_system (id, name, owner, fulfilment, scim_base_url)
       VALUES ($1, 'Testsystem C', 'IT', 'SCIM', 'http://127.0.0.1:9/scim/v2')`,
      [sysC],
    );
    await q(
      `INSERT INTO system_role (id, system_id, name, scim_group) VALUES ($1, $2, 'C-läs', 'grp-c-las')`,
      [roleC, sysC],
    );
    await q(`INSERT INTO access_template (id, operation_id, name) VALUES ($1, $2, 'Testmall 4')`, [
      t4,
      OPERATION,
    ]);
    await q(`INSERT INTO access_template_role (template_id, system_role_id) VALUES ($1, $2)`, [t4, roleC]);
    await q(`INSERT INTO system_administrator (system_id, person_id) VALUES ($1, $2)`, [
      sysC,
      person('linma5'),
    ]);
    as.linma5 = await signIn(t, 'linma5');

    const order = await accessOrder('GRANT', [{ templateId: t4 }]);
    await approve(t, order, true);
    const [part] = await partsOf(order);
    expect(part).toMatchObject({ systemId: sysC, method: 'SCIM', status: 'PENDING' });
    const [{ due }] = await q<{ due: Date | null }>(
      `SELECT scim_next_at AS due FROM access_part WHERE id = $1`,
      [part.id],
    );
    expect(due).not.toBeNull();
    // Nobody is mailed: nothing waits for a person.
    expect(await mails(t, 'ACCESS_PART_WAITING', order)).toEqual([]);
    const list = await as.linma5.get(
      `/api/fulfilment?filter=${encodeURIComponent(JSON.stringify({ systemId: sysC, status: 'PENDING' }))}`,
    );
    expect(list.body).toEqual([]);
    const done = await as.linma5.post(`/api/fulfilment/${part.id}/done`).send({});
    expect(done.status).toBe(409);
    expect(done.body.detail).toBe('Uppgiften utförs via SCIM.');
  });
});
