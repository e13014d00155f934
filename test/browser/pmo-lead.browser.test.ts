import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHarness, HARNESS_MS, hasChromium, JOURNEY_MS, poll, startHarness } from './support.ts';

/**
 * The PMO lead's first walk through Tollgate: sign in, open the enterprise PMO and read its
 * reporting line up to the CEO, tighten a tolerance of a project type and publish a new version
 * of the standard, then sign out.
 */
describe.skipIf(!hasChromium)('a PMO lead governs standards in the browser', () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startHarness();
  }, HARNESS_MS);

  afterAll(async () => {
    await h?.close();
  });

  it(
    'signs in, reads the reporting line, publishes a new standard version and signs out',
    async () => {
      const { page, baseUrl } = h;
      const consoleErrors: string[] = [];
      page.on('pageerror', (err) => consoleErrors.push(err.message));

      // Signed out, any page leads to the sign-in form.
      await page.goto(`${baseUrl}/pmos`);
      await page.getByLabel('E-mail').fill('pmo.lead@example.com');
      await page.getByLabel('Password').fill('tollgate-demo');
      await page.getByRole('button', { name: /sign in/i }).click();

      // Back on the PMO list, open the enterprise PMO.
      await page.getByRole('link', { name: 'Enterprise PMO', exact: true }).first().click();
      await page.waitForURL(/\/pmos\/[0-9a-f-]{36}/);
      await page.getByRole('tab', { name: 'Reporting line' }).click();
      const line = page.getByRole('tabpanel', { name: 'Reporting line' });
      await poll(() => line.innerText()).toContain('Reports to COO · Daniel Okafor');
      const text = await line.innerText();
      expect(text).toMatch(/CEO · Margaret Holloway/);
      expect(text.indexOf('COO')).toBeLessThan(text.indexOf('CEO'));

      // The IT delivery standard: tighten the SPI amber threshold and publish.
      await page.getByRole('menuitem', { name: /standards/i }).click();
      await page.getByRole('link', { name: 'IT system delivery' }).click();
      const versionTag = page.getByTestId('current-version');
      await poll(() => versionTag.innerText()).toMatch(/^Version \d+$/);
      const before = Number((await versionTag.innerText()).replace('Version ', ''));
      await page.getByRole('button', { name: 'Edit standard' }).click();
      const spiAmber = page.getByLabel('SPI amber threshold');
      const current = Number(await spiAmber.inputValue());
      const tightened = current >= 0.97 ? 0.96 : 0.97;
      await spiAmber.fill(String(tightened));
      await page.getByRole('button', { name: `Publish version ${before + 1}` }).click();
      await poll(() => versionTag.innerText()).toBe(`Version ${before + 1}`);

      // The API agrees: the new version is current and carries the new threshold.
      const published = await page.evaluate(async () => {
        const list = await (await fetch('/api/v1/project-types')).json();
        const type = list.items.find((t: { name: string }) => t.name === 'IT system delivery');
        return (await fetch(`/api/v1/project-types/${type.id}`)).json();
      });
      expect(published.currentVersion).toBe(before + 1);
      expect(published.definition.tolerances.spi.amber).toBe(tightened);

      // Sign out: back to the sign-in page, and the session is gone.
      await page.getByRole('button', { name: /olivia bennett/i }).click();
      await page.getByRole('menuitem', { name: 'Sign out' }).click();
      await page.waitForURL(/\/login/);
      const me = await page.evaluate(async () => (await fetch('/api/v1/me')).status);
      expect(me).toBe(401);
      expect(consoleErrors).toEqual([]);
    },
    JOURNEY_MS,
  );
});
