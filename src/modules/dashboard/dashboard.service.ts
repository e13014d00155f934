import { type SQL, and, notInArray } from 'drizzle-orm';
import type { Actor } from '../../kernel/actor.ts';
import { today as todayUtc } from '../../kernel/dates.ts';
import type { Queryable } from '../../kernel/db.ts';
import { isoDay, isoInstant, toNumber } from '../../kernel/rows.ts';
import type { Page, Paged } from '../../kernel/lists.ts';
import { parseInput } from '../../kernel/validate.ts';
import {
  type ProjectDueState,
  RAGS,
  RAG_KEYS,
  type RagColour,
  type RagKey,
  listCondition,
  memberCondition,
  projectListFilter,
  projectScopeOf,
} from '../projects/index.ts';
import { projects } from '../projects/projects.tables.ts';
import * as repo from './dashboard.repo.ts';
import {
  type DashboardFilter,
  DashboardQuery,
  type DashboardQueryInput,
  type LateReportRow,
  type MismatchRow,
  type PortfolioDashboard,
  type RagMatrixRow,
} from './dashboard.schema.ts';

/**
 * The portfolio dashboard: what a PMO lead opens first. Summed from the rollups the writes keep
 * (project_rollups, a few rows per PMO) for the projects the caller may see, narrowed by PMO,
 * portfolio or executive; its lists read the first rows of project_status by index. Every figure
 * carries the link to the project list with the filter that shows the projects behind it.
 */

const PROJECT_STATES = ['active', 'on_hold', 'closed', 'terminated'] as const;
const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;
const ratio = (over: number, under: number, places = 4) => (under > 0 ? round(over / under, places) : null);

type Row = Record<string, unknown>;
const sum = (rows: Row[], column: string) => rows.reduce((total, row) => total + toNumber(row[column]), 0);

type Filters = PortfolioDashboard['filters'];

/** A link with the dashboard's filters and `extra`: `/api/v1/projects?pmoId=…&mismatch=true`. */
function linker(filters: Filters, path = '/api/v1/projects') {
  return (extra: Record<string, string> = {}) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...filters, ...extra })) if (value) query.set(key, value);
    const text = query.toString();
    return `${path}${text ? `?${text}` : ''}`;
  };
}

const filtersOf = (filter: DashboardFilter): Filters => ({
  pmoId: filter.pmoId ?? null,
  portfolioId: filter.portfolioId ?? null,
  executivePositionId: filter.executivePositionId ?? null,
});

/**
 * The sums of the projects the actor may see under the filters, by phase and state. Without a
 * portfolio: the rollups of the PMOs the actor sees (all of them for an admin), and, worked out
 * from their status rows, the actor's own projects outside those PMOs (a project manager's, a
 * sponsor's). With one, worked out from the status rows of its projects (a portfolio is a few
 * hundred projects, found by index). Visibility and filters are the project list's, so the
 * figures count what their links open.
 */
async function groupsOf(db: Queryable, actor: Actor, filter: DashboardFilter, today: string) {
  const { pmoId, portfolioId, executivePositionId } = filter;
  const listFilter = await projectListFilter(db, actor, { pmoId, portfolioId, executivePositionId }, today);
  const condition = listCondition(listFilter);
  if (portfolioId) return { condition, groups: await repo.aggregateGroups(db, condition) };
  const scope = await projectScopeOf(db, actor);
  const groups = await repo.rollupGroups(db, {
    pmoIds: scope.all ? null : scope.pmoIds,
    pmoId,
    reportingPmoIds: listFilter.reportingPmoIds,
  });
  if (!scope.all && scope.personId) {
    const outside = scope.pmoIds.length ? notInArray(projects.pmoId, scope.pmoIds) : undefined;
    const own = listCondition({ ...listFilter, visible: and(memberCondition(scope.personId), outside) });
    groups.push(...(await repo.aggregateGroups(db, own)));
  }
  return { condition, groups };
}

/**
 * Today's overdue and escalated projects: the due states stored with the status rows (as their last
 * write or the sweep left them) summed in the groups, corrected by the rows the date has overtaken
 * since, so the counts equal the project list's live `dueState` filter at any hour.
 */
async function lateCounts(db: Queryable, groups: Row[], condition: SQL | undefined, today: string) {
  let overdue = sum(groups, 'overdue');
  let escalated = sum(groups, 'escalated');
  for (const { stored, live, n } of await repo.overtakenDueStates(db, condition, today)) {
    if (stored === 'overdue') overdue -= n;
    if (stored === 'escalated') escalated -= n;
    if (live === 'overdue') overdue += n;
    if (live === 'escalated') escalated += n;
  }
  return { overdue, escalated };
}

/**
 * The condition of the project list for the actor and the filters: the dashboard counts exactly the
 * projects its links open, visibility included.
 */
async function conditionOf(db: Queryable, actor: Actor, filter: DashboardFilter, today: string) {
  const { pmoId, portfolioId, executivePositionId } = filter;
  return listCondition(await projectListFilter(db, actor, { pmoId, portfolioId, executivePositionId }, today));
}

