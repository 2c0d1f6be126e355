import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type Profile,
  SAML,
  type SamlConfig,
  Strategy,
  ValidateInResponseTo,
  type VerifiedCallback,
} from '@node-saml/passport-saml';
import type { Request, Response } from 'express';
import passport from 'passport';
import type { DataSource } from 'typeorm';
import { HSA_ID_ATTRIBUTE, meetsLoa } from '../../common/auth/assurance.js';
import { APP_CONFIG, type AppConfig, type SamlSettings } from '../../config/app-config.js';
import { type IdpDescription, parseIdpMetadata, readIdpMetadata } from './idp-metadata.js';
import { PgSamlCacheProvider, SAML_REQUEST_TTL_MS as REQUEST_TTL_MS } from './pg-cache-provider.js';

/** The attribute the regional IdP names the person's HSA-id with: the key to the directory. */
export { HSA_ID_ATTRIBUTE } from '../../common/auth/assurance.js';

/** Tolerated clock difference between the IdP and us. */
const CLOCK_SKEW_MS = 60_000;

/**
 * Who the IdP said signed in, as a logout must name them: the assertion's NameID (and its format)
 * and the AuthnStatement's SessionIndex. Kept with the session (user_session.saml_*).
 */
export interface SamlSubject {
  nameId: string;
  nameIdFormat: string | null;
  sessionIndex: string | null;
}

/** What came to the single logout endpoint. */
export type SloOutcome =
  /** The IdP ends the person's sessions: `answer` is the signed LogoutResponse's redirect. */
  | { kind: 'logout-request'; subject: SamlSubject; answer(success: boolean): Promise<string> }
  /** The IdP's answer to our LogoutRequest. */
  | { kind: 'logout-response' }
  | { kind: 'invalid'; reason: string };

export type SamlOutcome =
  | { kind: 'verified'; hsaId: string; subject: SamlSubject | undefined }
  | { kind: 'no-hsa-id' }
  /** Signed, valid and ours, but the person authenticated at a lower level than required. */
  | { kind: 'low-assurance'; required: string; given: string | undefined }
  | { kind: 'invalid'; reason: string };

interface VerifiedUser extends Record<string, unknown> {
  hsaId?: string;
  subject?: SamlSubject;
  /** The assertion's AuthnContextClassRef when it is below the required level (or missing). */
  lowAssurance?: { given: string | undefined };
}

/** The strategy and node-saml instances made for one description of the IdP. */
interface Wired {
  idp: IdpDescription;
  strategy: Strategy;
  authenticator: passport.Authenticator;
  /** node-saml itself, for single logout (passport's strategy ends it through passport sessions). */
  slo?: SAML;
  /**
   * The same for the IdP's LogoutResponses, without InResponseTo: node-saml looks for it on a
   * `Response` only, so it finds none on a posted `LogoutResponse` and would refuse every one. A
   * LogoutResponse changes nothing in BEH (the session ended when the person signed out); it is
   * only checked to be the IdP's, signed, and leads back to the sign-in page.
   */
  sloResponses?: SAML;
}

/**
 * SAML 2.0 Web SSO with @node-saml/passport-saml: assertions must be signed by the configured IdP
 * certificate, be for our entity id (audience), be within their validity, and answer an
 * AuthnRequest we sent (InResponseTo, kept in PostgreSQL and usable once). Unsolicited
 * (IdP-initiated) responses are refused for the same reason. The IdP is described by SAML_IDP_*
 * or by its SAML metadata, read from a URL or a file and refreshed (idp-metadata.ts).
 */
