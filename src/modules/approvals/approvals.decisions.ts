/**
 * Decisions on approval requests: an approver of the deciding step approves, rejects or asks for
 * information; the requester answers or withdraws. The request's row is locked first, so that
 * two approvers acting at once are decided one after the other: the first wins, the second finds
 * the step decided (409) — on one PostgreSQL whatever the number of application instances. On the
 * final approval the effect (budget and BAC, a new baseline version, an allocation, recorded
 * infrastructure) commits in the same transaction as the decision, or nothing does.
 */
import { type Actor, requirePermission } from '../../kernel/actor.ts';
import { addDays, today as todayUtc } from '../../kernel/dates.ts';
import type { Db, Tx } from '../../kernel/db.ts';
import { AppError, invalid, notFound, versionConflict } from '../../kernel/errors.ts';
import { transact } from '../../kernel/usecase.ts';
import { parseInput } from '../../kernel/validate.ts';
import { recordAudit } from '../audit/index.ts';
import { activeUsersOfPeople } from '../auth/index.ts';
import { notify } from '../notify/index.ts';
import {
  currentBaseline,
  isProjectManagerOf,
  projectWithDefinition,
  setBaselineInTx,
  setPlannedFinishInTx,
} from '../projects/index.ts';
import { moveMilestoneBaselinesInTx } from '../reports/index.ts';
import { allocateInTx } from '../resources/index.ts';
import { firstYearCost, spreadIncrease } from './approvals.change.ts';
import * as repo from './approvals.repo.ts';
import { LEVEL_NAMES, type StepLevel } from './approvals.routing.ts';
import {
  AnswerBody,
  type ApprovalView,
  type Change,
  DecisionBody,
  type StoredChange,
  type DecisionInput,
  WithdrawBody,
} from './approvals.schema.ts';
import { actingAs, approvalRulesOf, getApproval, keyOf, tellStepApprovers, visibleRequest } from './approvals.service.ts';
import { type RequestMove, moveOutcome } from './approvals.states.ts';

const STATE_WORDS: Record<string, string> = {
  pending: 'waiting for a decision',
  info_requested: "waiting for the requester's answer",
  approved: 'already approved',
  rejected: 'already rejected',
  withdrawn: 'withdrawn',
};

interface Locked {
  joined: repo.RequestJoined;
  request: repo.RequestRow;
  steps: repo.StepRow[];
  step: repo.StepRow;
}

/** Locks the request and reads its route; 404 when the actor may not see it, 409 on a stale version. */
async function lockVisible(tx: Tx, actor: Actor, id: string, version: number | undefined): Promise<Locked> {
  const locked = await repo.lockRequest(tx, id);
  if (!locked) throw notFound('approval request', id);
  const joined = await visibleRequest(tx, actor, id);
  if (version !== undefined && locked.version !== version) throw versionConflict('approval request', id, version);
  const steps = await repo.stepsOf(tx, [id]);
  const step = steps.find((s) => s.position === locked.currentStep)!;
  return { joined, request: locked, steps, step };
}

function refuseState(request: repo.RequestRow, move: RequestMove): never {
  throw new AppError(
    'INVALID_STATE',
    `${keyOf(request.number)} is ${STATE_WORDS[request.state] ?? request.state}: it cannot take "${move}"`,
    {
      state: request.state,
    },
  );
}

/**
 * Whose vote the actor casts on the step: their own, else the first approver they stand in for
 * today who has not voted. Refused when the step is not theirs (403), or when theirs was an
 * earlier step, already decided (409: someone else decided it first).
 */
async function voterFor(tx: Tx, actor: Actor, locked: Locked): Promise<string> {
  const acting = await actingAs(tx, actor);
  const named = (s: repo.StepRow) => (s.approvers as repo.StoredApprover[]).map((a) => a.userId);
  const voted = new Set((await repo.votersOf(tx, locked.step.id)).map((v) => v.approverUserId));
  const mine = acting.filter((u) => named(locked.step).includes(u));
  const free = mine.find((u) => !voted.has(u));
  if (free) return free;
  if (mine.length > 0) {
    throw new AppError(
      'STEP_DECIDED',
      `you have already voted on step ${locked.step.position} of ${keyOf(locked.request.number)}`,
      {
        step: locked.step.position,
      },
    );
  }
  const earlier = locked.steps.find((s) => s.position < locked.step.position && named(s).some((u) => acting.includes(u)));
  if (earlier) {
    throw new AppError('STEP_DECIDED', `step ${earlier.position} of ${keyOf(locked.request.number)} was already decided`, {
      step: earlier.position,
      state: earlier.state,
    });
  }
  const level = LEVEL_NAMES[locked.step.level as StepLevel] ?? locked.step.level;
  const names = (locked.step.approvers as repo.StoredApprover[]).map((a) => a.name).join(', ');
  throw new AppError(
    'NOT_YOUR_STEP',
    `step ${locked.step.position} (${level}) of ${keyOf(locked.request.number)} is for ${names} to decide`,
    {
      step: locked.step.position,
    },
  );
}

