/** Records of the resources API: absences, allocations and capacity (see /api/openapi.json, tag Resources). */

export interface Absence {
  id: string;
  personId: string;
  startsOn: string;
  endsOn: string;
  reason: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Allocation {
  id: string;
  project: { id: string; code: string; name: string };
  person: { id: string; name: string } | null;
  skill: { id: string; name: string } | null;
  /** First day of the first month: 2027-01-01. */
  startMonth: string;
  /** First day of the last month. */
  endMonth: string;
  fte: number;
  overrideReason: string | null;
  createdBy: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** details of a 409 OVER_ALLOCATED reply. */
export interface OverAllocation {
  personId: string;
  months: { month: string; capacityFte: number; allocatedFte: number; requestedFte: number; overByFte: number }[];
  overrideAllowed: boolean;
}

export interface CapacityCell {
  month: string;
  capacityFte: number;
  allocatedFte: number;
  unfilledFte: number;
  demandFte: number;
  freeFte: number;
  gapFte: number;
}

export interface SkillCapacityRow {
  skillId: string;
  name: string;
  people: number;
  cells: CapacityCell[];
}

export interface CapacityView {
  from: string;
  to: string;
  months: string[];
  skills: SkillCapacityRow[];
  overAllocated: { personId: string; name: string; month: string; capacityFte: number; allocatedFte: number }[];
  skillGaps: { skillId: string; name: string; month: string; gapFte: number }[];
}

export interface PersonCapacityMonth {
  month: string;
  workdays: number;
  absentWorkdays: number;
  capacityFte: number;
  capacityHours: number;
  allocatedFte: number;
  allocatedHours: number;
  freeFte: number;
  freeHours: number;
  overByFte: number;
}

export interface PersonCapacity {
  person: { id: string; name: string; weeklyHours: number; availability: number; active: boolean };
  months: PersonCapacityMonth[];
}

/** GET /resources/candidates: active people ranked for an allocation (skill first, then free capacity). */
export interface AllocationCandidate {
  person: { id: string; name: string; jobTitle: string | null };
  hasSkill: boolean;
  skillLevel: number | null;
  minFreeFte: number;
  averageFreeFte: number;
  fits: boolean;
  months: { month: string; freeFte: number }[];
}

export interface AllocationCandidates {
  from: string;
  to: string;
  skillId: string | null;
  fte: number | null;
  items: AllocationCandidate[];
}
