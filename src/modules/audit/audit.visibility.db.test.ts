import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../../test/support/database.ts';
import { makeResourcePerson, projectByCode } from '../../../test/support/factories-resources.ts';
import { ApiClient, type TestApp, testApp } from '../../../test/support/http.ts';
import { recordVisibility } from '../../app/modules.ts';
import { USERS } from '../../demo/demo-data.ts';
import { type Actor, isAdmin, systemActor } from '../../kernel/actor.ts';
import {
  absences,
  allocations,
  auditEvents,
  certifications,
  delegationThresholds,
  approvalDelegates,
  approvalRequests,
  escalations,
  issues,
  milestones,
  risks,
  statusReports,
  trainingRecords,
} from '../../kernel/schema.ts';
import { transact } from '../../kernel/usecase.ts';
import { findUserByEmail, loadActor } from '../auth/index.ts';
import { recordAudit } from './index.ts';
import { idsSatisfying } from './audit.repo.ts';

/**
 * What the audit event list reveals to each demo account, compared with what the record
 * endpoints reveal to the same account: an event shows exactly when its record can be read.
 */

let database: TestDatabase;
let app: TestApp;
const rules = recordVisibility();

/**
 * Demo accounts of every role: the admin, every executive, the members of both PMOs, two project
 * managers (of different projects), the resource manager, a team member and a viewer.
 */
const ACCOUNTS = [
  'admin@example.com',
  'ceo@example.com',
  'coo@example.com',
  'cfo@example.com',
  'cto@example.com',
  'pmo.lead@example.com',
  'pmo.analyst@example.com',
  'prog.lead@example.com',
  'prog.analyst@example.com',
  'pm@example.com',
  'lena.fischer@example.com',
  'resource.manager@example.com',
  'team.member@example.com',
  'viewer@example.com',
];

const PM = 'pm@example.com';
const LEAD = 'pmo.lead@example.com';
const UNRULED = 'vault_entry';

interface TrailRecord {
  entityType: string;
  entityId: string;
  events: number;
}

let trail: TrailRecord[] = [];
const extra = { draft: '', absence: '', allocation: '', unruled: '' };

async function trailRecords(): Promise<TrailRecord[]> {
  const rows = await database.db
    .select({ entityType: auditEvents.entityType, entityId: auditEvents.entityId, events: sql<number>`count(*)::int` })
    .from(auditEvents)
    .groupBy(auditEvents.entityType, auditEvents.entityId);
  return rows.map((r) => ({ ...r, events: Number(r.events) }));
}

async function personOf(
  table: typeof trainingRecords | typeof certifications | typeof absences,
  id: string,
): Promise<string | null> {
  const [row] = await database.db.select({ personId: table.personId }).from(table).where(eq(table.id, id));
  return row?.personId ?? null;
}

const contains = (reply: { status: number; body: { items?: { id: string }[] } }, id: string) =>
  reply.status === 200 && (reply.body.items ?? []).some((item) => item.id === id);

/**
 * Whether the caller may read the record through its own endpoint; a removed record has no
 * endpoint but its history (null).
 */
