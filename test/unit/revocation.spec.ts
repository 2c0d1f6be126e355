import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createPrivateKey, webcrypto, X509Certificate } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import * as pkijs from 'pkijs';
import {
  type CertificateWithKey,
  createCaCertificate,
  issuePersonCertificate,
} from '../../server/src/signing/crypto/certificates.js';
import { RevocationChecker } from '../../server/src/signing/crypto/revocation.js';
import { type RevocationResponder, startRevocationResponder } from '../support/revocation-responder.js';

const validity = { notBefore: new Date('2024-01-01T00:00:00Z'), notAfter: new Date('2040-01-01T00:00:00Z') };
const HOUR = 60 * 60_000;

/** What the responder takes: the CA's key as PKCS#8 PEM. */
const asPem = (ca: CertificateWithKey) => ({
  certificate: ca.certificate,
  privateKey: createPrivateKey({ key: ca.privateKey, format: 'der', type: 'pkcs8' })
    .export({ type: 'pkcs8', format: 'pem' })
    .toString(),
});

describe('revocation checking (OCSP, CRL fallback) against a real responder', () => {
  let ca: CertificateWithKey;
  let foreignCa: CertificateWithKey;
  let caCert: X509Certificate;
  let responder: RevocationResponder;
  let delegated: RevocationResponder;
  let delegatedWithoutEku: RevocationResponder;
  let impostor: RevocationResponder;
  let impostorDelegated: RevocationResponder;
  let silent: Server;
  let silentUrl: string;
  let closedUrl: string;
  /** A man in the middle before `responder`: forwards an OCSP request and keeps the answer, then replays it. */
  let replay: Server;
  let replayUrl: string;
  let replayed: Buffer | undefined;
  let people = 0;

  /** A person certificate of `ca` whose AIA/CRL DP point where asked. */
  const person = async (pointers?: { ocspUrl?: string; crlUrl?: string }) => {
    people++;
    const issued = await issuePersonCertificate(
      ca,
      {
        hsaId: `SE2321000131-P${String(people).padStart(12, '0')}`,
        firstName: 'Test',
        lastName: `Person${people}`,
      },
      validity,
      pointers,
    );
    return new X509Certificate(issued.certificate);
  };
  const pointersOf = (r: RevocationResponder) => ({ ocspUrl: r.ocspUrl, crlUrl: r.crlUrl });
  const anHourAgo = () => new Date(Math.floor((Date.now() - HOUR) / 1000) * 1000);

  beforeAll(async () => {
    ca = await createCaCertificate('BEH Test CA', validity);
    foreignCa = await createCaCertificate('BEH Test CA', validity); // same name, other key
    caCert = new X509Certificate(ca.certificate);
    [responder, delegated, delegatedWithoutEku, impostor, impostorDelegated] = await Promise.all([
      startRevocationResponder(asPem(ca)),
      startRevocationResponder(asPem(ca), { delegatedResponder: true }),
      startRevocationResponder(asPem(ca), { delegatedWithoutOcspSigning: true }),
      startRevocationResponder(asPem(foreignCa)),
      startRevocationResponder(asPem(foreignCa), { delegatedResponder: true }),
    ]);
    // Accepts connections and never answers.
    silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    // A port that was free a moment ago: nothing listens there.
    const gone = createServer();
    await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
    closedUrl = `http://127.0.0.1:${(gone.address() as AddressInfo).port}`;
    await new Promise((resolve) => gone.close(resolve));
    replay = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      replayed ??= Buffer.from(
        await (await fetch(responder.ocspUrl, { method: 'POST', body: Buffer.concat(chunks) })).arrayBuffer(),
      );
      res.writeHead(200, { 'Content-Type': 'application/ocsp-response' }).end(replayed);
    });
    await new Promise<void>((resolve) => replay.listen(0, '127.0.0.1', resolve));
    replayUrl = `http://127.0.0.1:${(replay.address() as AddressInfo).port}/ocsp`;
  });

  afterEach(() => {
    responder.setMode('up');
    replayed = undefined;
  });

  afterAll(async () => {
    for (const server of [silent, replay]) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    await Promise.all(
      [responder, delegated, delegatedWithoutEku, impostor, impostorDelegated].map((r) => r.close()),
    );
  });

  it('answers GOOD from the OCSP responder, with its update times', async () => {
    const cert = await person(pointersOf(responder));
    const before = { ...responder.requests };
    const status = await new RevocationChecker().check(cert, caCert);
    expect(status).toMatchObject({ status: 'GOOD', source: 'OCSP' });
    if (status.status !== 'GOOD') throw new Error('not GOOD');
    expect(Math.abs(status.thisUpdate.getTime() - Date.now())).toBeLessThan(60_000);
    expect((status.nextUpdate?.getTime() ?? 0) - status.thisUpdate.getTime()).toBe(HOUR);
    expect(responder.requests).toEqual({ ocsp: before.ocsp + 1, crl: before.crl });
  });

  it('answers REVOKED from the OCSP responder with the revocation time and reason', async () => {
    const cert = await person(pointersOf(responder));
    const at = anHourAgo();
    responder.revoke(cert.serialNumber, at, 1);
    const status = await new RevocationChecker().check(cert, caCert);
    expect(status).toEqual({ status: 'REVOKED', source: 'OCSP', revokedAt: at, reason: 'keyCompromise' });
  });

  it('serves a second check from the cache until clear()', async () => {
    const cert = await person(pointersOf(responder));
    const checker = new RevocationChecker();
    const before = responder.requests.ocsp;
    const first = await checker.check(cert, caCert);
    expect(await checker.check(cert, caCert)).toEqual(first);
    expect(checker.fetches).toBe(1);
    expect(responder.requests.ocsp).toBe(before + 1);
    checker.clear();
    await checker.check(cert, caCert);
    expect(checker.fetches).toBe(2);
  });

  it('shares one look-up among concurrent checks of one certificate', async () => {
    const cert = await person(pointersOf(responder));
    const checker = new RevocationChecker();
    const answers = await Promise.all([1, 2, 3].map(() => checker.check(cert, caCert)));
    expect(answers.map((a) => a.status)).toEqual(['GOOD', 'GOOD', 'GOOD']);
    expect(checker.fetches).toBe(1);
  });

  it('keeps an answer until its nextUpdate, then asks again', async () => {
    const cert = await person(pointersOf(responder));
    let now = new Date();
    const checker = new RevocationChecker({ now: () => now });
    expect((await checker.check(cert, caCert)).status).toBe('GOOD');
    now = new Date(Date.now() + HOUR - 60_000);
    expect((await checker.check(cert, caCert)).status).toBe('GOOD');
    expect(checker.fetches).toBe(1);
    // Past nextUpdate the kept answer is gone; the fresh ones (OCSP and CRL) are stale by this clock.
    now = new Date(Date.now() + 2 * HOUR);
    const status = await checker.check(cert, caCert);
    expect(status.status).toBe('UNKNOWN');
    expect(checker.fetches).toBe(3);
  });

  it('falls back to the CRL when the OCSP responder is down: GOOD and REVOKED', async () => {
    const good = await person(pointersOf(responder));
    const revoked = await person(pointersOf(responder));
    const at = anHourAgo();
    responder.revoke(revoked.serialNumber, at, 4);
    responder.setMode('ocsp-down');
    const checker = new RevocationChecker();
    const before = { ...responder.requests };
    const goodStatus = await checker.check(good, caCert);
    expect(goodStatus).toMatchObject({ status: 'GOOD', source: 'CRL' });
    expect(await checker.check(revoked, caCert)).toEqual({
      status: 'REVOKED',
      source: 'CRL',
      revokedAt: at,
      reason: 'superseded',
    });
    expect(responder.requests.ocsp).toBe(before.ocsp + 2);
    // The CRL was fetched once, for both certificates of the CA: it is kept by URL.
    expect(responder.requests.crl).toBe(before.crl + 1);
    expect(checker.fetches).toBe(3);
  });

  it('is UNKNOWN when neither OCSP nor the CRL answers, and does not keep that', async () => {
    const cert = await person(pointersOf(responder));
    responder.setMode('down');
    const checker = new RevocationChecker();
    const status = await checker.check(cert, caCert);
    expect(status.status).toBe('UNKNOWN');
    if (status.status !== 'UNKNOWN') throw new Error('not UNKNOWN');
    expect(status.detail).toBe(`OCSP ${responder.ocspUrl}: HTTP 503; CRL ${responder.crlUrl}: HTTP 503`);
    responder.setMode('up');
    expect(await checker.check(cert, caCert)).toMatchObject({ status: 'GOOD', source: 'OCSP' });
    expect(checker.fetches).toBe(3);
  });

  it('does not trust answers signed by another CA: UNKNOWN, or the genuine CRL decides', async () => {
    // The impostor answers "good" for everything, signed with a key of the same name but not the issuer's.
    const forged = await person(pointersOf(impostor));
    const status = await new RevocationChecker().check(forged, caCert);
    expect(status.status).toBe('UNKNOWN');
    if (status.status !== 'UNKNOWN') throw new Error('not UNKNOWN');
    expect(status.detail).toContain('not signed by the issuer nor by an OCSP responder it certified');
    expect(status.detail).toContain('the CRL is not signed by the issuer');

    // A forged "good" over OCSP does not hide the revocation the CA's own CRL lists.
    const revoked = await person({ ocspUrl: impostor.ocspUrl, crlUrl: responder.crlUrl });
    const at = anHourAgo();
    responder.revoke(revoked.serialNumber, at);
    expect(await new RevocationChecker().check(revoked, caCert)).toEqual({
      status: 'REVOKED',
      source: 'CRL',
      revokedAt: at,
      reason: undefined,
    });
  });

  it("does not take the CA's signed answer about another certificate (CertID)", async () => {
    const good = await person({ ocspUrl: replayUrl });
    const revoked = await person({ ocspUrl: replayUrl });
    responder.revoke(revoked.serialNumber);
    // The CA's genuine "good" for `good`, asked without a nonce, so that nothing but the CertID differs.
    const engine = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto });
    const request = new pkijs.OCSPRequest();
    const issuerCertificate = pkijs.Certificate.fromBER(caCert.raw);
    await request.createForCertificate(
      pkijs.Certificate.fromBER(good.raw),
      { hashAlgorithm: 'SHA-1', issuerCertificate },
      engine,
    );
    const body = Buffer.from(request.toSchema(true).toBER(false));
    replayed = Buffer.from(await (await fetch(responder.ocspUrl, { method: 'POST', body })).arrayBuffer());
    expect(await new RevocationChecker().check(good, caCert)).toMatchObject({
      status: 'GOOD',
      source: 'OCSP',
    });
    expect(await new RevocationChecker().check(revoked, caCert)).toEqual({
      status: 'UNKNOWN',
      detail: `OCSP ${replayUrl}: the answer does not name the certificate`,
    });
  });

  it('does not take an old answer to another request (nonce)', async () => {
    const cert = await person({ ocspUrl: replayUrl });
    expect(await new RevocationChecker().check(cert, caCert)).toMatchObject({
      status: 'GOOD',
      source: 'OCSP',
    });
    // Revoked since; the man in the middle replays the earlier, still unexpired "good".
    responder.revoke(cert.serialNumber);
    expect(await new RevocationChecker().check(cert, caCert)).toEqual({
      status: 'UNKNOWN',
      detail: `OCSP ${replayUrl}: the answer is to another request (nonce differs)`,
    });
  });

  it('accepts a delegated OCSP responder certified by the issuer', async () => {
    const good = await person({ ocspUrl: delegated.ocspUrl });
    const revoked = await person({ ocspUrl: delegated.ocspUrl });
    const at = anHourAgo();
    delegated.revoke(revoked.serialNumber, at, 0);
    const checker = new RevocationChecker();
    expect(await checker.check(good, caCert)).toMatchObject({ status: 'GOOD', source: 'OCSP' });
    expect(await checker.check(revoked, caCert)).toEqual({
      status: 'REVOKED',
      source: 'OCSP',
      revokedAt: at,
      reason: 'unspecified',
    });
  });

  it('rejects delegated responders the issuer did not certify for OCSP signing', async () => {
    const withoutEku = await person({ ocspUrl: delegatedWithoutEku.ocspUrl });
    const byOtherCa = await person({ ocspUrl: impostorDelegated.ocspUrl });
    const checker = new RevocationChecker();
    for (const cert of [withoutEku, byOtherCa]) {
      const status = await checker.check(cert, caCert);
      expect(status).toMatchObject({ status: 'UNKNOWN' });
      expect(JSON.stringify(status)).toContain(
        'not signed by the issuer nor by an OCSP responder it certified',
      );
    }
  });

  it('is UNKNOWN without fetching for a certificate that names no OCSP responder or CRL', async () => {
    const cert = await person();
    const checker = new RevocationChecker();
    expect(await checker.check(cert, caCert)).toEqual({
      status: 'UNKNOWN',
      detail: 'the certificate names no OCSP responder and no CRL distribution point',
    });
    expect(checker.fetches).toBe(0);
  });

  it('checks thisUpdate and nextUpdate against its clock', async () => {
    const cert = await person(pointersOf(responder));
    const early = await new RevocationChecker({ now: () => new Date(Date.now() - HOUR) }).check(cert, caCert);
    expect(early.status).toBe('UNKNOWN');
    expect(JSON.stringify(early)).toMatch(
      /OCSP .*thisUpdate .* is in the future; CRL .*thisUpdate .* is in the future/,
    );
    const late = await new RevocationChecker({ now: () => new Date(Date.now() + 2 * HOUR) }).check(
      cert,
      caCert,
    );
    expect(late.status).toBe('UNKNOWN');
    expect(JSON.stringify(late)).toMatch(/OCSP .*stale: nextUpdate .*; CRL .*stale: nextUpdate/);
  });

  it('gives up on a responder that does not answer within timeoutMs, and on one not listening', async () => {
    const cert = await person({ ocspUrl: `${silentUrl}/ocsp`, crlUrl: `${closedUrl}/crl` });
    const started = Date.now();
    const status = await new RevocationChecker({ timeoutMs: 300 }).check(cert, caCert);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(status.status).toBe('UNKNOWN');
    expect(JSON.stringify(status)).toContain('no answer in 300 ms');
    expect(JSON.stringify(status)).toContain('ECONNREFUSED');
  });

  it('is UNKNOWN for a certificate checked against the wrong issuer', async () => {
    const cert = await person(pointersOf(responder));
    const checker = new RevocationChecker();
    expect(await checker.check(cert, new X509Certificate(foreignCa.certificate))).toEqual({
      status: 'UNKNOWN',
      detail: 'the certificate is not issued by the given issuer',
    });
    expect(checker.fetches).toBe(0);
  });
});
