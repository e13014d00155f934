import { z } from '@hono/zod-openapi';
import { VersionField } from '../../kernel/http.ts';
import { listQuery } from '../../kernel/lists.ts';
import { DELEGATION_APPROVERS, DELEGATION_MEASURES, DELEGATION_SUBJECTS } from './delegation.ts';
import { Code, Description, Name, Timestamps } from './org.schema.ts';

export const PMO_LEVELS = ['program', 'portfolio', 'enterprise'] as const;
export const PMO_ORIENTATIONS = ['it', 'business', 'engineering', 'operations', 'transformation'] as const;
export const PMO_ROLES = ['lead', 'analyst'] as const;

export const PmoLevelSchema = z.enum(PMO_LEVELS).openapi('PmoLevel');
export const PmoOrientationSchema = z.enum(PMO_ORIENTATIONS).openapi('PmoOrientation');
export const PmoRoleSchema = z.enum(PMO_ROLES).openapi('PmoRole');

export const ReportingLineItemSchema = z
  .object({
    positionId: z.string(),
    code: z.string(),
    title: z.string(),
    holderPersonId: z.string().nullable(),
    holderName: z.string().nullable(),
  })
  .openapi('ReportingLineItem');

export const PmoSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    level: PmoLevelSchema,
    orientation: PmoOrientationSchema,
    reportsToPositionId: z.string(),
    reportsTo: ReportingLineItemSchema.nullable(),
    parentPmoId: z.string().nullable(),
    parentPmo: z.object({ id: z.string(), code: z.string(), name: z.string() }).nullable(),
    memberCount: z.number().int(),
    scopeCount: z.number().int(),
    ...Timestamps,
  })
  .openapi('Pmo');

export const ThresholdSchema = z
  .object({
    id: z.string(),
    pmoId: z.string(),
    subject: z.enum(DELEGATION_SUBJECTS),
    measure: z.enum(DELEGATION_MEASURES),
    upTo: z.number(),
    approver: z.enum(DELEGATION_APPROVERS),
    ...Timestamps,
  })
  .openapi('DelegationThreshold');

export const PmoMemberSchema = z
  .object({ personId: z.string(), name: z.string(), email: z.string(), jobTitle: z.string().nullable(), role: PmoRoleSchema })
  .openapi('PmoMember');

export const PmoDetailSchema = PmoSchema.extend({
  members: z.array(PmoMemberSchema),
  scope: z.array(z.object({ orgUnitId: z.string(), code: z.string(), name: z.string() })),
  thresholds: z.array(ThresholdSchema),
  childPmos: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), level: PmoLevelSchema })),
  reportingLine: z.array(ReportingLineItemSchema).openapi({ description: "From the PMO's position up to the top position" }),
  canEdit: z.boolean().openapi({ description: 'Whether the caller may edit this PMO' }),
}).openapi('PmoDetail');

export const CreatePmoBody = z
  .object({
    code: Code,
    name: Name,
    description: Description.optional(),
    level: PmoLevelSchema,
    orientation: PmoOrientationSchema,
    reportsToPositionId: z.uuid(),
    parentPmoId: z.uuid().nullable().optional(),
  })
  .openapi('CreatePmoInput');

export const UpdatePmoBody = z
  .object({
    version: VersionField,
    code: Code.optional(),
    name: Name.optional(),
    description: Description.optional(),
    level: PmoLevelSchema.optional(),
    orientation: PmoOrientationSchema.optional(),
    reportsToPositionId: z.uuid().optional(),
    parentPmoId: z.uuid().nullable().optional(),
  })
  .openapi('UpdatePmoInput');

export const PmoMembersBody = z
  .object({
    version: VersionField,
    members: z.array(z.object({ personId: z.uuid(), role: PmoRoleSchema })).max(500),
  })
  .openapi('PmoMembersInput');

export const PmoScopeBody = z.object({ version: VersionField, orgUnitIds: z.array(z.uuid()).max(1000) }).openapi('PmoScopeInput');

const UpTo = z.number().max(999_999_999_999.99).openapi({ description: 'Upper bound of the band, in the measure' });

export const CreateThresholdBody = z
  .object({
    subject: z.enum(DELEGATION_SUBJECTS),
    measure: z.enum(DELEGATION_MEASURES),
    upTo: UpTo,
    approver: z.enum(DELEGATION_APPROVERS),
  })
  .openapi('CreateDelegationThresholdInput');

export const UpdateThresholdBody = z
  .object({
    version: VersionField,
    subject: z.enum(DELEGATION_SUBJECTS).optional(),
    measure: z.enum(DELEGATION_MEASURES).optional(),
    upTo: UpTo.optional(),
    approver: z.enum(DELEGATION_APPROVERS).optional(),
  })
  .openapi('UpdateDelegationThresholdInput');

export const ThresholdParams = z.object({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }),
  thresholdId: z.uuid().openapi({ param: { name: 'thresholdId', in: 'path' } }),
});

export const PmoQuery = listQuery({
  level: PmoLevelSchema.optional(),
  parentPmoId: z.uuid().optional(),
});
