import { type AnyColumn, type SQL, eq, or, sql } from 'drizzle-orm';
import { type Actor, isAdmin } from '../../kernel/actor.ts';
import type { Queryable } from '../../kernel/db.ts';
import { AppError } from '../../kernel/errors.ts';
import { governedPmoIds } from '../org/index.ts';
import * as repo from './training.repo.ts';
import { mentorships } from './training.tables.ts';

/**
 * Who may do what with training. The catalogue and its requirements are readable by everyone;
 * a training manager (admin, PMO lead or analyst) edits the courses and mentorships of the PMOs
 * they govern, and sees and records anyone's training. Everyone else sees only their own
 * records and certifications, and the mentorships they are mentor or mentee in: another
 * person's answers 404.
 */
export function isTrainingManager(actor: Actor): boolean {
  return actor.permissions.has('training.manage');
}

/** Admins, and members (lead or analyst) of the PMO or of a PMO above it. */
export async function mayManageTrainingOf(db: Queryable, actor: Actor, pmoId: string): Promise<boolean> {
  if (!isTrainingManager(actor)) return false;
  if (isAdmin(actor)) return true;
  return (await governedPmoIds(db, actor)).includes(pmoId);
}

export async function assertMayManageTrainingOf(db: Queryable, actor: Actor, pmo: { id: string; code: string }): Promise<void> {
  if (!(await mayManageTrainingOf(db, actor, pmo.id))) {
    throw new AppError('FORBIDDEN', `only an admin or a member of PMO ${pmo.code} (or of a PMO above it) may do this`, {
      pmoId: pmo.id,
    });
  }
}

/**
 * Who may record a session of a mentorship: its mentor and its mentee, and whoever may edit it
 * (a training manager of its PMO or of a PMO above it). One rule with editing: a training
 * manager of another PMO sees the mentorship but may neither edit it nor add to it.
 */
export async function assertMayRecordSessionIn(
  db: Queryable,
  actor: Actor,
  mentorship: { mentorId: string; menteeId: string; pmo: { id: string; code: string } },
): Promise<void> {
  const inIt = actor.personId !== null && (actor.personId === mentorship.mentorId || actor.personId === mentorship.menteeId);
  if (!inIt) await assertMayManageTrainingOf(db, actor, mentorship.pmo);
}

/** A person's training records and certifications: their own, or anyone's for a training manager. */
export function canSeeTrainingOf(actor: Actor, personId: string): boolean {
  return isTrainingManager(actor) || (actor.personId !== null && actor.personId === personId);
}

/** `canSeeTrainingOf` as a condition on a person-id column; undefined when the actor sees everyone's. */
export function trainingOfCondition(actor: Actor, personIdColumn: AnyColumn): SQL | undefined {
  if (isTrainingManager(actor)) return undefined;
  return actor.personId ? eq(personIdColumn, actor.personId) : sql`false`;
}

/** `canSeeMentorship` as a condition on `mentorships`; undefined when the actor sees every one. */
export function visibleMentorshipCondition(actor: Actor): SQL | undefined {
  if (isTrainingManager(actor)) return undefined;
  return actor.personId ? or(eq(mentorships.mentorId, actor.personId), eq(mentorships.menteeId, actor.personId)) : sql`false`;
}

/** A mentorship: its mentor and mentee, and training managers. */
export async function canSeeMentorship(db: Queryable, actor: Actor, mentorshipId: string): Promise<boolean> {
  if (isTrainingManager(actor)) return true;
  if (!actor.personId) return false;
  return repo.isInMentorship(db, mentorshipId, actor.personId);
}