/** What the final approval of a kind of request does that this module does not know: the go-ahead of an initiation request (intake). */
export type ApprovalEffect = (tx: Tx, actor: Actor, request: repo.RequestRow) => Promise<Record<string, unknown>>;
const effects = new Map<'initiation', ApprovalEffect>();

/**
 * Registers the effect of a kind whose record lives in another module, so that this module need
 * not import it: intake registers the go-ahead of an initiation request.
 * @example defineApprovalEffect('initiation', async (tx, actor, request) => ({ projectId }))
 */
export function defineApprovalEffect(kind: 'initiation', effect: ApprovalEffect): void {
  effects.set(kind, effect);
}

/** The deadline rules of the request: its project's standard's, or the defaults for a go-ahead. */
async function rulesFor(tx: Tx, request: repo.RequestRow) {
  const found = request.projectId ? await projectWithDefinition(tx, request.projectId) : undefined;
  return found ? approvalRulesOf(found.definition) : approvalRulesOf(null);
}

/** Applies what the approved change asks, in the decision's transaction; what it did, for the record. */
async function applyEffect(
  tx: Tx,
  actor: Actor,
  request: repo.RequestRow,
  overrideReason: string | undefined,
): Promise<Record<string, unknown>> {
  const stored = request.change as StoredChange;
  if (stored.kind === 'initiation') {
    const handler = effects.get('initiation');
    if (!handler) throw new Error('no effect is registered for the go-ahead of an initiation request');
    return handler(tx, actor, request);
  }
  const change: Change = stored;
  const projectId = request.projectId!;
  const reason = `${keyOf(request.number)} approved: ${request.title}`;
  const today = todayUtc();
  switch (change.kind) {
    case 'budget_increase': {
      const found = await projectWithDefinition(tx, projectId);
      if (!found) throw notFound('project', projectId);
      const baseline = await currentBaseline(tx, projectId);
      const before = baseline?.bac ?? Number(found.project.budget);
      const after = Math.round((before + change.amount) * 100) / 100;
      const start = found.project.startDate ?? today;
      const finish = found.project.plannedFinishDate ?? addDays(start, 365);
      const curve = baseline
        ? spreadIncrease(baseline.curve, change.amount, today)
        : [
            { date: start, plannedValue: 0 },
            { date: finish > start ? finish : addDays(start, 1), plannedValue: after },
          ];
      const set = await setBaselineInTx(tx, actor, projectId, { bac: after, curve, reason }, { checkAccess: false });
      return { baselineNumber: set.number, bacBefore: before, bacAfter: after };
    }
    case 'rebaseline': {
      const set = await setBaselineInTx(
        tx,
        actor,
        projectId,
        { bac: change.bac, curve: change.curve, reason },
        { checkAccess: false },
      );
      const moved = await moveMilestoneBaselinesInTx(tx, actor, projectId, change.milestones, reason);
      if (change.plannedFinishDate) await setPlannedFinishInTx(tx, actor, projectId, change.plannedFinishDate, reason);
      return {
        baselineNumber: set.number,
        bacAfter: change.bac,
        milestonesMoved: moved,
        plannedFinishDate: change.plannedFinishDate ?? null,
      };
    }
    case 'headcount': {
      const allocation = await allocateInTx(
        tx,
        actor,
        {
          projectId: projectId,
          personId: change.personId ?? null,
          skillId: change.skillId,
          startMonth: change.startMonth,
          endMonth: change.endMonth,
          fte: change.fte,
          overrideReason: overrideReason ?? null,
        },
        { approvedChange: true },
      );
      return { allocationId: allocation.id, overAllocationOverridden: allocation.overrideReason !== null };
    }
    case 'infrastructure': {
      const row = await repo.insertInfrastructure(tx, {
        projectId: projectId,
        approvalRequestId: request.id,
        item: change.item,
        cost: change.cost.toFixed(2),
        recurrence: change.recurrence,
        neededBy: change.neededBy,
      });
      const cost = firstYearCost(change.cost, change.recurrence);
      await recordAudit(tx, actor, {
        entityType: 'project',
        entityId: projectId,
        action: 'project.infrastructure_recorded',
        after: {
          item: change.item,
          cost: change.cost,
          recurrence: change.recurrence,
          neededBy: change.neededBy,
          firstYearCost: cost,
        },
        reason,
      });
      return { infrastructureId: row.id, firstYearCost: cost };
    }
    case 'scope_change':
      return { scopeChangeApproved: true };
  }
}

