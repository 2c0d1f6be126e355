import { beforeAll, describe, expect, it } from '@jest/globals';
import forge from 'node-forge';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ConfigError,
  DEV_SIGNING_KEY_SECRET,
  loadConfig,
  loadSigningConfig,
} from '../../server/src/config/app-config.js';
import { createTestCa, federatedSigning, type TestCa } from '../support/federated-signing.js';
import { productionEnv } from '../support/production-env.js';
import { createTestIdp, samlEnv, type TestIdp } from '../support/saml-idp.js';

const variableOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.variable;
    throw error;
  }
  return undefined;
};

describe('signing configuration', () => {
  it('defaults to the embedded provider, the development secret and PIN 1234 outside production', () => {
    expect(loadSigningConfig({}, 'development')).toEqual({
      provider: 'embedded',
      keySecret: DEV_SIGNING_KEY_SECRET,
      defaultPin: '1234',
      dss: undefined,
      signService: undefined,
    });
  });

  it('requires SIGNING_KEY_SECRET and a real signing provider in production, naming what to set', () => {
    expect(variableOf(() => loadSigningConfig({ SIGNING_PROVIDER: 'federated' }, 'production'))).toBe(
      'SIGNING_KEY_SECRET',
    );
    let message = '';
    try {
      loadSigningConfig({ SIGNING_KEY_SECRET: 'x'.repeat(32) }, 'production');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(
      /^Invalid configuration: SIGNING_PROVIDER must be dss or federated in production/,
    );
    for (const name of [
      'DSS_SIGN_SERVICE_URL',
      'SIGNING_TRUST_ANCHORS',
      'SIGN_SERVICE_CA_CERT',
      'SIGN_SERVICE_CA_P12_FILE',
    ]) {
      expect(message).toContain(name);
    }
  });

  it('never issues certificates with a default PIN in production', async () => {
    const config = loadConfig(await productionEnv({ SIGNING_DEFAULT_PIN: '1234' }));
    expect(config.signing).toMatchObject({ provider: 'federated', defaultPin: undefined });
  });

  it('refuses a short secret, a malformed PIN and an unknown provider, naming the variable', () => {
    expect(variableOf(() => loadSigningConfig({ SIGNING_KEY_SECRET: 'short' }, 'test'))).toBe(
      'SIGNING_KEY_SECRET',
    );
    expect(variableOf(() => loadSigningConfig({ SIGNING_DEFAULT_PIN: '12a4' }, 'test'))).toBe(
      'SIGNING_DEFAULT_PIN',
    );
    expect(variableOf(() => loadSigningConfig({ SIGNING_PROVIDER: 'hsm' }, 'test'))).toBe('SIGNING_PROVIDER');
    // The real providers sign the signer in at the SAML IdP.
    expect(variableOf(() => loadConfig({ SIGNING_PROVIDER: 'dss' }))).toBe('SIGNING_PROVIDER');
  });

  describe('with SAML', () => {
    let saml: Record<string, string>;
    let ca: TestCa;
    let other: TestIdp;
    beforeAll(async () => {
      const [idp, sp] = await Promise.all([createTestIdp(), createTestIdp('BEH SP')]);
      saml = samlEnv(idp, sp);
      [ca, other] = await Promise.all([createTestCa(), createTestIdp('Signeringstjänst')]);
    });

    it('configures the DSS client against an external signing service', () => {
      const env = {
        ...saml,
        SIGNING_PROVIDER: 'dss',
        DSS_SIGN_SERVICE_URL: 'https://sign.example/sign',
        DSS_SIGN_SERVICE_ENTITY_ID: 'https://sign.example',
        DSS_SIGN_SERVICE_CERT: other.cert,
        SIGNING_TRUST_ANCHORS: ca.certificate,
      };
      expect(loadConfig(env).signing).toMatchObject({
        provider: 'dss',
        signService: undefined,
        dss: {
          serviceUrl: 'https://sign.example/sign',
          requesterEntityId: 'https://beh.test.example/saml/sp',
          returnUrl: 'https://beh.test.example/api/signing/dss/response',
          identityProvider: 'https://idp.test.example/saml',
          loa: 'http://id.sambi.se/loa/loa3',
          revocationSoftFail: false,
        },
      });
      for (const name of ['DSS_SIGN_SERVICE_URL', 'DSS_SIGN_SERVICE_CERT', 'SIGNING_TRUST_ANCHORS']) {
        expect(variableOf(() => loadConfig({ ...env, [name]: '' }))).toBe(name);
      }
      const noKeys: Record<string, string> = { ...env, SAML_SP_PRIVATE_KEY: '', SAML_SP_CERT: '' };
      expect(variableOf(() => loadConfig(noKeys))).toBe('SAML_SP_PRIVATE_KEY');
    });

    it("configures BEH's own signing service from a PEM pair or a PKCS#12 file", () => {
      const env = {
        ...saml,
        SIGNING_PROVIDER: 'federated',
        SIGN_SERVICE_KEY: other.key,
        SIGN_SERVICE_CERT: other.cert,
        SIGN_SERVICE_CA_CERT: ca.certificate,
        SIGN_SERVICE_CA_KEY: ca.privateKey,
      };
      const config = loadConfig(env).signing;
      expect(config.dss).toMatchObject({
        serviceUrl: 'https://beh.test.example/api/sign-service/sign',
        serviceEntityId: 'https://beh.test.example/api/sign-service',
        trustAnchors: [ca.certificate],
      });
      expect(config.signService).toMatchObject({
        acsUrl: 'https://beh.test.example/api/sign-service/acs',
        certificateMinutes: 10,
      });
      // A key that is not the CA's, and a CA file that cannot be opened, are refused.
      expect(variableOf(() => loadConfig({ ...env, SIGN_SERVICE_CA_KEY: other.key }))).toBe(
        'SIGN_SERVICE_CA_KEY',
      );

      const dir = mkdtempSync(path.join(tmpdir(), 'beh-p12-'));
      const file = path.join(dir, 'ca.p12');
      const p12 = forge.pkcs12.toPkcs12Asn1(
        forge.pki.privateKeyFromPem(ca.privateKey),
        [forge.pki.certificateFromPem(ca.certificate)],
        'hemligt',
        { algorithm: 'aes256' },
      );
      writeFileSync(file, Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'));
      const { SIGN_SERVICE_CA_CERT: _c, SIGN_SERVICE_CA_KEY: _k, ...withoutPem } = env;
      const fromP12 = loadConfig({
        ...withoutPem,
        SIGN_SERVICE_CA_P12_FILE: file,
        SIGN_SERVICE_CA_P12_PASSWORD: 'hemligt',
      });
      expect(new X509Certificate(fromP12.signing.signService!.ca.certificate).raw).toEqual(
        new X509Certificate(ca.certificate).raw,
      );
      expect(
        variableOf(() =>
          loadConfig({ ...withoutPem, SIGN_SERVICE_CA_P12_FILE: file, SIGN_SERVICE_CA_P12_PASSWORD: 'fel' }),
        ),
      ).toBe('SIGN_SERVICE_CA_P12_FILE');
      rmSync(dir, { recursive: true });
    });

    it('allows soft-fail of the revocation check only outside production', async () => {
      await expect(
        (async () => loadConfig(await productionEnv({ SIGNING_REVOCATION_SOFT_FAIL: 'true' })))(),
      ).rejects.toMatchObject({ variable: 'SIGNING_REVOCATION_SOFT_FAIL' });
      const federated = await federatedSigning();
      const test = loadConfig({ ...saml, ...federated.env, SIGNING_REVOCATION_SOFT_FAIL: 'true' });
      expect(test.signing.dss?.revocationSoftFail).toBe(true);
    });
  });
});
