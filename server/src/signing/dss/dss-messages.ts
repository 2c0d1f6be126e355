/**
 * The messages of Sweden Connect's "DSS Extension for Federated Central Signing Services" (DSS 1.0
 * core with the csig 1.1 extension), as BEH sends and reads them: a SignRequest with one CMS sign
 * task, and its SignResponse. Both halves (BEH's DSS client and BEH's own signing service) build
 * and read them here, so they cannot drift apart.
 */
import { HSA_ID_ATTRIBUTE } from '../../common/auth/assurance.js';
import { bodyToPem, escapeXml, nodes, NS, pemBody, text, XmlMessageError, type XmlNode } from './dss-xml.js';

export const DSS_PROFILE = 'http://id.elegnamnden.se/csig/1.1/dss-ext/profile';
export const ENTITY_FORMAT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:entity';
export const SIGNATURE_ALGORITHM = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
/** The form fields of the browser binding. */
export const DSS_BINDING = 'POST/XML/1.0';

export const RESULT = {
  success: 'urn:oasis:names:tc:dss:1.0:resultmajor:Success',
  requesterError: 'urn:oasis:names:tc:dss:1.0:resultmajor:RequesterError',
  responderError: 'urn:oasis:names:tc:dss:1.0:resultmajor:ResponderError',
} as const;

/** ResultMinor codes of the extension (sig-status). */
export const SIG_STATUS = {
  userCancel: 'http://id.elegnamnden.se/sig-status/1.0/user-cancel',
  requestExpired: 'http://id.elegnamnden.se/sig-status/1.0/req-expired',
  authnFailed: 'http://id.elegnamnden.se/sig-status/1.0/authn-failed',
  securityViolation: 'http://id.elegnamnden.se/sig-status/1.0/security-violation',
  signerMismatch: 'http://id.elegnamnden.se/sig-status/1.1/signer-mismatch',
} as const;

export interface SignRequestData {
  requestId: string;
  requestTime: Date;
  notBefore: Date;
  notOnOrAfter: Date;
  /** Conditions' Audience: where the SignResponse is to be posted. */
  returnUrl: string;
  signerHsaId: string;
  identityProvider: string;
  signRequester: string;
  signService: string;
  signatureAlgorithm: string;
  loa: string;
  /** The text the signer is shown at the IdP (plain text). */
  signMessage: string;
  signTask: { id: string; toBeSignedBytes: Buffer };
}

export interface SignResponseData {
  /** The RequestID of the SignRequest this answers (DSS's "in response to"). */
  requestId: string;
  resultMajor: string;
  resultMinor: string | undefined;
  resultMessage: string | undefined;
  responseTime: Date | undefined;
  /** Who signed, as the signing service saw them at the IdP (on success). */
  signer?: {
    identityProvider: string;
    authnInstant: Date;
    loa: string;
    assertionRef: string;
    hsaId: string;
  };
  /** PEM, the signer's certificate first. */
  certificateChain: string[];
  signTask?: { id: string; toBeSignedBytes: Buffer; signature: Buffer; signatureType: string };
}

const iso = (at: Date) => at.toISOString().replace(/\.\d{3}Z$/, 'Z');
const b64 = (data: Buffer | string) => Buffer.from(data).toString('base64');

