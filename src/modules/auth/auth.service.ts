import { createHash, randomBytes } from 'node:crypto';
import { type Actor, userActor } from '../../kernel/actor.ts';
import type { Db, Queryable } from '../../kernel/db.ts';
import { translateDbError } from '../../kernel/dberrors.ts';
import { AppError, invalid, notFound, versionConflict } from '../../kernel/errors.ts';
import { ROLES, type Role } from '../../kernel/permissions.ts';
import { transact } from '../../kernel/usecase.ts';
import { recordAudit } from '../audit/index.ts';
import { MIN_PASSWORD_LENGTH, burnVerification, hashPassword, verifyPassword } from './auth.passwords.ts';
import * as repo from './auth.repo.ts';

export const LOGIN_WINDOW_MINUTES = 15;
export const LOGIN_MAX_FAILURES = 5;
const SESSION_TOUCH_MS = 5 * 60_000;

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function randomToken(prefix = ''): string {
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
  ip: string | null;
  userAgent: string | null;
}

export interface LoginResult {
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
  actor: Actor;
}

/**
 * Signs in with e-mail and password. After LOGIN_MAX_FAILURES failures within the window,
 * further attempts for that e-mail are refused with 429 until the window has passed.
 */
export async function login(db: Db, sessionHours: number, input: LoginInput): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  const since = new Date(Date.now() - LOGIN_WINDOW_MINUTES * 60_000);
  const failures = await repo.recentFailures(db, email, since);
  if (failures.count >= LOGIN_MAX_FAILURES) {
    const retryAt = (failures.oldest?.getTime() ?? Date.now()) + LOGIN_WINDOW_MINUTES * 60_000;
    throw new AppError('TOO_MANY_ATTEMPTS', 'too many failed sign-ins; try again later', {
      retryAfterSeconds: Math.max(1, Math.ceil((retryAt - Date.now()) / 1000)),
    });
  }
  const user = await repo.findUserByEmail(db, email);
  let ok = false;
  if (user?.active) ok = await verifyPassword(user.passwordHash, input.password);
  else await burnVerification(input.password);
  if (!user || !ok) {
    await repo.recordLoginAttempt(db, email, input.ip, false);
    throw new AppError('INVALID_CREDENTIALS', 'e-mail or password is wrong');
  }
  const sessionToken = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(Date.now() + sessionHours * 3_600_000);
  const actor = await loadActor(db, user);
  await transact(db, async ({ tx }) => {
    await repo.recordLoginAttempt(tx, email, input.ip, true);
    await repo.insertSession(tx, { id: sha256(sessionToken), userId: user.id, csrfToken, expiresAt, userAgent: input.userAgent });
    await repo.setLastLogin(tx, user.id);
    await recordAudit(tx, actor, { entityType: 'user', entityId: user.id, action: 'user.signed_in', after: { ip: input.ip } });
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

export async function resolveBearer(db: Db, token: string): Promise<Actor | null> {
  const row = await repo.findLiveToken(db, sha256(token));
  if (!row) return null;
  const user = await repo.findUserById(db, row.userId);
  if (!user?.active) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > SESSION_TOUCH_MS) await repo.markTokenUsed(db, row.id);
  return loadActor(db, user);
}

function checkPasswordStrength(field: string, password: string, email: string) {
  if (password.length < MIN_PASSWORD_LENGTH) throw invalid(field, `must be at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.toLowerCase() === email.toLowerCase()) throw invalid(field, 'must not be the e-mail address');
}

/** Changes the actor's own password; every other session of the user is signed out. */
export async function changePassword(
  db: Db,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  keepSessionId: string | null,
): Promise<void> {
  if (!actor.userId) throw new AppError('FORBIDDEN', 'only a user has a password');
  const user = await repo.findUserById(db, actor.userId);
  if (!user) throw notFound('user');
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw invalid('currentPassword', 'is not your current password');
  }
  checkPasswordStrength('newPassword', input.newPassword, user.email);
  const passwordHash = await hashPassword(input.newPassword);
  await transact(db, async ({ tx }) => {
    const updated = await repo.updateUser(tx, user.id, user.version, { passwordHash });
    if (!updated) throw versionConflict('user', user.id, user.version);
    await repo.deleteSessionsOfUser(tx, user.id, keepSessionId ?? undefined);
    await recordAudit(tx, actor, { entityType: 'user', entityId: user.id, action: 'password.changed' });
  });
}

export interface TokenView {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

function tokenView(row: Awaited<ReturnType<typeof repo.tokensOf>>[number]): TokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** Creates a personal API token; the token itself is shown once and only its hash is kept. */
export async function createToken(db: Db, actor: Actor, input: { name: string }): Promise<TokenView & { token: string }> {
  if (!actor.userId) throw new AppError('FORBIDDEN', 'only a user has API tokens');
  const userId = actor.userId;
  const token = randomToken('tg_');
  return transact(db, async ({ tx }) => {
    const row = await repo.insertToken(tx, { userId, name: input.name, tokenHash: sha256(token), prefix: token.slice(0, 10) });
    await recordAudit(tx, actor, {
      entityType: 'user',
      entityId: userId,
      action: 'token.created',
      after: { tokenId: row.id, name: row.name, prefix: row.prefix },
    });
    return { ...tokenView(row), token };
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
      before: { tokenId, name: row.name, prefix: row.prefix },
    });
  });
}

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  personId: string | null;
  active: boolean;
  roles: string[];
  lastLoginAt: string | null;
  version: number;
}

function userView(row: repo.UserRow, roles: string[]): UserView {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    personId: row.personId,
    active: row.active,
    roles: [...roles].sort(),
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    version: row.version,
  };
}

export async function listUsers(db: Db): Promise<UserView[]> {
  const rows = await repo.listUsers(db);
  const roles = await repo.rolesOfUsers(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => userView(r, roles.get(r.id) ?? []));
}

/** A linked person must exist and not be linked to another account (422, never an FK error). */
async function checkPersonLink(db: Queryable, personId: string | null | undefined, userId: string | null): Promise<void> {
  if (!personId) return;
  if (!(await repo.personExists(db, personId))) throw invalid('personId', 'no such person');
  const holder = await repo.userOfPerson(db, personId);
  if (holder && holder !== userId) throw invalid('personId', 'is linked to another user account');
}

export interface CreateUserInput {
  email: string;
  displayName: string;
  password: string;
  roles: Role[];
  personId?: string | null;
}

/** Creates an account (admin, or the CLI's system actor). */
export async function createUser(db: Db, actor: Actor, input: CreateUserInput): Promise<UserView> {
  const email = input.email.trim().toLowerCase();
  checkPasswordStrength('password', input.password, email);
  if (await repo.findUserByEmail(db, email)) {
    throw new AppError('ALREADY_EXISTS', `a user with e-mail ${email} exists`, {
      issues: [{ field: 'email', message: 'is taken' }],
    });
  }
  const passwordHash = await hashPassword(input.password);
  // A concurrent sign-up with the same e-mail can pass the check above: the constraint answers.
  return transact(db, async ({ tx }) => {
    await checkPersonLink(tx, input.personId, null);
    const row = await repo.insertUser(tx, {
      email,
      displayName: input.displayName,
      passwordHash,
      personId: input.personId ?? null,
    });
    await repo.replaceRoles(tx, row.id, input.roles);
    const view = userView(row, input.roles);
    await recordAudit(tx, actor, { entityType: 'user', entityId: row.id, action: 'user.created', after: view });
    return view;
  }).catch((err: unknown) => {
    throw translateDbError(err, 'user', { users_email_unique: 'email', users_person_id_unique: 'personId' });
  });
}

export interface UpdateUserInput {
  version: number;
  displayName?: string;
  active?: boolean;
  roles?: Role[];
  personId?: string | null;
}

export async function updateUser(db: Db, actor: Actor, userId: string, input: UpdateUserInput): Promise<UserView> {
  return transact(db, async ({ tx }) => {
    const before = await repo.findUserById(tx, userId);
    if (!before) throw notFound('user', userId);
    if (before.id === actor.userId && input.active === false) throw invalid('active', 'you cannot deactivate yourself');
    await checkPersonLink(tx, input.personId, userId);
    const oldRoles = (await repo.rolesOfUsers(tx, [userId])).get(userId) ?? [];
    const row = await repo.updateUser(tx, userId, input.version, {
      displayName: input.displayName,
      active: input.active,
      personId: input.personId,
    });
    if (!row) throw versionConflict('user', userId, input.version);
    if (input.roles) await repo.replaceRoles(tx, userId, input.roles);
    if (input.active === false) await repo.deleteSessionsOfUser(tx, userId);
    const after = userView(row, input.roles ?? oldRoles);
    await recordAudit(tx, actor, {
      entityType: 'user',
      entityId: userId,
      action: 'user.updated',
      before: userView(before, oldRoles),
      after,
    });
    return after;
  });
}

export async function getUser(db: Db, userId: string): Promise<UserView> {
  const row = await repo.findUserById(db, userId);
  if (!row) throw notFound('user', userId);
  return userView(row, (await repo.rolesOfUsers(db, [userId])).get(userId) ?? []);
}
