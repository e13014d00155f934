/** Strategic drivers (AHP), ratings, the review queue and the decision: aliases of the generated types. */
import type { Schemas } from './openapi.ts';

export type Disagreement = Schemas['DriverDisagreement'];
export type AhpEvaluation = Schemas['AhpEvaluation'];
export type DriverSet = Schemas['DriverSet'];

/** A rating given; null (not rated yet) aside. */
export type DriverRating = NonNullable<Schemas['DriverRating']>;
export const DRIVER_RATINGS = ['none', 'low', 'moderate', 'strong', 'extreme'] as const satisfies readonly DriverRating[];

export type RequestRatings = Schemas['RequestRatings'];
export type ReviewQueue = Schemas['ReviewQueue'];
export type ReviewQueueItem = Schemas['ReviewQueueItem'];
export type QueueSkill = ReviewQueueItem['skills'][number];
export type PersonCapacity = Schemas['PersonCapacity'];
export type TypeQualification = Schemas['TypeQualification'];

export interface OverAllocatedMonth {
  month: string;
  capacityFte: number;
  allocatedFte: number;
  requestedFte: number;
  overByFte: number;
}

/** details of a 409 OVER_ALLOCATED refusal of a decision's allocation. */
export interface OverAllocation {
  allocationIndex?: number;
  personId: string;
  months: OverAllocatedMonth[];
  overrideAllowed?: boolean;
}

export type MissingCourse = Schemas['TrainingGap'];
export type DecisionInput = Schemas['DecisionInput'];
export type DecisionResult = Schemas['DecisionResult'];
