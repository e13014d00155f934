import { z } from '@hono/zod-openapi';
import { stringify } from 'csv-stringify/sync';
import type { Context } from 'hono';
import { AppError } from './errors.ts';

/**
 * How every list of the API pages and exports, the same everywhere: `limit` and `offset` in the
 * query, `{items, total, limit, offset, next}` in the reply (`next` is the link to the following
 * page, or null); `format=csv` or `format=xlsx` gives every row that matches the same filters as
 * a file instead, with the columns the list declares.
 */

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;
/** An export holds every matching row up to this many; more must be narrowed by filters. */
export const MAX_EXPORT_ROWS = 100_000;

export const LIST_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The paging and format parameters every list accepts, to spread into its query schema. */
export const pageParams = {
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .default(DEFAULT_PAGE_SIZE)
    .openapi({ description: `Items per page (1–${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE})` }),
  offset: z.coerce.number().int().min(0).default(0).openapi({ description: 'Items to skip, for the following pages' }),
  format: z
    .enum(LIST_FORMATS)
    .default('json')
    .openapi({ description: 'json (a page), or csv / xlsx: every matching row as a file, with the same filters' }),
};

/** A list's query schema: its filters and the paging and format parameters. */
export function listQuery<T extends z.ZodRawShape>(filters: T) {
  return z.object({ ...filters, ...pageParams });
}

/** The query schema of a list that takes no filters. */
export const PlainListQuery = listQuery({});

/** One page of a list. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int().openapi({ description: 'Items matching the filters, on every page' }),
    limit: z.number().int(),
    offset: z.number().int(),
    next: z.string().nullable().openapi({ description: 'The link to the following page; null on the last' }),
  });
}

/** The 200 response of a list route: a page as JSON, or the export files. */
export function listResponse<T extends z.ZodType>(item: T, description = 'One page, or every row as CSV or XLSX') {
  return {
    description,
    content: {
      'application/json': { schema: pageOf(item) },
      'text/csv': { schema: z.string().openapi({ description: 'format=csv: every matching row, with a header row' }) },
      [XLSX_TYPE]: {
        schema: z.string().openapi({ type: 'string', format: 'binary', description: 'format=xlsx: every matching row' }),
      },
    },
  } as const;
}

export interface Page {
  limit: number;
  offset: number;
}

export interface Paged<T> {
  items: T[];
  total: number;
}

/** A page of a list held in memory (small lists: skills, org units, a PMO's thresholds). */
export function slicePage<T>(all: readonly T[], page: Page | null): Paged<T> {
  return { items: page ? all.slice(page.offset, page.offset + page.limit) : [...all], total: all.length };
}

export type CellValue = string | number | boolean | null | undefined;

/** A column of an export: its header and how a row gives its cell. */
export interface ExportColumn<T> {
  header: string;
  value: (row: T) => CellValue;
  /** Spreadsheet format: money with two decimals, dates as dates. */
  kind?: 'text' | 'number' | 'money' | 'date';
}

export interface ListOptions<T, E = T> {
  /** The query as the route validated it (with limit, offset, format). */
  query: { limit: number; offset: number; format: ListFormat };
  /** Loads one page, or (page = null) every matching row for an export. */
  load: (page: Page | null) => Promise<Paged<T>>;
  /** The file name's stem: `projects` gives `projects-2026-12-01.csv`. */
  fileName: string;
  columns: readonly ExportColumn<E>[];
  /** Rows of the export, when they are not the page's items one to one (a matrix, say). */
  exportRows?: (items: T[]) => E[];
}

/**
 * Answers a list route: a page as JSON with the link to the next one, or every matching row as
 * CSV or XLSX. The caller's filters and visibility apply to both, since both come from `load`.
 */
export async function sendList<T, E = T>(c: Context, options: ListOptions<T, E>): Promise<Response> {
  const { query } = options;
  if (query.format === 'json') {
    const page = { limit: query.limit, offset: query.offset };
    const { items, total } = await options.load(page);
    return c.json({ items, total, limit: page.limit, offset: page.offset, next: nextLink(c, page, total) }, 200);
  }
  const { items, total } = await options.load(null);
  if (total > MAX_EXPORT_ROWS) {
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `the export would hold ${total} rows; narrow the filters to at most ${MAX_EXPORT_ROWS}`,
      {
        limit: MAX_EXPORT_ROWS,
        total,
      },
    );
  }
  const rows = options.exportRows ? options.exportRows(items) : (items as unknown as E[]);
  const stem = `${options.fileName}-${new Date().toISOString().slice(0, 10)}`;
  if (query.format === 'csv') {
    return c.body(toCsv(rows, options.columns), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${stem}.csv"`,
    });
  }
  return c.body(await toXlsx(rows, options.columns, options.fileName), 200, {
    'Content-Type': XLSX_TYPE,
    'Content-Disposition': `attachment; filename="${stem}.xlsx"`,
  });
}

/**
 * The link to the page after this one, with the same filters; null on the last page. Exported for
 * the lists whose page carries more than the items (the inbox's unread count).
 */
export function nextLink(c: Context, page: Page, total: number): string | null {
  if (page.offset + page.limit >= total) return null;
  const url = new URL(c.req.url);
  url.searchParams.set('offset', String(page.offset + page.limit));
  url.searchParams.set('limit', String(page.limit));
  return `${url.pathname}${url.search}`;
}

/**
 * A cell that a spreadsheet would run as a formula (=, +, -, @ first) is written with a leading
 * apostrophe, so an exported comment can never execute in the reader's spreadsheet.
 */
function safeText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function cell<E>(column: ExportColumn<E>, row: E): CellValue {
  const value = column.value(row);
  return value === undefined ? null : value;
}

export function toCsv<E>(rows: readonly E[], columns: readonly ExportColumn<E>[]): string {
  const records = rows.map((row) =>
    columns.map((column) => {
      const value = cell(column, row);
      if (value === null) return '';
      if (typeof value === 'string') return column.kind === 'date' ? value : safeText(value);
      return String(value);
    }),
  );
  // A byte-order mark, so spreadsheet programs read the file as UTF-8.
  return `\uFEFF${stringify([columns.map((c) => c.header), ...records])}`;
}

export async function toXlsx<E>(
  rows: readonly E[],
  columns: readonly ExportColumn<E>[],
  sheetName: string,
): Promise<ArrayBuffer> {
  // Loaded on the first export, not at start: it is large and most requests never need it.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tollgate';
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  sheet.columns = columns.map((column, i) => ({
    header: column.header,
    key: String(i),
    width: Math.min(60, Math.max(10, column.header.length + 2)),
    style: column.kind === 'money' ? { numFmt: '#,##0.00' } : column.kind === 'date' ? { numFmt: 'yyyy-mm-dd' } : undefined,
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const row of rows) {
    sheet.addRow(
      columns.map((column) => {
        const value = cell(column, row);
        if (column.kind === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) {
          return new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
        }
        return value;
      }),
    );
  }
  return (await workbook.xlsx.writeBuffer()) as ArrayBuffer;
}
