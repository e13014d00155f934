import { Readable } from 'node:stream';
import { type SQL, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDueJobs } from '../../src/kernel/jobs.ts';
import { type TestDatabase, testDatabase } from '../support/database.ts';
import { ApiClient, type TestApp, testApp } from '../support/http.ts';
import { startWebhookReceiver } from '../support/receivers.ts';
import { ACCESS, ACCOUNTS, type Who } from './access-table.ts';

/**
 * Every list of the API pages and exports the same rows (src/kernel/lists.ts). For each list and
 * every account the route table lets call it: the total is the number of rows across the pages,
 * `next` walks every page, and the CSV and XLSX exports hold exactly the rows of the caller's own
 * list, in its order, with its filters: an export shows a caller nothing their list does not. A
 * list under a record the caller may not see answers 404 as JSON and as a file alike.
 */

const WHO = Object.keys(ACCOUNTS) as Who[];
/** Thousands of calls and a spreadsheet per caller and list: minutes on a loaded machine, which is no failure. */
const WALK_MS = 600_000;
const FULL = 1000;

/** A list item; its shape is the list's own. */
type Item = any;

interface ListCase {
  /** The operation in the route table, for who may call it. */
  operation: string;
  /** The path with its filters, parameters filled. */
  path: () => string;
  /** The filters the path applies, for the test's name. */
  filters?: string;
  /** The export column that names each row, and the item's value for it. */
  column: string;
  key: (item: Item) => string;
  /** What every item must satisfy under the path's filters. */
  matches?: (item: Item) => boolean;
  /** Different callers see different rows (visibility), which the check must then show. */
  varies?: boolean;
}

let database: TestDatabase;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>> | undefined;
let app: TestApp;
const clients = new Map<Who, ApiClient>();
const ids = {
  epmo: '',
  project: '',
  request: '',
  absentPerson: '',
  trainedPerson: '',
  certifiedPerson: '',
  mentorship: '',
  reportingProject: '',
  webhook: '',
};

