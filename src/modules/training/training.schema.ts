import { z } from '@hono/zod-openapi';
import { VersionField } from '../../kernel/http.ts';
import { listQuery } from '../../kernel/lists.ts';
import { ROLES } from '../../kernel/permissions.ts';

const day = z.iso.date('use an ISO date: 2026-03-31');
const Ref = z.object({ id: z.string(), name: z.string() });
const CourseRef = z.object({ id: z.string(), code: z.string(), title: z.string() });
const TypeRef = z.object({ id: z.string(), code: z.string(), name: z.string() });
const Text = (max: number) => z.string().trim().max(max);
const Required = (max: number) => z.string().trim().min(1, 'is required').max(max);

// ---------------------------------------------------------------- courses

export const RequirementSchema = z
  .object({
    role: z.enum(ROLES),
    projectTypeId: z.string().nullable().openapi({ description: 'null: required for every project type' }),
    projectType: TypeRef.nullable(),
  })
  .openapi('CourseRequirement');

export const CourseSchema = z
  .object({
    id: z.string(),
    pmo: z.object({ id: z.string(), code: z.string(), name: z.string() }),
    code: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    provider: z.string().nullable(),
    durationHours: z.number().int().nullable(),
    validityMonths: z.number().int().nullable().openapi({ description: 'Months a completion counts; null: never expires' }),
    active: z.boolean(),
    requirements: z.array(RequirementSchema),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Course');

export const CourseListQuery = listQuery({
  pmoId: z.uuid().optional(),
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  q: z.string().trim().min(1).max(200).optional().openapi({ description: 'Matches code or title' }),
});

const CourseCode = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(40)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'use letters, digits, ., - and _');

export const CreateCourseBody = z
  .object({
    pmoId: z.uuid(),
    code: CourseCode,
    title: Required(200),
    description: Text(8000).nullable().optional(),
    provider: Text(200).nullable().optional(),
    durationHours: z.number().int().min(1).max(10_000).nullable().optional(),
    validityMonths: z
      .number()
      .int()
      .min(1)
      .max(600)
      .nullable()
      .optional()
      .openapi({ description: 'Months a completion counts; omit or null when it never expires' }),
    active: z.boolean().optional(),
  })
  .openapi('CreateCourseInput');

export const UpdateCourseBody = z
  .object({
    version: VersionField,
    code: CourseCode.optional(),
    title: Required(200).optional(),
    description: Text(8000).nullable().optional(),
    provider: Text(200).nullable().optional(),
    durationHours: z.number().int().min(1).max(10_000).nullable().optional(),
    validityMonths: z.number().int().min(1).max(600).nullable().optional(),
    active: z.boolean().optional(),
  })
  .openapi('UpdateCourseInput');

export const RequirementsSchema = z
  .object({ courseId: z.string(), requirements: z.array(RequirementSchema), version: z.number().int() })
  .openapi('CourseRequirements');

export const SetRequirementsBody = z
  .object({
    version: VersionField,
    requirements: z
      .array(z.object({ role: z.enum(ROLES), projectTypeId: z.uuid().nullable() }))
      .max(100)
      .openapi({ description: 'The complete set; replaces the current one' }),
  })
  .openapi('SetCourseRequirementsInput');

export const RequiredCoursesQuery = listQuery({
  role: z.enum(ROLES).optional().openapi({ description: 'Omit for every role' }),
  projectTypeId: z
    .uuid()
    .optional()
    .openapi({ description: 'The courses for this type and for every type; omit for all requirements' }),
});

export const RequiredCourseSchema = z
  .object({
    course: CourseRef.extend({ validityMonths: z.number().int().nullable() }),
    role: z.enum(ROLES),
    projectType: TypeRef.nullable().openapi({ description: 'null: required for every project type' }),
  })
  .openapi('RequiredCourse');

// ---------------------------------------------------------------- training records and certifications

export const TrainingRecordSchema = z
  .object({
    id: z.string(),
    person: Ref,
    course: CourseRef,
    completedOn: z.string(),
    expiresOn: z.string().nullable(),
    expired: z.boolean().openapi({ description: 'Whether the completion has stopped counting today' }),
    evidence: z.string().nullable(),
    recordedBy: z.string(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('TrainingRecord');

export const CreateTrainingRecordBody = z
  .object({
    courseId: z.uuid(),
    completedOn: day,
    expiresOn: day.nullable().optional().openapi({ description: "Defaults to completedOn plus the course's validity months" }),
    evidence: Required(2000).openapi({ description: 'A link or reference to the certificate or attendance record' }),
  })
  .openapi('CreateTrainingRecordInput');

export const UpdateTrainingRecordBody = z
  .object({
    version: VersionField,
    completedOn: day.optional(),
    expiresOn: day
      .nullable()
      .optional()
      .openapi({ description: 'Omitted with a new completedOn: recomputed from the course validity' }),
    evidence: Required(2000).optional(),
  })
  .openapi('UpdateTrainingRecordInput');

export const CertificationSchema = z
  .object({
    id: z.string(),
    person: Ref,
    name: z.string(),
    issuer: z.string(),
    credentialId: z.string().nullable(),
    obtainedOn: z.string(),
    expiresOn: z.string().nullable(),
    expired: z.boolean(),
    evidence: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Certification');

export const CreateCertificationBody = z
  .object({
    name: Required(200).openapi({ example: 'PMP' }),
    issuer: Required(200).openapi({ example: 'Project Management Institute' }),
    credentialId: Text(200).nullable().optional(),
    obtainedOn: day,
    expiresOn: day.nullable().optional(),
    evidence: Text(2000).nullable().optional(),
  })
  .openapi('CreateCertificationInput');

export const UpdateCertificationBody = z
  .object({
    version: VersionField,
    name: Required(200).optional(),
    issuer: Required(200).optional(),
    credentialId: Text(200).nullable().optional(),
    obtainedOn: day.optional(),
    expiresOn: day.nullable().optional(),
    evidence: Text(2000).nullable().optional(),
  })
  .openapi('UpdateCertificationInput');

export { VersionQuery } from '../../kernel/http.ts';

// ---------------------------------------------------------------- mentoring

export const MENTORSHIP_STATUSES = ['active', 'ended'] as const;

export const MentorshipSchema = z
  .object({
    id: z.string(),
    pmo: z.object({ id: z.string(), code: z.string(), name: z.string() }),
    mentor: Ref,
    mentee: Ref,
    goals: z.string().nullable(),
    startedOn: z.string(),
    endedOn: z.string().nullable(),
    status: z.enum(MENTORSHIP_STATUSES),
    sessionCount: z.number().int(),
    lastSessionOn: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Mentorship');

export const MentorshipListQuery = listQuery({
  mentorId: z.uuid().optional(),
  menteeId: z.uuid().optional(),
  pmoId: z.uuid().optional(),
  status: z.enum(MENTORSHIP_STATUSES).optional(),
});

export const CreateMentorshipBody = z
  .object({
    pmoId: z.uuid(),
    mentorId: z.uuid(),
    menteeId: z.uuid(),
    goals: Text(4000).nullable().optional(),
    startedOn: day,
  })
  .openapi('CreateMentorshipInput');

export const UpdateMentorshipBody = z
  .object({
    version: VersionField,
    goals: Text(4000).nullable().optional(),
    status: z.literal('ended').optional().openapi({ description: 'End the mentorship; it cannot be reopened' }),
    endedOn: day.optional().openapi({ description: 'Defaults to today when ending' }),
  })
  .openapi('UpdateMentorshipInput');

export const MentoringSessionSchema = z
  .object({
    id: z.string(),
    mentorshipId: z.string(),
    heldOn: z.string(),
    notes: z.string(),
    recordedBy: z.string(),
    createdAt: z.string(),
  })
  .openapi('MentoringSession');

export const CreateSessionBody = z.object({ heldOn: day, notes: Required(8000) }).openapi('CreateMentoringSessionInput');

// ---------------------------------------------------------------- qualification and expiries

export const TrainingGapSchema = z
  .object({
    courseId: z.string(),
    code: z.string(),
    title: z.string(),
    reason: z.enum(['missing', 'expired']),
    expiredOn: z.string().optional(),
  })
  .openapi('TrainingGap');

export const QualificationQuery = listQuery({
  projectTypeId: z.uuid().optional(),
  asOf: day.optional().openapi({ description: 'Defaults to today' }),
});

export const TypeQualificationSchema = z
  .object({
    projectType: TypeRef,
    requiredCourses: z.array(CourseRef),
    anyoneQualifies: z.boolean().openapi({ description: 'True when the type requires no course at all' }),
    qualified: z.array(z.object({ person: Ref })),
    partiallyQualified: z.array(z.object({ person: Ref, gaps: z.array(TrainingGapSchema) })),
  })
  .openapi('TypeQualification');

export const ExpiriesQuery = listQuery({
  withinDays: z.coerce.number().int().min(0).max(3650).default(90),
  includeExpired: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .openapi({ description: 'Also list latest completions that have already expired' }),
  asOf: day.optional().openapi({ description: 'Defaults to today' }),
});

export const ExpirySchema = z
  .object({
    recordId: z.string(),
    person: Ref,
    course: CourseRef,
    completedOn: z.string(),
    expiresOn: z.string(),
    daysLeft: z.number().int().openapi({ description: 'Negative once expired' }),
  })
  .openapi('TrainingExpiry');

export type CourseView = z.infer<typeof CourseSchema>;
export type RequirementView = z.infer<typeof RequirementSchema>;
export type RequiredCourseView = z.infer<typeof RequiredCourseSchema>;
export type TrainingRecordView = z.infer<typeof TrainingRecordSchema>;
export type CertificationView = z.infer<typeof CertificationSchema>;
export type MentorshipView = z.infer<typeof MentorshipSchema>;
export type MentoringSessionView = z.infer<typeof MentoringSessionSchema>;
export type TypeQualificationView = z.infer<typeof TypeQualificationSchema>;
export type ExpiryView = z.infer<typeof ExpirySchema>;
export type CreateCourseInput = z.input<typeof CreateCourseBody>;
export type UpdateCourseInput = z.input<typeof UpdateCourseBody>;
export type SetRequirementsInput = z.input<typeof SetRequirementsBody>;
export type CreateTrainingRecordInput = z.input<typeof CreateTrainingRecordBody>;
export type UpdateTrainingRecordInput = z.input<typeof UpdateTrainingRecordBody>;
export type CreateCertificationInput = z.input<typeof CreateCertificationBody>;
export type UpdateCertificationInput = z.input<typeof UpdateCertificationBody>;
export type CreateMentorshipInput = z.input<typeof CreateMentorshipBody>;
export type UpdateMentorshipInput = z.input<typeof UpdateMentorshipBody>;
export type CreateSessionInput = z.input<typeof CreateSessionBody>;
type Paging = 'limit' | 'offset' | 'format';
export type MentorshipListFilter = Omit<z.infer<typeof MentorshipListQuery>, Paging>;
export type CourseListFilter = Omit<z.infer<typeof CourseListQuery>, Paging>;
