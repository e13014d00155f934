/**
 * The organisation, projects and reports of the portfolio dashboard's tests, made through the use
 * cases, with the figures each test holds the dashboard to worked out by hand below.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { addDays, today } from '../../src/kernel/dates.ts';
import { sweepStatusReports } from '../../src/modules/reports/index.ts';
import { type TestDatabase, testDatabase } from './database.ts';
import { backdateSubmission, makeDashboardProject, makePortfolioOf, makeTypeOf } from './factories-dashboard.ts';
import { type Organisation, makeOrganisation, signInAs } from './factories-standards.ts';
import { type ApiClient, type TestApp, testApp } from './http.ts';

/**
 * The portfolio dashboard on a small organisation whose figures are worked out by hand below.
 * Straight baselines from the go-ahead to the planned finish, reports dated today (F: 8 days ago):
 *
 *   project  PMO         BAC      PV       EV (%)        AC       EAC          reported / computed
 *   A        enterprise  100,000  50,000   40,000 (40)   50,000   125,000      green / red  (mismatch)
 *   B        enterprise  200,000  100,000  110,000 (55)  88,000   160,000      green / green
 *   C        finance     50,000   25,000   25,000 (50)   20,000   40,000       green / green
 *   D        enterprise  80,000   no report, go-ahead 30 days ago: escalated (due 24 days ago)
 *   E        program     60,000   no go-ahead (no status row), phase "plan"
 *   F        enterprise  100,000  20,000   15,000 (15)   20,000   133,333.33   red / red (submitted late)
 *   G        enterprise  70,000   no report, go-ahead 11 days ago: overdue (due 5 days ago)
 *
 * PV = BAC × days since go-ahead / days of the plan: A, B, C run −5 … +5 days (PV = BAC / 2);
 * F runs −12 … +8 and reports as of −8 (PV = BAC × 4 / 20). EAC = BAC × AC / EV.
 * The enterprise lead sees A, B, D, E, F, G (the programme PMO nests under the enterprise PMO):
 *   SPI = ΣEV / ΣPV = 165,000 / 170,000 = 0.9706;  CPI = ΣEV / ΣAC = 165,000 / 158,000 = 1.0443
 *   (the plain averages of the SPIs and CPIs, 0.8833 and 0.9333, would be wrong);
 *   budget: Σ BAC 400,000, Σ AC 158,000, Σ EAC 418,333.33 over A, B, F; Σ budget 610,000 over all six.
 * The PMO's record: 3 periods submitted, 2 on time (F's came 8 days after its due day); A reviewed
 * 2 days after submission, B 10 days after (its submission moved back 10 days), F awaiting review:
 * 2 reviewed, 1 within a week, (48 h + 240 h) / 2 = 144 h on average.
 */
export type ProjectName = 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G';

/** The scenario's database, app and records, filled in by its beforeAll. */
export interface DashboardScenario {
  database: TestDatabase;
  app: TestApp;
  org: Organisation;
  ids: Record<ProjectName, string>;
  portfolioId: string;
  as: ReturnType<typeof signInAs>;
  /** GET /api/v1/dashboard as one of the organisation's users, expected to answer 200. */
  dashboard(who: keyof Organisation['users'], query?: string): Promise<any>;
  /** The scenario's names of the projects of a list: ['A', 'D']. */
  codesOf(items: { project: { id: string } }[]): string[];
}