/**
 * An approver's decision on the deciding step: approve (the step passes at its quorum, the next
 * one starts; the last one commits the effect), reject (the request is rejected; nothing else
 * changes) or ask for information (the request waits for the requester's answer). Nobody decides
 * on their own request or one on a project they manage; a delegate's vote counts for whom they
 * stand in, and it is recorded who acted for whom.
 */
export async function decideApproval(db: Db, actor: Actor, id: string, raw: DecisionInput): Promise<ApprovalView> {
  requirePermission(actor, 'approvals.decide');
  const input = parseInput(DecisionBody, raw);
  if (input.outcome !== 'approve' && !input.comment) {
    throw invalid('comment', input.outcome === 'reject' ? 'say why it is rejected' : 'say what information is needed');
  }
  await transact(db, async ({ tx }) => {
    const locked = await lockVisible(tx, actor, id, input.version);
    const { request, step, steps, joined } = locked;
    if (request.state !== 'pending') refuseState(request, input.outcome);
    if (request.requestedBy === actor.userId) {
      throw new AppError('SELF_APPROVAL', `you raised ${keyOf(request.number)}: someone else decides on it`);
    }
    if (
      request.projectId &&
      (await isProjectManagerOf(tx, actor, { id: request.projectId, projectManagerId: joined.projectManagerId }))
    ) {
      throw new AppError('SELF_APPROVAL', `you manage ${joined.projectCode}: someone else decides on its requests`);
    }
    const voter = await voterFor(tx, actor, locked);
    const votes = await repo.votersOf(tx, step.id);
    const approvals = votes.filter((v) => v.action === 'approve').length + (input.outcome === 'approve' ? 1 : 0);
    const outcome = moveOutcome(input.outcome, {
      request: request.state,
      step: step.state,
      approvals,
      quorum: step.quorum,
      last: step.position === steps.length,
    });
    if (!outcome) refuseState(request, input.outcome);
    const now = new Date();
    const stepDecided = outcome.step === 'approved' || outcome.step === 'rejected';
    await repo.updateStep(tx, step.id, { state: outcome.step, decidedAt: stepDecided ? now : null });
    const next = outcome.advance ? steps.find((s) => s.position === step.position + 1)! : null;
    if (next) {
      const dueOn = addDays(todayUtc(), (await rulesFor(tx, request)).stepDeadlineDays);
      await repo.updateStep(tx, next.id, { state: 'active', activatedAt: now, dueOn });
      await tellStepApprovers(
        tx,
        request,
        { code: joined.projectCode, name: joined.projectName },
        { ...next, dueOn },
        'approval.requested',
      );
    }
    const effect =
      outcome.final && outcome.request === 'approved' ? await applyEffect(tx, actor, request, input.overrideReason) : null;
    // The vote, with the reason for allocating beyond capacity when the approval needed one.
    const overridden = effect?.overAllocationOverridden === true && input.overrideReason;
    await repo.insertAction(tx, {
      requestId: id,
      stepId: step.id,
      action: input.outcome,
      actorUserId: actor.userId,
      approverUserId: voter,
      comment:
        [input.comment, overridden ? `Allocated beyond capacity: ${input.overrideReason}` : null].filter(Boolean).join(' — ') ||
        null,
    });
    const after = await repo.updateRequest(tx, id, {
      state: outcome.request,
      currentStep: next ? next.position : step.position,
      decidedAt: outcome.final ? now : null,
      ...(effect ? { effect } : {}),
    });
    const onBehalfOf = voter === actor.userId ? null : voter;
    await recordAudit(tx, actor, {
      entityType: 'approval_request',
      entityId: id,
      action:
        input.outcome === 'request_info'
          ? 'approval.info_requested'
          : outcome.final
            ? `approval.${outcome.request}`
            : 'approval.step_approved',
      before: { state: request.state, step: step.position, stepState: step.state },
      after: {
        projectId: request.projectId,
        state: after.state,
        step: step.position,
        stepState: outcome.step,
        approvals,
        quorum: step.quorum,
        ...(onBehalfOf ? { onBehalfOf } : {}),
        ...(effect ? { effect } : {}),
        ...(input.overrideReason && effect?.overAllocationOverridden ? { overAllocationOverridden: input.overrideReason } : {}),
      },
      reason: input.comment ?? null,
    });
    const key = keyOf(request.number);
    const told = [request.requestedBy, ...(await activeUsersOfPeople(tx, [joined.projectManagerId])).map((u) => u.userId)];
    const title =
      input.outcome === 'request_info'
        ? `${joined.projectCode} ${key} ${request.title}: the ${levelOf(step)} asks for information`
        : outcome.final
          ? `${joined.projectCode} ${key} ${request.title} was ${outcome.request}`
          : `${joined.projectCode} ${key} ${request.title}: step ${step.position} (${levelOf(step)}) ${outcome.step === 'approved' ? 'approved' : 'has an approval'}`;
    await notify(tx, {
      userIds: input.outcome === 'request_info' ? [request.requestedBy] : told,
      kind:
        input.outcome === 'request_info'
          ? 'approval.info_requested'
          : outcome.final
            ? outcome.request === 'approved'
              ? 'approval.approved'
              : 'approval.rejected'
            : 'approval.step_approved',
      title,
      body: input.comment ?? `${joined.projectCode} · ${joined.projectName}`,
      link: `/approvals/${id}`,
      entityType: 'approval_request',
      entityId: id,
    });
  });
  return getApproval(db, actor, id);
}

