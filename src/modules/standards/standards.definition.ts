import { z } from '@hono/zod-openapi';
import { ROLES } from '../../kernel/permissions.ts';

/**
 * The content of one standard version: data, not code. Projects keep the version they were
 * started under; publishing a change makes a new version.
 */
export const RAG_DIMENSIONS = ['schedule', 'cost', 'scope', 'quality', 'risk', 'resources'] as const;

const key = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(40)
  .regex(/^[a-z][a-z0-9_-]*$/, 'use lower-case letters, digits, - and _');

export const PhaseSchema = z.object({
  key,
  name: z.string().trim().min(1, 'is required').max(100),
  description: z.string().max(2000).default(''),
});

export const CriterionSchema = z.object({
  key,
  text: z.string().trim().min(1, 'is required').max(500),
  /** must-meet criteria block a pass; should-meet ones are scored. */
  kind: z.enum(['must', 'should']),
  /** Weight of a should-meet criterion in the gate score (ignored for must-meet). */
  weight: z.number().min(0).max(100).default(1),
});

export const DeliverableSchema = z.object({
  key,
  name: z.string().trim().min(1, 'is required').max(200),
});

export const GateSchema = z.object({
  key,
  name: z.string().trim().min(1, 'is required').max(100),
  /** The phase this gate closes; passing it moves the project to the next phase. */
  afterPhase: key,
  criteria: z.array(CriterionSchema).min(1, 'a gate needs at least one criterion'),
  deliverables: z.array(DeliverableSchema).default([]),
  reviewerRoles: z.array(z.enum(ROLES)).min(1, 'name at least one reviewer role'),
  /** Votes needed for a decision. */
  quorum: z.number().int().min(1).max(20),
  /** Should-meet score (0–100) needed for "go" when every must-meet criterion is met. */
  passScore: z.number().min(0).max(100).default(60),
});

const band = (label: string) =>
  z.object({ amber: z.number(), red: z.number() }).describe(`${label}: the value at which the indicator turns amber, and red`);

export const TolerancesSchema = z.object({
  /** SPI below amber is amber, below red is red. */
  spi: band('SPI'),
  cpi: band('CPI'),
  /** Budget overrun in percent of BAC at which the cost status turns amber, red. */
  budgetVariancePct: band('Budget variance %'),
  /** Forecast finish slip in days at which the schedule status turns amber, red. */
  dateVarianceDays: band('Date variance days'),
});

export const RiskMatrixSchema = z.object({
  probabilityLabels: z.array(z.string().min(1).max(40)).length(5, 'the matrix is 5×5: give five labels'),
  impactLabels: z.array(z.string().min(1).max(40)).length(5, 'the matrix is 5×5: give five labels'),
  /** Score bands on probability × impact (1–25), ascending by minScore starting at 1. */
  bands: z
    .array(z.object({ name: z.string().min(1).max(20), minScore: z.number().int().min(1).max(25), color: z.string().max(20) }))
    .min(2),
  /** A risk scoring at or above this lands in the PMO's queue. */
  escalationScore: z.number().int().min(1).max(25),
});

export const ReportingSchema = z.object({
  cadence: z.enum(['weekly', 'fortnightly', 'monthly']),
  ragDimensions: z.array(z.enum(RAG_DIMENSIONS)).min(1),
  /** Days after the due date before a report counts as overdue. */
  graceDays: z.number().int().min(0).max(30),
  /** Days overdue after which the PMO lead is alerted. */
  escalateAfterDays: z.number().int().min(0).max(60),
});

/** How long each step of an approval request may take, and how long after that a late step is escalated. */
const quorumOf = z.number().int().min(1).max(20);
export const ApprovalRulesSchema = z.object({
  stepDeadlineDays: z.number().int().min(1).max(60),
  escalateAfterDays: z.number().int().min(0).max(30),
  /** Approvals a step of the level needs when several people hold it (two of the PMO's leads); 1 unless set. */
  quorum: z
    .object({
      resource_manager: quorumOf,
      pmo_analyst: quorumOf,
      pmo_lead: quorumOf,
      reporting_executive: quorumOf,
      ceo: quorumOf,
    })
    .partial()
    .optional(),
});

