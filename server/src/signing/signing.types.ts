import type { EntityManager } from 'typeorm';
import { Prop } from '../common/api-schema.js';
import type { RevocationNote, VerificationFailure, VerifiedSigner } from './crypto/verify.js';

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

export const SIGN_REQUEST_STATUSES = ['PENDING', 'SIGNED', 'FAILED', 'EXPIRED'] as const;
export type SignRequestStatus = (typeof SIGN_REQUEST_STATUSES)[number];

/*
 * The answers of the signing window's API are classes only so that their property decorators
 * describe them in the OpenAPI description (common/api-schema.ts); they are never instantiated.
 */

export class SignRequestSigner {
  @Prop.id() id!: string;
  @Prop.text() name!: string;
  @Prop.text() hsaId!: string;
}

/** GET /api/signing/:requestId — what the signing window shows. */
export class SignRequestView {
  @Prop.id() id!: string;
  @Prop.text() kind!: string;
  @Prop.text({ description: 'A short Swedish line shown above the document.' }) purpose!: string;
  @Prop.text({ description: 'Exactly the text that is signed.' }) document!: string;
  @Prop.text() digest!: string;
  @Prop.oneOf(SIGN_REQUEST_STATUSES, 'SignRequestStatus') status!: SignRequestStatus;
  @Prop.dateTime() createdAt!: Date;
  @Prop.dateTime() expiresAt!: Date;
  @Prop.dateTime({ nullable: true }) signedAt!: Date | null;
  @Prop.object(() => SignRequestSigner) signer!: SignRequestSigner;
  @Prop.text() provider!: string;
  @Prop.text({ nullable: true, description: 'Why a FAILED request failed, as the signer was told.' })
  failure!: string | null;
}

/** GET /api/signing/:requestId/certificates — one of the signer's certificates. */
export class CertificateView {
  @Prop.id() id!: string;
  @Prop.text() subject!: string;
  /** The subject's serialNumber: the holder's HSA-id. */
  @Prop.text({ description: "The subject's serialNumber: the holder's HSA-id." })
  subjectSerialNumber!: string;
  /** The certificate's serial number (hex). */
  @Prop.text({ description: "The certificate's serial number (hex)." }) serialNumber!: string;
  @Prop.text() issuer!: string;
  @Prop.dateTime() validFrom!: Date;
  @Prop.dateTime() validTo!: Date;
  @Prop.bool() locked!: boolean;
  @Prop.int() triesLeft!: number;
}

/** POST /api/signing/:requestId/sign — the request is signed. */
export class SignedAnswer {
  @Prop.exactly('SIGNED') status!: 'SIGNED';
  @Prop.dateTime() signedAt!: Date;
}

/** The outcome of verifying a stored signature again ("Verifiera signatur"). */
export type StoredVerification =
  | {
      ok: true;
      signedAt: Date;
      signer: VerifiedSigner;
      /** The signed text itself, for the caller to check that it names what it is asked about. */
      document: string;
      /** What the revocation check found (providers that check revocation). */
      revocation?: RevocationNote;
    }
  | { ok: false; reason: VerificationFailure | 'NOT_SIGNED'; message: string };

/** The browser binding's form fields. */
export class SignServiceFields {
  @Prop.exactly('POST/XML/1.0') Binding!: string;
  @Prop.text({ description: 'The sign request id: the SignResponse comes back with it.' })
  RelayState!: string;
  @Prop.text({ description: 'The signed SignRequest, base64.' }) EidSignRequest!: string;
}

/** GET /api/signing/:requestId/sign-service-form — what the signing window posts to a DSS signing service. */
export class SignServiceForm {
  @Prop.text({ description: "The signing service's address." }) action!: string;
  @Prop.object(() => SignServiceFields) fields!: SignServiceFields;
}