async function rows<T = Record<string, unknown>>(query: SQL): Promise<T[]> {
  return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

async function firstOf(query: SQL): Promise<string> {
  const [row] = await rows<{ id: string }>(query);
  if (!row) throw new Error(`the demo has none: ${JSON.stringify(query)}`);
  return row.id;
}

const words = (value: string) => value.replace(/_/g, ' ');
const withQuery = (path: string, query: string) => `${path}${path.includes('?') ? '&' : '?'}${query}`;

const CASES: ListCase[] = [
  { operation: 'GET /api/v1/org-units', path: () => '/api/v1/org-units', column: 'Code', key: (u) => u.code },
  { operation: 'GET /api/v1/positions', path: () => '/api/v1/positions', column: 'Code', key: (p) => p.code },
  { operation: 'GET /api/v1/skills', path: () => '/api/v1/skills', column: 'Name', key: (s) => s.name },
  { operation: 'GET /api/v1/people', path: () => '/api/v1/people', column: 'E-mail', key: (p) => p.email },
  {
    operation: 'GET /api/v1/people',
    path: () => '/api/v1/people?active=true&q=example',
    filters: 'active, q',
    column: 'E-mail',
    key: (p) => p.email,
    matches: (p) => p.active === true && `${p.name} ${p.email}`.toLowerCase().includes('example'),
  },
  { operation: 'GET /api/v1/pmos', path: () => '/api/v1/pmos', column: 'Code', key: (p) => p.code },
  {
    operation: 'GET /api/v1/pmos',
    path: () => '/api/v1/pmos?level=program',
    filters: 'level',
    column: 'Code',
    key: (p) => p.code,
    matches: (p) => p.level === 'program',
  },
  {
    operation: 'GET /api/v1/pmos/{id}/thresholds',
    path: () => `/api/v1/pmos/${ids.epmo}/thresholds`,
    column: 'Subject',
    key: (t) => words(t.subject),
  },
  { operation: 'GET /api/v1/project-types', path: () => '/api/v1/project-types', column: 'Code', key: (t) => t.code },
  { operation: 'GET /api/v1/projects', path: () => '/api/v1/projects', column: 'Code', key: (p) => p.code, varies: true },
  {
    operation: 'GET /api/v1/projects',
    path: () => `/api/v1/projects?state=active&pmoId=${ids.epmo}`,
    filters: 'state, pmoId',
    column: 'Code',
    key: (p) => p.code,
    matches: (p) => p.state === 'active' && p.pmo.id === ids.epmo,
    varies: true,
  },
  { operation: 'GET /api/v1/requests', path: () => '/api/v1/requests', column: 'Code', key: (r) => r.code, varies: true },
  {
    operation: 'GET /api/v1/requests',
    path: () => `/api/v1/requests?pmoId=${ids.epmo}`,
    filters: 'pmoId',
    column: 'Code',
    key: (r) => r.code,
    matches: (r) => r.pmo?.id === ids.epmo,
    varies: true,
  },
  {
    operation: 'GET /api/v1/requests/{id}/comments',
    path: () => `/api/v1/requests/${ids.request}/comments`,
    column: 'Comment',
    key: (m) => m.body,
  },
  {
    operation: 'GET /api/v1/requests/{id}/attachments',
    path: () => `/api/v1/requests/${ids.request}/attachments`,
    column: 'File',
    key: (a) => a.fileName,
  },
  { operation: 'GET /api/v1/courses', path: () => '/api/v1/courses', column: 'Code', key: (c) => c.code },
  {
    operation: 'GET /api/v1/courses',
    path: () => '/api/v1/courses?active=true',
    filters: 'active',
    column: 'Code',
    key: (c) => c.code,
    matches: (c) => c.active === true,
  },
  {
    operation: 'GET /api/v1/training/requirements',
    path: () => '/api/v1/training/requirements?role=project_manager',
    filters: 'role',
    column: 'Course code',
    key: (r) => r.course.code,
    matches: (r) => r.role === 'project_manager',
  },
  {
    operation: 'GET /api/v1/people/{id}/training-records',
    path: () => `/api/v1/people/${ids.trainedPerson}/training-records`,
    column: 'Course code',
    key: (r) => r.course.code,
  },
  {
    operation: 'GET /api/v1/people/{id}/certifications',
    path: () => `/api/v1/people/${ids.certifiedPerson}/certifications`,
    column: 'Certification',
    key: (c) => c.name,
  },
  {
    operation: 'GET /api/v1/people/{id}/absences',
    path: () => `/api/v1/people/${ids.absentPerson}/absences`,
    // The reason as the caller may read it: masked in the export exactly as in the list.
    column: 'Reason',
    key: (a) => a.reason,
    varies: true,
  },
  {
    operation: 'GET /api/v1/mentorships',
    path: () => '/api/v1/mentorships',
    column: 'Mentee',
    key: (m) => m.mentee.name,
    varies: true,
  },
  {
    operation: 'GET /api/v1/mentorships',
    path: () => '/api/v1/mentorships?status=active',
    filters: 'status',
    column: 'Mentee',
    key: (m) => m.mentee.name,
    matches: (m) => m.status === 'active',
  },
  {
    operation: 'GET /api/v1/mentorships/{id}/sessions',
    path: () => `/api/v1/mentorships/${ids.mentorship}/sessions`,
    column: 'Notes',
    key: (s) => s.notes,
  },
  {
    operation: 'GET /api/v1/training/expiries',
    path: () => '/api/v1/training/expiries?withinDays=3650&includeExpired=true',
    filters: 'withinDays, includeExpired',
    column: 'Course code',
    key: (e) => e.course.code,
  },
  {
    operation: 'GET /api/v1/notifications',
    path: () => '/api/v1/notifications',
    column: 'Title',
    key: (n) => n.title,
    varies: true,
  },
  {
    operation: 'GET /api/v1/notifications',
    path: () => '/api/v1/notifications?unread=true',
    filters: 'unread',
    column: 'Title',
    key: (n) => n.title,
    matches: (n) => n.read === false,
  },
  {
    operation: 'GET /api/v1/allocations',
    path: () => '/api/v1/allocations',
    column: 'Project code',
    key: (a) => a.project.code,
    varies: true,
  },
  {
    operation: 'GET /api/v1/allocations',
    path: () => `/api/v1/allocations?projectId=${ids.project}`,
    filters: 'projectId',
    column: 'Project code',
    key: (a) => a.project.code,
    matches: (a) => a.project.id === ids.project,
  },
  { operation: 'GET /api/v1/users', path: () => '/api/v1/users', column: 'E-mail', key: (u) => u.email },
  { operation: 'GET /api/v1/auth/tokens', path: () => '/api/v1/auth/tokens', column: 'Name', key: (t) => t.name, varies: true },
  {
    operation: 'GET /api/v1/projects/{id}/status-reports',
    path: () => `/api/v1/projects/${ids.reportingProject}/status-reports`,
    column: 'Period start',
    key: (r) => r.periodStart,
  },
  {
    operation: 'GET /api/v1/projects/{id}/report-periods',
    path: () => `/api/v1/projects/${ids.reportingProject}/report-periods`,
    column: 'Period start',
    key: (p) => p.periodStart,
  },
  {
    operation: 'GET /api/v1/projects/{id}/milestones',
    path: () => `/api/v1/projects/${ids.reportingProject}/milestones`,
    column: 'Name',
    key: (m) => m.name,
  },
  // The project's registers: a dozen demo risks (some escalated) and two issues.
  {
    operation: 'GET /api/v1/projects/{id}/risks',
    path: () => `/api/v1/projects/${ids.reportingProject}/risks`,
    column: 'Risk',
    key: (r) => r.key,
  },
  {
    operation: 'GET /api/v1/projects/{id}/risks',
    path: () => `/api/v1/projects/${ids.reportingProject}/risks?escalated=true&status=open`,
    filters: 'escalated, status',
    column: 'Risk',
    key: (r) => r.key,
    matches: (r) => r.escalated && r.status === 'open',
  },
  {
    operation: 'GET /api/v1/projects/{id}/issues',
    path: () => `/api/v1/projects/${ids.reportingProject}/issues`,
    column: 'Issue',
    key: (i) => i.key,
  },
  {
    operation: 'GET /api/v1/projects/{id}/issues',
    path: () => `/api/v1/projects/${ids.reportingProject}/issues?status=resolved`,
    filters: 'status',
    column: 'Issue',
    key: (i) => i.key,
    matches: (i) => i.status === 'resolved',
  },
  // The portfolio's open risks, a cell of the heat map at a time.
  {
    operation: 'GET /api/v1/risks',
    path: () => '/api/v1/risks',
    column: 'Title',
    key: (r) => r.title,
    varies: true,
  },
  {
    operation: 'GET /api/v1/risks',
    path: () => '/api/v1/risks?probability=3&impact=4',
    filters: 'probability, impact',
    column: 'Title',
    key: (r) => r.title,
    matches: (r) => r.probability === 3 && r.impact === 4,
  },
  // The escalation queue over the projects each caller sees.
  {
    operation: 'GET /api/v1/escalations',
    path: () => '/api/v1/escalations',
    column: 'Summary',
    key: (e) => e.summary,
    varies: true,
  },
  {
    operation: 'GET /api/v1/escalations',
    path: () => `/api/v1/escalations?state=guided&pmoId=${ids.epmo}`,
    filters: 'state, pmoId',
    column: 'Summary',
    key: (e) => e.summary,
    matches: (e) => e.state === 'guided' && e.pmo.id === ids.epmo,
    varies: true,
  },
  // Approval requests over the projects each caller sees, and the routes that name them.
  {
    operation: 'GET /api/v1/approvals',
    path: () => '/api/v1/approvals',
    column: 'Request',
    key: (a) => a.key,
    varies: true,
  },
  {
    operation: 'GET /api/v1/approvals',
    path: () => '/api/v1/approvals?state=open&kind=budget_increase',
    filters: 'state, kind',
    column: 'Request',
    key: (a) => a.key,
    matches: (a) => (a.state === 'pending' || a.state === 'info_requested') && a.kind === 'budget_increase',
    varies: true,
  },
  // Across projects: what each caller owes (the projects they report on), and the versions they may see.
  {
    operation: 'GET /api/v1/reporting/due',
    path: () => '/api/v1/reporting/due',
    column: 'Project code',
    key: (d) => d.project.code,
    varies: true,
  },
  {
    operation: 'GET /api/v1/reporting/due',
    path: () => '/api/v1/reporting/due?dueState=due,overdue,escalated&managed=true',
    filters: 'dueState, managed',
    column: 'Project code',
    key: (d) => d.project.code,
    matches: (d) => ['due', 'overdue', 'escalated'].includes(d.dueState),
  },
  {
    operation: 'GET /api/v1/status-reports',
    path: () => '/api/v1/status-reports',
    column: 'Project code',
    key: (r) => r.project.code,
    varies: true,
  },
  {
    operation: 'GET /api/v1/status-reports',
    path: () => '/api/v1/status-reports?state=submitted',
    filters: 'state',
    column: 'Project code',
    key: (r) => r.project.code,
    matches: (r) => r.state === 'submitted',
  },
  // The dashboard's lists: what each caller may open, narrowed like the dashboard.
  {
    operation: 'GET /api/v1/dashboard/rag-matrix',
    path: () => '/api/v1/dashboard/rag-matrix',
    column: 'Code',
    key: (r) => r.project.code,
    varies: true,
  },
  {
    operation: 'GET /api/v1/dashboard/rag-matrix',
    path: () => `/api/v1/dashboard/rag-matrix?pmoId=${ids.epmo}`,
    filters: 'pmoId',
    column: 'Code',
    key: (r) => r.project.code,
  },
  {
    operation: 'GET /api/v1/dashboard/mismatches',
    path: () => '/api/v1/dashboard/mismatches',
    column: 'Code',
    key: (m) => m.project.code,
    matches: (m) => m.dimensions.length > 0,
  },
  {
    operation: 'GET /api/v1/dashboard/late-reports',
    path: () => '/api/v1/dashboard/late-reports',
    column: 'Code',
    key: (l) => l.project.code,
    matches: (l) => ['overdue', 'escalated'].includes(l.dueState),
  },
  { operation: 'GET /api/v1/webhooks', path: () => '/api/v1/webhooks', column: 'URL', key: (w) => w.url },
  {
    operation: 'GET /api/v1/webhooks/{id}/deliveries',
    path: () => `/api/v1/webhooks/${ids.webhook}/deliveries`,
    column: 'Event',
    key: (d) => d.eventId,
  },
];

function text(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes).replace(/^\uFEFF/, '');
}

