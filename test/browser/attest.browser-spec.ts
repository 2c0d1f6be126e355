import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { MailCatcher } from '../../server/src/mail/catcher/mail-catcher.js';
import { mailWebView } from '../../server/src/mail/catcher/mail-web-view.js';
import {
  KVAL_SOL,
  person,
  send,
  SOLGLANTAN,
  STAT_SOL,
  VOB_SOL,
  withoutLocalAccessFlags,
} from '../e2e/orders-support.js';
import { signIn } from '../support/sign-in.js';
import {
  screenshot,
  seriousAccessibilityViolations,
  signInAs,
  signOut,
  startUiSession,
  type UiSession,
  waitUntil,
} from './browser.js';

/**
 * Attest in the browser (rule 5, The attest link is the attestant's alone; rule 6, No approval
 * without a signature): eriho2 orders for nilbo4 with sarbe3 as attestant; sarbe3
 * approves one order from the queue and signs in the signing window, rejects another with a
 * comment, and attests two more ticked in the queue with one signature; eriho2 finds the
 * rejection in the mail catcher. Mail runs the real way: outbox → SMTP → the development catcher,
 * read in its own web view (the one `npm start` mounts at /mail).
 */

let session: UiSession;
let page: Page;
let catcher: MailCatcher;
let mailView: Server;
let mailViewUrl = '';

const QUEUE = 'Attestera beställningar';
const REJECT_COMMENT = 'Nils behöver inte Kvalitetssäkring i sin nuvarande tjänst.';

interface Placed {
  id: string;
  orderNumber: string;
}
/** A: approved on its page; B: rejected; C and D: attested together from the queue. */
const orders: Record<'a' | 'b' | 'c' | 'd', Placed> = {
  a: { id: '', orderNumber: '' },
  b: { id: '', orderNumber: '' },
  c: { id: '', orderNumber: '' },
  d: { id: '', orderNumber: '' },
};

const stockholmToday = (): string =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
/** Order A's Återkopplingsinfo once carried out; only eriho2, its orderer, may read it. */
const FEEDBACK = `Uppdraget VoB SJF vid Vårdcentralen Solgläntan är upplagt för Nils Boström från ${stockholmToday()}.`;

async function expectAccessible(target: Page): Promise<void> {
  expect(await seriousAccessibilityViolations(target)).toEqual([]);
}

/** eriho2 places one order through the API, as the wizard's send would. */
async function place(endUser: string, assignmentId: string): Promise<Placed> {
  const eriho2 = await signIn(session.testApp, 'eriho2');
  const res = await eriho2.post('/api/orders').send(send(endUser, [assignmentId], stockholmToday()));
  if (res.status !== 201) throw new Error(`placing answered ${res.status}: ${JSON.stringify(res.body)}`);
  const [placed] = res.body as Placed[];
  if (!placed) throw new Error('placing answered no order');
  return { id: placed.id, orderNumber: placed.orderNumber };
}

/** The value of a label/value pair on the attest page or order view. */
const shown = (label: string) =>
  page
    .locator('dl > div', { has: page.locator('dt', { hasText: label }) })
    .first()
    .locator('dd');

/**
 * Clicks the button that opens the signing window, then signs there as the seed says: "Signera
 * beställning", the certificate, OK, PIN, OK, "Beställningen signerades", "Stäng fönstret".
 */
