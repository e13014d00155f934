import { type SQL, and, asc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../kernel/db.ts';
import { delegationThresholds, executivePositions, orgUnits, people, pmoMembers, pmoScope, pmos } from './org.tables.ts';

export type PmoRow = typeof pmos.$inferSelect;
export type ThresholdRow = typeof delegationThresholds.$inferSelect;

const parent = alias(pmos, 'parent_pmo');

const pmoColumns = {
  pmo: pmos,
  positionCode: executivePositions.code,
  positionTitle: executivePositions.title,
  holderPersonId: executivePositions.holderPersonId,
  holderName: people.name,
  parentCode: parent.code,
  parentName: parent.name,
  memberCount: sql<number>`(SELECT count(*) FROM pmo_members m WHERE m.pmo_id = ${pmos.id})`,
  scopeCount: sql<number>`(SELECT count(*) FROM pmo_scope s WHERE s.pmo_id = ${pmos.id})`,
};

function pmoQuery(db: Queryable) {
  return db
    .select(pmoColumns)
    .from(pmos)
    .leftJoin(executivePositions, eq(executivePositions.id, pmos.reportsToPositionId))
    .leftJoin(people, eq(people.id, executivePositions.holderPersonId))
    .leftJoin(parent, eq(parent.id, pmos.parentPmoId));
}

export type PmoJoined = Awaited<ReturnType<typeof listPmos>>[number];

export async function listPmos(db: Queryable, filter: { level?: PmoRow['level']; parentPmoId?: string } = {}) {
  const conditions = [
    filter.level ? eq(pmos.level, filter.level) : undefined,
    filter.parentPmoId ? eq(pmos.parentPmoId, filter.parentPmoId) : undefined,
  ].filter((c): c is SQL => c !== undefined);
  return pmoQuery(db)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(pmos.name));
}

export async function findPmoJoined(db: Queryable, id: string) {
  const [row] = await pmoQuery(db).where(eq(pmos.id, id));
  return row;
}

export async function findPmo(db: Queryable, id: string): Promise<PmoRow | undefined> {
  const [row] = await db.select().from(pmos).where(eq(pmos.id, id));
  return row;
}

export async function findPmoByCode(db: Queryable, code: string): Promise<PmoRow | undefined> {
  const [row] = await db.select().from(pmos).where(sql`lower(${pmos.code}) = lower(${code})`);
  return row;
}

export async function pmoParents(db: Queryable): Promise<Map<string, string | null>> {
  const rows = await db.select({ id: pmos.id, parentId: pmos.parentPmoId }).from(pmos);
  return new Map(rows.map((r) => [r.id, r.parentId]));
}

export async function insertPmo(db: Queryable, values: typeof pmos.$inferInsert): Promise<PmoRow> {
  const [row] = await db.insert(pmos).values(values).returning();
  return row!;
}

/** A versioned edit; with no values it only moves the version on (members, scope). */
export async function updatePmo(
  db: Queryable,
  id: string,
  expectedVersion: number,
  values: Partial<typeof pmos.$inferInsert> = {},
) {
  const [row] = await db
    .update(pmos)
    .set({ ...values, version: sql`${pmos.version} + 1`, updatedAt: new Date() })
    .where(and(eq(pmos.id, id), eq(pmos.version, expectedVersion)))
    .returning();
  return row;
}

export async function membersOf(db: Queryable, pmoId: string) {
  return db
    .select({ personId: people.id, name: people.name, email: people.email, jobTitle: people.jobTitle, role: pmoMembers.role })
    .from(pmoMembers)
    .innerJoin(people, eq(people.id, pmoMembers.personId))
    .where(eq(pmoMembers.pmoId, pmoId))
    .orderBy(asc(pmoMembers.role), asc(people.name));
}

export async function replaceMembers(
  db: Queryable,
  pmoId: string,
  members: readonly { personId: string; role: 'lead' | 'analyst' }[],
) {
  await db.delete(pmoMembers).where(eq(pmoMembers.pmoId, pmoId));
  if (members.length) await db.insert(pmoMembers).values(members.map((m) => ({ pmoId, personId: m.personId, role: m.role })));
}

export async function scopeOf(db: Queryable, pmoId: string) {
  return db
    .select({ orgUnitId: orgUnits.id, code: orgUnits.code, name: orgUnits.name })
    .from(pmoScope)
    .innerJoin(orgUnits, eq(orgUnits.id, pmoScope.orgUnitId))
    .where(eq(pmoScope.pmoId, pmoId))
    .orderBy(asc(orgUnits.name));
}

export async function replaceScope(db: Queryable, pmoId: string, orgUnitIds: readonly string[]) {
  await db.delete(pmoScope).where(eq(pmoScope.pmoId, pmoId));
  if (orgUnitIds.length) await db.insert(pmoScope).values(orgUnitIds.map((orgUnitId) => ({ pmoId, orgUnitId })));
}

export async function childPmosOf(db: Queryable, pmoId: string) {
  return db
    .select({ id: pmos.id, code: pmos.code, name: pmos.name, level: pmos.level })
    .from(pmos)
    .where(eq(pmos.parentPmoId, pmoId))
    .orderBy(asc(pmos.name));
}

// ---- delegation thresholds ----

export async function thresholdsOf(db: Queryable, pmoId: string): Promise<ThresholdRow[]> {
  return db
    .select()
    .from(delegationThresholds)
    .where(eq(delegationThresholds.pmoId, pmoId))
    .orderBy(asc(delegationThresholds.subject), asc(delegationThresholds.upTo));
}

export async function findThreshold(db: Queryable, pmoId: string, id: string): Promise<ThresholdRow | undefined> {
  const [row] = await db
    .select()
    .from(delegationThresholds)
    .where(and(eq(delegationThresholds.id, id), eq(delegationThresholds.pmoId, pmoId)));
  return row;
}

export async function findThresholdById(db: Queryable, id: string): Promise<ThresholdRow | undefined> {
  const [row] = await db.select().from(delegationThresholds).where(eq(delegationThresholds.id, id));
  return row;
}

export async function insertThreshold(db: Queryable, values: typeof delegationThresholds.$inferInsert): Promise<ThresholdRow> {
  const [row] = await db.insert(delegationThresholds).values(values).returning();
  return row!;
}

export async function updateThreshold(
  db: Queryable,
  id: string,
  expectedVersion: number,
  values: Partial<typeof delegationThresholds.$inferInsert>,
) {
  const [row] = await db
    .update(delegationThresholds)
    .set({ ...values, version: sql`${delegationThresholds.version} + 1`, updatedAt: new Date() })
    .where(and(eq(delegationThresholds.id, id), eq(delegationThresholds.version, expectedVersion)))
    .returning();
  return row;
}

export async function deleteThreshold(db: Queryable, id: string): Promise<ThresholdRow | undefined> {
  const [row] = await db.delete(delegationThresholds).where(eq(delegationThresholds.id, id)).returning();
  return row;
}