export function signRequestXml(r: SignRequestData): string {
  const entity = (name: string, value: string) =>
    `<csig:${name} Format="${ENTITY_FORMAT}">${escapeXml(value)}</csig:${name}>`;
  return (
    `<dss:SignRequest xmlns:dss="${NS.dss}" xmlns:csig="${NS.csig}" xmlns:saml="${NS.saml}" xmlns:xs="${NS.xs}" xmlns:xsi="${NS.xsi}"` +
    ` Profile="${DSS_PROFILE}" RequestID="${escapeXml(r.requestId)}"><dss:OptionalInputs>` +
    `<csig:SignRequestExtension Version="1.1"><csig:RequestTime>${iso(r.requestTime)}</csig:RequestTime>` +
    `<saml:Conditions NotBefore="${iso(r.notBefore)}" NotOnOrAfter="${iso(r.notOnOrAfter)}">` +
    `<saml:AudienceRestriction><saml:Audience>${escapeXml(r.returnUrl)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<csig:Signer><saml:Attribute Name="${HSA_ID_ATTRIBUTE}"><saml:AttributeValue xsi:type="xs:string">${escapeXml(r.signerHsaId)}</saml:AttributeValue></saml:Attribute></csig:Signer>` +
    entity('IdentityProvider', r.identityProvider) +
    entity('SignRequester', r.signRequester) +
    entity('SignService', r.signService) +
    `<csig:RequestedSignatureAlgorithm>${escapeXml(r.signatureAlgorithm)}</csig:RequestedSignatureAlgorithm>` +
    `<csig:CertRequestProperties CertType="PKC"><saml:AuthnContextClassRef>${escapeXml(r.loa)}</saml:AuthnContextClassRef>` +
    `<csig:RequestedCertAttributes><csig:RequestedCertAttribute CertAttributeRef="2.5.4.5" SamlAttributeName="${HSA_ID_ATTRIBUTE}" Required="true"/></csig:RequestedCertAttributes>` +
    `</csig:CertRequestProperties>` +
    `<csig:SignMessage MimeType="text" MustShow="true"><csig:Message>${b64(r.signMessage)}</csig:Message></csig:SignMessage>` +
    `</csig:SignRequestExtension></dss:OptionalInputs>` +
    `<dss:InputDocuments><dss:Other><csig:SignTasks><csig:SignTaskData SigType="CMS" SignTaskId="${escapeXml(r.signTask.id)}">` +
    `<csig:ToBeSignedBytes>${b64(r.signTask.toBeSignedBytes)}</csig:ToBeSignedBytes></csig:SignTaskData></csig:SignTasks></dss:Other></dss:InputDocuments>` +
    `</dss:SignRequest>`
  );
}

function required(node: XmlNode, expression: string, what: string): string {
  const value = text(node, expression)?.trim();
  if (!value) throw new XmlMessageError(`the message has no ${what}`);
  return value;
}

function date(value: string, what: string): Date {
  const at = new Date(value);
  if (!/^\d{4}-\d\d-\d\dT/.test(value) || Number.isNaN(at.getTime())) {
    throw new XmlMessageError(`${what} is not a time: ${value}`);
  }
  return at;
}

function base64(value: string, what: string): Buffer {
  const clean = value.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(clean)) throw new XmlMessageError(`${what} is not base64`);
  return Buffer.from(clean, 'base64');
}

