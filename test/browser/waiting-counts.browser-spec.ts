import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page, Request } from 'playwright-core';
import { KVAL_SOL, send, VOB_SOL, withoutLocalAccessFlags } from '../e2e/orders-support.js';
import { signIn } from '../support/sign-in.js';
import {
  screenshot,
  seriousAccessibilityViolations,
  signInAs,
  signOut,
  startUiSession,
  type UiSession,
  WELCOME,
} from './browser.js';

/**
 * Issue 13, point 9: an attestant sees what waits for her. The start page's attest tile and the
 * menu entry show how many orders wait for the signed-in user's attest, and the number follows
 * her attesting; `GET /api/me` is asked once per page load, however many parts of the page need
 * the user (checkAuth, permissions, identity, the menu, access checks).
 */

let session: UiSession;
let page: Page;
let orders: { id: string; orderNumber: string }[] = [];

const stockholmToday = (): string =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());

async function place(endUser: string, assignmentId: string) {
  const eriho2 = await signIn(session.testApp, 'eriho2');
  const res = await eriho2.post('/api/orders').send(send(endUser, [assignmentId], stockholmToday()));
  if (res.status !== 201) throw new Error(`placing answered ${res.status}: ${JSON.stringify(res.body)}`);
  const [placed] = res.body as { id: string; orderNumber: string }[];
  if (!placed) throw new Error('placing answered no order');
  return placed;
}

const tileWaiting = () => page.locator('[data-tile="attest"]').getByTestId('attest-waiting');
const menuEntry = () => page.getByRole('menuitem', { name: /^Attestera beställningar/ });

/** Counts the requests to GET /api/me from now on. */
function countMeRequests(): { count: () => number; stop: () => void } {
  let count = 0;
  const listener = (request: Request) => {
    if (new URL(request.url()).pathname === '/api/me') count++;
  };
  page.on('request', listener);
  return { count: () => count, stop: () => page.off('request', listener) };
}

/** Approves an order on its attest page and signs in the signing window, as the seed says. */
async function approve(order: { id: string; orderNumber: string }): Promise<void> {
  await page.goto(`/#/attest/${order.id}`);
  await page.locator('h1', { hasText: `Attest av beställning ${order.orderNumber}` }).waitFor();
  const [popup] = await Promise.all([
    session.context.waitForEvent('page'),
    page.getByRole('button', { name: 'Godkänn', exact: true }).click(),
  ]);
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
  await page.getByTestId('attest-result').waitFor();
}

beforeAll(async () => {
  session = await startUiSession();
  page = session.page;
  // Not about rule 12: Kvalitetssäkring is ordered here as an ordinary assignment (it is flagged in the demo).
  await withoutLocalAccessFlags(session.testApp);
  orders = [await place('nilbo4', VOB_SOL), await place('nilbo4', KVAL_SOL), await place('linma5', KVAL_SOL)];
});

afterAll(async () => {
  await session?.close();
});

describe('what waits for the attestant', () => {
  it('asks GET /api/me once per page load, and not again when moving between pages', async () => {
    await signInAs(page, 'sarbe3', 'Sara Berg');
    const me = countMeRequests();
    await page.reload();
    await page.getByRole('heading', { name: WELCOME }).waitFor();
    await page.getByText('Inloggad: Sara Berg (sarbe3)').waitFor();
    await tileWaiting().waitFor();
    await menuEntry().waitFor();
    await page.waitForLoadState('networkidle');
    expect(me.count()).toBe(1);

    await page.getByRole('menuitem', { name: 'Beställningar', exact: true }).click();
    await page.waitForURL(/#\/orders/);
    await page.getByRole('menuitem', { name: 'Startsida' }).click();
    await page.getByRole('heading', { name: WELCOME }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(me.count()).toBe(1);
    me.stop();
  });

  it('as sarbe3: the attest tile and the menu show the three orders waiting for her', async () => {
    expect(await tileWaiting().innerText()).toBe('3 beställningar väntar på din attest.');
    const badge = menuEntry().getByTestId('attest-menu-waiting');
    await badge.waitFor();
    expect(await badge.innerText()).toBe('3');
    // Seen whole, inside the menu entry (not cut off by the menu's width).
    const [badgeBox, entryBox] = [await badge.boundingBox(), await menuEntry().boundingBox()];
    if (!badgeBox || !entryBox) throw new Error('the menu entry or its badge has no box');
    expect(badgeBox.x).toBeGreaterThanOrEqual(entryBox.x);
    expect(badgeBox.x + badgeBox.width).toBeLessThanOrEqual(entryBox.x + entryBox.width);
    // Read out with the entry's name, not as a bare number.
    await page.getByRole('menuitem', { name: /^Attestera beställningar\s?, 3 väntar$/ }).waitFor();
    await screenshot(page, 'waiting-1-start-sarbe3');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('after she approves one, the tile and the menu say two', async () => {
    const [first] = orders;
    if (!first) throw new Error('no order placed');
    await approve(first);
    await expect(menuEntry().getByTestId('attest-menu-waiting').innerText()).resolves.toMatch(/^[23]$/);
    await page.getByRole('menuitem', { name: 'Startsida' }).click();
    await page.getByRole('heading', { name: WELCOME }).waitFor();
    await page.locator('[data-tile="attest"]').getByText('2 beställningar väntar på din attest.').waitFor();
    await page.getByRole('menuitem', { name: /^Attestera beställningar\s?, 2 väntar$/ }).waitFor();
    await screenshot(page, 'waiting-2-start-after-attest');
  });

  it('in English: the tile and the menu say the same in English', async () => {
    await page.getByRole('button', { name: 'Svenska' }).first().click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.locator('[data-tile="attest"]').getByText('2 orders are waiting for your approval.').waitFor();
    await page.getByRole('menuitem', { name: /^Approve orders\s?, 2 waiting$/ }).waitFor();
    await screenshot(page, 'waiting-2-start-english');
    await page.getByRole('button', { name: 'English' }).first().click();
    await page.getByRole('menuitem', { name: 'Svenska' }).click();
    await page.getByRole('heading', { name: WELCOME }).waitFor();
    await signOut(page);
  });

  it('as karlu1, an attestant with nothing waiting: the tile says so and the menu shows no number', async () => {
    await signInAs(page, 'karlu1', 'Karin Lund');
    await page
      .locator('[data-tile="attest"]')
      .getByText('Inga beställningar väntar på din attest.')
      .waitFor();
    await menuEntry().waitFor();
    expect(await menuEntry().getByTestId('attest-menu-waiting').count()).toBe(0);
    await screenshot(page, 'waiting-3-start-karlu1');
    await signOut(page);
  });

  it('reported no page problems', () => {
    expect(session.problems).toEqual([]);
  });
});
