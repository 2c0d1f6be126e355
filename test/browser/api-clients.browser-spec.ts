import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import {
  screenshot,
  seriousAccessibilityViolations,
  signInAsAdministrator,
  startUiSession,
  type UiSession,
} from './browser.js';

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

/** A call as the client would make it: the token alone, no cookie. */
const callWith = async (token: string) =>
  (await fetch(`${session.baseUrl}/api/held-assignments`, { headers: { Authorization: `Bearer ${token}` } }))
    .status;

describe('API clients in the admin UI', () => {
  it('lets an administrator create a client, shows its key once, and revoke it', async () => {
    await page.goto('/#/');
    await page.getByRole('menuitem', { name: 'API-klienter' }).click();
    await page.waitForURL(/#\/api-clients/);
    await page.getByRole('link', { name: 'Skapa' }).first().click();
    await page.waitForURL(/#\/api-clients\/create$/);

    await page.getByRole('textbox', { name: 'Namn' }).fill('Servicedesk');
    await page.getByRole('checkbox', { name: /Läsa vem som innehar vilka uppdrag/ }).check();
    await page.getByRole('checkbox', { name: /Läsa beställningar och deras status/ }).check();
    await screenshot(page, 'api-clients-create');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Spara' }).click();

    await page.getByRole('heading', { name: 'API-klienten Servicedesk är skapad' }).waitFor();
    await page.getByRole('alert').filter({ hasText: 'Den visas bara den här gången' }).waitFor();
    const token = await page.getByRole('textbox', { name: 'Nyckel' }).inputValue();
    expect(token).toMatch(/^beh\.[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
    await page.getByRole('button', { name: 'Kopiera nyckeln' }).waitFor();
    await screenshot(page, 'api-clients-created-key-once');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(await callWith(token)).toBe(200);

    // Never again: the list, and the page after a reload, show the client but not its key.
    await page.getByRole('button', { name: 'Klar' }).click();
    await page.waitForURL(/#\/api-clients(\?.*)?$/);
    const row = page.locator('tbody tr').filter({ hasText: 'Servicedesk' });
    await row.getByText('Aktiv', { exact: true }).waitFor();
    await row.getByText('holdings:read').waitFor();
    await page.reload();
    await row.getByText('Aktiv', { exact: true }).waitFor();
    expect(await page.content()).not.toContain(token.split('.')[2]);
    await screenshot(page, 'api-clients-list');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await row.getByRole('button', { name: 'Återkalla' }).click();
    await page.getByRole('dialog').getByText('Återkalla API-klienten Servicedesk?').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Återkalla' }).click();
    await row.getByText('Återkallad', { exact: true }).waitFor();
    expect(await callWith(token)).toBe(401);
    await screenshot(page, 'api-clients-revoked');

    expect(session.problems).toEqual([]);
  });
});
