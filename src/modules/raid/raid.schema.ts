import { z } from '@hono/zod-openapi';
import { VersionField } from '../../kernel/http.ts';
import { listQuery } from '../../kernel/lists.ts';
import { DashboardFilterQuery } from '../dashboard/index.ts';

const day = z.iso.date('use an ISO date: 2026-03-31');
const Ref = z.object({ id: z.string(), name: z.string() });
const text = (max: number) => z.string().trim().max(max);
const money = z.number().nonnegative('must not be negative').max(1e12);
const days = z.number().int('is a whole number of days').nonnegative('must not be negative').max(3650);

export const RISK_RESPONSES = ['avoid', 'mitigate', 'transfer', 'accept', 'escalate'] as const;
export const RISK_STATUSES = ['open', 'closed', 'occurred'] as const;
export const ISSUE_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const ISSUE_STATUSES = ['open', 'resolved', 'closed'] as const;

export const RiskParams = z.object({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }),
  riskId: z.uuid().openapi({ param: { name: 'riskId', in: 'path' } }),
});
export const IssueParams = z.object({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }),
  issueId: z.uuid().openapi({ param: { name: 'issueId', in: 'path' } }),
});

/** A minimum, most likely and maximum, for forecasting (three-point estimate). */
const range = <T extends z.ZodType<number>>(of: T) => z.object({ min: of, likely: of, max: of });

const RiskActionInput = z.object({
  text: text(500).min(1, 'is required'),
  ownerPersonId: z.uuid().nullable().optional(),
  dueOn: day.nullable().optional(),
  doneOn: day.nullable().optional(),
});

const riskFields = {
  title: text(200).min(1, 'is required'),
  description: text(4000).nullable(),
  category: text(60).min(1, 'is required'),
  cause: text(2000).nullable(),
  effect: text(2000).nullable(),
  ownerPersonId: z.uuid().nullable(),
  probability: z.number().int('is a whole number on the risk matrix'),
  impact: z.number().int('is a whole number on the risk matrix'),
  response: z.enum(RISK_RESPONSES),
  costImpact: range(money).nullable().openapi({ description: 'Cost if it occurs: minimum, most likely, maximum' }),
  scheduleImpactDays: range(days)
    .nullable()
    .openapi({ description: 'Delay in days if it occurs: minimum, most likely, maximum' }),
  actions: z.array(RiskActionInput).max(50),
};

export const CreateRiskBody = z
  .object(riskFields)
  .partial({
    description: true,
    cause: true,
    effect: true,
    ownerPersonId: true,
    costImpact: true,
    scheduleImpactDays: true,
    actions: true,
  })
  .openapi('CreateRiskInput');
export type CreateRiskInput = z.infer<typeof CreateRiskBody>;

export const UpdateRiskBody = z
  .object({
    version: VersionField,
    ...riskFields,
    status: z.enum(['open', 'closed']).openapi({ description: 'Close a risk that can no longer happen, or open it again' }),
    assessmentNote: text(1000)
      .nullable()
      .openapi({ description: 'Why the probability or the impact changed: kept with the reassessment' }),
  })
  .partial()
  .required({ version: true })
  .openapi('UpdateRiskInput');
export type UpdateRiskInput = z.infer<typeof UpdateRiskBody>;

export const OccurRiskBody = z
  .object({
    version: VersionField,
    severity: z.enum(ISSUE_SEVERITIES),
    description: text(4000).nullable().optional(),
    dueOn: day.nullable().optional(),
  })
  .openapi('OccurRiskInput');
export type OccurRiskInput = z.infer<typeof OccurRiskBody>;

export const RiskListQuery = listQuery({
  status: z.enum(RISK_STATUSES).optional().openapi({ description: 'Only risks in this status' }),
  escalated: z.enum(['true', 'false']).optional(),
});

const RangeOut = z.object({ min: z.number(), likely: z.number(), max: z.number() }).nullable();

export const RiskAssessmentSchema = z
  .object({
    probability: z.number().int(),
    impact: z.number().int(),
    score: z.number().int(),
    band: z.string(),
    note: z.string().nullable(),
    assessedBy: Ref.nullable(),
    assessedAt: z.string(),
  })
  .openapi('RiskAssessment');

