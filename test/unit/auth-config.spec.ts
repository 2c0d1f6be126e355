import { beforeAll, describe, expect, it } from '@jest/globals';
import { loaLabel, meetsLoa } from '../../server/src/common/auth/assurance.js';
import { ConfigError, loadConfig } from '../../server/src/config/app-config.js';
import { productionEnv } from '../support/production-env.js';
import { createTestIdp, samlEnv, type TestIdp } from '../support/saml-idp.js';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('loadConfig accepted the environment');
}

describe('sign-in configuration', () => {
  let idp: TestIdp;
  // What else production requires, without SAML: the SAML rules are what is tested here.
  let PRODUCTION: Record<string, string>;
  beforeAll(async () => {
    idp = await createTestIdp();
    PRODUCTION = Object.fromEntries(
      Object.entries(await productionEnv()).filter(
        ([name]) => !name.startsWith('SAML_') && name !== 'PUBLIC_URL',
      ),
    );
  });

  it('refuses production without SAML, since nobody could sign in', () => {
    expect(configError(PRODUCTION).variable).toBe('SAML_IDP_SSO_URL');
  });

  it('starts production with SAML, and never with development sign-in', () => {
    const config = loadConfig({ ...PRODUCTION, ...samlEnv(idp), DEV_LOGIN: 'true' });
    expect(config.auth.devLogin).toBe(false);
    expect(config.auth.saml).toMatchObject({
      spEntityId: 'https://beh.test.example/saml/sp',
      acsUrl: 'https://beh.test.example/api/auth/saml/acs',
      spPrivateKey: undefined,
    });
  });

  it('has development sign-in on by default outside production, off with DEV_LOGIN=false', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).auth.devLogin).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).auth.devLogin).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test', DEV_LOGIN: 'false' }).auth.devLogin).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test' }).auth.saml).toBeUndefined();
  });

  it('refuses half a SAML configuration', () => {
    const env = samlEnv(idp);
    expect(configError({ NODE_ENV: 'test', SAML_IDP_SSO_URL: env.SAML_IDP_SSO_URL }).variable).toBe(
      'SAML_IDP_CERT',
    );
    expect(configError({ ...env, SAML_SP_ENTITY_ID: '' }).variable).toBe('SAML_SP_ENTITY_ID');
    expect(configError({ ...samlEnv(idp, idp), SAML_SP_CERT: '' }).variable).toBe('SAML_SP_CERT');
  });

  it('refuses a certificate or key that does not parse, and accepts a bare base64 certificate', () => {
    expect(configError({ ...samlEnv(idp), SAML_IDP_CERT: 'not a certificate' }).variable).toBe(
      'SAML_IDP_CERT',
    );
    expect(configError({ ...samlEnv(idp, idp), SAML_SP_PRIVATE_KEY: 'nope' }).variable).toBe(
      'SAML_SP_PRIVATE_KEY',
    );
    const body = idp.cert.replace(/-----[A-Z ]+-----|\s/g, '');
    expect(loadConfig({ ...samlEnv(idp), SAML_IDP_CERT: body }).auth.saml?.idpCert).toContain(
      'BEGIN CERTIFICATE',
    );
  });

  it("asks for SITHS' level of assurance unless SAML_LOA names another URI", () => {
    expect(loadConfig(samlEnv(idp)).auth.saml?.loa).toBe('http://id.sambi.se/loa/loa3');
    const swedishEid = 'http://id.elegnamnden.se/loa/1.0/loa4';
    expect(loadConfig({ ...samlEnv(idp), SAML_LOA: ` ${swedishEid} ` }).auth.saml?.loa).toBe(swedishEid);
    expect(
      loadConfig({ ...samlEnv(idp), SAML_LOA: 'urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard' }).auth.saml
        ?.loa,
    ).toBe('urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard');
    for (const bad of [
      'loa3',
      '3',
      'http://',
      'ftp://id.sambi.se/loa/loa3',
      'http://id.sambi.se/loa/loa3 loa4',
    ])
      expect(configError({ ...samlEnv(idp), SAML_LOA: bad }).variable).toBe('SAML_LOA');
  });

  it('validates the session timeouts and the administrator list', () => {
    expect(loadConfig({}).auth).toMatchObject({
      sessionIdleMinutes: 30,
      sessionAbsoluteHours: 10,
      adminUserIds: [],
    });
    expect(configError({ SESSION_IDLE_MINUTES: 'half an hour' }).variable).toBe('SESSION_IDLE_MINUTES');
    expect(configError({ SESSION_ABSOLUTE_HOURS: '0' }).variable).toBe('SESSION_ABSOLUTE_HOURS');
    expect(loadConfig({ ADMIN_USER_IDS: ' karlu1, nilbo4 ' }).auth.adminUserIds).toEqual([
      'karlu1',
      'nilbo4',
    ]);
    expect(configError({ ADMIN_USER_IDS: 'karl lund' }).variable).toBe('ADMIN_USER_IDS');
  });
});

describe('levels of assurance', () => {
  const SAMBI = 'http://id.sambi.se/loa/loa';
  it('admits the required level and higher ones of the same family, nothing else', () => {
    expect(meetsLoa(`${SAMBI}3`, `${SAMBI}3`)).toBe(true);
    expect(meetsLoa(`${SAMBI}3`, `${SAMBI}4`)).toBe(true);
    expect(meetsLoa(`${SAMBI}3`, `${SAMBI}2`)).toBe(false);
    expect(meetsLoa(`${SAMBI}4`, `${SAMBI}3`)).toBe(false);
    // Another framework's loa4 says nothing of Sambi's levels, nor does a missing one.
    expect(meetsLoa(`${SAMBI}3`, 'http://id.elegnamnden.se/loa/1.0/loa4')).toBe(false);
    expect(meetsLoa(`${SAMBI}3`, undefined)).toBe(false);
    expect(meetsLoa(`${SAMBI}3`, `${SAMBI}3x`)).toBe(false);
    // A level without a number is met only by itself.
    const smartcard = 'urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard';
    expect(meetsLoa(smartcard, smartcard)).toBe(true);
    expect(meetsLoa(smartcard, `${SAMBI}4`)).toBe(false);
  });

  it('names a level as a person reads it', () => {
    expect(loaLabel(`${SAMBI}3`)).toBe('tillitsnivå 3');
    expect(loaLabel('urn:x:y')).toBe('urn:x:y');
  });
});
