import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from '../../../test/support/database.ts';
import {
  backdateBaseline,
  greenReport,
  makeReportingProject,
  makeReportingType,
  setProjectState,
  straightCurve,
} from '../../../test/support/factories-reports.ts';
import { type Organisation, makeOrganisation, sampleDefinition, signInAs } from '../../../test/support/factories-standards.ts';
import { testApp, type TestApp } from '../../../test/support/http.ts';
import { systemActor } from '../../kernel/actor.ts';
import { addDays, today } from '../../kernel/dates.ts';
import { setBaseline } from '../projects/baselines.service.ts';

let database: TestDatabase;
let app: TestApp;
let org: Organisation;
let typeId: string;
const as = signInAs(() => ({ app, org }));
const day = today();
const FIGURES = ['bac', 'pv', 'ev', 'ac', 'spi', 'cpi', 'eac'] as const;

beforeAll(async () => {
  database = await testDatabase();
  app = testApp(database);
  org = await makeOrganisation(database.db);
  typeId = await makeReportingType(database.db, org);
});

afterAll(async () => {
  await database?.close();
});

const path = (projectId: string) => `/api/v1/projects/${projectId}/performance`;

describe('GET /projects/{id}/performance', () => {
  it('says what is missing before there is a baseline or a submitted report', async () => {
    const p = await makeReportingProject(database.db, org, {
      typeId,
      projectManagerId: org.users.pm1.personId!,
      baseline: false,
    });
    const pm = await as('pm1');
    // A draft is no point: its figures are not computed yet.
    expect((await pm.post(`/api/v1/projects/${p.id}/status-reports`, { asOf: day, percentComplete: 10 })).status).toBe(201);
    const reply = await pm.get(path(p.id));
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const tolerances = sampleDefinition(0).tolerances;
    expect(reply.body).toEqual({
      projectId: p.id,
      baseline: null,
      earlierBaselines: [],
      bac: null,
      eac: null,
      points: [],
      tolerances: { spi: tolerances.spi, cpi: tolerances.cpi },
      canEditMilestones: true,
    });
  });

  it('gives the baseline in force with its curve, the versions it replaced, and one stored point per period', async () => {
    const p = await makeReportingProject(database.db, org, { typeId, projectManagerId: org.users.pm1.personId!, bac: 100_000 });
    await backdateBaseline(database.db, p.id, 1, 40);
    const pm = await as('pm1');
    const analyst = await as('analyst');
    const submit = async (asOf: string, percentComplete: number, actualCost: number) => {
      const reply = await pm.post(`/api/v1/projects/${p.id}/status-reports`, {
        ...greenReport(asOf, { percentComplete, actualCost }),
        submit: true,
      });
      expect(reply.status, JSON.stringify(reply.body)).toBe(201);
      return reply.body;
    };

    const first = await submit(addDays(day, -56), 10, 0); // no actual cost yet: CPI and EAC undefined
    const second = await submit(addDays(day, -42), 18, 20_000);
    // A returned period revised and resubmitted: the point is revision 2.
    const third = await submit(addDays(day, -28), 25, 26_000);
    expect((await analyst.post(`/api/v1/projects/${p.id}/status-reports/${third.id}/return`, { comment: 'Redo' })).status).toBe(
      200,
    );
    const revision = await pm.post(`/api/v1/projects/${p.id}/status-reports/${third.id}/revise`);
    expect(revision.status, JSON.stringify(revision.body)).toBe(201);
    const patched = await pm.patch(`/api/v1/projects/${p.id}/status-reports/${revision.body.id}`, {
      version: revision.body.version,
      actualCost: 31_000,
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const resubmitted = await pm.post(`/api/v1/projects/${p.id}/status-reports/${revision.body.id}/submit`, {});
    expect(resubmitted.status, JSON.stringify(resubmitted.body)).toBe(200);

    // A re-baseline 20 days ago: reports dated after it use version 2.
    const rebaseline = straightCurve(p.goAheadOn!, addDays(p.plannedFinish, 60), 150_000);
    await setBaseline(database.db, systemActor('test'), p.id, { bac: 150_000, curve: rebaseline, reason: 'scope added' });
    await backdateBaseline(database.db, p.id, 2, 20);
    // The latest period returned and only a draft revision since: the returned version is the point.
    const fourth = await submit(addDays(day, -14), 35, 45_000);
    expect((await analyst.post(`/api/v1/projects/${p.id}/status-reports/${fourth.id}/return`, { comment: 'Why?' })).status).toBe(
      200,
    );
    expect((await pm.post(`/api/v1/projects/${p.id}/status-reports/${fourth.id}/revise`)).status).toBe(201);
    const fifth = await submit(day, 40, 60_000);
    expect((await analyst.post(`/api/v1/projects/${p.id}/status-reports/${fifth.id}/accept`, {})).status).toBe(200);

    const reply = await pm.get(path(p.id));
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const body = reply.body;
    expect(body.baseline).toMatchObject({
      number: 2,
      bac: 150_000,
      reason: 'scope added',
      curve: rebaseline,
      setOn: addDays(day, -20),
    });
    expect(body.earlierBaselines).toEqual([
      expect.objectContaining({ number: 1, bac: 100_000, reason: 'approved plan', setOn: addDays(day, -40) }),
    ]);
    expect(body.bac).toBe(150_000);

    const expected = [
      { report: first, revision: 1, state: 'submitted', baselineNumber: 1 },
      { report: second, revision: 1, state: 'submitted', baselineNumber: 1 },
      { report: resubmitted.body, revision: 2, state: 'submitted', baselineNumber: 1 },
      { report: fourth, revision: 1, state: 'returned', baselineNumber: 2 },
      { report: fifth, revision: 1, state: 'accepted', baselineNumber: 2 },
    ];
    expect(body.points.map((pt: { reportId: string }) => pt.reportId)).toEqual(expected.map((e) => e.report.id));
    for (const [i, e] of expected.entries()) {
      const point = body.points[i];
      // The figures stored with the version, as its own GET gives them, not recomputed.
      const stored = (await pm.get(`/api/v1/projects/${p.id}/status-reports/${e.report.id}`)).body;
      expect(point).toMatchObject({
        asOf: stored.asOf,
        periodStart: stored.periodStart,
        periodEnd: stored.periodEnd,
        revision: e.revision,
        state: e.state,
        baselineNumber: e.baselineNumber,
      });
      for (const k of FIGURES) expect(point[k], `${i} ${k}`).toBe(stored.evm[k]);
    }
    expect(body.points[0]).toMatchObject({ ac: 0, cpi: null, eac: null });
    expect(body.points[2].ac).toBe(31_000);
    expect(body.points[3].bac).toBe(150_000);
    expect(body.eac).toBe(body.points[4].eac);
    expect(body.eac).toBeGreaterThan(0);
  });

  it('lets only those who keep milestones edit them, and not on a closed project', async () => {
    const p = await makeReportingProject(database.db, org, {
      typeId,
      projectManagerId: org.users.pm1.personId!,
      sponsorId: org.users.sponsor.personId,
    });
    const may = async (who: keyof Organisation['users']) => {
      const reply = await (await as(who)).get(path(p.id));
      expect(reply.status, `${who}: ${JSON.stringify(reply.body)}`).toBe(200);
      return reply.body.canEditMilestones;
    };
    expect(await may('pm1')).toBe(true);
    expect(await may('analyst')).toBe(true);
    expect(await may('lead')).toBe(true);
    expect(await may('sponsor')).toBe(false);
    await setProjectState(database.db, p.id, 'closed');
    expect(await may('pm1')).toBe(false);
  });

  it('is 404 for a project the caller may not see, and for one that does not exist', async () => {
    const p = await makeReportingProject(database.db, org, { typeId, projectManagerId: org.users.pm1.personId! });
    expect((await (await as('viewer')).get(path(p.id))).status).toBe(404);
    expect((await (await as('pm2')).get(path(p.id))).status).toBe(404);
    expect((await (await as('pm1')).get(path('00000000-0000-4000-8000-000000000000'))).status).toBe(404);
    expect((await (await as('pm1')).get(path('not-a-uuid'))).status).toBe(404);
  });
});
