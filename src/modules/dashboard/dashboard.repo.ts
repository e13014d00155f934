import { type SQL, and, asc, count, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../../kernel/db.ts';
import type { Page } from '../../kernel/lists.ts';
import { toNumber } from '../../kernel/rows.ts';
import { people } from '../org/org.tables.ts';
import { RAG_COLUMNS, RAGS, RAG_KEYS, type RagKey, daysLate, liveDueState, statusJoin } from '../projects/index.ts';
import { projects } from '../projects/projects.tables.ts';
import { projectStatus } from '../reports/reports.tables.ts';
import { projectRollups } from './dashboard.tables.ts';
import { standardVersions } from '../standards/standards.tables.ts';

/**
 * The dashboard's SQL. Everything reads `projects LEFT JOIN project_status` under the project
 * list's condition (visibility and filters), never the reports: the status row of each project
 * holds its latest report's RAG, figures and due date, and counters of the PMO's record.
 */

type Source = 'reported' | 'computed';
const SOURCES: Source[] = ['reported', 'computed'];

/** Alias of the count of one dimension × colour in the grouped aggregate: `reported_schedule_red`. */
export const ragAlias = (source: Source, key: RagKey, colour: string) => `${source}_${key}_${colour}`;

const withFigures = sql`${projectStatus.ev} IS NOT NULL AND ${projectStatus.pv} IS NOT NULL AND ${projectStatus.ac} IS NOT NULL`;
const withBudgetFigures = sql`${projectStatus.bac} IS NOT NULL AND ${projectStatus.ac} IS NOT NULL AND ${projectStatus.eac} IS NOT NULL`;

/**
 * One row per (phase, state) of the matching projects, each with every sum the
 * rollups hold, worked out from the projects and their status rows: for the few projects a caller
 * sees outside their PMOs (their own), and to check the rollups against. Counts and sums come back
 * as numbers or numeric strings.
 */
export async function aggregateGroups(db: Queryable, condition: SQL | undefined) {
  const ragCounts = SOURCES.flatMap((source) =>
    RAG_KEYS.flatMap((key) =>
      RAGS.map(
        (colour) =>
          sql`count(*) FILTER (WHERE ${RAG_COLUMNS[source][key]} = ${colour}) AS ${sql.identifier(ragAlias(source, key, colour))}`,
      ),
    ),
  );
  const result = (await db.execute(sql`
    SELECT ${projects.phaseKey} AS phase_key, ${projects.state}::text AS state,
           count(*) AS projects,
           coalesce(sum(${projects.budget}), 0) AS total_budget,
           count(*) FILTER (WHERE ${withFigures}) AS evm_projects,
           coalesce(sum(${projectStatus.ev}) FILTER (WHERE ${withFigures}), 0) AS ev,
           coalesce(sum(${projectStatus.pv}) FILTER (WHERE ${withFigures}), 0) AS pv,
           coalesce(sum(${projectStatus.ac}) FILTER (WHERE ${withFigures}), 0) AS ac,
           count(*) FILTER (WHERE ${withBudgetFigures}) AS budget_projects,
           coalesce(sum(${projectStatus.bac}) FILTER (WHERE ${withBudgetFigures}), 0) AS budget_bac,
           coalesce(sum(${projectStatus.ac}) FILTER (WHERE ${withBudgetFigures}), 0) AS budget_ac,
           coalesce(sum(${projectStatus.eac}) FILTER (WHERE ${withBudgetFigures}), 0) AS budget_eac,
           count(*) FILTER (WHERE ${projectStatus.mismatch}) AS mismatches,
           count(*) FILTER (WHERE ${projectStatus.dueState} = 'overdue') AS overdue,
           count(*) FILTER (WHERE ${projectStatus.dueState} = 'escalated') AS escalated,
           coalesce(sum(${projectStatus.reportsSubmitted}), 0) AS reports_submitted,
           coalesce(sum(${projectStatus.reportsOnTime}), 0) AS reports_on_time,
           coalesce(sum(${projectStatus.reportsReviewed}), 0) AS reports_reviewed,
           coalesce(sum(${projectStatus.reviewsWithinWeek}), 0) AS reviews_within_week,
           coalesce(sum(${projectStatus.reviewSecondsTotal}), 0) AS review_seconds,
           coalesce(sum(${projectStatus.reportsAwaitingReview}), 0) AS reports_awaiting_review,
           ${sql.join(ragCounts, sql`, `)}
      FROM ${projects} LEFT JOIN ${projectStatus} ON ${statusJoin}
     ${condition ? sql`WHERE ${condition}` : sql``}
     GROUP BY 1, 2`)) as unknown as { rows: Record<string, unknown>[] };
  return result.rows;
}

const ROLLUP_SUMS = [
  'projects',
  'total_budget',
  'evm_projects',
  'ev',
  'pv',
  'ac',
  'budget_projects',
  'budget_bac',
  'budget_ac',
  'budget_eac',
  'mismatches',
  'reports_submitted',
  'reports_on_time',
  'reports_reviewed',
  'reviews_within_week',
  'review_seconds',
  'reports_awaiting_review',
  ...SOURCES.flatMap((source) => RAG_KEYS.flatMap((key) => RAGS.map((colour) => ragAlias(source, key, colour)))),
  'overdue',
  'escalated',
];

/** Where the rollups are narrowed: every PMO (null) or these; and the filters by PMO. */
export interface RollupScope {
  pmoIds: string[] | null;
  pmoId?: string;
  /** The PMOs reporting to the executive position filtered by; empty matches none. */
  reportingPmoIds?: string[];
}

/**
 * The same rows as `aggregateGroups`, added up from the rollups of the PMOs in scope (a few rows
 * per PMO, whatever its number of projects) instead of from each project.
 */
export async function rollupGroups(db: Queryable, scope: RollupScope) {
  const pmoIn = (ids: string[]) => (ids.length ? inArray(projectRollups.pmoId, ids) : sql`false`);
  const where = and(
    scope.pmoIds ? pmoIn(scope.pmoIds) : undefined,
    scope.pmoId ? eq(projectRollups.pmoId, scope.pmoId) : undefined,
    scope.reportingPmoIds ? pmoIn(scope.reportingPmoIds) : undefined,
  );
  const result = (await db.execute(sql`
    SELECT ${projectRollups.phaseKey} AS phase_key, ${projectRollups.state} AS state,
           ${sql.join(
             ROLLUP_SUMS.map((column) => sql`sum(${sql.identifier(column)}) AS ${sql.identifier(column)}`),
             sql`, `,
           )}
      FROM ${projectRollups}
     ${where ? sql`WHERE ${where}` : sql``}
     GROUP BY 1, 2
    HAVING sum(${projectRollups.projects}) > 0`)) as unknown as { rows: Record<string, unknown>[] };
  return result.rows;
}

/**
 * The matching projects whose stored due state the date has overtaken since it was written (the
 * sweep catches up every 15 minutes, so they are few), counted by stored and live due state: what
 * turns the rollups' stored overdue and escalated counts into today's. Each arm is one partial
 * index of project_status (reports.tables.ts), so this reads only those rows.
 */
export async function overtakenDueStates(db: Queryable, condition: SQL | undefined, today: string) {
  const s = projectStatus;
  const overtaken = sql`(
       (${s.dueState} = 'upcoming' AND ${s.nextDueOn} <= ${today}::date)
    OR (${s.dueState} = 'due' AND (${s.nextDueOn} + ${s.graceDays}) < ${today}::date)
    OR (${s.dueState} = 'overdue' AND (${s.nextDueOn} + ${s.graceDays} + ${s.escalateAfterDays}) < ${today}::date)
    OR (${s.escalatedAt} IS NOT NULL AND ${s.dueState} IS DISTINCT FROM 'escalated'))`;
  const rows = await db
    .select({ stored: s.dueState, live: liveDueState(today), n: count() })
    .from(projects)
    .innerJoin(projectStatus, statusJoin)
    .where(and(condition, overtaken))
    // By position: the live state's date parameters would make a second expression of it.
    .groupBy(sql`1`, sql`2`);
  return rows.map((r) => ({ stored: r.stored, live: r.live, n: toNumber(r.n) }));
}

/** The phases of every standard version, in lifecycle order: key, name and position (a few dozen versions). */
export async function phases(db: Queryable): Promise<{ key: string; name: string; position: number }[]> {
  const result = (await db.execute(sql`
    SELECT ph.value->>'key' AS key, ph.value->>'name' AS name, ph.ordinality AS position
      FROM ${standardVersions}, jsonb_array_elements(${standardVersions.definition}->'phases') WITH ORDINALITY AS ph`)) as unknown as {
    rows: { key: string; name: string; position: unknown }[];
  };
  return result.rows.map((r) => ({ key: r.key, name: r.name, position: Number(r.position) }));
}

const ragSelection = Object.fromEntries(
  SOURCES.flatMap((source) => RAG_KEYS.map((key) => [ragAlias(source, key, 'rag'), RAG_COLUMNS[source][key]])),
) as Record<string, typeof projectStatus.reportedOverall>;

const projectRef = { id: projects.id, code: projects.code, name: projects.name };

/** A page of rows, or every row when `page` is null (an export). */
function paged<T extends { limit(n: number): T; offset(n: number): T }>(query: T, page: Page | null): T {
  return page ? query.limit(page.limit).offset(page.offset) : query;
}

/** Matching projects with a status row and `extra` true, counted as the lists below select them. */
async function countWith(db: Queryable, condition: SQL | undefined, extra: SQL | undefined): Promise<number> {
  const [row] = await db.select({ n: count() }).from(projects).leftJoin(projectStatus, statusJoin).where(and(condition, extra));
  return toNumber(row?.n);
}

/** A page of the matching projects by code (as the project list orders them), with every RAG. */
export async function matrixRows(db: Queryable, condition: SQL | undefined, page: Page | null) {
  const query = db
    .select({
      ...projectRef,
      ...ragSelection,
      mismatchDimensions: projectStatus.mismatchDimensions,
      lastAsOf: projectStatus.lastAsOf,
      lastReportState: projectStatus.lastReportState,
    })
    .from(projects)
    .leftJoin(projectStatus, statusJoin)
    .where(condition)
    .orderBy(asc(projects.code), asc(projects.id))
    .$dynamic();
  return paged(query, page);
}

export const countMatrix = (db: Queryable, condition: SQL | undefined) => countWith(db, condition, undefined);

const isMismatch = eq(projectStatus.mismatch, true);

/** A page of the matching projects with a mismatch, by code, with the mismatches' figures. */
export async function mismatchRows(db: Queryable, condition: SQL | undefined, page: Page | null) {
  const query = db
    .select({
      ...projectRef,
      mismatches: projectStatus.mismatches,
      reportId: projectStatus.lastReportId,
      asOf: projectStatus.lastAsOf,
      lastReportState: projectStatus.lastReportState,
    })
    .from(projects)
    .innerJoin(projectStatus, statusJoin)
    .where(and(condition, isMismatch))
    .orderBy(asc(projects.code), asc(projects.id))
    .$dynamic();
  return paged(query, page);
}

export const countMismatches = (db: Queryable, condition: SQL | undefined) => countWith(db, condition, isMismatch);

function lateCondition(today: string): SQL {
  // Late means past the due day, whatever the grace: lets the due-day index narrow the rows.
  return and(lt(projectStatus.nextDueOn, today), inArray(liveDueState(today), ['overdue', 'escalated']))!;
}

/** A page of the matching projects whose owed report is overdue or escalated, the longest late first. */
export async function lateRows(db: Queryable, condition: SQL | undefined, today: string, page: Page | null) {
  const query = db
    .select({
      ...projectRef,
      managerId: people.id,
      managerName: people.name,
      periodStart: projectStatus.owedPeriodStart,
      dueOn: projectStatus.nextDueOn,
      daysLate: daysLate(today),
      dueState: liveDueState(today),
      escalatedAt: projectStatus.escalatedAt,
    })
    .from(projects)
    .innerJoin(projectStatus, statusJoin)
    .leftJoin(people, eq(people.id, projects.projectManagerId))
    .where(and(condition, lateCondition(today)))
    .orderBy(asc(projectStatus.nextDueOn), asc(projects.code), asc(projects.id))
    .$dynamic();
  return paged(query, page);
}

export const countLate = (db: Queryable, condition: SQL | undefined, today: string) =>
  countWith(db, condition, lateCondition(today));
