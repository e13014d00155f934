/**
 * The demo's approval requests, in every state, on the project manager's projects (the one of the
 * enterprise PMO first): a budget increase of 15 % of BAC that the PMO lead approved and that waits on
 * the COO; infrastructure the PMO analyst approved (recorded against the budget); a budget
 * increase the lead rejected; a headcount request the lead asked about; a scope change waiting on
 * the lead; one the project manager withdrew. Each route is worked out from the demo's delegation
 * thresholds as a real request's is; the requests, their steps, actions and audit events are
 * written as the use cases write them, dated around the seed day.
 */
import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Actor } from '../kernel/actor.ts';
import { addDays, addMonths } from '../kernel/dates.ts';
import type { Tx } from '../kernel/db.ts';
import {
  approvalActions,
  approvalDelegates,
  approvalRequests,
  approvalSteps,
  personSkills,
  projectBaselines,
  projectInfrastructure,
  projects,
  users,
} from '../kernel/schema.ts';
import { type RouteStep, routeForProject } from '../modules/approvals/index.ts';
import { type AuditInput, recordAuditBatch } from '../modules/audit/index.ts';

type Change = Record<string, unknown> & { kind: string };

interface Plan {
  title: string;
  reason: string;
  change: (bac: number, seedDay: string, skillId: string) => Change;
  size: (bac: number) => Record<string, number>;
  subject: 'budget_increase' | 'headcount' | 'infrastructure' | 'schedule_change';
  headcount?: boolean;
  /** Days before the seed day it was raised. */
  raisedDaysAgo: number;
  /** What happened on it, step by step: the step decided (1-based), by whom (a level's first approver), and how. */
  story: { step: number; action: 'approve' | 'reject' | 'request_info' | 'withdraw'; daysAgo: number; comment?: string }[];
}

const round = (n: number) => Math.round(n / 100) * 100;

const PLANS: Plan[][] = [
  [
    {
      title: 'Supplier change requests',
      reason: 'The integration supplier priced three change requests the business asked for in the design review.',
      change: (bac) => ({ kind: 'budget_increase', amount: round(bac * 0.15), costCategory: 'contractors' }),
      size: (bac) => ({ amount: round(bac * 0.15), percent_of_bac: Math.round((round(bac * 0.15) / bac) * 10000) / 100 }),
      subject: 'budget_increase',
      raisedDaysAgo: 6,
      story: [
        { step: 1, action: 'approve', daysAgo: 3, comment: 'The change requests are in scope; the COO decides the amount.' },
      ],
    },
    {
      title: 'Performance test environment',
      reason: 'Load tests need an environment sized like production for six weeks.',
      change: (_bac, seedDay) => ({
        kind: 'infrastructure',
        item: 'Performance test environment',
        cost: 18_000,
        recurrence: 'one_off',
        neededBy: addDays(seedDay, 30),
      }),
      size: (bac) => ({ amount: 18_000, percent_of_bac: Math.round((18_000 / bac) * 10000) / 100 }),
      subject: 'infrastructure',
      raisedDaysAgo: 12,
      story: [{ step: 1, action: 'approve', daysAgo: 9, comment: 'Within the test budget line.' }],
    },
  ],
  [
    {
      title: 'Extra training for the service desk',
      reason: 'The service desk asked for two more training days before go-live.',
      change: (bac) => ({ kind: 'budget_increase', amount: round(bac * 0.06), costCategory: 'labour' }),
      size: (bac) => ({ amount: round(bac * 0.06), percent_of_bac: Math.round((round(bac * 0.06) / bac) * 10000) / 100 }),
      subject: 'budget_increase',
      raisedDaysAgo: 14,
      story: [
        { step: 1, action: 'reject', daysAgo: 10, comment: 'Use the contingency reserve first; ask again if it runs out.' },
      ],
    },
    {
      title: 'A second tester for the migration',
      reason: 'Migration rehearsals need a tester full time for three months.',
      change: (_bac, seedDay, skillId) => ({
        kind: 'headcount',
        skillId,
        fte: 1,
        startMonth: addMonths(seedDay, 1).slice(0, 7),
        endMonth: addMonths(seedDay, 3).slice(0, 7),
        personId: null,
      }),
      size: () => ({ count: 1 }),
      subject: 'headcount',
      headcount: true,
      raisedDaysAgo: 5,
      story: [
        { step: 1, action: 'approve', daysAgo: 4, comment: 'A tester can be found in the pool.' },
        {
          step: 2,
          action: 'request_info',
          daysAgo: 2,
          comment: 'Which rehearsals need the second tester, and could they be moved?',
        },
      ],
    },
  ],
  [
    {
      title: 'Reporting module moves to the next release',
      reason: 'The regulator changed the report format; the module is rebuilt after go-live.',
      change: () => ({
        kind: 'scope_change',
        description: 'The regulatory reporting module moves to release 2.',
        scheduleImpactDays: 10,
        costImpact: 0,
      }),
      size: () => ({ days: 10 }),
      subject: 'schedule_change',
      raisedDaysAgo: 1,
      story: [],
    },
    {
      title: 'Archive migration in this release',
      reason: 'The business asked to migrate the archive now.',
      change: () => ({
        kind: 'scope_change',
        description: 'Migrate the document archive in release 1.',
        scheduleImpactDays: 20,
        costImpact: 0,
      }),
      size: () => ({ days: 20 }),
      subject: 'schedule_change',
      raisedDaysAgo: 20,
      story: [{ step: 1, action: 'withdraw', daysAgo: 18, comment: 'The business agreed to keep it for release 2.' }],
    },
  ],
];

