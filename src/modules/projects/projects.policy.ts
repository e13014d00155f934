import { type AnyColumn, type SQL, and, eq } from 'drizzle-orm';
import { type Actor, isAdmin } from '../../kernel/actor.ts';
import type { Queryable } from '../../kernel/db.ts';
import { AppError } from '../../kernel/errors.ts';
import { governedPmoIds, reportingPmoIds } from '../org/org.scope.ts';
import * as repo from './projects.repo.ts';
import { projectMembers } from './projects.tables.ts';

/**
 * Who sees which project. An admin sees every project; a PMO member sees the projects of the
 * PMOs they govern (and those nested under them); an executive sees the projects of the PMOs
 * that report to them up the reporting line; anyone sees the projects they manage, sponsor or
 * work on. Nobody else learns that a project exists: lists omit it and a read answers 404.
 */
export interface ProjectScope {
  all: boolean;
  pmoIds: string[];
  personId: string | null;
}

export async function projectScopeOf(db: Queryable, actor: Actor): Promise<ProjectScope> {
  if (isAdmin(actor)) return { all: true, pmoIds: [], personId: actor.personId };
  // Not visiblePmoIds: its Promise.all would run two queries at once on a transaction's one connection.
  const governed = await governedPmoIds(db, actor);
  const reporting = await reportingPmoIds(db, actor);
  return { all: false, pmoIds: [...new Set([...governed, ...reporting])], personId: actor.personId };
}

/** A condition over the `projects` table; undefined when the actor sees every project. */
export function scopeFilter(scope: ProjectScope): SQL | undefined {
  return scope.all ? undefined : repo.scopeCondition(scope.pmoIds, scope.personId);
}

/**
 * The projects the actor may see, as a condition over the `projects` table (undefined = all).
 * @example db.select().from(projects).where(and(await visibleProjectFilter(db, actor), eq(projects.state, 'active')))
 */
export async function visibleProjectFilter(db: Queryable, actor: Actor): Promise<SQL | undefined> {
  return scopeFilter(await projectScopeOf(db, actor));
}

/**
 * The same, on any column holding a project id, with no join to `projects` needed.
 * @example db.select().from(risks).where(await visibleProjectIdFilter(db, actor, risks.projectId))
 */
export async function visibleProjectIdFilter(
  db: Queryable,
  actor: Actor,
  projectIdColumn: AnyColumn | SQL,
): Promise<SQL | undefined> {
  const condition = await visibleProjectFilter(db, actor);
  return condition && repo.projectIdIn(projectIdColumn, condition);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether the actor may see the project (false as well when it does not exist). */
export async function canSeeProject(db: Queryable, actor: Actor, projectId: string): Promise<boolean> {
  if (!UUID.test(projectId)) return false;
  return repo.projectMatches(db, projectId, await visibleProjectFilter(db, actor));
}

/** Admins, and leads of the governing PMO (or of a PMO above it), create and edit project records. */
export async function mayManageProjectsOf(db: Queryable, actor: Actor, pmoId: string): Promise<boolean> {
  if (isAdmin(actor)) return true;
  return (await governedPmoIds(db, actor, 'lead')).includes(pmoId);
}

export async function assertMayManageProjectsOf(db: Queryable, actor: Actor, pmoId: string): Promise<void> {
  if (!(await mayManageProjectsOf(db, actor, pmoId))) {
    throw new AppError('FORBIDDEN', 'only a lead of the governing PMO may do this', { pmoId });
  }
}

/** The project's manager, or a member in the project manager's role. */
export async function isProjectManagerOf(
  db: Queryable,
  actor: Actor,
  project: { id: string; projectManagerId: string | null },
): Promise<boolean> {
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
