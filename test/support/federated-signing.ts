import { createPrivateKey } from 'node:crypto';
import { createCaCertificate } from '../../server/src/signing/crypto/certificates.js';
import { createTestIdp, type TestIdp } from './saml-idp.js';

/** A CA for BEH's own signing service, as a region would configure it (PEM). */
export interface TestCa {
  certificate: string;
  /** PKCS#8 PEM. */
  privateKey: string;
}

export async function createTestCa(commonName = 'Testregionens signerings-CA'): Promise<TestCa> {
  const now = Date.now();
  const ca = await createCaCertificate(commonName, {
    notBefore: new Date(now - 24 * 3600_000),
    notAfter: new Date(now + 365 * 24 * 3600_000),
  });
  const privateKey = createPrivateKey({ key: ca.privateKey, format: 'der', type: 'pkcs8' })
    .export({ type: 'pkcs8', format: 'pem' })
    .toString();
  return { certificate: ca.certificate, privateKey };
}

export interface FederatedSigning {
  /** The signing service's own key pair (signs SignResponses and its AuthnRequests). */
  service: TestIdp;
  ca: TestCa;
  env: Record<string, string>;
}

/**
 * SIGNING_PROVIDER=federated: BEH's DSS client against BEH's own signing service, with a CA of its
 * own and, when given, the revocation addresses it writes into the certificates it issues. Needs
 * SAML configured with the SP's key pair (samlEnv(idp, sp)): the client signs its SignRequests with it.
 */
export async function federatedSigning(
  revocation: { ocspUrl?: string; crlUrl?: string } = {},
  ca?: TestCa,
): Promise<FederatedSigning> {
  const [service, theCa] = await Promise.all([createTestIdp('BEH signeringstjänst'), ca ?? createTestCa()]);
  return {
    service,
    ca: theCa,
    env: {
      SIGNING_PROVIDER: 'federated',
      SIGN_SERVICE_KEY: service.key,
      SIGN_SERVICE_CERT: service.cert,
      SIGN_SERVICE_CA_CERT: theCa.certificate,
      SIGN_SERVICE_CA_KEY: theCa.privateKey,
      ...(revocation.ocspUrl ? { SIGN_SERVICE_OCSP_URL: revocation.ocspUrl } : {}),
      ...(revocation.crlUrl ? { SIGN_SERVICE_CRL_URL: revocation.crlUrl } : {}),
    },
  };
}

const unescapeHtml = (text: string) =>
  text.replace(
    /&(amp|lt|gt|quot|#39);/g,
    (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? '',
  );

/** The form a page posts on (the signing service's answer page): its action and hidden fields. */
export function formOf(html: string): { action: string; fields: Record<string, string> } {
  const action = /<form method="post" action="([^"]*)"/.exec(html)?.[1];
  if (action === undefined) throw new Error(`No form in ${html.slice(0, 400)}`);
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    fields[unescapeHtml(match[1])] = unescapeHtml(match[2]);
  }
  return { action: unescapeHtml(action), fields };
}
