import { and, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../kernel/db.ts';
import { executivePositions, pmoMembers, people } from '../org/org.tables.ts';
import { projectMembers } from '../projects/projects.tables.ts';
import type { ThrottleKey, ThrottleState, ThrottleUpdate } from './auth.throttle.ts';
import { apiTokens, knownSignInAddresses, sessions, signInThrottle, userRoles, users } from './auth.tables.ts';

export type UserRow = typeof users.$inferSelect;

export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase()));
  return row;
}

export async function findUserById(db: Queryable, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function personExists(db: Queryable, personId: string): Promise<boolean> {
  const [row] = await db.select({ id: people.id }).from(people).where(eq(people.id, personId));
  return Boolean(row);
}

export async function userOfPerson(db: Queryable, personId: string): Promise<string | undefined> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.personId, personId));
  return row?.id;
}

/** The active user accounts of people, each with the person it is for and its display name. */
export async function activeUsersOfPeople(
  db: Queryable,
  personIds: readonly (string | null | undefined)[],
): Promise<{ userId: string; personId: string | null; name: string }[]> {
  const wanted = [...new Set(personIds.filter((p): p is string => Boolean(p)))];
  if (wanted.length === 0) return [];
  return db
    .select({ userId: users.id, personId: users.personId, name: users.displayName })
    .from(users)
    .where(and(inArray(users.personId, wanted), eq(users.active, true)))
    .orderBy(users.displayName);
}

export async function listUsers(db: Queryable) {
  return db.select().from(users).orderBy(users.displayName);
}

export async function rolesOfUsers(db: Queryable, userIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (userIds.length === 0) return map;
  const rows = await db.select().from(userRoles).where(inArray(userRoles.userId, userIds));
  for (const r of rows) map.set(r.userId, [...(map.get(r.userId) ?? []), r.role]);
  return map;
}

export async function insertUser(db: Queryable, values: typeof users.$inferInsert): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  return row!;
}

export async function updateUser(db: Queryable, id: string, expectedVersion: number, values: Partial<typeof users.$inferInsert>) {
  const [row] = await db
    .update(users)
    .set({ ...values, version: sql`${users.version} + 1`, updatedAt: new Date() })
    .where(and(eq(users.id, id), eq(users.version, expectedVersion)))
    .returning();
  return row;
}

/** Not a versioned edit: signing in must not make someone else's edit of the user stale. */
export async function setLastLogin(db: Queryable, id: string) {
  await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, id));
}

export async function replaceRoles(db: Queryable, userId: string, roles: string[]) {
  await db.delete(userRoles).where(eq(userRoles.userId, userId));
  if (roles.length) await db.insert(userRoles).values(roles.map((role) => ({ userId, role })));
}

/** What the org model says about a person: PMO memberships, executive positions, project roles. */
export async function orgFactsOf(db: Queryable, personId: string) {
  const memberships = await db
    .select({ pmoId: pmoMembers.pmoId, role: pmoMembers.role })
    .from(pmoMembers)
    .where(eq(pmoMembers.personId, personId));
  const positions = await db
    .select({ id: executivePositions.id })
    .from(executivePositions)
    .where(eq(executivePositions.holderPersonId, personId));
  const projectRoles = await db
    .selectDistinct({ role: projectMembers.role })
    .from(projectMembers)
    .where(eq(projectMembers.personId, personId));
  return {
    memberships,
    positionIds: positions.map((p) => p.id),
    projectRoles: projectRoles.map((r) => r.role),
  };
}

export async function insertSession(db: Queryable, values: typeof sessions.$inferInsert) {
  await db.insert(sessions).values(values);
}

export async function findLiveSession(db: Queryable, id: string) {
  const [row] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, new Date())));
  return row;
}

export async function touchSession(db: Queryable, id: string) {
  await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, id));
}

export async function deleteSession(db: Queryable, id: string) {
  await db.delete(sessions).where(eq(sessions.id, id));
}

