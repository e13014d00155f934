import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserHarness,
  HARNESS_MS,
  JOURNEY_MS,
  apiAs,
  chooseIn,
  hasChromium,
  poll,
  showOnFailure,
  startHarness,
  typeMonth,
} from './support.ts';

/** A minimal PDF: the server checks the type from these bytes, not from the name. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

async function signIn(page: Page, baseUrl: string, email: string, path: string) {
  // Leave the signed-in page first: signed out under it, its own next API call would move it to
  // the sign-in page in the middle of the deep link's navigation (a race on a busy machine).
  await page.goto('about:blank');
  await page.context().clearCookies();
  // Signed out, the deep link's first API call answers 401 and the app moves to the sign-in page,
  // which may begin before the navigation is committed: that move is the one awaited.
  await page.goto(`${baseUrl}${path}`, { waitUntil: 'commit' }).catch((err: unknown) => {
    if (!/interrupted by another navigation|ERR_ABORTED/.test(String(err))) throw err;
  });
  await page.waitForURL((url) => url.pathname === '/login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill('tollgate-demo');
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.waitForURL((url) => url.pathname === path);
}

/** Picks an option of the antd Select labelled `label` (typing narrows it), and waits for it to close. */
async function choose(page: Page, label: string, option: string) {
  const open = '.ant-select-dropdown:not(.ant-select-dropdown-hidden)';
  const select = page.getByLabel(label, { exact: true });
  await select.click();
  if (await select.isEditable()) await select.fill(option);
  await page.locator(`${open} .ant-select-item-option`, { hasText: option }).first().click();
  await page.waitForFunction((css) => !document.querySelector(css), open);
}

/** Waits until the autosave says "Saved · hh:mm:ss" with nothing pending. */
async function saved(page: Page) {
  const status = page.getByTestId('save-status');
  await poll(() => status.getAttribute('data-state')).toBe('saved');
  expect(await status.innerText()).toMatch(/Saved · \d{2}:\d{2}:\d{2}/);
}

/**
 * Made through the API: a request of the project manager in review at the Enterprise PMO, as the
 * first journey leaves one, with its own title, for the journey that weighs and approves it.
 */
async function requestInReview(baseUrl: string, title: string): Promise<string> {
  const pm = await apiAs(baseUrl, 'pm@example.com');
  const pick = <T extends { name: string }>(items: T[], name: string) => {
    const found = items.find((i) => i.name === name);
    if (!found) throw new Error(`the demo has no ${name}`);
    return found as T & { id: string };
  };
  const type = pick((await pm.get('/api/v1/project-types')).items, 'IT system delivery');
  const pmo = pick((await pm.get('/api/v1/pmos')).items, 'Enterprise PMO');
  const sponsor = pick((await pm.get('/api/v1/people?q=Daniel%20Okafor')).items, 'Daniel Okafor');
  const skill = pick((await pm.get('/api/v1/skills')).items, 'Business analysis');
  const draft = await pm.post('/api/v1/requests', {
    title,
    problem: 'Suppliers phone us for every order status.',
    objectives: ['Halve supplier calls to purchasing'],
    benefits: [{ description: 'Fewer calls handled by buyers', amount: 40000 }],
    projectTypeId: type.id,
    pmoId: pmo.id,
    sponsorId: sponsor.id,
    wantedStart: '2027-03-01',
    durationMonths: 3,
    costEstimate: [
      { month: '2027-03', amount: 20000 },
      { month: '2027-04', amount: 30000 },
      { month: '2027-05', amount: 10000 },
    ],
    skillDemand: [
      { skillId: skill.id, month: '2027-03', fte: 1 },
      { skillId: skill.id, month: '2027-04', fte: 0.5 },
    ],
  });
  await pm.post(`/api/v1/requests/${draft.id}/submit`);
  const analyst = await apiAs(baseUrl, 'pmo.analyst@example.com');
  await analyst.post(`/api/v1/requests/${draft.id}/start-review`);
  return draft.id as string;
}

/**
 * A project manager drafts an initiation request through all seven steps (each step saved as
 * it goes), attaches a PDF and submits it; a PMO analyst starts the review and asks for
 * information; the project manager answers and sends it back into review. Then, on a request of
 * its own in the same state, the PMO lead weighs the drivers, rates it and approves it.
 */
