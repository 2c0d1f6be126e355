import { randomUUID } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import selfsigned from 'selfsigned';
import { SignedXml } from 'xml-crypto';

/**
 * A stand-in for the regional IdP in tests: its own key and certificate, generated per test run,
 * and SAML responses built and signed here the way a real IdP would.
 */
export interface TestIdp {
  key: string;
  cert: string;
}

export const IDP_ENTITY_ID = 'https://idp.test.example/saml';
export const IDP_SSO_URL = 'https://idp.test.example/sso';
export const SP_ENTITY_ID = 'https://beh.test.example/saml/sp';
export const PUBLIC_URL = 'https://beh.test.example';
export const ACS_URL = `${PUBLIC_URL}/api/auth/saml/acs`;
export const HSA_ID_ATTRIBUTE = 'http://sambi.se/attributes/1/employeeHsaId';

export async function createTestIdp(commonName = 'Test IdP'): Promise<TestIdp> {
  const pems = await selfsigned.generate([{ name: 'commonName', value: commonName }], {
    keySize: 2048,
    algorithm: 'sha256',
  });
  return { key: pems.private, cert: pems.cert };
}

/** The environment that configures SAML against this IdP. */
export function samlEnv(idp: TestIdp, sp?: TestIdp): Record<string, string> {
  return {
    PUBLIC_URL,
    SAML_IDP_SSO_URL: IDP_SSO_URL,
    SAML_IDP_CERT: idp.cert,
    SAML_IDP_ENTITY_ID: IDP_ENTITY_ID,
    SAML_SP_ENTITY_ID: SP_ENTITY_ID,
    ...(sp ? { SAML_SP_PRIVATE_KEY: sp.key, SAML_SP_CERT: sp.cert } : {}),
  };
}

/** The ID of the AuthnRequest carried by the redirect to the IdP (HTTP-Redirect binding). */
export function authnRequestId(location: string): string {
  const samlRequest = new URL(location).searchParams.get('SAMLRequest');
  if (!samlRequest) throw new Error(`No SAMLRequest in ${location}`);
  const xml = inflateRawSync(Buffer.from(samlRequest, 'base64')).toString('utf8');
  const match = /\sID="([^"]+)"/.exec(xml);
  if (!match) throw new Error('No ID in the AuthnRequest');
  return match[1];
}

export interface ResponseOptions {
  inResponseTo?: string;
  hsaId?: string;
  audience?: string;
  issuer?: string;
  /** Shifts the assertion's validity window: negative = in the past. */
  offsetMinutes?: number;
}

const iso = (at: Date) => at.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** An unsigned SAML Response with one Assertion carrying the person's HSA-id. */
export function buildResponse(options: ResponseOptions = {}): string {
  const now = new Date(Date.now() + (options.offsetMinutes ?? 0) * 60_000);
  const later = new Date(now.getTime() + 5 * 60_000);
  const before = new Date(now.getTime() - 60_000);
  const responseId = `_${randomUUID()}`;
  const assertionId = `_${randomUUID()}`;
  const inResponseTo = options.inResponseTo ? ` InResponseTo="${options.inResponseTo}"` : '';
  const hsaId = options.hsaId ?? 'SE2321000131-P000000000101';
  const issuer = options.issuer ?? IDP_ENTITY_ID;
  return `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${responseId}" Version="2.0" IssueInstant="${iso(now)}" Destination="${ACS_URL}"${inResponseTo}><saml:Issuer>${issuer}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status><saml:Assertion ID="${assertionId}" Version="2.0" IssueInstant="${iso(now)}"><saml:Issuer>${issuer}</saml:Issuer><saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:transient">${randomUUID()}</saml:NameID><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${iso(later)}" Recipient="${ACS_URL}"${inResponseTo}/></saml:SubjectConfirmation></saml:Subject><saml:Conditions NotBefore="${iso(before)}" NotOnOrAfter="${iso(later)}"><saml:AudienceRestriction><saml:Audience>${options.audience ?? SP_ENTITY_ID}</saml:Audience></saml:AudienceRestriction></saml:Conditions><saml:AuthnStatement AuthnInstant="${iso(now)}" SessionIndex="${assertionId}"><saml:AuthnContext><saml:AuthnContextClassRef>http://id.sambi.se/loa/loa3</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement><saml:AttributeStatement><saml:Attribute Name="${HSA_ID_ATTRIBUTE}"><saml:AttributeValue>${hsaId}</saml:AttributeValue></saml:Attribute><saml:Attribute Name="givenName"><saml:AttributeValue>Test</saml:AttributeValue></saml:Attribute></saml:AttributeStatement></saml:Assertion></samlp:Response>`;
}

function sign(xml: string, idp: TestIdp, element: 'Assertion' | 'Response'): string {
  const signer = new SignedXml({ privateKey: idp.key, publicCert: idp.cert });
  signer.signatureAlgorithm = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
  signer.canonicalizationAlgorithm = 'http://www.w3.org/2001/10/xml-exc-c14n#';
  const target = `//*[local-name(.)='${element}']`;
  signer.addReference({
    xpath: target,
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
    transforms: [
      'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
      'http://www.w3.org/2001/10/xml-exc-c14n#',
    ],
  });
  // The signature goes right after the element's own Issuer, where the SAML schema wants it.
  signer.computeSignature(xml, {
    location: { reference: `${target}/*[local-name(.)='Issuer']`, action: 'after' },
  });
  return signer.getSignedXml();
}

export const signAssertion = (xml: string, idp: TestIdp) => sign(xml, idp, 'Assertion');
export const signResponse = (xml: string, idp: TestIdp) => sign(xml, idp, 'Response');

export const encodeResponse = (xml: string) => Buffer.from(xml, 'utf8').toString('base64');
