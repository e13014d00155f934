import { type Actor, isAdmin } from '../../kernel/actor.ts';
import type { Queryable } from '../../kernel/db.ts';
import { AppError } from '../../kernel/errors.ts';
import { governedPmoIds } from './org.scope.ts';

/**
 * Who may edit a PMO: an admin any; a PMO lead the PMOs they lead and every PMO nested under
 * them. PMOs are readable by everybody, so a refusal is a 403, not a 404.
 */
export async function canEditPmo(db: Queryable, actor: Actor, pmoId: string): Promise<boolean> {
  if (isAdmin(actor)) return true;
  return (await governedPmoIds(db, actor, 'lead')).includes(pmoId);
}

export async function assertCanEditPmo(db: Queryable, actor: Actor, pmo: { id: string; code: string }): Promise<void> {
  if (!(await canEditPmo(db, actor, pmo.id))) {
    throw new AppError('FORBIDDEN', `only an admin or a lead of PMO ${pmo.code} (or of a PMO above it) may change it`, {
      pmoId: pmo.id,
    });
  }
}

/**
 * Moving a PMO in the structure is a change to the PMO it lands under as well: a lead may nest
 * a PMO only under a PMO they also govern; making it top-level, or changing the executive it
 * reports to, is the organisation's decision, so an admin's.
 */
export async function assertCanRestructurePmo(
  db: Queryable,
  actor: Actor,
  change: { parentPmoId?: string | null; reportsToPositionIdChanged: boolean },
): Promise<void> {
  if (isAdmin(actor)) return;
  if (change.reportsToPositionIdChanged) {
    throw new AppError('FORBIDDEN', 'only an admin may change the executive a PMO reports to');
  }
  if (change.parentPmoId === undefined) return;
  if (change.parentPmoId === null) throw new AppError('FORBIDDEN', 'only an admin may make a PMO top-level');
  if (!(await governedPmoIds(db, actor, 'lead')).includes(change.parentPmoId)) {
    throw new AppError('FORBIDDEN', 'you may nest a PMO only under a PMO you lead');
  }
}
