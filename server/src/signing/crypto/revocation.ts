import * as x509 from '@peculiar/x509';
import * as asn1js from 'asn1js';
import { createHash, randomBytes, webcrypto, X509Certificate } from 'node:crypto';
import * as pkijs from 'pkijs';

/**
 * Whether a signer certificate is revoked: OCSP (RFC 6960) first, the CRL (RFC 5280) when OCSP is
 * absent, unreachable or answers nothing usable. Every answer must be signed by the certificate's
 * issuer (or, for OCSP, by a responder the issuer authorised); anything else counts as no answer.
 */

x509.cryptoProvider.set(webcrypto);
const engine = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto });

const OID = {
  ocspBasic: '1.3.6.1.5.5.7.48.1.1',
  ocspNonce: '1.3.6.1.5.5.7.48.1.2',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
} as const;

/** Clocks of CAs, responders and this server differ a little; RFC 5019 allows for it too. */
const SKEW_MS = 5 * 60_000;
const MAX_STATUSES = 10_000;
const MAX_CRLS = 100;

/** CRLReason (RFC 5280 5.3.1), which OCSP's revokedInfo uses as well; 7 is not assigned. */
const REASONS = [
  'unspecified',
  'keyCompromise',
  'cACompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'certificateHold',
  undefined,
  'removeFromCRL',
  'privilegeWithdrawn',
  'aACompromise',
];
const OCSP_STATUSES = [
  'successful',
  'malformedRequest',
  'internalError',
  'tryLater',
  undefined,
  'sigRequired',
  'unauthorized',
];

export type RevocationSource = 'OCSP' | 'CRL';

export type RevocationStatus =
  | { status: 'GOOD'; source: RevocationSource; thisUpdate: Date; nextUpdate: Date | undefined }
  | { status: 'REVOKED'; source: RevocationSource; revokedAt: Date; reason: string | undefined }
  /** No source could tell: none named, unreachable, unsigned or stale answers, or "unknown". */
  | { status: 'UNKNOWN'; detail: string };

export interface RevocationCheckerOptions {
  /** Per network fetch; default 5000. */
  timeoutMs?: number;
  now?: () => Date;
  /** How long an answer without nextUpdate is kept; default 300. */
  defaultCacheSeconds?: number;
}

type Answer = Exclude<RevocationStatus, { status: 'UNKNOWN' }>;

/** A usable answer and its nextUpdate, or why a source gave none. */
type Lookup = { answer: Answer; nextUpdate: Date | undefined } | string;

/** The certificate in the forms the libraries want, and its cache key. */
interface Subject {
  certificate: pkijs.Certificate;
  issuer: pkijs.Certificate;
  extensions: x509.X509Certificate;
  issuerNode: X509Certificate;
  issuerKey: x509.X509Certificate;
  /** SHA-1 of the issuer's key (as in an OCSP CertID) and the serial number. */
  key: string;
}

/** Errors can come from another realm (undici, test sandboxes), so they are read, not instanceof-tested. */
function describe(error: unknown): string {
  const e = (error ?? {}) as { message?: unknown; cause?: { message?: unknown } };
  if (typeof e.message !== 'string') return String(error);
  return typeof e.cause?.message === 'string' ? `${e.message} (${e.cause.message})` : e.message;
}

const isHttp = (url: string | undefined): url is string => !!url && /^https?:\/\//i.test(url);

/** Entries that expire, in insertion order; past `max` the oldest is dropped. */
class ExpiringCache<T> {
  private readonly entries = new Map<string, { value: T; expires: number }>();
  private readonly max: number;

  constructor(max: number) {
    this.max = max;
  }

  get(key: string, now: number): T | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expires > now) return entry.value;
    if (entry) this.entries.delete(key);
    return undefined;
  }

  set(key: string, value: T, expires: number, now: number): void {
    if (expires <= now) return;
    this.entries.delete(key);
    this.entries.set(key, { value, expires });
    const oldest = this.entries.keys().next();
    if (this.entries.size > this.max && !oldest.done) this.entries.delete(oldest.value);
  }

  clear(): void {
    this.entries.clear();
  }
}

