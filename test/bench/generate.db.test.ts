import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disagreements, naiveRollUpFor } from '../../bench/dashboard.ts';
import { generate, type GenerateResult } from '../../bench/generate/generate.ts';
import { LEAD_EMAIL } from '../../bench/generate/org.ts';
import { emptyRows, planProject } from '../../bench/generate/projects.ts';
import { projectRandom, seeded } from '../../bench/generate/support.ts';
import { benchSubmission } from '../../bench/submission.ts';
import { findUserByEmail, loadActor } from '../../src/modules/auth/index.ts';
import { getPortfolioDashboard } from '../../src/modules/dashboard/index.ts';
import { type CurvePoint, plannedValueAt } from '../../src/modules/projects/index.ts';
import { type ReportingProject, computeProjectStatus, earnedValue, findMismatches } from '../../src/modules/reports/index.ts';
import type { StandardDefinition } from '../../src/modules/standards/index.ts';
import { type TestDatabase, testDatabase } from '../support/database.ts';

/**
 * The benchmarks' generator on a small organisation: the figures it stores are the reports
 * module's own, its status rows are what computeProjectStatus gives, the dashboard over them
 * equals the naive roll-up from each project's latest report, and the submission benchmark's
 * reports go through the use case with the same figures.
 */
let database: TestDatabase;
let result: GenerateResult;
const PROJECTS = 30;
const REPORTS = 12;

type Row = Record<string, unknown>;
const rows = async (query: ReturnType<typeof sql>) => ((await database.db.execute(query)) as unknown as { rows: Row[] }).rows;

beforeAll(async () => {
  database = await testDatabase();
  result = await generate(database, { projects: PROJECTS, reportsPerProject: REPORTS, seed: 7, quiet: true });
});

afterAll(async () => {
  await database?.close();
});