/** The CSV's rows as text, parsed by exceljs (fast-csv), each cell as written. */
async function csvTable(bytes: Uint8Array): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  const sheet = await workbook.csv.read(Readable.from([text(bytes)]), { map: (datum: string) => datum });
  const table: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    table.push(((row.values as unknown[]).slice(1) as (string | undefined)[]).map((v) => v ?? ''));
  });
  return table;
}

/** The XLSX's first sheet as rows of cell values. */
async function xlsxTable(bytes: Uint8Array): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const table: unknown[][] = [];
  for (let i = 1; i <= sheet.rowCount; i++) table.push((sheet.getRow(i).values as unknown[]).slice(1));
  return table;
}

/** One column of an exported table by its header, below the header row. */
function column<T>(table: T[][], header: string): T[] {
  const index = table[0]!.indexOf(header as T);
  expect(index, `the export has a "${header}" column: ${JSON.stringify(table[0])}`).toBeGreaterThanOrEqual(0);
  return table.slice(1).map((row) => row[index] as T);
}

/** Every page of a list, followed through `next`, and what each page said of the total. */
async function walk(client: ApiClient, first: string): Promise<{ items: Item[]; totals: number[]; pages: number }> {
  const items: Item[] = [];
  const totals: number[] = [];
  let pages = 0;
  let link: string | null = first;
  while (link) {
    const page: { status: number; body: { items: Item[]; total: number; next: string | null } } = await client.get(link);
    expect(page.status, `${link} ${JSON.stringify(page.body).slice(0, 200)}`).toBe(200);
    items.push(...page.body.items);
    totals.push(page.body.total);
    link = page.body.next;
    pages++;
    expect(pages, `${first}: next never ends`).toBeLessThan(50);
  }
  return { items, totals, pages };
}

