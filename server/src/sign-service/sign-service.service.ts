import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type CacheItem,
  type CacheProvider,
  type Profile,
  SAML,
  ValidateInResponseTo,
} from '@node-saml/passport-saml';
import { createPrivateKey, randomUUID, sign as rsaSign, X509Certificate } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { assertionFacts, authnContextClassRef, SamlService } from '../auth/saml/saml.service.js';
import { PgSamlCacheProvider, SAML_REQUEST_TTL_MS } from '../auth/saml/pg-cache-provider.js';
import { DEFAULT_LOA, HSA_ID_ATTRIBUTE, loaLabel, meetsLoa } from '../common/auth/assurance.js';
import { Clock } from '../common/clock.js';
import { ProblemException } from '../common/problem.js';
import { isUuid } from '../common/uuid.js';
import { APP_CONFIG, type AppConfig, type SignServiceSettings } from '../config/app-config.js';
import { issuePersonCertificate } from '../signing/crypto/certificates.js';
import {
  DSS_BINDING,
  readSignRequest,
  RESULT,
  SIG_STATUS,
  SIGNATURE_ALGORITHM,
  type SignRequestData,
  signResponseXml,
  type SignResponseInput,
} from '../signing/dss/dss-messages.js';
import { signXml, verifySignedXml, XmlMessageError } from '../signing/dss/dss-xml.js';

/** Clock skew allowed on the SignRequest's times and the IdP's assertion. */
const SKEW_MS = 60_000;
/**
 * An issued certificate is valid from this long before it is issued: the signing time in the
 * signed attributes is the requester's, taken when it made the SignRequest, before the signer
 * authenticated (at most the sign request's 10 minutes earlier).
 */
const BACKDATE_MS = 15 * 60_000;

interface TaskRow {
  id: string;
  requester: string;
  dssRequestId: string;
  relayState: string;
  returnUrl: string;
  signerHsaId: string;
  loa: string;
  signRequest: string;
  authnRequestId: string | null;
  createdAt: Date;
  expiresAt: Date;
  completedAt: Date | null;
}

const TASK_COLUMNS = `id, requester, dss_request_id AS "dssRequestId", relay_state AS "relayState",
  return_url AS "returnUrl", signer_hsa_id AS "signerHsaId", loa, sign_request AS "signRequest",
  authn_request_id AS "authnRequestId", created_at AS "createdAt", expires_at AS "expiresAt",
  completed_at AS "completedAt"`;

/** A SignResponse to post back to the requester through the browser. */
export interface PostBack {
  returnUrl: string;
  fields: { Binding: string; RelayState: string; EidSignResponse: string };
}

export const signServiceRefusal = (status: HttpStatus, detail: string) =>
  new ProblemException(status, 'sign-service-refused', detail);

/** The attributes a SITHS IdP gives a person's names under (Sambi: OIDs; some IdPs: short names). */
const GIVEN_NAME = ['urn:oid:2.5.4.42', 'givenName'];
const SURNAME = ['urn:oid:2.5.4.4', 'sn', 'surname'];

function attribute(profile: Profile, names: string[]): string | undefined {
  for (const name of names) {
    const value = profile[name];
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string' && first.trim()) return first.trim();
  }
  return undefined;
}

/**
 * BEH's own signing service (SIGNING_PROVIDER=federated), the other half of Sweden Connect's DSS
 * extension: it takes a SignRequest signed by a requester it knows (BEH itself), signs the signer
 * in at the IdP afresh (ForceAuthn, the requested level of assurance, the SignMessage in the
 * AuthnRequest's extensions), checks that the person who authenticated is the one the request
 * names, issues a short-lived signing certificate for them from the configured CA, signs the
 * requested bytes with its key (which is then dropped) and posts a signed SignResponse back.
 *
 * What it keeps (sign_service_request) makes each SignRequest usable once and each AuthnRequest
 * answer usable once; the CA key comes from configuration (PEM or PKCS#12). An HSM or a KMS would
 * replace `issue` below: the CA key would sign the certificate there, and the signer's key would be
 * made and used there too.
 */
