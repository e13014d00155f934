/**
 * Approval requests: a project manager (or the PMO governing the project) asks for a change —
 * more budget, people, infrastructure, a new baseline, a scope change — and it travels the route
 * the PMO's delegation of authority gives it. This file raises and reads them; the decisions and
 * their effects are in approvals.decisions.ts.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Actor, isSystem, requirePermission } from '../../kernel/actor.ts';
import { addDays, today as todayUtc } from '../../kernel/dates.ts';
import type { Db, Queryable, Tx } from '../../kernel/db.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import type { Page, Paged } from '../../kernel/lists.ts';
import { isoInstant } from '../../kernel/rows.ts';
import { transact } from '../../kernel/usecase.ts';
import { parseInput } from '../../kernel/validate.ts';
import { recordAudit } from '../audit/index.ts';
import { notify } from '../notify/index.ts';
import { governedPmoIds } from '../org/index.ts';
import { canSeeProject, isProjectManagerOf, visibleProjectIdFilter } from '../projects/index.ts';
import { headlineOf } from './approvals.change.ts';
import * as repo from './approvals.repo.ts';
import type { RouteStep, Routing } from './approvals.routing.ts';
import {
  type ApprovalSummary,
  type ApprovalView,
  type Impact,
  PreviewApprovalBody,
  type PreviewApprovalInput,
  RaiseApprovalBody,
  type RaiseApprovalInput,
  type StoredChange,
} from './approvals.schema.ts';
import { approvalRequests } from './approvals.tables.ts';
import { assess } from './approvals.impact.ts';
import { approvalRulesOf, keyOf, levelName, userIdOf } from './approvals.rules.ts';

export { approvalRulesOf, keyOf, userIdOf } from './approvals.rules.ts';

const routeView = (routing: Routing) =>
  routing.ok
    ? routing.steps.map((s) => ({
        level: s.level,
        levelName: levelName(s.level),
        approvers: s.approvers.map((a) => ({ userId: a.userId, name: a.name })),
        quorum: s.quorum,
        because: s.because,
      }))
    : [];

/** What the change would do and who would approve it, before anything is written (the form's preview). */
export async function previewApproval(db: Db, actor: Actor, raw: PreviewApprovalInput) {
  requirePermission(actor, 'approvals.request');
  const input = parseInput(PreviewApprovalBody, raw);
  const assessed = await assess(db, actor, input, false);
  return {
    impact: assessed.impact,
    size: assessed.size,
    route: routeView(assessed.routing),
    refusal: assessed.routing.ok ? null : assessed.routing.message,
  };
}

/** The rows of a route's steps from position `first`: the first of them active with its deadline, the rest waiting. */
export function stepRows(requestId: string, steps: readonly RouteStep[], at: { first: number; now: Date; dueOn: string }) {
  return steps.map((s, i) => ({
    requestId,
    position: at.first + i,
    level: s.level,
    approvers: s.approvers.map(({ userId, personId, name }) => ({ userId, personId, name })),
    quorum: s.quorum,
    because: s.because,
    state: i === 0 ? ('active' as const) : ('waiting' as const),
    activatedAt: i === 0 ? at.now : null,
    dueOn: i === 0 ? at.dueOn : null,
  }));
}

/** The approvers of a step and whoever stands in for them today. */
export async function stepAudience(db: Queryable, approvers: readonly repo.StoredApprover[], day: string): Promise<string[]> {
  const ids = approvers.map((a) => a.userId);
  const delegates = await repo.delegatesOf(db, ids, day);
  return [...new Set([...ids, ...[...delegates.values()].flat()])];
}

