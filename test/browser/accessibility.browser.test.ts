import { AxeBuilder } from '@axe-core/playwright';
import type { AxeResults, Result } from 'axe-core';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHarness, WAIT_MS, WCAG_TAGS, hasChromium, signIn, startHarness } from './support.ts';

/**
 * Every main page of the web app, as the role that works on it, checked with axe-core against
 * WCAG 2.1 A and AA: no serious or critical violation may remain. A failure prints each rule with
 * the nodes it found, so the cause can be read from the test output. The PMO lead's home (the
 * portfolio dashboard) and the project list filtered by reporting status are checked in the
 * dashboard journey, with a report of the journey's own on them; the project's Performance tab in
 * its own journey.
 */

type Account = 'pmo.lead' | 'pm' | 'admin' | 'coo';

const BLOCKING = new Set(['serious', 'critical']);

/** A GET of the API as the page's signed-in account (its browser context's cookies). */
type ApiGet = (path: string) => Promise<unknown>;

/** One path per page; a function looks up a record through the API first. */
interface PageCase {
  name: string;
  as: Account | null;
  path: string | ((api: ApiGet) => Promise<string>);
}

/** The first item of an API list, as the signed-in account sees it. */
async function firstId(api: ApiGet, listPath: string): Promise<string> {
  const id = ((await api(listPath)) as { items?: { id: string }[] }).items?.[0]?.id;
  if (!id) throw new Error(`the demo data has nothing at ${listPath}`);
  return id;
}

/** The page of the first status report an API list across projects gives. */
async function firstReportPath(api: ApiGet, listPath: string): Promise<string> {
  const report = ((await api(listPath)) as { items?: { id: string; project: { id: string } }[] }).items?.[0];
  if (!report) throw new Error(`the demo data has nothing at ${listPath}`);
  return `/projects/${report.project.id}/status-reports/${report.id}`;
}

const PAGES: PageCase[] = [
  { name: 'login', as: null, path: '/login' },
  { name: 'home (project manager)', as: 'pm', path: '/' },
  { name: 'home (executive)', as: 'coo', path: '/' },
  { name: 'overview (PMO lead)', as: 'pmo.lead', path: '/overview' },
  { name: 'projects', as: 'pmo.lead', path: '/projects' },
  { name: 'a project', as: 'pmo.lead', path: async (api) => `/projects/${await firstId(api, '/api/v1/projects')}` },
  { name: 'requests', as: 'pmo.lead', path: '/requests' },
  {
    name: 'a request',
    as: 'pmo.lead',
    path: async (api) => `/requests/${await firstId(api, '/api/v1/requests?state=in_review')}`,
  },
  { name: 'the request form', as: 'pm', path: '/requests/new' },
  { name: 'the review queue', as: 'pmo.lead', path: '/review' },
  { name: 'reports to review', as: 'pmo.lead', path: '/reports/review' },
  { name: 'the escalation queue', as: 'pmo.lead', path: '/escalations' },
  {
    name: "a project's risks and issues",
    as: 'pm',
    path: async (api) => `/projects/${await firstId(api, '/api/v1/projects?state=active')}?tab=risks`,
  },
  {
    name: "a project's status reports",
    as: 'pmo.lead',
    path: async (api) => `/projects/${await firstId(api, '/api/v1/projects?reported=true')}?tab=reports`,
  },
  { name: 'a status report', as: 'pmo.lead', path: (api) => firstReportPath(api, '/api/v1/status-reports?state=submitted') },
  {
    name: 'the status report form',
    as: 'pm',
    // A project the project manager owes a report on, so the form is theirs to fill.
    path: async (api) => {
      const due = (await api('/api/v1/reporting/due?managed=true')) as { items?: { project: { id: string } }[] };
      const projectId = due.items?.[0]?.project.id;
      if (!projectId) throw new Error('the demo data owes no report of pm@example.com');
      return `/projects/${projectId}/status-reports/new`;
    },
  },
  { name: 'PMOs', as: 'pmo.lead', path: '/pmos' },
  { name: 'a PMO', as: 'pmo.lead', path: async (api) => `/pmos/${await firstId(api, '/api/v1/pmos')}` },
  { name: 'standards', as: 'pmo.lead', path: '/standards' },
  { name: 'a standard', as: 'pmo.lead', path: async (api) => `/standards/${await firstId(api, '/api/v1/project-types')}` },
  { name: 'people', as: 'pmo.lead', path: '/people' },
  { name: 'a person', as: 'pmo.lead', path: async (api) => `/people/${await firstId(api, '/api/v1/people')}` },
  { name: 'capacity', as: 'pmo.lead', path: '/resources/capacity' },
  { name: 'courses', as: 'pmo.lead', path: '/training/courses' },
  { name: 'qualification', as: 'pmo.lead', path: '/training/qualification' },
  { name: 'mentoring', as: 'pmo.lead', path: '/training/mentoring' },
  { name: 'portfolios', as: 'pmo.lead', path: '/portfolios' },
  { name: 'users', as: 'admin', path: '/admin/users' },
  { name: 'audit', as: 'pmo.lead', path: '/audit' },
  { name: 'account', as: 'pm', path: '/account' },
];

