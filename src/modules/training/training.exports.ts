import type { ExportColumn } from '../../kernel/lists.ts';
import type {
  CertificationView,
  CourseView,
  ExpiryView,
  MentoringSessionView,
  MentorshipView,
  RequiredCourseView,
  TrainingRecordView,
  TypeQualificationView,
} from './training.schema.ts';

/** The columns of the training lists' CSV and XLSX exports: names and dates, as the pages show them. */

const yesNo = (value: boolean) => (value ? 'yes' : 'no');
const words = (value: string) => value.replace(/_/g, ' ');

export const COURSE_COLUMNS: ExportColumn<CourseView>[] = [
  { header: 'Code', value: (c) => c.code },
  { header: 'Title', value: (c) => c.title },
  { header: 'PMO', value: (c) => c.pmo.name },
  { header: 'Provider', value: (c) => c.provider },
  { header: 'Hours', value: (c) => c.durationHours, kind: 'number' },
  { header: 'Valid for (months)', value: (c) => c.validityMonths, kind: 'number' },
  { header: 'Active', value: (c) => yesNo(c.active) },
  {
    header: 'Required for',
    value: (c) =>
      c.requirements.map((r) => `${words(r.role)} (${r.projectType ? r.projectType.name : 'every project type'})`).join(', '),
  },
  { header: 'Description', value: (c) => c.description },
];

export const REQUIRED_COURSE_COLUMNS: ExportColumn<RequiredCourseView>[] = [
  { header: 'Course code', value: (r) => r.course.code },
  { header: 'Course', value: (r) => r.course.title },
  { header: 'Role', value: (r) => words(r.role) },
  { header: 'Project type', value: (r) => r.projectType?.name ?? 'every project type' },
  { header: 'Valid for (months)', value: (r) => r.course.validityMonths, kind: 'number' },
];

export const RECORD_COLUMNS: ExportColumn<TrainingRecordView>[] = [
  { header: 'Person', value: (r) => r.person.name },
  { header: 'Course code', value: (r) => r.course.code },
  { header: 'Course', value: (r) => r.course.title },
  { header: 'Completed', value: (r) => r.completedOn, kind: 'date' },
  { header: 'Expires', value: (r) => r.expiresOn, kind: 'date' },
  { header: 'Expired', value: (r) => yesNo(r.expired) },
  { header: 'Evidence', value: (r) => r.evidence },
];

export const CERTIFICATION_COLUMNS: ExportColumn<CertificationView>[] = [
  { header: 'Person', value: (c) => c.person.name },
  { header: 'Certification', value: (c) => c.name },
  { header: 'Issuer', value: (c) => c.issuer },
  { header: 'Credential', value: (c) => c.credentialId },
  { header: 'Obtained', value: (c) => c.obtainedOn, kind: 'date' },
  { header: 'Expires', value: (c) => c.expiresOn, kind: 'date' },
  { header: 'Expired', value: (c) => yesNo(c.expired) },
  { header: 'Evidence', value: (c) => c.evidence },
];

export const MENTORSHIP_COLUMNS: ExportColumn<MentorshipView>[] = [
  { header: 'Mentor', value: (m) => m.mentor.name },
  { header: 'Mentee', value: (m) => m.mentee.name },
  { header: 'PMO', value: (m) => m.pmo.name },
  { header: 'Status', value: (m) => m.status },
  { header: 'Started', value: (m) => m.startedOn, kind: 'date' },
  { header: 'Ended', value: (m) => m.endedOn, kind: 'date' },
  { header: 'Sessions', value: (m) => m.sessionCount, kind: 'number' },
  { header: 'Last session', value: (m) => m.lastSessionOn, kind: 'date' },
  { header: 'Goals', value: (m) => m.goals },
];

export interface ExportedSession {
  session: MentoringSessionView;
  mentorship: MentorshipView;
}

export const SESSION_COLUMNS: ExportColumn<ExportedSession>[] = [
  { header: 'Held on', value: ({ session }) => session.heldOn, kind: 'date' },
  { header: 'Mentor', value: ({ mentorship }) => mentorship.mentor.name },
  { header: 'Mentee', value: ({ mentorship }) => mentorship.mentee.name },
  { header: 'Notes', value: ({ session }) => session.notes },
  { header: 'Recorded by', value: ({ session }) => session.recordedBy },
];

/** One row of the qualification export: a project type and one person, or the type alone. */
export interface QualificationRow {
  type: TypeQualificationView;
  person: string | null;
  status: string;
  gaps: string;
}

/**
 * The qualification view as rows: per project type, each qualified person, then each partly
 * qualified one with what they lack; a type nobody qualifies for (or that requires nothing) once.
 */
export function qualificationRows(types: TypeQualificationView[]): QualificationRow[] {
  return types.flatMap((type) => {
    const rows: QualificationRow[] = [
      ...type.qualified.map((q) => ({ type, person: q.person.name, status: 'qualified', gaps: '' })),
      ...type.partiallyQualified.map((p) => ({
        type,
        person: p.person.name,
        status: 'lacks training',
        gaps: p.gaps.map((g) => (g.reason === 'expired' ? `${g.code} (expired ${g.expiredOn})` : g.code)).join(', '),
      })),
    ];
    if (rows.length > 0) return rows;
    return [{ type, person: null, status: type.anyoneQualifies ? 'no training required' : 'nobody qualified', gaps: '' }];
  });
}

export const QUALIFICATION_COLUMNS: ExportColumn<QualificationRow>[] = [
  { header: 'Project type', value: (r) => r.type.projectType.name },
  { header: 'Required courses', value: (r) => r.type.requiredCourses.map((c) => c.code).join(', ') },
  { header: 'Person', value: (r) => r.person },
  { header: 'Status', value: (r) => r.status },
  { header: 'Missing or expired', value: (r) => r.gaps },
];

export const EXPIRY_COLUMNS: ExportColumn<ExpiryView>[] = [
  { header: 'Person', value: (e) => e.person.name },
  { header: 'Course code', value: (e) => e.course.code },
  { header: 'Course', value: (e) => e.course.title },
  { header: 'Completed', value: (e) => e.completedOn, kind: 'date' },
  { header: 'Expires', value: (e) => e.expiresOn, kind: 'date' },
  { header: 'Days left', value: (e) => e.daysLeft, kind: 'number' },
];