export class RevocationChecker {
  private readonly timeoutMs: number;
  private readonly now: () => Date;
  private readonly defaultCacheMs: number;
  /** GOOD and REVOKED answers by issuer key hash and serial; UNKNOWN is never kept. */
  private readonly statuses = new ExpiringCache<Answer>(MAX_STATUSES);
  /** Fetched CRLs by URL, so the next certificate of the same CA costs no fetch. */
  private readonly crls = new ExpiringCache<x509.X509Crl>(MAX_CRLS);
  /** Look-ups under way, so concurrent checks of one certificate share one. */
  private readonly pending = new Map<string, Promise<RevocationStatus>>();
  private fetchCount = 0;

  constructor(options: RevocationCheckerOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.now = options.now ?? (() => new Date());
    this.defaultCacheMs = (options.defaultCacheSeconds ?? 300) * 1000;
  }

  /** Number of network fetches made (for tests of the cache). */
  get fetches(): number {
    return this.fetchCount;
  }

  clear(): void {
    this.statuses.clear();
    this.crls.clear();
  }

  /** The status of `certificate` (issued by `issuer`) now. */
  async check(certificate: X509Certificate, issuer: X509Certificate): Promise<RevocationStatus> {
    let subject: Subject;
    try {
      if (!certificate.checkIssued(issuer) || !certificate.verify(issuer.publicKey)) {
        return { status: 'UNKNOWN', detail: 'the certificate is not issued by the given issuer' };
      }
      subject = parseSubject(certificate, issuer);
    } catch (error) {
      return { status: 'UNKNOWN', detail: `unreadable certificate: ${describe(error)}` };
    }
    const cached = this.statuses.get(subject.key, this.now().getTime());
    if (cached) return cached;
    let running = this.pending.get(subject.key);
    if (!running) {
      running = this.lookUp(subject).finally(() => this.pending.delete(subject.key));
      this.pending.set(subject.key, running);
    }
    return running;
  }

  private async lookUp(subject: Subject): Promise<RevocationStatus> {
    const failures: string[] = [];
    const aia = subject.extensions.getExtension(x509.AuthorityInfoAccessExtension);
    const cdp = subject.extensions.getExtension(x509.CRLDistributionPointsExtension);
    const ocspUrls = (aia?.ocsp ?? []).filter((name) => name.type === 'url').map((name) => name.value);
    const crlUrls = (cdp?.distributionPoints ?? [])
      .flatMap((point) => point.distributionPoint?.fullName ?? [])
      .map((name) => name.uniformResourceIdentifier);
    const sources: { source: RevocationSource; url: string; ask: () => Promise<Lookup> }[] = [
      ...ocspUrls.filter(isHttp).map((url) => ({
        source: 'OCSP' as const,
        url,
        ask: () => this.askOcsp(url, subject),
      })),
      ...crlUrls
        .filter(isHttp)
        .map((url) => ({ source: 'CRL' as const, url, ask: () => this.readCrl(url, subject) })),
    ];
    for (const { source, url, ask } of sources) {
      let found: Lookup;
      try {
        found = await ask();
      } catch (error) {
        found = `unreadable answer: ${describe(error)}`;
      }
      if (typeof found !== 'string') {
        const now = this.now().getTime();
        const expires = found.nextUpdate?.getTime() ?? now + this.defaultCacheMs;
        this.statuses.set(subject.key, found.answer, expires, now);
        return found.answer;
      }
      failures.push(`${source} ${url}: ${found}`);
    }
    return {
      status: 'UNKNOWN',
      detail: failures.join('; ') || 'the certificate names no OCSP responder and no CRL distribution point',
    };
  }

