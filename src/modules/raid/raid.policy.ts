import { type Actor, isSystem } from '../../kernel/actor.ts';
import type { Queryable } from '../../kernel/db.ts';
import { governedPmoIds } from '../org/index.ts';
import { isProjectManagerOf } from '../projects/index.ts';
import type { ProjectRow } from './raid.repo.ts';

/**
 * Who keeps a project's risks and issues: its manager, and the staff of a PMO governing it (who
 * advise on risks). Whoever may see the project reads its registers.
 */
export async function mayKeepRegistersOf(db: Queryable, actor: Actor, project: ProjectRow): Promise<boolean> {
  if (isSystem(actor)) return true;
  if (!actor.permissions.has('raid.manage')) return false;
  if (await isProjectManagerOf(db, actor, project)) return true;
  return (await governedPmoIds(db, actor)).includes(project.pmoId);
}
