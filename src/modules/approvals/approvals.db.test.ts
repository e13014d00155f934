import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { makeReportingProject, makeReportingType } from '../../../test/support/factories-reports.ts';
import { actorOf, makeResourcePerson, makeSkill } from '../../../test/support/factories-resources.ts';
import {
  type Organisation,
  TEST_PASSWORD,
  addPmoMember,
  issueFields,
  makeOrganisation,
  makeUser,
  signInAs,
} from '../../../test/support/factories-standards.ts';
import { ApiClient, testApp, type TestApp } from '../../../test/support/http.ts';
import { startWebhookReceiver } from '../../../test/support/receivers.ts';
import { systemActor } from '../../kernel/actor.ts';
import { runDueJobs } from '../../kernel/jobs.ts';
import { addDays, addMonths, today } from '../../kernel/dates.ts';
import { auditEvents } from '../audit/audit.tables.ts';
import { notifications } from '../notify/notify.tables.ts';
import { createThreshold } from '../org/index.ts';
import { allocations } from '../resources/resources.tables.ts';
import { decideApproval } from './approvals.decisions.ts';
import { approvalDeadlineEntries, sweepApprovalDeadlines } from './approvals.deadlines.ts';
import { approvalRequests } from './approvals.tables.ts';

/**
 * Approval requests end to end over HTTP: the route from the enterprise PMO's thresholds (up to
 * 10 % of BAC the lead, up to 25 % the COO as well), each step decided by its approvers only, the
 * effect committed with the final approval and never otherwise, questions and answers, holiday
 * cover, late steps reminded then escalated, and bad input refused naming the field.
 */

let database: TestDatabase;
let app: TestApp;
let org: Organisation;
let typeId: string;
const as = signInAs(() => ({ app, org }));

beforeAll(async () => {
  database = await testDatabase();
  app = testApp(database);
  org = await makeOrganisation(database.db);
  typeId = await makeReportingType(database.db, org);
  const system = systemActor('test');
  for (const [upTo, approver] of [
    [10, 'pmo_lead'],
    [25, 'reporting_executive'],
    [100, 'ceo'],
  ] as const) {
    await createThreshold(database.db, system, org.pmos.enterprise.id, {
      subject: 'budget_increase',
      measure: 'percent_of_bac',
      upTo,
      approver,
    });
  }
  await createThreshold(database.db, system, org.pmos.enterprise.id, {
    subject: 'schedule_change',
    measure: 'days',
    upTo: 30,
    approver: 'pmo_lead',
  });
  await createThreshold(database.db, system, org.pmos.enterprise.id, {
    subject: 'headcount',
    measure: 'count',
    upTo: 3,
    approver: 'pmo_lead',
  });
});

afterAll(async () => {
  await database?.close();
});

const project = () => makeReportingProject(database.db, org, { typeId, projectManagerId: org.users.pm1.personId!, bac: 100_000 });

const budgetIncrease = (projectId: string, amount: number) => ({
  projectId,
  title: 'More testing',
  reason: 'The supplier found more defects than planned',
  change: { kind: 'budget_increase', amount, costCategory: 'contractors' },
});