  /** One fetch, bounded by the timeout (the body included); the body, or why there is none. */
  private async download(url: string, init: RequestInit): Promise<Buffer | string> {
    this.fetchCount++;
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
      if (!response.ok) {
        await response.body?.cancel();
        return `HTTP ${response.status}`;
      }
      return Buffer.from(await response.arrayBuffer());
    } catch (error) {
      if ((error as { name?: unknown } | null)?.name === 'TimeoutError')
        return `no answer in ${this.timeoutMs} ms`;
      return describe(error);
    }
  }

  private async askOcsp(url: string, s: Subject): Promise<Lookup> {
    // A nonce (RFC 8954) binds the answer to this request, where the responder echoes it.
    const nonce = new asn1js.OctetString({ valueHex: randomBytes(16) }).toBER(false);
    const request = new pkijs.OCSPRequest();
    // SHA-1 CertIDs are what responders are required to understand (RFC 5019).
    await request.createForCertificate(
      s.certificate,
      { hashAlgorithm: 'SHA-1', issuerCertificate: s.issuer },
      engine,
    );
    request.tbsRequest.requestExtensions = [new pkijs.Extension({ extnID: OID.ocspNonce, extnValue: nonce })];
    const body = await this.download(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/ocsp-request', Accept: 'application/ocsp-response' },
      body: Buffer.from(request.toSchema(true).toBER(false)),
    });
    if (typeof body === 'string') return body;

    const response = pkijs.OCSPResponse.fromBER(body);
    const status = response.responseStatus.valueBlock.valueDec;
    if (status !== 0) return `responder status ${OCSP_STATUSES[status] ?? status}`;
    if (response.responseBytes?.responseType !== OID.ocspBasic) return 'not a basic OCSP response';
    const basic = pkijs.BasicOCSPResponse.fromBER(response.responseBytes.response.valueBlock.valueHexView);
    if (!(await this.signedForIssuer(basic, s))) {
      return 'not signed by the issuer nor by an OCSP responder it certified';
    }
    const echoed = basic.tbsResponseData.responseExtensions?.find((e) => e.extnID === OID.ocspNonce);
    if (echoed && !Buffer.from(echoed.extnValue.valueBlock.valueHexView).equals(Buffer.from(nonce))) {
      return 'the answer is to another request (nonce differs)';
    }
    for (const single of basic.tbsResponseData.responses) {
      if (!(await sameCertificate(single.certID, s))) continue;
      const stale = this.outOfDate(single.thisUpdate, single.nextUpdate);
      if (stale) return stale;
      return readCertStatus(single);
    }
    return 'the answer does not name the certificate';
  }

  /** The issuer's own key, or a delegated responder's: issued by the issuer, valid, id-kp-OCSPSigning. */
  private async signedForIssuer(basic: pkijs.BasicOCSPResponse, s: Subject): Promise<boolean> {
    const verifies = (key: pkijs.PublicKeyInfo) =>
      engine
        .verifyWithPublicKey(basic.tbsResponseData.tbsView, basic.signature, key, basic.signatureAlgorithm)
        .catch(() => false);
    if (await verifies(s.issuer.subjectPublicKeyInfo)) return true;
    const now = this.now();
    for (const candidate of basic.certs ?? []) {
      const responder = new X509Certificate(Buffer.from(candidate.toSchema().toBER(false)));
      const eku = new x509.X509Certificate(responder.raw).getExtension(x509.ExtendedKeyUsageExtension);
      // Such a responder's own revocation is not checked (RFC 6960 4.2.2.2.1 leaves it to policy).
      const delegated =
        responder.checkIssued(s.issuerNode) &&
        responder.verify(s.issuerNode.publicKey) &&
        new Date(responder.validFrom) <= now &&
        now <= new Date(responder.validTo) &&
        !!eku?.usages.includes(OID.ocspSigning);
      if (delegated && (await verifies(candidate.subjectPublicKeyInfo))) return true;
    }
    return false;
  }

  private async readCrl(url: string, s: Subject): Promise<Lookup> {
    const now = this.now().getTime();
    let crl = this.crls.get(url, now);
    if (!crl) {
      const body = await this.download(url, { headers: { Accept: 'application/pkix-crl' } });
      if (typeof body === 'string') return body;
      const pem = body.subarray(0, 100).toString('latin1').includes('-----BEGIN');
      crl = new x509.X509Crl(pem ? body.toString('latin1') : body);
      const problem = await this.crlProblem(crl, s);
      if (problem) return problem;
      this.crls.set(url, crl, crl.nextUpdate?.getTime() ?? now + this.defaultCacheMs, now);
    } else {
      // Kept CRLs were checked against the issuer that fetched them; this may be another.
      const problem = await this.crlProblem(crl, s);
      if (problem) return problem;
    }
    const entry = crl.findRevoked(s.extensions);
    const answer: Answer = entry
      ? {
          status: 'REVOKED',
          source: 'CRL',
          revokedAt: entry.revocationDate,
          reason: entry.reason === undefined ? undefined : REASONS[entry.reason],
        }
      : { status: 'GOOD', source: 'CRL', thisUpdate: crl.thisUpdate, nextUpdate: crl.nextUpdate };
    return { answer, nextUpdate: crl.nextUpdate };
  }

  private async crlProblem(crl: x509.X509Crl, s: Subject): Promise<string | undefined> {
    const issuerName = Buffer.from(crl.issuerName.toArrayBuffer());
    if (!issuerName.equals(Buffer.from(s.extensions.issuerName.toArrayBuffer()))) {
      return `the CRL is of another issuer (${crl.issuer})`;
    }
    if (!(await crl.verify({ publicKey: s.issuerKey }).catch(() => false))) {
      return 'the CRL is not signed by the issuer';
    }
    // Delta CRLs, partitioned CRLs and the like need processing this checker does not do.
    const critical = crl.extensions.find((extension) => extension.critical);
    if (critical) return `the CRL has a critical extension ${critical.type} this checker does not process`;
    return this.outOfDate(crl.thisUpdate, crl.nextUpdate);
  }

  private outOfDate(thisUpdate: Date, nextUpdate: Date | undefined): string | undefined {
    const now = this.now().getTime();
    if (thisUpdate.getTime() > now + SKEW_MS)
      return `thisUpdate ${thisUpdate.toISOString()} is in the future`;
    if (nextUpdate && nextUpdate.getTime() < now - SKEW_MS)
      return `stale: nextUpdate ${nextUpdate.toISOString()}`;
    return undefined;
  }
}