/**
 * Checks one list for one caller and answers the keys it showed, or null when the list is under a
 * record the caller does not see (404 as a page and as a file).
 */
async function checkList(who: Who, list: ListCase): Promise<string[] | null> {
  const client = clients.get(who)!;
  const path = list.path();
  const label = `${who} ${path}`;
  const full = await client.get(withQuery(path, `limit=${FULL}`));
  if (full.status === 404) {
    const file = await client.download(withQuery(path, 'format=csv'));
    expect(file.status, `${label}: a hidden list's export`).toBe(404);
    return null;
  }
  expect(full.status, `${label} ${JSON.stringify(full.body).slice(0, 200)}`).toBe(200);
  const { items, total } = full.body as { items: Item[]; total: number };
  expect(total, label).toBeLessThanOrEqual(FULL);
  expect([full.body.next, items.length], label).toEqual([null, total]);
  const keys = items.map(list.key);
  if (list.matches) for (const item of items) expect(list.matches(item), `${label}: ${JSON.stringify(item)}`).toBe(true);

  // Pages of about a third of the list: the total on each, and every row once, in order.
  const size = Math.max(1, Math.ceil(total / 3));
  const paged = await walk(client, withQuery(path, `limit=${size}`));
  expect(
    paged.totals.every((t) => t === total),
    `${label}: ${paged.totals}`,
  ).toBe(true);
  expect(paged.pages, label).toBe(Math.max(1, Math.ceil(total / size)));
  expect(paged.items.map(list.key), label).toEqual(keys);
  expect(
    paged.items.map((i) => i.id ?? i.recordId),
    label,
  ).toEqual(items.map((i) => i.id ?? i.recordId));

  // The files ignore paging and hold every row of the caller's list, with its filters.
  const csv = await client.download(withQuery(path, 'format=csv&limit=1&offset=1'));
  expect([csv.status, csv.headers.get('content-type')], label).toEqual([200, 'text/csv; charset=utf-8']);
  const csvRows = await csvTable(csv.bytes);
  expect(csvRows.length - 1, `${label} CSV rows`).toBe(total);
  expect(column(csvRows, list.column), `${label} CSV`).toEqual(keys);

  const xlsx = await client.download(withQuery(path, 'format=xlsx'));
  expect(xlsx.status, label).toBe(200);
  const sheet = await xlsxTable(xlsx.bytes);
  expect(sheet.length - 1, `${label} XLSX rows`).toBe(total);
  expect(
    column(sheet, list.column).map((v) =>
      v === undefined || v === null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v),
    ),
    `${label} XLSX`,
  ).toEqual(keys);
  return keys;
}

