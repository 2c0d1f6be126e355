import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { Clock } from '../../server/src/common/clock.js';
import { SchedulerService } from '../../server/src/scheduler/scheduler.service.js';
import { accessTemplateId, professionId } from '../../server/src/seed/demo-access-catalogue.js';
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
  // The page at rest: a pointer left over a row (where the last click was) hovers it.
  await where.mouse.move(0, 0);
  expect({ name, violations: await seriousAccessibilityViolations(where) }).toEqual({ name, violations: [] });
}

/** In the signing window: Karin Lund's certificate, PIN 1234, then the window closed by its button. */
async function signWithKarinsCard(popup: Page) {
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
    await signWithKarinsCard(popup);

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

/**
 * Issue 17, point 1, templates: Karin Lund also heads the verksamhet Identitet och behörighet. She
 * reviews the Ksd-personal templates held there, removes Linda Maria Svensson's with a comment and
 * keeps Nils Bo's, and signs with PIN 1234: the removal becomes an approved access order (Avslut),
 * handed over to the systems on the revoke date. The demo seeds no held templates: the test gives
 * Linda and Nils theirs.
 */
describe('a review of templates in the browser', () => {
  it('lets karlu1 review her verksamhet’s templates and sign a removal', async () => {
    const today = session.testApp.app.get(Clock).today();
    const ksd = accessTemplateId('Identitet och behörighet', 'Ksd-personal');
    for (const userId of ['linma5', 'nilbo4']) {
      await session.testApp.dataSource.query(
        `INSERT INTO access_holding (person_id, template_id, profession_id, held_from)
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [
          seedId(`person:${userId}`),
          ksd,
          professionId('Supportspecialist Behörighetsteamet'),
          addDays(today, -90),
        ],
      );
    }
    await signInAs(page, 'karlu1', 'Karin Lund');
    await page.getByRole('menuitem', { name: 'Granskningar' }).click();
    await page.getByRole('link', { name: 'Ny granskning' }).click();
    await page.getByRole('heading', { name: 'Ny granskning' }).first().waitFor();
    await page.getByRole('textbox', { name: 'Namn' }).fill('Mallgranskning Identitet och behörighet');
    await page.getByRole('radio', { name: 'Behörighetsmallar i lokala och regionala system' }).check();
    await page.getByRole('checkbox', { name: 'Identitet och behörighet' }).check();
    // Units are not asked for when only templates are reviewed.
    await expect(page.getByRole('checkbox', { name: 'Vårdcentralen Solgläntan' }).count()).resolves.toBe(0);
    await page.getByRole('textbox', { name: 'Sista dag för granskning' }).fill(addDays(today, 1));
    await page.getByRole('textbox', { name: 'Avslutsdatum för borttagna uppdrag' }).fill(addDays(today, 2));
    await screenshot(page, 'reviews-templates-create');
    await expectAccessible(page, 'templates create');
    await page.getByRole('button', { name: 'Skapa granskning' }).click();
    await page.waitForURL(/#\/reviews\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Mallgranskning Identitet och behörighet' }).waitFor();
    await page.getByText('0 av 2 granskade').waitFor();
    await page
      .getByRole('heading', { name: 'Verksamhet Identitet och behörighet – behörighetsmall Ksd-personal' })
      .waitFor();
    await page
      .locator('tr[data-item="linma5"]')
      .getByText('Som Supportspecialist Behörighetsteamet')
      .waitFor();
    await screenshot(page, 'reviews-templates-page');
    await expectAccessible(page, 'templates page');

    await page
      .getByRole('group', { name: /\(nilbo4\), Ksd-personal/ })
      .getByRole('button', { name: 'Behåll' })
      .click();
    await page
      .getByRole('group', { name: /\(linma5\), Ksd-personal/ })
      .getByRole('button', { name: 'Ta bort' })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Ta bort behörighetsmall' });
    await dialog.getByRole('textbox', { name: /Kommentar/ }).fill('Arbetar inte längre i behörighetsteamet');
    await dialog.getByRole('button', { name: 'Ta bort' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('2 av 2 granskade').waitFor();

    const [popup] = await Promise.all([
      session.context.waitForEvent('page'),
      page.getByRole('button', { name: 'Signera 2 beslut' }).click(),
    ]);
    await popup.getByRole('heading', { name: 'Signera granskning' }).waitFor();
    await popup.getByText('Verksamhet: Identitet och behörighet').waitFor();
    await popup
      .getByText(
        /Ta bort: Linda Maria Svensson \(linma5\) – behörighetsmall Ksd-personal \(Supportspecialist Behörighetsteamet\)\. Kommentar: Arbetar inte längre/,
      )
      .waitFor();
    await screenshot(popup, 'reviews-templates-signing-window');
    await signWithKarinsCard(popup);
    await page.getByText('2 signerade').waitFor();
    const orderNumber = /Avslutas genom (BEH\d{7})/.exec(
      await page.locator('tr[data-item="linma5"]').innerText(),
    )?.[1];
    expect(orderNumber).toMatch(/^BEH\d{7}$/);
    await screenshot(page, 'reviews-templates-signed');
    const [order] = await session.testApp.dataSource.query<{ kind: string; type: string; status: string }[]>(
      `SELECT kind, type, status FROM vmu_order WHERE order_number = $1`,
      [orderNumber],
    );
    expect(order).toEqual({ kind: 'ACCESS', type: 'REVOKE', status: 'APPROVED' });

    await page.getByRole('link', { name: 'Rapport' }).click();
    const row = page.locator('tbody tr', {
      hasText: 'Verksamhet Identitet och behörighet (behörighetsmallar)',
    });
    await row.waitFor();
    const cells = await row.locator('td').allInnerTexts();
    expect(cells.slice(2, 6).map(Number)).toEqual([2, 1, 1, 0]);
    await screenshot(page, 'reviews-templates-report');
    await expectAccessible(page, 'templates report');
    expect(session.problems).toEqual([]);
  });
});
