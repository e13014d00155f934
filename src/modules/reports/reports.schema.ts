import { z } from '@hono/zod-openapi';
import { VersionField } from '../../kernel/http.ts';
import { listQuery } from '../../kernel/lists.ts';
import { RAG_DIMENSIONS } from '../standards/index.ts';
import { REPORT_ACTIONS, REPORT_STATES } from './reports.states.ts';

const day = z.iso.date('use an ISO date: 2026-03-31');
const Ref = z.object({ id: z.string(), name: z.string() });

export const RagSchema = z.enum(['green', 'amber', 'red']).openapi('Rag');
const RAG_KEYS = ['overall', ...RAG_DIMENSIONS] as const;
export type RagKey = (typeof RAG_KEYS)[number];

const ragShape = Object.fromEntries(RAG_KEYS.map((k) => [k, RagSchema.optional()])) as Record<
  RagKey,
  z.ZodOptional<typeof RagSchema>
>;
const reasonShape = Object.fromEntries(RAG_KEYS.map((k) => [k, z.string().trim().max(2000).optional()])) as Record<
  RagKey,
  z.ZodOptional<z.ZodString>
>;

export const ReportRagSchema = z
  .object(ragShape)
  .openapi('StatusReportRag', { description: "overall and each RAG dimension the project's standard names" });
export const ReportRagReasonsSchema = z
  .object(reasonShape)
  .openapi('StatusReportRagReasons', { description: 'A short reason for every dimension (and overall) that is not green' });

// ---------------------------------------------------------------- milestones

export const MilestoneParams = z.object({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }),
  milestoneId: z.uuid().openapi({ param: { name: 'milestoneId', in: 'path' } }),
});

const milestoneFields = {
  name: z.string().trim().min(1, 'is required').max(200),
  baselineDate: day,
  gateKey: z.string().trim().min(1).max(40).nullable().openapi({ description: "A gate key of the project's standard" }),
  deliverableKey: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .nullable()
    .openapi({ description: "A deliverable key of one of the standard's gates" }),
  achievedOn: day.nullable(),
};

export const CreateMilestoneBody = z
  .object(milestoneFields)
  .partial({ gateKey: true, deliverableKey: true, achievedOn: true })
  .openapi('CreateMilestoneInput');
export type CreateMilestoneInput = z.infer<typeof CreateMilestoneBody>;

export const UpdateMilestoneBody = z
  .object({ version: VersionField, ...milestoneFields })
  .partial()
  .required({ version: true })
  .openapi('UpdateMilestoneInput');
export type UpdateMilestoneInput = z.infer<typeof UpdateMilestoneBody>;

export const DeleteMilestoneQuery = z.object({
  version: z.coerce.number().int().positive().openapi({ description: 'The version this deletion is based on' }),
});

export const MilestoneSchema = z
  .object({
    id: z.string(),
    projectId: z.string(),
    name: z.string(),
    baselineDate: z.string(),
    gateKey: z.string().nullable(),
    deliverableKey: z.string().nullable(),
    achievedOn: z.string().nullable(),
    /** The newest submitted forecast, and its slip against the baseline date in days. */
    latestForecast: z.string().nullable(),
    slipDays: z.number().int().nullable().openapi({ description: 'Latest forecast (or achieved day) minus baseline date' }),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Milestone');
export type MilestoneView = z.infer<typeof MilestoneSchema>;

export const MilestoneTrendSchema = z
  .object({
    projectId: z.string(),
    milestones: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        baselineDate: z.string(),
        achievedOn: z.string().nullable(),
        slipDays: z.number().int().nullable(),
        points: z.array(z.object({ reportId: z.string(), asOf: z.string(), forecastDate: z.string() })),
      }),
    ),
  })
  .openapi('MilestoneTrend');
export type MilestoneTrend = z.infer<typeof MilestoneTrendSchema>;

// ---------------------------------------------------------------- reports

export const ReportParams = z.object({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }),
  reportId: z.uuid().openapi({ param: { name: 'reportId', in: 'path' } }),
});

export const MilestoneForecastInput = z.object({ milestoneId: z.uuid(), forecastDate: day });

