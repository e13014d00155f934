import { createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type TestDatabase, testDatabase } from '../../../test/support/database.ts';
import { ApiClient, type TestApp, testApp } from '../../../test/support/http.ts';
import { type ReceivedHook, startWebhookReceiver } from '../../../test/support/receivers.ts';
import { runDueJobs } from '../../kernel/jobs.ts';
import { transact } from '../../kernel/usecase.ts';
import { publishEvent } from './index.ts';

/**
 * Signed webhooks: the admin registers a receiver started by this test; each delivery is POSTed
 * by the job queue with an HMAC-SHA256 signature the receiver checks itself; a 500 is retried with
 * backoff and both attempts are in the delivery log; bad URLs are refused naming the field.
 */

let database: TestDatabase;
let app: TestApp;
let admin: ApiClient;
const HOUR_MS = 3_600_000;

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** The receiver's own check of a delivery, written from the documented header, not from Tollgate's code. */
function signedBy(secret: string, hook: ReceivedHook): boolean {
  const header = String(hook.headers['x-tollgate-signature'] ?? '');
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!match) return false;
  const expected = createHmac('sha256', secret).update(`${match[1]}.${hook.body}`).digest('hex');
  return expected === match[2] && Math.abs(Date.now() / 1000 - Number(match[1])) < 300;
}

/** Runs the queue now, then an hour ahead so that every retry has fallen due. */
async function deliverAll() {
  await runDueJobs(database);
  await runDueJobs(database, { now: new Date(Date.now() + HOUR_MS) });
}

beforeAll(async () => {
  database = await testDatabase({ demo: true });
  app = testApp(database);
  admin = await ApiClient.signIn(app, 'admin@example.com');
  // Whatever the demo's seed queued is delivered first, so that each test sees only its own deliveries.
  vi.spyOn(console, 'info').mockImplementation(() => {});
  await runDueJobs(database);
  vi.restoreAllMocks();
});

afterAll(async () => {
  await database?.close();
});

