import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import {
  screenshot,
  seriousAccessibilityViolations,
  signInAs,
  startUiSession,
  type UiSession,
  waitUntil,
} from './browser.js';

/**
 * Issue 14, point 2: karlu1 heads Vårdcentralen Solgläntan and the verksamhet Identitet och
 * behörighet (Plattformer och infrastruktur) in the demo seed, so "Ny delegering" offers both;
 * a delegation for the verksamhet names it as "Område / Verksamhet" in the list and on its page.
 */

const OPERATION = 'Plattformer och infrastruktur / Identitet och behörighet';

let session: UiSession;
let page: Page;

beforeAll(async () => {
  session = await startUiSession();
  page = session.page;
});

afterAll(async () => {
  await session?.close();
});

const shownValue = async (label: string): Promise<string> => {
  const field = page.locator('.ra-field', { has: page.locator('.RaLabeled-label', { hasText: label }) });
  return (await field.first().innerText()).replace(label, '').trim();
};
const fieldReads = (label: string, expected: string) =>
  waitUntil(async () => (await shownValue(label)) === expected, `${label} to read ${expected}`);

describe('delegations for verksamheter', () => {
  it('lets the head of a verksamhet delegate ORDER for it and shows it where a unit would be', async () => {
    await signInAs(page, 'karlu1', 'Karin Lund');
    await page.getByRole('link', { name: '› Ny delegering' }).click();
    await page.waitForURL(/#\/delegations\/create$/);
    await page.getByRole('radio', { name: 'Vårdenhet', exact: true }).waitFor();
    // A unit first, as before: the unit picker is there until the verksamhet is chosen.
    await page.getByRole('combobox', { name: 'Vårdenhet' }).waitFor();
    await page.getByRole('radio', { name: 'Verksamhet', exact: true }).check();
    await page.getByRole('combobox', { name: 'Verksamhet', exact: true }).click();
    await page.getByRole('option', { name: OPERATION }).click();
    // No assignments to choose for a verksamhet.
    await expect(page.getByRole('radio', { name: 'Valda uppdrag' }).count()).resolves.toBe(0);
    await page.getByText('En delegering för en verksamhet gäller alla dess behörighetsmallar.').waitFor();
    await page.getByRole('checkbox', { name: 'Beställa' }).check();

    const input = page.getByRole('combobox', { name: 'Delegat' });
    await input.click();
    await input.fill('Svensson');
    await page.getByRole('option', { name: /\(linma5\)/ }).click();
    await waitUntil(async () => (await input.inputValue()).includes('(linma5)'), 'the delegate to be chosen');
    await screenshot(page, 'delegation-create-operation');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const saved = page.waitForResponse(
      (response) => response.url().endsWith('/api/delegations') && response.request().method() === 'POST',
    );
    await page.getByRole('button', { name: 'Spara' }).click();
    const body = (await (await saved).json()) as { accessOperationName: string; careUnitId: string | null };
    expect(body).toMatchObject({ accessOperationName: 'Identitet och behörighet', careUnitId: null });
    await page.waitForURL(/#\/delegations\/[^/]+\/show$/);
    await page.getByText(`för ${OPERATION} är skapad`, { exact: false }).waitFor();
    await fieldReads('Verksamhet', OPERATION);
    await fieldReads('Uppdrag', 'Hela verksamheten');
    await fieldReads('Rättigheter', 'Beställa');
    await expect(page.locator('.RaLabeled-label', { hasText: /^Vårdenhet$/ }).count()).resolves.toBe(0);
    // The head may limit and revoke it.
    await page.getByRole('button', { name: 'Återkalla' }).waitFor();
    await screenshot(page, 'delegation-show-operation');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Lista' }).click();
    await page.waitForURL(/#\/delegations(\?.*)?$/);
    const row = page.locator('tbody tr', { hasText: 'linma5' }).filter({ hasText: OPERATION });
    await row.first().waitFor();
    await page.getByRole('columnheader', { name: 'Vårdenhet / verksamhet' }).waitFor();
    await screenshot(page, 'delegations-list-operation');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('met no console errors, untranslated texts or refused API requests on the way', () => {
    expect(session.problems).toEqual([]);
  });
});
