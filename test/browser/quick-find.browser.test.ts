import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHarness, HARNESS_MS, JOURNEY_MS, apiAs, hasChromium, poll, startHarness } from './support.ts';

/**
 * A project manager finds anything with the keyboard: Ctrl+K, a few letters, Enter. The pages
 * visited run under the content security policy without a single violation.
 */
describe.skipIf(!hasChromium)('the quick find in the browser', () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startHarness();
  }, HARNESS_MS);

  afterAll(async () => {
    await h?.close();
  });

  it(
    'opens with Ctrl+K and "/", finds a request and a project by the first letters of their words, and opens them',
    async () => {
      const { page, baseUrl } = h;
      const problems: string[] = [];
      page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
      page.on('console', (msg) => {
        if (/Content Security Policy|Refused to (load|execute|apply)/i.test(msg.text())) problems.push(`CSP: ${msg.text()}`);
      });

      const pm = await apiAs(baseUrl, 'pm@example.com');
      const request = await pm.post<{ id: string; code: string }>('/api/v1/requests', { title: 'Zephyr warehouse telemetry' });
      const projects = await pm.get<{ items: { id: string; code: string; name: string }[] }>('/api/v1/projects');
      const project = projects.items[0]!;

      await page.goto(`${baseUrl}/`);
      await page.getByLabel('E-mail').fill('pm@example.com');
      await page.getByLabel('Password').fill('tollgate-demo');
      await page.getByRole('button', { name: /sign in/i }).click();
      await page.getByRole('button', { name: 'Find anything' }).waitFor();

      await page.keyboard.press('Control+K');
      const box = page.getByRole('combobox', { name: /Find projects, requests/ });
      await box.waitFor();
      await box.fill('zeph ware');
      const option = page.getByRole('option', { name: new RegExp(`${request.code} · Zephyr warehouse telemetry`) });
      await option.waitFor();
      await page.keyboard.press('Enter');
      await page.waitForURL(`${baseUrl}/requests/${request.id}`);
      await poll(() => page.locator('#main').innerText()).toContain('Zephyr warehouse telemetry');

      // "/" opens it too, when the focus is not in a text field; a project by the start of its name.
      await page.locator('#main').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('/');
      await box.waitFor();
      const firstWord = project.name.split(/\s+/)[0]!;
      await box.fill(firstWord.slice(0, Math.max(3, Math.min(5, firstWord.length))));
      await page.getByRole('option', { name: new RegExp(`${project.code} · `) }).waitFor();
      await page.getByRole('option', { name: new RegExp(`${project.code} · `) }).click();
      await page.waitForURL(`${baseUrl}/projects/${project.id}`);

      // Nothing found is said, not left blank.
      await page.keyboard.press('Control+K');
      await box.fill('qqqxxyyzz');
      await poll(() => page.getByRole('dialog').innerText()).toContain('Nothing found for “qqqxxyyzz”');
      await page.keyboard.press('Escape');

      expect(problems).toEqual([]);
    },
    JOURNEY_MS,
  );
});
