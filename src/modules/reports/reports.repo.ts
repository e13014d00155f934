import { type SQL, and, asc, count, desc, eq, gt, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../../kernel/db.ts';
import type { Page } from '../../kernel/lists.ts';
import { projectWithDefinition } from '../projects/index.ts';
import { users } from '../auth/auth.tables.ts';
import { pmoMembers } from '../org/org.tables.ts';
import { projectBaselines } from '../projects/baselines.tables.ts';
import { projectMembers, type projects } from '../projects/projects.tables.ts';
import type { StandardDefinition } from '../standards/index.ts';
import {
  milestoneForecasts,
  milestones,
  projectStatus,
  statusReportNotices,
  statusReportReviews,
  statusReports,
} from './reports.tables.ts';

export type ProjectRow = typeof projects.$inferSelect;
export type MilestoneRow = typeof milestones.$inferSelect;
export type ReportRow = typeof statusReports.$inferSelect;
export type ReportInsert = typeof statusReports.$inferInsert;
export type ReviewRow = typeof statusReportReviews.$inferSelect;
export type ProjectStatusRow = typeof projectStatus.$inferSelect;
export type ProjectStatusInsert = typeof projectStatus.$inferInsert;

export interface ReportingProject {
  project: ProjectRow;
  definition: StandardDefinition;
}

/** The project with its bound standard version's definition. */
export async function findProject(db: Queryable, id: string): Promise<ReportingProject | undefined> {
  return projectWithDefinition(db, id);
}

/**
 * The project row locked for the transaction, when it meets `condition` (the caller's
 * visibility): every write of a project's reports and milestones takes it, so that they, and the
 * project_status row they refresh, are ordered one after the other.
 */
export async function lockProject(db: Queryable, id: string, condition?: SQL): Promise<ReportingProject | undefined> {
  return projectWithDefinition(db, id, { condition, lock: true });
}

/** The people holding a role on the project (manager, sponsor, team member). */
export async function projectMemberPeople(db: Queryable, projectId: string): Promise<{ personId: string; role: string }[]> {
  return db
    .select({ personId: projectMembers.personId, role: projectMembers.role })
    .from(projectMembers)
    .where(eq(projectMembers.projectId, projectId));
}

/** The user accounts of the leads of a PMO. */
export async function pmoLeadUserIds(db: Queryable, pmoId: string): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(pmoMembers)
    .innerJoin(users, eq(users.personId, pmoMembers.personId))
    .where(and(eq(pmoMembers.pmoId, pmoId), eq(pmoMembers.role, 'lead'), eq(users.active, true)));
  return rows.map((r) => r.id);
}

export async function userNames(db: Queryable, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((i): i is string => Boolean(i)))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

// ---------------------------------------------------------------- milestones

export async function listMilestones(db: Queryable, projectId: string): Promise<MilestoneRow[]> {
  return db
    .select()
    .from(milestones)
    .where(eq(milestones.projectId, projectId))
    .orderBy(asc(milestones.baselineDate), asc(milestones.name), asc(milestones.id));
}

export async function findMilestone(db: Queryable, id: string): Promise<MilestoneRow | undefined> {
  const [row] = await db.select().from(milestones).where(eq(milestones.id, id));
  return row;
}

export async function insertMilestone(db: Queryable, values: typeof milestones.$inferInsert): Promise<MilestoneRow> {
  const [row] = await db.insert(milestones).values(values).returning();
  return row!;
}

export async function updateMilestone(
  db: Queryable,
  id: string,
  version: number,
  values: Partial<typeof milestones.$inferInsert>,
): Promise<MilestoneRow | undefined> {
  const [row] = await db
    .update(milestones)
    .set({ ...values, version: sql`${milestones.version} + 1`, updatedAt: new Date() })
    .where(and(eq(milestones.id, id), eq(milestones.version, version)))
    .returning();
  return row;
}

export async function deleteMilestone(db: Queryable, id: string, version: number): Promise<boolean> {
  const rows = await db
    .delete(milestones)
    .where(and(eq(milestones.id, id), eq(milestones.version, version)))
    .returning({ id: milestones.id });
  return rows.length > 0;
}

/** Whether a submitted report version forecast the milestone (then it is history and stays). */
export async function milestoneInSubmittedReport(db: Queryable, milestoneId: string): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(milestoneForecasts)
    .innerJoin(statusReports, eq(statusReports.id, milestoneForecasts.reportId))
    .where(and(eq(milestoneForecasts.milestoneId, milestoneId), isNotNull(statusReports.submittedAt)));
  return Number(row?.n ?? 0) > 0;
}

export async function deleteDraftForecastsOf(db: Queryable, milestoneId: string): Promise<void> {
  await db.delete(milestoneForecasts).where(eq(milestoneForecasts.milestoneId, milestoneId));
}