describe('webhooks', () => {
  it('delivers a signed event, retries after a 500, and logs both attempts', async () => {
    const receiver = await startWebhookReceiver((n) => (n === 1 ? 500 : 200));
    const failures = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const created = await admin.post('/api/v1/webhooks', {
        url: receiver.url,
        events: ['status_report.submitted'],
        description: 'PMO reporting warehouse',
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const { id, secret } = created.body as { id: string; secret: string };
      expect(secret).toMatch(/^whsec_[0-9a-f]{64}$/);
      expect((await admin.get(`/api/v1/webhooks/${id}`)).body).not.toHaveProperty('secret');

      await transact(database.db, async ({ tx }) => {
        await publishEvent(tx, { kind: 'status_report.submitted', data: { reportId: 'r-1', asOf: '2026-03-31' } });
        // Not subscribed: never delivered to this webhook.
        await publishEvent(tx, { kind: 'request.commented', data: { requestId: 'q-1' } });
      });
      expect(receiver.received).toEqual([]);
      await deliverAll();

      expect(receiver.received.map((r) => r.status)).toEqual([500, 200]);
      const [first, second] = receiver.received;
      expect(first!.body).toBe(second!.body);
      for (const hook of receiver.received) {
        expect(signedBy(secret, hook), String(hook.headers['x-tollgate-signature'])).toBe(true);
        expect(signedBy('whsec_not-the-secret', hook)).toBe(false);
        expect(hook.headers['x-tollgate-event']).toBe('status_report.submitted');
        expect(hook.headers['content-type']).toBe('application/json');
      }
      const event = JSON.parse(second!.body);
      expect(event).toMatchObject({ kind: 'status_report.submitted', data: { reportId: 'r-1', asOf: '2026-03-31' } });
      expect(Object.keys(event).sort()).toEqual(['data', 'id', 'kind', 'occurredAt']);
      expect(second!.headers['x-tollgate-delivery']).toBe(event.id);

      const log = await admin.get(`/api/v1/webhooks/${id}/deliveries`);
      expect(log.status).toBe(200);
      expect(log.body.total).toBe(2);
      expect(
        log.body.items.map((d: { attempt: number; statusCode: number; ok: boolean; eventId: string; error: string | null }) => ({
          attempt: d.attempt,
          statusCode: d.statusCode,
          ok: d.ok,
          eventId: d.eventId,
          error: d.error,
        })),
      ).toEqual([
        { attempt: 2, statusCode: 200, ok: true, eventId: event.id, error: null },
        { attempt: 1, statusCode: 500, ok: false, eventId: event.id, error: 'the receiver answered 500' },
      ]);
      const listed = await admin.get('/api/v1/webhooks');
      expect(listed.body.items.find((w: { id: string }) => w.id === id).lastDelivery).toMatchObject({
        statusCode: 200,
        ok: true,
      });
      const csv = await admin.download(`/api/v1/webhooks/${id}/deliveries?format=csv`);
      expect(new TextDecoder().decode(csv.bytes)).toContain('the receiver answered 500');
    } finally {
      failures.mockRestore();
      await receiver.close();
    }
  });

  it('records a refused connection as a failed attempt with its error', async () => {
    const receiver = await startWebhookReceiver();
    const url = receiver.url;
    await receiver.close();
    const failures = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const created = await admin.post('/api/v1/webhooks', { url, events: ['*'] });
      expect(created.status).toBe(201);
      expect((await admin.post(`/api/v1/webhooks/${created.body.id}/test`)).status).toBe(202);
      await runDueJobs(database);
      const log = await admin.get(`/api/v1/webhooks/${created.body.id}/deliveries`);
      expect(log.body.items[0]).toMatchObject({ attempt: 1, statusCode: null, ok: false, kind: 'webhook.test' });
      expect(log.body.items[0].error).toMatch(/connection failed/);
      const version = (await admin.get(`/api/v1/webhooks/${created.body.id}`)).body.version;
      expect((await admin.delete(`/api/v1/webhooks/${created.body.id}?version=${version}`)).status).toBe(204);
      // Deleted: the retry still queued finds nothing to deliver to.
      await runDueJobs(database, { now: new Date(Date.now() + HOUR_MS) });
      expect(await rows(sql`select 1 from webhook_deliveries where webhook_id = ${created.body.id}::uuid`)).toEqual([]);
    } finally {
      failures.mockRestore();
    }
  });

  it('sends a test event, and signs with the new secret after a rotation', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const created = await admin.post('/api/v1/webhooks', { url: receiver.url, events: ['request.commented'], active: false });
      expect(created.status).toBe(201);
      const { id, secret } = created.body;
      const rotated = await admin.post(`/api/v1/webhooks/${id}/rotate-secret`);
      expect(rotated.status).toBe(200);
      expect(rotated.body.secret).not.toBe(secret);
      expect(rotated.body.version).toBe(2);

      const sent = await admin.post(`/api/v1/webhooks/${id}/test`);
      expect(sent.status).toBe(202);
      await runDueJobs(database);
      // An inactive webhook still gets the test event the admin asked for.
      expect(receiver.received).toHaveLength(1);
      const [hook] = receiver.received;
      expect(JSON.parse(hook!.body)).toMatchObject({ id: sent.body.eventId, kind: 'webhook.test', data: { webhookId: id } });
      expect(signedBy(rotated.body.secret, hook!)).toBe(true);
      expect(signedBy(secret, hook!)).toBe(false);

      // Inactive: events of its kind are not delivered.
      await transact(database.db, ({ tx }) => publishEvent(tx, { kind: 'request.commented', data: {} }));
      await runDueJobs(database);
      expect(receiver.received).toHaveLength(1);

      // Secrets stay out of the audit trail.
      const audit = await rows<{ action: string; text: string }>(
        sql`select action, coalesce(before::text, '') || coalesce(after::text, '') as text from audit_events
            where entity_type = 'webhook' and entity_id = ${id} order by id`,
      );
      expect(audit.map((a) => a.action)).toEqual(['webhook.created', 'webhook.secret_rotated', 'webhook.test_sent']);
      for (const a of audit) {
        expect(a.text).not.toContain(secret);
        expect(a.text).not.toContain(rotated.body.secret);
      }
    } finally {
      await receiver.close();
    }
  });

  it('changes and deletes a webhook with its version, audited', async () => {
    const created = await admin.post('/api/v1/webhooks', { url: 'https://hooks.example.com/a', events: ['*'] });
    const id = created.body.id;
    const changed = await admin.patch(`/api/v1/webhooks/${id}`, {
      url: 'https://hooks.example.com/b',
      events: ['status_report.overdue', 'status_report.escalated'],
      version: 1,
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ url: 'https://hooks.example.com/b', version: 2, active: true });
    expect((await admin.patch(`/api/v1/webhooks/${id}`, { active: false, version: 1 })).status).toBe(409);
    expect((await admin.delete(`/api/v1/webhooks/${id}?version=1`)).status).toBe(409);
    expect((await admin.delete(`/api/v1/webhooks/${id}?version=2`)).status).toBe(204);
    expect((await admin.get(`/api/v1/webhooks/${id}`)).status).toBe(404);
    const actions = await rows<{ action: string }>(
      sql`select action from audit_events where entity_type = 'webhook' and entity_id = ${id} order by id`,
    );
    expect(actions.map((a) => a.action)).toEqual(['webhook.created', 'webhook.updated', 'webhook.deleted']);
  });

  it('refuses bad URLs and unknown kinds with 422 naming the field, and writes nothing', async () => {
    const before = await rows<{ n: unknown }>(sql`select count(*) as n from webhooks`);
    const cases: [unknown, string][] = [
      [{ url: 'ftp://hooks.example.com/x', events: ['*'] }, 'url'],
      [{ url: 'https://user:secret@hooks.example.com/x', events: ['*'] }, 'url'],
      [{ url: 'https://:secret@hooks.example.com/x', events: ['*'] }, 'url'],
      [{ url: 'javascript:alert(1)', events: ['*'] }, 'url'],
      [{ url: 'hooks.example.com/x', events: ['*'] }, 'url'],
      [{ url: '', events: ['*'] }, 'url'],
      [{ url: 'https://hooks.example.com/x#frag', events: ['*'] }, 'url'],
      [{ url: 'https://hooks.example.com/x', events: [] }, 'events'],
      [{ url: 'https://hooks.example.com/x', events: ['status_report.overdue', 'no.such_kind'] }, 'events.1'],
      [{ url: 'https://hooks.example.com/x', events: ['*', 'status_report.overdue'] }, 'events'],
    ];
    for (const [body, field] of cases) {
      const reply = await admin.post('/api/v1/webhooks', body);
      expect(reply.status, JSON.stringify(body)).toBe(422);
      expect(
        reply.body.error.details.issues.map((i: { field: string }) => i.field),
        JSON.stringify(body),
      ).toContain(field);
    }
    const created = await admin.post('/api/v1/webhooks', { url: 'https://hooks.example.com/ok', events: ['*'] });
    const patched = await admin.patch(`/api/v1/webhooks/${created.body.id}`, { url: 'http://u:p@example.com/', version: 1 });
    expect(patched.status).toBe(422);
    expect(patched.body.error.details.issues[0].field).toBe('url');
    expect((await admin.get(`/api/v1/webhooks/${created.body.id}`)).body.url).toBe('https://hooks.example.com/ok');
    const after = await rows<{ n: unknown }>(sql`select count(*) as n from webhooks`);
    expect(Number(after[0]!.n)).toBe(Number(before[0]!.n) + 1);
  });

  it('is the admin’s alone', async () => {
    const lead = await ApiClient.signIn(app, 'pmo.lead@example.com');
    expect((await lead.get('/api/v1/webhooks')).status).toBe(403);
    expect((await lead.post('/api/v1/webhooks', { url: 'https://hooks.example.com/x', events: ['*'] })).status).toBe(403);
  });
});