export const StandardDefinitionSchema = z
  .object({
    phases: z.array(PhaseSchema).min(2, 'a lifecycle needs at least two phases'),
    gates: z.array(GateSchema).min(1),
    reporting: ReportingSchema,
    tolerances: TolerancesSchema,
    riskMatrix: RiskMatrixSchema,
    /** Without it, a step has 5 days and is escalated 2 days after its deadline. */
    approvals: ApprovalRulesSchema.optional(),
  })
  .superRefine((def, ctx) => {
    const phaseKeys = def.phases.map((p) => p.key);
    phaseKeys.forEach((k, i) => {
      if (phaseKeys.indexOf(k) !== i)
        ctx.addIssue({ code: 'custom', path: ['phases', i, 'key'], message: `duplicate phase key ${k}` });
    });
    const gateKeys = def.gates.map((g) => g.key);
    const closed = new Map<string, number>();
    def.gates.forEach((g, i) => {
      if (gateKeys.indexOf(g.key) !== i)
        ctx.addIssue({ code: 'custom', path: ['gates', i, 'key'], message: `duplicate gate key ${g.key}` });
      const at = phaseKeys.indexOf(g.afterPhase);
      if (at < 0) ctx.addIssue({ code: 'custom', path: ['gates', i, 'afterPhase'], message: `no phase ${g.afterPhase}` });
      else if (at === phaseKeys.length - 1)
        ctx.addIssue({ code: 'custom', path: ['gates', i, 'afterPhase'], message: 'the last phase has no gate after it' });
      else if (closed.has(g.afterPhase))
        ctx.addIssue({
          code: 'custom',
          path: ['gates', i, 'afterPhase'],
          message: `phase ${g.afterPhase} already has gate ${gateKeys[closed.get(g.afterPhase)!]}`,
        });
      else closed.set(g.afterPhase, i);
      const criterionKeys = g.criteria.map((c) => c.key);
      criterionKeys.forEach((k, j) => {
        if (criterionKeys.indexOf(k) !== j)
          ctx.addIssue({ code: 'custom', path: ['gates', i, 'criteria', j, 'key'], message: `duplicate criterion key ${k}` });
      });
      const deliverableKeys = g.deliverables.map((d) => d.key);
      deliverableKeys.forEach((k, j) => {
        if (deliverableKeys.indexOf(k) !== j)
          ctx.addIssue({
            code: 'custom',
            path: ['gates', i, 'deliverables', j, 'key'],
            message: `duplicate deliverable key ${k}`,
          });
      });
    });
    // A project leaves a phase only through a passed gate, so every phase but the last needs one.
    phaseKeys.slice(0, -1).forEach((k) => {
      if (!def.gates.some((g) => g.afterPhase === k))
        ctx.addIssue({ code: 'custom', path: ['gates'], message: `phase ${k} has no gate after it` });
    });
    const t = def.tolerances;
    for (const k of ['spi', 'cpi'] as const) {
      if (t[k].red > t[k].amber)
        ctx.addIssue({ code: 'custom', path: ['tolerances', k, 'red'], message: 'red must not be above amber' });
    }
    for (const k of ['budgetVariancePct', 'dateVarianceDays'] as const) {
      if (t[k].red < t[k].amber)
        ctx.addIssue({ code: 'custom', path: ['tolerances', k, 'red'], message: 'red must not be below amber' });
    }
    const bands = def.riskMatrix.bands;
    if (bands[0] && bands[0].minScore !== 1)
      ctx.addIssue({ code: 'custom', path: ['riskMatrix', 'bands', 0, 'minScore'], message: 'the first band starts at 1' });
    for (let i = 1; i < bands.length; i++) {
      if (bands[i]!.minScore <= bands[i - 1]!.minScore)
        ctx.addIssue({ code: 'custom', path: ['riskMatrix', 'bands', i, 'minScore'], message: 'bands must ascend' });
      if (bands.findIndex((b) => b.name === bands[i]!.name) !== i)
        ctx.addIssue({ code: 'custom', path: ['riskMatrix', 'bands', i, 'name'], message: `duplicate band ${bands[i]!.name}` });
    }
  })
  .openapi('StandardDefinition');

export type StandardDefinition = z.infer<typeof StandardDefinitionSchema>;
