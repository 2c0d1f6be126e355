import selfsigned from 'selfsigned';

/**
 * The regional IdP of the tests: its addresses, and keys and certificates generated per test run
 * (the IdP's, and BEH's own as the SP). The IdP itself, which reads BEH's AuthnRequests and
 * answers them, is samlify's (library-idp.ts).
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
