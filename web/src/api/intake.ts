/** Strategic drivers (AHP), ratings, the review queue and the decision, as the web app reads them. */

export interface Disagreement {
  row: number;
  column: number;
  drivers: [string, string];
  /** matrix[row][column] as entered. */
  value: number;
  /** What the weights imply: weights[row] / weights[column]. */
  implied: number;
  ratio: number;
  /** The Saaty value nearest to `implied`. */
  suggested: number;
}

export interface AhpEvaluation {
  drivers: string[];
  matrix: number[][];
  weights: number[];
  lambdaMax: number;
  ci: number;
  cr: number;
  consistent: boolean;
  disagreements: Disagreement[];
  offScale: { row: number; column: number; value: number; nearest: number }[];
}

export interface DriverSet extends AhpEvaluation {
  pmoId: string;
  /** 0 while the PMO has no comparisons yet. */
  version: number;
  updatedAt: string | null;
  canEdit: boolean;
}

export const DRIVER_RATINGS = ['none', 'low', 'moderate', 'strong', 'extreme'] as const;
export type DriverRating = (typeof DRIVER_RATINGS)[number];

export interface RequestRatings {
  requestId: string;
  pmoId: string | null;
  ratings: {
    driver: string;
    weight: number | null;
    rating: DriverRating | null;
    value: number | null;
    ratedBy: { userId: string; name: string } | null;
    ratedAt: string | null;
  }[];
  score: number | null;
  scoreUsable: boolean;
  reason: string | null;
  driverSetVersion: number;
}

export interface QueueSkill {
  skillId: string;
  name: string;
  months: { month: string; fte: number; capacityLeftFte: number }[];
}

export interface ReviewQueueItem {
  id: string;
  code: string;
  title: string;
  state: 'submitted' | 'in_review';
  notYetInReview: boolean;
  requester: { userId: string; name: string };
  projectType: { id: string; code: string; name: string } | null;
  wantedStart: string | null;
  durationMonths: number | null;
  submittedAt: string | null;
  totalCost: number;
  totalBenefit: number;
  benefitCostRatio: number | null;
  score: number | null;
  scoreUsable: boolean;
  scoreReason: string | null;
  rank: number;
  skills: QueueSkill[];
  capacityShortfall: boolean;
}

export interface ReviewQueue {
  pmoId: string;
  driverSet: { version: number; consistent: boolean; cr: number | null };
  items: ReviewQueueItem[];
}

export interface PersonCapacity {
  person: { id: string; name: string; weeklyHours: number; availability: number; active: boolean };
  months: {
    month: string;
    capacityFte: number;
    allocatedFte: number;
    freeFte: number;
    overByFte: number;
  }[];
}

export interface TypeQualification {
  projectType: { id: string; code: string; name: string };
  requiredCourses: { id: string; code: string; title: string }[];
  anyoneQualifies: boolean;
  qualified: { person: { id: string; name: string } }[];
  partiallyQualified: {
    person: { id: string; name: string };
    gaps: { courseId: string; code: string; title: string; reason: 'missing' | 'expired'; expiredOn?: string }[];
  }[];
}

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

export interface MissingCourse {
  courseId: string;
  code: string;
  title: string;
  reason: 'missing' | 'expired';
  expiredOn?: string;
}

export interface DecisionInput {
  outcome: 'approve' | 'reject' | 'defer';
  rationale: string;
  revisitOn?: string | null;
  projectCode?: string;
  projectName?: string;
  budget?: number;
  startDate?: string;
  plannedFinishDate?: string;
  projectManagerId?: string;
  portfolioId?: string | null;
  allocations?: {
    personId?: string | null;
    skillId?: string | null;
    fte: number;
    startMonth: string;
    endMonth: string;
    overrideReason?: string | null;
  }[];
  conditions?: { text: string; ownerPersonId?: string | null; dueOn?: string | null }[];
}

export interface DecisionResult {
  request: { id: string; state: string; projectId: string | null };
  project: { id: string; code: string; name: string } | null;
  allocations: unknown[];
}
