import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserHarness,
  HARNESS_MS,
  JOURNEY_MS,
  apiCaller,
  axeViolations,
  hasChromium,
  poll,
  signIn,
  startHarness,
} from './support.ts';

/**
 * The Performance tab of a project: the S-curve, the SPI/CPI trend and the milestone trend chart
 * drawn from a baseline, milestones and submitted reports the test makes through the API (on top of
 * the demo's history), each chart's table alternative showing the same figures, a milestone added
 * through the drawer, and no serious or critical axe violation.
 */

const client = apiCaller;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** A day as the web app writes it (formatDate): 2026-03-31 → "31 Mar 2026". */
const shown = (day: string) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
};
/** Money as the app writes it, without the currency symbol: 12345.5 → "12,345.50". */
const amount = (v: number) => new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v);
const index = (v: number) => new Intl.NumberFormat('en-GB', { maximumFractionDigits: 4 }).format(v);
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const today = () => new Date().toISOString().slice(0, 10);

interface Prepared {
  projectId: string;
  /** The reports the test submitted, oldest first. */
  submitted: string[];
  milestones: { name: string; baselineDate: string; latestForecast: string; slipDays: number }[];
}

/**
 * A project of the project manager, with data of its own on top of whatever history the demo
 * gave it: two baseline versions set by the PMO lead (so a re-baseline shows), two milestones, and
 * a submitted report in each report period still free (up to three; at least the current one),
 * each forecasting every open milestone, the test's own a week later in each report.
 */
async function prepare(baseUrl: string): Promise<Prepared> {
  const pm = await client(baseUrl, 'pm@example.com');
  const lead = await client(baseUrl, 'pmo.lead@example.com');
  const me = await pm('GET', '/api/v1/me');
  const projects = (await pm('GET', '/api/v1/projects?limit=1000')).items as any[];
  const candidates: { project: any; detail: any; free: any[] }[] = [];
  for (const project of projects.filter((p) => p.state === 'active' && p.projectManager?.id === me.personId)) {
    const detail = await pm('GET', `/api/v1/projects/${project.id}`);
    if (!detail.goAheadAt) continue;
    const periods = (await pm('GET', `/api/v1/projects/${project.id}/report-periods?limit=1000`)).items as any[];
    // Oldest first, and only periods that have begun: a report may not be dated in the future.
    const free = periods.filter((p) => p.report === null && p.periodStart <= today()).reverse();
    if (free.length > 0) candidates.push({ project, detail, free });
  }
  // The project with the most free periods: three when the demo has no report history.
  candidates.sort((a, b) => b.free.length - a.free.length);
  for (const { project, detail, free } of candidates) {
    const goAheadOn = (detail.goAheadAt as string).slice(0, 10);
    const finish =
      detail.plannedFinishDate && detail.plannedFinishDate > addDays(today(), 60)
        ? detail.plannedFinishDate
        : addDays(today(), 365);
    const curve = (bac: number) => [
      { date: goAheadOn, plannedValue: 0 },
      { date: finish, plannedValue: bac },
    ];
    try {
      await lead('PUT', `/api/v1/projects/${project.id}/baseline`, { bac: 450_000, curve: curve(450_000), reason: 'Plan' });
    } catch {
      continue; // a project the lead does not govern
    }
    await lead('PUT', `/api/v1/projects/${project.id}/baseline`, { bac: BAC, curve: curve(BAC), reason: 'Re-plan' });
    const base = addDays(today(), 90);
    const ours = ['Pilot site live', 'Data migration signed off'].map((name, i) => ({
      name,
      baselineDate: addDays(base, i * 30),
    }));
    const ids = new Map<string, string>();
    for (const m of ours) ids.set((await pm('POST', `/api/v1/projects/${project.id}/milestones`, m)).id, m.name);
    const open = ((await pm('GET', `/api/v1/projects/${project.id}/milestones?limit=1000`)).items as any[]).filter(
      (m) => !m.achievedOn,
    );
    const { ragDimensions } = await pm('GET', `/api/v1/projects/${project.id}/reporting`);
    const rag = Object.fromEntries(['overall', ...ragDimensions].map((k) => [k, 'green']));
    const chosen = free.slice(-3);
    const submitted: string[] = [];
    for (const [i, period] of chosen.entries()) {
      const asOf = [period.periodEnd, today()].sort()[0]!; // the period end, or today in the current period
      const report = await pm('POST', `/api/v1/projects/${project.id}/status-reports`, {
        asOf,
        percentComplete: 50 + i * 5,
        actualCost: 250_000 + i * 20_000,
        rag,
        ragReasons: {},
        forecastFinish: finish,
        accomplishments: `Report ${i + 1} of the performance journey.`,
        nextSteps: 'Keep going.',
        helpNeeded: '',
        milestoneForecasts: open.map((m) => ({
          milestoneId: m.id,
          forecastDate: ids.has(m.id) ? addDays(m.baselineDate, (i + 1) * 7) : (m.latestForecast ?? m.baselineDate),
        })),
        submit: true,
      });
      submitted.push(report.id);
    }
    const milestones = ours.map((m) => ({
      ...m,
      latestForecast: addDays(m.baselineDate, chosen.length * 7),
      slipDays: chosen.length * 7,
    }));
    return { projectId: project.id, submitted, milestones };
  }
  throw new Error('the demo data has no active project of pm@example.com, governed by the PMO lead, with a report period free');
}

