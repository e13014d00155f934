import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney, setInstallationCurrency } from '../../web/src/lib/format.ts';
import {
  type ApiCall,
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
 * An approval request on its route, as a project manager, a PMO lead and the COO work it: the
 * project manager asks for 15 % more budget on a project of the enterprise PMO (up to 10 % is the
 * PMO lead's, up to 25 % the lead's and then the reporting executive's); the drawer previews the new
 * BAC and the route; the lead finds it waiting on them and approves with a comment; the COO gives
 * the final approval, which sets a new baseline; the project shows the new budget and BAC. No
 * serious or critical axe violation on the list and the request pages.
 */

interface Person {
  userId: string;
  name: string;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * An active project of the project manager whose 15 % budget increase goes to the PMO lead and
 * then to the COO, with its BAC in force; found through the preview, so that the test does not
 * depend on which demo project it is.
 */
async function projectRoutedToLeadAndCoo(baseUrl: string, lead: Person, coo: Person) {
  const pm = await apiCaller(baseUrl, 'pm@example.com');
  const me = await pm('GET', '/api/v1/me');
  const projects = (await pm('GET', '/api/v1/projects?limit=1000')).items as any[];
  const mine = projects.filter((p) => p.state === 'active' && p.projectManager?.id === me.personId);
  for (const project of mine) {
    const baseline = await pm('GET', `/api/v1/projects/${project.id}/baseline`);
    const bac: number = baseline.current?.bac ?? Number(project.budget);
    if (!(bac > 0)) continue;
    const amount = round2(bac * 0.15);
    const preview = await pm('POST', '/api/v1/approvals/preview', {
      projectId: project.id,
      title: 'Probe',
      reason: 'Probe',
      change: { kind: 'budget_increase', amount, costCategory: 'contractors' },
    });
    const route = preview.route as { level: string; approvers: { userId: string }[] }[];
    const names = (i: number) => route[i]?.approvers.map((a) => a.userId) ?? [];
    if (
      route.length === 2 &&
      route[0]!.level === 'pmo_lead' &&
      route[1]!.level === 'reporting_executive' &&
      names(0).includes(lead.userId) &&
      names(1).includes(coo.userId)
    ) {
      return {
        pm,
        project: project as { id: string; code: string; name: string },
        bac,
        amount,
        baselineNumber: (baseline.current?.number ?? 0) as number,
      };
    }
  }
  throw new Error('no active project of pm@example.com routes a 15 % budget increase to the PMO lead, then the COO');
}

async function whoIs(baseUrl: string, email: string): Promise<{ call: ApiCall; person: Person }> {
  const call = await apiCaller(baseUrl, email);
  const me = await call('GET', '/api/v1/me');
  return { call, person: { userId: me.userId, name: me.name } };
}

describe.skipIf(!hasChromium)('an approval request on its route', () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startHarness();
  }, HARNESS_MS);

  afterAll(async () => {
    await h?.close();
  });

  it(
    'is asked for with its impact and route previewed, approved by the PMO lead and then the COO, and sets the new BAC',
    async () => {
      const { page: pmPage, baseUrl } = h;
      showOnFailure(pmPage);
      const pageErrors: string[] = [];
      pmPage.on('pageerror', (err) => pageErrors.push(`pm: ${err.message}`));
      const settings = await (await fetch(`${baseUrl}/api/v1/settings`)).json();
      setInstallationCurrency(settings.currency);
      const lead = await whoIs(baseUrl, 'pmo.lead@example.com');
      const coo = await whoIs(baseUrl, 'coo@example.com');
      const { project, bac, amount, baselineNumber } = await projectRoutedToLeadAndCoo(baseUrl, lead.person, coo.person);
      const newBac = round2(bac + amount);
      const title = `More contractors for the migration ${Date.now()}`;

      // The project manager asks on the project's Approvals tab.
      await signIn(pmPage, baseUrl, 'pm@example.com');
      await pmPage.goto(`${baseUrl}/projects/${project.id}`);
      await pmPage.getByRole('tab', { name: 'Approvals' }).click();
      await pmPage.waitForURL((url) => url.searchParams.get('tab') === 'approvals');
      await pmPage.getByRole('button', { name: 'Ask for approval' }).click();
      const drawer = dialog(pmPage, `Ask for approval on ${project.code}`);
      await drawer.getByLabel('Title', { exact: true }).fill(title);
      await drawer
        .getByLabel('Reason', { exact: true })
        .fill('The supplier needs two more contractors to finish the data migration on time.');
      await chooseIn(pmPage, drawer.getByLabel('Kind of change', { exact: true }), 'Budget', /^Budget increase$/);
      await drawer.getByLabel('Amount', { exact: true }).fill(String(amount));
      await chooseIn(pmPage, drawer.getByLabel('Cost category', { exact: true }), 'Contract', /^Contractors$/);

      // The preview: the new BAC, and the route with its approvers' names, lead first.
      const preview = drawer.getByRole('region', { name: 'Impact and route' });
      await poll(() => preview.innerText()).toContain(formatMoney(newBac));
      const shown = await preview.innerText();
      expect(shown).toContain(formatMoney(bac));
      expect(shown).toContain('+15 %');
      const route = drawer.getByRole('list', { name: 'Who will approve' });
      const steps = await route.getByRole('listitem').allInnerTexts();
      expect(steps).toHaveLength(2);
      expect(steps[0]).toContain('PMO lead');
      expect(steps[0]).toContain(lead.person.name);
      expect(steps[1]).toContain('reporting executive');
      expect(steps[1]).toContain(coo.person.name);
      await drawer.getByRole('button', { name: 'Send for approval' }).click();

      // The request page: step 1 is active with the lead.
      await pmPage.waitForURL((url) => /^\/approvals\/[0-9a-f-]{36}$/.test(url.pathname));
      const approvalId = new URL(pmPage.url()).pathname.split('/').pop()!;
      const heading = pmPage.getByRole('heading', { level: 1 });
      await poll(() => heading.innerText()).toMatch(new RegExp(`^AR-\\d+ · ${title}$`));
      const pmRoute = pmPage.getByRole('region', { name: 'Route' });
      await poll(() => pmRoute.innerText()).toMatch(/Step 1: PMO lead\s*Active/);
      expect(await pmRoute.innerText()).toMatch(/Step 2: reporting executive\s*Waiting/);
      expect(await pmPage.getByRole('region', { name: 'Impact' }).innerText()).toContain(formatMoney(newBac));
      expect(await pmPage.getByRole('button', { name: 'Approve', exact: true }).count()).toBe(0);
      expect(await axeViolations(pmPage)).toEqual([]);

      // The PMO lead finds it waiting on them and approves with a comment.
      const leadPage = await h.newPage();
      showOnFailure(leadPage);
      leadPage.on('pageerror', (err) => pageErrors.push(`lead: ${err.message}`));
      await signIn(leadPage, baseUrl, 'pmo.lead@example.com');
      await leadPage.goto(`${baseUrl}/approvals?waitingOn=me`);
      await leadPage.getByRole('heading', { name: 'Approvals', exact: true }).waitFor();
      expect(await leadPage.getByRole('switch', { name: 'Waiting on me' }).getAttribute('aria-checked')).toBe('true');
      const leadRow = leadPage.getByRole('table', { name: 'Approval requests' }).getByRole('row').filter({ hasText: title });
      await poll(() => leadRow.count()).toBe(1);
      expect(await leadRow.innerText()).toContain('Pending');
      expect(await leadRow.innerText()).toContain(project.name);
      expect(await axeViolations(leadPage)).toEqual([]);
      await leadRow.getByRole('link', { name: title }).click();
      await leadPage.waitForURL((url) => url.pathname === `/approvals/${approvalId}`);
      const decision = leadPage.getByRole('button', { name: 'Approve', exact: true });
      await decision.waitFor();
      await leadPage.getByLabel('Comment', { exact: true }).fill('Within the contingency the PMO holds; agreed.');
      await decision.click();
      const leadRoute = leadPage.getByRole('region', { name: 'Route' });
      await poll(() => leadRoute.innerText()).toMatch(/Step 2: reporting executive\s*Active/);
      expect(await leadRoute.innerText()).toMatch(/Step 1: PMO lead\s*Approved/);
      await poll(() => decision.count()).toBe(0);
      const leadHistory = leadPage.getByRole('region', { name: 'History' });
      await poll(() => leadHistory.innerText()).toContain('Within the contingency the PMO holds; agreed.');
      expect(await leadHistory.innerText()).toContain(`Approved by ${lead.person.name}`);

      // The COO gives the final approval: the request is approved and its effect is the new BAC.
      const cooPage = await h.newPage();
      showOnFailure(cooPage);
      cooPage.on('pageerror', (err) => pageErrors.push(`coo: ${err.message}`));
      await signIn(cooPage, baseUrl, 'coo@example.com');
      await cooPage.goto(`${baseUrl}/approvals?waitingOn=me`);
      const cooRow = cooPage.getByRole('table', { name: 'Approval requests' }).getByRole('row').filter({ hasText: title });
      await poll(() => cooRow.count()).toBe(1);
      await cooRow.getByRole('link', { name: title }).click();
      await cooPage.waitForURL((url) => url.pathname === `/approvals/${approvalId}`);
      const final = cooPage.getByRole('button', { name: 'Approve', exact: true });
      await final.waitFor();
      await final.click();
      await poll(() => cooPage.locator('#main header').first().innerText()).toContain('Approved');
      const effect = cooPage.getByRole('region', { name: 'Effect' });
      await poll(() => effect.innerText()).toContain(
        `Baseline version ${baselineNumber + 1}: BAC ${formatMoney(bac)} → ${formatMoney(newBac)}`,
      );
      expect(await cooPage.getByRole('region', { name: 'Route' }).innerText()).toMatch(/Step 2: reporting executive\s*Approved/);
      expect(await axeViolations(cooPage)).toEqual([]);

      // The project manager sees the new budget on the project, and the new BAC on its performance.
      await pmPage.goto(`${baseUrl}/projects/${project.id}`);
      const budget = pmPage.locator('.ant-descriptions-item').filter({ hasText: 'Budget' });
      await poll(() => budget.innerText()).toContain(formatMoney(newBac));
      await pmPage.getByRole('tab', { name: 'Performance' }).click();
      await pmPage.waitForURL((url) => url.searchParams.get('tab') === 'performance');
      const sCurve = pmPage.getByRole('region', { name: 'S-curve', exact: true });
      await poll(() => sCurve.innerText()).toContain(`Baseline version ${baselineNumber + 1}`);
      expect(await sCurve.innerText()).toContain(`BAC ${formatMoney(newBac)}`);
      await sCurve.getByRole('checkbox', { name: 'Show as table' }).check();
      const plannedCurve = sCurve.getByRole('table').last();
      await poll(() => plannedCurve.innerText()).toContain(formatMoney(newBac));

      const stored = await lead.call('GET', `/api/v1/approvals/${approvalId}`);
      expect(stored).toMatchObject({
        state: 'approved',
        effect: { baselineNumber: baselineNumber + 1, bacAfter: newBac },
        steps: [{ state: 'approved' }, { state: 'approved' }],
      });
      expect(pageErrors).toEqual([]);
    },
    JOURNEY_MS,
  );
});
