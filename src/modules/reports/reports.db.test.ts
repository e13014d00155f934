import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, today } from '../../kernel/dates.ts';
import { testDatabase, type TestDatabase } from '../../../test/support/database.ts';
import {
  backdateBaseline,
  greenReport,
  makeReportingProject,
  makeReportingType,
  setProjectState,
  straightCurve,
} from '../../../test/support/factories-reports.ts';
import {
  type Organisation,
  addProjectMember,
  issueFields,
  makeOrganisation,
  signInAs,
} from '../../../test/support/factories-standards.ts';
import { type ApiClient, testApp, type TestApp } from '../../../test/support/http.ts';
import { systemActor } from '../../kernel/actor.ts';
import { setBaseline } from '../projects/baselines.service.ts';
import { earnedValue } from './reports.evm.ts';
import { findProject, findProjectStatus } from './reports.repo.ts';
import { computeProjectStatus } from './reports.status.ts';

let database: TestDatabase;
let app: TestApp;
let org: Organisation;
let typeId: string;
const as = signInAs(() => ({ app, org }));
const day = today();

async function count(table: string): Promise<number> {
  const result = (await database.db.execute(sql`select count(*) as n from ${sql.identifier(table)}`)) as unknown as {
    rows: { n: unknown }[];
  };
  return Number(result.rows[0]!.n);
}

/** Row counts of every table a report write touches. */
async function writes(): Promise<Record<string, number>> {
  const tables = [
    'status_reports',
    'milestone_forecasts',
    'status_report_reviews',
    'project_status',
    'audit_events',
    'notifications',
  ];
  const counts: Record<string, number> = {};
  for (const t of tables) counts[t] = await count(t);
  return counts;
}

beforeAll(async () => {
  database = await testDatabase();
  app = testApp(database);
  org = await makeOrganisation(database.db);
  typeId = await makeReportingType(database.db, org);
});

afterAll(async () => {
  await database?.close();
});

