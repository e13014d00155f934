import { type Actor, requirePermission } from '../../kernel/actor.ts';
import type { Db, Queryable, Tx } from '../../kernel/db.ts';
import { AppError, invalid, notFound, versionConflict } from '../../kernel/errors.ts';
import type { Page, Paged } from '../../kernel/lists.ts';
import { isoInstant, toNumber } from '../../kernel/rows.ts';
import { transact } from '../../kernel/usecase.ts';
import { recordAudit } from '../audit/index.ts';
import { visibleProjectIdFilter } from '../projects/index.ts';
import { capacityCalendars, spansOf } from './capacity.service.ts';
import {
  type AllocationSpan,
  type Month,
  type OverAllocatedMonth,
  describeOverAllocation,
  monthCount,
  monthOf,
  monthStart,
  overAllocatedMonths,
  toCenti,
} from './resources.capacity.ts';
import { allocatableProject, mayOverrideCapacity, mayWorkOnAllocationsOf, monthField } from './resources.policy.ts';
import { parseInput } from '../../kernel/validate.ts';
import * as repo from './resources.repo.ts';
import { allocations } from './resources.tables.ts';
import {
  type AllocationListFilter,
  type AllocationView,
  CreateAllocationBody,
  type CreateAllocationInput,
  UpdateAllocationBody,
  type UpdateAllocationInput,
} from './resources.schema.ts';

/** An allocation longer than this is a typo, not a plan. */
const MAX_MONTHS = 120;

export function allocationView(row: repo.AllocationJoined): AllocationView {
  const a = row.allocation;
  return {
    id: a.id,
    project: { id: a.projectId, code: row.projectCode, name: row.projectName },
    person: a.personId ? { id: a.personId, name: row.personName ?? '' } : null,
    skill: a.skillId ? { id: a.skillId, name: row.skillName ?? '' } : null,
    startMonth: a.startMonth,
    endMonth: a.endMonth,
    fte: toNumber(a.fte),
    overrideReason: a.overrideReason,
    createdBy: a.createdBy,
    version: a.version,
    createdAt: isoInstant(a.createdAt)!,
    updatedAt: isoInstant(a.updatedAt)!,
  };
}

/**
 * One page of the allocations on projects the actor may see, filtered, by start month then project,
 * with how many match in all; every match when `page` is null. Paged in SQL, visibility in the count.
 */
export async function listAllocations(
  db: Queryable,
  actor: Actor,
  filter: AllocationListFilter = {},
  page: Page | null = null,
): Promise<Paged<AllocationView>> {
  const condition = {
    visible: actor.roles.has('resource_manager') ? undefined : await visibleProjectIdFilter(db, actor, allocations.projectId),
    projectId: filter.projectId,
    personId: filter.personId,
    skillId: filter.skillId,
    from: filter.from ? monthStart(monthField('from', filter.from)) : undefined,
    to: filter.to ? monthStart(monthField('to', filter.to)) : undefined,
  };
  // One after the other: `db` may be a transaction, one connection.
  const rows = await repo.listAllocations(db, condition, page);
  const total = page ? await repo.countAllocations(db, condition) : rows.length;
  return { items: rows.map(allocationView), total };
}

/** One allocation; 404 when its project is not visible to the actor. */
export async function getAllocation(db: Queryable, actor: Actor, id: string): Promise<AllocationView> {
  return allocationView(await visibleAllocation(db, actor, id));
}

async function visibleAllocation(db: Queryable, actor: Actor, id: string): Promise<repo.AllocationJoined> {
  const row = await repo.findAllocation(db, id);
  if (!row || !(await mayWorkOnAllocationsOf(db, actor, row.allocation.projectId))) throw notFound('allocation', id);
  return row;
}

interface Shape {
  personId: string | null;
  skillId: string | null;
  startMonth: Month;
  endMonth: Month;
  fteCenti: number;
}

function checkShape(shape: Shape) {
  if (!shape.personId && !shape.skillId) throw invalid('personId', 'name a person, a skill, or both');
  if (shape.endMonth < shape.startMonth) throw invalid('endMonth', 'must not be before startMonth');
  if (monthCount(shape.startMonth, shape.endMonth) > MAX_MONTHS) {
    throw invalid('endMonth', `an allocation spans at most ${MAX_MONTHS} months`);
  }
}

