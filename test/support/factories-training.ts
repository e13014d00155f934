/**
 * Small factories for training tests. Everything goes through the training module's use cases
 * as the system actor, so fixtures are validated and audited like real data.
 */
import { systemActor } from '../../src/kernel/actor.ts';
import type { Db } from '../../src/kernel/db.ts';
import type { Role } from '../../src/kernel/permissions.ts';
import {
  createCourse,
  createMentorship,
  createTrainingRecord,
  getCourse,
  setRequirements,
} from '../../src/modules/training/index.ts';

let counter = 0;
const next = () => ++counter;
const system = systemActor('factory');

/** A course of the PMO, optionally required for roles on every type (projectTypeId null) or one. */
export async function makeCourse(
  db: Db,
  values: {
    pmoId: string;
    code?: string;
    title?: string;
    validityMonths?: number | null;
    active?: boolean;
    requiredFor?: { role: Role; projectTypeId: string | null }[];
  },
) {
  const n = next();
  const course = await createCourse(db, system, {
    pmoId: values.pmoId,
    code: values.code ?? `CRS-${n}`,
    title: values.title ?? `Course ${n}`,
    validityMonths: values.validityMonths ?? null,
    active: values.active ?? true,
  });
  if (values.requiredFor?.length) {
    await setRequirements(db, system, course.id, { version: course.version, requirements: values.requiredFor });
    return getCourse(db, course.id);
  }
  return course;
}

/** A completion of a course; the expiry defaults from the course unless given. */
export function recordTraining(
  db: Db,
  personId: string,
  courseId: string,
  completedOn: string,
  values: { expiresOn?: string | null; evidence?: string } = {},
) {
  return createTrainingRecord(db, system, personId, {
    courseId,
    completedOn,
    expiresOn: values.expiresOn,
    evidence: values.evidence ?? `certificate-${next()}.pdf`,
  });
}

export function makeMentorship(
  db: Db,
  values: { pmoId: string; mentorId: string; menteeId: string; startedOn?: string; goals?: string | null },
) {
  return createMentorship(db, system, {
    pmoId: values.pmoId,
    mentorId: values.mentorId,
    menteeId: values.menteeId,
    startedOn: values.startedOn ?? '2025-01-06',
    goals: values.goals ?? null,
  });
}
