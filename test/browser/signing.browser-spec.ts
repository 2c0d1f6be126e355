import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import {
  createEffectTable,
  createRequest,
  documentFor,
  type HandlerCall,
  registerTestHandler,
} from '../e2e/signing-support.js';
import { screenshot, seriousAccessibilityViolations, startUiSession, type UiSession } from './browser.js';

let session: UiSession;
let calls: HandlerCall[];

/** Signs the browser context in through the development sign-in, as the sign-in page would. */
async function signInAs(context: BrowserContext, userId: string): Promise<void> {
  await context.clearCookies();
  const csrf = (await (await context.request.get('/api/auth/csrf')).json()) as { token: string };
  const response = await context.request.post('/api/auth/dev-login', {
    data: { userId },
    headers: { 'X-CSRF-Token': csrf.token },
  });
  if (!response.ok()) throw new Error(`dev-login as ${userId} answered ${response.status()}`);
}

/**
 * A page of the portal opens the signing window the way the approval queue will, and records
 * what the window tells it (postMessage to the opener, BroadcastChannel to every tab).
 */
async function openSigningWindowFrom(opener: Page, requestId: string): Promise<Page> {
  // A window left open by an earlier step would be reused by name instead of opened anew.
  for (const other of opener.context().pages()) if (other !== opener) await other.close();
  await opener.goto('/api/health');
  // Strings, not functions: this code runs in the page, and the tests compile without the DOM types.
  await opener.evaluate(`(() => {
    window.heard = [];
    window.addEventListener('message', (event) => window.heard.push({ via: 'postMessage', data: event.data }));
    new BroadcastChannel('beh-signing').onmessage = (event) => window.heard.push({ via: 'channel', data: event.data });
  })()`);
  const [popup] = await Promise.all([
    opener.context().waitForEvent('page'),
    opener.evaluate(`void window.open('/signing/${requestId}', 'beh-signing', 'popup,width=760,height=860')`),
  ]);
  await popup.setViewportSize({ width: 760, height: 900 });
  // The harness watches its own page; the popup's console errors and crashes count the same.
  popup.on('pageerror', (error) => session.problems.push(`popup page error: ${error.message}`));
  popup.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      session.problems.push(`popup console error: ${message.text()}`);
    }
  });
  return popup;
}

describe('signing window', () => {
  beforeAll(async () => {
    session = await startUiSession();
    await createEffectTable(session.testApp);
    calls = registerTestHandler(session.testApp);
  });
  afterAll(async () => {
    await session.close();
  });

  it('shows the document, lets the signer pick the certificate and sign with PIN 1234, and tells the page behind', async () => {
    const document = documentFor('BEH9200001');
    const request = await createRequest(session.testApp, 'sarbe3', document);
    await signInAs(session.context, 'sarbe3');
    const popup = await openSigningWindowFrom(session.page, request.id);

    await popup.getByRole('heading', { name: 'Signera beställning' }).waitFor();
    await popup.getByText('Attest av beställning BEH9200001').first().waitFor();
    expect(await popup.getByLabel('Text som signeras').innerText()).toBe(document);
    await popup.getByText('Signerar: Sara Berg').waitFor();
    await screenshot(popup, 'signing-1-review');
    expect(await seriousAccessibilityViolations(popup)).toEqual([]);

    await popup.getByRole('button', { name: 'Signera beställning' }).click();
    const certificate = popup.getByRole('radio', { name: /Sara Berg/ });
    await certificate.waitFor();
    expect(await certificate.isChecked()).toBe(true);
    await screenshot(popup, 'signing-2-certificate');
    expect(await seriousAccessibilityViolations(popup)).toEqual([]);
    await popup.getByRole('button', { name: 'OK' }).click();

    const pin = popup.getByRole('textbox', { name: 'Säkerhetskod för underskrift' });
    await pin.fill('0000');
    await popup.getByRole('button', { name: 'OK' }).click();
    await popup.getByText('Fel PIN-kod. Du har 2 försök kvar.').waitFor();
    await screenshot(popup, 'signing-3-wrong-pin');
    expect(await seriousAccessibilityViolations(popup)).toEqual([]);

    await pin.fill('1234');
    await popup.getByRole('button', { name: 'OK' }).click();
    await popup.getByRole('heading', { name: 'Beställningen signerades' }).waitFor();
    await screenshot(popup, 'signing-4-signed');
    expect(calls.map((c) => c.request.id)).toEqual([request.id]);

    const heard = await session.page.evaluate('window.heard');
    const message = { type: 'beh:signed', requestId: request.id };
    expect(heard).toEqual(
      expect.arrayContaining([
        { via: 'postMessage', data: message },
        { via: 'channel', data: message },
      ]),
    );

    const closed = popup.waitForEvent('close');
    // The click closes the window itself: Playwright may find the page gone before its click
    // returns (seen once in CI), which is the outcome asked for; `closed` is what is awaited.
    await popup
      .getByRole('button', { name: 'Stäng fönstret' })
      .click({ noWaitAfter: true })
      .catch((error: Error) => {
        if (!/has been closed/.test(error.message)) throw error;
      });
    await closed;
    expect(session.problems).toEqual([]);
  });

  it("shows a locked certificate after three wrong PINs, and nothing of someone else's request", async () => {
    const request = await createRequest(session.testApp, 'eriho2', documentFor('BEH9200002'));
    await signInAs(session.context, 'eriho2');
    const popup = await openSigningWindowFrom(session.page, request.id);
    await popup.getByRole('button', { name: 'Signera beställning' }).click();
    await popup.getByRole('button', { name: 'OK' }).click();
    for (const [wrong, left] of [
      ['1111', 'Du har 2 försök kvar.'],
      ['2222', 'Du har 1 försök kvar.'],
    ]) {
      await popup.getByRole('textbox', { name: 'Säkerhetskod för underskrift' }).fill(wrong);
      await popup.getByRole('button', { name: 'OK' }).click();
      await popup.getByText(`Fel PIN-kod. ${left}`).waitFor();
    }
    await popup.getByRole('textbox', { name: 'Säkerhetskod för underskrift' }).fill('3333');
    await popup.getByRole('button', { name: 'OK' }).click();
    await popup.getByText(/Certifikatet är nu låst efter 3 felaktiga försök/).waitFor();
    // Back at the list: the certificate is shown locked and cannot be chosen.
    await popup.getByText('Låst efter tre felaktiga PIN-koder').waitFor();
    expect(await popup.getByRole('radio', { name: /Erik Holm/ }).isDisabled()).toBe(true);
    expect(await popup.getByRole('button', { name: 'OK' }).isDisabled()).toBe(true);
    await screenshot(popup, 'signing-5-locked');
    expect(await seriousAccessibilityViolations(popup)).toEqual([]);
    await popup.close();

    // Someone else's request: nothing of it is shown.
    const saras = await createRequest(session.testApp, 'sarbe3', documentFor('BEH9200003'));
    const foreign = await openSigningWindowFrom(session.page, saras.id);
    await foreign.getByText('Signeringsbegäran hittades inte.').waitFor();
    expect(await foreign.getByText('BEH9200003').count()).toBe(0);
    await screenshot(foreign, 'signing-6-not-found');
    await foreign.close();
    expect(session.problems).toEqual([]);
  });
});