/** Tells a step's approvers (and their delegates) that it waits for them, in the caller's transaction. */
export async function tellStepApprovers(
  tx: Tx,
  request: { id: string; number: number; title: string },
  project: { code: string; name: string },
  step: { approvers: unknown; dueOn: string | null; level: string },
  kind: 'approval.requested' | 'approval.escalated' | 'approval.reminder' | 'approval.answered',
): Promise<void> {
  const approvers = step.approvers as repo.StoredApprover[];
  const what = {
    'approval.requested': 'waits for your decision',
    'approval.escalated': 'was escalated to you: its step is late',
    'approval.reminder': 'is late: your decision was due',
    'approval.answered': 'has the information you asked for',
  }[kind];
  await notify(tx, {
    userIds: await stepAudience(tx, approvers, todayUtc()),
    kind,
    title: `${project.code} ${keyOf(request.number)} ${request.title} ${what}${step.dueOn ? ` (due ${step.dueOn})` : ''}`,
    body: `${project.code} · ${project.name} · ${levelName(step.level)}`,
    link: `/approvals/${request.id}`,
    entityType: 'approval_request',
    entityId: request.id,
  });
}

/**
 * Raises the request: its impact and route worked out from the project as it is, the route's
 * first step active with its deadline from the project's standard, its approvers told — one
 * transaction with its audit event. A change nobody may approve is refused.
 */
export async function raiseApproval(db: Db, actor: Actor, raw: RaiseApprovalInput): Promise<ApprovalView> {
  requirePermission(actor, 'approvals.request');
  const input = parseInput(RaiseApprovalBody, raw);
  const id = await transact(db, async ({ tx }) => {
    const assessed = await assess(tx, actor, input, true);
    if (!assessed.routing.ok) {
      throw new AppError('INVALID_STATE', `nobody may approve this change: ${assessed.routing.message}`, {
        level: assessed.routing.level,
      });
    }
    const { project } = assessed;
    const number = await repo.nextRequestNumber(tx, { projectId: project.id });
    const now = new Date();
    const today = todayUtc();
    const rules = approvalRulesOf(assessed.definition);
    const request = await repo.insertRequest(tx, {
      projectId: project.id,
      pmoId: project.pmoId,
      number,
      kind: assessed.change.kind,
      title: input.title,
      reason: input.reason,
      change: assessed.change,
      impact: assessed.impact,
      size: assessed.size,
      requestedBy: userIdOf(actor),
    });
    const steps = await repo.insertSteps(
      tx,
      stepRows(request.id, assessed.routing.steps, { first: 1, now, dueOn: addDays(today, rules.stepDeadlineDays) }),
    );
    await recordAudit(tx, actor, {
      entityType: 'approval_request',
      entityId: request.id,
      action: 'approval.requested',
      after: {
        projectId: project.id,
        key: keyOf(number),
        kind: request.kind,
        title: request.title,
        change: assessed.change,
        size: assessed.size,
        route: steps.map((s) => ({ level: s.level, approvers: (s.approvers as repo.StoredApprover[]).map((a) => a.name) })),
        state: request.state,
      },
      reason: input.reason,
    });
    await tellStepApprovers(tx, request, project, steps[0]!, 'approval.requested');
    return request.id;
  });
  return getApproval(db, actor, id);
}

/** The users whose approvals the actor may give today: themselves and whom they stand in for. */
export async function actingAs(db: Queryable, actor: Actor, day = todayUtc()): Promise<string[]> {
  if (isSystem(actor) || !actor.userId) return [];
  return [actor.userId, ...(await repo.delegatorsOf(db, actor.userId, day))];
}

/**
 * Whether the actor may read the request: whoever may see its project, and anyone named on its
 * route (an executive or resource manager who decides on it), or standing in for one today.
 */
async function maySee(db: Queryable, actor: Actor, request: repo.RequestRow): Promise<boolean> {
  if (request.projectId) {
    if (await canSeeProject(db, actor, request.projectId)) return true;
  } else {
    // A go-ahead: the staff of the PMO deciding it, and the initiation request's requester.
    if ((request.change as { requesterUserId?: string | null }).requesterUserId === actor.userId && actor.userId) return true;
    if ((await governedPmoIds(db, actor)).includes(request.pmoId)) return true;
  }
  const steps = await repo.stepsOf(db, [request.id]);
  const who = new Set(await actingAs(db, actor));
  return steps.some((s) => (s.approvers as repo.StoredApprover[]).some((a) => who.has(a.userId)));
}