/** Submits a status report through the API as `client`, expected to answer 201; its id. */
export async function submitReport(client: ApiClient, projectId: string, body: Record<string, unknown>): Promise<string> {
  const reply = await client.post(`/api/v1/projects/${projectId}/status-reports`, {
    accomplishments: 'Done what was planned.',
    nextSteps: 'Carry on.',
    helpNeeded: '',
    ragReasons: {},
    ...body,
    submit: true,
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body.id;
}

const green = { overall: 'green', schedule: 'green', cost: 'green', scope: 'green' };

/** Makes the scenario in a database of the test file's own, before its tests; closes it after. */
export function dashboardScenario(): DashboardScenario {
  const s = {
    ids: { A: '', B: '', C: '', D: '', E: '', F: '', G: '' },
    portfolioId: '',
  } as DashboardScenario;
  s.as = signInAs(() => ({ app: s.app, org: s.org }));
  s.dashboard = async (who, query = '') => {
    const reply = await (await s.as(who)).get(`/api/v1/dashboard${query}`);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body;
  };
  s.codesOf = (items) => items.map((i) => Object.entries(s.ids).find(([, id]) => id === i.project.id)?.[0] ?? '?');

  beforeAll(async () => {
    const database = await testDatabase();
    s.database = database;
    s.app = testApp(database);
    const org = await makeOrganisation(database.db);
    s.org = org;
    const db = database.db;
    const as = s.as;
    const day = today();
    const enterprise = org.pmos.enterprise.id;
    const itType = await makeTypeOf(db, enterprise);
    const financeType = await makeTypeOf(db, org.pmos.finance.id);
    const portfolioId = await makePortfolioOf(db, enterprise, 'Customer portfolio');
    s.portfolioId = portfolioId;
    const pm1 = org.users.pm1.personId!;
    const pm2 = org.users.pm2.personId!;
    const short = { goAheadDaysAgo: 5, finishInDays: 5 };
    const A = await makeDashboardProject(db, {
      pmoId: enterprise,
      typeId: itType,
      projectManagerId: pm1,
      portfolioId,
      bac: 100_000,
      ...short,
    });
    const B = await makeDashboardProject(db, {
      pmoId: enterprise,
      typeId: itType,
      projectManagerId: pm2,
      bac: 200_000,
      ...short,
    });
    const C = await makeDashboardProject(db, {
      pmoId: org.pmos.finance.id,
      typeId: financeType,
      projectManagerId: pm2,
      bac: 50_000,
      ...short,
    });
    const D = await makeDashboardProject(db, {
      pmoId: enterprise,
      typeId: itType,
      projectManagerId: pm1,
      bac: 80_000,
      goAheadDaysAgo: 30,
      finishInDays: 300,
    });
    const E = await makeDashboardProject(db, {
      pmoId: org.pmos.program.id,
      typeId: itType,
      projectManagerId: pm2,
      bac: 60_000,
      goAheadDaysAgo: null,
      finishInDays: 200,
      phaseKey: 'plan',
    });
    const F = await makeDashboardProject(db, {
      pmoId: enterprise,
      typeId: itType,
      projectManagerId: pm2,
      portfolioId,
      bac: 100_000,
      goAheadDaysAgo: 12,
      finishInDays: 8,
    });
    const G = await makeDashboardProject(db, {
      pmoId: enterprise,
      typeId: itType,
      projectManagerId: pm2,
      bac: 70_000,
      goAheadDaysAgo: 11,
      finishInDays: 300,
    });
    Object.assign(s.ids, { A: A.id, B: B.id, C: C.id, D: D.id, E: E.id, F: F.id, G: G.id });

    const one = await as('pm1');
    const two = await as('pm2');
    // A: green, its numbers red (SPI 0.8, CPI 0.8, finish 195 days late) — the watermelon.
    const a = await submitReport(one, A.id, {
      asOf: day,
      percentComplete: 40,
      actualCost: 50_000,
      rag: green,
      forecastFinish: addDays(day, 200),
    });
    const b = await submitReport(two, B.id, {
      asOf: day,
      percentComplete: 55,
      actualCost: 88_000,
      rag: green,
      forecastFinish: B.finish,
    });
    await submitReport(two, C.id, { asOf: day, percentComplete: 50, actualCost: 20_000, rag: green, forecastFinish: C.finish });
    await submitReport(two, F.id, {
      asOf: addDays(day, -8),
      percentComplete: 15,
      actualCost: 20_000,
      rag: { overall: 'red', schedule: 'red', cost: 'red', scope: 'green' },
      ragReasons: { overall: 'Behind and over', schedule: 'Vendor late', cost: 'Rates rose' },
      forecastFinish: F.finish,
    });
    await backdateSubmission(db, a, 2);
    await backdateSubmission(db, b, 10);
    expect((await (await as('lead')).post(`/api/v1/projects/${A.id}/status-reports/${a}/accept`, {})).status).toBe(200);
    const returned = await (await as('analyst')).post(`/api/v1/projects/${B.id}/status-reports/${b}/return`, {
      comment: 'Explain the AC.',
    });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    // The sweep writes the status rows of D and G, which have no report yet, and escalates D.
    await sweepStatusReports(db, { today: day });
  });

  afterAll(async () => {
    await s.database?.close();
  });
  return s;
}
