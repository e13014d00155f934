/**
 * Status reports: milestones, report periods by the standard's cadence, report versions with
 * earned value, computed RAG and mismatches, the PMO's review, the project_status row the
 * dashboard reads, and the sweep that reminds and escalates overdue reports.
 */
import { ilike, or, sql } from 'drizzle-orm';
import { type AuditedRecord, fieldNamedInEvents, idAmong, idsWhoseEventsName, isUuid, namesFrom } from '../audit/index.ts';
import { canSeeProject, visibleProjectFilter } from '../projects/index.ts';
import { projects } from '../projects/projects.tables.ts';
import { canSeeReport, visibleReportFilter } from './reports.policy.ts';
import * as repo from './reports.repo.ts';
import { milestones, statusReports } from './reports.tables.ts';
import './reports.jobs.ts';

export { reportsRoutes } from './reports.routes.ts';
/** Use cases of the report workflow (each one transaction with its audit event). */
export { listReports, getReport, createReport, updateReport, submitReport } from './reports.service.ts';
export { acceptReport, returnReport, reviseReport } from './reports.review.ts';
export {
  listMilestones,
  getMilestone,
  createMilestone,
  updateMilestone,
  deleteMilestone,
  milestoneTrend,
  /** Move milestone baselines inside the caller's transaction (a re-baseline's approval), each audited. */
  moveMilestoneBaselinesInTx,
} from './reports.milestones.ts';
export { listReportPeriods, getReporting } from './reports.periods.ts';
/** The S-curve and SPI/CPI trend series: the baseline in force and each period's stored earned value. */
export { getProjectPerformance } from './reports.performance.ts';
/**
 * The current status row of each project (project_status), kept by every write of its reports:
 * @example const [row] = await projectStatusOf(db, [projectId]); row.mismatch, row.computedOverall, row.spi
 */
export { projectStatusOf } from './reports.repo.ts';
export type { ProjectStatusRow } from './reports.repo.ts';
export {
  computeProjectStatus,
  refreshProjectStatusInTx,
  startProjectStatusInTx,
  owedPeriod,
  projectDueState,
} from './reports.status.ts';
export type { ReportingProject } from './reports.repo.ts';
/**
 * The pure figures a submission stores (earned value, computed RAG, mismatches) and the cadence's
 * periods and due states, for writers that build report history outside the use cases (the demo seed):
 * @example const evm = earnedValue({ bac, curve, asOf, percentComplete, actualCost }); computeRag({ evm, ... })
 */
export { earnedValue, type Evm } from './reports.evm.ts';
export { computeRag, findMismatches, worstRag, type ComputedRag, type Mismatch, type Rag } from './reports.tolerances.ts';
export { reportPeriods, periodOf, dueState, dueMilestones, type Cadence, type ReportPeriod } from './reports.cadence.ts';
/** A version as the API and the audit trail show it, from its row, review and the users it names. */
export { summaryView } from './reports.views.ts';
/** The sweep of overdue reports (task 'reports.sweep', every 15 minutes) and the calendar's due reports. */
export { sweepStatusReports, dueReportEntries, SWEEP_TASK, type SweepResult } from './reports.sweep.ts';
export { canSeeReport, visibleReportFilter, mayReportOn, mayKeepMilestonesOf } from './reports.policy.ts';
export { REPORT_STATES, REPORT_ACTIONS, REPORT_TRANSITIONS, nextReportState, allowedReportActions } from './reports.states.ts';
export type { ReportState, ReportAction, ReportRelation } from './reports.states.ts';
export type {
  ReportView,
  ReportSummary,
  MilestoneView,
  ReportPeriodView,
  ReportingView,
  MilestoneTrend,
} from './reports.schema.ts';
export type { ProjectPerformance, PerformancePoint } from './reports.performance.schema.ts';

const projectIds = (where: ReturnType<typeof sql> | undefined) =>
  sql`SELECT ${projects.id}::text FROM ${projects}${where ? sql` WHERE ${where}` : sql``}`;
const projectsMatching = (pattern: string) => projectIds(or(ilike(projects.code, pattern), ilike(projects.name, pattern)));

/**
 * A report version's history is visible to whoever may see the version (a draft: those who report
 * on the project); a milestone's to whoever may see its project, also once it is removed (its
 * events name its project, which never changes).
 */
export const reportsVisibility: Record<string, AuditedRecord> = {
  status_report: {
    canSee: (db, actor, id) => canSeeReport(db, actor, id),
    visibleWhere: async (db, actor, id) => idAmong(id, statusReports.id, await visibleReportFilter(db, actor)),
    names: (db, ids) =>
      namesFrom(
        db,
        statusReports.id,
        sql`(SELECT ${projects.code} FROM ${projects} WHERE ${projects.id} = ${statusReports.projectId}) || ' · report ' || ${statusReports.periodStart}::text || ' r' || ${statusReports.revision}::text`,
        ids,
      ),
    matching: (id, pattern) =>
      idAmong(id, statusReports.id, sql`${statusReports.projectId}::text IN (${projectsMatching(pattern)})`),
  },
  milestone: {
    canSee: async (db, actor, id) => {
      if (!isUuid(id)) return false;
      const row = await repo.findMilestone(db, id);
      const projectId = row ? row.projectId : await fieldNamedInEvents(db, 'milestone', id, 'projectId');
      return projectId !== null && (await canSeeProject(db, actor, projectId));
    },
    visibleWhere: async (db, actor, id) => {
      const condition = await visibleProjectFilter(db, actor);
      return condition && idsWhoseEventsName(id, 'milestone', 'projectId', projectIds(condition));
    },
    names: (db, ids) =>
      namesFrom(
        db,
        milestones.id,
        sql`(SELECT ${projects.code} FROM ${projects} WHERE ${projects.id} = ${milestones.projectId}) || ' · ' || ${milestones.name}`,
        ids,
      ),
    matching: (id, pattern) =>
      or(
        idAmong(id, milestones.id, ilike(milestones.name, pattern)),
        idsWhoseEventsName(id, 'milestone', 'projectId', projectsMatching(pattern)),
      )!,
  },
};