beforeAll(async () => {
  database = await testDatabase({ demo: true });
  app = testApp(database);
  for (const who of WHO) clients.set(who, await ApiClient.signIn(app, ACCOUNTS[who]));

  ids.epmo = await firstOf(sql`select id::text as id from pmos where code = 'EPMO'`);
  ids.project = await firstOf(
    sql`select project_id::text as id from allocations group by project_id order by count(*) desc, project_id limit 1`,
  );
  ids.absentPerson = await firstOf(
    sql`select person_id::text as id from absences group by person_id order by count(*) desc, person_id limit 1`,
  );
  ids.trainedPerson = await firstOf(
    sql`select person_id::text as id from training_records group by person_id order by count(*) desc, person_id limit 1`,
  );
  ids.certifiedPerson = await firstOf(
    sql`select person_id::text as id from certifications group by person_id order by count(*) desc, person_id limit 1`,
  );
  ids.mentorship = await firstOf(
    sql`select mentorship_id::text as id from mentoring_sessions group by mentorship_id order by count(*) desc, mentorship_id limit 1`,
  );
  ids.reportingProject = await firstOf(
    sql`select project_id::text as id from status_reports group by project_id order by count(*) desc, project_id limit 1`,
  );

  // A request of the project manager to the Enterprise PMO with a thread and files, and a few tokens
  // per account, so that those lists have rows on several pages.
  const pm = clients.get('pm')!;
  const [type] = await rows<{ id: string }>(sql`select id::text as id from project_types where name = 'IT system delivery'`);
  const [cfo] = await rows<{ id: string }>(sql`select id::text as id from people where email = 'cfo@example.com'`);
  const made = await pm.post('/api/v1/requests', {
    title: 'Export check: supplier portal',
    problem: 'Suppliers send invoices by e-mail.',
    objectives: ['A portal for suppliers'],
    projectTypeId: type!.id,
    sponsorId: cfo!.id,
    pmoId: ids.epmo,
    wantedStart: '2027-05-03',
    durationMonths: 5,
    costEstimate: [{ month: '2027-05', amount: 120_000 }],
  });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  ids.request = made.body.id;
  for (const name of ['terms.pdf', 'quotes.pdf', 'scope.pdf', 'plan.pdf']) {
    const pdf = new TextEncoder().encode(`%PDF-1.4\n% ${name}\ntrailer<</Root 1 0 R>>\n%%EOF\n`);
    const file = await pm.upload(`/api/v1/requests/${ids.request}/attachments`, {
      file: { name, bytes: pdf, type: 'application/pdf' },
    });
    expect(file.status, JSON.stringify(file.body)).toBe(201);
  }
  expect((await pm.post(`/api/v1/requests/${ids.request}/submit`)).status).toBe(200);
  for (const [who, body] of [
    ['pm', 'Quotes from three vendors are attached.'],
    ['lead', 'Which suppliers go first?'],
    ['pm', 'The twenty largest, by spend.'],
    ['analyst', 'Noted for the review.'],
  ] as const) {
    const comment = await clients.get(who)!.post(`/api/v1/requests/${ids.request}/comments`, { body });
    expect(comment.status, JSON.stringify(comment.body)).toBe(201);
  }
  // Webhooks to a receiver of this test, one with deliveries of test events run by the job queue.
  receiver = await startWebhookReceiver();
  const admin = clients.get('admin')!;
  for (const name of ['finance', 'service desk', 'chat']) {
    const hook = await admin.post('/api/v1/webhooks', {
      url: `${receiver.url}/${name.replace(' ', '-')}`,
      description: `Export check: ${name}`,
      events: ['status_report.submitted'],
    });
    expect(hook.status, JSON.stringify(hook.body)).toBe(201);
    ids.webhook ||= hook.body.id;
  }
  for (const _ of [1, 2, 3, 4]) expect((await admin.post(`/api/v1/webhooks/${ids.webhook}/test`)).status).toBeLessThan(300);
  await runDueJobs(database);

  for (const who of WHO) {
    for (const n of [1, 2, 3, 4]) {
      const token = await clients.get(who)!.post('/api/v1/auth/tokens', { name: `export check ${who} ${n}` });
      expect(token.status, JSON.stringify(token.body)).toBe(201);
    }
  }
});