async function readableByItsEndpoint(
  client: ApiClient,
  me: string,
  record: TrailRecord,
  lists: Map<string, Promise<{ status: number; body: { items?: { id: string }[] } }>>,
): Promise<boolean | null> {
  const id = record.entityId;
  const get = async (path: string) => {
    const status = (await client.get(path)).status;
    expect([200, 404], `${path}`).toContain(status);
    return status === 200;
  };
  // A person's list of records answers for each record in it: read it once per caller.
  const listOf = (path: string) => {
    let reply = lists.get(path);
    if (!reply) {
      reply = client.get(path);
      lists.set(path, reply);
    }
    return reply;
  };
  const listed = async (path: string) => contains(await listOf(path), id);
  switch (record.entityType) {
    case 'request':
      return get(`/api/v1/requests/${id}`);
    case 'project':
      return get(`/api/v1/projects/${id}`);
    case 'person':
      return get(`/api/v1/people/${id}`);
    case 'pmo':
      return get(`/api/v1/pmos/${id}`);
    case 'org_unit':
      return get(`/api/v1/org-units/${id}`);
    case 'position':
      return get(`/api/v1/positions/${id}`);
    case 'skill':
      return get(`/api/v1/skills/${id}`);
    case 'portfolio':
      return get(`/api/v1/portfolios/${id}`);
    case 'project_type':
      return get(`/api/v1/project-types/${id}`);
    case 'course':
      return get(`/api/v1/courses/${id}`);
    case 'mentorship':
      return get(`/api/v1/mentorships/${id}`);
    case 'status_report': {
      const [row] = await database.db
        .select({ projectId: statusReports.projectId })
        .from(statusReports)
        .where(eq(statusReports.id, id));
      return row ? get(`/api/v1/projects/${row.projectId}/status-reports/${id}`) : null;
    }
    case 'milestone': {
      const [row] = await database.db.select({ projectId: milestones.projectId }).from(milestones).where(eq(milestones.id, id));
      return row ? get(`/api/v1/projects/${row.projectId}/milestones/${id}`) : null;
    }
    case 'risk': {
      const [row] = await database.db.select({ projectId: risks.projectId }).from(risks).where(eq(risks.id, id));
      return row ? get(`/api/v1/projects/${row.projectId}/risks/${id}`) : null;
    }
    case 'issue': {
      const [row] = await database.db.select({ projectId: issues.projectId }).from(issues).where(eq(issues.id, id));
      return row ? get(`/api/v1/projects/${row.projectId}/issues/${id}`) : null;
    }
    case 'escalation': {
      const [row] = await database.db.select({ id: escalations.id }).from(escalations).where(eq(escalations.id, id));
      return row ? get(`/api/v1/escalations/${id}`) : null;
    }
    case 'approval_request': {
      const [row] = await database.db
        .select({ id: approvalRequests.id })
        .from(approvalRequests)
        .where(eq(approvalRequests.id, id));
      return row ? get(`/api/v1/approvals/${id}`) : null;
    }
    case 'approval_delegate': {
      const [row] = await database.db
        .select({ id: approvalDelegates.id })
        .from(approvalDelegates)
        .where(eq(approvalDelegates.id, id));
      if (!row) return null;
      const reply = await listOf('/api/v1/approval-delegates');
      expect([200, 403]).toContain(reply.status);
      return contains(reply, id);
    }
    case 'allocation': {
      const [row] = await database.db.select({ id: allocations.id }).from(allocations).where(eq(allocations.id, id));
      if (!row) return null;
      const status = (await client.get(`/api/v1/allocations/${id}`)).status;
      expect([200, 403, 404]).toContain(status);
      return status === 200;
    }
    case 'user': {
      if (id === me) return get('/api/v1/me');
      const status = (await client.get(`/api/v1/users/${id}`)).status;
      expect([200, 403, 404]).toContain(status);
      return status === 200;
    }
    case 'training_record': {
      const personId = await personOf(trainingRecords, id);
      return personId ? listed(`/api/v1/people/${personId}/training-records`) : null;
    }
    case 'certification': {
      const personId = await personOf(certifications, id);
      return personId ? listed(`/api/v1/people/${personId}/certifications`) : null;
    }
    case 'absence': {
      const personId = await personOf(absences, id);
      if (!personId) return null;
      const reply = await listOf(`/api/v1/people/${personId}/absences`);
      expect([200, 403]).toContain(reply.status);
      return contains(reply, id);
    }
    case 'delegation_threshold': {
      const [row] = await database.db
        .select({ pmoId: delegationThresholds.pmoId })
        .from(delegationThresholds)
        .where(eq(delegationThresholds.id, id));
      return row ? listed(`/api/v1/pmos/${row.pmoId}/thresholds`) : null;
    }
    default:
      return null;
  }
}

const keyOf = (r: { entityType: string; entityId: string }) => `${r.entityType}:${r.entityId}`;

/**
 * The records of the trail the actor's rules show, by each rule's SQL form (the one the list
 * applies; the last describe block proves it equal to the per-id rule): a kind with no rule is the
 * admin's alone.
 */
