import { sql } from 'drizzle-orm';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { type TestDatabase, testDatabase } from '../../../test/support/database.ts';
import { ApiClient, type TestApp, testApp } from '../../../test/support/http.ts';
import { startSmtpServer, startWebhookReceiver } from '../../../test/support/receivers.ts';
import { listJobs, runDueJobs, startJobRunner } from '../../kernel/jobs.ts';
import { openDatabase } from '../../kernel/db.ts';
import { transact } from '../../kernel/usecase.ts';
import { notify } from './index.ts';

/**
 * E-mail through the outbox: a notice written in a use case's transaction is e-mailed by the job
 * queue after the commit to those who chose e-mail for its kind, over a real SMTP server started
 * here; without SMTP_URL the mail is written to the log; a rolled-back change sends nothing.
 */

let database: TestDatabase;
let app: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const PM = 'pm@example.com';
const LEAD = 'pmo.lead@example.com';
const ANALYST = 'pmo.analyst@example.com';
const ids = { epmo: '', type: '', sponsor: '', lead: '', leadName: '' };

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** A complete request of the project manager to the Enterprise PMO, submitted: its members are told. */
async function submitRequest(title: string): Promise<{ id: string; code: string }> {
  const pm = await ApiClient.signIn(app, PM);
  const created = await pm.post('/api/v1/requests', {
    title,
    problem: 'Invoices are keyed in by hand.',
    objectives: ['Read invoices automatically'],
    projectTypeId: ids.type,
    sponsorId: ids.sponsor,
    pmoId: ids.epmo,
    wantedStart: '2031-01-06',
    durationMonths: 3,
    costEstimate: [{ month: '2031-01', amount: 30_000 }],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const submitted = await pm.post(`/api/v1/requests/${created.body.id}/submit`);
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  return { id: created.body.id, code: created.body.code };
}

beforeAll(async () => {
  database = await testDatabase({ demo: true });
  app = testApp(database);
  smtp = await startSmtpServer();
  const [epmo] = await rows<{ id: string }>(sql`select id::text as id from pmos where code = 'EPMO'`);
  ids.epmo = epmo!.id;
  const [type] = await rows<{ id: string }>(
    sql`select id::text as id from project_types where pmo_id = ${ids.epmo}::uuid order by code limit 1`,
  );
  ids.type = type!.id;
  const [sponsor] = await rows<{ id: string }>(sql`select id::text as id from people where email = 'cfo@example.com'`);
  ids.sponsor = sponsor!.id;
  const [lead] = await rows<{ id: string; name: string }>(
    sql`select id::text as id, display_name as name from users where email = ${LEAD}`,
  );
  ids.lead = lead!.id;
  ids.leadName = lead!.name;
  // Whatever the demo's seed queued is delivered first, so that each test sees only its own mail.
  vi.spyOn(console, 'info').mockImplementation(() => {});
  await runDueJobs(database);
  vi.restoreAllMocks();
});

afterEach(() => {
  delete process.env.SMTP_URL;
  vi.restoreAllMocks();
});

afterAll(async () => {
  await smtp?.close();
  await database?.close();
});

describe('e-mail of notices', () => {
  it('is sent over SMTP to those who chose e-mail for the kind, with the subject, the text and the link', async () => {
    const lead = await ApiClient.signIn(app, LEAD);
    const chosen = await lead.put('/api/v1/me/notification-preferences', {
      preferences: [{ kind: 'request.submit', delivery: 'inbox_and_email' }],
    });
    expect(chosen.status, JSON.stringify(chosen.body)).toBe(200);
    process.env.SMTP_URL = smtp.url;

    const request = await submitRequest('Invoice capture by e-mail');
    // Nothing goes out before the job queue runs it: the use case only wrote the outbox.
    expect(smtp.received).toEqual([]);
    expect(await runDueJobs(database)).toBeGreaterThan(0);

    const mails = smtp.received.filter((m) => m.subject.includes(request.code));
    expect(mails.map((m) => m.to)).toEqual([[LEAD]]);
    const [mail] = mails;
    expect(mail!.subject).toBe(`${request.code} was submitted: Invoice capture by e-mail`);
    expect(mail!.text).toContain(`Hello ${ids.leadName},`);
    expect(mail!.text).toContain(`${request.code} was submitted: Invoice capture by e-mail`);
    expect(mail!.text).toContain(`http://localhost:3000/requests/${request.id}`);
    expect(mail!.text).toContain('http://localhost:3000/account');
    expect(mail!.raw).toMatch(/^from: .*tollgate@localhost/im);
  });

  it('respects the preference: an inbox-only user gets the notice in the inbox and no e-mail', async () => {
    process.env.SMTP_URL = smtp.url;
    const analyst = await ApiClient.signIn(app, ANALYST);
    const prefs = await analyst.get('/api/v1/me/notification-preferences');
    expect(prefs.body.items.find((p: { kind: string }) => p.kind === 'request.submit')).toMatchObject({
      delivery: 'inbox',
      chosen: false,
    });
    const request = await submitRequest('Invoice capture, inbox only');
    await runDueJobs(database);
    const inbox = await analyst.get('/api/v1/notifications?limit=1000');
    expect(inbox.body.items.some((n: { entityId: string }) => n.entityId === request.id)).toBe(true);
    const mails = smtp.received.filter((m) => m.subject.includes(request.code));
    expect(mails.flatMap((m) => m.to)).toEqual([LEAD]);
  });

  it('without SMTP_URL writes the recipient and subject to the log instead', async () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    const before = smtp.received.length;
    const request = await submitRequest('Invoice capture, logged');
    await runDueJobs(database);
    const lines = info.mock.calls.map((call) => String(call[0]));
    expect(lines.filter((l) => l.includes(request.code))).toEqual([
      `mail (no SMTP_URL set, not sent): to ${LEAD}, subject "${request.code} was submitted: Invoice capture, logged"`,
    ]);
    expect(smtp.received.length).toBe(before);
  });

  it('loses no e-mail to a crash right after the commit: it goes out once when Tollgate is back', async () => {
    const dir = database.kind === 'postgres' ? null : mkdtempSync(join(tmpdir(), 'tollgate-mail-'));
    // A database of its own that is closed and opened again: on PostgreSQL a second pool on the test
    // database, on PGlite a data directory made from the demo template.
    const open = (fromTemplate: boolean) =>
      dir === null
        ? openDatabase({ databaseUrl: database.url!, poolSize: 2 })
        : openDatabase({
            dataDir: join(dir, 'data'),
            loadDataDir: fromTemplate ? new Blob([readFileSync(inject('pgliteTemplates').demo)]) : undefined,
          });
    const title = 'Sent after the crash: the status report is overdue';
    const before = await open(true);
    if (dir !== null) {
      // The demo's own queued mail, delivered first (to the log), so that only this notice is left.
      vi.spyOn(console, 'info').mockImplementation(() => {});
      await runDueJobs(before);
      vi.restoreAllMocks();
    }
    // Overdue reminders are e-mailed unless the user chose otherwise.
    await transact(before.db, async ({ tx }) =>
      notify(tx, { userIds: [ids.lead], kind: 'status_report.overdue', title, entityType: 'project', entityId: 'crash' }),
    );
    // The process stops right after the commit: no runner ever saw the mail job.
    await before.close();

    process.env.SMTP_URL = smtp.url;
    const after = await open(false);
    try {
      const runner = await startJobRunner(after, { pollMs: 50 });
      try {
        for (let waited = 0; !smtp.received.some((m) => m.subject === title) && waited < 60_000; waited += 100) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      } finally {
        await runner.stop();
      }
      await runDueJobs(after);
      expect(smtp.received.filter((m) => m.subject === title).map((m) => m.to)).toEqual([[LEAD]]);
    } finally {
      await after.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sends nothing for a rolled-back change: no inbox row, no mail job, no webhook', async () => {
    process.env.SMTP_URL = smtp.url;
    const receiver = await startWebhookReceiver();
    try {
      const admin = await ApiClient.signIn(app, 'admin@example.com');
      const hook = await admin.post('/api/v1/webhooks', { url: receiver.url, events: ['*'] });
      expect(hook.status, JSON.stringify(hook.body)).toBe(201);
      const jobsBefore = (await listJobs(database)).length;
      await expect(
        transact(database.db, async ({ tx }) => {
          await notify(tx, {
            userIds: [ids.lead],
            kind: 'request.request_info',
            title: 'Rolled back: never sent',
            entityType: 'request',
            entityId: 'rolled-back',
          });
          throw new Error('the use case failed after notifying');
        }),
      ).rejects.toThrow('the use case failed');
      expect((await listJobs(database)).length).toBe(jobsBefore);
      const written = await rows(sql`select 1 from notifications where title = 'Rolled back: never sent'`);
      expect(written).toEqual([]);
      await runDueJobs(database);
      expect(smtp.received.filter((m) => m.subject.includes('Rolled back'))).toEqual([]);
      expect(receiver.received).toEqual([]);

      // The same notice committed reaches the inbox, the mail server and the webhook.
      await transact(database.db, async ({ tx }) => {
        await notify(tx, {
          userIds: [ids.lead, ids.lead, null],
          kind: 'request.request_info',
          title: 'Committed: sent once',
          entityType: 'request',
          entityId: 'committed',
        });
      });
      await runDueJobs(database);
      expect(smtp.received.filter((m) => m.subject === 'Committed: sent once').map((m) => m.to)).toEqual([[LEAD]]);
      expect(receiver.received.map((r) => JSON.parse(r.body).data.title)).toEqual(['Committed: sent once']);
      expect((await admin.delete(`/api/v1/webhooks/${hook.body.id}?version=${hook.body.version}`)).status).toBe(204);
    } finally {
      await receiver.close();
    }
  });
});
