import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { newOrder, newPerson, newTeam, type OrderMade } from '../factories/index.js';
import {
  screenshot,
  seriousAccessibilityViolations,
  signInAs,
  signInAsAdministrator,
  startUiSession,
  type UiSession,
  waitUntil,
} from './browser.js';

/**
 * Issue 17, point 4, by hand: an administrator makes Petra Nyberg (petny8, who has no other role)
 * a revisor in the grid "Revisorer"; she then reads the audit log, an order of another unit and
 * the holdings, with no button that changes anything. Screenshots and axe on every screen.
 */

let session: UiSession;
let page: Page;
let order: OrderMade;

beforeAll(async () => {
  session = await startUiSession();
  page = session.page;
  const t = session.testApp;
  const team = await newTeam(t, { name: 'Granskningsenheten' });
  const nurse = await newPerson(t, { unit: team.unit });
  order = await newOrder(t, {
    orderer: team.orderer,
    attestant: team.attestant,
    endUser: nurse,
    assignments: [team.unit.assignments.vob],
  });
  await signInAsAdministrator(session.context);
});

afterAll(async () => {
  await session?.close();
});

async function lookAt(name: string): Promise<void> {
  await waitUntil(
    async () => (await page.locator('.MuiCircularProgress-root').count()) === 0,
    'loading to end',
  );
  await screenshot(page, `auditor-${name}`);
  expect({ name, violations: await seriousAccessibilityViolations(page) }).toEqual({ name, violations: [] });
}

/** Chooses `option` in a picker after typing `text` (typed again if react-admin resets it). */
async function pick(label: string, text: string, option: string | RegExp): Promise<void> {
  const box = page.getByRole('combobox', { name: label });
  const wanted = page.getByRole('option', { name: option });
  for (let attempt = 0; ; attempt++) {
    await box.fill('');
    await box.pressSequentially(text, { delay: 20 });
    try {
      await wanted.first().click({ timeout: 5000 });
      await page.getByRole('listbox').waitFor({ state: 'detached', timeout: 5000 });
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

/** No button or link on the page that creates, edits or removes anything. */
async function expectNoWriteButtons(): Promise<void> {
  for (const name of ['Skapa', 'Redigera', 'Ta bort', 'Makulera', 'Byt attestant', 'Begränsa', 'Återkalla']) {
    await expect(page.getByRole('button', { name, exact: true }).count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name, exact: true }).count()).resolves.toBe(0);
  }
}

describe('the auditor (Revisorer) in the admin UI', () => {
  it('lets an administrator assign an auditor in the grid "Revisorer"', async () => {
    await page.goto('/#/');
    await page.getByRole('menuitem', { name: 'Revisorer', exact: true }).click();
    await page.waitForURL(/#\/auditors(\?.*)?$/);
    await lookAt('list-empty');

    await page.getByRole('link', { name: 'Skapa' }).first().click();
    await page.waitForURL(/#\/auditors\/create$/);
    await pick('Person', 'petny8', /petny8/);
    await lookAt('create');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.waitForURL(/#\/auditors(\?.*)?$/);
    const row = page.locator('tbody tr').filter({ hasText: 'petny8' });
    await row.waitFor();
    await row.getByText('Alva Adminsson').waitFor();
    await lookAt('list');
  });

  it('shows the auditor the audit log, an order and the holdings, with nothing to change', async () => {
    await signInAs(page, 'petny8', 'Petra Nyberg');
    for (const name of ['Beställningar', 'Delegeringar', 'Innehavda uppdrag', 'Händelselogg']) {
      await page.getByRole('menuitem', { name, exact: true }).waitFor();
    }
    // Nothing of the administrators' own.
    for (const name of ['Personer', 'Revisorer', 'Systemadministratörer', 'API-klienter']) {
      await expect(page.getByRole('menuitem', { name, exact: true }).count()).resolves.toBe(0);
    }

    await page.getByRole('menuitem', { name: 'Händelselogg', exact: true }).click();
    await page.waitForURL(/#\/audit-events(\?.*)?$/);
    await page.locator('tbody tr').filter({ hasText: 'Revisor tillagd' }).first().waitFor();
    await expect(page.getByRole('button', { name: /Verifiera/ }).count()).resolves.toBe(0);
    await expectNoWriteButtons();
    await lookAt('audit-log');

    await page.getByRole('menuitem', { name: 'Beställningar', exact: true }).click();
    await page.waitForURL(/#\/orders(\?.*)?$/);
    // She opens on every unit's orders, as an administrator does.
    const orderRow = page.locator('tbody tr').filter({ hasText: order.orderNumber });
    await orderRow.waitFor();
    await lookAt('orders');
    await orderRow.click();
    await page.waitForURL(new RegExp(`#/orders/${order.id}/show$`));
    await page.getByText(order.orderNumber).first().waitFor();
    await expectNoWriteButtons();
    await lookAt('order');

    await page.getByRole('menuitem', { name: 'Innehavda uppdrag', exact: true }).click();
    await page.waitForURL(/#\/held-assignments(\?.*)?$/);
    await page.locator('tbody tr').first().waitFor();
    await expectNoWriteButtons();
    await lookAt('holdings');

    await page.getByRole('menuitem', { name: 'Delegeringar', exact: true }).click();
    await page.waitForURL(/#\/delegations(\?.*)?$/);
    await page.locator('tbody tr').filter({ hasText: 'Granskningsenheten' }).first().waitFor();
    await expectNoWriteButtons();
    await lookAt('delegations');

    expect(session.problems).toEqual([]);
  });
});
