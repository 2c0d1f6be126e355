/**
 * A SAML IdP for tests built on samlify (a maintained SAML 2.0 library, IdP and SP both): it reads
 * BEH's own SP metadata, parses and schema-validates BEH's AuthnRequest from the redirect (its
 * signature checked against the certificate in that metadata), and answers with a Response that
 * samlify builds and signs: InResponseTo, audience, recipient and validity from the request and the
 * metadata; the person's HSA-id and the level of assurance they authenticated at as the test says.
 */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { inflateRawSync } from 'node:zlib';
import { HSA_ID_ATTRIBUTE, IDP_ENTITY_ID, IDP_SSO_URL, type TestIdp } from './saml-idp.js';

/**
 * What is used of samlify, typed here: its own declarations pull in @xmldom's `lib="dom"`, whose
 * global Crypto and BufferSource then clash with Node's in the server's code (tsc -p tsconfig.json).
 */
interface Entity {
  entitySetting: { generateID?(): string };
  entityMeta: { getEntityID(): string; getAssertionConsumerService(binding: string): string | string[] };
}
interface IdentityProvider extends Entity {
  getMetadata(): string;
  parseLoginRequest(sp: Entity, binding: 'redirect', request: RedirectRequest): Promise<unknown>;
  parseLogoutRequest(sp: Entity, binding: 'redirect', request: RedirectRequest): Promise<Parsed>;
  parseLogoutResponse(sp: Entity, binding: 'redirect', request: RedirectRequest): Promise<Parsed>;
  createLogoutRequest(
    sp: Entity,
    binding: 'post',
    user: { logoutNameID: string; sessionIndex?: string },
  ): { id: string; context: string };
  createLogoutResponse(sp: Entity, request: Parsed, binding: 'post'): { id: string; context: string };
  createLoginResponse(
    sp: Entity,
    request: unknown,
    binding: 'post',
    user: object,
    customTagReplacement: () => { id: string; context: string },
  ): Promise<{ context: string }>;
}
interface Parsed {
  samlContent: string;
  extract: Record<string, unknown> & { request?: { id: string }; response?: Record<string, string> };
}
interface Samlify {
  setSchemaValidator(validator: unknown): void;
  IdentityProvider(settings: Record<string, unknown>): IdentityProvider;
  ServiceProvider(settings: Record<string, unknown> & { metadata: string }): Entity;
  Constants: { namespace: { binding: Record<'redirect' | 'post', string> }; StatusCode: { Success: string } };
  SamlLib: { replaceTagsByValue(template: string, values: Record<string, string>): string };
}
interface RedirectRequest {
  query: Record<string, string>;
  octetString: string;
}

const require = createRequire(import.meta.url);
const samlify = require('samlify') as Samlify;
samlify.setSchemaValidator(require('@authenio/samlify-node-xmllint'));

const { binding } = samlify.Constants.namespace;

/** The IdP's single logout service (SAML_IDP_SLO_URL): BEH's LogoutRequests go there. */
export const IDP_SLO_URL = 'https://idp.test.example/slo';

/**
 * The Response samlify fills in (its tags in braces, every value XML-escaped by samlify): one
 * AuthnStatement with the level as AuthnContextClassRef (or, for a level-less answer, only a
 * declaration reference), and the HSA-id attribute.
 */
const RESPONSE_TEMPLATE =
  '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="{ID}" Version="2.0" IssueInstant="{IssueInstant}" Destination="{Destination}" InResponseTo="{InResponseTo}">' +
  '<saml:Issuer>{Issuer}</saml:Issuer><samlp:Status><samlp:StatusCode Value="{StatusCode}"/></samlp:Status>' +
  '<saml:Assertion ID="{AssertionID}" Version="2.0" IssueInstant="{IssueInstant}"><saml:Issuer>{Issuer}</saml:Issuer>' +
  '<saml:Subject><saml:NameID Format="{NameIDFormat}">{NameID}</saml:NameID><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">' +
  '<saml:SubjectConfirmationData NotOnOrAfter="{SubjectConfirmationDataNotOnOrAfter}" Recipient="{SubjectRecipient}" InResponseTo="{InResponseTo}"/></saml:SubjectConfirmation></saml:Subject>' +
  '<saml:Conditions NotBefore="{ConditionsNotBefore}" NotOnOrAfter="{ConditionsNotOnOrAfter}"><saml:AudienceRestriction><saml:Audience>{Audience}</saml:Audience></saml:AudienceRestriction></saml:Conditions>' +
  '<saml:AuthnStatement AuthnInstant="{AuthnInstant}" SessionIndex="{SessionIndex}"><saml:AuthnContext>{AuthnContext}</saml:AuthnContext></saml:AuthnStatement>' +
  `<saml:AttributeStatement><saml:Attribute Name="${HSA_ID_ATTRIBUTE}"><saml:AttributeValue>{HsaId}</saml:AttributeValue></saml:Attribute>{Names}</saml:AttributeStatement>` +
  '</saml:Assertion></samlp:Response>';

