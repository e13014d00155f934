import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import { startServer } from '../../src/app/server.ts';
import { loadConfig } from '../../src/kernel/config.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

if (!hasChromium) {
  const line = `!!! BROWSER TESTS SKIPPED: no Chromium at ${CHROMIUM} (apt-get install chromium) !!!`;
  if (process.env.CI) throw new Error(`${line} — under CI a missing browser is a failure`);
  console.warn(`\n${'!'.repeat(line.length)}\n${line}\n${'!'.repeat(line.length)}\n`);
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
  close(): Promise<void>;
}

/** A real Tollgate server on a fresh embedded database with the demo data, and headless Chromium. */
export async function startHarness(): Promise<BrowserHarness> {
  ensureWebBuilt();
  const dataRoot = mkdtempSync(join(tmpdir(), 'tollgate-browser-'));
  const config = { ...loadConfig({}), port: 0, dataDir: join(dataRoot, 'data') };
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
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    page,
    close: async () => {
      await browser.close();
      await server.stop();
      rmSync(dataRoot, { recursive: true, force: true });
    },
  };
}
