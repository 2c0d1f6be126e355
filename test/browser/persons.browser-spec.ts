import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { PERSONNUMMER_MESSAGES } from '../../server/src/common/personnummer.js';
import {
  screenshot,
  seriousAccessibilityViolations,
  signInAsAdministrator,
  startUiSession,
  type UiSession,
  waitUntil,
} from './browser.js';

let session: UiSession;
let page: Page;

const headers = async (): Promise<string[]> =>
  (await page.locator('thead th').allInnerTexts()).map((text) => text.trim()).filter((text) => text !== '');

/** Opens a grid from the menu and waits for its first rows. */
async function openFromMenu(label: string, resource: string): Promise<void> {
  await page.getByRole('menuitem', { name: label, exact: true }).click();
  await page.waitForURL(new RegExp(`#/${resource}(\\?.*)?$`));
  await page.locator('#react-admin-title', { hasText: label }).waitFor();
  await page.locator('tbody tr').first().waitFor();
}

/** The grid row with a cell that reads exactly `text`. */
const row = (text: string) =>
  page.locator('tbody tr').filter({ has: page.getByRole('cell', { name: text, exact: true }) });

const inputValue = (role: 'textbox' | 'combobox', label: string, expected: string) =>
  waitUntil(
    async () => (await page.getByRole(role, { name: label }).inputValue()) === expected,
    `${label} to read ${expected}`,
  );

beforeAll(async () => {
  session = await startUiSession();
  page = session.page;
  await signInAsAdministrator(session.context);
});

afterAll(async () => {
  await session?.close();
});

