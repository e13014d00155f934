import { type AnyColumn, type SQL, and, asc, desc, eq, ilike, inArray, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../kernel/db.ts';
import { people, pmos } from '../org/org.tables.ts';
import { projectTypes } from '../standards/standards.tables.ts';
import {
  certifications,
  courseRequirements,
  courses,
  mentoringSessions,
  mentorships,
  trainingRecords,
} from './training.tables.ts';

export type CourseRow = typeof courses.$inferSelect;
export type TrainingRecordRow = typeof trainingRecords.$inferSelect;
export type CertificationRow = typeof certifications.$inferSelect;
export type MentorshipRow = typeof mentorships.$inferSelect;
export type SessionRow = typeof mentoringSessions.$inferSelect;

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const bump = (table: { version: AnyColumn }) => ({
  version: sql`${table.version} + 1`,
  updatedAt: new Date(),
});

// ---------------------------------------------------------------- references

export async function findPmo(db: Queryable, id: string) {
  const [row] = await db.select({ id: pmos.id, code: pmos.code, name: pmos.name }).from(pmos).where(eq(pmos.id, id));
  return row;
}

export async function findPerson(db: Queryable, id: string) {
  const [row] = await db.select({ id: people.id, name: people.name }).from(people).where(eq(people.id, id));
  return row;
}

export async function existingProjectTypes(db: Queryable, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: projectTypes.id }).from(projectTypes).where(inArray(projectTypes.id, ids));
  return new Set(rows.map((r) => r.id));
}

export async function listProjectTypes(db: Queryable, id?: string) {
  return db
    .select({ id: projectTypes.id, code: projectTypes.code, name: projectTypes.name })
    .from(projectTypes)
    .where(id ? eq(projectTypes.id, id) : undefined)
    .orderBy(asc(projectTypes.code));
}

// ---------------------------------------------------------------- courses

const courseColumns = { course: courses, pmoCode: pmos.code, pmoName: pmos.name };
export type CourseJoined = { course: CourseRow; pmoCode: string; pmoName: string };

export async function listCourses(
  db: Queryable,
  filter: { pmoId?: string; active?: boolean; q?: string },
): Promise<CourseJoined[]> {
  return db
    .select(courseColumns)
    .from(courses)
    .innerJoin(pmos, eq(pmos.id, courses.pmoId))
    .where(
      and(
        filter.pmoId ? eq(courses.pmoId, filter.pmoId) : undefined,
        filter.active === undefined ? undefined : eq(courses.active, filter.active),
        filter.q ? or(ilike(courses.code, likePattern(filter.q)), ilike(courses.title, likePattern(filter.q))) : undefined,
      ),
    )
    .orderBy(asc(courses.code), asc(courses.id));
}

export async function findCourse(db: Queryable, id: string): Promise<CourseJoined | undefined> {
  const [row] = await db
    .select(courseColumns)
    .from(courses)
    .innerJoin(pmos, eq(pmos.id, courses.pmoId))
    .where(eq(courses.id, id));
  return row;
}

export async function findCourseByCode(db: Queryable, code: string): Promise<CourseRow | undefined> {
  const [row] = await db.select().from(courses).where(sql`lower(${courses.code}) = lower(${code})`);
  return row;
}

export async function insertCourse(db: Queryable, values: typeof courses.$inferInsert): Promise<CourseRow> {
  const [row] = await db.insert(courses).values(values).returning();
  return row!;
}

export async function updateCourse(
  db: Queryable,
  id: string,
  expectedVersion: number,
  values: Partial<typeof courses.$inferInsert>,
): Promise<CourseRow | undefined> {
  const [row] = await db
    .update(courses)
    .set({ ...values, ...bump(courses) })
    .where(and(eq(courses.id, id), eq(courses.version, expectedVersion)))
    .returning();
  return row;
}

export async function requirementsOf(db: Queryable, courseIds: string[]) {
  if (courseIds.length === 0) return [];
  return db
    .select({
      courseId: courseRequirements.courseId,
      role: courseRequirements.role,
      projectTypeId: courseRequirements.projectTypeId,
      typeCode: projectTypes.code,
      typeName: projectTypes.name,
    })
    .from(courseRequirements)
    .leftJoin(projectTypes, eq(projectTypes.id, courseRequirements.projectTypeId))
    .where(inArray(courseRequirements.courseId, courseIds))
    .orderBy(asc(courseRequirements.role), asc(projectTypes.code));
}

export async function replaceRequirements(
  db: Queryable,
  courseId: string,
  requirements: { role: string; projectTypeId: string | null }[],
): Promise<void> {
  await db.delete(courseRequirements).where(eq(courseRequirements.courseId, courseId));
  if (requirements.length) await db.insert(courseRequirements).values(requirements.map((r) => ({ courseId, ...r })));
}

/**
 * The requirements of active courses for a role (or every role) and, when a type is given, for
 * that type or every type. A retired (inactive) course is no longer required.
 */
