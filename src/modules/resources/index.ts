/** Resources: capacity per person and month (with absences), allocations to projects, the capacity heat map. */
import { type SQL, ilike, or, sql } from 'drizzle-orm';
import { type AuditedRecord, fieldNamedInEvents, hasHistory, idsWhoseEventsName, isUuid, namesFrom } from '../audit/index.ts';
import { people, skills } from '../org/org.tables.ts';
import { projects } from '../projects/projects.tables.ts';
import { allocationProjectsCondition, mayWorkOnAllocationsOf, redactAbsence } from './resources.policy.ts';
import * as repo from './resources.repo.ts';
import { absences, allocations } from './resources.tables.ts';

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
/** Absence reasons: `mayReadAbsenceReason(actor, personId)`; `redactAbsence(actor, absence)` shows the others "absent". */
export { HIDDEN_ABSENCE_REASON, mayReadAbsenceReason, redactAbsence } from './resources.policy.ts';
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

const projectIds = (where: SQL | undefined) =>
  sql`SELECT ${projects.id}::text FROM ${projects}${where ? sql` WHERE ${where}` : sql``}`;
const peopleIds = (pattern: string) => sql`SELECT ${people.id}::text FROM ${people} WHERE ${people.name} ILIKE ${pattern}`;
const personName = (column: unknown) => sql`(SELECT ${people.name} FROM ${people} WHERE ${people.id} = ${column})`;

/**
 * Both need resources.read, as their endpoints do. An allocation's history is visible to whoever
 * may work on its project's allocations (also once it is removed: its events name its project,
 * which never changes); an absence's to every holder of resources.read while it exists or has
 * history, its reason masked as on its endpoint.
 */
export const resourcesVisibility: Record<string, AuditedRecord> = {
  allocation: {
    canSee: async (db, actor, id) => {
      if (!actor.permissions.has('resources.read') || !isUuid(id)) return false;
      const row = await repo.findAllocation(db, id);
      const projectId = row ? row.allocation.projectId : await fieldNamedInEvents(db, 'allocation', id, 'projectId');
      return projectId !== null && (await mayWorkOnAllocationsOf(db, actor, projectId));
    },
    visibleWhere: async (db, actor, id) => {
      if (!actor.permissions.has('resources.read')) return sql`false`;
      const condition = await allocationProjectsCondition(db, actor);
      return condition && idsWhoseEventsName(id, 'allocation', 'projectId', projectIds(condition));
    },
    names: (db, ids) =>
      namesFrom(
        db,
        allocations.id,
        sql`coalesce(${personName(allocations.personId)}, (SELECT ${skills.name} FROM ${skills} WHERE ${skills.id} = ${allocations.skillId})) || ' on ' || (SELECT ${projects.code} FROM ${projects} WHERE ${projects.id} = ${allocations.projectId})`,
        ids,
      ),
    matching: (id, pattern) =>
      or(
        idsWhoseEventsName(
          id,
          'allocation',
          'projectId',
          projectIds(or(ilike(projects.code, pattern), ilike(projects.name, pattern))),
        ),
        idsWhoseEventsName(id, 'allocation', 'personId', peopleIds(pattern)),
      )!,
  },
  absence: {
    canSee: async (db, actor, id) => {
      if (!actor.permissions.has('resources.read') || !isUuid(id)) return false;
      return Boolean(await repo.findAbsence(db, id)) || (await hasHistory(db, 'absence', id));
    },
    visibleWhere: async (_db, actor) => (actor.permissions.has('resources.read') ? undefined : sql`false`),
    names: (db, ids) => namesFrom(db, absences.id, personName(absences.personId), ids),
    matching: (id, pattern) => idsWhoseEventsName(id, 'absence', 'personId', peopleIds(pattern)),
    redact: (actor, absence) => redactAbsence(actor, absence),
  },
};
