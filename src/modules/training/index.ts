/** Training and mentoring: the PMO's course catalogue and requirements, training records, certifications, mentorships. */
import { type AnyColumn, type SQL, ilike, inArray, or, sql } from 'drizzle-orm';
import { type Actor, isAdmin } from '../../kernel/actor.ts';
import type { Queryable } from '../../kernel/db.ts';
import { type AuditedRecord, hasHistory, idAmong, isUuid, namesFrom, readableWhileItExists } from '../audit/index.ts';
import { people } from '../org/org.tables.ts';
import {
  canSeeMentorship,
  canSeeTrainingOf,
  isTrainingManager,
  trainingOfCondition,
  visibleMentorshipCondition,
} from './training.policy.ts';
import * as repo from './training.repo.ts';
import { certifications, courses, mentorships, trainingRecords } from './training.tables.ts';

export { trainingRoutes } from './training.routes.ts';
/** The courses a person lacks to manage a project of a type as of a day: `missingTraining(tx, personId, typeId, '2026-03-31')`. */
export {
  missingTraining,
  assertQualifiedProjectManager,
  qualificationByType,
  upcomingExpiries,
} from './qualification.service.ts';
export { listCourses, getCourse, createCourse, updateCourse, setRequirements, listRequiredCourses } from './courses.service.ts';
export {
  listTrainingRecords,
  createTrainingRecord,
  updateTrainingRecord,
  deleteTrainingRecord,
  listCertifications,
  createCertification,
  updateCertification,
  deleteCertification,
} from './records.service.ts';
export {
  listMentorships,
  getMentorship,
  createMentorship,
  updateMentorship,
  listSessions,
  createSession,
} from './mentoring.service.ts';
export { addDays, addMonths, defaultExpiry, isExpired, trainingGaps, type TrainingGap } from './training.rules.ts';
export type {
  CourseView,
  TrainingRecordView,
  CertificationView,
  MentorshipView,
  MentoringSessionView,
  TypeQualificationView,
  ExpiryView,
} from './training.schema.ts';

/** A record removed since keeps its history readable by training managers, as long as it had one. */
async function personalRecordVisible(
  db: Queryable,
  actor: Actor,
  entityType: string,
  id: string,
  find: (db: Queryable, id: string) => Promise<{ personId: string } | undefined>,
): Promise<boolean> {
  if (!isUuid(id)) return false;
  const row = await find(db, id);
  if (row) return canSeeTrainingOf(actor, row.personId);
  return (isAdmin(actor) || isTrainingManager(actor)) && (await hasHistory(db, entityType, id));
}

/** The name of the person in `personIdColumn`'s row, as a scalar subquery. */
const personName = (personIdColumn: AnyColumn) =>
  sql`(SELECT ${people.name} FROM ${people} WHERE ${people.id} = ${personIdColumn})`;

const peopleMatching = (pattern: string) => sql`(SELECT ${people.id} FROM ${people} WHERE ${people.name} ILIKE ${pattern})`;

/**
 * The rule of a person's own training (records, certifications), the same as their endpoints':
 * their person and training managers; a removed one, training managers while it has history.
 */
function personalTraining(
  entityType: string,
  table: { id: AnyColumn; personId: AnyColumn },
  find: (db: Queryable, id: string) => Promise<{ personId: string } | undefined>,
  name: SQL,
  matching: (pattern: string) => SQL,
): AuditedRecord {
  return {
    canSee: (db, actor, id) => personalRecordVisible(db, actor, entityType, id, find),
    visibleWhere: async (_db, actor, id) => {
      const own = trainingOfCondition(actor, table.personId);
      return own && idAmong(id, table.id, own);
    },
    names: (db, ids) => namesFrom(db, table.id, name, ids),
    matching: (id, pattern) => idAmong(id, table.id, matching(pattern)),
  };
}

/** Courses are readable by everyone; records and certifications by their person and training managers; mentorships by mentor, mentee and training managers. */
export const trainingVisibility: Record<string, AuditedRecord> = {
  course: readableWhileItExists(courses.id, sql`${courses.code} || ' · ' || ${courses.title}`, [courses.code, courses.title]),
  training_record: personalTraining(
    'training_record',
    trainingRecords,
    async (d, i) => (await repo.findRecord(d, i))?.record,
    sql`(SELECT ${courses.title} FROM ${courses} WHERE ${courses.id} = ${trainingRecords.courseId}) || ' · ' || ${personName(trainingRecords.personId)}`,
    (pattern) =>
      or(
        inArray(
          trainingRecords.courseId,
          sql`(SELECT ${courses.id} FROM ${courses} WHERE ${or(ilike(courses.title, pattern), ilike(courses.code, pattern))})`,
        ),
        inArray(trainingRecords.personId, peopleMatching(pattern)),
      )!,
  ),
  certification: personalTraining(
    'certification',
    certifications,
    async (d, i) => (await repo.findCertification(d, i))?.certification,
    sql`${certifications.name} || ' · ' || ${personName(certifications.personId)}`,
    (pattern) => or(ilike(certifications.name, pattern), inArray(certifications.personId, peopleMatching(pattern)))!,
  ),
  mentorship: {
    canSee: async (db, actor, id) => isUuid(id) && Boolean(await repo.findMentorship(db, id)) && canSeeMentorship(db, actor, id),
    visibleWhere: async (_db, actor, id) => idAmong(id, mentorships.id, visibleMentorshipCondition(actor)),
    names: (db, ids) =>
      namesFrom(
        db,
        mentorships.id,
        sql`${personName(mentorships.mentorId)} || ' → ' || ${personName(mentorships.menteeId)}`,
        ids,
      ),
    matching: (id, pattern) =>
      idAmong(
        id,
        mentorships.id,
        or(inArray(mentorships.mentorId, peopleMatching(pattern)), inArray(mentorships.menteeId, peopleMatching(pattern))),
      ),
  },
};
