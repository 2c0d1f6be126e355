import { X509Certificate } from 'node:crypto';

export type ChainFailure = 'UNTRUSTED_CHAIN' | 'NOT_VALID_AT_SIGNING_TIME';

export type ChainCheck =
  { ok: true; path: X509Certificate[] } | { ok: false; reason: ChainFailure; detail: string };

const MAX_DEPTH = 5;

function validAt(cert: X509Certificate, at: Date): boolean {
  return new Date(cert.validFrom) <= at && at <= new Date(cert.validTo);
}

const issuedBy = (cert: X509Certificate, issuer: X509Certificate): boolean =>
  issuer.ca && cert.checkIssued(issuer) && cert.verify(issuer.publicKey);

/**
 * Builds a path from `signer` through `intermediates` to one of `anchors` and checks that every
 * certificate on it, anchor included, was valid at `at` (the signing time, not now: a signature
 * stays valid after its certificate has expired). OpenSSL checks the signatures and issuer names.
 */
export function verifyChain(
  signer: X509Certificate,
  intermediates: X509Certificate[],
  anchors: X509Certificate[],
  at: Date,
): ChainCheck {
  const path = [signer];
  let current = signer;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const anchor = anchors.find((a) => a.raw.equals(current.raw) || issuedBy(current, a));
    if (anchor) {
      if (!anchor.raw.equals(current.raw)) path.push(anchor);
      const expired = path.find((cert) => !validAt(cert, at));
      if (expired) {
        return {
          ok: false,
          reason: 'NOT_VALID_AT_SIGNING_TIME',
          detail: `${expired.subject.replace(/\n/g, ', ')} was not valid at ${at.toISOString()}`,
        };
      }
      return { ok: true, path };
    }
    const next = intermediates.find((c) => !c.raw.equals(current.raw) && issuedBy(current, c));
    if (!next) break;
    path.push(next);
    current = next;
  }
  return {
    ok: false,
    reason: 'UNTRUSTED_CHAIN',
    detail: `no path from ${signer.subject.replace(/\n/g, ', ')} to a trusted CA`,
  };
}
