import { beforeAll, describe, expect, it } from '@jest/globals';
import { X509Certificate } from 'node:crypto';
import {
  type CertificateWithKey,
  certificateFacts,
  createCaCertificate,
  importSigningKey,
  issuePersonCertificate,
} from '../../server/src/signing/crypto/certificates.js';
import { signDetached } from '../../server/src/signing/crypto/cms.js';
import { openKey, pinPassword, sealKey } from '../../server/src/signing/crypto/key-envelope.js';
import { verifyCmsSignature } from '../../server/src/signing/crypto/verify.js';

const SARA = { hsaId: 'SE2321000131-P000000000103', firstName: 'Sara', lastName: 'Berg' };
const ERIK = { hsaId: 'SE2321000131-P000000000102', firstName: 'Erik', lastName: 'Holm' };
const validity = { notBefore: new Date('2024-01-01T00:00:00Z'), notAfter: new Date('2030-01-01T00:00:00Z') };
const signedAt = new Date('2026-11-23T10:00:00Z');
const document = 'Attest av beställning BEH5648821\nBeslut: Godkänn\nÅäö – tecken utanför ASCII\n';
// Cheap scrypt for tests of the envelope's logic; the production cost is exercised elsewhere.
const cheap = { n: 2 ** 10, r: 8, p: 1 };

describe('signing crypto', () => {
  let ca: CertificateWithKey;
  let foreignCa: CertificateWithKey;
  let sara: CertificateWithKey;
  let erik: CertificateWithKey;
  let anchors: X509Certificate[];

  const sign = async (who: CertificateWithKey, issuer: CertificateWithKey, text = document, at = signedAt) =>
    signDetached({
      document: Buffer.from(text, 'utf8'),
      signingTime: at,
      certificateChain: [who.certificate, issuer.certificate],
      privateKey: await importSigningKey(who.privateKey),
    });

  beforeAll(async () => {
    ca = await createCaCertificate('BEH Test CA', {
      ...validity,
      notAfter: new Date('2040-01-01T00:00:00Z'),
    });
    foreignCa = await createCaCertificate('BEH Test CA', validity);
    sara = await issuePersonCertificate(ca, SARA, validity);
    erik = await issuePersonCertificate(ca, ERIK, validity);
    anchors = [new X509Certificate(ca.certificate)];
  });

  it('issues person certificates with the HSA-id as subject serialNumber and the name as CN', () => {
    const facts = certificateFacts(sara.certificate);
    expect(facts.subjectSerialNumber).toBe(SARA.hsaId);
    expect(facts.commonName).toBe('Sara Berg');
    expect(facts.issuer).toContain('CN=BEH Test CA');
    expect(facts.validFrom).toEqual(validity.notBefore);
    expect(new X509Certificate(sara.certificate).checkIssued(new X509Certificate(ca.certificate))).toBe(true);
    expect(new X509Certificate(ca.certificate).ca).toBe(true);
    expect(new X509Certificate(sara.certificate).ca).toBe(false);
  });

  it('verifies a detached CMS signature by the expected signer', async () => {
    const signature = await sign(sara, ca);
    const result = await verifyCmsSignature(
      {
        document,
        signature,
        certificateChain: [sara.certificate],
        expectedSignerHsaId: SARA.hsaId,
        signedAt,
      },
      anchors,
    );
    expect(result).toEqual({
      ok: true,
      signer: expect.objectContaining({ hsaId: SARA.hsaId, commonName: 'Sara Berg' }),
    });
  });

  it('refuses a changed document, another signer, a foreign CA, a wrong time and garbage', async () => {
    const signature = await sign(sara, ca);
    const check = (changes: Partial<Parameters<typeof verifyCmsSignature>[0]>) =>
      verifyCmsSignature(
        {
          document,
          signature,
          certificateChain: [sara.certificate],
          expectedSignerHsaId: SARA.hsaId,
          signedAt,
          ...changes,
        },
        anchors,
      );
    expect(await check({ document: document.replace('Godkänn', 'Avslå') })).toMatchObject({
      ok: false,
      reason: 'DIGEST_MISMATCH',
    });
    expect(await check({ expectedSignerHsaId: ERIK.hsaId })).toMatchObject({
      ok: false,
      reason: 'WRONG_SIGNER',
    });
    expect(await check({ certificateChain: [erik.certificate] })).toMatchObject({
      ok: false,
      reason: 'CERTIFICATE_MISMATCH',
    });
    expect(await check({ signedAt: new Date(signedAt.getTime() + 60_000) })).toMatchObject({
      ok: false,
      reason: 'SIGNING_TIME_MISMATCH',
    });
    expect(await check({ signature: Buffer.from('not a signature') })).toMatchObject({
      ok: false,
      reason: 'MALFORMED',
    });
    // Same CA name, different key: only the trusted key counts, not the name.
    const impostor = await issuePersonCertificate(foreignCa, SARA, validity);
    expect(
      await check({ signature: await sign(impostor, foreignCa), certificateChain: [impostor.certificate] }),
    ).toMatchObject({ ok: false, reason: 'UNTRUSTED_CHAIN' });
  });

  it('refuses a signature whose value was altered', async () => {
    const signature = Buffer.from(await sign(sara, ca));
    signature[signature.length - 10] ^= 0xff;
    const result = await verifyCmsSignature(
      {
        document,
        signature,
        certificateChain: [sara.certificate],
        expectedSignerHsaId: SARA.hsaId,
        signedAt,
      },
      anchors,
    );
    expect(result).toMatchObject({ ok: false, reason: 'BAD_SIGNATURE' });
  });

  it('judges validity at signing time: after the certificate ended fails', async () => {
    const late = new Date('2031-06-01T12:00:00Z');
    const result = await verifyCmsSignature(
      {
        document,
        signature: await sign(sara, ca, document, late),
        certificateChain: [sara.certificate],
        expectedSignerHsaId: SARA.hsaId,
        signedAt: late,
      },
      anchors,
    );
    expect(result).toMatchObject({ ok: false, reason: 'NOT_VALID_AT_SIGNING_TIME' });
  });

  it('seals a key so that only the right PIN, server secret and row open it', async () => {
    const key = Buffer.from('a private key');
    const sealed = await sealKey(key, pinPassword('1234', 'secret'), 'cert-1', cheap);
    expect(sealed.data).not.toContain(key.toString('base64'));
    expect(await openKey(sealed, pinPassword('1234', 'secret'), 'cert-1')).toEqual(key);
    expect(await openKey(sealed, pinPassword('1235', 'secret'), 'cert-1')).toBeUndefined();
    expect(await openKey(sealed, pinPassword('1234', 'other secret'), 'cert-1')).toBeUndefined();
    expect(await openKey(sealed, pinPassword('1234', 'secret'), 'cert-2')).toBeUndefined();
  });
});