/** The request, or 404 when it does not exist or the actor may not see it. */
export async function visibleRequest(db: Queryable, actor: Actor, id: string): Promise<repo.RequestJoined> {
  const row = await repo.findRequest(db, id);
  if (!row || !(await maySee(db, actor, row.request))) throw notFound('approval request', id);
  return row;
}

function stepView(step: repo.StepRow, approvals: number, today: string) {
  return {
    id: step.id,
    position: step.position,
    level: step.level,
    levelName: levelName(step.level),
    approvers: (step.approvers as repo.StoredApprover[]).map((a) => ({ userId: a.userId, name: a.name })),
    quorum: step.quorum,
    because: step.because,
    state: step.state,
    approvals,
    activatedAt: isoInstant(step.activatedAt),
    dueOn: step.dueOn,
    overdue: (step.state === 'active' || step.state === 'info_requested') && step.dueOn !== null && step.dueOn < today,
    remindedAt: isoInstant(step.remindedAt),
    escalatedAt: isoInstant(step.escalatedAt),
    escalatedTo: step.escalatedTo,
    decidedAt: isoInstant(step.decidedAt),
  };
}

function summaryView(row: repo.RequestJoined, steps: repo.StepRow[], today: string): ApprovalSummary {
  const r = row.request;
  const current = steps.find((s) => s.position === r.currentStep);
  const open = r.state === 'pending' || r.state === 'info_requested';
  const step = current && open ? stepView(current, 0, today) : null;
  return {
    id: r.id,
    key: keyOf(r.number),
    project: r.projectId ? { id: r.projectId, code: row.projectCode, name: row.projectName } : null,
    initiationRequest: r.initiationRequestId
      ? { id: r.initiationRequestId, code: row.projectCode, title: row.projectName }
      : null,
    pmo: { id: r.pmoId, name: row.pmoName },
    kind: r.kind,
    title: r.title,
    headline: headlineOf(r.change as StoredChange, r.size as Record<string, number>),
    state: r.state,
    currentStep: r.currentStep,
    waitingOn: step
      ? { level: step.level, levelName: step.levelName, approvers: step.approvers, dueOn: step.dueOn, overdue: step.overdue }
      : null,
    requestedBy: { id: r.requestedBy, name: row.requesterName },
    requestedAt: isoInstant(r.createdAt)!,
    decidedAt: isoInstant(r.decidedAt),
    version: r.version,
  };
}

/** One request with its route, every action, and what the actor may do on it. */
export async function getApproval(db: Queryable, actor: Actor, id: string): Promise<ApprovalView> {
  const row = await visibleRequest(db, actor, id);
  const today = todayUtc();
  const r = row.request;
  const steps = await repo.stepsOf(db, [r.id]);
  const actions = await repo.actionsOf(db, r.id);
  const approvalsOn = (stepId: string) =>
    actions.filter((a) => a.action.stepId === stepId && a.action.action === 'approve').length;
  const acting = await actingAs(db, actor, today);
  const current = steps.find((s) => s.position === r.currentStep);
  // Votes only: a question asked on the step leaves its asker free to decide once it is answered.
  const voted = new Set(
    actions
      .filter((a) => a.action.stepId === current?.id && (a.action.action === 'approve' || a.action.action === 'reject'))
      .map((a) => a.action.approverUserId),
  );
  const managesIt = r.projectId
    ? await isProjectManagerOf(db, actor, { id: r.projectId, projectManagerId: row.projectManagerId })
    : false;
  const own = r.requestedBy === actor.userId;
  const onStep =
    current !== undefined &&
    (current.approvers as repo.StoredApprover[]).some((a) => acting.includes(a.userId) && !voted.has(a.userId));
  const position = new Map(steps.map((s) => [s.id, s.position]));
  return {
    ...summaryView(row, steps, today),
    reason: r.reason,
    change: r.change as StoredChange,
    impact: r.impact as Impact,
    size: r.size as Record<string, number>,
    steps: steps.map((s) => stepView(s, approvalsOn(s.id), today)),
    actions: actions.map((a) => ({
      id: a.action.id,
      stepPosition: a.action.stepId ? (position.get(a.action.stepId) ?? null) : null,
      action: a.action.action,
      actor: a.action.actorUserId ? { id: a.action.actorUserId, name: a.actorName ?? '' } : null,
      onBehalfOf:
        a.action.approverUserId && a.action.approverUserId !== a.action.actorUserId
          ? { id: a.action.approverUserId, name: a.approverName ?? '' }
          : null,
      comment: a.action.comment,
      at: isoInstant(a.action.createdAt)!,
    })),
    effect: (r.effect as Record<string, unknown> | null) ?? null,
    youMayDecide: r.state === 'pending' && onStep && !own && !managesIt,
    youMayAnswer: r.state === 'info_requested' && own,
    youMayWithdraw: (r.state === 'pending' || r.state === 'info_requested') && own,
  };
}

