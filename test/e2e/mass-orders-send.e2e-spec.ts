import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Clock } from '../../server/src/common/clock.js';
import { type Client, signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { everything, freeStaff, massSend, sendMass, type SentBatch } from './mass-orders-support.js';
import { person, SOLGLANTAN, VOB_NORRBY, VOB_SOL } from './orders-support.js';

/** Rule 8, Mass orders of hundreds in one send: one batch of ordinary orders, one mail, one receipt. */
describe('mass orders: sending a batch', () => {
  let t: TestApp;
  let today: string;
  let eriho2: Client;
  let sarbe3: Client;
  let sent: SentBatch;
  let added: string[];

  beforeAll(async () => {
    t = await createTestApp();
    today = t.app.get(Clock).today();
    eriho2 = await signIn(t, 'eriho2');
    sarbe3 = await signIn(t, 'sarbe3');
    added = [person('nilbo4'), ...(await freeStaff(t, 2))];
  });
  afterAll(async () => {
    await t.close();
  });

  it('adds and removes in one send: one order per person, grants then revokes, numbers in a row', async () => {
    const before = await everything(t);
    sent = await sendMass(
      eriho2,
      massSend(today, { add: added, remove: [person('linma5')], urgent: true, comment: 'Ny personal' }),
    );
    expect(sent.batchId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent.orders.map((o) => [o.endUserId, o.type])).toEqual([
      ...added.map((id) => [id, 'GRANT']),
      [person('linma5'), 'REVOKE'],
    ]);
    const numbers = sent.orders.map((o) => Number(o.orderNumber.slice(3)));
    expect(sent.orders.every((o) => /^BEH\d{7}$/.test(o.orderNumber))).toBe(true);
    expect(numbers).toEqual(numbers.map((_, i) => numbers[0] + i));

    const rows = await t.dataSource.query<Record<string, unknown>[]>(
      `SELECT o.id, o.type, o.status, o.end_user_id AS "endUserId", o.attestant_id AS "attestantId",
              o.orderer_id AS "ordererId", o.care_unit_id AS "careUnitId", o.urgent, o.comment,
              o.start_date::text AS "startDate", o.batch_id AS "batchId",
              array_agg(i.assignment_id) AS items, array_agg(i.status) AS "itemStatus", array_agg(i.type) AS "itemType"
         FROM vmu_order o JOIN vmu_order_item i ON i.order_id = o.id
        WHERE o.batch_id = $1 GROUP BY o.id ORDER BY o.order_number`,
      [sent.batchId],
    );
    expect(rows).toHaveLength(4);
    for (const [n, row] of rows.entries()) {
      expect(row).toMatchObject({
        id: sent.orders[n].id,
        type: sent.orders[n].type,
        status: 'AWAITING_ATTEST',
        attestantId: person('sarbe3'),
        ordererId: person('eriho2'),
        careUnitId: SOLGLANTAN,
        urgent: true,
        comment: 'Ny personal',
        startDate: today,
        items: [VOB_SOL],
        itemStatus: ['PENDING'],
        itemType: [sent.orders[n].type],
      });
    }
    const after = await everything(t);
    expect(after).toMatchObject({
      orders: before.orders + 4,
      items: before.items + 4,
      batches: before.batches + 1,
      mails: before.mails + 1,
      events: before.events + 5,
    });
  });

  it('mails the attestant once for the whole batch, with the count and a link to the queue', async () => {
    const mails = await t.dataSource.query<Record<string, string>[]>(
      `SELECT to_address AS "to", template, subject, text_body AS text, related_type AS "relatedType",
              related_id AS "relatedId"
         FROM mail_outbox WHERE related_id = $1 OR related_id = ANY($2::text[])`,
      [sent.batchId, sent.orders.map((o) => o.id)],
    );
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    const [{ email }] = await t.dataSource.query<{ email: string }[]>(
      'SELECT email FROM person WHERE id = $1',
      [person('sarbe3')],
    );
    expect(mail).toMatchObject({
      to: email,
      template: 'BATCH_AWAITING_ATTEST',
      relatedType: 'mass_order_batch',
      relatedId: sent.batchId,
      subject: 'Akut: Massbeställning med 4 beställningar väntar på din attest',
    });
    expect(mail.text).toContain('nyupplägg för 3 personer och avslut för 1 person');
    expect(mail.text).toContain('Uppdrag: VoB SJF');
    expect(mail.text).toContain(`${sent.orders[0].orderNumber} – ${sent.orders[3].orderNumber}`);
    expect(mail.text).toContain(`/#/attest?batchId=${sent.batchId}`);
  });

  it('records an audit event per order, carrying the batch, and one for the batch; the chain holds', async () => {
    const events = await t.dataSource.query<
      { action: string; entityId: string; after: { batchId?: string } }[]
    >(
      `SELECT action, entity_id AS "entityId", after FROM audit_event
        WHERE entity_id = $1 OR entity_id = ANY($2::text[]) ORDER BY id`,
      [sent.batchId, sent.orders.map((o) => o.id)],
    );
    expect(events.map((e) => [e.action, e.entityId])).toEqual([
      ...sent.orders.map((o) => ['ORDER_PLACED', o.id]),
      ['MASS_ORDER_PLACED', sent.batchId],
    ]);
    expect(events.slice(0, 4).every((e) => e.after.batchId === sent.batchId)).toBe(true);
    const admin = await signIn(t, 'admin1');
    const verify = await admin.get('/api/audit-events/verify').expect(200);
    expect(verify.body).toMatchObject({ ok: true });
  });

  it('answers the receipt to the orderer and the attestant, and to no one it does not concern', async () => {
    const receipt = await eriho2.get(`/api/mass-orders/batches/${sent.batchId}`).expect(200);
    expect(receipt.body).toMatchObject({
      id: sent.batchId,
      assignmentId: VOB_SOL,
      assignmentName: 'VoB SJF',
      careUnitName: 'Vårdcentralen Solgläntan',
      ordererId: person('eriho2'),
      attestantId: person('sarbe3'),
      grantCount: 3,
      revokeCount: 1,
      awaitingCount: 4,
      urgent: true,
      startDate: today,
    });
    const orders = (receipt.body as { orders: { id: string; orderNumber: string }[] }).orders;
    expect(orders.map((o) => [o.id, o.orderNumber])).toEqual(sent.orders.map((o) => [o.id, o.orderNumber]));
    await sarbe3.get(`/api/mass-orders/batches/${sent.batchId}`).expect(200);
    const nilbo4 = await signIn(t, 'nilbo4');
    await nilbo4.get(`/api/mass-orders/batches/${sent.batchId}`).expect(404);

    const mine = await eriho2.get('/api/mass-orders/batches').expect(200);
    expect((mine.body as { id: string }[]).map((b) => b.id)).toEqual([sent.batchId]);
    expect(mine.headers['content-range']).toBe('batches 0-0/1');
    const attest = await sarbe3
      .get(`/api/mass-orders/batches?filter=${encodeURIComponent('{"scope":"attest"}')}`)
      .expect(200);
    expect((attest.body as { id: string }[]).map((b) => b.id)).toEqual([sent.batchId]);
  });

  it('shows the members with the pending grant and the pending revoke', async () => {
    const res = await eriho2.get(`/api/mass-orders/assignments/${VOB_SOL}/members?range=[0,999]`).expect(200);
    const byId = new Map((res.body as { id: string }[]).map((m) => [m.id, m]));
    expect(byId.get(person('nilbo4'))).toMatchObject({
      status: 'PENDING_GRANT',
      pendingOrderNumber: sent.orders[0].orderNumber,
      removable: false,
    });
    expect(byId.get(person('linma5'))).toMatchObject({
      status: 'HOLDING',
      pendingRevoke: true,
      pendingOrderNumber: sent.orders[3].orderNumber,
      removable: false,
      reasonText: 'Det finns redan en väntande beställning av uppdraget för personen.',
    });
  });

  it('refuses whoever may not both order and attest the assignment (403), and an unknown one (404)', async () => {
    const body = massSend(today, { add: await freeStaff(t, 1) });
    const refused = await sarbe3.post('/api/mass-orders').send(body).expect(403);
    expect(refused.body).toMatchObject({
      type: 'urn:beh:problem:order-rule',
      violations: [{ rule: 'NO_ORDER_RIGHT' }],
    });
    await sarbe3.post('/api/mass-orders/check').send({ assignmentId: VOB_SOL, add: body.add }).expect(403);
    await sarbe3.get(`/api/mass-orders/assignments/${VOB_SOL}/members`).expect(403);
    await sarbe3
      .get(`/api/mass-orders/assignments/${VOB_SOL}/candidates?filter={"lastName":"b"}`)
      .expect(403);
    await sarbe3.post('/api/mass-orders/import').send({ assignmentId: VOB_SOL, text: 'nilbo4' }).expect(403);
    // The head of Solgläntan and Avdelning 12 has no right at Norrby.
    const karlu1 = await signIn(t, 'karlu1');
    await karlu1
      .post('/api/mass-orders')
      .send({ ...body, assignmentId: VOB_NORRBY })
      .expect(403);
    await karlu1.get(`/api/mass-orders/assignments/${VOB_NORRBY}`).expect(403);
    await karlu1.get(`/api/mass-orders/assignments/${VOB_SOL}`).expect(200);
    await eriho2.get('/api/mass-orders/assignments/00000000-0000-4000-8000-000000000000').expect(404);
    const nilbo4 = await signIn(t, 'nilbo4');
    await nilbo4.post('/api/mass-orders').send(body).expect(403);
  });
});
