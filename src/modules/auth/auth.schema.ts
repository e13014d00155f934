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
    revokeTokens: z
      .boolean()
      .default(true)
      .openapi({ description: "Also revoke every one of the caller's personal API tokens (default true)" }),
  })
  .openapi('ChangePasswordInput');

export const PasswordChangedSchema = z
  .object({
    signedOutSessions: z.number().int().openapi({ description: 'Other sessions of the caller that were signed out' }),
    revokedTokens: z
      .number()
      .int()
      .openapi({ description: 'Personal API tokens that were revoked (0 when revokeTokens was false)' }),
  })
  .openapi('PasswordChanged');

export const TokenScopeSchema = z
  .enum(['read', 'write'])
  .openapi('ApiTokenScope', { description: '`read`: GET and HEAD only; `write`: everything the owner may do' });

export const TokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    scope: TokenScopeSchema,
    createdAt: z.string(),
    expiresAt: z.string().nullable().openapi({ description: 'When the token stops working; null: never' }),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi('ApiToken');

export const CreateTokenBody = z
  .object({
    name: z.string().trim().min(1, 'is required').max(100),
    scope: TokenScopeSchema.default('write'),
    expiresAt: z
      .union([
        z.iso.date('must be an ISO date or date-time'),
        z.iso.datetime({ offset: true, message: 'must be an ISO date or date-time' }),
      ])
      .nullable()
      .optional()
      .openapi({
        description:
          'A date (the token works through that day, UTC) or a date-time, in the future and at most a year ahead; null or absent: no expiry',
        example: '2026-12-31',
      }),
  })
  .openapi('CreateTokenInput');
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
    signIn: z
      .object({
        failedAttempts: z
          .number()
          .int()
          .openapi({ description: 'Failed sign-ins remembered (forgotten an hour after the last)' }),
        delayedUntil: z
          .string()
          .nullable()
          .openapi({ description: 'Sign-in is held back until then, from some address or from every unknown one' }),
      })
      .openapi('UserSignInState'),
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
