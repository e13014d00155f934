import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver } from '../support/receivers.ts';
import {
  type BrowserHarness,
  HARNESS_MS,
  JOURNEY_MS,
  apiAs,
  axeViolations,
  hasChromium,
  poll,
  signIn,
  startHarness,
} from './support.ts';

/**
 * Notifications in the web app: the admin registers a webhook with a receiver started here, sends
 * a test event and reads its delivery in the log; a project manager makes their calendar URL,
 * copies it into a calendar (a fetch here) and chooses e-mail for a kind of notice.
 */
describe.skipIf(!hasChromium)('webhooks, the calendar feed and notification preferences', () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startHarness();
  }, HARNESS_MS);

  afterAll(async () => {
    await h?.close();
  });

  it(
    'the admin registers a webhook, sends a test event and sees its delivery in the log',
    async () => {
      const receiver = await startWebhookReceiver();
      try {
        const page = await h.newPage();
        const pageErrors: string[] = [];
        page.on('pageerror', (err) => pageErrors.push(err.message));
        await signIn(page, h.baseUrl, 'admin@example.com');
        await page.getByRole('menuitem', { name: 'Webhooks' }).click();
        await page.waitForURL(/\/admin\/webhooks$/);
        await page.getByRole('button', { name: 'New webhook' }).click();
        const drawer = page.locator('.ant-drawer');
        // A URL with credentials is refused before anything is saved.
        await drawer.getByLabel('URL').fill('https://user:pw@hooks.example.com/x');
        await drawer.getByRole('button', { name: 'Register webhook' }).click();
        await poll(() => drawer.innerText()).toContain('No user name or password in the URL');
        await drawer.getByLabel('URL').fill(receiver.url);
        await drawer.getByLabel('Description').fill('Reporting warehouse');
        await drawer.getByRole('button', { name: 'Register webhook' }).click();

        const secret = await page.getByRole('textbox', { name: 'Signing secret' }).inputValue();
        expect(secret).toMatch(/^whsec_/);
        await page.getByRole('button', { name: 'I have stored it' }).click();
        await page.waitForURL(/\/admin\/webhooks\/[0-9a-f-]{36}$/);
        await poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Reporting warehouse');

        await page.getByRole('button', { name: 'Send a test event' }).click();
        await poll(() => page.getByText('Test event queued').count()).toBe(1);
        // The job runner delivers it within moments; the log shows it once refreshed.
        const log = page.locator('.ant-card', { hasText: 'Delivery log' });
        await poll(async () => {
          await log.getByRole('button', { name: 'Refresh' }).click();
          return log.locator('tbody').innerText();
        }).toMatch(/webhook\.test[\s\S]*200/);

        expect(receiver.received).toHaveLength(1);
        const [hook] = receiver.received;
        const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(hook!.headers['x-tollgate-signature']))!;
        expect(createHmac('sha256', secret).update(`${t}.${hook!.body}`).digest('hex')).toBe(v1);
        expect(JSON.parse(hook!.body).kind).toBe('webhook.test');
        expect(await axeViolations(page), 'the webhook page').toEqual([]);
        await page.getByRole('link', { name: 'Webhooks' }).first().click();
        await poll(() => page.locator('tbody').innerText()).toContain('Reporting warehouse');
        expect(await axeViolations(page), 'the webhooks page').toEqual([]);
        expect(pageErrors).toEqual([]);
      } finally {
        await receiver.close();
      }
    },
    JOURNEY_MS,
  );

  it(
    'a project manager copies their calendar URL and chooses e-mail for a kind of notice',
    async () => {
      const page = await h.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (err) => pageErrors.push(err.message));
      await signIn(page, h.baseUrl, 'pm@example.com');
      await page.goto(`${h.baseUrl}/account`);

      const calendar = page.locator('.ant-card', { hasText: 'Calendar feed' });
      await poll(() => calendar.innerText()).toContain('You have no calendar feed.');
      await calendar.getByRole('button', { name: 'Create calendar URL' }).click();
      const field = calendar.getByRole('textbox', { name: 'Calendar URL' });
      const url = await field.inputValue();
      expect(url).toMatch(/\/api\/v1\/calendar\/tgcal_[A-Za-z0-9_-]+\.ics$/);
      await calendar.getByRole('button', { name: 'Copy' }).click();
      // A calendar program fetches it with no session at all.
      const feed = await fetch(url);
      expect(feed.status).toBe(200);
      expect(feed.headers.get('content-type')).toContain('text/calendar');
      expect(await feed.text()).toContain('BEGIN:VCALENDAR');
      await poll(() => calendar.innerText()).toMatch(/Your feed tgcal_\S+… was made/);

      // A new URL replaces the old one.
      await calendar.getByRole('button', { name: 'Create new URL' }).click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: 'Make new URL' }).click();
      await poll(() => field.inputValue()).not.toBe(url);
      expect((await fetch(url)).status).toBe(404);

      const card = page.locator('.ant-card', { hasText: 'Choose which kinds also come to you by e-mail' });
      const row = card.getByRole('row', { name: /A status report was accepted/ });
      await row.getByText('Inbox and e-mail').click();
      await poll(() => page.getByText('“A status report was accepted”: inbox and e-mail.').count()).toBe(1);
      const api = await apiAs(h.baseUrl, 'pm@example.com');
      const saved = await api.get<{ items: { kind: string; delivery: string; chosen: boolean }[] }>(
        '/api/v1/me/notification-preferences',
      );
      expect(saved.items.find((p) => p.kind === 'status_report.accepted')).toMatchObject({
        delivery: 'inbox_and_email',
        chosen: true,
      });
      expect(await axeViolations(page), 'the account page').toEqual([]);
      expect(pageErrors).toEqual([]);
    },
    JOURNEY_MS,
  );
});
