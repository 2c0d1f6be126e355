import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { X509Certificate } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import request from 'supertest';
import { Clock } from '../../server/src/common/clock.js';
import { noRevocationAvailable } from '../../server/src/signing/crypto/certificates.js';
import { SessionSweepJob } from '../../server/src/scheduler/session-sweep.job.js';
import { DssSignatureProvider } from '../../server/src/signing/dss/dss-signature-provider.js';
import { SIGNATURE_PROVIDER } from '../../server/src/signing/signature-provider.js';
import { signXml } from '../../server/src/signing/dss/dss-xml.js';
import { SigningService } from '../../server/src/signing/signing.service.js';
import {
  createTestCa,
  federatedSigning,
  formOf,
  type FederatedSigning,
} from '../support/federated-signing.js';
import {
  createLibraryIdp,
  type LibraryIdp,
  type Person,
  type ResponseOptions,
} from '../support/library-idp.js';
import { type RevocationResponder, startRevocationResponder } from '../support/revocation-responder.js';
import { createTestIdp, IDP_SSO_URL, PUBLIC_URL, samlEnv, type TestIdp } from '../support/saml-idp.js';
import { signIn, type Client } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createEffectTable, createRequest, documentFor, registerTestHandler } from './signing-support.js';

/** Persons of the demo directory (../shared/domain.md). */
const SARBE3_HSA = 'SE2321000131-P000000000103';
const KARLU1_HSA = 'SE2321000131-P000000000101';
const LOA2 = 'http://id.sambi.se/loa/loa2';

const path = (url: string) => url.replace(PUBLIC_URL, '');

/**
 * Attest through a signing service of Sweden Connect's DSS extension (issue 16, points 1, 2 and
 * 4): BEH's DSS client against BEH's own signing service (SIGNING_PROVIDER=federated), the signer
 * authenticated at samlify's IdP, the certificate issued by the test CA and its status served by
 * a real OCSP responder and CRL. Each refusal leaves the request as the rules say: an answer that
 * is not the signing service's to this request changes nothing; a checked refusal uses it up.
 */
