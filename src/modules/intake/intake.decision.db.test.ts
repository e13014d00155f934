import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../../test/support/database.ts';
import { ApiClient, type TestApp, testApp } from '../../../test/support/http.ts';

/** The PMO's decision on an initiation request, approval above all: one transaction or nothing. */
describe('deciding an initiation request', () => {
  let database: TestDatabase;
  let app: TestApp;
  let lead: ApiClient;
  let analyst: ApiClient;
  const requests: Record<string, { id: string; code: string; version: number }> = {};
  const people: Record<string, string> = {};

  async function count(table: string): Promise<number> {
    const result = (await database.db.execute(sql.raw(`SELECT count(*) AS n FROM ${table}`))) as unknown as {
      rows: { n: unknown }[];
    };
    return Number(result.rows[0]!.n);
  }

  async function snapshot() {
    return {
      projects: await count('projects'),
      allocations: await count('allocations'),
      baselines: await count('project_baselines'),
      audit: await count('audit_events'),
      notifications: await count('notifications'),
    };
  }

  /** Two people with the skill who are free enough in the months of the approval. */
  async function freePeople(skill: string, months: string[]): Promise<string[]> {
    const skills = (await lead.get('/api/v1/skills')).body.items as { id: string; name: string }[];
    const skillId = skills.find((s) => s.name === skill)!.id;
    const candidates = (await lead.get(`/api/v1/people?skillId=${skillId}`)).body.items as { id: string }[];
    const free: string[] = [];
    for (const person of candidates) {
      const capacity = await lead.get(`/api/v1/people/${person.id}/capacity?from=${months[0]}&to=${months[months.length - 1]}`);
      const months_ = capacity.body.months as { freeFte: number }[];
      if (months_.every((m) => m.freeFte >= 0.5)) free.push(person.id);
      if (free.length === 2) break;
    }
    return free;
  }

  beforeAll(async () => {
    database = await testDatabase({ demo: true });
    app = testApp(database);
    lead = await ApiClient.signIn(app, 'pmo.lead@example.com');
    analyst = await ApiClient.signIn(app, 'pmo.analyst@example.com');
    for (const r of (await lead.get('/api/v1/requests')).body.items) requests[r.title] = r;
    for (const p of (await lead.get('/api/v1/people')).body.items) people[p.email] = p.id;
  });
  afterAll(async () => {
    await database.close();
  });

  const approval = (overrides: Record<string, unknown> = {}) => ({
    outcome: 'approve',
    rationale: 'Highest customer value in the queue; capacity is there from September.',
    projectCode: 'CDP-001',
    budget: 600_000,
    startDate: '2026-09-01',
    projectManagerId: people['pm@example.com'],
    conditions: [{ text: 'Data protection impact assessment signed before build', dueOn: '2026-10-31' }],
    ...overrides,
  });

  it('refuses an untrained project manager with the courses they lack, and writes nothing', async () => {
    const before = await snapshot();
    const id = requests['Customer data platform']!.id;
    const reply = await lead.post(
      `/api/v1/requests/${id}/decision`,
      approval({ projectManagerId: people['hannah.moore@example.com'] }),
    );
    expect(reply.status).toBe(422);
    expect(JSON.stringify(reply.body.error.details)).toMatch(/agile/i);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses allocations beyond capacity with the figures, and writes nothing', async () => {
    const before = await snapshot();
    const id = requests['Customer data platform']!.id;
    const reply = await lead.post(
      `/api/v1/requests/${id}/decision`,
      approval({ allocations: [{ personId: people['pm@example.com'], fte: 3, startMonth: '2026-09', endMonth: '2026-10' }] }),
    );
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('OVER_ALLOCATED');
    expect(reply.body.error.details.allocationIndex).toBe(0);
    expect(reply.body.error.details.months.length).toBeGreaterThan(0);
    expect(await snapshot()).toEqual(before);
  });

  it('leaves no project, allocation or audit event behind when the approval fails half-way', async () => {
    const id = requests['Customer data platform']!.id;
    const [first, second] = await freePeople('Data engineering', ['2026-09', '2026-10', '2026-11']);
    const before = await snapshot();
    // A failure injected after the project and its baseline are written: the first allocation insert fails.
    await database.db.execute(
      sql.raw(
        `CREATE FUNCTION fail_allocation() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END; $$ LANGUAGE plpgsql`,
      ),
    );
    await database.db.execute(
      sql.raw('CREATE TRIGGER fail_allocation BEFORE INSERT ON allocations FOR EACH ROW EXECUTE FUNCTION fail_allocation()'),
    );
    try {
      const reply = await lead.post(
        `/api/v1/requests/${id}/decision`,
        approval({
          allocations: [
            { personId: first, fte: 0.5, startMonth: '2026-09', endMonth: '2026-11' },
            { personId: second, fte: 0.5, startMonth: '2026-09', endMonth: '2026-11' },
          ],
        }),
      );
      expect(reply.status).toBe(500);
    } finally {
      await database.db.execute(sql.raw('DROP TRIGGER fail_allocation ON allocations'));
      await database.db.execute(sql.raw('DROP FUNCTION fail_allocation()'));
    }
    expect(await snapshot()).toEqual(before);
    expect((await lead.get(`/api/v1/requests/${id}`)).body.state).toBe('in_review');
  });

  it('approves: project in its first phase, budget, baseline, manager, two people allocated, go-ahead, notifications', async () => {
    const id = requests['Customer data platform']!.id;
    const [first, second] = await freePeople('Data engineering', ['2026-09', '2026-10', '2026-11']);
    expect(second).toBeDefined();
    const reply = await lead.post(
      `/api/v1/requests/${id}/decision`,
      approval({
        allocations: [
          { personId: first, fte: 0.5, startMonth: '2026-09', endMonth: '2026-11' },
          { personId: second, fte: 0.5, startMonth: '2026-09', endMonth: '2026-11' },
        ],
      }),
    );
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const { project, allocations, request } = reply.body;
    expect(request.state).toBe('approved');
    expect(request.projectId).toBe(project.id);
    expect(project.budget).toBe(600_000);
    expect(project.phase.key).toBe(project.lifecycle.phases[0].key);
    expect(project.goAheadAt).toBeTruthy();
    expect(project.projectManager.id).toBe(people['pm@example.com']);
    expect(allocations).toHaveLength(2);

    const baseline = await lead.get(`/api/v1/projects/${project.id}/baseline`);
    expect(baseline.body.current.bac).toBe(600_000);
    expect(baseline.body.current.curve[0]).toEqual({ date: '2026-09-01', plannedValue: 0 });
    expect(baseline.body.current.curve.at(-1).plannedValue).toBe(600_000);

    // The project manager sees the new project with its team.
    const pm = await ApiClient.signIn(app, 'pm@example.com');
    const seen = await pm.get(`/api/v1/projects/${project.id}`);
    expect(seen.status).toBe(200);
    const team = await pm.get(`/api/v1/allocations?projectId=${project.id}`);
    expect(team.body.items.map((a: { person: { id: string } }) => a.person.id).sort()).toEqual([first, second].sort());

    // The requester is told.
    const requester = await ApiClient.signIn(app, 'carlos.mendes@example.com');
    const inbox = await requester.get('/api/v1/notifications');
    expect(inbox.body.items.some((n: { kind: string }) => n.kind === 'request.approved')).toBe(true);

    const history = (await lead.get(`/api/v1/audit/records/project/${project.id}`)).body.items.map(
      (e: { action: string }) => e.action,
    );
    expect(history).toEqual(expect.arrayContaining(['project.created', 'project.baseline_set', 'project.go_ahead']));
    expect((await lead.get('/api/v1/audit/verify')).body.ok).toBe(true);

    // A decided request cannot be decided again.
    const again = await lead.post(`/api/v1/requests/${id}/decision`, { outcome: 'reject', rationale: 'No' });
    expect(again.status).toBe(409);
  });

  it('refuses to approve on inconsistent driver comparisons', async () => {
    const programLead = await ApiClient.signIn(app, 'prog.lead@example.com');
    const id = requests['Zero-trust network access']!.id;
    const reply = await programLead.post(
      `/api/v1/requests/${id}/decision`,
      approval({ projectCode: 'ZTNA-001', budget: 170_000, startDate: '2026-10-01' }),
    );
    expect(reply.status).toBe(409);
    expect(reply.body.error.message).toMatch(/inconsistent/i);
  });

  it('keeps the decision to leads of the target PMO, never on their own request', async () => {
    const id = requests['Sustainability reporting automation (CSRD)']!.id;
    expect((await analyst.post(`/api/v1/requests/${id}/decision`, { outcome: 'reject', rationale: 'x' })).status).toBe(403);
    const own = await lead.post('/api/v1/requests', { title: 'PMO tooling refresh' });
    expect(own.status).toBe(201);
    // Straight to the state machine's guard: a lead may not decide a request they raised.
    const reply = await lead.post(`/api/v1/requests/${own.body.id}/decision`, { outcome: 'reject', rationale: 'x' });
    expect([403, 409]).toContain(reply.status);
  });

  it('rejects with a rationale, and defers only with a revisit date', async () => {
    const id = requests['Sustainability reporting automation (CSRD)']!.id;
    const missing = await lead.post(`/api/v1/requests/${id}/decision`, { outcome: 'defer', rationale: 'Later' });
    expect(missing.status).toBe(422);
    expect(missing.body.error.details.issues[0].field).toBe('revisitOn');
    const deferred = await lead.post(`/api/v1/requests/${id}/decision`, {
      outcome: 'defer',
      rationale: 'After the year-end close',
      revisitOn: '2027-02-01',
    });
    expect(deferred.status).toBe(200);
    expect(deferred.body.request.state).toBe('deferred');
    expect(deferred.body.project).toBeNull();
  });
});
