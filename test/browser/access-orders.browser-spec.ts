import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { FulfilmentService } from '../../server/src/fulfilment/fulfilment.service.js';
import { CarryOutService } from '../../server/src/orders/carry-out.service.js';
import { OrderStateMachine } from '../../server/src/orders/order-state.js';
import { localSystemId } from '../../server/src/seed/demo-access-catalogue.js';
import { seedId } from '../../server/src/seed/seed-ids.js';
import {
  forgive,
  screenshot,
  seriousAccessibilityViolations,
  signInAs,
  startUiSession,
  type UiSession,
  waitUntil,
} from './browser.js';

/**
 * Issue 14, points 3 and 6: "Beställning av Behörigheter" as eriho2 (ORDER and ATTEST on the
 * verksamhet Identitet och behörighet in the demo seed): the start page's tile, the wizard's three
 * steps for Ksd-personal / Supportspecialist Behörighetsteamet, the receipt; the VMU wizard's
 * Kvalitetssäkring (which requires local access) refused alone and placed together with a template
 * line, two order numbers; Förändring of a held template; the tile's lists with the Typ filter; the
 * order view's template lines; the help page. Axe on every new screen.
 */

let session: UiSession;
let page: Page;

const TILE = 'Lokala och Regionala system';
const WIZARD = 'Beställning av Behörigheter';
const AREA = 'Plattformer och infrastruktur';
const OPERATION = 'Identitet och behörighet';
const TEMPLATE = 'Ksd-personal';
const PROFESSION = 'Supportspecialist Behörighetsteamet';
const SOLGLANTAN = 'Vårdcentralen Solgläntan';
const KIV = 'Behörighetsadministration KIV';
const LOGIN = 'Användarnamn: nilbo4\nFörsta lösenord: Vår-2026-kiv';
const LOCAL_ACCESS_REQUIRED =
  'Uppdraget kräver behörighet i lokala eller regionala system: lägg till en behörighetsmall i samma beställning.';

let firstOrder = '';

async function personnummerOf(userId: string): Promise<string> {
  const rows = await session.testApp.dataSource.query<{ personnummer: string }[]>(
    'SELECT personnummer FROM person WHERE user_id = $1',
    [userId],
  );
  if (!rows[0]?.personnummer) throw new Error(`${userId} has no personnummer in the demo seed`);
  return rows[0].personnummer;
}

/** A page looked at once nothing loads: its screenshot, and axe's verdict (serious and critical). */
async function lookAt(name: string): Promise<void> {
  await waitUntil(
    async () => (await page.locator('.MuiCircularProgress-root').count()) === 0,
    'loading to end',
  );
  await screenshot(page, `access-orders-${name}`);
  expect({ name, violations: await seriousAccessibilityViolations(page) }).toEqual({ name, violations: [] });
}

async function choose(label: string, option: string | RegExp): Promise<void> {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option }).click();
  await page.getByRole('listbox').waitFor({ state: 'detached' });
}

/** Step 1 (the VMU wizard's own): personnummer, search, the hit, Fortsätt. */
async function findPerson(userId: string): Promise<void> {
  await page.getByRole('heading', { name: 'Sök fram användare' }).waitFor();
  await page.getByRole('textbox', { name: 'Personnummer' }).fill(await personnummerOf(userId));
  await page.getByRole('button', { name: 'Sök', exact: true }).click();
  await page.getByRole('heading', { name: 'Sökningen gav följande träff' }).waitFor();
  await page.locator('dd', { hasText: userId }).first().waitFor();
}

