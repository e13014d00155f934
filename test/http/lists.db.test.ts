import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTERPRISE_PMO } from '../../src/demo/demo-data.ts';
import { MAX_PAGE_SIZE } from '../../src/kernel/lists.ts';
import { type TestDatabase, testDatabase } from '../support/database.ts';
import { ApiClient, type TestApp, testApp } from '../support/http.ts';

/**
 * The one way lists page and export (src/kernel/lists.ts), shown on the portfolios list: pages
 * with their total and the link to the next, and CSV and XLSX files of every matching row.
 */

let database: TestDatabase;
let app: TestApp;
let lead: ApiClient;
let enterprisePmoId: string;

beforeAll(async () => {
  database = await testDatabase({ demo: true });
  app = testApp(database);
  lead = await ApiClient.signIn(app, 'pmo.lead@example.com');
  const pmos = await lead.get('/api/v1/pmos');
  enterprisePmoId = pmos.body.items.find((p: { code: string }) => p.code === ENTERPRISE_PMO).id;
});

afterAll(async () => {
  await database?.close();
});

describe('a page', () => {
  it('carries the total, its limit and offset, and the link to the next page until the last', async () => {
    const all = await lead.get('/api/v1/portfolios');
    expect(all.status).toBe(200);
    const total = all.body.total as number;
    expect(total).toBe(all.body.items.length);
    expect(total).toBeGreaterThanOrEqual(3);
    expect(all.body).toMatchObject({ limit: 100, offset: 0, next: null });

    const seen: string[] = [];
    let link: string | null = '/api/v1/portfolios?limit=2';
    while (link) {
      const page: { status: number; body: { items: { code: string }[]; total: number; next: string | null } } =
        await lead.get(link);
      expect(page.status).toBe(200);
      expect(page.body.total).toBe(total);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((p) => p.code));
      link = page.body.next;
    }
    expect(seen).toEqual(all.body.items.map((p: { code: string }) => p.code));
  });

  it('keeps the filters in the next link', async () => {
    const page = await lead.get(`/api/v1/portfolios?pmoId=${enterprisePmoId}&limit=1`);
    expect(page.status).toBe(200);
    for (const p of page.body.items) expect(p.pmoId).toBe(enterprisePmoId);
    if (page.body.total > 1) expect(page.body.next).toBe(`/api/v1/portfolios?pmoId=${enterprisePmoId}&limit=1&offset=1`);
  });

  it('past the end is empty, with the total still right', async () => {
    const page = await lead.get('/api/v1/portfolios?offset=10000');
    expect(page.body.items).toEqual([]);
    expect(page.body.total).toBeGreaterThan(0);
    expect(page.body.next).toBeNull();
  });

  it('refuses a limit or offset out of range, and an unknown format, naming the parameter', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      [`limit=${MAX_PAGE_SIZE + 1}`, 'limit'],
      ['offset=-1', 'offset'],
      ['format=pdf', 'format'],
    ]) {
      const reply = await lead.get(`/api/v1/portfolios?${query}`);
      expect([query, reply.status, reply.body.error.details.issues[0].field]).toEqual([query, 422, field]);
    }
  });
});

describe('an export', () => {
  it('as CSV holds every row matching the filters, with a header row', async () => {
    const json = await lead.get(`/api/v1/portfolios?pmoId=${enterprisePmoId}`);
    const file = await lead.download(`/api/v1/portfolios?pmoId=${enterprisePmoId}&format=csv&limit=1`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="portfolios-\d{4}-\d{2}-\d{2}\.csv"$/);
    const text = new TextDecoder().decode(file.bytes).replace(/^\uFEFF/, '');
    const lines = text.trim().split(/\r?\n/);
    expect(lines[0]).toBe('Code,Name,Kind,PMO,Owner,Projects,Description');
    // Paging does not apply to an export: every matching row is in it.
    expect(lines.length - 1).toBe(json.body.total);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(json.body.items.map((p: { code: string }) => p.code));
  });

  it('as XLSX holds the same rows, readable by a spreadsheet library', async () => {
    const json = await lead.get('/api/v1/portfolios');
    const file = await lead.download('/api/v1/portfolios?format=xlsx');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes.buffer as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Code', 'Name', 'Kind', 'PMO', 'Owner', 'Projects', 'Description']);
    expect(sheet.rowCount - 1).toBe(json.body.total);
    const first = json.body.items[0];
    expect(sheet.getRow(2).getCell(1).value).toBe(first.code);
    expect(sheet.getRow(2).getCell(6).value).toBe(first.projectCount);
  });

  it('never lets a cell run as a formula in a spreadsheet', async () => {
    const created = await lead.post('/api/v1/portfolios', {
      code: 'FORMULA-1',
      name: '=HYPERLINK("http://evil.example","click")',
      pmoId: enterprisePmoId,
    });
    expect(created.status).toBe(201);
    const file = await lead.download('/api/v1/portfolios?format=csv');
    const text = new TextDecoder().decode(file.bytes);
    expect(text).toContain(`FORMULA-1,"'=HYPERLINK(""http://evil.example"",""click"")"`);
    const xlsx = await lead.download('/api/v1/portfolios?format=xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes.buffer as ArrayBuffer);
    const cells = workbook.worksheets[0]!.getColumn(2).values;
    expect(cells).toContain('=HYPERLINK("http://evil.example","click")');
    workbook.worksheets[0]!.eachRow((row) => {
      for (const value of row.values as unknown[]) expect(typeof value === 'object' && value && 'formula' in value).toBe(false);
    });
  });
});
