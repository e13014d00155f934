/** The organisation and the PMO: org units, executive positions, people, skills, PMOs and delegation. */
import { eq, ilike, inArray, or, sql } from 'drizzle-orm';
import { type AuditedRecord, hasHistory, idsWhoseEventsName, isUuid, nameMap, readableWhileItExists } from '../audit/index.ts';
import { redactPerson } from './people.policy.ts';
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
/** Cost rates: `mayReadCostRates(actor)`; `redactPerson(actor, person)` nulls the rate for the others. */
export { mayReadCostRates, redactPerson } from './people.policy.ts';
export type { PersonView, PersonDetailView } from './people.service.ts';
export { alreadyExists, pgErrorOf, translateDbError } from './org.errors.ts';
/** Delegation of authority: its subjects, measures and approver levels. */
export type { DelegationApprover, DelegationMeasure, DelegationSubject } from './delegation.ts';

const codeAndName = (code: unknown, name: unknown) => sql`${code} || ' · ' || ${name}`;

/** The PMOs whose code or name matches, as a subquery of their ids (text). */
const pmosMatching = (pattern: string) =>
  sql`SELECT ${pmos.id}::text FROM ${pmos} WHERE ${or(ilike(pmos.code, pattern), ilike(pmos.name, pattern))}`;

/**
 * A delegation threshold is readable by everyone, like its PMO; a removed one keeps its history
 * readable, as long as it had one. It is named and found by its PMO.
 */
const delegationThreshold: AuditedRecord = {
  canSee: async (db, _actor, id) =>
    isUuid(id) &&
    ((await db.select({ id: delegationThresholds.id }).from(delegationThresholds).where(eq(delegationThresholds.id, id))).length >
      0 ||
      (await hasHistory(db, 'delegation_threshold', id))),
  visibleWhere: async () => undefined,
  names: async (db, ids) => {
    const wanted = ids.filter(isUuid);
    if (wanted.length === 0) return new Map();
    const rows = await db
      .select({
        id: sql<string>`${delegationThresholds.id}::text`,
        name: sql<string>`${pmos.code} || ' · ' || replace(${delegationThresholds.subject}::text, '_', ' ') || ' up to ' || ${delegationThresholds.upTo}::text || ' ' || replace(${delegationThresholds.measure}::text, '_', ' ')`,
      })
      .from(delegationThresholds)
      .innerJoin(pmos, eq(pmos.id, delegationThresholds.pmoId))
      .where(inArray(delegationThresholds.id, wanted));
    return nameMap(rows);
  },
  matching: (id, pattern) => idsWhoseEventsName(id, 'delegation_threshold', 'pmoId', pmosMatching(pattern)),
};

/**
 * Org data is readable by every signed-in user: a record's history is visible while it exists.
 * A person's cost rate is masked for those who may not see cost rates, in the audit trail too.
 */
export const orgVisibility: Record<string, AuditedRecord> = {
  org_unit: readableWhileItExists(orgUnits.id, sql`${orgUnits.name}`, [orgUnits.code, orgUnits.name]),
  position: readableWhileItExists(executivePositions.id, codeAndName(executivePositions.code, executivePositions.title), [
    executivePositions.code,
    executivePositions.title,
  ]),
  person: {
    ...readableWhileItExists(people.id, sql`${people.name}`, [people.name, people.email]),
    redact: (actor, person) => redactPerson(actor, person),
  },
  skill: readableWhileItExists(skills.id, sql`${skills.name}`, [skills.name]),
  pmo: readableWhileItExists(pmos.id, codeAndName(pmos.code, pmos.name), [pmos.code, pmos.name]),
  delegation_threshold: delegationThreshold,
};