describe('the status report lifecycle through HTTP', () => {
  it('drafts, autosaves, submits (frozen), returns, revises as version 2 and accepts', async () => {
    const p = await makeReportingProject(database.db, org, {
      typeId,
      projectManagerId: org.users.pm1.personId!,
      sponsorId: org.users.sponsor.personId,
    });
    const pm = await as('pm1');
    const milestone = await pm.post(`/api/v1/projects/${p.id}/milestones`, {
      name: 'Go-live',
      baselineDate: addDays(day, 100),
      gateKey: 'g4-go-live',
    });
    expect(milestone.status, JSON.stringify(milestone.body)).toBe(201);

    const draft = await pm.post(`/api/v1/projects/${p.id}/status-reports`, { asOf: day, percentComplete: 20 });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    expect(draft.body).toMatchObject({ state: 'draft', revision: 1, periodStart: day, evm: null, mismatch: null });
    expect(draft.body.allowedActions).toEqual(['edit', 'submit']);

    const saved = await pm.patch(`/api/v1/projects/${p.id}/status-reports/${draft.body.id}`, {
      version: draft.body.version,
      ...greenReport(day, { milestoneForecasts: [{ milestoneId: milestone.body.id, forecastDate: addDays(day, 104) }] }),
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.version).toBe(draft.body.version + 1);
    expect(saved.body.percentComplete).toBe(30);
    const stale = await pm.patch(`/api/v1/projects/${p.id}/status-reports/${draft.body.id}`, {
      version: draft.body.version,
      helpNeeded: 'x',
    });
    expect(stale.status).toBe(409);

    const submitted = await pm.post(`/api/v1/projects/${p.id}/status-reports/${draft.body.id}/submit`, {});
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body).toMatchObject({ state: 'submitted', mismatch: false, mismatches: [], onTime: true });
    expect(submitted.body.computedRag.overall).toBe('green');
    expect(submitted.body.milestoneForecasts).toEqual([
      expect.objectContaining({ milestoneId: milestone.body.id, forecastDate: addDays(day, 104) }),
    ]);
    // Frozen: no edit, no second submission.
    const edit = await pm.patch(`/api/v1/projects/${p.id}/status-reports/${draft.body.id}`, {
      version: submitted.body.version,
      helpNeeded: 'x',
    });
    expect(edit.status).toBe(409);
    expect((await pm.post(`/api/v1/projects/${p.id}/status-reports/${draft.body.id}/submit`, {})).status).toBe(409);

    const analyst = await as('analyst');
    const returned = await analyst.post(`/api/v1/projects/${p.id}/status-reports/${draft.body.id}/return`, {
      comment: 'Explain the scope change.',
    });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    expect(returned.body.state).toBe('returned');
    expect(returned.body.review).toMatchObject({ outcome: 'returned', comment: 'Explain the scope change.' });

    const revision = await pm.post(`/api/v1/projects/${p.id}/status-reports/${draft.body.id}/revise`, {});
    expect(revision.status, JSON.stringify(revision.body)).toBe(201);
    expect(revision.body).toMatchObject({ state: 'draft', revision: 2, periodStart: day, percentComplete: 30 });
    const amber = await pm.patch(`/api/v1/projects/${p.id}/status-reports/${revision.body.id}`, {
      version: revision.body.version,
      rag: { overall: 'amber', schedule: 'green', cost: 'green', scope: 'amber' },
      ragReasons: { overall: 'Scope grew', scope: 'Two interfaces added' },
    });
    expect(amber.status, JSON.stringify(amber.body)).toBe(200);
    const resubmitted = await pm.post(`/api/v1/projects/${p.id}/status-reports/${revision.body.id}/submit`);
    expect(resubmitted.status, JSON.stringify(resubmitted.body)).toBe(200);

    const lead = await as('lead');
    const accepted = await lead.post(`/api/v1/projects/${p.id}/status-reports/${revision.body.id}/accept`, { comment: 'Thanks' });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.state).toBe('accepted');
    expect(accepted.body.versions.map((v: { revision: number; state: string }) => [v.revision, v.state])).toEqual([
      [1, 'returned'],
      [2, 'accepted'],
    ]);
    // The returned version is history: unchanged.
    const first = await lead.get(`/api/v1/projects/${p.id}/status-reports/${draft.body.id}`);
    expect(first.body).toMatchObject({ state: 'returned', rag: { overall: 'green', scope: 'green' }, evm: submitted.body.evm });

    const list = await lead.get(`/api/v1/projects/${p.id}/status-reports`);
    expect(list.body.items.map((r: { revision: number }) => r.revision)).toEqual([2, 1]);
    const csv = await lead.get(`/api/v1/projects/${p.id}/status-reports?format=csv`);
    expect(csv.status).toBe(200);
    expect(String(csv.body)).toContain('Period start');

    const reporting = await lead.get(`/api/v1/projects/${p.id}/reporting`);
    expect(reporting.body.status).toMatchObject({
      lastReportId: revision.body.id,
      lastReportState: 'accepted',
      lastAcceptedReportId: revision.body.id,
      reported: { overall: 'amber', scope: 'amber' },
      mismatch: false,
    });
    // Nothing was reported for the ten weeks before: the first period since the go-ahead is still owed.
    expect(reporting.body.nextDue).toMatchObject({ periodStart: p.goAheadOn, dueState: 'escalated' });

    const inbox = await pm.get('/api/v1/notifications');
    const kinds = inbox.body.items.map((n: { kind: string }) => n.kind);
    expect(kinds).toEqual(expect.arrayContaining(['status_report.returned', 'status_report.accepted']));
    const history = await lead.get(`/api/v1/audit/records/status_report/${revision.body.id}`);
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining([
        'status_report.revised',
        'status_report.updated',
        'status_report.submitted',
        'status_report.accepted',
      ]),
    );
  });

  it('keeps drafts to those who report on the project', async () => {
    const p = await makeReportingProject(database.db, org, {
      typeId,
      projectManagerId: org.users.pm1.personId!,
      sponsorId: org.users.sponsor.personId,
    });
    const pm = await as('pm1');
    const draft = await pm.post(`/api/v1/projects/${p.id}/status-reports`, { asOf: day });
    expect(draft.status).toBe(201);
    const sponsor = await as('sponsor');
    expect((await sponsor.get(`/api/v1/projects/${p.id}/status-reports/${draft.body.id}`)).status).toBe(404);
    expect((await sponsor.get(`/api/v1/projects/${p.id}/status-reports`)).body.items).toEqual([]);
    expect((await (await as('coo')).get(`/api/v1/projects/${p.id}/status-reports`)).body.items).toEqual([]);
    expect((await (await as('analyst')).get(`/api/v1/projects/${p.id}/status-reports/${draft.body.id}`)).status).toBe(200);
    expect((await (await as('viewer')).get(`/api/v1/projects/${p.id}/status-reports`)).status).toBe(404);
  });
});