export async function deleteSessionsOfUser(db: Queryable, userId: string) {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** Deletes one session and says whose it was (null when there was none). */
export async function deleteSessionReturningUser(db: Queryable, id: string): Promise<string | null> {
  const [row] = await db.delete(sessions).where(eq(sessions.id, id)).returning({ userId: sessions.userId });
  return row?.userId ?? null;
}

export async function deleteOtherSessions(db: Queryable, userId: string, except: string | null): Promise<number> {
  const rows = await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId));
  const ids = rows.map((r) => r.id).filter((id) => id !== except);
  if (ids.length) await db.delete(sessions).where(inArray(sessions.id, ids));
  return ids.length;
}

/** How long an address counts as known to an account after its last successful sign-in. */
const KNOWN_ADDRESS_DAYS = 90;

/**
 * The address as counted (an IPv6 address
 * stands for its /64, which one subscriber usually holds whole; `unknown` without an address),
 * and whether the account of `email` signed in from that address lately.
 */
export async function throttleContext(
  db: Queryable,
  address: string | null,
  email: string,
): Promise<{ bucket: string; known: boolean }> {
  const result = (await db.execute(sql`
    with a as (
      select case
        when ${address}::inet is null then 'unknown'
        when family(${address}::inet) = 6 then network(set_masklen(${address}::inet, 64))::text
        else host(${address}::inet)
      end as bucket
    )
    select a.bucket,
      exists (
        select 1 from ${knownSignInAddresses} k join ${users} u on u.id = k.user_id
        where u.email = ${email} and k.address = a.bucket
          and k.last_success_at > now() - make_interval(days => ${KNOWN_ADDRESS_DAYS})
      ) as known
    from a`)) as unknown as { rows: { bucket: string; known: boolean }[] };
  const row = result.rows[0]!;
  return { bucket: row.bucket, known: Boolean(row.known) };
}

/**
 * Locks the attempt's counter rows (creating empty ones), in the order given, until the end of
 * the transaction, and returns them as they stand with the database's clock once they are held:
 * a concurrent attempt on any of these keys, from this or another instance, waits here.
 */
export async function lockThrottle(db: Queryable, keys: ThrottleKey[]): Promise<{ states: ThrottleState[]; now: Date }> {
  const rows = await db
    .insert(signInThrottle)
    .values(keys.map((k) => ({ key: k.key, kind: k.kind, account: k.account, failures: 0, expiresAt: sql`now()` })))
    .onConflictDoUpdate({ target: signInThrottle.key, set: { kind: sql`excluded.kind` } })
    .returning({
      key: signInThrottle.key,
      kind: signInThrottle.kind,
      failures: signInThrottle.failures,
      blockedUntil: signInThrottle.blockedUntil,
      expiresAt: signInThrottle.expiresAt,
      now: sql<string>`clock_timestamp()`,
    });
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const now = new Date(Math.max(...rows.map((r) => new Date(r.now).getTime())));
  const states = keys.map((k) => {
    const { now: _, ...state } = byKey.get(k.key)!;
    return state;
  });
  return { states, now };
}

export async function applyThrottle(db: Queryable, updates: ThrottleUpdate[]): Promise<void> {
  for (const u of updates) {
    await db
      .update(signInThrottle)
      .set({ failures: u.failures, blockedUntil: u.blockedUntil, lastFailureAt: u.lastFailureAt, expiresAt: u.expiresAt })
      .where(eq(signInThrottle.key, u.key));
  }
}

/**
 * Takes back an attempt that succeeded: its pair starts afresh; the account and address
 * counters lose the failure it was counted as, and the wait it started, unless a later
 * attempt has moved that wait since.
 */