export const RiskSchema = z
  .object({
    id: z.string(),
    projectId: z.string(),
    key: z.string().openapi({ description: 'R-1, R-2, … per project' }),
    title: z.string(),
    description: z.string().nullable(),
    category: z.string(),
    cause: z.string().nullable(),
    effect: z.string().nullable(),
    owner: Ref.nullable(),
    probability: z.number().int(),
    impact: z.number().int(),
    probabilityLabel: z.string(),
    impactLabel: z.string(),
    score: z.number().int().openapi({ description: 'probability × impact' }),
    band: z.object({ name: z.string(), color: z.string() }).openapi({ description: "The risk matrix's band of the score" }),
    response: z.enum(RISK_RESPONSES),
    status: z.enum(RISK_STATUSES),
    escalated: z
      .boolean()
      .openapi({ description: "At or above the matrix's escalation score, or escalated by its response: in the PMO's queue" }),
    escalatedAt: z.string().nullable(),
    costImpact: RangeOut,
    scheduleImpactDays: RangeOut,
    actions: z.array(
      z.object({ text: z.string(), owner: Ref.nullable(), dueOn: z.string().nullable(), doneOn: z.string().nullable() }),
    ),
    issueId: z.string().nullable().openapi({ description: 'The issue it became when it occurred' }),
    canEdit: z.boolean(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Risk');
export type RiskView = z.infer<typeof RiskSchema>;

export const RiskDetailSchema = RiskSchema.extend({
  assessments: z.array(RiskAssessmentSchema).openapi({ description: 'Every assessment, oldest first: the score over time' }),
  escalation: z
    .object({ id: z.string(), state: z.enum(['open', 'guided', 'acknowledged']) })
    .nullable()
    .openapi({ description: "Its escalation in the PMO's queue, while one is not closed" }),
}).openapi('RiskDetail');
export type RiskDetailView = z.infer<typeof RiskDetailSchema>;

const issueFields = {
  title: text(200).min(1, 'is required'),
  description: text(4000).nullable(),
  severity: z.enum(ISSUE_SEVERITIES),
  ownerPersonId: z.uuid().nullable(),
  dueOn: day.nullable(),
};

const escalateField = z.boolean().openapi({
  description:
    "Escalate it to the PMO's queue whatever its severity (the project manager's call); one of the highest severity always is",
});

export const CreateIssueBody = z
  .object({ ...issueFields, escalate: escalateField })
  .partial({ description: true, ownerPersonId: true, dueOn: true, escalate: true })
  .openapi('CreateIssueInput');
export type CreateIssueInput = z.infer<typeof CreateIssueBody>;

export const UpdateIssueBody = z
  .object({
    version: VersionField,
    ...issueFields,
    escalate: escalateField,
    status: z.enum(ISSUE_STATUSES),
    resolution: text(4000).nullable(),
  })
  .partial()
  .required({ version: true })
  .openapi('UpdateIssueInput');
export type UpdateIssueInput = z.infer<typeof UpdateIssueBody>;

export const IssueListQuery = listQuery({
  status: z.enum(ISSUE_STATUSES).optional().openapi({ description: 'Only issues in this status' }),
});

export const IssueSchema = z
  .object({
    id: z.string(),
    projectId: z.string(),
    key: z.string().openapi({ description: 'I-1, I-2, … per project' }),
    title: z.string(),
    description: z.string().nullable(),
    severity: z.enum(ISSUE_SEVERITIES),
    owner: Ref.nullable(),
    dueOn: z.string().nullable(),
    status: z.enum(ISSUE_STATUSES),
    resolution: z.string().nullable(),
    risk: Ref.nullable().openapi({ description: 'The risk it came from, when it occurred' }),
    escalated: z.boolean().openapi({ description: "Of the highest severity, or escalated by the project: in the PMO's queue" }),
    escalatedAt: z.string().nullable(),
    canEdit: z.boolean(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Issue');
export type IssueView = z.infer<typeof IssueSchema>;

export const RiskMatrixSchema = z
  .object({
    projectId: z.string(),
    probabilityLabels: z.array(z.string()).openapi({ description: 'Probability 1, 2, …: the labels of the scale' }),
    impactLabels: z.array(z.string()).openapi({ description: 'Impact 1, 2, …: the labels of the scale' }),
    bands: z.array(z.object({ name: z.string(), minScore: z.number().int(), color: z.string() })),
    escalationScore: z.number().int().openapi({ description: 'A risk scoring this or more is escalated to the PMO' }),
    canEdit: z.boolean().openapi({ description: "Whether the caller keeps the project's risk and issue registers" }),
    cells: z.array(z.object({ probability: z.number().int(), impact: z.number().int(), open: z.number().int() })).openapi({
      description: "The heat map: the project's open risks counted per probability and impact (cells with none left out)",
    }),
  })
  .openapi('ProjectRiskMatrix');
export type ProjectRiskMatrix = z.infer<typeof RiskMatrixSchema>;

// ---------------------------------------------------------------- escalations

export const ESCALATION_REASONS = ['score', 'response', 'severity'] as const;

export const EscalationListQuery = listQuery({
  state: z
    .enum(['active', 'all', 'open', 'guided', 'acknowledged', 'closed'])
    .optional()
    .openapi({ description: '`active` (the default): every escalation not yet closed; `all`: closed ones too' }),
  pmoId: z.uuid().optional().openapi({ description: "Only this PMO's queue" }),
  projectId: z.uuid().optional().openapi({ description: "Only this project's escalations" }),
  openFrom: day.optional().openapi({ description: 'Only those still open on or after this day (not closed before it)' }),
  openTo: day.optional().openapi({ description: 'Only those raised on or before this day' }),
});

export const GuideEscalationBody = z
  .object({
    version: VersionField,
    guidance: text(4000).min(1, 'is required: what the PMO advises'),
    requiredAction: text(2000).nullable().optional().openapi({ description: 'What the PMO requires of the project' }),
    requiredBy: day.nullable().optional().openapi({ description: 'By when' }),
  })
  .openapi('GuideEscalationInput');
export type GuideEscalationInput = z.infer<typeof GuideEscalationBody>;

export const AcknowledgeEscalationBody = z
  .object({
    version: VersionField,
    reportBack: text(4000).min(1, "is required: what the project did about the PMO's guidance"),
  })
  .openapi('AcknowledgeEscalationInput');
export type AcknowledgeEscalationInput = z.infer<typeof AcknowledgeEscalationBody>;

export const CloseEscalationBody = z
  .object({ version: VersionField, note: text(2000).nullable().optional() })
  .openapi('CloseEscalationInput');
export type CloseEscalationInput = z.infer<typeof CloseEscalationBody>;

export const EscalationParams = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });

export const EscalationSchema = z
  .object({
    id: z.string(),
    project: z.object({ id: z.string(), code: z.string(), name: z.string() }),
    pmo: Ref.openapi({ description: 'Whose queue it is in: the PMO governing the project when it was raised' }),
    subject: z.object({
      kind: z.enum(['risk', 'issue']),
      id: z.string(),
      key: z.string().openapi({ description: 'R-n or I-n' }),
      title: z.string(),
    }),
    reason: z.enum(ESCALATION_REASONS).openapi({
      description:
        "score: at or above the matrix's escalation score; response: escalated by the project; severity: an issue of the highest severity",
    }),
    summary: z.string(),
    state: z.enum(['open', 'guided', 'acknowledged', 'closed']),
    raisedAt: z.string(),
    ageDays: z.number().int().openapi({ description: 'Days since it was raised (to its closing, once closed)' }),
    guidance: z.string().nullable(),
    requiredAction: z.string().nullable(),
    requiredBy: z.string().nullable(),
    overdue: z.boolean().openapi({ description: 'Past the day the PMO required, and not reported back on' }),
    guidedBy: Ref.nullable(),
    guidedAt: z.string().nullable(),
    reportBack: z.string().nullable(),
    acknowledgedBy: Ref.nullable(),
    acknowledgedAt: z.string().nullable(),
    closingNote: z.string().nullable(),
    closedBy: Ref.nullable(),
    closedAt: z.string().nullable(),
    allowedActions: z.array(z.enum(['guide', 'acknowledge', 'close'])),
    version: z.number().int(),
  })
  .openapi('Escalation');
export type EscalationView = z.infer<typeof EscalationSchema>;

// ---------------------------------------------------------------- portfolio views

export { DashboardFilterQuery as PortfolioRisksQuery };

const ESCALATION_AGES = ['0-7', '8-14', '15-30', '31+'] as const;

/** An open risk as the portfolio's views list it: with its project, score and band. */
export const PortfolioRiskSchema = z
  .object({
    id: z.string(),
    key: z.string(),
    title: z.string(),
    project: z.object({ id: z.string(), code: z.string(), name: z.string() }),
    score: z.number().int(),
    band: z.string(),
    probability: z.number().int(),
    impact: z.number().int(),
    escalated: z.boolean(),
    owner: Ref.nullable(),
  })
  .openapi('PortfolioRisk');
export type PortfolioRiskView = z.infer<typeof PortfolioRiskSchema>;

/** The open risks of the projects in view, a cell of the heat map at a time. */
export const PortfolioRiskListQuery = listQuery({
  ...DashboardFilterQuery.shape,
  probability: z.coerce.number().int().min(1).max(5).optional().openapi({ description: 'A row of the heat map' }),
  impact: z.coerce.number().int().min(1).max(5).optional().openapi({ description: 'A column of the heat map' }),
  escalated: z.enum(['true', 'false']).optional(),
});

export const PortfolioRisksSchema = z
  .object({
    heatMap: z
      .array(
        z.object({
          probability: z.number().int(),
          impact: z.number().int(),
          open: z.number().int(),
          band: z.string().openapi({ description: 'The band most of its risks carry' }),
        }),
      )
      .openapi({
        description: 'Open risks of the projects in view counted by probability and impact (cells with none left out)',
      }),
    bands: z
      .array(z.object({ name: z.string(), color: z.string() }))
      .openapi({ description: 'The bands of the risk matrices of those projects, with their colours' }),
    openRisks: z.number().int(),
    escalatedRisks: z.number().int(),
    topRisks: z
      .array(PortfolioRiskSchema)
      .openapi({ description: 'The ten open risks of the highest score across the projects in view' }),
    escalationsByAge: z
      .array(
        z.object({
          age: z.enum(ESCALATION_AGES).openapi({ description: 'Days since raised' }),
          open: z.number().int(),
          guided: z.number().int(),
          acknowledged: z.number().int(),
        }),
      )
      .openapi({ description: 'Escalations not yet closed, by age and state' }),
  })
  .openapi('PortfolioRisks');
export type PortfolioRisks = z.infer<typeof PortfolioRisksSchema>;
export { ESCALATION_AGES };