async function visibleBySql(actor: Actor, records: TrailRecord[]): Promise<Set<string>> {
  const byType = new Map<string, string[]>();
  for (const r of records) byType.set(r.entityType, [...(byType.get(r.entityType) ?? []), r.entityId]);
  const visible = new Set<string>();
  for (const [type, ids] of byType) {
    const rule = rules[type];
    const condition = rule ? await rule.visibleWhere(database.db, actor, sql`candidate.id`) : undefined;
    const seen = !rule
      ? new Set(isAdmin(actor) ? ids : [])
      : condition
        ? await idsSatisfying(database.db, ids, () => condition)
        : new Set(ids);
    for (const id of seen) visible.add(`${type}:${id}`);
  }
  return visible;
}

/**
 * Records whose endpoints an account reads: of each kind a few, spread over the kind's records and
 * shifted by the account's place in the walk so that the accounts together cover many, plus every
 * record made above and the caller's own user.
 */
function sampleOf(records: TrailRecord[], shift: number, me: string, perKind = 6): TrailRecord[] {
  const byType = new Map<string, TrailRecord[]>();
  for (const r of records) byType.set(r.entityType, [...(byType.get(r.entityType) ?? []), r]);
  const chosen: TrailRecord[] = [];
  for (const group of byType.values()) {
    if (group.length <= perKind) {
      chosen.push(...group);
      continue;
    }
    const step = group.length / perKind;
    for (let i = 0; i < perKind; i++) chosen.push(group[Math.floor(i * step + (shift % Math.ceil(step))) % group.length]!);
  }
  const special = records.filter((r) => r.entityId === me || Object.values(extra).includes(r.entityId));
  return [...new Set([...chosen, ...special])];
}

/** Every event of the list, all pages. */
async function listAll(client: ApiClient): Promise<{ id: string; entityType: string; entityId: string }[]> {
  const events: { id: string; entityType: string; entityId: string }[] = [];
  let total = Number.POSITIVE_INFINITY;
  for (let offset = 0; offset < total; offset += 500) {
    const reply = await client.get(`/api/v1/audit/events?limit=500&offset=${offset}`);
    expect(reply.status).toBe(200);
    total = reply.body.total;
    events.push(...reply.body.items);
    if (reply.body.items.length === 0) break;
  }
  expect(events).toHaveLength(total);
  return events;
}

beforeAll(async () => {
  database = await testDatabase({ demo: true });
  app = testApp(database);
  // A draft the requester alone may see, with a comment; it was never submitted.
  const pm = await ApiClient.signIn(app, PM);
  const draft = await pm.post('/api/v1/requests', { title: 'Confidential reorganisation', problem: 'Merging two units' });
  expect(draft.status).toBe(201);
  extra.draft = draft.body.id;
  expect((await pm.post(`/api/v1/requests/${extra.draft}/comments`, { body: 'Keep this quiet' })).status).toBe(201);
  // A removed absence and a removed allocation keep their histories.
  const lead = await ApiClient.signIn(app, LEAD);
  const person = await makeResourcePerson(database.db, { name: 'Removal Tester' });
  const absence = await lead.post(`/api/v1/people/${person.id}/absences`, {
    startsOn: '2027-02-01',
    endsOn: '2027-02-03',
    reason: 'Parental leave',
  });
  expect(absence.status).toBe(201);
  extra.absence = absence.body.id;
  expect((await lead.delete(`/api/v1/absences/${extra.absence}?version=1`)).status).toBe(204);
  const project = await projectByCode(database.db, 'INF-003');
  const allocation = await lead.post('/api/v1/allocations', {
    projectId: project.id,
    personId: person.id,
    startMonth: '2027-01',
    endMonth: '2027-01',
    fte: 0.1,
  });
  expect(allocation.status, JSON.stringify(allocation.body)).toBe(201);
  extra.allocation = allocation.body.id;
  expect((await lead.delete(`/api/v1/allocations/${extra.allocation}?version=1`)).status).toBe(204);
  // An event of a kind of record that has no rule: only the admin sees it.
  extra.unruled = '4b1f0c9e-0000-4000-8000-000000000001';
  await transact(database.db, ({ tx }) =>
    recordAudit(tx, systemActor('test'), { entityType: UNRULED, entityId: extra.unruled, action: `${UNRULED}.opened` }),
  );
  // Each account signs in once before the trail is read, so every user has events of their own.
  for (const email of ACCOUNTS) await ApiClient.signIn(app, email);
  trail = await trailRecords();
}, 240_000);

