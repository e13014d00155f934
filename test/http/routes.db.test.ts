import { randomUUID } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../support/database.ts';
import { ApiClient, type ApiReply, type TestApp, testApp } from '../support/http.ts';
import { ACCESS, ACCOUNTS, PUBLIC_OPERATIONS, type ProjectKind, type RequestRecord, type Who } from './access-table.ts';
import { systemActor } from '../../src/kernel/actor.ts';
import { addDays, today } from '../../src/kernel/dates.ts';
import { transact } from '../../src/kernel/usecase.ts';
import { setBaselineInTx } from '../../src/modules/projects/index.ts';
import { createMilestone, createReport, getReporting } from '../../src/modules/reports/index.ts';
import { createIssue, createRisk } from '../../src/modules/raid/index.ts';

/**
 * The route-table walk. Every operation of the OpenAPI document is called by every demo account
 * (admin, PMO lead and analyst, project manager, COO, CFO, CTO, viewer, resource manager, team
 * member) with real records of the demo, and the answer is held against the hand-written table
 * in access-table.ts: an account the table refuses gets 403 and nothing is written; an account it
 * allows gets, for a record it sees, a 2xx (200 for a read) or a 4xx that is not 401, 403 or 404,
 * and for a record it does not see, 404. Lists show nothing their detail endpoints would hide.
 */

const WHO = Object.keys(ACCOUNTS) as Who[];
/** The walks make thousands of calls: on a loaded machine they take minutes, which is no failure. */
const WALK_MS = 600_000;
const PDF = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

interface Operation {
  key: string;
  method: string;
  path: string;
  access: string;
}

interface Account {
  who: Who;
  email: string;
  client: ApiClient;
  userId: string;
  personId: string | null;
}

/** A record for a path parameter, and whether the caller sees it. */
interface Pick {
  id: string;
  visible: boolean;
}

let database: TestDatabase;
let app: TestApp;
let operations: Operation[];
const accounts = new Map<Who, Account>();

/** The demo's records, and those this walk makes for itself (requests, attachments, tokens). */
const demo = {
  epmo: '',
  pmUser: '',
  pmPerson: '',
  threshold: '',
  submitted: { id: '', attachment: '' },
  drafts: new Map<Who, { id: string; attachment: string }>(),
  tokens: new Map<Who, string>(),
  any: new Map<string, string>(),
  /** A milestone, a submitted status report, a risk and an issue on every open project with a go-ahead, by project id. */
  reported: new Map<string, { milestones: string; 'status-reports': string; risks: string; issues: string }>(),
};
/** The ids each account sees in a list, by list path. */
const seen = new Map<string, Set<string>>();

