import { z } from '@hono/zod-openapi';
import { VersionField } from '../../kernel/http.ts';
import { listQuery } from '../../kernel/lists.ts';
import { GateSchema } from '../standards/standards.definition.ts';
import { DUE_STATES, DUE_STATE_FILTER_PATTERN, RAGS, RAG_FILTER_PATTERN } from './projects.status.ts';

export const PROJECT_STATES = ['active', 'on_hold', 'closed', 'terminated'] as const;
export const PROJECT_ROLES = ['project_manager', 'sponsor', 'team_member'] as const;

const Ref = z.object({ id: z.string(), name: z.string() });

export const ProjectListQuery = listQuery({
  pmoId: z.uuid().optional(),
  portfolioId: z.uuid().optional(),
  state: z.enum(PROJECT_STATES).optional(),
  phase: z.string().trim().min(1).max(40).optional().openapi({ description: 'Key of the current phase' }),
  projectTypeId: z.uuid().optional(),
  managerId: z.uuid().optional().openapi({ description: 'Person id of the project manager' }),
  q: z.string().trim().min(1).max(200).optional().openapi({ description: 'Matches code or name' }),
  executivePositionId: z.uuid().optional().openapi({
    description: 'Only projects of PMOs that report to this executive position through the reporting line (nested PMOs too)',
  }),
  mismatch: z.enum(['true', 'false']).optional().openapi({
    description: 'true: the latest submitted report is reported better than computed on some dimension',
  }),
  reported: z.enum(['true', 'false']).optional().openapi({ description: 'true: with a submitted report (and its figures)' }),
  dueState: z
    .string()
    .regex(DUE_STATE_FILTER_PATTERN, `use ${DUE_STATES.join(', ')}, comma-separated`)
    .optional()
    .openapi({
      description: 'The due state of the report the project owes today, one or several: overdue,escalated',
    }),
  reportedOverall: z.enum(RAGS).optional().openapi({ description: 'The overall RAG of the latest submitted report' }),
  computedOverall: z.enum(RAGS).optional().openapi({ description: 'The overall RAG the tolerances give for it' }),
  reportedRag: z
    .string()
    .regex(RAG_FILTER_PATTERN, 'use dimension:colour, e.g. schedule:red')
    .optional()
    .openapi({ description: 'A reported RAG of one dimension: schedule:red' }),
  computedRag: z
    .string()
    .regex(RAG_FILTER_PATTERN, 'use dimension:colour, e.g. cost:amber')
    .optional()
    .openapi({ description: 'A computed RAG of one dimension: cost:amber' }),
});

const RagColour = z.enum(RAGS);

/** What the project's status row says (project_status): the list's reporting columns. */
export const ProjectReportingSchema = z
  .object({
    lastReportId: z.string().nullable(),
    lastReportState: z.enum(['submitted', 'accepted', 'returned']).nullable(),
    lastAsOf: z.string().nullable().openapi({ description: 'The status date of the latest submitted report' }),
    reportedOverall: RagColour.nullable(),
    computedOverall: RagColour.nullable(),
    mismatch: z.boolean(),
    mismatchDimensions: z.array(z.string()),
    mismatches: z
      .array(
        z.object({
          dimension: z.string(),
          reported: RagColour,
          computed: RagColour,
          figure: z
            .string()
            .openapi({ description: 'The tolerance figure that disagrees: spi, cpi, finishSlipDays, budgetVariancePct' }),
          value: z.number().nullable(),
        }),
      )
      .openapi({ description: 'Each mismatched dimension with the figure behind its computed RAG' }),
    spi: z.number().nullable(),
    cpi: z.number().nullable(),
    nextDueOn: z.string().nullable().openapi({ description: 'When the report the project owes is (was) due' }),
    dueState: z.enum(DUE_STATES).nullable().openapi({ description: 'Where that report stands today' }),
  })
  .openapi('ProjectReporting');

export const ProjectSummarySchema = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    pmo: Ref,
    portfolio: Ref.nullable(),
    projectType: z.object({ id: z.string(), code: z.string(), name: z.string() }),
    standardVersion: z.number().int().openapi({ description: 'The standard version the project is bound to' }),
    phase: z.object({ key: z.string(), name: z.string() }),
    state: z.enum(PROJECT_STATES),
    projectManager: Ref.nullable(),
    sponsor: Ref.nullable(),
    startDate: z.string().nullable(),
    plannedFinishDate: z.string().nullable(),
    pastPlannedFinish: z.boolean().openapi({
      description: 'Still open (active or on hold) after its planned finish date: overdue, and worth a look',
    }),
    budget: z.number(),
    version: z.number().int(),
    reporting: ProjectReportingSchema.nullable().openapi({
      description: 'The current reporting status; null before the project has a status row (no go-ahead yet)',
    }),
  })
  .openapi('ProjectSummary');

export const LifecyclePhaseSchema = z.object({
  key: z.string(),
  name: z.string(),
  description: z.string(),
  status: z.enum(['done', 'current', 'upcoming']),
  current: z.boolean(),
});

export const ProjectSchema = ProjectSummarySchema.extend({
  description: z.string().nullable(),
  orgUnit: Ref.nullable(),
  members: z.array(z.object({ person: Ref, role: z.enum(PROJECT_ROLES) })),
  lifecycle: z.object({
    standardVersion: z.number().int(),
    phases: z.array(LifecyclePhaseSchema),
    gates: z.array(GateSchema),
  }),
  goAheadAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
}).openapi('Project');

const day = z.iso.date('use an ISO date: 2026-03-31');

export const CreateProjectBody = z
  .object({
    code: z
      .string()
      .trim()
      .min(1, 'is required')
      .max(40)
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'use letters, digits, ., - and _'),
    name: z.string().trim().min(1, 'is required').max(200),
    description: z.string().trim().max(8000).nullable().optional(),
    pmoId: z.uuid(),
    portfolioId: z.uuid().nullable().optional(),
    orgUnitId: z.uuid().nullable().optional(),
    projectTypeId: z.uuid(),
    phaseKey: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .optional()
      .openapi({ description: 'Defaults to the first phase of the lifecycle' }),
    projectManagerId: z.uuid().nullable().optional(),
    sponsorId: z.uuid().nullable().optional(),
    startDate: day.nullable().optional(),
    plannedFinishDate: day.nullable().optional(),
    budget: z.number().min(0).max(999_999_999_999).default(0),
  })
  .openapi('CreateProjectInput');

export const UpdateProjectBody = z
  .object({
    version: VersionField,
    name: z.string().trim().min(1, 'is required').max(200).optional(),
    description: z.string().trim().max(8000).nullable().optional(),
    portfolioId: z.uuid().nullable().optional(),
    orgUnitId: z.uuid().nullable().optional(),
    projectManagerId: z.uuid().nullable().optional(),
    sponsorId: z.uuid().nullable().optional(),
    startDate: day.nullable().optional(),
    plannedFinishDate: day.nullable().optional(),
  })
  .openapi('UpdateProjectInput');

/** The filters of the project list, without its paging and format. */
export type ProjectListFilter = Omit<z.infer<typeof ProjectListQuery>, 'limit' | 'offset' | 'format'>;
export type CreateProjectInput = z.input<typeof CreateProjectBody>;
export type UpdateProjectInput = z.infer<typeof UpdateProjectBody>;
export type ProjectSummary = z.infer<typeof ProjectSummarySchema>;
export type ProjectView = z.infer<typeof ProjectSchema>;
