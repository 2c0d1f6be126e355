import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID, X509Certificate } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { meetsLoa, loaLabel } from '../../common/auth/assurance.js';
import { Clock } from '../../common/clock.js';
import { ProblemException } from '../../common/problem.js';
import { APP_CONFIG, type AppConfig, type DssClientSettings } from '../../config/app-config.js';
import { noRevocationAvailable } from '../crypto/certificates.js';
import { assembleDetached, sha256, toBeSignedBytes } from '../crypto/cms.js';
import { RevocationChecker } from '../crypto/revocation.js';
import { type SignatureToVerify, type VerificationResult, verifyCmsSignature } from '../crypto/verify.js';
import type {
  CompletedSignature,
  CompleteSignatureInput,
  PreparedSignRequest,
  SignatureProvider,
  SignRequestInput,
} from '../signature-provider.js';
import {
  DSS_BINDING,
  readSignResponse,
  RESULT,
  SIG_STATUS,
  SIGNATURE_ALGORITHM,
  signRequestXml,
} from './dss-messages.js';
import { signXml, verifySignedXml, XmlMessageError } from './dss-xml.js';

/** What the DSS client keeps with each sign request (sign_request.provider_state). */
interface DssState {
  /** The SignRequest's RequestID: the SignResponse must answer exactly this one. */
  dssRequestId: string;
  /** The signing time in the signed attributes, ISO: the signature's time. */
  signingTime: string;
  /** The signed SignRequest, base64, for the signing window to post. */
  signRequest: string;
}

/** The longest validity of a certificate that may go without a revocation check (RFC 9608 noRevAvail). */
const SHORT_LIVED_MS = 24 * 3600_000;

/** The SignMessage: what the signer is shown at the IdP. Long batches are cut, the purpose never. */
const MAX_SIGN_MESSAGE = 3000;

const refused = (detail: string, extensions: Record<string, unknown> = {}) =>
  new ProblemException(HttpStatus.BAD_REQUEST, 'sign-response-refused', detail, extensions);

/** The texts of a signing service's refusal, by its ResultMinor. */
const SERVICE_REFUSALS: Record<string, string> = {
  [SIG_STATUS.userCancel]: 'Du avbröt signeringen.',
  [SIG_STATUS.requestExpired]: 'Signeringsbegäran hann gå ut hos signeringstjänsten.',
  [SIG_STATUS.authnFailed]:
    'Inloggningen hos signeringstjänsten misslyckades eller hade för låg tillitsnivå.',
  [SIG_STATUS.signerMismatch]: 'Du loggade in som en annan person än den som ska signera.',
  [SIG_STATUS.securityViolation]: 'Signeringstjänsten vägrade signera av säkerhetsskäl.',
};

/**
 * The DSS client (SIGNING_PROVIDER=dss, and =federated against BEH's own signing service): a
 * SignRequest of Sweden Connect's DSS extension, signed with BEH's key, posted by the signer's
 * browser to the signing service; the SignResponse it posts back is checked (signature of the
 * signing service, RequestID, result, signer, level of assurance, the bytes signed) and turned
 * into the same detached CMS signature the embedded provider makes, which the signing service
 * verifies like any other (chain to SIGNING_TRUST_ANCHORS, signer, digest) and checks for
 * revocation.
 */