export interface ApprovalListFilter {
  state?: string;
  kind?: string;
  projectId?: string;
  pmoId?: string;
  waitingOn?: 'me';
}

/** The condition on approval_requests of what the actor may see: visible projects, or a step naming them. */
export async function visibleRequestsCondition(db: Queryable, actor: Actor) {
  const acting = await actingAs(db, actor);
  const projects = await visibleProjectIdFilter(db, actor, approvalRequests.projectId);
  if (projects === undefined) return undefined;
  // Go-aheads of initiation requests: the deciding PMO's staff and the requester.
  const governed = await governedPmoIds(db, actor);
  const goAheads = sql`(${approvalRequests.projectId} IS NULL AND (${
    governed.length ? inArray(approvalRequests.pmoId, governed) : sql`false`
  } OR ${approvalRequests.change}->>'requesterUserId' = ${actor.userId ?? ''}))`;
  return sql`(${projects} OR ${repo.namesApprover(acting)} OR ${goAheads})`;
}

/** One page of the requests the actor may see, newest first, with how many match in all. */
export async function listApprovals(
  db: Queryable,
  actor: Actor,
  filter: ApprovalListFilter = {},
  page: Page | null = null,
): Promise<Paged<ApprovalSummary>> {
  const visible = await visibleRequestsCondition(db, actor);
  const acting = filter.waitingOn === 'me' ? await actingAs(db, actor) : [];
  const state =
    filter.state === 'open'
      ? sql`${approvalRequests.state} IN ('pending', 'info_requested')`
      : filter.state
        ? eq(approvalRequests.state, filter.state as ApprovalSummary['state'])
        : undefined;
  const condition = and(
    visible,
    state,
    filter.kind ? eq(approvalRequests.kind, filter.kind as ApprovalSummary['kind']) : undefined,
    filter.projectId ? eq(approvalRequests.projectId, filter.projectId) : undefined,
    filter.pmoId ? eq(approvalRequests.pmoId, filter.pmoId) : undefined,
    filter.waitingOn === 'me'
      ? and(
          eq(approvalRequests.state, 'pending'),
          repo.currentStepNames(acting),
          actor.userId ? sql`${approvalRequests.requestedBy} <> ${actor.userId}::uuid` : undefined,
        )
      : undefined,
  );
  // One after the other: `db` may be a transaction, one connection.
  const rows = await repo.listRequests(db, condition, page);
  const total = page ? await repo.countRequests(db, condition) : rows.length;
  const steps = await repo.stepsOf(
    db,
    rows.map((r) => r.request.id),
  );
  const today = todayUtc();
  return {
    items: rows.map((row) =>
      summaryView(
        row,
        steps.filter((s) => s.requestId === row.request.id),
        today,
      ),
    ),
    total,
  };
}
