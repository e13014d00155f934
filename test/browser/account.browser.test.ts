import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHarness, HARNESS_MS, hasChromium, JOURNEY_MS, chooseIn, poll, signIn, startHarness } from './support.ts';

/** A sign-in attempt straight at the API, as a script (or an attacker) would make it. */
async function attempt(baseUrl: string, email: string, password: string): Promise<number> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  await res.arrayBuffer();
  return res.status;
}

/**
 * My account and the users page, as their owners use them: a read-only token with an expiry, a
 * password change that revokes the tokens and says so, and an admin letting a throttled user in.
 */
describe.skipIf(!hasChromium)('sign-in, tokens and passwords in the web app', () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startHarness();
  }, HARNESS_MS);

  afterAll(async () => {
    await h?.close();
  });

  it(
    'creates a read-only token that expires, then changes the password and is told the token was revoked',
    async () => {
      const { baseUrl } = h;
      const page = await h.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (err) => pageErrors.push(err.message));
      const dialog = page.getByRole('dialog');
      await signIn(page, baseUrl, 'pm@example.com');
      await page.goto(`${baseUrl}/account`);

      await page.getByRole('button', { name: 'New token' }).click();
      await dialog.getByLabel('Token name').fill('dashboard reader');
      await dialog.getByLabel(/Read only/).check();
      await chooseIn(page, dialog.getByLabel('Expires'), '30', /In 30 days/);
      await dialog.getByRole('button', { name: 'Create token' }).click();
      const token = await page.getByRole('textbox', { name: 'API token', exact: true }).inputValue();
      expect(token).toMatch(/^tg_/);
      await poll(() => page.getByRole('dialog').last().innerText()).toMatch(/Read only, works until/);
      await page.getByRole('button', { name: 'I have stored it' }).click();

      const row = page.getByRole('row', { name: /dashboard reader/ });
      await poll(() => row.innerText()).toContain('Read only');
      const inThirtyDays = new Date(Date.now() + 31 * 86_400_000);
      expect(await row.innerText()).toContain(String(inThirtyDays.getFullYear()));
      const call = async (method: string) =>
        (await fetch(`${baseUrl}/api/v1/auth/tokens`, { method, headers: { authorization: `Bearer ${token}` } })).status;
      expect(await call('GET')).toBe(200);
      expect(await call('POST')).toBe(403);

      const card = page.locator('.ant-card', { hasText: 'Change password' });
      await card.getByLabel('Current password').fill('tollgate-demo');
      await card.getByLabel('New password', { exact: true }).fill('a-new-password-for-pm');
      await card.getByLabel('Repeat the new password').fill('a-new-password-for-pm');
      expect(await card.getByLabel('Also revoke my API tokens').isChecked()).toBe(true);
      await card.getByRole('button', { name: 'Change password' }).click();
      await poll(() => card.getByRole('status').innerText()).toContain('1 API token was revoked');
      await poll(() => row.innerText()).toContain('Revoked');
      expect(await call('GET')).toBe(401);

      expect(pageErrors).toEqual([]);
    },
    JOURNEY_MS,
  );

  it(
    'an admin sees a throttled account in its drawer and unlocks it',
    async () => {
      const { baseUrl } = h;
      const page = await h.newPage();
      for (let i = 0; i < 5; i++) expect(await attempt(baseUrl, 'cto@example.com', `wrong-${i}`)).toBe(401);
      expect(await attempt(baseUrl, 'cto@example.com', 'tollgate-demo')).toBe(429);

      await signIn(page, baseUrl, 'admin@example.com');
      await page.goto(`${baseUrl}/admin/users`);
      await page.getByLabel('Search users').fill('cto@example.com');
      await page
        .getByRole('row', { name: /cto@example\.com/ })
        .getByRole('button')
        .first()
        .click();
      const drawer = page.getByRole('dialog');
      await drawer.getByLabel('Name', { exact: true }).waitFor();
      await poll(() => drawer.innerText()).toContain('5 failed sign-ins recently');
      await drawer.getByRole('button', { name: 'Unlock sign-in' }).click();
      await poll(() => page.locator('.ant-message').innerText()).toContain('can sign in again at once');
      expect(await attempt(baseUrl, 'cto@example.com', 'tollgate-demo')).toBe(200);
    },
    JOURNEY_MS,
  );
});
