import { z } from '@hono/zod-openapi';
import type { Actor } from '../../kernel/actor.ts';
import type { Db, Tx } from '../../kernel/db.ts';
import { AppError, type FieldIssue, validationFailed } from '../../kernel/errors.ts';
import { addDays, addMonths, monthsBetween, today } from '../../kernel/dates.ts';
import { transact } from '../../kernel/usecase.ts';
import {
  type InitiationChangeValue,
  type RoutedGoAhead,
  approvalKey,
  defineApprovalEffect,
  openInitiationApproval,
  routeGoAheadInTx,
} from '../approvals/index.ts';
import { recordAudit } from '../audit/index.ts';
import { findUserById, loadActor } from '../auth/index.ts';
import {
  type CurvePoint,
  type ProjectView,
  createProjectInTx,
  curveFromMonthlyCosts,
  setBaselineInTx,
} from '../projects/index.ts';
import { startProjectStatusInTx } from '../reports/index.ts';
import { type AllocationView, allocateInTx } from '../resources/index.ts';
import { assertQualifiedProjectManager } from '../training/index.ts';
import { assertScoreUsable } from './intake.drivers.service.ts';
import type { CostLine } from './intake.schema.ts';
import { type DecisionRequest, checkDecisionInTx, getRequestForDecisionInTx, markDecidedInTx } from './intake.decided.ts';
import { getRequest } from './intake.service.ts';

const day = z.iso.date().openapi({ example: '2026-09-01' });
const month = z
  .string()
  .regex(/^\d{4}-\d{2}(-01)?$/, 'must be a month like 2026-09')
  .openapi({ example: '2026-09' });

export const DecisionAllocationSchema = z.object({
  personId: z.uuid().nullable().optional(),
  skillId: z.uuid().nullable().optional(),
  fte: z.number().positive().max(20),
  startMonth: month,
  endMonth: month,
  overrideReason: z.string().trim().min(1).max(2000).nullable().optional(),
});

export const DecisionConditionSchema = z.object({
  text: z.string().trim().min(1, 'is required').max(2000),
  ownerPersonId: z.uuid().nullable().optional(),
  dueOn: day.nullable().optional(),
});

export const DecisionBody = z
  .object({
    outcome: z.enum(['approve', 'reject', 'defer']),
    rationale: z.string().trim().min(1, 'is required').max(10_000),
    /** To defer: when the PMO looks at the request again. */
    revisitOn: day.nullable().optional(),
    /** To approve: what the approval sets. */
    projectCode: z.string().trim().min(1).max(40).optional(),
    projectName: z.string().trim().min(1).max(200).optional(),
    budget: z.number().positive().max(1e12).optional(),
    startDate: day.optional(),
    plannedFinishDate: day.optional(),
    projectManagerId: z.uuid().optional(),
    portfolioId: z.uuid().nullable().optional(),
    allocations: z.array(DecisionAllocationSchema).max(200).default([]),
    conditions: z.array(DecisionConditionSchema).max(50).default([]),
  })
  .openapi('DecisionInput', {
    description:
      'reject or defer need a rationale (defer also revisitOn); approve also sets projectCode, budget, startDate, ' +
      'projectManagerId, and optionally the project name, planned finish, portfolio, allocations and conditions.',
  });

export type DecisionBodyInput = z.input<typeof DecisionBody>;

export interface DecisionResult {
  request: Awaited<ReturnType<typeof getRequest>>;
  project: ProjectView | null;
  allocations: AllocationView[];
  /** The approval the go-ahead waits for when its budget is above the lead's limit; the request stays in review. */
  goAhead: RoutedGoAhead | null;
}

/** Thrown to roll back a savepoint whose work was only a check. */
class DryRunDone extends Error {}

/** Runs `work` in a savepoint that is always rolled back: every check it makes, nothing it writes. */
async function dryRun(tx: Tx, work: (sp: Tx) => Promise<unknown>): Promise<void> {
  try {
    await tx.transaction(async (sp) => {
      await work(sp as Tx);
      throw new DryRunDone();
    });
  } catch (err) {
    if (!(err instanceof DryRunDone)) throw err;
  }
}