afterAll(async () => {
  await receiver?.close();
  await database?.close();
});

describe('every list pages and exports the same rows', () => {
  for (const list of CASES) {
    it(
      `${list.operation}${list.filters ? ` (${list.filters})` : ''}: total, next and both files agree, for every caller`,
      async () => {
        const allowed = ACCESS[list.operation]?.allow;
        expect(allowed, `${list.operation} is in the route table`).toBeDefined();
        const shown = new Map<Who, string>();
        for (const who of allowed!) {
          const keys = await checkList(who, list);
          if (keys) shown.set(who, JSON.stringify(keys));
        }
        // Somebody sees rows, or the check proved nothing.
        expect(
          [...shown.values()].some((keys) => keys !== '[]'),
          `${list.operation}: no caller sees a row`,
        ).toBe(true);
        if (list.varies) {
          expect(new Set(shown.values()).size, `${list.operation}: every caller sees the same rows`).toBeGreaterThan(1);
        }
      },
      WALK_MS,
    );
  }

  it('the route table names every list the walk checks, and the walk checks every list route', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
    };
    const exporting = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, op]) => op.responses['200']?.content?.['text/csv'])
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    const walked = new Set(CASES.map((c) => c.operation));
    // Checked in files of their own: portfolios (lists.db.test.ts), audit events (audit.visibility.db.test.ts),
    // and the list views with shapes of their own, below.
    for (const own of [
      'GET /api/v1/portfolios',
      'GET /api/v1/training/qualification',
      'GET /api/v1/audit/events',
      'GET /api/v1/pmos/{id}/review-queue',
      'GET /api/v1/resources/capacity',
    ]) {
      walked.add(own);
    }
    expect(exporting.filter((op) => !walked.has(op))).toEqual([]);
    expect([...walked].filter((op) => !exporting.includes(op))).toEqual([]);
  });

  it('refuses the export to a caller the list refuses, as it refuses the page', async () => {
    const viewer = clients.get('viewer')!;
    for (const path of ['/api/v1/users', '/api/v1/training/expiries', '/api/v1/allocations']) {
      expect((await viewer.get(path)).status, path).toBe(403);
      expect((await viewer.download(withQuery(path, 'format=csv'))).status, path).toBe(403);
      expect((await viewer.download(withQuery(path, 'format=xlsx'))).status, path).toBe(403);
    }
  });
});