async function rows<T = Record<string, unknown>>(query: SQL): Promise<T[]> {
  return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

async function firstId(table: string): Promise<string> {
  const [row] = await rows<{ id: string }>(sql`select id::text as id from ${sql.identifier(table)} order by id limit 1`);
  if (!row) throw new Error(`the demo has no ${table}`);
  return row.id;
}

/** What `who` sees in the list at `path` (its ids), remembered for the walk. */
async function listed(who: Who, path: string): Promise<Set<string>> {
  const key = `${who} ${path}`;
  if (!seen.has(key)) {
    const reply = await accounts.get(who)!.client.get(path);
    const ids = reply.status === 200 ? (reply.body?.items ?? []).map((i: { id: string }) => i.id) : [];
    seen.set(key, new Set(ids));
  }
  return seen.get(key)!;
}

/** A record of a kind whose visibility depends on the caller: the first it lists, else one it does not see. */
async function visibleOr(who: Who, listPath: string, table: string): Promise<Pick> {
  const ids = await listed(who, listPath);
  const [first] = ids;
  if (first) return { id: first, visible: true };
  const others = await rows<{ id: string }>(sql`select id::text as id from ${sql.identifier(table)} order by id`);
  if (!others.length) throw new Error(`the demo has no ${table}`);
  return { id: others[0]!.id, visible: false };
}

/**
 * For the status report routes: a project with a milestone and a report on which `who` may
 * report (its manager, or staff of a PMO governing it) or review (staff of a governing PMO who
 * is not part of the project), the first they list; else one they do not see.
 */
async function projectFor(who: Who, kind: ProjectKind): Promise<Pick> {
  const personId = accounts.get(who)!.personId ?? '00000000-0000-0000-0000-000000000000';
  const governed = sql`(WITH RECURSIVE tree AS (
      SELECT pmo_id AS id FROM pmo_members WHERE person_id = ${personId}::uuid
      UNION SELECT p.id FROM pmos p JOIN tree t ON p.parent_pmo_id = t.id) SELECT id FROM tree)`;
  const rule =
    kind === 'reporting'
      ? sql`(p.project_manager_id = ${personId}::uuid OR p.pmo_id IN ${governed})`
      : kind === 'reviewing'
        ? sql`(p.pmo_id IN ${governed} AND p.project_manager_id IS DISTINCT FROM ${personId}::uuid
             AND p.sponsor_id IS DISTINCT FROM ${personId}::uuid
             AND NOT EXISTS (SELECT 1 FROM project_members m WHERE m.project_id = p.id AND m.person_id = ${personId}::uuid))`
        : sql`true`;
  const fitting = new Set(
    (await rows<{ id: string }>(sql`select p.id::text as id from projects p where ${rule} order by p.code`)).map((r) => r.id),
  );
  const listedIds = [...(await listed(who, '/api/v1/projects?limit=1000'))];
  const mine = listedIds.find((id) => fitting.has(id) && demo.reported.has(id));
  if (mine) return { id: mine, visible: true };
  const hidden = [...demo.reported.keys()].find((id) => !listedIds.includes(id));
  return { id: hidden ?? randomUUID(), visible: false };
}

/** The record `who` calls a parameter with, from the collection the path names before it. */
async function recordFor(who: Who, collection: string, request: RequestRecord): Promise<Pick> {
  const account = accounts.get(who)!;
  switch (collection) {
    case 'tokens':
      return { id: demo.tokens.get(who)!, visible: true };
    case 'users':
      return { id: demo.pmUser, visible: true };
    case 'people':
      return { id: account.personId ?? demo.pmPerson, visible: true };
    case 'pmos':
      return { id: demo.epmo, visible: true };
    case 'thresholds':
      return { id: demo.threshold, visible: true };
    case 'projects':
      return visibleOr(who, '/api/v1/projects', 'projects');
    case 'mentorships':
      return visibleOr(who, '/api/v1/mentorships', 'mentorships');
    case 'allocations':
      return visibleOr(who, '/api/v1/allocations', 'allocations');
    case 'notifications':
      return visibleOr(who, '/api/v1/notifications', 'notifications');
    case 'escalations':
      return visibleOr(who, '/api/v1/escalations', 'escalations');
    case 'approvals':
      return visibleOr(who, '/api/v1/approvals', 'approval_requests');
    case 'approval-delegates':
      return visibleOr(who, '/api/v1/approval-delegates', 'approval_delegates');
    case 'requests': {
      if (request === 'own') {
        const own = demo.drafts.get(who) ?? demo.drafts.get('pm')!;
        return { id: own.id, visible: demo.drafts.has(who) };
      }
      return { id: demo.submitted.id, visible: (await listed(who, '/api/v1/requests')).has(demo.submitted.id) };
    }
    default: {
      const id = demo.any.get(collection);
      if (!id) throw new Error(`the walk has no record for /${collection}/{…}: add one`);
      return { id, visible: true };
    }
  }
}

/**
 * The path with every parameter filled for `who`; visible unless one of its records is hidden
 * from them, and then `unknown` is the same path with those records replaced by ids of nothing.
 */
async function fill(op: Operation, who: Who): Promise<{ path: string; visible: boolean; unknown: string }> {
  // An operation missing from the table is reported by the completeness test; walk it without extras.
  const entry = ACCESS[op.key] ?? { allow: [] };
  const segments = op.path.split('/');
  const unknown = op.path.split('/');
  let visible = true;
  let projectId: string | null = null;
  for (let i = 0; i < segments.length; i++) {
    if (segments[i] === '{token}.ics') {
      // A calendar feed's secret URL, made now for the caller: the walk's own calls may have replaced an older one.
      const feed = await accounts.get(who)!.client.post('/api/v1/me/calendar-feed');
      segments[i] = unknown[i] = new URL(feed.body.url).pathname.split('/').pop()!;
      continue;
    }
    const param = /^\{(.+)\}$/.exec(segments[i]!)?.[1];
    if (!param) continue;
    const collection = segments[i - 1]!;
    if (param === 'number') {
      segments[i] = '1';
    } else if (param === 'entityType') {
      segments[i] = 'user';
    } else if (param === 'entityId') {
      segments[i] = accounts.get(who)!.userId;
    } else if (param === 'attachmentId') {
      const own = entry.request === 'own';
      const draft = demo.drafts.get(who) ?? demo.drafts.get('pm')!;
      segments[i] = own ? draft.attachment : demo.submitted.attachment;
    } else if (collection === 'projects' && entry.project) {
      const pick = await projectFor(who, entry.project);
      segments[i] = projectId = pick.id;
      unknown[i] = pick.visible ? pick.id : randomUUID();
      visible &&= pick.visible;
      continue;
    } else if (
      (collection === 'milestones' || collection === 'status-reports' || collection === 'risks' || collection === 'issues') &&
      projectId
    ) {
      // A record of the project the path names; a project without one is walked as a record not seen.
      const id = demo.reported.get(projectId)?.[collection];
      segments[i] = id ?? randomUUID();
      unknown[i] = id && visible ? id : randomUUID();
      visible &&= Boolean(id);
      continue;
    } else {
      const pick = await recordFor(who, collection, entry.request ?? 'submitted');
      if (collection === 'projects') projectId = pick.id;
      segments[i] = pick.id;
      unknown[i] = pick.visible ? pick.id : randomUUID();
      visible &&= pick.visible;
      continue;
    }
    unknown[i] = segments[i]!;
  }
  const query = entry.query ?? '';
  return { path: segments.join('/') + query, visible, unknown: unknown.join('/') + query };
}

async function call(client: ApiClient, op: Operation, path: string): Promise<ApiReply> {
  const method = op.method.toUpperCase();
  if (method === 'GET' || method === 'DELETE') return client.request(method, path);
  return client.request(method, path, {});
}

/** Row counts of every table but the sign-in records, to prove refused calls wrote nothing. */
async function tableCounts(): Promise<Record<string, number>> {
  const tables = await rows<{ table_name: string }>(
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of tables) {
    const [r] = await rows<{ n: unknown }>(sql`select count(*) as n from ${sql.identifier(table_name)}`);
    counts[table_name] = Number(r!.n);
  }
  return counts;
}

beforeAll(async () => {
  database = await testDatabase({ demo: true });
  app = testApp(database);
  const doc = (await (await app.request('/api/openapi.json')).json()) as {
    openapi: string;
    paths: Record<string, Record<string, { 'x-tollgate-access'?: string }>>;
  };
  expect(doc.openapi).toMatch(/^3\.1\./);
  operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({
      key: `${method.toUpperCase()} ${path}`,
      method,
      path,
      access: op['x-tollgate-access'] ?? '<missing>',
    })),
  );

  for (const who of WHO) {
    const email = ACCOUNTS[who];
    const client = await ApiClient.signIn(app, email);
    const me = await client.get('/api/v1/me');
    expect(me.status, email).toBe(200);
    accounts.set(who, { who, email, client, userId: me.body.userId, personId: me.body.personId ?? null });
    const token = await client.post('/api/v1/auth/tokens', { name: 'route walk' });
    expect(token.status, JSON.stringify(token.body)).toBe(201);
    demo.tokens.set(who, token.body.id ?? token.body.token?.id);
  }

  const [epmo] = await rows<{ id: string }>(sql`select id::text as id from pmos where code = 'EPMO'`);
  demo.epmo = epmo!.id;
  demo.pmUser = accounts.get('pm')!.userId;
  demo.pmPerson = accounts.get('pm')!.personId!;
  for (const [collection, table] of [
    ['org-units', 'org_units'],
    ['positions', 'executive_positions'],
    ['skills', 'skills'],
    ['portfolios', 'portfolios'],
    ['project-types', 'project_types'],
    ['courses', 'courses'],
    ['training-records', 'training_records'],
    ['certifications', 'certifications'],
    ['absences', 'absences'],
  ] as const) {
    demo.any.set(collection, await firstId(table));
  }
  const webhook = await accounts
    .get('admin')!
    .client.post('/api/v1/webhooks', { url: 'https://hooks.example.com/route-walk', events: ['*'] });
  expect(webhook.status, JSON.stringify(webhook.body)).toBe(201);
  demo.any.set('webhooks', webhook.body.id);
  demo.threshold = (
    await rows<{ id: string }>(
      sql`select id::text as id from delegation_thresholds where pmo_id = ${demo.epmo}::uuid order by id limit 1`,
    )
  )[0]!.id;

  // A baseline, a milestone and a submitted status report on every open project with a go-ahead.
  const system = systemActor('route walk');
  const open = await rows<{ id: string; go_ahead: string; finish: string | null; budget: string; baselines: unknown }>(
    sql`select p.id::text as id, (p.go_ahead_at at time zone 'UTC')::date::text as go_ahead, p.planned_finish_date::text as finish,
               p.budget::text as budget, (select count(*) from project_baselines b where b.project_id = p.id) as baselines
          from projects p where p.go_ahead_at is not null and p.state in ('active', 'on_hold') order by p.code`,
  );
  for (const p of open) {
    const finish = p.finish && p.finish > p.go_ahead ? p.finish : addDays(p.go_ahead, 365);
    const bac = Number(p.budget) > 0 ? Number(p.budget) : 100_000;
    if (Number(p.baselines) === 0) {
      await transact(database.db, ({ tx }) =>
        setBaselineInTx(tx, system, p.id, {
          bac,
          curve: [
            { date: p.go_ahead, plannedValue: 0 },
            { date: finish, plannedValue: bac },
          ],
        }),
      );
    }
    const milestone = await createMilestone(database.db, system, p.id, { name: 'Route walk milestone', baselineDate: finish });
    const { ragDimensions } = await getReporting(database.db, system, p.id);
    // Not before the go-ahead: a project starting later reports from its go-ahead day.
    const asOf = [p.go_ahead, today()].sort()[1]!;
    const report = await createReport(database.db, system, p.id, {
      asOf,
      percentComplete: 10,
      actualCost: 1_000,
      rag: Object.fromEntries(['overall', ...ragDimensions].map((d) => [d, 'green'])),
      forecastFinish: finish,
      // Every open milestone needs a forecast: the walk's own and those the demo seeds.
      milestoneForecasts: (
        await rows<{ id: string }>(
          sql`select id::text as id from milestones where project_id = ${p.id}::uuid and achieved_on is null`,
        )
      ).map((m) => ({ milestoneId: m.id, forecastDate: finish })),
      submit: true,
    });
    const risk = await createRisk(database.db, system, p.id, {
      title: 'Route walk risk',
      category: 'delivery',
      probability: 2,
      impact: 3,
      response: 'mitigate',
    });
    const issue = await createIssue(database.db, system, p.id, { title: 'Route walk issue', severity: 'medium' });
    demo.reported.set(p.id, { milestones: milestone.id, 'status-reports': report.id, risks: risk.id, issues: issue.id });
  }

  // A request of the project manager submitted to the Enterprise PMO (sponsor: the CFO), with an attachment.
  const pm = accounts.get('pm')!.client;
  const [type] = await rows<{ id: string }>(sql`select id::text as id from project_types where name = 'IT system delivery'`);
  const cfoPerson = accounts.get('cfo')!.personId;
  const made = await pm.post('/api/v1/requests', {
    title: 'Route walk: invoice matching',
    problem: 'Invoices are matched to orders by hand.',
    objectives: ['Match nine in ten invoices automatically'],
    projectTypeId: type!.id,
    sponsorId: cfoPerson,
    pmoId: demo.epmo,
    wantedStart: '2027-04-01',
    durationMonths: 4,
    costEstimate: [{ month: '2027-04', amount: 80_000 }],
  });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  const attached = await pm.upload(`/api/v1/requests/${made.body.id}/attachments`, {
    file: { name: 'case.pdf', bytes: PDF, type: 'application/pdf' },
  });
  expect(attached.status, JSON.stringify(attached.body)).toBe(201);
  expect((await pm.post(`/api/v1/requests/${made.body.id}/submit`)).status).toBe(200);
  demo.submitted = { id: made.body.id, attachment: attached.body.id };

  // A draft of each account that may draft, with an attachment, for the requester's own actions.
  for (const who of ['pm', 'lead', 'analyst'] as const) {
    const client = accounts.get(who)!.client;
    const draft = await client.post('/api/v1/requests', { title: `Route walk draft of ${who}`, pmoId: demo.epmo });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const file = await client.upload(`/api/v1/requests/${draft.body.id}/attachments`, {
      file: { name: 'notes.pdf', bytes: PDF, type: 'application/pdf' },
    });
    expect(file.status, JSON.stringify(file.body)).toBe(201);
    demo.drafts.set(who, { id: draft.body.id, attachment: file.body.id });
  }
});

