import { z } from '@hono/zod-openapi';
import { VersionField } from '../../kernel/http.ts';
import { StandardDefinitionSchema } from './standards.definition.ts';

const Ref = z.object({ id: z.string(), name: z.string() });

export const VersionParams = z.object({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }),
  number: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .openapi({ param: { name: 'number', in: 'path' }, example: 2 }),
});

export const VersionCountSchema = z.object({ number: z.number().int(), projectCount: z.number().int() });

export const ProjectTypeSummarySchema = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    pmoId: z.string(),
    pmo: Ref,
    currentVersion: z.number().int(),
    phaseCount: z.number().int().openapi({ description: 'Phases in the current version' }),
    projectCount: z.number().int(),
    projectsByVersion: z.array(VersionCountSchema).openapi({ description: 'How many projects are bound to each version' }),
    version: z.number().int(),
  })
  .openapi('ProjectTypeSummary');

export const StandardVersionInfoSchema = z
  .object({
    number: z.number().int(),
    publishedAt: z.string(),
    publishedBy: z.string(),
    note: z.string().nullable(),
    projectCount: z.number().int(),
  })
  .openapi('StandardVersionInfo');

export const ProjectTypeSchema = ProjectTypeSummarySchema.extend({
  definition: StandardDefinitionSchema.openapi({ description: "The current version's definition" }),
  versions: z.array(StandardVersionInfoSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
}).openapi('ProjectType');

export const StandardVersionSchema = StandardVersionInfoSchema.extend({
  projectTypeId: z.string(),
  current: z.boolean(),
  definition: StandardDefinitionSchema,
}).openapi('StandardVersion');

export const DefinitionChangeSchema = z
  .object({
    path: z.string().openapi({ example: 'gates.g2-approve-build.quorum' }),
    change: z.enum(['added', 'removed', 'changed', 'reordered']),
    before: z.unknown().optional(),
    after: z.unknown().optional(),
  })
  .openapi('DefinitionChange');

export const StandardDiffSchema = z
  .object({
    projectTypeId: z.string(),
    from: z.number().int().nullable().openapi({ description: 'The version compared against; null for version 1' }),
    to: z.number().int(),
    changes: z.array(DefinitionChangeSchema),
  })
  .openapi('StandardDiff');

export const DiffQuery = z.object({
  against: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .openapi({ description: 'Compare with this version instead of the previous one' }),
});

const code = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(40)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'use letters, digits, ., - and _');

export const CreateProjectTypeBody = z
  .object({
    code,
    name: z.string().trim().min(1, 'is required').max(200),
    description: z.string().trim().max(4000).nullable().optional(),
    pmoId: z.uuid(),
    definition: StandardDefinitionSchema,
    note: z.string().trim().max(2000).nullable().optional().openapi({ description: 'Note on version 1' }),
  })
  .openapi('CreateProjectTypeInput');

export const UpdateProjectTypeBody = z
  .object({
    version: VersionField,
    name: z.string().trim().min(1, 'is required').max(200).optional(),
    description: z.string().trim().max(4000).nullable().optional(),
  })
  .openapi('UpdateProjectTypeInput');

export const PublishVersionBody = z
  .object({
    definition: StandardDefinitionSchema,
    basedOnVersion: z
      .number()
      .int()
      .min(1)
      .openapi({ description: 'The standard version this draft was edited from; a stale one is refused with 409' }),
    note: z.string().trim().max(2000).nullable().optional().openapi({ description: 'What changed and why' }),
  })
  .openapi('PublishStandardVersionInput');

export type CreateProjectTypeInput = z.infer<typeof CreateProjectTypeBody>;
export type UpdateProjectTypeInput = z.infer<typeof UpdateProjectTypeBody>;
export type PublishVersionInput = z.infer<typeof PublishVersionBody>;
export type ProjectTypeSummary = z.infer<typeof ProjectTypeSummarySchema>;
export type ProjectTypeView = z.infer<typeof ProjectTypeSchema>;
export type StandardVersionView = z.infer<typeof StandardVersionSchema>;
export type StandardDiffView = z.infer<typeof StandardDiffSchema>;
