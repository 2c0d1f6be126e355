import { AxeBuilder } from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../support/test-app.js';

export const SCREENSHOT_DIR = path.resolve('test-results/screenshots');

export interface UiSession {
  testApp: TestApp;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  baseUrl: string;
  /** Console errors, untranslated texts and API answers that point at a UI/API mismatch. */
  problems: string[];
  close(): Promise<void>;
}

/**
 * The real application serving the built UI (dist/admin-ui) on a free port, and a headless
 * Chromium page on it, in Swedish and Stockholm time like the portal's users. `env` adds settings
 * (e.g. SMTP_URL of a mail catcher the test started).
 */
export async function startUiSession(
  env: Record<string, string> = {},
  /** ownPublicUrl: PUBLIC_URL is the address the browser uses (addresses the server hands out, e.g. a signing service's). */
  { ownPublicUrl = false }: { ownPublicUrl?: boolean } = {},
): Promise<UiSession> {
  const chosen = ownPublicUrl ? await freePort() : 0;
  // BEH_TEST_UI_DIR: a UI built elsewhere, so that a build does not swap dist/admin-ui under a
  // browser test running from the same checkout.
  const testApp = await createTestApp({
    UI_DIR: process.env.BEH_TEST_UI_DIR ?? 'dist/admin-ui',
    ...env,
    ...(ownPublicUrl ? { PUBLIC_URL: `http://127.0.0.1:${chosen}` } : {}),
  });
  await testApp.app.listen(chosen, '127.0.0.1');
  const { port } = testApp.app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    // On Linux Chromium takes its UI locale (and so the date inputs' ÅÅÅÅ-MM-DD) from LANGUAGE,
    // not from --lang; Debian's chromium-l10n provides the Swedish translations.
    env: { ...process.env, LANGUAGE: 'sv', LANG: 'sv_SE.UTF-8' },
  });
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 1440, height: 900 },
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    // A refused request is judged by its response below, not by Chromium's "Failed to load resource".
    if (message.text().startsWith('Failed to load resource')) return;
    if (message.type() === 'error' || message.text().includes('Missing translation')) {
      problems.push(`console ${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    // 400 means the UI sent what the contract does not allow; 5xx is a server fault.
    if (response.url().includes('/api/') && (response.status() === 400 || response.status() >= 500)) {
      problems.push(`${response.request().method()} ${response.url()} → ${response.status()}`);
    }
  });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    testApp,
    browser,
    context,
    page,
    baseUrl,
    problems,
    async close() {
      await context.close();
      await browser.close();
      await testApp.close();
    },
  };
}

/** A port free now, for a server that must know its address before it listens. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * Signs in as the demo administrator through the development sign-in; a server without sign-in
 * routes (no /api/auth/methods) is left signed out.
 */
export async function signInAsAdministrator(context: BrowserContext): Promise<void> {
  const methods = await context.request.get('/api/auth/methods');
  if (methods.status() === 404) return;
  const csrf = (await (await context.request.get('/api/auth/csrf')).json()) as { token: string };
  const response = await context.request.post('/api/auth/dev-login', {
    data: { userId: 'admin1' },
    headers: { 'X-CSRF-Token': csrf.token },
  });
  if (!response.ok()) throw new Error(`dev-login as admin1 answered ${response.status()}`);
}

/** The start page's heading, reached after every sign-in. */
export const WELCOME = 'Välkommen till behörighetsbeställning!';

/** Signs in through the sign-in page's persona list; starts signed out whatever an earlier step left. */
export async function signInAs(page: Page, userId: string, fullName: string): Promise<void> {
  await page.context().clearCookies();
  await page.goto('/');
  await page.waitForURL(/#\/login$/);
  await page.getByRole('button', { name: new RegExp(`\\(${userId}\\)`) }).click();
  await page.getByRole('heading', { name: WELCOME }).waitFor();
  await page.getByText(`Inloggad: ${fullName} (${userId})`).waitFor();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Profil' }).click();
  await page.getByRole('menuitem', { name: 'Logga ut' }).click();
  await page.getByRole('heading', { name: 'Jag legitimerar mig hos Västra Götalandsregionen' }).waitFor();
}

/** Drops recorded problems that a step caused on purpose. */
export function forgive(session: UiSession, expected: RegExp): void {
  const kept = session.problems.filter((problem) => !expected.test(problem));
  session.problems.splice(0, session.problems.length, ...kept);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  // From the top: scrolled down, react-admin's fixed app bar would show up mid-picture.
  await page.evaluate('window.scrollTo(0, 0)');
  // Transitions finished, so a button that just became enabled does not look disabled.
  await page.screenshot({
    path: path.join(SCREENSHOT_DIR, `${name}.png`),
    fullPage: true,
    animations: 'disabled',
  });
}

/** Serious and critical WCAG 2.1 A/AA violations on the page, as readable lines. */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  // A colour caught halfway through a transition (a button becoming enabled) is not what the user
  // reads: let running CSS transitions and animations finish before measuring contrast.
  // A function, not a string: Playwright evaluates a string predicate with eval inside the page,
  // which the portal's Content-Security-Policy (no 'unsafe-eval') refuses. Typed by hand, because
  // the server-side TypeScript project has no DOM types.
  type AnimatedDocument = { document: { getAnimations(): { playState: string }[] } };
  await page.waitForFunction(
    () =>
      (globalThis as unknown as AnimatedDocument).document
        .getAnimations()
        .every((animation) => animation.playState !== 'running'),
    undefined,
    { timeout: 5000 },
  );
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.help} — ${violation.nodes
          .slice(0, 5)
          .map((node) => node.target.join(' '))
          .join(', ')}`,
    );
}

