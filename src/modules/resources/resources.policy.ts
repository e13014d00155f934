import { type Actor, isAdmin } from '../../kernel/actor.ts';
import type { Queryable } from '../../kernel/db.ts';
import { AppError, invalid, notFound } from '../../kernel/errors.ts';
import type { SQL } from 'drizzle-orm';
import { canSeeProject, mayManageProjectsOf, visibleProjectFilter } from '../projects/index.ts';
import { type Month, addMonths, monthCount, parseMonth } from './resources.capacity.ts';
import * as repo from './resources.repo.ts';

export function monthField(field: string, value: string): Month {
  const month = parseMonth(value);
  if (!month) throw invalid(field, 'use a month, 2027-01, or its first day, 2027-01-01');
  return month;
}

/** The months a view covers when not told: this month and the eleven after it. */
export const DEFAULT_VIEW_MONTHS = 12;

/**
 * A from–to range of months for a view: ordered, and at most `max` months long. Without `from`,
 * the current month (UTC); without `to`, twelve months from `from`.
 */
export function monthSpan(from: string | undefined, to: string | undefined, max = 36): { from: Month; to: Month } {
  const start = from === undefined ? new Date().toISOString().slice(0, 7) : monthField('from', from);
  const end = to === undefined ? addMonths(start, DEFAULT_VIEW_MONTHS - 1) : monthField('to', to);
  if (end < start) throw invalid('to', 'must not be before from');
  if (monthCount(start, end) > max) throw invalid('to', `a view spans at most ${max} months`);
  return { from: start, to: end };
}

/** What everyone else reads as an absence's reason. */
export const HIDDEN_ABSENCE_REASON = 'absent';

/**
 * Who may read why a person is away: the person themselves, and whoever may record absences
 * (resources.manage: the resource managers, who own the one pool of people, the PMO leads, and
 * the admin). Everyone else sees that the person is away, not why.
 */
export function mayReadAbsenceReason(actor: Actor, personId: unknown): boolean {
  return actor.permissions.has('resources.manage') || (actor.personId !== null && actor.personId === personId);
}

/**
 * An absence as the actor may read it: the reason "absent" unless they may read it. The absence
 * endpoints and the audit trail's absence events use this one function.
 */
export function redactAbsence<T extends object>(actor: Actor, absence: T): T {
  const personId = (absence as { personId?: unknown }).personId;
  if (!('reason' in absence) || mayReadAbsenceReason(actor, personId)) return absence;
  return { ...absence, reason: HIDDEN_ABSENCE_REASON };
}

const CLOSED_STATES = new Set(['closed', 'terminated']);

/**
 * Resource managers own the pool of people, whatever project they work on: they see and make
 * allocations on every project. Everyone else works on the projects they may see.
 */
export async function mayWorkOnAllocationsOf(db: Queryable, actor: Actor, projectId: string): Promise<boolean> {
  return isAdmin(actor) || actor.roles.has('resource_manager') || canSeeProject(db, actor, projectId);
}

/** `mayWorkOnAllocationsOf` as a condition on `projects`; undefined when the actor works on every project's. */
export async function allocationProjectsCondition(db: Queryable, actor: Actor): Promise<SQL | undefined> {
  if (isAdmin(actor) || actor.roles.has('resource_manager')) return undefined;
  return visibleProjectFilter(db, actor);
}

/**
 * The project an allocation is for: visible to the actor (404 otherwise, as for a missing one)
 * and still open for work. An approved change (a headcount request's final approval) allocates
 * on the route's authority, whoever approved last.
 */
export async function allocatableProject(db: Queryable, actor: Actor, projectId: string, approvedChange = false) {
  if (!approvedChange && !(await mayWorkOnAllocationsOf(db, actor, projectId))) throw notFound('project', projectId);
  const project = await repo.findProject(db, projectId);
  if (!project) throw notFound('project', projectId);
  if (CLOSED_STATES.has(project.state)) {
    throw new AppError('INVALID_STATE', `project ${project.code} is ${project.state}; it takes no new allocations`);
  }
  return project;
}

/**
 * Who may allocate beyond a person's capacity: an admin, or a PMO lead who leads the project's
 * governing PMO (or a PMO above it). A resource manager may not: over-allocation is a decision
 * on priorities, which is the PMO's.
 */
export async function mayOverrideCapacity(db: Queryable, actor: Actor, pmoId: string): Promise<boolean> {
  if (isAdmin(actor)) return true;
  return actor.roles.has('pmo_lead') && (await mayManageProjectsOf(db, actor, pmoId));
}