async function raise(body: unknown) {
  const reply = await (await as('pm1')).post('/api/v1/approvals', body);
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

async function decide(who: keyof Organisation['users'], id: string, body: Record<string, unknown>) {
  return (await as(who)).post(`/api/v1/approvals/${id}/decision`, body);
}

describe('a budget increase of 15 % of BAC', () => {
  it('shows its impact and route before it is sent, and writes nothing', async () => {
    const p = await project();
    const preview = await (await as('pm1')).post('/api/v1/approvals/preview', budgetIncrease(p.id, 15_000));
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.impact.bac).toEqual({ before: 100_000, after: 115_000 });
    expect(preview.body.impact.budgetVariance).toEqual({ amount: 15_000, percentOfBac: 15 });
    expect(preview.body.size).toEqual({ amount: 15_000, percent_of_bac: 15 });
    expect(
      preview.body.route.map(
        (s: { levelName: string; approvers: { name: string }[] }) => `${s.levelName}: ${s.approvers[0]!.name}`,
      ),
    ).toEqual(['PMO lead: Enterprise Lead', 'reporting executive: Chief Operating']);
    const stored = await database.db.select().from(approvalRequests).where(eq(approvalRequests.projectId, p.id));
    expect(stored).toEqual([]);
  });

  it('goes to the PMO lead, then the COO; once both approve the budget and a new baseline version carry it', async () => {
    const p = await project();
    const request = await raise(budgetIncrease(p.id, 15_000));
    expect(request).toMatchObject({
      key: 'AR-1',
      state: 'pending',
      currentStep: 1,
      headline: '+15,000 (15 % of BAC) for contractors',
    });
    expect(request.steps.map((s: { state: string }) => s.state)).toEqual(['active', 'waiting']);
    expect(request.steps[0].dueOn).toBe(addDays(today(), 5));
    expect(await noticeTitles(org.users.lead.userId, request.id)).toEqual([expect.stringContaining('waits for your decision')]);

    // The COO's step is not reached yet.
    const early = await decide('coo', request.id, { outcome: 'approve' });
    expect(early.status).toBe(403);
    expect(early.body.error.code).toBe('NOT_YOUR_STEP');

    const first = await decide('lead', request.id, { outcome: 'approve', comment: 'Within the plan of the supplier' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ state: 'pending', currentStep: 2 });
    expect(first.body.steps.map((s: { state: string }) => s.state)).toEqual(['approved', 'active']);
    // Nothing changed yet.
    const before = await (await as('pm1')).get(`/api/v1/projects/${p.id}/baseline`);
    expect(before.body.current.bac).toBe(100_000);

    // The lead again: their step was decided.
    const again = await decide('lead', request.id, { outcome: 'approve' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('STEP_DECIDED');

    const last = await decide('coo', request.id, { outcome: 'approve' });
    expect(last.status, JSON.stringify(last.body)).toBe(200);
    expect(last.body).toMatchObject({ state: 'approved', effect: { baselineNumber: 2, bacBefore: 100_000, bacAfter: 115_000 } });
    const baselines = await (await as('pm1')).get(`/api/v1/projects/${p.id}/baseline`);
    expect(baselines.body.versions.map((v: { number: number; bac: number }) => [v.number, v.bac])).toEqual([
      [2, 115_000],
      [1, 100_000],
    ]);
    const curve = baselines.body.current.curve as { date: string; plannedValue: number }[];
    expect(curve.at(-1)!.plannedValue).toBe(115_000);
    // What was planned up to today stays as it was: the increase is spread over the rest.
    const old = baselines.body.versions[1].curve as { date: string; plannedValue: number }[];
    expect(curve.filter((c) => c.date < today())).toEqual(old.filter((c) => c.date < today()));
    const projectReply = await (await as('pm1')).get(`/api/v1/projects/${p.id}`);
    expect(projectReply.body.budget).toBe(115_000);
    expect(await noticeTitles(org.users.pm1.userId, request.id)).toContainEqual(expect.stringContaining('was approved'));

    // Decided: no decision is taken twice, and the effect is not applied twice.
    const late = await decide('coo', request.id, { outcome: 'reject', comment: 'too late' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('INVALID_STATE');
    const events = await database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.entityType, 'project'),
          eq(auditEvents.entityId, p.id),
          eq(auditEvents.action, 'project.baseline_set'),
        ),
      );
    expect(events).toHaveLength(2);
  });

  it('is never decided by its requester, the project manager, or someone off its route', async () => {
    const p = await project();
    // The analyst asks: the lead and the COO decide; the analyst may not.
    const analystAsks = await (await as('analyst')).post('/api/v1/approvals', budgetIncrease(p.id, 5_000));
    expect(analystAsks.status, JSON.stringify(analystAsks.body)).toBe(201);
    const own = await decide('analyst', analystAsks.body.id, { outcome: 'approve' });
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe('SELF_APPROVAL');
    const manager = await decide('pm1', analystAsks.body.id, { outcome: 'approve' });
    expect(manager.status).toBe(403);
    const stranger = await decide('financeLead', analystAsks.body.id, { outcome: 'approve' });
    expect(stranger.status).toBe(404);
    const viewer = await decide('viewer', analystAsks.body.id, { outcome: 'approve' });
    expect(viewer.status).toBe(403);
  });

  it('rejected: changes nothing else, and the requester is told why', async () => {
    const p = await project();
    const request = await raise(budgetIncrease(p.id, 5_000));
    const noReason = await decide('lead', request.id, { outcome: 'reject' });
    expect(noReason.status).toBe(422);
    expect(issueFields(noReason.body)).toEqual(['comment']);
    const rejected = await decide('lead', request.id, { outcome: 'reject', comment: 'Use the contingency first' });
    expect(rejected.body).toMatchObject({ state: 'rejected', effect: null });
    const baselines = await (await as('pm1')).get(`/api/v1/projects/${p.id}/baseline`);
    expect(baselines.body.versions).toHaveLength(1);
    expect(await noticeTitles(org.users.pm1.userId, request.id)).toContainEqual(expect.stringContaining('was rejected'));
  });

  it('asks for information: the requester answers and the step resumes', async () => {
    const p = await project();
    const request = await raise(budgetIncrease(p.id, 5_000));
    const asked = await decide('lead', request.id, { outcome: 'request_info', comment: 'Which supplier invoice?' });
    expect(asked.body).toMatchObject({ state: 'info_requested', youMayAnswer: false });
    const mine = await (await as('pm1')).get(`/api/v1/approvals/${request.id}`);
    expect(mine.body.youMayAnswer).toBe(true);
    const meanwhile = await decide('lead', request.id, { outcome: 'approve' });
    expect(meanwhile.status).toBe(409);
    const answered = await (await as('pm1')).post(`/api/v1/approvals/${request.id}/answer`, { answer: 'Invoice 4711' });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body.state).toBe('pending');
    const approved = await decide('lead', request.id, { outcome: 'approve' });
    expect(approved.body.state).toBe('approved');
    expect(approved.body.actions.map((a: { action: string }) => a.action)).toEqual(['request_info', 'answer', 'approve']);
  });
});