/** The last day of a span of whole months from `start`: 2026-09-01 + 10 months → 2027-06-30. */
function finishOf(start: string, months: number): string {
  return addDays(addMonths(start, months), -1);
}

/**
 * The baseline of the approved project: the request's cost estimate by month, moved to the
 * approved start month, scaled to the approved budget. Without an estimate the budget is planned
 * evenly from start to planned finish.
 */
export function baselineCurve(
  costs: CostLine[],
  wantedStart: string | null,
  startDate: string,
  finish: string,
  budget: number,
): CurvePoint[] {
  const shift = wantedStart ? monthsBetween(wantedStart, startDate) : 0;
  const moved = costs.map((c) => ({ month: addMonths(`${c.month}-01`, shift).slice(0, 7), amount: c.amount }));
  const curve = curveFromMonthlyCosts(moved, budget);
  if (curve.length) return curve;
  return [
    { date: startDate, plannedValue: 0 },
    { date: finish > startDate ? finish : finishOf(startDate, 1), plannedValue: budget },
  ];
}

function required<T>(issues: FieldIssue[], field: string, value: T | undefined | null): T {
  if (value === undefined || value === null) issues.push({ field, message: 'is required to approve' });
  return value as T;
}

/** Re-labels an allocation's errors with its place in the decision: allocations.2.personId. */
function inAllocation(err: unknown, index: number): unknown {
  if (!(err instanceof AppError)) return err;
  const details = (err.details ?? {}) as { issues?: FieldIssue[] };
  const issues = details.issues?.map((i) => ({ ...i, field: `allocations.${index}.${i.field}` }));
  return new AppError(err.code, `allocations.${index}: ${err.message}`, {
    ...details,
    ...(issues ? { issues } : {}),
    allocationIndex: index,
  });
}

async function approveInTx(tx: Tx, actor: Actor, request: DecisionRequest, input: z.output<typeof DecisionBody>) {
  const issues: FieldIssue[] = [];
  const projectCode = required(issues, 'projectCode', input.projectCode);
  const budget = required(issues, 'budget', input.budget);
  const startDate = required(issues, 'startDate', input.startDate);
  const projectManagerId = required(issues, 'projectManagerId', input.projectManagerId);
  if (!request.pmoId) issues.push({ field: 'pmoId', message: 'the request names no PMO' });
  if (!request.projectTypeId) issues.push({ field: 'projectTypeId', message: 'the request names no project type' });
  if (issues.length) throw validationFailed(issues);

  // The priority score must come from a consistent set of driver comparisons.
  await assertScoreUsable(tx, request.id);
  // No go-ahead while the project manager lacks the training the project type requires.
  await assertQualifiedProjectManager(tx, projectManagerId, request.projectTypeId!, today());

  const plannedFinishDate =
    input.plannedFinishDate ?? (request.durationMonths ? finishOf(startDate, request.durationMonths) : undefined);
  const goAheadAt = new Date();
  const project = await createProjectInTx(
    tx,
    actor,
    {
      code: projectCode,
      name: input.projectName ?? request.title,
      description: request.problem || null,
      pmoId: request.pmoId!,
      portfolioId: input.portfolioId ?? null,
      projectTypeId: request.projectTypeId!,
      projectManagerId,
      sponsorId: request.sponsorId,
      startDate,
      plannedFinishDate: plannedFinishDate ?? null,
      budget,
    },
    { goAheadAt, reason: `Approved initiation request ${request.code}` },
  );
  const curve = baselineCurve(request.costEstimate, request.wantedStart, startDate, plannedFinishDate ?? startDate, budget);
  await setBaselineInTx(
    tx,
    actor,
    project.id,
    { bac: budget, curve, reason: `Baseline of the approved request ${request.code}` },
    { checkAccess: false },
  );
  const allocations: AllocationView[] = [];
  for (const [index, allocation] of input.allocations.entries()) {
    try {
      allocations.push(await allocateInTx(tx, actor, { ...allocation, projectId: project.id }));
    } catch (err) {
      throw inAllocation(err, index);
    }
  }
  await recordAudit(tx, actor, {
    entityType: 'project',
    entityId: project.id,
    action: 'project.go_ahead',
    after: {
      goAheadAt: goAheadAt.toISOString(),
      request: request.code,
      budget,
      projectManagerId,
      allocations: allocations.length,
    },
    reason: input.rationale,
  });
  // What the new project owes shows on the manager's home and the dashboard from this commit on.
  await startProjectStatusInTx(tx, project.id);
  return { project, allocations };
}

