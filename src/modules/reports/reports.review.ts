import { activeUsersOfPeople } from '../auth/index.ts';
import type { Actor } from '../../kernel/actor.ts';
import type { Db, Queryable } from '../../kernel/db.ts';
import { AppError } from '../../kernel/errors.ts';
import { today as todayUtc } from '../../kernel/dates.ts';
import { transact } from '../../kernel/usecase.ts';
import { recordAudit } from '../audit/index.ts';
import { markReadAboutInTx, notify } from '../notify/index.ts';
import { reportRelation } from './reports.policy.ts';
import * as repo from './reports.repo.ts';
import { assertReportable, refused } from './reports.rules.ts';
import type { ReportView } from './reports.schema.ts';
import { lockVisibleProject, visibleReport } from './reports.service.ts';
import { nextReportState } from './reports.states.ts';
import { refreshProjectStatusInTx } from './reports.status.ts';
import { detailView, stateOf } from './reports.views.ts';

/** Whom a report concerns on the project's side: the users of its managers, and its submitter. */
async function reporterUserIds(db: Queryable, project: repo.ProjectRow, submittedBy: string | null) {
  const managers = (await repo.projectMemberPeople(db, project.id))
    .filter((m) => m.role === 'project_manager')
    .map((m) => m.personId);
  const users = (await activeUsersOfPeople(db, [project.projectManagerId, ...managers])).map((u) => u.userId);
  return [...new Set([...users, ...(submittedBy ? [submittedBy] : [])])];
}

/**
 * The PMO's review of a submitted version: accepted (it feeds the dashboard and portfolio
 * reviews) or returned with a comment for a revision. A lead or analyst of a PMO governing the
 * project, never someone who is part of the project or submitted the version.
 */
async function review(
  db: Db,
  actor: Actor,
  projectId: string,
  reportId: string,
  outcome: 'accepted' | 'returned',
  comment: string | null,
): Promise<ReportView> {
  if (!actor.userId) throw new AppError('FORBIDDEN', 'only a user reviews status reports');
  const reviewer = actor.userId;
  return transact(db, async ({ tx }) => {
    const rp = await lockVisibleProject(tx, actor, projectId);
    const report = await visibleReport(tx, actor, projectId, reportId);
    const before = await repo.findReview(tx, reportId);
    const relation = await reportRelation(tx, actor, rp.project, report);
    const transition = nextReportState(stateOf(report, before), outcome === 'accepted' ? 'accept' : 'return', relation);
    await repo.insertReview(tx, { reportId, outcome, comment, reviewedBy: reviewer });
    await refreshProjectStatusInTx(tx, rp, todayUtc());
    await recordAudit(tx, actor, {
      entityType: 'status_report',
      entityId: reportId,
      action: transition.audit,
      before: { state: 'submitted', projectId },
      after: { state: outcome, projectId, comment },
      reason: comment,
    });
    // Reviewing answers the notices that brought the reviewer here.
    await markReadAboutInTx(tx, actor.userId, 'status_report', reportId);
    const { project } = rp;
    const span = `${report.periodStart} to ${report.periodEnd}`;
    await notify(tx, {
      userIds: (await reporterUserIds(tx, project, report.submittedBy)).filter((u) => u !== actor.userId),
      kind: outcome === 'accepted' ? 'status_report.accepted' : 'status_report.returned',
      title:
        outcome === 'accepted'
          ? `${project.code}: the status report for ${span} was accepted`
          : `${project.code}: the status report for ${span} was returned for revision`,
      body: comment,
      link: `/projects/${projectId}/status-reports/${reportId}`,
      entityType: 'status_report',
      entityId: reportId,
    });
    return detailView(tx, actor, rp, reportId);
  });
}

/** Submitted → accepted, with an optional comment. */
export const acceptReport = (db: Db, actor: Actor, projectId: string, reportId: string, input: { comment?: string } = {}) =>
  review(db, actor, projectId, reportId, 'accepted', input.comment?.trim() || null);

/** Submitted → returned, with the comment the project manager revises against. */
export const returnReport = (db: Db, actor: Actor, projectId: string, reportId: string, input: { comment: string }) =>
  review(db, actor, projectId, reportId, 'returned', input.comment.trim());

/**
 * Starts the revision of a returned version: a new draft version of the same period (revision
 * n + 1) with the returned version's content and forecasts, to edit and submit again.
 */
export async function reviseReport(db: Db, actor: Actor, projectId: string, reportId: string): Promise<ReportView> {
  return transact(db, async ({ tx }) => {
    const rp = await lockVisibleProject(tx, actor, projectId);
    const returned = await visibleReport(tx, actor, projectId, reportId);
    const versions = await repo.versionsOfPeriod(tx, projectId, returned.periodStart);
    const own = versions.find((v) => v.report.id === reportId)!;
    nextReportState(stateOf(returned, own.review), 'revise', await reportRelation(tx, actor, rp.project, returned));
    assertReportable(rp);
    const latest = versions[versions.length - 1]!;
    if (latest.report.id !== reportId) {
      throw refused('ALREADY_EXISTS', 'reportId', `revision ${latest.report.revision} of this period already exists`, {
        reportId: latest.report.id,
      });
    }
    const row = await repo.insertReport(tx, {
      projectId,
      periodStart: returned.periodStart,
      periodEnd: returned.periodEnd,
      dueOn: returned.dueOn,
      revision: returned.revision + 1,
      asOf: returned.asOf,
      percentComplete: returned.percentComplete,
      actualCost: returned.actualCost,
      rag: returned.rag,
      ragReasons: returned.ragReasons,
      forecastFinish: returned.forecastFinish,
      accomplishments: returned.accomplishments,
      nextSteps: returned.nextSteps,
      helpNeeded: returned.helpNeeded,
      createdBy: actor.userId,
    });
    const forecasts = await repo.forecastsOf(tx, reportId);
    await repo.replaceForecasts(
      tx,
      row.id,
      forecasts.map((f) => ({ milestoneId: f.milestoneId, forecastDate: f.forecastDate })),
    );
    const view = await detailView(tx, actor, rp, row.id);
    const { allowedActions: _a, versions: _v, ...record } = view;
    await recordAudit(tx, actor, {
      entityType: 'status_report',
      entityId: row.id,
      action: 'status_report.revised',
      before: { revisionOf: reportId, projectId },
      after: record,
    });
    return view;
  });
}