/** The newest submitted forecast of each milestone of a project. */
export async function latestForecasts(db: Queryable, projectId: string): Promise<Map<string, string>> {
  const result = (await db.execute(sql`
    SELECT DISTINCT ON (f.milestone_id) f.milestone_id::text AS id, f.forecast_date::text AS forecast
      FROM ${milestoneForecasts} f JOIN ${statusReports} r ON r.id = f.report_id
     WHERE r.project_id = ${projectId}::uuid AND r.submitted_at IS NOT NULL
     ORDER BY f.milestone_id, r.as_of DESC, r.submitted_at DESC`)) as unknown as { rows: { id: string; forecast: string }[] };
  return new Map(result.rows.map((r) => [r.id, r.forecast.slice(0, 10)]));
}

/** Every submitted forecast of a project's milestones, by report date: the milestone trend chart. */
export async function forecastHistory(
  db: Queryable,
  projectId: string,
): Promise<{ milestoneId: string; reportId: string; asOf: string; forecastDate: string }[]> {
  return db
    .select({
      milestoneId: milestoneForecasts.milestoneId,
      reportId: statusReports.id,
      asOf: statusReports.asOf,
      forecastDate: milestoneForecasts.forecastDate,
    })
    .from(milestoneForecasts)
    .innerJoin(statusReports, eq(statusReports.id, milestoneForecasts.reportId))
    .where(and(eq(statusReports.projectId, projectId), isNotNull(statusReports.submittedAt)))
    .orderBy(asc(statusReports.asOf), asc(statusReports.submittedAt));
}

// ---------------------------------------------------------------- reports

export async function findReport(db: Queryable, id: string): Promise<ReportRow | undefined> {
  const [row] = await db.select().from(statusReports).where(eq(statusReports.id, id));
  return row;
}

export async function findReview(db: Queryable, reportId: string): Promise<ReviewRow | undefined> {
  const [row] = await db.select().from(statusReportReviews).where(eq(statusReportReviews.reportId, reportId));
  return row;
}

export async function reviewsOf(db: Queryable, reportIds: string[]): Promise<Map<string, ReviewRow>> {
  if (reportIds.length === 0) return new Map();
  const rows = await db.select().from(statusReportReviews).where(inArray(statusReportReviews.reportId, reportIds));
  return new Map(rows.map((r) => [r.reportId, r]));
}

/** Every version of one period's report, oldest first, with its review. */
export async function versionsOfPeriod(
  db: Queryable,
  projectId: string,
  periodStart: string,
): Promise<{ report: ReportRow; review: ReviewRow | null }[]> {
  const rows = await db
    .select({ report: statusReports, review: statusReportReviews })
    .from(statusReports)
    .leftJoin(statusReportReviews, eq(statusReportReviews.reportId, statusReports.id))
    .where(and(eq(statusReports.projectId, projectId), eq(statusReports.periodStart, periodStart)))
    .orderBy(asc(statusReports.revision));
  return rows;
}

export async function insertReport(db: Queryable, values: ReportInsert): Promise<ReportRow> {
  const [row] = await db.insert(statusReports).values(values).returning();
  return row!;
}

/** Writes a draft; a submitted version is never written (the WHERE holds it), nor a stale draft. */
export async function updateDraft(
  db: Queryable,
  id: string,
  version: number | null,
  values: Partial<ReportInsert>,
): Promise<ReportRow | undefined> {
  const [row] = await db
    .update(statusReports)
    .set({ ...values, version: sql`${statusReports.version} + 1`, updatedAt: new Date() })
    .where(
      and(
        eq(statusReports.id, id),
        sql`${statusReports.submittedAt} IS NULL`,
        version === null ? undefined : eq(statusReports.version, version),
      ),
    )
    .returning();
  return row;
}

/** The forecasts of a version that has none yet. */
export async function insertForecasts(
  db: Queryable,
  reportId: string,
  forecasts: readonly { milestoneId: string; forecastDate: string }[],
): Promise<void> {
  if (forecasts.length) await db.insert(milestoneForecasts).values(forecasts.map((f) => ({ reportId, ...f })));
}

export async function replaceForecasts(
  db: Queryable,
  reportId: string,
  forecasts: readonly { milestoneId: string; forecastDate: string }[],
): Promise<void> {
  await db.delete(milestoneForecasts).where(eq(milestoneForecasts.reportId, reportId));
  await insertForecasts(db, reportId, forecasts);
}

