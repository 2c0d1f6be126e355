import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { SamlService } from '../../server/src/auth/saml/saml.service.js';
import { createLibraryIdp, idpMetadataXml } from '../support/library-idp.js';
import {
  createTestIdp,
  IDP_ENTITY_ID,
  IDP_SSO_URL,
  PUBLIC_URL,
  SP_ENTITY_ID,
  type TestIdp,
} from '../support/saml-idp.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const KARLU1_HSA = 'SE2321000131-P000000000101';
const LOA3 = 'http://id.sambi.se/loa/loa3';

/** BEH configured by the IdP's metadata instead of SAML_IDP_SSO_URL and SAML_IDP_CERT. */
const metadataEnv = (sp: TestIdp, source: Record<string, string>) => ({
  PUBLIC_URL,
  SAML_SP_ENTITY_ID: SP_ENTITY_ID,
  SAML_SP_PRIVATE_KEY: sp.key,
  SAML_SP_CERT: sp.cert,
  ...source,
});

/** Signs karlu1 in through the IdP with `keys`: the status BEH answers the response with. */
async function signInWith(t: TestApp, keys: TestIdp): Promise<number> {
  const spMetadata = (await request(t.http).get('/api/auth/saml/metadata').expect(200)).text;
  const login = await request(t.http).get('/api/auth/saml/login').expect(302);
  const location = login.headers.location as string;
  expect(location.startsWith(`${IDP_SSO_URL}?`)).toBe(true);
  const { samlResponse } = await createLibraryIdp(keys, spMetadata).respond(location, {
    hsaId: KARLU1_HSA,
    loa: LOA3,
  });
  const res = await request(t.http)
    .post('/api/auth/saml/acs')
    .type('form')
    .send({ SAMLResponse: samlResponse });
  return res.status;
}

/**
 * The IdP's metadata read from a file or a URL (issue 16, point 3) and refreshed: a certificate
 * rollover reaches BEH without a restart. The metadata is samlify's IdP's own.
 */
describe('SAML configured by the IdP metadata', () => {
  let sp: TestIdp;
  let before: TestIdp;
  let after: TestIdp;
  let dir: string;

  beforeAll(async () => {
    [sp, before, after] = await Promise.all([
      createTestIdp('BEH SP'),
      createTestIdp('IdP signing 2026'),
      createTestIdp('IdP signing 2027'),
    ]);
    dir = await mkdtemp(path.join(os.tmpdir(), 'beh-idp-metadata-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  describe('from a file', () => {
    let t: TestApp;
    let file: string;

    beforeAll(async () => {
      file = path.join(dir, 'idp.xml');
      await writeFile(file, idpMetadataXml(before));
      t = await createTestApp(metadataEnv(sp, { SAML_IDP_METADATA_FILE: file }));
    });
    afterAll(async () => {
      await t.close();
    });

    it("signs in with the metadata's address and certificate, and offers single logout it names", async () => {
      expect(await signInWith(t, before)).toBe(200);
      const spMetadata = await request(t.http).get('/api/auth/saml/metadata').expect(200);
      expect(spMetadata.text).toContain('SingleLogoutService');
    });

    it('takes a rolled-over certificate at the next refresh, and no longer the old one', async () => {
      await writeFile(file, idpMetadataXml(after));
      // Not before the metadata is read again.
      expect(await signInWith(t, after)).toBe(401);
      const saml = t.app.get(SamlService);
      expect(await saml.refreshMetadata()).toBe(true);
      expect(await signInWith(t, after)).toBe(200);
      expect(await signInWith(t, before)).toBe(401);
      // The same metadata again changes nothing.
      expect(await saml.refreshMetadata()).toBe(false);
    });

    it('keeps what it has when the metadata turns unusable, and says why', async () => {
      await writeFile(file, '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"');
      await expect(t.app.get(SamlService).refreshMetadata()).rejects.toThrow(/not XML|no EntityDescriptor/);
      expect(await signInWith(t, after)).toBe(200);
    });
  });

  describe('from a URL', () => {
    let t: TestApp | undefined;
    let server: Server;
    let served: string | undefined;
    let url: string;

    beforeAll(async () => {
      server = createServer((_req, res) => {
        if (served === undefined) {
          res.statusCode = 503;
          res.end();
          return;
        }
        res.setHeader('content-type', 'application/samlmetadata+xml');
        res.end(served);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metadata`;
    });
    afterEach(async () => {
      await t?.close();
      t = undefined;
    });
    afterAll(async () => {
      await new Promise((resolve) => server.close(resolve));
    });

    it('reads it at start and again at a refresh', async () => {
      served = idpMetadataXml(before);
      t = await createTestApp(metadataEnv(sp, { SAML_IDP_METADATA_URL: url }));
      expect(await signInWith(t, before)).toBe(200);
      served = idpMetadataXml(after);
      expect(await t.app.get(SamlService).refreshMetadata()).toBe(true);
      expect(await signInWith(t, after)).toBe(200);
    });

    it('starts while the address is down, with SAML sign-in unavailable (503) until it answers', async () => {
      served = undefined;
      t = await createTestApp(metadataEnv(sp, { SAML_IDP_METADATA_URL: url }));
      // The browser arrives by a link: a page, not JSON.
      const res = await request(t.http).get('/api/auth/saml/login').expect(503);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers['retry-after']).toBe('60');
      expect(res.text).toContain('<h1>Inloggning med SITHS går inte just nu</h1>');
      await request(t.http).post('/api/auth/saml/acs').type('form').send({ SAMLResponse: 'x' }).expect(503);
      // Machines reading BEH's own metadata get a problem.
      const metadata = await request(t.http).get('/api/auth/saml/metadata').expect(503);
      expect(metadata.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(metadata.body.detail).toMatch(/^Inloggning med SITHS går inte just nu/);
      // The sign-in page still offers SAML: it is configured, only not reachable yet.
      expect((await request(t.http).get('/api/auth/methods').expect(200)).body.saml).toBe(true);
      served = idpMetadataXml(before);
      await t.app.get(SamlService).refreshMetadata();
      expect(await signInWith(t, before)).toBe(200);
    });
  });

  it('does not start with a metadata file it cannot read', async () => {
    await expect(
      createTestApp(metadataEnv(sp, { SAML_IDP_METADATA_FILE: path.join(dir, 'missing.xml') })),
    ).rejects.toThrow(/cannot read .*missing\.xml \(ENOENT\)/);
  });

  it('picks the IdP named in SAML_IDP_ENTITY_ID out of a federation aggregate', async () => {
    const other = idpMetadataXml(after).replace(IDP_ENTITY_ID, 'https://other-idp.test.example/saml');
    const strip = (xml: string) => xml.replace(/^<\?xml[^>]*\?>\s*/, '');
    const aggregate = `<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">${strip(other)}${strip(
      idpMetadataXml(before),
    )}</md:EntitiesDescriptor>`;
    const file = path.join(dir, 'federation.xml');
    await writeFile(file, aggregate);
    const t = await createTestApp(
      metadataEnv(sp, { SAML_IDP_METADATA_FILE: file, SAML_IDP_ENTITY_ID: IDP_ENTITY_ID }),
    );
    try {
      expect(await signInWith(t, before)).toBe(200);
    } finally {
      await t.close();
    }
  });
});