function ragOf(row: Row, source: 'reported' | 'computed'): Record<RagKey, RagColour | null> {
  return Object.fromEntries(
    RAG_KEYS.map((key) => [key, (row[repo.ragAlias(source, key, 'rag')] as RagColour | null) ?? null]),
  ) as Record<RagKey, RagColour | null>;
}

const ref = (row: Row) => ({ id: String(row.id), code: String(row.code), name: String(row.name) });
const reviewState = (value: unknown) => (value as RagMatrixRow['reviewState']) ?? null;

function matrixView(row: Row): RagMatrixRow {
  return {
    project: ref(row),
    reported: ragOf(row, 'reported'),
    computed: ragOf(row, 'computed'),
    mismatchDimensions: (row.mismatchDimensions as string[] | null) ?? [],
    lastAsOf: isoDay(row.lastAsOf as string | null),
    reviewState: reviewState(row.lastReportState),
  };
}

type StoredMismatch = { dimension: string; reported: RagColour; computed: RagColour; figure: string; value?: number | null };

function mismatchView(row: Row): MismatchRow {
  return {
    project: ref(row),
    reportId: (row.reportId as string | null) ?? null,
    asOf: isoDay(row.asOf as string | null),
    reviewState: reviewState(row.lastReportState),
    dimensions: ((row.mismatches as StoredMismatch[] | null) ?? [])
      .filter((m): m is StoredMismatch & { dimension: RagKey } => (RAG_KEYS as readonly string[]).includes(m.dimension))
      .map((m) => ({
        dimension: m.dimension,
        reported: m.reported,
        computed: m.computed,
        figure: m.figure,
        value: m.value ?? null,
      })),
  };
}

function lateView(row: Row): LateReportRow {
  return {
    project: ref(row),
    projectManager: row.managerId ? { id: String(row.managerId), name: String(row.managerName) } : null,
    periodStart: isoDay(row.periodStart as string | null),
    dueOn: isoDay(row.dueOn as string)!,
    daysLate: toNumber(row.daysLate),
    dueState: row.dueState as Extract<ProjectDueState, 'overdue' | 'escalated'>,
    escalatedAt: isoInstant(row.escalatedAt as Date | string | null),
  };
}

/** Phase counts by key, named and ordered as the lifecycles have them. */
async function byPhase(db: Queryable, groups: Row[], link: ReturnType<typeof linker>) {
  const phases = await repo.phases(db);
  const named = new Map<string, { name: string; position: number }>();
  for (const p of phases) {
    const known = named.get(p.key);
    if (!known || p.position < known.position) named.set(p.key, { name: p.name, position: p.position });
  }
  const counts = new Map<string, number>();
  for (const g of groups) counts.set(String(g.phase_key), (counts.get(String(g.phase_key)) ?? 0) + toNumber(g.projects));
  return [...counts]
    .map(([key, count]) => ({ key, name: named.get(key)?.name ?? key, count, link: link({ phase: key }) }))
    .sort(
      (a, b) =>
        (named.get(a.key)?.position ?? Number.MAX_SAFE_INTEGER) - (named.get(b.key)?.position ?? Number.MAX_SAFE_INTEGER) ||
        a.name.localeCompare(b.name),
    );
}

function ragCounts(groups: Row[], total: number, link: ReturnType<typeof linker>) {
  const counts = RAG_KEYS.map((dimension) => {
    const colours = (source: 'reported' | 'computed') => {
      const [green, amber, red] = RAGS.map((colour) => sum(groups, repo.ragAlias(source, dimension, colour)));
      return { green: green!, amber: amber!, red: red!, none: total - green! - amber! - red! };
    };
    const links = (source: 'reported' | 'computed') =>
      Object.fromEntries(RAGS.map((colour) => [colour, link({ [`${source}Rag`]: `${dimension}:${colour}` })])) as Record<
        RagColour,
        string
      >;
    return {
      dimension,
      reported: colours('reported'),
      computed: colours('computed'),
      links: { reported: links('reported'), computed: links('computed') },
    };
  });
  // Overall always; a dimension only when some project has a RAG for it.
  const used = counts.filter((c) => c.dimension === 'overall' || c.reported.none < total || c.computed.none < total);
  return { dimensions: used.map((c) => c.dimension), counts: used };
}

/**
 * The portfolio dashboard for the actor: counts by phase and state, the RAG matrix, the EVM
 * roll-up weighted by value (portfolio SPI = ΣEV / ΣPV and CPI = ΣEV / ΣAC, so a large project
 * weighs by its money, not as one vote), budget against actual and EAC, the mismatches, the late
 * reports and the PMO's record, over the projects the actor may see and the filters. Reads the
 * status rows only (kept current in each report's transaction), never the reports, so it stays
 * fast at 50,000 projects; the HTTP route and the benchmark both call this.
 * @example await getPortfolioDashboard(db, actor, { executivePositionId: cooPositionId, limit: 10 })
 */