export async function forecastsOf(
  db: Queryable,
  reportId: string,
): Promise<{ milestoneId: string; name: string; baselineDate: string; forecastDate: string }[]> {
  return db
    .select({
      milestoneId: milestoneForecasts.milestoneId,
      name: milestones.name,
      baselineDate: milestones.baselineDate,
      forecastDate: milestoneForecasts.forecastDate,
    })
    .from(milestoneForecasts)
    .innerJoin(milestones, eq(milestones.id, milestoneForecasts.milestoneId))
    .where(eq(milestoneForecasts.reportId, reportId))
    .orderBy(asc(milestones.baselineDate), asc(milestones.name));
}

export async function insertReview(db: Queryable, values: typeof statusReportReviews.$inferInsert): Promise<ReviewRow> {
  const [row] = await db.insert(statusReportReviews).values(values).returning();
  return row!;
}

function listCondition(projectId: string, visible: SQL | undefined, state?: string): SQL | undefined {
  const stateCondition =
    state === 'draft'
      ? sql`${statusReports.submittedAt} IS NULL`
      : state === 'submitted'
        ? sql`${statusReports.submittedAt} IS NOT NULL AND ${statusReportReviews.reportId} IS NULL`
        : state === 'accepted' || state === 'returned'
          ? eq(statusReportReviews.outcome, state)
          : undefined;
  return and(eq(statusReports.projectId, projectId), visible, stateCondition);
}

/** One page of a project's report versions, newest first. */
export async function listReports(
  db: Queryable,
  projectId: string,
  visible: SQL | undefined,
  state: string | undefined,
  page: Page | null,
): Promise<{ report: ReportRow; review: ReviewRow | null }[]> {
  const query = db
    .select({ report: statusReports, review: statusReportReviews })
    .from(statusReports)
    .leftJoin(statusReportReviews, eq(statusReportReviews.reportId, statusReports.id))
    .where(listCondition(projectId, visible, state))
    .orderBy(desc(statusReports.periodStart), desc(statusReports.revision), desc(statusReports.id))
    .$dynamic();
  if (page) query.limit(page.limit).offset(page.offset);
  return query;
}

export async function countReports(
  db: Queryable,
  projectId: string,
  visible: SQL | undefined,
  state: string | undefined,
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(statusReports)
    .leftJoin(statusReportReviews, eq(statusReportReviews.reportId, statusReports.id))
    .where(listCondition(projectId, visible, state));
  return Number(row?.n ?? 0);
}

/** The period starts that have a submitted version (submitted, accepted or returned), those after `after` when given. */
export async function submittedPeriodStarts(db: Queryable, projectId: string, after?: string): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ periodStart: statusReports.periodStart })
    .from(statusReports)
    .where(
      and(
        eq(statusReports.projectId, projectId),
        isNotNull(statusReports.submittedAt),
        after === undefined ? undefined : gt(statusReports.periodStart, after),
      ),
    );
  return new Set(rows.map((r) => r.periodStart));
}

/** The newest version of each period of a project. */
export async function latestPerPeriod(
  db: Queryable,
  projectId: string,
): Promise<Map<string, { report: ReportRow; review: ReviewRow | null }>> {
  const rows = await db
    .select({ report: statusReports, review: statusReportReviews })
    .from(statusReports)
    .leftJoin(statusReportReviews, eq(statusReportReviews.reportId, statusReports.id))
    .where(eq(statusReports.projectId, projectId))
    .orderBy(asc(statusReports.periodStart), asc(statusReports.revision));
  const latest = new Map<string, { report: ReportRow; review: ReviewRow | null }>();
  for (const row of rows) latest.set(row.report.periodStart, row);
  return latest;
}

/** The newest submitted version (by status date, then submission): what the project's status shows. */
export async function latestSubmitted(
  db: Queryable,
  projectId: string,
): Promise<{ report: ReportRow; review: ReviewRow | null } | undefined> {
  const [row] = await db
    .select({ report: statusReports, review: statusReportReviews })
    .from(statusReports)
    .leftJoin(statusReportReviews, eq(statusReportReviews.reportId, statusReports.id))
    .where(and(eq(statusReports.projectId, projectId), isNotNull(statusReports.submittedAt)))
    .orderBy(desc(statusReports.asOf), desc(statusReports.submittedAt), desc(statusReports.revision))
    .limit(1);
  return row;
}

/** The newest accepted version. */
export async function latestAccepted(
  db: Queryable,
  projectId: string,
): Promise<{ report: ReportRow; review: ReviewRow } | undefined> {
  const [row] = await db
    .select({ report: statusReports, review: statusReportReviews })
    .from(statusReports)
    .innerJoin(statusReportReviews, eq(statusReportReviews.reportId, statusReports.id))
    .where(and(eq(statusReports.projectId, projectId), eq(statusReportReviews.outcome, 'accepted')))
    .orderBy(desc(statusReportReviews.reviewedAt), desc(statusReports.asOf))
    .limit(1);
  return row;
}