describe('federated signing (DSS)', () => {
  let t: TestApp;
  let keys: TestIdp;
  let idp: LibraryIdp;
  let federated: FederatedSigning;
  let responder: RevocationResponder;
  let sara: Client;
  let order = 0;
  const nextDocument = () => documentFor(`BEH${String(9100000 + ++order)}`);

  beforeAll(async () => {
    const [idpKeys, spKeys, ca] = await Promise.all([
      createTestIdp(),
      createTestIdp('BEH SP'),
      createTestCa(),
    ]);
    keys = idpKeys;
    responder = await startRevocationResponder(ca);
    federated = await federatedSigning({ ocspUrl: responder.ocspUrl, crlUrl: responder.crlUrl }, ca);
    t = await createTestApp({ ...samlEnv(keys, spKeys), ...federated.env });
    registerTestHandler(t);
    await createEffectTable(t);
    const metadata = await request(t.http).get('/api/sign-service/metadata').expect(200);
    idp = createLibraryIdp(keys, metadata.text);
    sara = await signIn(t, 'sarbe3');
  });
  afterAll(async () => {
    await t?.close();
    await responder?.close();
  });
  afterEach(() => {
    t.app.get(Clock).set(undefined);
    responder.setMode('up');
  });

  const stored = async (id: string) =>
    (
      await t.dataSource.query<
        { status: string; failure_code: string | null; failure_message: string | null }[]
      >('SELECT status, failure_code, failure_message FROM sign_request WHERE id = $1', [id])
    )[0];

  /** The signing window's step: the SignRequest posted to the signing service, which sends the browser to the IdP. */
  async function toIdp(requestId: string): Promise<string> {
    const form = await sara.get(`/api/signing/${requestId}/sign-service-form`).expect(200);
    expect(form.body.action).toBe(`${PUBLIC_URL}/api/sign-service/sign`);
    const res = await request(t.http)
      .post(path(form.body.action))
      .type('form')
      .send(form.body.fields)
      .expect(302);
    const location = res.headers.location as string;
    expect(location.startsWith(IDP_SSO_URL)).toBe(true);
    return location;
  }

  /** The IdP's sign-in, then the signing service's answer page: the SignResponse on its way to BEH. */
  async function signResponseFor(
    requestId: string,
    person: Person = { hsaId: SARBE3_HSA, loa: 'http://id.sambi.se/loa/loa3' },
    at?: string,
    options: ResponseOptions = {},
  ) {
    const location = at ?? (await toIdp(requestId));
    const { samlResponse } = await idp.respond(location, person, options);
    const relayState = new URL(location).searchParams.get('RelayState')!;
    const page = await request(t.http)
      .post('/api/sign-service/acs')
      .type('form')
      .send({ SAMLResponse: samlResponse, RelayState: relayState })
      .expect(200);
    expect(page.headers['content-security-policy']).toContain(`form-action ${PUBLIC_URL}`);
    const form = formOf(page.text);
    expect(form.action).toBe(`${PUBLIC_URL}/api/signing/dss/response`);
    return form.fields;
  }

  const postBack = (fields: Record<string, string>) =>
    request(t.http).post('/api/signing/dss/response').type('form').send(fields);

  const signerCertificate = (fields: Record<string, string>) => {
    const xml = Buffer.from(fields.EidSignResponse, 'base64').toString('utf8');
    const body = /<ds:X509Certificate>([^<]+)<\/ds:X509Certificate>/.exec(xml)![1];
    return new X509Certificate(Buffer.from(body, 'base64'));
  };

  it('signs: SignRequest → fresh SITHS sign-in showing the SignMessage → certificate → SignResponse → signed', async () => {
    const document = nextDocument();
    const created = await createRequest(t, 'sarbe3', document);
    expect(created.signingUrl).toBe(`${PUBLIC_URL}/signing/${created.id}`);

    const location = await toIdp(created.id);
    const authnRequest = inflateRawSync(
      Buffer.from(new URL(location).searchParams.get('SAMLRequest')!, 'base64'),
    ).toString('utf8');
    expect(authnRequest).toContain('ForceAuthn="true"');
    expect(authnRequest).toMatch(
      /Comparison="minimum"[^>]*>\s*<saml:AuthnContextClassRef[^>]*>http:\/\/id\.sambi\.se\/loa\/loa3</,
    );
    const message = /<csig:Message>([^<]+)<\/csig:Message>/.exec(authnRequest)?.[1];
    expect(Buffer.from(message!, 'base64').toString('utf8')).toBe(`Attest av beställning\n\n${document}`);
    // samlify parses it and checks its signature with the signing service's metadata.
    await idp.readRequest(location);

    const fields = await signResponseFor(
      created.id,
      { hsaId: SARBE3_HSA, loa: 'http://id.sambi.se/loa/loa3', givenName: 'Sara', surname: 'Berg' },
      location,
    );
    const certificate = signerCertificate(fields);
    expect(certificate.subject).toContain(`serialNumber=${SARBE3_HSA}`);
    expect(certificate.subject).toContain('CN=Sara Berg');
    expect(certificate.issuer).toContain('Testregionens signerings-CA');
    const hours = (new Date(certificate.validTo).getTime() - Date.now()) / 3600_000;
    expect(hours).toBeLessThan(1);

    const page = await postBack(fields).expect(200);
    expect(page.text).toContain(`url=/signing/${created.id}?returned=1`);
    expect(await stored(created.id)).toMatchObject({ status: 'SIGNED' });
    const view = await sara.get(`/api/signing/${created.id}`).expect(200);
    expect(view.body).toMatchObject({ status: 'SIGNED', provider: 'federated', failure: null });
    expect(responder.requests.ocsp).toBeGreaterThan(0);

    const verified = await t.app.get(SigningService).verifyStored(created.id);
    expect(verified).toMatchObject({
      ok: true,
      signer: { hsaId: SARBE3_HSA },
      revocation: { status: 'GOOD' },
    });
  });

  it('refuses a replayed SignResponse: the request is used once', async () => {
    const created = await createRequest(t, 'sarbe3', nextDocument());
    const fields = await signResponseFor(created.id);
    await postBack(fields).expect(200);
    const again = await postBack(fields).expect(409);
    expect(again.text).toContain('Signeringsbegäran är redan använd.');
  });

  it('refuses a SignRequest posted to the signing service twice', async () => {
    const created = await createRequest(t, 'sarbe3', nextDocument());
    const form = await sara.get(`/api/signing/${created.id}/sign-service-form`).expect(200);
    await request(t.http).post('/api/sign-service/sign').type('form').send(form.body.fields).expect(302);
    const again = await request(t.http)
      .post('/api/sign-service/sign')
      .type('form')
      .send(form.body.fields)
      .expect(409);
    expect(again.text).toContain('Signeringsbegäran har redan tagits emot');
  });

  it('refuses a SignResponse to another request (wrong InResponseTo) and changes nothing', async () => {
    const [a, b] = [
      await createRequest(t, 'sarbe3', nextDocument()),
      await createRequest(t, 'sarbe3', nextDocument()),
    ];
    const forB = await signResponseFor(b.id);
    const res = await postBack({ ...forB, RelayState: a.id }).expect(400);
    expect(res.text).toContain('gäller en annan signeringsbegäran');
    expect(await stored(a.id)).toMatchObject({ status: 'PENDING' });
    await postBack(forB).expect(200);
    expect(await stored(b.id)).toMatchObject({ status: 'SIGNED' });
  });

  it('refuses a tampered SignResponse and changes nothing', async () => {
    const created = await createRequest(t, 'sarbe3', nextDocument());
    const fields = await signResponseFor(created.id);
    const xml = Buffer.from(fields.EidSignResponse, 'base64').toString('utf8');
    const tampered = xml.replace(/(<csig:AuthenticationInstant>\d{4})/, (m) => m.replace(/\d{4}$/, '2099'));
    expect(tampered).not.toBe(xml);
    const res = await postBack({
      ...fields,
      EidSignResponse: Buffer.from(tampered).toString('base64'),
    }).expect(400);
    expect(res.text).toContain('kunde inte kontrolleras');
    expect(await stored(created.id)).toMatchObject({ status: 'PENDING' });
    // The genuine answer still signs.
    await postBack(fields).expect(200);
  });

  it('refuses a response that comes after the request expired', async () => {
    const created = await createRequest(t, 'sarbe3', nextDocument());
    const fields = await signResponseFor(created.id);
    t.app.get(Clock).set(new Date(Date.now() + 11 * 60_000));
    const res = await postBack(fields).expect(410);
    expect(res.text).toContain('har gått ut');
    expect(await stored(created.id)).toMatchObject({ status: 'PENDING' });
  });

  it('refuses another person at the IdP (wrong signer): no certificate, the request fails', async () => {
    const created = await createRequest(t, 'sarbe3', nextDocument());
    const fields = await signResponseFor(created.id, {
      hsaId: KARLU1_HSA,
      loa: 'http://id.sambi.se/loa/loa3',
    });
    expect(Buffer.from(fields.EidSignResponse, 'base64').toString('utf8')).not.toContain(
      'SignatureCertificateChain',
    );
    await postBack(fields).expect(200);
    expect(await stored(created.id)).toMatchObject({
      status: 'FAILED',
      failure_code: 'SIGN_SERVICE_REFUSED',
      failure_message: 'Signeringen gjordes inte: Du loggade in som en annan person än den som ska signera.',
    });
    const view = await sara.get(`/api/signing/${created.id}`).expect(200);
    expect(view.body.failure).toContain('en annan person');
  });

  /** The genuine answer changed, and signed again with the signing service's own key. */
  const resigned = (fields: Record<string, string>, change: (xml: string) => string) => {
    const xml = Buffer.from(fields.EidSignResponse, 'base64').toString('utf8');
    const bare = change(xml.replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, ''));
    expect(bare).not.toBe(xml.replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, ''));
    const again = signXml(
      bare,
      federated.service.key,
      federated.service.cert,
      "/*/*[local-name()='OptionalOutputs']",
    );
    return { ...fields, EidSignResponse: Buffer.from(again).toString('base64') };
  };

  it.each([
    [
      'another signer',
      (xml: string) =>
        xml.replace(
          `>${SARBE3_HSA}</saml:AttributeValue></saml:Attribute></saml:AttributeStatement></csig:SignerAssertionInfo>`,
          `>${KARLU1_HSA}</saml:AttributeValue></saml:Attribute></saml:AttributeStatement></csig:SignerAssertionInfo>`,
        ),
      'WRONG_SIGNER',
      'den som loggade in hos signeringstjänsten är inte den som ska signera',
    ],
    [
      'a lower level',
      (xml: string) =>
        xml.replace(
          '<csig:AuthnContextClassRef>http://id.sambi.se/loa/loa3',
          `<csig:AuthnContextClassRef>${LOA2}`,
        ),
      'LOA_TOO_LOW',
      'tillitsnivå 2, men tillitsnivå 3 krävs',
    ],
    [
      "a signature value that is not the signer's",
      (xml: string) =>
        xml.replace(
          /(<csig:Base64Signature[^>]*>)([A-Za-z0-9+/])/,
          (_m, tag: string, c: string) => `${tag}${c === 'A' ? 'B' : 'A'}`,
        ),
      'BAD_SIGNATURE',
      'signaturvärdet stämmer inte med certifikatet',
    ],
  ])('re-checks a signed answer that names %s', async (_what, change, code, message) => {
    const created = await createRequest(t, 'sarbe3', nextDocument());
    const fields = resigned(await signResponseFor(created.id), change);
    await postBack(fields).expect(200);
    const row = await stored(created.id);
    expect(row).toMatchObject({ status: 'FAILED', failure_code: code });
    expect(row.failure_message).toContain(message);
  });

  it('refuses a sign-in that is not new (an IdP that ignored ForceAuthn)', async () => {
    const created = await createRequest(t, 'sarbe3', nextDocument());
    const fields = await signResponseFor(created.id, undefined, undefined, { authnMinutesAgo: 30 });
    expect(Buffer.from(fields.EidSignResponse, 'base64').toString('utf8')).not.toContain(
      'SignatureCertificateChain',
    );
    await postBack(fields).expect(200);
    expect(await stored(created.id)).toMatchObject({
      status: 'FAILED',
      failure_code: 'SIGN_SERVICE_REFUSED',
    });
  });

  it('refuses a sign-in below the level of assurance', async () => {
    const created = await createRequest(t, 'sarbe3', nextDocument());
    const fields = await signResponseFor(created.id, { hsaId: SARBE3_HSA, loa: LOA2 });
    await postBack(fields).expect(200);
    expect(await stored(created.id)).toMatchObject({
      status: 'FAILED',
      failure_code: 'SIGN_SERVICE_REFUSED',
    });
    expect((await stored(created.id)).failure_message).toContain('för låg tillitsnivå');
  });

  it('refuses a revoked certificate, and later still says a signature was valid when it was made', async () => {
    const created = await createRequest(t, 'sarbe3', nextDocument());
    const fields = await signResponseFor(created.id);
    responder.revoke(signerCertificate(fields).serialNumber, new Date(Date.now() - 60_000));
    await postBack(fields).expect(200);
    expect(await stored(created.id)).toMatchObject({ status: 'FAILED', failure_code: 'REVOKED' });
    expect((await stored(created.id)).failure_message).toContain('certifikatet är spärrat');

    const good = await createRequest(t, 'sarbe3', nextDocument());
    const goodFields = await signResponseFor(good.id);
    await postBack(goodFields).expect(200);
    responder.revoke(signerCertificate(goodFields).serialNumber, new Date(Date.now() + 60_000));
    (t.app.get(SIGNATURE_PROVIDER) as DssSignatureProvider).revocation.clear();
    const later = await t.app.get(SigningService).verifyStored(good.id);
    expect(later).toMatchObject({ ok: true, revocation: { status: 'REVOKED_LATER' } });
  });

  it('refuses when the certificate status cannot be found out (no soft-fail)', async () => {
    const created = await createRequest(t, 'sarbe3', nextDocument());
    const fields = await signResponseFor(created.id);
    responder.setMode('down');
    await postBack(fields).expect(200);
    expect(await stored(created.id)).toMatchObject({ status: 'FAILED', failure_code: 'REVOCATION_UNKNOWN' });
  });

  it("sweeps the signing service's requests a day after they expired", async () => {
    const count = async () =>
      Number(
        (await t.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM sign_service_request'))[0].n,
      );
    const before = await count();
    expect(before).toBeGreaterThan(0);
    t.app.get(Clock).set(new Date(Date.now() + 23 * 3600_000));
    expect((await t.app.get(SessionSweepJob).run()).signServiceRequests).toBe(0);
    t.app.get(Clock).set(new Date(Date.now() + 25 * 3600_000));
    expect((await t.app.get(SessionSweepJob).run()).signServiceRequests).toBe(before);
    expect(await count()).toBe(0);
    // The sweep ended the sessions too, a day on.
    sara = await signIn(t, 'sarbe3');
  });

  it('has no PIN path and no sign-service routes for others', async () => {
    const created = await createRequest(t, 'sarbe3', nextDocument());
    const pin = await sara
      .post(`/api/signing/${created.id}/sign`)
      .send({ certificateId: created.id, pin: '1234' });
    expect(pin.status).toBe(409);
    const karin = await signIn(t, 'karlu1');
    await karin.get(`/api/signing/${created.id}/sign-service-form`).expect(404);
    // A RelayState that only looks like an id is refused as unknown, never a database error.
    const notAnId = '-'.repeat(36);
    await request(t.http)
      .post('/api/sign-service/acs')
      .type('form')
      .send({ SAMLResponse: 'bm90IFNBTUw=', RelayState: notAnId })
      .expect(400);
    await request(t.http)
      .post('/api/signing/dss/response')
      .type('form')
      .send({ RelayState: notAnId, EidSignResponse: 'bm90IFhNTA==' })
      .expect(404);
  });
});

