import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { localSystemId } from '../../server/src/seed/demo-access-catalogue.js';
import { SchedulerService } from '../../server/src/scheduler/scheduler.service.js';
import { signIn } from '../support/sign-in.js';
import { ScimTestServer } from '../support/scim-server.js';
import {
  forgive,
  screenshot,
  seriousAccessibilityViolations,
  signInAs,
  signOut,
  startUiSession,
  type UiSession,
  waitUntil,
} from './browser.js';

/**
 * Issue 14 from end to end, as seeds/001 shows it: eriho2 orders Kvalitetssäkring at Vårdcentralen
 * Solgläntan for nilbo4 in the VMU wizard, is offered a template because the assignment requires
 * local access, adds Ksd-personal / Supportspecialist Behörighetsteamet and sends both: the receipt
 * has two order numbers. sarbe3 attests both with one signature. The access order is handed over
 * at once: its AD-grupper part goes over SCIM to a real SCIM server (scimmy), its part in
 * Behörighetsadministration KIV waits for karlu1, that system's administrator, who marks it done
 * with the login details. eriho2 reads them under Återkopplingsinfo; sarbe3, who may see the
 * order, is shown no such thing and is refused the text.
 */

let session: UiSession;
let page: Page;
let scim: ScimTestServer;

const SOLGLANTAN = 'Vårdcentralen Solgläntan';
const OPERATION = 'Identitet och behörighet';
const TEMPLATE = 'Ksd-personal';
const PROFESSION = 'Supportspecialist Behörighetsteamet';
const LOGIN_DETAILS = 'Användarnamn nilbo4-kiv, engångslösenord Vinter-4471';
const numbers: string[] = [];

async function lookAt(name: string): Promise<void> {
  await waitUntil(
    async () => (await page.locator('.MuiCircularProgress-root').count()) === 0,
    'loading to end',
  );
  await screenshot(page, `access-journey-${name}`);
  expect({ name, violations: await seriousAccessibilityViolations(page) }).toEqual({ name, violations: [] });
}

async function choose(label: string, option: string | RegExp, within = page.locator('body')): Promise<void> {
  await within.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option }).click();
  await page.getByRole('listbox').waitFor({ state: 'detached' });
}

async function chooseAttestant(pattern: RegExp, within = page.locator('body')): Promise<void> {
  const field = within.getByRole('combobox', { name: 'Attestant' });
  await field.click();
  await page.getByRole('option', { name: pattern }).click();
  await waitUntil(async () => pattern.test(await field.innerText()), 'the attestant to be chosen');
}

async function orderId(orderNumber: string): Promise<string> {
  const [row] = await session.testApp.dataSource.query<{ id: string }[]>(
    'SELECT id FROM vmu_order WHERE order_number = $1',
    [orderNumber],
  );
  return row.id;
}

/** The signing window as the seed shows it: Signera beställning, the certificate, OK, PIN, OK, Stäng. */
async function signInSigningWindow(button: string): Promise<void> {
  const opened = page.waitForEvent('popup');
  await page.getByRole('button', { name: button }).click();
  const popup = await opened;
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
}

beforeAll(async () => {
  scim = new ScimTestServer();
  await scim.start();
  for (const group of ['VGR-Behorighetsadministrator', 'VGR-Supportverktyg', 'VGR-Fjarrskrivbord']) {
    scim.addGroup(group);
  }
  session = await startUiSession();
  page = session.page;
  page.setDefaultTimeout(15000);
  // The demo's AD-grupper VGR points at a port that answers nothing; here it is a real SCIM server.
  const admin = await signIn(session.testApp, 'admin1');
  await admin
    .put(`/api/local-systems/${localSystemId('AD-grupper VGR')}`)
    .send({ scimBaseUrl: scim.baseUrl, scimToken: scim.token })
    .expect(200);
});

afterAll(async () => {
  await session?.close();
  await scim?.stop();
});