afterAll(async () => {
  await database?.close();
});

describe('the audit event list, for every demo account', () => {
  it('walks an account of every role the demo has', () => {
    const roles = (emails: string[]) => new Set(USERS.filter((u) => emails.includes(u.email)).flatMap((u) => u.roles));
    expect([...roles(ACCOUNTS)].sort()).toEqual([...roles(USERS.map((u) => u.email))].sort());
  });

  it.each(ACCOUNTS.map((email, index) => [email, index] as const))(
    '%s sees the events of exactly the records it may read, and all of their events',
    async (email, index) => {
      const client = await ApiClient.signIn(app, email);
      const me = (await client.get('/api/v1/me')).body.userId as string;
      const actor = await loadActor(database.db, (await findUserByEmail(database.db, email))!);
      // Read after signing in, which is an event of the caller's own.
      const trail = await trailRecords();
      const listed = new Map<string, number>();
      for (const e of await listAll(client)) listed.set(keyOf(e), (listed.get(keyOf(e)) ?? 0) + 1);
      // Every record of the trail: listed, with every event of its chain, exactly when the rule shows it.
      const bySql = await visibleBySql(actor, trail);
      for (const record of trail) {
        const key = keyOf(record);
        expect(listed.has(key), `${email}: ${key} in the list`).toBe(bySql.has(key));
        if (listed.has(key)) expect(listed.get(key), `${email}: events of ${key}`).toBe(record.events);
      }
      // Nothing else: the list names no record outside the trail.
      expect(listed.size).toBe(trail.filter((r) => listed.has(keyOf(r))).length);
      // The records' own endpoints and histories agree, for records of every kind.
      const lists = new Map<string, Promise<{ status: number; body: { items?: { id: string }[] } }>>();
      for (const record of sampleOf(trail, index, me)) {
        const key = keyOf(record);
        const endpoint = await readableByItsEndpoint(client, me, record, lists);
        const history = await client.get(
          `/api/v1/audit/records/${encodeURIComponent(record.entityType)}/${encodeURIComponent(record.entityId)}`,
        );
        expect([200, 404], key).toContain(history.status);
        const readable = endpoint ?? history.status === 200;
        expect(history.status === 200, `${email}: history of ${key}`).toBe(readable);
        expect(listed.has(key), `${email}: ${key} in the list as by its endpoint`).toBe(readable);
      }
    },
    240_000,
  );

  it('keeps the draft, the other users and the unruled kind where they belong', async () => {
    const cfo = await ApiClient.signIn(app, 'cfo@example.com');
    const seen = await listAll(cfo);
    expect(seen.some((e) => e.entityId === extra.draft)).toBe(false);
    expect(seen.some((e) => e.entityType === UNRULED)).toBe(false);
    const cfoId = (await cfo.get('/api/v1/me')).body.userId;
    expect(seen.filter((e) => e.entityType === 'user').every((e) => e.entityId === cfoId)).toBe(true);
    expect((await cfo.get(`/api/v1/audit/events?entityId=${extra.draft}`)).body.total).toBe(0);
    expect((await cfo.get(`/api/v1/audit/events?q=Confidential`)).body.total).toBe(0);
    const admin = await ApiClient.signIn(app, 'admin@example.com');
    expect((await admin.get(`/api/v1/audit/events?entityType=${UNRULED}`)).body.total).toBe(1);
    expect((await admin.get(`/api/v1/audit/records/${UNRULED}/${extra.unruled}`)).body.items).toHaveLength(1);
    expect((await cfo.get(`/api/v1/audit/records/${UNRULED}/${extra.unruled}`)).status).toBe(404);
    const pm = await ApiClient.signIn(app, PM);
    expect((await pm.get(`/api/v1/audit/events?entityType=request&entityId=${extra.draft}`)).body.total).toBe(2);
  });
});

