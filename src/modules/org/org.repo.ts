import { and, asc, eq, getTableName, inArray, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../kernel/db.ts';
import { toNumber } from '../../kernel/rows.ts';
import { executivePositions, orgUnits, people, skills } from './org.tables.ts';

export type OrgUnitRow = typeof orgUnits.$inferSelect;
export type PositionRow = typeof executivePositions.$inferSelect;
export type SkillRow = typeof skills.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The ids among `ids` that exist in `table`: foreign ids are checked before a write. */
export async function existingIds(db: Queryable, table: PgTable, candidates: readonly string[]): Promise<Set<string>> {
  // Anything that is not a uuid names no record (and would fail the cast).
  const ids = [...new Set(candidates.filter((id) => UUID.test(id)))];
  if (ids.length === 0) return new Set();
  const result = (await db.execute(
    sql`SELECT id::text AS id FROM ${sql.identifier(getTableName(table))}
         WHERE id IN (${sql.join(
           ids.map((id) => sql`${id}::uuid`),
           sql`, `,
         )})`,
  )) as unknown as { rows: { id: string }[] };
  return new Set(result.rows.map((r) => r.id));
}

/**
 * Serialises changes to one hierarchy (org units, positions, PMOs) for the rest of the
 * transaction: two concurrent re-parentings could otherwise each pass the cycle check and
 * together close a cycle.
 */
export async function lockHierarchy(db: Queryable, name: 'org_units' | 'executive_positions' | 'pmos'): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`tollgate.hierarchy.${name}`}))`);
}

// ---- org units ----

export async function listOrgUnits(db: Queryable): Promise<OrgUnitRow[]> {
  return db.select().from(orgUnits).orderBy(asc(orgUnits.name), asc(orgUnits.code));
}

export async function findOrgUnit(db: Queryable, id: string): Promise<OrgUnitRow | undefined> {
  const [row] = await db.select().from(orgUnits).where(eq(orgUnits.id, id));
  return row;
}

export async function findOrgUnitByCode(db: Queryable, code: string): Promise<OrgUnitRow | undefined> {
  const [row] = await db.select().from(orgUnits).where(sql`lower(${orgUnits.code}) = lower(${code})`);
  return row;
}

export async function orgUnitParents(db: Queryable): Promise<Map<string, string | null>> {
  const rows = await db.select({ id: orgUnits.id, parentId: orgUnits.parentId }).from(orgUnits);
  return new Map(rows.map((r) => [r.id, r.parentId]));
}

export async function childCountOf(db: Queryable, id: string): Promise<number> {
  const [row] = await db.select({ n: sql`count(*)` }).from(orgUnits).where(eq(orgUnits.parentId, id));
  return toNumber(row?.n);
}

export async function insertOrgUnit(db: Queryable, values: typeof orgUnits.$inferInsert): Promise<OrgUnitRow> {
  const [row] = await db.insert(orgUnits).values(values).returning();
  return row!;
}

export async function updateOrgUnit(
  db: Queryable,
  id: string,
  expectedVersion: number,
  values: Partial<typeof orgUnits.$inferInsert>,
) {
  const [row] = await db
    .update(orgUnits)
    .set({ ...values, version: sql`${orgUnits.version} + 1`, updatedAt: new Date() })
    .where(and(eq(orgUnits.id, id), eq(orgUnits.version, expectedVersion)))
    .returning();
  return row;
}

// ---- executive positions ----

const positionColumns = {
  position: executivePositions,
  orgUnitName: orgUnits.name,
  holderName: people.name,
  reportsToCode: sql<
    string | null
  >`(SELECT p2.code FROM executive_positions p2 WHERE p2.id = ${executivePositions.reportsToPositionId})`,
};

function positionQuery(db: Queryable) {
  return db
    .select(positionColumns)
    .from(executivePositions)
    .leftJoin(orgUnits, eq(orgUnits.id, executivePositions.orgUnitId))
    .leftJoin(people, eq(people.id, executivePositions.holderPersonId));
}

export type PositionJoined = Awaited<ReturnType<typeof listPositions>>[number];

export async function listPositions(db: Queryable) {
  return positionQuery(db).orderBy(asc(executivePositions.code));
}

export async function findPositionJoined(db: Queryable, id: string) {
  const [row] = await positionQuery(db).where(eq(executivePositions.id, id));
  return row;
}

export async function findPosition(db: Queryable, id: string): Promise<PositionRow | undefined> {
  const [row] = await db.select().from(executivePositions).where(eq(executivePositions.id, id));
  return row;
}

export async function findPositionByCode(db: Queryable, code: string): Promise<PositionRow | undefined> {
  const [row] = await db.select().from(executivePositions).where(sql`lower(${executivePositions.code}) = lower(${code})`);
  return row;
}

export async function positionParents(db: Queryable): Promise<Map<string, string | null>> {
  const rows = await db
    .select({ id: executivePositions.id, parentId: executivePositions.reportsToPositionId })
    .from(executivePositions);
  return new Map(rows.map((r) => [r.id, r.parentId]));
}

export async function insertPosition(db: Queryable, values: typeof executivePositions.$inferInsert): Promise<PositionRow> {
  const [row] = await db.insert(executivePositions).values(values).returning();
  return row!;
}

export async function updatePosition(
  db: Queryable,
  id: string,
  expectedVersion: number,
  values: Partial<typeof executivePositions.$inferInsert>,
) {
  const [row] = await db
    .update(executivePositions)
    .set({ ...values, version: sql`${executivePositions.version} + 1`, updatedAt: new Date() })
    .where(and(eq(executivePositions.id, id), eq(executivePositions.version, expectedVersion)))
    .returning();
  return row;
}

/** Positions with their holder's name, for reporting lines. */
export async function positionsWithHolders(db: Queryable, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      positionId: executivePositions.id,
      code: executivePositions.code,
      title: executivePositions.title,
      holderPersonId: executivePositions.holderPersonId,
      holderName: people.name,
    })
    .from(executivePositions)
    .leftJoin(people, eq(people.id, executivePositions.holderPersonId))
    .where(inArray(executivePositions.id, [...ids]));
}

// ---- skills ----

const skillColumns = {
  skill: skills,
  peopleCount: sql<number>`(SELECT count(*) FROM person_skills ps WHERE ps.skill_id = ${skills.id})`,
};

export async function listSkills(db: Queryable) {
  return db.select(skillColumns).from(skills).orderBy(asc(skills.category), asc(skills.name));
}

export async function findSkillJoined(db: Queryable, id: string) {
  const [row] = await db.select(skillColumns).from(skills).where(eq(skills.id, id));
  return row;
}

export async function findSkill(db: Queryable, id: string): Promise<SkillRow | undefined> {
  const [row] = await db.select().from(skills).where(eq(skills.id, id));
  return row;
}

export async function findSkillByName(db: Queryable, name: string): Promise<SkillRow | undefined> {
  const [row] = await db.select().from(skills).where(sql`lower(${skills.name}) = lower(${name})`);
  return row;
}

export async function insertSkill(db: Queryable, values: typeof skills.$inferInsert): Promise<SkillRow> {
  const [row] = await db.insert(skills).values(values).returning();
  return row!;
}

export async function updateSkill(
  db: Queryable,
  id: string,
  expectedVersion: number,
  values: Partial<typeof skills.$inferInsert>,
) {
  const [row] = await db
    .update(skills)
    .set({ ...values, version: sql`${skills.version} + 1`, updatedAt: new Date() })
    .where(and(eq(skills.id, id), eq(skills.version, expectedVersion)))
    .returning();
  return row;
}
