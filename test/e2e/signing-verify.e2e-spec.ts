import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { X509Certificate } from 'node:crypto';
import {
  createCaCertificate,
  importSigningKey,
  issuePersonCertificate,
} from '../../server/src/signing/crypto/certificates.js';
import { signDetached } from '../../server/src/signing/crypto/cms.js';
import { SIGNATURE_PROVIDER, type SignatureProvider } from '../../server/src/signing/signature-provider.js';
import { SigningService } from '../../server/src/signing/signing.service.js';
import { type Client, signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createEffectTable, createRequest, documentFor, registerTestHandler } from './signing-support.js';

interface StoredSignature {
  signature: Buffer;
  certificate: string;
  certificate_chain: string[];
  signed_at: Date;
}

/** "Verifiera signatur": a stored signature is checked again from stored data alone. */
describe('verifying stored signatures', () => {
  let t: TestApp;
  let signing: SigningService;
  let sara: Client;
  let erik: Client;

  const signedRequest = async (client: Client, userId: string, document: string) => {
    const request = await createRequest(t, userId, document);
    const [certificate] = (await client.get(`/api/signing/${request.id}/certificates`).expect(200)).body as {
      id: string;
    }[];
    await client
      .post(`/api/signing/${request.id}/sign`)
      .send({ certificateId: certificate.id, pin: '1234' })
      .expect(200);
    return request.id;
  };
  const storedSignature = async (id: string) =>
    (
      await t.dataSource.query<StoredSignature[]>(
        'SELECT signature, certificate, certificate_chain, signed_at FROM sign_request WHERE id = $1',
        [id],
      )
    )[0];
  const replaceSignature = (id: string, s: StoredSignature) =>
    t.dataSource.query(
      'UPDATE sign_request SET signature = $2, certificate = $3, certificate_chain = $4, signed_at = $5 WHERE id = $1',
      [id, s.signature, s.certificate, s.certificate_chain, s.signed_at],
    );

  beforeAll(async () => {
    t = await createTestApp();
    await createEffectTable(t);
    registerTestHandler(t);
    signing = t.app.get(SigningService);
    sara = await signIn(t, 'sarbe3');
    erik = await signIn(t, 'eriho2');
  });
  afterAll(async () => {
    await t.close();
  });

  it('accepts an untouched signature', async () => {
    const id = await signedRequest(sara, 'sarbe3', documentFor('BEH9100001'));
    expect(await signing.verifyStored(id)).toMatchObject({ ok: true, signer: { commonName: 'Sara Berg' } });
  });

  it('detects a stored document changed afterwards', async () => {
    const id = await signedRequest(sara, 'sarbe3', documentFor('BEH9100002'));
    await t.dataSource.query(
      `UPDATE sign_request SET document = replace(document, 'Godkänn', 'Avslå') WHERE id = $1`,
      [id],
    );
    expect(await signing.verifyStored(id)).toMatchObject({ ok: false, reason: 'DIGEST_MISMATCH' });
    // Changing the stored digest along with it does not help: the signature carries its own.
    await t.dataSource.query(
      `UPDATE sign_request SET digest = encode(sha256(convert_to(document, 'UTF8')), 'hex') WHERE id = $1`,
      [id],
    );
    expect(await signing.verifyStored(id)).toMatchObject({ ok: false, reason: 'DIGEST_MISMATCH' });
  });

  it("refuses a signature made with another person's certificate", async () => {
    const document = documentFor('BEH9100003');
    const saras = await signedRequest(sara, 'sarbe3', document);
    const eriks = await signedRequest(erik, 'eriho2', document);
    // Erik's genuine signature over the very same text, put where Sara's belongs.
    await replaceSignature(saras, await storedSignature(eriks));
    expect(await signing.verifyStored(saras)).toMatchObject({
      ok: false,
      reason: 'WRONG_SIGNER',
      message: 'certifikatet tillhör inte den som skulle signera',
    });
  });

  it('refuses a certificate from a foreign CA, even one with the same names', async () => {
    const document = documentFor('BEH9100004');
    const id = await signedRequest(sara, 'sarbe3', document);
    const original = await storedSignature(id);
    const validity = {
      notBefore: new Date(Date.now() - 86_400_000),
      notAfter: new Date(Date.now() + 86_400_000),
    };
    const foreignCa = await createCaCertificate('BEH Testsignering CA', validity);
    const impostor = await issuePersonCertificate(
      foreignCa,
      { hsaId: 'SE2321000131-P000000000103', firstName: 'Sara', lastName: 'Berg' },
      validity,
    );
    const signature = await signDetached({
      document: Buffer.from(document, 'utf8'),
      signingTime: original.signed_at,
      certificateChain: [impostor.certificate, foreignCa.certificate],
      privateKey: await importSigningKey(impostor.privateKey),
    });
    await replaceSignature(id, {
      signature,
      certificate: impostor.certificate,
      certificate_chain: [foreignCa.certificate],
      signed_at: original.signed_at,
    });
    expect(await signing.verifyStored(id)).toMatchObject({ ok: false, reason: 'UNTRUSTED_CHAIN' });
  });

  it('refuses a stored certificate that is not the signature’s, and a signing time moved', async () => {
    const id = await signedRequest(sara, 'sarbe3', documentFor('BEH9100005'));
    const original = await storedSignature(id);
    const eriks = await storedSignature(await signedRequest(erik, 'eriho2', documentFor('BEH9100006')));
    await replaceSignature(id, { ...original, certificate: eriks.certificate });
    expect(await signing.verifyStored(id)).toMatchObject({ ok: false, reason: 'CERTIFICATE_MISMATCH' });
    await replaceSignature(id, { ...original, signed_at: new Date(original.signed_at.getTime() - 3600_000) });
    expect(await signing.verifyStored(id)).toMatchObject({ ok: false, reason: 'SIGNING_TIME_MISMATCH' });
  });

  it('trusts the embedded CA through the provider, and nothing else', async () => {
    const provider = t.app.get<SignatureProvider>(SIGNATURE_PROVIDER);
    expect(provider.name).toBe('embedded');
    const [ca] = await t.dataSource.query<{ certificate: string }[]>('SELECT certificate FROM signing_ca');
    expect(new X509Certificate(ca.certificate).ca).toBe(true);
  });
});
