import { type SQL, and, or, sql } from 'drizzle-orm';
import { type Actor, isAdmin, isSystem } from '../../kernel/actor.ts';
import type { Queryable } from '../../kernel/db.ts';
import { governedPmoIds } from '../org/index.ts';
import { canSeeProject, isProjectManagerOf, visibleProjectIdFilter } from '../projects/index.ts';
import { projectMembers, projects } from '../projects/projects.tables.ts';
import type { ProjectRow } from './reports.repo.ts';
import * as repo from './reports.repo.ts';
import type { ReportRelation } from './reports.states.ts';
import { statusReports } from './reports.tables.ts';

/**
 * Who does what with status reports and milestones. Reading follows the project: whoever may see
 * the project sees its milestones and its submitted reports; a draft is seen only by those who may
 * report on the project (and the admin). Reporting: the project's manager, and the staff of a PMO
 * governing the project (on the manager's behalf). Milestones: the same people. Reviewing: a lead
 * or analyst of a PMO governing the project who is not part of the project and did not submit it.
 */

async function governs(db: Queryable, actor: Actor, pmoId: string): Promise<boolean> {
  return (await governedPmoIds(db, actor)).includes(pmoId);
}

/** Draft, edit, submit and revise the project's reports. */
export async function mayReportOn(db: Queryable, actor: Actor, project: ProjectRow): Promise<boolean> {
  if (isSystem(actor)) return true;
  if (!actor.permissions.has('reports.submit')) return false;
  return (await isProjectManagerOf(db, actor, project)) || (await governs(db, actor, project.pmoId));
}

/** Create, edit and delete the project's milestones. */
export async function mayKeepMilestonesOf(db: Queryable, actor: Actor, project: ProjectRow): Promise<boolean> {
  if (isSystem(actor)) return true;
  if (!actor.permissions.has('milestones.manage')) return false;
  return (await isProjectManagerOf(db, actor, project)) || (await governs(db, actor, project.pmoId));
}

/** Whether the actor is part of the project: its manager, sponsor or a team member. */
export async function isPartOfProject(db: Queryable, actor: Actor, project: ProjectRow): Promise<boolean> {
  if (!actor.personId) return false;
  if (project.projectManagerId === actor.personId || project.sponsorId === actor.personId) return true;
  return (await repo.projectMemberPeople(db, project.id)).some((m) => m.personId === actor.personId);
}

/** How the actor stands to the project, whatever the version: what the state table asks of it. */
export interface ProjectStanding {
  mayReport: boolean;
  mayReview: boolean;
  partOfProject: boolean;
}

export async function standingOn(db: Queryable, actor: Actor, project: ProjectRow): Promise<ProjectStanding> {
  const mayReport = await mayReportOn(db, actor, project);
  const mayReview = isSystem(actor) || (actor.permissions.has('reports.review') && (await governs(db, actor, project.pmoId)));
  return { mayReport, mayReview, partOfProject: await isPartOfProject(db, actor, project) };
}

/** How one who stands so to the project stands to one of its versions. */
export function relationTo(standing: ProjectStanding, actor: Actor, report: { submittedBy: string | null }): ReportRelation {
  const ownProject = (actor.userId !== null && actor.userId === report.submittedBy) || standing.partOfProject;
  return { mayReport: standing.mayReport, mayReview: standing.mayReview, ownProject };
}

/** How the actor stands to one report version of the project, for the state table. */
export async function reportRelation(
  db: Queryable,
  actor: Actor,
  project: ProjectRow,
  report: { submittedBy: string | null },
): Promise<ReportRelation> {
  return relationTo(await standingOn(db, actor, project), actor, report);
}

/**
 * The report versions the actor may see, as a condition over `status_reports` (undefined = all):
 * those of visible projects, drafts only where the actor may report.
 */
export async function visibleReportFilter(db: Queryable, actor: Actor): Promise<SQL | undefined> {
  if (isAdmin(actor)) return undefined;
  const projectVisible = await visibleProjectIdFilter(db, actor, statusReports.projectId);
  const reporterOf: SQL[] = [];
  if (actor.permissions.has('reports.submit')) {
    if (actor.personId) {
      reporterOf.push(
        sql`${statusReports.projectId} IN (SELECT ${projectMembers.projectId} FROM ${projectMembers} WHERE ${projectMembers.personId} = ${actor.personId}::uuid AND ${projectMembers.role} = 'project_manager')`,
        sql`${statusReports.projectId} IN (SELECT ${projects.id} FROM ${projects} WHERE ${projects.projectManagerId} = ${actor.personId}::uuid)`,
      );
    }
    const pmoIds = await governedPmoIds(db, actor);
    if (pmoIds.length) {
      reporterOf.push(
        sql`${statusReports.projectId} IN (SELECT ${projects.id} FROM ${projects} WHERE ${projects.pmoId} IN (${sql.join(
          pmoIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )}))`,
      );
    }
  }
  return and(projectVisible, or(sql`${statusReports.submittedAt} IS NOT NULL`, ...reporterOf));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether the actor may see the report version (false as well when it does not exist). */
export async function canSeeReport(db: Queryable, actor: Actor, reportId: string): Promise<boolean> {
  if (!UUID.test(reportId)) return false;
  const report = await repo.findReport(db, reportId);
  if (!report || !(await canSeeProject(db, actor, report.projectId))) return false;
  if (report.submittedAt || isAdmin(actor)) return true;
  const project = await repo.findProject(db, report.projectId);
  return project !== undefined && (await mayReportOn(db, actor, project.project));
}
