import { X509Certificate } from 'node:crypto';
import { certificateFacts } from './certificates.js';
import { verifyChain, type ChainFailure } from './chain.js';
import { type CmsFailure, verifyDetached } from './cms.js';

export type VerificationFailure =
  | CmsFailure
  | ChainFailure
  /** The stored certificate is not the one the signature names. */
  | 'CERTIFICATE_MISMATCH'
  /** The certificate's subject serialNumber is not the expected signer's HSA-id. */
  | 'WRONG_SIGNER'
  /** The signing time inside the signature is not the time the portal recorded. */
  | 'SIGNING_TIME_MISMATCH'
  /** The certificate is revoked (OCSP or CRL), at signing or, verified later, before signing time. */
  | 'REVOKED'
  /** Neither OCSP nor CRL told the certificate's status (and soft-fail is off). */
  | 'REVOCATION_UNKNOWN';

/** What the revocation check found of a signature that verifies. */
export interface RevocationNote {
  /**
   * GOOD; REVOKED_LATER: revoked after the signing time (`at`); UNKNOWN: no answer, accepted;
   * NOT_REVOCABLE: a short-lived certificate for which its CA publishes no revocation (RFC 9608).
   */
  status: 'GOOD' | 'REVOKED_LATER' | 'UNKNOWN' | 'NOT_REVOCABLE';
  at?: Date;
}

export interface VerifiedSigner {
  hsaId: string;
  commonName: string;
  subject: string;
  serialNumber: string;
  issuer: string;
}

export type VerificationResult =
  | { ok: true; signer: VerifiedSigner; revocation?: RevocationNote }
  | { ok: false; reason: VerificationFailure; detail: string };

export interface SignatureToVerify {
  /** The canonical UTF-8 text that was signed. */
  document: string;
  /** DER of the CMS SignedData. */
  signature: Buffer;
  /** PEM certificates as stored with the signature, the signer's first. */
  certificateChain: string[];
  expectedSignerHsaId: string;
  signedAt: Date;
  /** When: while signing (the default), or verified again later ("Verifiera signatur"). */
  at?: 'signing' | 'later';
}

/**
 * Everything design.md asks of a signature, in one place for every provider: the digest is the
 * document's, the signature value verifies, the certificate chains to a trusted CA and was valid
 * at signing time, and its subject serialNumber is the expected signer's HSA-id.
 */
export async function verifyCmsSignature(
  input: SignatureToVerify,
  trustAnchors: X509Certificate[],
): Promise<VerificationResult> {
  const cms = await verifyDetached(Buffer.from(input.document, 'utf8'), input.signature);
  if (!cms.ok) return cms;
  const signer = new X509Certificate(cms.signerCertificate);
  const stored = input.certificateChain.map((pem) => new X509Certificate(pem));
  if (stored.length > 0 && !stored[0].raw.equals(signer.raw)) {
    return {
      ok: false,
      reason: 'CERTIFICATE_MISMATCH',
      detail: 'the stored certificate is not the signer certificate of the signature',
    };
  }
  const carried = [...cms.certificates.map((der) => new X509Certificate(der)), ...stored.slice(1)];
  const chain = verifyChain(signer, carried, trustAnchors, input.signedAt);
  if (!chain.ok) return chain;
  if (!cms.signingTime || Math.abs(cms.signingTime.getTime() - input.signedAt.getTime()) >= 1000) {
    return {
      ok: false,
      reason: 'SIGNING_TIME_MISMATCH',
      detail: `signature says ${cms.signingTime?.toISOString() ?? 'nothing'}, recorded ${input.signedAt.toISOString()}`,
    };
  }
  const facts = certificateFacts(signer.toString());
  if (facts.subjectSerialNumber !== input.expectedSignerHsaId) {
    return {
      ok: false,
      reason: 'WRONG_SIGNER',
      detail: `certificate of ${facts.subjectSerialNumber ?? 'nobody'}, expected ${input.expectedSignerHsaId}`,
    };
  }
  return {
    ok: true,
    signer: {
      hsaId: facts.subjectSerialNumber,
      commonName: facts.commonName,
      subject: facts.subject,
      serialNumber: facts.serialNumber,
      issuer: facts.issuer,
    },
  };
}