export async function requiredCourses(db: Queryable, filter: { role?: string; projectTypeId?: string }) {
  return db
    .select({
      courseId: courses.id,
      code: courses.code,
      title: courses.title,
      validityMonths: courses.validityMonths,
      role: courseRequirements.role,
      projectTypeId: courseRequirements.projectTypeId,
      typeCode: projectTypes.code,
      typeName: projectTypes.name,
    })
    .from(courseRequirements)
    .innerJoin(courses, eq(courses.id, courseRequirements.courseId))
    .leftJoin(projectTypes, eq(projectTypes.id, courseRequirements.projectTypeId))
    .where(
      and(
        eq(courses.active, true),
        filter.role ? eq(courseRequirements.role, filter.role) : undefined,
        filter.projectTypeId
          ? or(isNull(courseRequirements.projectTypeId), eq(courseRequirements.projectTypeId, filter.projectTypeId))
          : undefined,
      ),
    )
    .orderBy(asc(courses.code), asc(courseRequirements.role), asc(projectTypes.code));
}

// ---------------------------------------------------------------- training records

const recordColumns = {
  record: trainingRecords,
  personName: people.name,
  courseCode: courses.code,
  courseTitle: courses.title,
};
export type RecordJoined = { record: TrainingRecordRow; personName: string; courseCode: string; courseTitle: string };

function recordsJoined(db: Queryable) {
  return db
    .select(recordColumns)
    .from(trainingRecords)
    .innerJoin(people, eq(people.id, trainingRecords.personId))
    .innerJoin(courses, eq(courses.id, trainingRecords.courseId));
}

export async function listRecords(db: Queryable, personId: string): Promise<RecordJoined[]> {
  return recordsJoined(db)
    .where(eq(trainingRecords.personId, personId))
    .orderBy(desc(trainingRecords.completedOn), asc(courses.code), asc(trainingRecords.id));
}

export async function findRecord(db: Queryable, id: string): Promise<RecordJoined | undefined> {
  const [row] = await recordsJoined(db).where(eq(trainingRecords.id, id));
  return row;
}

/** Every completion of an active course, for the expiries view. */
export async function recordsOfActiveCourses(db: Queryable): Promise<RecordJoined[]> {
  return recordsJoined(db).where(eq(courses.active, true));
}

export async function insertRecord(db: Queryable, values: typeof trainingRecords.$inferInsert): Promise<TrainingRecordRow> {
  const [row] = await db.insert(trainingRecords).values(values).returning();
  return row!;
}

export async function updateRecord(
  db: Queryable,
  id: string,
  expectedVersion: number,
  values: Partial<typeof trainingRecords.$inferInsert>,
): Promise<TrainingRecordRow | undefined> {
  const [row] = await db
    .update(trainingRecords)
    .set({ ...values, ...bump(trainingRecords) })
    .where(and(eq(trainingRecords.id, id), eq(trainingRecords.version, expectedVersion)))
    .returning();
  return row;
}

export async function deleteRecord(db: Queryable, id: string): Promise<void> {
  await db.delete(trainingRecords).where(eq(trainingRecords.id, id));
}

/** Completions of the given courses: of one person, or of everybody. */
export async function completions(db: Queryable, courseIds: string[], personId?: string) {
  if (courseIds.length === 0) return [];
  return db
    .select({
      personId: trainingRecords.personId,
      personName: people.name,
      courseId: trainingRecords.courseId,
      completedOn: trainingRecords.completedOn,
      expiresOn: trainingRecords.expiresOn,
    })
    .from(trainingRecords)
    .innerJoin(people, eq(people.id, trainingRecords.personId))
    .where(and(inArray(trainingRecords.courseId, courseIds), personId ? eq(trainingRecords.personId, personId) : undefined))
    .orderBy(asc(people.name), asc(people.id));
}

// ---------------------------------------------------------------- certifications

const certificationColumns = { certification: certifications, personName: people.name };
export type CertificationJoined = { certification: CertificationRow; personName: string };

export async function listCertifications(db: Queryable, personId: string): Promise<CertificationJoined[]> {
  return db
    .select(certificationColumns)
    .from(certifications)
    .innerJoin(people, eq(people.id, certifications.personId))
    .where(eq(certifications.personId, personId))
    .orderBy(desc(certifications.obtainedOn), asc(certifications.name), asc(certifications.id));
}

export async function findCertification(db: Queryable, id: string): Promise<CertificationJoined | undefined> {
  const [row] = await db
    .select(certificationColumns)
    .from(certifications)
    .innerJoin(people, eq(people.id, certifications.personId))
    .where(eq(certifications.id, id));
  return row;
}

export async function insertCertification(db: Queryable, values: typeof certifications.$inferInsert): Promise<CertificationRow> {
  const [row] = await db.insert(certifications).values(values).returning();
  return row!;
}