describe('decisions told to other systems', () => {
  it('delivers a webhook for each decision, through the shared outbox after commit', async () => {
    const receiver = await startWebhookReceiver(() => 200);
    try {
      const hook = await (await as('admin')).post('/api/v1/webhooks', {
        url: receiver.url,
        events: ['approval.requested', 'approval.step_approved', 'approval.approved'],
      });
      expect(hook.status, JSON.stringify(hook.body)).toBe(201);
      const p = await project();
      const request = await raise(budgetIncrease(p.id, 15_000));
      await decide('lead', request.id, { outcome: 'approve' });
      await decide('coo', request.id, { outcome: 'approve' });
      const quiet = vi.spyOn(console, 'info').mockImplementation(() => {});
      try {
        await runDueJobs(database);
      } finally {
        quiet.mockRestore();
      }
      const kinds = receiver.received
        .map((r) => JSON.parse(r.body) as { kind: string; data: { entityId: string } })
        .filter((e) => e.data.entityId === request.id)
        .map((e) => e.kind);
      expect(kinds.sort()).toEqual(['approval.approved', 'approval.requested', 'approval.requested', 'approval.step_approved']);
    } finally {
      await receiver.close();
    }
  });
});

describe('a step with a quorum', () => {
  it('waits for as many approvals as the standard asks of the level, each approver once', async () => {
    const quorumType = await makeReportingType(
      database.db,
      org,
      {},
      { stepDeadlineDays: 3, escalateAfterDays: 1, quorum: { pmo_lead: 2 } },
    );
    const secondLead = await makeUser(database.db, { name: 'Second Lead' });
    await addPmoMember(database.db, org.pmos.enterprise.id, secondLead.personId!, 'lead');
    const p = await makeReportingProject(database.db, org, {
      typeId: quorumType,
      projectManagerId: org.users.pm1.personId!,
      bac: 100_000,
    });
    const request = await raise(budgetIncrease(p.id, 5_000));
    expect(request.steps).toEqual([expect.objectContaining({ level: 'pmo_lead', quorum: 2, dueOn: addDays(today(), 3) })]);
    const first = await decide('lead', request.id, { outcome: 'approve' });
    expect(first.body).toMatchObject({ state: 'pending', steps: [expect.objectContaining({ state: 'active', approvals: 1 })] });
    const twice = await decide('lead', request.id, { outcome: 'approve' });
    expect(twice.status).toBe(409);
    const client = await ApiClient.signIn(app, secondLead.email, TEST_PASSWORD);
    const second = await client.post(`/api/v1/approvals/${request.id}/decision`, { outcome: 'approve' });
    expect(second.body).toMatchObject({
      state: 'approved',
      steps: [expect.objectContaining({ state: 'approved', approvals: 2 })],
    });
  });
});