async function openAccessWizard(): Promise<void> {
  await page.getByRole('menuitem', { name: 'Startsida' }).click();
  await page.locator('[data-tile="access"]').getByRole('link', { name: TILE }).click();
  await page.waitForURL(/#\/bestallning\/behorigheter/);
  await page.locator('h1', { hasText: WIZARD }).waitFor();
  // One h1: the app bar's title stops being a heading when the page has its own.
  await waitUntil(
    async () => (await page.getByRole('heading', { level: 1 }).count()) === 1,
    'one level-1 heading',
  );
}

/** Område → Verksamhet → Behörighetsmall → Yrkeskategori, as in the seed. */
async function pickKsd(profession = PROFESSION): Promise<void> {
  await choose('Område', AREA);
  await choose('Verksamhet', OPERATION);
  await choose('Behörighetsmall', new RegExp(`^${TEMPLATE}`));
  await choose('Yrkeskategori', profession);
}

async function chooseAttestant(pattern: RegExp, within = page.locator('body')): Promise<void> {
  const field = within.getByRole('combobox', { name: 'Attestant' });
  await field.click();
  await page.getByRole('option', { name: pattern }).click();
  await waitUntil(async () => pattern.test(await field.innerText()), 'the attestant to be chosen');
}

async function send(): Promise<number> {
  const placed = page.waitForResponse(
    (response) => response.url().endsWith('/api/orders') && response.request().method() === 'POST',
  );
  await page.getByRole('button', { name: 'Skicka beställning' }).click();
  return (await placed).status();
}

async function receiptNumbers(): Promise<string[]> {
  await page.getByText('Din beställning är nu skapad.').waitFor();
  const text = await page.locator('[data-order-numbers]').innerText();
  return text.match(/BEH\d{7}/g) ?? [];
}

beforeAll(async () => {
  session = await startUiSession();
  page = session.page;
  // A step that does not come fails the test soon, rather than after Playwright's 30 s.
  page.setDefaultTimeout(10000);
  // The portal's reference screen (design.md): 1366 px wide.
  await page.setViewportSize({ width: 1366, height: 768 });
});

afterAll(async () => {
  await session?.close();
});

describe('ordering access to local and regional systems', () => {
  it("shows the tile 'Lokala och Regionala system' with the seed's texts and links to eriho2", async () => {
    await signInAs(page, 'eriho2', 'Erik Holm');
    const tile = page.locator('[data-tile="access"]');
    await tile.getByRole('heading', { name: TILE }).waitFor();
    await tile
      .getByText(
        'Här beställs, förändras eller avslutas behörigheter för en användare till vårdsystem och administrativa system som används lokalt och regionalt i regionen.',
      )
      .waitFor();
    await tile.getByRole('link', { name: '› Manual för behörighetsbeställning' }).waitFor();
    await tile.getByRole('link', { name: '› Mina beställningar' }).waitFor();
    await tile.getByRole('link', { name: '› Alla beställningar' }).waitFor();
    // The seed's order: the tile comes first.
    await expect(page.locator('[data-tile]').first().getAttribute('data-tile')).resolves.toBe('access');
    await lookAt('start');
  });

  it('the manual is written for the feature and reached from the tile', async () => {
    await page
      .locator('[data-tile="access"]')
      .getByRole('link', { name: '› Manual för behörighetsbeställning' })
      .click();
    await page.getByRole('heading', { name: 'Manual för behörighetsbeställning', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Inloggningsuppgifter (Återkopplingsinfo)' }).waitFor();
    await expect(page.locator('h1').count()).resolves.toBe(1);
    await lookAt('help');
  });

  it("step 1 finds the person with the VMU wizard's search; step 2 adds Ksd-personal for the profession", async () => {
    await openAccessWizard();
    await findPerson('nilbo4');
    await lookAt('1-person');
    await page.getByRole('button', { name: 'Fortsätt' }).click();

    const heading = page.getByRole('heading', { name: 'Välj behörigheter' });
    await heading.waitFor();
    // Focus moves to the step's heading, as in the VMU wizard.
    await waitUntil(
      async () => heading.evaluate((node) => node === node.ownerDocument.activeElement),
      'focus on the heading',
    );
    await expect(page.getByRole('combobox', { name: 'Välj ett alternativ' }).innerText()).resolves.toBe(
      'Nyupplägg',
    );

    // Nästa with nothing added says so.
    await page.getByRole('button', { name: 'Nästa' }).click();
    await page.getByRole('alert').filter({ hasText: 'Lägg till minst en behörighetsmall' }).waitFor();
    // Lägg till before all four choices says which are missing.
    await choose('Område', AREA);
    await page.getByRole('button', { name: 'Lägg till', exact: true }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Välj område, verksamhet, behörighetsmall och yrkeskategori innan du lägger till.' })
      .waitFor();

    await pickKsd();
    await page
      .locator('[data-template-details]')
      .getByText(/AD-grupper VGR: .*Behörighetsadministratör/)
      .waitFor();
    await lookAt('2-picked');
    await page.getByRole('button', { name: 'Lägg till', exact: true }).click();
    const line = page.locator(`[data-access-line="${TEMPLATE}"]`);
    await line.getByText(`Behörighetsmall ${TEMPLATE} | Yrkeskategori: ${PROFESSION}`).waitFor();
    await line.getByText(`Område: ${AREA} | Verksamhet: ${OPERATION}`).waitFor();
    await lookAt('2-added');

    // Föregående and back: the line is still there.
    await page.getByRole('button', { name: 'Föregående' }).click();
    await page.getByRole('heading', { name: 'Sök fram användare' }).waitFor();
    await page.getByRole('button', { name: 'Fortsätt' }).click();
    await line.waitFor();
    await page.getByRole('button', { name: 'Nästa' }).click();
  });

  it('step 3 sums up per verksamhet with its attestant, and the send gives the receipt', async () => {
    const heading = page.getByRole('heading', { name: 'Granska beställning' });
    await heading.waitFor();
    await waitUntil(
      async () => heading.evaluate((node) => node === node.ownerDocument.activeElement),
      'focus on the heading',
    );
    const group = page.getByRole('region', { name: OPERATION });
    await group.getByText(`Behörighetsmall ${TEMPLATE} | Yrkeskategori: ${PROFESSION}`).waitFor();
    await group.getByText(`Område: ${AREA} | Verksamhet: ${OPERATION}`).waitFor();
    await group.getByRole('button', { name: 'Ta bort' }).waitFor();
    await page.getByRole('checkbox', { name: 'Akut' }).waitFor();
    await page.getByRole('textbox', { name: 'Startdatum' }).waitFor();

    // Without an attestant the send is stopped before it leaves.
    await page.getByRole('button', { name: 'Skicka beställning' }).click();
    await page.getByRole('alert').filter({ hasText: 'Välj attestant för varje verksamhet' }).waitFor();
    await chooseAttestant(/\(sarbe3\)/, group);
    await page.getByRole('textbox', { name: 'Kommentar' }).fill('Ny i behörighetsteamet.');
    await lookAt('3-review');

    expect(await send()).toBe(201);
    const numbers = await receiptNumbers();
    expect(numbers).toHaveLength(1);
    firstOrder = numbers[0];
    await page.getByRole('link', { name: 'Tidigare beställningar' }).waitFor();
    await page.getByRole('button', { name: 'Ny beställning' }).waitFor();
    await page.getByRole('button', { name: 'Logga ut' }).waitFor();
    await lookAt('4-receipt');
    const rows = await session.testApp.dataSource.query<{ kind: string; type: string; comment: string }[]>(
      'SELECT kind, type, comment FROM vmu_order WHERE order_number = $1',
      [firstOrder],
    );
    expect(rows).toEqual([{ kind: 'ACCESS', type: 'GRANT', comment: 'Ny i behörighetsteamet.' }]);
  });

  it('the template now pending cannot be chosen again for the same person, with the reason', async () => {
    await page.getByRole('button', { name: 'Ny beställning' }).click();
    await findPerson('nilbo4');
    await page.getByRole('button', { name: 'Fortsätt' }).click();
    await choose('Område', AREA);
    await choose('Verksamhet', OPERATION);
    await page.getByRole('combobox', { name: 'Behörighetsmall' }).click();
    const option = page.getByRole('option', { name: new RegExp(`^${TEMPLATE}`) });
    await expect(option.getAttribute('aria-disabled')).resolves.toBe('true');
    await page.keyboard.press('Escape');
    await page.getByRole('listbox').waitFor({ state: 'detached' });
  });

  it('the VMU wizard: Kvalitetssäkring alone is refused; with Ksd-personal added both are placed, two numbers', async () => {
    await page.getByRole('menuitem', { name: 'Startsida' }).click();
    await page.getByRole('link', { name: 'Vårdmedarbetaruppdrag (VMU) – en användare' }).click();
    await page.waitForURL(/#\/bestallning\/vmu/);
    await findPerson('linma5');
    await page.getByRole('button', { name: 'Fortsätt' }).click();
    const unit = page.locator(`[data-unit="${SOLGLANTAN}"]`);
    if ((await unit.getAttribute('aria-expanded')) !== 'true') await unit.click();
    await page.getByRole('checkbox', { name: 'Kvalitetssäkring' }).check();
    await page.getByRole('button', { name: 'Nästa' }).click();
    await page.getByRole('heading', { name: 'Granska beställning' }).waitFor();
    const vmuUnit = page.getByRole('region', { name: SOLGLANTAN });
    await chooseAttestant(/\(sarbe3\)/, vmuUnit);

    // The flag: the review step offers a template at once, and the server refuses the send
    // without one, naming the line.
    const section = page.locator('[data-vmu-access-section]');
    await section
      .getByText(
        'Uppdraget Kvalitetssäkring (Vårdcentralen Solgläntan) kräver att användaren även får behörighet i lokala eller regionala system.',
        { exact: false },
      )
      .waitFor();
    await section.getByRole('heading', { name: 'Lägg till behörighetsmall' }).waitFor();
    await lookAt('vmu-offered');
    expect(await send()).toBe(422);
    forgive(session, /status of 422/);
    await vmuUnit.locator('[data-line="Kvalitetssäkring"]').getByText(LOCAL_ACCESS_REQUIRED).waitFor();
    await section.waitFor();
    await lookAt('vmu-refused');

    await pickKsd();
    await section.getByRole('button', { name: 'Lägg till', exact: true }).click();
    const operation = section.getByRole('region', { name: OPERATION });
    await operation.getByText(`Behörighetsmall ${TEMPLATE} | Yrkeskategori: ${PROFESSION}`).waitFor();
    await chooseAttestant(/\(sarbe3\)/, operation);
    await lookAt('vmu-with-template');

    expect(await send()).toBe(201);
    const numbers = await receiptNumbers();
    expect(numbers).toHaveLength(2);
    await page
      .getByText(new RegExp(`${numbers[0]} \\(${SOLGLANTAN}\\), ${numbers[1]} \\(${OPERATION}\\)`))
      .waitFor();
    await lookAt('vmu-receipt');
    const kinds = await session.testApp.dataSource.query<{ order_number: string; kind: string }[]>(
      'SELECT order_number, kind FROM vmu_order WHERE order_number = ANY($1) ORDER BY order_number',
      [numbers],
    );
    expect(kinds.map((row) => row.kind)).toEqual(['VMU', 'ACCESS']);
  });

  it('Förändring of a held template: the held pair, then the new profession', async () => {
    // sarbe3 holds Ksd-personal as Supportspecialist (as a carried-out order would have left it).
    await session.testApp.dataSource.query(
      `INSERT INTO access_holding (person_id, template_id, profession_id, held_from)
       SELECT p.id, t.id, pr.id, DATE '2026-01-01' FROM person p, access_template t, profession pr
        WHERE p.user_id = 'sarbe3' AND t.name = $1 AND pr.name = $2`,
      [TEMPLATE, PROFESSION],
    );
    await openAccessWizard();
    await findPerson('sarbe3');
    await page.getByRole('button', { name: 'Fortsätt' }).click();
    await choose('Välj ett alternativ', 'Förändring');
    await choose(
      'Behörighetsmall som ska förändras',
      new RegExp(`${TEMPLATE} \\| Yrkeskategori: ${PROFESSION}`),
    );
    await pickKsd('Systemförvaltare');
    await page.getByRole('button', { name: 'Lägg till', exact: true }).click();
    const line = page.locator(`[data-access-line="${TEMPLATE}"]`);
    await line.getByText(`Behörighetsmall ${TEMPLATE} | Yrkeskategori: Systemförvaltare`).waitFor();
    await line.getByText(`Ersätter: Behörighetsmall ${TEMPLATE} | Yrkeskategori: ${PROFESSION}`).waitFor();
    await lookAt('change-2');
    await page.getByRole('button', { name: 'Nästa' }).click();
    await page.getByRole('heading', { name: 'Granska beställning' }).waitFor();
    await chooseAttestant(/\(eriho2\)/);
    expect(await send()).toBe(201);
    expect(await receiptNumbers()).toHaveLength(1);
  });

  it("the tile's Mina beställningar lists access orders only, with a Typ filter", async () => {
    await page.getByRole('menuitem', { name: 'Startsida' }).click();
    await page.locator('[data-tile="access"]').getByRole('link', { name: '› Mina beställningar' }).click();
    await page
      .locator('#react-admin-title', { hasText: 'Mina tidigare beställningar – Lokala och regionala system' })
      .waitFor();
    await page.locator('tbody tr').filter({ hasText: firstOrder }).waitFor();
    // Three access orders were placed; the VMU order of the combined send is not among them.
    await waitUntil(async () => (await page.locator('tbody tr').count()) === 3, 'three access orders');
    await page.locator('tbody tr').filter({ hasText: 'Förändring' }).waitFor();
    await lookAt('list-mine');

    await page.getByRole('button', { name: 'Sökalternativ' }).click();
    await choose('Typ', 'Förändring');
    await waitUntil(async () => (await page.locator('tbody tr').count()) === 1, 'only the Förändring');
    await expect(page.locator('tbody tr').innerText()).resolves.toContain('Sara Berg (sarbe3)');
    await choose('Typ', 'Nyupplägg');
    await waitUntil(async () => (await page.locator('tbody tr').count()) === 2, 'the two Nyupplägg');
    await lookAt('list-type-filter');

    await page.locator('tbody tr').filter({ hasText: firstOrder }).click();
    await page.locator('#react-admin-title', { hasText: firstOrder }).waitFor();
    const item = page.locator(`[data-access-item="${TEMPLATE}"]`);
    await item.getByText(`Behörighetsmall ${TEMPLATE}`).waitFor();
    await item.getByText(`Yrkeskategori ${PROFESSION}`).waitFor();
    await item.getByText('Väntande').waitFor();
    const shown = (label: string) =>
      page
        .locator('dl > div', { has: page.locator('dt', { hasText: label }) })
        .first()
        .locator('dd');
    await expect(shown('Verksamhet').innerText()).resolves.toBe(OPERATION);
    await expect(shown('Område').innerText()).resolves.toBe(AREA);
    await lookAt('order-show');

    // Byt attestant offers the others who may attest for the verksamhet (its head karlu1).
    await page.getByRole('button', { name: 'Byt attestant' }).click();
    const dialog = page.getByRole('dialog', { name: 'Byt attestant' });
    await dialog.getByRole('combobox', { name: 'Ny attestant' }).click();
    await page.getByRole('option', { name: /Lund Karin \(karlu1\)/ }).waitFor();
    await expect(page.getByRole('option', { name: /\(sarbe3\)/ }).count()).resolves.toBe(0);
    await page.keyboard.press('Escape');
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    await dialog.getByRole('button', { name: 'Avbryt' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it("the tile's Alla beställningar opens on the access orders too", async () => {
    await page.getByRole('menuitem', { name: 'Startsida' }).click();
    await page.locator('[data-tile="access"]').getByRole('link', { name: '› Alla beställningar' }).click();
    await page
      .locator('#react-admin-title', { hasText: 'Alla beställningar – Lokala och regionala system' })
      .waitFor();
    await page.locator('tbody tr').filter({ hasText: firstOrder }).waitFor();
    await lookAt('list-all');
    expect(session.problems).toEqual([]);
  });

  it('Avslut for someone whose engagement ended: the held templates are ticked, the date is when they end', async () => {
    await session.testApp.dataSource.query(
      `INSERT INTO access_holding (person_id, template_id, profession_id, held_from)
       SELECT p.id, t.id, pr.id, DATE '2025-06-01' FROM person p, access_template t, profession pr
        WHERE p.user_id = 'majoh6' AND t.name = $1 AND pr.name = 'Systemförvaltare'`,
      [TEMPLATE],
    );
    await openAccessWizard();
    await findPerson('majoh6');
    await page.getByRole('button', { name: 'Fortsätt' }).click();
    // Her engagement has ended: only Avslut can be chosen.
    await expect(page.getByRole('combobox', { name: 'Välj ett alternativ' }).innerText()).resolves.toBe(
      'Avslut',
    );
    await page
      .getByText('Nyupplägg och förändring kräver att användaren har ett aktivt engagemang i KIV.')
      .waitFor();
    await page
      .getByRole('checkbox', {
        name: `Behörighetsmall ${TEMPLATE} | Yrkeskategori: Systemförvaltare`,
        exact: false,
      })
      .check();
    await lookAt('revoke-2');
    await page.getByRole('button', { name: 'Nästa' }).click();
    await page.getByRole('heading', { name: 'Granska beställning' }).waitFor();
    await page
      .getByRole('region', { name: OPERATION })
      .getByText(`Behörighetsmall ${TEMPLATE} | Yrkeskategori: Systemförvaltare`)
      .waitFor();
    await page.getByRole('textbox', { name: 'Slutdatum (då behörigheten upphör)' }).waitFor();
    await chooseAttestant(/\(sarbe3\)/);
    expect(await send()).toBe(201);
    const [number] = await receiptNumbers();
    const rows = await session.testApp.dataSource.query<{ type: string }[]>(
      'SELECT type FROM vmu_order WHERE order_number = $1',
      [number],
    );
    expect(rows).toEqual([{ type: 'REVOKE' }]);
  });

  it("the order view shows each system's part; the orderer reads the login details twice, then no more", async () => {
    const { dataSource, app } = session.testApp;
    const [{ id: orderId }] = await dataSource.query<{ id: string }[]>(
      'SELECT id FROM vmu_order WHERE order_number = $1',
      [firstOrder],
    );
    // Attested and handed over as approval does; karlu1, KIV's administrator, marks his part done.
    await dataSource.transaction(async (m) => {
      await app.get(OrderStateMachine).apply(m, orderId, {
        action: 'ORDER_APPROVED',
        actorId: seedId('person:sarbe3'),
        to: 'APPROVED',
      });
      await app.get(CarryOutService).carryOutIfDue(m, orderId);
    });
    const [part] = await dataSource.query<{ id: string }[]>(
      'SELECT id FROM access_part WHERE order_id = $1 AND system_id = $2',
      [orderId, localSystemId(KIV)],
    );
    await dataSource.transaction((m) =>
      app.get(FulfilmentService).settle(m, part.id, {
        status: 'DONE',
        feedback: LOGIN,
        actorId: seedId('person:karlu1'),
      }),
    );

    await page.goto(`/#/orders/${orderId}/show`);
    await page.locator('#react-admin-title', { hasText: firstOrder }).waitFor();
    const kiv = page.locator(`[data-part="${KIV}"]`);
    await kiv.getByText('Utförd').waitFor();
    await page.locator('[data-part="AD-grupper VGR"]').getByText('Väntande').waitFor();
    await page.locator('[data-part="AD-grupper VGR"]').getByText('Automatiskt (SCIM)').waitFor();
    await kiv.getByText('Kan visas 2 gånger').waitFor();
    await lookAt('order-parts');

    await kiv.getByRole('button', { name: `Visa inloggningsuppgifter för ${KIV}` }).click();
    const dialog = page.getByRole('dialog', { name: `Inloggningsuppgifter – ${KIV}` });
    await dialog.getByText('kan bara visas två gånger').waitFor();
    await dialog.getByRole('button', { name: 'Visa inloggningsuppgifter' }).click();
    await expect(dialog.locator('[data-feedback-text]').innerText()).resolves.toBe(LOGIN);
    await dialog.getByText('Inloggningsuppgifterna kan visas en gång till.').waitFor();
    await lookAt('feedback-first');
    await dialog.getByRole('button', { name: 'Stäng' }).click();
    await kiv.getByText('Kan visas en gång till').waitFor();

    await kiv.getByRole('button', { name: `Visa inloggningsuppgifter för ${KIV}` }).click();
    await dialog.getByText('sista gången').waitFor();
    await dialog.getByRole('button', { name: 'Visa inloggningsuppgifter' }).click();
    await expect(dialog.locator('[data-feedback-text]').innerText()).resolves.toBe(LOGIN);
    await dialog.getByText('har nu visats två gånger och kan inte visas igen').waitFor();
    await dialog.getByRole('button', { name: 'Stäng' }).click();
    await kiv.getByText('Har visats två gånger').waitFor();
    expect(await kiv.getByRole('button', { name: /Visa inloggningsuppgifter/ }).count()).toBe(0);
    // The server agrees: a third reading is gone (410).
    const third = await page.request.post(`/api/fulfilment/parts/${part.id}/feedback`, {
      headers: {
        'X-CSRF-Token': ((await (await page.request.get('/api/auth/csrf')).json()) as { token: string })
          .token,
      },
    });
    expect(third.status()).toBe(410);
    expect(session.problems).toEqual([]);
  });
});
