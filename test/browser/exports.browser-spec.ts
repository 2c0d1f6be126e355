import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { KVAL_SOL, send, STAT_SOL, VOB_SOL, withoutLocalAccessFlags } from '../e2e/orders-support.js';
import { signIn } from '../support/sign-in.js';
import {
  screenshot,
  seriousAccessibilityViolations,
  signInAs,
  startUiSession,
  type UiSession,
} from './browser.js';

/**
 * Issue 13, point 10: Händelselogg and Utgående e-post export as the other grids do — the server's
 * streamed CSV (BOM, semicolons, header), whole, under the list's current filter — from the
 * "Exportera" button an administrator sees on the grid.
 */

let session: UiSession;
let page: Page;

const stockholmToday = (): string =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());

beforeAll(async () => {
  session = await startUiSession();
  page = session.page;
  // Not about rule 12: Kvalitetssäkring is ordered here as an ordinary assignment (it is flagged in the demo).
  await withoutLocalAccessFlags(session.testApp);
  await page.setViewportSize({ width: 1366, height: 900 });
  // Orders make audit events of several kinds and mails to the attestant waiting in the outbox.
  const eriho2 = await signIn(session.testApp, 'eriho2');
  for (const [endUser, assignment] of [
    ['nilbo4', VOB_SOL],
    ['nilbo4', KVAL_SOL],
    ['linma5', STAT_SOL],
  ] as const) {
    const res = await eriho2.post('/api/orders').send(send(endUser, [assignment], stockholmToday()));
    if (res.status !== 201) throw new Error(`placing answered ${res.status}: ${JSON.stringify(res.body)}`);
  }
});

afterAll(async () => {
  await session?.close();
});

/** Clicks "Exportera" and answers the downloaded file's text. */
async function exportShown(): Promise<{ text: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Exportera' }).click(),
  ]);
  const path = await download.path();
  return { text: await readFile(path, 'utf8') };
}

const count = async (sql: string): Promise<number> =>
  (await session.testApp.dataSource.query<{ n: number }[]>(sql))[0].n;

describe('CSV export of the audit log and the outbox in the browser', () => {
  it('exports the audit log as filtered on screen, every row, with BOM and header', async () => {
    await signInAs(page, 'admin1', 'Alva Adminsson');
    await page.goto('/#/audit-events');
    await page.locator('tbody tr').first().waitFor();
    // Only the orders' events: the filter the grid shows is the one the file has.
    await page.getByRole('combobox', { name: 'Typ' }).click();
    await page.getByRole('option', { name: 'Beställning', exact: true }).click();
    await page.waitForURL(/entityType/);
    await page.locator('tbody tr').first().waitFor();
    await screenshot(page, 'exports-audit-log');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    const { text } = await exportShown();
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('Nr;Tid;Vem;Händelse;Typ;Id;Hash');
    const orderEvents = await count(`SELECT count(*)::int AS n FROM audit_event WHERE entity_type = 'order'`);
    expect(orderEvents).toBeGreaterThanOrEqual(3);
    expect(lines).toHaveLength(orderEvents + 1);
    for (const line of lines.slice(1)) expect(line.split(';')[4]).toBe('order');
  });

  it('exports the outbox whole, with BOM and header', async () => {
    await page.getByRole('menuitem', { name: 'Utgående e-post' }).click();
    await page.waitForURL(/#\/outbox/);
    await page.locator('tbody tr').first().waitFor();
    await screenshot(page, 'exports-outbox');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    const { text } = await exportShown();
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('Skapad;Till;Ämne;Status;Försök;Skickad;Senaste fel');
    const mails = await count('SELECT count(*)::int AS n FROM mail_outbox');
    expect(mails).toBeGreaterThanOrEqual(3);
    expect(lines).toHaveLength(mails + 1);
  });

  it('met no console errors, untranslated texts or refused API requests on the way', () => {
    expect(session.problems).toEqual([]);
  });
});
