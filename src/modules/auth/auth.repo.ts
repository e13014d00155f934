import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '../../kernel/db.ts';
import { executivePositions, pmoMembers, people } from '../org/org.tables.ts';
import { projectMembers } from '../projects/projects.tables.ts';
import { apiTokens, loginAttempts, sessions, userRoles, users } from './auth.tables.ts';

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

export async function deleteSessionsOfUser(db: Queryable, userId: string, except?: string) {
  const rows = await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId));
  const ids = rows.map((r) => r.id).filter((id) => id !== except);
  if (ids.length) await db.delete(sessions).where(inArray(sessions.id, ids));
}

export async function recordLoginAttempt(db: Queryable, email: string, ip: string | null, succeeded: boolean) {
  await db.insert(loginAttempts).values({ email: email.toLowerCase(), ip, succeeded });
}

/** Failures for this e-mail since its last success within the window. */
export async function recentFailures(db: Queryable, email: string, since: Date): Promise<{ count: number; oldest: Date | null }> {
  const rows = await db
    .select({ succeeded: loginAttempts.succeeded, at: loginAttempts.at })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.email, email.toLowerCase()), gt(loginAttempts.at, since)))
    .orderBy(sql`${loginAttempts.at} desc`);
  let count = 0;
  let oldest: Date | null = null;
  for (const r of rows) {
    if (r.succeeded) break;
    count++;
    oldest = r.at;
  }
  return { count, oldest };
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
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)));
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