describe('earned value on submission', () => {
  it('is the pure function’s figures for the baseline in force at asOf, also for a report dated before a re-baseline', async () => {
    const p = await makeReportingProject(database.db, org, { typeId, projectManagerId: org.users.pm1.personId!, bac: 100_000 });
    await backdateBaseline(database.db, p.id, 1, 60);
    const rebaseline = straightCurve(p.goAheadOn!, addDays(p.plannedFinish, 60), 150_000);
    await setBaseline(database.db, systemActor('test'), p.id, { bac: 150_000, curve: rebaseline, reason: 'scope added' });
    const pm = await as('pm1');

    const before = addDays(day, -14);
    const old = await pm.post(`/api/v1/projects/${p.id}/status-reports`, {
      ...greenReport(before, { percentComplete: 22.5, actualCost: 21_000 }),
      submit: true,
    });
    expect(old.status, JSON.stringify(old.body)).toBe(201);
    expect(old.body.baseline.number).toBe(1);
    const expectedOld = earnedValue({
      bac: 100_000,
      curve: straightCurve(p.goAheadOn!, p.plannedFinish, 100_000),
      asOf: before,
      percentComplete: 22.5,
      actualCost: 21_000,
    });
    expect(old.body.evm).toEqual(JSON.parse(JSON.stringify(expectedOld)));
    for (const k of ['bac', 'pv', 'ev', 'ac', 'sv', 'cv', 'spi', 'cpi', 'eac', 'etc', 'vac', 'tcpi'] as const) {
      expect(old.body.evm[k], k).toBe(expectedOld[k]);
    }

    const now = await pm.post(`/api/v1/projects/${p.id}/status-reports`, {
      ...greenReport(day, { percentComplete: 30, actualCost: 40_000 }),
      submit: true,
    });
    expect(now.status, JSON.stringify(now.body)).toBe(201);
    expect(now.body.baseline.number).toBe(2);
    const expectedNow = earnedValue({ bac: 150_000, curve: rebaseline, asOf: day, percentComplete: 30, actualCost: 40_000 });
    expect(now.body.evm).toEqual(JSON.parse(JSON.stringify(expectedNow)));
    const got = await pm.get(`/api/v1/projects/${p.id}/status-reports/${now.body.id}`);
    expect(got.body.evm).toEqual(now.body.evm);
  });

  it('flags a watermelon (reported green, computed red) with its dimension and figure, on the report and in project_status', async () => {
    const p = await makeReportingProject(database.db, org, { typeId, projectManagerId: org.users.pm1.personId! });
    const pm = await as('pm1');
    const reply = await pm.post(`/api/v1/projects/${p.id}/status-reports`, {
      ...greenReport(day, { percentComplete: 10, actualCost: 40_000 }),
      submit: true,
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.mismatch).toBe(true);
    expect(reply.body.computedRag.overall).toBe('red');
    const byDimension = Object.fromEntries(reply.body.mismatches.map((m: { dimension: string }) => [m.dimension, m]));
    expect(byDimension.schedule).toMatchObject({ reported: 'green', computed: 'red', figure: 'spi', value: reply.body.evm.spi });
    expect(byDimension.cost).toMatchObject({ reported: 'green', computed: 'red', figure: 'cpi', value: reply.body.evm.cpi });
    expect(byDimension.overall).toMatchObject({ reported: 'green', computed: 'red' });
    const status = await pm.get(`/api/v1/projects/${p.id}/reporting`);
    expect(status.body.status.mismatch).toBe(true);
    expect(status.body.status.mismatchDimensions.sort()).toEqual(['cost', 'overall', 'schedule']);
    expect(status.body.status.computed).toMatchObject({ overall: 'red', schedule: 'red', cost: 'red' });
    expect(status.body.status.evm.spi).toBe(reply.body.evm.spi);
    expect(status.body.status.mismatches).toEqual(reply.body.mismatches);
  });

  it('gives an undefined ratio as null with its reason, in the reply and the GET: PV and AC of 0, and AC at the BAC', async () => {
    const p = await makeReportingProject(database.db, org, { typeId, projectManagerId: org.users.pm1.personId!, bac: 100_000 });
    const pm = await as('pm1');
    // On the go-ahead day nothing is planned yet (PV 0) and nothing spent (AC 0).
    const first = await pm.post(`/api/v1/projects/${p.id}/status-reports`, {
      ...greenReport(p.goAheadOn!, { percentComplete: 0, actualCost: 0 }),
      submit: true,
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    for (const body of [first.body, (await pm.get(`/api/v1/projects/${p.id}/status-reports/${first.body.id}`)).body]) {
      expect(body.evm).toMatchObject({ pv: 0, ac: 0, spi: null, cpi: null, eac: null });
      expect(body.evm.undefinedBecause).toMatchObject({
        spi: expect.stringMatching(/no planned value/),
        cpi: expect.stringMatching(/no actual cost/),
        eac: expect.any(String),
      });
      expect(JSON.stringify(body)).not.toMatch(/Infinity|NaN/);
    }
    // Spent the whole budget: no work is left to fund, so the TCPI to the BAC is undefined.
    const spent = await pm.post(`/api/v1/projects/${p.id}/status-reports`, {
      ...greenReport(addDays(p.goAheadOn!, 7), { percentComplete: 40, actualCost: 100_000 }),
      submit: true,
    });
    expect(spent.status, JSON.stringify(spent.body)).toBe(201);
    expect(spent.body.evm).toMatchObject({ ac: 100_000, bac: 100_000, tcpi: null });
    expect(spent.body.evm.undefinedBecause.tcpi).toEqual(expect.any(String));
  });
});

describe('bad input', () => {
  let p: Awaited<ReturnType<typeof makeReportingProject>>;
  let pm: ApiClient;
  let milestoneId: string;

  beforeAll(async () => {
    p = await makeReportingProject(database.db, org, { typeId, projectManagerId: org.users.pm2.personId! });
    pm = await as('pm2');
    const m = await pm.post(`/api/v1/projects/${p.id}/milestones`, { name: 'Pilot', baselineDate: addDays(day, 30) });
    milestoneId = m.body.id;
    const first = await pm.post(`/api/v1/projects/${p.id}/status-reports`, {
      ...greenReport(addDays(day, -7), { milestoneForecasts: [{ milestoneId, forecastDate: addDays(day, 30) }] }),
      submit: true,
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
  });

  const forecast = () => [{ milestoneId, forecastDate: addDays(day, 31) }];

  const cases: [string, () => Promise<{ status: number; fields: string[]; project?: string }>, number, string][] = [];
  const add = (name: string, body: () => Record<string, unknown>, status: number, field: string, project?: () => string) =>
    cases.push([
      name,
      async () => {
        const reply = await pm.post(`/api/v1/projects/${project ? project() : p.id}/status-reports`, body());
        return { status: reply.status, fields: issueFields(reply.body) };
      },
      status,
      field,
    ]);

  add('percent complete over 100', () => ({ ...greenReport(day), percentComplete: 101, submit: true }), 422, 'percentComplete');
  add('percent complete below 0', () => ({ ...greenReport(day), percentComplete: -1 }), 422, 'percentComplete');
  add('negative actual cost', () => ({ ...greenReport(day), actualCost: -5 }), 422, 'actualCost');
  add('asOf beyond the current period', () => greenReport(addDays(day, 7)), 422, 'asOf');
  add('asOf before the go-ahead', () => greenReport(addDays(day, -400)), 422, 'asOf');
  add('an unknown RAG value', () => ({ ...greenReport(day), rag: { overall: 'blue', schedule: 'green' } }), 422, 'rag.overall');
  add(
    'a dimension the standard does not name',
    () => ({ ...greenReport(day), rag: { overall: 'green', quality: 'green' } }),
    422,
    'rag.quality',
  );
  add('an unknown dimension', () => ({ ...greenReport(day), rag: { overall: 'green', colour: 'green' } }), 422, 'rag.colour');
  add(
    'an unknown milestone',
    () => ({
      ...greenReport(day),
      milestoneForecasts: [{ milestoneId: '00000000-0000-4000-8000-000000000000', forecastDate: day }],
    }),
    422,
    'milestoneForecasts.0.milestoneId',
  );
  add(
    'a non-green RAG without its reason',
    () => ({
      ...greenReport(day, { milestoneForecasts: forecast() }),
      rag: { overall: 'amber', schedule: 'green', cost: 'green', scope: 'amber' },
      ragReasons: { overall: 'scope' },
      submit: true,
    }),
    422,
    'ragReasons.scope',
  );
  add('a missing forecast for an open milestone', () => ({ ...greenReport(day), submit: true }), 422, 'milestoneForecasts');
  add(
    'a second submission for a period already submitted',
    () => ({ ...greenReport(addDays(day, -6), { milestoneForecasts: forecast() }), submit: true }),
    409,
    'asOf',
  );

  it.each(cases.map((c) => [c[0], c]))('%s is a 4xx naming the field and writes nothing', async (_name, c) => {
    const [, run, status, field] = c as (typeof cases)[number];
    const before = await writes();
    const reply = await run();
    expect(reply.status).toBe(status);
    expect(reply.fields).toContain(field);
    expect(await writes()).toEqual(before);
  });

  it('refuses a project without a go-ahead, and a closed or terminated one, naming projectId, writing nothing', async () => {
    const none = await makeReportingProject(database.db, org, {
      typeId,
      projectManagerId: org.users.pm2.personId!,
      goAheadDaysAgo: null,
    });
    const closed = await makeReportingProject(database.db, org, { typeId, projectManagerId: org.users.pm2.personId! });
    const terminated = await makeReportingProject(database.db, org, { typeId, projectManagerId: org.users.pm2.personId! });
    await setProjectState(database.db, closed.id, 'closed');
    await setProjectState(database.db, terminated.id, 'terminated');
    for (const id of [none.id, closed.id, terminated.id]) {
      const before = await writes();
      const reply = await pm.post(`/api/v1/projects/${id}/status-reports`, { ...greenReport(day), submit: true });
      expect(reply.status, JSON.stringify(reply.body)).toBe(409);
      expect(issueFields(reply.body)).toEqual(['projectId']);
      expect(await writes()).toEqual(before);
    }
  });

  it('the autosave of a draft refuses the same bad values, naming the field, the draft left as it was', async () => {
    const other = await makeReportingProject(database.db, org, { typeId, projectManagerId: org.users.pm2.personId! });
    const draft = await pm.post(`/api/v1/projects/${other.id}/status-reports`, { asOf: day, percentComplete: 5 });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const url = `/api/v1/projects/${other.id}/status-reports/${draft.body.id}`;
    const bad: [Record<string, unknown>, string][] = [
      [{ percentComplete: 101 }, 'percentComplete'],
      [{ percentComplete: -1 }, 'percentComplete'],
      [{ actualCost: -5 }, 'actualCost'],
      [{ rag: { overall: 'blue' } }, 'rag.overall'],
      [{ rag: { overall: 'green', colour: 'green' } }, 'rag.colour'],
      [{ asOf: addDays(day, 7) }, 'asOf'],
      [
        { milestoneForecasts: [{ milestoneId: '00000000-0000-4000-8000-000000000000', forecastDate: day }] },
        'milestoneForecasts.0.milestoneId',
      ],
    ];
    for (const [body, field] of bad) {
      const before = await writes();
      const reply = await pm.patch(url, { version: draft.body.version, ...body });
      expect(reply.status, JSON.stringify(body)).toBe(422);
      expect(issueFields(reply.body), JSON.stringify(body)).toContain(field);
      expect(await writes()).toEqual(before);
    }
    const unchanged = await pm.get(url);
    expect(unchanged.body).toMatchObject({ version: draft.body.version, percentComplete: 5, asOf: day });
  });

  it('a project on hold still reports: the PMO holds it to watch it, not to stop hearing from it', async () => {
    const held = await makeReportingProject(database.db, org, { typeId, projectManagerId: org.users.pm2.personId! });
    await setProjectState(database.db, held.id, 'on_hold');
    const reply = await pm.post(`/api/v1/projects/${held.id}/status-reports`, { ...greenReport(day), submit: true });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.state).toBe('submitted');
  });

  it('a project without a baseline cannot submit: 409 naming the baseline, the draft left as it was', async () => {
    const bare = await makeReportingProject(database.db, org, {
      typeId,
      projectManagerId: org.users.pm2.personId!,
      baseline: false,
    });
    const before = await writes();
    const reply = await pm.post(`/api/v1/projects/${bare.id}/status-reports`, { ...greenReport(day), submit: true });
    expect(reply.status).toBe(409);
    expect(issueFields(reply.body)).toEqual(['baseline']);
    expect(await writes()).toEqual(before);
  });
});

describe('review', () => {
  it('refuses a review by someone who is part of the project or submitted it, and by anyone outside the PMO', async () => {
    const p = await makeReportingProject(database.db, org, { typeId, projectManagerId: org.users.pm1.personId! });
    await addProjectMember(database.db, p.id, org.users.analyst.personId!, 'team_member');
    const lead = await as('lead');
    // The lead reports on the manager's behalf; then may not review what they submitted.
    const submitted = await lead.post(`/api/v1/projects/${p.id}/status-reports`, { ...greenReport(day), submit: true });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const path = `/api/v1/projects/${p.id}/status-reports/${submitted.body.id}`;
    const [analyst, financeLead, pm1] = [await as('analyst'), await as('financeLead'), await as('pm1')];
    const before = await writes();
    const own = await lead.post(`${path}/accept`, {});
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe('SELF_APPROVAL');
    const member = await analyst.post(`${path}/return`, { comment: 'no' });
    expect(member.body.error.code).toBe('SELF_APPROVAL');
    expect((await financeLead.post(`${path}/accept`, {})).status).toBe(404);
    expect((await pm1.post(`${path}/accept`, {})).status).toBe(403);
    expect(await writes()).toEqual(before);
    expect((await (await as('programLead')).get(path)).status).toBe(404);
  });
});

describe('milestones', () => {
  it('are kept by the project manager and the PMO, named against the standard, and kept once forecast in a submitted report', async () => {
    const p = await makeReportingProject(database.db, org, { typeId, projectManagerId: org.users.pm1.personId! });
    const pm = await as('pm1');
    const bad = await pm.post(`/api/v1/projects/${p.id}/milestones`, {
      name: 'X',
      baselineDate: day,
      gateKey: 'nope',
      deliverableKey: 'nope',
    });
    expect(bad.status).toBe(422);
    expect(issueFields(bad.body).sort()).toEqual(['deliverableKey', 'gateKey']);
    const made = await (await as('analyst')).post(`/api/v1/projects/${p.id}/milestones`, {
      name: 'Cut-over',
      baselineDate: addDays(day, 20),
    });
    expect(made.status).toBe(201);
    expect((await (await as('pm2')).post(`/api/v1/projects/${p.id}/milestones`, { name: 'Y', baselineDate: day })).status).toBe(
      404,
    );
    const report = await pm.post(`/api/v1/projects/${p.id}/status-reports`, {
      ...greenReport(day, { milestoneForecasts: [{ milestoneId: made.body.id, forecastDate: addDays(day, 25) }] }),
      submit: true,
    });
    expect(report.status, JSON.stringify(report.body)).toBe(201);
    const one = await pm.get(`/api/v1/projects/${p.id}/milestones/${made.body.id}`);
    expect(one.body).toMatchObject({ latestForecast: addDays(day, 25), slipDays: 5 });
    const trend = await pm.get(`/api/v1/projects/${p.id}/milestone-trend`);
    expect(trend.body.milestones[0].points).toEqual([{ reportId: report.body.id, asOf: day, forecastDate: addDays(day, 25) }]);
    const removed = await pm.delete(`/api/v1/projects/${p.id}/milestones/${made.body.id}?version=${one.body.version}`);
    expect(removed.status).toBe(409);
    const achieved = await pm.patch(`/api/v1/projects/${p.id}/milestones/${made.body.id}`, {
      version: one.body.version,
      achievedOn: day,
    });
    expect(achieved.status).toBe(200);
    expect(achieved.body.slipDays).toBe(-20);
    const history = await pm.get(`/api/v1/audit/records/milestone/${made.body.id}`);
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['milestone.created', 'milestone.updated']),
    );
  });
});

describe('report periods', () => {
  it('lists the periods from the go-ahead by the cadence, newest first, with due states', async () => {
    const p = await makeReportingProject(database.db, org, {
      typeId,
      projectManagerId: org.users.pm1.personId!,
      goAheadDaysAgo: 20,
    });
    const pm = await as('pm1');
    await pm.post(`/api/v1/projects/${p.id}/status-reports`, { ...greenReport(addDays(day, -13)), submit: true });
    const periods = await pm.get(`/api/v1/projects/${p.id}/report-periods`);
    expect(periods.status).toBe(200);
    expect(periods.body.items.map((x: { periodStart: string; dueState: string }) => [x.periodStart, x.dueState])).toEqual([
      [addDays(day, -6), 'due'],
      [addDays(day, -13), 'submitted'],
      [addDays(day, -20), 'escalated'],
    ]);
    const reporting = await pm.get(`/api/v1/projects/${p.id}/reporting`);
    expect(reporting.body.nextDue).toMatchObject({
      periodStart: addDays(day, -20),
      dueOn: addDays(day, -14),
      dueState: 'escalated',
    });
    expect(reporting.body.late.map((x: { periodStart: string }) => x.periodStart)).toEqual([addDays(day, -20)]);
  });

  it.each([
    ['monthly', 100],
    ['fortnightly', 45],
  ] as const)('tiles the calendar %s from the go-ahead day, through the API', async (cadence, daysAgo) => {
    const type = await makeReportingType(database.db, org, { cadence });
    const p = await makeReportingProject(database.db, org, {
      typeId: type,
      projectManagerId: org.users.pm1.personId!,
      goAheadDaysAgo: daysAgo,
    });
    const pm = await as('pm1');
    const reply = await pm.get(`/api/v1/projects/${p.id}/report-periods`);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const periods = [...(reply.body.items as { periodStart: string; periodEnd: string; dueOn: string }[])].reverse();
    expect(periods[0]!.periodStart).toBe(p.goAheadOn);
    expect(periods.at(-1)!.periodStart <= day && day <= periods.at(-1)!.periodEnd).toBe(true);
    for (const [i, period] of periods.entries()) {
      expect(period.dueOn).toBe(period.periodEnd);
      if (i > 0) expect(period.periodStart).toBe(addDays(periods[i - 1]!.periodEnd, 1));
      if (cadence === 'fortnightly') expect(period.periodEnd).toBe(addDays(period.periodStart, 13));
      else {
        // A month's period ends on its last day: the next day is the 1st of the next month.
        expect(addDays(period.periodEnd, 1).slice(8)).toBe('01');
        if (i > 0) expect(period.periodStart.slice(8)).toBe('01');
      }
    }
    const reporting = await pm.get(`/api/v1/projects/${p.id}/reporting`);
    expect(reporting.body.nextDue).toMatchObject({ periodStart: p.goAheadOn, dueOn: periods[0]!.periodEnd });
  });
});

describe('the status row kept on submission', () => {
  /** The stored row equals the one worked out again from every version of the project. */
  async function expectAsWorkedOut(projectId: string) {
    const stored = await findProjectStatus(database.db, projectId);
    expect(stored).toBeDefined();
    const rp = (await findProject(database.db, projectId))!;
    const { updatedAt: _u, ...kept } = stored!;
    expect(kept).toEqual(await computeProjectStatus(database.db, rp, today(), stored));
    return stored!;
  }

  it('moves by what each submission adds: ahead of the period owed, the owed one, a later one first, a backdated one, a revision', async () => {
    const p = await makeReportingProject(database.db, org, {
      typeId,
      projectManagerId: org.users.pm1.personId!,
      sponsorId: org.users.sponsor.personId,
    });
    const start = p.goAheadOn!;
    const week = (k: number) => addDays(start, 7 * k + 2);
    const pm = await as('pm1');
    const submit = async (asOf: string, extra: Record<string, unknown> = {}) => {
      const res = await pm.post(`/api/v1/projects/${p.id}/status-reports`, { ...greenReport(asOf, extra), submit: true });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body as { id: string };
    };

    const current = await submit(day, {
      rag: { overall: 'green', schedule: 'green', cost: 'green', scope: 'amber' },
      ragReasons: { scope: 'Two interfaces added' },
    });
    expect(await expectAsWorkedOut(p.id)).toMatchObject({
      owedPeriodStart: start,
      lastReportId: current.id,
      reportsSubmitted: 1,
    });
    await submit(week(0));
    expect(await expectAsWorkedOut(p.id)).toMatchObject({ owedPeriodStart: addDays(start, 7), lastReportId: current.id });
    await submit(week(3));
    expect(await expectAsWorkedOut(p.id)).toMatchObject({ owedPeriodStart: addDays(start, 7) });
    await submit(week(1));
    expect(await expectAsWorkedOut(p.id)).toMatchObject({ owedPeriodStart: addDays(start, 14) });
    const second = await submit(week(2), { percentComplete: 25 });
    // Periods 0 to 3 are in: the owed one moves past the one submitted ahead of it.
    expect(await expectAsWorkedOut(p.id)).toMatchObject({
      owedPeriodStart: addDays(start, 28),
      reportsSubmitted: 5,
      reportsOnTime: 1,
    });

    const analyst = await as('analyst');
    const returned = await analyst.post(`/api/v1/projects/${p.id}/status-reports/${second.id}/return`, {
      comment: 'Check the cost.',
    });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    const revision = await pm.post(`/api/v1/projects/${p.id}/status-reports/${second.id}/revise`, {});
    expect(revision.status, JSON.stringify(revision.body)).toBe(201);
    const resubmitted = await pm.post(`/api/v1/projects/${p.id}/status-reports/${revision.body.id}/submit`, {});
    expect(resubmitted.status, JSON.stringify(resubmitted.body)).toBe(200);
    // A revision is no new period: the counters hold, one more version awaits review.
    expect(await expectAsWorkedOut(p.id)).toMatchObject({ reportsSubmitted: 5, reportsAwaitingReview: 5, reportsReviewed: 1 });

    const accepted = await analyst.post(`/api/v1/projects/${p.id}/status-reports/${current.id}/accept`, {});
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(await expectAsWorkedOut(p.id)).toMatchObject({ lastReportId: current.id, lastAcceptedReportId: current.id });
  });
});
