import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { signIn } from '../support/sign-in.js';
import {
  screenshot,
  seriousAccessibilityViolations,
  signInAs,
  startUiSession,
  type UiSession,
} from './browser.js';

/**
 * Attest of an access order in the browser (issue 14, point 4): eriho2 orders Ksd-personal for
 * Supportspecialist Behörighetsteamet under Plattformer och infrastruktur / Identitet och
 * behörighet for nilbo4 with sarbe3 (ATTEST on the verksamhet in the demo) as attestant; sarbe3
 * finds it in her queue with its verksamhet and område, opens it, sees the line with its systems
 * and roles, and approves it with one signature.
 */

let session: UiSession;
let page: Page;
const placed = { id: '', orderNumber: '' };

const OPERATION = 'Identitet och behörighet';
const AREA = 'Plattformer och infrastruktur';
const TEMPLATE = 'Ksd-personal';
const PROFESSION = 'Supportspecialist Behörighetsteamet';
const LINE = `Behörighetsmall ${TEMPLATE} | Yrkeskategori ${PROFESSION}`;

const stockholmDay = (offset: number): string =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(
    new Date(Date.now() + offset * 86_400_000),
  );

async function expectAccessible(target: Page): Promise<void> {
  expect(await seriousAccessibilityViolations(target)).toEqual([]);
}

const one = async (sql: string, params: unknown[]) =>
  (await session.testApp.dataSource.query<{ id: string }[]>(sql, params))[0].id;

/** The value of a label/value pair on the attest page. */
const shown = (label: string) =>
  page
    .locator('dl > div', { has: page.locator('dt', { hasText: label }) })
    .first()
    .locator('dd');

beforeAll(async () => {
  session = await startUiSession();
  page = session.page;
  const operationId = await one(`SELECT id FROM access_operation WHERE name = $1`, [OPERATION]);
  const templateId = await one(`SELECT id FROM access_template WHERE name = $1 AND operation_id = $2`, [
    TEMPLATE,
    operationId,
  ]);
  const professionId = await one(`SELECT id FROM profession WHERE name = $1`, [PROFESSION]);
  const personId = (userId: string) => one(`SELECT id FROM person WHERE user_id = $1`, [userId]);
  const eriho2 = await signIn(session.testApp, 'eriho2');
  const res = await eriho2.post('/api/orders').send({
    type: 'GRANT',
    endUserId: await personId('nilbo4'),
    accessItems: [{ templateId, professionId }],
    attestants: { [operationId]: await personId('sarbe3') },
    startDate: stockholmDay(7),
  });
  if (res.status !== 201) throw new Error(`placing answered ${res.status}: ${JSON.stringify(res.body)}`);
  Object.assign(placed, (res.body as { id: string; orderNumber: string }[])[0]);
});

afterAll(async () => {
  await session?.close();
});

describe('attest of an access order in the browser', () => {
  it('as sarbe3: the queue shows the verksamhet and its område, and the template with its profession', async () => {
    await signInAs(page, 'sarbe3', 'Sara Berg');
    await page.goto('/#/attest');
    const row = page.locator(`tr[data-order-number="${placed.orderNumber}"]`);
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain('Nils Boström (nilbo4)');
    expect(text).toContain(OPERATION);
    expect(text).toContain(`Område: ${AREA}`);
    expect(text).toContain(`${TEMPLATE} (${PROFESSION})`);
    await page.getByRole('columnheader', { name: 'Vårdenhet/verksamhet' }).waitFor();
    await screenshot(page, 'attest-access-1-queue');
    await expectAccessible(page);
  });

  it('opens the attest page: Område, Verksamhet, and the line with its systems and roles', async () => {
    await page.goto(`/#/attest/${placed.id}`);
    await page
      .getByRole('heading', { name: `Attest av beställning ${placed.orderNumber}`, level: 1 })
      .waitFor();
    expect(await shown('Område').innerText()).toBe(AREA);
    expect(await shown('Verksamhet').innerText()).toBe(OPERATION);
    await page.getByText(LINE, { exact: true }).waitFor();
    // Ksd-personal gives roles in the region's AD groups (the demo catalogue).
    await page
      .getByText(/^AD-grupper VGR: /)
      .first()
      .waitFor();
    await page.getByRole('checkbox', { name: `Markera ${LINE}` }).waitFor();
    await screenshot(page, 'attest-access-2-order');
    await expectAccessible(page);
  });

  it('approves with one signature in the signing window', async () => {
    const [popup] = await Promise.all([
      session.context.waitForEvent('page'),
      page.getByRole('button', { name: 'Godkänn', exact: true }).click(),
    ]);
    await popup.getByRole('heading', { name: 'Signera beställning' }).waitFor();
    // The text to sign names the template, the profession and the systems with their roles.
    await popup
      .getByText(new RegExp(`Godkänns: ${LINE}`))
      .first()
      .waitFor();
    await screenshot(popup, 'attest-access-3-signing-window');
    await popup.getByRole('button', { name: 'Signera beställning' }).click();
    const certificate = popup.getByRole('radio', { name: /Sara Berg/ });
    await certificate.waitFor();
    await certificate.check();
    await popup.getByRole('button', { name: 'OK' }).click();
    await popup.getByRole('textbox', { name: 'Säkerhetskod för underskrift' }).fill('1234');
    await popup.getByRole('button', { name: 'OK' }).click();
    await popup.getByRole('heading', { name: 'Beställningen signerades' }).waitFor();
    const closed = popup.waitForEvent('close');
    await popup
      .getByRole('button', { name: 'Stäng fönstret' })
      .click()
      .catch((error: unknown) => {
        if (!popup.isClosed()) throw error;
      });
    await closed;
    const result = page.getByTestId('attest-result');
    await result.waitFor();
    expect(await result.innerText()).toBe(`Beställning ${placed.orderNumber}: Attesterad`);
    await screenshot(page, 'attest-access-4-result');
    await expectAccessible(page);
  });
});
