import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserHarness,
  HARNESS_MS,
  JOURNEY_MS,
  apiCaller,
  axeViolations,
  chooseIn,
  hasChromium,
  poll,
  showOnFailure,
  signIn,
  startHarness,
} from './support.ts';

/**
 * The portfolio dashboard as the PMO lead meets it: signing in lands on it; a report the test
 * submits green while its figures are red shows in the mismatch list with the figure that
 * disagrees; the Mismatches figure and a RAG count open the project list with the filter behind
 * them and the reporting columns; the lists export; the approvals card shows the decision time; a
 * project manager keeps their own home; axe finds no serious or critical violation on the
 * dashboard or the filtered list.
 */

const client = apiCaller;

const today = () => new Date().toISOString().slice(0, 10);
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

interface Watermelon {
  id: string;
  code: string;
  name: string;
}

/**
 * A report of the project manager, reported green on every dimension while its figures are red:
 * on an active project of theirs that the PMO lead governs, with a report period free, against a
 * baseline the lead sets (BAC 1,000,000 from the go-ahead over a year), 2 % complete for 600,000 spent.
 */
async function submitWatermelon(baseUrl: string): Promise<Watermelon> {
  const pm = await client(baseUrl, 'pm@example.com');
  const lead = await client(baseUrl, 'pmo.lead@example.com');
  const me = await pm('GET', '/api/v1/me');
  const projects = (await pm('GET', '/api/v1/projects?state=active&limit=1000')).items as any[];
  for (const project of projects.filter((p) => p.projectManager?.id === me.personId)) {
    const detail = await pm('GET', `/api/v1/projects/${project.id}`);
    if (!detail.goAheadAt) continue;
    const periods = (await pm('GET', `/api/v1/projects/${project.id}/report-periods?limit=1000`)).items as any[];
    const free = periods.filter((p) => p.report === null && p.periodStart <= today());
    if (free.length === 0) continue;
    const start = (detail.goAheadAt as string).slice(0, 10);
    const finish = addDays(today(), 365);
    try {
      await lead('PUT', `/api/v1/projects/${project.id}/baseline`, {
        bac: 1_000_000,
        curve: [
          { date: start, plannedValue: 0 },
          { date: finish, plannedValue: 1_000_000 },
        ],
        reason: 'Plan of the dashboard journey',
      });
    } catch {
      continue; // a project the lead does not govern
    }
    const open = ((await pm('GET', `/api/v1/projects/${project.id}/milestones?limit=1000`)).items as any[]).filter(
      (m) => !m.achievedOn,
    );
    const { ragDimensions } = await pm('GET', `/api/v1/projects/${project.id}/reporting`);
    const period = free[free.length - 1];
    await pm('POST', `/api/v1/projects/${project.id}/status-reports`, {
      asOf: [period.periodEnd, today()].sort()[0],
      percentComplete: 2,
      actualCost: 600_000,
      rag: Object.fromEntries(['overall', ...ragDimensions].map((k: string) => [k, 'green'])),
      ragReasons: {},
      forecastFinish: finish,
      accomplishments: 'All on track, as far as the team can tell.',
      nextSteps: 'Carry on.',
      helpNeeded: '',
      milestoneForecasts: open.map((m) => ({ milestoneId: m.id, forecastDate: m.latestForecast ?? m.baselineDate })),
      submit: true,
    });
    return { id: project.id, code: project.code, name: project.name };
  }
  throw new Error('the demo data has no active project of pm@example.com, governed by the PMO lead, with a report period free');
}