@Injectable()
export class SamlService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('SamlService');
  private readonly settings: SamlSettings | undefined;
  private readonly cache: PgSamlCacheProvider | undefined;
  /** Made from SAML_IDP_* at once, or from the IdP's metadata once read (and again when it changes). */
  private wired: Wired | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;

  constructor(@Inject(APP_CONFIG) config: AppConfig, @InjectDataSource() db: DataSource) {
    this.settings = config.auth.saml;
    if (!this.settings) return;
    const s = this.settings;
    this.cache = new PgSamlCacheProvider(db, REQUEST_TTL_MS);
    if (s.idpSsoUrl && s.idpCert) {
      this.wire({ entityId: s.idpEntityId, ssoUrl: s.idpSsoUrl, sloUrl: s.idpSloUrl, certs: [s.idpCert] });
    }
  }

  /**
   * With SAML_IDP_METADATA_URL or _FILE: reads the IdP's metadata before the first request, then
   * again every SAML_IDP_METADATA_REFRESH_MINUTES. A file that cannot be read or used stops the
   * start (it is the configuration); a URL that cannot be reached leaves SAML sign-in unavailable
   * (503) and is tried again every minute until it answers.
   */
  async onModuleInit(): Promise<void> {
    const source = this.settings?.idpMetadata;
    if (!source) return;
    try {
      await this.refreshMetadata();
    } catch (error) {
      if (source.file) throw error;
      this.logger.error(
        `IdP metadata not loaded (${error instanceof Error ? error.message : String(error)}): SAML sign-in is unavailable until it is; tried again every minute`,
      );
    }
    this.scheduleRefresh();
  }

  onModuleDestroy(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
  }

  /**
   * Reads the IdP's metadata again and, when it describes the IdP otherwise (a new certificate in a
   * rollover, another address), uses it from the next request on. Answers whether it changed; a
   * metadata that cannot be read or used throws, and what was in use stays.
   */
  async refreshMetadata(): Promise<boolean> {
    const s = this.settings;
    const source = s?.idpMetadata;
    if (!s || !source) return false;
    const idp = parseIdpMetadata(await readIdpMetadata(source), s.idpEntityId);
    if (s.idpSloUrl) idp.sloUrl = s.idpSloUrl;
    if (this.wired && JSON.stringify(this.wired.idp) === JSON.stringify(idp)) return false;
    this.wire(idp);
    this.logger.log(
      `IdP metadata in use: ${idp.entityId}, ${idp.certs.length} signing certificate(s), single logout ${idp.sloUrl ? 'offered' : 'not offered'}`,
    );
    return true;
  }

  private scheduleRefresh(): void {
    const source = this.settings?.idpMetadata;
    if (!source) return;
    const minutes = this.wired ? source.refreshMinutes : 1;
    this.refreshTimer = setTimeout(() => {
      this.refreshMetadata()
        .catch((error: unknown) =>
          this.logger.warn(
            `IdP metadata not refreshed (${error instanceof Error ? error.message : String(error)}); the one in use stays`,
          ),
        )
        .finally(() => {
          if (this.refreshTimer) this.scheduleRefresh();
        });
    }, minutes * 60_000);
    this.refreshTimer.unref();
  }

  /** The IdP as now known (from SAML_IDP_* or its metadata); undefined until its metadata is read. */
  identityProvider(): IdpDescription | undefined {
    return this.wired?.idp;
  }

  /** Whether the IdP is known (always, but while its metadata has not yet been read). */
  get ready(): boolean {
    return this.wired !== undefined;
  }

  private wire(idp: IdpDescription): void {
    const s = this.settings!;
    const cache = this.cache!;
    // Our LogoutRequests must be signed, so single logout needs our key too.
    const slo = Boolean(idp.sloUrl && s.spPrivateKey);
    const options: SamlConfig = {
      entryPoint: idp.ssoUrl,
      issuer: s.spEntityId,
      audience: s.spEntityId,
      callbackUrl: s.acsUrl,
      // Every signing certificate the IdP has: during a rollover its old and its new one.
      idpCert: idp.certs,
      idpIssuer: idp.entityId,
      wantAssertionsSigned: true,
      // Many IdPs sign only the assertion; a signed assertion is what we rely on.
      wantAuthnResponseSigned: false,
      validateInResponseTo: ValidateInResponseTo.always,
      requestIdExpirationPeriodMs: REQUEST_TTL_MS,
      cacheProvider: cache,
      acceptedClockSkewMs: CLOCK_SKEW_MS,
      // No NameID format is asked for; the level of assurance is, as a minimum, and checked below.
      identifierFormat: null,
      authnContext: [s.loa],
      racComparison: 'minimum',
      signatureAlgorithm: 'sha256',
      digestAlgorithm: 'sha256',
      ...(s.spPrivateKey ? { privateKey: s.spPrivateKey, publicCert: s.spCert } : {}),
      // Single logout: in the metadata (SingleLogoutService) and for node-saml's logout messages.
      ...(slo ? { logoutUrl: idp.sloUrl, logoutCallbackUrl: s.sloUrl } : {}),
    };
    const strategy = new Strategy(
      {
        name: 'saml',
        ...options,
      },
      (profile: Profile | null, done: VerifiedCallback) => {
        const inResponseTo = profile?.inResponseTo;
        if (typeof inResponseTo !== 'string') return done(new Error('InResponseTo is missing'));
        // node-saml checks idpIssuer on logout messages only; the assertion's Issuer is checked here.
        if (idp.entityId && profile?.issuer !== idp.entityId) {
          return done(new Error(`Unexpected assertion issuer ${String(profile?.issuer)}`));
        }
        // The request is used up whatever the level: a response is good for one answer only.
        cache.claimSignIn(inResponseTo).then(
          (first) => {
            if (!first) return done(new Error('InResponseTo has already been used'));
            const given = authnContextClassRef(profile);
            if (!meetsLoa(s.loa, given)) return done(null, { lowAssurance: { given } });
            done(null, verifiedUser(profile));
          },
          (error: Error) => done(error),
        );
      },
      (_profile: Profile | null, done: VerifiedCallback) => done(null, {}),
    );
    const authenticator = new passport.Authenticator();
    // passport-saml is typed against its own copy of @types/express (v4); at run time it is the
    // passport Strategy it claims to be, so only the types need the bridge.
    authenticator.use('saml', strategy as unknown as passport.Strategy);
    this.wired = {
      idp,
      strategy,
      authenticator,
      ...(slo
        ? {
            slo: new SAML(options),
            sloResponses: new SAML({ ...options, validateInResponseTo: ValidateInResponseTo.never }),
          }
        : {}),
    };
  }

  /** Whether single logout is configured (SAML_IDP_SLO_URL, or the IdP's metadata offers it). */
  get sloEnabled(): boolean {
    return this.wired?.slo !== undefined;
  }

  /** The redirect to the IdP with a signed LogoutRequest for a session's subject. */
  async logoutRedirect(subject: SamlSubject): Promise<string> {
    const slo = this.requireSlo();
    const profile: Profile = {
      issuer: this.wired?.idp.entityId ?? '',
      nameID: subject.nameId,
      nameIDFormat: subject.nameIdFormat ?? 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
      ...(subject.sessionIndex ? { sessionIndex: subject.sessionIndex } : {}),
    };
    return slo.getLogoutUrlAsync(profile, '', {});
  }

  /**
   * A message posted to the single logout endpoint (HTTP-POST binding, as our metadata says): the
   * IdP's LogoutRequest, or its LogoutResponse to ours. node-saml checks the XML signature with the
   * IdP's certificate (an unsigned message is refused), the issuer and the time (for a
   * LogoutResponse not its InResponseTo: see Wired.sloResponses).
   */
  async consumeLogout(body: unknown): Promise<SloOutcome> {
    const slo = this.requireSlo();
    const form = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const request = typeof form.SAMLRequest === 'string';
    if (!request && typeof form.SAMLResponse !== 'string') {
      return { kind: 'invalid', reason: 'neither SAMLRequest nor SAMLResponse' };
    }
    const fields = Object.fromEntries(
      ['SAMLRequest', 'SAMLResponse', 'RelayState']
        .filter((name) => typeof form[name] === 'string')
        .map((name) => [name, form[name] as string]),
    );
    try {
      if (!request) {
        const { loggedOut } = await this.wired!.sloResponses!.validatePostResponseAsync(fields);
        // A sign-in's Response posted here is no logout.
        return loggedOut ? { kind: 'logout-response' } : { kind: 'invalid', reason: 'not a LogoutResponse' };
      }
      const { profile, loggedOut } = await slo.validatePostRequestAsync(fields);
      const subject = loggedOut ? subjectOf(profile) : undefined;
      if (!profile || !subject) return { kind: 'invalid', reason: 'LogoutRequest without NameID' };
      return {
        kind: 'logout-request',
        subject,
        answer: (success) => slo.getLogoutResponseUrlAsync(profile, fields.RelayState ?? '', {}, success),
      };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn(`SAML logout message refused: ${reason}`);
      return { kind: 'invalid', reason };
    }
  }

  private requireSlo(): SAML {
    if (!this.wired?.slo) throw new Error('SAML single logout is not configured');
    return this.wired.slo;
  }

  get enabled(): boolean {
    return this.settings !== undefined;
  }

  /** Our SP metadata for the IdP: entity id, ACS URL and (when configured) our signing certificate. */
  metadata(): string {
    return this.requireWired().strategy.generateServiceProviderMetadata(null, this.settings?.spCert ?? null);
  }

  /** Answers with a redirect to the IdP carrying a new AuthnRequest and the (already safe) RelayState. */
  async login(req: Request, res: Response, relayState: string): Promise<void> {
    await this.run(req, res, { additionalParams: { RelayState: relayState } });
  }

  /** Validates the IdP's posted response. */
  async consume(req: Request, res: Response): Promise<SamlOutcome> {
    return this.run(req, res, {});
  }

  private requireWired(): Wired {
    if (!this.wired) throw new Error('SAML is not configured');
    return this.wired;
  }

  /**
   * Runs the passport strategy on this request. It ends either in the callback (a response was
   * validated or refused) or by answering the request itself (the redirect to the IdP).
   */
  private run(req: Request, res: Response, options: Record<string, unknown>): Promise<SamlOutcome> {
    const { authenticator } = this.requireWired();
    return new Promise<SamlOutcome>((resolve, reject) => {
      res.once('finish', () => resolve({ kind: 'invalid', reason: 'answered by the strategy' }));
      const middleware = authenticator.authenticate(
        'saml',
        { session: false, ...options },
        (error: unknown, user?: Express.User | false | null) => {
          if (error) {
            this.logger.warn(
              `SAML response refused: ${error instanceof Error ? error.message : String(error)}`,
            );
            resolve({ kind: 'invalid', reason: error instanceof Error ? error.message : 'unknown' });
            return;
          }
          const verified = (user || {}) as VerifiedUser;
          if (verified.lowAssurance) {
            const { given } = verified.lowAssurance;
            this.logger.warn(
              `SAML sign-in refused: level of assurance ${given ?? '(none)'} is below ${this.settings?.loa}`,
            );
            resolve({ kind: 'low-assurance', required: this.settings?.loa ?? '', given });
            return;
          }
          const hsaId = typeof verified.hsaId === 'string' ? verified.hsaId : undefined;
          resolve(hsaId ? { kind: 'verified', hsaId, subject: verified.subject } : { kind: 'no-hsa-id' });
        },
      ) as (req: Request, res: Response, next: (err?: unknown) => void) => void;
      middleware(req, res, (err?: unknown) =>
        err ? reject(err) : resolve({ kind: 'invalid', reason: 'no result' }),
      );
    });
  }
}