afterAll(async () => {
  await database?.close();
});

describe('the route table', () => {
  it('has an entry in the access table for every operation, and none for an operation that is gone', () => {
    const inDoc = operations.map((op) => op.key).sort();
    const inTable = Object.keys(ACCESS).sort();
    expect(
      inDoc.filter((k) => !(k in ACCESS)),
      'operations without an entry in test/http/access-table.ts: say who may call them',
    ).toEqual([]);
    expect(
      inTable.filter((k) => !inDoc.includes(k)),
      'entries of test/http/access-table.ts for operations that no longer exist',
    ).toEqual([]);
  });

  it('declares its access on every operation; only sign-in and the settings are public', () => {
    expect(operations.filter((op) => op.access === '<missing>').map((op) => op.key)).toEqual([]);
    expect(
      operations
        .filter((op) => op.access === 'public')
        .map((op) => op.key)
        .sort(),
    ).toEqual([...PUBLIC_OPERATIONS].sort());
  });

  it(
    'refuses every non-public operation to an anonymous caller, and to an unknown token, with 401',
    async () => {
      const anonymous = ApiClient.anonymous(app);
      const stranger = ApiClient.withToken(app, 'tg_not-a-real-token');
      const failures: string[] = [];
      for (const op of operations.filter((o) => !PUBLIC_OPERATIONS.includes(o.key))) {
        const { path } = await fill(op, 'admin');
        for (const [label, client] of [
          ['anonymous', anonymous],
          ['unknown token', stranger],
        ] as const) {
          const reply = await call(client, op, path);
          if (reply.status !== 401 || reply.body?.error?.code !== 'UNAUTHENTICATED') {
            failures.push(`${label} ${op.key} -> ${reply.status} ${JSON.stringify(reply.body)}`);
          }
        }
      }
      expect(failures).toEqual([]);
    },
    WALK_MS,
  );

  it(
    'refuses every account the table does not allow with 403, on real records, and writes nothing',
    async () => {
      const before = await tableCounts();
      const failures: string[] = [];
      let refusals = 0;
      for (const op of operations) {
        const entry = ACCESS[op.key];
        if (!entry) continue;
        for (const who of WHO.filter((w) => !entry.allow.includes(w))) {
          const { path } = await fill(op, who);
          const reply = await call(accounts.get(who)!.client, op, path);
          refusals++;
          if (reply.status !== 403 || reply.body?.error?.code !== 'FORBIDDEN') {
            failures.push(`${who} ${op.key} (${path}) -> ${reply.status} ${JSON.stringify(reply.body).slice(0, 200)}`);
          }
        }
      }
      expect(failures).toEqual([]);
      expect(refusals).toBeGreaterThan(300);
      expect(await tableCounts()).toEqual(before);
    },
    WALK_MS,
  );

  it('refuses the installation admin the PMO’s governance: drafting, reviewing, rating, deciding, drivers', async () => {
    const governance = [
      'POST /api/v1/requests',
      'POST /api/v1/requests/{id}/start-review',
      'POST /api/v1/requests/{id}/request-info',
      'PUT /api/v1/requests/{id}/ratings',
      'POST /api/v1/requests/{id}/decision',
      'PUT /api/v1/pmos/{id}/driver-comparisons',
    ];
    for (const key of governance) {
      const op = operations.find((o) => o.key === key)!;
      expect(op, key).toBeDefined();
      const { path } = await fill(op, 'admin');
      const reply = await call(accounts.get('admin')!.client, op, path);
      expect(reply.status, `${key} ${JSON.stringify(reply.body)}`).toBe(403);
    }
  });

  it(
    'lets every account the table allows through: 2xx or a 4xx other than 401/403/404 on what it sees, 404 on what it does not',
    async () => {
      const failures: string[] = [];
      let visibleCalls = 0;
      for (const op of operations) {
        const entry = ACCESS[op.key];
        if (!entry) continue;
        for (const who of entry.allow) {
          const { path, visible, unknown } = await fill(op, who);
          // Signing in and out is walked with a session of its own, so the walk keeps its sessions.
          const own = op.key === 'POST /api/v1/auth/logout' ? await ApiClient.signIn(app, ACCOUNTS[who]) : null;
          const reply =
            op.key === 'POST /api/v1/auth/login'
              ? await ApiClient.anonymous(app).post(path, { email: ACCOUNTS[who], password: 'tollgate-demo' })
              : await call(own ?? accounts.get(who)!.client, op, path);
          const s = reply.status;
          let ok: boolean;
          if (visible) ok = op.method === 'get' ? s === 200 : s < 500 && ![401, 403, 404].includes(s);
          else {
            // Hidden: answered exactly as a record that does not exist (404, or 422 when the body is
            // checked first), so the answer tells nothing of the record.
            const none = await call(accounts.get(who)!.client, op, unknown);
            ok = (s === 404 || s === 422) && s === none.status && reply.body?.error?.code === none.body?.error?.code;
          }
          if (visible) visibleCalls++;
          if (!ok) {
            failures.push(
              `${who} ${op.key} (${path}, ${visible ? 'sees it' : 'does not see it'}) -> ${s} ${JSON.stringify(reply.body).slice(0, 200)}`,
            );
          }
        }
      }
      expect(failures).toEqual([]);
      expect(visibleCalls).toBeGreaterThan(500);
    },
    WALK_MS,
  );

  it('every account still has its session (no call signed anyone out)', async () => {
    for (const account of accounts.values()) expect((await account.client.get('/api/v1/me')).status, account.email).toBe(200);
  });
});

