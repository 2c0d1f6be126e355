import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import {
  forgive,
  screenshot,
  seriousAccessibilityViolations,
  signInAsAdministrator,
  startUiSession,
  type UiSession,
  waitUntil,
} from './browser.js';

/**
 * Issue 14, point 1: the administrators' access catalogue (local and regional systems, their
 * roles, områden, verksamheter, yrkeskategorier and behörighetsmallar) and the assignments' flag
 * "Kräver behörighet i lokala eller regionala system", through the admin UI as admin1.
 */

let session: UiSession;
let page: Page;

beforeAll(async () => {
  session = await startUiSession();
  page = session.page;
  await signInAsAdministrator(session.context);
});

afterAll(async () => {
  await session?.close();
});

const SYSTEM = 'Testsystem Journal';
const TOKEN = 'scim-token-3f9c1d7e-hemligt';
const ROLE = 'Läsbehörighet test';
const AREA = 'Testområde Digitalisering';
const OPERATION = 'Testverksamhet Behörighet';
const PROFESSION = 'Testkategori Supportspecialist';
const TEMPLATE = 'Testmall Journal läsa';

async function clean(name: string): Promise<void> {
  expect({ name, violations: await seriousAccessibilityViolations(page) }).toEqual({ name, violations: [] });
}

/** A page looked at, once nothing is loading any more: its screenshot, and axe's verdict. */
async function lookAt(name: string): Promise<void> {
  // The app bar's spinner (react-admin's, unnamed) shows while a request runs, e.g. the chosen head's.
  await waitUntil(
    async () => (await page.locator('.MuiCircularProgress-root').count()) === 0,
    'loading to end',
  );
  await screenshot(page, `access-catalogue-${name}`);
  await clean(name);
}

async function openFromMenu(menuItem: string, resource: string): Promise<void> {
  await page.getByRole('menuitem', { name: menuItem, exact: true }).click();
  await page.waitForURL(new RegExp(`#/${resource}(\\?.*)?$`));
  // Rows, or react-admin's empty page while the catalogue has none.
  await page.locator('tbody tr, .RaEmpty-message').first().waitFor();
}

async function openCreate(resource: string, title: string): Promise<void> {
  await page.getByRole('link', { name: 'Skapa' }).first().click();
  await page.waitForURL(new RegExp(`#/${resource}/create$`));
  await page.locator('#react-admin-title', { hasText: title }).waitFor();
}

const row = (text: string) => page.locator('tbody tr').filter({ hasText: text });
/** The system roles' list searched for a name (the list's own `q` filter, as its search box sets it). */
const rolesNamed = (name: string) =>
  `/#/system-roles?filter=${encodeURIComponent(JSON.stringify({ q: name }))}`;

async function choose(label: string, option: string | RegExp): Promise<void> {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
}

async function search(label: string, text: string, option: string | RegExp): Promise<void> {
  await page.getByRole('combobox', { name: label }).fill(text);
  await page.getByRole('option', { name: option }).click();
}

async function save(resource: string): Promise<void> {
  await page.getByRole('button', { name: 'Spara' }).click();
  await page.waitForURL(new RegExp(`#/${resource}(\\?.*)?$`));
}

