import { XMLParser } from 'fast-xml-parser';
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/** What BEH needs to know of the IdP: from SAML_IDP_* directly, or from its SAML metadata. */
export interface IdpDescription {
  entityId: string | undefined;
  /** SingleSignOnService, HTTP-Redirect binding. */
  ssoUrl: string;
  /** SingleLogoutService, HTTP-Redirect binding, if the IdP offers one. */
  sloUrl: string | undefined;
  /** Every signing certificate, PEM: during a rollover the old and the new one. */
  certs: string[];
}

export class IdpMetadataError extends Error {}

const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
/** How long a metadata download may take. */
const FETCH_TIMEOUT_MS = 10_000;
/** Metadata larger than this is not an IdP's (a whole federation's aggregate is some MB). */
const MAX_BYTES = 32 * 1024 * 1024;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  processEntities: false,
  isArray: (name) =>
    [
      'EntityDescriptor',
      'EntitiesDescriptor',
      'IDPSSODescriptor',
      'KeyDescriptor',
      'X509Data',
      'X509Certificate',
      'SingleSignOnService',
      'SingleLogoutService',
    ].includes(name),
});

type Node = Record<string, unknown>;
const list = (node: unknown, name: string): Node[] =>
  node && typeof node === 'object' && Array.isArray((node as Node)[name])
    ? ((node as Node)[name] as Node[])
    : [];
const text = (node: unknown): string =>
  typeof node === 'string'
    ? node
    : node && typeof node === 'object'
      ? String((node as Node)['#text'] ?? '')
      : '';

/** Every EntityDescriptor, also inside (nested) EntitiesDescriptors: a federation's aggregate. */
function entities(node: unknown): Node[] {
  return [...list(node, 'EntityDescriptor'), ...list(node, 'EntitiesDescriptor').flatMap(entities)];
}

function pemOf(base64: string): string {
  const body = base64.replace(/\s+/g, '');
  const pem = `-----BEGIN CERTIFICATE-----\n${body.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
  try {
    new X509Certificate(pem);
  } catch {
    throw new IdpMetadataError('a signing certificate in the metadata does not parse');
  }
  return pem;
}

/**
 * The IdP's description from SAML metadata: one EntityDescriptor, or the one named `entityId` in an
 * aggregate. Its IDPSSODescriptor must have a signing certificate and an HTTP-Redirect
 * SingleSignOnService; metadata past its validUntil is refused.
 */
export function parseIdpMetadata(
  xml: string,
  entityId: string | undefined,
  now = new Date(),
): IdpDescription {
  let document: unknown;
  try {
    document = parser.parse(xml, true);
  } catch (error) {
    throw new IdpMetadataError(`the metadata is not XML (${error instanceof Error ? error.message : error})`);
  }
  const all = entities(document);
  const candidates = entityId ? all.filter((e) => e['@_entityID'] === entityId) : all;
  if (candidates.length === 0) {
    throw new IdpMetadataError(
      entityId ? `the metadata has no entity ${entityId}` : 'the metadata has no EntityDescriptor',
    );
  }
  if (candidates.length > 1) {
    throw new IdpMetadataError('the metadata describes several entities: name the IdP in SAML_IDP_ENTITY_ID');
  }
  const entity = candidates[0];
  const validUntil = entity['@_validUntil'] ?? (document as Node)['@_validUntil'];
  if (typeof validUntil === 'string' && new Date(validUntil) < now) {
    throw new IdpMetadataError(`the metadata expired at ${validUntil}`);
  }
  const idp = list(entity, 'IDPSSODescriptor')[0];
  if (!idp) throw new IdpMetadataError(`${String(entity['@_entityID'])} is no IdP (no IDPSSODescriptor)`);
  const certs = list(idp, 'KeyDescriptor')
    .filter((key) => key['@_use'] === undefined || key['@_use'] === 'signing')
    .flatMap((key) => list(key.KeyInfo, 'X509Data'))
    .flatMap((data) => list(data, 'X509Certificate'))
    .map((cert) => pemOf(text(cert)));
  if (certs.length === 0) throw new IdpMetadataError('the metadata has no signing certificate');
  const location = (services: Node[]) => {
    const found = services.find((s) => s['@_Binding'] === REDIRECT)?.['@_Location'];
    return typeof found === 'string' && /^https?:\/\//.test(found) ? found : undefined;
  };
  const ssoUrl = location(list(idp, 'SingleSignOnService'));
  if (!ssoUrl) throw new IdpMetadataError('the metadata has no HTTP-Redirect SingleSignOnService');
  return {
    entityId: String(entity['@_entityID']),
    ssoUrl,
    sloUrl: location(list(idp, 'SingleLogoutService')),
    certs: [...new Set(certs)],
  };
}

/** Reads the metadata from where it is configured: a URL (GET) or a file. */
export async function readIdpMetadata(source: { url?: string; file?: string }): Promise<string> {
  if (source.file) {
    try {
      return await readFile(source.file, 'utf8');
    } catch (error) {
      throw new IdpMetadataError(`cannot read ${source.file} (${(error as NodeJS.ErrnoException).code})`);
    }
  }
  let res: Response;
  try {
    res = await fetch(source.url!, {
      headers: { accept: 'application/samlmetadata+xml, application/xml, text/xml' },
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
  } catch (error) {
    throw new IdpMetadataError(
      `cannot fetch ${source.url} (${error instanceof Error ? error.message : error})`,
    );
  }
  if (!res.ok) throw new IdpMetadataError(`${source.url} answered ${res.status}`);
  const body = await res.text();
  if (body.length > MAX_BYTES) throw new IdpMetadataError(`${source.url} answered more than 32 MB`);
  return body;
}