describe('the export of the event list', () => {
  it('holds every event the caller may see and nothing else, with the filters applied', async () => {
    const cfo = await ApiClient.signIn(app, 'cfo@example.com');
    const total = (await cfo.get('/api/v1/audit/events?limit=1')).body.total;
    const csv = await cfo.download('/api/v1/audit/events?format=csv');
    expect(csv.status).toBe(200);
    const text = new TextDecoder().decode(csv.bytes);
    const lines = text.trim().split(/\r?\n/);
    expect(lines[0]).toContain('When,Who,Signed in as,Kind of record,Record');
    expect(text).not.toContain(extra.draft);
    expect(text).not.toContain('Confidential');
    expect(text).not.toContain(UNRULED);
    const pm = await ApiClient.signIn(app, PM);
    const own = new TextDecoder().decode((await pm.download(`/api/v1/audit/events?format=csv&entityId=${extra.draft}`)).bytes);
    expect(own).toContain('Confidential reorganisation');
    expect(own.trim().split(/\r?\n/)).toHaveLength(3);
    // Every event of the CFO's list, each row ending with its event id.
    const listed = await listAll(cfo);
    expect(listed).toHaveLength(total);
    const exported = [...text.matchAll(/,(\d+)\r?$/gm)].map((m) => m[1]);
    expect(exported.sort()).toEqual(listed.map((e) => e.id).sort());
    const xlsx = await cfo.download('/api/v1/audit/events?format=xlsx&entityType=person');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
  });
});

describe('each rule, per id and as SQL', () => {
  it('agrees for every demo account on the records of the trail (of the larger kinds, a spread of 40)', async () => {
    const system = systemActor('test');
    const actors = [system];
    for (const email of ACCOUNTS) actors.push(await loadActor(database.db, (await findUserByEmail(database.db, email))!));
    const byType = new Map<string, string[]>();
    for (const r of sampleOf(trail, 0, '', 40)) byType.set(r.entityType, [...(byType.get(r.entityType) ?? []), r.entityId]);
    for (const actor of actors) {
      for (const [type, ids] of byType) {
        const rule = rules[type];
        if (!rule) continue;
        const condition = await rule.visibleWhere(database.db, actor, sql`candidate.id`);
        const bySql = condition ? await idsSatisfying(database.db, ids, () => condition) : new Set(ids);
        for (const id of ids) {
          expect(await rule.canSee(database.db, actor, id), `${actor.email} ${type}:${id}`).toBe(bySql.has(id));
        }
      }
    }
  }, 240_000);

  it('names only the records the caller may see', async () => {
    const pm = await ApiClient.signIn(app, PM);
    const draft = (await pm.get(`/api/v1/requests/${extra.draft}`)).body;
    const own = await pm.get(`/api/v1/audit/records/request/${extra.draft}`);
    expect(own.body.labels[extra.draft]).toBe(`${draft.code} · Confidential reorganisation`);
    // Every request or project the CFO's list names is one the CFO may open.
    const cfo = await ApiClient.signIn(app, 'cfo@example.com');
    const labels = Object.keys((await cfo.get('/api/v1/audit/events?limit=500')).body.labels as Record<string, string>);
    expect(labels.length).toBeGreaterThan(0);
    expect(labels).not.toContain(extra.draft);
    const named = async (table: string) =>
      (
        (await database.db.execute(sql`SELECT id::text AS id FROM ${sql.identifier(table)}`)) as unknown as {
          rows: { id: string }[];
        }
      ).rows
        .map((r) => r.id)
        .filter((id) => labels.includes(id));
    for (const id of await named('initiation_requests')) expect((await cfo.get(`/api/v1/requests/${id}`)).status, id).toBe(200);
    for (const id of await named('projects')) expect((await cfo.get(`/api/v1/projects/${id}`)).status, id).toBe(200);
  });
});

