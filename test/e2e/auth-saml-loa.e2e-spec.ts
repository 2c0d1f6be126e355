import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { authnRequestXml, createLibraryIdp, type LibraryIdp } from '../support/library-idp.js';
import { createTestIdp, samlEnv, type TestIdp } from '../support/saml-idp.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** Persons of the demo directory (../shared/domain.md). */
const KARLU1_HSA = 'SE2321000131-P000000000101';
const LOA2 = 'http://id.sambi.se/loa/loa2';
const LOA3 = 'http://id.sambi.se/loa/loa3';
const LOA4 = 'http://id.sambi.se/loa/loa4';

const sessionCookie = (res: request.Response) =>
  ((res.headers['set-cookie'] as unknown as string[] | undefined) ?? []).find((c) =>
    /^beh\.sid=[^;]+/.test(c),
  );

/**
 * Sign-in at the right level of assurance (issue 16, point 3): BEH asks the IdP for SAML_LOA as a
 * minimum and refuses an assertion of a lower level with a Swedish page, signing nobody in. The
 * IdP is samlify's, answering BEH's real AuthnRequests.
 */
describe.each([
  { configured: undefined, required: LOA3, admitted: [LOA3, LOA4], refused: [LOA2, undefined] },
  { configured: LOA4, required: LOA4, admitted: [LOA4], refused: [LOA3, 'urn:beh:test:other'] },
])('SAML sign-in with SAML_LOA=$configured', ({ configured, required, admitted, refused }) => {
  let t: TestApp;
  let keys: TestIdp;
  let idp: LibraryIdp;

  beforeAll(async () => {
    const [idpKeys, spKeys] = await Promise.all([createTestIdp(), createTestIdp('BEH SP')]);
    keys = idpKeys;
    t = await createTestApp({ ...samlEnv(keys, spKeys), ...(configured ? { SAML_LOA: configured } : {}) });
    const metadata = await request(t.http).get('/api/auth/saml/metadata').expect(200);
    idp = createLibraryIdp(keys, metadata.text);
  });
  afterAll(async () => {
    await t.close();
  });

  async function redirectToIdp(): Promise<string> {
    const res = await request(t.http).get('/api/auth/saml/login').expect(302);
    return res.headers.location as string;
  }

  const postToAcs = (samlResponse: string) =>
    request(t.http).post('/api/auth/saml/acs').type('form').send({ SAMLResponse: samlResponse });

  it('asks the IdP for the configured level as a minimum, in a signed AuthnRequest the IdP accepts', async () => {
    const location = await redirectToIdp();
    // samlify validates it against the SAML schema and checks its signature with our metadata's certificate.
    const parsed = await idp.readRequest(location);
    expect(parsed.id).toMatch(/^_/);
    const xml = authnRequestXml(location);
    const asked =
      /<samlp:RequestedAuthnContext [^>]*Comparison="minimum"[^>]*>(.*?)<\/samlp:RequestedAuthnContext>/.exec(
        xml,
      );
    expect(asked?.[1]).toMatch(
      new RegExp(`^<saml:AuthnContextClassRef[^>]*>${required}</saml:AuthnContextClassRef>$`),
    );
  });

  it.each(admitted)('signs in a person who authenticated at %s', async (loa) => {
    const { samlResponse } = await idp.respond(await redirectToIdp(), { hsaId: KARLU1_HSA, loa });
    const res = await postToAcs(samlResponse).expect(200);
    const cookie = sessionCookie(res);
    expect(cookie).toBeDefined();
    const me = await request(t.http).get('/api/me').set('Cookie', cookie!.split(';')[0]).expect(200);
    expect(me.body.person.userId).toBe('karlu1');
  });

  it.each(refused)('refuses %s with a Swedish page and signs nobody in', async (loa) => {
    const location = await redirectToIdp();
    const { samlResponse } = await idp.respond(location, { hsaId: KARLU1_HSA, loa });
    const res = await postToAcs(samlResponse).expect(403);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('Inloggningen har för låg tillitsnivå');
    expect(res.text).toContain(`kräver inloggning med tillitsnivå ${required.slice(-1)}`);
    expect(res.text).toContain(
      loa === undefined
        ? 'angav ingen tillitsnivå'
        : `Din inloggning hade ${/loa\d$/.test(loa) ? `tillitsnivå ${loa.slice(-1)}` : loa}`,
    );
    expect(sessionCookie(res)).toBeUndefined();
    // The request it answered is used up: the same response, posted again, is no sign-in either.
    const again = await postToAcs(samlResponse).expect(401);
    expect(sessionCookie(again)).toBeUndefined();
  });
});