/** The impact the request showed when raised, as the preview works it out. */
function impactOf(change: Change, bac: number, finish: string | null) {
  const amount = change.kind === 'budget_increase' ? Number(change.amount) : 0;
  const days = change.kind === 'scope_change' ? Number(change.scheduleImpactDays) : 0;
  return {
    bac: amount ? { before: bac, after: bac + amount } : null,
    budgetVariance: amount ? { amount, percentOfBac: Math.round((amount / bac) * 10000) / 100 } : null,
    capacity: null,
    skill: null,
    finish: days && finish ? { before: finish, after: addDays(finish, days), slipDays: days } : null,
    milestones: [],
    infrastructure:
      change.kind === 'infrastructure'
        ? { firstYearCost: Number(change.cost), committedBefore: 0, committedAfter: Number(change.cost), budget: bac }
        : null,
  };
}

export async function seedApprovals(
  tx: Tx,
  ids: { pmoId: string; pmEmail: string; seedDay: string },
  actor: Actor,
): Promise<void> {
  const [pm] = await tx.select().from(users).where(eq(users.email, ids.pmEmail));
  if (!pm?.personId) return;
  const own = await tx
    .select()
    .from(projects)
    .where(and(eq(projects.projectManagerId, pm.personId), eq(projects.state, 'active'), isNotNull(projects.goAheadAt)))
    // The enterprise PMO's project first: its budget increase goes up to the COO.
    .orderBy(sql`${projects.pmoId} = ${ids.pmoId}::uuid DESC`, projects.code);
  const [skill] = await tx.select({ id: personSkills.skillId }).from(personSkills).orderBy(personSkills.skillId).limit(1);
  const audits: AuditInput[] = [];
  const at = (daysAgo: number, hour = 10) =>
    new Date(`${addDays(ids.seedDay, -daysAgo)}T${String(hour).padStart(2, '0')}:00:00Z`);
  for (const [index, project] of own.slice(0, PLANS.length).entries()) {
    const [baseline] = await tx
      .select({ bac: projectBaselines.bac })
      .from(projectBaselines)
      .where(eq(projectBaselines.projectId, project.id))
      .orderBy(desc(projectBaselines.number))
      .limit(1);
    const bac = Number(baseline?.bac ?? project.budget);
    if (!(bac > 0)) continue;
    for (const [n, plan] of PLANS[index]!.entries()) {
      const change = plan.change(bac, ids.seedDay, skill?.id ?? '');
      if (change.kind === 'headcount' && !skill) continue;
      const size = plan.size(bac);
      const routing = await routeForProject(tx, project.id, {
        subject: plan.subject,
        size,
        requesterUserId: pm.id,
        needsResourceManager: plan.headcount,
      });
      if (!routing.ok) continue;
      await seedRequest(tx, {
        project,
        number: n + 1,
        plan,
        change,
        size,
        bac,
        steps: routing.steps,
        requester: pm.id,
        at,
        seedDay: ids.seedDay,
        audits,
      });
    }
  }
  await seedCover(tx, ids.seedDay, audits);
  await recordAuditBatch(tx, actor, audits);
}

/** Holiday cover booked ahead: the CFO decides the COO's approvals for two weeks next month. */
async function seedCover(tx: Tx, seedDay: string, audits: AuditInput[]): Promise<void> {
  const [coo] = await tx.select().from(users).where(eq(users.email, 'coo@example.com'));
  const [cfo] = await tx.select().from(users).where(eq(users.email, 'cfo@example.com'));
  if (!coo || !cfo) return;
  const startsOn = addDays(seedDay, 30);
  const endsOn = addDays(seedDay, 43);
  const [row] = await tx
    .insert(approvalDelegates)
    .values({
      userId: coo.id,
      delegateUserId: cfo.id,
      startsOn,
      endsOn,
      reason: 'Annual leave',
      createdAt: new Date(`${addDays(seedDay, -3)}T15:00:00Z`),
    })
    .returning();
  audits.push({
    entityType: 'approval_delegate',
    entityId: row!.id,
    action: 'approval_delegate.named',
    after: { userId: coo.id, delegateUserId: cfo.id, startsOn, endsOn },
    reason: 'Annual leave',
  });
}

