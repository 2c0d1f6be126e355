import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { Clock } from '../../server/src/common/clock.js';
import { OrderStateMachine } from '../../server/src/orders/order-state.js';
import { seedId } from '../../server/src/seed/seed-ids.js';
import { newPerson } from '../factories/index.js';
import { signIn } from '../support/sign-in.js';
import {
  screenshot,
  seriousAccessibilityViolations,
  signInAs,
  startUiSession,
  type UiSession,
  waitUntil,
} from './browser.js';

/**
 * Ersättare (rule 41), by hand: Sara Berg (sarbe3, attestant at Solgläntan) names Nils Boström
 * (nilbo4, no rights of his own) her stand-in on the page "Ersättare"; Nils then finds the order
 * awaiting Sara's attest in his queue, marked "Ersättare för Sara Berg", and though he holds no
 * attest rights of his own, the start page's attest tile and the menu entry, counting it.
 * Screenshots and axe.
 */

let session: UiSession;
let page: Page;
let orderNumber: string;

const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

beforeAll(async () => {
  session = await startUiSession();
  page = session.page;
  const t = session.testApp;
  const today = t.app.get(Clock).today();
  const endUser = await newPerson(t, { firstName: 'Ersatta' });
  const [created] = await t.dataSource.transaction((m) =>
    t.app.get(OrderStateMachine).create(
      m,
      [
        {
          type: 'GRANT',
          endUserId: endUser.id,
          ordererId: seedId('person:eriho2'),
          attestantId: seedId('person:sarbe3'),
          careUnitId: seedId('unit:solglantan'),
          startDate: addDays(today, 5),
          endDate: null,
          urgent: false,
          comment: null,
          batchId: null,
          assignmentIds: [seedId('assignment:solglantan:VoB SJF')],
        },
      ],
      seedId('person:eriho2'),
    ),
  );
  orderNumber = created.order.orderNumber;
});

afterAll(async () => {
  await session?.close();
});

async function lookAt(name: string): Promise<void> {
  await waitUntil(
    async () => (await page.locator('.MuiCircularProgress-root').count()) === 0,
    'loading to end',
  );
  await screenshot(page, `stand-ins-${name}`);
  expect({ name, violations: await seriousAccessibilityViolations(page) }).toEqual({ name, violations: [] });
}

describe('stand-ins (Ersättare) in the admin UI', () => {
  it('lets an attestant name a stand-in with a person picker and dates', async () => {
    await signInAs(page, 'sarbe3', 'Sara Berg');
    await page.getByRole('menuitem', { name: 'Ersättare', exact: true }).click();
    await page.waitForURL(/#\/stand-ins(\?.*)?$/);
    await page.getByRole('link', { name: 'Utse ersättare' }).first().click();
    await page.waitForURL(/#\/stand-ins\/create$/);
    const box = page.getByRole('combobox', { name: 'Ersättare' });
    const wanted = page.getByRole('option', { name: /nilbo4/ });
    for (let attempt = 0; ; attempt++) {
      await box.fill('');
      await box.pressSequentially('nilbo4', { delay: 20 });
      try {
        await wanted.first().click({ timeout: 5000 });
        break;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
    const today = session.testApp.app.get(Clock).today();
    await page.getByRole('textbox', { name: 'Från och med' }).fill(today);
    await page.getByRole('textbox', { name: 'Till och med' }).fill(addDays(today, 7));
    await lookAt('create');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.waitForURL(/#\/stand-ins(\?.*)?$/);
    const row = page.locator('tbody tr').filter({ hasText: 'Nils Boström' });
    await row.waitFor();
    await row.getByText('Gäller').waitFor();
    await lookAt('list');
  });

  it('serves the stand-in, with no attest rights of his own, the attest tile and menu entry, counting the order', async () => {
    await signInAs(page, 'nilbo4', 'Nils Boström');
    const today = session.testApp.app.get(Clock).today();
    // Nils's queue is Sara's: the tile counts what waits for her attest.
    const sara = await signIn(session.testApp, 'sarbe3');
    const { all } = (await sara.get('/api/attest/counts').expect(200)).body as { all: number };
    expect(all).toBeGreaterThan(0);
    const tile = page.locator('[data-tile="attest"]');
    await tile.getByRole('heading', { name: 'Attestera beställningar' }).waitFor();
    await expect(tile.getByTestId('attest-waiting').innerText()).resolves.toBe(
      all === 1 ? '1 beställning väntar på din attest.' : `${all} beställningar väntar på din attest.`,
    );
    await tile
      .getByText(`Du är ersättare för Sara Berg till och med ${addDays(today, 7)}.`, { exact: true })
      .waitFor();
    // Only the tiles his rights serve besides: no ordering, no delegations.
    expect(
      await page.locator('[data-tile]').evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-tile'))),
    ).toEqual(['attest']);
    const menuEntry = page.getByRole('menuitem', { name: /^Attestera beställningar/ });
    await expect(menuEntry.getByTestId('attest-menu-waiting').innerText()).resolves.toBe(String(all));
    await lookAt('start');
    // He names no stand-in himself: no rights of his own to hand on.
    await page.getByRole('menuitem', { name: 'Ersättare', exact: true }).click();
    await page.locator('tbody tr').filter({ hasText: 'Sara Berg' }).waitFor();
    expect(await page.getByRole('link', { name: 'Utse ersättare' }).count()).toBe(0);
  });

  it('shows the stand-in the attestant’s order in his queue, marked', async () => {
    await signInAs(page, 'nilbo4', 'Nils Boström');
    await page.getByRole('menuitem', { name: 'Ersättare', exact: true }).click();
    await page.locator('tbody tr').filter({ hasText: 'Sara Berg' }).waitFor();
    await page.getByRole('link', { name: 'Attestera beställningar' }).click();
    await page.waitForURL(/#\/attest(\?.*)?$/);
    const row = page.locator('tr').filter({ hasText: orderNumber });
    await row.getByText('Ersättare för Sara Berg').waitFor();
    await lookAt('queue');
  });
});
