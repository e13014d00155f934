import { type SQL, and, asc, count, desc, eq, ilike, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../kernel/db.ts';
import type { Page } from '../../kernel/lists.ts';
import { toNumber } from '../../kernel/rows.ts';
import { people, pmos } from '../org/org.tables.ts';
import { daysLate, liveDueState } from '../projects/index.ts';
import { projectMembers, projects } from '../projects/projects.tables.ts';
import type { ReportRow, ReviewRow } from './reports.repo.ts';
import type { OwedState } from './reports.queue.schema.ts';
import { projectStatus, statusReportReviews, statusReports } from './reports.tables.ts';

/** SQL of the lists across projects: the owed reports (from project_status) and the versions to review. */

const OPEN = ['active', 'on_hold'] as const;

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// ---------------------------------------------------------------- owed reports

export interface DueCondition {
  /** The projects the caller may see (undefined: all). */
  visible: SQL | undefined;
  /** The projects the caller reports on. */
  reporter: SQL;
  dueStates?: OwedState[];
  today: string;
}

function dueWhere(c: DueCondition): SQL | undefined {
  return and(
    c.visible,
    c.reporter,
    inArray(projects.state, [...OPEN]),
    isNotNull(projectStatus.nextDueOn),
    c.dueStates?.length ? inArray(liveDueState(c.today), c.dueStates) : undefined,
  );
}

const returnedReport = alias(statusReports, 'returned_report');

export interface DueRow {
  projectId: string;
  code: string;
  name: string;
  pmoId: string;
  pmoName: string;
  managerId: string | null;
  managerName: string | null;
  owedPeriodStart: string;
  nextDueOn: string;
  dueState: OwedState;
  daysLate: number | string;
  draftId: string | null;
  draftRevision: number | string | null;
  returnedId: string | null;
  returnedPeriodStart: string | null;
  returnedPeriodEnd: string | null;
  returnedRevision: number | null;
  revisionDraftId: string | null;
}

/**
 * One page of the open projects that owe a report, oldest due day first (the latest first), read
 * from their status rows: the owed period, its due state today, and the draft of it (one index
 * lookup per row, by project and period), with the latest submitted version when it was returned.
 */
export async function listDue(db: Queryable, c: DueCondition, page: Page | null): Promise<DueRow[]> {
  const draftOf = (column: SQL) =>
    sql`(SELECT ${column} FROM ${statusReports} d WHERE d.project_id = ${projectStatus.projectId} AND d.period_start = ${projectStatus.owedPeriodStart} AND d.submitted_at IS NULL ORDER BY d.revision DESC LIMIT 1)`;
  const query = db
    .select({
      projectId: projects.id,
      code: projects.code,
      name: projects.name,
      pmoId: pmos.id,
      pmoName: pmos.name,
      managerId: people.id,
      managerName: people.name,
      owedPeriodStart: sql<string>`${projectStatus.owedPeriodStart}::text`,
      nextDueOn: sql<string>`${projectStatus.nextDueOn}::text`,
      dueState: liveDueState(c.today) as SQL<OwedState>,
      daysLate: daysLate(c.today),
      draftId: sql<string | null>`${draftOf(sql`d.id::text`)}`,
      draftRevision: sql<number | null>`${draftOf(sql`d.revision`)}`,
      returnedId: returnedReport.id,
      returnedPeriodStart: sql<string | null>`${returnedReport.periodStart}::text`,
      returnedPeriodEnd: sql<string | null>`${returnedReport.periodEnd}::text`,
      returnedRevision: returnedReport.revision,
      revisionDraftId: sql<
        string | null
      >`(SELECT n.id::text FROM ${statusReports} n WHERE n.project_id = ${returnedReport.projectId} AND n.period_start = ${returnedReport.periodStart} AND n.revision > ${returnedReport.revision} AND n.submitted_at IS NULL LIMIT 1)`,
    })
    .from(projectStatus)
    .innerJoin(projects, eq(projects.id, projectStatus.projectId))
    .innerJoin(pmos, eq(pmos.id, projects.pmoId))
    .leftJoin(people, eq(people.id, projects.projectManagerId))
    .leftJoin(
      returnedReport,
      and(eq(returnedReport.id, projectStatus.lastReportId), eq(projectStatus.lastReportState, 'returned')),
    )
    .where(dueWhere(c))
    .orderBy(asc(projectStatus.nextDueOn), asc(projects.code), asc(projects.id))
    .$dynamic();
  if (page) query.limit(page.limit).offset(page.offset);
  return (await query) as DueRow[];
}

export async function countDue(db: Queryable, c: DueCondition): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(projectStatus)
    .innerJoin(projects, eq(projects.id, projectStatus.projectId))
    .where(dueWhere(c));
  return toNumber(row?.n);
}

