import { type AnyColumn, type SQL, and, asc, count, eq, gte, inArray, isNull, lte, ne, sql } from 'drizzle-orm';
import type { Queryable } from '../../kernel/db.ts';
import type { Page } from '../../kernel/lists.ts';
import { orgUnits, people, personSkills, skills } from '../org/org.tables.ts';
import { projects } from '../projects/projects.tables.ts';
import { absences, allocations } from './resources.tables.ts';

export type AbsenceRow = typeof absences.$inferSelect;
export type AllocationRow = typeof allocations.$inferSelect;
export type PersonRow = typeof people.$inferSelect;

// ---- people and skills ----

export async function findPerson(db: Queryable, id: string): Promise<PersonRow | undefined> {
  const [row] = await db.select().from(people).where(eq(people.id, id));
  return row;
}

/** Locks the person's row: allocations to one person are checked and written one at a time. */
export async function lockPerson(db: Queryable, id: string): Promise<PersonRow | undefined> {
  const [row] = await db.select().from(people).where(eq(people.id, id)).for('update');
  return row;
}

export async function findSkill(db: Queryable, id: string) {
  const [row] = await db.select({ id: skills.id, name: skills.name }).from(skills).where(eq(skills.id, id));
  return row;
}

export async function listSkills(db: Queryable, ids?: string[]) {
  return db
    .select({ id: skills.id, name: skills.name })
    .from(skills)
    .where(ids ? inArray(skills.id, ids) : undefined)
    .orderBy(asc(skills.name));
}

export async function orgUnitExists(db: Queryable, id: string): Promise<boolean> {
  const [row] = await db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.id, id));
  return Boolean(row);
}

/** A condition on a column holding an org unit id: the unit is `rootId` or below it. */
export function inOrgUnitTree(column: AnyColumn | SQL, rootId: string): SQL {
  return sql`${column} IN (
    WITH RECURSIVE tree AS (
      SELECT id FROM org_units WHERE id = ${rootId}::uuid
      UNION SELECT u.id FROM org_units u JOIN tree ON u.parent_id = tree.id
    ) SELECT id FROM tree)`;
}

/** People for the capacity view: in the org unit tree (if given), holding the skill (if given). */
export async function peopleInScope(db: Queryable, filter: { orgUnitId?: string; skillIds?: string[] }) {
  return db
    .select({
      id: people.id,
      name: people.name,
      availability: people.availability,
      weeklyHours: people.weeklyHours,
      active: people.active,
    })
    .from(people)
    .where(
      and(
        filter.orgUnitId ? inOrgUnitTree(people.orgUnitId, filter.orgUnitId) : undefined,
        filter.skillIds
          ? inArray(
              people.id,
              db.select({ id: personSkills.personId }).from(personSkills).where(inArray(personSkills.skillId, filter.skillIds)),
            )
          : undefined,
      ),
    )
    .orderBy(asc(people.name));
}

export async function skillsOfPeople(db: Queryable, personIds: string[]) {
  if (personIds.length === 0) return [];
  return db
    .select({ personId: personSkills.personId, skillId: personSkills.skillId })
    .from(personSkills)
    .where(inArray(personSkills.personId, personIds));
}

// ---- absences ----

export async function absencesOf(db: Queryable, personIds: string[], from?: string, to?: string): Promise<AbsenceRow[]> {
  if (personIds.length === 0) return [];
  return db
    .select()
    .from(absences)
    .where(
      and(
        inArray(absences.personId, personIds),
        from ? gte(absences.endsOn, from) : undefined,
        to ? lte(absences.startsOn, to) : undefined,
      ),
    )
    .orderBy(asc(absences.startsOn), asc(absences.id));
}

export async function findAbsence(db: Queryable, id: string): Promise<AbsenceRow | undefined> {
  const [row] = await db.select().from(absences).where(eq(absences.id, id));
  return row;
}

export async function insertAbsence(db: Queryable, values: typeof absences.$inferInsert): Promise<AbsenceRow> {
  const [row] = await db.insert(absences).values(values).returning();
  return row!;
}

export async function updateAbsence(
  db: Queryable,
  id: string,
  expectedVersion: number,
  values: Partial<typeof absences.$inferInsert>,
): Promise<AbsenceRow | undefined> {
  const [row] = await db
    .update(absences)
    .set({ ...values, version: sql`${absences.version} + 1`, updatedAt: new Date() })
    .where(and(eq(absences.id, id), eq(absences.version, expectedVersion)))
    .returning();
  return row;
}

export async function deleteAbsence(db: Queryable, id: string, expectedVersion?: number): Promise<boolean> {
  const rows = await db
    .delete(absences)
    .where(and(eq(absences.id, id), expectedVersion === undefined ? undefined : eq(absences.version, expectedVersion)))
    .returning({ id: absences.id });
  return rows.length > 0;
}

// ---- allocations ----

const allocationColumns = {
  allocation: allocations,
  projectCode: projects.code,
  projectName: projects.name,
  personName: people.name,
  skillName: skills.name,
};

export type AllocationJoined = {
  allocation: AllocationRow;
  projectCode: string;
  projectName: string;
  personName: string | null;
  skillName: string | null;
};

function joined(db: Queryable) {
  return db
    .select(allocationColumns)
    .from(allocations)
    .innerJoin(projects, eq(projects.id, allocations.projectId))
    .leftJoin(people, eq(people.id, allocations.personId))
    .leftJoin(skills, eq(skills.id, allocations.skillId));
}

