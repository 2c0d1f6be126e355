import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page, Route } from 'playwright-core';
import { send, STAT_SOL, VOB_SOL, withoutLocalAccessFlags } from '../e2e/orders-support.js';
import { createTestCa, federatedSigning } from '../support/federated-signing.js';
import { authnRequestXml, createLibraryIdp, type LibraryIdp } from '../support/library-idp.js';
import { type RevocationResponder, startRevocationResponder } from '../support/revocation-responder.js';
import { createTestIdp, IDP_SSO_URL, samlEnv } from '../support/saml-idp.js';
import { signIn } from '../support/sign-in.js';
import {
  screenshot,
  seriousAccessibilityViolations,
  signInAs,
  startUiSession,
  type UiSession,
} from './browser.js';

/**
 * Attest in production's way (issue 16): sarbe3 approves an order; the signing window posts BEH's
 * signed SignRequest to the signing service (BEH's own, SIGNING_PROVIDER=federated), which sends
 * her to the IdP for a fresh SITHS sign-in showing what she signs (the SignMessage); back through
 * the signing service's SignResponse, the window says "Beställningen signerades" and the order is
 * approved. The IdP is samlify's, its page served where the federation's IdP would be.
 */

const SARBE3_HSA = 'SE2321000131-P000000000103';

let session: UiSession;
let page: Page;
let idp: LibraryIdp;
let responder: RevocationResponder;
/** Whose SITHS card is in the reader when the IdP asks. */
let atTheCard = {
  hsaId: SARBE3_HSA,
  loa: 'http://id.sambi.se/loa/loa3',
  givenName: 'Sara',
  surname: 'Berg',
};
/** What the IdP showed the signer, as it read it from the AuthnRequest. */
let shownMessage = '';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

const stockholmToday = (): string =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());

/**
 * The IdP's sign-in page for a signature: what is to be signed (the SignMessage of the signed
 * AuthnRequest, which samlify checks against the signing service's metadata), and the button that
 * stands for the SITHS card and PIN; it posts the IdP's signed answer to the signing service.
 */
async function idpSignInPage(route: Route): Promise<void> {
  const location = route.request().url();
  await idp.readRequest(location);
  const xml = authnRequestXml(location);
  const message = /<csig:Message>([^<]+)<\/csig:Message>/.exec(xml)?.[1];
  shownMessage = message ? Buffer.from(message, 'base64').toString('utf8') : '';
  const { samlResponse } = await idp.respond(location, atTheCard);
  const relayState = new URL(location).searchParams.get('RelayState') ?? '';
  await route.fulfill({
    status: 200,
    contentType: 'text/html; charset=utf-8',
    body: `<!doctype html><html lang="sv"><head><title>Test-IdP – underskrift</title></head><body><main>
<h1>Underskrift med SITHS-kort</h1>
<p>${xml.includes('ForceAuthn="true"') ? 'Legitimera dig på nytt för att signera.' : ''}</p>
<h2>Det här signerar du</h2>
<pre data-testid="sign-message">${escapeHtml(shownMessage)}</pre>
<form method="post" action="${session.baseUrl}/api/sign-service/acs">
<input type="hidden" name="SAMLResponse" value="${escapeHtml(samlResponse)}">
<input type="hidden" name="RelayState" value="${escapeHtml(relayState)}">
<button type="submit">Signera med SITHS-kort</button>
</form></main></body></html>`,
  });
}

beforeAll(async () => {
  const [keys, spKeys, ca] = await Promise.all([createTestIdp(), createTestIdp('BEH SP'), createTestCa()]);
  responder = await startRevocationResponder(ca);
  const federated = await federatedSigning({ ocspUrl: responder.ocspUrl }, ca);
  session = await startUiSession({ ...samlEnv(keys, spKeys), ...federated.env }, { ownPublicUrl: true });
  page = session.page;
  // This spec is about signing, not rule 12: Statistik is ordered alone here.
  await withoutLocalAccessFlags(session.testApp);
  const metadata = await fetch(`${session.baseUrl}/api/sign-service/metadata`);
  idp = createLibraryIdp(keys, await metadata.text());
  await session.context.route(`${IDP_SSO_URL}**`, idpSignInPage);
});

afterAll(async () => {
  await session?.close();
  await responder?.close();
});