/** What an allowed over-allocation carries into the record and its audit event. */
interface Override {
  reason: string;
  months: OverAllocatedMonth[];
}

/**
 * Checks the person's load with the allocation as requested. Over capacity in any month is refused
 * with the figures (409 OVER_ALLOCATED), unless the actor may override and gives a reason.
 * Locks the person's row first, so two allocations of one person cannot both pass the check.
 */
async function checkCapacity(
  tx: Queryable,
  actor: Actor,
  project: { pmoId: string },
  shape: Shape,
  before: repo.AllocationRow | null,
  overrideReason: string | null | undefined,
  approved = false,
): Promise<Override | null> {
  if (!shape.personId) return null;
  const person = await repo.lockPerson(tx, shape.personId);
  if (!person) throw invalid('personId', 'no such person');
  const calendar = (await capacityCalendars(tx, [person], shape.startMonth, shape.endMonth)).get(person.id)!;
  const others = spansOf(
    await repo.allocationsOfPerson(tx, person.id, monthStart(shape.startMonth), monthStart(shape.endMonth), before?.id),
  );
  const samePerson = before && before.personId === shape.personId;
  const previous: AllocationSpan | null = samePerson ? spansOf([before])[0]! : null;
  const months = overAllocatedMonths({
    capacityCenti: (m) => calendar(m).capacityCenti,
    others,
    requested: shape,
    before: previous,
  });
  if (months.length === 0) return null;
  // The approver of an approved change decides for it: they may override, with a reason.
  const allowed = approved || (await mayOverrideCapacity(tx, actor, project.pmoId));
  if (allowed && overrideReason) return { reason: overrideReason, months };
  const hint = allowed
    ? 'give an overrideReason to allocate beyond capacity anyway'
    : overrideReason
      ? 'only a PMO lead of the governing PMO (or an admin) may override capacity'
      : 'lower the FTE or the months, or ask a PMO lead to override';
  throw new AppError('OVER_ALLOCATED', `${describeOverAllocation(person.name, months)}; ${hint}`, {
    personId: person.id,
    months,
    overrideAllowed: allowed,
  });
}

async function checkSkill(tx: Queryable, skillId: string | null) {
  if (skillId && !(await repo.findSkill(tx, skillId))) throw invalid('skillId', 'no such skill');
}

async function checkPersonActive(tx: Queryable, personId: string | null) {
  if (!personId) return;
  const person = await repo.findPerson(tx, personId);
  if (!person) throw invalid('personId', 'no such person');
  if (!person.active) throw invalid('personId', 'is not active');
}

function auditRecord(view: AllocationView) {
  return {
    projectId: view.project.id,
    personId: view.person?.id ?? null,
    skillId: view.skill?.id ?? null,
    startMonth: view.startMonth,
    endMonth: view.endMonth,
    fte: view.fte,
    overrideReason: view.overrideReason,
    version: view.version,
  };
}

/**
 * Creates an allocation inside the caller's transaction, with every check of the create use case
 * (permission, visible and open project, person and skill, capacity) made with `tx` and the audit
 * event recorded with it. The request approval calls this for each allocation it makes, so a
 * refusal, or any later failure of the approval, leaves nothing behind. `approvedChange`: the
 * final approval of a headcount request allocates on its approvers' authority (the route decided
 * who may), not on the actor's own permission; capacity is checked all the same.
 * @example await allocateInTx(tx, actor, { projectId, personId, startMonth: '2027-01', endMonth: '2027-06', fte: 0.5 })
 */
export async function allocateInTx(
  tx: Tx,
  actor: Actor,
  raw: CreateAllocationInput,
  options: { approvedChange?: boolean } = {},
): Promise<AllocationView> {
  const approved = options.approvedChange === true;
  if (!approved) requirePermission(actor, 'resources.manage');
  const input = parseInput(CreateAllocationBody, raw);
  const shape: Shape = {
    personId: input.personId ?? null,
    skillId: input.skillId ?? null,
    startMonth: monthField('startMonth', input.startMonth),
    endMonth: monthField('endMonth', input.endMonth),
    fteCenti: toCenti(input.fte),
  };
  checkShape(shape);
  const project = await allocatableProject(tx, actor, input.projectId, approved);
  await checkSkill(tx, shape.skillId);
  await checkPersonActive(tx, shape.personId);
  const override = await checkCapacity(tx, actor, project, shape, null, input.overrideReason, approved);
  const row = await repo.insertAllocation(tx, {
    projectId: project.id,
    personId: shape.personId,
    skillId: shape.skillId,
    startMonth: monthStart(shape.startMonth),
    endMonth: monthStart(shape.endMonth),
    fte: (shape.fteCenti / 100).toFixed(2),
    overrideReason: override?.reason ?? null,
    createdBy: actor.email,
  });
  const view = allocationView((await repo.findAllocation(tx, row.id))!);
  await recordAudit(tx, actor, {
    entityType: 'allocation',
    entityId: row.id,
    action: 'allocation.created',
    after: { ...auditRecord(view), ...(override ? { overAllocationOverridden: override.months } : {}) },
    reason: override?.reason ?? null,
  });
  return view;
}

