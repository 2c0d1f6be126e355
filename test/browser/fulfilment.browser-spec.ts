import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { Clock } from '../../server/src/common/clock.js';
import { CarryOutService } from '../../server/src/orders/carry-out.service.js';
import { OrderStateMachine } from '../../server/src/orders/order-state.js';
import {
  accessOperationId,
  accessTemplateId,
  localSystemId,
  professionId,
} from '../../server/src/seed/demo-access-catalogue.js';
import { seedId } from '../../server/src/seed/seed-ids.js';
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
 * Issue 14, point 5, by hand: the grid "Systemadministratörer" (administrators assign who carries
 * out a system's parts) and the queue "Att utföra" of a system's administrator (karlu1 administers
 * Behörighetsadministration KIV in the demo): counts per system, the work item with the roles to
 * add, Utförd with Återkopplingsinfo. Screenshots and axe on every new screen.
 */

let session: UiSession;
let page: Page;

const KIV = localSystemId('Behörighetsadministration KIV');
const SECRET = 'Användarnamn nilbo4, lösenord Start-5521';

beforeAll(async () => {
  session = await startUiSession();
  page = session.page;
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
  await screenshot(page, `fulfilment-${name}`);
  expect({ name, violations: await seriousAccessibilityViolations(page) }).toEqual({ name, violations: [] });
}

/**
 * Chooses `option` in a picker after typing `text` (react-admin may reset the typed text when the
 * first choices arrive; then it is typed again).
 */
async function pick(label: string, text: string, option: string | RegExp): Promise<void> {
  const box = page.getByRole('combobox', { name: label });
  const wanted = page.getByRole('option', { name: option });
  for (let attempt = 0; ; attempt++) {
    await box.fill('');
    await box.pressSequentially(text, { delay: 20 });
    try {
      // Clicked as soon as it shows: the list may be fetched again (and the option replaced) meanwhile.
      await wanted.first().click({ timeout: 5000 });
      await page.getByRole('listbox').waitFor({ state: 'detached', timeout: 5000 });
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

/** An approved Nyupplägg of Ksd-personal for nilbo4 by eriho2, handed over as approval does. */
async function handedOverOrder(): Promise<string> {
  const { dataSource, app } = session.testApp;
  const today = app.get(Clock).today();
  return dataSource.transaction(async (m) => {
    const [{ id }] = await m.query<{ id: string }[]>(
      `INSERT INTO vmu_order (order_number, type, status, end_user_id, orderer_id, attestant_id, start_date, urgent,
                              kind, access_operation_id)
       VALUES ('BEH' || lpad(nextval('order_number_seq')::text, 7, '0'), 'GRANT', 'AWAITING_ATTEST', $1, $2, $3, $4,
               true, 'ACCESS', $5)
       RETURNING id`,
      [
        seedId('person:nilbo4'),
        seedId('person:eriho2'),
        seedId('person:sarbe3'),
        today,
        accessOperationId('Identitet och behörighet'),
      ],
    );
    await m.query(
      `INSERT INTO vmu_order_item (order_id, end_user_id, type, status, template_id, profession_id)
       VALUES ($1, $2, 'GRANT', 'PENDING', $3, $4)`,
      [
        id,
        seedId('person:nilbo4'),
        accessTemplateId('Identitet och behörighet', 'Ksd-personal'),
        professionId('Supportspecialist Behörighetsteamet'),
      ],
    );
    await app.get(OrderStateMachine).apply(m, id, {
      action: 'ORDER_APPROVED',
      actorId: seedId('person:sarbe3'),
      to: 'APPROVED',
    });
    await app.get(CarryOutService).carryOutIfDue(m, id);
    return id;
  });
}

describe('carrying out access orders in the admin UI', () => {
  it('lets an administrator assign a system administrator in the grid "Systemadministratörer"', async () => {
    await page.goto('/#/');
    await page.getByRole('menuitem', { name: 'Systemadministratörer', exact: true }).click();
    await page.waitForURL(/#\/system-administrators(\?.*)?$/);
    await page.locator('tbody tr').filter({ hasText: 'Behörighetsadministration KIV' }).first().waitFor();
    await lookAt('system-administrators-list');

    await page.getByRole('link', { name: 'Skapa' }).first().click();
    await page.waitForURL(/#\/system-administrators\/create$/);
    await pick('System', 'Melior', 'Melior');
    await pick('Person', 'linma5', /linma5/);
    await lookAt('system-administrators-create');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.waitForURL(/#\/system-administrators(\?.*)?$/);
    await page.locator('tbody tr').filter({ hasText: 'Melior' }).filter({ hasText: 'linma5' }).waitFor();
  });

  it('shows the system administrator the work item and lets him mark it done with Återkopplingsinfo', async () => {
    const orderId = await handedOverOrder();
    const [part] = await session.testApp.dataSource.query<{ id: string }[]>(
      `SELECT id FROM access_part WHERE order_id = $1 AND system_id = $2`,
      [orderId, KIV],
    );
    expect(part).toBeDefined();

    await signInAs(page, 'karlu1', 'Karin Lund');
    await page.getByRole('menuitem', { name: 'Att utföra', exact: true }).click();
    await page.waitForURL(/#\/fulfilment(\?.*)?$/);
    await page.getByRole('button', { name: /Behörighetsadministration KIV: 1 väntar, 1 akut/ }).waitFor();
    const row = page.locator('tbody tr').filter({ hasText: 'Ksd-personal' });
    await row.getByText('Akut').waitFor();
    await lookAt('queue');

    await row.click();
    await page.waitForURL(new RegExp(`#/fulfilment/${part.id}/show$`));
    await page.getByRole('heading', { name: 'Roller att lägga upp' }).waitFor();
    await page.getByText('Supportspecialist Behörighetsteamet').waitFor();
    await lookAt('work-item');

    await page.getByRole('button', { name: 'Utförd' }).click();
    await page.getByRole('dialog', { name: 'Markera som utförd' }).waitFor();
    await page.getByRole('textbox', { name: 'Återkopplingsinfo' }).fill(SECRET);
    await lookAt('done-dialog');
    await page.getByRole('dialog').getByRole('button', { name: 'Utförd' }).click();
    await page.getByText('Utförd av Karin Lund. Återkopplingsinfo är lämnad till beställaren.').waitFor();
    // The text is sealed at once: it is not shown back, not even to its writer.
    expect(await page.content()).not.toContain('Start-5521');
    await lookAt('work-item-done');
  });
});