/** The signing window's post, sarbe3's sign-in at the IdP and the signing service's answer: its form fields. */
async function throughSigningService(t: TestApp, idp: LibraryIdp, sara: Client, requestId: string) {
  const form = await sara.get(`/api/signing/${requestId}/sign-service-form`).expect(200);
  const toIdp = await request(t.http)
    .post('/api/sign-service/sign')
    .type('form')
    .send(form.body.fields)
    .expect(302);
  const location = toIdp.headers.location as string;
  const { samlResponse } = await idp.respond(location, {
    hsaId: SARBE3_HSA,
    loa: 'http://id.sambi.se/loa/loa3',
  });
  const page = await request(t.http)
    .post('/api/sign-service/acs')
    .type('form')
    .send({ SAMLResponse: samlResponse, RelayState: new URL(location).searchParams.get('RelayState') })
    .expect(200);
  return formOf(page.text).fields;
}

/** An app signing through its own signing service (no OCSP or CRL), the IdP that knows it, and sarbe3. */
async function federatedApp(extra: Record<string, string> = {}) {
  const [keys, spKeys, federated] = await Promise.all([
    createTestIdp(),
    createTestIdp('BEH SP'),
    federatedSigning(),
  ]);
  const t = await createTestApp({ ...samlEnv(keys, spKeys), ...federated.env, ...extra });
  registerTestHandler(t);
  await createEffectTable(t);
  const idp = createLibraryIdp(
    keys,
    (await request(t.http).get('/api/sign-service/metadata').expect(200)).text,
  );
  return { t, idp, sara: await signIn(t, 'sarbe3') };
}