describe.skipIf(!hasChromium)('the portfolio dashboard', () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startHarness();
  }, HARNESS_MS);

  afterAll(async () => {
    await h?.close();
  });

  it(
    'is where the PMO lead lands: the mismatch shows with its figure, and the figures open the projects behind them',
    async () => {
      const { page, baseUrl } = h;
      showOnFailure(page);
      const pageErrors: string[] = [];
      page.on('pageerror', (err) => pageErrors.push(err.message));
      const watermelon = await submitWatermelon(baseUrl);

      await signIn(page, baseUrl, 'pmo.lead@example.com');
      await page.waitForURL((url) => url.pathname === '/dashboard');
      await page.getByRole('heading', { level: 1, name: 'Portfolio dashboard' }).waitFor();
      const board = await page.evaluate(async () => (await fetch('/api/v1/dashboard')).json());
      const mismatches = (await page.evaluate(async () => (await fetch('/api/v1/dashboard/mismatches?limit=1000')).json()))
        .items as { project: { id: string } }[];
      const at = mismatches.findIndex((m) => m.project.id === watermelon.id);
      expect(at, 'the watermelon is in the mismatch list').toBeGreaterThanOrEqual(0);
      expect(board.mismatches.total).toBe(mismatches.length);
      // The portfolio's risks: the heat map counts the open risks the API gives.
      const risks = await page.evaluate(async () => (await fetch('/api/v1/dashboard/risks')).json());
      const heatMap = page.getByRole('region', { name: 'Risk heat map', exact: true });
      await poll(() => heatMap.innerText()).toContain(String(risks.openRisks));
      const top = risks.topRisks[0];
      await page
        .getByRole('region', { name: 'Top risks', exact: true })
        .getByRole('link', { name: `${top.project.code} · ${top.project.name}` })
        .first()
        .waitFor();
      // A cell opens its risks: as many as it counts (the first page of 25).
      const cell = (risks.heatMap as { probability: number; impact: number; open: number }[]).find((c) => c.open > 0)!;
      await heatMap
        .getByRole('button', { name: new RegExp(`^Probability ${cell.probability}, impact ${cell.impact}: `) })
        .click();
      const cellDrawer = page
        .getByRole('dialog')
        .filter({ hasText: `Open risks at probability ${cell.probability}, impact ${cell.impact}` });
      await poll(() => cellDrawer.locator('tbody tr.ant-table-row').count()).toBe(Math.min(cell.open, 25));
      await cellDrawer.getByRole('button', { name: 'Close' }).click();

      // The portfolio's approvals: the card and its figures render, with requests waiting or none.
      const approvals = await page.evaluate(async () => (await fetch('/api/v1/dashboard/approvals')).json());
      const approvalsCard = page.getByRole('region', { name: 'Approvals', exact: true });
      await poll(() => approvalsCard.innerText()).toContain('Average decision time');
      const average = approvals.averageDecisionDays === null ? '—' : `${approvals.averageDecisionDays} days`;
      const averageFigure = approvalsCard.locator('.ant-statistic', { hasText: 'Average decision time' });
      expect(await averageFigure.locator('.ant-statistic-content').innerText()).toBe(average);
      expect(await approvalsCard.locator('.ant-statistic', { hasText: 'Decided in the last 180 days' }).innerText()).toContain(
        String(approvals.decided),
      );
      if (approvals.waitingByApprover.length === 0)
        expect(await approvalsCard.innerText()).toContain('No approver has requests waiting');
      else
        expect(await approvalsCard.getByRole('link', { name: approvals.waitingByApprover[0].name }).getAttribute('href')).toBe(
          '/approvals?state=open',
        );
      await page.getByRole('region', { name: 'Approvals waiting by step', exact: true }).waitFor();

      // The mismatch list: the project, on the page that holds it, with the figure that disagrees.
      const list = page.getByRole('region', { name: 'Mismatches', exact: true });
      await poll(() => list.innerText()).toContain(`Mismatches (${board.mismatches.total})`);
      if (at >= 10) await list.locator(`.ant-pagination-item-${Math.floor(at / 10) + 1}`).click();
      const row = list.getByRole('row').filter({ hasText: watermelon.name });
      await poll(() => row.count()).toBe(1);
      expect(await row.innerText()).toMatch(/CPI 0\.0\d/);
      expect(await row.getByRole('link', { name: 'Open report' }).count()).toBe(1);
      // Its export: the same list as CSV, with the caller's filters.
      const csv = await page.evaluate(async () => (await fetch('/api/v1/dashboard/mismatches?format=csv')).text());
      expect(csv).toContain(watermelon.code);
      expect(csv.split(/\r?\n/)[0]).toContain('Mismatched dimensions');
      await list.getByRole('button', { name: /Export/ }).click();
      const csvItem = page.getByRole('menuitem', { name: 'CSV' });
      expect(await csvItem.getByRole('link').getAttribute('href')).toBe('/api/v1/dashboard/mismatches?format=csv');
      await page.keyboard.press('Escape');
      expect(await axeViolations(page)).toEqual([]);

      // The Mismatches figure opens the project list filtered to them, with the reporting columns.
      const figure = page.getByRole('link', { name: /^Mismatches/ });
      expect(await figure.innerText()).toContain(String(board.mismatches.total));
      await figure.click();
      await page.waitForURL((url) => url.pathname === '/projects' && url.searchParams.get('mismatch') === 'true');
      const search = page.getByLabel('Search projects');
      await search.fill(watermelon.code);
      await search.press('Enter');
      await page.waitForURL(
        (url) => url.searchParams.get('q') === watermelon.code && url.searchParams.get('mismatch') === 'true',
      );
      const listed = page.getByRole('row').filter({ hasText: watermelon.name });
      await poll(() => listed.count()).toBe(1);
      expect(await listed.innerText()).toContain('Mismatch');
      expect(await listed.innerText()).toContain('Green');
      expect(await listed.innerText()).toContain('Red');
      expect(await axeViolations(page)).toEqual([]);

      // A RAG count of the chart's table opens the projects of that dimension and colour.
      await page.goto(`${baseUrl}/dashboard`);
      const rag = page.getByRole('region', { name: 'RAG by dimension', exact: true });
      await rag.getByRole('checkbox', { name: 'Show as table' }).check();
      const overall = board.rag.counts.find((c: { dimension: string }) => c.dimension === 'overall');
      await rag.getByRole('link', { name: `Overall · computed red: ${overall.computed.red}, open the projects` }).click();
      await page.waitForURL((url) => url.pathname === '/projects' && url.searchParams.get('computedRag') === 'overall:red');
      await page.getByRole('button', { name: 'Remove the filter Overall computed red' }).waitFor();
      const reply = await page.evaluate(async () => (await fetch('/api/v1/projects?computedRag=overall:red&limit=1')).json());
      expect(reply.total).toBe(overall.computed.red);

      // Narrowed to one portfolio, the PMO's record opens the projects it counts, in that portfolio.
      await page.goto(`${baseUrl}/dashboard`);
      await page.getByRole('heading', { level: 1, name: 'Portfolio dashboard' }).waitFor();
      const portfolios = (await page.evaluate(async () => (await fetch('/api/v1/portfolios?limit=1000')).json())).items as {
        id: string;
        name: string;
      }[];
      const portfolio = portfolios.find((p) => p.name === 'Digital Transformation')!;
      await chooseIn(page, page.getByRole('combobox', { name: 'Filter by portfolio' }), '', new RegExp(`^${portfolio.name}$`));
      await page.waitForURL((url) => url.searchParams.get('portfolioId') === portfolio.id);
      const narrowed = await page.evaluate(
        async (id) => (await fetch(`/api/v1/dashboard?portfolioId=${id}`)).json(),
        portfolio.id,
      );
      expect(narrowed.projects.total).toBeLessThan(board.projects.total);
      const record = page.getByRole('region', { name: "The PMO's record" });
      await poll(() => record.innerText()).toContain(`of ${narrowed.pmoRecord.reportsSubmitted} reports`);
      await record.getByRole('link', { name: 'Open the projects these figures count' }).click();
      await page.waitForURL((url) => url.pathname === '/projects' && url.searchParams.get('portfolioId') === portfolio.id);
      const behind = await page.evaluate(async () => (await fetch(`/api/v1/projects${location.search}`)).json());
      expect(behind.total).toBe(narrowed.evm.projects);
      expect(pageErrors).toEqual([]);
    },
    JOURNEY_MS,
  );

  it(
    'leaves a project manager on their own home, with the dashboard one click away',
    async () => {
      const page = await h.newPage();
      await signIn(page, h.baseUrl, 'pm@example.com');
      await page.waitForURL((url) => url.pathname === '/');
      await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
      await page.getByRole('link', { name: 'Dashboard' }).click();
      await page.waitForURL((url) => url.pathname === '/dashboard');
      await page.getByRole('heading', { level: 1, name: 'Portfolio dashboard' }).waitFor();
      await page.context().close();
    },
    JOURNEY_MS,
  );
});