export interface ReportCounters {
  reportsSubmitted: number;
  reportsOnTime: number;
  reportsReviewed: number;
  reviewsWithinWeek: number;
  reviewSecondsTotal: number;
  reportsAwaitingReview: number;
}

/**
 * The PMO's record on one project, from its submitted versions: periods submitted, and on time
 * (the period's first submission by its due day, UTC, as a report's `onTime`); versions reviewed,
 * within 7 days, the seconds from submission to review; versions still awaiting review.
 */
export async function reportCounters(db: Queryable, projectId: string): Promise<ReportCounters> {
  const result = (await db.execute(sql`
    WITH v AS (
      SELECT r.period_start, r.due_on, r.submitted_at, rv.reviewed_at
        FROM ${statusReports} r LEFT JOIN ${statusReportReviews} rv ON rv.report_id = r.id
       WHERE r.project_id = ${projectId}::uuid AND r.submitted_at IS NOT NULL
    ), p AS (
      SELECT min(due_on) AS due_on, min(submitted_at) AS first_at FROM v GROUP BY period_start
    )
    SELECT (SELECT count(*) FROM p) AS submitted,
           (SELECT count(*) FROM p WHERE (first_at AT TIME ZONE 'UTC')::date <= due_on) AS on_time,
           count(reviewed_at) AS reviewed,
           count(*) FILTER (WHERE reviewed_at - submitted_at <= interval '7 days') AS within_week,
           coalesce(round(sum(extract(epoch FROM reviewed_at - submitted_at))), 0)::bigint AS review_seconds,
           count(*) FILTER (WHERE reviewed_at IS NULL) AS awaiting
      FROM v`)) as unknown as { rows: Record<string, unknown>[] };
  const row = result.rows[0] ?? {};
  return {
    reportsSubmitted: Number(row.submitted ?? 0),
    reportsOnTime: Number(row.on_time ?? 0),
    reportsReviewed: Number(row.reviewed ?? 0),
    reviewsWithinWeek: Number(row.within_week ?? 0),
    reviewSecondsTotal: Number(row.review_seconds ?? 0),
    reportsAwaitingReview: Number(row.awaiting ?? 0),
  };
}

// ---------------------------------------------------------------- baselines

export type BaselineRow = typeof projectBaselines.$inferSelect;

/**
 * The baseline in force at the end of `asOf` (UTC): the newest version set by then. A report
 * dated before the first baseline was set uses the first one.
 */
export async function baselineInForce(db: Queryable, projectId: string, asOf: string): Promise<BaselineRow | undefined> {
  const [row] = await db
    .select()
    .from(projectBaselines)
    .where(
      and(
        eq(projectBaselines.projectId, projectId),
        lt(projectBaselines.createdAt, sql`(${asOf}::date + 1)::timestamp AT TIME ZONE 'UTC'`),
      ),
    )
    .orderBy(desc(projectBaselines.number))
    .limit(1);
  if (row) return row;
  const [first] = await db
    .select()
    .from(projectBaselines)
    .where(eq(projectBaselines.projectId, projectId))
    .orderBy(asc(projectBaselines.number))
    .limit(1);
  return first;
}

export async function findBaseline(db: Queryable, id: string): Promise<BaselineRow | undefined> {
  const [row] = await db.select().from(projectBaselines).where(eq(projectBaselines.id, id));
  return row;
}

// ---------------------------------------------------------------- project_status and notices

export async function findProjectStatus(db: Queryable, projectId: string): Promise<ProjectStatusRow | undefined> {
  const [row] = await db.select().from(projectStatus).where(eq(projectStatus.projectId, projectId));
  return row;
}

export async function projectStatusOf(db: Queryable, projectIds: string[]): Promise<ProjectStatusRow[]> {
  if (projectIds.length === 0) return [];
  return db.select().from(projectStatus).where(inArray(projectStatus.projectId, projectIds));
}

export async function upsertProjectStatus(db: Queryable, values: ProjectStatusInsert): Promise<ProjectStatusRow> {
  const { projectId: _id, ...rest } = values;
  const [row] = await db
    .insert(projectStatus)
    .values(values)
    .onConflictDoUpdate({ target: projectStatus.projectId, set: { ...rest, updatedAt: new Date() } })
    .returning();
  return row!;
}

/** Inserts the once-row of a notice; false when it was already sent (by this or another worker). */
export async function claimNotice(db: Queryable, projectId: string, periodStart: string, kind: string): Promise<boolean> {
  const rows = await db
    .insert(statusReportNotices)
    .values({ projectId, periodStart, kind })
    .onConflictDoNothing()
    .returning({ kind: statusReportNotices.kind });
  return rows.length > 0;
}
