import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { Clock } from '../../server/src/common/clock.js';
import { SchedulerService } from '../../server/src/scheduler/scheduler.service.js';
import { seedId } from '../../server/src/seed/seed-ids.js';
import {
  screenshot,
  seriousAccessibilityViolations,
  signInAs,
  startUiSession,
  type UiSession,
} from './browser.js';

/**
 * Issue 17, access reviews, as its seed persona lives it: Karin Lund (karlu1), head of
 * Vårdcentralen Solgläntan, creates a review of her unit, keeps what the staff hold but Linda
 * Maria Svensson's VoB SJF, which she removes with a comment, and signs her decisions with PIN
 * 1234 in the signing window. On the revoke date the scheduler carries out the revoke; the
 * report shows it.
 */

let session: UiSession;
let page: Page;

beforeAll(async () => {
  session = await startUiSession();
  page = session.page;
});

afterAll(async () => {
  await session?.close();
});

const addDays = (day: string, days: number) => {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

async function expectAccessible(where: Page, name: string) {
  expect({ name, violations: await seriousAccessibilityViolations(where) }).toEqual({ name, violations: [] });
}

describe('an access review in the browser', () => {
  let today: string;
  let campaignUrl: string;

  it('lets karlu1 create a review of Solgläntan', async () => {
    today = session.testApp.app.get(Clock).today();
    await signInAs(page, 'karlu1', 'Karin Lund');
    await page.getByRole('menuitem', { name: 'Granskningar' }).click();
    await page.getByRole('heading', { name: 'Granskning av behörigheter' }).first().waitFor();
    await page.getByRole('link', { name: 'Ny granskning' }).click();
    await page.getByRole('heading', { name: 'Ny granskning' }).first().waitFor();
    await page.getByRole('textbox', { name: 'Namn' }).fill('Granskning Solgläntan');
    await page.getByRole('checkbox', { name: 'Vårdcentralen Solgläntan' }).check();
    await page.getByRole('textbox', { name: 'Sista dag för granskning' }).fill(addDays(today, 1));
    await page.getByRole('textbox', { name: 'Avslutsdatum för borttagna uppdrag' }).fill(addDays(today, 1));
    await screenshot(page, 'reviews-create');
    await expectAccessible(page, 'create');
    await page.getByRole('button', { name: 'Skapa granskning' }).click();
    await page.waitForURL(/#\/reviews\/[0-9a-f-]{36}$/);
    campaignUrl = page.url();
    await page.getByRole('heading', { name: 'Granskning Solgläntan' }).waitFor();
    await page.getByText(/^0 av \d+ granskade/).waitFor();
  });

  it('keeps most, removes linma5’s VoB SJF with a comment, and signs with PIN 1234', async () => {
    await page.locator('tr[data-item="linma5"]').first().waitFor();
    await screenshot(page, 'reviews-page');
    await expectAccessible(page, 'review page');

    // Ta bort asks for the comment first: without one, nothing can be confirmed.
    const vob = page.getByRole('group', { name: /Linda Maria Svensson \(linma5\), VoB SJF/ });
    await vob.getByRole('button', { name: 'Ta bort' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ta bort uppdrag' });
    await dialog.waitFor();
    await expect(dialog.getByRole('button', { name: 'Ta bort' }).isDisabled()).resolves.toBe(true);
    await dialog.getByRole('textbox', { name: /Kommentar/ }).fill('Har slutat arbeta med SJF-ärenden');
    await screenshot(page, 'reviews-remove-dialog');
    await dialog.getByRole('button', { name: 'Ta bort' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Har slutat arbeta med SJF-ärenden').waitFor();

    // Everything else: Behåll, for all ticked lines at once.
    const status = page.getByRole('status').filter({ hasText: /granskade/ });
    const total = Number(/av (\d+) granskade/.exec(await status.innerText())?.[1]);
    await page.getByRole('checkbox', { name: 'Markera alla som visas' }).check();
    await page.getByRole('button', { name: 'Behåll markerade' }).click();
    await page.getByText(`${total} av ${total} granskade`).waitFor();
    // The removal stays a removal: Behåll markerade left out no line but kept what was decided?
    // No: ticking all ticks every unsigned line, Linda's too; set her back to Ta bort.
    await vob.getByRole('button', { name: 'Ta bort' }).click();
    await dialog.getByRole('textbox', { name: /Kommentar/ }).fill('Har slutat arbeta med SJF-ärenden');
    await dialog.getByRole('button', { name: 'Ta bort' }).click();
    await dialog.waitFor({ state: 'detached' });
    await screenshot(page, 'reviews-decided');

    const [popup] = await Promise.all([
      session.context.waitForEvent('page'),
      page.getByRole('button', { name: `Signera ${total} beslut` }).click(),
    ]);
    await popup.getByRole('heading', { name: 'Signera granskning' }).waitFor();
    await popup.getByText('Signerar: Karin Lund').waitFor();
    await popup
      .getByText(/Ta bort: Linda Maria Svensson \(linma5\) – VoB SJF\. Kommentar: Har slutat/)
      .waitFor();
    await screenshot(popup, 'reviews-signing-window');
    await expectAccessible(popup, 'signing window');
    await popup.getByRole('button', { name: 'Signera granskning' }).click();
    const certificate = popup.getByRole('radio', { name: /Karin Lund/ });
    await certificate.waitFor();
    await certificate.check();
    await popup.getByRole('button', { name: 'OK' }).click();
    await popup.getByRole('textbox', { name: 'Säkerhetskod för underskrift' }).fill('1234');
    await popup.getByRole('button', { name: 'OK' }).click();
    await popup.getByRole('heading', { name: 'Granskningen signerades' }).waitFor();
    const closed = popup.waitForEvent('close');
    await popup
      .getByRole('button', { name: 'Stäng fönstret' })
      .click()
      .catch((error: unknown) => {
        if (!popup.isClosed()) throw error;
      });
    await closed;

    await page.getByText('Besluten är signerade.').waitFor();
    await page.getByText(`${total} signerade`).waitFor();
    await page.getByText(/Avslutas genom BEH\d{7}/).waitFor();
    await screenshot(page, 'reviews-signed');
    await expectAccessible(page, 'signed');
    expect(session.problems).toEqual([]);
  });

  it('carries out the revoke on its date, and the report shows it', async () => {
    const app = session.testApp.app;
    const linda = seedId('person:linma5');
    const vob = seedId('assignment:solglantan:VoB SJF');
    const holding = () =>
      session.testApp.dataSource.query<{ validTo: string | null }[]>(
        `SELECT to_char(valid_to, 'YYYY-MM-DD') AS "validTo" FROM held_assignment
          WHERE person_id = $1 AND assignment_id = $2 ORDER BY valid_from DESC LIMIT 1`,
        [linda, vob],
      );
    expect(await holding()).toEqual([{ validTo: null }]);
    app.get(Clock).set(new Date(`${addDays(today, 1)}T08:00:00Z`));
    try {
      await app.get(SchedulerService).runTick();
    } finally {
      app.get(Clock).set(undefined);
    }
    expect(await holding()).toEqual([{ validTo: today }]);

    await signInAs(page, 'karlu1', 'Karin Lund');
    await page.goto(`${campaignUrl}/report`);
    await page.getByRole('heading', { name: 'Rapport: Granskning Solgläntan' }).waitFor();
    const row = page.locator('tbody tr', { hasText: 'Vårdcentralen Solgläntan' });
    await row.waitFor();
    const cells = await row.locator('td').allInnerTexts();
    // The reviewer, with "Byt granskare" beside it for the unit's head.
    expect(cells[1]).toMatch(/^Karin Lund/);
    await row.getByRole('button', { name: 'Byt granskare' }).waitFor();
    expect(Number(cells[4])).toBe(1);
    expect(Number(cells[5])).toBe(0);
    await screenshot(page, 'reviews-report');
    await expectAccessible(page, 'report');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Exportera CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^granskning-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = await readFile(await download.path(), 'utf8');
    const lindaLine = text.split('\r\n').find((l) => l.includes(';linma5;') && l.includes('VoB SJF'));
    expect(lindaLine).toMatch(/;Ta bort;Nej;Har slutat arbeta med SJF-ärenden;Karin Lund;/);
  });
});