const BAC = 480_000;

const region = (root: { getByRole: Locator['getByRole'] }, name: string) => root.getByRole('region', { name, exact: true });

describe.skipIf(!hasChromium)('the Performance tab of a project', () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startHarness();
  }, HARNESS_MS);

  afterAll(async () => {
    await h?.close();
  });

  it(
    'draws the S-curve, SPI/CPI and milestone trend with their tables, and adds a milestone through the drawer',
    async () => {
      const { page, baseUrl } = h;
      const pageErrors: string[] = [];
      page.on('pageerror', (err) => pageErrors.push(err.message));
      const data = await prepare(baseUrl);

      await signIn(page, baseUrl, 'pm@example.com');
      await page.goto(`${baseUrl}/projects/${data.projectId}?tab=performance`);
      const panel = page.getByRole('tabpanel', { name: 'Performance' });
      // What the server stored, to hold the tables to: every point, the test's reports among them.
      const performance = await page.evaluate(
        async (id) => (await fetch(`/api/v1/projects/${id}/performance`)).json(),
        data.projectId,
      );
      const points = performance.points as { reportId: string; asOf: string; [k: string]: any }[];
      expect(points.length).toBeGreaterThanOrEqual(2);
      for (const id of data.submitted) expect(points.map((p) => p.reportId)).toContain(id);
      expect(performance.baseline).toMatchObject({ bac: BAC, reason: 'Re-plan' });
      expect(performance.baseline.number).toBeGreaterThanOrEqual(2);

      // The S-curve: PV, EV and AC lines, BAC and EAC reference lines, the re-baseline marked.
      const sCurve = region(panel, 'S-curve');
      await poll(() => sCurve.locator('.recharts-line-curve').count()).toBe(3);
      expect(await sCurve.getByRole('figure').getAttribute('aria-label')).toMatch(/^S-curve/);
      await poll(() => sCurve.locator('.recharts-reference-line').count()).toBeGreaterThanOrEqual(2);
      expect(await sCurve.innerText()).toContain(`Re-baseline v${performance.baseline.number}`);
      expect(await sCurve.innerText()).toContain('BAC');
      // The charts drawn (the tables are checked once shown, below).
      await poll(() => region(panel, 'Milestone trend').locator('.recharts-line-curve').count()).toBeGreaterThanOrEqual(1);
      expect(await axeViolations(page)).toEqual([]);
      await sCurve.getByRole('checkbox', { name: 'Show as table' }).check();
      const sTable = sCurve.getByRole('table').first();
      await poll(() => sTable.getByRole('row').count()).toBe(points.length + 1);
      for (const point of points) {
        const text = await sTable
          .getByRole('row')
          .filter({ hasText: shown(point.asOf) })
          .innerText();
        for (const k of ['pv', 'ev', 'ac', 'eac', 'bac']) {
          if (point[k] !== null) expect(text, `${point.asOf} ${k}`).toContain(amount(point[k]));
        }
      }
      expect(await sCurve.innerText()).toContain(amount(BAC));

      // SPI and CPI: two lines and the 1.0 line; the table gives each report's indices.
      const indices = region(panel, 'SPI and CPI trend');
      await poll(() => indices.locator('.recharts-line-curve').count()).toBe(2);
      await poll(() => indices.locator('.recharts-reference-line').count()).toBeGreaterThanOrEqual(1);
      expect(await indices.innerText()).toMatch(/Tolerances of the standard: .*amber below/);
      await indices.getByRole('checkbox', { name: 'Show as table' }).check();
      await poll(() => indices.getByRole('row').count()).toBe(points.length + 1);
      for (const point of points) {
        const text = await indices
          .getByRole('row')
          .filter({ hasText: shown(point.asOf) })
          .innerText();
        if (point.spi !== null) expect(text, `${point.asOf} SPI`).toContain(index(point.spi));
        if (point.cpi !== null) expect(text, `${point.asOf} CPI`).toContain(index(point.cpi));
      }

      // The milestone trend: a line per forecast milestone, the diagonal and the baseline dates.
      const trend = region(panel, 'Milestone trend');
      await poll(() => trend.locator('.recharts-line-curve').count()).toBeGreaterThanOrEqual(data.milestones.length);
      await poll(() => trend.locator('.recharts-reference-line').count()).toBeGreaterThanOrEqual(1 + data.milestones.length);
      expect(await trend.innerText()).toContain('forecast = report date');
      await trend.getByRole('checkbox', { name: 'Show as table' }).check();
      const ourPoints = points.filter((p) => data.submitted.includes(p.reportId));
      for (const m of data.milestones) {
        const rows = trend.getByRole('row').filter({ hasText: m.name });
        await poll(() => rows.count()).toBe(ourPoints.length);
        const texts = await rows.allInnerTexts();
        for (const [i, point] of ourPoints.entries()) {
          const forecast = addDays(m.baselineDate, (i + 1) * 7);
          const match = texts.find((t) => t.includes(shown(point.asOf)) && t.includes(shown(forecast)));
          expect(match, `${m.name} forecast ${forecast} in the report of ${point.asOf}`).toContain(`${(i + 1) * 7} days late`);
        }
      }

      // The milestones list: slipped ones tagged.
      const list = region(panel, 'Milestones');
      const slipped = list.getByRole('row').filter({ hasText: data.milestones[0]!.name });
      await poll(() => slipped.innerText()).toContain(`Slipped · ${data.milestones[0]!.slipDays} days late`);
      expect(await slipped.innerText()).toContain(shown(data.milestones[0]!.baselineDate));
      expect(await slipped.innerText()).toContain(shown(data.milestones[0]!.latestForecast));

      expect(await axeViolations(page)).toEqual([]);

      // Add a milestone through the drawer.
      await list.getByRole('button', { name: 'Add milestone' }).click();
      const drawer = page.getByRole('dialog', { name: 'New milestone' });
      await drawer.getByLabel('Name', { exact: true }).fill('Training complete');
      const baselineDate = addDays(today(), 150);
      await drawer.getByLabel('Baseline date', { exact: true }).fill(baselineDate);
      await drawer.getByLabel('Baseline date', { exact: true }).press('Tab');
      await page.getByRole('button', { name: 'Save milestone' }).click();
      await drawer.waitFor({ state: 'hidden' });
      // Closed and gone (its closing fade would be measured for contrast otherwise).
      await poll(() => page.locator('#baselineDate_extra').count()).toBe(0);
      const added = list.getByRole('row').filter({ hasText: 'Training complete' });
      await poll(() => added.innerText()).toContain(shown(baselineDate));
      expect(await added.innerText()).toContain('No forecast yet');
      const saved = await page.evaluate(
        async (id) => (await (await fetch(`/api/v1/projects/${id}/milestones?limit=1000`)).json()).items,
        data.projectId,
      );
      expect(saved).toContainEqual(expect.objectContaining({ name: 'Training complete', baselineDate, achievedOn: null }));
      // A milestone no submitted report forecast yet can be removed; the forecast ones cannot.
      expect(await added.getByRole('button', { name: 'Remove Training complete' }).count()).toBe(1);
      expect(await slipped.getByRole('button', { name: /^Remove/ }).count()).toBe(0);

      expect(await axeViolations(page)).toEqual([]);
      expect(pageErrors).toEqual([]);
    },
    JOURNEY_MS,
  );
});