const AUTHN_CONTEXT = {
  classRef: '<saml:AuthnContextClassRef>{Loa}</saml:AuthnContextClassRef>',
  none: '<saml:AuthnContextDeclRef>urn:beh:test:no-level</saml:AuthnContextDeclRef>',
};

export interface LibraryIdp {
  /** What BEH asked for in the AuthnRequest the redirect carries, as samlify read it. */
  readRequest(location: string): Promise<ParsedRequest>;
  /**
   * The base64 SAMLResponse to the AuthnRequest in `location`, for the person at `loa` (none: no
   * AuthnStatement's class), and the subject it names (a new NameID and SessionIndex each time).
   */
  respond(location: string, person: Person, options?: ResponseOptions): Promise<SignedInSubject>;
  /** A response to no AuthnRequest of BEH's: unsolicited, or naming a request BEH never sent. */
  respondUnasked(person: { hsaId: string; loa?: string }, inResponseTo?: string): Promise<SignedInSubject>;
  /**
   * The IdP's own LogoutRequest for a subject, to post to BEH's single logout endpoint (HTTP-POST,
   * the binding BEH's metadata names).
   */
  logoutRequest(
    subject: { nameId: string; sessionIndex?: string },
    options?: { signed?: boolean },
  ): LogoutMessage;
  /** BEH's LogoutRequest in a redirect, its signature checked: whom it names. */
  readLogoutRequest(
    location: string,
  ): Promise<{ id: string; nameId: string; sessionIndex: string | undefined }>;
  /** The IdP's LogoutResponse (Success) to BEH's LogoutRequest in `location`, to post back to BEH. */
  answerLogoutRequest(location: string, options?: { signed?: boolean }): Promise<{ SAMLResponse: string }>;
  /** BEH's LogoutResponse in a redirect, its signature checked. */
  readLogoutResponse(location: string): Promise<{ inResponseTo: string; xml: string }>;
}

/** Whom the IdP vouches for: the HSA-id, the level (none: no AuthnContextClassRef) and names if given. */
export interface Person {
  hsaId: string;
  loa?: string;
  givenName?: string;
  surname?: string;
}

const escapeXml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** What a test makes the IdP say otherwise than a correct answer would. */
export interface ResponseOptions {
  audience?: string;
  issuer?: string;
  /** Shifts the assertion's validity window: negative = in the past. */
  offsetMinutes?: number;
  /** Signs the Response as a whole too, around the signed assertion. */
  signWhole?: boolean;
  /** The person authenticated this long before the answer (an IdP that ignored ForceAuthn). */
  authnMinutesAgo?: number;
}

export interface SignedInSubject {
  samlResponse: string;
  nameId: string;
  sessionIndex: string;
}

export interface LogoutMessage {
  id: string;
  /** The form to post. */
  form: { SAMLRequest: string };
}

export interface ParsedRequest {
  id: string;
  xml: string;
}

const iso = (at: Date) => at.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The redirect's query as samlify wants it: the values, and the signed octet string. */
function redirectRequest(location: string): RedirectRequest {
  const url = new URL(location);
  const raw = url.search.slice(1);
  return {
    query: Object.fromEntries(url.searchParams),
    octetString: raw
      .split('&')
      .filter((part) => !part.startsWith('Signature='))
      .join('&'),
  };
}

/** samlify's IdP with these keys, as the federation knows it. */
const identityProvider = (keys: TestIdp) =>
  samlify.IdentityProvider({
    entityID: IDP_ENTITY_ID,
    privateKey: keys.key,
    signingCert: keys.cert,
    wantAuthnRequestsSigned: true,
    singleSignOnService: [{ Binding: binding.redirect, Location: IDP_SSO_URL }],
    singleLogoutService: [{ Binding: binding.redirect, Location: IDP_SLO_URL }],
    nameIDFormat: ['urn:oasis:names:tc:SAML:2.0:nameid-format:transient'],
  });

/** The IdP's SAML metadata as samlify publishes it: entity id, signing certificate, SSO and SLO. */
export const idpMetadataXml = (keys: TestIdp): string => identityProvider(keys).getMetadata();

