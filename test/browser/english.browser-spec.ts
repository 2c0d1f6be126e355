import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import {
  screenshot,
  seriousAccessibilityViolations,
  signInAs,
  startUiSession,
  type UiSession,
  waitUntil,
} from './browser.js';

/**
 * Issue 13, point 8: English mode is complete. `<html lang>` follows the choice; the main journeys'
 * screens show no Swedish in English (only data: names of people, units and assignments); the
 * server's refusals come in the UI's language; dates are entered year first in both languages.
 *
 * How Swedish is found on an English screen, without a hand-kept word list going stale: the screen
 * is read in Swedish, then in English. A word on both that is not data (any word of the directory's
 * names and titles) and not the same in both languages (SAME_IN_BOTH) is Swedish left untranslated;
 * so is any word with å, ä or ö that is not data, and any of the known terms (KNOWN_SWEDISH).
 */

let session: UiSession;
let page: Page;

/** Words of the UI that are the same in Swedish and English. */
const SAME_IN_BOTH = new Set(
  [
    'VGR-ID',
    'HSA-id',
    'HSA-ID',
    'VMU',
    'BEH',
    'CSV',
    'PIN',
    'SAML',
    'Status',
    'Person',
    'System',
    'Administration',
    'API',
    'OK',
    'Filter',
    // British spelling, and the masked part of a personnummer
    'Organisation',
    'Manual',
    'xxxx-xxxx',
  ].map((word) => word.toLowerCase()),
);

/** Terms of the Swedish UI that must never show in English, data or not. */
const KNOWN_SWEDISH = [
  'Beställning',
  'Beställningar',
  'Nästa',
  'Föregående',
  'Ångra',
  'Sök',
  'Startsida',
  'Inloggad',
  'Logga ut',
  'Attestera',
  'Delegering',
  'Delegeringar',
  'Personer',
  'Spara',
  'Avbryt',
  'Akut',
  'Visa',
  'Rensa',
  'Välj',
];

/** Every word of the directory's data: names, titles, units, assignments, systems, areas and verksamheter. */
let dataWords = new Set<string>();

const words = (text: string): string[] =>
  text.match(/[\p{L}][\p{L}-]*[\p{L}]/gu)?.filter((word) => word.length >= 3) ?? [];

async function loadDataWords(): Promise<Set<string>> {
  const rows = await session.testApp.dataSource.query<{ text: string }[]>(
    `SELECT string_agg(x, ' ') AS text FROM (
       SELECT first_name || ' ' || last_name || ' ' || coalesce(title, '') || ' ' || coalesce(user_id, '') AS x FROM person
       UNION ALL SELECT name FROM care_unit
       UNION ALL SELECT name || ' ' || coalesce(description, '') FROM assignment
       UNION ALL SELECT name FROM administration
       UNION ALL SELECT name FROM care_provider
       UNION ALL SELECT name FROM access_area
       UNION ALL SELECT name FROM access_operation
       UNION ALL SELECT system_name || ' ' || use_case || ' ' || coalesce(note, '') FROM system_guide
       UNION ALL SELECT coalesce(comment, '') || ' ' || coalesce(reject_comment, '') FROM vmu_order
     ) AS data`,
  );
  return new Set(words(rows[0]?.text ?? '').map((word) => word.toLowerCase()));
}

const visibleText = (): Promise<string> => page.evaluate('document.body.innerText') as Promise<string>;
const htmlLang = (): Promise<string> => page.evaluate('document.documentElement.lang') as Promise<string>;

/** Chooses a language with the app bar's (or the sign-in page's) language menu. */
async function chooseLanguage(name: 'English' | 'Svenska'): Promise<void> {
  const current = name === 'English' ? 'Svenska' : 'English';
  await page.getByRole('button', { name: current }).first().click();
  await page.getByRole('menuitem', { name }).click();
  await waitUntil(
    async () => (await htmlLang()) === (name === 'English' ? 'en' : 'sv'),
    `<html lang> of ${name}`,
  );
}

interface Screen {
  name: string;
  /** Opens the screen and waits until its content is there. */
  open: () => Promise<void>;
}

/** Swedish left on the English screen: the words and terms as described above. */
function swedishLeft(swedishText: string, englishText: string): string[] {
  const inSwedish = new Set(words(swedishText).map((word) => word.toLowerCase()));
  const found = new Set<string>();
  for (const word of words(englishText)) {
    const lower = word.toLowerCase();
    if (dataWords.has(lower) || SAME_IN_BOTH.has(lower)) continue;
    if (/[åäö]/i.test(word) || inSwedish.has(lower)) found.add(word);
  }
  for (const term of KNOWN_SWEDISH)
    if (
      new RegExp(`(^|[^\\p{L}])${term}([^\\p{L}]|$)`, 'u').test(englishText) &&
      !dataWords.has(term.toLowerCase())
    )
      found.add(term);
  return [...found].sort();
}

