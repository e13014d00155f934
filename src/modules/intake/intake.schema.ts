import { z } from '@hono/zod-openapi';
import { VersionField } from '../../kernel/http.ts';
import { listQuery } from '../../kernel/lists.ts';
import { REQUEST_ACTIONS, REQUEST_STATES } from './intake.states.ts';

const Ref = z.object({ id: z.string(), name: z.string() });
const day = z.iso.date('use an ISO date: 2026-03-31');
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'use a month: 2027-01');
const money = z.number().min(0, 'must not be negative').max(999_999_999_999);

/** Flags the second and later items that repeat a key, naming `<index>.<field>`. */
function unique<T>(key: (item: T) => string, field: string, message: string) {
  return (items: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const k = key(item);
      if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [i, field], message });
      seen.add(k);
    });
  };
}

export const BenefitSchema = z
  .object({
    description: z.string().trim().min(1, 'is required').max(2000),
    amount: money.nullable().openapi({ description: 'Money where known, else null' }),
  })
  .openapi('RequestBenefit');

export const CostLineSchema = z.object({ month, amount: money }).openapi('RequestCostLine');

export const SkillDemandSchema = z
  .object({
    skillId: z.uuid(),
    month,
    fte: z.number().gt(0, 'must be more than 0').max(20, 'must be at most 20'),
  })
  .openapi('RequestSkillDemand');

export const KnownRiskSchema = z
  .object({
    title: z.string().trim().min(1, 'is required').max(200),
    probability: z.number().int().min(1).max(5),
    impact: z.number().int().min(1).max(5),
    response: z.string().trim().max(2000).nullable().optional(),
  })
  .openapi('RequestKnownRisk');

export const DependencySchema = z
  .object({ projectId: z.uuid(), note: z.string().trim().max(2000).default('') })
  .openapi('RequestDependency');

/** Every field of the multi-step form; at draft time any subset may be filled in. */
const contentFields = {
  problem: z.string().trim().max(20_000),
  objectives: z.array(z.string().trim().min(1, 'is required').max(1000)).max(50),
  benefits: z.array(BenefitSchema).max(50),
  projectTypeId: z.uuid().nullable(),
  sponsorId: z.uuid().nullable().openapi({ description: 'Person id of the sponsor' }),
  pmoId: z.uuid().nullable().openapi({ description: 'The PMO asked to decide' }),
  wantedStart: day.nullable(),
  durationMonths: z.number().int().min(1).max(240).nullable(),
  costEstimate: z
    .array(CostLineSchema)
    .max(600)
    .superRefine(unique((l) => l.month, 'month', 'appears twice')),
  skillDemand: z
    .array(SkillDemandSchema)
    .max(2000)
    .superRefine(unique((d) => `${d.skillId}|${d.month}`, 'month', 'repeats this skill and month')),
  knownRisks: z.array(KnownRiskSchema).max(100),
  dependencies: z
    .array(DependencySchema)
    .max(100)
    .superRefine(unique((d) => d.projectId, 'projectId', 'appears twice')),
};

const title = z.string().trim().min(1, 'is required').max(200);

export const CreateRequestBody = z
  .object({ title, ...contentFields })
  .partial()
  .required({ title: true })
  .openapi('CreateRequestInput');

export const UpdateRequestBody = z
  .object({ version: VersionField, title, ...contentFields })
  .partial()
  .required({ version: true })
  .openapi('UpdateRequestInput');

export const ReasonBody = z
  .object({ reason: z.string().trim().min(1, 'is required').max(4000) })
  .openapi('RequestTransitionReason');

export const OptionalReasonBody = z
  .object({ reason: z.string().trim().max(4000).optional() })
  .openapi('RequestTransitionOptionalReason');

export const RequestListQuery = listQuery({
  state: z.enum(REQUEST_STATES).optional(),
  pmoId: z.uuid().optional(),
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .openapi({ description: 'true: only the requests the caller raised' }),
  q: z.string().trim().min(1).max(200).optional().openapi({ description: 'Matches code or title' }),
});

export const RequestSummarySchema = z
  .object({
    id: z.string(),
    code: z.string().openapi({ example: 'REQ-0001' }),
    title: z.string(),
    state: z.enum(REQUEST_STATES),
    requester: Ref,
    pmo: Ref.nullable(),
    projectType: Ref.nullable(),
    wantedStart: z.string().nullable(),
    totalCost: z.number().openapi({ description: 'Sum of the cost estimate' }),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('InitiationRequestSummary');

export const AttachmentSchema = z
  .object({
    id: z.string(),
    fileName: z.string(),
    contentType: z.string().openapi({ description: 'The type detected from the content, not the name' }),
    size: z.number().int(),
    sha256: z.string(),
    uploadedBy: Ref,
    createdAt: z.string(),
  })
  .openapi('RequestAttachment');

export const AllowedActionSchema = z.enum([...REQUEST_ACTIONS, 'edit', 'attach', 'comment']);

export const RequestSchema = RequestSummarySchema.extend({
  problem: z.string(),
  objectives: z.array(z.string()),
  benefits: z.array(BenefitSchema),
  sponsor: Ref.nullable(),
  durationMonths: z.number().int().nullable(),
  costEstimate: z.array(CostLineSchema),
  skillDemand: z.array(SkillDemandSchema),
  knownRisks: z.array(KnownRiskSchema),
  dependencies: z.array(z.object({ projectId: z.string(), note: z.string() })),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedBy: Ref.nullable(),
  decisionRationale: z.string().nullable(),
  revisitOn: z.string().nullable(),
  conditions: z.array(z.unknown()),
  projectId: z.string().nullable().openapi({ description: 'The project created by the approval' }),
  commentsCount: z.number().int(),
  attachments: z.array(AttachmentSchema),
  allowedActions: z.array(AllowedActionSchema).openapi({ description: "What the caller may do now: the web app's buttons" }),
  goAheadApproval: z.object({ id: z.string(), key: z.string(), state: z.string() }).nullable().openapi({
    description: "The approval request the go-ahead waits for (a budget above the PMO lead's limit), while it is open",
  }),
  createdAt: z.string(),
}).openapi('InitiationRequest');

export const CommentBody = z.object({ body: z.string().trim().min(1, 'is required').max(8000) }).openapi('RequestCommentInput');

export const CommentSchema = z
  .object({ id: z.string(), author: Ref, body: z.string(), createdAt: z.string() })
  .openapi('RequestComment');

export type CreateRequestInput = z.input<typeof CreateRequestBody>;
export type UpdateRequestInput = z.input<typeof UpdateRequestBody>;
/** The filters of the request list, without its paging and format. */
export type RequestListFilter = Omit<z.infer<typeof RequestListQuery>, 'limit' | 'offset' | 'format'>;
export type RequestSummary = z.infer<typeof RequestSummarySchema>;
export type RequestView = z.infer<typeof RequestSchema>;
export type AttachmentView = z.infer<typeof AttachmentSchema>;
export type CommentView = z.infer<typeof CommentSchema>;
export type Benefit = z.infer<typeof BenefitSchema>;
export type CostLine = z.infer<typeof CostLineSchema>;
export type SkillDemand = z.infer<typeof SkillDemandSchema>;
export type KnownRisk = z.infer<typeof KnownRiskSchema>;
export type Dependency = z.infer<typeof DependencySchema>;
