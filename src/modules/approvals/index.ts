/**
 * Approval requests routed by the PMO's delegation of authority: the route a change on a project
 * travels (`routeForProject`, from the thresholds and the reporting line), the requests with
 * their steps, decisions and effects, delegates for holiday cover, step deadlines on the job
 * queue, and the approvals card of the dashboard.
 */
import { ilike, or, sql } from 'drizzle-orm';
import { type AuditedRecord, fieldNamedInEvents, idAmong, idsWhoseEventsName, isUuid, namesFrom } from '../audit/index.ts';
import { canSeeProject, visibleProjectFilter } from '../projects/index.ts';
import { projects } from '../projects/projects.tables.ts';
import './approvals.deadlines.ts';
import * as repo from './approvals.repo.ts';
import { actingAs, visibleRequest } from './approvals.service.ts';
import { approvalDelegates, approvalRequests } from './approvals.tables.ts';

export { APPROVER_LEVELS, LEVEL_NAMES, routeApproval } from './approvals.routing.ts';
export type { Approver, ReportingLine, RouteStep, Routing, RoutingInput, StepLevel, Threshold } from './approvals.routing.ts';
/** The route of a change on a project: `await routeForProject(db, projectId, { subject, size, requesterUserId })`. */
export { lineOfPmo, routeForProject, thresholdsForPmo } from './approvals.line.ts';
export type { ProjectChange } from './approvals.line.ts';
export { approvalsRoutes } from './approvals.routes.ts';
/** Use cases of the requests (each one transaction with its audit event and notices). */
export { getApproval, listApprovals, previewApproval, raiseApproval } from './approvals.service.ts';
export { answerApproval, decideApproval, withdrawApproval } from './approvals.decisions.ts';
/** The effect of a kind whose record is another module's: `defineApprovalEffect('initiation', handler)` (intake). */
export { defineApprovalEffect, type ApprovalEffect } from './approvals.decisions.ts';
/** The go-ahead of an initiation request above its lead's limit: `await routeGoAheadInTx(tx, lead, input)` (null: the lead decides alone). */
export { routeGoAheadInTx, type GoAheadInput, type RoutedGoAhead } from './approvals.initiation.ts';
export { openInitiationApproval } from './approvals.repo.ts';
export { keyOf as approvalKey } from './approvals.service.ts';
export { createDelegate, deleteDelegate, listDelegates } from './approvals.delegates.ts';
/** The late steps' reminders and escalations (the job queue runs it every 15 minutes). */
export { DEADLINES_TASK, sweepApprovalDeadlines } from './approvals.deadlines.ts';
export { approvalsDashboard } from './approvals.dashboard.ts';
export type {
  ApprovalSummary,
  ApprovalView,
  DelegateView,
  InitiationChangeValue,
  RaiseApprovalInput,
} from './approvals.schema.ts';

const projectIds = (where: ReturnType<typeof sql> | undefined) =>
  sql`SELECT ${projects.id}::text FROM ${projects}${where ? sql` WHERE ${where}` : sql``}`;

/**
 * A request's history is visible to whoever may read the request (its project is visible, or its
 * route names them); a delegation's to its approver and its delegate.
 */
export const approvalsVisibility: Record<string, AuditedRecord> = {
  approval_request: {
    canSee: async (db, actor, id) => {
      if (!isUuid(id)) return false;
      if (await repo.findRequest(db, id)) {
        return visibleRequest(db, actor, id).then(
          () => true,
          () => false,
        );
      }
      const projectId = await fieldNamedInEvents(db, 'approval_request', id, 'projectId');
      return projectId !== null && (await canSeeProject(db, actor, projectId));
    },
    visibleWhere: async (db, actor, id) => {
      const condition = await visibleProjectFilter(db, actor);
      if (!condition) return undefined;
      return or(
        idsWhoseEventsName(id, 'approval_request', 'projectId', projectIds(condition)),
        idAmong(id, approvalRequests.id, repo.namesApprover(await actingAs(db, actor))),
      );
    },
    names: (db, ids) =>
      namesFrom(
        db,
        approvalRequests.id,
        sql`(SELECT ${projects.code} FROM ${projects} WHERE ${projects.id} = ${approvalRequests.projectId}) || ' · AR-' || ${approvalRequests.number}::text || ' ' || ${approvalRequests.title}`,
        ids,
      ),
    matching: (id, pattern) =>
      or(
        idAmong(id, approvalRequests.id, ilike(approvalRequests.title, pattern)),
        idsWhoseEventsName(
          id,
          'approval_request',
          'projectId',
          projectIds(or(ilike(projects.code, pattern), ilike(projects.name, pattern))),
        ),
      )!,
  },
  approval_delegate: {
    canSee: async (db, actor, id) => {
      if (!isUuid(id) || !actor.userId) return false;
      const row = await repo.findDelegate(db, id);
      const userId = row ? row.row.userId : await fieldNamedInEvents(db, 'approval_delegate', id, 'userId');
      const delegateUserId = row
        ? row.row.delegateUserId
        : await fieldNamedInEvents(db, 'approval_delegate', id, 'delegateUserId');
      return userId === actor.userId || delegateUserId === actor.userId;
    },
    visibleWhere: async (_db, actor, id) => {
      if (!actor.userId) return sql`false`;
      const me = sql`SELECT ${actor.userId}::text`;
      return or(
        idsWhoseEventsName(id, 'approval_delegate', 'userId', me),
        idsWhoseEventsName(id, 'approval_delegate', 'delegateUserId', me),
      );
    },
    names: (db, ids) =>
      namesFrom(
        db,
        approvalDelegates.id,
        sql`'cover from ' || ${approvalDelegates.startsOn}::text || ' to ' || ${approvalDelegates.endsOn}::text`,
        ids,
      ),
    matching: (id, pattern) => idAmong(id, approvalDelegates.id, ilike(approvalDelegates.reason, pattern)),
  },
};
