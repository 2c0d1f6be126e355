import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import {
  forgive,
  screenshot,
  seriousAccessibilityViolations,
  signInAsAdministrator,
  startUiSession,
  type UiSession,
  waitUntil,
} from './browser.js';

/**
 * Issue 13 point 3, "errors a person understands", on the shared layer (common/http.ts,
 * layout/ContentStatus.tsx, the theme): a network failure or a 5xx says in Swedish what happened
 * and what to do, the data already shown stays but is marked as not current, a list that could
 * not be loaded does not claim to be empty, loading shows in the content area, and a form's
 * errors are the app's own whole sentences at the field, not covered by a toast.
 * The failures are forced in the browser's network (Playwright's page.route), not in our code.
 */

let session: UiSession;
let page: Page;

const PERSONS_LIST = /\/api\/persons\?/;
const NETWORK = 'Kunde inte nå BEH. Kontrollera nätverksanslutningen och försök igen.';
const SERVER =
  'BEH kunde inte utföra åtgärden just nu. Försök igen om en stund, och kontakta supporten om felet kvarstår.';
const RAW = /Failed to fetch|Internal Server Error|Bad Gateway|NetworkError|TypeError/;

const banner = () => page.getByTestId('content-failure');

/**
 * The network comes back and the person presses "Försök igen" in the banner. React-query may
 * also refetch by itself once requests go through again (on focus, on reconnect), so the banner
 * can go before the click lands; either way it must go. If the button did nothing and nothing
 * refetched, the banner stays and the wait below fails.
 */
async function networkBackAndRetry(): Promise<void> {
  const retry = banner().getByRole('button', { name: 'Försök igen' });
  await retry.waitFor();
  await page.unroute(PERSONS_LIST);
  const clicked = retry.click({ timeout: 15_000 }).catch(() => undefined);
  await Promise.race([clicked, banner().waitFor({ state: 'detached' })]);
  await banner().waitFor({ state: 'detached' });
}
const bodyText = () => page.locator('body').innerText();

beforeAll(async () => {
  session = await startUiSession();
  page = session.page;
  await page.setViewportSize({ width: 1366, height: 900 });
  await signInAsAdministrator(session.context);
});

afterAll(async () => {
  await session?.close();
});

