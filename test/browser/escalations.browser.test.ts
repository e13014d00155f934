import type { Locator } from 'playwright-core';
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
  dialog,
} from './support.ts';

/**
 * The PMO's escalation queue, as a PMO lead and a project manager work it: a risk the project
 * manager adds at probability 5 and impact 4 (score 20, at or above the escalation score) is in
 * the queue at once; the lead finds it by its project, gives guidance with a required action and a
 * day; the project manager follows the link from the risk to the escalation and reports back; the
 * lead sees it acknowledged and closes it, and it leaves the active queue for the closed one. No
 * serious or critical axe violation on the way.
 */

/** An active project of the project manager, with its code. */
async function projectOfPm(baseUrl: string) {
  const pm = await apiCaller(baseUrl, 'pm@example.com');
  const me = await pm('GET', '/api/v1/me');
  const projects = (await pm('GET', '/api/v1/projects?limit=1000')).items as any[];
  const project = projects.find((p) => p.state === 'active' && p.projectManager?.id === me.personId);
  if (!project) throw new Error('the demo data has no active project of pm@example.com');
  return { pm, project: project as { id: string; code: string; name: string } };
}

/** Types a day into a date input and leaves it (Tab, not Enter: Enter would submit). */
async function typeDay(input: Locator, day: string) {
  await input.click();
  await input.fill(day);
  await input.press('Tab');
}

const isoDay = (daysFromToday: number) => new Date(Date.now() + daysFromToday * 86_400_000).toISOString().slice(0, 10);

