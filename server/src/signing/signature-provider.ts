import type { EntityManager } from 'typeorm';
import type { ProblemException } from '../common/problem.js';
import type { SignatureToVerify, VerificationResult } from './crypto/verify.js';

/**
 * Where signatures come from. The portal talks to this interface only, so that the embedded test
 * signing service can be replaced by a production one (SIGNING_PROVIDER) without touching the
 * attest workflow.
 *
 * It is shaped after the Sweden Connect "DSS Extension for Federated Signing Services":
 * - `createSignRequest` is where a DSS provider builds and signs its `SignRequest` (the document's
 *   to-be-signed bytes, the required signer's HSA-id as a signer attribute, the sign message =
 *   `purpose`) and answers the sign service URL plus the form fields (`EidSignRequest`,
 *   `RelayState`, `Binding`) the signing window posts there; the embedded one only answers its
 *   own signing window;
 * - `completeSignature` takes the signer's answer: for the embedded provider the chosen
 *   certificate and PIN, for DSS the `SignResponse` the sign service posted back through the
 *   browser, from which it assembles the CMS signature and the signer's certificate chain;
 * - `verify` checks a stored signature independently of how it was made.
 */
export interface SignatureProvider {
  /** Stored with each request (`sign_request.provider`), e.g. 'embedded'. */
  readonly name: string;

  createSignRequest(manager: EntityManager, input: SignRequestInput): Promise<PreparedSignRequest>;

  /**
   * Runs in the signing transaction. A refusal the signer can act on (wrong PIN, locked
   * certificate) is returned, not thrown, so the caller can commit what it changed (the count of
   * wrong tries) before answering.
   */
  completeSignature(manager: EntityManager, input: CompleteSignatureInput): Promise<CompletedSignature>;

  verify(input: SignatureToVerify): Promise<VerificationResult>;

  /** DSS: the form the signer's browser posts to the signing service; none for the embedded one. */
  signServiceForm?(
    requestId: string,
    providerState: Record<string, string> | null,
  ): { action: string; fields: { Binding: string; RelayState: string; EidSignRequest: string } };
}

export const SIGNATURE_PROVIDER = Symbol('SIGNATURE_PROVIDER');

/** Who must sign, as the directory knows them. */
export interface SignerIdentity {
  personId: string;
  hsaId: string;
  firstName: string;
  lastName: string;
}

export interface SignRequestInput {
  requestId: string;
  signer: SignerIdentity;
  /** Canonical UTF-8 text: exactly these bytes are signed. */
  document: string;
  /** A short Swedish line for the signer, e.g. "Attest av beställning BEH5648821" (DSS: sign message). */
  purpose: string;
  expiresAt: Date;
}

export interface PreparedSignRequest {
  /** SHA-256 of the document's UTF-8 bytes, hex. */
  digest: string;
  /** Where the signer's browser goes: the embedded signing window, or the DSS sign service. */
  signingUrl: string;
  /** For DSS: the fields the browser posts to `signingUrl`; none for the embedded provider. */
  postFields?: Record<string, string>;
  /** What the provider needs back at completion (DSS: the SignRequest's id and nonce). */
  providerState?: Record<string, string>;
}

/** The signer's answer, by provider. */
export type SignerAnswer =
  | { type: 'pin'; certificateId: string; pin: string }
  | { type: 'sign-response'; signResponse: string; relayState: string };

export interface CompleteSignatureInput {
  requestId: string;
  signer: SignerIdentity;
  document: string;
  providerState: Record<string, string> | null;
  answer: SignerAnswer;
  /** The time the portal records as the signing time (whole seconds). */
  signedAt: Date;
}

export type CompletedSignature =
  | {
      ok: true;
      /** DER of the detached CMS SignedData. */
      signature: Buffer;
      /** PEM, the signer's certificate first, then its issuers. */
      certificateChain: string[];
      /** The signature's own time when the provider set it (DSS: in the signed attributes). */
      signedAt?: Date;
    }
  | {
      ok: false;
      problem: ProblemException;
      /** Set when the answer used the request up: it is marked FAILED with this code. */
      failure?: { code: string; detail: string };
    };
