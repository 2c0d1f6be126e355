import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page, Route } from 'playwright-core';
import { MailCatcher } from '../../server/src/mail/catcher/mail-catcher.js';
import { mailWebView } from '../../server/src/mail/catcher/mail-web-view.js';
import { KVAL_SOL, send, VOB_SOL, withoutLocalAccessFlags } from '../e2e/orders-support.js';
import { createLibraryIdp, type LibraryIdp } from '../support/library-idp.js';
import { createTestIdp, IDP_SSO_URL, PUBLIC_URL, samlEnv } from '../support/saml-idp.js';
import { signIn } from '../support/sign-in.js';
import {
  screenshot,
  seriousAccessibilityViolations,
  signOut,
  startUiSession,
  type UiSession,
  WELCOME,
} from './browser.js';

/**
 * Issue 13, point 2: a link into the portal (the attest mail's "Öppna beställningen", a wizard or
 * mass-order address) opened while signed out lands where it pointed once the user has signed in,
 * through both sign-in paths: the development persona list and SAML (the return path travels as
 * RelayState through the IdP). The test IdP answers in the browser itself: Playwright's network
 * routing stands in for the IdP's host and posts a response signed with the test IdP's key to the
 * portal's assertion consumer, as the real IdP's page does.
 *
 * The server runs with PUBLIC_URL https://beh.test.example (the SAML audience and the mails'
 * links); the browser reaches that host through a route that sends it on to the test server.
 */

const SARBE3_HSA_ID = 'SE2321000131-P000000000103';
const SIGN_IN_HEADING = 'Jag legitimerar mig hos Västra Götalandsregionen';

let session: UiSession;
let page: Page;
let idp: LibraryIdp;
let catcher: MailCatcher;
let mailView: Server;
let mailViewUrl = '';
let order: { id: string; orderNumber: string };
let second: { id: string; orderNumber: string };

const stockholmToday = (): string =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());

async function place(assignmentId: string) {
  const eriho2 = await signIn(session.testApp, 'eriho2');
  const res = await eriho2.post('/api/orders').send(send('nilbo4', [assignmentId], stockholmToday()));
  if (res.status !== 201) throw new Error(`placing answered ${res.status}: ${JSON.stringify(res.body)}`);
  const [placed] = res.body as { id: string; orderNumber: string }[];
  if (!placed) throw new Error('placing answered no order');
  return placed;
}

/** The regional IdP's page (samlify's IdP): answers the AuthnRequest for sarbe3 and posts it back. */
async function answerAsIdp(route: Route): Promise<void> {
  const url = new URL(route.request().url());
  const { samlResponse } = await idp.respond(url.href, {
    hsaId: SARBE3_HSA_ID,
    loa: 'http://id.sambi.se/loa/loa3',
  });
  const relayState = url.searchParams.get('RelayState') ?? '';
  const attr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  await route.fulfill({
    status: 200,
    contentType: 'text/html; charset=utf-8',
    body: `<!doctype html><html lang="sv"><head><title>Test IdP</title></head><body>
<form method="post" action="${session.baseUrl}/api/auth/saml/acs">
<input type="hidden" name="SAMLResponse" value="${attr(samlResponse)}">
<input type="hidden" name="RelayState" value="${attr(relayState)}">
<button type="submit">Fortsätt</button></form>
<script>document.forms[0].submit();</script></body></html>`,
  });
}