const reportFields = {
  asOf: day.openapi({ description: 'The status date; it decides the report period' }),
  percentComplete: z.number().min(0, 'must be between 0 and 100').max(100, 'must be between 0 and 100'),
  actualCost: z.number().min(0, 'must not be negative').max(999_999_999_999),
  rag: ReportRagSchema,
  ragReasons: ReportRagReasonsSchema,
  forecastFinish: day.nullable(),
  accomplishments: z.string().trim().max(20_000),
  nextSteps: z.string().trim().max(20_000),
  helpNeeded: z.string().trim().max(20_000),
  milestoneForecasts: z
    .array(MilestoneForecastInput)
    .max(500)
    .superRefine((items, ctx) => {
      const seen = new Set<string>();
      items.forEach((item, i) => {
        if (seen.has(item.milestoneId)) ctx.addIssue({ code: 'custom', path: [i, 'milestoneId'], message: 'appears twice' });
        seen.add(item.milestoneId);
      });
    }),
};

export const CreateReportBody = z
  .object({
    ...reportFields,
    submit: z.boolean().default(false).openapi({ description: 'true: submit at once (every field required) instead of a draft' }),
  })
  .partial()
  .required({ asOf: true })
  .openapi('CreateStatusReportInput');
export type CreateReportInput = z.input<typeof CreateReportBody>;

export const UpdateReportBody = z
  .object({ version: VersionField, ...reportFields })
  .partial()
  .required({ version: true })
  .openapi('UpdateStatusReportInput');
export type UpdateReportInput = z.infer<typeof UpdateReportBody>;

export const SubmitReportBody = z
  .object({ version: VersionField.optional() })
  .openapi('SubmitStatusReportInput', { description: 'The draft version seen; a stale one is 409' });

export const AcceptReportBody = z.object({ comment: z.string().trim().max(4000).optional() }).openapi('AcceptStatusReportInput');
export const ReturnReportBody = z
  .object({ comment: z.string().trim().min(1, 'is required').max(4000) })
  .openapi('ReturnStatusReportInput');

export const ReportListQuery = listQuery({
  state: z.enum(REPORT_STATES).optional(),
});
export type ReportListFilter = { state?: (typeof REPORT_STATES)[number] };

const EvmSchema = z
  .object({
    bac: z.number(),
    pv: z.number(),
    ev: z.number(),
    ac: z.number(),
    sv: z.number(),
    cv: z.number(),
    spi: z.number().nullable(),
    cpi: z.number().nullable(),
    eac: z.number().nullable(),
    etc: z.number().nullable(),
    vac: z.number().nullable(),
    tcpi: z.number().nullable().openapi({ description: 'To complete BAC' }),
    eacAtBudgetRate: z.number().openapi({ description: 'AC + (BAC − EV)' }),
    eacComposite: z.number().nullable().openapi({ description: 'AC + (BAC − EV) / (CPI × SPI)' }),
    tcpiToEac: z.number().nullable(),
    undefinedBecause: z.record(z.string(), z.string()).openapi({ description: 'Why each null figure is undefined' }),
  })
  .openapi('EarnedValue');

const ToleranceCheckSchema = z.object({
  figure: z.enum(['spi', 'cpi', 'budgetVariancePct', 'finishSlipDays']),
  value: z.number().nullable(),
  rag: RagSchema,
  because: z.string(),
});

const ComputedRagSchema = z
  .object({
    overall: RagSchema,
    dimensions: z.record(z.string(), ToleranceCheckSchema.extend({ checks: z.array(ToleranceCheckSchema) })),
  })
  .openapi('ComputedRag');

export const MismatchSchema = z
  .object({
    dimension: z.string(),
    reported: RagSchema,
    computed: RagSchema,
    figure: z.string(),
    value: z.number().nullable(),
    because: z.string(),
  })
  .openapi('RagMismatch');

const ReviewSchema = z.object({
  outcome: z.enum(['accepted', 'returned']),
  comment: z.string().nullable(),
  reviewer: Ref,
  reviewedAt: z.string(),
});