describe.skipIf(!hasChromium)('an initiation request from draft to go-ahead', () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startHarness();
  }, HARNESS_MS);

  afterAll(async () => {
    await h?.close();
  });

  it(
    'drafts through all steps with autosave, submits, answers a question and resubmits',
    async () => {
      const { page, baseUrl } = h;
      showOnFailure(page);
      const pageErrors: string[] = [];
      page.on('pageerror', (err) => pageErrors.push(err.message));

      await signIn(page, baseUrl, 'pm@example.com', '/requests');
      await page.getByRole('button', { name: 'New request' }).click();
      await page.getByRole('heading', { name: 'New initiation request' }).waitFor();

      // Step 1: the first save (once there is a title) creates the draft and moves to its address.
      await page.getByLabel('Title', { exact: true }).fill('Supplier portal self-service');
      await page.waitForURL(/\/requests\/[0-9a-f-]{36}\/edit/);
      await saved(page);
      const id = /\/requests\/([0-9a-f-]{36})\/edit/.exec(page.url())?.[1] as string;
      await page.getByLabel('Problem', { exact: true }).fill('Suppliers phone us for every order status.');
      // Validation as you type: an objective row left empty is flagged under it.
      await page.getByLabel('Objective 1', { exact: true }).fill('x');
      await page.getByLabel('Objective 1', { exact: true }).fill('');
      await poll(() => page.getByText('Write the objective or remove it').count()).toBe(1);
      await page.getByLabel('Objective 1', { exact: true }).fill('Halve supplier calls to purchasing');
      await page.getByRole('button', { name: 'Add benefit' }).click();
      await page.getByLabel('Benefit 1', { exact: true }).fill('Fewer calls handled by buyers');
      await page.getByLabel('Benefit 1 amount', { exact: true }).fill('40000');
      await poll(() => page.getByTestId('save-status').getAttribute('data-state')).not.toBe('saved');
      await saved(page);

      // Step 2: governance.
      await page.getByRole('button', { name: 'Next: Governance' }).click();
      await choose(page, 'Project type', 'IT system delivery');
      await choose(page, 'Target PMO', 'Enterprise PMO');
      await choose(page, 'Sponsor', 'Daniel Okafor');
      await saved(page);

      // Step 3: plan and cost; the grid follows the start and duration and shows the total.
      await page.getByRole('button', { name: 'Next: Plan & cost' }).click();
      await page.getByLabel('Wanted start', { exact: true }).fill('2027-03-01');
      await page.getByLabel('Wanted start', { exact: true }).press('Enter');
      await page.getByLabel('Duration (months)', { exact: true }).fill('3');
      await page.getByLabel('Cost Mar 2027', { exact: true }).fill('20000');
      await page.getByLabel('Cost Apr 2027', { exact: true }).fill('30000');
      await page.getByLabel('Cost May 2027', { exact: true }).fill('10000');
      await poll(() => page.getByTestId('cost-total').innerText()).toBe('€60,000.00');
      await saved(page);

      // Step 4: skills by month.
      await page.getByRole('button', { name: 'Next: People & skills' }).click();
      await page.getByRole('button', { name: 'Add skill' }).click();
      await choose(page, 'Skill row 1', 'Business analysis');
      await page.getByLabel('Row 1 FTE Mar 2027', { exact: true }).fill('1');
      await page.getByLabel('Row 1 FTE Apr 2027', { exact: true }).fill('0.5');
      await saved(page);

      // Step 5: a known risk, scored as it is rated.
      await page.getByRole('button', { name: 'Next: Risks' }).click();
      await page.getByRole('button', { name: 'Add risk' }).click();
      await page.getByLabel('Risk 1 title', { exact: true }).fill('Suppliers do not adopt the portal');
      await choose(page, 'Risk 1 probability', '3');
      await choose(page, 'Risk 1 impact', '4');
      await poll(() => page.getByLabel('Risk 1 score 12 (Medium)').count()).toBe(1);
      await saved(page);

      // Step 6: attach a PDF.
      await page.getByRole('button', { name: 'Next: Attachments' }).click();
      await page
        .locator('input[type=file]')
        .setInputFiles({ name: 'business-case.pdf', mimeType: 'application/pdf', buffer: PDF });
      await poll(() => page.getByRole('link', { name: /business-case\.pdf/ }).count()).toBe(1);

      // Step 7: review and submit.
      await page.getByRole('button', { name: 'Next: Review & submit' }).click();
      await poll(() => page.getByText('Halve supplier calls to purchasing').count()).toBeGreaterThan(0);
      await page.getByRole('button', { name: 'Submit to the PMO' }).click();
      await page.waitForURL(`${baseUrl}/requests/${id}`);
      await poll(() => page.locator('header [data-state]').first().getAttribute('data-state')).toBe('submitted');

      // Everything typed reached the server.
      const stored = await page.evaluate(async (rid) => (await fetch(`/api/v1/requests/${rid}`)).json(), id);
      expect(stored).toMatchObject({
        state: 'submitted',
        title: 'Supplier portal self-service',
        objectives: ['Halve supplier calls to purchasing'],
        benefits: [{ description: 'Fewer calls handled by buyers', amount: 40000 }],
        projectType: { name: 'IT system delivery' },
        pmo: { name: 'Enterprise PMO' },
        sponsor: { name: 'Daniel Okafor' },
        wantedStart: '2027-03-01',
        durationMonths: 3,
        totalCost: 60000,
        knownRisks: [{ title: 'Suppliers do not adopt the portal', probability: 3, impact: 4 }],
      });
      expect(stored.skillDemand).toHaveLength(2);
      expect(stored.attachments).toMatchObject([{ fileName: 'business-case.pdf', contentType: 'application/pdf' }]);

      // The PMO analyst takes it into review and asks a question.
      await signIn(page, baseUrl, 'pmo.analyst@example.com', `/requests/${id}`);
      await page.getByRole('button', { name: 'Start review' }).click();
      await poll(() => page.locator('header [data-state]').first().getAttribute('data-state')).toBe('in_review');
      await page.getByRole('button', { name: 'Request information' }).click();
      await page.getByLabel('Question for the requester').fill('Which suppliers take part in the pilot?');
      await page.getByRole('button', { name: 'Send question' }).click();
      await poll(() => page.locator('header [data-state]').first().getAttribute('data-state')).toBe('info_requested');

      // The project manager sees the question in the inbox, answers it and sends the request back.
      await signIn(page, baseUrl, 'pm@example.com', '/requests');
      const bell = page.getByRole('button', { name: /^Notifications, \d+ unread$/ });
      await bell.click();
      await page.getByRole('link', { name: /needs more information: Supplier portal self-service/ }).click();
      await page.waitForURL(`${baseUrl}/requests/${id}`);
      await page.getByRole('link', { name: 'review step' }).click();
      // In the thread on the page: the inbox's popup, which may still be closing, quotes it too.
      await poll(() => page.locator('#main').getByText('Which suppliers take part in the pilot?').count()).toBe(1);
      await page.getByLabel('Add a comment').fill('The ten largest suppliers by order volume.');
      await page.getByRole('button', { name: 'Post comment' }).click();
      await poll(() => page.getByText('The ten largest suppliers by order volume.').count()).toBe(1);
      await page.locator('.ant-steps').getByText('Basics', { exact: true }).click();
      await page.getByLabel('Problem', { exact: true }).fill('Suppliers phone us for every order status; the ten largest first.');
      await saved(page);
      await page.getByRole('button', { name: 'Next: Governance' }).click();
      await page.locator('.ant-steps').getByText('Review & submit', { exact: true }).click();
      await page.getByRole('button', { name: 'Send the answer to the PMO' }).click();
      await page.waitForURL(`${baseUrl}/requests/${id}`);
      await poll(() => page.locator('header [data-state]').first().getAttribute('data-state')).toBe('in_review');

      expect(pageErrors).toEqual([]);
    },
    JOURNEY_MS,
  );

  it(
    'is weighed and approved by the PMO lead with two people, and the project manager finds the new project',
    async () => {
      const { page, baseUrl } = h;
      const id = await requestInReview(baseUrl, 'Supplier order tracking');
      const pageErrors: string[] = [];
      page.on('pageerror', (err) => pageErrors.push(err.message));

      // The PMO lead adjusts one driver comparison of the Enterprise PMO and saves it.
      await signIn(page, baseUrl, 'pmo.lead@example.com', '/pmos');
      await page.getByRole('link', { name: 'Enterprise PMO', exact: true }).first().click();
      await page.waitForURL(/\/pmos\/[0-9a-f-]{36}/);
      const pmoId = /\/pmos\/([0-9a-f-]{36})/.exec(page.url())![1]!;
      await page.getByRole('tab', { name: 'Strategic drivers' }).click();
      const cr = page.getByTestId('cr-value');
      await poll(() => cr.innerText()).toMatch(/^0\.\d{3}$/);
      const crBefore = await cr.innerText();
      await page.getByLabel('Customer value compared with Cost reduction').click();
      await page
        .locator('.ant-select-dropdown:visible')
        .getByText('Customer value is moderately more important than Cost reduction', { exact: true })
        .click();
      await poll(() => cr.innerText()).not.toBe(crBefore);
      await page.getByRole('button', { name: 'Save comparisons' }).click();
      await poll(() => page.getByText(/Comparisons saved: consistent/).count()).toBeGreaterThan(0);
      const drivers: string[] = (
        await page.evaluate(async (pmo) => (await fetch(`/api/v1/pmos/${pmo}/driver-comparisons`)).json(), pmoId)
      ).drivers;

      // Two business analysts with room from March to May 2027, found the way the lead would look them up.
      const analysts: string[] = await page.evaluate(async () => {
        const skills = (await (await fetch('/api/v1/skills')).json()).items as { id: string; name: string }[];
        const skill = skills.find((s) => s.name === 'Business analysis')!;
        const people = (await (await fetch(`/api/v1/people?skillId=${skill.id}`)).json()).items as { id: string; name: string }[];
        const free: string[] = [];
        for (const person of people) {
          const capacity = await (await fetch(`/api/v1/people/${person.id}/capacity?from=2027-03&to=2027-05`)).json();
          if ((capacity.months as { freeFte: number }[]).every((m) => m.freeFte >= 0.5)) free.push(person.name);
          if (free.length === 2) break;
        }
        return free;
      });
      expect(analysts).toHaveLength(2);

      // The request: rate it against every driver; the score becomes usable.
      await page.goto(`${baseUrl}/requests/${id}`);
      const score = page.getByTestId('request-score');
      for (const [i, driver] of drivers.entries()) {
        await page
          .getByRole('radiogroup', { name: `Rating for ${driver}` })
          .getByText(['Strong', 'Moderate', 'Extreme', 'Low', 'Moderate'][i % 5]!, { exact: true })
          .click();
      }
      await poll(() => score.innerText()).toContain('Usable to decide');

      // Approve with Sam Carter and the two analysts at half time.
      await page.getByRole('button', { name: 'Decide' }).click();
      const drawer = page.getByRole('dialog');
      await drawer.getByLabel('Rationale').fill('Cuts supplier calls at a modest cost; the analysts have room in spring.');
      await chooseIn(page, drawer.getByLabel('Project manager'), 'Sam', /Sam Carter/);
      // The drawer starts from the request's skill demand (Business analysis, 1 FTE in March and
      // half in April); the lead replaces those two rows with the two analysts by name.
      await poll(() => drawer.getByRole('button', { name: /^Remove allocation \d+$/ }).count()).toBe(2);
      expect(await drawer.getByTestId('allocation-1').innerText()).toMatch(/Business analysis/);
      expect(Number(await drawer.getByLabel('FTE of allocation 1').inputValue())).toBe(1);
      expect(Number(await drawer.getByLabel('FTE of allocation 2').inputValue())).toBe(0.5);
      await drawer.getByRole('button', { name: 'Remove allocation 2' }).click();
      await drawer.getByRole('button', { name: 'Remove allocation 1' }).click();
      for (const [index, name] of analysts.entries()) {
        const n = index + 1;
        await drawer.getByRole('button', { name: 'Add allocation' }).click();
        const allocation = drawer.getByTestId(`allocation-${n}`);
        await chooseIn(page, allocation.getByLabel(`Skill of allocation ${n}`), 'Business an', /^Business analysis$/);
        await chooseIn(page, allocation.getByLabel(`Person of allocation ${n}`), name.split(' ')[0]!, new RegExp(name));
        await typeMonth(page, allocation.getByLabel(`Start month of allocation ${n}`), '2027-03');
        await typeMonth(page, allocation.getByLabel(`End month of allocation ${n}`), '2027-05');
        await allocation.getByLabel(`FTE of allocation ${n}`).fill('0.5');
        await poll(() => allocation.getByTestId('free-capacity').innerText()).toMatch(new RegExp(`${name} is free:`));
      }
      await page.getByRole('button', { name: 'Approve and give the go-ahead' }).click();
      await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
      const projectId = /\/projects\/([0-9a-f-]{36})/.exec(page.url())![1]!;

      // The project manager finds the new project in its first phase, with its budget and team.
      await signIn(page, baseUrl, 'pm@example.com', `/projects/${projectId}`);
      const project = await page.evaluate(async (pid) => (await fetch(`/api/v1/projects/${pid}`)).json(), projectId);
      expect(project.phase.key).toBe(project.lifecycle.phases[0].key);
      expect(project.budget).toBe(60_000);
      expect(project.projectManager.name).toBe('Sam Carter');
      await poll(() => page.getByRole('heading', { level: 1 }).innerText()).toContain('Supplier order tracking');
      await poll(() => page.getByText(`${project.phase.name} phase`).count()).toBeGreaterThan(0);
      await poll(() => page.getByText('€60,000.00').count()).toBeGreaterThan(0);
      await page.getByRole('tab', { name: 'Team & allocations' }).click();
      for (const name of analysts) await poll(() => page.getByRole('tabpanel').getByText(name).count()).toBeGreaterThan(0);
      expect(pageErrors).toEqual([]);
    },
    JOURNEY_MS,
  );
});