function parseSubject(certificate: X509Certificate, issuer: X509Certificate): Subject {
  const cert = pkijs.Certificate.fromBER(certificate.raw);
  const issuerCert = pkijs.Certificate.fromBER(issuer.raw);
  const keyHash = createHash('sha1')
    .update(issuerCert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView)
    .digest('hex');
  return {
    certificate: cert,
    issuer: issuerCert,
    extensions: new x509.X509Certificate(certificate.raw),
    issuerNode: issuer,
    issuerKey: new x509.X509Certificate(issuer.raw),
    key: `${keyHash}:${Buffer.from(cert.serialNumber.valueBlock.valueHexView).toString('hex')}`,
  };
}

/** Whether a response's CertID is ours: serial, issuer name hash and issuer key hash, in its hash. */
async function sameCertificate(id: pkijs.CertID, s: Subject): Promise<boolean> {
  const algorithm: object = engine.getAlgorithmByOID(id.hashAlgorithm.algorithmId, false);
  if (!('name' in algorithm) || typeof algorithm.name !== 'string') return false;
  const ours = await pkijs.CertID.create(
    s.certificate,
    { hashAlgorithm: algorithm.name, issuerCertificate: s.issuer },
    engine,
  );
  return ours.isEqual(id);
}

/** CertStatus ::= CHOICE { good [0] NULL, revoked [1] RevokedInfo, unknown [2] UnknownInfo } */
function readCertStatus(single: pkijs.SingleResponse): Lookup {
  const status = single.certStatus as asn1js.BaseBlock;
  if (status.idBlock.tagClass !== 3) return 'unreadable certStatus';
  switch (status.idBlock.tagNumber) {
    case 0:
      return {
        answer: {
          status: 'GOOD',
          source: 'OCSP',
          thisUpdate: single.thisUpdate,
          nextUpdate: single.nextUpdate,
        },
        nextUpdate: single.nextUpdate,
      };
    case 1: {
      // RevokedInfo ::= SEQUENCE { revocationTime GeneralizedTime, revocationReason [0] EXPLICIT CRLReason OPTIONAL }
      if (!(status instanceof asn1js.Constructed)) return 'unreadable revokedInfo';
      const [time, reason] = status.valueBlock.value;
      if (!(time instanceof asn1js.GeneralizedTime)) return 'unreadable revocationTime';
      const code = reason instanceof asn1js.Constructed ? reason.valueBlock.value[0] : undefined;
      return {
        answer: {
          status: 'REVOKED',
          source: 'OCSP',
          revokedAt: time.toDate(),
          reason: code instanceof asn1js.Enumerated ? REASONS[code.valueBlock.valueDec] : undefined,
        },
        nextUpdate: single.nextUpdate,
      };
    }
    case 2:
      // RFC 6960 2.2: the responder does not know the certificate; another source may.
      return 'the responder does not know the certificate (unknown)';
    default:
      return 'unreadable certStatus';
  }
}
