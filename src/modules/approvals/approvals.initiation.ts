/**
 * The go-ahead of an initiation request travels the same delegation of authority as a change:
 * its budget is read as a budget increase in money (from nothing). Within the PMO lead's band
 * the lead's decision is the go-ahead; above it, the lead's decision is the route's first step,
 * approved, and the senior steps (the executive the PMO reports to, the CEO) follow as an
 * approval request. The go-ahead itself — the project, its baseline and allocations — is made
 * by the last approval, in its transaction (the effect intake registers).
 */
import type { Actor } from '../../kernel/actor.ts';
import { addDays, today as todayUtc } from '../../kernel/dates.ts';
import type { Tx } from '../../kernel/db.ts';
import { AppError } from '../../kernel/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { lineOfPmo, thresholdsForPmo } from './approvals.line.ts';
import * as repo from './approvals.repo.ts';
import { routeApproval } from './approvals.routing.ts';
import type { Impact, InitiationChangeValue } from './approvals.schema.ts';
import { approvalRulesOf, keyOf, stepRows, tellStepApprovers, userIdOf } from './approvals.service.ts';

/** Levels above the PMO's own: what a go-ahead needs besides its PMO lead. */
const SENIOR = new Set(['reporting_executive', 'ceo']);

export interface GoAheadInput {
  requestId: string;
  requestCode: string;
  title: string;
  pmoId: string;
  budget: number;
  requesterUserId: string | null;
  rationale: string;
  /** The lead's decision body, applied by the last approval. */
  decision: Record<string, unknown>;
}

export interface RoutedGoAhead {
  id: string;
  key: string;
  waitingOn: string[];
}

/**
 * Routes the lead's approval of an initiation request: null when it is within the lead's
 * authority (the caller approves now); otherwise the approval request raised for the senior
 * steps, in the caller's transaction, its approvers told.
 */
export async function routeGoAheadInTx(tx: Tx, lead: Actor, input: GoAheadInput): Promise<RoutedGoAhead | null> {
  const leadUserId = userIdOf(lead);
  const thresholds = await thresholdsForPmo(tx, input.pmoId, 'budget_increase');
  const line = await lineOfPmo(tx, input.pmoId);
  // The lead who decides stays on the route: their decision is its first step.
  const routing = routeApproval({
    subject: 'budget_increase',
    size: { amount: input.budget },
    thresholds,
    line,
    excluded: new Set(input.requesterUserId ? [input.requesterUserId] : []),
  });
  if (!routing.ok) throw new AppError('INVALID_STATE', `nobody may approve this go-ahead: ${routing.message}`);
  const senior = routing.steps.filter((s) => SENIOR.has(s.level));
  if (senior.length === 0) return null;
  const own = routing.steps.filter((s) => !SENIOR.has(s.level));
  const now = new Date();
  const change: InitiationChangeValue = {
    kind: 'initiation',
    requestId: input.requestId,
    requestCode: input.requestCode,
    budget: input.budget,
    requesterUserId: input.requesterUserId,
    leadUserId,
    decision: input.decision,
  };
  const impact: Impact = {
    bac: { before: 0, after: input.budget },
    budgetVariance: null,
    capacity: null,
    skill: null,
    person: null,
    finish: null,
    milestones: [],
    infrastructure: null,
  };
  const number = await repo.nextRequestNumber(tx, { initiationRequestId: input.requestId });
  const request = await repo.insertRequest(tx, {
    projectId: null,
    initiationRequestId: input.requestId,
    pmoId: input.pmoId,
    number,
    kind: 'initiation',
    title: `Go-ahead of ${input.requestCode} ${input.title}`,
    reason: input.rationale,
    change,
    impact,
    size: { amount: input.budget },
    requestedBy: leadUserId,
    currentStep: 2,
  });
  const leadStep = {
    level: 'pmo_lead',
    approvers: [{ userId: leadUserId, personId: lead.personId, name: lead.name }],
    quorum: 1,
    because: own.map((s) => s.because).join('; ') || 'the PMO lead decides the request',
  };
  const dueOn = addDays(todayUtc(), approvalRulesOf(null).stepDeadlineDays);
  const steps = await repo.insertSteps(tx, [
    { requestId: request.id, position: 1, ...leadStep, state: 'approved', activatedAt: now, decidedAt: now },
    ...stepRows(request.id, senior, { first: 2, now, dueOn }),
  ]);
  await repo.insertAction(tx, {
    requestId: request.id,
    stepId: steps[0]!.id,
    action: 'approve',
    actorUserId: leadUserId,
    approverUserId: leadUserId,
    comment: input.rationale,
  });
  await recordAudit(tx, lead, {
    entityType: 'approval_request',
    entityId: request.id,
    action: 'approval.requested',
    after: {
      initiationRequestId: input.requestId,
      key: keyOf(number),
      kind: 'initiation',
      budget: input.budget,
      route: steps.map((s) => ({ level: s.level, approvers: (s.approvers as repo.StoredApprover[]).map((a) => a.name) })),
      state: request.state,
    },
    reason: input.rationale,
  });
  await tellStepApprovers(tx, request, { code: input.requestCode, name: input.title }, steps[1]!, 'approval.requested');
  return {
    id: request.id,
    key: keyOf(number),
    waitingOn: (steps[1]!.approvers as repo.StoredApprover[]).map((a) => a.name),
  };
}
