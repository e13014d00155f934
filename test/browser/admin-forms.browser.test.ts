import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHarness, HARNESS_MS, hasChromium, JOURNEY_MS, poll, signIn, startHarness } from './support.ts';

async function signOut(page: Page, name: RegExp) {
  await page.getByRole('button', { name }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await page.waitForURL(/\/login/);
}

/** Picks an option of an antd Select / TreeSelect by typing part of its label. */
async function choose(page: Page, control: ReturnType<Page['getByLabel']>, text: string, option: string | RegExp) {
  await control.click();
  await page.keyboard.type(text);
  await page.locator('.ant-select-dropdown:visible').getByText(option).first().click();
}

/**
 * An administrator's walk through the forms: a new person with a skill (the e-mail is checked
 * as it is typed), a user account linked to them; the PMO lead makes that person an analyst of
 * the enterprise PMO and sees it in the members and the PMO's history; an API token is created
 * and revoked from My account.
 */
describe.skipIf(!hasChromium)('an administrator and a PMO lead fill in the forms', () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startHarness();
  }, HARNESS_MS);

  afterAll(async () => {
    await h?.close();
  });

  it(
    'creates a person with a skill and an account, adds them to a PMO, and manages an API token',
    async () => {
      const { page, baseUrl } = h;
      const pageErrors: string[] = [];
      page.on('pageerror', (err) => pageErrors.push(err.message));
      const dialog = page.getByRole('dialog');

      // A new person: a bad e-mail is flagged while typing, then corrected; Enter submits.
      await signIn(page, baseUrl, 'admin@example.com');
      await page.goto(`${baseUrl}/people`);
      await page.getByRole('button', { name: 'New person' }).click();
      await dialog.getByLabel('Name', { exact: true }).fill('Quinn Tester');
      const email = dialog.getByLabel('E-mail');
      await email.fill('quinn.tester@');
      await poll(() => dialog.locator('.ant-form-item-explain-error').allInnerTexts()).toContain('This is not an e-mail address');
      await email.fill('quinn.tester@example.com');
      await poll(() => dialog.locator('.ant-form-item-explain-error').count()).toBe(0);
      await dialog.getByLabel('Job title').fill('Quality Lead');
      await dialog.getByLabel('Job title').press('Enter');
      await page.waitForURL(/\/people\/[0-9a-f-]{36}/);
      await poll(() => page.getByRole('heading', { level: 1 }).innerText()).toContain('Quinn Tester');

      // Their skills: one, at level 4.
      await page.getByRole('button', { name: 'Edit skills' }).click();
      await dialog.getByRole('button', { name: 'Add a skill' }).click();
      await choose(page, dialog.getByRole('combobox', { name: 'Skill 1', exact: true }), 'Secur', 'Security');
      await dialog.getByRole('button', { name: 'Save skills' }).click();
      const skills = page.locator('.ant-card').filter({ has: page.getByText('Skills', { exact: true }) });
      await poll(() => skills.first().innerText()).toContain('Security');
      const personPath = new URL(page.url()).pathname;
      const personId = personPath.split('/').pop() as string;

      // An account linked to the person: choosing them fills in e-mail and name.
      await page.goto(`${baseUrl}/admin/users`);
      await page.getByRole('button', { name: 'New user' }).click();
      await choose(page, dialog.getByLabel('Person'), 'Quinn', /^Quinn Tester/);
      await poll(() => dialog.getByLabel('E-mail').inputValue()).toBe('quinn.tester@example.com');
      await poll(() => dialog.getByLabel('Name', { exact: true }).inputValue()).toBe('Quinn Tester');
      await dialog.getByLabel('Initial password').fill('a-long-enough-secret');
      await dialog.getByRole('checkbox', { name: 'PMO analyst' }).check();
      await page.getByRole('button', { name: 'Create user' }).click();
      await poll(() => page.getByRole('row', { name: /quinn\.tester@example\.com/ }).innerText()).toContain('Quinn Tester');
      const users = await page.evaluate(async () => (await (await fetch('/api/v1/users')).json()).items);
      const account = users.find((u: { email: string }) => u.email === 'quinn.tester@example.com');
      expect(account).toMatchObject({ personId, roles: ['pmo_analyst'] });
      await signOut(page, /user menu for system administrator/i);

      // The PMO lead makes Quinn an analyst of the enterprise PMO.
      await signIn(page, baseUrl, 'pmo.lead@example.com');
      await page.goto(`${baseUrl}/pmos`);
      await page.getByRole('link', { name: 'Enterprise PMO', exact: true }).first().click();
      await page.waitForURL(/\/pmos\/[0-9a-f-]{36}/);
      await page.getByRole('tab', { name: /^Members/ }).click();
      await page.getByRole('button', { name: /Edit members/ }).click();
      await dialog.getByRole('button', { name: 'Add a member' }).click();
      const rows = await dialog.getByRole('combobox', { name: /^Member \d+$/ }).count();
      await choose(page, dialog.getByRole('combobox', { name: `Member ${rows}`, exact: true }), 'Quinn', /^Quinn Tester/);
      expect(
        await dialog
          .getByRole('combobox', { name: `PMO role of member ${rows}` })
          .locator('..')
          .innerText(),
      ).toContain('Analyst');
      await dialog.getByRole('button', { name: 'Save members' }).click();
      const members = page.getByRole('tabpanel', { name: /Members/ });
      await poll(() => members.innerText()).toMatch(/Quinn Tester\s+PMO analyst/);

      // The PMO's history shows the change, naming the new member.
      await page.getByRole('tab', { name: 'History' }).click();
      const history = page.getByRole('tabpanel', { name: 'History' });
      await poll(() => history.innerText()).toContain('Members changed');
      expect(await history.innerText()).toContain('+ Quinn Tester (analyst)');

      // My account: a new API token is shown once, works, and is revoked.
      await page.getByRole('button', { name: /user menu for olivia bennett/i }).click();
      await page.getByRole('menuitem', { name: /my account/i }).click();
      await page.waitForURL(/\/account/);
      await page.getByRole('button', { name: 'New token' }).click();
      await dialog.getByLabel('Token name').fill('nightly report');
      await dialog.getByLabel('Token name').press('Enter');
      const tokenInput = page.getByRole('textbox', { name: 'API token', exact: true });
      const token = await tokenInput.inputValue();
      expect(token).toMatch(/^tg_/);
      const withToken = (t: string) =>
        page.evaluate(
          async (bearer) =>
            (await fetch('/api/v1/me', { headers: { Authorization: `Bearer ${bearer}` }, credentials: 'omit' })).status,
          t,
        );
      expect(await withToken(token)).toBe(200);
      await page.getByRole('button', { name: 'I have stored it' }).click();
      const tokenRow = page.getByRole('row', { name: /nightly report/ });
      await tokenRow.getByRole('button', { name: 'Revoke' }).click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: 'Revoke' }).click();
      await poll(() => tokenRow.innerText()).toMatch(/Revoked/i);
      expect(await withToken(token)).toBe(401);

      expect(pageErrors).toEqual([]);
    },
    JOURNEY_MS,
  );
});
