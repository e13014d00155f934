import { and, eq } from 'drizzle-orm';
import { type Actor, isSystem } from '../../kernel/actor.ts';
import type { Queryable } from '../../kernel/db.ts';
import { governedPmoIds } from '../org/index.ts';
import { projectMembers } from '../projects/projects.tables.ts';
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

/** The project's manager, or a member in the project manager's role: who answers the PMO's guidance. */
export async function isProjectManagerOf(db: Queryable, actor: Actor, project: ProjectRow): Promise<boolean> {
  if (!actor.personId) return false;
  if (project.projectManagerId === actor.personId) return true;
  const [member] = await db
    .select({ personId: projectMembers.personId })
    .from(projectMembers)
    .where(
      and(
        eq(projectMembers.projectId, project.id),
        eq(projectMembers.personId, actor.personId),
        eq(projectMembers.role, 'project_manager'),
      ),
    );
  return Boolean(member);
}
