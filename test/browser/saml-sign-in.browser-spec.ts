import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page, Route } from 'playwright-core';
import { createLibraryIdp, IDP_SLO_URL, type LibraryIdp } from '../support/library-idp.js';
import { createTestIdp, IDP_SSO_URL, samlEnv } from '../support/saml-idp.js';
import { screenshot, seriousAccessibilityViolations, startUiSession, type UiSession } from './browser.js';

const SIGN_IN_HEADING = 'Jag legitimerar mig hos Västra Götalandsregionen';
const KARLU1_HSA = 'SE2321000131-P000000000101';

let session: UiSession;
let page: Page;
let idp: LibraryIdp;
/** The level the IdP says the next person authenticated at. */
let nextLoa = 'http://id.sambi.se/loa/loa3';
/** Whom the IdP signed in last, and whom BEH's LogoutRequest named. */
let signedIn: { nameId: string; sessionIndex: string } | undefined;
let loggedOut: { nameId: string; sessionIndex: string | undefined } | undefined;

const attr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/** The IdP's page that posts a form on to BEH at once, as a real IdP's does. */
async function postOn(route: Route, action: string, fields: Record<string, string>): Promise<void> {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${attr(value)}">`)
    .join('');
  await route.fulfill({
    status: 200,
    contentType: 'text/html; charset=utf-8',
    body: `<!doctype html><html lang="sv"><head><title>Test IdP</title></head><body>
<form method="post" action="${session.baseUrl}${action}">${inputs}<button type="submit">Fortsätt</button></form>
<script>document.forms[0].submit();</script></body></html>`,
  });
}

/** The IdP's sign-in: karlu1 with SITHS, at the level the test chose. */
async function answerSignIn(route: Route): Promise<void> {
  const url = route.request().url();
  const answer = await idp.respond(url, { hsaId: KARLU1_HSA, loa: nextLoa });
  signedIn = { nameId: answer.nameId, sessionIndex: answer.sessionIndex };
  const relayState = new URL(url).searchParams.get('RelayState') ?? '';
  await postOn(route, '/api/auth/saml/acs', { SAMLResponse: answer.samlResponse, RelayState: relayState });
}

/** The IdP's logout: reads BEH's signed LogoutRequest, and answers it back to BEH. */
async function answerLogout(route: Route): Promise<void> {
  const url = route.request().url();
  loggedOut = await idp.readLogoutRequest(url);
  await postOn(route, '/api/auth/saml/slo', await idp.answerLogoutRequest(url));
}

beforeAll(async () => {
  const [keys, spKeys] = await Promise.all([createTestIdp(), createTestIdp('BEH SP')]);
  session = await startUiSession({ ...samlEnv(keys, spKeys), SAML_IDP_SLO_URL: IDP_SLO_URL });
  page = session.page;
  const metadata = await fetch(`${session.baseUrl}/api/auth/saml/metadata`);
  idp = createLibraryIdp(keys, await metadata.text());
  await session.context.route(`${IDP_SSO_URL}**`, answerSignIn);
  await session.context.route(`${IDP_SLO_URL}**`, answerLogout);
});

afterAll(async () => {
  await session?.close();
});

describe('SAML sign-in at the right level, and single logout', () => {
  it('signs in with SITHS (loa3) and signs out at the IdP too', async () => {
    await page.goto('/#/login');
    await page.getByRole('heading', { name: SIGN_IN_HEADING }).waitFor();
    await page.getByRole('link', { name: 'SITHS-kort på denna enhet' }).click();
    await page.getByText('Inloggad: Karin Lund (karlu1)').waitFor();

    await page.getByRole('button', { name: 'Profil' }).click();
    const toIdp = page.waitForRequest((request) => request.url().startsWith(IDP_SLO_URL));
    await page.getByRole('menuitem', { name: 'Logga ut' }).click();
    await toIdp;
    // Back from the IdP's logout on the sign-in page, signed out of both.
    await page.getByRole('heading', { name: SIGN_IN_HEADING }).waitFor();
    expect(loggedOut).toMatchObject(signedIn!);
    const me = await page.evaluate(async () => (await fetch('/api/me')).status);
    expect(me).toBe(401);
    expect(session.problems).toEqual([]);
  });

  it('refuses a sign-in without the card (loa2) with a page that says so', async () => {
    nextLoa = 'http://id.sambi.se/loa/loa2';
    await page.goto('/#/login');
    await page.getByRole('link', { name: 'SITHS-kort på denna enhet' }).click();
    await page.getByRole('heading', { name: 'Inloggningen har för låg tillitsnivå' }).waitFor();
    await page
      .getByText('Behörighetsbeställningen kräver inloggning med tillitsnivå 3, som med ditt SITHS-kort.')
      .waitFor();
    await page.getByText('Din inloggning hade tillitsnivå 2.').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'saml-low-assurance');
    await page.getByRole('link', { name: 'Till inloggningssidan' }).click();
    await page.getByRole('heading', { name: SIGN_IN_HEADING }).waitFor();
    expect(session.problems).toEqual([]);
  });
});