describe('errors a person understands', () => {
  it('shows a progress indicator in the content area while a list loads', async () => {
    await page.goto('/#/');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(PERSONS_LIST, async (route) => {
      await held;
      await route.continue();
    });
    try {
      await page.goto('/#/persons');
      const progress = page.locator('#main-content').getByRole('progressbar', { name: 'Hämtar uppgifter' });
      await progress.waitFor();
      // The app bar's spinner too, named (react-admin's has none: axe's aria-progressbar-name).
      const spinner = page.locator('header').getByRole('progressbar');
      await spinner.waitFor();
      await expect(spinner.getAttribute('aria-label')).resolves.toBe('Hämtar uppgifter');
      await screenshot(page, 'errors-loading');
      release();
      await page.locator('tbody tr').first().waitFor();
      await progress.waitFor({ state: 'detached' });
    } finally {
      // Whatever happened, the next test gets its requests through.
      release();
      await page.unroute(PERSONS_LIST);
    }
  });

  it('keeps the rows shown after a network failure, marked as not current, in Swedish', async () => {
    await page.goto('/#/persons');
    await page.locator('tbody tr').first().waitFor();
    const rowsBefore = await page.locator('tbody tr').count();
    const firstRow = await page.locator('tbody tr').first().innerText();

    await page.route(PERSONS_LIST, (route) => route.abort('internetdisconnected'));
    await page.getByRole('button', { name: 'Uppdatera' }).click();
    await banner().waitFor();
    await expect(banner().innerText()).resolves.toContain(
      `${NETWORK} Uppgifterna nedan kan vara inaktuella.`,
    );
    // The data already shown stays, greyed and striped as not current.
    expect(await page.locator('tbody tr').count()).toBe(rowsBefore);
    await expect(page.locator('tbody tr').first().innerText()).resolves.toBe(firstRow);
    await expect(page.locator('.beh-not-current tbody tr').count()).resolves.toBe(rowsBefore);
    expect(await bodyText()).not.toMatch(RAW);
    await screenshot(page, 'errors-network-stale');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The next page cannot be loaded either: no "Inga personer hittades", no count of the old page.
    await page.getByRole('button', { name: 'Gå till nästa sida' }).click();
    await waitUntil(
      async () => (await banner().innerText()).includes('Uppgifterna kunde inte hämtas.'),
      'the banner to say nothing could be loaded',
    );
    const text = await bodyText();
    expect(text).not.toMatch(/Inga personer/);
    expect(text).not.toMatch(/\d+–\d+ av \d+/);
    expect(text).not.toMatch(RAW);
    await screenshot(page, 'errors-network-not-loaded');

    // "Försök igen" once the network is back: the list, and no banner.
    await networkBackAndRetry();
    await page.locator('tbody tr').first().waitFor();
    await page.getByText(/^\d+–\d+ av \d+$/).waitFor();
    expect(await page.locator('.beh-not-current').count()).toBe(0);
  });

  it('shows the app’s message for a 500 without the server’s words, never "Internal Server Error"', async () => {
    await page.route(PERSONS_LIST, (route) =>
      route.fulfill({ status: 500, contentType: 'text/plain', body: 'Internal Server Error' }),
    );
    // A fresh load, so that no list of persons is kept from before.
    await page.goto('/#/persons');
    await page.reload();
    await banner().waitFor();
    await expect(banner().innerText()).resolves.toContain(`${SERVER} Uppgifterna kunde inte hämtas.`);
    const text = await bodyText();
    expect(text).not.toMatch(RAW);
    expect(text).not.toMatch(/Inga personer/);
    await screenshot(page, 'errors-server-500');
    await networkBackAndRetry();
    await page.locator('tbody tr').first().waitFor();
    await banner().waitFor({ state: 'detached' });
    forgive(session, /\/api\/persons\?.* → 500$/);
  });

  it('shows the server’s own message of a problem 503 as it is', async () => {
    await page.route(PERSONS_LIST, (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: 'about:blank',
          title: 'Service Unavailable',
          status: 503,
          detail: 'Databasen går inte att nå just nu. Försök igen om en stund.',
        }),
      }),
    );
    await page.goto('/#/care-units');
    await page.locator('tbody tr').first().waitFor();
    await page.getByRole('menuitem', { name: 'Personer', exact: true }).click();
    await banner().waitFor();
    await expect(banner().innerText()).resolves.toContain(
      'Databasen går inte att nå just nu. Försök igen om en stund.',
    );
    expect(await bodyText()).not.toMatch(/Service Unavailable/);
    await networkBackAndRetry();
    await page.locator('tbody tr').first().waitFor();
    await banner().waitFor({ state: 'detached' });
    forgive(session, /\/api\/persons\?.* → 503$/);
  });

  it('keeps a shown record on its page when a refresh fails, instead of "Uppgiften finns inte"', async () => {
    await page.goto('/#/persons');
    await page.locator('tbody tr').first().click();
    await page.waitForURL(/#\/persons\/[^/]+\/show$/);
    await page.getByRole('heading', { name: 'Engagemang' }).waitFor();
    const shownAt = page.url();
    const personRecord = /\/api\/persons\/[^/?]+(\?.*)?$/;
    await page.route(personRecord, (route) => route.abort('internetdisconnected'));
    await page.getByRole('button', { name: 'Uppdatera' }).click();
    await banner().waitFor();
    await expect(banner().innerText()).resolves.toContain(
      `${NETWORK} Uppgifterna nedan kan vara inaktuella.`,
    );
    await page.waitForTimeout(500);
    expect(page.url()).toBe(shownAt);
    await page.getByRole('heading', { name: 'Engagemang' }).waitFor();
    const text = await bodyText();
    expect(text).not.toMatch(/Uppgiften finns inte/);
    expect(text).not.toMatch(RAW);
    await screenshot(page, 'errors-show-stale');
    await page.unroute(personRecord);
    await banner().getByRole('button', { name: 'Försök igen' }).click();
    await banner().waitFor({ state: 'detached' });
  });

  it('shows a form’s errors as the app’s whole sentences at the field, not covered by a toast', async () => {
    await page.goto('/#/persons');
    await page.locator('tbody tr').first().click();
    await page.waitForURL(/#\/persons\/[^/]+\/show$/);
    await page.getByRole('link', { name: 'Redigera' }).click();
    await page.waitForURL(/#\/persons\/[^/]+$/);
    const firstName = page.getByRole('textbox', { name: 'Förnamn' });
    await waitUntil(async () => (await firstName.inputValue()) !== '', 'the form to load');
    await firstName.fill('');
    // Not an e-mail address: Chromium's own English bubble would stop the form before the app's check.
    await page.getByRole('textbox', { name: 'E-post' }).fill('inte-en-adress');
    await page.getByRole('button', { name: 'Spara' }).click();

    const required = page.getByText('Fältet måste fyllas i.', { exact: true });
    const email = page.getByText('Ange en giltig e-postadress, till exempel namn@vgregion.se.', {
      exact: true,
    });
    await required.waitFor();
    await email.waitFor();
    await expect(firstName.getAttribute('aria-invalid')).resolves.toBe('true');
    // The form itself does not validate natively (no browser bubble, which speaks the browser's language).
    await expect(page.locator('form', { has: firstName }).getAttribute('novalidate')).resolves.not.toBeNull();
    // Still on the edit page: nothing was sent.
    expect(page.url()).toMatch(/#\/persons\/[^/]+$/);

    // A toast ("Formuläret innehåller fel …") may show, but not over a field or its message.
    const toast = page.locator('.MuiSnackbar-root');
    if (await toast.count()) {
      const toastBox = await toast.first().boundingBox();
      for (const covered of [required, email, firstName, page.getByRole('button', { name: 'Spara' })]) {
        const box = await covered.boundingBox();
        if (!toastBox || !box) continue;
        const overlaps =
          toastBox.x < box.x + box.width &&
          box.x < toastBox.x + toastBox.width &&
          toastBox.y < box.y + box.height &&
          box.y < toastBox.y + toastBox.height;
        expect(overlaps).toBe(false);
      }
    }
    await screenshot(page, 'errors-person-edit-required');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('left no unexpected console errors or server faults', () => {
    forgive(session, /console error: Failed to load resource|net::ERR_INTERNET_DISCONNECTED/);
    expect(session.problems).toEqual([]);
  });
});
