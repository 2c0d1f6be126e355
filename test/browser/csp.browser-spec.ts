import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import {
  expectNoPageReports,
  forgive,
  type PageReports,
  screenshot,
  signInAs,
  signOut,
  startUiSession,
  type UiSession,
  waitUntil,
  watchPageReports,
} from './browser.js';

/**
 * The UI under the portal's Content-Security-Policy (server/src/common/security-headers.ts): every
 * main screen, as the personas reach it, with the signing window, reports no CSP violation and no
 * console error. A policy that refused something the UI needs (its scripts, emotion's styles, an
 * image, a request, a form's target) shows up here as a violation event or a "Refused to …" error.
 */

let session: UiSession;
let page: Page;
let reports: PageReports;
/** The Content-Security-Policy the UI's pages are served with. */
let uiPolicy = '';

const SOLGLANTAN = 'Vårdcentralen Solgläntan';

/** Lets late events (a style inserted after the data came) arrive, then judges the screen. */
async function clean(where: string): Promise<void> {
  await page.waitForTimeout(300);
  expectNoPageReports(reports, where);
}

/** A grid from the menu, as an administrator opens it, with its first row shown. */
async function openGrid(label: string, resource: string): Promise<void> {
  await page.getByRole('menuitem', { name: label, exact: true }).click();
  await page.waitForURL(new RegExp(`#/${resource}(\\?.*)?$`));
  await page.locator('#react-admin-title', { hasText: label }).waitFor();
  await page.locator('tbody tr').first().waitFor();
}

async function personnummerOf(userId: string): Promise<string> {
  const rows = await session.testApp.dataSource.query<{ personnummer: string }[]>(
    'SELECT personnummer FROM person WHERE user_id = $1',
    [userId],
  );
  if (!rows[0]?.personnummer) throw new Error(`${userId} has no personnummer in the demo seed`);
  return rows[0].personnummer;
}

beforeAll(async () => {
  session = await startUiSession();
  page = session.page;
  reports = await watchPageReports(session.context);
});

afterAll(async () => {
  await session?.close();
});

