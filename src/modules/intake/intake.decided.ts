import type { Actor } from '../../kernel/actor.ts';
import type { Tx } from '../../kernel/db.ts';
import { invalid, notFound } from '../../kernel/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { type Notice, markReadAboutInTx, notify } from '../notify/index.ts';
import { relationTo } from './intake.policy.ts';
import * as repo from './intake.repo.ts';
import type { Benefit, CostLine, Dependency, KnownRisk, SkillDemand } from './intake.schema.ts';
import { type ActorRelation, type RequestState, nextState } from './intake.states.ts';
import { lockVisibleRequest, noticeFor, totalCostOf, without } from './intake.service.ts';

// ---- what the decision needs -----------------------------------------------------------------

/** A request as the decision reads it: typed documents, with the total cost. */
export interface DecisionRequest {
  id: string;
  code: string;
  title: string;
  state: RequestState;
  requesterUserId: string;
  pmoId: string | null;
  projectTypeId: string | null;
  sponsorId: string | null;
  wantedStart: string | null;
  durationMonths: number | null;
  problem: string;
  objectives: string[];
  benefits: Benefit[];
  costEstimate: CostLine[];
  skillDemand: SkillDemand[];
  knownRisks: KnownRisk[];
  dependencies: Dependency[];
  totalCost: number;
  version: number;
}

function decisionRequest(r: repo.RequestRow): DecisionRequest {
  return {
    id: r.id,
    code: r.code,
    title: r.title,
    state: r.state,
    requesterUserId: r.requesterUserId,
    pmoId: r.pmoId,
    projectTypeId: r.projectTypeId,
    sponsorId: r.sponsorId,
    wantedStart: r.wantedStart,
    durationMonths: r.durationMonths,
    problem: r.problem,
    objectives: r.objectives as string[],
    benefits: r.benefits as Benefit[],
    costEstimate: r.costEstimate as CostLine[],
    skillDemand: r.skillDemand as SkillDemand[],
    knownRisks: r.knownRisks as KnownRisk[],
    dependencies: r.dependencies as Dependency[],
    totalCost: totalCostOf(r.costEstimate as CostLine[]),
    version: r.version,
  };
}

/** The request, locked FOR UPDATE in the caller's transaction; 404 when it does not exist. No actor check. */
export async function getRequestForDecisionInTx(tx: Tx, id: string): Promise<DecisionRequest> {
  const row = await repo.lockRequest(tx, id);
  if (!row) throw notFound('request', id);
  return decisionRequest(row);
}

export type DecisionOutcomeInput = 'approve' | 'reject' | 'defer';

/**
 * Whether the actor may take this decision on the request now: 404 when not visible, FORBIDDEN
 * unless a lead of the target PMO (or admin), SELF_APPROVAL for the requester, INVALID_STATE
 * unless in review. Answers the state the request moves to. Call it first, before heavy work.
 */
export async function checkDecisionInTx(tx: Tx, actor: Actor, id: string, outcome: DecisionOutcomeInput): Promise<RequestState> {
  const row = await lockVisibleRequest(tx, actor, id);
  return nextState(row.state, 'decide', await relationTo(tx, actor, row), outcome);
}

export interface DecisionInput {
  outcome: DecisionOutcomeInput;
  rationale: string;
  /** Required to defer: when the PMO looks at it again. */
  revisitOn?: string | null;
  /** Conditions attached to an approval: {text, ownerPersonId?, dueOn?}[] */
  conditions?: unknown[];
  /** The project the approval created (in the same transaction); required to approve. */
  projectId?: string | null;
}

export interface DecidedRequest {
  request: DecisionRequest;
  before: RequestState;
  after: RequestState;
  /** Whom the decision was told to, and what (already in the transaction's outbox). */
  recipients: string[];
  notice: Notice;
}

/**
 * Records the decision on the request in the caller's transaction: checks (as checkDecisionInTx),
 * sets the state, rationale, revisit date, conditions and project, records `request.decide`,
 * marks the decider's notifications about the request read, and notifies the requester and the
 * sponsor, all in the caller's transaction: a rolled-back decision tells nobody.
 */
export async function markDecidedInTx(tx: Tx, actor: Actor, id: string, decision: DecisionInput): Promise<DecidedRequest> {
  const row = await lockVisibleRequest(tx, actor, id);
  const to = nextState(row.state, 'decide', await relationTo(tx, actor, row), decision.outcome);
  if (!decision.rationale?.trim()) throw invalid('rationale', 'is required');
  if (decision.outcome === 'defer' && !decision.revisitOn) throw invalid('revisitOn', 'is required to defer');
  if (decision.outcome === 'approve' && !decision.projectId) throw invalid('projectId', 'is required to approve');
  const updated = await repo.updateRequest(tx, id, null, {
    state: to,
    decidedAt: new Date(),
    decidedBy: actor.userId,
    decisionRationale: decision.rationale.trim(),
    revisitOn: decision.outcome === 'defer' ? (decision.revisitOn ?? null) : null,
    conditions: decision.conditions ?? [],
    projectId: decision.outcome === 'approve' ? (decision.projectId ?? null) : null,
  });
  await recordAudit(tx, actor, {
    entityType: 'request',
    entityId: id,
    action: 'request.decide',
    before: { state: row.state },
    after: {
      state: to,
      outcome: decision.outcome,
      revisitOn: updated!.revisitOn,
      conditions: updated!.conditions,
      projectId: updated!.projectId,
    },
    reason: decision.rationale.trim(),
  });
  // The decider's notices about the request are answered by the decision, and roll back with it.
  await markReadAboutInTx(tx, actor.userId, 'request', id);
  const sponsorUser = row.sponsorId ? await repo.userIdOfPerson(tx, row.sponsorId) : null;
  const { notice: told } = await noticeFor(tx, actor, 'decide', row, to, decision.rationale.trim());
  const recipients = without(actor, [row.requesterUserId, sponsorUser]);
  const notice = { ...told, kind: `request.${to}` };
  await notify(tx, { ...notice, userIds: recipients });
  return { request: decisionRequest(updated!), before: row.state, after: to, recipients, notice };
}

/** The relation of the actor to a request, for callers that show or check actions themselves. */
export async function requestRelationInTx(tx: Tx, actor: Actor, id: string): Promise<ActorRelation> {
  const row = await lockVisibleRequest(tx, actor, id);
  return relationTo(tx, actor, row);
}