describe('federated signing with another trust anchor', () => {
  let t: TestApp;
  let idp: LibraryIdp;
  let sara: Client;

  beforeAll(async () => {
    const other = await createTestCa('En annan CA');
    ({ t, idp, sara } = await federatedApp({
      SIGNING_TRUST_ANCHORS: other.certificate,
      SIGNING_REVOCATION_SOFT_FAIL: 'true',
    }));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a certificate that does not chain to a configured trust anchor', async () => {
    const created = await createRequest(t, 'sarbe3', documentFor('BEH9199999'));
    const fields = await throughSigningService(t, idp, sara, created.id);
    await request(t.http).post('/api/signing/dss/response').type('form').send(fields).expect(200);
    const [row] = await t.dataSource.query<{ status: string; failure_code: string }[]>(
      'SELECT status, failure_code FROM sign_request WHERE id = $1',
      [created.id],
    );
    expect(row).toMatchObject({ status: 'FAILED', failure_code: 'UNTRUSTED_CHAIN' });
  });
});

describe('federated signing without an OCSP responder or CRL for its CA', () => {
  let t: TestApp;
  let idp: LibraryIdp;
  let sara: Client;

  beforeAll(async () => {
    ({ t, idp, sara } = await federatedApp());
  });
  afterAll(async () => {
    await t?.close();
  });

  it('issues short-lived certificates that say no revocation is published (RFC 9608), and signs with them', async () => {
    const created = await createRequest(t, 'sarbe3', documentFor('BEH9199998'));
    const fields = await throughSigningService(t, idp, sara, created.id);
    const xml = Buffer.from(fields.EidSignResponse, 'base64').toString('utf8');
    const pem = `-----BEGIN CERTIFICATE-----\n${/<ds:X509Certificate>([^<]+)<\/ds:X509Certificate>/.exec(xml)![1]}\n-----END CERTIFICATE-----`;
    expect(noRevocationAvailable(pem)).toMatchObject({ declared: true });
    expect(noRevocationAvailable(pem).validityMs).toBeLessThanOrEqual(25 * 60_000);
    await request(t.http).post('/api/signing/dss/response').type('form').send(fields).expect(200);
    const verified = await t.app.get(SigningService).verifyStored(created.id);
    expect(verified).toMatchObject({ ok: true, revocation: { status: 'NOT_REVOCABLE' } });
  });
});
