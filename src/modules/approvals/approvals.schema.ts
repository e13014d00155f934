import { z } from '@hono/zod-openapi';
import { VersionField } from '../../kernel/http.ts';
import { listQuery } from '../../kernel/lists.ts';

const day = z.iso.date('use an ISO date: 2026-03-31');
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])(-01)?$/, 'use a month, 2027-01');
const text = (max: number) => z.string().trim().max(max);
const positiveMoney = z.number().positive('must be more than 0').max(1e12);

export const APPROVAL_KINDS = [
  'budget_increase',
  'headcount',
  'infrastructure',
  'rebaseline',
  'scope_change',
  'initiation',
] as const;
export const APPROVAL_STATES = ['pending', 'info_requested', 'approved', 'rejected', 'withdrawn'] as const;
export const STEP_STATES = ['waiting', 'active', 'info_requested', 'approved', 'rejected'] as const;
export const COST_CATEGORIES = ['labour', 'contractors', 'infrastructure', 'licences', 'travel', 'other'] as const;
export const RECURRENCES = ['one_off', 'monthly', 'yearly'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];
export type ApprovalState = (typeof APPROVAL_STATES)[number];
export type StepState = (typeof STEP_STATES)[number];

const BudgetIncrease = z
  .object({
    kind: z.literal('budget_increase'),
    amount: positiveMoney,
    costCategory: z.enum(COST_CATEGORIES),
  })
  .openapi('BudgetIncreaseChange');

const Headcount = z
  .object({
    kind: z.literal('headcount'),
    skillId: z.uuid(),
    fte: z.number().positive('must be more than 0').max(100),
    startMonth: month,
    endMonth: month,
    personId: z
      .uuid()
      .nullable()
      .optional()
      .openapi({ description: 'A named person, when the project wants someone in particular' }),
  })
  .openapi('HeadcountChange');

const Infrastructure = z
  .object({
    kind: z.literal('infrastructure'),
    item: text(200).min(1, 'is required'),
    cost: positiveMoney.openapi({ description: 'Per occurrence: once, per month or per year' }),
    recurrence: z.enum(RECURRENCES),
    neededBy: day,
  })
  .openapi('InfrastructureChange');

const CurvePoint = z.object({ date: day, plannedValue: z.number().nonnegative('must not be negative').max(1e12) });

const Rebaseline = z
  .object({
    kind: z.literal('rebaseline'),
    bac: positiveMoney,
    curve: z.array(CurvePoint).min(1, 'give at least one point').max(1000),
    plannedFinishDate: day.nullable().optional(),
    milestones: z
      .array(z.object({ milestoneId: z.uuid(), baselineDate: day }))
      .max(500)
      .default([])
      .openapi({ description: 'New baseline dates of key milestones' }),
  })
  .openapi('RebaselineChange');

const ScopeChange = z
  .object({
    kind: z.literal('scope_change'),
    description: text(4000).min(1, 'is required'),
    scheduleImpactDays: z.number().int('is a whole number of days').min(0).max(3650).default(0),
    costImpact: z.number().nonnegative('must not be negative').max(1e12).default(0),
  })
  .openapi('ScopeChange');

export const ChangeSchema = z.discriminatedUnion('kind', [BudgetIncrease, Headcount, Infrastructure, Rebaseline, ScopeChange]);
export type Change = z.infer<typeof ChangeSchema>;

/**
 * The go-ahead of an initiation request whose budget is above its PMO lead's limit: the lead's
 * decision (what the approval sets), kept until the senior steps approve it. Raised by the
 * lead's decision on the request, never through POST /approvals.
 */
const InitiationChange = z
  .object({
    kind: z.literal('initiation'),
    requestId: z.string(),
    requestCode: z.string(),
    budget: z.number(),
    requesterUserId: z.string().nullable(),
    leadUserId: z.string(),
    decision: z
      .record(z.string(), z.unknown())
      .openapi({ description: "The PMO lead's decision body, applied on the last approval" }),
  })
  .openapi('InitiationChange');