/** Reads a SignRequest (already checked to be signed by a known requester: dss-xml.ts). */
export function readSignRequest(doc: XmlNode): SignRequestData {
  const ext = '/dss:SignRequest/dss:OptionalInputs/csig:SignRequestExtension';
  const tasks = nodes(doc, '/dss:SignRequest/dss:InputDocuments/dss:Other/csig:SignTasks/csig:SignTaskData');
  if (tasks.length !== 1) throw new XmlMessageError(`expected one sign task, found ${tasks.length}`);
  const [task] = tasks;
  if (task.getAttribute('SigType') !== 'CMS')
    throw new XmlMessageError('only CMS sign tasks are signed here');
  return {
    requestId: required(doc, '/dss:SignRequest/@RequestID', 'RequestID'),
    requestTime: date(required(doc, `${ext}/csig:RequestTime`, 'RequestTime'), 'RequestTime'),
    notBefore: date(required(doc, `${ext}/saml:Conditions/@NotBefore`, 'NotBefore'), 'NotBefore'),
    notOnOrAfter: date(required(doc, `${ext}/saml:Conditions/@NotOnOrAfter`, 'NotOnOrAfter'), 'NotOnOrAfter'),
    returnUrl: required(doc, `${ext}/saml:Conditions/saml:AudienceRestriction/saml:Audience`, 'Audience'),
    signerHsaId: required(
      doc,
      `${ext}/csig:Signer/saml:Attribute[@Name='${HSA_ID_ATTRIBUTE}']/saml:AttributeValue`,
      'signer HSA-id',
    ),
    identityProvider: required(doc, `${ext}/csig:IdentityProvider`, 'IdentityProvider'),
    signRequester: required(doc, `${ext}/csig:SignRequester`, 'SignRequester'),
    signService: required(doc, `${ext}/csig:SignService`, 'SignService'),
    signatureAlgorithm: required(
      doc,
      `${ext}/csig:RequestedSignatureAlgorithm`,
      'RequestedSignatureAlgorithm',
    ),
    loa: required(doc, `${ext}/csig:CertRequestProperties/saml:AuthnContextClassRef`, 'level of assurance'),
    signMessage: base64(
      required(doc, `${ext}/csig:SignMessage/csig:Message`, 'SignMessage'),
      'SignMessage',
    ).toString('utf8'),
    signTask: {
      id: required(task, '@SignTaskId', 'SignTaskId'),
      toBeSignedBytes: base64(required(task, 'csig:ToBeSignedBytes', 'ToBeSignedBytes'), 'ToBeSignedBytes'),
    },
  };
}

export interface SignResponseInput {
  requestId: string;
  resultMajor: string;
  resultMinor?: string;
  /** Swedish: shown to the signer by the requester. */
  resultMessage?: string;
  responseTime: Date;
  /** The SignRequest as received (the extension echoes it). */
  request: string;
  signer?: SignResponseData['signer'];
  certificateChain?: string[];
  signTask?: SignResponseData['signTask'];
}

export function signResponseXml(r: SignResponseInput): string {
  const result =
    `<dss:Result><dss:ResultMajor>${escapeXml(r.resultMajor)}</dss:ResultMajor>` +
    (r.resultMinor ? `<dss:ResultMinor>${escapeXml(r.resultMinor)}</dss:ResultMinor>` : '') +
    (r.resultMessage
      ? `<dss:ResultMessage xml:lang="sv">${escapeXml(r.resultMessage)}</dss:ResultMessage>`
      : '') +
    `</dss:Result>`;
  const signer = r.signer
    ? `<csig:SignerAssertionInfo><csig:ContextInfo>` +
      `<csig:IdentityProvider Format="${ENTITY_FORMAT}">${escapeXml(r.signer.identityProvider)}</csig:IdentityProvider>` +
      `<csig:AuthenticationInstant>${iso(r.signer.authnInstant)}</csig:AuthenticationInstant>` +
      `<csig:AuthnContextClassRef>${escapeXml(r.signer.loa)}</csig:AuthnContextClassRef>` +
      `<csig:AssertionRef>${escapeXml(r.signer.assertionRef)}</csig:AssertionRef></csig:ContextInfo>` +
      `<saml:AttributeStatement><saml:Attribute Name="${HSA_ID_ATTRIBUTE}"><saml:AttributeValue xsi:type="xs:string">${escapeXml(r.signer.hsaId)}</saml:AttributeValue></saml:Attribute></saml:AttributeStatement>` +
      `</csig:SignerAssertionInfo>`
    : '';
  const chain = r.certificateChain?.length
    ? `<csig:SignatureCertificateChain>${r.certificateChain.map((pem) => `<ds:X509Certificate>${pemBody(pem)}</ds:X509Certificate>`).join('')}</csig:SignatureCertificateChain>`
    : '';
  const task = r.signTask
    ? `<dss:SignatureObject><dss:Other><csig:SignTasks><csig:SignTaskData SigType="CMS" SignTaskId="${escapeXml(r.signTask.id)}">` +
      `<csig:ToBeSignedBytes>${b64(r.signTask.toBeSignedBytes)}</csig:ToBeSignedBytes>` +
      `<csig:Base64Signature Type="${escapeXml(r.signTask.signatureType)}">${b64(r.signTask.signature)}</csig:Base64Signature>` +
      `</csig:SignTaskData></csig:SignTasks></dss:Other></dss:SignatureObject>`
    : '';
  return (
    `<dss:SignResponse xmlns:dss="${NS.dss}" xmlns:csig="${NS.csig}" xmlns:saml="${NS.saml}" xmlns:ds="${NS.ds}" xmlns:xs="${NS.xs}" xmlns:xsi="${NS.xsi}"` +
    ` Profile="${DSS_PROFILE}" RequestID="${escapeXml(r.requestId)}">${result}<dss:OptionalOutputs>` +
    `<csig:SignResponseExtension Version="1.1"><csig:ResponseTime>${iso(r.responseTime)}</csig:ResponseTime>` +
    `<csig:Request>${b64(r.request)}</csig:Request>${signer}${chain}</csig:SignResponseExtension>` +
    `</dss:OptionalOutputs>${task}</dss:SignResponse>`
  );
}

