/**
 * The portfolio dashboard over a generated organisation (bench/generate), as the enterprise PMO
 * lead opens it (every project), against the naive roll-up of the same figures in raw SQL from
 * each project's latest submitted report (a LATERAL join into status_reports), measured in turns
 * in the same process on the same database:
 *  - dashboard over HTTP: GET /api/v1/dashboard through the app's handler in-process, signed in
 *    with a session cookie (authentication, visibility, the five queries, JSON);
 *  - dashboard service: getPortfolioDashboard, the same without HTTP;
 *  - naive SQL: one query, the visibility condition resolved beforehand (in its favour).
 * The overdue reports are swept first, as the job queue does every 15 minutes (untimed).
 * The naive query computes less than the dashboard (no RAG matrix page, mismatch and late lists,
 * due states or the PMO's record, which it could only count from every report): the ratio is
 * conservative. Its figures must equal the dashboard's, or the run fails: a check of the
 * generated status rows as well.
 */
import { sql } from 'drizzle-orm';
import { today as todayUtc } from '../src/kernel/dates.ts';
import type { Actor } from '../src/kernel/actor.ts';
import type { Database, Queryable } from '../src/kernel/db.ts';
import { toNumber } from '../src/kernel/rows.ts';
import { findUserByEmail, loadActor } from '../src/modules/auth/index.ts';
import { type PortfolioDashboard, getPortfolioDashboard } from '../src/modules/dashboard/index.ts';
import { visibleProjectFilter } from '../src/modules/projects/index.ts';
import { sweepStatusReports } from '../src/modules/reports/index.ts';
import { BENCH_PASSWORD, LEAD_EMAIL } from './generate/org.ts';
import { benchApp, ms, percentile, signIn, timed } from './measure.ts';

const KEYS = ['overall', 'schedule', 'cost', 'scope', 'quality', 'risk', 'resources'] as const;
const COLOURS = ['green', 'amber', 'red'] as const;

export interface DashboardFigures {
  label: string;
  projects: number;
  reports: number;
  runs: number;
  http: { p50: number; p95: number };
  service: { p50: number; p95: number };
  naive: { p50: number; p95: number };
}

/** The naive roll-up: the dashboard's totals from each visible project's latest submitted report. */
function naiveRollUp(visible: ReturnType<typeof sql> | undefined) {
  const rag = (source: 'reported' | 'computed', key: (typeof KEYS)[number]) =>
    source === 'reported'
      ? sql.raw(`r.rag->>'${key}'`)
      : key === 'overall'
        ? sql.raw(`r.computed_rag->>'overall'`)
        : sql.raw(`r.computed_rag->'dimensions'->'${key}'->>'rag'`);
  const counts = (['reported', 'computed'] as const).flatMap((source) =>
    KEYS.flatMap((key) =>
      COLOURS.map(
        (colour) =>
          sql`count(*) FILTER (WHERE ${rag(source, key)} = ${colour}) AS ${sql.identifier(`${source}_${key}_${colour}`)}`,
      ),
    ),
  );
  const money = (field: string) => sql.raw(`(r.evm->>'${field}')::numeric`);
  const withEac = sql.raw(`r.evm->>'eac' IS NOT NULL`);
  return sql`
    SELECT projects.phase_key, projects.state::text AS state, count(*) AS projects,
           coalesce(sum(projects.budget), 0) AS total_budget,
           count(r.id) AS evm_projects,
           coalesce(sum(${money('ev')}), 0) AS ev, coalesce(sum(${money('pv')}), 0) AS pv, coalesce(sum(${money('ac')}), 0) AS ac,
           count(*) FILTER (WHERE ${withEac}) AS budget_projects,
           coalesce(sum(${money('bac')}) FILTER (WHERE ${withEac}), 0) AS budget_bac,
           coalesce(sum(${money('ac')}) FILTER (WHERE ${withEac}), 0) AS budget_ac,
           coalesce(sum(${money('eac')}) FILTER (WHERE ${withEac}), 0) AS budget_eac,
           count(*) FILTER (WHERE r.mismatch) AS mismatches,
           ${sql.join(counts, sql`, `)}
      FROM projects
      LEFT JOIN LATERAL (
        SELECT id, evm, rag, computed_rag, mismatch FROM status_reports
         WHERE project_id = projects.id AND submitted_at IS NOT NULL
         ORDER BY as_of DESC, submitted_at DESC, revision DESC
         LIMIT 1) r ON true
     ${visible ? sql`WHERE ${visible}` : sql``}
     GROUP BY 1, 2`;
}

export type Row = Record<string, unknown>;
const total = (rows: Row[], column: string) => rows.reduce((sum, row) => sum + toNumber(row[column]), 0);
const cents = (v: number) => Math.round(v * 100) / 100;

/** The naive roll-up's rows (one per phase and state) for what the actor may see. */
export async function naiveRollUpFor(db: Queryable, actor: Actor): Promise<Row[]> {
  return ((await db.execute(naiveRollUp(await visibleProjectFilter(db, actor)))) as unknown as { rows: Row[] }).rows;
}

