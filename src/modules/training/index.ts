/** Training and mentoring: the PMO's course catalogue and requirements, training records, certifications, mentorships. */
import { type Actor, isAdmin } from '../../kernel/actor.ts';
import type { Db } from '../../kernel/db.ts';
import { type RecordVisibility, recordHistory } from '../audit/index.ts';
import { canSeeMentorship, canSeeTrainingOf, isTrainingManager } from './training.policy.ts';
import * as repo from './training.repo.ts';

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A record removed since keeps its history readable by training managers, as long as it had one. */
async function personalRecordVisible(
  db: Db,
  actor: Actor,
  entityType: string,
  id: string,
  find: (db: Db, id: string) => Promise<{ personId: string } | undefined>,
): Promise<boolean> {
  if (!UUID.test(id)) return false;
  const row = await find(db, id);
  if (row) return canSeeTrainingOf(actor, row.personId);
  return (isAdmin(actor) || isTrainingManager(actor)) && (await recordHistory(db, entityType, id, 1)).length > 0;
}

/** Courses are readable by everyone; records and certifications by their person and training managers; mentorships by mentor, mentee and training managers. */
export const trainingVisibility: Record<string, RecordVisibility> = {
  course: async (db, _actor, id) => UUID.test(id) && Boolean(await repo.findCourse(db, id)),
  training_record: (db, actor, id) =>
    personalRecordVisible(db, actor, 'training_record', id, async (d, i) => (await repo.findRecord(d, i))?.record),
  certification: (db, actor, id) =>
    personalRecordVisible(db, actor, 'certification', id, async (d, i) => (await repo.findCertification(d, i))?.certification),
  mentorship: async (db, actor, id) =>
    UUID.test(id) && Boolean(await repo.findMentorship(db, id)) && canSeeMentorship(db, actor, id),
};