describe('lists and their records', () => {
  /** A list operation with a detail route for its items: `/x` and `/x/{id}`. */
  function listsWithDetail(): { list: Operation; detail: Operation }[] {
    const gets = operations.filter((op) => op.method === 'get');
    return gets.flatMap((list) => {
      const detail = gets.find((d) => new RegExp(`^${list.path.replace(/[{}]/g, '\\$&')}/\\{[^}/]+\\}$`).test(d.path));
      return detail && !list.path.endsWith('}') ? [{ list, detail }] : [];
    });
  }

  it('has detail routes for the main lists', () => {
    const paths = listsWithDetail().map((l) => l.list.path);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/v1/projects', '/api/v1/requests', '/api/v1/people', '/api/v1/pmos', '/api/v1/courses']),
    );
  });

  it(
    'shows no caller an item of a list whose detail it may not open',
    async () => {
      const failures: string[] = [];
      let checked = 0;
      for (const { list, detail } of listsWithDetail()) {
        for (const who of ACCESS[list.key]?.allow ?? []) {
          const client = accounts.get(who)!.client;
          const { path, visible } = await fill(list, who);
          // A list under a record the caller does not see (its attachments) is walked above: 404.
          if (!visible) continue;
          const reply = await client.get(path);
          if (reply.status !== 200) {
            failures.push(`${who} GET ${path} -> ${reply.status}`);
            continue;
          }
          for (const item of (reply.body.items ?? []) as { id: string }[]) {
            const one = await client.get(`${path.split('?')[0]}/${item.id}`);
            checked++;
            if (one.status !== 200)
              failures.push(`${who} lists ${path} item ${item.id}, but GET ${detail.path} -> ${one.status}`);
          }
        }
      }
      expect(failures).toEqual([]);
      expect(checked).toBeGreaterThan(100);
    },
    WALK_MS,
  );

  it(
    'shows no caller an audit event of a record whose history it may not read',
    async () => {
      const failures: string[] = [];
      let checked = 0;
      for (const who of ACCESS['GET /api/v1/audit/events']!.allow) {
        const client = accounts.get(who)!.client;
        const reply = await client.get('/api/v1/audit/events');
        if (reply.status !== 200) {
          failures.push(`${who} GET /api/v1/audit/events -> ${reply.status}`);
          continue;
        }
        const histories = new Map<string, Set<string> | null>();
        for (const event of reply.body.items as { id: string; entityType: string; entityId: string }[]) {
          const record = `${event.entityType}/${event.entityId}`;
          if (!histories.has(record)) {
            const history = await client.get(`/api/v1/audit/records/${record}`);
            histories.set(
              record,
              history.status === 200 ? new Set((history.body.items as { id: string }[]).map((e) => String(e.id))) : null,
            );
          }
          checked++;
          const history = histories.get(record);
          if (!history?.has(String(event.id))) {
            failures.push(`${who} sees event ${event.id} of ${record} in the list, not in the record's history`);
          }
        }
      }
      expect(failures).toEqual([]);
      expect(checked).toBeGreaterThan(0);
    },
    WALK_MS,
  );
});

