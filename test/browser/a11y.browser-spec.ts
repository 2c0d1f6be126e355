import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Locator, Page } from 'playwright-core';
import {
  screenshot,
  seriousAccessibilityViolations,
  signInAsAdministrator,
  startUiSession,
  type UiSession,
  waitUntil,
} from './browser.js';

/**
 * Issue 13 point 6 (WCAG 2.1 AA) on every resource page an administrator reaches: axe finds no
 * serious or critical fault, each page has exactly one h1 (axe's "page-has-heading-one" run too),
 * the skip link is readable and moves focus into the content, every focused control shows a ring,
 * and the red "Ta bort" reads at 4.5:1 or better on its grey toolbar.
 */

/*
 * The server-side TypeScript project has no DOM types: what the page functions below use, typed by
 * hand (they run in the page, where these are the browser's own).
 */
interface PageNode {
  parentElement: PageNode | null;
  contains(other: unknown): boolean;
}
interface PageStyle {
  color: string;
  backgroundColor: string;
  outlineStyle: string;
  outlineWidth: string;
  outlineColor: string;
}
declare const document: { activeElement: unknown; getElementById(id: string): PageNode | null };
declare function getComputedStyle(node: unknown): PageStyle;

let session: UiSession;
let page: Page;

const PAGE_HEADING = 'h1, [role="heading"][aria-level="1"]';

