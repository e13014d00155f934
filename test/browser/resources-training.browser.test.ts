import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHarness, HARNESS_MS, hasChromium, JOURNEY_MS, poll, startHarness } from './support.ts';

/**
 * A PMO lead's look at resources and training: the capacity heat map shows where a skill runs
 * short; allocating someone beyond their capacity is refused with the figures, and the lead
 * overrides it with a reason; the qualification view shows who may manage IT delivery projects.
 */
describe.skipIf(!hasChromium)('a PMO lead plans resources and checks training in the browser', () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startHarness();
  }, HARNESS_MS);

  afterAll(async () => {
    await h?.close();
  });

  it(
    'reads the heat map, overrides an over-allocation with a reason and reads who is qualified',
    async () => {
      const { page, baseUrl } = h;
      const pageErrors: string[] = [];
      page.on('pageerror', (err) => pageErrors.push(err.message));

      await page.goto(`${baseUrl}/login`);
      await page.getByLabel('E-mail').fill('pmo.lead@example.com');
      await page.getByLabel('Password').fill('tollgate-demo');
      await page.getByRole('button', { name: /sign in/i }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));

      // The capacity heat map, through the navigation. The demo plans 2026–2027 with procurement
      // demand beyond capacity in autumn 2026, so the months are pinned to that plan: the test
      // must not depend on the day it runs.
      await page.getByRole('link', { name: 'Capacity' }).click();
      await page.waitForURL(/\/resources\/capacity/);
      await page.getByRole('heading', { name: 'Capacity', level: 1 }).waitFor();
      await page.goto(`${baseUrl}/resources/capacity?from=2026-09&to=2027-08`);
      const heatMap = page.getByTestId('capacity-heat-map');
      await heatMap.waitFor();
      const red = heatMap.locator('td[data-band="red"]');
      await poll(() => red.count()).toBeGreaterThan(0);
      expect(await red.first().innerText()).toMatch(/over capacity/);
      await poll(() =>
        page
          .getByRole('row', { name: /Procurement/ })
          .first()
          .innerText(),
      ).toMatch(/Procurement/);
      const overAllocated = page.locator('.ant-card').filter({ hasText: 'Over-allocated people' });
      await poll(() => overAllocated.locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);

      // A project of the Enterprise PMO, which Olivia leads: allocate Victor Almeida at 2 FTE.
      await page.getByRole('link', { name: 'Projects' }).click();
      await page.getByRole('link', { name: 'Plant 2 Compressor Replacement' }).click();
      await page.waitForURL(/\/projects\/[0-9a-f-]{36}/);
      await page.getByRole('tab', { name: 'Team & allocations' }).click();
      await page.getByRole('button', { name: 'Add allocation' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add allocation' });
      await dialog.getByLabel('Person', { exact: true }).click();
      await dialog.getByLabel('Person', { exact: true }).fill('Victor Almeida');
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'Victor Almeida' }).first().click();
      await dialog.getByLabel('FTE').fill('2');
      // The person's free capacity shows while the form is filled in.
      await dialog.getByRole('table', { name: /Free capacity of Victor Almeida/ }).waitFor();
      await dialog.getByRole('button', { name: 'Allocate', exact: true }).click();

      // Refused, with the figures month by month.
      const refusal = dialog.getByRole('alert');
      await poll(() => refusal.innerText()).toMatch(/Victor Almeida would be over-allocated in 6 months/);
      const figures = dialog.getByRole('table', { name: 'Over-allocation by month' });
      const figuresText = await figures.innerText();
      expect(figuresText).toMatch(/Requested/);
      expect(figuresText).toMatch(/Over by/);
      expect(await figures.locator('tbody tr').count()).toBe(6);

      // The lead allocates anyway, and has to say why.
      await dialog.getByRole('button', { name: 'Allocate anyway' }).click();
      await poll(() => dialog.innerText()).toMatch(/Give the reason for the override/);
      await dialog.getByLabel('Reason for allocating beyond capacity').fill('Compressor cut-over needs him full time');
      await dialog.getByRole('button', { name: 'Allocate anyway' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const victorRow = page.getByRole('row', { name: /Victor Almeida/ }).filter({ hasText: 'Beyond capacity' });
      await poll(() => victorRow.count()).toBe(1);
      expect(await victorRow.innerText()).toMatch(/\b2\b/);

      const saved = await page.evaluate(async () => {
        const reply = await (await fetch('/api/v1/allocations?from=2020-01')).json();
        return reply.items.filter((a: { fte: number; overrideReason: string | null }) => a.fte === 2 && a.overrideReason);
      });
      expect(saved).toHaveLength(1);
      expect(saved[0].person.name).toBe('Victor Almeida');
      expect(saved[0].overrideReason).toBe('Compressor cut-over needs him full time');

      // Who may manage IT delivery projects, and who lacks which course.
      await page.getByRole('menuitem', { name: 'Training' }).click();
      await page.getByRole('link', { name: 'Qualification' }).click();
      await page.waitForURL(/\/training\/qualification/);
      const itDelivery = page.getByTestId('qualification-IT-DELIVERY');
      await itDelivery.waitFor();
      const qualified = itDelivery.getByRole('list', { name: 'Qualified for IT system delivery' });
      await poll(() => qualified.innerText()).toMatch(/Sam Carter/);
      const hannah = itDelivery.getByRole('row', { name: /Hannah Moore/ });
      await poll(() => hannah.innerText()).toMatch(/AGL-201 missing/);
      expect(await qualified.innerText()).not.toMatch(/Hannah Moore/);

      expect(pageErrors).toEqual([]);
    },
    JOURNEY_MS,
  );
});
