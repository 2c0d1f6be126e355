import { beforeAll, describe, expect, it } from '@jest/globals';
import { IdpMetadataError, parseIdpMetadata } from '../../server/src/auth/saml/idp-metadata.js';
import { ConfigError, loadConfig } from '../../server/src/config/app-config.js';
import { createTestIdp, PUBLIC_URL, SP_ENTITY_ID, type TestIdp } from '../support/saml-idp.js';

const ENTITY = 'https://idp.test.example/saml';
const body = (pem: string) => pem.replace(/-----[A-Z ]+-----|\s/g, '');

/** IdP metadata as a federation publishes it; the parts each case needs. */
function metadata(
  certs: { cert: string; use?: string }[],
  options: { validUntil?: string; sso?: string; slo?: boolean; entityId?: string } = {},
): string {
  const keys = certs
    .map(
      ({ cert, use }) =>
        `<md:KeyDescriptor${use ? ` use="${use}"` : ''}><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${body(cert)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`,
    )
    .join('');
  const sso = options.sso ?? 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
  return `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${options.entityId ?? ENTITY}"${options.validUntil ? ` validUntil="${options.validUntil}"` : ''}>
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${keys}
    ${options.slo ? '<md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.test.example/slo"/>' : ''}
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp.test.example/sso-post"/>
    <md:SingleSignOnService Binding="${sso}" Location="https://idp.test.example/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;
}

const refusal = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (error instanceof IdpMetadataError || error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('accepted');
};

describe("the IdP's SAML metadata", () => {
  let a: TestIdp;
  let b: TestIdp;
  beforeAll(async () => {
    [a, b] = await Promise.all([createTestIdp('A'), createTestIdp('B')]);
  });

  it('gives the entity, the HTTP-Redirect SSO and SLO addresses and every signing certificate', () => {
    const idp = parseIdpMetadata(
      metadata([{ cert: a.cert, use: 'signing' }, { cert: b.cert }, { cert: b.cert, use: 'encryption' }], {
        slo: true,
      }),
      undefined,
    );
    expect(idp).toMatchObject({
      entityId: ENTITY,
      ssoUrl: 'https://idp.test.example/sso',
      sloUrl: 'https://idp.test.example/slo',
    });
    // A rollover's old and new signing certificates; the encryption key is not one.
    expect(idp.certs.map(body)).toEqual([body(a.cert), body(b.cert)]);
  });

  it('refuses metadata it cannot use, saying why', () => {
    expect(refusal(() => parseIdpMetadata('not xml <', undefined))).toMatch(/no EntityDescriptor|not XML/);
    expect(refusal(() => parseIdpMetadata(metadata([{ cert: a.cert }]), 'https://other.example/idp'))).toBe(
      'the metadata has no entity https://other.example/idp',
    );
    expect(
      refusal(() =>
        parseIdpMetadata(metadata([{ cert: a.cert }], { validUntil: '2020-01-01T00:00:00Z' }), undefined),
      ),
    ).toBe('the metadata expired at 2020-01-01T00:00:00Z');
    expect(refusal(() => parseIdpMetadata(metadata([{ cert: a.cert, use: 'encryption' }]), undefined))).toBe(
      'the metadata has no signing certificate',
    );
    expect(
      refusal(() =>
        parseIdpMetadata(
          metadata([{ cert: a.cert }], { sso: 'urn:oasis:names:tc:SAML:2.0:bindings:SOAP' }),
          undefined,
        ),
      ),
    ).toBe('the metadata has no HTTP-Redirect SingleSignOnService');
    expect(
      refusal(() =>
        parseIdpMetadata(
          metadata([{ cert: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----' }]),
          undefined,
        ),
      ),
    ).toBe('a signing certificate in the metadata does not parse');
    const two = `<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">${[
      ENTITY,
      'https://b.example/idp',
    ]
      .map((entityId) => metadata([{ cert: a.cert }], { entityId }).replace(/^<\?xml[^>]*\?>/, ''))
      .join('')}</md:EntitiesDescriptor>`;
    expect(refusal(() => parseIdpMetadata(two, undefined))).toMatch(
      /several entities: name the IdP in SAML_IDP_ENTITY_ID/,
    );
    expect(parseIdpMetadata(two, 'https://b.example/idp').entityId).toBe('https://b.example/idp');
  });

  it('is configured by a URL or a file, never together with the address and certificate it names', () => {
    const base = { PUBLIC_URL, SAML_SP_ENTITY_ID: SP_ENTITY_ID };
    expect(
      loadConfig({ ...base, SAML_IDP_METADATA_URL: 'https://idp.test.example/metadata' }).auth.saml,
    ).toMatchObject({
      idpMetadata: { url: 'https://idp.test.example/metadata', refreshMinutes: 60 },
      idpSsoUrl: undefined,
      idpCert: undefined,
    });
    expect(
      loadConfig({
        ...base,
        SAML_IDP_METADATA_FILE: '/etc/beh/idp.xml',
        SAML_IDP_METADATA_REFRESH_MINUTES: '5',
      }).auth.saml?.idpMetadata,
    ).toEqual({ file: '/etc/beh/idp.xml', refreshMinutes: 5 });
    const error = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (e) {
        if (e instanceof ConfigError) return e.variable;
        throw e;
      }
      return 'accepted';
    };
    expect(
      error({ ...base, SAML_IDP_METADATA_URL: 'https://x.example/m', SAML_IDP_METADATA_FILE: '/m.xml' }),
    ).toBe('SAML_IDP_METADATA_FILE');
    expect(error({ ...base, SAML_IDP_METADATA_URL: 'https://x.example/m', SAML_IDP_CERT: a.cert })).toBe(
      'SAML_IDP_CERT',
    );
    expect(error({ PUBLIC_URL, SAML_IDP_METADATA_FILE: '/m.xml' })).toBe('SAML_SP_ENTITY_ID');
    expect(error({ ...base, SAML_IDP_METADATA_URL: 'ftp://x.example/m' })).toBe('SAML_IDP_METADATA_URL');
    expect(error({ ...base, SAML_IDP_METADATA_FILE: '/m.xml', SAML_IDP_METADATA_REFRESH_MINUTES: '0' })).toBe(
      'SAML_IDP_METADATA_REFRESH_MINUTES',
    );
  });
});