describe('attest signed at the signing service with SITHS', () => {
  it('approves → signing window → IdP with the SignMessage → back → "Beställningen signerades" → approved', async () => {
    const eriho2 = await signIn(session.testApp, 'eriho2');
    const placed = await eriho2
      .post('/api/orders')
      .send(send('nilbo4', [VOB_SOL], stockholmToday()))
      .expect(201);
    const [order] = placed.body as { id: string; orderNumber: string }[];

    await signInAs(page, 'sarbe3', 'Sara Berg');
    await page.goto(`/#/attest/${order.id}`);
    await page
      .getByRole('heading', { name: `Attest av beställning ${order.orderNumber}`, level: 1 })
      .waitFor();
    const [popup] = await Promise.all([
      session.context.waitForEvent('page'),
      page.getByRole('button', { name: 'Godkänn', exact: true }).click(),
    ]);
    popup.on('pageerror', (error) => session.problems.push(`popup page error: ${error.message}`));
    await popup.getByRole('heading', { name: 'Signera beställning' }).waitFor();
    await popup.getByText('Tänk på att fysiskt SITHS-kort krävs.', { exact: false }).waitFor();
    await screenshot(popup, 'federated-1-window');
    expect(await seriousAccessibilityViolations(popup)).toEqual([]);

    await popup.getByRole('button', { name: 'Signera beställning' }).click();
    await popup.getByRole('heading', { name: 'Underskrift med SITHS-kort' }).waitFor();
    const signMessage = await popup.getByTestId('sign-message').innerText();
    expect(signMessage).toContain(`Attest av beställning ${order.orderNumber}`);
    expect(signMessage).toContain('Nils Boström (nilbo4)');
    await popup.getByText('Legitimera dig på nytt för att signera.').waitFor();
    await screenshot(popup, 'federated-2-idp');

    await popup.getByRole('button', { name: 'Signera med SITHS-kort' }).click();
    await popup.getByRole('heading', { name: 'Beställningen signerades' }).waitFor();
    await screenshot(popup, 'federated-3-signed');
    expect(await seriousAccessibilityViolations(popup)).toEqual([]);

    const result = page.getByTestId('attest-result');
    await result.waitFor();
    expect(await result.innerText()).toMatch(
      new RegExp(`^Beställning ${order.orderNumber}: (Attesterad|Avslutad)$`),
    );
    await screenshot(page, 'federated-4-result');
    const [row] = await session.testApp.dataSource.query<{ status: string }[]>(
      'SELECT status FROM vmu_order WHERE id = $1',
      [order.id],
    );
    expect(['APPROVED', 'COMPLETED']).toContain(row.status);
    expect(responder.requests.ocsp).toBeGreaterThan(0);
    await popup.close();

    // "Verifiera signatur": the certificate the signing service issued, checked again, not revoked.
    await page.getByRole('link', { name: 'Visa beställningen' }).click();
    await page.getByRole('button', { name: 'Verifiera signatur' }).click();
    const dialog = page.getByRole('dialog', { name: 'Verifiera signatur' });
    await dialog.getByText('Signaturen är giltig').waitFor();
    await dialog.getByText(`Sara Berg (${SARBE3_HSA})`).waitFor();
    await dialog.getByText('Certifikatet är inte spärrat.').waitFor();
    expect(await dialog.innerText()).toContain('Testregionens signerings-CA');
    await screenshot(page, 'federated-5-verified');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(session.problems).toEqual([]);
  });

  it('tells the attestant in the window when someone else signed in at the IdP, and the order still waits', async () => {
    const eriho2 = await signIn(session.testApp, 'eriho2');
    const placed = await eriho2.post('/api/orders').send(send('linma5', [STAT_SOL], stockholmToday()));
    expect(placed.status).toBe(201);
    const [order] = placed.body as { id: string; orderNumber: string }[];
    atTheCard = {
      hsaId: 'SE2321000131-P000000000101',
      loa: 'http://id.sambi.se/loa/loa3',
      givenName: 'Karin',
      surname: 'Lund',
    };

    await page.goto(`/#/attest/${order.id}`);
    await page
      .getByRole('heading', { name: `Attest av beställning ${order.orderNumber}`, level: 1 })
      .waitFor();
    const [popup] = await Promise.all([
      session.context.waitForEvent('page'),
      page.getByRole('button', { name: 'Godkänn', exact: true }).click(),
    ]);
    await popup.getByRole('button', { name: 'Signera beställning' }).click();
    await popup.getByRole('button', { name: 'Signera med SITHS-kort' }).click();
    await popup
      .getByRole('alert')
      .getByText('Signeringen gjordes inte: Du loggade in som en annan person än den som ska signera.')
      .waitFor();
    await screenshot(popup, 'federated-6-other-person');
    expect(await seriousAccessibilityViolations(popup)).toEqual([]);
    await popup.close();
    const [row] = await session.testApp.dataSource.query<{ status: string }[]>(
      'SELECT status FROM vmu_order WHERE id = $1',
      [order.id],
    );
    expect(row.status).toBe('AWAITING_ATTEST');
    expect(session.problems).toEqual([]);
  });
});
