import * as x509 from '@peculiar/x509';
import * as asn1js from 'asn1js';
import { createHash, createPrivateKey, randomBytes, webcrypto, X509Certificate } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import * as pkijs from 'pkijs';

/**
 * A CA's revocation services for tests, on 127.0.0.1: an OCSP responder (RFC 6960, POST) and its CRL
 * (RFC 5280), both really signed, by the CA's key or by a delegated OCSP-signing certificate.
 * Every serial is good until revoke() is called for it; answers hold for an hour.
 */

x509.cryptoProvider.set(webcrypto);
const engine = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto });

const RSA: webcrypto.RsaHashedKeyGenParams = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};
const OID = {
  ocspBasic: '1.3.6.1.5.5.7.48.1.1',
  ocspNonce: '1.3.6.1.5.5.7.48.1.2',
  ocspNoCheck: '1.3.6.1.5.5.7.48.1.5',
} as const;
const VALID_MS = 60 * 60_000;

export interface RevocationResponder {
  /** Base, e.g. http://127.0.0.1:PORT */
  url: string;
  ocspUrl: string;
  crlUrl: string;
  /** From now on the serial (hex, as certificates show it) is revoked, `at` (default now). */
  revoke(serialHex: string, at?: Date, reason?: number): void;
  /** 'ocsp-down': /ocsp answers 503 (so clients fall back to the CRL); 'down': both 503. */
  setMode(mode: 'up' | 'ocsp-down' | 'down'): void;
  /** Requests received, answered or not. */
  requests: { ocsp: number; crl: number };
  close(): Promise<void>;
}

export interface RevocationResponderOptions {
  /** OCSP answers signed by a certificate the CA issued for that (id-kp-OCSPSigning), carried in them. */
  delegatedResponder?: boolean;
  /** For tests of the client: a delegated certificate issued by the CA but without id-kp-OCSPSigning. */
  delegatedWithoutOcspSigning?: boolean;
}

interface Signer {
  key: webcrypto.CryptoKey;
  certificate: pkijs.Certificate;
  /** Certificates the answer carries: the delegated responder's. */
  certs: pkijs.Certificate[] | undefined;
}

const wholeSeconds = (date: Date): Date => new Date(Math.floor(date.getTime() / 1000) * 1000);
const serialKey = (hex: string): string => BigInt(`0x${hex}`).toString(16);

/** DER content of a positive INTEGER, hex: even length, a 00 before a high bit. */
function derSerial(key: string): string {
  const hex = key.length % 2 ? `0${key}` : key;
  return parseInt(hex[0], 16) >= 8 ? `00${hex}` : hex;
}

