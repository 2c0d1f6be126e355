import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Clock } from '../../server/src/common/clock.js';
import { SigningService } from '../../server/src/signing/signing.service.js';
import {
  newAdministrator,
  newCareUnit,
  newPerson,
  newTeam,
  type PersonMade,
  signedIn,
  type Team,
} from '../factories/index.js';
import type { Client } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { ordersToAttest, requestSignature, sign } from './attest-support.js';
import { addDays, place, sendIn } from './orders-support.js';

/**
 * "Verifiera signatur": the stored signature of a decided order, checked again from stored data.
 * In a team made by the factories, with an end user, a colleague of theirs without rights, an
 * outsider from another unit and an administrator.
 */
describe('verifying an order’s signature', () => {
  let t: TestApp;
  let today: string;
  let team: Team;
  let endUser: PersonMade;
  const clients: Record<string, Client> = {};

  const approved = async (ids: string[]) => {
    const { requestId } = await requestSignature(clients.attestant, { orderIds: ids, decision: 'APPROVE' });
    expect((await sign(clients.attestant, requestId)).status).toBe(200);
    return requestId;
  };

  beforeAll(async () => {
    t = await createTestApp();
    today = t.app.get(Clock).today();
    team = await newTeam(t);
    endUser = await newPerson(t, { unit: team.unit });
    const people = {
      attestant: team.attestant,
      orderer: team.orderer,
      head: team.head,
      admin: await newAdministrator(t),
      endUser,
      colleague: await newPerson(t, { unit: team.unit }),
      outsider: await newPerson(t, { unit: await newCareUnit(t) }),
    };
    for (const [role, person] of Object.entries(people)) clients[role] = await signedIn(t, person);
  });
  afterAll(async () => {
    await t.close();
  });

  it('verifies for everyone who may see the order, and for no one else', async () => {
    const [{ id, orderNumber }] = await place(
      clients.orderer,
      sendIn(team, endUser, [team.unit.assignments.vob], addDays(today, 4)),
    );
    const requestId = await approved([id]);
    // The attestant, the orderer, the end user, the head of the unit and an administrator.
    for (const role of ['attestant', 'orderer', 'endUser', 'head', 'admin']) {
      const res = await clients[role].get(`/api/orders/${id}/signature`).expect(200);
      expect(res.body).toMatchObject({
        orderId: id,
        orderNumber,
        requestId,
        decision: 'APPROVE',
        ok: true,
        reason: null,
        signer: { hsaId: team.attestant.hsaId, commonName: team.attestant.name },
        certificateSubject: expect.stringContaining(`CN=${team.attestant.name}`),
      });
      expect(Date.parse((res.body as { signedAt: string }).signedAt)).not.toBeNaN();
      // The document is not handed out here: a batch's names other orders' end users.
      expect(res.body).not.toHaveProperty('document');
    }
    for (const role of ['colleague', 'outsider']) {
      await clients[role].get(`/api/orders/${id}/signature`).expect(404);
    }
  });

  it('has no signature to verify before the decision', async () => {
    const [id] = await ordersToAttest(t, team, 1, addDays(today, 4));
    const res = await clients.attestant.get(`/api/orders/${id}/signature`).expect(404);
    expect(res.body).toMatchObject({ detail: 'Signaturen hittades inte.' });
  });

  it('detects a stored document changed afterwards, for every order the signature decided', async () => {
    const ids = await ordersToAttest(t, team, 2, addDays(today, 4));
    const requestId = await approved(ids);
    await t.dataSource.query(
      `UPDATE sign_request SET document = replace(document, 'Beslut: Godkänn', 'Beslut: Avslå') WHERE id = $1`,
      [requestId],
    );
    for (const id of ids) {
      const res = await clients.attestant.get(`/api/orders/${id}/signature`).expect(200);
      expect(res.body).toMatchObject({
        ok: false,
        reason: 'DIGEST_MISMATCH',
        message: 'dokumentet är inte det som signerades',
        signer: null,
        certificateSubject: null,
      });
    }
  });

  it('detects a signature swapped for one by another person', async () => {
    const [id] = await ordersToAttest(t, team, 1, addDays(today, 4));
    const requestId = await approved([id]);
    // Karin's genuine signature over the same document, put where Sara's belongs.
    const [{ document }] = await t.dataSource.query<{ document: string }[]>(
      'SELECT document FROM sign_request WHERE id = $1',
      [requestId],
    );
    // An ATTEST request that decides no order, so that only its signature matters.
    const karins = await t.dataSource.transaction((m) =>
      t.app.get(SigningService).createRequest(m, {
        signerId: team.head.id,
        kind: 'ATTEST',
        purpose: 'Test',
        document,
        payload: { decision: 'APPROVE', comment: null, removeItemIds: [], orders: [] },
      }),
    );
    const [cert] = (await clients.head.get(`/api/signing/${karins.id}/certificates`).expect(200)).body as {
      id: string;
    }[];
    await clients.head
      .post(`/api/signing/${karins.id}/sign`)
      .send({ certificateId: cert.id, pin: '1234' })
      .expect(200);
    await t.dataSource.query(
      `UPDATE sign_request s SET signature = k.signature, certificate = k.certificate, certificate_chain = k.certificate_chain,
              signed_at = k.signed_at
         FROM sign_request k WHERE s.id = $1 AND k.id = $2`,
      [requestId, karins.id],
    );
    const res = await clients.orderer.get(`/api/orders/${id}/signature`).expect(200);
    expect(res.body).toMatchObject({ ok: false, reason: 'WRONG_SIGNER' });
  });

  describe('bound to the order: the signed text must name it, its decision and its attestant', () => {
    const decided = async (ids: string[], decision: 'APPROVE' | 'REJECT') => {
      const { requestId } = await requestSignature(clients.attestant, {
        orderIds: ids,
        decision,
        ...(decision === 'REJECT' ? { comment: 'Inte nu.' } : {}),
      });
      expect((await sign(clients.attestant, requestId)).status).toBe(200);
      return requestId;
    };
    const check = async (id: string) =>
      (await clients.admin.get(`/api/orders/${id}/signature`).expect(200)).body as {
        ok: boolean;
        reason: string | null;
        message: string | null;
        decision: string;
        orderNumber: string;
      };
    const numberOf = async (id: string) =>
      (
        await t.dataSource.query<{ n: string }[]>('SELECT order_number AS n FROM vmu_order WHERE id = $1', [
          id,
        ])
      )[0].n;

    it("fails for an order pointed at another order's signed request", async () => {
      const [a, b] = await ordersToAttest(t, team, 2, addDays(today, 4));
      const requestOfA = await decided([a], 'APPROVE');
      await decided([b], 'APPROVE');
      expect(await check(b)).toMatchObject({ ok: true });
      await t.dataSource.query('UPDATE vmu_order SET sign_request_id = $2 WHERE id = $1', [b, requestOfA]);
      const res = await check(b);
      expect(res).toMatchObject({ ok: false, reason: 'ORDER_NOT_IN_DOCUMENT', signer: null });
      expect(res.message).toBe(
        `det signerade dokumentet gäller inte beställning ${await numberOf(b)} (det gäller ${await numberOf(a)})`,
      );
      // The order the request did decide still verifies.
      expect(await check(a)).toMatchObject({ ok: true, decision: 'APPROVE' });
    });

    it('fails for a rejected order whose status was changed to APPROVED in the database', async () => {
      const [id] = await ordersToAttest(t, team, 1, addDays(today, 4));
      await decided([id], 'REJECT');
      expect(await check(id)).toMatchObject({ ok: true, decision: 'REJECT' });
      await t.dataSource.query(`UPDATE vmu_order SET status = 'APPROVED' WHERE id = $1`, [id]);
      // The decision shown is the signed one, not the row's.
      expect(await check(id)).toMatchObject({
        ok: false,
        decision: 'REJECT',
        reason: 'DECISION_MISMATCH',
        message: 'det signerade beslutet är Avslå men beställningen har status Godkänd',
      });
    });

    it('fails for an approved order whose attestant was changed in the database', async () => {
      const [id] = await ordersToAttest(t, team, 1, addDays(today, 4));
      await decided([id], 'APPROVE');
      await t.dataSource.query('UPDATE vmu_order SET attestant_id = $2 WHERE id = $1', [id, team.head.id]);
      const res = await check(id);
      expect(res).toMatchObject({ ok: false, reason: 'ATTESTANT_MISMATCH' });
      expect(res.message).toContain(`men beställningens attestant är ${team.head.name}`);
    });

    it('verifies a batch signature for each of its orders, and for no order outside it', async () => {
      const batch = await ordersToAttest(t, team, 3, addDays(today, 4));
      const [outside] = await ordersToAttest(t, team, 1, addDays(today, 4));
      const requestId = await decided(batch, 'APPROVE');
      await decided([outside], 'APPROVE');
      for (const id of batch) {
        expect(await check(id)).toMatchObject({ ok: true, requestId, orderNumber: await numberOf(id) });
      }
      await t.dataSource.query('UPDATE vmu_order SET sign_request_id = $2 WHERE id = $1', [
        outside,
        requestId,
      ]);
      expect(await check(outside)).toMatchObject({ ok: false, reason: 'ORDER_NOT_IN_DOCUMENT' });
    });
  });
});
