import { z } from '@hono/zod-openapi';
import { VersionField } from '../../kernel/http.ts';

const Code = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(40)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'may hold letters, digits, dot, dash and underscore only');
const Name = z.string().trim().min(1, 'is required').max(200);
const Description = z.string().trim().max(4000).nullable();

const Timestamps = {
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

// ---- org units ----

export const OrgUnitSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    parentId: z.string().nullable(),
    childCount: z.number().int(),
    ...Timestamps,
  })
  .openapi('OrgUnit');

export type OrgUnitNode = z.infer<typeof OrgUnitSchema> & { children: OrgUnitNode[] };

export const OrgUnitNodeSchema: z.ZodType<OrgUnitNode> = OrgUnitSchema.extend({
  children: z.array(z.lazy(() => OrgUnitNodeSchema)),
}).openapi('OrgUnitNode');

export const CreateOrgUnitBody = z
  .object({
    code: Code,
    name: Name,
    description: Description.optional(),
    parentId: z.uuid().nullable().optional(),
  })
  .openapi('CreateOrgUnitInput');

export const UpdateOrgUnitBody = z
  .object({
    version: VersionField,
    code: Code.optional(),
    name: Name.optional(),
    description: Description.optional(),
    parentId: z.uuid().nullable().optional(),
  })
  .openapi('UpdateOrgUnitInput');

// ---- executive positions ----

export const PositionSchema = z
  .object({
    id: z.string(),
    code: z.string().openapi({ example: 'COO' }),
    title: z.string().openapi({ example: 'Chief Operating Officer' }),
    orgUnitId: z.string().nullable(),
    orgUnitName: z.string().nullable(),
    holderPersonId: z.string().nullable(),
    holderName: z.string().nullable(),
    reportsToPositionId: z.string().nullable(),
    reportsToCode: z.string().nullable(),
    ...Timestamps,
  })
  .openapi('ExecutivePosition');

export const CreatePositionBody = z
  .object({
    code: Code,
    title: Name,
    orgUnitId: z.uuid().nullable().optional(),
    holderPersonId: z.uuid().nullable().optional(),
    reportsToPositionId: z.uuid().nullable().optional(),
  })
  .openapi('CreateExecutivePositionInput');

export const UpdatePositionBody = z
  .object({
    version: VersionField,
    code: Code.optional(),
    title: Name.optional(),
    orgUnitId: z.uuid().nullable().optional(),
    holderPersonId: z.uuid().nullable().optional(),
    reportsToPositionId: z.uuid().nullable().optional(),
  })
  .openapi('UpdateExecutivePositionInput');

// ---- skills ----

export const SkillSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    category: z.string(),
    description: z.string().nullable(),
    peopleCount: z.number().int(),
    ...Timestamps,
  })
  .openapi('Skill');

const Category = z.string().trim().min(1, 'is required').max(100);

export const CreateSkillBody = z
  .object({ name: Name, category: Category.optional(), description: Description.optional() })
  .openapi('CreateSkillInput');

export const UpdateSkillBody = z
  .object({ version: VersionField, name: Name.optional(), category: Category.optional(), description: Description.optional() })
  .openapi('UpdateSkillInput');

export { Code, Name, Description, Timestamps };