export type InitiationChangeValue = z.infer<typeof InitiationChange>;
export const StoredChangeSchema = z.discriminatedUnion('kind', [
  BudgetIncrease,
  Headcount,
  Infrastructure,
  Rebaseline,
  ScopeChange,
  InitiationChange,
]);
export type StoredChange = z.infer<typeof StoredChangeSchema>;

export const RaiseApprovalBody = z
  .object({
    projectId: z.uuid(),
    title: text(200).min(1, 'is required'),
    reason: text(4000).min(1, 'say why the project needs it'),
    change: ChangeSchema,
  })
  .openapi('RaiseApproval');
export type RaiseApprovalInput = z.input<typeof RaiseApprovalBody>;

/** What the preview needs: the project and the change (a title and reason may come along; they are not read). */
export const PreviewApprovalBody = RaiseApprovalBody.partial({ title: true, reason: true }).openapi('PreviewApproval');
export type PreviewApprovalInput = z.input<typeof PreviewApprovalBody>;

export const DecisionBody = z
  .object({
    outcome: z.enum(['approve', 'reject', 'request_info']),
    comment: text(4000).optional(),
    overrideReason: text(2000).min(1).optional().openapi({
      description: 'On the final approval of a headcount request: allocate beyond capacity anyway, for this reason',
    }),
    version: VersionField.optional(),
  })
  .openapi('ApprovalDecision');
export type DecisionInput = z.input<typeof DecisionBody>;

export const AnswerBody = z.object({ answer: text(4000).min(1, 'is required') }).openapi('ApprovalAnswer');
export const WithdrawBody = z.object({ reason: text(2000).min(1, 'is required') }).openapi('ApprovalWithdrawal');

const Ref = z.object({ id: z.string(), name: z.string() });

const ImpactSchema = z
  .object({
    bac: z.object({ before: z.number(), after: z.number() }).nullable(),
    budgetVariance: z
      .object({ amount: z.number(), percentOfBac: z.number().nullable() })
      .nullable()
      .openapi({ description: 'After minus before, in money and in % of the BAC before' }),
    capacity: z
      .array(z.object({ month: z.string(), capacityFte: z.number(), freeFte: z.number(), freeAfterFte: z.number() }))
      .nullable()
      .openapi({ description: 'For a headcount request: the skill’s capacity and what is free before and after, per month' }),
    skill: Ref.nullable(),
    person: Ref.nullable().optional().openapi({ description: 'For a headcount request naming someone: the person asked for' }),
    finish: z.object({ before: z.string().nullable(), after: z.string().nullable(), slipDays: z.number() }).nullable(),
    milestones: z.array(
      z.object({ id: z.string(), name: z.string(), before: z.string(), after: z.string(), slipDays: z.number() }),
    ),
    infrastructure: z
      .object({ firstYearCost: z.number(), committedBefore: z.number(), committedAfter: z.number(), budget: z.number() })
      .nullable(),
  })
  .openapi('ApprovalImpact');
export type Impact = z.infer<typeof ImpactSchema>;

const ApproverSchema = z.object({ userId: z.string(), name: z.string() });

const RouteStepSchema = z.object({
  level: z.string(),
  levelName: z.string(),
  approvers: z.array(ApproverSchema),
  quorum: z.number().int(),
  because: z.string(),
});

export const ApprovalPreviewSchema = z
  .object({
    impact: ImpactSchema,
    size: z.record(z.string(), z.number()),
    route: z.array(RouteStepSchema),
    refusal: z.string().nullable().openapi({ description: 'Why nobody may approve it (the route cannot be taken), or null' }),
  })
  .openapi('ApprovalPreview');

const StepSchema = RouteStepSchema.extend({
  id: z.string(),
  position: z.number().int(),
  state: z.enum(STEP_STATES),
  approvals: z.number().int().openapi({ description: 'Approvals given on the step so far' }),
  activatedAt: z.string().nullable(),
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
  remindedAt: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  escalatedTo: z.string().nullable().openapi({ description: 'The level the late step was escalated to' }),
  decidedAt: z.string().nullable(),
});

