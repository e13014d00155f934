import { and, asc, desc, eq, isNotNull } from 'drizzle-orm';
import type { Queryable } from '../../kernel/db.ts';
import { projectBaselines } from '../projects/baselines.tables.ts';
import { statusReportReviews, statusReports } from './reports.tables.ts';

/** The reads of the performance series (SQL only), beside reports.repo.ts. */

export type BaselineVersionRow = typeof projectBaselines.$inferSelect;

/** Every baseline version of a project, oldest first. */
export async function baselineVersions(db: Queryable, projectId: string): Promise<BaselineVersionRow[]> {
  return db
    .select()
    .from(projectBaselines)
    .where(eq(projectBaselines.projectId, projectId))
    .orderBy(asc(projectBaselines.number));
}

export interface SubmittedVersionRow {
  id: string;
  periodStart: string;
  periodEnd: string;
  revision: number;
  asOf: string;
  baselineId: string | null;
  evm: unknown;
  submittedAt: Date | null;
  outcome: 'accepted' | 'returned' | null;
}

/**
 * The latest submitted revision of each report period (a draft revision after a return does not
 * count: its figures are not computed yet), by status date.
 */
export async function latestSubmittedPerPeriod(db: Queryable, projectId: string): Promise<SubmittedVersionRow[]> {
  const rows = await db
    .selectDistinctOn([statusReports.periodStart], {
      id: statusReports.id,
      periodStart: statusReports.periodStart,
      periodEnd: statusReports.periodEnd,
      revision: statusReports.revision,
      asOf: statusReports.asOf,
      baselineId: statusReports.baselineId,
      evm: statusReports.evm,
      submittedAt: statusReports.submittedAt,
      outcome: statusReportReviews.outcome,
    })
    .from(statusReports)
    .leftJoin(statusReportReviews, eq(statusReportReviews.reportId, statusReports.id))
    .where(and(eq(statusReports.projectId, projectId), isNotNull(statusReports.submittedAt)))
    .orderBy(asc(statusReports.periodStart), desc(statusReports.revision));
  return rows.sort((a, b) => a.asOf.localeCompare(b.asOf) || a.periodStart.localeCompare(b.periodStart));
}