describe('hidden records', () => {
  it('a project manager lists only the projects they may see; the others answer 404 like a project that does not exist', async () => {
    const all = await rows<{ id: string }>(sql`select id::text as id from projects order by id`);
    const pm = accounts.get('pm')!.client;
    const listed = await pm.get('/api/v1/projects?limit=1000');
    expect(listed.status).toBe(200);
    expect(listed.body.next, 'every project the pm sees is on this one page').toBeNull();
    const visible = new Set<string>(listed.body.items.map((p: { id: string }) => p.id));
    expect(visible.size).toBeGreaterThan(0);
    const hidden = all.map((p) => p.id).filter((id) => !visible.has(id));
    expect(hidden.length, 'the demo pm should not see every project').toBeGreaterThan(0);

    for (const id of [...visible].slice(0, 3)) {
      expect((await pm.get(`/api/v1/audit/records/project/${id}`)).status).toBe(200);
    }
    const unknown = await pm.get(`/api/v1/projects/${randomUUID()}`);
    for (const id of hidden.slice(0, 5)) {
      const reply = await pm.get(`/api/v1/projects/${id}`);
      expect(reply.status, id).toBe(404);
      expect(reply.body.error.code).toBe(unknown.body.error.code);
      expect((await pm.get(`/api/v1/audit/records/project/${id}`)).status, id).toBe(404);
    }
  });

  it('a viewer sees no project they have no part in', async () => {
    const viewer = accounts.get('viewer')!.client;
    const listed = await viewer.get('/api/v1/projects');
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([]);
    const [anyProject] = await rows<{ id: string }>(sql`select id::text as id from projects limit 1`);
    expect((await viewer.get(`/api/v1/projects/${anyProject!.id}`)).status).toBe(404);
  });

  it("a user sees their own history but not another user's", async () => {
    const pm = accounts.get('pm')!;
    const admin = accounts.get('admin')!;
    expect((await pm.client.get(`/api/v1/audit/records/user/${pm.userId}`)).status).toBe(200);
    expect((await pm.client.get(`/api/v1/audit/records/user/${admin.userId}`)).status).toBe(404);
    expect((await pm.client.get(`/api/v1/audit/records/no-such-type/${pm.userId}`)).status).toBe(404);
  });
});