export const ReportSummarySchema = z
  .object({
    id: z.string(),
    projectId: z.string(),
    periodStart: z.string(),
    periodEnd: z.string(),
    dueOn: z.string(),
    revision: z.number().int().openapi({ description: '1, and one more for each revision after a return' }),
    state: z.enum(REPORT_STATES),
    asOf: z.string(),
    percentComplete: z.number().nullable(),
    actualCost: z.number().nullable(),
    rag: ReportRagSchema,
    forecastFinish: z.string().nullable(),
    evm: EvmSchema.nullable().openapi({ description: 'Computed at submission; null on a draft' }),
    computedRag: ComputedRagSchema.nullable(),
    mismatch: z.boolean().nullable().openapi({ description: 'Reported better than computed anywhere; null on a draft' }),
    mismatches: z.array(MismatchSchema),
    submittedAt: z.string().nullable(),
    submittedBy: Ref.nullable(),
    onTime: z.boolean().nullable().openapi({ description: 'Submitted by its due day; null on a draft' }),
    review: ReviewSchema.nullable(),
    version: z.number().int().openapi({ description: 'For the autosave of a draft: the version it is based on' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('StatusReportSummary');
export type ReportSummary = z.infer<typeof ReportSummarySchema>;

export const ReportSchema = ReportSummarySchema.extend({
  ragReasons: ReportRagReasonsSchema,
  accomplishments: z.string(),
  nextSteps: z.string(),
  helpNeeded: z.string(),
  milestoneForecasts: z.array(
    z.object({ milestoneId: z.string(), name: z.string(), baselineDate: z.string(), forecastDate: z.string() }),
  ),
  baseline: z
    .object({ id: z.string(), number: z.number().int(), createdAt: z.string() })
    .nullable()
    .openapi({ description: 'The baseline version in force at asOf, used for the EVM figures' }),
  versions: z
    .array(
      z.object({ id: z.string(), revision: z.number().int(), state: z.enum(REPORT_STATES), submittedAt: z.string().nullable() }),
    )
    .openapi({ description: "Every version of this period's report, oldest first" }),
  allowedActions: z.array(z.enum(REPORT_ACTIONS)),
}).openapi('StatusReport');
export type ReportView = z.infer<typeof ReportSchema>;

// ---------------------------------------------------------------- periods and the reporting summary

export const DUE_STATES = ['upcoming', 'due', 'overdue', 'escalated', 'submitted'] as const;

export const ReportPeriodSchema = z
  .object({
    id: z.string().openapi({ description: 'The period start, which names the period' }),
    periodStart: z.string(),
    periodEnd: z.string(),
    dueOn: z.string(),
    dueState: z.enum(DUE_STATES),
    report: z
      .object({ id: z.string(), revision: z.number().int(), state: z.enum(REPORT_STATES) })
      .nullable()
      .openapi({ description: "The period's newest report version" }),
  })
  .openapi('ReportPeriod');
export type ReportPeriodView = z.infer<typeof ReportPeriodSchema>;

const ragColumns = z.object(ragShape);

export const ReportingSchema = z
  .object({
    projectId: z.string(),
    goAheadOn: z.string().nullable(),
    cadence: z.enum(['weekly', 'fortnightly', 'monthly']),
    ragDimensions: z.array(z.enum(RAG_DIMENSIONS)),
    graceDays: z.number().int(),
    escalateAfterDays: z.number().int(),
    nextDue: z
      .object({ periodStart: z.string(), periodEnd: z.string(), dueOn: z.string(), dueState: z.enum(DUE_STATES) })
      .nullable()
      .openapi({ description: 'The earliest period still owed a report: what is due next, or late' }),
    late: z
      .array(z.object({ periodStart: z.string(), periodEnd: z.string(), dueOn: z.string(), dueState: z.enum(DUE_STATES) }))
      .openapi({ description: 'Every period past its grace days without a submitted report' }),
    escalated: z.boolean(),
    mayReport: z.boolean().openapi({
      description: "Whether the caller may draft and submit this project's reports (its manager, or its PMO's staff)",
    }),
    status: z
      .object({
        lastReportId: z.string().nullable(),
        lastReportState: z.string().nullable(),
        lastAsOf: z.string().nullable(),
        lastSubmittedAt: z.string().nullable(),
        lastAcceptedReportId: z.string().nullable(),
        lastAcceptedAt: z.string().nullable(),
        reported: ragColumns,
        computed: ragColumns,
        mismatch: z.boolean(),
        mismatchDimensions: z.array(z.string()),
        mismatches: z
          .array(MismatchSchema)
          .openapi({ description: 'Each dimension reported better than computed, with the figure that disagrees' }),
        percentComplete: z.number().nullable(),
        forecastFinish: z.string().nullable(),
        evm: z.object({
          bac: z.number().nullable(),
          pv: z.number().nullable(),
          ev: z.number().nullable(),
          ac: z.number().nullable(),
          sv: z.number().nullable(),
          cv: z.number().nullable(),
          spi: z.number().nullable(),
          cpi: z.number().nullable(),
          eac: z.number().nullable(),
          etc: z.number().nullable(),
          vac: z.number().nullable(),
          tcpi: z.number().nullable(),
        }),
        updatedAt: z.string(),
      })
      .nullable()
      .openapi({ description: "The project's current status row (project_status); null before the go-ahead" }),
  })
  // Not 'ProjectReporting': the project list's reporting columns (projects.schema.ts) carry that name.
  .openapi('ProjectReportingSummary');
export type ReportingView = z.infer<typeof ReportingSchema>;
