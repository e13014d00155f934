/** Records of the resources API (tag Resources): aliases of the generated types. */
import type { Schemas } from './openapi.ts';

export type Absence = Schemas['Absence'];
export type Allocation = Schemas['Allocation'];

/** details of a 409 OVER_ALLOCATED reply (error details are not typed in the API description). */
export interface OverAllocation {
  personId: string;
  months: { month: string; capacityFte: number; allocatedFte: number; requestedFte: number; overByFte: number }[];
  overrideAllowed: boolean;
}

export type CapacityView = Schemas['CapacityView'];
export type SkillCapacityRow = Schemas['SkillCapacityRow'];
export type CapacityCell = SkillCapacityRow['cells'][number];
export type PersonCapacity = Schemas['PersonCapacity'];
export type PersonCapacityMonth = PersonCapacity['months'][number];

/** GET /resources/candidates: active people ranked for an allocation (skill first, then free capacity). */
export type AllocationCandidates = Schemas['AllocationCandidates'];
export type AllocationCandidate = Schemas['AllocationCandidate'];