describe('admin UI on the demo directory', () => {
  it('lists persons in Swedish, with masked personnummer and no serious accessibility faults', async () => {
    await page.goto('/#/persons');
    await page.locator('tbody tr').first().waitFor();

    await expect(page.title()).resolves.toContain('BEH');
    expect(await headers()).toEqual([
      'Förnamn',
      'Efternamn',
      'VGR-ID',
      'HSA-id',
      'Personnummer',
      'Titel',
      'Organisation',
      'Aktiv',
    ]);
    for (const entry of [
      'Personer',
      'Vårdenheter',
      'Uppdrag',
      'Systemguide',
      'Förvaltningar',
      'Vårdgivare',
    ]) {
      await page.getByRole('menuitem', { name: entry }).waitFor();
    }
    await page.getByRole('button', { name: 'Exportera' }).waitFor();
    await page.getByText(/^1–25 av \d+$/).waitFor();
    const personnummer = await page.locator('tbody td.column-personnummer').allInnerTexts();
    expect(personnummer.filter((text) => /^\d{4}xxxx-xxxx$/.test(text.trim())).length).toBeGreaterThan(20);
    await screenshot(page, 'persons-list');

    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('finds Nils Boström by name and shows his engagement at Vårdcentralen Solgläntan', async () => {
    await page.getByPlaceholder('Namn, VGR-ID eller förvaltning').fill('Boström');
    await page.getByText('1–1 av 1').waitFor();
    const nils = row('nilbo4');
    await nils.waitFor();
    await expect(nils.innerText()).resolves.toMatch(/Nils\s+Boström\s+nilbo4\s+SE2321000131-P000000000104/);
    await screenshot(page, 'persons-filtered');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exportera' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^personer-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8').split('\r\n');
    expect(csv[0]).toBe(
      '\uFEFFFörnamn;Efternamn;VGR-ID;HSA-id;Personnummer;Passnummer;Titel;E-post;Organisation;Aktiv',
    );
    expect(csv[1]).toBe(
      'Nils;Boström;nilbo4;SE2321000131-P000000000104;1993xxxx-xxxx;;Sjuksköterska;nils.bostrom@vgr.example;Vårdcentralen Solgläntan;Ja',
    );

    await nils.click();
    await page.waitForURL(/#\/persons\/[^/]+\/show$/);
    await page.getByRole('heading', { name: 'Engagemang' }).waitFor();
    const engagement = page.locator('section', { hasText: 'Engagemang' }).locator('tbody tr').first();
    await expect(engagement.innerText()).resolves.toMatch(
      /Vårdcentralen Solgläntan\s+Närhälsan\s+N41100\s+Sjuksköterska\s+2022-09-01/,
    );
    await page.getByText('Inga innehavda uppdrag').waitFor();
    await page.getByText(/^19930704-\d{4}$/).waitFor();
    await screenshot(page, 'person-show');
  });

  it('shows the server’s Swedish message on the field it refuses', async () => {
    await page.getByRole('link', { name: 'Redigera' }).click();
    await inputValue('textbox', 'Personnummer', '19930704-5576');
    await page.getByRole('textbox', { name: 'Personnummer' }).fill('19930704-5577');
    const save = page.getByRole('button', { name: 'Spara' });
    await waitUntil(() => save.isEnabled(), 'the form to become dirty');
    await save.click();
    await page.getByText(PERSONNUMMER_MESSAGES.CHECK_DIGIT).waitFor();
    await screenshot(page, 'person-edit-refused');
    // That refusal was the point: it is not one of the problems the last test looks for.
    expect(session.problems.pop()).toMatch(/^PUT .*\/api\/persons\/[^/]+ → 400$/);
    await page.getByRole('textbox', { name: 'Personnummer' }).fill('19930704-5576');
  });

  it('edits the person, sending only the writable fields', async () => {
    await inputValue('textbox', 'Titel', 'Sjuksköterska');
    await page.getByRole('textbox', { name: 'Titel' }).fill('Specialistsjuksköterska');
    const save = page.getByRole('button', { name: 'Spara' });
    await waitUntil(() => save.isEnabled(), 'the form to become dirty');
    await screenshot(page, 'person-edit');
    await save.click();
    await page.waitForURL(/#\/persons\/[^/]+\/show$/);
    await page.getByText('Specialistsjuksköterska', { exact: true }).first().waitFor();
  });

  it('adds an engagement from the person page and comes back to the person', async () => {
    await page.getByRole('link', { name: 'Lägg till engagemang' }).click();
    await page.waitForURL(/#\/engagements\/create/);
    await page.locator('#react-admin-title', { hasText: 'Nytt engagemang' }).waitFor();
    await inputValue('combobox', 'Person', 'Nils Boström (nilbo4)');
    await page.getByRole('combobox', { name: 'Vårdenhet' }).fill('Avdelning 12');
    await page.getByRole('option', { name: 'Avdelning 12 Medicin' }).click();
    await page.getByRole('textbox', { name: 'Ansvarsnummer' }).fill('S12100');
    await screenshot(page, 'engagement-create');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.waitForURL(/#\/persons\/[^/]+\/show$/);
    await row('Avdelning 12 Medicin').waitFor();
    await expect(
      page.locator('section', { hasText: 'Engagemang' }).locator('tbody tr').count(),
    ).resolves.toBe(2);
  });

  it('lists care units with their head of unit and care provider kind', async () => {
    await openFromMenu('Vårdenheter', 'care-units');
    expect(await headers()).toEqual([
      'Namn',
      'HSA-id',
      'Förvaltning',
      'Vårdgivare',
      'Typ av vårdgivare',
      'Verksamhetschef',
      'Aktiva medarbetare',
    ]);
    await expect(row('Vårdcentralen Solgläntan').innerText()).resolves.toMatch(
      /SE2321000131-E000000000101\s+Närhälsan\s+Västra Götalandsregionen\s+Regional\s+Karin Lund/,
    );
    await expect(row('Hälsoakuten Väst Vårdenhet').innerText()).resolves.toContain('Privat');
    await screenshot(page, 'care-units-list');
  });

  it('lists the assignment catalogue with purposes and kinds in Swedish', async () => {
    await openFromMenu('Uppdrag', 'assignments');
    expect(await headers()).toEqual([
      'Vårdenhet',
      'Uppdrag',
      'Typ',
      'Syfte',
      'Endast privat vårdgivare',
      'Kräver lokala system',
      'Innehavare',
    ]);
    await expect(row('VoB SJF').first().innerText()).resolves.toMatch(
      /Generellt uppdrag\s+Vård och behandling/,
    );
    await expect(row('Statistik VE').first().innerText()).resolves.toMatch(/Särskilt uppdrag\s+Statistik/);
    await screenshot(page, 'assignments-list');
  });

  it('lists the systems guide', async () => {
    await openFromMenu('Systemguide', 'systems');
    expect(await headers()).toEqual(['System', 'Användning', 'Syfte', 'Uppdrag som behövs', 'Kommentar']);
    await expect(row('Pascal').innerText()).resolves.toMatch(/Vård och behandling\s+VoB SJF/);
    await expect(row('Statistikverktyg för intygstjänsten').innerText()).resolves.toMatch(
      /Statistik\s+Statistik VE/,
    );
    await screenshot(page, 'systems-list');
  });

  it('lists administrations and care providers', async () => {
    await openFromMenu('Förvaltningar', 'administrations');
    expect(await headers()).toEqual(['Kod', 'Namn', 'Vårdgivare', 'Förvaltningschef']);
    await expect(row('Närhälsan').innerText()).resolves.toMatch(/NH\s+Närhälsan\s+Västra Götalandsregionen/);
    await screenshot(page, 'administrations-list');
    // The edit form picks the förvaltningschef as a care unit's form picks its verksamhetschef.
    await row('Närhälsan').click();
    await page.waitForURL(/#\/administrations\/[^/]+$/);
    await page.getByRole('combobox', { name: 'Förvaltningschef' }).waitFor();
    await screenshot(page, 'administration-edit');

    await openFromMenu('Vårdgivare', 'care-providers');
    expect(await headers()).toEqual(['Namn', 'HSA-id', 'Typ']);
    await expect(row('Hälsoakuten Väst AB').innerText()).resolves.toContain('Privat');
    await screenshot(page, 'care-providers-list');
  });

  it("shows who opened a person on the person's Uppslag tab and in Uppslagslogg", async () => {
    await openFromMenu('Personer', 'persons');
    await page.getByPlaceholder('Namn, VGR-ID eller förvaltning').fill('Boström');
    await page.getByText('1–1 av 1').waitFor();
    await row('nilbo4').click();
    await page.waitForURL(/#\/persons\/[^/]+\/show$/);
    await page.getByRole('tab', { name: 'Uppgifter' }).waitFor();
    await page.getByRole('tab', { name: 'Uppslag' }).click();
    await page.getByText('Vem som har slagit upp personen eller öppnat sidan, när och varifrån.').waitFor();
    await page.locator('tbody tr').first().waitFor();
    expect(await headers()).toEqual(['Tid', 'Vem', 'Händelse', 'Sökt med', 'Syfte']);
    // This very opening (and the earlier one of this file) is logged as from the person page.
    const opened = page.locator('tbody tr').filter({ hasText: 'Personsidan' }).first();
    await expect(opened.innerText()).resolves.toMatch(
      /Alva Adminsson \(admin1\)\s+Visning\s+Öppnad\s+Personsidan/,
    );
    await screenshot(page, 'person-lookups-tab');

    await openFromMenu('Uppslagslogg', 'person-access-log');
    expect(await headers()).toEqual(['Tid', 'Vem', 'Person', 'Händelse', 'Sökt med', 'Syfte']);
    await page.getByRole('combobox', { name: 'Person' }).waitFor();
    await page.getByRole('combobox', { name: 'Användare' }).waitFor();
    await page
      .locator('tbody tr')
      .filter({ hasText: 'Nils Boström (nilbo4)' })
      .filter({ hasText: 'Personsidan' })
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'Exportera' }).waitFor();
    await screenshot(page, 'person-access-log');
  });

  it('switches to English and back', async () => {
    await openFromMenu('Personer', 'persons');
    await page.getByRole('button', { name: 'Svenska' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('columnheader', { name: 'First name' }).waitFor();
    await page.getByRole('menuitem', { name: 'Care units' }).waitFor();
    await screenshot(page, 'persons-list-en');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: 'Svenska' }).click();
    await page.getByRole('columnheader', { name: 'Förnamn' }).waitFor();
  });

  it('met no console errors, untranslated texts or refused API requests on the way', () => {
    expect(session.problems).toEqual([]);
  });
});
