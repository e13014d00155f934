import { createHash } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type TestDatabase, testDatabase } from '../../../test/support/database.ts';
import { ApiClient, type TestApp, testApp } from '../../../test/support/http.ts';
import { transact } from '../../kernel/usecase.ts';
import { findUserByEmail, loadActor } from '../auth/index.ts';
import { getRequestForDecisionInTx, markDecidedInTx } from './index.ts';

/**
 * The request workflow over HTTP, in-process, on the seeded demo organisation: drafts and the
 * autosave, submission and its completeness check, review and the request for information,
 * withdrawal, every refusal, comments, attachments checked by content, notifications after
 * commit only, and the audit trail. Runs on PGlite, and on PostgreSQL with TEST_DATABASE_URL.
 */

let database: TestDatabase;
let app: TestApp;
const clients = new Map<string, ApiClient>();

async function as(email: string): Promise<ApiClient> {
  if (!clients.has(email)) clients.set(email, await ApiClient.signIn(app, email));
  return clients.get(email)!;
}
const PM = 'pm@example.com';
const LEAD = 'pmo.lead@example.com';
const ANALYST = 'pmo.analyst@example.com';
const VIEWER = 'viewer@example.com';
const PROG_LEAD = 'prog.lead@example.com';
const COO = 'coo@example.com';
const CFO = 'cfo@example.com';

async function rows<T = Record<string, unknown>>(query: SQL): Promise<T[]> {
  return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

function fields(body: { error?: { details?: { issues?: { field: string }[] } } }): string[] {
  return (body.error?.details?.issues ?? []).map((i) => i.field);
}

const ids = { epmo: '', type: '', foreignType: '', cfo: '', skill: '', visibleProject: '', hiddenProject: '' };
const users = { pm: '', lead: '', analyst: '', cfo: '' };

async function auditActions(requestId: string): Promise<string[]> {
  const events = await rows<{ action: string }>(
    sql`select action from audit_events where entity_type = 'request' and entity_id = ${requestId} order by id`,
  );
  return events.map((e) => e.action);
}

async function notices(requestId: string) {
  return rows<{ user_id: string; kind: string; body: string | null }>(
    sql`select user_id::text as user_id, kind, body from notifications where entity_type = 'request' and entity_id = ${requestId} order by created_at, id`,
  );
}

/** A request filled in enough to submit. */
function complete() {
  return {
    problem: 'Month-end close takes nine days because ledgers are reconciled by hand.',
    objectives: ['Close in four days', 'Automate intercompany reconciliation'],
    benefits: [
      { description: 'Fewer overtime hours', amount: 120000 },
      { description: 'Better decisions', amount: null },
    ],
    projectTypeId: ids.type,
    sponsorId: ids.cfo,
    pmoId: ids.epmo,
    wantedStart: '2027-01-04',
    durationMonths: 6,
    costEstimate: [
      { month: '2027-01', amount: 40000 },
      { month: '2027-02', amount: 55000.5 },
    ],
    skillDemand: [{ skillId: ids.skill, month: '2027-01', fte: 1.5 }],
    knownRisks: [{ title: 'Vendor delay', probability: 3, impact: 4, response: 'Fixed-price contract' }],
    dependencies: [{ projectId: ids.visibleProject, note: 'Needs the new ledger' }],
  };
}

async function draft(email = PM, body: Record<string, unknown> = {}) {
  const reply = await (await as(email)).post('/api/v1/requests', { title: 'Faster month-end close', ...body });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body as { id: string; version: number; code: string; state: string; allowedActions: string[] };
}

async function submitted(email = PM) {
  const r = await draft(email, complete());
  const reply = await (await as(email)).post(`/api/v1/requests/${r.id}/submit`);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body as { id: string; version: number; state: string };
}

async function inReview(email = PM) {
  const r = await submitted(email);
  const reply = await (await as(LEAD)).post(`/api/v1/requests/${r.id}/start-review`);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body as { id: string; version: number; state: string };
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
  const [foreign] = await rows<{ id: string }>(
    sql`select id::text as id from project_types where pmo_id <> ${ids.epmo}::uuid order by code limit 1`,
  );
  ids.foreignType = foreign?.id ?? '';
  const [cfo] = await rows<{ id: string }>(sql`select id::text as id from people where email = ${CFO}`);
  ids.cfo = cfo!.id;
  const [skill] = await rows<{ id: string }>(sql`select id::text as id from skills order by name limit 1`);
  ids.skill = skill!.id;
  for (const [key, email] of [
    ['pm', PM],
    ['lead', LEAD],
    ['analyst', ANALYST],
    ['cfo', CFO],
  ] as const) {
    users[key] = (await findUserByEmail(database.db, email))!.id;
  }
  const visible = (await (await as(PM)).get('/api/v1/projects')).body.items as { id: string }[];
  ids.visibleProject = visible[0]!.id;
  const [hidden] = await rows<{ id: string }>(
    sql`select id::text as id from projects where id::text not in (${sql.join(
      visible.map((p) => sql`${p.id}`),
      sql`, `,
    )}) limit 1`,
  );
  ids.hiddenProject = hidden!.id;
});