describe("seeds/001's combined order, from the wizard to the login details", () => {
  it('as eriho2: Kvalitetssäkring with Ksd-personal through the three steps; the receipt has two numbers', async () => {
    await signInAs(page, 'eriho2', 'Erik Holm');
    await page.getByRole('link', { name: 'Vårdmedarbetaruppdrag (VMU) – en användare' }).click();
    await page.waitForURL(/#\/bestallning\/vmu/);
    await page.getByRole('heading', { name: 'Sök fram användare' }).waitFor();
    const [nils] = await session.testApp.dataSource.query<{ personnummer: string }[]>(
      `SELECT personnummer FROM person WHERE user_id = 'nilbo4'`,
    );
    await page.getByRole('textbox', { name: 'Personnummer' }).fill(nils.personnummer);
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.locator('dd', { hasText: 'nilbo4' }).first().waitFor();
    await page.getByRole('button', { name: 'Fortsätt' }).click();
    const unit = page.locator(`[data-unit="${SOLGLANTAN}"]`);
    if ((await unit.getAttribute('aria-expanded')) !== 'true') await unit.click();
    await page.getByRole('checkbox', { name: 'Kvalitetssäkring' }).check();
    await page.getByRole('button', { name: 'Nästa' }).click();
    await page.getByRole('heading', { name: 'Granska beställning' }).waitFor();
    await chooseAttestant(/\(sarbe3\)/, page.getByRole('region', { name: SOLGLANTAN }));

    const section = page.locator('[data-vmu-access-section]');
    await section.getByRole('heading', { name: 'Lägg till behörighetsmall' }).waitFor();
    await choose('Område', 'Plattformer och infrastruktur', section);
    await choose('Verksamhet', OPERATION, section);
    await choose('Behörighetsmall', new RegExp(`^${TEMPLATE}`), section);
    await choose('Yrkeskategori', PROFESSION, section);
    await section.getByRole('button', { name: 'Lägg till', exact: true }).click();
    const operation = section.getByRole('region', { name: OPERATION });
    await operation.getByText(`Behörighetsmall ${TEMPLATE} | Yrkeskategori: ${PROFESSION}`).waitFor();
    await chooseAttestant(/\(sarbe3\)/, operation);
    await lookAt('1-review');

    const placed = page.waitForResponse(
      (response) => response.url().endsWith('/api/orders') && response.request().method() === 'POST',
    );
    await page.getByRole('button', { name: 'Skicka beställning' }).click();
    expect((await placed).status()).toBe(201);
    await page.getByText('Din beställning är nu skapad.').waitFor();
    numbers.push(...((await page.locator('[data-order-numbers]').innerText()).match(/BEH\d{7}/g) ?? []));
    expect(numbers).toHaveLength(2);
    await lookAt('2-receipt');
    await signOut(page);
  });

  it('as sarbe3: both orders in the queue, attested together with one signature', async () => {
    await signInAs(page, 'sarbe3', 'Sara Berg');
    await page.locator('[data-tile="attest"]').getByRole('link', { name: 'Attestera beställningar' }).click();
    await page.waitForURL(/#\/attest(\?.*)?$/);
    const access = page.locator(`tr[data-order-number="${numbers[1]}"]`);
    await access.waitFor();
    expect(await access.innerText()).toContain(OPERATION);
    expect(await access.innerText()).toContain(TEMPLATE);
    for (const number of numbers) await page.getByRole('checkbox', { name: `Markera ${number}` }).check();
    await page.getByText('2 markerade').waitFor();
    await lookAt('3-queue');
    await signInSigningWindow('Godkänn markerade');
    await waitUntil(
      async () => (await page.locator(`tr[data-order-number="${numbers[1]}"]`).count()) === 0,
      'the attested orders to leave the queue',
    );
    const statuses = await session.testApp.dataSource.query<{ kind: string; status: string }[]>(
      `SELECT kind, status FROM vmu_order WHERE order_number = ANY($1) ORDER BY order_number`,
      [numbers],
    );
    // Due today: the VMU order is carried out at once, the access order handed over to its systems.
    expect(statuses).toEqual([
      { kind: 'VMU', status: 'COMPLETED' },
      { kind: 'ACCESS', status: 'APPROVED' },
    ]);
    await signOut(page);
  });

  it('carries out the AD-grupper part over SCIM; karlu1 does the KIV part by hand with the login details', async () => {
    // The scheduler's tick (every minute in a running portal) delivers the SCIM part.
    await session.testApp.app.get(SchedulerService).runTick();
    const user = [...scim.users.values()].find((u) => u.userName === 'nilbo4');
    expect(user).toBeDefined();
    const members = (name: string) =>
      [...scim.groups.values()].find((g) => g.displayName === name)?.members.map((m) => m.value);
    expect(members('VGR-Behorighetsadministrator')).toEqual([user?.id]);
    expect(members('VGR-Supportverktyg')).toEqual([user?.id]);

    await signInAs(page, 'karlu1', 'Karin Lund');
    await page.getByRole('menuitem', { name: 'Att utföra', exact: true }).click();
    await page.waitForURL(/#\/fulfilment(\?.*)?$/);
    const row = page.locator('tbody tr').filter({ hasText: TEMPLATE }).filter({ hasText: 'Nils' });
    await row.click();
    await page.getByRole('heading', { name: 'Roller att lägga upp' }).waitFor();
    await page.getByText('Behörighetshandläggare').first().waitFor();
    await page.getByRole('button', { name: 'Utförd' }).click();
    await page.getByRole('dialog', { name: 'Markera som utförd' }).waitFor();
    await page.getByRole('textbox', { name: 'Återkopplingsinfo' }).fill(LOGIN_DETAILS);
    await page.getByRole('dialog').getByRole('button', { name: 'Utförd' }).click();
    await page.getByText('Utförd av Karin Lund. Återkopplingsinfo är lämnad till beställaren.').waitFor();
    await lookAt('4-work-item-done');
    const [order] = await session.testApp.dataSource.query<{ status: string }[]>(
      'SELECT status FROM vmu_order WHERE order_number = $1',
      [numbers[1]],
    );
    expect(order.status).toBe('COMPLETED');
    await signOut(page);
  });

  it('as eriho2: the order is Avslutad with Inloggningsuppgifter, readable under Återkopplingsinfo', async () => {
    await signInAs(page, 'eriho2', 'Erik Holm');
    await page.goto(`/#/orders/${await orderId(numbers[1])}/show`);
    await page.getByText(`Behörighetsmall ${TEMPLATE}`).first().waitFor();
    await page
      .getByRole('button', { name: /^Visa inloggningsuppgifter för Behörighetsadministration KIV/ })
      .click();
    // Each reading counts: the dialog says so before the text is fetched.
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Visa inloggningsuppgifter' }).click();
    await dialog.getByText(LOGIN_DETAILS).waitFor();
    await lookAt('5-login-details');
    await dialog.getByRole('button', { name: 'Stäng' }).click();
    await signOut(page);
  });

  it('as sarbe3: the same order shows no login details, and asking for them is answered as if there were none', async () => {
    await signInAs(page, 'sarbe3', 'Sara Berg');
    const id = await orderId(numbers[1]);
    await page.goto(`/#/orders/${id}/show`);
    await page.getByText(`Behörighetsmall ${TEMPLATE}`).first().waitFor();
    await lookAt('6-attestant-view');
    expect(await page.getByRole('button', { name: 'Visa inloggningsuppgifter' }).count()).toBe(0);
    expect(await page.content()).not.toContain('Vinter-4471');
    const [part] = await session.testApp.dataSource.query<{ id: string }[]>(
      `SELECT p.id FROM access_part p WHERE p.order_id = $1 AND p.system_id = $2`,
      [id, localSystemId('Behörighetsadministration KIV')],
    );
    const answer = await page.evaluate(async (partId) => {
      const { token } = (await (await fetch('/api/auth/csrf')).json()) as { token: string };
      const res = await fetch(`/api/fulfilment/parts/${partId}/feedback`, {
        method: 'POST',
        headers: { 'X-CSRF-Token': token },
      });
      return res.status;
    }, part.id);
    expect(answer).toBe(404);
    forgive(session, /feedback → 404/);
    await signOut(page);
  });
});