async function signedOutAt(route: string): Promise<void> {
  await page.context().clearCookies();
  // A new page load, as a link opened from a mail is.
  await page.goto('about:blank');
  await page.goto(`/#${route}`);
  await page.waitForURL(/#\/login$/);
  await page.getByRole('heading', { name: SIGN_IN_HEADING }).waitFor();
}

const attestHeading = (orderNumber: string, on: Page = page) =>
  on.locator('h1', { hasText: `Attest av beställning ${orderNumber}` });

beforeAll(async () => {
  const [keys, spKeys] = await Promise.all([createTestIdp(), createTestIdp('BEH SP')]);
  catcher = await MailCatcher.start(0);
  const view = mailWebView(catcher);
  mailView = createServer((req, res) => {
    const notFound = () => {
      res.statusCode = 404;
      res.end();
    };
    if (!req.url?.startsWith('/mail')) return notFound();
    req.url = req.url.slice('/mail'.length) || '/';
    view(req, res, notFound);
  });
  await new Promise<void>((resolve) => mailView.listen(0, '127.0.0.1', resolve));
  mailViewUrl = `http://127.0.0.1:${(mailView.address() as AddressInfo).port}/mail`;
  session = await startUiSession({
    ...samlEnv(keys, spKeys),
    SMTP_URL: catcher.smtpUrl,
    MAIL_POLL_SECONDS: '1',
  });
  page = session.page;
  idp = createLibraryIdp(keys, await (await fetch(`${session.baseUrl}/api/auth/saml/metadata`)).text());
  // Not about rule 12: Kvalitetssäkring is ordered here as an ordinary assignment (it is flagged in the demo).
  await withoutLocalAccessFlags(session.testApp);
  await session.context.route(`${IDP_SSO_URL}**`, answerAsIdp);
  // The portal's public address (the mails' links) is this test server.
  await session.context.route(`${PUBLIC_URL}/**`, (route) =>
    route.fulfill({
      status: 302,
      headers: { location: route.request().url().replace(PUBLIC_URL, session.baseUrl) },
    }),
  );
  order = await place(VOB_SOL);
  second = await place(KVAL_SOL);
});

afterAll(async () => {
  await session?.close();
  await new Promise<void>((resolve) => (mailView ? mailView.close(() => resolve()) : resolve()));
  await catcher?.stop();
});

describe('deep links survive sign-in', () => {
  it('dev sign-in: an attest link opened signed out lands on that order after choosing a persona', async () => {
    await signedOutAt(`/attest/${order.id}`);
    await screenshot(page, 'deep-links-1-signin');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: /\(sarbe3\)/ }).click();
    await attestHeading(order.orderNumber).waitFor();
    expect(new URL(page.url()).hash).toBe(`#/attest/${order.id}`);
    await page.getByText('Inloggad: Sara Berg (sarbe3)').waitFor();
    await screenshot(page, 'deep-links-2-order');
    await signOut(page);
  });

  it('dev sign-in: the return path keeps its query and survives a reload of the sign-in page', async () => {
    const batchLink = '/attest?batchId=00000000-0000-4000-8000-000000000000';
    await signedOutAt(batchLink);
    await page.reload();
    await page.getByRole('button', { name: /\(sarbe3\)/ }).click();
    await page.getByText('Visar en massbeställning.').waitFor();
    // The queue keeps the batch in its own filter parameter once open.
    expect(decodeURIComponent(new URL(page.url()).hash)).toContain('00000000-0000-4000-8000-000000000000');
    await signOut(page);
  });

  it('dev sign-in: wizard and mass-order addresses with their query come back after sign-in', async () => {
    for (const route of ['/bestallning/vmu?steg=2&utkast=abc', '/massbestallning?sok=Berg']) {
      await signedOutAt(route);
      await page.getByRole('button', { name: /\(eriho2\)/ }).click();
      await page.getByText('Inloggad: Erik Holm (eriho2)').waitFor();
      await page.waitForURL((url) => url.hash.startsWith(`#${route.split('?')[0]}`));
      expect(new URL(page.url()).hash).toContain(route.split('?')[1]);
    }
  });

  it('after a lost session, signing in again comes back to the page the user was on', async () => {
    await page.getByText('Inloggad: Erik Holm (eriho2)').waitFor();
    await page.goto(`/#/orders/${order.id}/show`);
    await page.getByText(order.orderNumber).first().waitFor();
    // The session ends on the server (idle timeout); the next request answers 401.
    await page.context().clearCookies();
    await page.getByRole('menuitem', { name: 'Beställningar', exact: true }).click();
    await page.getByRole('heading', { name: SIGN_IN_HEADING }).waitFor();
    await page.getByRole('button', { name: /\(eriho2\)/ }).click();
    await page.getByText('Inloggad: Erik Holm (eriho2)').waitFor();
    await page.waitForURL((url) => url.hash.startsWith('#/orders'));
    expect(new URL(page.url()).hash).not.toBe('#/');
  });

  it('after signing out on purpose, the next sign-in starts on the start page', async () => {
    await signOut(page);
    await page.getByRole('button', { name: /\(sarbe3\)/ }).click();
    await page.getByRole('heading', { name: WELCOME }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/');
    await signOut(page);
  });

  it('SAML: an attest link opened signed out lands on that order after the IdP', async () => {
    await signedOutAt(`/attest/${second.id}`);
    const toIdp = page.waitForRequest((request) => request.url().startsWith(IDP_SSO_URL));
    await page.getByRole('link', { name: 'SITHS-kort på denna enhet' }).click();
    const relayState = new URL((await toIdp).url()).searchParams.get('RelayState');
    expect(relayState).toBe(`/#/attest/${second.id}`);
    await attestHeading(second.orderNumber).waitFor();
    expect(new URL(page.url()).hash).toBe(`#/attest/${second.id}`);
    await page.getByText('Inloggad: Sara Berg (sarbe3)').waitFor();
    await screenshot(page, 'deep-links-3-saml-order');
    await signOut(page);
  });

  it('SAML: a wizard address with its query comes back after the IdP', async () => {
    const route = '/bestallning/vmu?steg=2&utkast=abc';
    await signedOutAt(route);
    await page.getByRole('link', { name: 'SITHS-kort på denna enhet' }).click();
    await page.getByText('Inloggad: Sara Berg (sarbe3)').waitFor();
    await page.waitForURL((url) => url.hash.startsWith('#/bestallning/vmu'));
    expect(new URL(page.url()).hash).toContain('steg=2&utkast=abc');
    await signOut(page);
  });

  it('mail catcher: "Öppna beställningen" opens the portal in a new tab, and sign-in lands on the order', async () => {
    const subject = `Beställning ${order.orderNumber} väntar på din attest`;
    let found = false;
    for (let attempt = 0; attempt < 30 && !found; attempt++) {
      await page.goto(mailViewUrl);
      found = (await page.getByRole('link', { name: subject }).count()) > 0;
      if (!found) await page.waitForTimeout(500);
    }
    await page.getByRole('link', { name: subject }).click();
    await page.getByRole('heading', { name: subject }).waitFor();
    const frame = page.frameLocator('iframe[title="Meddelandets HTML"]');
    await frame.getByRole('link', { name: 'Öppna beställningen' }).waitFor();
    await screenshot(page, 'deep-links-4-mail');
    const [tab] = await Promise.all([
      session.context.waitForEvent('page'),
      frame.getByRole('link', { name: 'Öppna beställningen' }).click(),
    ]);
    // The catcher's own page stays where it was; the portal is a tab of its own, not in the frame.
    expect(page.url()).toContain('/mail/');
    await tab.waitForURL(/#\/login$/);
    await tab.getByRole('button', { name: /\(sarbe3\)/ }).click();
    await attestHeading(order.orderNumber, tab).waitFor();
    expect(new URL(tab.url()).hash).toBe(`#/attest/${order.id}`);
    await tab.close();
  });

  it('reported no page problems', () => {
    expect(session.problems).toEqual([]);
  });
});
