/**
 * A SAML IdP for tests built on samlify (a maintained SAML 2.0 library, IdP and SP both): it reads
 * BEH's own SP metadata, parses and schema-validates BEH's AuthnRequest from the redirect (its
 * signature checked against the certificate in that metadata), and answers with a Response that
 * samlify builds and signs: InResponseTo, audience, recipient and validity from the request and the
 * metadata; the person's HSA-id and the level of assurance they authenticated at as the test says.
 */
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
  parseLoginRequest(sp: Entity, binding: 'redirect', request: RedirectRequest): Promise<unknown>;
  createLoginResponse(
    sp: Entity,
    request: unknown,
    binding: 'post',
    user: object,
    customTagReplacement: () => { id: string; context: string },
  ): Promise<{ context: string }>;
}
interface Samlify {
  setSchemaValidator(validator: unknown): void;
  IdentityProvider(settings: Record<string, unknown>): IdentityProvider;
  ServiceProvider(settings: { metadata: string }): Entity;
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
  '<saml:AuthnStatement AuthnInstant="{IssueInstant}" SessionIndex="{AssertionID}"><saml:AuthnContext>{AuthnContext}</saml:AuthnContext></saml:AuthnStatement>' +
  `<saml:AttributeStatement><saml:Attribute Name="${HSA_ID_ATTRIBUTE}"><saml:AttributeValue>{HsaId}</saml:AttributeValue></saml:Attribute></saml:AttributeStatement>` +
  '</saml:Assertion></samlp:Response>';

const AUTHN_CONTEXT = {
  classRef: '<saml:AuthnContextClassRef>{Loa}</saml:AuthnContextClassRef>',
  none: '<saml:AuthnContextDeclRef>urn:beh:test:no-level</saml:AuthnContextDeclRef>',
};

export interface LibraryIdp {
  /** What BEH asked for in the AuthnRequest the redirect carries, as samlify read it. */
  readRequest(location: string): Promise<ParsedRequest>;
  /** The base64 SAMLResponse to the AuthnRequest in `location`, for the person at `loa` (none: no AuthnStatement's class). */
  respond(location: string, person: { hsaId: string; loa?: string }): Promise<string>;
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

/** `spMetadata`: what BEH serves at /api/auth/saml/metadata. */
export function createLibraryIdp(keys: TestIdp, spMetadata: string): LibraryIdp {
  const idp = samlify.IdentityProvider({
    entityID: IDP_ENTITY_ID,
    privateKey: keys.key,
    signingCert: keys.cert,
    wantAuthnRequestsSigned: true,
    singleSignOnService: [{ Binding: binding.redirect, Location: IDP_SSO_URL }],
    nameIDFormat: ['urn:oasis:names:tc:SAML:2.0:nameid-format:transient'],
  });
  const sp = samlify.ServiceProvider({ metadata: spMetadata });

  const parse = async (location: string) => {
    const parsed = await idp.parseLoginRequest(sp, 'redirect', redirectRequest(location));
    return parsed as { samlContent: string; extract: { request: { id: string } } };
  };

  return {
    async readRequest(location) {
      const parsed = await parse(location);
      return { id: parsed.extract.request.id, xml: parsed.samlContent };
    },
    async respond(location, person) {
      const parsed = await parse(location);
      const now = new Date();
      const later = new Date(now.getTime() + 5 * 60_000);
      const template = RESPONSE_TEMPLATE.replace(
        '{AuthnContext}',
        person.loa ? AUTHN_CONTEXT.classRef : AUTHN_CONTEXT.none,
      );
      const { context } = await idp.createLoginResponse(sp, parsed, 'post', {}, () => {
        const acs = sp.entityMeta.getAssertionConsumerService(binding.post) as string;
        const values: Record<string, string> = {
          ID: idp.entitySetting.generateID!(),
          AssertionID: idp.entitySetting.generateID!(),
          Destination: acs,
          SubjectRecipient: acs,
          Audience: sp.entityMeta.getEntityID(),
          Issuer: idp.entityMeta.getEntityID(),
          IssueInstant: iso(now),
          StatusCode: samlify.Constants.StatusCode.Success,
          ConditionsNotBefore: iso(new Date(now.getTime() - 60_000)),
          ConditionsNotOnOrAfter: iso(later),
          SubjectConfirmationDataNotOnOrAfter: iso(later),
          NameIDFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
          NameID: `_${parsed.extract.request.id}-subject`,
          InResponseTo: parsed.extract.request.id,
          Loa: person.loa ?? '',
          HsaId: person.hsaId,
        };
        return { id: values.ID, context: samlify.SamlLib.replaceTagsByValue(template, values) };
      });
      return context;
    },
  };
}

/** The AuthnRequest's XML from a redirect, for reading what it asks. */
export function authnRequestXml(location: string): string {
  const samlRequest = new URL(location).searchParams.get('SAMLRequest');
  if (!samlRequest) throw new Error(`No SAMLRequest in ${location}`);
  return inflateRawSync(Buffer.from(samlRequest, 'base64')).toString('utf8');
}