describe('what an export masks', () => {
  it('shows cost rates only to whom the list shows them', async () => {
    for (const who of ['lead', 'viewer', 'pm'] as const) {
      const client = clients.get(who)!;
      const list = (await client.get(`/api/v1/people?limit=${FULL}`)).body.items as Item[];
      const sheet = await xlsxTable((await client.download('/api/v1/people?format=xlsx')).bytes);
      const rates = column(sheet, 'Cost rate').map((v) => (v === undefined || v === null ? null : v));
      expect(rates, who).toEqual(list.map((p) => p.costRate));
      if (who === 'lead') expect(rates.some((r) => typeof r === 'number' && r > 0)).toBe(true);
      else
        expect(
          rates.every((r) => r === null),
          who,
        ).toBe(true);
    }
  });
});

describe('the list views with shapes of their own', () => {
  it(
    'the qualification view pages by project type and exports one row per type and person, with what each lacks',
    async () => {
      for (const who of ACCESS['GET /api/v1/training/qualification']!.allow) {
        const client = clients.get(who)!;
        const view = await client.get(`/api/v1/training/qualification?limit=${FULL}`);
        expect(view.status).toBe(200);
        const types = view.body.items as Item[];
        expect(view.body.total).toBe(types.length);
        const paged = await walk(client, '/api/v1/training/qualification?limit=1');
        expect(paged.pages).toBe(types.length);
        expect(paged.items.map((t) => t.projectType.id)).toEqual(types.map((t) => t.projectType.id));

        const expected = types.flatMap((t) => {
          const people = [
            ...t.qualified.map((q: Item) => [t.projectType.name, q.person.name, 'qualified']),
            ...t.partiallyQualified.map((q: Item) => [t.projectType.name, q.person.name, 'lacks training']),
          ];
          return people.length
            ? people
            : [[t.projectType.name, '', t.anyoneQualifies ? 'no training required' : 'nobody qualified']];
        });
        expect(expected.some((row) => row[2] === 'qualified')).toBe(true);
        const csv = await csvTable((await client.download('/api/v1/training/qualification?format=csv')).bytes);
        const [typeColumn, personColumn, statusColumn] = ['Project type', 'Person', 'Status'].map((h) => column(csv, h));
        expect(typeColumn!.map((t, i) => [t, personColumn![i], statusColumn![i]])).toEqual(expected);
        const sheet = await xlsxTable((await client.download('/api/v1/training/qualification?format=xlsx')).bytes);
        expect(sheet.length - 1).toBe(expected.length);

        const one = types[0]!.projectType;
        const filtered = await csvTable(
          (await client.download(`/api/v1/training/qualification?projectTypeId=${one.id}&format=csv`)).bytes,
        );
        expect(new Set(column(filtered, 'Project type'))).toEqual(new Set([one.name]));
      }
    },
    WALK_MS,
  );

  it(
    'the review queue exports one row per request in rank order, with score, cost, benefit and short skills',
    async () => {
      for (const who of ACCESS['GET /api/v1/pmos/{id}/review-queue']!.allow) {
        const client = clients.get(who)!;
        const queue = await client.get(`/api/v1/pmos/${ids.epmo}/review-queue`);
        expect(queue.status).toBe(200);
        expect(Object.keys(queue.body).sort()).toEqual(['driverSet', 'items', 'pmoId']);
        const items = queue.body.items as Item[];
        expect(items.map((r) => r.code)).toContain((await client.get(`/api/v1/requests/${ids.request}`)).body.code);

        const csv = await csvTable((await client.download(`/api/v1/pmos/${ids.epmo}/review-queue?format=csv`)).bytes);
        expect(csv[0]).toEqual([
          'Rank',
          'Code',
          'Title',
          'State',
          'Requester',
          'Project type',
          'Wanted start',
          'Score',
          'Score note',
          'Cost',
          'Benefit',
          'Skills',
          'Skills short',
        ]);
        expect(column(csv, 'Code')).toEqual(items.map((r) => r.code));
        expect(column(csv, 'Rank')).toEqual(items.map((r) => String(r.rank)));
        expect(column(csv, 'Cost')).toEqual(items.map((r) => String(r.totalCost)));
        expect(column(csv, 'Score')).toEqual(items.map((r) => (r.score === null ? '' : String(Math.round(r.score * 10) / 10))));

        const file = await client.download(`/api/v1/pmos/${ids.epmo}/review-queue?format=xlsx`);
        expect(file.headers.get('content-disposition')).toMatch(/filename="review-queue-\d{4}-\d{2}-\d{2}\.xlsx"/);
        const sheet = await xlsxTable(file.bytes);
        expect(column(sheet, 'Code')).toEqual(items.map((r) => r.code));
        expect(column(sheet, 'Benefit')).toEqual(items.map((r) => r.totalBenefit));
      }
      // Another PMO's queue is refused as a page and as a file alike.
      const [program] = await rows<{ id: string }>(
        sql`select id::text as id from pmos where code <> 'EPMO' order by code limit 1`,
      );
      const other = clients.get('analyst')!;
      const page = await other.get(`/api/v1/pmos/${program!.id}/review-queue`);
      if (page.status !== 200) {
        expect((await other.download(`/api/v1/pmos/${program!.id}/review-queue?format=csv`)).status).toBe(page.status);
      }
    },
    WALK_MS,
  );

  it(
    'the capacity heat map exports one row per skill and month, with capacity, allocated and free FTE',
    async () => {
      const query = 'from=2026-09&to=2027-02';
      for (const who of ACCESS['GET /api/v1/resources/capacity']!.allow) {
        const client = clients.get(who)!;
        const view = await client.get(`/api/v1/resources/capacity?${query}`);
        expect(view.status).toBe(200);
        expect(Object.keys(view.body).sort()).toEqual(['from', 'months', 'overAllocated', 'skillGaps', 'skills', 'to']);
        const cells = (view.body.skills as Item[]).flatMap((skill) =>
          (skill.cells as Item[]).map((cell) => ({ skill: skill.name, ...cell })),
        );
        expect(cells.length).toBe(view.body.skills.length * view.body.months.length);
        expect(cells.length).toBeGreaterThan(0);

        const csv = await csvTable((await client.download(`/api/v1/resources/capacity?${query}&format=csv`)).bytes);
        expect(column(csv, 'Skill')).toEqual(cells.map((c) => c.skill));
        expect(column(csv, 'Month')).toEqual(cells.map((c) => c.month));
        expect(column(csv, 'Capacity (FTE)')).toEqual(cells.map((c) => String(c.capacityFte)));
        expect(column(csv, 'Allocated (FTE)')).toEqual(cells.map((c) => String(c.allocatedFte)));
        expect(column(csv, 'Free (FTE)')).toEqual(cells.map((c) => String(c.freeFte)));

        const sheet = await xlsxTable((await client.download(`/api/v1/resources/capacity?${query}&format=xlsx`)).bytes);
        expect(column(sheet, 'Skill')).toEqual(cells.map((c) => c.skill));
        expect(column(sheet, 'Free (FTE)')).toEqual(cells.map((c) => c.freeFte));
      }
      // A filter narrows the file as it narrows the view.
      const lead = clients.get('lead')!;
      const [skill] = await rows<{ id: string; name: string }>(
        sql`select s.id::text as id, s.name from skills s join person_skills ps on ps.skill_id = s.id group by s.id, s.name order by s.name limit 1`,
      );
      const csv = await csvTable(
        (await lead.download(`/api/v1/resources/capacity?${query}&skillId=${skill!.id}&format=csv`)).bytes,
      );
      expect(new Set(column(csv, 'Skill'))).toEqual(new Set([skill!.name]));
      expect(csv.length - 1).toBe(6);
    },
    WALK_MS,
  );
});
