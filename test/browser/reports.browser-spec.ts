import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import {
  screenshot,
  seriousAccessibilityViolations,
  signInAs,
  signOut,
  startUiSession,
  type UiSession,
} from './browser.js';

/**
 * Issue 17, the reports: "Innehav på datum" for Vårdcentralen Solgläntan's VoB SJF today lists
 * linma5 (a holding from before BEH), exports its CSV, and a row opens the person's "Historik",
 * which exports too; also reached from the person's page ("Visa historik").
 */

let session: UiSession;
let page: Page;

beforeAll(async () => {
  session = await startUiSession();
  page = session.page;
  await page.setViewportSize({ width: 1366, height: 900 });
});

afterAll(async () => {
  await session?.close();
});

/** Clicks "Exportera CSV" and answers the downloaded file's name and text. */
async function exportShown(): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Exportera CSV' }).click(),
  ]);
  return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
}

describe('reports in the browser', () => {
  it('lists who holds VoB SJF at Solgläntan today and exports it as CSV', async () => {
    await signInAs(page, 'admin1', 'Alva Adminsson');
    await page.getByRole('menuitem', { name: 'Innehav på datum' }).click();
    await page.getByRole('heading', { name: 'Innehav på datum' }).first().waitFor();
    await page.getByRole('combobox', { name: 'Vårdenhet' }).fill('Solgl');
    await page.getByRole('option', { name: 'Vårdcentralen Solgläntan' }).click();
    await page.getByRole('combobox', { name: 'Uppdrag' }).click();
    await page.getByRole('option', { name: 'VoB SJF' }).click();
    const linda = page.locator('tbody tr', { hasText: 'Linda Maria Svensson' });
    await linda.waitFor();
    await expect(linda.textContent()).resolves.toContain('linma5');
    await expect(linda.textContent()).resolves.toContain('ingen beställning i BEH');
    await screenshot(page, 'reports-holdings-on-date');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const { name, text } = await exportShown();
    expect(name).toMatch(/^innehav-pa-datum-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split('\r\n').filter(Boolean);
    expect(lines[0]).toBe(
      'Namn;VGR-ID;HSA-id;Vårdenhet;Uppdrag;Innehas från;Innehas till;Ordernummer;Attesterad av;Attesterad',
    );
    expect(lines.some((l) => l.startsWith('Linda Maria Svensson;linma5;'))).toBe(true);
  });

  it('opens the person’s history from a row, and from the person’s page', async () => {
    await page.locator('tbody tr', { hasText: 'Linda Maria Svensson' }).click();
    await page.waitForURL(/#\/persons\/[^/]+\/history$/);
    const holding = page.locator('tbody tr', { hasText: 'Innehav' }).first();
    await holding.waitFor();
    await expect(holding.textContent()).resolves.toContain('VoB SJF');
    await screenshot(page, 'reports-person-history');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    const { name, text } = await exportShown();
    expect(name).toMatch(/^historik-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(text.slice(1).split('\r\n')[0]).toMatch(/^Datum;Typ av händelse;/);

    const url = page.url();
    const personId = /#\/persons\/([^/]+)\/history/.exec(url)?.[1] ?? '';
    await page.goto(`/#/persons/${personId}/show`);
    await page.getByRole('link', { name: 'Visa historik' }).click();
    await page.getByRole('heading', { name: 'Historik för Linda Maria Svensson' }).first().waitFor();
  });

  it('offers a head of unit the units they head', async () => {
    await signOut(page);
    await signInAs(page, 'karlu1', 'Karin Lund');
    await page.getByRole('menuitem', { name: 'Innehav på datum' }).click();
    await page.getByRole('combobox', { name: 'Vårdenhet' }).click();
    const options = await page.getByRole('option').allTextContents();
    expect(options.sort()).toEqual(['Avdelning 12 Medicin', 'Vårdcentralen Solgläntan']);
    await page.getByRole('option', { name: 'Vårdcentralen Solgläntan' }).click();
    await page.locator('tbody tr', { hasText: 'Linda Maria Svensson' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