const ActionSchema = z.object({
  id: z.string(),
  stepPosition: z.number().int().nullable(),
  action: z.enum(['approve', 'reject', 'request_info', 'answer', 'withdraw', 'remind', 'escalate']),
  actor: Ref.nullable(),
  onBehalfOf: Ref.nullable().openapi({ description: 'The approver a delegate acted for' }),
  comment: z.string().nullable(),
  at: z.string(),
});

const summaryFields = {
  id: z.string(),
  key: z.string().openapi({ example: 'AR-3' }),
  project: z
    .object({ id: z.string(), code: z.string(), name: z.string() })
    .nullable()
    .openapi({ description: 'The project the change is for; null for the go-ahead of an initiation request' }),
  initiationRequest: z
    .object({ id: z.string(), code: z.string(), title: z.string() })
    .nullable()
    .openapi({ description: 'The initiation request whose go-ahead waits for this approval' }),
  pmo: Ref,
  kind: z.enum(APPROVAL_KINDS),
  title: z.string(),
  headline: z.string().openapi({ description: 'What is asked, in a line: "+15,000 (15 % of BAC)"' }),
  state: z.enum(APPROVAL_STATES),
  currentStep: z.number().int(),
  waitingOn: z
    .object({
      level: z.string(),
      levelName: z.string(),
      approvers: z.array(ApproverSchema),
      dueOn: z.string().nullable(),
      overdue: z.boolean(),
    })
    .nullable(),
  requestedBy: Ref,
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  version: z.number().int(),
};

export const ApprovalSummarySchema = z.object(summaryFields).openapi('ApprovalSummary');
export type ApprovalSummary = z.infer<typeof ApprovalSummarySchema>;

export const ApprovalSchema = z
  .object({
    ...summaryFields,
    reason: z.string(),
    change: StoredChangeSchema,
    impact: ImpactSchema,
    size: z.record(z.string(), z.number()),
    steps: z.array(StepSchema),
    actions: z.array(ActionSchema),
    effect: z.record(z.string(), z.unknown()).nullable(),
    youMayDecide: z.boolean(),
    youMayAnswer: z.boolean(),
    youMayWithdraw: z.boolean(),
  })
  .openapi('Approval');
export type ApprovalView = z.infer<typeof ApprovalSchema>;

export const ApprovalListQuery = listQuery({
  state: z
    .enum([...APPROVAL_STATES, 'open'])
    .optional()
    .openapi({ description: 'open: pending or waiting for information' }),
  kind: z.enum(APPROVAL_KINDS).optional(),
  projectId: z.uuid().optional(),
  pmoId: z.uuid().optional(),
  waitingOn: z
    .enum(['me'])
    .optional()
    .openapi({ description: 'me: the requests whose current step the caller (or whom they stand in for) may decide' }),
});

export const CreateDelegateBody = z
  .object({
    delegatePersonId: z.uuid(),
    startsOn: day,
    endsOn: day,
    reason: text(500).nullable().optional(),
  })
  .openapi('CreateApprovalDelegate');
export type CreateDelegateInput = z.input<typeof CreateDelegateBody>;

export const DelegateSchema = z
  .object({
    id: z.string(),
    approver: Ref,
    delegate: Ref,
    startsOn: z.string(),
    endsOn: z.string(),
    reason: z.string().nullable(),
    active: z.boolean(),
    version: z.number().int(),
  })
  .openapi('ApprovalDelegate');
export type DelegateView = z.infer<typeof DelegateSchema>;

export const ApprovalsDashboardSchema = z
  .object({
    waitingByStep: z.array(
      z.object({ level: z.string(), levelName: z.string(), waiting: z.number().int(), overdue: z.number().int() }),
    ),
    waitingByApprover: z.array(
      z.object({
        userId: z.string(),
        name: z.string(),
        waiting: z.number().int(),
        overdue: z.number().int(),
        oldestDays: z.number(),
      }),
    ),
    averageDecisionDays: z
      .number()
      .nullable()
      .openapi({ description: 'Raised to final decision, over the requests decided in the last 180 days' }),
    decided: z.number().int(),
  })
  .openapi('ApprovalsDashboard');
export type ApprovalsDashboard = z.infer<typeof ApprovalsDashboardSchema>;