export async function getPortfolioDashboard(
  db: Queryable,
  actor: Actor,
  raw: DashboardQueryInput = {},
  options: { today?: string } = {},
): Promise<PortfolioDashboard> {
  const query = parseInput(DashboardQuery, raw);
  const today = options.today ?? todayUtc();
  const filters = filtersOf(query);
  const link = linker(filters);
  const listOf = (list: string) => linker(filters, `/api/v1/dashboard/${list}`)();
  // One after the other: `db` may be a transaction, one connection.
  const { condition, groups } = await groupsOf(db, actor, query, today);
  const { overdue, escalated } = await lateCounts(db, groups, condition, today);
  const first = { limit: query.limit, offset: 0 };
  const matrix = await repo.matrixRows(db, condition, first);
  const mismatched = await repo.mismatchRows(db, condition, first);
  const late = await repo.lateRows(db, condition, today, first);
  const phases = await byPhase(db, groups, link);

  const total = sum(groups, 'projects');
  const ev = sum(groups, 'ev');
  const pv = sum(groups, 'pv');
  const ac = sum(groups, 'ac');
  const reviewed = sum(groups, 'reports_reviewed');
  const submitted = sum(groups, 'reports_submitted');
  const reported = link({ reported: 'true' });
  return {
    asOf: today,
    filters,
    projects: {
      total,
      link: link(),
      byPhase: phases,
      byState: PROJECT_STATES.map((state) => ({
        state,
        count: sum(
          groups.filter((g) => g.state === state),
          'projects',
        ),
        link: link({ state }),
      })).filter((s) => s.count > 0),
    },
    rag: {
      ...ragCounts(groups, total, link),
      rows: { items: matrix.map(matrixView), total, link: link(), listLink: listOf('rag-matrix') },
    },
    evm: {
      spi: ratio(ev, pv),
      cpi: ratio(ev, ac),
      ev: round(ev, 2),
      pv: round(pv, 2),
      ac: round(ac, 2),
      projects: sum(groups, 'evm_projects'),
      link: reported,
    },
    budget: {
      bac: round(sum(groups, 'budget_bac'), 2),
      ac: round(sum(groups, 'budget_ac'), 2),
      eac: round(sum(groups, 'budget_eac'), 2),
      projects: sum(groups, 'budget_projects'),
      totalBudget: round(sum(groups, 'total_budget'), 2),
      link: reported,
    },
    mismatches: {
      items: mismatched.map(mismatchView),
      total: sum(groups, 'mismatches'),
      link: link({ mismatch: 'true' }),
      listLink: listOf('mismatches'),
    },
    late: {
      items: late.map(lateView),
      total: overdue + escalated,
      overdue,
      escalated,
      link: link({ dueState: 'overdue,escalated' }),
      listLink: listOf('late-reports'),
      overdueLink: link({ dueState: 'overdue' }),
      escalatedLink: link({ dueState: 'escalated' }),
    },
    pmoRecord: {
      reportsSubmitted: submitted,
      reportsOnTime: sum(groups, 'reports_on_time'),
      onTimeRate: ratio(sum(groups, 'reports_on_time'), submitted),
      reportsReviewed: reviewed,
      reviewsWithinWeek: sum(groups, 'reviews_within_week'),
      withinWeekRate: ratio(sum(groups, 'reviews_within_week'), reviewed),
      averageReviewHours: reviewed > 0 ? round(sum(groups, 'review_seconds') / reviewed / 3600, 1) : null,
      reportsAwaitingReview: sum(groups, 'reports_awaiting_review'),
      link: reported,
    },
  };
}

type ListOptions = { today?: string };

/**
 * The RAG matrix in full: one page of the matching projects by code (every one when `page` is
 * null, an export), each with the reported and computed RAG per dimension.
 */
export async function listRagMatrix(
  db: Queryable,
  actor: Actor,
  filter: DashboardFilter,
  page: Page | null,
  options: ListOptions = {},
): Promise<Paged<RagMatrixRow>> {
  const condition = await conditionOf(db, actor, filter, options.today ?? todayUtc());
  const rows = await repo.matrixRows(db, condition, page);
  return { items: rows.map(matrixView), total: page ? await repo.countMatrix(db, condition) : rows.length };
}

/** The mismatch list in full: the projects reported better than computed, with the figures, by code. */
export async function listMismatches(
  db: Queryable,
  actor: Actor,
  filter: DashboardFilter,
  page: Page | null,
  options: ListOptions = {},
): Promise<Paged<MismatchRow>> {
  const condition = await conditionOf(db, actor, filter, options.today ?? todayUtc());
  const rows = await repo.mismatchRows(db, condition, page);
  return { items: rows.map(mismatchView), total: page ? await repo.countMismatches(db, condition) : rows.length };
}

/** The late reports in full: the projects whose owed report is overdue or escalated, the longest late first. */
export async function listLateReports(
  db: Queryable,
  actor: Actor,
  filter: DashboardFilter,
  page: Page | null,
  options: ListOptions = {},
): Promise<Paged<LateReportRow>> {
  const today = options.today ?? todayUtc();
  const condition = await conditionOf(db, actor, filter, today);
  const rows = await repo.lateRows(db, condition, today, page);
  return { items: rows.map(lateView), total: page ? await repo.countLate(db, condition, today) : rows.length };
}
