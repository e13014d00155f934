import type { Locator, Page } from 'playwright-core';
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
 * A status report from draft to acceptance, on a project the test approves through the API (with a
 * baseline whose figures are red): the project manager starts the report from the project's Status
 * reports tab, fills it with every change saved as it goes, and submits it reported green; the page
 * shows the earned value, the computed red and the mismatch naming schedule and SPI. The PMO lead
 * lands on the dashboard, finds the project in its mismatch list, opens the project and reads its
 * S-curve, finds the report in Reports to review and returns it with a comment; the project manager
 * finds it on the home page's Reports due, reads the comment, revises it as amber with reasons and
 * resubmits; the lead accepts it. The tab, the report page and the review page pass axe.
 */

const client = apiCaller;

const today = () => new Date().toISOString().slice(0, 10);
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

interface Prepared {
  projectId: string;
  code: string;
  name: string;
  ragDimensions: string[];
  milestone: string;
}

/**
 * A project of pm@example.com given its go-ahead today: a request raised, rated and approved by the
 * PMO, then a baseline from 60 days ago to 120 days ahead (so 10 % complete today is far behind plan)
 * and a key milestone. Nothing of the demo's reports is used.
 */
async function prepare(baseUrl: string): Promise<Prepared> {
  const pm = await client(baseUrl, 'pm@example.com');
  const analyst = await client(baseUrl, 'pmo.analyst@example.com');
  const lead = await client(baseUrl, 'pmo.lead@example.com');
  const pick = <T extends { name: string }>(items: T[], name: string) => {
    const found = items.find((i) => i.name === name);
    if (!found) throw new Error(`the demo has no ${name}`);
    return found as T & { id: string };
  };
  const me = await pm('GET', '/api/v1/me');
  const type = pick((await pm('GET', '/api/v1/project-types')).items, 'IT system delivery');
  const pmo = pick((await pm('GET', '/api/v1/pmos')).items, 'Enterprise PMO');
  const sponsor = pick((await pm('GET', '/api/v1/people?q=Daniel%20Okafor')).items, 'Daniel Okafor');
  const suffix = `${Date.now().toString(36).slice(-4)}${Math.floor(Math.random() * 1000)}`.toUpperCase();
  const title = `Dock scheduling ${suffix}`;
  const request = await pm('POST', '/api/v1/requests', {
    title,
    problem: 'Trucks queue at the docks because nobody books a slot.',
    objectives: ['Cut truck waiting time by half'],
    benefits: [{ description: 'Fewer demurrage fees', amount: 120_000 }],
    projectTypeId: type.id,
    pmoId: pmo.id,
    sponsorId: sponsor.id,
    wantedStart: '2027-03-01',
    durationMonths: 3,
    costEstimate: [
      { month: '2027-03', amount: 100_000 },
      { month: '2027-04', amount: 100_000 },
      { month: '2027-05', amount: 100_000 },
    ],
  });
  await pm('POST', `/api/v1/requests/${request.id}/submit`);
  await analyst('POST', `/api/v1/requests/${request.id}/start-review`);
  const { drivers } = await lead('GET', `/api/v1/pmos/${pmo.id}/driver-comparisons`);
  await analyst('PUT', `/api/v1/requests/${request.id}/ratings`, {
    ratings: (drivers as string[]).map((driver) => ({ driver, rating: 'strong' })),
  });
  const start = addDays(today(), -60);
  const finish = addDays(today(), 120);
  const code = `SRJ-${suffix}`;
  const decided = await lead('POST', `/api/v1/requests/${request.id}/decision`, {
    outcome: 'approve',
    rationale: 'Cheap, quick and the docks team is ready.',
    projectCode: code,
    budget: 300_000,
    startDate: start,
    plannedFinishDate: finish,
    projectManagerId: me.personId,
  });
  const projectId = decided.project.id as string;
  await lead('PUT', `/api/v1/projects/${projectId}/baseline`, {
    bac: 300_000,
    curve: [
      { date: start, plannedValue: 0 },
      { date: finish, plannedValue: 300_000 },
    ],
    reason: 'Planned value from the approved start',
  });
  const milestone = 'Pilot dock live';
  await pm('POST', `/api/v1/projects/${projectId}/milestones`, { name: milestone, baselineDate: addDays(today(), 45) });
  const { ragDimensions } = await pm('GET', `/api/v1/projects/${projectId}/reporting`);
  return { projectId, code, name: title, ragDimensions, milestone };
}