async function delegatedSigner(
  ca: x509.X509Certificate,
  caKey: webcrypto.CryptoKey,
  ocspSigning: boolean,
): Promise<Signer> {
  const keys = (await webcrypto.subtle.generateKey(RSA, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomBytes(16).toString('hex').replace(/^./, '1'),
    subject: 'CN=BEH Test OCSP Responder',
    issuer: ca.subjectName,
    notBefore: new Date(now - VALID_MS),
    notAfter: new Date(now + 24 * VALID_MS),
    publicKey: keys.publicKey,
    signingKey: caKey,
    signingAlgorithm: RSA,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([
        ocspSigning ? x509.ExtendedKeyUsage.ocspSigning : x509.ExtendedKeyUsage.clientAuth,
      ]),
      // id-pkix-ocsp-nocheck: clients need not ask about the responder's own certificate.
      new x509.Extension(OID.ocspNoCheck, false, new Uint8Array([0x05, 0x00])),
      await x509.AuthorityKeyIdentifierExtension.create(ca),
    ],
  });
  const certificate = pkijs.Certificate.fromBER(cert.rawData);
  return { key: keys.privateKey, certificate, certs: [certificate] };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startRevocationResponder(
  ca: { certificate: string /* PEM */; privateKey: string /* PKCS#8 PEM */ },
  options: RevocationResponderOptions = {},
): Promise<RevocationResponder> {
  const caCert = new x509.X509Certificate(ca.certificate);
  const pkcs8 = createPrivateKey(ca.privateKey).export({ type: 'pkcs8', format: 'der' });
  const caKey = await webcrypto.subtle.importKey('pkcs8', pkcs8, RSA, false, ['sign']);
  const signer: Signer =
    options.delegatedResponder || options.delegatedWithoutOcspSigning
      ? await delegatedSigner(caCert, caKey, !options.delegatedWithoutOcspSigning)
      : {
          key: caKey,
          certificate: pkijs.Certificate.fromBER(new X509Certificate(ca.certificate).raw),
          certs: undefined,
        };
  const revoked = new Map<string, { at: Date; reason: number | undefined }>();
  let mode: 'up' | 'ocsp-down' | 'down' = 'up';
  const requests = { ocsp: 0, crl: 0 };

  const certStatus = (serial: asn1js.Integer): asn1js.BaseBlock => {
    const entry = revoked.get(serialKey(Buffer.from(serial.valueBlock.valueHexView).toString('hex')));
    if (!entry) return new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 } }); // good [0] NULL
    const reason =
      entry.reason === undefined
        ? []
        : [
            new asn1js.Constructed({
              idBlock: { tagClass: 3, tagNumber: 0 },
              value: [new asn1js.Enumerated({ value: entry.reason })],
            }),
          ];
    return new asn1js.Constructed({
      idBlock: { tagClass: 3, tagNumber: 1 },
      value: [new asn1js.GeneralizedTime({ valueDate: entry.at }), ...reason],
    });
  };

  const ocspAnswer = async (body: Buffer): Promise<Buffer> => {
    let request: pkijs.OCSPRequest;
    try {
      request = pkijs.OCSPRequest.fromBER(body);
    } catch {
      const malformed = new pkijs.OCSPResponse({ responseStatus: new asn1js.Enumerated({ value: 1 }) });
      return Buffer.from(malformed.toSchema().toBER(false));
    }
    const now = wholeSeconds(new Date());
    const basic = new pkijs.BasicOCSPResponse();
    const data = basic.tbsResponseData;
    const signerKey = signer.certificate.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView;
    data.responderID = new asn1js.OctetString({ valueHex: createHash('sha1').update(signerKey).digest() });
    data.producedAt = now;
    data.responses = request.tbsRequest.requestList.map(
      ({ reqCert }) =>
        new pkijs.SingleResponse({
          certID: reqCert,
          certStatus: certStatus(reqCert.serialNumber),
          thisUpdate: now,
          nextUpdate: new Date(now.getTime() + VALID_MS),
        }),
    );
    const nonce = request.tbsRequest.requestExtensions?.find((e) => e.extnID === OID.ocspNonce);
    if (nonce) data.responseExtensions = [nonce];
    if (signer.certs) basic.certs = signer.certs;
    await basic.sign(signer.key, 'SHA-256', engine);
    const response = new pkijs.OCSPResponse({
      responseStatus: new asn1js.Enumerated({ value: 0 }),
      responseBytes: new pkijs.ResponseBytes({
        responseType: OID.ocspBasic,
        response: new asn1js.OctetString({ valueHex: basic.toSchema().toBER(false) }),
      }),
    });
    return Buffer.from(response.toSchema().toBER(false));
  };

  const crl = async (): Promise<Buffer> => {
    const now = wholeSeconds(new Date());
    const list = await x509.X509CrlGenerator.create({
      issuer: caCert.subjectName,
      thisUpdate: now,
      nextUpdate: new Date(now.getTime() + VALID_MS),
      entries: [...revoked].map(([key, entry]) => ({
        serialNumber: derSerial(key),
        revocationDate: entry.at,
        reason: entry.reason,
      })),
      extensions: [await x509.AuthorityKeyIdentifierExtension.create(caCert)],
      signingKey: caKey,
      signingAlgorithm: RSA,
    });
    return Buffer.from(list.rawData);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const body = await readBody(req);
    if (path === '/ocsp' && req.method === 'POST') {
      requests.ocsp++;
      if (mode !== 'up') return void res.writeHead(503).end();
      res.writeHead(200, { 'Content-Type': 'application/ocsp-response' }).end(await ocspAnswer(body));
    } else if (path === '/crl' && req.method === 'GET') {
      requests.crl++;
      if (mode === 'down') return void res.writeHead(503).end();
      res.writeHead(200, { 'Content-Type': 'application/pkix-crl' }).end(await crl());
    } else {
      res.writeHead(404).end();
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    ocspUrl: `${url}/ocsp`,
    crlUrl: `${url}/crl`,
    revoke(serialHex, at = new Date(), reason) {
      revoked.set(serialKey(serialHex), { at: wholeSeconds(at), reason });
    },
    setMode(next) {
      mode = next;
    },
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
