import type { EntityManager } from 'typeorm';
import type { VerificationFailure, VerifiedSigner } from './crypto/verify.js';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** What a caller (the attest module) asks to have signed. */
export interface CreateSignRequestInput {
  /** person.id of the one who must sign; only they can see and use the request. */
  signerId: string;
  /** Selects the completion handler, e.g. 'ATTEST'. */
  kind: string;
  /** A short Swedish line shown above the document, e.g. "Attest av beställning BEH5648821". */
  purpose: string;
  /** Canonical UTF-8 text of what is decided: exactly this is signed and stored. */
  document: string;
  /** The caller's own data for its handler (order ids, decision…); signing never reads it. */
  payload: JsonObject;
}

export interface CreatedSignRequest {
  id: string;
  digest: string;
  expiresAt: Date;
  /** Where to open the signing window. */
  signingUrl: string;
}

/** A sign request as its handler sees it. */
export interface SignRequestRecord {
  id: string;
  signerId: string;
  kind: string;
  purpose: string;
  document: string;
  digest: string;
  payload: JsonObject;
  createdAt: Date;
  expiresAt: Date;
}

/** A signature that has passed every check, handed to the kind's handler. */
export interface VerifiedSignature {
  provider: string;
  signedAt: Date;
  /** DER of the detached CMS SignedData. */
  signature: Buffer;
  /** PEM of the signer's certificate. */
  certificate: string;
  /** PEM of its issuers. */
  certificateChain: string[];
  signer: VerifiedSigner;
}

/**
 * Completes a kind's work in the SAME transaction that marks the request used and stores the
 * signature. Throwing (e.g. a 409 ProblemException because the order changed meanwhile) rolls
 * all of it back: the request stays unused and nothing is stored.
 */
export type SignCompletionHandler = (
  manager: EntityManager,
  request: SignRequestRecord,
  signature: VerifiedSignature,
) => Promise<void>;

export type SignRequestStatus = 'PENDING' | 'SIGNED' | 'FAILED' | 'EXPIRED';

/** GET /api/signing/:requestId — what the signing window shows. */
export interface SignRequestView {
  id: string;
  kind: string;
  purpose: string;
  document: string;
  digest: string;
  status: SignRequestStatus;
  createdAt: Date;
  expiresAt: Date;
  signedAt: Date | null;
  signer: { id: string; name: string; hsaId: string };
  provider: string;
}

/** GET /api/signing/:requestId/certificates — one of the signer's certificates. */
export interface CertificateView {
  id: string;
  subject: string;
  /** The subject's serialNumber: the holder's HSA-id. */
  subjectSerialNumber: string;
  /** The certificate's serial number (hex). */
  serialNumber: string;
  issuer: string;
  validFrom: Date;
  validTo: Date;
  locked: boolean;
  triesLeft: number;
}

/** The outcome of verifying a stored signature again ("Verifiera signatur"). */
export type StoredVerification =
  | { ok: true; signedAt: Date; signer: VerifiedSigner }
  | { ok: false; reason: VerificationFailure | 'NOT_SIGNED'; message: string };
