import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContextOptions, type Locator, type Page, chromium } from 'playwright-core';
import { expect, inject, onTestFailed } from 'vitest';
import { startServer } from '../../src/app/server.ts';
import { loadConfig } from '../../src/kernel/config.ts';
import { openDatabase } from '../../src/kernel/db.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/**
 * The one time limit of every wait in the browser tests (playwright's actions, navigations and
 * locator waits, and `poll`): on a busy 2-core machine a page can take seconds to settle, and a
 * wait that gives up early fails a journey that is right. A wait ends as soon as its condition
 * holds, so a generous limit costs nothing when all is well.
 */
export const WAIT_MS = 30_000;
/** A journey's own limit: many waits in a row, each up to WAIT_MS. */
export const JOURNEY_MS = 300_000;
/** Starting the harness builds the web app first when its sources changed. */
export const HARNESS_MS = 300_000;

/** `expect.poll` with the shared limit: `await poll(() => locator.innerText()).toContain('…')`. */
export function poll<T>(read: () => T | Promise<T>, message?: string) {
  return expect.poll(read, { timeout: WAIT_MS, interval: 100, message });
}

if (!hasChromium) {
  const line = `!!! BROWSER TESTS SKIPPED: no Chromium at ${CHROMIUM} (apt-get install chromium) !!!`;
  if (process.env.CI) throw new Error(`${line} — under CI a missing browser is a failure`);
  console.warn(`\n${'!'.repeat(line.length)}\n${line}\n${'!'.repeat(line.length)}\n`);
}

/**
 * When the running test fails, prints where the page was and what it showed (its address and the
 * text of its main region), so that a failure on CI can be read from the log. Call it first thing
 * in a test: `showOnFailure(page)`.
 */
export function showOnFailure(page: Page): void {
  onTestFailed(async () => {
    const text = await page
      .locator('#main')
      .first()
      .innerText({ timeout: 2_000 })
      .catch(() =>
        page
          .locator('body')
          .innerText({ timeout: 2_000 })
          .catch((err: Error) => `(unreadable: ${err.message})`),
      );
    process.stdout.write(`\n--- the page when the test failed: ${page.url()}\n${text.slice(0, 4_000)}\n---\n`);
  });
}

/** Builds the web app if its sources changed since the last build. */
export function ensureWebBuilt(): void {
  const result = spawnSync(process.execPath, ['scripts/ensure-web.js'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('building the web app failed');
}

export interface BrowserHarness {
  baseUrl: string;
  browser: Browser;
  page: Page;
  /** A page in a browser context of its own (no cookies shared with any other test), with the shared limits. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  close(): Promise<void>;
}

/** Signs in through the login page and waits until the app has left it. */
/** A drawer or modal by its title (not its accessible name: every antd id is 'test-id' in the test build). */
export const dialog = (page: Page, title: string) =>
  page.getByRole('dialog').filter({ has: page.locator('.ant-drawer-title, .ant-modal-title').getByText(title, { exact: true }) });

export async function signIn(page: Page, baseUrl: string, email: string, password = 'tollgate-demo') {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** The WCAG 2.1 A and AA rules the browser tests hold every page to. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * The serious and critical WCAG 2.1 AA violations axe finds on the page as it is now, one line
 * each with its nodes: `expect(await axeViolations(page)).toEqual([])`.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.waitForLoadState('networkidle');
  // A toast ("Saved", "Submitted") fading in or out is read mid-animation, half transparent, as a
  // contrast failure: check the page once the toasts have gone, as a reader would see it.
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: WAIT_MS });
  const results = await new AxeBuilder({ page })
    .withTags(WCAG_TAGS)
    // Experimental in axe, so off unless asked: a control whose accessible name does not
    // contain its visible label (WCAG 2.5.3) cannot be operated by speech.
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** A real Tollgate server on a fresh embedded database with the demo data, and headless Chromium. */
export async function startHarness(): Promise<BrowserHarness> {
  ensureWebBuilt();
  const dataRoot = mkdtempSync(join(tmpdir(), 'tollgate-browser-'));
  const config = { ...loadConfig({}), port: 0, dataDir: join(dataRoot, 'data') };
  // The data directory starts as a copy of the run's demo template (what a first `npm start`
  // seeds), so the server makes a warm start instead of migrating and seeding for every file.
  const template = await openDatabase({
    dataDir: config.dataDir,
    loadDataDir: new Blob([readFileSync(inject('pgliteTemplates').demo)]),
  });
  await template.close();
  const server = await startServer(config);
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    // Playwright gives every launch a fresh, empty user-data dir of its own.
  });
  const newPage = async (options: BrowserContextOptions = {}) => {
    // As a reader who asked for less motion: the app then draws without the library's transitions,
    // so nothing is read or clicked half-way through one (and a busy machine draws less).
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, reducedMotion: 'reduce', ...options });
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    page.setDefaultNavigationTimeout(WAIT_MS);
    return page;
  };
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    page: await newPage(),
    newPage,
    close: async () => {
      await browser.close();
      await server.stop();
      rmSync(dataRoot, { recursive: true, force: true });
    },
  };
}

/** Picks an option of an antd Select by typing part of its label; checks the choice took. */
export async function chooseIn(page: Page, control: Locator, text: string, option: RegExp) {
  for (let attempt = 0; attempt < 3; attempt++) {
    await control.click();
    await page.keyboard.type(text);
    await page.locator('.ant-select-dropdown:visible').getByText(option).first().click();
    // The select shows the chosen label in its selection item, beside the input.
    const shown = await control.locator(`xpath=ancestor::div[contains(concat(' ', @class, ' '), ' ant-select ')][1]`).innerText();
    if (option.test(shown)) return;
    await page.keyboard.press('Escape');
  }
  throw new Error(`could not choose ${option}`);
}

/** Types a month into an antd month picker and leaves it (Tab, not Enter: Enter would submit). */
export async function typeMonth(page: Page, control: Locator, month: string) {
  await control.click();
  await control.fill(month);
  await page.keyboard.press('Tab');
}

export interface HarnessApi {
  get<T = any>(path: string): Promise<T>;
  post<T = any>(path: string, body?: unknown): Promise<T>;
}

/** One call of the harness's API by a signed-in caller: any method, the reply's JSON. */
export type ApiCall = <T = any>(method: string, path: string, body?: unknown) => Promise<T>;

/**
 * A signed-in caller of the harness's API (session cookie and CSRF header) that speaks every
 * method, for the data a journey needs but is not about: a test makes its own records instead of
 * relying on another test. Any answer other than 2xx throws, naming the call.
 */
export async function apiCaller(baseUrl: string, email: string, password = 'tollgate-demo'): Promise<ApiCall> {
  const jar = new Map<string, string>();
  const call: ApiCall = async (method, path, body) => {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = jar.get('tg_csrf');
    if (csrf && method !== 'GET') headers['x-csrf-token'] = decodeURIComponent(csrf);
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';')[0]!;
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} as ${email}: ${res.status} ${text.slice(0, 500)}`);
    return text ? JSON.parse(text) : null;
  };
  await call('POST', '/api/v1/auth/login', { email, password });
  return call;
}

/** The same caller with GET and POST only. */
export async function apiAs(baseUrl: string, email: string, password = 'tollgate-demo'): Promise<HarnessApi> {
  const call = await apiCaller(baseUrl, email, password);
  return { get: (path) => call('GET', path), post: (path, body) => call('POST', path, body ?? {}) };
}