function verifiedUser(profile: Profile | null): VerifiedUser {
  const value = profile?.[HSA_ID_ATTRIBUTE];
  const hsaId = Array.isArray(value) ? value[0] : value;
  if (typeof hsaId !== 'string' || hsaId.trim() === '') return {};
  return { hsaId: hsaId.trim(), subject: subjectOf(profile) };
}

/** Whom a sign-in's assertion or the IdP's LogoutRequest names; none without a NameID. */
function subjectOf(profile: Profile | null): SamlSubject | undefined {
  if (!profile?.nameID) return undefined;
  return {
    nameId: profile.nameID,
    nameIdFormat: profile.nameIDFormat || null,
    sessionIndex: typeof profile.sessionIndex === 'string' ? profile.sessionIndex : null,
  };
}

/** xml2js' form of an element as node-saml parses it (prefixes stripped, text under `_`). */
type Xml2Js = { _?: unknown } & { [child: string]: Xml2Js[] | unknown };

const children = (node: unknown, name: string): Xml2Js[] => {
  const value = node && typeof node === 'object' ? (node as Record<string, unknown>)[name] : undefined;
  return Array.isArray(value) ? (value as Xml2Js[]) : [];
};

/**
 * The level the person authenticated at: the AuthnContextClassRef of the assertion's
 * AuthnStatement. None, or several that disagree, is no level at all.
 */