/** POST /allocations: one allocation in its own transaction. */
export async function createAllocation(db: Db, actor: Actor, raw: CreateAllocationInput): Promise<AllocationView> {
  return transact(db, ({ tx }) => allocateInTx(tx, actor, raw));
}

/**
 * Changes an allocation's person, skill, months or FTE. The capacity check is the create's, except
 * that a month where the change adds no load is never held against it (lowering an over-allocation
 * is always allowed). A new overrideReason replaces the stored one only when an override is needed.
 */
export async function updateAllocationInTx(
  tx: Tx,
  actor: Actor,
  id: string,
  raw: UpdateAllocationInput,
): Promise<AllocationView> {
  requirePermission(actor, 'resources.manage');
  const input = parseInput(UpdateAllocationBody, raw);
  const current = await visibleAllocation(tx, actor, id);
  const before = current.allocation;
  if (before.version !== input.version) throw versionConflict('allocation', id, input.version);
  const shape: Shape = {
    personId: input.personId === undefined ? before.personId : input.personId,
    skillId: input.skillId === undefined ? before.skillId : input.skillId,
    startMonth: input.startMonth === undefined ? monthOf(before.startMonth) : monthField('startMonth', input.startMonth),
    endMonth: input.endMonth === undefined ? monthOf(before.endMonth) : monthField('endMonth', input.endMonth),
    fteCenti: input.fte === undefined ? toCenti(toNumber(before.fte)) : toCenti(input.fte),
  };
  checkShape(shape);
  const project = await allocatableProject(tx, actor, before.projectId);
  if (shape.skillId !== before.skillId) await checkSkill(tx, shape.skillId);
  if (shape.personId !== before.personId) await checkPersonActive(tx, shape.personId);
  const override = await checkCapacity(tx, actor, project, shape, before, input.overrideReason);
  const row = await repo.updateAllocation(tx, id, input.version, {
    personId: shape.personId,
    skillId: shape.skillId,
    startMonth: monthStart(shape.startMonth),
    endMonth: monthStart(shape.endMonth),
    fte: (shape.fteCenti / 100).toFixed(2),
    ...(override ? { overrideReason: override.reason } : {}),
  });
  if (!row) throw versionConflict('allocation', id, input.version);
  const view = allocationView((await repo.findAllocation(tx, id))!);
  await recordAudit(tx, actor, {
    entityType: 'allocation',
    entityId: id,
    action: 'allocation.updated',
    before: auditRecord(allocationView(current)),
    after: { ...auditRecord(view), ...(override ? { overAllocationOverridden: override.months } : {}) },
    reason: override?.reason ?? null,
  });
  return view;
}

export async function updateAllocation(db: Db, actor: Actor, id: string, raw: UpdateAllocationInput): Promise<AllocationView> {
  return transact(db, ({ tx }) => updateAllocationInTx(tx, actor, id, raw));
}

/** Removes an allocation (of a visible project); with a version, only if unchanged since. */
export async function deleteAllocation(db: Db, actor: Actor, id: string, version?: number): Promise<void> {
  requirePermission(actor, 'resources.manage');
  await transact(db, async ({ tx }) => {
    const current = await visibleAllocation(tx, actor, id);
    if (version !== undefined && current.allocation.version !== version) throw versionConflict('allocation', id, version);
    if (!(await repo.deleteAllocation(tx, id, version)))
      throw versionConflict('allocation', id, version ?? current.allocation.version);
    await recordAudit(tx, actor, {
      entityType: 'allocation',
      entityId: id,
      action: 'allocation.deleted',
      before: auditRecord(allocationView(current)),
    });
  });
}
