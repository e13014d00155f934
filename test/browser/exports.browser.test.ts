import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHarness, HARNESS_MS, JOURNEY_MS, apiAs, hasChromium, poll, signIn, startHarness } from './support.ts';

interface Ref {
  id: string;
  code: string;
  name: string;
}

/** A page of its own, signed in: each test stands on its own session. */
async function signedIn(h: BrowserHarness, email: string): Promise<Page> {
  const page = await h.newPage({ acceptDownloads: true });
  await signIn(page, h.baseUrl, email);
  await page.getByRole('button', { name: 'Find anything' }).waitFor();
  return page;
}

/** Chooses "Export" then the format, and returns the downloaded file's name and bytes. */
async function exportAs(page: Page, format: RegExp, nth = 0): Promise<{ name: string; bytes: Buffer }> {
  await page
    .getByRole('button', { name: /^Export/ })
    .nth(nth)
    .click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('.ant-dropdown:visible').getByRole('menuitem', { name: format }).click(),
  ]);
  // The menu closes before the next one opens, so one "CSV" is ever shown.
  await poll(() => page.locator('.ant-dropdown:visible').count()).toBe(0);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

/** The data rows of the current page of the projects table (antd keeps a hidden measure row). */
function projectRows(page: Page) {
  return page.locator('#main .ant-table-tbody tr.ant-table-row');
}

/**
 * A PMO lead filters the projects list, exports what it shows as CSV and as Excel, and pages
 * through it: the files hold exactly the filtered rows, and the pages come from the server.
 */