/** Every figure both compute on which the dashboard and the naive roll-up disagree: none, or the run fails. */
export function disagreements(board: PortfolioDashboard, rows: Row[]): string[] {
  const pairs: [string, number, number][] = [
    ['projects', board.projects.total, total(rows, 'projects')],
    ['total budget', board.budget.totalBudget, cents(total(rows, 'total_budget'))],
    ['EVM projects', board.evm.projects, total(rows, 'evm_projects')],
    ['ΣEV', board.evm.ev, cents(total(rows, 'ev'))],
    ['ΣPV', board.evm.pv, cents(total(rows, 'pv'))],
    ['ΣAC', board.evm.ac, cents(total(rows, 'ac'))],
    ['budget projects', board.budget.projects, total(rows, 'budget_projects')],
    ['ΣBAC', board.budget.bac, cents(total(rows, 'budget_bac'))],
    ['ΣEAC', board.budget.eac, cents(total(rows, 'budget_eac'))],
    ['mismatches', board.mismatches.total, total(rows, 'mismatches')],
  ];
  for (const count of board.rag.counts) {
    for (const source of ['reported', 'computed'] as const) {
      for (const colour of COLOURS) {
        pairs.push([
          `${source} ${count.dimension} ${colour}`,
          count[source][colour],
          total(rows, `${source}_${count.dimension}_${colour}`),
        ]);
      }
    }
  }
  return pairs
    .filter(([, dashboard, naive]) => Math.abs(dashboard - naive) > 0.011)
    .map(([name, dashboard, naive]) => `${name}: ${dashboard} against ${naive}`);
}

/**
 * Measures one generated database: `runs` turns of the three, after warming each up.
 * @example await benchDashboard(database, '50k', { runs: 50 })
 */
export async function benchDashboard(
  database: Database,
  label: string,
  options: { runs?: number } = {},
): Promise<DashboardFigures> {
  const runs = options.runs ?? Number(process.env.BENCH_DASHBOARD_RUNS ?? 50);
  const { db } = database;
  // The job queue sweeps every 15 minutes; a database generated days ago has not been swept since.
  await sweepStatusReports(db);
  const lead = await findUserByEmail(db, LEAD_EMAIL);
  if (!lead) throw new Error(`no ${LEAD_EMAIL}: generate the organisation first (npm run bench:generate)`);
  const actor = await loadActor(db, lead);
  const app = benchApp(database);
  const cookie = await signIn(app, LEAD_EMAIL, BENCH_PASSWORD);
  const naive = naiveRollUp(await visibleProjectFilter(db, actor));
  const today = todayUtc();
  const counted = (await db.execute(sql`SELECT count(*) AS n FROM status_reports`)) as unknown as { rows: { n: unknown }[] };
  const reports = toNumber(counted.rows[0]?.n);

  let board: PortfolioDashboard | null = null;
  let naiveRows: Row[] = [];
  const kinds = {
    http: async () => {
      const reply = await app.request('/api/v1/dashboard', { headers: { cookie } });
      const text = await reply.text();
      if (reply.status !== 200) throw new Error(`GET /api/v1/dashboard: ${reply.status} ${text}`);
      board = JSON.parse(text) as PortfolioDashboard;
    },
    service: async () => {
      await getPortfolioDashboard(db, actor, {}, { today });
    },
    naive: async () => {
      naiveRows = ((await db.execute(naive)) as unknown as { rows: Row[] }).rows;
    },
  };
  const samples: Record<keyof typeof kinds, number[]> = { http: [], service: [], naive: [] };
  for (let i = 0; i < 3; i++) for (const work of Object.values(kinds)) await work();
  const shown = board as PortfolioDashboard | null;
  if (!shown) throw new Error('the dashboard gave no reply');
  const differ = disagreements(shown, naiveRows);
  if (differ.length) throw new Error(`the dashboard and the naive roll-up disagree on ${differ.join('; ')}`);
  const order = Object.entries(kinds) as [keyof typeof kinds, () => Promise<void>][];
  for (let i = 0; i < runs; i++) {
    // In turns, so that load from elsewhere falls on all three alike, and each follows each of the
    // others as often (the naive query's scan of the reports churns the shared buffers).
    for (let k = 0; k < order.length; k++) {
      const [kind, work] = order[(i + k) % order.length]!;
      samples[kind].push(await timed(work));
    }
  }
  const figure = (kind: keyof typeof kinds) => ({ p50: percentile(samples[kind], 50), p95: percentile(samples[kind], 95) });
  const result: DashboardFigures = {
    label,
    projects: shown.projects.total,
    reports,
    runs,
    http: figure('http'),
    service: figure('service'),
    naive: figure('naive'),
  };
  console.log(
    `dashboard ${label.padEnd(5)} ${String(result.projects).padStart(6)} projects: HTTP p50 ${ms(result.http.p50)} p95 ${ms(result.http.p95)} · service p50 ${ms(result.service.p50)} p95 ${ms(result.service.p95)} · naive SQL p50 ${ms(result.naive.p50)} p95 ${ms(result.naive.p95)} · p95 ratio ${(result.http.p95 / result.naive.p95).toFixed(2)}×`,
  );
  return result;
}

/** How the dashboard's p95 grows from one size to the next, against linear growth. */
export function growth(figures: readonly DashboardFigures[]): void {
  for (let i = 1; i < figures.length; i++) {
    const [a, b] = [figures[i - 1]!, figures[i]!];
    const size = b.projects / a.projects;
    console.log(
      `growth ${a.label} → ${b.label}: ${size.toFixed(1)}× the projects, HTTP p95 ${(b.http.p95 / a.http.p95).toFixed(2)}×, naive p95 ${(b.naive.p95 / a.naive.p95).toFixed(2)}×`,
    );
  }
}