/**
 * The projects a person manages (its project manager, or a project_manager member), and those of
 * the PMOs in `governedPmoIds`: the rule of `mayReportOn`, as a condition over `projects`.
 */
export function reporterCondition(personId: string | null, governedPmoIds: readonly string[]): SQL {
  const managed = personId
    ? [
        eq(projects.projectManagerId, personId),
        sql`${projects.id} IN (SELECT ${projectMembers.projectId} FROM ${projectMembers} WHERE ${projectMembers.personId} = ${personId}::uuid AND ${projectMembers.role} = 'project_manager')`,
      ]
    : [];
  const governed = governedPmoIds.length ? [inArray(projects.pmoId, [...governedPmoIds])] : [];
  return or(...managed, ...governed) ?? sql`false`;
}

// ---------------------------------------------------------------- versions across projects

export interface ReviewCondition {
  /** The versions the caller may see one by one (visibleReportFilter). */
  visible: SQL | undefined;
  state?: string;
  pmoId?: string;
  mismatch?: boolean;
  q?: string;
  /** Only those `mayReview` holds for. */
  reviewable?: boolean;
  mayReview: SQL;
}

/**
 * Whether the actor may review a version now, over `status_reports LEFT JOIN reviews JOIN projects`:
 * submitted and not reviewed, of a project of a PMO they govern, which they are not part of (manager,
 * sponsor, member) and did not submit — the rule of `reportRelation` and the state table.
 */
export function mayReviewCondition(
  actor: { userId: string | null; personId: string | null; canReview: boolean },
  governedPmoIds: readonly string[],
): SQL {
  if (!actor.canReview || governedPmoIds.length === 0) return sql`false`;
  const person = actor.personId;
  return and(
    isNotNull(statusReports.submittedAt),
    isNull(statusReportReviews.reportId),
    inArray(projects.pmoId, [...governedPmoIds]),
    actor.userId ? sql`${statusReports.submittedBy} IS DISTINCT FROM ${actor.userId}::uuid` : undefined,
    person
      ? and(
          sql`${projects.projectManagerId} IS DISTINCT FROM ${person}::uuid`,
          sql`${projects.sponsorId} IS DISTINCT FROM ${person}::uuid`,
          sql`NOT EXISTS (SELECT 1 FROM ${projectMembers} WHERE ${projectMembers.projectId} = ${projects.id} AND ${projectMembers.personId} = ${person}::uuid)`,
        )
      : undefined,
  )!;
}

function stateCondition(state: string | undefined): SQL | undefined {
  if (state === 'draft') return isNull(statusReports.submittedAt);
  if (state === 'submitted') return and(isNotNull(statusReports.submittedAt), isNull(statusReportReviews.reportId));
  if (state === 'accepted' || state === 'returned') return eq(statusReportReviews.outcome, state);
  return undefined;
}

function reviewWhere(c: ReviewCondition): SQL | undefined {
  return and(
    c.visible,
    stateCondition(c.state),
    c.pmoId ? eq(projects.pmoId, c.pmoId) : undefined,
    c.mismatch === undefined
      ? undefined
      : c.mismatch
        ? eq(statusReports.mismatch, true)
        : sql`${statusReports.mismatch} IS NOT TRUE`,
    c.q ? or(ilike(projects.code, likePattern(c.q)), ilike(projects.name, likePattern(c.q))) : undefined,
    c.reviewable ? c.mayReview : undefined,
  );
}

export interface ReviewRowJoined {
  report: ReportRow;
  review: ReviewRow | null;
  code: string;
  name: string;
  pmoId: string;
  pmoName: string;
  mayReview: boolean;
}

/** One page of the versions, newest submission first (drafts after, newest first). */
export async function listForReview(db: Queryable, c: ReviewCondition, page: Page | null): Promise<ReviewRowJoined[]> {
  const query = db
    .select({
      report: statusReports,
      review: statusReportReviews,
      code: projects.code,
      name: projects.name,
      pmoId: pmos.id,
      pmoName: pmos.name,
      mayReview: sql<boolean>`(${c.mayReview})`,
    })
    .from(statusReports)
    .innerJoin(projects, eq(projects.id, statusReports.projectId))
    .innerJoin(pmos, eq(pmos.id, projects.pmoId))
    .leftJoin(statusReportReviews, eq(statusReportReviews.reportId, statusReports.id))
    .where(reviewWhere(c))
    .orderBy(sql`${statusReports.submittedAt} DESC NULLS LAST`, desc(statusReports.createdAt), desc(statusReports.id))
    .$dynamic();
  if (page) query.limit(page.limit).offset(page.offset);
  return query;
}

export async function countForReview(db: Queryable, c: ReviewCondition): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(statusReports)
    .innerJoin(projects, eq(projects.id, statusReports.projectId))
    .leftJoin(statusReportReviews, eq(statusReportReviews.reportId, statusReports.id))
    .where(reviewWhere(c));
  return toNumber(row?.n);
}
