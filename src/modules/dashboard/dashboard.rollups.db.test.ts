import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { type DashboardScenario, dashboardScenario, submitReport } from '../../../test/support/dashboard-scenario.ts';
import { addDays, today } from '../../kernel/dates.ts';
import { loadActor } from '../auth/index.ts';
import { users } from '../auth/auth.tables.ts';
import { sweepStatusReports } from '../reports/index.ts';
import * as repo from './dashboard.repo.ts';
import { getPortfolioDashboard } from './index.ts';

/**
 * What the dashboard reads instead of the reports: its roll-ups equal a recomputation from the
 * reports for every caller, the late counts are today's whatever the sweep has seen, and the
 * rollups the triggers keep equal the sums over the projects after every kind of write.
 */

const s = dashboardScenario();
const day = today();

/**
 * The roll-ups worked out again straight from the reports, the naive way (each project's latest
 * submitted version by a LATERAL join, the review times from the reviews): the dashboard, which
 * reads only the status rows, must give the same figures for every caller and filter.
 */
async function recomputed(projectIds: string[]) {
  const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
  if (projectIds.length === 0) return null;
  const list = sql.join(
    projectIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const latest = (await s.database.db.execute(sql`
    SELECT p.id::text AS id, r.evm, r.rag, r.computed_rag, r.mismatch
      FROM projects p
      LEFT JOIN LATERAL (
        SELECT * FROM status_reports s WHERE s.project_id = p.id AND s.submitted_at IS NOT NULL
         ORDER BY s.as_of DESC, s.submitted_at DESC, s.revision DESC LIMIT 1) r ON true
     WHERE p.id IN (${list})`)) as unknown as {
    rows: {
      evm: Record<string, number | null> | null;
      rag: Record<string, string> | null;
      computed_rag: { overall: string } | null;
      mismatch: boolean | null;
    }[];
  };
  let ev = 0;
  let pv = 0;
  let ac = 0;
  let bac = 0;
  let budgetAc = 0;
  let eac = 0;
  const reportedOverall = { green: 0, amber: 0, red: 0 };
  for (const row of latest.rows) {
    const evm = row.evm;
    if (evm && evm.ev !== null && evm.pv !== null && evm.ac !== null) {
      ev += num(evm.ev);
      pv += num(evm.pv);
      ac += num(evm.ac);
    }
    if (evm && evm.bac !== null && evm.ac !== null && evm.eac !== null) {
      bac += num(evm.bac);
      budgetAc += num(evm.ac);
      eac += num(evm.eac);
    }
    const overall = row.rag?.overall as keyof typeof reportedOverall | undefined;
    if (overall) reportedOverall[overall] += 1;
  }
  const record = (await s.database.db.execute(sql`
    WITH v AS (
      SELECT r.period_start, r.project_id, r.due_on, r.submitted_at, rv.reviewed_at
        FROM status_reports r LEFT JOIN status_report_reviews rv ON rv.report_id = r.id
       WHERE r.project_id IN (${list}) AND r.submitted_at IS NOT NULL),
    firsts AS (SELECT min(due_on) AS due_on, min(submitted_at) AS first_at FROM v GROUP BY project_id, period_start)
    SELECT (SELECT count(*) FROM firsts) AS submitted,
           (SELECT count(*) FROM firsts WHERE (first_at AT TIME ZONE 'UTC')::date <= due_on) AS on_time,
           (SELECT count(reviewed_at) FROM v) AS reviewed,
           (SELECT count(*) FROM v WHERE reviewed_at - submitted_at <= interval '7 days') AS within_week,
           (SELECT count(*) FROM v WHERE reviewed_at IS NULL) AS awaiting`)) as unknown as {
    rows: Record<string, unknown>[];
  };
  const r = record.rows[0]!;
  const round = (v: number, places: number) => Math.round(v * 10 ** places) / 10 ** places;
  return {
    evm: { spi: pv > 0 ? round(ev / pv, 4) : null, cpi: ac > 0 ? round(ev / ac, 4) : null, ev, pv, ac },
    budget: { bac: round(bac, 2), ac: round(budgetAc, 2), eac: round(eac, 2) },
    mismatches: latest.rows.filter((row) => row.mismatch).length,
    reportedOverall,
    pmoRecord: {
      reportsSubmitted: num(r.submitted),
      reportsOnTime: num(r.on_time),
      reportsReviewed: num(r.reviewed),
      reviewsWithinWeek: num(r.within_week),
      reportsAwaitingReview: num(r.awaiting),
    },
  };
}

describe('the roll-ups against a recomputation from the reports', () => {
  const cases: [keyof DashboardScenario['org']['users'], string, () => string][] = [
    ['lead', 'all', () => ''],
    ['lead', 'a portfolio', () => `?portfolioId=${s.portfolioId}`],
    ['lead', 'the COO line', () => `?executivePositionId=${s.org.positions.coo.id}`],
    ['coo', 'all', () => ''],
    ['cfo', 'all', () => ''],
    ['pm1', 'all', () => ''],
    ['pm2', 'all', () => ''],
    ['admin', 'all', () => ''],
    ['admin', 'the finance PMO', () => `?pmoId=${s.org.pmos.finance.id}`],
  ];
  it.each(cases)('gives %s (%s) the figures of the latest reports of the projects they may open', async (who, _label, query) => {
    const filter = query();
    const board = await s.dashboard(who, filter);
    // The projects behind the board are those the caller's project list shows with the same filters.
    const listed = await (await s.as(who)).get(`/api/v1/projects${filter}${filter ? '&' : '?'}limit=1000`);
    const projectIds = (listed.body.items as { id: string }[]).map((p) => p.id);
    expect(board.projects.total).toBe(projectIds.length);
    const expected = await recomputed(projectIds);
    if (!expected) {
      expect(board.evm).toMatchObject({ projects: 0, spi: null, cpi: null });
      return;
    }
    expect(board.evm).toMatchObject(expected.evm);
    expect(board.budget).toMatchObject(expected.budget);
    expect(board.mismatches.total).toBe(expected.mismatches);
    const overall = board.rag.counts.find((c: { dimension: string }) => c.dimension === 'overall');
    expect(overall.reported).toMatchObject(expected.reportedOverall);
    expect(board.pmoRecord).toMatchObject(expected.pmoRecord);
  });
});

describe('late reports on a day the sweep has not seen yet', () => {
  it('counts them live: the stored due states corrected by the rows the date has overtaken', async () => {
    const [user] = await s.database.db.select().from(users).where(eq(users.id, s.org.users.lead.userId));
    const lead = await loadActor(s.database.db, user!);
    // The live due state of every project the lead sees, on a day, straight from the status rows.
    const live = async (on: string) => {
      const result = (await s.database.db.execute(sql`
        SELECT s.next_due_on::text AS due, s.grace_days AS grace, s.escalate_after_days AS escalate, s.escalated_at AS at
          FROM project_status s WHERE s.project_id IN (${sql.join(
            [s.ids.A, s.ids.B, s.ids.D, s.ids.E, s.ids.F, s.ids.G].map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`)) as unknown as { rows: { due: string | null; grace: number; escalate: number; at: unknown }[] };
      const late = (r: (typeof result.rows)[number]) => (r.due ? (Date.parse(on) - Date.parse(r.due)) / 86_400_000 : -1);
      const states = result.rows.map((r) =>
        !r.due ? null : r.at ? 'escalated' : late(r) > r.grace + r.escalate ? 'escalated' : late(r) > r.grace ? 'overdue' : null,
      );
      return { overdue: states.filter((x) => x === 'overdue').length, escalated: states.filter((x) => x === 'escalated').length };
    };
    for (const ahead of [0, 1, 3, 6, 12, 40]) {
      const on = addDays(day, ahead);
      const board = await getPortfolioDashboard(s.database.db, lead, {}, { today: on });
      expect({ overdue: board.late.overdue, escalated: board.late.escalated }, on).toEqual(await live(on));
    }
    // Forty days on, every project owing a report is escalated, whatever the rows stored.
    const later = await getPortfolioDashboard(s.database.db, lead, {}, { today: addDays(day, 40) });
    expect(later.late.escalated).toBeGreaterThan((await s.dashboard('lead')).late.escalated);
  });
});

describe('the rollups the dashboard reads', () => {
  /** The rollups' sums by phase and state, as plain numbers. */
  const byGroup = (rows: Record<string, unknown>[]) =>
    Object.fromEntries(
      rows
        .filter((r) => Number(r.projects) > 0)
        .map((r) => [
          `${r.phase_key}/${r.state}`,
          Object.fromEntries(
            Object.entries(r)
              .filter(([k]) => !['phase_key', 'state'].includes(k))
              .map(([k, v]) => [k, Number(v)]),
          ),
        ]),
    );
  const check = async (label: string) => {
    const fromRollups = byGroup(await repo.rollupGroups(s.database.db, { pmoIds: null }));
    const fromProjects = byGroup(await repo.aggregateGroups(s.database.db, undefined));
    expect(Object.keys(fromRollups).length, label).toBeGreaterThan(0);
    expect(fromRollups, label).toEqual(fromProjects);
  };

  it('equal the sums over every project and its status row after each kind of write', async () => {
    await check('after the set-up');
    const lead = await s.as('lead');
    const b = (await lead.get(`/api/v1/projects/${s.ids.B}`)).body;
    const moved = await lead.patch(`/api/v1/projects/${s.ids.B}`, { version: b.version, portfolioId: s.portfolioId });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    await check('after a project moved into a portfolio');
    // What later workflows write (a gate's phase move, a hold, a budget increase, a PMO change).
    await s.database.db.execute(sql`UPDATE projects SET phase_key = 'plan', budget = budget + 5000 WHERE id = ${s.ids.A}::uuid`);
    await s.database.db.execute(sql`UPDATE projects SET state = 'on_hold' WHERE id = ${s.ids.F}::uuid`);
    await s.database.db.execute(sql`UPDATE projects SET pmo_id = ${s.org.pmos.enterprise.id}::uuid WHERE id = ${s.ids.E}::uuid`);
    await check('after phase, budget, state and PMO changes');
    // A first report for G (owed since its go-ahead), and its review.
    const two = await s.as('pm2');
    const g = await submitReport(two, s.ids.G, {
      asOf: addDays(day, -5),
      percentComplete: 5,
      actualCost: 4_000,
      rag: { overall: 'amber', schedule: 'amber', cost: 'green', scope: 'green' },
      ragReasons: { overall: 'Slow start', schedule: 'Slow start' },
      forecastFinish: addDays(day, 300),
    });
    await check('after a submission');
    expect((await (await s.as('analyst')).post(`/api/v1/projects/${s.ids.G}/status-reports/${g}/accept`, {})).status).toBe(200);
    await check('after a review');
    await sweepStatusReports(s.database.db, { today: day });
    await check('after the sweep');
    // Writers at once (a pool on PostgreSQL), moving projects both ways between the same groups.
    const moves = [s.ids.A, s.ids.B, s.ids.D, s.ids.F, s.ids.G].flatMap((id, i) =>
      [0, 1, 2, 3].map((n) => {
        const phase = (i + n) % 2 ? 'plan' : 'initiate';
        return s.database.db.execute(sql`UPDATE projects SET phase_key = ${phase}, budget = budget + 1 WHERE id = ${id}::uuid`);
      }),
    );
    await Promise.all(moves);
    await check('after concurrent moves');
    // And the dashboard reads them: its totals still equal the project list's.
    const board = await s.dashboard('lead');
    expect(board.projects.total).toBe((await lead.get('/api/v1/projects?limit=1')).body.total);
    expect(board.pmoRecord.reportsSubmitted).toBe(4);
  });
});
