import type { Actor } from '../../kernel/actor.ts';
import type { Queryable } from '../../kernel/db.ts';
import { today as todayUtc } from '../../kernel/dates.ts';
import type { Page, Paged } from '../../kernel/lists.ts';
import { toNumber } from '../../kernel/rows.ts';
import { governedPmoIds } from '../org/index.ts';
import { visibleProjectFilter } from '../projects/index.ts';
import { visibleReportFilter } from './reports.policy.ts';
import * as queue from './reports.queue.repo.ts';
import type { DueReportFilter, DueReportView, ReviewListFilter, ReviewReportView } from './reports.queue.schema.ts';
import * as repo from './reports.repo.ts';
import { namedUsers, summaryView } from './reports.views.ts';

/**
 * The lists of status reports across projects: what the caller owes, and what their PMO has to
 * review. Each shows only what the caller could open one by one (the project, the report version).
 */

/**
 * The reports the caller owes, one per open project they report on (its manager, or staff of a PMO
 * governing it), latest first: from each project's status row, never from its reports. A project
 * gets its row with its go-ahead's first sweep (every 15 minutes) or its first report.
 */
export async function listDueReports(
  db: Queryable,
  actor: Actor,
  filter: DueReportFilter = {},
  page: Page | null = null,
): Promise<Paged<DueReportView>> {
  const governed = filter.managed ? [] : await governedPmoIds(db, actor);
  const condition: queue.DueCondition = {
    visible: await visibleProjectFilter(db, actor),
    reporter: queue.reporterCondition(actor.personId, governed),
    dueStates: filter.dueStates,
    today: todayUtc(),
  };
  const rows = await queue.listDue(db, condition, page);
  const total = page ? await queue.countDue(db, condition) : rows.length;
  return {
    total,
    items: rows.map((r) => ({
      project: { id: r.projectId, code: r.code, name: r.name },
      pmo: { id: r.pmoId, name: r.pmoName },
      projectManager: r.managerId ? { id: r.managerId, name: r.managerName ?? '' } : null,
      periodStart: r.owedPeriodStart,
      // A report is due on the last day of its period (reports.cadence.ts), so the due day ends it.
      periodEnd: r.nextDueOn,
      dueOn: r.nextDueOn,
      dueState: r.dueState,
      daysLate: toNumber(r.daysLate),
      draft: r.draftId ? { id: r.draftId, revision: toNumber(r.draftRevision) } : null,
      returned: r.returnedId
        ? {
            id: r.returnedId,
            periodStart: r.returnedPeriodStart!,
            periodEnd: r.returnedPeriodEnd!,
            revision: r.returnedRevision!,
            revisionDraftId: r.revisionDraftId,
          }
        : null,
    })),
  };
}

/**
 * Report versions across the projects the caller may see, newest submission first, each visible
 * by the same rule as its own GET; `state: 'submitted'` gives those awaiting the PMO's review, and
 * `reviewable` those the caller may review now (never one of their own projects).
 */
export async function listReportsForReview(
  db: Queryable,
  actor: Actor,
  filter: ReviewListFilter = {},
  page: Page | null = null,
): Promise<Paged<ReviewReportView>> {
  const canReview = actor.permissions.has('reports.review');
  const governed = canReview ? await governedPmoIds(db, actor) : [];
  const condition: queue.ReviewCondition = {
    visible: await visibleReportFilter(db, actor),
    state: filter.state,
    pmoId: filter.pmoId,
    mismatch: filter.mismatch,
    q: filter.q,
    reviewable: filter.reviewable,
    mayReview: queue.mayReviewCondition({ userId: actor.userId, personId: actor.personId, canReview }, governed),
  };
  const rows = await queue.listForReview(db, condition, page);
  const total = page ? await queue.countForReview(db, condition) : rows.length;
  const names = await repo.userNames(db, namedUsers(rows));
  return {
    total,
    items: rows.map((r) => ({
      ...summaryView(r.report, r.review, names),
      project: { id: r.report.projectId, code: r.code, name: r.name },
      pmo: { id: r.pmoId, name: r.pmoName },
      mayReview: Boolean(r.mayReview),
    })),
  };
}