describe('holiday cover', () => {
  it('lets the delegate decide for the approver from the first day to the last, recording who acted for whom', async () => {
    const p = await project();
    const request = await raise(budgetIncrease(p.id, 15_000));
    await decide('lead', request.id, { outcome: 'approve' });
    const tooSoon = await decide('cfo', request.id, { outcome: 'approve' });
    expect(tooSoon.status).toBe(404);
    const named = await (await as('coo')).post('/api/v1/approval-delegates', {
      delegatePersonId: org.users.cfo.personId,
      startsOn: today(),
      endsOn: addDays(today(), 10),
      reason: 'Holiday',
    });
    expect(named.status, JSON.stringify(named.body)).toBe(201);
    expect(named.body).toMatchObject({
      approver: { name: 'Chief Operating' },
      delegate: { name: 'Chief Financial' },
      active: true,
    });
    const waiting = await (await as('cfo')).get('/api/v1/approvals?waitingOn=me');
    expect(waiting.body.items.map((a: { id: string }) => a.id)).toContain(request.id);
    const decided = await decide('cfo', request.id, { outcome: 'approve', comment: 'For the COO while away' });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body.state).toBe('approved');
    expect(decided.body.actions.at(-1)).toMatchObject({
      actor: { name: 'Chief Financial' },
      onBehalfOf: { name: 'Chief Operating' },
    });
    const [event] = await database.db
      .select({ after: auditEvents.after, actor: auditEvents.actorUserId })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, request.id), eq(auditEvents.action, 'approval.approved')));
    expect(event).toMatchObject({ actor: org.users.cfo.userId, after: { onBehalfOf: org.users.coo.userId } });
    await (await as('coo')).delete(`/api/v1/approval-delegates/${named.body.id}`);
  });

  it('refuses a range that ends before it starts, or a delegate who is oneself', async () => {
    const backwards = await (await as('coo')).post('/api/v1/approval-delegates', {
      delegatePersonId: org.users.cfo.personId,
      startsOn: addDays(today(), 5),
      endsOn: today(),
    });
    expect(backwards.status).toBe(422);
    expect(issueFields(backwards.body)).toEqual(['endsOn']);
    const self = await (await as('coo')).post('/api/v1/approval-delegates', {
      delegatePersonId: org.users.coo.personId,
      startsOn: today(),
      endsOn: today(),
    });
    expect(issueFields(self.body)).toEqual(['delegatePersonId']);
    const viewer = await (await as('coo')).post('/api/v1/approval-delegates', {
      delegatePersonId: org.users.viewer.personId,
      startsOn: today(),
      endsOn: today(),
    });
    expect(viewer.status).toBe(422);
    expect(viewer.body.error.details.issues[0].message).toMatch(/does not decide approvals/);
  });
});

