import { type Actor, isAdmin } from '../../kernel/actor.ts';
import type { Queryable } from '../../kernel/db.ts';
import { AppError } from '../../kernel/errors.ts';
import { governedPmoIds } from '../org/org.scope.ts';

/**
 * Project types are readable by everyone; only an admin, or a lead of the owning PMO (or of a
 * PMO it is nested under), may create one, edit it or publish a new version of its standard.
 */
export async function mayManageStandardsOf(db: Queryable, actor: Actor, pmoId: string): Promise<boolean> {
  if (isAdmin(actor)) return true;
  return (await governedPmoIds(db, actor, 'lead')).includes(pmoId);
}

export async function assertMayManageStandardsOf(db: Queryable, actor: Actor, pmoId: string): Promise<void> {
  if (!(await mayManageStandardsOf(db, actor, pmoId))) {
    throw new AppError('FORBIDDEN', 'only a lead of the owning PMO may change its standards', { pmoId });
  }
}