@Injectable()
export class DssSignatureProvider implements SignatureProvider {
  readonly name: string;
  private readonly settings: DssClientSettings;
  private readonly publicUrl: string;
  private readonly logger = new Logger('DssSignatureProvider');
  readonly revocation = new RevocationChecker();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly clock: Clock,
  ) {
    if (!config.signing.dss) throw new Error('The DSS provider needs SIGNING_PROVIDER=dss or federated');
    this.settings = config.signing.dss;
    this.name = config.signing.provider;
    this.publicUrl = config.publicUrl;
  }

  createSignRequest(_manager: EntityManager, input: SignRequestInput): Promise<PreparedSignRequest> {
    const s = this.settings;
    const now = new Date(Math.floor(this.clock.now().getTime() / 1000) * 1000);
    const document = Buffer.from(input.document, 'utf8');
    const dssRequestId = `_${randomUUID()}`;
    const text = `${input.purpose}\n\n${input.document}`;
    const xml = signRequestXml({
      requestId: dssRequestId,
      requestTime: now,
      notBefore: new Date(now.getTime() - 60_000),
      notOnOrAfter: input.expiresAt,
      returnUrl: s.returnUrl,
      signerHsaId: input.signer.hsaId,
      identityProvider: s.identityProvider,
      signRequester: s.requesterEntityId,
      signService: s.serviceEntityId,
      signatureAlgorithm: SIGNATURE_ALGORITHM,
      loa: s.loa,
      signMessage: text.length > MAX_SIGN_MESSAGE ? `${text.slice(0, MAX_SIGN_MESSAGE)}\n…` : text,
      signTask: { id: input.requestId, toBeSignedBytes: toBeSignedBytes(document, now) },
    });
    const signed = signXml(xml, s.requesterKey, s.requesterCert, "/*/*[local-name()='OptionalInputs']");
    const state: DssState = {
      dssRequestId,
      signingTime: now.toISOString(),
      signRequest: Buffer.from(signed, 'utf8').toString('base64'),
    };
    return Promise.resolve({
      digest: sha256(document).toString('hex'),
      signingUrl: `${this.publicUrl}/signing/${input.requestId}`,
      providerState: { ...state },
    });
  }

  /** The form the signing window posts to the signing service (the browser binding). */
  signServiceForm(requestId: string, providerState: Record<string, string> | null) {
    const state = providerState as DssState | null;
    if (!state?.signRequest) throw new Error(`Sign request ${requestId} has no SignRequest`);
    return {
      action: this.settings.serviceUrl,
      fields: { Binding: DSS_BINDING, RelayState: requestId, EidSignRequest: state.signRequest },
    };
  }

  completeSignature(_manager: EntityManager, input: CompleteSignatureInput): Promise<CompletedSignature> {
    if (input.answer.type !== 'sign-response')
      throw new Error('The DSS provider is answered with a SignResponse');
    return Promise.resolve(this.readAnswer(input, input.answer.signResponse));
  }

  private readAnswer(input: CompleteSignatureInput, signResponse: string): CompletedSignature {
    const s = this.settings;
    const state = input.providerState as DssState | null;
    if (!state?.dssRequestId) throw new Error(`Sign request ${input.requestId} has no DSS state`);
    let response;
    try {
      const xml = Buffer.from(signResponse, 'base64').toString('utf8');
      response = readSignResponse(verifySignedXml(xml, 'SignResponse', 'OptionalOutputs', s.serviceCerts));
    } catch (error) {
      // Not the signing service's answer: nothing about the request changes.
      if (!(error instanceof XmlMessageError)) throw error;
      this.logger.warn(`SignResponse for ${input.requestId} refused: ${error.message}`);
      return {
        ok: false,
        problem: refused('Svaret från signeringstjänsten kunde inte kontrolleras och har inte använts.'),
      };
    }
    if (response.requestId !== state.dssRequestId) {
      this.logger.warn(
        `SignResponse answers ${response.requestId}, not ${state.dssRequestId} (${input.requestId})`,
      );
      return {
        ok: false,
        problem: refused('Svaret från signeringstjänsten gäller en annan signeringsbegäran.'),
      };
    }
    // From here on the answer is the signing service's to our request: a refusal uses the request up.
    const fail = (code: string, detail: string, message: string): CompletedSignature => ({
      ok: false,
      problem: new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, 'signature-refused', message, {
        reason: code,
      }),
      failure: { code, detail },
    });
    if (response.resultMajor !== RESULT.success) {
      const message =
        (response.resultMinor && SERVICE_REFUSALS[response.resultMinor]) ??
        response.resultMessage ??
        'Signeringstjänsten kunde inte signera.';
      return fail(
        'SIGN_SERVICE_REFUSED',
        `${response.resultMajor} ${response.resultMinor ?? ''} ${response.resultMessage ?? ''}`.trim(),
        `Signeringen gjordes inte: ${message}`,
      );
    }
    const { signer, signTask } = response;
    if (!signer || !signTask || response.certificateChain.length === 0) {
      return fail(
        'MALFORMED',
        'a successful SignResponse without signer, signature or certificates',
        'Signeringstjänstens svar saknar signaturen.',
      );
    }
    if (signer.hsaId !== input.signer.hsaId) {
      return fail(
        'WRONG_SIGNER',
        `signed by ${signer.hsaId}, expected ${input.signer.hsaId}`,
        'Signeringen gjordes inte: den som loggade in hos signeringstjänsten är inte den som ska signera.',
      );
    }
    if (!meetsLoa(s.loa, signer.loa)) {
      return fail(
        'LOA_TOO_LOW',
        `authenticated at ${signer.loa}, required ${s.loa}`,
        `Signeringen gjordes inte: inloggningen hade ${loaLabel(signer.loa)}, men ${loaLabel(s.loa)} krävs.`,
      );
    }
    const signingTime = new Date(state.signingTime);
    const document = Buffer.from(input.document, 'utf8');
    if (
      signTask.id !== input.requestId ||
      !signTask.toBeSignedBytes.equals(toBeSignedBytes(document, signingTime))
    ) {
      return fail(
        'DIGEST_MISMATCH',
        'the signed bytes are not the ones requested',
        'Signeringstjänsten signerade något annat än beställningen.',
      );
    }
    if (signTask.signatureType !== SIGNATURE_ALGORITHM) {
      return fail(
        'MALFORMED',
        `signature algorithm ${signTask.signatureType}`,
        'Signeringstjänsten använde en annan signaturalgoritm än den begärda.',
      );
    }
    try {
      response.certificateChain.forEach((pem) => new X509Certificate(pem));
    } catch {
      return fail(
        'MALFORMED',
        'a certificate of the chain is unreadable',
        'Signeringstjänstens certifikat kunde inte läsas.',
      );
    }
    const signature = assembleDetached({
      document,
      signingTime,
      certificateChain: response.certificateChain,
      signatureValue: signTask.signature,
    });
    return { ok: true, signature, certificateChain: response.certificateChain, signedAt: signingTime };
  }

  async verify(input: SignatureToVerify): Promise<VerificationResult> {
    const result = await verifyCmsSignature(input, this.trustAnchors());
    if (!result.ok) return result;
    return this.checkRevocation(input, result);
  }

  private trustAnchors(): X509Certificate[] {
    return this.settings.trustAnchors.map((pem) => new X509Certificate(pem));
  }

  /**
   * The signer's certificate must not be revoked (OCSP, else CRL). When signing: revoked at all,
   * or of unknown status (unless soft-fail outside production), refuses. Verified later: a
   * certificate revoked after the signing time still made a valid signature, and says so.
   */
  private async checkRevocation(
    input: SignatureToVerify,
    result: Extract<VerificationResult, { ok: true }>,
  ): Promise<VerificationResult> {
    const signer = new X509Certificate(input.certificateChain[0]);
    // A short-lived certificate whose CA publishes no revocation information for it (RFC 9608):
    // nothing to ask; it chains to a trust anchor, whose CA chose to issue it so.
    const unrevocable = noRevocationAvailable(input.certificateChain[0]);
    if (unrevocable.declared && unrevocable.validityMs <= SHORT_LIVED_MS) {
      return { ...result, revocation: { status: 'NOT_REVOCABLE' } };
    }
    const candidates = [
      ...input.certificateChain.slice(1).map((pem) => new X509Certificate(pem)),
      ...this.trustAnchors(),
    ];
    const issuer = candidates.find((cert) => signer.checkIssued(cert) && signer.verify(cert.publicKey));
    if (!issuer)
      return { ok: false, reason: 'UNTRUSTED_CHAIN', detail: 'no issuer for the revocation check' };
    const status = await this.revocation.check(signer, issuer);
    const later = input.at === 'later';
    if (status.status === 'REVOKED') {
      if (later && status.revokedAt > input.signedAt) {
        return { ...result, revocation: { status: 'REVOKED_LATER', at: status.revokedAt } };
      }
      return {
        ok: false,
        reason: 'REVOKED',
        detail: `revoked ${status.revokedAt.toISOString()} (${status.source})`,
      };
    }
    if (status.status === 'UNKNOWN') {
      if (later || this.settings.revocationSoftFail) {
        this.logger.warn(`Revocation status of ${signer.serialNumber} unknown: ${status.detail}`);
        return { ...result, revocation: { status: 'UNKNOWN' } };
      }
      return { ok: false, reason: 'REVOCATION_UNKNOWN', detail: status.detail };
    }
    return { ...result, revocation: { status: 'GOOD' } };
  }
}