async function signInSigningWindow(button: string, shotPrefix?: string): Promise<void> {
  const [popup] = await Promise.all([
    session.context.waitForEvent('page'),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  await popup.getByRole('heading', { name: 'Signera beställning' }).waitFor();
  await popup.getByText('Signerar: Sara Berg').waitFor();
  if (shotPrefix) {
    await screenshot(popup, `${shotPrefix}-window`);
    await expectAccessible(popup);
  }
  await popup.getByRole('button', { name: 'Signera beställning' }).click();
  const certificate = popup.getByRole('radio', { name: /Sara Berg/ });
  await certificate.waitFor();
  await certificate.check();
  await popup.getByRole('button', { name: 'OK' }).click();
  await popup.getByRole('textbox', { name: 'Säkerhetskod för underskrift' }).fill('1234');
  await popup.getByRole('button', { name: 'OK' }).click();
  await popup.getByRole('heading', { name: 'Beställningen signerades' }).waitFor();
  if (shotPrefix) await screenshot(popup, `${shotPrefix}-signed`);
  const closed = popup.waitForEvent('close');
  // The button closes its own window; Playwright may see the page go away before the click
  // call returns, which is the success this test waits for, not a failure.
  await popup
    .getByRole('button', { name: 'Stäng fönstret' })
    .click()
    .catch((error: unknown) => {
      if (!popup.isClosed()) throw error;
    });
  await closed;
}

/** The queue through the menu, as an attestant comes back to it. */
async function openQueueFromMenu(): Promise<void> {
  await page.getByRole('menuitem', { name: QUEUE }).click();
  await page.waitForURL(/#\/attest(\?.*)?$/);
  await page.getByRole('tab', { name: /^Alla/ }).waitFor();
}

const queueRow = (orderNumber: string) => page.locator(`tr[data-order-number="${orderNumber}"]`);
/** A row of the order list (Beställningar). */
const orderRow = (orderNumber: string) => page.locator('tbody tr', { hasText: orderNumber });

/** The mail address of a persona, as the directory holds it. */
async function emailOf(userId: string): Promise<string> {
  const rows = await session.testApp.dataSource.query<{ email: string }[]>(
    'SELECT email FROM person WHERE user_id = $1',
    [userId],
  );
  return rows[0]?.email ?? '';
}

/**
 * Opens the mail with this subject in the catcher's web view once the outbox worker has delivered
 * it (within a poll or two), checks it went to `email` alone, and answers the caught mail.
 */
async function openMail(subject: string, email: string) {
  let found = false;
  for (let attempt = 0; attempt < 30 && !found; attempt++) {
    await page.goto(mailViewUrl);
    found = (await page.getByRole('link', { name: subject }).count()) > 0;
    if (!found) await page.waitForTimeout(500);
  }
  const row = page.locator('tr', { has: page.getByRole('link', { name: subject }) });
  expect(await row.innerText()).toContain(email);
  await page.getByRole('link', { name: subject }).click();
  await page.getByRole('heading', { name: subject }).waitFor();
  const mail = catcher.list().find((caught) => caught.subject === subject);
  expect(mail?.envelopeTo).toEqual([email]);
  return mail;
}

beforeAll(async () => {
  catcher = await MailCatcher.start(0);
  // Mounted at /mail as main.ts mounts it (Express strips the mount path before the view sees it).
  const view = mailWebView(catcher);
  mailView = createServer((req, res) => {
    const notFound = () => {
      res.statusCode = 404;
      res.end();
    };
    if (!req.url?.startsWith('/mail')) return notFound();
    req.url = req.url.slice('/mail'.length) || '/';
    view(req, res, notFound);
  });
  await new Promise<void>((resolve) => mailView.listen(0, '127.0.0.1', resolve));
  mailViewUrl = `http://127.0.0.1:${(mailView.address() as AddressInfo).port}/mail`;
  session = await startUiSession({ SMTP_URL: catcher.smtpUrl, MAIL_POLL_SECONDS: '1' });
  page = session.page;
  // This spec is about attest, not rule 12: Kvalitetssäkring is ordered alone here.
  await withoutLocalAccessFlags(session.testApp);
  orders.a = await place('nilbo4', VOB_SOL);
  orders.b = await place('nilbo4', KVAL_SOL);
  orders.c = await place('linma5', KVAL_SOL);
  orders.d = await place('linma5', STAT_SOL);
});

afterAll(async () => {
  await session?.close();
  await new Promise<void>((resolve) => (mailView ? mailView.close(() => resolve()) : resolve()));
  await catcher?.stop();
});

describe('attest and signing in the browser', () => {
  it('shows a forwarded attest link to anyone but the attestant as not found, and nothing of the order', async () => {
    await signInAs(page, 'eriho2', 'Erik Holm');
    await page.goto(`/#/attest/${orders.c.id}`);
    await page.getByRole('heading', { name: 'Beställningen hittades inte', level: 1 }).waitFor();
    expect(await page.getByText(orders.c.orderNumber).count()).toBe(0);
    expect(await page.getByText('Linda').count()).toBe(0);
    await screenshot(page, 'attest-0-not-found');
    await expectAccessible(page);
    await signOut(page);
  });

  it('as sarbe3: the queue from the start page tile, with tabs, counts and the four orders', async () => {
    await signInAs(page, 'sarbe3', 'Sara Berg');
    await page.locator('[data-tile="attest"]').getByRole('link', { name: QUEUE }).click();
    await page.waitForURL(/#\/attest(\?.*)?$/);
    for (const order of Object.values(orders)) await queueRow(order.orderNumber).waitFor();
    await page.getByRole('tab', { name: 'Alla (4)' }).waitFor();
    await page.getByRole('tab', { name: 'Startdatum nått (4)' }).waitFor();
    await page.getByRole('tab', { name: 'Akuta (0)' }).waitFor();
    const row = queueRow(orders.a.orderNumber);
    expect(await row.innerText()).toContain('Erik Holm (eriho2)');
    expect(await row.innerText()).toContain('Nils Boström (nilbo4)');
    expect(await row.innerText()).toContain('Vårdcentralen Solgläntan');
    expect(await row.innerText()).toContain('VoB SJF');
    await screenshot(page, 'attest-1-queue');
    await expectAccessible(page);
  });

  it('opens the mass-order mail link as that batch alone, with the way back to the whole queue', async () => {
    await page.goto('/#/attest?batchId=00000000-0000-4000-8000-000000000000');
    await page.getByText('Visar en massbeställning.').waitFor();
    await page.getByRole('tab', { name: 'Alla (0)' }).waitFor();
    await page.getByRole('button', { name: 'Visa alla' }).click();
    await page.getByRole('tab', { name: 'Alla (4)' }).waitFor();
    expect(await page.getByText('Visar en massbeställning.').count()).toBe(0);
  });

  it('sorts by a column and filters on the end user, the counts following the filter', async () => {
    const numbers = async () =>
      Promise.all(
        (await page.locator('tr[data-order-number]').all()).map((row) =>
          row.getAttribute('data-order-number'),
        ),
      );
    // Sorted by order number, then turned to ascending. Each click waits for the header to show the
    // last one's effect (aria-sort), so that a click on a list still re-rendering is not lost.
    const header = page.getByRole('columnheader', { name: 'Ordernummer' });
    const direction = () => header.getAttribute('aria-sort');
    await header.getByRole('button', { name: 'Ordernummer' }).click();
    await page.waitForURL(/sort=orderNumber/);
    await waitUntil(async () => (await direction()) !== null, 'the queue sorted by order number');
    if ((await direction()) !== 'ascending') {
      await header.getByRole('button', { name: 'Ordernummer' }).click();
      await waitUntil(async () => (await direction()) === 'ascending', 'order number ascending');
    }
    await page.waitForURL(/order=ASC/);
    const ascending = [orders.a, orders.b, orders.c, orders.d].map((o) => o.orderNumber).join();
    await waitUntil(
      async () => (await numbers()).join() === ascending,
      'the queue by order number, ascending',
    );

    await page.getByRole('button', { name: 'Lägg till filter' }).click();
    await page.getByRole('menuitemcheckbox', { name: 'Slutanvändare' }).click();
    await page.getByRole('textbox', { name: 'Slutanvändare' }).fill('linma');
    await page.getByRole('tab', { name: 'Alla (2)' }).waitFor();
    const linda = [orders.c, orders.d].map((o) => o.orderNumber).join();
    await waitUntil(async () => (await numbers()).join() === linda, 'only linma5 orders');
    await page.getByRole('textbox', { name: 'Slutanvändare' }).fill('');
    await page.getByRole('tab', { name: 'Alla (4)' }).waitFor();
  });

  it('opens the order, removes and restores a line, approves and signs in the signing window', async () => {
    await queueRow(orders.a.orderNumber).getByText('Nils Boström (nilbo4)').click();
    await page.waitForURL(new RegExp(`#/attest/${orders.a.id}$`));
    await page
      .getByRole('heading', { name: `Attest av beställning ${orders.a.orderNumber}`, level: 1 })
      .waitFor();
    expect(await shown('Slutanvändare').innerText()).toBe('Nils Boström (nilbo4)');
    expect(await shown('Beställare').innerText()).toBe('Erik Holm (eriho2)');
    expect(await shown('Beställd').innerText()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(await shown('Status').innerText()).toBe('Väntar på attest');
    expect(await shown('Typ').innerText()).toBe('Nyupplägg');
    expect(await shown('Startdatum').innerText()).toBe(stockholmToday());
    await page.getByText('När du klickat på Godkänn eller Avslå måste du signera attesten.').waitFor();
    await screenshot(page, 'attest-2-order');
    await expectAccessible(page);

    // "Ta bort markerade" strikes the line through; with every line gone only Avslå is left.
    await page.getByRole('checkbox', { name: 'Markera VoB SJF' }).check();
    await page.getByRole('button', { name: 'Ta bort markerade' }).click();
    await page.getByText('Alla rader är borttagna – avslå beställningen i stället.').waitFor();
    expect(await page.getByRole('button', { name: 'Godkänn', exact: true }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Ångra borttagningen av VoB SJF' }).click();
    expect(await page.getByRole('button', { name: 'Godkänn', exact: true }).isEnabled()).toBe(true);

    await signInSigningWindow('Godkänn', 'attest-3-signing');
    const result = page.getByTestId('attest-result');
    await result.waitFor();
    // Approved with today's start date, so carried out at once when carrying out is in.
    expect(await result.innerText()).toMatch(
      new RegExp(`^Beställning ${orders.a.orderNumber}: (Attesterad|Avslutad)$`),
    );
    await screenshot(page, 'attest-4-result');
    await expectAccessible(page);
  });

  it('shows the decided order and verifies its signature again', async () => {
    await page.getByRole('link', { name: 'Visa beställningen' }).click();
    await page.waitForURL(new RegExp(`#/orders/${orders.a.id}/show$`));
    await page
      .getByText(/^(Attesterad|Avslutad)$/)
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'Verifiera signatur' }).click();
    const dialog = page.getByRole('dialog', { name: 'Verifiera signatur' });
    await dialog.getByText('Signaturen är giltig').waitFor();
    await dialog.getByText('Sara Berg (SE2321000131-P000000000103)').waitFor();
    await screenshot(page, 'attest-5-verified');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Stäng' }).click();
  });

  it('as sarbe3: the carried-out order is Avslutad, and its feedback is not shown to the attestant', async () => {
    // Approved with today's start date: carried out at once, so the page reloaded says Avslutad.
    await page.reload();
    await page.getByText('Avslutad').first().waitFor();
    expect(await page.getByText(FEEDBACK).count()).toBe(0);
    await screenshot(page, 'attest-11-order-completed-attestant');
    await signOut(page);
  });

  it("as admin1: nilbo4's person page lists VoB SJF at Vårdcentralen Solgläntan among held assignments", async () => {
    await signInAs(page, 'admin1', 'Alva Adminsson');
    await page.goto('/#/persons');
    await page.getByPlaceholder('Namn, VGR-ID eller förvaltning').fill('Boström');
    await page.getByText('1–1 av 1').waitFor();
    await page.locator('tbody tr', { hasText: 'nilbo4' }).click();
    await page.waitForURL(/#\/persons\/[^/]+\/show$/);
    await page.getByRole('heading', { name: 'Innehavda uppdrag' }).waitFor();
    const held = page.locator('section', { hasText: 'Innehavda uppdrag' }).locator('tbody tr');
    await held.first().waitFor();
    const rows = await held.allInnerTexts();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(new RegExp(`^VoB SJF\\s+Vårdcentralen Solgläntan\\s+${stockholmToday()}\\b`));
    expect(await page.getByText('Inga innehavda uppdrag').count()).toBe(0);
    await screenshot(page, 'attest-11-person-held-assignment');
    await expectAccessible(page);
    await signOut(page);
  });

  it("as karlu1: Alla beställningar shows the order Avslutad without the orderer's feedback", async () => {
    await signInAs(page, 'karlu1', 'Karin Lund');
    await page.getByRole('menuitem', { name: 'Beställningar', exact: true }).click();
    await page.getByRole('tab', { name: 'Alla beställningar' }).click();
    const row = orderRow(orders.a.orderNumber);
    await row.waitFor();
    expect(await row.innerText()).toContain('Avslutad');
    expect(await row.innerText()).not.toContain('upplagt');
    await screenshot(page, 'attest-11-all-orders-head');
    await row.click();
    await page.waitForURL(new RegExp(`#/orders/${orders.a.id}/show$`));
    await page.getByText('Avslutad').first().waitFor();
    expect(await page.getByText(FEEDBACK).count()).toBe(0);
    await signOut(page);
  });

  it('as eriho2: Mina beställningar and the order page show the feedback, and the completion mail came', async () => {
    await signInAs(page, 'eriho2', 'Erik Holm');
    await page.getByRole('menuitem', { name: 'Beställningar', exact: true }).click();
    await page.getByRole('tab', { name: 'Mina beställningar', selected: true }).waitFor();
    const row = orderRow(orders.a.orderNumber);
    await row.waitFor();
    expect(await row.innerText()).toContain('Avslutad');
    // The Återkopplingsinfo column holds the feedback on the orderer's own row.
    const feedbackColumn = (await page.locator('thead th').allInnerTexts())
      .map((header) => header.trim())
      .indexOf('Återkopplingsinfo');
    expect(feedbackColumn).toBeGreaterThan(-1);
    expect(await row.locator('td').nth(feedbackColumn).innerText()).toBe(FEEDBACK);
    await screenshot(page, 'attest-11-my-orders-feedback');
    await expectAccessible(page);

    await row.getByText(orders.a.orderNumber).click();
    await page.waitForURL(new RegExp(`#/orders/${orders.a.id}/show$`));
    await page.getByText(`Återkopplingsinfo: ${FEEDBACK}`).waitFor();
    await page.getByText('Avslutad').first().waitFor();
    await screenshot(page, 'attest-11-order-feedback');
    await expectAccessible(page);

    const email = await emailOf('eriho2');
    expect(email).toContain('@');
    const mail = await openMail(`Beställning ${orders.a.orderNumber} är utförd`, email);
    await page.getByText(`Beställning ${orders.a.orderNumber} är utförd: behörigheten är upplagd.`).waitFor();
    await screenshot(page, 'attest-11-completed-mail');
    // The feedback stays in the portal (a mail can be forwarded); the mail links to it.
    expect(mail?.text).not.toContain(FEEDBACK);
    expect(/#\/orders\/[0-9a-f-]+\/show/.exec(mail?.text ?? '')?.[0]).toBe(`#/orders/${orders.a.id}/show`);

    // Back to the attestant for the rest of the queue.
    await signInAs(page, 'sarbe3', 'Sara Berg');
  });

  it('refuses Avslå without a comment beside the field, then rejects with one', async () => {
    await openQueueFromMenu();
    await page.getByRole('tab', { name: 'Alla (3)' }).waitFor();
    // The list shows what it had cached while it asks again: the approved order goes with the answer.
    await queueRow(orders.a.orderNumber).waitFor({ state: 'detached' });
    await queueRow(orders.b.orderNumber).getByRole('link', { name: orders.b.orderNumber }).click();
    await page
      .getByRole('heading', { name: `Attest av beställning ${orders.b.orderNumber}`, level: 1 })
      .waitFor();
    await page.getByRole('button', { name: 'Avslå', exact: true }).click();
    const comment = page.getByRole('textbox', { name: 'Kommentar vid avslag' });
    await page.getByText('Ange en kommentar vid avslag.').waitFor();
    expect(await comment.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'attest-6-reject-needs-comment');
    await expectAccessible(page);

    await comment.fill(REJECT_COMMENT);
    await signInSigningWindow('Avslå');
    const result = page.getByTestId('attest-result');
    await result.waitFor();
    expect(await result.innerText()).toBe(`Beställning ${orders.b.orderNumber}: Avslagen`);
    await page.getByRole('link', { name: 'Visa beställningen' }).click();
    await page.getByText(`Kommentar vid avslag: ${REJECT_COMMENT}`).waitFor();
    await page.getByText('Avslagen').first().waitFor();
    await screenshot(page, 'attest-7-rejected-order');
    await expectAccessible(page);
  });

  it('attests two ticked orders from the queue with one signature, and the queue empties', async () => {
    await openQueueFromMenu();
    await page.getByRole('tab', { name: 'Alla (2)' }).waitFor();
    await queueRow(orders.b.orderNumber).waitFor({ state: 'detached' });
    await page.getByRole('checkbox', { name: `Markera ${orders.c.orderNumber}` }).check();
    await page.getByRole('checkbox', { name: `Markera ${orders.d.orderNumber}` }).check();
    await page.getByText('2 markerade').waitFor();
    await screenshot(page, 'attest-8-queue-ticked');
    await expectAccessible(page);
    await signInSigningWindow('Godkänn markerade');
    await page.getByText('2 beställningar attesterades').waitFor();
    await page.getByText('Inga beställningar väntar på din attest.').waitFor();
    await page.getByRole('tab', { name: 'Alla (0)' }).waitFor();
    await screenshot(page, 'attest-9-queue-done');
    await signOut(page);
  });

  it('as eriho2: the rejection with its comment is in the mail catcher, and the order says Avslagen', async () => {
    const email = await emailOf('eriho2');
    expect(email).toContain('@');
    const mail = await openMail(`Beställning ${orders.b.orderNumber} har avslagits`, email);
    await page.getByText(REJECT_COMMENT).first().waitFor();
    await screenshot(page, 'attest-10-rejection-mail');

    // The mail's "Visa beställningen" leads to the order (PUBLIC_URL does not name this test's port).
    const link = /#\/orders\/[0-9a-f-]+\/show/.exec(mail?.text ?? '');
    expect(link?.[0]).toBe(`#/orders/${orders.b.id}/show`);
    await signInAs(page, 'eriho2', 'Erik Holm');
    await page.goto(`/${link?.[0] ?? ''}`);
    await page.getByText(`Kommentar vid avslag: ${REJECT_COMMENT}`).waitFor();
    await page.getByText('Avslagen').first().waitFor();
    expect(session.problems).toEqual([]);
  });

  it('as eriho2: an order he placed with himself as attestant is marked in the queue, on the attest page and on the order', async () => {
    const eriho2 = await signIn(session.testApp, 'eriho2');
    const res = await eriho2
      .post('/api/orders')
      .send(send('nilbo4', [STAT_SOL], stockholmToday(), { attestants: { [SOLGLANTAN]: person('eriho2') } }));
    expect(res.status).toBe(201);
    const [own] = res.body as Placed[];
    await signInAs(page, 'eriho2', 'Erik Holm');
    await openQueueFromMenu();
    const row = queueRow(own.orderNumber);
    await row.waitFor();
    await row.getByText('Du beställde själv').waitFor();
    await screenshot(page, 'attest-6-queue-own-order');
    await expectAccessible(page);
    await page.goto(`/#/attest/${own.id}`);
    await shown('Beställare').getByText('Du beställde själv').waitFor();
    await page.goto(`/#/orders/${own.id}/show`);
    await shown('Attestant').getByText('Beställaren attesterar själv').waitFor();
    await signOut(page);
  });
});