describe.skipIf(!hasChromium)("the PMO's escalation queue", () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startHarness();
  }, HARNESS_MS);

  afterAll(async () => {
    await h?.close();
  });

  it(
    'raises a critical risk to the queue; the PMO guides it, the project manager reports back, the PMO closes it',
    async () => {
      const { page: lead, baseUrl } = h;
      showOnFailure(lead);
      const pageErrors: string[] = [];
      lead.on('pageerror', (err) => pageErrors.push(`lead: ${err.message}`));
      const { pm, project } = await projectOfPm(baseUrl);
      const title = `Regulator delays the licence ${Date.now()}`;

      // Added through the API: score 20 is at or above the escalation score, so it is escalated at once.
      const risk = await pm('POST', `/api/v1/projects/${project.id}/risks`, {
        title,
        category: 'Regulatory',
        probability: 5,
        impact: 4,
        response: 'mitigate',
      });
      expect(risk.escalated).toBe(true);
      const key: string = risk.key;
      const heading = `${key} · ${title}`;

      // The lead finds it in the queue by its project.
      await signIn(lead, baseUrl, 'pmo.lead@example.com');
      await lead.getByRole('navigation').getByRole('link', { name: 'Escalations' }).click();
      await lead.getByRole('heading', { name: 'Escalation queue' }).waitFor();
      const table = lead.getByRole('table', { name: 'Escalations' });
      await table.waitFor();
      const glance = lead.getByRole('region', { name: 'The queue at a glance' });
      await poll(() => glance.innerText()).toContain('Overdue guidance');
      expect(await axeViolations(lead)).toEqual([]);
      await chooseIn(
        lead,
        lead.getByLabel('Filter by project', { exact: true }),
        project.code,
        new RegExp(`^${project.code} · `),
      );
      await lead.waitForURL((url) => url.searchParams.get('projectId') === project.id);
      const row = table.getByRole('row').filter({ hasText: title });
      await poll(() => row.count()).toBe(1);
      expect(await row.innerText()).toContain('High score');
      expect(await row.innerText()).toContain('Open');
      expect(await row.innerText()).toContain(project.name);

      // It opens in a drawer at its own address; the lead gives guidance with a required action and a day.
      await row.getByRole('link', { name: heading }).click();
      await lead.waitForURL((url) => /^\/escalations\/[0-9a-f-]{36}$/.test(url.pathname));
      const escalationId = new URL(lead.url()).pathname.split('/').pop()!;
      const drawer = dialog(lead, heading);
      await poll(() => drawer.innerText()).toContain('No guidance yet.');
      expect(await drawer.innerText()).toContain('score 20');
      expect(await axeViolations(lead)).toEqual([]);
      await drawer.getByRole('button', { name: 'Give guidance' }).click();
      const guide = dialog(lead, `Give guidance on ${key}`);
      const requiredBy = isoDay(14);
      await guide.getByLabel('Guidance', { exact: true }).fill('Ask the regulator for a pre-application meeting.');
      await guide.getByLabel('Required action', { exact: true }).fill('Book the meeting and send the PMO its minutes.');
      await typeDay(guide.getByLabel('Required by', { exact: true }), requiredBy);
      expect(await axeViolations(lead)).toEqual([]);
      await guide.getByRole('button', { name: 'Save guidance' }).click();
      await guide.waitFor({ state: 'hidden' });
      const guidance = drawer.getByRole('region', { name: "The PMO's guidance" });
      await poll(() => guidance.innerText()).toContain('Ask the regulator for a pre-application meeting.');
      expect(await guidance.innerText()).toContain('Book the meeting and send the PMO its minutes.');
      expect(await guidance.innerText()).toContain('Olivia Bennett');
      await poll(() => drawer.innerText()).toContain('Guided');
      await poll(() => row.innerText()).toContain('Guided');

      // The project manager follows the link from the risk to the escalation and reports back.
      const pmPage = await h.newPage();
      showOnFailure(pmPage);
      pmPage.on('pageerror', (err) => pageErrors.push(`pm: ${err.message}`));
      await signIn(pmPage, baseUrl, 'pm@example.com');
      await pmPage.goto(`${baseUrl}/projects/${project.id}?tab=risks`);
      const register = pmPage.getByRole('region', { name: 'Risk register', exact: true });
      await register.getByRole('button', { name: title }).click();
      const riskDrawer = dialog(pmPage, heading);
      await riskDrawer.getByRole('link', { name: "In the PMO's escalation queue: guided" }).click();
      await pmPage.waitForURL((url) => url.pathname === `/escalations/${escalationId}`);
      const pmDrawer = dialog(pmPage, heading);
      await poll(() => pmDrawer.innerText()).toContain('Ask the regulator for a pre-application meeting.');
      expect(await pmDrawer.getByRole('button', { name: 'Give guidance' }).count()).toBe(0);
      await pmDrawer.getByRole('button', { name: 'Acknowledge and report back' }).click();
      const report = dialog(pmPage, `Report back on ${key}`);
      await report.getByLabel('Report back', { exact: true }).fill('The meeting is booked for next week; minutes to follow.');
      await report.getByRole('button', { name: 'Acknowledge and report back' }).click();
      await report.waitFor({ state: 'hidden' });
      const reportBack = pmDrawer.getByRole('region', { name: "The project's report back" });
      await poll(() => reportBack.innerText()).toContain('The meeting is booked for next week; minutes to follow.');
      await poll(() => pmDrawer.innerText()).toContain('Acknowledged');
      expect(await pmDrawer.getByRole('button', { name: 'Acknowledge and report back' }).count()).toBe(0);
      expect(await axeViolations(pmPage)).toEqual([]);

      // The lead sees it acknowledged, with the report back, and closes it.
      await lead.reload();
      await poll(() => drawer.innerText()).toContain('The meeting is booked for next week; minutes to follow.');
      expect(await drawer.innerText()).toContain('Acknowledged');
      await poll(() => row.innerText()).toContain('Acknowledged');
      await drawer.getByRole('button', { name: 'Close escalation' }).click();
      const close = dialog(lead, `Close the escalation of ${key}`);
      await close.getByLabel('Closing note', { exact: true }).fill('Handled: the meeting took place.');
      await close.getByRole('button', { name: 'Close escalation' }).click();
      await close.waitFor({ state: 'hidden' });
      const closing = drawer.getByRole('region', { name: 'Closing' });
      await poll(() => closing.innerText()).toContain('Handled: the meeting took place.');
      expect(await drawer.getByRole('button', { name: 'Close escalation' }).count()).toBe(0);

      // It leaves the active queue, and is found under Closed.
      await drawer.getByRole('button', { name: 'Close', exact: true }).click();
      await lead.waitForURL((url) => url.pathname === '/escalations');
      await poll(() => row.count()).toBe(0);
      await chooseIn(lead, lead.getByLabel('Filter by state', { exact: true }), 'Closed', /^Closed$/);
      await poll(() => row.count()).toBe(1);
      expect(await row.innerText()).toContain('Closed');
      expect(await axeViolations(lead)).toEqual([]);

      const stored = await (await apiCaller(baseUrl, 'pmo.lead@example.com'))('GET', `/api/v1/escalations/${escalationId}`);
      expect(stored).toMatchObject({
        state: 'closed',
        requiredBy,
        reportBack: 'The meeting is booked for next week; minutes to follow.',
        closingNote: 'Handled: the meeting took place.',
        subject: { kind: 'risk', id: risk.id, key },
      });
      expect(pageErrors).toEqual([]);
    },
    JOURNEY_MS,
  );
});
