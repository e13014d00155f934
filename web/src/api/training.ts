/** Records of the training API (tag Training): aliases of the generated types. */
import type { Schemas } from './openapi.ts';

export type CourseRef = Schemas['TrainingRecord']['course'];
export type TypeRef = Schemas['TypeQualification']['projectType'];
export type CourseRequirement = Schemas['CourseRequirement'];
export type Course = Schemas['Course'];
export type TrainingRecord = Schemas['TrainingRecord'];
export type Certification = Schemas['Certification'];
export type Mentorship = Schemas['Mentorship'];
export type MentoringSession = Schemas['MentoringSession'];
export type TrainingGap = Schemas['TrainingGap'];
export type TypeQualification = Schemas['TypeQualification'];
export type TrainingExpiry = Schemas['TrainingExpiry'];