/** Waits until the autosave says "Saved · hh:mm:ss" with nothing pending. */
async function saved(page: Page) {
  const status = page.getByTestId('save-status');
  await poll(() => status.getAttribute('data-state')).toBe('saved');
  expect(await status.innerText()).toMatch(/Saved · \d{2}:\d{2}:\d{2}/);
}

/** Chooses a RAG of one key (Overall, Schedule, …) in the report form. */
async function rate(page: Page, key: string, rag: 'Green' | 'Amber' | 'Red') {
  const group = page.getByRole('radiogroup', { name: key, exact: true });
  await group.getByText(rag, { exact: true }).click();
  await poll(() => group.locator('.ant-radio-button-wrapper-checked').innerText()).toContain(rag);
}

/** Types a day into a date input and leaves it. */
async function typeDay(input: Locator, day: string) {
  await input.click();
  await input.fill(day);
  await input.press('Tab');
}

const label = (key: string) => key.charAt(0).toUpperCase() + key.slice(1);

/** The antd card titled `title` under `root`. */
function card(root: Page | Locator, title: string): Locator {
  // A `has` locator is matched inside each card, so it starts from the page, not from `root`.
  const page = 'page' in root && typeof root.page === 'function' ? (root as Locator).page() : (root as Page);
  return root.locator('.ant-card').filter({ has: page.locator('.ant-card-head-title', { hasText: title }) });
}

