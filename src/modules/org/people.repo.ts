import { type SQL, and, asc, count, eq, ilike, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../kernel/db.ts';
import type { Page } from '../../kernel/lists.ts';
import { executivePositions, orgUnits, people, personSkills, pmoMembers, pmos, skills } from './org.tables.ts';

export type PersonRow = typeof people.$inferSelect;

export interface PeopleFilter {
  q?: string;
  orgUnitId?: string;
  skillId?: string;
  active?: boolean;
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const personColumns = { person: people, orgUnitName: orgUnits.name };

/** The one WHERE of the list, its count and its export. */
function peopleCondition(filter: PeopleFilter): SQL | undefined {
  return and(
    filter.q ? or(ilike(people.name, likePattern(filter.q)), ilike(people.email, likePattern(filter.q))) : undefined,
    filter.orgUnitId ? eq(people.orgUnitId, filter.orgUnitId) : undefined,
    filter.skillId
      ? sql`EXISTS (SELECT 1 FROM person_skills ps WHERE ps.person_id = ${people.id} AND ps.skill_id = ${filter.skillId})`
      : undefined,
    filter.active === undefined ? undefined : eq(people.active, filter.active),
  );
}

/** One page of the matching people by name (every one when `page` is null). */
export async function listPeople(db: Queryable, filter: PeopleFilter, page: Page | null = null) {
  const query = db
    .select(personColumns)
    .from(people)
    .leftJoin(orgUnits, eq(orgUnits.id, people.orgUnitId))
    .where(peopleCondition(filter))
    .orderBy(asc(people.name), asc(people.email), asc(people.id))
    .$dynamic();
  if (page) query.limit(page.limit).offset(page.offset);
  return query;
}

/** How many people match, on every page. */
export async function countPeople(db: Queryable, filter: PeopleFilter): Promise<number> {
  const [row] = await db.select({ n: count() }).from(people).where(peopleCondition(filter));
  return Number(row?.n ?? 0);
}

export async function findPersonJoined(db: Queryable, id: string) {
  const [row] = await db
    .select(personColumns)
    .from(people)
    .leftJoin(orgUnits, eq(orgUnits.id, people.orgUnitId))
    .where(eq(people.id, id));
  return row;
}

export async function findPerson(db: Queryable, id: string): Promise<PersonRow | undefined> {
  const [row] = await db.select().from(people).where(eq(people.id, id));
  return row;
}

export async function findPersonByEmail(db: Queryable, email: string): Promise<PersonRow | undefined> {
  const [row] = await db.select().from(people).where(eq(people.email, email));
  return row;
}

export async function insertPerson(db: Queryable, values: typeof people.$inferInsert): Promise<PersonRow> {
  const [row] = await db.insert(people).values(values).returning();
  return row!;
}

export async function updatePerson(
  db: Queryable,
  id: string,
  expectedVersion: number,
  values: Partial<typeof people.$inferInsert>,
) {
  const [row] = await db
    .update(people)
    .set({ ...values, version: sql`${people.version} + 1`, updatedAt: new Date() })
    .where(and(eq(people.id, id), eq(people.version, expectedVersion)))
    .returning();
  return row;
}

export async function skillsOfPerson(db: Queryable, personId: string) {
  return db
    .select({ skillId: skills.id, name: skills.name, category: skills.category, level: personSkills.level })
    .from(personSkills)
    .innerJoin(skills, eq(skills.id, personSkills.skillId))
    .where(eq(personSkills.personId, personId))
    .orderBy(asc(skills.category), asc(skills.name));
}

export async function replacePersonSkills(
  db: Queryable,
  personId: string,
  entries: readonly { skillId: string; level: number }[],
) {
  await db.delete(personSkills).where(eq(personSkills.personId, personId));
  if (entries.length)
    await db.insert(personSkills).values(entries.map((e) => ({ personId, skillId: e.skillId, level: e.level })));
}

export async function pmosOfPerson(db: Queryable, personId: string) {
  return db
    .select({ pmoId: pmos.id, code: pmos.code, name: pmos.name, role: pmoMembers.role })
    .from(pmoMembers)
    .innerJoin(pmos, eq(pmos.id, pmoMembers.pmoId))
    .where(eq(pmoMembers.personId, personId))
    .orderBy(asc(pmos.name));
}

export async function positionsOfPerson(db: Queryable, personId: string) {
  return db
    .select({ positionId: executivePositions.id, code: executivePositions.code, title: executivePositions.title })
    .from(executivePositions)
    .where(eq(executivePositions.holderPersonId, personId))
    .orderBy(asc(executivePositions.code));
}
