import { boolean, check, date, index, integer, pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, id, updatedAt, version } from '../../kernel/columns.ts';
import { people, pmos } from '../org/org.tables.ts';
import { projectTypes } from '../standards/standards.tables.ts';

/** The PMO's course catalogue. */
export const courses = pgTable('courses', {
  id: id(),
  pmoId: uuid()
    .notNull()
    .references(() => pmos.id),
  code: text().notNull().unique(),
  title: text().notNull(),
  description: text(),
  provider: text(),
  durationHours: integer(),
  /** Months a completion stays valid; null when it never expires. */
  validityMonths: integer(),
  active: boolean().notNull().default(true),
  version: version(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/**
 * A course required for a role (e.g. project_manager), for every project type or for one.
 * Managing a project of type T requires the courses for role project_manager with
 * projectTypeId T or null.
 */
export const courseRequirements = pgTable(
  'course_requirements',
  {
    id: id(),
    courseId: uuid()
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    role: text().notNull(),
    projectTypeId: uuid().references(() => projectTypes.id),
    createdAt: createdAt(),
  },
  (t) => [index('course_requirements_course').on(t.courseId), index('course_requirements_type').on(t.projectTypeId)],
);

export const trainingRecords = pgTable(
  'training_records',
  {
    id: id(),
    personId: uuid()
      .notNull()
      .references(() => people.id),
    courseId: uuid()
      .notNull()
      .references(() => courses.id),
    completedOn: date({ mode: 'string' }).notNull(),
    /** Null when the completion never expires. */
    expiresOn: date({ mode: 'string' }),
    /** A link or reference to the certificate or attendance record. */
    evidence: text(),
    recordedBy: text().notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('training_records_person').on(t.personId), index('training_records_course').on(t.courseId)],
);

/** External certifications (PMP, PRINCE2, …). */
export const certifications = pgTable(
  'certifications',
  {
    id: id(),
    personId: uuid()
      .notNull()
      .references(() => people.id),
    name: text().notNull(),
    issuer: text().notNull(),
    credentialId: text(),
    obtainedOn: date({ mode: 'string' }).notNull(),
    expiresOn: date({ mode: 'string' }),
    evidence: text(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('certifications_person').on(t.personId)],
);

export const mentorshipStatus = pgEnum('mentorship_status', ['active', 'ended']);

export const mentorships = pgTable(
  'mentorships',
  {
    id: id(),
    pmoId: uuid()
      .notNull()
      .references(() => pmos.id),
    mentorId: uuid()
      .notNull()
      .references(() => people.id),
    menteeId: uuid()
      .notNull()
      .references(() => people.id),
    goals: text(),
    startedOn: date({ mode: 'string' }).notNull(),
    endedOn: date({ mode: 'string' }),
    status: mentorshipStatus().notNull().default('active'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('mentorships_mentor').on(t.mentorId),
    index('mentorships_mentee').on(t.menteeId),
    check('mentorships_not_self', sql`${t.mentorId} <> ${t.menteeId}`),
  ],
);

export const mentoringSessions = pgTable(
  'mentoring_sessions',
  {
    id: id(),
    mentorshipId: uuid()
      .notNull()
      .references(() => mentorships.id, { onDelete: 'cascade' }),
    heldOn: date({ mode: 'string' }).notNull(),
    notes: text().notNull(),
    recordedBy: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('mentoring_sessions_mentorship').on(t.mentorshipId)],
);