/** Reads each screen in Swedish, then in English, and returns the Swedish left per screen. */
async function walk(screens: Screen[], prefix: string): Promise<Record<string, string[]>> {
  const swedish: Record<string, string> = {};
  for (const screen of screens) {
    await screen.open();
    swedish[screen.name] = await visibleText();
  }
  await chooseLanguage('English');
  const left: Record<string, string[]> = {};
  for (const screen of screens) {
    await screen.open();
    expect(await htmlLang()).toBe('en');
    const english = await visibleText();
    const found = swedishLeft(swedish[screen.name], english);
    if (found.length > 0) left[screen.name] = found;
    await screenshot(page, `${prefix}-${screen.name}-en`);
    expect({ screen: screen.name, axe: await seriousAccessibilityViolations(page) }).toEqual({
      screen: screen.name,
      axe: [],
    });
  }
  await chooseLanguage('Svenska');
  return left;
}

/**
 * Places an order as the signed-in page's user (eriho2): Nils Boström, VoB SJF at Solgläntan, Sara
 * Berg attesting. The demo data has no orders of its own.
 */
async function placeOrder(): Promise<void> {
  const [ids] = await session.testApp.dataSource.query<
    { endUser: string; attestant: string; unit: string; assignment: string }[]
  >(
    `SELECT (SELECT id FROM person WHERE user_id = 'nilbo4') AS "endUser",
            (SELECT id FROM person WHERE user_id = 'sarbe3') AS attestant,
            u.id AS unit, a.id AS assignment
       FROM care_unit u JOIN assignment a ON a.care_unit_id = u.id
      WHERE u.name = 'Vårdcentralen Solgläntan' AND a.name = 'VoB SJF'`,
  );
  const request = page.context().request;
  const { token } = (await (await request.get('/api/auth/csrf')).json()) as { token: string };
  const response = await request.post('/api/orders', {
    headers: { 'X-CSRF-Token': token },
    data: {
      type: 'GRANT',
      endUserId: ids.endUser,
      items: [{ assignmentId: ids.assignment }],
      attestants: { [ids.unit]: ids.attestant },
      startDate: new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date()),
      urgent: false,
      comment: '',
    },
  });
  if (response.status() !== 201)
    throw new Error(`placing an order: ${response.status()} ${await response.text()}`);
}

/** An order of the demo data, by SQL over vmu_order (ordered newest first). */
async function orderId(where: string): Promise<string> {
  const rows = await session.testApp.dataSource.query<{ id: string }[]>(
    `SELECT o.id FROM vmu_order o WHERE ${where} ORDER BY o.created_at DESC LIMIT 1`,
  );
  if (!rows[0]) throw new Error(`no order where ${where}`);
  return rows[0].id;
}

const ofUser = (column: string, userId: string) =>
  `o.${column} = (SELECT id FROM person WHERE user_id = '${userId}')`;

const goto = async (hash: string, ready: () => Promise<unknown>) => {
  await page.goto(`/#${hash}`);
  await ready();
  // Lists and pages fill in after their first request; read them when no progress indicator is left.
  await page.waitForLoadState('networkidle');
  await waitUntil(
    async () =>
      (await page.locator('main [role="progressbar"], #main-content [role="progressbar"]').count()) === 0,
    'the content loaded',
  );
};

