import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { withoutLocalAccessFlags } from '../e2e/orders-support.js';
import type { Page } from 'playwright-core';
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

let session: UiSession;
let page: Page;

const VMU_SINGLE = 'Vårdmedarbetaruppdrag (VMU) – en användare';
const WIZARD = 'Beställning av Vårdmedarbetaruppdrag';
const SOLGLANTAN = 'Vårdcentralen Solgläntan';

/** The order number the receipt gave, for the later steps. */
let orderNumber = '';

/** Stockholm's calendar date, as the wizard's default Startdatum. */
const stockholmToday = (): string =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());

/** A demo persona's personnummer, read from the directory as an orderer would have it on paper. */
async function personnummerOf(userId: string): Promise<string> {
  const rows = await session.testApp.dataSource.query<{ personnummer: string }[]>(
    'SELECT personnummer FROM person WHERE user_id = $1',
    [userId],
  );
  if (!rows[0]?.personnummer) throw new Error(`${userId} has no personnummer in the demo seed`);
  return rows[0].personnummer;
}

/** The same number with its check digit changed: what a typing slip looks like. */
const withWrongCheckDigit = (personnummer: string): string =>
  personnummer.slice(0, -1) + String((Number(personnummer.slice(-1)) + 1) % 10);

/** From the start page through the VMU tile's title to step 1 of the wizard. */
async function openWizard(): Promise<void> {
  await page.getByRole('menuitem', { name: 'Startsida' }).click();
  await page.getByRole('link', { name: VMU_SINGLE }).click();
  await page.waitForURL(/#\/bestallning\/vmu$/);
  await page.getByRole('heading', { name: WIZARD, level: 1 }).waitFor();
  await page.getByRole('heading', { name: 'Sök fram användare' }).waitFor();
}

/** Step 1: personnummer in, search, and wait for the hit with this VGR-ID. */
async function lookUp(personnummer: string, userId: string): Promise<void> {
  const field = page.getByRole('textbox', { name: 'Personnummer' });
  await field.fill(personnummer);
  await page.getByRole('button', { name: 'Sök', exact: true }).click();
  await page.getByRole('heading', { name: 'Sökningen gav följande träff' }).waitFor();
  await page.locator('dd', { hasText: userId }).first().waitFor();
}

/** The value a label/value pair shows (the wizard's and order page's description lists). */
const shown = (label: string) =>
  page
    .locator('dl > div', { has: page.locator('dt', { hasText: label }) })
    .first()
    .locator('dd');

/** Opens the unit in the tree with its plus sign, unless it is open already. */
async function openUnit(name: string): Promise<void> {
  const unit = page.locator(`[data-unit="${name}"]`);
  if ((await unit.getAttribute('aria-expanded')) !== 'true') await unit.click();
  await page.getByRole('group', { name: 'Generella uppdrag' }).waitFor();
}

beforeAll(async () => {
  session = await startUiSession();
  page = session.page;
  // Not about rule 12: Kvalitetssäkring is ordered here as an ordinary assignment (it is flagged in the demo).
  await withoutLocalAccessFlags(session.testApp);
});

afterAll(async () => {
  await session?.close();
});

describe('ordering VMU for one user', () => {
  it('as eriho2: step 1 shows the API message for a wrong check digit, then finds nilbo4', async () => {
    await signInAs(page, 'eriho2', 'Erik Holm');
    await page
      .locator('[data-tile="vmuSingle"]')
      .getByRole('link', { name: '› Mina beställningar' })
      .waitFor();
    await openWizard();
    await page.getByText('Enligt formatet ÅÅÅÅMMDDNNNN').waitFor();
    await screenshot(page, 'wizard-1-search');

    const personnummer = await personnummerOf('nilbo4');
    const wrong = withWrongCheckDigit(personnummer);
    const refusal = await page.request.get(`/api/persons/lookup?personnummer=${wrong}`);
    expect(refusal.status()).toBe(400);
    const { detail } = (await refusal.json()) as { detail: string };
    await page.getByRole('textbox', { name: 'Personnummer' }).fill(wrong);
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    // Beside the field, as its helper text: the server's own Swedish words.
    await page.locator('.MuiFormHelperText-root.Mui-error', { hasText: detail }).waitFor();
    await screenshot(page, 'wizard-1-invalid');
    forgive(session, /persons\/lookup.* → 400|status of 400 \(Bad Request\)/);

    // A valid number nobody in the directory has (Skatteverket's test number).
    await page.getByRole('textbox', { name: 'Personnummer' }).fill('191212121212');
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.getByText('Ingen person hittades').waitFor();
    forgive(session, /persons\/lookup.* → 404|status of 404 \(Not Found\)/);

    await lookUp(personnummer, 'nilbo4');
    await expect(shown('Förnamn').innerText()).resolves.toBe('Nils');
    await expect(shown('Efternamn').innerText()).resolves.toBe('Boström');
    await expect(shown('HSA-id').innerText()).resolves.toBe('SE2321000131-P000000000104');
    await expect(shown('Ansvarsnummer').innerText()).resolves.not.toBe('–');
    await page.getByRole('cell', { name: SOLGLANTAN }).waitFor();
    await screenshot(page, 'wizard-1-hit');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    // Each search of step 1 that reached the directory is in the lookup log as the wizard's, masked.
    const logged = await session.testApp.dataSource.query<{ looked_up: string; found: boolean }[]>(
      `SELECT l.looked_up, l.person_id IS NOT NULL AS found FROM person_access_log l
         JOIN person a ON a.id = l.actor_id
        WHERE a.user_id = 'eriho2' AND l.purpose = 'wizard' ORDER BY l.id`,
    );
    expect(logged).toEqual([
      { looked_up: '1912xxxx-xxxx', found: false },
      { looked_up: `${personnummer.slice(0, 4)}xxxx-xxxx`, found: true },
    ]);
    await page.getByRole('button', { name: 'Fortsätt' }).click();
  });

  it('step 2 offers Nyupplägg, the unit tree and the systems guide; VoB SJF at Solgläntan is ticked', async () => {
    await page.getByRole('heading', { name: 'Välj vårdmedarbetaruppdrag' }).waitFor();
    await expect(page.getByRole('combobox', { name: 'Välj ett alternativ' }).innerText()).resolves.toBe(
      'Nyupplägg',
    );
    await expect(shown('VGR-ID').innerText()).resolves.toBe('nilbo4');
    await expect(shown('Namn').innerText()).resolves.toBe('Nils Boström');
    await openUnit(SOLGLANTAN);
    await page.getByRole('group', { name: 'Särskilda uppdrag' }).waitFor();
    // Nils works for the region, not a private care provider.
    await expect(page.getByRole('checkbox', { name: 'Administration Spärr & Logg' }).count()).resolves.toBe(
      0,
    );
    await page.getByText('Administration Spärr & Logg enbart ska beställas', { exact: false }).waitFor();

    // Nothing ticked: Nästa says so instead of going on.
    await page.getByRole('button', { name: 'Nästa' }).click();
    await page.getByRole('alert').filter({ hasText: 'Markera minst ett uppdrag' }).waitFor();

    await page.getByRole('checkbox', { name: 'VoB SJF' }).check();
    await page.getByRole('button', { name: 'Vilket uppdrag behöver jag?' }).click();
    await page.getByRole('cell', { name: 'Pascal', exact: true }).waitFor();
    await page.getByText('VoB = vård och behandling, SJF = sammanhållen journalföring').waitFor();
    await screenshot(page, 'wizard-2-assignments');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Nästa' }).click();
  });

  it('step 3 sums up per care unit; Föregående keeps the choices; sends with sarbe3 as attestant', async () => {
    await page.getByRole('heading', { name: 'Granska beställning' }).waitFor();
    const unit = page.getByRole('region', { name: SOLGLANTAN });
    await unit.locator('[data-line="VoB SJF"]').waitFor();
    await expect(page.getByRole('textbox', { name: 'Startdatum' }).inputValue()).resolves.toBe(
      stockholmToday(),
    );
    await page.getByRole('combobox', { name: 'Attestant' }).click();
    await page.getByRole('option', { name: /Berg Sara \(sarbe3\)/ }).click();
    await waitUntil(
      async () => (await page.getByRole('combobox', { name: 'Attestant' }).innerText()).includes('sarbe3'),
      'the attestant to read sarbe3',
    );

    // Back and forth: the ticked box and the chosen attestant are still there.
    await page.getByRole('button', { name: 'Föregående' }).click();
    await page.getByRole('heading', { name: 'Välj vårdmedarbetaruppdrag' }).waitFor();
    await expect(page.getByRole('checkbox', { name: 'VoB SJF' }).isChecked()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Nästa' }).click();
    await page.getByRole('heading', { name: 'Granska beställning' }).waitFor();
    await waitUntil(
      async () => (await page.getByRole('combobox', { name: 'Attestant' }).innerText()).includes('sarbe3'),
      'the attestant to still read sarbe3',
    );
    await page.getByRole('textbox', { name: 'Kommentar' }).fill('Ny sjuksköterska, behöver Pascal.');
    await screenshot(page, 'wizard-3-review');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const placed = page.waitForResponse(
      (response) => response.url().endsWith('/api/orders') && response.request().method() === 'POST',
    );
    await page.getByRole('button', { name: 'Skicka beställning' }).click();
    expect((await placed).status()).toBe(201);
    await page.getByText('Din beställning är nu skapad.').waitFor();
    const receipt = await page.getByRole('status').filter({ hasText: 'Ditt ordernummer är' }).innerText();
    orderNumber = /BEH\d{7}/.exec(receipt)?.[0] ?? '';
    expect(orderNumber).toMatch(/^BEH\d{7}$/);
    await page.getByRole('button', { name: 'Ny beställning' }).waitFor();
    await screenshot(page, 'wizard-4-receipt');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('Ny beställning: the pending VoB SJF for nilbo4 is shown but cannot be ticked, with the reason', async () => {
    await page.getByRole('button', { name: 'Ny beställning' }).click();
    await page.getByRole('heading', { name: 'Sök fram användare' }).waitFor();
    await expect(page.getByRole('textbox', { name: 'Personnummer' }).inputValue()).resolves.toBe('');
    await lookUp(await personnummerOf('nilbo4'), 'nilbo4');
    await page.getByRole('button', { name: 'Fortsätt' }).click();
    await openUnit(SOLGLANTAN);
    const pending = page.getByRole('checkbox', { name: 'VoB SJF' });
    await expect(pending.isDisabled()).resolves.toBe(true);
    const reason = await page.locator('[data-assignment="VoB SJF"]').innerText();
    expect(reason).toMatch(/beställ|väntar|pågå/i);
    await screenshot(page, 'wizard-2-already-pending');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('finds the order under Mina beställningar from the start page tile and opens it', async () => {
    await page.getByRole('menuitem', { name: 'Startsida' }).click();
    await page.locator('[data-tile="vmuSingle"]').getByRole('link', { name: '› Mina beställningar' }).click();
    await page.locator('#react-admin-title', { hasText: 'Mina tidigare beställningar' }).waitFor();
    const row = page.locator('tbody tr').filter({ hasText: orderNumber });
    await row.waitFor();
    await expect(row.innerText()).resolves.toMatch(
      new RegExp(
        `\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\s+${orderNumber}\\s+Erik Holm \\(eriho2\\)\\s+Nils Boström \\(nilbo4\\)\\s+Väntar på attest\\s+Nyupplägg`,
      ),
    );
    await page.getByText(/^Totalt \d+ st\. Sida 1 av \d+\.$/).waitFor();
    // Newest first.
    await expect(page.locator('tbody tr').first().innerText()).resolves.toContain(orderNumber);
    await page.getByRole('button', { name: 'Sökalternativ' }).click();
    await page.getByRole('textbox', { name: 'Slutanvändare' }).waitFor();
    await screenshot(page, 'orders-mine');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await row.click();
    await page.locator('#react-admin-title', { hasText: orderNumber }).waitFor();
    await expect(shown('Slutanvändare').innerText()).resolves.toBe('Nils Boström (nilbo4)');
    await expect(shown('Status').innerText()).resolves.toBe('Väntar på attest');
    await expect(shown('Typ').innerText()).resolves.toBe('Nyupplägg');
    await expect(shown('Attestant').innerText()).resolves.toBe('Sara Berg (sarbe3)');
    await expect(shown('Område').innerText()).resolves.toBe(SOLGLANTAN);
    await expect(shown('Startdatum').innerText()).resolves.toBe(stockholmToday());
    await page.getByRole('table', { name: 'Beställda behörigheter' }).waitFor();
    await expect(shown('Kommentar').innerText()).resolves.toBe('Ny sjuksköterska, behöver Pascal.');
    const item = page.getByRole('table', { name: 'Beställda behörigheter' }).locator('tbody tr');
    await expect(item.innerText()).resolves.toMatch(
      /VoB SJF – Vårdcentralen Solgläntan\s+Vård och behandling\s+Väntande/,
    );
    await page.getByRole('table', { name: 'Händelser' }).getByText('Beställd').waitFor();
    await screenshot(page, 'order-show');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('changes the attestant to karlu1, then cancels the order (Makulera)', async () => {
    await page.getByRole('button', { name: 'Byt attestant' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Nuvarande attestant: Sara Berg (sarbe3)').waitFor();
    await dialog.getByRole('combobox', { name: 'Ny attestant' }).click();
    await expect(page.getByRole('option', { name: /sarbe3/ }).count()).resolves.toBe(0);
    await page.getByRole('option', { name: /Lund Karin \(karlu1\)/ }).click();
    await screenshot(page, 'order-change-attestant');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await page.getByText('Attestanten är bytt', { exact: false }).waitFor();
    await waitUntil(
      async () => (await shown('Attestant').innerText()) === 'Karin Lund (karlu1)',
      'the attestant to read Karin Lund',
    );
    await page.getByRole('table', { name: 'Händelser' }).getByText('Attestant bytt').waitFor();

    await page.getByRole('button', { name: 'Makulera' }).click();
    await page.getByRole('dialog').getByText('Makulera beställningen?').waitFor();
    await screenshot(page, 'order-cancel-confirm');
    await page.getByRole('dialog').getByRole('button', { name: 'Makulera' }).click();
    await page.getByText('Beställningen är makulerad').waitFor();
    await waitUntil(async () => (await shown('Status').innerText()) === 'Makulerad', 'the status Makulerad');
    await expect(page.getByRole('button', { name: 'Byt attestant' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Makulera' }).count()).resolves.toBe(0);
    await screenshot(page, 'order-cancelled');
  });

  it('as eriho2 for majoh6, whose engagement has ended, offers only Avslut', async () => {
    await openWizard();
    await lookUp(await personnummerOf('majoh6'), 'majoh6');
    await page.getByRole('cell', { name: 'Upphört' }).first().waitFor();
    await page.getByRole('button', { name: 'Fortsätt' }).click();
    await page.getByRole('heading', { name: 'Välj vårdmedarbetaruppdrag' }).waitFor();
    const choice = page.getByRole('combobox', { name: 'Välj ett alternativ' });
    await expect(choice.innerText()).resolves.toBe('Avslut');
    await page
      .getByText(
        'Finns valet nyupplägg inte att välja beror detta på att användaren inte har ett aktivt engagemang i KIV.',
        {
          exact: false,
        },
      )
      .waitFor();
    await openUnit(SOLGLANTAN);
    // What she holds, to be ended.
    await page.getByRole('checkbox', { name: 'VoB SJF' }).waitFor();
    await choice.click();
    await expect(page.getByRole('option', { name: 'Nyupplägg' }).getAttribute('aria-disabled')).resolves.toBe(
      'true',
    );
    await screenshot(page, 'wizard-2-majoh6-choice');
    await page.keyboard.press('Escape');
    await page.getByRole('listbox').waitFor({ state: 'hidden' });
    await page.getByRole('checkbox', { name: 'VoB SJF' }).check();
    await screenshot(page, 'wizard-2-majoh6-only-avslut');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Avslut: the date is when the access ends.
    await page.getByRole('button', { name: 'Nästa' }).click();
    await page.getByRole('heading', { name: 'Granska beställning' }).waitFor();
    await expect(shown('Beställningstyp').innerText()).resolves.toBe('Avslut');
    await page.getByRole('textbox', { name: 'Slutdatum (då behörigheten upphör)' }).waitFor();
    await page.getByRole('combobox', { name: 'Attestant' }).click();
    await page.getByRole('option', { name: /Berg Sara \(sarbe3\)/ }).click();
    await screenshot(page, 'wizard-3-majoh6-avslut');
    await page.getByRole('button', { name: 'Skicka beställning' }).click();
    await page.getByText('Din beställning är nu skapad.').waitFor();
    await page.getByRole('link', { name: 'Tidigare beställningar' }).click();
    await page
      .locator('tbody tr')
      .filter({ hasText: 'Maja Johansson (majoh6)' })
      .filter({ hasText: 'Avslut' })
      .waitFor();
    await signOut(page);
  });

  it("shows the server's refusal on its line when another send took the assignment meanwhile", async () => {
    await signInAs(page, 'eriho2', 'Erik Holm');
    await openWizard();
    const personnummer = await personnummerOf('nilbo4');
    await lookUp(personnummer, 'nilbo4');
    await page.getByRole('button', { name: 'Fortsätt' }).click();
    await openUnit(SOLGLANTAN);
    await page.getByRole('checkbox', { name: 'Kvalitetssäkring' }).check();
    await page.getByRole('button', { name: 'Nästa' }).click();
    await page.getByRole('combobox', { name: 'Attestant' }).click();
    await page.getByRole('option', { name: /Berg Sara \(sarbe3\)/ }).click();

    // Meanwhile, in another tab, the same assignment is ordered for him.
    const api = page.request;
    const { token } = (await (await api.get('/api/auth/csrf')).json()) as { token: string };
    const nils = (await (await api.get(`/api/persons/lookup?personnummer=${personnummer}`)).json()) as {
      id: string;
    };
    const orderable = (await (
      await api.get(`/api/orderable-assignments?endUserId=${nils.id}&type=GRANT`)
    ).json()) as { units: { careUnitId: string; assignments: { id: string; name: string }[] }[] };
    const unit = orderable.units[0];
    const assignment = unit.assignments.find((candidate) => candidate.name === 'Kvalitetssäkring');
    const attestants = (await (await api.get(`/api/attestants?careUnitId=${unit.careUnitId}`)).json()) as {
      id: string;
      userId: string;
    }[];
    const sara = attestants.find((attestant) => attestant.userId === 'sarbe3');
    const elsewhere = await api.post('/api/orders', {
      headers: { 'X-CSRF-Token': token },
      data: {
        type: 'GRANT',
        endUserId: nils.id,
        items: [{ assignmentId: assignment?.id }],
        attestants: { [unit.careUnitId]: sara?.id },
        startDate: stockholmToday(),
        urgent: false,
        comment: '',
      },
    });
    expect(elsewhere.status()).toBe(201);

    const refused = page.waitForResponse(
      (response) => response.url().endsWith('/api/orders') && response.request().method() === 'POST',
    );
    await page.getByRole('button', { name: 'Skicka beställning' }).click();
    const answer = await refused;
    expect([409, 422]).toContain(answer.status());
    const { violations } = (await answer.json()) as { violations: { line: number; message: string }[] };
    expect(violations[0].line).toBe(0);
    const line = page.locator('[data-line="Kvalitetssäkring"]');
    await line.getByRole('alert').filter({ hasText: violations[0].message }).waitFor();
    await screenshot(page, 'wizard-3-refused');
    forgive(session, /status of (409|422)/);

    await line.getByRole('button', { name: 'Ta bort Kvalitetssäkring' }).click();
    await page.getByText('Det finns inga uppdrag kvar i beställningen.', { exact: false }).waitFor();
    await expect(page.getByRole('button', { name: 'Skicka beställning' }).isDisabled()).resolves.toBe(true);
    await signOut(page);
  });

  it('shows the administrator the outbox with the attestant mails and a whole audit chain', async () => {
    await signInAs(page, 'admin1', 'Alva Adminsson');
    await page.getByRole('menuitem', { name: 'Utgående e-post' }).click();
    const mail = page.locator('tbody tr').filter({ hasText: orderNumber }).first();
    await mail.waitFor();
    await screenshot(page, 'admin-outbox');
    await mail.click();
    await page.getByRole('heading', { name: 'Meddelande' }).waitFor();
    await page.locator('pre', { hasText: orderNumber }).waitFor();
    await screenshot(page, 'admin-outbox-mail');

    await page.getByRole('menuitem', { name: 'Händelselogg' }).click();
    await page.locator('tbody tr').filter({ hasText: 'Beställning lagd' }).first().waitFor();
    await page.getByRole('button', { name: 'Verifiera kedjan' }).click();
    await page
      .getByRole('dialog')
      .getByText(/^Kedjan är hel/)
      .waitFor();
    await screenshot(page, 'admin-audit-verified');
    await page.getByRole('dialog').getByRole('button', { name: 'Stäng' }).click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // In English too (a missing text would show in the console as a missing translation).
    await page.getByRole('button', { name: 'Svenska' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('columnheader', { name: 'Event' }).waitFor();
    await page.getByRole('menuitem', { name: 'Orders' }).click();
    await page.getByRole('tab', { name: 'All orders' }).click();
    await page.locator('tbody tr').filter({ hasText: orderNumber }).getByText('Cancelled').waitFor();
    await page.getByText(/^Total \d+\. Page 1 of \d+\.$/).waitFor();
    await screenshot(page, 'admin-orders-all-en');
    await page.goto('/#/bestallning/vmu');
    await page.getByRole('heading', { name: 'Order of care staff assignments', level: 1 }).waitFor();
    await page.getByText('As YYYYMMDDNNNN').waitFor();
    await screenshot(page, 'wizard-1-en');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: 'Svenska' }).click();
    await page.getByRole('heading', { name: WIZARD, level: 1 }).waitFor();
    await signOut(page);
  });

  it('met no console errors, untranslated texts or refused API requests on the way', () => {
    forgive(session, /status of 401 \(Unauthorized\)/);
    expect(session.problems).toEqual([]);
  });
});
