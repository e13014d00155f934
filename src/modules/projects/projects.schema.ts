import { z } from '@hono/zod-openapi';
import { VersionField } from '../../kernel/http.ts';
import { listQuery } from '../../kernel/lists.ts';
import { GateSchema } from '../standards/standards.definition.ts';

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
});

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