export interface AllocationFilter {
  visible: SQL | undefined;
  projectId?: string;
  personId?: string;
  skillId?: string;
  /** First days of months. */
  from?: string;
  to?: string;
}

/** The one WHERE of the list, its count and its export: visibility and filters. */
function allocationCondition(filter: AllocationFilter): SQL | undefined {
  return and(
    filter.visible,
    filter.projectId ? eq(allocations.projectId, filter.projectId) : undefined,
    filter.personId ? eq(allocations.personId, filter.personId) : undefined,
    filter.skillId ? eq(allocations.skillId, filter.skillId) : undefined,
    filter.from ? gte(allocations.endMonth, filter.from) : undefined,
    filter.to ? lte(allocations.startMonth, filter.to) : undefined,
  );
}

/** One page of the matching allocations (every one when `page` is null). */
export async function listAllocations(
  db: Queryable,
  filter: AllocationFilter,
  page: Page | null = null,
): Promise<AllocationJoined[]> {
  const query = joined(db)
    .where(allocationCondition(filter))
    .orderBy(asc(allocations.startMonth), asc(projects.code), asc(people.name), asc(allocations.id))
    .$dynamic();
  if (page) query.limit(page.limit).offset(page.offset);
  return query;
}

/** How many allocations match, on every page. */
export async function countAllocations(db: Queryable, filter: AllocationFilter): Promise<number> {
  const [row] = await db.select({ n: count() }).from(allocations).where(allocationCondition(filter));
  return Number(row?.n ?? 0);
}

export async function findAllocation(db: Queryable, id: string): Promise<AllocationJoined | undefined> {
  const [row] = await joined(db).where(eq(allocations.id, id));
  return row;
}

/**
 * Every allocation of the person overlapping [from, to] (first days of months), on every
 * project: capacity is the person's, whoever may see the projects.
 */
export async function allocationsOfPerson(
  db: Queryable,
  personId: string,
  from: string,
  to: string,
  exceptId?: string,
): Promise<AllocationRow[]> {
  return db
    .select()
    .from(allocations)
    .where(
      and(
        eq(allocations.personId, personId),
        gte(allocations.endMonth, from),
        lte(allocations.startMonth, to),
        exceptId ? ne(allocations.id, exceptId) : undefined,
      ),
    );
}

/** Allocations overlapping [from, to]: named ones of these people, and unnamed demand for these skills. */
export async function allocationsForGrid(
  db: Queryable,
  filter: { personIds: string[]; skillIds: string[]; from: string; to: string; projectOrgUnitId?: string },
): Promise<AllocationRow[]> {
  const named = filter.personIds.length ? inArray(allocations.personId, filter.personIds) : undefined;
  const unnamed = filter.skillIds.length
    ? and(
        isNull(allocations.personId),
        inArray(allocations.skillId, filter.skillIds),
        filter.projectOrgUnitId
          ? inArray(
              allocations.projectId,
              db.select({ id: projects.id }).from(projects).where(inOrgUnitTree(projects.orgUnitId, filter.projectOrgUnitId)),
            )
          : undefined,
      )
    : undefined;
  const who = named && unnamed ? sql`(${named} OR ${unnamed})` : (named ?? unnamed);
  if (!who) return [];
  return db
    .select()
    .from(allocations)
    .where(and(who, gte(allocations.endMonth, filter.from), lte(allocations.startMonth, filter.to)));
}

export async function insertAllocation(db: Queryable, values: typeof allocations.$inferInsert): Promise<AllocationRow> {
  const [row] = await db.insert(allocations).values(values).returning();
  return row!;
}

export async function updateAllocation(
  db: Queryable,
  id: string,
  expectedVersion: number,
  values: Partial<typeof allocations.$inferInsert>,
): Promise<AllocationRow | undefined> {
  const [row] = await db
    .update(allocations)
    .set({ ...values, version: sql`${allocations.version} + 1`, updatedAt: new Date() })
    .where(and(eq(allocations.id, id), eq(allocations.version, expectedVersion)))
    .returning();
  return row;
}

export async function deleteAllocation(db: Queryable, id: string, expectedVersion?: number): Promise<boolean> {
  const rows = await db
    .delete(allocations)
    .where(and(eq(allocations.id, id), expectedVersion === undefined ? undefined : eq(allocations.version, expectedVersion)))
    .returning({ id: allocations.id });
  return rows.length > 0;
}

export async function findProject(db: Queryable, id: string) {
  const [row] = await db
    .select({ id: projects.id, code: projects.code, pmoId: projects.pmoId, state: projects.state })
    .from(projects)
    .where(eq(projects.id, id));
  return row;
}

// ---- candidates for an allocation ----

/** Active people with what ranking them needs: contract figures, job title, and their level of one skill. */
export async function activePeopleWithSkillLevel(db: Queryable, skillId: string | null) {
  return db
    .select({
      id: people.id,
      name: people.name,
      jobTitle: people.jobTitle,
      availability: people.availability,
      weeklyHours: people.weeklyHours,
      active: people.active,
      skillLevel: skillId
        ? sql<
            number | null
          >`(SELECT ${personSkills.level} FROM ${personSkills} WHERE ${personSkills.personId} = ${people.id} AND ${personSkills.skillId} = ${skillId}::uuid)`
        : sql<number | null>`NULL::int`,
    })
    .from(people)
    .where(eq(people.active, true))
    .orderBy(asc(people.name));
}
