/** Resources: capacity per person and month (with absences), allocations to projects, the capacity heat map. */
import { recordHistory } from '../audit/index.ts';
import type { RecordVisibility } from '../audit/index.ts';
import { mayWorkOnAllocationsOf } from './resources.policy.ts';
import * as repo from './resources.repo.ts';

export { resourcesRoutes } from './resources.routes.ts';
export { AllocationSchema } from './resources.schema.ts';
/** Allocate inside the caller's transaction (request approval): same checks as POST /allocations, audited with `tx`. */
export {
  allocateInTx,
  createAllocation,
  deleteAllocation,
  getAllocation,
  listAllocations,
  updateAllocation,
  updateAllocationInTx,
} from './allocations.service.ts';
export { createAbsence, deleteAbsence, listAbsences, updateAbsence } from './absences.service.ts';
/** Free FTE per skill and month for the review queue: `capacityLeft(db, [skillId], ['2027-01', '2027-02'])`. */
export { capacityLeft, capacityView, personCapacity, personCapacityInTx } from './capacity.service.ts';
/** The pure capacity arithmetic (months, workdays, absences, over-allocation), for plans and seeds. */
export {
  type Month,
  absentWorkdays,
  addMonths,
  allocatedCenti,
  monthCapacity,
  monthOf,
  monthRange,
  monthStart,
  overAllocatedMonths,
  parseMonth,
  workdaysInMonth,
} from './resources.capacity.ts';
export type {
  AbsenceView,
  AllocationView,
  CapacityView,
  CreateAllocationInput,
  PersonCapacityView,
  SkillCapacityRow,
} from './resources.schema.ts';

/** The `projectId` a removed allocation's last audit event names, so its history stays readable. */
async function projectOfRemovedAllocation(db: Parameters<RecordVisibility>[0], id: string): Promise<string | null> {
  const [last] = await recordHistory(db, 'allocation', id, 1);
  const before = last?.before as { projectId?: unknown } | null | undefined;
  return typeof before?.projectId === 'string' ? before.projectId : null;
}

/**
 * An allocation's history is visible to whoever may see its project (also once it is removed);
 * an absence's to every holder of resources.read while the person exists.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const resourcesVisibility: Record<string, RecordVisibility> = {
  allocation: async (db, actor, id) => {
    if (!UUID.test(id)) return false;
    const row = await repo.findAllocation(db, id);
    const projectId = row ? row.allocation.projectId : await projectOfRemovedAllocation(db, id);
    return projectId !== null && (await mayWorkOnAllocationsOf(db, actor, projectId));
  },
  absence: async (db, actor, id) => {
    if (!actor.permissions.has('resources.read') || !UUID.test(id)) return false;
    if (await repo.findAbsence(db, id)) return true;
    return (await recordHistory(db, 'absence', id, 1)).length > 0;
  },
};