export function authnContextClassRef(profile: Profile | null): string | undefined {
  const assertion = (profile?.getAssertion?.() as { Assertion?: unknown } | undefined)?.Assertion;
  const refs = children(assertion, 'AuthnStatement')
    .flatMap((statement) => children(statement, 'AuthnContext'))
    .flatMap((context) => children(context, 'AuthnContextClassRef'))
    .map((ref) => (typeof ref === 'string' ? ref : typeof ref._ === 'string' ? ref._ : '').trim())
    .filter(Boolean);
  return new Set(refs).size === 1 ? refs[0] : undefined;
}

/** The assertion's id and its AuthnStatement's instant: what a signing service reports of a sign-in. */
export function assertionFacts(profile: Profile): { id: string | undefined; authnInstant: Date | undefined } {
  const assertion = (profile.getAssertion?.() as { Assertion?: { $?: { ID?: unknown } } } | undefined)
    ?.Assertion;
  const instant = children(assertion, 'AuthnStatement')[0]?.$ as { AuthnInstant?: unknown } | undefined;
  const at = typeof instant?.AuthnInstant === 'string' ? new Date(instant.AuthnInstant) : undefined;
  return {
    id: typeof assertion?.$?.ID === 'string' ? assertion.$.ID : undefined,
    authnInstant: at && !Number.isNaN(at.getTime()) ? at : undefined,
  };
}