describe('the UI under its Content-Security-Policy', () => {
  it('serves the UI with the strict policy the test means to prove', async () => {
    const response = await page.goto('/');
    const csp = response?.headers()['content-security-policy'] ?? '';
    uiPolicy = csp;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('signed out: the sign-in page', async () => {
    await page.context().clearCookies();
    await page.goto('/');
    await page.waitForURL(/#\/login$/);
    await page.getByRole('heading', { name: 'Utvecklarinloggning' }).waitFor();
    await screenshot(page, 'csp-signin');
    await clean('sign-in page');
  });

  it('admin1: the start page, every grid, a record of each kind and Ny delegering', async () => {
    await signInAs(page, 'admin1', 'Alva Adminsson');
    await clean('start page (admin1)');

    await page.getByRole('menuitem', { name: 'Beställningar', exact: true }).click();
    await page.waitForURL(/#\/orders(\?.*)?$/);
    await page.locator('#react-admin-title', { hasText: 'Beställningar' }).waitFor();
    await clean('Beställningar (admin1)');

    await openGrid('Delegeringar', 'delegations');
    await clean('Delegeringar');
    await page.locator('tbody tr').first().click();
    await page.waitForURL(/#\/delegations\/[^/]+\/show$/);
    await page.locator('#react-admin-title', { hasText: 'Delegering till' }).waitFor();
    await clean('a delegation');

    await page.getByRole('menuitem', { name: 'Startsida' }).click();
    await page.getByRole('link', { name: '› Ny delegering' }).click();
    await page.waitForURL(/#\/delegations\/create$/);
    const unit = page.getByRole('combobox', { name: 'Vårdenhet' });
    await unit.click();
    await unit.fill('solgl');
    await page.getByRole('option', { name: new RegExp(SOLGLANTAN) }).click();
    await page.getByRole('radio', { name: 'Valda uppdrag' }).check();
    await page.getByRole('checkbox', { name: 'VoB SJF' }).waitFor();
    await screenshot(page, 'csp-new-delegation-admin');
    await clean('Ny delegering (admin1)');

    await openGrid('Personer', 'persons');
    await clean('Personer');
    // "Exportera" is a download from /api, which the API's policy must not stop.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exportera' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    await clean('Personer, Exportera');
    await page.locator('tbody tr').first().click();
    await page.waitForURL(/#\/persons\/[^/]+(\/show)?$/);
    await page.locator('#react-admin-title').waitFor();
    await page.locator('.RaShow-main, .RaEdit-main').first().waitFor();
    await clean('a person');

    for (const [label, resource] of [
      ['Vårdenheter', 'care-units'],
      ['Uppdrag', 'assignments'],
      ['Systemguide', 'systems'],
      ['Förvaltningar', 'administrations'],
      ['Vårdgivare', 'care-providers'],
    ] as const) {
      await openGrid(label, resource);
      await clean(label);
    }

    await openGrid('Händelselogg', 'audit-events');
    await screenshot(page, 'csp-audit-log');
    await clean('Händelselogg');
    await page.locator('tbody tr').first().click();
    await page.waitForURL(/#\/audit-events\/[^/]+\/show$/);
    await page.locator('#react-admin-title').waitFor();
    await clean('an audit event');

    // The lookup log has at least the person opened above.
    await openGrid('Uppslagslogg', 'person-access-log');
    await clean('Uppslagslogg');

    // The demo has no API clients: the grid's empty page, then the form that makes one.
    await page.getByRole('menuitem', { name: 'API-klienter', exact: true }).click();
    await page.waitForURL(/#\/api-clients(\?.*)?$/);
    await page.locator('#react-admin-title', { hasText: 'API-klienter' }).waitFor();
    await clean('API-klienter');
    await page.goto('/#/api-clients/create');
    await page.getByRole('textbox', { name: /Namn/ }).waitFor();
    await clean('Ny API-klient');
  });

  it('admin1: Swagger UI at /api/docs, under its own policy', async () => {
    await page.goto('/api/docs');
    await page.locator('.swagger-ui .info .title').waitFor();
    await page.locator('.opblock').first().waitFor();
    await clean('/api/docs');
    await page.goto('/');
    await signOut(page);
  });

  let orderNumber = '';

  it('eriho2: the wizard through its three steps to the receipt, and the order', async () => {
    await signInAs(page, 'eriho2', 'Erik Holm');
    await clean('start page (eriho2)');
    await page.getByRole('link', { name: 'Vårdmedarbetaruppdrag (VMU) – en användare' }).click();
    await page.getByRole('heading', { name: 'Sök fram användare' }).waitFor();
    await clean('wizard step 1');

    await page.getByRole('textbox', { name: 'Personnummer' }).fill(await personnummerOf('nilbo4'));
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.getByRole('heading', { name: 'Sökningen gav följande träff' }).waitFor();
    await clean('wizard step 1, the hit');
    await page.getByRole('button', { name: 'Fortsätt' }).click();

    await page.getByRole('heading', { name: 'Välj vårdmedarbetaruppdrag' }).waitFor();
    const tree = page.locator(`[data-unit="${SOLGLANTAN}"]`);
    if ((await tree.getAttribute('aria-expanded')) !== 'true') await tree.click();
    await page.getByRole('checkbox', { name: 'VoB SJF' }).check();
    await screenshot(page, 'csp-wizard-2');
    await clean('wizard step 2');
    await page.getByRole('button', { name: 'Nästa' }).click();

    await page.getByRole('heading', { name: 'Granska beställning' }).waitFor();
    await page.getByRole('combobox', { name: 'Attestant' }).click();
    await page.getByRole('option', { name: /Berg Sara \(sarbe3\)/ }).click();
    await waitUntil(
      async () => (await page.getByRole('combobox', { name: 'Attestant' }).innerText()).includes('sarbe3'),
      'the attestant to read sarbe3',
    );
    await clean('wizard step 3');
    await page.getByRole('button', { name: 'Skicka beställning' }).click();
    const receipt = await page.getByRole('status').filter({ hasText: 'Ditt ordernummer är' }).innerText();
    orderNumber = /BEH\d{7}/.exec(receipt)?.[0] ?? '';
    expect(orderNumber).toMatch(/^BEH\d{7}$/);
    await clean('wizard receipt');

    await page.getByRole('menuitem', { name: 'Beställningar', exact: true }).click();
    await page.locator('tbody tr', { hasText: orderNumber }).click();
    await page.waitForURL(/#\/orders\/[^/]+\/show$/);
    await page.getByRole('table', { name: 'Händelser' }).getByText('Beställd').waitFor();
    await clean('an order');
  });

  it('eriho2: mass ordering, the unit tree and Redigera användare', async () => {
    await page.getByRole('menuitem', { name: 'Startsida' }).click();
    await page.getByRole('link', { name: 'Vårdmedarbetaruppdrag (VMU) – flera användare' }).click();
    await page.waitForURL(/#\/massbestallning$/);
    const unit = page.locator(`[data-unit="${SOLGLANTAN}"]`);
    await unit.waitFor();
    if ((await unit.getAttribute('aria-expanded')) !== 'true') await unit.click();
    const vob = page.locator('[data-assignment="VoB SJF"]').getByRole('link', { name: 'Redigera användare' });
    await vob.first().waitFor();
    await clean('mass order tree');
    await vob.first().click();
    await page
      .getByRole('region', { name: 'Nuvarande användare' })
      .locator('[data-member]')
      .first()
      .waitFor();
    await screenshot(page, 'csp-mass-order');
    await clean('mass order, Redigera användare');
    await signOut(page);
  });

  it('sarbe3: the attest queue, the order to attest and the signing window to the end', async () => {
    await signInAs(page, 'sarbe3', 'Sara Berg');
    await page.getByRole('menuitem', { name: 'Attestera beställningar' }).click();
    const row = page.locator(`tr[data-order-number="${orderNumber}"]`);
    await row.waitFor();
    await clean('attest queue');
    await row.getByText('Nils Boström (nilbo4)').click();
    await page.getByRole('heading', { name: `Attest av beställning ${orderNumber}`, level: 1 }).waitFor();
    await clean('the order to attest');

    const [popup] = await Promise.all([
      session.context.waitForEvent('page'),
      page.getByRole('button', { name: 'Godkänn', exact: true }).click(),
    ]);
    // The window is the server's page /signing/<id>, under the UI's policy.
    const signingPage = await session.context.request.get(new URL(popup.url()).pathname);
    expect(new URL(popup.url()).pathname).toMatch(/^\/signing\/[0-9a-f-]{36}$/);
    expect(signingPage.headers()['content-security-policy']).toBe(uiPolicy);
    await popup.getByRole('heading', { name: 'Signera beställning' }).waitFor();
    await popup.getByText('Signerar: Sara Berg').waitFor();
    await screenshot(popup, 'csp-signing-window');
    await popup.getByRole('button', { name: 'Signera beställning' }).click();
    await popup.getByRole('radio', { name: /Sara Berg/ }).check();
    await popup.getByRole('button', { name: 'OK' }).click();
    await popup.getByRole('textbox', { name: 'Säkerhetskod för underskrift' }).fill('1234');
    await popup.getByRole('button', { name: 'OK' }).click();
    await popup.getByRole('heading', { name: 'Beställningen signerades' }).waitFor();
    await clean('the signing window');
    const closed = popup.waitForEvent('close');
    await popup
      .getByRole('button', { name: 'Stäng fönstret' })
      .click()
      .catch((error: unknown) => {
        if (!popup.isClosed()) throw error;
      });
    await closed;
    await page.getByTestId('attest-result').waitFor();
    await clean('the attest result');
    await signOut(page);
  });

  it('karlu1, head of unit: Ny delegering with the select of her units', async () => {
    await signInAs(page, 'karlu1', 'Karin Lund');
    await page.getByRole('link', { name: '› Ny delegering' }).click();
    await page.waitForURL(/#\/delegations\/create$/);
    await page.getByRole('combobox', { name: 'Vårdenhet' }).click();
    await page.getByRole('option', { name: SOLGLANTAN }).click();
    await page.getByRole('checkbox', { name: 'Beställa' }).waitFor();
    await clean('Ny delegering (karlu1)');
    await signOut(page);
  });

  it('admin1: Utgående e-post, with the mail the order and its attest queued', async () => {
    await signInAs(page, 'admin1', 'Alva Adminsson');
    await openGrid('Utgående e-post', 'outbox');
    await screenshot(page, 'csp-outbox');
    await clean('Utgående e-post');
    await page.locator('tbody tr').first().click();
    await page.waitForURL(/#\/outbox\/[^/]+\/show$/);
    await page.locator('#react-admin-title').waitFor();
    await clean('a mail');
  });

  it('met no refused API request or other console problem on the way', () => {
    // Signed out, the app learns so from GET /api/me answering 401.
    forgive(session, /status of 401 \(Unauthorized\)/);
    expect(session.problems).toEqual([]);
  });
});