/** The violations that block: serious or critical, each with the nodes it was found on. */
function blocking(results: AxeResults): Result[] {
  return results.violations.filter((v) => BLOCKING.has(v.impact ?? ''));
}

/** A violation list as a reader wants it: rule, impact, help, and each node's target and summary. */
function describeViolations(pageName: string, violations: Result[]): string {
  const lines = [`${violations.length} serious or critical axe violations on ${pageName}:`];
  for (const v of violations) {
    lines.push('', `● ${v.id} (${v.impact}): ${v.help}`, `  ${v.helpUrl}`);
    for (const node of v.nodes.slice(0, 15)) {
      lines.push(`  - ${node.target.join(' ')}`, `    ${node.html.replace(/\s+/g, ' ').slice(0, 200)}`);
      if (node.failureSummary) lines.push(...node.failureSummary.split('\n').map((l) => `      ${l}`));
    }
    if (v.nodes.length > 15) lines.push(`  … and ${v.nodes.length - 15} more nodes`);
  }
  return lines.join('\n');
}

/** Waits until the page has drawn its content: a heading, no request in flight, no skeleton or spinner. */
async function settled(page: Page) {
  await page.locator('h1').first().waitFor({ timeout: 30_000 });
  await page.waitForLoadState('networkidle', { timeout: 30_000 });
  await expect.poll(() => page.locator('.ant-skeleton, .ant-spin-spinning').count(), { timeout: 30_000, interval: 200 }).toBe(0);
}

describe.skipIf(!hasChromium)('accessibility of every main page (axe-core, WCAG 2.1 AA)', () => {
  let h: BrowserHarness;
  const contexts = new Map<Account, BrowserContext>();

  beforeAll(async () => {
    h = await startHarness();
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts.values()) await context.close();
    await h?.close();
  });

  /** A browser context signed in through the sign-in form, one per account, reused across pages. */
  async function signedIn(account: Account | null): Promise<Page> {
    if (account === null) return h.newPage();
    let context = contexts.get(account);
    if (!context) {
      const first = await h.newPage();
      await signIn(first, h.baseUrl, `${account}@example.com`);
      context = first.context();
      await first.close();
      contexts.set(account, context);
    }
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    page.setDefaultNavigationTimeout(WAIT_MS);
    return page;
  }

  for (const pageCase of PAGES) {
    it(`${pageCase.name} has no serious or critical violation`, async () => {
      const page = await signedIn(pageCase.as);
      try {
        // A lookup asks the API with the account's cookies; a fixed path opens at once.
        const api: ApiGet = async (apiPath) => {
          const reply = await page.request.get(`${h.baseUrl}${apiPath}`);
          if (!reply.ok()) throw new Error(`${apiPath}: ${reply.status()} ${await reply.text()}`);
          return reply.json();
        };
        const path = typeof pageCase.path === 'string' ? pageCase.path : await pageCase.path(api);
        await page.goto(`${h.baseUrl}${path}`);
        await settled(page);
        const results = await new AxeBuilder({ page })
          .withTags(WCAG_TAGS)
          // Experimental in axe, so off unless asked: a control whose accessible name does not
          // contain its visible label (WCAG 2.5.3) cannot be operated by speech.
          .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
          .analyze();
        const found = blocking(results);
        expect(
          found.map((v) => `${v.id}: ${v.nodes.length} nodes`),
          describeViolations(`${pageCase.name} (${path})`, found),
        ).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }
});
