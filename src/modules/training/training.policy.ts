import { type Actor, isAdmin } from '../../kernel/actor.ts';
import type { Queryable } from '../../kernel/db.ts';
import { AppError } from '../../kernel/errors.ts';
import { governedPmoIds } from '../org/index.ts';
import * as repo from './training.repo.ts';

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

/** A person's training records and certifications: their own, or anyone's for a training manager. */
export function canSeeTrainingOf(actor: Actor, personId: string): boolean {
  return isTrainingManager(actor) || (actor.personId !== null && actor.personId === personId);
}

/** A mentorship: its mentor and mentee, and training managers. */
export async function canSeeMentorship(db: Queryable, actor: Actor, mentorshipId: string): Promise<boolean> {
  if (isTrainingManager(actor)) return true;
  if (!actor.personId) return false;
  return repo.isInMentorship(db, mentorshipId, actor.personId);
}
