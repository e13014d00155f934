/** Records of the training API: courses, requirements, records, certifications, mentoring (tag Training). */

export interface CourseRef {
  id: string;
  code: string;
  title: string;
}

export interface TypeRef {
  id: string;
  code: string;
  name: string;
}

export interface CourseRequirement {
  role: string;
  /** null: required for every project type. */
  projectTypeId: string | null;
  projectType: TypeRef | null;
}

export interface Course {
  id: string;
  pmo: { id: string; code: string; name: string };
  code: string;
  title: string;
  description: string | null;
  provider: string | null;
  durationHours: number | null;
  /** Months a completion counts; null: never expires. */
  validityMonths: number | null;
  active: boolean;
  requirements: CourseRequirement[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface TrainingRecord {
  id: string;
  person: { id: string; name: string };
  course: CourseRef;
  completedOn: string;
  expiresOn: string | null;
  expired: boolean;
  evidence: string | null;
  recordedBy: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Certification {
  id: string;
  person: { id: string; name: string };
  name: string;
  issuer: string;
  credentialId: string | null;
  obtainedOn: string;
  expiresOn: string | null;
  expired: boolean;
  evidence: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Mentorship {
  id: string;
  pmo: { id: string; code: string; name: string };
  mentor: { id: string; name: string };
  mentee: { id: string; name: string };
  goals: string | null;
  startedOn: string;
  endedOn: string | null;
  status: 'active' | 'ended';
  sessionCount: number;
  lastSessionOn: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface MentoringSession {
  id: string;
  mentorshipId: string;
  heldOn: string;
  notes: string;
  recordedBy: string;
  createdAt: string;
}

export interface TrainingGap {
  courseId: string;
  code: string;
  title: string;
  reason: 'missing' | 'expired';
  expiredOn?: string;
}

export interface TypeQualification {
  projectType: TypeRef;
  requiredCourses: CourseRef[];
  anyoneQualifies: boolean;
  qualified: { person: { id: string; name: string } }[];
  partiallyQualified: { person: { id: string; name: string }; gaps: TrainingGap[] }[];
}

export interface TrainingExpiry {
  recordId: string;
  person: { id: string; name: string };
  course: CourseRef;
  completedOn: string;
  expiresOn: string;
  /** Negative once expired. */
  daysLeft: number;
}