const levelOf = (step: repo.StepRow) => LEVEL_NAMES[step.level as StepLevel] ?? step.level;

/** The requester answers the question asked; the step resumes with a new deadline. */
export async function answerApproval(db: Db, actor: Actor, id: string, raw: unknown): Promise<ApprovalView> {
  requirePermission(actor, 'approvals.request');
  const input = parseInput(AnswerBody, raw);
  await transact(db, async ({ tx }) => {
    const { request, step, joined } = await lockVisible(tx, actor, id, undefined);
    if (request.requestedBy !== actor.userId) {
      throw new AppError('FORBIDDEN', `only the requester answers the questions on ${keyOf(request.number)}`);
    }
    const outcome = moveOutcome('answer', {
      request: request.state,
      step: step.state,
      approvals: 0,
      quorum: step.quorum,
      last: false,
    });
    if (!outcome) refuseState(request, 'answer');
    const dueOn = addDays(todayUtc(), (await rulesFor(tx, request)).stepDeadlineDays);
    await repo.insertAction(tx, {
      requestId: id,
      stepId: step.id,
      action: 'answer',
      actorUserId: actor.userId,
      comment: input.answer,
    });
    await repo.updateStep(tx, step.id, { state: 'active', dueOn, remindedAt: null, escalatedAt: null });
    await repo.updateRequest(tx, id, { state: 'pending' });
    await recordAudit(tx, actor, {
      entityType: 'approval_request',
      entityId: id,
      action: 'approval.answered',
      before: { state: request.state },
      after: { projectId: request.projectId, state: 'pending', step: step.position, dueOn },
      reason: input.answer,
    });
    await tellStepApprovers(
      tx,
      request,
      { code: joined.projectCode, name: joined.projectName },
      { ...step, dueOn },
      'approval.answered',
    );
  });
  return getApproval(db, actor, id);
}

/** The requester withdraws the request while it is still open; nothing else changes. */
export async function withdrawApproval(db: Db, actor: Actor, id: string, raw: unknown): Promise<ApprovalView> {
  requirePermission(actor, 'approvals.request');
  const input = parseInput(WithdrawBody, raw);
  await transact(db, async ({ tx }) => {
    const { request, step } = await lockVisible(tx, actor, id, undefined);
    if (request.requestedBy !== actor.userId) {
      throw new AppError('FORBIDDEN', `only the requester withdraws ${keyOf(request.number)}`);
    }
    const outcome = moveOutcome('withdraw', {
      request: request.state,
      step: step.state,
      approvals: 0,
      quorum: step.quorum,
      last: false,
    });
    if (!outcome) refuseState(request, 'withdraw');
    await repo.insertAction(tx, {
      requestId: id,
      stepId: step.id,
      action: 'withdraw',
      actorUserId: actor.userId,
      comment: input.reason,
    });
    await repo.updateRequest(tx, id, { state: 'withdrawn', decidedAt: new Date() });
    await recordAudit(tx, actor, {
      entityType: 'approval_request',
      entityId: id,
      action: 'approval.withdrawn',
      before: { state: request.state },
      after: { projectId: request.projectId, state: 'withdrawn' },
      reason: input.reason,
    });
  });
  return getApproval(db, actor, id);
}
