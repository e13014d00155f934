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
  showOnFailure,
  signIn,
  startHarness,
  dialog,
} from './support.ts';

/**
 * The "Risks & issues" tab of a project, as its manager keeps the registers: a risk added through
 * the drawer scores critical on the project's matrix and is escalated, the heat map counts it and
 * filters the register to its cell, a reassessment with a note adds to its history, and the risk
 * occurring becomes an issue in the Issues card; no serious or critical axe violation on the way.
 */

/** An active project of the project manager, whose registers they keep. */
async function projectOfPm(baseUrl: string): Promise<{ projectId: string; matrix: any }> {
  const pm = await apiCaller(baseUrl, 'pm@example.com');
  const me = await pm('GET', '/api/v1/me');
  const projects = (await pm('GET', '/api/v1/projects?limit=1000')).items as any[];
  const project = projects.find((p) => p.state === 'active' && p.projectManager?.id === me.personId);
  if (!project) throw new Error('the demo data has no active project of pm@example.com');
  return { projectId: project.id, matrix: await pm('GET', `/api/v1/projects/${project.id}/risk-matrix`) };
}

const region = (root: { getByRole: Locator['getByRole'] }, name: string) => root.getByRole('region', { name, exact: true });

/** Opens an antd Select by its label and clicks the option whose text starts as given. */
async function choose(page: Page, root: Locator, label: string, option: string) {
  await root.getByLabel(label, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
  await poll(() =>
    root
      .getByLabel(label, { exact: true })
      .locator("xpath=ancestor::div[contains(concat(' ', @class, ' '), ' ant-select ')][1]")
      .innerText(),
  ).toContain(option);
}

describe.skipIf(!hasChromium)('the risk and issue registers of a project', () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startHarness();
  }, HARNESS_MS);

  afterAll(async () => {
    await h?.close();
  });

  it(
    'adds a critical risk, filters the register from the heat map, reassesses it and raises the issue it became',
    async () => {
      const { page, baseUrl } = h;
      showOnFailure(page);
      const pageErrors: string[] = [];
      page.on('pageerror', (err) => pageErrors.push(err.message));
      const { projectId, matrix } = await projectOfPm(baseUrl);
      const title = `Key supplier goes out of business ${Date.now()}`;
      const p = (n: number) => `${n} · ${matrix.probabilityLabels[n - 1]}`;
      const i = (n: number) => `${n} · ${matrix.impactLabels[n - 1]}`;

      await signIn(page, baseUrl, 'pm@example.com');
      await page.goto(`${baseUrl}/projects/${projectId}`);
      await page.getByRole('tab', { name: 'Risks & issues' }).click();
      await page.waitForURL((url) => url.searchParams.get('tab') === 'risks');
      const panel = page.getByRole('tabpanel', { name: 'Risks & issues' });
      const heatMap = region(panel, 'Heat map');
      const register = region(panel, 'Risk register');
      const issues = region(panel, 'Issues');
      await heatMap.getByRole('table', { name: 'Open risks by probability and impact' }).waitFor();
      const cell = heatMap.getByRole('button', { name: /^Probability 4, impact 4: \d+ open, score 16, critical$/ });
      const before = Number((await cell.innerText()).match(/(\d+)\s*open/)?.[1]);
      expect(await axeViolations(page)).toEqual([]);

      // Add a risk: probability 4 and impact 4 score 16, critical, escalated — shown before saving.
      await register.getByRole('button', { name: 'Add risk' }).click();
      const drawer = dialog(page, 'New risk');
      await drawer.getByLabel('Title', { exact: true }).fill(title);
      await drawer.getByLabel('Category', { exact: true }).fill('Supplier');
      await choose(page, drawer, 'Probability', p(4));
      await choose(page, drawer, 'Impact', i(4));
      const live = drawer.getByRole('status');
      await poll(() => live.innerText()).toContain('16 · critical');
      expect(await live.innerText()).toContain('Escalated');
      await drawer.getByLabel('Cause', { exact: true }).fill('The supplier of the core platform has cash-flow trouble.');
      await drawer.getByLabel('Effect', { exact: true }).fill('No platform releases for months.');
      await drawer.getByRole('button', { name: 'Add an action' }).click();
      await drawer.getByLabel('Action 1', { exact: true }).fill('Qualify a second supplier');
      await page.getByRole('button', { name: 'Save risk' }).click();
      await drawer.waitFor({ state: 'hidden' });

      const row = register.getByRole('row').filter({ hasText: title });
      await poll(() => row.innerText()).toContain('16 · critical');
      expect(await row.innerText()).toContain('Escalated');
      expect(await row.innerText()).toContain('Supplier');
      const key = (await row.getByRole('cell').first().innerText()).trim();
      expect(key).toMatch(/^R-\d+$/);

      // The heat map counts it; its cell filters the register to that cell's open risks.
      await poll(async () => Number((await cell.innerText()).match(/(\d+)\s*open/)?.[1])).toBe(before + 1);
      await cell.click();
      expect(await cell.getAttribute('aria-pressed')).toBe('true');
      const cellTable = register.getByRole('table', { name: 'Open risks of the chosen heat map cell' });
      await poll(() => cellTable.getByRole('row').filter({ hasText: title }).count()).toBe(1);
      const listed = await cellTable.locator('tbody tr.ant-table-row').allInnerTexts();
      expect(listed).toHaveLength(before + 1);
      for (const text of listed) expect(text).toContain('16 · critical');
      expect(await axeViolations(page)).toEqual([]);
      await register.getByRole('button', { name: 'Clear the cell filter' }).click();
      await register.getByRole('table', { name: 'Risk register' }).waitFor();

      // Reassess it: probability 2 with a note; the history shows both assessments.
      await row.getByRole('button', { name: title }).click();
      const detail = dialog(page, `${key} · ${title}`);
      const history = region(detail, 'Assessment history');
      await poll(() => history.getByRole('row').count()).toBe(2);
      await detail.getByRole('button', { name: 'Edit' }).click();
      const edit = dialog(page, `Edit ${key}`);
      await choose(page, edit, 'Probability', p(2));
      await poll(() => edit.getByRole('status').innerText()).toContain('8 · medium');
      await edit.getByLabel('Assessment note', { exact: true }).fill('A second supplier is qualified.');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await edit.waitFor({ state: 'hidden' });
      await poll(() => history.getByRole('row').count()).toBe(3);
      const rows = await history.getByRole('row').allInnerTexts();
      expect(rows[1]).toContain('16 · critical');
      expect(rows[2]).toContain('8 · medium');
      expect(rows[2]).toContain('A second supplier is qualified.');
      await poll(() => row.innerText()).toContain('8 · medium');
      expect(await axeViolations(page)).toEqual([]);

      // It occurred, with severity high: the issue appears in the Issues card, linked to the risk.
      await detail.getByRole('button', { name: 'It occurred' }).click();
      const occurred = dialog(page, `${key} occurred`);
      await choose(page, occurred, 'Severity', 'High');
      await page.getByRole('button', { name: 'Raise the issue' }).click();
      await occurred.waitFor({ state: 'hidden' });
      await poll(() => detail.innerText()).toContain('It occurred');
      expect(await detail.getByRole('button', { name: 'It occurred' }).count()).toBe(0);
      await detail.getByRole('button', { name: 'Close', exact: true }).click();
      await detail.waitFor({ state: 'hidden' });

      const issue = issues.getByRole('row').filter({ hasText: `${key} · ${title}` });
      await poll(() => issue.count()).toBe(1);
      const issueText = await issue.innerText();
      expect(issueText).toMatch(/I-\d+/);
      expect(issueText).toContain('High');
      expect(issueText).toContain('Open');
      await poll(() => row.innerText()).toContain('Occurred');
      const stored = await page.evaluate(
        async (id) => (await (await fetch(`/api/v1/projects/${id}/issues?limit=1000`)).json()).items,
        projectId,
      );
      expect(stored).toContainEqual(expect.objectContaining({ title, severity: 'high', status: 'open' }));

      expect(await axeViolations(page)).toEqual([]);
      expect(pageErrors).toEqual([]);
    },
    JOURNEY_MS,
  );
});
