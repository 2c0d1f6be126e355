import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../server/src/common/clock.js';
import {
  type AssignmentMade,
  newAdministrator,
  newPerson,
  newTeam,
  type PersonMade,
  signedIn,
  type Team,
} from '../factories/index.js';
import type { Client } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  certificateId,
  decisionFootprint,
  itemIds,
  orderState,
  requestSignature,
  sign,
} from './attest-support.js';
import { addDays, sendIn } from './orders-support.js';

/**
 * Godkänn / Avslå: what is refused before signing, and what signing does. A team made by the
 * factories: Sara is its attestant, Erik its orderer, Karin its head.
 */
describe('attest decisions', () => {
  let t: TestApp;
  let today: string;
  let team: Team;
  let sara: Client;
  let erik: Client;
  let karin: Client;
  let admin: Client;
  let VOB_SOL: AssignmentMade;
  let KVAL_SOL: AssignmentMade;
  let STAT_SOL: AssignmentMade;

  /** An order of Erik's for a new member of the staff, attested by `attestant`. */
  const order = async (
    assignments: AssignmentMade[],
    startDate: string,
    attestant: PersonMade = team.attestant,
  ) => {
    const endUser = await newPerson(t, { unit: team.unit });
    const res = await erik
      .post('/api/orders')
      .send(sendIn(team, endUser, assignments, startDate, { attestants: { [team.unit.id]: attestant.id } }));
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    return (res.body as { id: string; orderNumber: string }[])[0];
  };
  const mailsOf = (orderId: string) =>
    t.dataSource.query<{ template: string; to: string; text: string }[]>(
      `SELECT template, to_address AS "to", text_body AS text FROM mail_outbox
        WHERE related_type = 'order' AND related_id = $1 ORDER BY created_at, template`,
      [orderId],
    );
  const eventsOf = async (orderId: string) =>
    (
      await t.dataSource.query<{ action: string }[]>(
        `SELECT action FROM audit_event WHERE entity_type = 'order' AND entity_id = $1 ORDER BY id`,
        [orderId],
      )
    ).map((e) => e.action);
  const signRequests = async () =>
    (await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM sign_request'))[0].n;

  beforeAll(async () => {
    t = await createTestApp();
    today = t.app.get(Clock).today();
    team = await newTeam(t);
    ({ vob: VOB_SOL, kval: KVAL_SOL, stat: STAT_SOL } = team.unit.assignments);
    [sara, erik, karin, admin] = await Promise.all(
      [team.attestant, team.orderer, team.head, await newAdministrator(t)].map((p) => signedIn(t, p)),
    );
  });
  afterEach(() => t.app.get(Clock).set(undefined));
  afterAll(async () => {
    await t.close();
  });

  describe('before signing', () => {
    it('refuses a reject without a comment, and writes nothing', async () => {
      const { id } = await order([VOB_SOL], addDays(today, 5));
      const before = { ...(await decisionFootprint(t)), requests: await signRequests() };
      for (const comment of [undefined, null, '', '   ']) {
        const res = await sara
          .post('/api/attest/sign-requests')
          .send({ orderIds: [id], decision: 'REJECT', comment })
          .expect(400);
        expect(res.body).toMatchObject({
          type: 'urn:beh:problem:validation',
          detail: 'Ange en kommentar vid avslag.',
          errors: { comment: ['Ange en kommentar vid avslag.'] },
        });
      }
      expect({ ...(await decisionFootprint(t)), requests: await signRequests() }).toEqual(before);
    });

    it("answers 404 for an order that is not the caller's to attest, even among their own", async () => {
      const mine = await order([VOB_SOL], addDays(today, 5));
      const karins = await order([VOB_SOL], addDays(today, 5), team.head);
      for (const [client, ids] of [
        [sara, [karins.id]],
        [sara, [mine.id, karins.id]],
        [sara, [mine.id, randomUUID()]],
        [erik, [mine.id]],
        [admin, [mine.id]],
      ] as const) {
        const res = await client
          .post('/api/attest/sign-requests')
          .send({ orderIds: ids, decision: 'APPROVE' })
          .expect(404);
        expect(res.body).toMatchObject({ detail: 'Beställningen hittades inte.' });
      }
    });

    it('validates the body', async () => {
      const res = await sara
        .post('/api/attest/sign-requests')
        .send({ orderIds: [], decision: 'MAYBE', removeItemIds: ['x'], extra: 1 })
        .expect(400);
      expect(Object.keys((res.body as { errors: Record<string, string[]> }).errors).sort()).toEqual([
        'decision',
        'extra',
        'orderIds',
        'removeItemIds',
      ]);
      const id = randomUUID();
      const twice = await sara
        .post('/api/attest/sign-requests')
        .send({ orderIds: [id, id], decision: 'APPROVE' });
      expect(twice.status).toBe(400);
    });

    it('refuses lines that are not the orders’, removing every line on approve, and removing on reject', async () => {
      const { id, orderNumber } = await order([VOB_SOL, KVAL_SOL], addDays(today, 5));
      const other = await order([VOB_SOL], addDays(today, 5));
      const [a, b] = await itemIds(t, id);
      const [foreign] = await itemIds(t, other.id);

      const unknown = await sara
        .post('/api/attest/sign-requests')
        .send({ orderIds: [id], decision: 'APPROVE', removeItemIds: [foreign] })
        .expect(422);
      expect(unknown.body).toMatchObject({
        type: 'urn:beh:problem:attest-rule',
        orders: [{ rule: 'UNKNOWN_ITEM', itemId: foreign }],
      });
      const all = await sara
        .post('/api/attest/sign-requests')
        .send({ orderIds: [id], decision: 'APPROVE', removeItemIds: [a, b] })
        .expect(422);
      expect(all.body).toMatchObject({
        detail: `${orderNumber}: Alla rader kan inte tas bort – avslå beställningen i stället.`,
        orders: [{ orderId: id, orderNumber, rule: 'ALL_ITEMS_REMOVED' }],
      });
      const onReject = await sara
        .post('/api/attest/sign-requests')
        .send({ orderIds: [id], decision: 'REJECT', removeItemIds: [a], comment: 'Nej' })
        .expect(422);
      expect(onReject.body).toMatchObject({ orders: [{ rule: 'REMOVE_ON_REJECT' }] });
    });

    it('refuses an order that no longer awaits attest with 409', async () => {
      const { id, orderNumber } = await order([VOB_SOL], addDays(today, 5));
      await erik.post(`/api/orders/${id}/cancel`).expect(200);
      const res = await sara
        .post('/api/attest/sign-requests')
        .send({ orderIds: [id], decision: 'APPROVE' })
        .expect(409);
      expect(res.body).toMatchObject({
        detail: `${orderNumber}: Beställningen väntar inte längre på attest.`,
        orders: [{ orderId: id, rule: 'NOT_AWAITING_ATTEST' }],
      });
    });

    it('builds the canonical document, and changes nothing until it is signed', async () => {
      const { id, orderNumber } = await order([VOB_SOL, STAT_SOL], addDays(today, 5));
      const [kept, removed] = await itemIds(t, id);
      const before = await orderState(t, id);
      const answer = await requestSignature(sara, {
        orderIds: [id],
        decision: 'APPROVE',
        removeItemIds: [removed],
      });
      expect(answer.signingUrl).toBe(`${t.config.publicUrl}/signing/${answer.requestId}`);
      expect(answer.digest).toMatch(/^[0-9a-f]{64}$/);
      const lines = answer.document.split('\n');
      expect(lines.slice(0, 3)).toEqual([
        'Attest av beställningar i BEH',
        'Beslut: Godkänn',
        `Attestant: ${team.attestant.name} (${team.attestant.userId}), HSA-id ${team.attestant.hsaId}`,
      ]);
      expect(lines[3]).toMatch(/^Tid: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \(Europe\/Stockholm\)$/);
      expect(lines).toContain(`Beställning ${orderNumber}`);
      expect(lines).toContain(`Startdatum: ${addDays(today, 5)}`);
      // The words a person reads name the assignments; the lines' ids only in the machine-readable part.
      expect(lines.filter((l) => l.startsWith('Godkänns: ') || l.startsWith('Tas bort: '))).toHaveLength(2);
      expect(lines.filter((l) => /^(Godkänns|Tas bort): /.test(l)).join('\n')).not.toMatch(
        /[0-9a-f]{8}-[0-9a-f]{4}-/,
      );
      const machine = lines.slice(lines.indexOf('Radernas id (för maskinell kontroll):') + 1);
      expect(machine).toEqual(
        expect.arrayContaining([`${orderNumber};Godkänns;${kept}`, `${orderNumber};Tas bort;${removed}`]),
      );
      const view = await sara.get(`/api/signing/${answer.requestId}`).expect(200);
      expect(view.body).toMatchObject({
        document: answer.document,
        digest: answer.digest,
        purpose: `Attest av beställning ${orderNumber}: Godkänn`,
        status: 'PENDING',
      });
      expect(await orderState(t, id)).toEqual(before);
      expect(
        (await sara.get(`/api/attest/sign-requests/${answer.requestId}`).expect(200)).body,
      ).toMatchObject({
        status: 'PENDING',
        orders: [],
      });
      await erik.get(`/api/attest/sign-requests/${answer.requestId}`).expect(404);
      const [event] = await t.dataSource.query<{ action: string; after: { orderNumbers: string[] } }[]>(
        `SELECT action, after FROM audit_event WHERE entity_type = 'sign_request' AND entity_id = $1`,
        [answer.requestId],
      );
      expect(event).toMatchObject({
        action: 'ATTEST_SIGN_REQUESTED',
        after: { orderNumbers: [orderNumber] },
      });
    });
  });

  describe('signing', () => {
    it('approves with the right PIN: kept lines pending, removed ones REMOVED, signature stored with the order', async () => {
      const { id } = await order([VOB_SOL, KVAL_SOL], addDays(today, 5));
      const [kept, removed] = await itemIds(t, id);
      const { requestId } = await requestSignature(sara, {
        orderIds: [id],
        decision: 'APPROVE',
        removeItemIds: [removed],
      });
      const res = await sign(sara, requestId);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'SIGNED' });

      const state = await orderState(t, id);
      expect(state).toMatchObject({
        status: 'APPROVED',
        signRequestId: requestId,
        items: { [kept]: 'PENDING', [removed]: 'REMOVED' },
      });
      expect(state.decidedAt).not.toBeNull();
      expect(await eventsOf(id)).toEqual(['ORDER_PLACED', 'ORDER_APPROVED']);
      const mails = await mailsOf(id);
      expect(mails.map((m) => m.template)).toEqual(['ORDER_AWAITING_ATTEST', 'ORDER_APPROVED']);
      expect(mails[1].text).toContain(`${team.attestant.name} har godkänt`);
      expect((await sara.get(`/api/attest/sign-requests/${requestId}`).expect(200)).body).toMatchObject({
        status: 'SIGNED',
        orders: [{ id, status: 'APPROVED' }],
      });
      // Out of the queue, and the attest page is gone with it.
      await sara.get(`/api/attest/orders/${id}`).expect(404);
      const detail = await erik.get(`/api/orders/${id}`).expect(200);
      expect((detail.body as { events: { action: string }[] }).events.map((e) => e.action)).toContain(
        'ORDER_APPROVED',
      );
    });

    it('carries an approved order out at once when its start date has come', async () => {
      const { id } = await order([VOB_SOL, STAT_SOL], today);
      const [first, second] = await itemIds(t, id);
      const { requestId } = await requestSignature(sara, {
        orderIds: [id],
        decision: 'APPROVE',
        removeItemIds: [second],
      });
      expect((await sign(sara, requestId)).status).toBe(200);
      expect(await orderState(t, id)).toMatchObject({
        status: 'COMPLETED',
        signRequestId: requestId,
        items: { [first]: 'DONE', [second]: 'REMOVED' },
      });
      expect(await eventsOf(id)).toEqual(['ORDER_PLACED', 'ORDER_APPROVED', 'ORDER_COMPLETED']);
      // The "utförd" mail only: "attesterad, utförs på startdatumet" would be wrong now.
      expect((await mailsOf(id)).map((m) => m.template)).toEqual([
        'ORDER_AWAITING_ATTEST',
        'ORDER_COMPLETED',
      ]);
    });

    it('rejects: order and lines REJECTED, the comment kept and mailed to the orderer', async () => {
      const { id, orderNumber } = await order([VOB_SOL, KVAL_SOL], addDays(today, 5));
      const comment = 'Fel vårdenhet – beställ på Avdelning 12.';
      const { requestId, document } = await requestSignature(sara, {
        orderIds: [id],
        decision: 'REJECT',
        comment,
      });
      expect(document).toContain(`Beslut: Avslå\n`);
      expect(document).toContain(`Kommentar: ${comment}\n`);
      expect(document.match(/^Avslås: /gm)).toHaveLength(2);
      expect((await sign(sara, requestId)).status).toBe(200);

      const state = await orderState(t, id);
      expect(state).toMatchObject({ status: 'REJECTED', rejectComment: comment, signRequestId: requestId });
      expect(Object.values(state.items)).toEqual(['REJECTED', 'REJECTED']);
      expect(await eventsOf(id)).toEqual(['ORDER_PLACED', 'ORDER_REJECTED']);
      const [placedMail, rejected] = await mailsOf(id);
      expect(placedMail.template).toBe('ORDER_AWAITING_ATTEST');
      const [eriksAddress] = await t.dataSource.query<{ email: string }[]>(
        'SELECT email FROM person WHERE id = $1',
        [team.orderer.id],
      );
      expect(rejected).toMatchObject({ template: 'ORDER_REJECTED', to: eriksAddress.email });
      expect(rejected.text).toContain(orderNumber);
      expect(rejected.text).toContain(comment);
      expect((await erik.get(`/api/orders/${id}`).expect(200)).body).toMatchObject({
        status: 'REJECTED',
        rejectComment: comment,
      });
    });

    it('refuses a wrong PIN with the tries left and changes nothing; the right one then works', async () => {
      const { id } = await order([VOB_SOL], addDays(today, 5));
      const { requestId } = await requestSignature(sara, { orderIds: [id], decision: 'APPROVE' });
      const before = await decisionFootprint(t);
      const res = await sign(sara, requestId, '0000');
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        type: 'urn:beh:problem:wrong-pin',
        detail: 'Fel PIN-kod. Du har 2 försök kvar.',
      });
      expect(await decisionFootprint(t)).toEqual(before);
      expect((await orderState(t, id)).status).toBe('AWAITING_ATTEST');
      expect((await sign(sara, requestId)).status).toBe(200);
      expect((await orderState(t, id)).status).toBe('APPROVED');
    });

    it('refuses a locked certificate even with the right PIN; the order keeps waiting', async () => {
      const { id } = await order([VOB_SOL], addDays(today, 5), team.head);
      const { requestId } = await requestSignature(karin, { orderIds: [id], decision: 'APPROVE' });
      expect((await sign(karin, requestId, '1111')).status).toBe(400);
      expect((await sign(karin, requestId, '2222')).status).toBe(400);
      expect((await sign(karin, requestId, '3333')).status).toBe(423);
      const res = await sign(karin, requestId, '1234');
      expect(res.status).toBe(423);
      expect(res.body).toMatchObject({ type: 'urn:beh:problem:certificate-locked', locked: true });
      expect((await orderState(t, id)).status).toBe('AWAITING_ATTEST');
      // Unlocked by an administrator, the same request can still be signed.
      const certificate = await certificateId(karin, requestId);
      await admin.post(`/api/signing/certificates/${certificate}/unlock`).expect(200);
      expect((await sign(karin, requestId)).status).toBe(200);
      expect((await orderState(t, id)).status).toBe('APPROVED');
    });

    it('refuses an expired sign request, and a used one', async () => {
      const { id } = await order([VOB_SOL], addDays(today, 5));
      const expired = await requestSignature(sara, { orderIds: [id], decision: 'APPROVE' });
      const certificate = await certificateId(sara, expired.requestId);
      t.app.get(Clock).set(new Date(Date.now() + 10 * 60 * 1000 + 1000));
      const late = await sign(sara, expired.requestId, '1234', certificate);
      expect(late.status).toBe(410);
      expect(late.body).toMatchObject({ type: 'urn:beh:problem:sign-request-expired' });
      t.app.get(Clock).set(undefined);
      expect((await orderState(t, id)).status).toBe('AWAITING_ATTEST');

      const fresh = await requestSignature(sara, { orderIds: [id], decision: 'APPROVE' });
      expect((await sign(sara, fresh.requestId)).status).toBe(200);
      const again = await sign(sara, fresh.requestId);
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ type: 'urn:beh:problem:sign-request-used' });
      // The first request, back within its time, cannot decide the order a second time.
      const stale = await sign(sara, expired.requestId);
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ type: 'urn:beh:problem:attest-conflict' });
      expect((await orderState(t, id)).signRequestId).toBe(fresh.requestId);
    });

    it("refuses a signature with another person's certificate, and another person signing", async () => {
      const { id } = await order([VOB_SOL], addDays(today, 5));
      const { requestId } = await requestSignature(sara, { orderIds: [id], decision: 'APPROVE' });
      const eriks = await erik
        .post('/api/attest/sign-requests')
        .send({ orderIds: [id], decision: 'APPROVE' });
      expect(eriks.status).toBe(404);
      // Erik's own certificate, found through a request of his own kind (his attest of Karin's order is not his).
      const own = await order([KVAL_SOL], addDays(today, 5), team.orderer);
      const erikRequest = await requestSignature(erik, { orderIds: [own.id], decision: 'APPROVE' });
      const erikCertificate = await certificateId(erik, erikRequest.requestId);

      const withHis = await sign(sara, requestId, '1234', erikCertificate);
      expect(withHis.status).toBe(404);
      expect(withHis.body).toMatchObject({ detail: 'Certifikatet hittades inte.' });
      expect((await sign(erik, requestId, '1234', erikCertificate)).status).toBe(404);
      expect(await orderState(t, id)).toMatchObject({ status: 'AWAITING_ATTEST', signRequestId: null });
    });
  });

  it('refuses an attestant whose delegation has been revoked since the order was placed', async () => {
    // A team of its own: the revocation takes its attestant's rights away.
    const other = await newTeam(t);
    const [{ id, orderNumber }] = (
      await (
        await signedIn(t, other.orderer)
      )
        .post('/api/orders')
        .send(
          sendIn(
            other,
            await newPerson(t, { unit: other.unit }),
            [other.unit.assignments.vob],
            addDays(today, 5),
          ),
        )
        .expect(201)
    ).body as { id: string; orderNumber: string }[];
    const [delegation] = await t.dataSource.query<{ id: string }[]>(
      'SELECT id FROM delegation WHERE delegate_id = $1 AND care_unit_id = $2 AND revoked_at IS NULL',
      [other.attestant.id, other.unit.id],
    );
    await (
      await signedIn(t, other.head)
    )
      .patch(`/api/delegations/${delegation.id}`)
      .send({ status: 'REVOKED' })
      .expect(200);
    const res = await (
      await signedIn(t, other.attestant)
    )
      .post('/api/attest/sign-requests')
      .send({ orderIds: [id], decision: 'APPROVE' })
      .expect(403);
    expect(res.body).toMatchObject({ orders: [{ orderId: id, orderNumber, rule: 'NO_ATTEST_RIGHT' }] });
  });
});