describe.skipIf(!hasChromium)('exporting and paging lists in the browser', () => {
  let h: BrowserHarness;
  /** Projects made for this test, with a word in their name that no demo project has. */
  let made: Ref[] = [];
  let other: Ref;

  beforeAll(async () => {
    h = await startHarness();
    const lead = await apiAs(h.baseUrl, 'pmo.lead@example.com');
    const existing = await lead.get<{ items: (Ref & { pmo: { id: string }; projectType: { id: string } })[] }>(
      '/api/v1/projects',
    );
    const template = existing.items[0]!;
    other = template;
    made = [];
    for (let i = 1; i <= 30; i++) {
      const code = `KST-${String(i).padStart(2, '0')}`;
      made.push(
        await lead.post<Ref>('/api/v1/projects', {
          code,
          name: `Kestrel rollout ${i}`,
          pmoId: template.pmo.id,
          projectTypeId: template.projectType.id,
          budget: 1000 * i,
        }),
      );
    }
  }, HARNESS_MS);

  afterAll(async () => {
    await h?.close();
  });

  it(
    'exports the filtered projects as CSV and XLSX with every filtered row and no other',
    async () => {
      const { baseUrl } = h;
      const page = await signedIn(h, 'pmo.lead@example.com');
      await page.goto(`${baseUrl}/projects?q=Kestrel`);
      await poll(() => page.locator('#main').innerText()).toContain('30 projects');

      const csv = await exportAs(page, /^CSV/);
      expect(csv.name).toMatch(/^projects-\d{4}-\d{2}-\d{2}\.csv$/);
      const lines = csv.bytes
        .toString('utf8')
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r?\n/);
      expect(lines[0]).toMatch(/Code/);
      const body = lines.slice(1);
      expect(body).toHaveLength(made.length);
      for (const project of made) expect(body.some((line) => line.includes(project.code))).toBe(true);
      expect(body.some((line) => line.includes(other.code))).toBe(false);

      const xlsx = await exportAs(page, /^Excel/);
      expect(xlsx.name).toMatch(/^projects-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      const header = (sheet.getRow(1).values as unknown[]).map(String);
      const codeColumn = header.indexOf('Code');
      expect(codeColumn).toBeGreaterThan(0);
      const codes: string[] = [];
      sheet.eachRow((row, n) => {
        if (n > 1) codes.push(String(row.getCell(codeColumn).value));
      });
      expect(codes.sort()).toEqual(made.map((p) => p.code).sort());
    },
    JOURNEY_MS,
  );

  it(
    'pages through the filtered projects on the server',
    async () => {
      const { baseUrl } = h;
      const page = await signedIn(h, 'pmo.lead@example.com');
      const asked: URL[] = [];
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (url.pathname === '/api/v1/projects') asked.push(url);
      });
      await page.goto(`${baseUrl}/projects?q=Kestrel`);
      await poll(() => page.locator('#main').innerText()).toContain('30 projects');
      // The page size the table asks for, then the next page by its number.
      await poll(() => projectRows(page).count()).toBe(25);
      expect(asked.some((url) => url.searchParams.get('q') === 'Kestrel' && url.searchParams.get('offset') === '0')).toBe(true);

      await page.locator('#main .ant-pagination').getByTitle('2', { exact: true }).click();
      await poll(() => projectRows(page).count()).toBe(5);
      expect(asked.some((url) => url.searchParams.get('q') === 'Kestrel' && url.searchParams.get('offset') === '25')).toBe(true);
      const second = await projectRows(page).allInnerTexts();
      // The server orders by code: the second page holds the last five.
      for (const project of made.slice(25)) expect(second.some((row) => row.includes(project.name))).toBe(true);

      // A narrower search goes back to the first page, and the export follows it.
      await page.getByLabel('Search projects').fill('Kestrel rollout 3');
      await poll(() => projectRows(page).count()).toBe(2);
      const csv = await exportAs(page, /^CSV/);
      const rows = csv.bytes.toString('utf8').trim().split(/\r?\n/).slice(1);
      expect(rows).toHaveLength(2);
      expect(rows.every((line) => /KST-(03|30)/.test(line))).toBe(true);
    },
    JOURNEY_MS,
  );

  it(
    'gives every list view an export that downloads its rows',
    async () => {
      const { baseUrl } = h;
      const pm = await apiAs(baseUrl, 'pm@example.com');
      const personId = (await pm.get<{ personId: string }>('/api/v1/me')).personId;
      const views: [string, string][] = [
        ['pmo.lead@example.com', '/projects'],
        ['pmo.lead@example.com', '/requests'],
        ['pmo.lead@example.com', '/review'],
        ['pmo.lead@example.com', '/people'],
        ['pmo.lead@example.com', '/resources/capacity'],
        ['pmo.lead@example.com', `/people/${personId}?tab=training`],
        ['pmo.lead@example.com', `/people/${personId}?tab=capacity`],
        ['pmo.lead@example.com', '/training/courses'],
        ['pmo.lead@example.com', '/training/mentoring'],
        ['pmo.lead@example.com', '/portfolios'],
        ['pmo.lead@example.com', '/pmos'],
        ['pmo.lead@example.com', '/skills'],
        ['pmo.lead@example.com', '/org/units'],
        ['pmo.lead@example.com', '/org/positions'],
        ['pmo.lead@example.com', `/projects/${made[0]!.id}?tab=team`],
        ['admin@example.com', '/admin/users'],
        ['admin@example.com', '/audit'],
      ];
      const pages = new Map<string, Page>();
      for (const [email, path] of views) {
        const page = pages.get(email) ?? (await signedIn(h, email));
        pages.set(email, page);
        await page.goto(`${baseUrl}${path}`);
        const buttons = page.getByRole('button', { name: /^Export/ });
        await buttons.first().waitFor();
        const count = await buttons.count();
        for (let i = 0; i < count; i++) {
          const file = await exportAs(page, /^CSV/, i);
          const text = file.bytes.toString('utf8');
          expect(text.startsWith('\uFEFF'), `${path}: export ${i + 1} is not a CSV file: ${text.slice(0, 200)}`).toBe(true);
          expect(file.name, path).toMatch(/\.csv$/);
        }
        await poll(() => page.getByText('This could not be loaded').count(), `${path} shows a loading error`).toBe(0);
      }
    },
    JOURNEY_MS,
  );
});
