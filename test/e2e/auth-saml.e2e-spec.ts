import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createLibraryIdp, type LibraryIdp, type ResponseOptions } from '../support/library-idp.js';
import { ACS_URL, createTestIdp, IDP_SSO_URL, samlEnv, SP_ENTITY_ID } from '../support/saml-idp.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const LOA3 = 'http://id.sambi.se/loa/loa3';
const KARLU1_HSA = 'SE2321000131-P000000000101';

/** The IdP's answer, base64, decoded and encoded again: a test's tampering with it. */
const decoded = (samlResponse: string) => Buffer.from(samlResponse, 'base64').toString('utf8');
const encoded = (xml: string) => Buffer.from(xml, 'utf8').toString('base64');

/** Sign-in against samlify's IdP, which answers BEH's real AuthnRequests. */
describe('SAML sign-in', () => {
  let t: TestApp;
  let idp: LibraryIdp;
  let impostor: LibraryIdp;

  beforeAll(async () => {
    const [keys, otherKeys, sp] = await Promise.all([
      createTestIdp(),
      createTestIdp('Impostor'),
      createTestIdp('BEH SP'),
    ]);
    t = await createTestApp(samlEnv(keys, sp));
    const metadata = (await request(t.http).get('/api/auth/saml/metadata').expect(200)).text;
    idp = createLibraryIdp(keys, metadata);
    impostor = createLibraryIdp(otherKeys, metadata);
  });
  afterAll(async () => {
    await t.close();
  });

  /** Starts a sign-in as a browser would; answers the redirect to the IdP. */
  async function startLogin(relayState?: string) {
    const query = relayState === undefined ? '' : `?relayState=${encodeURIComponent(relayState)}`;
    const res = await request(t.http).get(`/api/auth/saml/login${query}`).expect(302);
    return new URL(res.headers.location as string);
  }

  const postToAcs = (samlResponse: string, relayState?: string) =>
    request(t.http)
      .post('/api/auth/saml/acs')
      .type('form')
      .send({
        SAMLResponse: samlResponse,
        ...(relayState === undefined ? {} : { RelayState: relayState }),
      });

  /** The IdP's signed answer (base64) to a new sign-in, for `hsaId` (karlu1's) with SITHS. */
  async function signedResponse(
    options: ResponseOptions & { hsaId?: string } = {},
    by = idp,
  ): Promise<string> {
    const location = await startLogin();
    const answer = await by.respond(
      location.href,
      { hsaId: options.hsaId ?? KARLU1_HSA, loa: LOA3 },
      options,
    );
    return answer.samlResponse;
  }

  const sessionCookie = (res: request.Response) =>
    ((res.headers['set-cookie'] as unknown as string[] | undefined) ?? []).find((c) =>
      /^beh\.sid=[^;]+/.test(c),
    );

  it('offers SAML on the sign-in page', async () => {
    const res = await request(t.http).get('/api/auth/methods').expect(200);
    expect(res.body).toEqual({ saml: true, dev: true });
  });

  it('publishes SP metadata as XML with our entity id and assertion consumer', async () => {
    const res = await request(t.http).get('/api/auth/saml/metadata').expect(200);
    expect(res.headers['content-type']).toMatch(/xml/);
    expect(res.text).toContain(`entityID="${SP_ENTITY_ID}"`);
    expect(res.text).toContain(`Location="${ACS_URL}"`);
    expect(res.text).toContain('X509Certificate');
  });

  it('sends the browser to the IdP with a signed AuthnRequest', async () => {
    const location = await startLogin('/delegations');
    expect(`${location.origin}${location.pathname}`).toBe(IDP_SSO_URL);
    expect(location.searchParams.get('RelayState')).toBe('/delegations');
    expect(location.searchParams.get('Signature')).toBeTruthy();
  });

  it('accepts a response whose assertion the IdP signed, and the session works', async () => {
    const location = await startLogin('/delegations');
    // samlify reads the AuthnRequest (its schema and our signature checked) before it answers.
    const { samlResponse } = await idp.respond(location.href, { hsaId: KARLU1_HSA, loa: LOA3 });
    const res = await postToAcs(samlResponse, '/delegations').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('<meta http-equiv="refresh" content="0;url=/delegations">');
    // The page's CSP runs no script: it goes on by the meta refresh alone.
    expect(res.text).not.toContain('<script');
    const cookie = sessionCookie(res);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const me = await request(t.http).get('/api/me').set('Cookie', cookie!.split(';')[0]).expect(200);
    expect(me.body.person.userId).toBe('karlu1');
    expect(me.body.roles.headOfUnit).toBe(true);
    const [row] = (await t.dataSource.query(
      `SELECT s.auth_method FROM user_session s JOIN person p ON p.id = s.person_id WHERE p.user_id = 'karlu1'`,
    )) as { auth_method: string }[];
    expect(row.auth_method).toBe('SAML');
  });

  it('accepts a response signed as a whole around a signed assertion', async () => {
    const xml = await signedResponse({ hsaId: 'SE2321000131-P000000000102', signWhole: true });
    expect(decoded(xml).match(/<ds:Signature[ >]/g)).toHaveLength(2);
    const res = await postToAcs(xml).expect(200);
    const me = await request(t.http)
      .get('/api/me')
      .set('Cookie', sessionCookie(res)!.split(';')[0])
      .expect(200);
    expect(me.body.person.userId).toBe('eriho2');
  });

  it('refuses an unsigned response', async () => {
    const signed = decoded(await signedResponse());
    const unsigned = signed.replace(/<ds:Signature[\s\S]*?<\/ds:Signature>/g, '');
    expect(unsigned).not.toContain('Signature');
    const res = await postToAcs(encoded(unsigned)).expect(401);
    expect(res.text).toContain('Inloggningen misslyckades');
    expect(sessionCookie(res)).toBeUndefined();
  });

  it('refuses a response signed by another key', async () => {
    const res = await postToAcs(await signedResponse({}, impostor)).expect(401);
    expect(sessionCookie(res)).toBeUndefined();
  });

  it('refuses a signed assertion that was altered afterwards', async () => {
    const signed = decoded(await signedResponse({ hsaId: 'SE2321000131-P000000000102' }));
    const tampered = signed.replace('SE2321000131-P000000000102', 'SE2321000131-P000000000001');
    expect(tampered).not.toBe(signed);
    await postToAcs(encoded(tampered)).expect(401);
  });

  it('refuses an expired assertion', async () => {
    await postToAcs(await signedResponse({ offsetMinutes: -60 })).expect(401);
  });

  it('refuses an assertion for another audience', async () => {
    await postToAcs(await signedResponse({ audience: 'https://other-sp.example/saml' })).expect(401);
  });

  it('refuses an assertion from another issuer, even signed with the trusted key', async () => {
    await postToAcs(await signedResponse({ issuer: 'https://other-idp.example/saml' })).expect(401);
  });

  it('refuses a replayed response: an InResponseTo is good for one sign-in only', async () => {
    const xml = await signedResponse();
    await postToAcs(xml).expect(200);
    const again = await postToAcs(xml).expect(401);
    expect(sessionCookie(again)).toBeUndefined();
  });

  it('signs in only once when the same response is posted twice at the same moment', async () => {
    const xml = await signedResponse();
    const statuses = (await Promise.all([postToAcs(xml), postToAcs(xml), postToAcs(xml)])).map(
      (r) => r.status,
    );
    expect(statuses.sort()).toEqual([200, 401, 401]);
  });

  it('refuses a response to a request we never sent, and an unsolicited one', async () => {
    const person = { hsaId: KARLU1_HSA, loa: LOA3 };
    await postToAcs((await idp.respondUnasked(person, '_never-sent')).samlResponse).expect(401);
    const unsolicited = (await idp.respondUnasked(person)).samlResponse;
    expect(decoded(unsolicited)).not.toContain('InResponseTo');
    await postToAcs(unsolicited).expect(401);
  });

  it('tells a person the directory does not know that they are not in it', async () => {
    const res = await postToAcs(await signedResponse({ hsaId: 'SE2321000131-P999999999999' })).expect(403);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('Du finns inte i katalogen');
    expect(res.text).toContain('SE2321000131-P999999999999');
    expect(sessionCookie(res)).toBeUndefined();
  });

  it('tells a person gone from the directory (inactive after a KIV sync) that they cannot sign in', async () => {
    await t.dataSource.query(`UPDATE person SET active = false WHERE user_id = 'petny8'`);
    const [{ hsaId }] = await t.dataSource.query<{ hsaId: string }[]>(
      `SELECT hsa_id AS "hsaId" FROM person WHERE user_id = 'petny8'`,
    );
    try {
      const res = await postToAcs(await signedResponse({ hsaId })).expect(403);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('Du finns inte längre i katalogen');
      expect(sessionCookie(res)).toBeUndefined();
    } finally {
      await t.dataSource.query(`UPDATE person SET active = true WHERE user_id = 'petny8'`);
    }
  });

  it('needs no CSRF token at the assertion consumer (the IdP posts it cross-site)', async () => {
    await postToAcs(await signedResponse()).expect(200);
  });

  describe('RelayState only ever leads inside the portal', () => {
    const attempts = [
      'https://evil.example/steal',
      '//evil.example/steal',
      '/\\evil.example',
      '\\\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      'javascript:alert(1)',
      'evil.example',
      '',
    ];

    it.each(attempts)('ACS with RelayState %j lands on /', async (relayState) => {
      const res = await postToAcs(await signedResponse(), relayState).expect(200);
      expect(res.text).toContain('url=/"');
    });

    it.each(attempts.filter(Boolean))('login with relayState %j sends / to the IdP', async (relayState) => {
      const location = await startLogin(relayState);
      expect(location.searchParams.get('RelayState')).toBe('/');
    });

    it('keeps a path inside the portal, with its query, escaped in the page', async () => {
      const res = await postToAcs(await signedResponse(), '/orders?status=a&b="<x>').expect(200);
      expect(res.text).toContain('url=/orders?status=a&amp;b=%22%3Cx%3E"');
      expect(res.text).not.toContain('<x>');
    });
  });
});