async function seedRequest(
  tx: Tx,
  s: {
    project: typeof projects.$inferSelect;
    number: number;
    plan: Plan;
    change: Change;
    size: Record<string, number>;
    bac: number;
    steps: RouteStep[];
    requester: string;
    at: (daysAgo: number, hour?: number) => Date;
    seedDay: string;
    audits: AuditInput[];
  },
): Promise<void> {
  const { plan, steps } = s;
  const last = plan.story.at(-1);
  const state = !last
    ? 'pending'
    : last.action === 'withdraw'
      ? 'withdrawn'
      : last.action === 'reject'
        ? 'rejected'
        : last.action === 'request_info'
          ? 'info_requested'
          : last.step === steps.length
            ? 'approved'
            : 'pending';
  const decided = state === 'approved' || state === 'rejected' || state === 'withdrawn';
  const currentStep = last?.action === 'approve' && state === 'pending' ? last.step + 1 : (last?.step ?? 1);
  const [request] = await tx
    .insert(approvalRequests)
    .values({
      projectId: s.project.id,
      pmoId: s.project.pmoId,
      number: s.number,
      kind: s.change.kind as 'budget_increase',
      title: plan.title,
      reason: plan.reason,
      change: s.change,
      impact: impactOf(s.change, s.bac, s.project.plannedFinishDate),
      size: s.size,
      state,
      currentStep,
      requestedBy: s.requester,
      decidedAt: decided ? s.at(last!.daysAgo, 11) : null,
      createdAt: s.at(plan.raisedDaysAgo, 9),
      updatedAt: decided || last ? s.at(last!.daysAgo, 11) : s.at(plan.raisedDaysAgo, 9),
    })
    .returning();
  const stepRows = await tx
    .insert(approvalSteps)
    .values(
      steps.map((step, i) => {
        const position = i + 1;
        const decidedHere = plan.story.find((e) => e.step === position && (e.action === 'approve' || e.action === 'reject'));
        const activatedDaysAgo = position === 1 ? plan.raisedDaysAgo : plan.story.find((e) => e.step === position - 1)?.daysAgo;
        const reached = position <= currentStep;
        const stepState = decidedHere
          ? decidedHere.action === 'approve'
            ? 'approved'
            : 'rejected'
          : position === currentStep && state === 'info_requested'
            ? 'info_requested'
            : position === currentStep && (state === 'pending' || state === 'withdrawn')
              ? 'active'
              : 'waiting';
        return {
          requestId: request!.id,
          position,
          level: step.level,
          approvers: step.approvers.map(({ userId, personId, name }) => ({ userId, personId, name })),
          quorum: step.quorum,
          because: step.because,
          state: stepState as 'active',
          activatedAt: reached && activatedDaysAgo !== undefined ? s.at(activatedDaysAgo, 11) : null,
          dueOn: reached && activatedDaysAgo !== undefined ? addDays(s.seedDay, -activatedDaysAgo + 5) : null,
          decidedAt: decidedHere ? s.at(decidedHere.daysAgo, 11) : null,
        };
      }),
    )
    .returning();
  s.audits.push({
    entityType: 'approval_request',
    entityId: request!.id,
    action: 'approval.requested',
    after: {
      projectId: s.project.id,
      key: `AR-${s.number}`,
      kind: s.change.kind,
      title: plan.title,
      change: s.change,
      size: s.size,
      state: 'pending',
    },
    reason: plan.reason,
  });
  for (const event of plan.story) {
    const step = stepRows.find((r) => r.position === event.step)!;
    const approver = (step.approvers as { userId: string }[])[0]!.userId;
    await tx.insert(approvalActions).values({
      requestId: request!.id,
      stepId: step.id,
      action: event.action,
      actorUserId: event.action === 'withdraw' ? s.requester : approver,
      approverUserId: event.action === 'approve' || event.action === 'reject' ? approver : null,
      comment: event.comment ?? null,
      createdAt: s.at(event.daysAgo, 11),
    });
    s.audits.push({
      entityType: 'approval_request',
      entityId: request!.id,
      action: {
        approve: event.step === steps.length ? 'approval.approved' : 'approval.step_approved',
        reject: 'approval.rejected',
        request_info: 'approval.info_requested',
        withdraw: 'approval.withdrawn',
      }[event.action],
      after: { projectId: s.project.id, step: event.step, by: approver },
      reason: event.comment ?? null,
    });
  }
  if (state === 'approved' && s.change.kind === 'infrastructure') {
    const [row] = await tx
      .insert(projectInfrastructure)
      .values({
        projectId: s.project.id,
        approvalRequestId: request!.id,
        item: String(s.change.item),
        cost: Number(s.change.cost).toFixed(2),
        recurrence: s.change.recurrence as 'one_off',
        neededBy: String(s.change.neededBy),
      })
      .returning();
    await tx
      .update(approvalRequests)
      .set({ effect: { infrastructureId: row!.id, firstYearCost: Number(s.change.cost) } })
      .where(eq(approvalRequests.id, request!.id));
    s.audits.push({
      entityType: 'project',
      entityId: s.project.id,
      action: 'project.infrastructure_recorded',
      after: { item: s.change.item, cost: s.change.cost, recurrence: s.change.recurrence, neededBy: s.change.neededBy },
      reason: `AR-${s.number} approved: ${plan.title}`,
    });
  }
}