afterAll(async () => {
  await database?.close();
});

describe('drafts and the autosave', () => {
  it('creates a draft with only a title, numbered REQ-nnnn, private to its requester and sponsor', async () => {
    const r = await draft();
    expect(r.code).toMatch(/^REQ-\d{4}$/);
    expect(r.state).toBe('draft');
    expect(r.allowedActions).toEqual(['edit', 'attach', 'submit', 'withdraw', 'comment']);
    for (const email of [LEAD, ANALYST, VIEWER, COO]) {
      expect((await (await as(email)).get(`/api/v1/requests/${r.id}`)).status, email).toBe(404);
    }
    // Naming the sponsor lets them see it.
    const pm = await as(PM);
    expect((await pm.patch(`/api/v1/requests/${r.id}`, { version: r.version, sponsorId: ids.cfo })).status).toBe(200);
    const asSponsor = await (await as(CFO)).get(`/api/v1/requests/${r.id}`);
    expect(asSponsor.status).toBe(200);
    expect(asSponsor.body.allowedActions).toEqual(['comment']);
    expect(await auditActions(r.id)).toEqual(['request.created', 'request.updated']);
  });

  it('needs a title and the permission to create', async () => {
    const missing = await (await as(PM)).post('/api/v1/requests', {});
    expect(missing.status).toBe(422);
    expect(fields(missing.body)).toContain('title');
    expect((await (await as(VIEWER)).post('/api/v1/requests', { title: 'x' })).status).toBe(403);
  });

  it('saves any subset of fields; a stale version is refused with 409', async () => {
    const r = await draft();
    const pm = await as(PM);
    const first = await pm.patch(`/api/v1/requests/${r.id}`, { version: r.version, problem: 'Too slow' });
    expect(first.status).toBe(200);
    expect(first.body.problem).toBe('Too slow');
    expect(first.body.version).toBe(r.version + 1);
    const second = await pm.patch(`/api/v1/requests/${r.id}`, {
      version: first.body.version,
      costEstimate: [
        { month: '2027-01', amount: 100.25 },
        { month: '2027-02', amount: 200 },
      ],
    });
    expect(second.status).toBe(200);
    expect(second.body.problem).toBe('Too slow');
    expect(second.body.totalCost).toBe(300.25);
    const stale = await pm.patch(`/api/v1/requests/${r.id}`, { version: r.version, title: 'Stale' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    expect((await pm.get(`/api/v1/requests/${r.id}`)).body.title).toBe('Faster month-end close');
  });

  it('validates the shape of every list, naming the item and field', async () => {
    const r = await draft();
    const pm = await as(PM);
    const cases: [Record<string, unknown>, string][] = [
      [
        {
          costEstimate: [
            { month: '2027-01', amount: 1 },
            { month: '2027-01', amount: 2 },
          ],
        },
        'costEstimate.1.month',
      ],
      [{ costEstimate: [{ month: '2027-13', amount: 1 }] }, 'costEstimate.0.month'],
      [{ costEstimate: [{ month: '2027-01', amount: -1 }] }, 'costEstimate.0.amount'],
      [{ skillDemand: [{ skillId: ids.skill, month: '2027-01', fte: 0 }] }, 'skillDemand.0.fte'],
      [{ skillDemand: [{ skillId: ids.skill, month: '2027-01', fte: 21 }] }, 'skillDemand.0.fte'],
      [{ knownRisks: [{ title: 'x', probability: 6, impact: 1 }] }, 'knownRisks.0.probability'],
      [{ benefits: [{ description: 'x' }] }, 'benefits.0.amount'],
      [{ objectives: ['ok', ''] }, 'objectives.1'],
      [{ pmoId: crypto.randomUUID() }, 'pmoId'],
      [{ sponsorId: crypto.randomUUID() }, 'sponsorId'],
      [{ projectTypeId: crypto.randomUUID() }, 'projectTypeId'],
      [{ skillDemand: [{ skillId: crypto.randomUUID(), month: '2027-01', fte: 1 }] }, 'skillDemand.0.skillId'],
      [{ dependencies: [{ projectId: crypto.randomUUID(), note: '' }] }, 'dependencies.0.projectId'],
      [
        {
          dependencies: [
            { projectId: ids.visibleProject, note: '' },
            { projectId: ids.hiddenProject, note: '' },
          ],
        },
        'dependencies.1.projectId',
      ],
    ];
    for (const [body, field] of cases) {
      const reply = await pm.patch(`/api/v1/requests/${r.id}`, { version: r.version, ...body });
      expect(reply.status, JSON.stringify(body)).toBe(422);
      expect(fields(reply.body), JSON.stringify(body)).toContain(field);
    }
    // A type of the program PMO, nested under the target PMO, is not one of the target's standards.
    const wrongPmo = await pm.patch(`/api/v1/requests/${r.id}`, {
      version: r.version,
      pmoId: ids.epmo,
      projectTypeId: ids.foreignType,
    });
    expect(wrongPmo.status).toBe(422);
    expect(fields(wrongPmo.body)).toEqual(['projectTypeId']);
    // Nothing was written by the refused saves.
    expect((await pm.get(`/api/v1/requests/${r.id}`)).body.version).toBe(r.version);
  });

  it('lets only the requester edit, and only a draft or a request asked for information', async () => {
    const r = await draft(PM, { sponsorId: ids.cfo });
    expect((await (await as(CFO)).patch(`/api/v1/requests/${r.id}`, { version: r.version, title: 'Mine now' })).status).toBe(403);
    expect((await (await as(LEAD)).patch(`/api/v1/requests/${r.id}`, { version: r.version, title: 'x' })).status).toBe(404);
    const s = await submitted();
    const refused = await (await as(PM)).patch(`/api/v1/requests/${s.id}`, { version: s.version, title: 'Late edit' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('INVALID_STATE');
  });
});

describe('the workflow', () => {
  it('refuses to submit an incomplete request, naming every missing field', async () => {
    const r = await draft(PM, { sponsorId: ids.cfo });
    const reply = await (await as(PM)).post(`/api/v1/requests/${r.id}/submit`);
    expect(reply.status).toBe(422);
    expect(fields(reply.body).sort()).toEqual(
      ['problem', 'objectives', 'projectTypeId', 'pmoId', 'wantedStart', 'durationMonths', 'costEstimate'].sort(),
    );
    expect((await (await as(PM)).get(`/api/v1/requests/${r.id}`)).body.state).toBe('draft');
  });

  it('runs draft → submitted → in_review → info_requested → in_review, audited and notified', async () => {
    const pm = await as(PM);
    const lead = await as(LEAD);
    const analyst = await as(ANALYST);
    const r = await draft(PM, complete());

    const sub = await pm.post(`/api/v1/requests/${r.id}/submit`);
    expect(sub.status).toBe(200);
    expect(sub.body.state).toBe('submitted');
    expect(sub.body.submittedAt).not.toBeNull();
    expect(sub.body.totalCost).toBe(95000.5);
    expect(sub.body.allowedActions).toEqual(['withdraw', 'comment']);
    // The PMO's members hear of it; the requester does not notify themself.
    const afterSubmit = await notices(r.id);
    expect(afterSubmit.map((n) => n.user_id).sort()).toEqual([users.lead, users.analyst].sort());
    expect(afterSubmit.every((n) => n.kind === 'request.submit')).toBe(true);

    // The PMO, and the executive the PMO reports to, now see it; others still do not.
    const asLead = await lead.get(`/api/v1/requests/${r.id}`);
    expect(asLead.status).toBe(200);
    expect(asLead.body.allowedActions).toEqual(['start_review', 'comment']);
    expect((await (await as(COO)).get(`/api/v1/requests/${r.id}`)).status).toBe(200);
    expect((await (await as(VIEWER)).get(`/api/v1/requests/${r.id}`)).status).toBe(404);
    expect((await (await as(PROG_LEAD)).get(`/api/v1/requests/${r.id}`)).status).toBe(404);

    const review = await analyst.post(`/api/v1/requests/${r.id}/start-review`);
    expect(review.status).toBe(200);
    expect(review.body.state).toBe('in_review');
    expect((await lead.get(`/api/v1/requests/${r.id}`)).body.allowedActions).toEqual(['request_info', 'decide', 'comment']);
    expect((await analyst.get(`/api/v1/requests/${r.id}`)).body.allowedActions).toEqual(['request_info', 'comment']);

    expect((await analyst.post(`/api/v1/requests/${r.id}/request-info`, {})).status).toBe(422);
    const info = await analyst.post(`/api/v1/requests/${r.id}/request-info`, { reason: 'Split the cost by workstream' });
    expect(info.status).toBe(200);
    expect(info.body.state).toBe('info_requested');
    const asked = (await notices(r.id)).filter((n) => n.kind === 'request.request_info');
    expect(asked).toEqual([{ user_id: users.pm, kind: 'request.request_info', body: 'Split the cost by workstream' }]);

    // The requester edits and answers.
    const mine = await pm.get(`/api/v1/requests/${r.id}`);
    expect(mine.body.allowedActions).toEqual(['edit', 'attach', 'submit', 'withdraw', 'comment']);
    const edited = await pm.patch(`/api/v1/requests/${r.id}`, {
      version: mine.body.version,
      costEstimate: [...complete().costEstimate, { month: '2027-03', amount: 10000 }],
    });
    expect(edited.status).toBe(200);
    expect((await pm.patch(`/api/v1/requests/${r.id}`, { version: edited.body.version, pmoId: null })).status).toBe(422);
    const answered = await pm.post(`/api/v1/requests/${r.id}/submit`);
    expect(answered.status).toBe(200);
    expect(answered.body.state).toBe('in_review');
    expect(answered.body.totalCost).toBe(105000.5);

    expect(await auditActions(r.id)).toEqual([
      'request.created',
      'request.submit',
      'request.start_review',
      'request.request_info',
      'request.updated',
      'request.resubmit',
    ]);
    const [infoEvent] = await rows<{ before: { state: string }; after: { state: string }; reason: string }>(
      sql`select before, after, reason from audit_events where entity_id = ${r.id} and action = 'request.request_info'`,
    );
    expect(infoEvent).toEqual({
      before: { state: 'in_review' },
      after: { state: 'info_requested' },
      reason: 'Split the cost by workstream',
    });
    // The history is readable through the audit API by those who see the request.
    const history = await lead.get(`/api/v1/audit/records/request/${r.id}`);
    expect(history.status).toBe(200);
    expect((await (await as(VIEWER)).get(`/api/v1/audit/records/request/${r.id}`)).status).toBe(404);
  });

  it('refuses moves from the wrong state with 409 naming state and action', async () => {
    const r = await submitted();
    const lead = await as(LEAD);
    const early = await lead.post(`/api/v1/requests/${r.id}/request-info`, { reason: 'why' });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('INVALID_STATE');
    expect(early.body.error.message).toContain('submitted');
    expect(early.body.error.message).toContain('request_info');
    expect((await lead.post(`/api/v1/requests/${r.id}/reopen`, { reason: 'x' })).status).toBe(409);
    expect((await (await as(PM)).post(`/api/v1/requests/${r.id}/submit`)).status).toBe(409);
    expect((await lead.post(`/api/v1/requests/${r.id}/start-review`)).status).toBe(200);
    expect((await lead.post(`/api/v1/requests/${r.id}/start-review`)).status).toBe(409);
  });

  it('refuses the wrong role with 403, and hides the request from outsiders with 404', async () => {
    const r = await submitted();
    // Missing permission: the route's guard.
    for (const [email, path] of [
      [PM, 'start-review'],
      [PM, 'request-info'],
      [PM, 'reopen'],
      [VIEWER, 'submit'],
      [VIEWER, 'withdraw'],
    ] as const) {
      const reply = await (await as(email)).post(`/api/v1/requests/${r.id}/${path}`, { reason: 'x' });
      expect(reply.status, `${email} ${path}`).toBe(403);
    }
    // The sponsor sees the request but takes no part in its workflow.
    // A PMO member may not act for the requester.
    const bySomeoneElse = await (await as(LEAD)).post(`/api/v1/requests/${r.id}/withdraw`, { reason: 'x' });
    expect(bySomeoneElse.status).toBe(403);
    expect(bySomeoneElse.body.error.code).toBe('FORBIDDEN');
    // The lead of another PMO does not see it at all.
    const outsider = await (await as(PROG_LEAD)).post(`/api/v1/requests/${r.id}/start-review`);
    expect(outsider.status).toBe(404);
    expect((await (await as(VIEWER)).post(`/api/v1/requests/${r.id}/comments`, { body: 'hi' })).status).toBe(404);
    expect((await (await as(VIEWER)).get(`/api/v1/requests/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await (await as(PM)).get('/api/v1/requests/not-a-uuid')).status).toBe(404);
  });

  it('never lets a requester review their own request (SELF_APPROVAL)', async () => {
    const r = await submitted(ANALYST);
    const self = await (await as(ANALYST)).post(`/api/v1/requests/${r.id}/start-review`);
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('SELF_APPROVAL');
    expect((await (await as(ANALYST)).get(`/api/v1/requests/${r.id}`)).body.allowedActions).toEqual(['withdraw', 'comment']);
    expect((await (await as(LEAD)).post(`/api/v1/requests/${r.id}/start-review`)).status).toBe(200);
    const info = await (await as(ANALYST)).post(`/api/v1/requests/${r.id}/request-info`, { reason: 'self' });
    expect(info.body.error.code).toBe('SELF_APPROVAL');
  });

  it('withdraws with a reason, from draft and from review, and not twice', async () => {
    const pm = await as(PM);
    const d = await draft();
    expect((await pm.post(`/api/v1/requests/${d.id}/withdraw`, {})).status).toBe(422);
    const w1 = await pm.post(`/api/v1/requests/${d.id}/withdraw`, { reason: 'Not needed' });
    expect(w1.status).toBe(200);
    expect(w1.body.state).toBe('withdrawn');
    expect(w1.body.allowedActions).toEqual(['comment']);
    expect(await notices(d.id)).toEqual([]); // the PMO never had it

    const r = await inReview();
    const before = (await notices(r.id)).length;
    const w2 = await pm.post(`/api/v1/requests/${r.id}/withdraw`, { reason: 'Budget moved' });
    expect(w2.status).toBe(200);
    const told = (await notices(r.id)).slice(before);
    expect(told.map((n) => n.user_id).sort()).toEqual([users.lead, users.analyst].sort());
    const again = await pm.post(`/api/v1/requests/${r.id}/withdraw`, { reason: 'again' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_STATE');
    const [event] = await rows<{ reason: string }>(
      sql`select reason from audit_events where entity_id = ${r.id} and action = 'request.withdraw'`,
    );
    expect(event!.reason).toBe('Budget moved');
  });

  it('lists what the caller may see, with filters', async () => {
    const r = await submitted();
    const d = await draft(PM, { title: 'Zebra-unique draft' });
    const pm = await as(PM);
    const mine = (await pm.get('/api/v1/requests?mine=true')).body.items as { id: string; requester: { id: string } }[];
    expect(mine.every((i) => i.requester.id === users.pm)).toBe(true);
    expect(mine.map((i) => i.id)).toEqual(expect.arrayContaining([r.id, d.id]));
    const byQ = (await pm.get('/api/v1/requests?q=zebra-unique')).body.items as { id: string }[];
    expect(byQ.map((i) => i.id)).toEqual([d.id]);
    const lead = (await (await as(LEAD)).get(`/api/v1/requests?state=submitted&pmoId=${ids.epmo}`)).body.items as {
      id: string;
      state: string;
      pmo: { id: string };
    }[];
    expect(lead.map((i) => i.id)).toContain(r.id);
    expect(lead.map((i) => i.id)).not.toContain(d.id);
    expect(lead.every((i) => i.state === 'submitted' && i.pmo.id === ids.epmo)).toBe(true);
    const item = (await pm.get('/api/v1/requests')).body.items.find((i: { id: string }) => i.id === r.id);
    expect(Object.keys(item).sort()).toEqual(
      [
        'code',
        'id',
        'pmo',
        'projectType',
        'requester',
        'state',
        'title',
        'totalCost',
        'updatedAt',
        'version',
        'wantedStart',
      ].sort(),
    );
    expect((await (await as(VIEWER)).get('/api/v1/requests')).body.items).toEqual([]);
    expect((await pm.get('/api/v1/requests?state=bogus')).status).toBe(422);
  });
});

describe('decision support and reopening', () => {
  it('records a deferral through markDecidedInTx, then reopens it over HTTP', async () => {
    const r = await inReview();
    const leadActor = await loadActor(database.db, (await findUserByEmail(database.db, LEAD))!);
    const pmActor = await loadActor(database.db, (await findUserByEmail(database.db, PM))!);
    const analystActor = await loadActor(database.db, (await findUserByEmail(database.db, ANALYST))!);
    await expect(
      transact(database.db, ({ tx }) => markDecidedInTx(tx, analystActor, r.id, { outcome: 'reject', rationale: 'no' })),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      transact(database.db, ({ tx }) => markDecidedInTx(tx, pmActor, r.id, { outcome: 'reject', rationale: 'no' })),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      transact(database.db, ({ tx }) => markDecidedInTx(tx, leadActor, r.id, { outcome: 'defer', rationale: 'later' })),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const decided = await transact(database.db, async ({ tx }) => {
      const loaded = await getRequestForDecisionInTx(tx, r.id);
      expect(loaded.totalCost).toBe(95000.5);
      expect(loaded.costEstimate).toHaveLength(2);
      const result = await markDecidedInTx(tx, leadActor, r.id, {
        outcome: 'defer',
        rationale: 'Next budget cycle',
        revisitOn: '2027-06-01',
      });
      return result;
    });
    expect(decided.after).toBe('deferred');
    const told = (await notices(r.id)).filter((n) => n.kind === 'request.deferred');
    expect(told.map((n) => n.user_id).sort()).toEqual([users.pm, users.cfo].sort());
    const view = (await (await as(PM)).get(`/api/v1/requests/${r.id}`)).body;
    expect(view).toMatchObject({ state: 'deferred', revisitOn: '2027-06-01', decisionRationale: 'Next budget cycle' });
    expect(view.decidedBy.id).toBe(users.lead);
    expect(view.allowedActions).toEqual(['withdraw', 'comment']);

    const lead = await as(LEAD);
    expect((await lead.post(`/api/v1/requests/${r.id}/reopen`, {})).status).toBe(422);
    const reopened = await lead.post(`/api/v1/requests/${r.id}/reopen`, { reason: 'Budget freed up' });
    expect(reopened.status).toBe(200);
    expect(reopened.body.state).toBe('in_review');
    expect((await auditActions(r.id)).slice(-2)).toEqual(['request.decide', 'request.reopen']);
  });

  it('refuses a decision by a lead on their own request', async () => {
    const r = await submitted(LEAD);
    expect((await (await as(ANALYST)).post(`/api/v1/requests/${r.id}/start-review`)).status).toBe(200);
    const leadActor = await loadActor(database.db, (await findUserByEmail(database.db, LEAD))!);
    await expect(
      transact(database.db, ({ tx }) =>
        markDecidedInTx(tx, leadActor, r.id, { outcome: 'approve', rationale: 'mine', projectId: ids.visibleProject }),
      ),
    ).rejects.toMatchObject({ code: 'SELF_APPROVAL' });
  });
});

describe('notifications', () => {
  it('are written after commit, and not at all when the transaction fails', async () => {
    const r = await draft(PM, complete());
    // Fail the submission's audit event: the move must roll back and notify nobody.
    await database.db.execute(
      sql.raw(`CREATE OR REPLACE FUNCTION tg_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$
               BEGIN RAISE EXCEPTION 'injected failure'; END $$`),
    );
    await database.db.execute(
      sql.raw(`CREATE TRIGGER tg_test_fail_submit BEFORE INSERT ON audit_events FOR EACH ROW
               WHEN (NEW.action = 'request.submit') EXECUTE FUNCTION tg_test_fail()`),
    );
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const failed = await (await as(PM)).post(`/api/v1/requests/${r.id}/submit`);
      expect(failed.status).toBe(500);
    } finally {
      quiet.mockRestore();
      await database.db.execute(sql.raw('DROP TRIGGER tg_test_fail_submit ON audit_events'));
    }
    expect((await (await as(PM)).get(`/api/v1/requests/${r.id}`)).body.state).toBe('draft');
    expect(await notices(r.id)).toEqual([]);
    expect(await auditActions(r.id)).toEqual(['request.created']);
    expect((await (await as(PM)).post(`/api/v1/requests/${r.id}/submit`)).status).toBe(200);
    expect((await notices(r.id)).length).toBe(2);
  });

  it('fill the inbox: unread first, read one, read all; nobody reads another inbox', async () => {
    const r = await submitted();
    const lead = await as(LEAD);
    const inbox = await lead.get('/api/v1/notifications');
    expect(inbox.status).toBe(200);
    const mine = inbox.body.items.find((n: { entityId: string }) => n.entityId === r.id);
    expect(mine).toMatchObject({ kind: 'request.submit', read: false, link: `/requests/${r.id}`, entityType: 'request' });
    expect(inbox.body.unread).toBeGreaterThan(0);
    expect((await (await as(PM)).post(`/api/v1/notifications/${mine.id}/read`)).status).toBe(404);
    const read = await lead.post(`/api/v1/notifications/${mine.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body.read).toBe(true);
    const after = (await lead.get('/api/v1/notifications')).body.items as { id: string; read: boolean }[];
    const firstRead = after.findIndex((n) => n.read);
    expect(after.slice(firstRead).every((n) => n.read)).toBe(true);
    const all = await lead.post('/api/v1/notifications/read-all');
    expect(all.status).toBe(200);
    expect((await lead.get('/api/v1/notifications?unread=true')).body.items).toEqual([]);
  });
});

describe('comments', () => {
  it('are a thread between requester and PMO, audited and notified', async () => {
    const r = await submitted();
    const pm = await as(PM);
    const lead = await as(LEAD);
    expect((await lead.post(`/api/v1/requests/${r.id}/comments`, { body: '' })).status).toBe(422);
    const c1 = await lead.post(`/api/v1/requests/${r.id}/comments`, { body: 'Which ledgers?' });
    expect(c1.status).toBe(201);
    expect(c1.body.author.id).toBe(users.lead);
    expect((await pm.post(`/api/v1/requests/${r.id}/comments`, { body: 'All of them' })).status).toBe(201);
    const thread = await (await as(COO)).get(`/api/v1/requests/${r.id}/comments`);
    expect(thread.body.items.map((c: { body: string }) => c.body)).toEqual(['Which ledgers?', 'All of them']);
    expect((await pm.get(`/api/v1/requests/${r.id}`)).body.commentsCount).toBe(2);
    expect((await (await as(VIEWER)).get(`/api/v1/requests/${r.id}/comments`)).status).toBe(404);
    expect((await auditActions(r.id)).filter((a) => a === 'request.commented')).toHaveLength(2);
    const commented = (await notices(r.id)).filter((n) => n.kind === 'request.commented').map((n) => n.user_id);
    expect(commented.sort()).toEqual([users.pm, users.lead, users.analyst].sort());
  });
});

// ---- attachments -------------------------------------------------------------------------------

const PDF = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** A 1×1 grey PNG, built from its chunks. */
function onePixelPng(): Uint8Array {
  const ihdr = new Uint8Array([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
  const idat = new Uint8Array([0x78, 0x9c, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01]);
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', idat),
    pngChunk('IEND', new Uint8Array()),
  ];
  const png = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    png.set(p, offset);
    offset += p.length;
  }
  return png;
}

/** The start of a Windows executable: "MZ", the DOS stub, the PE header offset and signature. */
function fakeExe(): Uint8Array {
  const exe = new Uint8Array(512);
  exe.set([0x4d, 0x5a]);
  new DataView(exe.buffer).setUint32(0x3c, 0x80, true);
  exe.set([0x50, 0x45, 0, 0], 0x80);
  return exe;
}

describe('attachments', () => {
  it('accepts a PDF and a PNG by content, stores sha256, downloads them safely', async () => {
    const r = await draft();
    const pm = await as(PM);
    const pdf = await pm.upload(`/api/v1/requests/${r.id}/attachments`, {
      file: { name: 'business-case.pdf', bytes: PDF, type: 'application/pdf' },
    });
    expect(pdf.status, JSON.stringify(pdf.body)).toBe(201);
    expect(pdf.body).toMatchObject({
      fileName: 'business-case.pdf',
      contentType: 'application/pdf',
      size: PDF.length,
      sha256: createHash('sha256').update(PDF).digest('hex'),
    });
    const pngBytes = onePixelPng();
    // The declared type and the name lie; the content decides.
    const png = await pm.upload(`/api/v1/requests/${r.id}/attachments`, {
      file: { name: 'diagram.bin', bytes: pngBytes, type: 'text/html' },
    });
    expect(png.status, JSON.stringify(png.body)).toBe(201);
    expect(png.body.contentType).toBe('image/png');
    const csv = await pm.upload(`/api/v1/requests/${r.id}/attachments`, {
      file: { name: 'costs.csv', bytes: new TextEncoder().encode('month,amount\n2027-01,40000\n') },
    });
    expect(csv.body.contentType).toBe('text/csv; charset=utf-8');

    const listed = await pm.get(`/api/v1/requests/${r.id}/attachments`);
    expect(listed.body.items.map((a: { fileName: string }) => a.fileName)).toEqual([
      'business-case.pdf',
      'diagram.bin',
      'costs.csv',
    ]);
    expect((await pm.get(`/api/v1/requests/${r.id}`)).body.attachments).toHaveLength(3);

    const download = await pm.download(`/api/v1/requests/${r.id}/attachments/${png.body.id}`);
    expect(download.status).toBe(200);
    expect(download.bytes).toEqual(pngBytes);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="diagram.bin"/);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await (await as(VIEWER)).download(`/api/v1/requests/${r.id}/attachments/${png.body.id}`)).status).toBe(404);
    expect(await auditActions(r.id)).toEqual([
      'request.created',
      'request.attachment_added',
      'request.attachment_added',
      'request.attachment_added',
    ]);
  });

  it('refuses an executable renamed .pdf, naming file and the detected type; and an empty or missing file', async () => {
    const r = await draft();
    const pm = await as(PM);
    const exe = await pm.upload(`/api/v1/requests/${r.id}/attachments`, {
      file: { name: 'invoice.pdf', bytes: fakeExe(), type: 'application/pdf' },
    });
    expect(exe.status).toBe(422);
    expect(fields(exe.body)).toEqual(['file']);
    expect(exe.body.error.message).toMatch(/exe|msdownload/);
    const binary = await pm.upload(`/api/v1/requests/${r.id}/attachments`, {
      file: { name: 'notes.txt', bytes: new Uint8Array([0, 1, 2, 3, 255, 254]) },
    });
    expect(binary.status).toBe(422);
    expect(fields(binary.body)).toEqual(['file']);
    const empty = await pm.upload(`/api/v1/requests/${r.id}/attachments`, { file: { name: 'a.txt', bytes: new Uint8Array() } });
    expect(empty.status).toBe(422);
    const none = await pm.upload(`/api/v1/requests/${r.id}/attachments`, {}, { note: 'no file' });
    expect(none.status).toBe(422);
    expect(fields(none.body)).toContain('file');
    const asJson = await pm.post(`/api/v1/requests/${r.id}/attachments`, { file: 'x' });
    expect(asJson.status).toBeGreaterThanOrEqual(400);
    expect(asJson.status).toBeLessThan(500);
    expect((await pm.get(`/api/v1/requests/${r.id}/attachments`)).body.items).toEqual([]);
  });

  it('refuses a file over 10 MiB with 413', async () => {
    const r = await draft();
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PDF);
    const reply = await (await as(PM)).upload(`/api/v1/requests/${r.id}/attachments`, {
      file: { name: 'big.pdf', bytes: big },
    });
    expect(reply.status).toBe(413);
    expect(reply.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('lets only the requester attach and remove, removing only while draft', async () => {
    const r = await draft(PM, { ...complete() });
    const pm = await as(PM);
    const a = await pm.upload(`/api/v1/requests/${r.id}/attachments`, { file: { name: 'a.pdf', bytes: PDF } });
    const b = await pm.upload(`/api/v1/requests/${r.id}/attachments`, { file: { name: 'b.pdf', bytes: PDF } });
    expect((await (await as(CFO)).delete(`/api/v1/requests/${r.id}/attachments/${a.body.id}`)).status).toBe(403);
    expect((await pm.delete(`/api/v1/requests/${r.id}/attachments/${a.body.id}`)).status).toBe(204);
    expect((await pm.delete(`/api/v1/requests/${r.id}/attachments/${a.body.id}`)).status).toBe(404);
    expect((await pm.post(`/api/v1/requests/${r.id}/submit`)).status).toBe(200);
    const late = await pm.delete(`/api/v1/requests/${r.id}/attachments/${b.body.id}`);
    expect(late.status).toBe(409);
    const lateUpload = await pm.upload(`/api/v1/requests/${r.id}/attachments`, { file: { name: 'c.pdf', bytes: PDF } });
    expect(lateUpload.status).toBe(409);
    const byLead = await (await as(LEAD)).upload(`/api/v1/requests/${r.id}/attachments`, {
      file: { name: 'c.pdf', bytes: PDF },
    });
    expect(byLead.status).toBe(403);
    expect((await auditActions(r.id)).filter((x) => x.startsWith('request.attachment'))).toEqual([
      'request.attachment_added',
      'request.attachment_added',
      'request.attachment_removed',
    ]);
  });
});
