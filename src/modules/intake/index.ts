/** Initiation requests (demand intake): drafts, the request workflow, comments and attachments. */
import { ilike, or, sql } from 'drizzle-orm';
import { type AuditedRecord, idAmong, namesFrom } from '../audit/index.ts';
import { canSeeRequest, visibleRequestFilter } from './intake.policy.ts';
import { initiationRequests } from './intake.tables.ts';

export { intakeRoutes } from './intake.routes.ts';
/** The PMO's decision: approve (project, baseline, allocations, go-ahead in one transaction), reject, defer. */
export { decisionRoutes } from './intake.decision.routes.ts';
export { DecisionBody, baselineCurve, decideRequest, type DecisionResult } from './intake.decision.ts';
/** Use cases of the request workflow (each one transaction with its audit event). */
export {
  listRequests,
  getRequest,
  createRequest,
  updateRequest,
  submitRequest,
  startReview,
  requestInfo,
  withdrawRequest,
  reopenRequest,
  missingForSubmission,
  totalCostOf,
} from './intake.service.ts';
export { listComments, addComment } from './intake.comments.ts';
/**
 * What the decision (POST /requests/{id}/decision) needs, all in the caller's transaction:
 * @example const req = await getRequestForDecisionInTx(tx, id); await checkDecisionInTx(tx, actor, id, 'approve');
 *          const decided = await markDecidedInTx(tx, actor, id, { outcome: 'approve', rationale, projectId });
 */
export {
  getRequestForDecisionInTx,
  checkDecisionInTx,
  markDecidedInTx,
  requestRelationInTx,
} from './intake.decided.ts';
export { lockVisibleRequest } from './intake.service.ts';
export type { DecisionRequest, DecisionInput, DecidedRequest, DecisionOutcomeInput } from './intake.decided.ts';
export { canSeeRequest, relationTo, visibleRequestFilter } from './intake.policy.ts';
export {
  REQUEST_STATES,
  REQUEST_ACTIONS,
  DECISION_OUTCOMES,
  TRANSITIONS,
  nextState,
  allowedActions,
} from './intake.states.ts';
export type { RequestState, RequestAction, DecisionOutcome, ActorRelation, AllowedAction } from './intake.states.ts';
export type { RequestView, RequestSummary, CostLine, SkillDemand, Benefit, KnownRisk, Dependency } from './intake.schema.ts';
export { MAX_ATTACHMENT_BYTES, detectAttachmentType } from './intake.attachments.ts';
/** Strategic drivers (AHP), ratings and the priority score; the review queue. */
export { driversRoutes } from './intake.drivers.routes.ts';
/**
 * For the decision: `await assertScoreUsable(tx, requestId)` throws 409 INVALID_STATE when the
 * PMO's driver comparisons are missing or inconsistent, or a driver is unrated; else gives the score.
 */
export {
  requestScore,
  assertScoreUsable,
  scoreFromRatings,
  RATING_VALUE,
  getDriverComparisons,
  saveDriverComparisons,
  saveDriverComparisonsInTx,
  evaluateDriverComparisons,
  getRequestRatings,
  rateRequest,
  rateRequestInTx,
} from './intake.drivers.service.ts';
export type { DriverSetView, RequestScore, RatingView } from './intake.drivers.service.ts';
export { reviewQueue } from './intake.queue.service.ts';
export type { ReviewQueue, ReviewQueueItem } from './intake.queue.service.ts';
export { evaluateComparisons, validateComparisonMatrix, consistentMatrix, RANDOM_INDEX, SAATY_SCALE } from './intake.ahp.ts';
export type { AhpEvaluation, Disagreement } from './intake.ahp.ts';

/**
 * A request's history (its comments and decision too) is visible to whoever may see the request:
 * per id for its history, and as SQL, from the same filter, for the audit list.
 */
export const intakeVisibility: Record<string, AuditedRecord> = {
  request: {
    canSee: (db, actor, id) => canSeeRequest(db, actor, id),
    visibleWhere: async (db, actor, id) => idAmong(id, initiationRequests.id, await visibleRequestFilter(db, actor)),
    names: (db, ids) =>
      namesFrom(db, initiationRequests.id, sql`${initiationRequests.code} || ' · ' || ${initiationRequests.title}`, ids),
    matching: (id, pattern) =>
      idAmong(id, initiationRequests.id, or(ilike(initiationRequests.code, pattern), ilike(initiationRequests.title, pattern))),
  },
};