export async function updateCertification(
  db: Queryable,
  id: string,
  expectedVersion: number,
  values: Partial<typeof certifications.$inferInsert>,
): Promise<CertificationRow | undefined> {
  const [row] = await db
    .update(certifications)
    .set({ ...values, ...bump(certifications) })
    .where(and(eq(certifications.id, id), eq(certifications.version, expectedVersion)))
    .returning();
  return row;
}

export async function deleteCertification(db: Queryable, id: string): Promise<void> {
  await db.delete(certifications).where(eq(certifications.id, id));
}

// ---------------------------------------------------------------- mentoring

const mentor = alias(people, 'mentor');
const mentee = alias(people, 'mentee');

const mentorshipColumns = {
  mentorship: mentorships,
  pmoCode: pmos.code,
  pmoName: pmos.name,
  mentorName: mentor.name,
  menteeName: mentee.name,
  sessionCount: sql<number>`(SELECT count(*) FROM ${mentoringSessions} WHERE ${mentoringSessions.mentorshipId} = ${mentorships.id})`,
  lastSessionOn: sql<
    string | null
  >`(SELECT max(${mentoringSessions.heldOn})::text FROM ${mentoringSessions} WHERE ${mentoringSessions.mentorshipId} = ${mentorships.id})`,
};
export type MentorshipJoined = {
  mentorship: MentorshipRow;
  pmoCode: string;
  pmoName: string;
  mentorName: string;
  menteeName: string;
  sessionCount: number;
  lastSessionOn: string | null;
};

function mentorshipsJoined(db: Queryable) {
  return db
    .select(mentorshipColumns)
    .from(mentorships)
    .innerJoin(pmos, eq(pmos.id, mentorships.pmoId))
    .innerJoin(mentor, eq(mentor.id, mentorships.mentorId))
    .innerJoin(mentee, eq(mentee.id, mentorships.menteeId));
}

export async function listMentorships(
  db: Queryable,
  filter: { mentorId?: string; menteeId?: string; pmoId?: string; status?: 'active' | 'ended'; involving?: string | null },
): Promise<MentorshipJoined[]> {
  const conditions: (SQL | undefined)[] = [
    filter.mentorId ? eq(mentorships.mentorId, filter.mentorId) : undefined,
    filter.menteeId ? eq(mentorships.menteeId, filter.menteeId) : undefined,
    filter.pmoId ? eq(mentorships.pmoId, filter.pmoId) : undefined,
    filter.status ? eq(mentorships.status, filter.status) : undefined,
  ];
  // `involving: null` is a caller who is nobody's mentor or mentee: nothing to show.
  if (filter.involving === null) conditions.push(sql`false`);
  else if (filter.involving)
    conditions.push(or(eq(mentorships.mentorId, filter.involving), eq(mentorships.menteeId, filter.involving)));
  return mentorshipsJoined(db)
    .where(and(...conditions))
    .orderBy(desc(mentorships.startedOn), asc(mentor.name), asc(mentorships.id));
}

export async function findMentorship(db: Queryable, id: string): Promise<MentorshipJoined | undefined> {
  const [row] = await mentorshipsJoined(db).where(eq(mentorships.id, id));
  return row;
}

export async function activePairExists(db: Queryable, mentorId: string, menteeId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: mentorships.id })
    .from(mentorships)
    .where(and(eq(mentorships.mentorId, mentorId), eq(mentorships.menteeId, menteeId), eq(mentorships.status, 'active')));
  return Boolean(row);
}

export async function insertMentorship(db: Queryable, values: typeof mentorships.$inferInsert): Promise<MentorshipRow> {
  const [row] = await db.insert(mentorships).values(values).returning();
  return row!;
}

export async function updateMentorship(
  db: Queryable,
  id: string,
  expectedVersion: number,
  values: Partial<typeof mentorships.$inferInsert>,
): Promise<MentorshipRow | undefined> {
  const [row] = await db
    .update(mentorships)
    .set({ ...values, ...bump(mentorships) })
    .where(and(eq(mentorships.id, id), eq(mentorships.version, expectedVersion)))
    .returning();
  return row;
}

export async function listSessions(db: Queryable, mentorshipId: string): Promise<SessionRow[]> {
  return db
    .select()
    .from(mentoringSessions)
    .where(eq(mentoringSessions.mentorshipId, mentorshipId))
    .orderBy(desc(mentoringSessions.heldOn), desc(mentoringSessions.createdAt), asc(mentoringSessions.id));
}

export async function insertSession(db: Queryable, values: typeof mentoringSessions.$inferInsert): Promise<SessionRow> {
  const [row] = await db.insert(mentoringSessions).values(values).returning();
  return row!;
}

/** Whether the person is the mentor or the mentee of the mentorship. */
export async function isInMentorship(db: Queryable, mentorshipId: string, personId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: mentorships.id })
    .from(mentorships)
    .where(and(eq(mentorships.id, mentorshipId), or(eq(mentorships.mentorId, personId), eq(mentorships.menteeId, personId))));
  return Boolean(row);
}