/** Reads a SignResponse (already checked to be signed by the signing service: dss-xml.ts). */
export function readSignResponse(doc: XmlNode): SignResponseData {
  const ext = '/dss:SignResponse/dss:OptionalOutputs/csig:SignResponseExtension';
  const info = `${ext}/csig:SignerAssertionInfo`;
  const responseTime = text(doc, `${ext}/csig:ResponseTime`);
  const signerHsaId = text(
    doc,
    `${info}/saml:AttributeStatement/saml:Attribute[@Name='${HSA_ID_ATTRIBUTE}']/saml:AttributeValue`,
  );
  const tasks = nodes(
    doc,
    '/dss:SignResponse/dss:SignatureObject/dss:Other/csig:SignTasks/csig:SignTaskData',
  );
  if (tasks.length > 1) throw new XmlMessageError(`expected one sign task, found ${tasks.length}`);
  const task = tasks[0];
  return {
    requestId: required(doc, '/dss:SignResponse/@RequestID', 'RequestID'),
    resultMajor: required(doc, '/dss:SignResponse/dss:Result/dss:ResultMajor', 'ResultMajor'),
    resultMinor: text(doc, '/dss:SignResponse/dss:Result/dss:ResultMinor')?.trim(),
    resultMessage: text(doc, '/dss:SignResponse/dss:Result/dss:ResultMessage')?.trim(),
    responseTime: responseTime ? date(responseTime, 'ResponseTime') : undefined,
    ...(signerHsaId
      ? {
          signer: {
            identityProvider: required(
              doc,
              `${info}/csig:ContextInfo/csig:IdentityProvider`,
              'IdentityProvider',
            ),
            authnInstant: date(
              required(doc, `${info}/csig:ContextInfo/csig:AuthenticationInstant`, 'AuthenticationInstant'),
              'AuthenticationInstant',
            ),
            loa: required(doc, `${info}/csig:ContextInfo/csig:AuthnContextClassRef`, 'AuthnContextClassRef'),
            assertionRef: required(doc, `${info}/csig:ContextInfo/csig:AssertionRef`, 'AssertionRef'),
            hsaId: signerHsaId.trim(),
          },
        }
      : {}),
    certificateChain: nodes(doc, `${ext}/csig:SignatureCertificateChain/ds:X509Certificate`).map((node) =>
      bodyToPem(node.textContent ?? ''),
    ),
    ...(task
      ? {
          signTask: {
            id: required(task, '@SignTaskId', 'SignTaskId'),
            toBeSignedBytes: base64(
              required(task, 'csig:ToBeSignedBytes', 'ToBeSignedBytes'),
              'ToBeSignedBytes',
            ),
            signature: base64(required(task, 'csig:Base64Signature', 'Base64Signature'), 'Base64Signature'),
            signatureType: text(task, 'csig:Base64Signature/@Type') ?? SIGNATURE_ALGORITHM,
          },
        }
      : {}),
  };
}
