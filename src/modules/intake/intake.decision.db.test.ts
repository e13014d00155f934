import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type TestDatabase, testDatabase } from '../../../test/support/database.ts';
import { makeResourcePerson } from '../../../test/support/factories-resources.ts';
import { ApiClient, type TestApp, testApp } from '../../../test/support/http.ts';

/**
 * The PMO's decision on an initiation request, approval above all: one transaction or nothing.
 * Every test makes its own requests (drafted by a project manager, submitted, taken into review by
 * the analyst and rated), so none depends on another or on the order they run in.
 */
describe('deciding an initiation request', () => {
  let database: TestDatabase;
  let app: TestApp;
  let lead: ApiClient;
  let analyst: ApiClient;
  let pm: ApiClient;
  const people: Record<string, string> = {};
  const ids = { epmo: '', itType: '', sponsor: '' };
  let drivers: string[] = [];
  let serial = 0;

  async function rows<T>(query: string): Promise<T[]> {
    return ((await database.db.execute(sql.raw(query))) as unknown as { rows: T[] }).rows;
  }

  async function count(table: string): Promise<number> {
    const [row] = await rows<{ n: unknown }>(`SELECT count(*) AS n FROM ${table}`);
    return Number(row!.n);
  }

  async function snapshot() {
    return {
      projects: await count('projects'),
      projectMembers: await count('project_members'),
      allocations: await count('allocations'),
      baselines: await count('project_baselines'),
      audit: await count('audit_events'),
      notifications: await count('notifications'),
    };
  }

  async function requestState(id: string) {
    const [row] = await rows<{ state: string; project_id: string | null }>(
      `SELECT state, project_id FROM initiation_requests WHERE id = '${id}'`,
    );
    return row!;
  }

  async function requestEvents(id: string): Promise<string[]> {
    const events = await rows<{ action: string }>(
      `SELECT action FROM audit_events WHERE entity_type = 'request' AND entity_id = '${id}' ORDER BY id`,
    );
    return events.map((e) => e.action);
  }

  /**
   * A request to the Enterprise PMO raised by `requester`, submitted and taken into review by the
   * analyst; rated against every driver unless `rated: false` (only a rated request may be approved).
   */
  async function requestInReview(requester: ApiClient, options: { rated?: boolean } = {}) {
    const n = ++serial;
    const draft = await requester.post('/api/v1/requests', {
      title: `Warehouse slotting optimisation ${n}`,
      problem: 'Pickers walk twice the distance they need to because slots never change.',
      objectives: ['Cut walking distance by a third'],
      benefits: [{ description: 'Fewer picker hours', amount: 90_000 }],
      projectTypeId: ids.itType,
      sponsorId: ids.sponsor,
      pmoId: ids.epmo,
      wantedStart: '2027-01-04',
      durationMonths: 3,
      costEstimate: [
        { month: '2027-01', amount: 100_000 },
        { month: '2027-02', amount: 150_000 },
        { month: '2027-03', amount: 50_000 },
      ],
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const id = draft.body.id as string;
    const submitted = await requester.post(`/api/v1/requests/${id}/submit`);
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    const review = await analyst.post(`/api/v1/requests/${id}/start-review`);
    expect(review.status, JSON.stringify(review.body)).toBe(200);
    if (options.rated !== false) {
      const rated = await analyst.put(`/api/v1/requests/${id}/ratings`, {
        ratings: drivers.map((driver) => ({ driver, rating: 'strong' })),
      });
      expect(rated.status, JSON.stringify(rated.body)).toBe(200);
      expect(rated.body.scoreUsable, JSON.stringify(rated.body)).toBe(true);
    }
    return id;
  }

  /** Two people of this test's own, full time and with nothing allocated yet. */
  async function freePeople(): Promise<string[]> {
    const made = [await makeResourcePerson(database.db), await makeResourcePerson(database.db)];
    return made.map((p) => p.id);
  }

  beforeAll(async () => {
    database = await testDatabase({ demo: true });
    app = testApp(database);
    lead = await ApiClient.signIn(app, 'pmo.lead@example.com');
    analyst = await ApiClient.signIn(app, 'pmo.analyst@example.com');
    pm = await ApiClient.signIn(app, 'pm@example.com');
    for (const p of (await lead.get('/api/v1/people')).body.items) people[p.email] = p.id;
    const [epmo] = await rows<{ id: string }>(`SELECT id::text AS id FROM pmos WHERE code = 'EPMO'`);
    ids.epmo = epmo!.id;
    const [type] = await rows<{ id: string }>(`SELECT id::text AS id FROM project_types WHERE name = 'IT system delivery'`);
    ids.itType = type!.id;
    ids.sponsor = people['coo@example.com']!;
    drivers = (await lead.get(`/api/v1/pmos/${ids.epmo}/driver-comparisons`)).body.drivers;
    expect(drivers.length).toBeGreaterThan(1);
  });
  afterAll(async () => {
    await database?.close();
  });

  const approval = (overrides: Record<string, unknown> = {}) => ({
    outcome: 'approve',
    rationale: 'Short payback; the data engineers have room in the first quarter.',
    projectCode: `WSO-${String(++serial).padStart(3, '0')}`,
    budget: 300_000,
    startDate: '2027-01-04',
    projectManagerId: people['pm@example.com'],
    conditions: [{ text: 'Works council consulted before go-live', dueOn: '2027-02-28' }],
    ...overrides,
  });

  it('sends a budget above the lead’s limit up the line: the COO’s approval makes the go-ahead, in its transaction', async () => {
    const id = await requestInReview(pm);
    const before = await snapshot();
    const body = approval({ budget: 600_000 });
    const reply = await lead.post(`/api/v1/requests/${id}/decision`, body);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body.project).toBeNull();
    expect(reply.body.goAhead).toMatchObject({ key: 'AR-1', waitingOn: [expect.any(String)] });
    // Nothing of the go-ahead yet: the request is still in review.
    expect((await requestState(id)).state).toBe('in_review');
    expect((await snapshot()).projects).toBe(before.projects);
    const again = await lead.post(`/api/v1/requests/${id}/decision`, approval({ budget: 600_000 }));
    expect(again.status).toBe(409);

    const coo = await ApiClient.signIn(app, 'coo@example.com');
    const waiting = await coo.get('/api/v1/approvals?waitingOn=me&kind=initiation');
    const mine = (waiting.body.items as { id: string; initiationRequest: { id: string } | null }[]).find(
      (a) => a.initiationRequest?.id === id,
    );
    expect(mine).toBeDefined();
    const detail = await coo.get(`/api/v1/approvals/${mine!.id}`);
    expect(detail.body.steps.map((s: { level: string; state: string }) => `${s.level} ${s.state}`)).toEqual([
      'pmo_lead approved',
      'reporting_executive active',
    ]);
    expect(detail.body.steps[1].because).toMatch(/600,000 of money is within the reporting executive's 2,000,000/);
    // The requester follows it too.
    expect((await pm.get(`/api/v1/approvals/${mine!.id}`)).status).toBe(200);

    const approved = await coo.post(`/api/v1/approvals/${mine!.id}/decision`, { outcome: 'approve', comment: 'Agreed' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.state).toBe('approved');
    expect(approved.body.effect).toMatchObject({ projectCode: body.projectCode });
    const after = await requestState(id);
    expect(after.state).toBe('approved');
    const [project] = await rows<{ budget: string }>(
      `SELECT budget::text AS budget FROM projects WHERE id = '${after.project_id}'`,
    );
    expect(Number(project!.budget)).toBe(600_000);
    expect(await requestEvents(id)).toEqual(expect.arrayContaining(['request.go_ahead_routed', 'request.decide']));
  });

  it('lets the lead approve alone within their limit, as before', async () => {
    const id = await requestInReview(pm);
    const reply = await lead.post(`/api/v1/requests/${id}/decision`, approval({ budget: 400_000 }));
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body.goAhead).toBeNull();
    expect(reply.body.project).not.toBeNull();
  });

  it('checks everything the go-ahead will do before it goes up the line', async () => {
    const id = await requestInReview(pm);
    const before = await snapshot();
    const reply = await lead.post(
      `/api/v1/requests/${id}/decision`,
      approval({ budget: 600_000, projectManagerId: people['hannah.moore@example.com'] }),
    );
    expect(reply.status).toBe(422);
    expect(await snapshot()).toEqual(before);
    expect(await rows(`SELECT 1 FROM approval_requests WHERE initiation_request_id = '${id}'`)).toEqual([]);
  });

  it('refuses an untrained project manager with the courses they lack, and writes nothing', async () => {
    const id = await requestInReview(pm);
    const before = await snapshot();
    const reply = await lead.post(
      `/api/v1/requests/${id}/decision`,
      approval({ projectManagerId: people['hannah.moore@example.com'] }),
    );
    expect(reply.status).toBe(422);
    expect(JSON.stringify(reply.body.error.details)).toMatch(/agile/i);
    expect(await snapshot()).toEqual(before);
    expect((await requestState(id)).state).toBe('in_review');
  });

  it('refuses allocations beyond capacity with the figures, and writes nothing', async () => {
    const id = await requestInReview(pm);
    const before = await snapshot();
    const reply = await lead.post(
      `/api/v1/requests/${id}/decision`,
      approval({ allocations: [{ personId: people['pm@example.com'], fte: 3, startMonth: '2027-01', endMonth: '2027-02' }] }),
    );
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('OVER_ALLOCATED');
    expect(reply.body.error.details.allocationIndex).toBe(0);
    expect(reply.body.error.details.months.length).toBeGreaterThan(0);
    expect(await snapshot()).toEqual(before);
  });

  /**
   * A failure injected at each write of the approval, from the first allocation to the very last
   * statement (the decision's audit event): a trigger raises on that insert or update.
   */
  const injections = [
    { at: 'the first allocation', table: 'allocations', event: 'INSERT', when: 'true' },
    { at: 'the go-ahead event', table: 'audit_events', event: 'INSERT', when: `NEW.action = 'project.go_ahead'` },
    { at: "the request's update to approved", table: 'initiation_requests', event: 'UPDATE', when: `NEW.state = 'approved'` },
    { at: 'the decision event, the last write', table: 'audit_events', event: 'INSERT', when: `NEW.action = 'request.decide'` },
  ];

  it.each(injections)('leaves nothing of the approval behind when it fails at $at', async ({ table, event, when }) => {
    const id = await requestInReview(pm);
    const [first, second] = await freePeople();
    const body = approval({
      allocations: [
        { personId: first, fte: 0.5, startMonth: '2027-01', endMonth: '2027-03' },
        { personId: second, fte: 0.5, startMonth: '2027-01', endMonth: '2027-03' },
      ],
    });
    const before = await snapshot();
    const eventsBefore = await requestEvents(id);
    await database.db.execute(
      sql.raw(`CREATE OR REPLACE FUNCTION tg_test_fail_decision() RETURNS trigger LANGUAGE plpgsql AS $$
               BEGIN RAISE EXCEPTION 'injected failure'; END $$`),
    );
    await database.db.execute(
      sql.raw(`CREATE TRIGGER tg_test_fail_decision BEFORE ${event} ON ${table} FOR EACH ROW
               WHEN (${when}) EXECUTE FUNCTION tg_test_fail_decision()`),
    );
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const reply = await lead.post(`/api/v1/requests/${id}/decision`, body);
      expect(reply.status, JSON.stringify(reply.body)).toBe(500);
    } finally {
      quiet.mockRestore();
      await database.db.execute(sql.raw(`DROP TRIGGER tg_test_fail_decision ON ${table}`));
    }
    // No project, member, baseline, allocation, audit event or notification; the request in review.
    expect(await snapshot()).toEqual(before);
    expect(await requestState(id)).toEqual({ state: 'in_review', project_id: null });
    expect(await requestEvents(id)).toEqual(eventsBefore);
    expect(await rows(`SELECT 1 FROM projects WHERE code = '${body.projectCode}'`)).toEqual([]);
    // Nothing was half-written: the same approval goes through once the fault is gone.
    const retried = await lead.post(`/api/v1/requests/${id}/decision`, body);
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    expect(retried.body.allocations).toHaveLength(2);
  });

  it('approves: project in its first phase, budget, baseline, manager, two people allocated, go-ahead, notifications', async () => {
    const id = await requestInReview(pm);
    const [first, second] = await freePeople();
    const reply = await lead.post(
      `/api/v1/requests/${id}/decision`,
      approval({
        allocations: [
          { personId: first, fte: 0.5, startMonth: '2027-01', endMonth: '2027-03' },
          { personId: second, fte: 0.5, startMonth: '2027-01', endMonth: '2027-03' },
        ],
      }),
    );
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const { project, allocations, request } = reply.body;
    expect(request.state).toBe('approved');
    expect(request.projectId).toBe(project.id);
    expect(project.budget).toBe(300_000);
    expect(project.phase.key).toBe(project.lifecycle.phases[0].key);
    expect(project.goAheadAt).toBeTruthy();
    expect(project.projectManager.id).toBe(people['pm@example.com']);
    expect(allocations).toHaveLength(2);

    const baseline = await lead.get(`/api/v1/projects/${project.id}/baseline`);
    expect(baseline.body.current.bac).toBe(300_000);
    expect(baseline.body.current.curve[0]).toEqual({ date: '2027-01-01', plannedValue: 0 });
    expect(baseline.body.current.curve.at(-1).plannedValue).toBe(300_000);

    // The project manager, who raised the request, sees the new project with its team and is told.
    const seen = await pm.get(`/api/v1/projects/${project.id}`);
    expect(seen.status).toBe(200);
    const team = await pm.get(`/api/v1/allocations?projectId=${project.id}`);
    expect(team.body.items.map((a: { person: { id: string } }) => a.person.id).sort()).toEqual([first, second].sort());
    const inbox = await pm.get('/api/v1/notifications');
    expect(
      inbox.body.items.some((n: { kind: string; entityId?: string }) => n.kind === 'request.approved' && n.entityId === id),
    ).toBe(true);

    const history = (await lead.get(`/api/v1/audit/records/project/${project.id}`)).body.items.map(
      (e: { action: string }) => e.action,
    );
    expect(history).toEqual(expect.arrayContaining(['project.created', 'project.baseline_set', 'project.go_ahead']));
    expect((await lead.get('/api/v1/audit/verify')).body.ok).toBe(true);
    // Its reporting status is written with the go-ahead, not left for the next sweep: the first
    // period it owes starts on the day of its go-ahead.
    const status = await rows<{ owed: string; due: string }>(
      `SELECT owed_period_start::text AS owed, due_state AS due FROM project_status WHERE project_id = '${project.id}'`,
    );
    expect(status).toEqual([{ owed: project.goAheadAt.slice(0, 10), due: 'upcoming' }]);

    // A decided request cannot be decided again.
    const again = await lead.post(`/api/v1/requests/${id}/decision`, { outcome: 'reject', rationale: 'No' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_STATE');
  });

  it('refuses to approve on inconsistent driver comparisons', async () => {
    // The demo's program PMO has inconsistent comparisons, and this request of theirs in review.
    const programLead = await ApiClient.signIn(app, 'prog.lead@example.com');
    const [request] = await rows<{ id: string }>(
      `SELECT id::text AS id FROM initiation_requests WHERE title = 'Zero-trust network access'`,
    );
    const before = await snapshot();
    const reply = await programLead.post(
      `/api/v1/requests/${request!.id}/decision`,
      approval({ budget: 170_000, startDate: '2026-10-01' }),
    );
    expect(reply.status).toBe(409);
    expect(reply.body.error.message).toMatch(/inconsistent/i);
    expect(await snapshot()).toEqual(before);
  });

  it('keeps the decision to leads of the target PMO', async () => {
    const id = await requestInReview(pm, { rated: false });
    const reply = await analyst.post(`/api/v1/requests/${id}/decision`, { outcome: 'reject', rationale: 'x' });
    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe('FORBIDDEN');
    expect((await requestState(id)).state).toBe('in_review');
  });

  it('refuses a PMO lead the decision on a request they raised, and lets them decide another in the same state', async () => {
    // The lead raises a request to the PMO they lead; the analyst takes it into review.
    const own = await requestInReview(lead);
    const other = await requestInReview(pm);
    const [ownRow] = await rows<{ state: string; pmo_id: string }>(
      `SELECT state, pmo_id::text AS pmo_id FROM initiation_requests WHERE id = '${own}'`,
    );
    const [otherRow] = await rows<{ state: string; pmo_id: string }>(
      `SELECT state, pmo_id::text AS pmo_id FROM initiation_requests WHERE id = '${other}'`,
    );
    expect(ownRow).toEqual({ state: 'in_review', pmo_id: ids.epmo });
    expect(otherRow).toEqual(ownRow);

    const before = await snapshot();
    for (const body of [
      approval(),
      { outcome: 'reject', rationale: 'Not now' },
      { outcome: 'defer', rationale: 'Later', revisitOn: '2027-06-01' },
    ]) {
      const reply = await lead.post(`/api/v1/requests/${own}/decision`, body);
      expect(reply.status, JSON.stringify(reply.body)).toBe(403);
      expect(reply.body.error.code).toBe('SELF_APPROVAL');
    }
    expect(await snapshot()).toEqual(before);
    expect((await requestState(own)).state).toBe('in_review');

    // The same lead, the same PMO, the same state: someone else's request is theirs to decide.
    const decided = await lead.post(`/api/v1/requests/${other}/decision`, { outcome: 'reject', rationale: 'Not this year' });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body.request.state).toBe('rejected');
  });

  it('rejects with a rationale, and defers only with a revisit date', async () => {
    const toReject = await requestInReview(pm, { rated: false });
    const rejected = await lead.post(`/api/v1/requests/${toReject}/decision`, {
      outcome: 'reject',
      rationale: 'Overlaps the WMS upgrade',
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body.request.state).toBe('rejected');
    expect(rejected.body.project).toBeNull();

    const toDefer = await requestInReview(pm, { rated: false });
    const missing = await lead.post(`/api/v1/requests/${toDefer}/decision`, { outcome: 'defer', rationale: 'Later' });
    expect(missing.status).toBe(422);
    expect(missing.body.error.details.issues[0].field).toBe('revisitOn');
    const deferred = await lead.post(`/api/v1/requests/${toDefer}/decision`, {
      outcome: 'defer',
      rationale: 'After the year-end close',
      revisitOn: '2027-02-01',
    });
    expect(deferred.status).toBe(200);
    expect(deferred.body.request.state).toBe('deferred');
    expect(deferred.body.project).toBeNull();
  });

  it('takes exactly one of two decisions sent at once; the other gets 409 and one project exists', async () => {
    for (let round = 0; round < 3; round++) {
      const id = await requestInReview(pm);
      const first = approval();
      const second = approval();
      const replies = await Promise.all([
        lead.post(`/api/v1/requests/${id}/decision`, first),
        lead.post(`/api/v1/requests/${id}/decision`, second),
      ]);
      const statuses = replies.map((r) => r.status).sort();
      expect(statuses, JSON.stringify(replies.map((r) => r.body))).toEqual([200, 409]);
      const loser = replies.find((r) => r.status === 409)!;
      expect(loser.body.error.code).toBe('INVALID_STATE');
      const created = await rows<{ id: string }>(
        `SELECT id::text AS id FROM projects WHERE code IN ('${first.projectCode}', '${second.projectCode}')`,
      );
      expect(created).toHaveLength(1);
      expect(await requestState(id)).toEqual({ state: 'approved', project_id: created[0]!.id });
      expect((await requestEvents(id)).filter((a) => a === 'request.decide')).toHaveLength(1);
    }
  });
});
