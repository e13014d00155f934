import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
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
} from './support.ts';

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

/** An ISO day (UTC, as the server counts days) `n` days from today. */
const isoDay = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** Types a day into a date input and leaves it (Tab, not Enter: Enter would submit). */
async function typeDay(input: Locator, day: string) {
  await input.click();
  await input.fill(day);
  await input.press('Tab');
}

/**
 * My account and the users page, as their owners use them: a read-only token with an expiry, a
 * password change that revokes the tokens and says so, an admin letting a throttled user in, and
 * an executive naming a delegate for their holiday.
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

  it(
    'an executive names a delegate for a week of holiday, the delegate sees whom they stand in for, and the cover is removed',
    async () => {
      const { baseUrl } = h;
      const page = await h.newPage();
      showOnFailure(page);
      const pageErrors: string[] = [];
      page.on('pageerror', (err) => pageErrors.push(err.message));
      // The PMO lead has a user account of her own: the person the COO names. The commercial
      // director has none, so the server refuses her on the field.
      const coo = await apiCaller(baseUrl, 'coo@example.com');
      const personOf = async (email: string) => {
        const found = (await coo('GET', `/api/v1/people?active=true&q=${encodeURIComponent(email)}`)).items as {
          id: string;
          name: string;
        }[];
        expect(found, email).toHaveLength(1);
        return found[0]!;
      };
      const delegate = await personOf('pmo.lead@example.com');
      const noAccount = await personOf('claire.dubois@example.com');

      await signIn(page, baseUrl, 'coo@example.com');
      await page.goto(`${baseUrl}/account`);
      const card = page.getByRole('region', { name: 'Holiday cover', exact: true });
      await poll(() => card.innerText()).toContain('each decision records that they acted for you');
      const row = card.getByRole('row', { name: new RegExp(delegate.name) });
      expect(await row.count()).toBe(0);

      await card.getByRole('button', { name: 'Name a delegate' }).click();
      const dialog = page.getByRole('dialog');
      const person = dialog.getByLabel('Delegate', { exact: true });
      await chooseIn(page, person, noAccount.name.split(' ')[0]!, new RegExp(noAccount.name));
      await typeDay(dialog.getByLabel('From', { exact: true }), isoDay(0));
      await typeDay(dialog.getByLabel('To', { exact: true }), isoDay(7));
      await dialog.getByLabel('Reason').fill('Annual leave');
      await dialog.getByRole('button', { name: 'Name delegate' }).click();
      await poll(() => dialog.locator('.ant-form-item-explain-error').innerText()).toContain(
        'This person has no active user account',
      );

      await chooseIn(page, person, delegate.name.split(' ')[0]!, new RegExp(delegate.name));
      await dialog.getByRole('button', { name: 'Name delegate' }).click();
      await dialog.waitFor({ state: 'hidden' });

      await poll(() => row.innerText()).toContain('Active now');
      expect(await row.innerText()).toContain('Annual leave');
      const coverOf = async () =>
        ((await coo('GET', '/api/v1/approval-delegates')).items as any[]).filter((d) => d.delegate.name === delegate.name);
      expect(await coverOf()).toMatchObject([{ startsOn: isoDay(0), endsOn: isoDay(7), active: true }]);
      expect(await axeViolations(page)).toEqual([]);

      // The delegate sees on her own account page whom she decides for.
      const lead = await h.newPage();
      await signIn(lead, baseUrl, 'pmo.lead@example.com');
      await lead.goto(`${baseUrl}/account`);
      const standIn = lead.getByRole('list', { name: 'Approvers you stand in for' });
      await poll(() => standIn.innerText()).toContain('You decide for Daniel Okafor from');
      await standIn.getByRole('button', { name: 'Stop covering for Daniel Okafor' }).waitFor();
      expect(await axeViolations(lead)).toEqual([]);
      await lead.context().close();

      // Removed, after confirming, and gone from the list and the API.
      await row.getByRole('button', { name: `Remove ${delegate.name}` }).click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: 'Remove', exact: true }).click();
      await poll(() => row.count()).toBe(0);
      expect(await coverOf()).toEqual([]);
      expect(pageErrors).toEqual([]);
      await page.context().close();
    },
    JOURNEY_MS,
  );
});
