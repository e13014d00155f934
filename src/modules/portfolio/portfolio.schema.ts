import { z } from '@hono/zod-openapi';
import { VersionField } from '../../kernel/http.ts';
import { listQuery } from '../../kernel/lists.ts';

export const PORTFOLIO_KINDS = ['portfolio', 'program'] as const;
export const PortfolioKindSchema = z.enum(PORTFOLIO_KINDS).openapi('PortfolioKind');

export const PortfolioSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    kind: PortfolioKindSchema,
    description: z.string().nullable(),
    pmoId: z.string(),
    pmo: z.object({ id: z.string(), code: z.string(), name: z.string() }),
    ownerPersonId: z.string().nullable(),
    ownerName: z.string().nullable(),
    projectCount: z.number().int(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Portfolio');

export const PortfolioDetailSchema = PortfolioSchema.extend({
  canEdit: z.boolean().openapi({ description: 'Whether the caller may edit this portfolio' }),
}).openapi('PortfolioDetail');

const Code = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(40)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'may hold letters, digits, dot, dash and underscore only');
const Name = z.string().trim().min(1, 'is required').max(200);
const Description = z.string().trim().max(4000).nullable();

export const CreatePortfolioBody = z
  .object({
    code: Code,
    name: Name,
    kind: PortfolioKindSchema.default('portfolio'),
    description: Description.optional(),
    pmoId: z.uuid(),
    ownerPersonId: z.uuid().nullable().optional(),
  })
  .openapi('CreatePortfolioInput');

export const UpdatePortfolioBody = z
  .object({
    version: VersionField,
    code: Code.optional(),
    name: Name.optional(),
    kind: PortfolioKindSchema.optional(),
    description: Description.optional(),
    pmoId: z.uuid().optional(),
    ownerPersonId: z.uuid().nullable().optional(),
  })
  .openapi('UpdatePortfolioInput');

export const PortfolioQuery = listQuery({
  pmoId: z.uuid().optional(),
  kind: PortfolioKindSchema.optional(),
});