/** Polls until `check` holds, for values Playwright's locators do not wait for (an input's value). */
export async function waitUntil(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 10000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** What a page reported about itself: CSP violations and console errors, each as a readable line. */
export interface PageReports {
  /** `securitypolicyviolation` events: the directive, what it blocked and on which page. */
  violations: string[];
  /** Console errors (CSP refusals, header errors, script errors); an HTTP error status is not one. */
  consoleErrors: string[];
  /** Empties both lists, so that a step is judged on what it caused itself. */
  clear(): void;
}

/**
 * Listens on every page of the context, popups such as the signing window included, for the
 * browser's `securitypolicyviolation` events and for console errors. The listener is added before
 * any of the page's own scripts run (an init script, which the page's CSP does not govern) and
 * reports through a binding, so a report survives the page navigating away.
 */
export async function watchPageReports(context: BrowserContext): Promise<PageReports> {
  const violations: string[] = [];
  const consoleErrors: string[] = [];
  await context.exposeBinding('__behReportViolation', ({ page }, line: string) => {
    violations.push(`${new URL(page.url()).pathname}${new URL(page.url()).hash}: ${line}`);
  });
  // A string, not a function: it runs in the page, and the tests compile without the DOM types.
  await context.addInitScript(`document.addEventListener('securitypolicyviolation', (e) => {
    window.__behReportViolation(e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') +
      (e.sample ? ' (' + e.sample + ')' : '') + ' at ' + e.sourceFile + ':' + e.lineNumber);
  }, true);`);
  const listen = (page: Page) =>
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      // A refused request (401 signed out, 404 not found) is the UI's business, not a page fault;
      // a load the browser itself blocked (net::ERR_BLOCKED_BY_CSP, …) is kept.
      if (/^Failed to load resource: the server responded with a status of \d+/.test(message.text())) return;
      consoleErrors.push(`${new URL(page.url()).pathname}${new URL(page.url()).hash}: ${message.text()}`);
    });
  context.pages().forEach(listen);
  context.on('page', listen);
  return {
    violations,
    consoleErrors,
    clear() {
      violations.splice(0);
      consoleErrors.splice(0);
    },
  };
}

/** Fails, naming them, if the pages reported any CSP violation or console error since the last clear. */
export function expectNoPageReports(reports: PageReports, where: string): void {
  const found = [
    ...reports.violations.map((line) => `CSP violation ${line}`),
    ...reports.consoleErrors.map((line) => `console error ${line}`),
  ];
  if (found.length > 0) throw new Error(`${where}:\n${found.join('\n')}`);
}
