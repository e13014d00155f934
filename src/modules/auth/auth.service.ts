import { createHash, randomBytes } from 'node:crypto';
import { type Actor, userActor } from '../../kernel/actor.ts';
import type { Db, Tx } from '../../kernel/db.ts';
import { AppError, invalid, notFound, versionConflict } from '../../kernel/errors.ts';
import { ROLES, type Role } from '../../kernel/permissions.ts';
import { transact } from '../../kernel/usecase.ts';
import { recordAudit } from '../audit/index.ts';
import { MIN_PASSWORD_LENGTH, burnVerification, hashPassword, verifyPassword } from './auth.passwords.ts';
import * as repo from './auth.repo.ts';
import type { TokenScope } from './auth.tables.ts';
import { type ThrottleUpdate, decideAttempt, throttleKeys } from './auth.throttle.ts';

const SESSION_TOUCH_MS = 5 * 60_000;

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function randomToken(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** Effective roles: those assigned, plus what the org model implies. */
export async function loadActor(db: Db, user: repo.UserRow): Promise<Actor> {
  const assigned = (await repo.rolesOfUsers(db, [user.id])).get(user.id) ?? [];
  const roles = new Set<Role>(assigned.filter((r): r is Role => (ROLES as readonly string[]).includes(r)));
  let memberships: Actor['pmoMemberships'] = [];
  let positionIds: string[] = [];
  if (user.personId) {
    const facts = await repo.orgFactsOf(db, user.personId);
    memberships = facts.memberships;
    positionIds = facts.positionIds;
    for (const m of memberships) roles.add(m.role === 'lead' ? 'pmo_lead' : 'pmo_analyst');
    if (positionIds.length) roles.add('executive');
    for (const r of facts.projectRoles) roles.add(r === 'project_manager' ? 'project_manager' : 'team_member');
  }
  if (roles.size === 0) roles.add('viewer');
  return userActor({
    userId: user.id,
    personId: user.personId,
    email: user.email,
    name: user.displayName,
    roles,
    pmoMemberships: memberships,
    positionIds,
  });
}

export interface LoginInput {
  email: string;
  password: string;
  /** The client's address, from the socket or (behind a trusted proxy) X-Forwarded-For. */
  address: string | null;
  userAgent: string | null;
  /** The session the request's cookie names, if any: signing in replaces it. */
  replacesSessionId: string | null;
}

export interface LoginResult {
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
  actor: Actor;
}

/** An attempt counted against its throttle counters, to be taken back if its password is right. */
interface CountedAttempt {
  address: string;
  updates: ThrottleUpdate[];
}

function tooManyAttempts(retryAfterSeconds: number): AppError {
  return new AppError('TOO_MANY_ATTEMPTS', `too many failed attempts; try again in ${retryAfterSeconds} seconds`, {
    retryAfterSeconds,
  });
}

/**
 * Counts a password attempt on `email` from `address` before the password is checked, or
 * refuses it with 429 while a wait is in force (see auth.throttle.ts). The same for accounts
 * that do not exist, so the answer reveals nothing about them.
 */
async function countAttempt(db: Db, email: string, address: string | null): Promise<CountedAttempt> {
  const attempt = await db.transaction(async (tx) => {
    const context = await repo.throttleContext(tx, address, email);
    const { states, now } = await repo.lockThrottle(tx, throttleKeys(context.bucket, email, context.known));
    const decision = decideAttempt(states, now);
    // Throwing rolls back the empty counters the lock may have created.
    if (!decision.allowed) throw tooManyAttempts(decision.retryAfterSeconds);
    await repo.applyThrottle(tx, decision.updates);
    return { address: context.bucket, updates: decision.updates };
  });
  await repo.pruneThrottle(db);
  return attempt;
}

/** A right password: the attempt was no failure, and its address is now known to the account. */
async function settleSuccessInTx(tx: Tx, userId: string, attempt: CountedAttempt): Promise<void> {
  await repo.settleSuccess(tx, attempt.updates);
  await repo.rememberAddress(tx, userId, attempt.address);
}

/**
 * Signs in with e-mail and password, throttled by address and by account (auth.throttle.ts).
 * A session the browser still holds is replaced, so signing in works from any state.
 */
export async function login(db: Db, sessionHours: number, input: LoginInput): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  const attempt = await countAttempt(db, email, input.address);
  const user = await repo.findUserByEmail(db, email);
  let ok = false;
  if (user?.active) ok = await verifyPassword(user.passwordHash, input.password);
  else await burnVerification(input.password);
  if (!user || !ok) throw new AppError('INVALID_CREDENTIALS', 'e-mail or password is wrong');
  const sessionToken = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(Date.now() + sessionHours * 3_600_000);
  const actor = await loadActor(db, user);
  await transact(db, async ({ tx }) => {
    await settleSuccessInTx(tx, user.id, attempt);
    const replaced = input.replacesSessionId ? await repo.deleteSessionReturningUser(tx, input.replacesSessionId) : null;
    if (replaced) {
      await recordAudit(tx, actor, {
        entityType: 'user',
        entityId: replaced,
        action: 'user.signed_out',
        reason: 'signed in again in the same browser',
      });
    }
    await repo.insertSession(tx, { id: sha256(sessionToken), userId: user.id, csrfToken, expiresAt, userAgent: input.userAgent });
    await repo.setLastLogin(tx, user.id);
    await recordAudit(tx, actor, {
      entityType: 'user',
      entityId: user.id,
      action: 'user.signed_in',
      after: { ip: input.address },
    });
  });
  return { sessionToken, csrfToken, expiresAt, actor };
}

