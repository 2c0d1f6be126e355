/**
 * XML of the DSS messages: signing them (XML-DSig, enveloped, over the whole message, with
 * xml-crypto) and reading them only from what the signature covers.
 *
 * A message is read like this, so that a signature over one element cannot vouch for another
 * (signature wrapping): no DOCTYPE; exactly one ds:Signature, where the protocol puts it; one
 * Reference, URI="" (the whole message); the signature verifies with one of the trusted
 * certificates (never a certificate the message carries); and then every value is read from the
 * canonical XML xml-crypto says it verified, not from the document that was posted.
 */
import { createRequire } from 'node:module';
import { SignedXml } from 'xml-crypto';

export const NS = {
  dss: 'urn:oasis:names:tc:dss:1.0:core:schema',
  csig: 'http://id.elegnamnden.se/csig/1.1/dss-ext/ns',
  saml: 'urn:oasis:names:tc:SAML:2.0:assertion',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  xs: 'http://www.w3.org/2001/XMLSchema',
} as const;

const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';

/** What is used of @xmldom/xmldom and xpath, typed here: their own types pull in lib "dom". */
export interface XmlNode {
  nodeType: number;
  localName: string | null;
  namespaceURI: string | null;
  textContent: string | null;
  parentNode: XmlNode | null;
  getAttribute(name: string): string | null;
}
interface XmlDocument extends XmlNode {
  documentElement: XmlNode | null;
}
type Select = (expression: string, node: XmlNode) => XmlNode[] | string | number | boolean;

const require = createRequire(import.meta.url);
const { DOMParser } = require('@xmldom/xmldom') as {
  DOMParser: new (options: {
    errorHandler: { warning(): void; error(message: string): void; fatalError(message: string): void };
  }) => { parseFromString(xml: string, mimeType: string): XmlDocument };
};
const xpath = require('xpath') as { useNamespaces(map: Record<string, string>): Select };

/** XPath with the protocol's prefixes. */
export const select = xpath.useNamespaces(NS);

export class XmlMessageError extends Error {}

/** Parses XML, refusing a DOCTYPE (entities) and anything not well-formed. */
export function parseXml(xml: string): XmlDocument {
  if (/<!DOCTYPE/i.test(xml)) throw new XmlMessageError('a DOCTYPE is not allowed');
  const fail = (message: string) => {
    throw new XmlMessageError(`not well-formed XML: ${message}`);
  };
  const doc = new DOMParser({
    errorHandler: { warning: () => undefined, error: fail, fatalError: fail },
  }).parseFromString(xml, 'text/xml');
  if (!doc.documentElement) throw new XmlMessageError('no root element');
  return doc;
}

/** The text of the one node `expression` selects, or undefined. */
export function text(node: XmlNode, expression: string): string | undefined {
  const found = select(expression, node);
  if (!Array.isArray(found) || found.length === 0) return undefined;
  const [first] = found;
  // An attribute's value or an element's text.
  return (
    (first.nodeType === 2 ? (first as unknown as { value: string }).value : first.textContent) ?? undefined
  );
}

export function nodes(node: XmlNode, expression: string): XmlNode[] {
  const found = select(expression, node);
  return Array.isArray(found) ? found : [];
}

export const escapeXml = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Signs `xml` (its root) enveloped, the signature appended to the element `parent` selects. */
export function signXml(xml: string, key: string, cert: string, parent: string): string {
  const sig = new SignedXml({
    privateKey: key,
    publicCert: cert,
    signatureAlgorithm: RSA_SHA256,
    canonicalizationAlgorithm: EXC_C14N,
  });
  sig.addReference({
    xpath: '/*',
    transforms: [ENVELOPED, EXC_C14N],
    digestAlgorithm: SHA256,
    isEmptyUri: true,
  });
  sig.computeSignature(xml, { prefix: 'ds', location: { reference: parent, action: 'append' } });
  return sig.getSignedXml();
}

/**
 * Checks the signature of a message whose root is `root` (local name, DSS namespace) and whose
 * signature sits in the root's `signatureParent` child, with any of `certs`. Answers the signed
 * message, parsed again from what the signature covers.
 */
export function verifySignedXml(
  xml: string,
  root: 'SignRequest' | 'SignResponse',
  signatureParent: 'OptionalInputs' | 'OptionalOutputs',
  certs: string[],
): XmlDocument {
  const doc = parseXml(xml);
  const top = doc.documentElement!;
  if (top.localName !== root || top.namespaceURI !== NS.dss) {
    throw new XmlMessageError(`expected a dss:${root}, got ${top.localName ?? 'nothing'}`);
  }
  const signatures = nodes(doc, '//ds:Signature');
  if (signatures.length !== 1)
    throw new XmlMessageError(`expected one signature, found ${signatures.length}`);
  const [signature] = signatures;
  const parent = signature.parentNode;
  if (parent?.localName !== signatureParent || parent.namespaceURI !== NS.dss || parent.parentNode !== top) {
    throw new XmlMessageError(`the signature is not in dss:${signatureParent}`);
  }
  const uris = nodes(signature, 'ds:SignedInfo/ds:Reference').map((ref) => ref.getAttribute('URI'));
  if (uris.length !== 1 || uris[0] !== '') {
    throw new XmlMessageError('the signature must cover the whole message (one Reference, URI="")');
  }
  let lastError = 'no certificate to verify it with';
  for (const cert of certs) {
    let signed: string[];
    try {
      // xml-crypto throws on a signature it cannot read (no SignedInfo, an unknown algorithm…).
      const sig = new SignedXml({ publicCert: cert });
      sig.loadSignature(signature as unknown as string);
      if (!sig.checkSignature(xml)) {
        lastError = 'the signature value or a digest does not match';
        continue;
      }
      signed = sig.getSignedReferences();
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
      continue;
    }
    if (signed.length !== 1) throw new XmlMessageError('expected one signed reference');
    const covered = parseXml(signed[0]);
    if (covered.documentElement?.localName !== root) {
      throw new XmlMessageError('the signature covers another element');
    }
    return covered;
  }
  throw new XmlMessageError(`the signature does not verify with the trusted certificate(s): ${lastError}`);
}

/** The PEM body of a certificate, as ds:X509Certificate carries it. */
export const pemBody = (pem: string): string =>
  pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');

export const bodyToPem = (body: string): string =>
  `-----BEGIN CERTIFICATE-----\n${body
    .replace(/\s+/g, '')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
