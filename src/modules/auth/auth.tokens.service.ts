import type { Actor } from '../../kernel/actor.ts';
import { addDays, addMonths } from '../../kernel/dates.ts';
import type { Db } from '../../kernel/db.ts';
import { AppError, invalid, notFound } from '../../kernel/errors.ts';
import { transact } from '../../kernel/usecase.ts';
import { recordAudit } from '../audit/index.ts';
import * as repo from './auth.repo.ts';
import { randomToken, sha256 } from './auth.service.ts';
import type { TokenScope } from './auth.tables.ts';

export interface TokenView {
  id: string;
  name: string;
  prefix: string;
  scope: TokenScope;
  createdAt: string;
  /** Null: the token does not expire. */
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

function tokenView(row: Awaited<ReturnType<typeof repo.tokensOf>>[number]): TokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scope: row.scope,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * When a token asked to expire at `input` stops working: a date means through that day (UTC),
 * a date-time that instant; null or nothing means never. It must lie in the future and at most
 * a year ahead (through the same day next year).
 * @example tokenExpiry('2026-03-31') // 2026-04-01T00:00:00Z
 */
export function tokenExpiry(input: string | null | undefined, now: Date = new Date()): Date | null {
  if (input === null || input === undefined) return null;
  const at = ISO_DAY.test(input) ? new Date(`${addDays(input, 1)}T00:00:00Z`) : new Date(input);
  if (Number.isNaN(at.getTime())) throw invalid('expiresAt', 'must be an ISO date or date-time');
  if (at.getTime() <= now.getTime()) throw invalid('expiresAt', 'must be in the future');
  const latest = new Date(`${addDays(addMonths(now.toISOString().slice(0, 10), 12), 1)}T00:00:00Z`);
  if (at.getTime() > latest.getTime()) throw invalid('expiresAt', 'must be at most a year ahead');
  return at;
}

export interface CreateTokenInput {
  name: string;
  scope: TokenScope;
  expiresAt?: string | null;
}

/** Creates a personal API token; the token itself is shown once and only its hash is kept. */
export async function createToken(db: Db, actor: Actor, input: CreateTokenInput): Promise<TokenView & { token: string }> {
  if (!actor.userId) throw new AppError('FORBIDDEN', 'only a user has API tokens');
  const userId = actor.userId;
  const expiresAt = tokenExpiry(input.expiresAt);
  const token = randomToken('tg_');
  return transact(db, async ({ tx }) => {
    const row = await repo.insertToken(tx, {
      userId,
      name: input.name,
      tokenHash: sha256(token),
      prefix: token.slice(0, 10),
      scope: input.scope,
      expiresAt,
    });
    const view = tokenView(row);
    await recordAudit(tx, actor, {
      entityType: 'user',
      entityId: userId,
      action: 'token.created',
      after: { tokenId: row.id, name: row.name, prefix: row.prefix, scope: view.scope, expiresAt: view.expiresAt },
    });
    return { ...view, token };
  });
}

export async function listTokens(db: Db, actor: Actor): Promise<TokenView[]> {
  if (!actor.userId) return [];
  return (await repo.tokensOf(db, actor.userId)).map(tokenView);
}

export async function revokeToken(db: Db, actor: Actor, tokenId: string): Promise<void> {
  if (!actor.userId) throw notFound('token', tokenId);
  const userId = actor.userId;
  await transact(db, async ({ tx }) => {
    const row = await repo.revokeToken(tx, userId, tokenId);
    if (!row) throw notFound('token', tokenId);
    await recordAudit(tx, actor, {
      entityType: 'user',
      entityId: userId,
      action: 'token.revoked',
      before: { tokenId, name: row.name, prefix: row.prefix, scope: row.scope },
    });
  });
}
