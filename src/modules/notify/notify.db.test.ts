import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../../test/support/database.ts';
import { ApiClient, type TestApp, testApp } from '../../../test/support/http.ts';

/**
 * The inbox follows the work: a PMO member's notices about a request are read once they act on
 * it (start its review, ask for information, decide it), in the same transaction as the action;
 * other people's notices stay as they were, and a refused action changes nothing.
 */

let database: TestDatabase;
let app: TestApp;
const PM = 'pm@example.com';
const LEAD = 'pmo.lead@example.com';
const ANALYST = 'pmo.analyst@example.com';
const ids = { epmo: '', type: '', sponsor: '' };

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

async function as(email: string) {
  return ApiClient.signIn(app, email);
}

/** The caller's notices about one request: kind and whether read, oldest first. */
async function inbox(client: ApiClient, requestId: string) {
  const reply = await client.get('/api/v1/notifications?limit=1000');
  expect(reply.status).toBe(200);
  return (reply.body.items as { kind: string; read: boolean; entityId: string | null; createdAt: string }[])
    .filter((n) => n.entityId === requestId)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map((n) => ({ kind: n.kind, read: n.read }));
}

/** A complete request of the project manager to the Enterprise PMO, submitted. */
async function submittedRequest(pm: ApiClient, title: string): Promise<string> {
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
  return created.body.id as string;
}

beforeAll(async () => {
  database = await testDatabase({ demo: true });
  app = testApp(database);
  const [epmo] = await rows<{ id: string }>(sql`select id::text as id from pmos where code = 'EPMO'`);
  ids.epmo = epmo!.id;
  const [type] = await rows<{ id: string }>(
    sql`select id::text as id from project_types where pmo_id = ${ids.epmo}::uuid order by code limit 1`,
  );
  ids.type = type!.id;
  const [sponsor] = await rows<{ id: string }>(sql`select id::text as id from people where email = 'cfo@example.com'`);
  ids.sponsor = sponsor!.id;
});

afterAll(async () => {
  await database?.close();
});

describe('notifications about a request', () => {
  it('are read for the member who starts the review, and stay unread for the others', async () => {
    const [pm, analyst, lead] = [await as(PM), await as(ANALYST), await as(LEAD)];
    const id = await submittedRequest(pm, 'Invoice capture, review');
    expect(await inbox(analyst, id)).toEqual([{ kind: 'request.submit', read: false }]);
    expect(await inbox(lead, id)).toEqual([{ kind: 'request.submit', read: false }]);

    expect((await analyst.post(`/api/v1/requests/${id}/start-review`)).status).toBe(200);
    expect(await inbox(analyst, id)).toEqual([{ kind: 'request.submit', read: true }]);
    expect(await inbox(lead, id)).toEqual([{ kind: 'request.submit', read: false }]);
    // The requester's own inbox is theirs to read: being told of the review marks nothing.
    expect(await inbox(pm, id)).toEqual([{ kind: 'request.start_review', read: false }]);
  });

  it('are read for the member who asks for information, and again for the lead who decides', async () => {
    const [pm, analyst, lead] = [await as(PM), await as(ANALYST), await as(LEAD)];
    const id = await submittedRequest(pm, 'Invoice capture, decision');
    expect((await lead.post(`/api/v1/requests/${id}/start-review`)).status).toBe(200);
    const asked = await lead.post(`/api/v1/requests/${id}/request-info`, { reason: 'Which suppliers first?' });
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    expect((await pm.post(`/api/v1/requests/${id}/submit`)).status).toBe(200);
    expect(await inbox(lead, id)).toEqual([
      { kind: 'request.submit', read: true },
      { kind: 'request.resubmit', read: false },
    ]);

    // A refused decision rolls back with everything else: the notice stays unread.
    const refused = await lead.post(`/api/v1/requests/${id}/decision`, { outcome: 'defer', rationale: 'Next year' });
    expect(refused.status).toBe(422);
    expect(await inbox(lead, id)).toEqual([
      { kind: 'request.submit', read: true },
      { kind: 'request.resubmit', read: false },
    ]);

    const decided = await lead.post(`/api/v1/requests/${id}/decision`, {
      outcome: 'reject',
      rationale: 'The supplier portal covers it.',
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(await inbox(lead, id)).toEqual([
      { kind: 'request.submit', read: true },
      { kind: 'request.resubmit', read: true },
    ]);
    // The analyst did not act: their notices are still waiting.
    expect(await inbox(analyst, id)).toEqual([
      { kind: 'request.submit', read: false },
      { kind: 'request.resubmit', read: false },
    ]);
  });
});
