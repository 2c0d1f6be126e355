import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import {
  createLibraryIdp,
  IDP_SLO_URL,
  type LibraryIdp,
  type SignedInSubject,
} from '../support/library-idp.js';
import { createTestIdp, PUBLIC_URL, samlEnv, type TestIdp } from '../support/saml-idp.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const KARLU1_HSA = 'SE2321000131-P000000000101';
const LOA3 = 'http://id.sambi.se/loa/loa3';

const sessionCookie = (res: request.Response) =>
  ((res.headers['set-cookie'] as unknown as string[] | undefined) ?? [])
    .find((c) => /^beh\.sid=[^;]+/.test(c))
    ?.split(';')[0];

/**
 * SAML single logout (issue 16, point 3), both ways, against samlify's IdP: signing out of BEH
 * sends the browser to the IdP with a signed LogoutRequest naming the sign-in's subject, and the
 * IdP's own signed LogoutRequest ends exactly the sessions it names.
 */
describe('SAML single logout', () => {
  let t: TestApp;
  let idp: LibraryIdp;
  let impostor: LibraryIdp;

  beforeAll(async () => {
    const [keys, spKeys, otherKeys] = await Promise.all([
      createTestIdp(),
      createTestIdp('BEH SP'),
      createTestIdp('Impostor'),
    ]);
    t = await createTestApp({ ...samlEnv(keys, spKeys), SAML_IDP_SLO_URL: IDP_SLO_URL });
    const metadata = await request(t.http).get('/api/auth/saml/metadata').expect(200);
    idp = createLibraryIdp(keys, metadata.text);
    impostor = createLibraryIdp(otherKeys as TestIdp, metadata.text);
  });
  afterAll(async () => {
    await t.close();
  });

  /** Signs karlu1 in through the IdP: the session's cookie and the subject the IdP named. */
  async function signIn(): Promise<{ cookie: string; subject: SignedInSubject }> {
    const login = await request(t.http).get('/api/auth/saml/login').expect(302);
    const subject = await idp.respond(login.headers.location as string, { hsaId: KARLU1_HSA, loa: LOA3 });
    const res = await request(t.http)
      .post('/api/auth/saml/acs')
      .type('form')
      .send({ SAMLResponse: subject.samlResponse })
      .expect(200);
    return { cookie: sessionCookie(res)!, subject };
  }

  const postToSlo = (form: object) => request(t.http).post('/api/auth/saml/slo').type('form').send(form);

  const live = async (cookie: string) =>
    (await request(t.http).get('/api/me').set('Cookie', cookie)).status === 200;

  async function logout(cookie: string, status: number) {
    const csrf = await request(t.http).get('/api/auth/csrf').set('Cookie', cookie).expect(200);
    return request(t.http)
      .post('/api/auth/logout')
      .set('Cookie', cookie)
      .set('X-CSRF-Token', csrf.body.token as string)
      .expect(status);
  }

  it('advertises its single logout endpoint in the SP metadata', async () => {
    const res = await request(t.http).get('/api/auth/saml/metadata').expect(200);
    expect(res.text).toMatch(
      new RegExp(`<SingleLogoutService [^>]*Location="${PUBLIC_URL}/api/auth/saml/slo"`),
    );
  });

  it('signs out at the IdP too: a signed LogoutRequest for the sign-in, and the IdP answers back', async () => {
    const { cookie, subject } = await signIn();
    const res = await logout(cookie, 200);
    const location = res.body.idpLogoutUrl as string;
    expect(location.startsWith(`${IDP_SLO_URL}?`)).toBe(true);
    // BEH's session is over before the browser even leaves.
    expect(await live(cookie)).toBe(false);
    // The IdP checks its signature against BEH's metadata and reads whom it names.
    const asked = await idp.readLogoutRequest(location);
    expect(asked).toMatchObject({ nameId: subject.nameId, sessionIndex: subject.sessionIndex });

    // An unsigned LogoutResponse is not the IdP's word: a page, not the way back.
    const unsigned = await postToSlo(await idp.answerLogoutRequest(location, { signed: false })).expect(400);
    expect(unsigned.text).toContain('Utloggningen kunde inte genomföras');
    // The IdP's LogoutResponse brings the browser back to the sign-in page.
    const back = await idp.answerLogoutRequest(location);
    const done = await postToSlo(back).expect(302);
    expect(done.headers.location).toBe('/');
  });

  it('ends a development sign-in as before: 204, nothing to tell the IdP', async () => {
    const csrf = await request(t.http).get('/api/auth/csrf').expect(200);
    const anonymous = sessionCookie(csrf)!;
    const login = await request(t.http)
      .post('/api/auth/dev-login')
      .set('Cookie', anonymous)
      .set('X-CSRF-Token', csrf.body.token as string)
      .send({ userId: 'karlu1' })
      .expect(200);
    const cookie = sessionCookie(login)!;
    const res = await logout(cookie, 204);
    expect(res.text).toBe('');
    expect(await live(cookie)).toBe(false);
  });

  it("ends, at the IdP's signed LogoutRequest, exactly the sessions it names, and answers it", async () => {
    const first = await signIn();
    const second = await signIn();
    const message = idp.logoutRequest({
      nameId: first.subject.nameId,
      sessionIndex: first.subject.sessionIndex,
    });
    const res = await postToSlo(message.form).expect(302);
    expect(await live(first.cookie)).toBe(false);
    expect(await live(second.cookie)).toBe(true);
    // Answered with BEH's signed LogoutResponse to that request, at the IdP's logout service.
    const location = res.headers.location as string;
    expect(location.startsWith(`${IDP_SLO_URL}?`)).toBe(true);
    const answer = await idp.readLogoutResponse(location);
    expect(answer.inResponseTo).toBe(message.id);
    expect(answer.xml).toContain('urn:oasis:names:tc:SAML:2.0:status:Success');

    // Without a SessionIndex it names every session of that subject.
    const all = idp.logoutRequest({ nameId: second.subject.nameId });
    await postToSlo(all.form).expect(302);
    expect(await live(second.cookie)).toBe(false);
  });

  it('refuses an unsigned LogoutRequest, and one signed by another key: nobody is signed out', async () => {
    const { cookie, subject } = await signIn();
    for (const message of [
      idp.logoutRequest({ nameId: subject.nameId }, { signed: false }),
      impostor.logoutRequest({ nameId: subject.nameId }),
    ]) {
      const res = await postToSlo(message.form).expect(400);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('Utloggningen kunde inte genomföras');
    }
    expect(await live(cookie)).toBe(true);
  });

  it('answers a request with no logout message in it with the same page', async () => {
    const res = await postToSlo({}).expect(400);
    expect(res.text).toContain('Utloggningen kunde inte genomföras');
  });
});

describe('SAML without single logout configured', () => {
  let t: TestApp;

  beforeAll(async () => {
    const [keys, spKeys] = await Promise.all([createTestIdp(), createTestIdp('BEH SP')]);
    t = await createTestApp(samlEnv(keys, spKeys));
  });
  afterAll(async () => {
    await t.close();
  });

  it('has no logout endpoint (404 problem) and none in its metadata', async () => {
    const res = await request(t.http)
      .post('/api/auth/saml/slo')
      .type('form')
      .send({ SAMLRequest: 'x' })
      .expect(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.detail).toBe('Utloggning med SAML är inte konfigurerad.');
    const metadata = await request(t.http).get('/api/auth/saml/metadata').expect(200);
    expect(metadata.text).not.toContain('SingleLogoutService');
  });
});
