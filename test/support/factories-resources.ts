/**
 * Small factories for resources tests, on the demo database or an empty one: people, skills and
 * absences go straight into the tables (fixtures, not use cases); allocations either straight in
 * (`seedAllocation`, like the demo seed) or through the use case.
 */
import { eq } from 'drizzle-orm';
import type { Actor } from '../../src/kernel/actor.ts';
import type { Db } from '../../src/kernel/db.ts';
import { absences, allocations, people, personSkills, projectMembers, projects, skills } from '../../src/kernel/schema.ts';
import { findUserByEmail, loadActor } from '../../src/modules/auth/index.ts';

let counter = 0;
const next = () => ++counter;

export async function makeSkill(db: Db, name?: string) {
  const n = next();
  const [row] = await db
    .insert(skills)
    .values({ name: name ?? `Resource skill ${n}-${Math.random().toString(36).slice(2, 8)}`, category: 'test' })
    .returning();
  return row!;
}

/** A person with a contract, availability and skills (skill id → level). */
export async function makeResourcePerson(
  db: Db,
  values: {
    name?: string;
    availability?: number;
    weeklyHours?: number;
    active?: boolean;
    orgUnitId?: string | null;
    skills?: Record<string, number>;
  } = {},
) {
  const n = next();
  const [row] = await db
    .insert(people)
    .values({
      name: values.name ?? `Resource person ${n}`,
      email: `resource${n}-${Math.random().toString(36).slice(2, 8)}@factory.test`,
      availability: String(values.availability ?? 1),
      weeklyHours: String(values.weeklyHours ?? 40),
      active: values.active ?? true,
      orgUnitId: values.orgUnitId ?? null,
    })
    .returning();
  const links = Object.entries(values.skills ?? {}).map(([skillId, level]) => ({ personId: row!.id, skillId, level }));
  if (links.length) await db.insert(personSkills).values(links);
  return row!;
}

export async function makeAbsence(db: Db, personId: string, startsOn: string, endsOn: string, reason = 'Leave') {
  const [row] = await db.insert(absences).values({ personId, startsOn, endsOn, reason }).returning();
  return row!;
}

/** An allocation inserted as seed data would be: no checks, no audit. Months as `2027-01`. */
export async function seedAllocation(
  db: Db,
  values: {
    projectId: string;
    personId?: string | null;
    skillId?: string | null;
    from: string;
    to: string;
    fte: number;
    overrideReason?: string | null;
  },
) {
  const [row] = await db
    .insert(allocations)
    .values({
      projectId: values.projectId,
      personId: values.personId ?? null,
      skillId: values.skillId ?? null,
      startMonth: `${values.from}-01`,
      endMonth: `${values.to}-01`,
      fte: values.fte.toFixed(2),
      overrideReason: values.overrideReason ?? null,
      createdBy: 'factory',
    })
    .returning();
  return row!;
}

export async function projectByCode(db: Db, code: string) {
  const [row] = await db.select().from(projects).where(eq(projects.code, code));
  if (!row) throw new Error(`no project ${code}`);
  return row;
}

export async function addTeamMember(db: Db, projectId: string, personId: string) {
  await db.insert(projectMembers).values({ projectId, personId, role: 'team_member' }).onConflictDoNothing();
}

/** The actor of a demo (or factory) user account, as a signed-in request would carry it. */
export async function actorOf(db: Db, email: string): Promise<Actor> {
  const user = await findUserByEmail(db, email);
  if (!user) throw new Error(`no user ${email}`);
  return loadActor(db, user);
}