export async function settleSuccess(db: Queryable, updates: ThrottleUpdate[]): Promise<void> {
  for (const u of updates) {
    if (u.kind === 'pair') {
      await db.delete(signInThrottle).where(eq(signInThrottle.key, u.key));
      continue;
    }
    const ours = u.blockedUntil;
    await db
      .update(signInThrottle)
      .set({
        failures: sql`greatest(${signInThrottle.failures} - 1, 0)`,
        blockedUntil: ours
          ? sql`case when ${signInThrottle.blockedUntil} = ${ours.toISOString()}::timestamptz then ${u.previousBlockedUntil?.toISOString() ?? null}::timestamptz else ${signInThrottle.blockedUntil} end`
          : sql`${signInThrottle.blockedUntil}`,
      })
      .where(eq(signInThrottle.key, u.key));
  }
}

export async function rememberAddress(db: Queryable, userId: string, address: string): Promise<void> {
  await db
    .insert(knownSignInAddresses)
    .values({ userId, address })
    .onConflictDoUpdate({
      target: [knownSignInAddresses.userId, knownSignInAddresses.address],
      set: { lastSuccessAt: sql`now()` },
    });
}

/** Counters nobody needs any more; a few at a time, skipping rows an attempt holds. */
export async function pruneThrottle(db: Queryable): Promise<void> {
  await db.execute(sql`
    delete from ${signInThrottle} where ${signInThrottle.key} in (
      select key from ${signInThrottle} where expires_at < now() order by expires_at limit 100 for update skip locked
    )`);
}

export interface AccountThrottle {
  /** Failed attempts remembered for the account, over every address. */
  failedAttempts: number;
  /** The latest wait in force on the account or one of its addresses. */
  delayedUntil: Date | null;
}

/** The throttle state of accounts, by lower-case e-mail; accounts without any are left out. */
export async function throttleOfAccounts(db: Queryable, emails: string[]): Promise<Map<string, AccountThrottle>> {
  const map = new Map<string, AccountThrottle>();
  if (emails.length === 0) return map;
  const rows = await db
    .select({
      account: signInThrottle.account,
      failures: sql<string>`coalesce(sum(${signInThrottle.failures}) filter (where ${signInThrottle.kind} = 'pair'), 0)`,
      delayedUntil: sql<string | null>`max(${signInThrottle.blockedUntil}) filter (where ${signInThrottle.blockedUntil} > now())`,
    })
    .from(signInThrottle)
    .where(and(inArray(signInThrottle.account, emails), gt(signInThrottle.expiresAt, sql`now()`)))
    .groupBy(signInThrottle.account);
  for (const r of rows) {
    const failedAttempts = Number(r.failures);
    const delayedUntil = r.delayedUntil ? new Date(r.delayedUntil) : null;
    if (failedAttempts > 0 || delayedUntil) map.set(r.account!, { failedAttempts, delayedUntil });
  }
  return map;
}

/** Clears the account's counters (its own and those of each address with it); returns what was cleared. */
export async function clearAccountThrottle(db: Queryable, email: string): Promise<AccountThrottle> {
  const before = (await throttleOfAccounts(db, [email])).get(email) ?? { failedAttempts: 0, delayedUntil: null };
  await db.delete(signInThrottle).where(eq(signInThrottle.account, email));
  return before;
}

export async function insertToken(db: Queryable, values: typeof apiTokens.$inferInsert) {
  const [row] = await db.insert(apiTokens).values(values).returning();
  return row!;
}

export async function tokensOf(db: Queryable, userId: string) {
  return db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(apiTokens.createdAt);
}

export async function findLiveToken(db: Queryable, tokenHash: string) {
  const [row] = await db
    .select()
    .from(apiTokens)
    .where(
      and(
        eq(apiTokens.tokenHash, tokenHash),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, sql`now()`)),
      ),
    );
  return row;
}

export async function markTokenUsed(db: Queryable, id: string) {
  await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, id));
}

export async function revokeToken(db: Queryable, userId: string, id: string) {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning();
  return row;
}

/** Revokes every live token of the user; returns how many. */
export async function revokeTokensOfUser(db: Queryable, userId: string): Promise<number> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(apiTokens.userId, userId),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, sql`now()`)),
      ),
    )
    .returning({ id: apiTokens.id });
  return rows.length;
}