describe.skipIf(!hasChromium)('a status report from draft to acceptance', () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startHarness();
  }, HARNESS_MS);

  afterAll(async () => {
    await h?.close();
  });

  it(
    'is filled with autosave, submitted green with red figures, returned with a comment, revised and accepted',
    async () => {
      const { baseUrl } = h;
      const data = await prepare(baseUrl);
      const pageErrors: string[] = [];
      const pmPage = h.page;
      pmPage.on('pageerror', (err) => pageErrors.push(err.message));

      // The project manager opens the project's Status reports tab: the first period is owed.
      await signIn(pmPage, baseUrl, 'pm@example.com');
      await pmPage.goto(`${baseUrl}/projects/${data.projectId}?tab=reports`);
      const tab = pmPage.getByRole('tabpanel', { name: 'Status reports' });
      await tab.getByText(/^Next report: /).waitFor();
      const periods = card(tab, 'Report periods');
      await poll(() => periods.getByRole('row').count()).toBeGreaterThan(1);
      expect(await periods.innerText()).toContain('Overdue from');
      expect(await axeViolations(pmPage)).toEqual([]);
      await tab.getByRole('button', { name: 'Start the report' }).click();
      await pmPage.waitForURL(/\/status-reports\/new\?asOf=/);
      await pmPage.getByRole('heading', { name: 'New status report' }).waitFor();

      // The first change creates the draft and moves the page to its address; the rest autosave.
      await pmPage.getByLabel('Percent complete', { exact: true }).fill('10');
      await pmPage.waitForURL(/\/status-reports\/[0-9a-f-]{36}$/);
      await saved(pmPage);
      const reportId = /\/status-reports\/([0-9a-f-]{36})$/.exec(pmPage.url())![1]!;
      await pmPage.getByLabel('Actual cost to date', { exact: true }).fill('90000');
      await typeDay(pmPage.getByLabel('Forecast finish', { exact: true }), addDays(today(), 120));
      for (const key of ['overall', ...data.ragDimensions]) await rate(pmPage, label(key), 'Green');
      await typeDay(pmPage.getByLabel(`${data.milestone}: forecast`, { exact: true }), addDays(today(), 50));
      await pmPage.getByLabel('Accomplishments this period', { exact: true }).fill('Dock booking screens designed.');
      await pmPage.getByLabel('Next steps', { exact: true }).fill('Pilot at dock 3.');
      await poll(() => pmPage.getByTestId('save-status').getAttribute('data-state')).not.toBe('saved');
      await saved(pmPage);
      // What the server holds is what was typed: the draft was saved, not just shown.
      const draft = await pmPage.evaluate(async ([p, r]) => (await fetch(`/api/v1/projects/${p}/status-reports/${r}`)).json(), [
        data.projectId,
        reportId,
      ] as const);
      expect(draft).toMatchObject({
        state: 'draft',
        percentComplete: 10,
        actualCost: 90_000,
        forecastFinish: addDays(today(), 120),
        accomplishments: 'Dock booking screens designed.',
        nextSteps: 'Pilot at dock 3.',
        rag: { overall: 'green', schedule: 'green' },
      });
      expect(draft.milestoneForecasts.map((f: { name: string }) => f.name)).toEqual([data.milestone]);
      expect(draft.version).toBeGreaterThan(1);

      // Submitted: the figures say red where the report says green.
      await pmPage.getByRole('button', { name: 'Submit to the PMO' }).first().click();
      const banner = pmPage.getByTestId('mismatch-banner');
      await banner.waitFor();
      expect(await banner.innerText()).toMatch(/Schedule: reported green, computed red — SPI 0\.3/);
      expect(await banner.innerText()).toMatch(/Cost: reported green, computed red/);
      expect(await pmPage.getByTestId('evm-spi').innerText()).toBe('0.3');
      expect(await pmPage.getByTestId('evm-ev').innerText()).toContain('30,000');
      const comparison = card(pmPage, 'Status: reported and computed');
      const scheduleRow = comparison.getByRole('row', { name: /^Schedule/ });
      expect(await scheduleRow.innerText()).toMatch(/Green[\s\S]*Red[\s\S]*Mismatch/);
      // The project manager may not review their own report: nothing offers it.
      expect(await pmPage.getByRole('button', { name: /Accept|Return for revision/ }).count()).toBe(0);
      expect(await axeViolations(pmPage)).toEqual([]);

      // The PMO lead finds it in Reports to review, flagged, and returns it with a comment.
      const leadPage = await h.newPage();
      leadPage.on('pageerror', (err) => pageErrors.push(err.message));
      await signIn(leadPage, baseUrl, 'pmo.lead@example.com');
      // The lead lands on the dashboard; the mismatch list names the project with the figure.
      await leadPage.waitForURL((url) => url.pathname === '/dashboard');
      await leadPage.getByRole('heading', { level: 1, name: 'Portfolio dashboard' }).waitFor();
      const mismatches = (await leadPage.evaluate(async () => (await fetch('/api/v1/dashboard/mismatches?limit=1000')).json()))
        .items as { project: { id: string } }[];
      const at = mismatches.findIndex((m) => m.project.id === data.projectId);
      expect(at, 'the project is in the mismatch list').toBeGreaterThanOrEqual(0);
      const mismatchList = leadPage.getByRole('region', { name: 'Mismatches', exact: true });
      if (at >= 10) await mismatchList.locator(`.ant-pagination-item-${Math.floor(at / 10) + 1}`).click();
      const mismatchRow = mismatchList.getByRole('row').filter({ hasText: data.code });
      await poll(() => mismatchRow.count()).toBe(1);
      expect(await mismatchRow.innerText()).toMatch(/SPI 0\.3/);
      // It opens the project, whose S-curve shows the earned value of the report below plan.
      await mismatchRow.getByRole('link', { name: data.name, exact: true }).click();
      await leadPage.waitForURL(new RegExp(`/projects/${data.projectId}`));
      // Its status names the dimensions and the figures that disagree.
      await leadPage.getByRole('tab', { name: 'Status reports' }).click();
      await poll(() => leadPage.getByTestId('status-mismatches').innerText()).toMatch(
        /Schedule reported green, computed red: SPI 0\.3/,
      );
      await leadPage.getByRole('tab', { name: 'Performance' }).click();
      // The open tab is in the address, so the link to it can be shared.
      await leadPage.waitForURL((url) => url.searchParams.get('tab') === 'performance');
      const sCurve = leadPage.getByRole('region', { name: 'S-curve', exact: true });
      await poll(() => sCurve.locator('.recharts-line-curve').count()).toBe(3);
      await sCurve.getByRole('checkbox', { name: 'Show as table' }).check();
      await poll(() => sCurve.getByRole('table').first().innerText()).toContain('30,000');
      await leadPage.getByRole('navigation').getByRole('link', { name: 'Reports to review' }).click();
      await leadPage.getByRole('heading', { name: 'Reports to review' }).waitFor();
      await leadPage.getByLabel('Search projects', { exact: true }).fill(data.code);
      await leadPage.getByLabel('Search projects', { exact: true }).press('Enter');
      const row = leadPage.getByRole('row', { name: new RegExp(data.code) });
      await poll(() => row.count()).toBe(1);
      expect(await row.innerText()).toContain('Mismatch');
      expect(await axeViolations(leadPage)).toEqual([]);
      await row.getByRole('link').first().click();
      await leadPage.waitForURL(new RegExp(`/status-reports/${reportId}$`));
      await leadPage.getByTestId('mismatch-banner').waitFor();
      await leadPage.getByRole('button', { name: 'Return for revision' }).click();
      const returnDialog = leadPage.getByRole('dialog', { name: 'Return the status report for revision' });
      await returnDialog.getByRole('button', { name: 'Return', exact: true }).click();
      await returnDialog.getByText('Say what to revise: the project manager reads it').waitFor();
      const comment = 'SPI is 0.3 and CPI 0.33: say why schedule and cost are not green, and the recovery plan.';
      await returnDialog.getByLabel('What should the project manager revise?').fill(comment);
      await returnDialog.getByRole('button', { name: 'Return', exact: true }).click();
      await returnDialog.waitFor({ state: 'hidden' });
      await poll(() => leadPage.getByTestId('review-outcome').innerText()).toContain('Returned for revision by');

      // The project manager sees it returned on the home page, reads the comment and revises it.
      await pmPage.goto(`${baseUrl}/`);
      const due = pmPage.getByTestId(`due-${data.code}`);
      await due.waitFor();
      expect(await due.innerText()).toContain('Returned');
      await due.getByRole('link', { name: /^Revise the report for / }).click();
      await pmPage.waitForURL(new RegExp(`/status-reports/${reportId}$`));
      await poll(() => pmPage.getByTestId('review-outcome').innerText()).toContain(comment);
      await pmPage.getByRole('button', { name: 'Revise', exact: true }).click();
      await pmPage.waitForURL((url) => /\/status-reports\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(reportId));
      const revisionId = /\/status-reports\/([0-9a-f-]{36})$/.exec(pmPage.url())![1]!;
      await pmPage.getByRole('heading', { name: /^Status report / }).waitFor();
      // The revision starts from the returned report's content.
      expect(await pmPage.getByLabel('Percent complete', { exact: true }).inputValue()).toBe('10');
      for (const key of ['overall', 'schedule', 'cost']) {
        await rate(pmPage, label(key), 'Amber');
        await pmPage
          .getByLabel(`Reason (${label(key)})`, { exact: true })
          .fill(`Behind plan: pilot dock late; recovery plan agreed with the docks team (${key}).`);
      }
      await saved(pmPage);
      await pmPage.getByRole('button', { name: 'Submit to the PMO' }).first().click();
      await poll(() => pmPage.locator('.ant-tag', { hasText: /^Submitted/ }).count()).toBeGreaterThan(0);
      // Amber is still better than the figures' red: the mismatch stays, now with reasons given.
      await poll(() => pmPage.getByTestId('mismatch-banner').innerText()).toMatch(/Schedule: reported amber, computed red/);
      const versions = card(pmPage, "Versions of this period's report");
      expect(await versions.innerText()).toMatch(/Revision 1[\s\S]*Returned[\s\S]*Revision 2 \(this one\)[\s\S]*Submitted/);

      // The lead accepts the revision; the tab shows the period accepted, with both versions.
      await leadPage.goto(`${baseUrl}/reports/review?q=${data.code}`);
      const revisionRow = leadPage.getByRole('row', { name: new RegExp(data.code) });
      await poll(() => revisionRow.innerText()).toContain('revision 2');
      expect(await revisionRow.innerText()).toContain('Mismatch');
      await revisionRow.getByRole('link').first().click();
      await leadPage.waitForURL(new RegExp(`/status-reports/${revisionId}$`));
      await leadPage.getByRole('button', { name: 'Accept', exact: true }).click();
      const acceptDialog = leadPage.getByRole('dialog', { name: 'Accept the status report' });
      await acceptDialog.getByRole('button', { name: 'Accept', exact: true }).click();
      await acceptDialog.waitFor({ state: 'hidden' });
      await poll(() => leadPage.getByTestId('review-outcome').innerText()).toContain('Accepted by');

      await leadPage.goto(`${baseUrl}/projects/${data.projectId}?tab=reports`);
      const leadTab = leadPage.getByRole('tabpanel', { name: 'Status reports' });
      const periodRow = leadTab.getByRole('row').filter({ hasText: 'Revision 2' });
      await poll(() => periodRow.innerText()).toContain('Accepted');
      await periodRow.getByRole('button', { name: /expand/i }).click();
      const history = leadTab.locator('.ant-table-expanded-row');
      await poll(() => history.innerText()).toMatch(/Revision 1[\s\S]*Returned[\s\S]*SPI is 0\.3/);
      expect(await history.innerText()).toMatch(/Revision 2[\s\S]*Accepted/);
      expect(await axeViolations(leadPage)).toEqual([]);
      expect(pageErrors).toEqual([]);
    },
    JOURNEY_MS,
  );
});