describe('paging, filters and search', () => {
  it('pages with limit, offset and total, newest first', async () => {
    const admin = await ApiClient.signIn(app, 'admin@example.com');
    const first = await admin.get('/api/v1/audit/events?limit=7');
    const second = await admin.get('/api/v1/audit/events?limit=7&offset=7');
    expect(first.body.items).toHaveLength(7);
    expect(first.body.total).toBe(second.body.total);
    const ids = [...first.body.items, ...second.body.items].map((e: { id: string }) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(14);
    expect((await admin.get('/api/v1/audit/events?limit=0')).status).toBe(422);
    expect((await admin.get('/api/v1/audit/events?limit=501')).status).toBe(422);
    expect((await admin.get('/api/v1/audit/events?from=yesterday')).status).toBe(422);
    expect((await admin.get('/api/v1/audit/events?actorUserId=nope')).status).toBe(422);
  });

  it('finds every event of a request by its code, however many', async () => {
    const lead = await ApiClient.signIn(app, LEAD);
    const [busiest] = await database.db
      .select({ id: auditEvents.entityId, n: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(eq(auditEvents.entityType, 'request'))
      .groupBy(auditEvents.entityId)
      .orderBy(sql`count(*) DESC`)
      .limit(1);
    const request = (await lead.get(`/api/v1/requests/${busiest!.id}`)).body;
    expect(request.code).toMatch(/^REQ-/);
    const found = await lead.get(`/api/v1/audit/events?q=${request.code}&limit=2`);
    expect(found.body.total).toBeGreaterThanOrEqual(Number(busiest!.n));
    const all = await lead.get(`/api/v1/audit/events?q=${request.code}&entityType=request&limit=500`);
    expect(all.body.items.filter((e: { entityId: string }) => e.entityId === busiest!.id)).toHaveLength(Number(busiest!.n));
    expect(all.body.labels[busiest!.id]).toBe(`${request.code} · ${request.title}`);
    // By the title, by the action, by the actor's name.
    expect((await lead.get(`/api/v1/audit/events?q=${encodeURIComponent(request.title)}&entityType=request`)).body.total).toBe(
      Number(busiest!.n),
    );
    const admin = await ApiClient.signIn(app, 'admin@example.com');
    const commented = await admin.get('/api/v1/audit/events?q=commented&limit=500');
    expect(commented.body.total).toBeGreaterThan(0);
    for (const e of commented.body.items)
      expect(`${e.action} ${e.reason ?? ''} ${e.actorName}`.toLowerCase()).toContain('comment');
    const leadUser = (await lead.get('/api/v1/me')).body;
    const byName = await lead.get(`/api/v1/audit/events?q=${encodeURIComponent(leadUser.name)}&limit=500`);
    expect(byName.body.items.some((e: { actorUserId: string }) => e.actorUserId === leadUser.userId)).toBe(true);
  });

  it('filters by record, actor, action and time, and names the actor', async () => {
    const admin = await ApiClient.signIn(app, 'admin@example.com');
    const pmId = (await findUserByEmail(database.db, PM))!.id;
    const byActor = await admin.get(`/api/v1/audit/events?actorUserId=${pmId}&limit=500`);
    expect(byActor.body.total).toBeGreaterThan(0);
    for (const e of byActor.body.items) expect(e.actorUserId).toBe(pmId);
    expect(byActor.body.items[0].actorName).not.toContain('@');
    const commented = await admin.get(`/api/v1/audit/events?action=request.commented&entityId=${extra.draft}`);
    expect(commented.body.total).toBe(1);
    const draftEvents = (await admin.get(`/api/v1/audit/events?entityId=${extra.draft}`)).body.items as { occurredAt: string }[];
    const days = draftEvents.map((e) => e.occurredAt.slice(0, 10)).sort();
    const within = await admin.get(`/api/v1/audit/events?from=${days[0]}&to=${days[days.length - 1]}&entityId=${extra.draft}`);
    expect(within.body.total).toBe(2);
    // An instant bound is inclusive, to the millisecond.
    const newest = draftEvents[0]!.occurredAt;
    const since = await admin.get(`/api/v1/audit/events?from=${encodeURIComponent(newest)}&entityId=${extra.draft}`);
    expect(since.body.items.map((e: { occurredAt: string }) => e.occurredAt)).toContain(newest);
    for (const e of since.body.items) expect(e.occurredAt >= newest).toBe(true);
    const oldest = draftEvents[draftEvents.length - 1]!.occurredAt;
    const until = await admin.get(`/api/v1/audit/events?to=${encodeURIComponent(oldest)}&entityId=${extra.draft}`);
    expect(until.body.items.map((e: { occurredAt: string }) => e.occurredAt)).toContain(oldest);
    for (const e of until.body.items) expect(e.occurredAt <= oldest).toBe(true);
    expect((await admin.get(`/api/v1/audit/events?to=2000-01-01&entityId=${extra.draft}`)).body.total).toBe(0);
  });
});
