import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, monthLabel } from '../../web/src/lib/capacity.ts';
import {
  type BrowserHarness,
  chooseIn,
  HARNESS_MS,
  hasChromium,
  JOURNEY_MS,
  poll,
  signIn,
  startHarness,
  typeMonth,
} from './support.ts';

/**
 * The PMO lead's intake journey: adjust one driver comparison and watch the consistency ratio
 * follow live, save; open the review queue and the Customer data platform request; rate it,
 * approve it with Sam Carter as project manager and two data engineers who have room in the
 * request's first three months; its budget is above the lead's limit, so the COO approves the
 * go-ahead; land on the new project in its first phase with its budget.
 */
describe.skipIf(!hasChromium)('a PMO lead weighs the drivers and approves a request', () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startHarness();
  }, HARNESS_MS);

  afterAll(async () => {
    await h?.close();
  });

  it(
    'compares drivers, ranks, rates and approves with two people allocated',
    async () => {
      const { page, baseUrl } = h;
      const pageErrors: string[] = [];
      page.on('pageerror', (err) => pageErrors.push(err.message));

      await page.goto(`${baseUrl}/pmos`);
      await page.getByLabel('E-mail').fill('pmo.lead@example.com');
      await page.getByLabel('Password').fill('tollgate-demo');
      await page.getByRole('button', { name: /sign in/i }).click();

      // Strategic drivers of the Enterprise PMO: one comparison changed, the CR follows live.
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
      await poll(() => page.getByTestId('consistency').innerText()).toMatch(/^Consistent \(CR 0\.\d\d < 0\.10\)$/);
      await page.getByRole('button', { name: 'Save comparisons' }).click();
      await poll(() => page.getByText(/Comparisons saved: consistent/).count()).toBeGreaterThan(0);
      const saved = await page.evaluate(async (id) => (await fetch(`/api/v1/pmos/${id}/driver-comparisons`)).json(), pmoId);
      expect(saved.version).toBe(2);
      expect(saved.matrix[0][1]).toBe(3);
      expect(saved.matrix[1][0]).toBeCloseTo(1 / 3);

      // The review queue ranks the PMO's requests; open the Customer data platform.
      await page.getByRole('menuitem', { name: /review queue/i }).click();
      await page.waitForURL(/\/review/);
      const row = page.getByRole('row', { name: /Customer data platform/ });
      await poll(() => row.innerText()).toMatch(/€550,000\.00/);
      await row.getByRole('link', { name: /Customer data platform/ }).click();
      await page.waitForURL(/\/requests\/[0-9a-f-]{36}$/);

      // Rate it against one driver: the score moves.
      const score = page.getByTestId('request-score');
      await poll(() => score.innerText()).toMatch(/Score \d+\.\d \/ 100/);
      const scoreBefore = await score.innerText();
      await page.getByRole('radiogroup', { name: 'Rating for Cost reduction' }).getByText('Moderate').click();
      await poll(() => score.innerText()).not.toBe(scoreBefore);
      expect(await score.innerText()).toContain('Usable to decide');

      // The months the request wants: its first three, from its wanted start (the demo's dates move with its seed day).
      const requestId = /\/requests\/([0-9a-f-]{36})/.exec(page.url())![1]!;
      const wanted = await page.evaluate(async (id) => {
        const request = await (await fetch(`/api/v1/requests/${id}`)).json();
        const skills = (await (await fetch('/api/v1/skills')).json()).items as {
          id: string;
          name: string;
        }[];
        return { wantedStart: request.wantedStart as string, skillId: skills.find((s) => s.name === 'Data engineering')!.id };
      }, requestId);
      const from = wanted.wantedStart.slice(0, 7);
      const to = addMonths(from, 2);

      // Two data engineers with room for half a person in each of those months, found as the lead would rank them.
      const people: string[] = await page.evaluate(
        async ({ skillId, from, to }) => {
          const found = await (
            await fetch(`/api/v1/resources/candidates?skillId=${skillId}&from=${from}&to=${to}&fte=0.5`)
          ).json();
          return (found.items as { person: { name: string }; hasSkill: boolean; fits: boolean }[])
            .filter((c) => c.hasSkill && c.fits)
            .slice(0, 2)
            .map((c) => c.person.name);
        },
        { skillId: wanted.skillId, from, to },
      );
      expect(people).toHaveLength(2);

      // Decide: the drawer starts from the request's skill demand; the lead replaces it with two named people.
      await page.getByRole('button', { name: 'Decide' }).click();
      const drawer = page.getByRole('dialog');
      await drawer
        .getByLabel('Rationale')
        .fill('Highest customer value in the queue; the data engineers have room at the start.');
      expect(await drawer.getByLabel('Project name').inputValue()).toBe('Customer data platform');
      expect(await drawer.getByLabel(/Approved budget/).inputValue()).toMatch(/^550,?000$/);
      await chooseIn(page, drawer.getByLabel('Project manager'), 'Sam', /Sam Carter/);
      await poll(() => drawer.getByTestId('allocation-1').innerText()).toMatch(/Data engineering/);
      while ((await drawer.getByRole('button', { name: /^Remove allocation \d+$/ }).count()) > 0) {
        await drawer.getByRole('button', { name: 'Remove allocation 1' }).click();
      }

      for (const [index, name] of people.entries()) {
        const n = index + 1;
        await drawer.getByRole('button', { name: 'Add allocation' }).click();
        const allocation = drawer.getByTestId(`allocation-${n}`);
        await chooseIn(page, allocation.getByLabel(`Skill of allocation ${n}`), 'Data eng', /^Data engineering$/);
        await chooseIn(page, allocation.getByLabel(`Person of allocation ${n}`), name.split(' ')[0]!, new RegExp(name));
        await typeMonth(page, allocation.getByLabel(`Start month of allocation ${n}`), from);
        await typeMonth(page, allocation.getByLabel(`End month of allocation ${n}`), to);
        // More than anyone has shows as over capacity at once; half a person fits every month.
        await allocation.getByLabel(`FTE of allocation ${n}`).fill('5');
        await poll(() => allocation.getByTestId('free-capacity').innerText()).toMatch(/Over capacity in 3 months/);
        await allocation.getByLabel(`FTE of allocation ${n}`).fill('0.5');
        const free = allocation.getByTestId('free-capacity');
        await poll(() => free.innerText()).toMatch(new RegExp(`${name} is free:`));
        await poll(() => free.innerText()).not.toMatch(/Over capacity/);
        const text = await free.innerText();
        expect(text).toContain(`${monthLabel(from)} `);
        expect(text).toContain(`${monthLabel(to)} `);
      }

      await page.getByRole('button', { name: 'Approve and give the go-ahead' }).click();

      // 550,000 is above the lead's 500,000 (the PMO's thresholds): the go-ahead goes to the COO,
      // the executive the PMO reports to, and waits on the approval request.
      await page.waitForURL(/\/approvals\/[0-9a-f-]{36}$/);
      const approvalId = /\/approvals\/([0-9a-f-]{36})/.exec(page.url())![1]!;
      const route = page.getByRole('region', { name: 'Route' });
      await poll(() => route.innerText()).toMatch(/Step 1: PMO lead\s*Approved/);
      expect(await route.innerText()).toMatch(/Step 2: reporting executive\s*Active/);
      const coo = await h.newPage();
      await signIn(coo, baseUrl, 'coo@example.com');
      await coo.goto(`${baseUrl}/approvals/${approvalId}`);
      const final = coo.getByRole('button', { name: 'Approve', exact: true });
      await final.waitFor();
      await final.click();
      const effect = coo.getByRole('region', { name: 'Effect' });
      await poll(() => effect.innerText()).toMatch(/Go-ahead given: project .+ created/);
      await effect.getByRole('link', { name: 'Open the new project' }).click();
      // The go-ahead is the COO's; the lead's page follows the new project from the request.
      await page.goto(`${baseUrl}${new URL(coo.url()).pathname}`);

      // The new project: first phase, the approved budget, Sam Carter as its manager.
      await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
      const projectId = /\/projects\/([0-9a-f-]{36})/.exec(page.url())![1]!;
      const project = await page.evaluate(async (id) => (await fetch(`/api/v1/projects/${id}`)).json(), projectId);
      expect(project.phase.key).toBe(project.lifecycle.phases[0].key);
      expect(project.budget).toBe(550_000);
      expect(project.projectManager.name).toBe('Sam Carter');
      await poll(() => page.getByRole('heading', { level: 1 }).innerText()).toContain('Customer data platform');
      await poll(() => page.getByText(`${project.phase.name} phase`).count()).toBeGreaterThan(0);
      await poll(() => page.getByText('€550,000.00').count()).toBeGreaterThan(0);
      const team = await page.evaluate(async (id) => (await fetch(`/api/v1/allocations?projectId=${id}`)).json(), projectId);
      expect(team.items.map((a: { person: { name: string } }) => a.person.name).sort()).toEqual([...people].sort());
      expect(pageErrors).toEqual([]);
    },
    JOURNEY_MS,
  );
});