/** The contrast ratio of two CSS rgb()/rgba() colours (alpha over white), as WCAG defines it. */
function contrast(foreground: string, background: string): number {
  const channels = (color: string): number[] => {
    const [r, g, b, a = 1] = (color.match(/[\d.]+/g) ?? []).map(Number);
    return [r, g, b].map((value) => value * a + 255 * (1 - a));
  };
  const luminance = (color: string): number => {
    const [r, g, b] = channels(color).map((value) => {
      const c = value / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(foreground), luminance(background)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

interface Colours {
  color: string;
  background: string;
  outlineStyle: string;
  outlineWidth: string;
  outlineColor: string;
}

/** An element's text colour, the first opaque background behind it, and its outline. */
const coloursOf = (locator: Locator): Promise<Colours> =>
  locator.evaluate((element) => {
    const style = getComputedStyle(element);
    let background = 'rgb(255, 255, 255)';
    for (let node: PageNode | null = element as PageNode; node; node = node.parentElement) {
      const color = getComputedStyle(node).backgroundColor;
      if (color && color !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(color)) {
        background = color;
        break;
      }
    }
    return {
      color: style.color,
      background,
      outlineStyle: style.outlineStyle,
      outlineWidth: style.outlineWidth,
      outlineColor: style.outlineColor,
    };
  });

/** Waits until the page shows its title and nothing loads any more. */
async function settled(): Promise<void> {
  await waitUntil(
    async () => ((await page.locator('#react-admin-title').innerText()) ?? '').trim() !== '',
    'the page title',
  );
  await waitUntil(
    async () => (await page.locator('#main-content').getByRole('progressbar').count()) === 0,
    'loading to end',
  );
}

/** What a page must satisfy: one h1, axe without serious/critical faults nor "page-has-heading-one". */
async function expectAccessiblePage(name: string): Promise<void> {
  await settled();
  const headings = await page.locator(PAGE_HEADING).allInnerTexts();
  expect({ name, headings: headings.length }).toEqual({ name, headings: 1 });
  expect(headings[0].trim()).not.toBe('');
  const headingOne = await new AxeBuilder({ page }).withRules(['page-has-heading-one']).analyze();
  expect({ name, violations: headingOne.violations.map((violation) => violation.id) }).toEqual({
    name,
    violations: [],
  });
  expect({ name, violations: await seriousAccessibilityViolations(page) }).toEqual({ name, violations: [] });
  await screenshot(page, `a11y-${name}`);
}

/** Resource pages by the menu's resources: [name, resource, what its first row opens]. */
const LISTS: [string, string, 'show' | 'edit' | null][] = [
  ['orders', 'orders', 'show'],
  ['delegations', 'delegations', 'show'],
  ['persons', 'persons', 'show'],
  ['care-units', 'care-units', 'edit'],
  ['assignments', 'assignments', 'edit'],
  ['systems', 'systems', 'edit'],
  ['administrations', 'administrations', 'edit'],
  ['care-providers', 'care-providers', 'edit'],
  ['outbox', 'outbox', 'show'],
  ['audit-events', 'audit-events', 'show'],
  ['api-clients', 'api-clients', null],
  ['person-access-log', 'person-access-log', null],
];

const CREATES = [
  'persons',
  'care-units',
  'assignments',
  'systems',
  'administrations',
  'care-providers',
  'engagements',
  'delegations',
  'api-clients',
];

beforeAll(async () => {
  session = await startUiSession();
  page = session.page;
  await page.setViewportSize({ width: 1366, height: 900 });
  await signInAsAdministrator(session.context);
});

afterAll(async () => {
  await session?.close();
});

describe('accessibility of every resource page (WCAG 2.1 AA)', () => {
  it('has one h1 and no serious fault on the start page', async () => {
    await page.goto('/#/');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expectAccessiblePage('start');
  });

  for (const [name, resource, opens] of LISTS) {
    it(`has one h1 and no serious fault on the ${name} list${opens ? ` and its first ${opens} page` : ''}`, async () => {
      await page.goto(`/#/${resource}`);
      await page.locator('.RaList-main, .RaList-noResults').first().waitFor();
      await expectAccessiblePage(`${name}-list`);
      if (!opens) return;
      const firstRow = page.locator('tbody tr').first();
      if ((await firstRow.count()) === 0) return;
      await firstRow.click();
      await page.waitForURL(
        opens === 'show' ? new RegExp(`#/${resource}/[^/]+/show$`) : new RegExp(`#/${resource}/[^/]+$`),
      );
      await expectAccessiblePage(`${name}-${opens}`);
      if (resource === 'persons') {
        // The person's edit page (the issue names it) and an engagement's edit page from it.
        await page.getByRole('link', { name: 'Redigera' }).click();
        await page.waitForURL(/#\/persons\/[^/]+$/);
        await page.getByRole('textbox', { name: 'Förnamn' }).waitFor();
        await expectAccessiblePage('persons-edit');
      }
    });
  }

  for (const resource of CREATES) {
    it(`has one h1 and no serious fault on the ${resource} create page`, async () => {
      await page.goto(`/#/${resource}/create`);
      await page.locator('form').first().waitFor();
      await expectAccessiblePage(`${resource}-create`);
    });
  }

  it('has one h1 and no serious fault on an engagement’s edit page', async () => {
    await page.goto('/#/persons');
    await page.locator('tbody tr').first().click();
    await page.waitForURL(/#\/persons\/[^/]+\/show$/);
    const engagement = page.locator('section', { hasText: 'Engagemang' }).locator('tbody tr').first();
    await engagement.click();
    await page.waitForURL(/#\/engagements\/[^/]+$/);
    await page.locator('form').first().waitFor();
    await expectAccessiblePage('engagements-edit');
  });

  it('offers a readable skip link that moves focus into the content', async () => {
    await page.goto('/#/persons');
    // A fresh load, so that the first Tab starts at the top of the page.
    await page.reload();
    await page.locator('tbody tr').first().waitFor();
    await settled();
    // The first Tab of the page reaches the skip link, which then shows.
    await page.keyboard.press('Tab');
    const skip = page.getByRole('button', { name: 'Hoppa till innehållet' });
    await expect(skip.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
    await waitUntil(async () => {
      const box = await skip.boundingBox();
      return box !== null && box.y >= 0 && box.y < 100;
    }, 'the skip link to show');
    const colours = await coloursOf(skip);
    expect(contrast(colours.color, colours.background)).toBeGreaterThanOrEqual(4.5);
    await screenshot(page, 'a11y-skip-link');

    await page.keyboard.press('Enter');
    await expect(
      page.evaluate(() => document.getElementById('main-content')?.contains(document.activeElement) ?? false),
    ).resolves.toBe(true);
    // The next Tab continues in the content, not in the app bar or the menu.
    await page.keyboard.press('Tab');
    await expect(
      page.evaluate(() => {
        const active = document.activeElement;
        return (
          (document.getElementById('main-content')?.contains(active) ?? false) &&
          active !== document.getElementById('main-content')
        );
      }),
    ).resolves.toBe(true);
  });

  it('shows a focus ring of at least 3:1 on a focused button, link, text field and app bar control', async () => {
    await page.goto('/#/persons');
    await page.locator('tbody tr').first().waitFor();
    await settled();
    const ringOn = async (what: string, focusTarget: Locator, ringElement: Locator = focusTarget) => {
      await focusTarget.focus();
      // Focus by keyboard (Tab back and forth), so :focus-visible applies as for a keyboard user.
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Tab');
      const colours = await coloursOf(ringElement);
      expect({ what, style: colours.outlineStyle }).toEqual({ what, style: 'solid' });
      expect(parseFloat(colours.outlineWidth)).toBeGreaterThanOrEqual(2);
      expect(contrast(colours.outlineColor, colours.background)).toBeGreaterThanOrEqual(3);
    };
    await ringOn('export button', page.getByRole('button', { name: 'Exportera' }));
    await ringOn('menu link', page.getByRole('menuitem', { name: 'Vårdenheter', exact: true }));
    const searchField = page
      .locator('#main-content .MuiInputBase-root')
      .filter({ has: page.getByRole('textbox') })
      .first();
    await ringOn('search field', searchField.getByRole('textbox'), searchField);
    await ringOn('app bar profile button', page.getByRole('button', { name: 'Profil' }));
    await page.getByRole('button', { name: 'Exportera' }).focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await screenshot(page, 'a11y-focus-ring');
  });

  it('reads the red "Ta bort" at 4.5:1 or better, also under the pointer', async () => {
    await page.goto('/#/care-units');
    await page.locator('tbody tr').first().click();
    await page.waitForURL(/#\/care-units\/[^/]+$/);
    const remove = page.getByRole('button', { name: 'Ta bort' });
    await remove.waitFor();
    await settled();
    const still = await coloursOf(remove);
    expect(contrast(still.color, still.background)).toBeGreaterThanOrEqual(4.5);
    await remove.hover();
    await page.waitForTimeout(400);
    const hovered = await coloursOf(remove);
    expect(contrast(hovered.color, hovered.background)).toBeGreaterThanOrEqual(4.5);
    await screenshot(page, 'a11y-delete-button');
  });

  it('left no console errors or server faults', () => {
    expect(session.problems).toEqual([]);
  });
});