describe('the access catalogue in the admin UI', () => {
  it('lists the local and regional systems under the catalogue heading', async () => {
    await page.goto('/#/');
    await page.getByRole('separator', { name: 'Behörighetskatalog' }).waitFor();
    await openFromMenu('Lokala och regionala system', 'local-systems');
    await lookAt('local-systems-list');
  });

  it('creates a SCIM system with a token that is never shown again', async () => {
    await openCreate('local-systems', 'Nytt lokalt eller regionalt system');
    await page.getByRole('textbox', { name: 'Namn' }).fill(SYSTEM);
    await page.getByRole('textbox', { name: 'Ägare' }).fill('Koncernstab digitalisering');
    await page.getByRole('textbox', { name: 'Beskrivning' }).fill('Journalsystem för testet.');
    // SCIM's fields are there only for SCIM.
    expect(await page.getByRole('textbox', { name: 'SCIM-adress' }).count()).toBe(0);
    await choose('Utförs', 'SCIM');
    await page.getByRole('textbox', { name: 'SCIM-adress' }).fill('ftp://scim.exempel.se');
    await page.getByLabel('SCIM-token').fill(TOKEN);
    await page.getByRole('button', { name: 'Spara' }).click();
    await page
      .getByText('Ange en http- eller https-adress, t.ex. https://scim.exempel.se/scim/v2.')
      .waitFor();
    await page.getByRole('textbox', { name: 'SCIM-adress' }).fill('http://127.0.0.1:9/scim/v2');
    await lookAt('local-systems-create');
    await save('local-systems');
    await row(SYSTEM).getByText('SCIM', { exact: true }).waitFor();

    await row(SYSTEM).click();
    await page.waitForURL(/#\/local-systems\/[^/]+$/);
    await page.getByText('Token sparad').waitFor();
    await expect(page.getByLabel('SCIM-token').inputValue()).resolves.toBe('');
    expect(await page.content()).not.toContain(TOKEN);
    await lookAt('local-systems-edit');
  });

  it('shows the server\u2019s Swedish message at the name when it is taken', async () => {
    await page.goto('/#/local-systems/create');
    await page.getByRole('textbox', { name: 'Namn' }).fill(SYSTEM.toUpperCase());
    await page.getByRole('textbox', { name: 'Ägare' }).fill('Någon annan');
    await page.getByRole('button', { name: 'Spara' }).click();
    const message = page.getByText('Det finns redan ett system med detta namn.');
    await message.first().waitFor();
    // At the field: the name input describes itself by the message.
    await expect(page.getByRole('textbox', { name: 'Namn' }).getAttribute('aria-invalid')).resolves.toBe(
      'true',
    );
    await lookAt('local-systems-name-taken');
  });

  it('creates a role of the SCIM system, asking for its SCIM group', async () => {
    await page.goto('/#/');
    await openFromMenu('Systemroller', 'system-roles');
    await lookAt('system-roles-list');
    await openCreate('system-roles', 'Ny systemroll');
    expect(await page.getByRole('textbox', { name: 'SCIM-grupp' }).count()).toBe(0);
    await choose('System', SYSTEM);
    await page.getByRole('textbox', { name: 'Roll' }).fill(ROLE);
    await page.getByRole('textbox', { name: 'SCIM-grupp' }).fill('journal-las');
    await lookAt('system-roles-create');
    await save('system-roles');
    // The demo's roles fill the first page: the new one is found by its name, as a user would.
    await page.goto(rolesNamed(ROLE));
    await row(ROLE).getByText('journal-las').waitFor();
    await row(ROLE).click();
    await page.waitForURL(/#\/system-roles\/[^/]+$/);
    await page.getByRole('textbox', { name: 'SCIM-grupp' }).waitFor();
    await lookAt('system-roles-edit');
  });

  it('creates an område and a verksamhet with its responsible head', async () => {
    await page.goto('/#/');
    await openFromMenu('Områden', 'access-areas');
    await lookAt('access-areas-list');
    await openCreate('access-areas', 'Nytt område');
    await page.getByRole('textbox', { name: 'Namn' }).fill(AREA);
    await lookAt('access-areas-create');
    await save('access-areas');
    await row(AREA).click();
    await page.waitForURL(/#\/access-areas\/[^/]+$/);
    await lookAt('access-areas-edit');

    await page.goto('/#/');
    await openFromMenu('Verksamheter', 'access-operations');
    await lookAt('access-operations-list');
    await openCreate('access-operations', 'Ny verksamhet');
    await choose('Område', AREA);
    await page.getByRole('textbox', { name: 'Namn' }).fill(OPERATION);
    await search('Ansvarig chef', 'Lund', /Karin Lund \(karlu1\)/);
    await lookAt('access-operations-create');
    await save('access-operations');
    await row(OPERATION).getByText('Karin Lund (karlu1)').waitFor();
    await row(OPERATION).click();
    await page.waitForURL(/#\/access-operations\/[^/]+$/);
    const head = page.getByRole('combobox', { name: 'Ansvarig chef' });
    await waitUntil(async () => (await head.inputValue()) === 'Karin Lund (karlu1)', 'the head to show');
    await lookAt('access-operations-edit');
  });

  it('creates a yrkeskategori', async () => {
    await page.goto('/#/');
    await openFromMenu('Yrkeskategorier', 'professions');
    await lookAt('professions-list');
    await openCreate('professions', 'Ny yrkeskategori');
    await page.getByRole('textbox', { name: 'Namn' }).fill(PROFESSION);
    await lookAt('professions-create');
    await save('professions');
    await row(PROFESSION).click();
    await page.waitForURL(/#\/professions\/[^/]+$/);
    await lookAt('professions-edit');
  });

  it('creates a behörighetsmall bundling the role, and finds it by system and yrkeskategori', async () => {
    await page.goto('/#/');
    await openFromMenu('Behörighetsmallar', 'access-templates');
    await lookAt('access-templates-list');
    await openCreate('access-templates', 'Ny behörighetsmall');
    await page.getByRole('textbox', { name: 'Namn' }).fill(TEMPLATE);
    // Nothing chosen: the client says so before sending.
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Välj minst en systemroll.').waitFor();
    await page.getByText('Välj minst en yrkeskategori.').waitFor();
    await search('Verksamhet', 'Testverksamhet', new RegExp(OPERATION));
    await search('Systemroller', 'Läsbehörighet test', `${SYSTEM} – ${ROLE}`);
    await page.keyboard.press('Escape');
    await search('Yrkeskategorier', 'Testkategori', PROFESSION);
    await page.keyboard.press('Escape');
    await page.getByText(`${SYSTEM} – ${ROLE}`).first().waitFor();
    await lookAt('access-templates-create');
    await save('access-templates');

    const template = row(TEMPLATE);
    await expect(template.innerText()).resolves.toMatch(
      new RegExp(`${AREA}\\s+${OPERATION}\\s+${TEMPLATE}\\s+${PROFESSION}\\s+1`),
    );
    // The filters: by system, then by yrkeskategori.
    await page.getByRole('button', { name: 'Lägg till filter' }).click();
    await page.getByRole('menuitemcheckbox', { name: 'System' }).click();
    await choose('System', SYSTEM);
    await waitUntil(async () => (await page.locator('tbody tr').count()) === 1, 'the system filter');
    await template.waitFor();
    await lookAt('access-templates-list-filtered');
    // "Exportera" downloads the server's CSV under the same filter: the header and this one row.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exportera' }).click(),
    ]);
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.trim().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(TEMPLATE);

    await template.click();
    await page.waitForURL(/#\/access-templates\/[^/]+$/);
    await page.getByText(`${SYSTEM} – ${ROLE}`).first().waitFor();
    await lookAt('access-templates-edit');
  });

  it('refuses to delete a role a template uses, with the server\u2019s reason', async () => {
    await page.goto(rolesNamed(ROLE));
    await row(ROLE).click();
    await page.waitForURL(/#\/system-roles\/[^/]+$/);
    await page.getByRole('button', { name: 'Ta bort' }).click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /Bekräfta|Ta bort|Ja/ })
      .click();
    await page.getByText('Rollen ingår i en behörighetsmall och kan inte tas bort.').waitFor();
    await screenshot(page, 'access-catalogue-system-roles-delete-refused');
  });

  it('names the catalogue\u2019s events in Swedish in the audit log', async () => {
    await page.goto('/#/audit-events');
    await page.locator('tbody tr').first().waitFor();
    for (const action of [
      'Lokalt system skapad',
      'Systemroll skapad',
      'Verksamhet skapad',
      'Behörighetsmall skapad',
    ])
      await page.locator('tbody tr').filter({ hasText: action }).first().waitFor();
    await page.locator('tbody tr').filter({ hasText: 'Behörighetsmall' }).first().waitFor();
  });

  it('sets the flag "Kräver behörighet i lokala eller regionala system" on an assignment', async () => {
    await page.goto('/#/');
    await openFromMenu('Uppdrag', 'assignments');
    await page.getByRole('textbox', { name: 'Sök på namn' }).fill('Statistik');
    const assignment = page.locator('tbody tr').filter({ hasText: 'Statistik' }).first();
    await assignment.waitFor();
    await assignment.click();
    await page.waitForURL(/#\/assignments\/[^/]+$/);
    // The form as loaded (not the list's record it starts from) before anything is changed.
    const name = page.getByRole('textbox', { name: 'Uppdrag' });
    await waitUntil(async () => (await name.inputValue()) === 'Statistik VE', 'the assignment to load');
    await waitUntil(
      async () => (await page.locator('.MuiCircularProgress-root').count()) === 0,
      'loading to end',
    );
    const flag = page.getByRole('switch', { name: 'Kräver behörighet i lokala eller regionala system' });
    await expect(flag.isChecked()).resolves.toBe(false);
    await flag.check();
    await lookAt('assignments-edit-flag');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.waitForURL(/#\/assignments(\?.*)?$/);
    await page.getByRole('columnheader', { name: 'Kräver lokala system' }).waitFor();
    await waitUntil(
      async () =>
        (await page.locator('tbody tr').filter({ hasText: 'Statistik' }).first().locator('svg').count()) > 0,
      'the flag to show in the list',
    );
    await lookAt('assignments-list-flag');

    // The 409s of the refused name and delete were the point.
    forgive(session, /409|Conflict/);
    expect(session.problems).toEqual([]);
  });
});