export async function logout(db: Db, actor: Actor, sessionId: string): Promise<void> {
  await transact(db, async ({ tx }) => {
    await repo.deleteSession(tx, sessionId);
    if (actor.userId) await recordAudit(tx, actor, { entityType: 'user', entityId: actor.userId, action: 'user.signed_out' });
  });
}

export interface ResolvedSession {
  actor: Actor;
  sessionId: string;
  csrfToken: string;
}

export async function resolveSession(db: Db, sessionToken: string): Promise<ResolvedSession | null> {
  const sessionId = sha256(sessionToken);
  const session = await repo.findLiveSession(db, sessionId);
  if (!session) return null;
  const user = await repo.findUserById(db, session.userId);
  if (!user?.active) return null;
  if (Date.now() - session.lastSeenAt.getTime() > SESSION_TOUCH_MS) await repo.touchSession(db, sessionId);
  return { actor: await loadActor(db, user), sessionId, csrfToken: session.csrfToken };
}

/** The actor of a live (not revoked, not expired) API token, and what the token may do. */
export async function resolveBearer(db: Db, token: string): Promise<{ actor: Actor; scope: TokenScope } | null> {
  const row = await repo.findLiveToken(db, sha256(token));
  if (!row) return null;
  const user = await repo.findUserById(db, row.userId);
  if (!user?.active) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > SESSION_TOUCH_MS) await repo.markTokenUsed(db, row.id);
  return { actor: await loadActor(db, user), scope: row.scope };
}

export function checkPasswordStrength(field: string, password: string, email: string) {
  if (password.length < MIN_PASSWORD_LENGTH) throw invalid(field, `must be at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.toLowerCase() === email.toLowerCase()) throw invalid(field, 'must not be the e-mail address');
}

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
  /** Revoke the user's personal API tokens too (the default). */
  revokeTokens: boolean;
}

export interface PasswordChanged {
  signedOutSessions: number;
  revokedTokens: number;
}

/**
 * Changes the actor's own password: every other session of the user is signed out and, unless
 * asked not to, every API token revoked, in the same transaction. A wrong current password
 * counts against the account and the address like a failed sign-in.
 */
export async function changePassword(
  db: Db,
  actor: Actor,
  input: ChangePasswordInput,
  context: { keepSessionId: string | null; address: string | null },
): Promise<PasswordChanged> {
  if (!actor.userId) throw new AppError('FORBIDDEN', 'only a user has a password');
  const user = await repo.findUserById(db, actor.userId);
  if (!user) throw notFound('user');
  checkPasswordStrength('newPassword', input.newPassword, user.email);
  const attempt = await countAttempt(db, user.email, context.address);
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw invalid('currentPassword', 'is not your current password');
  }
  const passwordHash = await hashPassword(input.newPassword);
  return transact(db, async ({ tx }) => {
    await settleSuccessInTx(tx, user.id, attempt);
    const updated = await repo.updateUser(tx, user.id, user.version, { passwordHash });
    if (!updated) throw versionConflict('user', user.id, user.version);
    const signedOutSessions = await repo.deleteOtherSessions(tx, user.id, context.keepSessionId);
    const revokedTokens = input.revokeTokens ? await repo.revokeTokensOfUser(tx, user.id) : 0;
    const outcome = { signedOutSessions, revokedTokens };
    await recordAudit(tx, actor, { entityType: 'user', entityId: user.id, action: 'password.changed', after: outcome });
    return outcome;
  });
}