/**
 * The PMO's decision on a request in review. Reject and defer record the decision. Approval is
 * one transaction: the project is created from its type's current standard in its first phase,
 * the budget allocated and the baseline set from the cost estimate, the project manager granted,
 * people allocated within capacity and the go-ahead recorded — or nothing is written at all.
 * The requester and the sponsor are told in the same transaction (the outbox), so a rolled-back
 * approval tells nobody.
 */
export async function decideRequest(db: Db, actor: Actor, requestId: string, raw: DecisionBodyInput): Promise<DecisionResult> {
  const parsed = DecisionBody.safeParse(raw);
  if (!parsed.success) {
    throw validationFailed(
      parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.') || 'body', message: i.message })),
    );
  }
  const input = parsed.data;
  let goAhead: RoutedGoAhead | null = null;
  const outcome = await transact(db, async ({ tx }) => {
    await checkDecisionInTx(tx, actor, requestId, input.outcome);
    const open = await openInitiationApproval(tx, requestId);
    if (open) {
      throw new AppError(
        'INVALID_STATE',
        `the go-ahead of this request waits for its approval ${approvalKey(open.number)}: it is decided there`,
        { approvalId: open.id },
      );
    }
    const request = await getRequestForDecisionInTx(tx, requestId);
    if (input.outcome === 'approve') {
      // Above the lead's limit the go-ahead goes up the line: everything it will do is checked
      // now (in a savepoint rolled back), and made by the last approval.
      await dryRun(tx, (sp) => approveInTx(sp, actor, request, input));
      goAhead = await routeGoAheadInTx(tx, actor, {
        requestId,
        requestCode: request.code,
        title: request.title,
        pmoId: request.pmoId!,
        budget: input.budget!,
        requesterUserId: request.requesterUserId,
        rationale: input.rationale,
        decision: JSON.parse(JSON.stringify(input)),
      });
      if (goAhead) {
        await recordAudit(tx, actor, {
          entityType: 'request',
          entityId: requestId,
          action: 'request.go_ahead_routed',
          after: { approvalId: goAhead.id, approval: goAhead.key, waitingOn: goAhead.waitingOn, budget: input.budget },
          reason: input.rationale,
        });
        return null;
      }
    }
    const approved = input.outcome === 'approve' ? await approveInTx(tx, actor, request, input) : null;
    // Records the decision and tells the requester and the sponsor, in this transaction.
    await markDecidedInTx(tx, actor, requestId, {
      outcome: input.outcome,
      rationale: input.rationale,
      revisitOn: input.revisitOn ?? null,
      conditions: input.outcome === 'approve' ? input.conditions : [],
      projectId: approved?.project.id ?? null,
    });
    return approved;
  });
  return {
    request: await getRequest(db, actor, requestId),
    project: outcome?.project ?? null,
    allocations: outcome?.allocations ?? [],
    goAhead,
  };
}

/**
 * The go-ahead an approval request waited for: its last approval makes the lead's decision, in its
 * transaction — the project, its baseline, allocations and the go-ahead, as the lead asked — on the
 * lead's authority, which the senior approvals completed.
 */
defineApprovalEffect('initiation', async (tx, approver, approval) => {
  const change = approval.change as InitiationChangeValue;
  const user = await findUserById(tx, change.leadUserId);
  if (!user) throw new AppError('INVALID_STATE', 'the PMO lead who decided the request has no account any more');
  const lead = await loadActor(tx, user);
  await checkDecisionInTx(tx, lead, change.requestId, 'approve');
  const request = await getRequestForDecisionInTx(tx, change.requestId);
  const input = DecisionBody.parse(change.decision);
  const approved = await approveInTx(tx, lead, request, input);
  await markDecidedInTx(tx, lead, change.requestId, {
    outcome: 'approve',
    rationale: `${input.rationale} (approved up the line by ${approver.name})`,
    conditions: input.conditions,
    projectId: approved.project.id,
  });
  return { projectId: approved.project.id, projectCode: approved.project.code, allocations: approved.allocations.length };
});