/** `spMetadata`: what BEH serves at /api/auth/saml/metadata. */
export function createLibraryIdp(keys: TestIdp, spMetadata: string): LibraryIdp {
  const idp = identityProvider(keys);
  const sp = samlify.ServiceProvider({
    metadata: spMetadata,
    wantLogoutRequestSigned: true,
    wantLogoutResponseSigned: true,
  });
  // The same SP, to which the IdP sends its logout messages unsigned (a refusal to test).
  const spUnsigned = samlify.ServiceProvider({
    metadata: spMetadata,
    wantLogoutRequestSigned: false,
    wantLogoutResponseSigned: false,
  });

  const parse = async (location: string) => {
    const parsed = await idp.parseLoginRequest(sp, 'redirect', redirectRequest(location));
    return parsed as { samlContent: string; extract: { request: { id: string } } };
  };

  // The same SP, asking for the whole Response signed too.
  const spWhole = samlify.ServiceProvider({ metadata: spMetadata, wantMessageSigned: true });

  const answer = async (
    parsed: unknown,
    inResponseTo: string | undefined,
    person: Person,
    options: ResponseOptions,
  ): Promise<SignedInSubject> => {
    const now = new Date(Date.now() + (options.offsetMinutes ?? 0) * 60_000);
    const later = new Date(now.getTime() + 5 * 60_000);
    const nameId = `_${randomUUID()}`;
    const sessionIndex = `_${randomUUID()}`;
    const names = [
      ['urn:oid:2.5.4.42', person.givenName],
      ['urn:oid:2.5.4.4', person.surname],
    ]
      .filter(([, value]) => value)
      .map(
        ([name, value]) =>
          `<saml:Attribute Name="${name}"><saml:AttributeValue>${escapeXml(value!)}</saml:AttributeValue></saml:Attribute>`,
      )
      .join('');
    const template = RESPONSE_TEMPLATE.replace(
      '{AuthnContext}',
      person.loa ? AUTHN_CONTEXT.classRef : AUTHN_CONTEXT.none,
    ).replace('{Names}', names);
    const to = options.signWhole ? spWhole : sp;
    const { context } = await idp.createLoginResponse(to, parsed, 'post', {}, () => {
      const acs = sp.entityMeta.getAssertionConsumerService(binding.post) as string;
      const values: Record<string, string | undefined> = {
        ID: idp.entitySetting.generateID!(),
        AssertionID: idp.entitySetting.generateID!(),
        Destination: acs,
        SubjectRecipient: acs,
        Audience: options.audience ?? sp.entityMeta.getEntityID(),
        Issuer: options.issuer ?? idp.entityMeta.getEntityID(),
        IssueInstant: iso(now),
        AuthnInstant: iso(new Date(now.getTime() - (options.authnMinutesAgo ?? 0) * 60_000)),
        StatusCode: samlify.Constants.StatusCode.Success,
        ConditionsNotBefore: iso(new Date(now.getTime() - 60_000)),
        ConditionsNotOnOrAfter: iso(later),
        SubjectConfirmationDataNotOnOrAfter: iso(later),
        NameIDFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
        NameID: nameId,
        SessionIndex: sessionIndex,
        // Undefined: samlify leaves the attribute out (an unsolicited response).
        InResponseTo: inResponseTo,
        Loa: person.loa ?? '',
        HsaId: person.hsaId,
      };
      return {
        id: values.ID!,
        context: samlify.SamlLib.replaceTagsByValue(template, values as Record<string, string>),
      };
    });
    return { samlResponse: context, nameId, sessionIndex };
  };

  return {
    async readRequest(location) {
      const parsed = await parse(location);
      return { id: parsed.extract.request.id, xml: parsed.samlContent };
    },
    async respond(location, person, options = {}) {
      const parsed = await parse(location);
      return answer(parsed, parsed.extract.request.id, person, options);
    },
    async respondUnasked(person, inResponseTo) {
      return answer({}, inResponseTo, person, {});
    },
    logoutRequest(subject, options = {}) {
      const { id, context } = idp.createLogoutRequest(options.signed === false ? spUnsigned : sp, 'post', {
        logoutNameID: subject.nameId,
        ...(subject.sessionIndex ? { sessionIndex: subject.sessionIndex } : {}),
      });
      return { id, form: { SAMLRequest: context } };
    },
    async readLogoutRequest(location) {
      const parsed = await idp.parseLogoutRequest(sp, 'redirect', redirectRequest(location));
      const { extract } = parsed;
      return {
        id: extract.request!.id,
        nameId: extract.nameID as string,
        sessionIndex: (extract.sessionIndex as string | undefined) ?? undefined,
      };
    },
    async answerLogoutRequest(location, options = {}) {
      const parsed = await idp.parseLogoutRequest(sp, 'redirect', redirectRequest(location));
      const to = options.signed === false ? spUnsigned : sp;
      return { SAMLResponse: idp.createLogoutResponse(to, parsed, 'post').context };
    },
    async readLogoutResponse(location) {
      const parsed = await idp.parseLogoutResponse(sp, 'redirect', redirectRequest(location));
      return { inResponseTo: parsed.extract.response!.inResponseTo, xml: parsed.samlContent };
    },
  };
}

/** The AuthnRequest's XML from a redirect, for reading what it asks. */
export function authnRequestXml(location: string): string {
  const samlRequest = new URL(location).searchParams.get('SAMLRequest');
  if (!samlRequest) throw new Error(`No SAMLRequest in ${location}`);
  return inflateRawSync(Buffer.from(samlRequest, 'base64')).toString('utf8');
}
