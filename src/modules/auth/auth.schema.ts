import { z } from '@hono/zod-openapi';
import { ROLES } from '../../kernel/permissions.ts';

export const RoleSchema = z.enum(ROLES).openapi('Role');

export const LoginBody = z
  .object({
    email: z.string().trim().min(1, 'is required').max(320),
    password: z.string().min(1, 'is required').max(1024),
  })
  .openapi('LoginInput');

export const MeSchema = z
  .object({
    userId: z.string().nullable(),
    personId: z.string().nullable(),
    email: z.string(),
    name: z.string(),
    roles: z.array(RoleSchema),
    permissions: z.array(z.string()),
    pmoMemberships: z.array(z.object({ pmoId: z.string(), role: z.enum(['lead', 'analyst']) })),
    positionIds: z.array(z.string()),
  })
  .openapi('Me');

export const LoginReply = z.object({ me: MeSchema, csrfToken: z.string(), expiresAt: z.string() }).openapi('LoginResult');

export const ChangePasswordBody = z
  .object({
    currentPassword: z.string().min(1, 'is required').max(1024),
    newPassword: z.string().min(1, 'is required').max(1024),
  })
  .openapi('ChangePasswordInput');

export const TokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi('ApiToken');

export const CreateTokenBody = z.object({ name: z.string().trim().min(1, 'is required').max(100) }).openapi('CreateTokenInput');
export const CreatedTokenSchema = TokenSchema.extend({
  token: z.string().openapi({ description: 'Shown once; send as "Authorization: Bearer <token>"' }),
}).openapi('CreatedApiToken');

export const UserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    personId: z.string().nullable(),
    active: z.boolean(),
    roles: z.array(z.string()),
    lastLoginAt: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi('User');

export const CreateUserBody = z
  .object({
    email: z.email('must be an e-mail address').max(320),
    displayName: z.string().trim().min(1, 'is required').max(200),
    password: z.string().min(1, 'is required').max(1024),
    roles: z.array(RoleSchema).default([]),
    personId: z.uuid().nullable().optional(),
  })
  .openapi('CreateUserInput');

export const UpdateUserBody = z
  .object({
    version: z.number().int().positive(),
    displayName: z.string().trim().min(1).max(200).optional(),
    active: z.boolean().optional(),
    roles: z.array(RoleSchema).optional(),
    personId: z.uuid().nullable().optional(),
  })
  .openapi('UpdateUserInput');
