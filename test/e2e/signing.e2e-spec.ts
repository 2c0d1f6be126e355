import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Clock } from '../../server/src/common/clock.js';
import { SigningService } from '../../server/src/signing/signing.service.js';
import { signIn, anonymous, type Client } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  createEffectTable,
  createRequest,
  documentFor,
  type HandlerCall,
  personId,
  registerTestHandler,
} from './signing-support.js';

interface CertificateBody {
  id: string;
  subjectSerialNumber: string;
  locked: boolean;
  triesLeft: number;
}

describe('signing', () => {
  let t: TestApp;
  let calls: HandlerCall[];
  let sara: Client;
  let erik: Client;
  let admin: Client;
  let order = 0;
  const nextDocument = () => documentFor(`BEH${String(9000000 + ++order)}`);

  const certificateOf = async (client: Client, requestId: string): Promise<CertificateBody> => {
    const res = await client.get(`/api/signing/${requestId}/certificates`).expect(200);
    const list = res.body as CertificateBody[];
    expect(list).toHaveLength(1);
    return list[0];
  };
  const sign = async (client: Client, requestId: string, pin = '1234', certificateId?: string) =>
    client
      .post(`/api/signing/${requestId}/sign`)
      .send({ certificateId: certificateId ?? (await certificateOf(client, requestId)).id, pin });
  const signExpecting = async (
    status: number,
    client: Client,
    requestId: string,
    pin = '1234',
    certificateId?: string,
  ) =>
    client
      .post(`/api/signing/${requestId}/sign`)
      .send({ certificateId: certificateId ?? (await certificateOf(client, requestId)).id, pin })
      .expect(status);
  const stored = async (id: string) =>
    (
      await t.dataSource.query<{ status: string; used_at: Date | null; signature: Buffer | null }[]>(
        'SELECT status, used_at, signature FROM sign_request WHERE id = $1',
        [id],
      )
    )[0];
  const effects = async (id: string) =>
    (await t.dataSource.query<unknown[]>('SELECT 1 FROM signing_test_effect WHERE request_id = $1', [id]))
      .length;

  beforeAll(async () => {
    t = await createTestApp();
    await createEffectTable(t);
    calls = registerTestHandler(t);
    sara = await signIn(t, 'sarbe3');
    erik = await signIn(t, 'eriho2');
    admin = await signIn(t, 'admin1');
  });
  afterEach(() => t.app.get(Clock).set(undefined));
  afterAll(async () => {
    await t.close();
  });

  it('shows the request to its signer only: document, digest, status, expiry and name', async () => {
    const document = nextDocument();
    const request = await createRequest(t, 'sarbe3', document);
    expect(request.signingUrl).toBe(`${t.config.publicUrl}/signing/${request.id}`);
    const res = await sara.get(`/api/signing/${request.id}`).expect(200);
    expect(res.body).toMatchObject({
      id: request.id,
      document,
      digest: request.digest,
      status: 'PENDING',
      purpose: 'Attest av beställning',
      signer: { name: 'Sara Berg', hsaId: 'SE2321000131-P000000000103' },
    });
    const body = res.body as { createdAt: string; expiresAt: string };
    expect(Date.parse(body.expiresAt) - Date.parse(body.createdAt)).toBe(10 * 60 * 1000);
    // Anyone else, however privileged, finds nothing; no one signed in is told to sign in.
    await erik.get(`/api/signing/${request.id}`).expect(404);
    await admin.get(`/api/signing/${request.id}/certificates`).expect(404);
    await (await anonymous(t)).get(`/api/signing/${request.id}`).expect(401);
    await sara.get('/api/signing/not-a-uuid').expect(404);
  });

  it("lists the signer's seeded certificate: subject serialNumber = HSA-id, unlocked, three tries", async () => {
    const request = await createRequest(t, 'sarbe3', nextDocument());
    const res = await sara.get(`/api/signing/${request.id}/certificates`).expect(200);
    expect(res.body).toEqual([
      expect.objectContaining({
        subjectSerialNumber: 'SE2321000131-P000000000103',
        subject: expect.stringContaining('CN=Sara Berg'),
        issuer: expect.stringContaining('CN=BEH Testsignering CA'),
        locked: false,
        triesLeft: 3,
      }),
    ]);
  });

  it('signs with the right PIN, verifies, stores, and runs the handler in the same transaction', async () => {
    const document = nextDocument();
    const request = await createRequest(t, 'sarbe3', document, { outcome: 'ok', orderIds: ['x'] });
    const res = await signExpecting(200, sara, request.id);
    expect(res.body).toMatchObject({ status: 'SIGNED' });

    const call = calls.find((c) => c.request.id === request.id)!;
    expect(call.request).toMatchObject({ document, payload: { outcome: 'ok', orderIds: ['x'] } });
    expect(call.signature.signer).toMatchObject({
      hsaId: 'SE2321000131-P000000000103',
      commonName: 'Sara Berg',
    });
    // Marked signed inside the transaction, not yet seen outside it: one transaction for both.
    expect(call.statusInside).toBe('SIGNED');
    expect(call.statusOutside).toBe('PENDING');
    expect(await effects(request.id)).toBe(1);

    expect(await stored(request.id)).toMatchObject({ status: 'SIGNED', used_at: expect.any(Date) });
    expect((await sara.get(`/api/signing/${request.id}`).expect(200)).body).toMatchObject({
      status: 'SIGNED',
    });
    expect(await t.app.get(SigningService).findRequest(request.id)).toMatchObject({
      id: request.id,
      kind: 'SIGNING_TEST',
      status: 'SIGNED',
      signedAt: expect.any(Date),
      payload: { outcome: 'ok', orderIds: ['x'] },
    });
    expect(
      await t.app.get(SigningService).findRequest('00000000-0000-4000-8000-000000000000'),
    ).toBeUndefined();
    expect(await t.app.get(SigningService).verifyStored(request.id)).toMatchObject({
      ok: true,
      signer: { hsaId: 'SE2321000131-P000000000103' },
    });
  });

  it('refuses a used request with 409, and lets only one of two simultaneous signings through', async () => {
    const request = await createRequest(t, 'sarbe3', nextDocument());
    const certificate = await certificateOf(sara, request.id);
    const [a, b] = await Promise.all([
      sign(sara, request.id, '1234', certificate.id),
      sign(sara, request.id, '1234', certificate.id),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const again = await signExpecting(409, sara, request.id);
    expect(again.body).toMatchObject({ type: 'urn:beh:problem:sign-request-used' });
    expect(calls.filter((c) => c.request.id === request.id)).toHaveLength(1);
  });

  it('rolls everything back when the handler refuses: nothing stored, request not used', async () => {
    const request = await createRequest(t, 'sarbe3', nextDocument(), { outcome: 'conflict' });
    const res = await signExpecting(409, sara, request.id);
    expect(res.body).toMatchObject({ type: 'urn:beh:problem:order-changed' });
    expect(await stored(request.id)).toEqual({ status: 'PENDING', used_at: null, signature: null });
    expect(await effects(request.id)).toBe(0);
    expect(await t.app.get(SigningService).verifyStored(request.id)).toMatchObject({
      ok: false,
      reason: 'NOT_SIGNED',
    });
  });

  it('counts wrong PINs, locks at the third, refuses even the right PIN then, until an administrator unlocks', async () => {
    const request = await createRequest(t, 'eriho2', nextDocument());
    const certificate = await certificateOf(erik, request.id);

    const first = await signExpecting(400, erik, request.id, '0000');
    expect(first.body).toMatchObject({
      type: 'urn:beh:problem:wrong-pin',
      detail: 'Fel PIN-kod. Du har 2 försök kvar.',
      triesLeft: 2,
    });
    expect((await signExpecting(400, erik, request.id, '4321')).body).toMatchObject({ triesLeft: 1 });
    const third = await signExpecting(423, erik, request.id, '9999');
    expect(third.body).toMatchObject({
      type: 'urn:beh:problem:certificate-locked',
      triesLeft: 0,
      locked: true,
    });
    expect((third.body as { detail: string }).detail).toMatch(/^Fel PIN-kod\. Certifikatet är nu låst/);
    expect(await certificateOf(erik, request.id)).toMatchObject({ locked: true, triesLeft: 0 });

    const refused = await signExpecting(423, erik, request.id, '1234');
    expect((refused.body as { detail: string }).detail).toMatch(/^Certifikatet är låst/);
    expect(await stored(request.id)).toMatchObject({ status: 'PENDING', used_at: null });

    // Only administrators unlock (the matrix checks the rest); the certificate is found by person.
    await erik.post(`/api/signing/certificates/${certificate.id}/unlock`).expect(403);
    const listed = await admin.get(`/api/signing/certificates?personId=${personId('eriho2')}`).expect(200);
    expect(listed.body).toEqual([expect.objectContaining({ id: certificate.id, locked: true })]);
    const unlocked = await admin.post(`/api/signing/certificates/${certificate.id}/unlock`).expect(200);
    expect(unlocked.body).toMatchObject({ id: certificate.id, locked: false, triesLeft: 3 });
    await signExpecting(200, erik, request.id, '1234');

    const events = await t.dataSource.query<{ action: string }[]>(
      `SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY id`,
      [certificate.id],
    );
    expect(events.map((e) => e.action)).toEqual([
      'SIGNING_PIN_REJECTED',
      'SIGNING_PIN_REJECTED',
      'SIGNING_CERTIFICATE_LOCKED',
      'SIGNING_CERTIFICATE_UNLOCKED',
    ]);
  });

  it('resets the count after a right PIN', async () => {
    const request = await createRequest(t, 'sarbe3', nextDocument(), { outcome: 'conflict' });
    await signExpecting(400, sara, request.id, '1111');
    // The handler refuses, so the reset is rolled back with the rest: the count stands.
    await signExpecting(409, sara, request.id, '1234');
    expect(await certificateOf(sara, request.id)).toMatchObject({ triesLeft: 2 });
    const ok = await createRequest(t, 'sarbe3', nextDocument());
    await signExpecting(200, sara, ok.id, '1234');
    expect(await certificateOf(sara, ok.id)).toMatchObject({ triesLeft: 3 });
  });

  it('refuses an expired request with 410 and shows it as expired', async () => {
    const request = await createRequest(t, 'sarbe3', nextDocument());
    t.app.get(Clock).set(new Date(request.expiresAt.getTime() + 1000));
    const res = await signExpecting(410, sara, request.id);
    expect(res.body).toMatchObject({ type: 'urn:beh:problem:sign-request-expired' });
    expect((await sara.get(`/api/signing/${request.id}`).expect(200)).body).toMatchObject({
      status: 'EXPIRED',
    });
    t.app.get(Clock).set(new Date(request.expiresAt.getTime() - 1000));
    await signExpecting(200, sara, request.id);
  });

  it("does not let another person sign, nor the signer use someone else's certificate", async () => {
    const request = await createRequest(t, 'sarbe3', nextDocument());
    const saras = await certificateOf(sara, request.id);
    await erik
      .post(`/api/signing/${request.id}/sign`)
      .send({ certificateId: saras.id, pin: '1234' })
      .expect(404);
    const eriks = await certificateOf(erik, (await createRequest(t, 'eriho2', nextDocument())).id);
    const res = await signExpecting(404, sara, request.id, '1234', eriks.id);
    expect(res.body).toMatchObject({ detail: 'Certifikatet hittades inte.' });
    expect(await stored(request.id)).toMatchObject({ status: 'PENDING' });
  });

  it('issues a certificate on first need (outside production) with the default PIN', async () => {
    const [staff] = await t.dataSource.query<{ id: string; user_id: string }[]>(
      `SELECT p.id, p.user_id FROM person p WHERE NOT EXISTS (SELECT 1 FROM signing_certificate c WHERE c.person_id = p.id)
        ORDER BY p.user_id LIMIT 1`,
    );
    const request = await createRequest(t, staff.user_id, nextDocument());
    const client = await signIn(t, staff.user_id);
    expect(await certificateOf(client, request.id)).toMatchObject({ locked: false, triesLeft: 3 });
    await signExpecting(200, client, request.id, '1234');
  });

  it('validates the body', async () => {
    const request = await createRequest(t, 'sarbe3', nextDocument());
    const res = await sara.post(`/api/signing/${request.id}/sign`).send({ certificateId: 'x' }).expect(400);
    expect(Object.keys((res.body as { errors: Record<string, string[]> }).errors).sort()).toEqual([
      'certificateId',
      'pin',
    ]);
  });
});
