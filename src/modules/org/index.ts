/** The organisation and the PMO: org units, executive positions, people, skills, PMOs and delegation. */
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../kernel/db.ts';
import { type RecordVisibility, recordHistory } from '../audit/index.ts';
import { existingIds } from './org.repo.ts';
import { delegationThresholds, executivePositions, orgUnits, people, pmos, skills } from './org.tables.ts';

export { orgRoutes } from './org.routes.ts';
export { governedPmoIds, reportingPmoIds, visiblePmoIds } from './org.scope.ts';
/** Whether the actor may edit a PMO: admin, or a lead of it or of a PMO above it. */
export { canEditPmo, assertCanEditPmo } from './pmo.policy.ts';
/** The executive positions from a PMO's up to the top, holders included: `reportingLineOf(db, pmoId)`. */
export {
  reportingLineOf,
  createPmo,
  updatePmo,
  setPmoMembers,
  setPmoScope,
  createThreshold,
  getPmo,
  listPmos,
} from './pmo.service.ts';
export type { ReportingLineItem, PmoView, PmoDetailView, ThresholdView } from './pmo.service.ts';
export { createOrgUnit, updateOrgUnit, createPosition, updatePosition, createSkill, updateSkill } from './org.service.ts';
export type { OrgUnitView, PositionView, SkillView } from './org.service.ts';
export { createPerson, updatePerson, setPersonSkills, getPerson, listPeople } from './people.service.ts';
export type { PersonView, PersonDetailView } from './people.service.ts';
export { alreadyExists, pgErrorOf, translateDbError } from './org.errors.ts';

/** Org data is readable by every signed-in user: a record's history is visible while it exists. */
const whileItExists =
  (table: PgTable): RecordVisibility =>
  async (db: Db, _actor, id) =>
    (await existingIds(db, table, [id])).has(id);

/** A removed threshold keeps its history readable, as long as it had one. */
const existsOrExisted =
  (entityType: string, table: PgTable): RecordVisibility =>
  async (db, actor, id) =>
    (await whileItExists(table)(db, actor, id)) || (await recordHistory(db, entityType, id, 1)).length > 0;

export const orgVisibility: Record<string, RecordVisibility> = {
  org_unit: whileItExists(orgUnits),
  position: whileItExists(executivePositions),
  person: whileItExists(people),
  skill: whileItExists(skills),
  pmo: whileItExists(pmos),
  delegation_threshold: existsOrExisted('delegation_threshold', delegationThresholds),
};