describe('English mode', () => {
  beforeAll(async () => {
    session = await startUiSession();
    page = session.page;
    dataWords = await loadDataWords();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('sets <html lang> from the language choice, and keeps it after a reload', async () => {
    await signInAs(page, 'eriho2', 'Erik Holm');
    expect(await htmlLang()).toBe('sv');
    await chooseLanguage('English');
    expect(await htmlLang()).toBe('en');
    await page.reload();
    await page.getByRole('button', { name: 'English' }).first().waitFor();
    await waitUntil(async () => (await htmlLang()) === 'en', '<html lang> en after a reload');
    await chooseLanguage('Svenska');
    expect(await htmlLang()).toBe('sv');
  });

  it("shows the orderer's journeys without Swedish in English", async () => {
    await signInAs(page, 'eriho2', 'Erik Holm');
    await placeOrder();
    const main = page.locator('main, #main-content').first();
    const screens: Screen[] = [
      { name: 'start', open: () => goto('/', () => main.locator('h1').first().waitFor()) },
      {
        name: 'wizard',
        open: () => goto('/bestallning/vmu', () => page.locator('#main-content input').first().waitFor()),
      },
      {
        name: 'mass-order',
        open: () => goto('/massbestallning', () => main.locator('h1').first().waitFor()),
      },
      { name: 'orders', open: () => goto('/orders', () => page.locator('table tbody tr').first().waitFor()) },
      {
        name: 'order-show',
        open: async () => {
          const id = await orderId(ofUser('orderer_id', 'eriho2'));
          await goto(`/orders/${id}/show`, () => main.locator('dl, table').first().waitFor());
        },
      },
    ];
    expect(await walk(screens, 'english-orderer')).toEqual({});
  });

  it("shows the attestant's queue and order without Swedish in English", async () => {
    await signInAs(page, 'sarbe3', 'Sara Berg');
    const main = page.locator('main, #main-content').first();
    const screens: Screen[] = [
      {
        name: 'attest-queue',
        open: () => goto('/attest', () => page.locator('table tbody tr').first().waitFor()),
      },
      {
        name: 'attest-order',
        open: async () => {
          const id = await orderId(`o.status = 'AWAITING_ATTEST' AND ${ofUser('attestant_id', 'sarbe3')}`);
          await goto(`/attest/${id}`, () => main.locator('dl, table').first().waitFor());
        },
      },
    ];
    expect(await walk(screens, 'english-attestant')).toEqual({});
  });

  it('shows delegations and persons without Swedish in English', async () => {
    await signInAs(page, 'karlu1', 'Karin Lund');
    const delegations: Screen[] = [
      {
        name: 'delegations',
        open: () => goto('/delegations', () => page.locator('table tbody tr').first().waitFor()),
      },
      {
        name: 'delegation-create',
        open: () => goto('/delegations/create', () => page.locator('form').first().waitFor()),
      },
    ];
    expect(await walk(delegations, 'english-head')).toEqual({});
    await signInAs(page, 'admin1', 'Alva Adminsson');
    const persons: Screen[] = [
      {
        name: 'persons',
        open: () => goto('/persons', () => page.locator('table tbody tr').first().waitFor()),
      },
      {
        name: 'person-show',
        open: async () => {
          await goto('/persons', () => page.locator('table tbody tr').first().waitFor());
          await page.locator('table tbody tr').first().click();
          await page.waitForURL(/#\/persons\/[^/]+(\/show)?$/);
          await page.waitForLoadState('networkidle');
        },
      },
    ];
    expect(await walk(persons, 'english-admin')).toEqual({});
  });

  it("shows the server's refusal in the UI's language: English in English, Swedish in Swedish", async () => {
    await signInAs(page, 'eriho2', 'Erik Holm');
    const rows = await session.testApp.dataSource.query<{ personnummer: string }[]>(
      "SELECT personnummer FROM person WHERE user_id = 'nilbo4'",
    );
    const good = rows[0].personnummer;
    const wrongCheckDigit = good.slice(0, -1) + String((Number(good.slice(-1)) + 1) % 10);
    const lookUp = async (label: string, button: string) => {
      await page.goto('/#/bestallning/vmu');
      const field = page.getByRole('textbox', { name: label });
      await field.fill(wrongCheckDigit);
      await page.getByRole('button', { name: button, exact: true }).click();
    };

    await lookUp('Personnummer', 'Sök');
    await page
      .getByText('Personnumrets kontrollsiffra (sista siffran) stämmer inte.', { exact: false })
      .first()
      .waitFor();

    await chooseLanguage('English');
    await lookUp('Personal identity number', 'Search');
    await page
      .getByText("The personnummer's check digit (the last digit) is wrong.", { exact: false })
      .first()
      .waitFor();
    await screenshot(page, 'english-refusal-en');
    expect(await visibleText()).not.toContain('kontrollsiffra');
    await chooseLanguage('Svenska');
  });

  it('enters dates year first in English (the attest queue filter)', async () => {
    await signInAs(page, 'sarbe3', 'Sara Berg');
    await chooseLanguage('English');
    // The queue with its "Ordered from" filter shown, as react-admin keeps shown filters in the URL.
    const shown = encodeURIComponent(JSON.stringify({ from: true }));
    await goto(`/attest?displayedFilters=${shown}&filter=%7B%7D`, () =>
      page.locator('input[name="from"]').waitFor(),
    );
    const from = page.locator('input[name="from"]');
    expect(await page.getByRole('textbox', { name: 'Ordered from' }).count()).toBe(1);
    expect(await from.getAttribute('type')).toBe('text');
    expect(await from.getAttribute('placeholder')).toBe('YYYY-MM-DD');
    await from.fill('2026-02-30');
    await from.blur();
    // A filter form shows no helper texts (react-admin's filter bar): the field is marked invalid, and
    // the half-typed date is not applied.
    await waitUntil(
      async () => (await from.getAttribute('aria-invalid')) === 'true',
      'the date marked invalid',
    );
    expect(page.url()).not.toContain('2026-02-30');
    await from.fill('20260601');
    await waitUntil(async () => (await from.inputValue()) === '2026-06-01', 'the typed date tidied');
    await screenshot(page, 'english-date-filter-en');
    await chooseLanguage('Svenska');
  });
});