describe('the generated organisation', () => {
  it('has every project after its go-ahead, with baselines, a milestone per gate and a report per ended period', async () => {
    expect(result.projects).toBe(PROJECTS);
    const perProject = await rows(sql`
      SELECT p.code, p.go_ahead_at IS NOT NULL AS go_ahead,
             (SELECT count(DISTINCT period_start) FROM status_reports r WHERE r.project_id = p.id AND r.submitted_at IS NOT NULL) AS periods,
             (SELECT count(*) FROM project_baselines b WHERE b.project_id = p.id) AS baselines,
             (SELECT count(*) FROM milestones m WHERE m.project_id = p.id) AS milestones
        FROM projects p WHERE p.code LIKE 'GEN-%' ORDER BY p.code`);
    expect(perProject).toHaveLength(PROJECTS);
    for (const p of perProject) {
      expect(p.go_ahead).toBe(true);
      expect(Number(p.periods)).toBe(REPORTS);
      expect(Number(p.baselines)).toBeGreaterThanOrEqual(1);
      expect(Number(p.milestones)).toBe(4);
    }
    const [counted] = await rows(sql`SELECT count(*) AS n FROM status_reports`);
    expect(Number(counted!.n)).toBe(result.reports);
    expect(result.reports).toBeGreaterThanOrEqual(PROJECTS * REPORTS);
  });

  it('stores the earned value the reports module computes for each report against its baseline', async () => {
    const reports = await rows(sql`
      SELECT r.as_of::text AS as_of, r.percent_complete, r.actual_cost, r.evm, r.rag, r.computed_rag, r.mismatches, r.mismatch,
             b.bac, b.curve
        FROM status_reports r JOIN project_baselines b ON b.id = r.baseline_id`);
    expect(reports).toHaveLength(result.reports);
    for (const r of reports) {
      const evm = earnedValue({
        bac: Number(r.bac),
        curve: r.curve as CurvePoint[],
        asOf: String(r.as_of),
        percentComplete: Number(r.percent_complete),
        actualCost: Number(r.actual_cost),
      });
      expect(r.evm).toEqual(evm);
      expect(plannedValueAt(r.curve as CurvePoint[], String(r.as_of))).toBe(evm.pv);
      const mismatches = findMismatches(r.rag as Record<string, 'green'>, r.computed_rag as Parameters<typeof findMismatches>[1]);
      expect(r.mismatches).toEqual(mismatches);
      expect(r.mismatch).toBe(mismatches.length > 0);
    }
    // Realistic, not uniform: some watermelons, some red, most reviewed.
    const [mix] = await rows(sql`
      SELECT count(*) FILTER (WHERE mismatch) AS mismatched, count(*) FILTER (WHERE computed_overall = 'red') AS red,
             sum(reports_reviewed) AS reviewed, sum(reports_submitted) AS submitted
        FROM project_status`);
    expect(Number(mix!.mismatched)).toBeGreaterThan(0);
    expect(Number(mix!.red)).toBeGreaterThan(0);
    expect(Number(mix!.reviewed)).toBeGreaterThan(Number(mix!.submitted) * 0.8);
  });

  it('keeps each project_status row as computeProjectStatus works it out from the reports', async () => {
    const projects = await rows(sql`
      SELECT p.id::text AS id, p.code, p.state::text AS state, p.go_ahead_at, v.definition
        FROM projects p JOIN standard_versions v ON v.id = p.standard_version_id
       WHERE p.code LIKE 'GEN-%'`);
    expect(projects).toHaveLength(PROJECTS);
    for (const p of projects) {
      const [stored] = await rows(sql`SELECT * FROM project_status WHERE project_id = ${p.id}::uuid`);
      // What computeProjectStatus reads of the project: its id, state and go-ahead.
      const project = { id: String(p.id), code: String(p.code), state: p.state, goAheadAt: new Date(String(p.go_ahead_at)) };
      const reportingProject = {
        project: project as ReportingProject['project'],
        definition: p.definition as StandardDefinition,
      };
      const expected = await computeProjectStatus(database.db, reportingProject, result.today);
      expect(stored).toMatchObject({
        owed_period_start: expected!.owedPeriodStart,
        next_due_on: expected!.nextDueOn,
        last_report_id: expected!.lastReportId,
        last_accepted_report_id: expected!.lastAcceptedReportId,
        reported_overall: expected!.reportedOverall,
        computed_overall: expected!.computedOverall,
        mismatch: expected!.mismatch,
        spi: expected!.spi,
        cpi: expected!.cpi,
        eac: expected!.eac,
        reports_submitted: expected!.reportsSubmitted,
        reports_on_time: expected!.reportsOnTime,
        reports_reviewed: expected!.reportsReviewed,
        reports_awaiting_review: expected!.reportsAwaitingReview,
      });
    }
  });

  it("gives the PMO lead's dashboard the figures the naive roll-up counts from each project's latest report", async () => {
    const actor = await loadActor(database.db, (await findUserByEmail(database.db, LEAD_EMAIL))!);
    const board = await getPortfolioDashboard(database.db, actor, {}, { today: result.today });
    expect(board.projects.total).toBe(PROJECTS);
    expect(board.evm.projects).toBe(PROJECTS);
    expect(disagreements(board, await naiveRollUpFor(database.db, actor))).toEqual([]);
    // The sweep ran: the late ones are reminded, and escalated ones marked.
    const [late] = await rows(sql`SELECT count(*) FILTER (WHERE escalated_at IS NOT NULL) AS escalated FROM project_status`);
    expect(Number(late!.escalated)).toBe(result.escalated);
    expect(board.late.escalated).toBeGreaterThanOrEqual(result.escalated);
  });

  it('refuses a second organisation in the same database', async () => {
    await expect(generate(database, { projects: 2, quiet: true })).rejects.toThrow(/already holds/);
  });
});

describe('the plan of a project', () => {
  it('is the same for the same seed and moment, whichever batch it falls in', async () => {
    const now = new Date('2026-06-15T12:00:00Z');
    const ctx = { org: result.org, projects: PROJECTS, reportsPerProject: REPORTS, now };
    const figures = (index: number) => {
      const out = emptyRows();
      planProject(ctx, index, projectRandom(7, index), out);
      return out.status_reports.map((r) => [r.as_of, r.percent_complete, r.actual_cost, r.rag, r.evm]);
    };
    expect(figures(5)).toEqual(figures(5));
    expect(figures(5)).not.toEqual(figures(6));
    expect(seeded(1)()).toBe(seeded(1)());
  });
});

describe('the submission benchmark', () => {
  it('submits the planned reports through the use case with the figures the generator planned', async () => {
    const figures = await benchSubmission(database, { projects: 4, rounds: 10, concurrency: 2 });
    expect(figures.sequential.submissions + figures.concurrent.submissions).toBe(40);
    const [submitted] = await rows(sql`
      SELECT count(*) AS n FROM status_reports r JOIN projects p ON p.id = r.project_id WHERE p.code LIKE 'GEN-5%'`);
    expect(Number(submitted!.n)).toBe(40);
    // Its webhook and queued deliveries are gone; the generated figures are as they were.
    expect(await rows(sql`SELECT id FROM webhooks`)).toEqual([]);
    const actor = await loadActor(database.db, (await findUserByEmail(database.db, LEAD_EMAIL))!);
    expect((await getPortfolioDashboard(database.db, actor, {}, { today: result.today })).projects.total).toBe(PROJECTS);
  });
});
