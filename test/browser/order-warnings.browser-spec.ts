import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { send, VOB_SOL } from '../e2e/orders-support.js';
import { signIn } from '../support/sign-in.js';
import {
  screenshot,
  seriousAccessibilityViolations,
  signInAs,
  signOut,
  startUiSession,
  type UiSession,
} from './browser.js';

/**
 * Rule 2d, Engagement elsewhere is a warning, as the order view and the attest page show it:
 * eriho2 (ORDER+ATTEST on Vårdcentralen Solgläntan) orders VoB SJF there for ahmal7, whose only
 * engagement is at Avdelning 12 Medicin, and confirms the warning; another order, for nilbo4 who
 * works at Solgläntan, has none. The orderer sees the warning on the line (and in English), and so
 * does sarbe3 on the attest page before signing: a warning, not an error.
 */

let session: UiSession;
let page: Page;

const SV_WARNING = 'Personen har inget aktivt engagemang på vårdenheten';
const EN_WARNING = 'The person has no active engagement at this care unit';

const stockholmToday = (): string =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());

interface Placed {
  id: string;
  orderNumber: string;
}

async function place(endUser: string, confirmedWarnings: boolean): Promise<Placed> {
  const eriho2 = await signIn(session.testApp, 'eriho2');
  const res = await eriho2
    .post('/api/orders')
    .send({ ...send(endUser, [VOB_SOL], stockholmToday()), confirmedWarnings });
  if (res.status !== 201) throw new Error(`placing answered ${res.status}: ${JSON.stringify(res.body)}`);
  return (res.body as Placed[])[0];
}

/** The line of the order's table that names VoB SJF. */
const line = () => page.locator('tbody tr', { hasText: 'VoB SJF' }).first();

let warned: Placed;
let plain: Placed;

beforeAll(async () => {
  session = await startUiSession();
  page = session.page;
  await page.setViewportSize({ width: 1366, height: 900 });
  warned = await place('ahmal7', true);
  plain = await place('nilbo4', false);
}, 120_000);

afterAll(async () => {
  await session?.close();
});

describe('a confirmed warning on the order view and the attest page', () => {
  it('the orderer sees it on the line and above the order, in Swedish and English', async () => {
    await signInAs(page, 'eriho2', 'Erik Holm');
    await page.goto(`/#/orders/${warned.id}/show`);
    await page.getByText(warned.orderNumber).first().waitFor();
    const alert = line().getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain(`Varning: ${SV_WARNING}`);
    // A warning, not an error: MUI's warning tone.
    expect(await alert.getAttribute('class')).toMatch(/MuiAlert-colorWarning/);
    const summary = page.getByTestId('order-warnings-summary');
    expect(await summary.innerText()).toMatch(/Beställaren bekräftade en varning.*inlån/s);
    await screenshot(page, 'order-warnings-order-show');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Svenska' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await line().getByText(EN_WARNING).waitFor();
    expect(await page.getByTestId('order-warnings-summary').innerText()).toMatch(
      /The orderer confirmed a warning.*on loan/s,
    );
    await screenshot(page, 'order-warnings-order-show-en');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: 'Svenska' }).click();
    await line().getByText(SV_WARNING).waitFor();

    // An order without a warning shows none.
    await page.goto(`/#/orders/${plain.id}/show`);
    await page.getByText(plain.orderNumber).first().waitFor();
    await line().waitFor();
    expect(await page.getByText(SV_WARNING).count()).toBe(0);
    expect(await page.getByTestId('order-warnings-summary').count()).toBe(0);
    await signOut(page);
  });

  it('the attestant sees it on the attest page before signing', async () => {
    await signInAs(page, 'sarbe3', 'Sara Berg');
    await page.goto(`/#/attest/${warned.id}`);
    await page.locator('h1', { hasText: warned.orderNumber }).waitFor();
    const alert = line().getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain(`Varning: ${SV_WARNING}`);
    expect(await page.getByTestId('order-warnings-summary').innerText()).toMatch(
      /Kontrollera varningen innan du attesterar/,
    );
    await screenshot(page, 'order-warnings-attest');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.goto(`/#/attest/${plain.id}`);
    await page.locator('h1', { hasText: plain.orderNumber }).waitFor();
    await line().waitFor();
    expect(await page.getByText(SV_WARNING).count()).toBe(0);
    await signOut(page);
  });

  it('left the console and the API without problems', () => {
    expect(session.problems).toEqual([]);
  });
});
