import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Clock } from '../../server/src/common/clock.js';
import { SigningService } from '../../server/src/signing/signing.service.js';
import { type Client, signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { ordersToAttest, requestSignature, sign } from './attest-support.js';
import { addDays, person, place, send, VOB_SOL } from './orders-support.js';

/** "Verifiera signatur": the stored signature of a decided order, checked again from stored data. */
describe('verifying an order’s signature', () => {
  let t: TestApp;
  let today: string;
  const clients: Record<string, Client> = {};

  const approved = async (ids: string[]) => {
    const { requestId } = await requestSignature(clients.sarbe3, { orderIds: ids, decision: 'APPROVE' });
    expect((await sign(clients.sarbe3, requestId)).status).toBe(200);
    return requestId;
  };

  beforeAll(async () => {
    t = await createTestApp();
    today = t.app.get(Clock).today();
    for (const userId of ['sarbe3', 'eriho2', 'karlu1', 'admin1', 'nilbo4', 'linma5', 'petny8']) {
      clients[userId] = await signIn(t, userId);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('verifies for everyone who may see the order, and for no one else', async () => {
    const [{ id, orderNumber }] = await place(clients.eriho2, send('nilbo4', [VOB_SOL], addDays(today, 4)));
    const requestId = await approved([id]);
    // The attestant, the orderer, the end user, the head of the unit and an administrator.
    for (const userId of ['sarbe3', 'eriho2', 'nilbo4', 'karlu1', 'admin1']) {
      const res = await clients[userId].get(`/api/orders/${id}/signature`).expect(200);
      expect(res.body).toMatchObject({
        orderId: id,
        orderNumber,
        requestId,
        decision: 'APPROVE',
        ok: true,
        reason: null,
        signer: { hsaId: 'SE2321000131-P000000000103', commonName: 'Sara Berg' },
        certificateSubject: expect.stringContaining('CN=Sara Berg'),
      });
      expect(Date.parse((res.body as { signedAt: string }).signedAt)).not.toBeNaN();
      // The document is not handed out here: a batch's names other orders' end users.
      expect(res.body).not.toHaveProperty('document');
    }
    for (const userId of ['linma5', 'petny8']) {
      await clients[userId].get(`/api/orders/${id}/signature`).expect(404);
    }
  });

  it('has no signature to verify before the decision', async () => {
    const [id] = await ordersToAttest(t, 1, addDays(today, 4));
    const res = await clients.sarbe3.get(`/api/orders/${id}/signature`).expect(404);
    expect(res.body).toMatchObject({ detail: 'Signaturen hittades inte.' });
  });

  it('detects a stored document changed afterwards, for every order the signature decided', async () => {
    const ids = await ordersToAttest(t, 2, addDays(today, 4));
    const requestId = await approved(ids);
    await t.dataSource.query(
      `UPDATE sign_request SET document = replace(document, 'Beslut: Godkänn', 'Beslut: Avslå') WHERE id = $1`,
      [requestId],
    );
    for (const id of ids) {
      const res = await clients.sarbe3.get(`/api/orders/${id}/signature`).expect(200);
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
    const [id] = await ordersToAttest(t, 1, addDays(today, 4));
    const requestId = await approved([id]);
    // Karin's genuine signature over the same document, put where Sara's belongs.
    const [{ document }] = await t.dataSource.query<{ document: string }[]>(
      'SELECT document FROM sign_request WHERE id = $1',
      [requestId],
    );
    // An ATTEST request that decides no order, so that only its signature matters.
    const karins = await t.dataSource.transaction((m) =>
      t.app.get(SigningService).createRequest(m, {
        signerId: person('karlu1'),
        kind: 'ATTEST',
        purpose: 'Test',
        document,
        payload: { decision: 'APPROVE', comment: null, removeItemIds: [], orders: [] },
      }),
    );
    const [cert] = (await clients.karlu1.get(`/api/signing/${karins.id}/certificates`).expect(200)).body as {
      id: string;
    }[];
    await clients.karlu1
      .post(`/api/signing/${karins.id}/sign`)
      .send({ certificateId: cert.id, pin: '1234' })
      .expect(200);
    await t.dataSource.query(
      `UPDATE sign_request s SET signature = k.signature, certificate = k.certificate, certificate_chain = k.certificate_chain,
              signed_at = k.signed_at
         FROM sign_request k WHERE s.id = $1 AND k.id = $2`,
      [requestId, karins.id],
    );
    const res = await clients.eriho2.get(`/api/orders/${id}/signature`).expect(200);
    expect(res.body).toMatchObject({ ok: false, reason: 'WRONG_SIGNER' });
  });
});