describe('the effect commits with the final approval, or not at all', () => {
  it('leaves the request undecided and the project untouched when applying the effect fails', async () => {
    const p = await project();
    const request = await raise(budgetIncrease(p.id, 5_000));
    // A failure injected while the new baseline is written, after the step was marked approved.
    await database.db.execute(
      sql.raw(`
      CREATE OR REPLACE FUNCTION tg_test_refuse_baseline() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'injected failure'; END $$ LANGUAGE plpgsql`),
    );
    await database.db.execute(
      sql.raw(`
      CREATE TRIGGER tg_test_refuse_baseline BEFORE INSERT ON project_baselines
      FOR EACH ROW WHEN (NEW.project_id = '${p.id}') EXECUTE FUNCTION tg_test_refuse_baseline()`),
    );
    try {
      await expect(
        decideApproval(database.db, await actorOf(database.db, org.users.lead.email), request.id, { outcome: 'approve' }),
      ).rejects.toThrow();
    } finally {
      await database.db.execute(sql.raw('DROP TRIGGER tg_test_refuse_baseline ON project_baselines'));
    }
    const after = await (await as('pm1')).get(`/api/v1/approvals/${request.id}`);
    expect(after.body).toMatchObject({ state: 'pending', currentStep: 1, effect: null, actions: [] });
    expect(after.body.steps[0].state).toBe('active');
    const baselines = await (await as('pm1')).get(`/api/v1/projects/${p.id}/baseline`);
    expect(baselines.body.versions).toHaveLength(1);
    // Once the failure is gone the same decision goes through.
    const retried = await decide('lead', request.id, { outcome: 'approve' });
    expect(retried.body.state).toBe('approved');
  });

  it('allocates people with the capacity check: over capacity refused with the figures unless overridden', async () => {
    const p = await project();
    const skill = await makeSkill(database.db);
    const person = await makeResourcePerson(database.db, { skills: { [skill.id]: 3 } });
    const start = addMonths(today(), 1).slice(0, 7);
    const end = addMonths(today(), 3).slice(0, 7);
    const ask = (fte: number) => ({
      projectId: p.id,
      title: 'A tester',
      reason: 'Test automation',
      change: { kind: 'headcount', skillId: skill.id, fte, startMonth: start, endMonth: end, personId: person.id },
    });
    const preview = await (await as('pm1')).post('/api/v1/approvals/preview', ask(1));
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.impact.capacity).toHaveLength(3);
    expect(preview.body.impact.person).toEqual({ id: person.id, name: person.name });
    expect(preview.body.impact.capacity[0]).toMatchObject({ freeAfterFte: preview.body.impact.capacity[0].freeFte - 1 });
    const tooMuch = await (await as('pm1')).post('/api/v1/approvals', ask(5));
    expect(tooMuch.status).toBe(422);
    expect(issueFields(tooMuch.body)).toEqual(['change.fte']);

    // The person is busy elsewhere meanwhile: the approval is refused with the months, nothing written.
    const other = await project();
    await database.db.insert(allocations).values({
      projectId: other.id,
      personId: person.id,
      skillId: skill.id,
      startMonth: `${start}-01`,
      endMonth: `${end}-01`,
      fte: '0.80',
      createdBy: 'test',
    });
    const request = await raise(ask(1));
    const refused = await decide('lead', request.id, { outcome: 'approve' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('OVER_ALLOCATED');
    expect(refused.body.error.details.months.length).toBeGreaterThan(0);
    expect((await (await as('pm1')).get(`/api/v1/approvals/${request.id}`)).body.state).toBe('pending');
    const overridden = await decide('lead', request.id, { outcome: 'approve', overrideReason: 'The other project ends early' });
    expect(overridden.status, JSON.stringify(overridden.body)).toBe(200);
    expect(overridden.body.effect).toMatchObject({ overAllocationOverridden: true });
    expect(overridden.body.actions.at(-1).comment).toBe('Allocated beyond capacity: The other project ends early');
    const made = await database.db.select().from(allocations).where(eq(allocations.projectId, p.id));
    expect(made.map((a) => [a.personId, a.fte])).toEqual([[person.id, '1.00']]);
  });
});

describe('a late step', () => {
  it('is reminded the day after its deadline, escalated to the next level after the escalation days, once each', async () => {
    const p = await project();
    const request = await raise(budgetIncrease(p.id, 5_000));
    const due = request.steps[0].dueOn as string;
    expect(await sweepApprovalDeadlines(database.db, due)).toMatchObject({ reminded: 0, escalated: 0 });
    const first = await sweepApprovalDeadlines(database.db, addDays(due, 1));
    expect(first.reminded).toBeGreaterThanOrEqual(1);
    expect(await noticeTitles(org.users.lead.userId, request.id)).toContainEqual(expect.stringContaining('is late'));
    const escalated = await sweepApprovalDeadlines(database.db, addDays(due, 3));
    expect(escalated.escalated).toBeGreaterThanOrEqual(1);
    const again = await sweepApprovalDeadlines(database.db, addDays(due, 4));
    const view = await (await as('pm1')).get(`/api/v1/approvals/${request.id}`);
    expect(view.body.steps[0]).toMatchObject({ escalatedTo: 'reporting_executive' });
    // The step's leads (the quorum test adds one to the PMO), then the COO the late step went up to.
    const names = view.body.steps[0].approvers.map((a: { name: string }) => a.name);
    expect(names[0]).toBe('Enterprise Lead');
    expect(names.at(-1)).toBe('Chief Operating');
    expect(view.body.actions.map((a: { action: string }) => a.action)).toEqual(['remind', 'escalate']);
    expect(await noticeTitles(org.users.coo.userId, request.id)).toContainEqual(expect.stringContaining('was escalated to you'));
    expect(again.escalated + again.reminded).toBeGreaterThanOrEqual(0);
    expect(view.body.actions.filter((a: { action: string }) => a.action === 'escalate')).toHaveLength(1);
    // The COO may now decide the late step.
    const decided = await decide('coo', request.id, { outcome: 'approve' });
    expect(decided.body.state).toBe('approved');
  });

  it('is in the approver’s calendar on its due day', async () => {
    const p = await project();
    const request = await raise(budgetIncrease(p.id, 5_000));
    const entries = await approvalDeadlineEntries(database.db, org.users.lead.userId);
    expect(entries.find((e) => e.link === `/approvals/${request.id}`)).toMatchObject({ date: request.steps[0].dueOn });
    expect(
      (await approvalDeadlineEntries(database.db, org.users.pm1.userId)).find((e) => e.link === `/approvals/${request.id}`),
    ).toBeUndefined();
  });
});

describe('bad input', () => {
  it('names the field and writes nothing', async () => {
    const p = await project();
    const client = await as('pm1');
    const cases: [unknown, string[]][] = [
      [budgetIncrease(p.id, 0), ['change.amount']],
      [budgetIncrease(p.id, -5), ['change.amount']],
      [{ ...budgetIncrease(p.id, 5), reason: '' }, ['reason']],
      [
        {
          projectId: p.id,
          title: 'New plan',
          reason: 'Late supplier',
          change: {
            kind: 'rebaseline',
            bac: 100_000,
            curve: [
              { date: addDays(today(), 10), plannedValue: 50_000 },
              { date: addDays(today(), 20), plannedValue: 40_000 },
              { date: addDays(today(), 30), plannedValue: 100_000 },
            ],
          },
        },
        ['change.curve.1.plannedValue'],
      ],
      [
        {
          projectId: p.id,
          title: 'New plan',
          reason: 'Late supplier',
          change: {
            kind: 'rebaseline',
            bac: 100_000,
            curve: [
              { date: addDays(today(), 20), plannedValue: 50_000 },
              { date: addDays(today(), 10), plannedValue: 100_000 },
            ],
          },
        },
        ['change.curve.1.date'],
      ],
      [
        {
          projectId: p.id,
          title: 'More people',
          reason: 'Scope',
          change: { kind: 'headcount', skillId: p.id, fte: 1, startMonth: '2027-05', endMonth: '2027-02' },
        },
        ['change.endMonth'],
      ],
    ];
    for (const [body, fields] of cases) {
      const reply = await client.post('/api/v1/approvals', body);
      expect(reply.status, JSON.stringify(reply.body)).toBe(422);
      expect(issueFields(reply.body)).toEqual(fields);
    }
    const stored = await database.db.select().from(approvalRequests).where(eq(approvalRequests.projectId, p.id));
    expect(stored).toEqual([]);
  });
});

describe('a re-baseline', () => {
  it('replaces the baseline with a new version and moves the milestones and the finish', async () => {
    const p = await project();
    const client = await as('pm1');
    const milestone = await client.post(`/api/v1/projects/${p.id}/milestones`, {
      name: 'Go-live',
      baselineDate: addDays(today(), 100),
    });
    expect(milestone.status, JSON.stringify(milestone.body)).toBe(201);
    const finish = addDays(p.plannedFinish, 20);
    const request = await raise({
      projectId: p.id,
      title: 'Supplier delay',
      reason: 'The supplier delivers three weeks late',
      change: {
        kind: 'rebaseline',
        bac: 100_000,
        curve: [
          { date: p.goAheadOn, plannedValue: 0 },
          { date: finish, plannedValue: 100_000 },
        ],
        plannedFinishDate: finish,
        milestones: [{ milestoneId: milestone.body.id, baselineDate: addDays(today(), 120) }],
      },
    });
    expect(request.impact.finish).toMatchObject({ slipDays: 20 });
    expect(request.impact.milestones).toEqual([expect.objectContaining({ name: 'Go-live', slipDays: 20 })]);
    expect(request.size).toEqual({ days: 20 });
    expect(request.steps.map((s: { level: string }) => s.level)).toEqual(['pmo_lead']);
    const approved = await decide('lead', request.id, { outcome: 'approve' });
    expect(approved.body.state, JSON.stringify(approved.body)).toBe('approved');
    const moved = await client.get(`/api/v1/projects/${p.id}/milestones/${milestone.body.id}`);
    expect(moved.body.baselineDate).toBe(addDays(today(), 120));
    const projectReply = await client.get(`/api/v1/projects/${p.id}`);
    expect(projectReply.body.plannedFinishDate).toBe(finish);
    const baselines = await client.get(`/api/v1/projects/${p.id}/baseline`);
    expect(baselines.body.versions).toHaveLength(2);
  });
});

describe('the dashboard', () => {
  it('counts the open requests waiting by step and by approver', async () => {
    const p = await project();
    await raise(budgetIncrease(p.id, 5_000));
    const reply = await (await as('lead')).get('/api/v1/dashboard/approvals');
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body.waitingByStep.find((s: { level: string }) => s.level === 'pmo_lead').waiting).toBeGreaterThanOrEqual(1);
    expect(
      reply.body.waitingByApprover.find((a: { name: string }) => a.name === 'Enterprise Lead').waiting,
    ).toBeGreaterThanOrEqual(1);
    expect(reply.body.decided).toBeGreaterThanOrEqual(0);
  });
});

async function noticeTitles(userId: string, requestId: string): Promise<string[]> {
  const rows = await database.db
    .select({ title: notifications.title })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.entityId, requestId)));
  return rows.map((r) => r.title);
}