@Injectable()
export class SignServiceService {
  private readonly logger = new Logger('SignService');
  private readonly settings: SignServiceSettings | undefined;
  private readonly cache: PgSamlCacheProvider;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly saml: SamlService,
    private readonly clock: Clock,
  ) {
    this.settings = config.signing.signService;
    this.cache = new PgSamlCacheProvider(db, SAML_REQUEST_TTL_MS);
  }

  get enabled(): boolean {
    return this.settings !== undefined;
  }

  /** SAML for one sign request: the IdP as BEH knows it, this service as the SP. */
  private samlFor(loa: string, signMessage: string | undefined, cache: CacheProvider): SAML {
    const s = this.settings!;
    const idp = this.saml.identityProvider();
    if (!idp) {
      throw signServiceRefusal(
        HttpStatus.SERVICE_UNAVAILABLE,
        'Inloggningstjänsten (IdP) går inte att nå just nu. Försök igen om en stund.',
      );
    }
    return new SAML({
      entryPoint: idp.ssoUrl,
      issuer: s.entityId,
      audience: s.entityId,
      callbackUrl: s.acsUrl,
      idpCert: idp.certs,
      idpIssuer: idp.entityId,
      wantAssertionsSigned: true,
      wantAuthnResponseSigned: false,
      validateInResponseTo: ValidateInResponseTo.always,
      requestIdExpirationPeriodMs: SAML_REQUEST_TTL_MS,
      cacheProvider: cache,
      acceptedClockSkewMs: SKEW_MS,
      identifierFormat: null,
      // A signature needs a fresh authentication, at the requested level as a minimum.
      forceAuthn: true,
      authnContext: [loa],
      racComparison: 'minimum',
      signatureAlgorithm: 'sha256',
      digestAlgorithm: 'sha256',
      privateKey: s.key,
      publicCert: s.cert,
      ...(signMessage !== undefined
        ? {
            samlAuthnRequestExtensions: {
              'csig:SignMessage': {
                '@xmlns:csig': 'http://id.elegnamnden.se/csig/1.1/dss-ext/ns',
                '@MimeType': 'text',
                '@MustShow': 'true',
                'csig:Message': Buffer.from(signMessage, 'utf8').toString('base64'),
              },
            },
          }
        : {}),
    });
  }

  /** This service's SAML SP metadata, for the IdP (its ACS, its certificate). */
  metadata(): string {
    const s = this.settings!;
    return this.samlFor(DEFAULT_LOA, undefined, this.cache).generateServiceProviderMetadata(s.cert, s.cert);
  }

  /**
   * A SignRequest posted by the signer's browser: checked (signed by a known requester, for this
   * service, in time, answered to that requester's own address), kept, and answered with the
   * redirect to the IdP. A request that cannot be trusted is refused here (no SignResponse goes
   * anywhere); one that is the requester's but cannot be served is answered with an error
   * SignResponse.
   */
  async accept(form: Record<string, unknown>): Promise<{ redirect: string } | PostBack> {
    const s = this.settings!;
    if (form.Binding !== DSS_BINDING || typeof form.EidSignRequest !== 'string') {
      throw signServiceRefusal(HttpStatus.BAD_REQUEST, 'Signeringsbegäran saknas eller har fel form.');
    }
    if (!this.saml.identityProvider()) {
      // Before anything is kept: the same SignRequest can be posted again once the IdP is known.
      throw signServiceRefusal(
        HttpStatus.SERVICE_UNAVAILABLE,
        'Inloggningstjänsten (IdP) går inte att nå just nu. Försök igen om en stund.',
      );
    }
    const xml = Buffer.from(form.EidSignRequest, 'base64').toString('utf8');
    const relayState = typeof form.RelayState === 'string' ? form.RelayState.slice(0, 256) : '';
    const request = this.trustedRequest(xml);
    const requester = s.requesters.get(request.signRequester)!;
    const now = this.clock.now();
    const answer = (minor: string, message: string) =>
      this.postBack(requester.returnUrl, relayState, {
        requestId: request.requestId,
        resultMajor: RESULT.requesterError,
        resultMinor: minor,
        resultMessage: message,
        responseTime: now,
        request: xml,
      });
    if (request.signService !== s.entityId) {
      throw signServiceRefusal(
        HttpStatus.BAD_REQUEST,
        'Signeringsbegäran är ställd till en annan signeringstjänst.',
      );
    }
    if (request.returnUrl !== requester.returnUrl) {
      throw signServiceRefusal(
        HttpStatus.BAD_REQUEST,
        'Signeringsbegäran vill ha svaret till en okänd adress.',
      );
    }
    if (
      now.getTime() + SKEW_MS < request.notBefore.getTime() ||
      now.getTime() - SKEW_MS >= request.notOnOrAfter.getTime()
    ) {
      return answer(SIG_STATUS.requestExpired, 'Signeringsbegäran har gått ut.');
    }
    const idp = this.saml.identityProvider();
    if (idp?.entityId && request.identityProvider !== idp.entityId) {
      return answer(SIG_STATUS.securityViolation, 'Signeringsbegäran nämner en annan inloggningstjänst.');
    }
    if (request.signatureAlgorithm !== SIGNATURE_ALGORITHM) {
      return answer(SIG_STATUS.securityViolation, 'Signaturalgoritmen stöds inte.');
    }
    const id = randomUUID();
    // TypeORM answers an INSERT … RETURNING with the rows alone.
    const inserted = await this.db.query<{ id: string }[]>(
      `INSERT INTO sign_service_request (id, requester, dss_request_id, relay_state, return_url, signer_hsa_id, loa,
         sign_request, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (requester, dss_request_id) DO NOTHING RETURNING id`,
      [
        id,
        request.signRequester,
        request.requestId,
        relayState,
        request.returnUrl,
        request.signerHsaId,
        request.loa,
        xml,
        request.notOnOrAfter,
      ],
    );
    if (inserted.length !== 1) {
      // The same SignRequest again (a reload, or a replay): it was signed or refused once.
      throw signServiceRefusal(
        HttpStatus.CONFLICT,
        'Signeringsbegäran har redan tagits emot. Börja om från beställningen.',
      );
    }
    // The AuthnRequest's id, as node-saml keeps it: the answer must be to this one.
    let authnRequestId: string | undefined;
    const recording: CacheProvider = {
      saveAsync: async (key: string, value: string): Promise<CacheItem | null> => {
        authnRequestId = key;
        return this.cache.saveAsync(key, value);
      },
      getAsync: (key: string) => this.cache.getAsync(key),
      removeAsync: (key: string | null) => this.cache.removeAsync(key),
    };
    const redirect = await this.samlFor(request.loa, request.signMessage, recording).getAuthorizeUrlAsync(
      id,
      undefined,
      {},
    );
    await this.db.query('UPDATE sign_service_request SET authn_request_id = $2 WHERE id = $1', [
      id,
      authnRequestId,
    ]);
    return { redirect };
  }

  /** Verifies the SignRequest's signature with the certificate of the requester it names. */
  private trustedRequest(xml: string): SignRequestData {
    let lastError = 'no requester is configured';
    for (const [entityId, requester] of this.settings!.requesters) {
      try {
        const request = readSignRequest(
          verifySignedXml(xml, 'SignRequest', 'OptionalInputs', [requester.cert]),
        );
        if (request.signRequester === entityId) return request;
        lastError = `signed by ${entityId}'s key but names ${request.signRequester}`;
      } catch (error) {
        if (!(error instanceof XmlMessageError)) throw error;
        lastError = error.message;
      }
    }
    this.logger.warn(`SignRequest refused: ${lastError}`);
    throw signServiceRefusal(
      HttpStatus.BAD_REQUEST,
      'Signeringsbegäran kunde inte kontrolleras och har inte använts.',
    );
  }

  /**
   * The IdP's answer for a sign request (RelayState = its id): the assertion must be the IdP's, to
   * the AuthnRequest sent for this sign request, at the requested level, for the person the
   * request names. Then the certificate is issued, the bytes signed and the SignResponse made.
   */
  async consume(body: Record<string, unknown>): Promise<PostBack> {
    const relayState = typeof body.RelayState === 'string' ? body.RelayState : '';
    const task = await this.claim(relayState);
    const now = this.clock.now();
    const request = readSignRequest(
      verifySignedXml(task.signRequest, 'SignRequest', 'OptionalInputs', [
        this.settings!.requesters.get(task.requester)!.cert,
      ]),
    );
    const base = { requestId: task.dssRequestId, responseTime: now, request: task.signRequest };
    const refuse = async (outcome: string, minor: string, message: string) => {
      await this.finish(task.id, outcome);
      return this.postBack(task.returnUrl, task.relayState, {
        ...base,
        resultMajor: RESULT.requesterError,
        resultMinor: minor,
        resultMessage: message,
      });
    };
    if (now >= task.expiresAt)
      return refuse('EXPIRED', SIG_STATUS.requestExpired, 'Signeringsbegäran har gått ut.');
    let profile: Profile | null;
    try {
      ({ profile } = await this.samlFor(task.loa, undefined, this.cache).validatePostResponseAsync(
        body as Record<string, string>,
      ));
    } catch (error) {
      this.logger.warn(
        `Sign-in for sign request ${task.id} refused: ${error instanceof Error ? error.message : String(error)}`,
      );
      await this.release(task.id);
      throw signServiceRefusal(
        HttpStatus.UNAUTHORIZED,
        'Inloggningen kunde inte kontrolleras. Börja om från beställningen.',
      );
    }
    if (!profile || profile.inResponseTo !== task.authnRequestId) {
      await this.release(task.id);
      throw signServiceRefusal(HttpStatus.UNAUTHORIZED, 'Inloggningen hör inte till den här signeringen.');
    }
    const idp = this.saml.identityProvider();
    if (idp?.entityId && profile.issuer !== idp.entityId) {
      await this.release(task.id);
      throw signServiceRefusal(
        HttpStatus.UNAUTHORIZED,
        'Inloggningen kommer från en okänd inloggningstjänst.',
      );
    }
    const given = authnContextClassRef(profile);
    if (!meetsLoa(task.loa, given)) {
      return refuse(
        'LOA_TOO_LOW',
        SIG_STATUS.authnFailed,
        `Inloggningen hade ${given ? loaLabel(given) : 'ingen tillitsnivå'}, men ${loaLabel(task.loa)} krävs för att signera.`,
      );
    }
    const hsaId = attribute(profile, [HSA_ID_ATTRIBUTE]);
    if (hsaId !== task.signerHsaId) {
      return refuse(
        'WRONG_SIGNER',
        SIG_STATUS.signerMismatch,
        'Du loggade in som en annan person än den som ska signera.',
      );
    }
    // ForceAuthn asks for a new authentication; an IdP that answered from an older one is refused.
    const facts = assertionFacts(profile);
    if (!facts.authnInstant || facts.authnInstant.getTime() < task.createdAt.getTime() - SKEW_MS) {
      return refuse(
        'NOT_FRESH',
        SIG_STATUS.authnFailed,
        'Inloggningen var inte ny: legitimera dig med SITHS-kortet igen för att signera.',
      );
    }
    const issued = await this.issue(hsaId, profile, now);
    const signature = rsaSign('sha256', request.signTask.toBeSignedBytes, issued.key);
    await this.finish(task.id, 'SIGNED');
    this.logger.log(`Signed sign request ${task.id} for ${hsaId} with certificate ${issued.serialNumber}`);
    return this.postBack(task.returnUrl, task.relayState, {
      ...base,
      resultMajor: RESULT.success,
      signer: {
        identityProvider: profile.issuer,
        authnInstant: facts.authnInstant,
        loa: given!,
        assertionRef: facts.id ?? '',
        hsaId,
      },
      certificateChain: issued.chain,
      signTask: {
        id: request.signTask.id,
        toBeSignedBytes: request.signTask.toBeSignedBytes,
        signature,
        signatureType: SIGNATURE_ALGORITHM,
      },
    });
  }

  /** The sign request of an IdP answer, locked for it: unanswered and known, or refused. */
  private async claim(id: string): Promise<TaskRow> {
    if (!isUuid(id)) {
      throw signServiceRefusal(HttpStatus.BAD_REQUEST, 'Inloggningen hör inte till någon signering.');
    }
    const [rows] = await this.db.query<[TaskRow[], number]>(
      `UPDATE sign_service_request SET outcome = 'IN_PROGRESS', completed_at = now()
       WHERE id = $1 AND completed_at IS NULL RETURNING ${TASK_COLUMNS}`,
      [id],
    );
    if (!rows[0]) {
      const [known] = await this.db.query<unknown[]>('SELECT 1 FROM sign_service_request WHERE id = $1', [
        id,
      ]);
      throw known
        ? signServiceRefusal(
            HttpStatus.CONFLICT,
            'Signeringen är redan gjord eller avbruten. Börja om från beställningen.',
          )
        : signServiceRefusal(HttpStatus.BAD_REQUEST, 'Inloggningen hör inte till någon signering.');
    }
    return rows[0];
  }

  private async finish(id: string, outcome: string): Promise<void> {
    await this.db.query('UPDATE sign_service_request SET outcome = $2, completed_at = now() WHERE id = $1', [
      id,
      outcome,
    ]);
  }

  /** An answer that was not the IdP's (forged, replayed) does not use the sign request up. */
  private async release(id: string): Promise<void> {
    await this.db.query(
      `UPDATE sign_service_request SET outcome = NULL, completed_at = NULL WHERE id = $1 AND outcome = 'IN_PROGRESS'`,
      [id],
    );
  }

  /** A signing certificate for the person, valid for minutes, and its key (never stored). */
  private async issue(hsaId: string, profile: Profile, now: Date) {
    const s = this.settings!;
    const caKey = createPrivateKey(s.ca.privateKey).export({ type: 'pkcs8', format: 'der' });
    const given = attribute(profile, GIVEN_NAME);
    const surname = attribute(profile, SURNAME);
    const issued = await issuePersonCertificate(
      { certificate: s.ca.certificate, privateKey: caKey },
      { hsaId, firstName: given ?? '', lastName: surname ?? '' },
      {
        notBefore: new Date(now.getTime() - BACKDATE_MS),
        notAfter: new Date(now.getTime() + s.certificateMinutes * 60_000),
      },
      // Without an OCSP responder or CRL for the CA, the certificate says so (RFC 9608): it lives minutes.
      { ocspUrl: s.ocspUrl, crlUrl: s.crlUrl, noRevocation: !s.ocspUrl && !s.crlUrl },
    );
    const key = createPrivateKey({ key: issued.privateKey, format: 'der', type: 'pkcs8' });
    return {
      key,
      serialNumber: new X509Certificate(issued.certificate).serialNumber,
      chain: [issued.certificate, s.ca.certificate, ...s.ca.chain],
    };
  }

  private postBack(returnUrl: string, relayState: string, response: SignResponseInput): PostBack {
    const s = this.settings!;
    const signed = signXml(signResponseXml(response), s.key, s.cert, "/*/*[local-name()='OptionalOutputs']");
    return {
      returnUrl,
      fields: {
        Binding: DSS_BINDING,
        RelayState: relayState,
        EidSignResponse: Buffer.from(signed, 'utf8').toString('base64'),
      },
    };
  }
}
