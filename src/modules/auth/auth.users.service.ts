import type { Actor } from '../../kernel/actor.ts';
import type { Db, Queryable } from '../../kernel/db.ts';
import { translateDbError } from '../../kernel/dberrors.ts';
import { AppError, invalid, notFound, versionConflict } from '../../kernel/errors.ts';
import type { Role } from '../../kernel/permissions.ts';
import { transact } from '../../kernel/usecase.ts';
import { recordAudit } from '../audit/index.ts';
import { hashPassword } from './auth.passwords.ts';
import * as repo from './auth.repo.ts';
import { checkPasswordStrength } from './auth.service.ts';

/** An account as audited: what an edit changes. */
export interface UserRecord {
  id: string;
  email: string;
  displayName: string;
  personId: string | null;
  active: boolean;
  roles: string[];
  lastLoginAt: string | null;
  version: number;
}

export interface SignInState {
  /** Failed attempts remembered for the account (forgotten an hour after the last one). */
  failedAttempts: number;
  /** The latest time until which sign-in is held back, from some address or from every unknown one. */
  delayedUntil: string | null;
}

export interface UserView extends UserRecord {
  signIn: SignInState;
}

function signInState(throttle: repo.AccountThrottle | undefined): SignInState {
  return { failedAttempts: throttle?.failedAttempts ?? 0, delayedUntil: throttle?.delayedUntil?.toISOString() ?? null };
}

async function withSignIn(db: Queryable, records: UserRecord[]): Promise<UserView[]> {
  const throttle = await repo.throttleOfAccounts(
    db,
    records.map((r) => r.email),
  );
  return records.map((r) => ({ ...r, signIn: signInState(throttle.get(r.email)) }));
}

function userRecord(row: repo.UserRow, roles: string[]): UserRecord {
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
  return withSignIn(
    db,
    rows.map((r) => userRecord(r, roles.get(r.id) ?? [])),
  );
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
    const record = userRecord(row, input.roles);
    await recordAudit(tx, actor, { entityType: 'user', entityId: row.id, action: 'user.created', after: record });
    return (await withSignIn(tx, [record]))[0]!;
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
    const after = userRecord(row, input.roles ?? oldRoles);
    await recordAudit(tx, actor, {
      entityType: 'user',
      entityId: userId,
      action: 'user.updated',
      before: userRecord(before, oldRoles),
      after,
    });
    return (await withSignIn(tx, [after]))[0]!;
  });
}

export async function getUser(db: Db, userId: string): Promise<UserView> {
  const row = await repo.findUserById(db, userId);
  if (!row) throw notFound('user', userId);
  return (await withSignIn(db, [userRecord(row, (await repo.rolesOfUsers(db, [userId])).get(userId) ?? [])]))[0]!;
}

/**
 * Lets an account sign in again at once (admin): clears its failure counters and waits, for
 * the account and for each address with it. An address held back for trying many accounts
 * stays held back.
 */
export async function unlockSignIn(db: Db, actor: Actor, userId: string): Promise<UserView> {
  return transact(db, async ({ tx }) => {
    const row = await repo.findUserById(tx, userId);
    if (!row) throw notFound('user', userId);
    const cleared = await repo.clearAccountThrottle(tx, row.email);
    await recordAudit(tx, actor, {
      entityType: 'user',
      entityId: userId,
      action: 'user.sign_in_unlocked',
      before: signInState(cleared),
    });
    const roles = (await repo.rolesOfUsers(tx, [userId])).get(userId) ?? [];
    return { ...userRecord(row, roles), signIn: signInState(undefined) };
  });
}
