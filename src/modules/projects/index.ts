/** Project records: who sees which project, creation bound to a standard version, edits. */
import { ilike, or, sql } from 'drizzle-orm';
import { type AuditedRecord, idAmong, namesFrom } from '../audit/index.ts';
import { canSeeProject, visibleProjectFilter } from './projects.policy.ts';
import { projects } from './projects.tables.ts';

export { projectsRoutes } from './projects.routes.ts';
export { type BaselineView, currentBaseline, setBaselineInTx, setPlannedFinishInTx } from './baselines.service.ts';
export { type CurvePoint, checkCurve, curveFromMonthlyCosts, plannedValueAt } from './baselines.curve.ts';
export {
  type CreateProjectOptions,
  createProject,
  createProjectInTx,
  getProject,
  listProjects,
  projectStandard,
  updateProject,
} from './projects.service.ts';
export {
  type ProjectScope,
  canSeeProject,
  isProjectManagerOf,
  mayManageProjectsOf,
  projectScopeOf,
  scopeFilter,
  visibleProjectFilter,
  visibleProjectIdFilter,
} from './projects.policy.ts';
/**
 * The project list's condition for an actor and its filters, to count exactly what a link to the
 * list opens: `listCondition(await projectListFilter(db, actor, { mismatch: 'true' }))`, over
 * `projects LEFT JOIN project_status ON statusJoin`.
 */
export { projectListFilter, statusFilterOf } from './projects.service.ts';
export { type ListFilter, listCondition, memberCondition, projectWithDefinition } from './projects.repo.ts';

/** The reporting columns of the list: due state worked out for a day, RAG columns by dimension, filters. */
export {
  DUE_STATES,
  RAGS,
  RAG_KEYS,
  RAG_COLUMNS,
  type ProjectDueState,
  type RagColour,
  type RagKey,
  daysLate,
  liveDueState,
  mismatchText,
  statusJoin,
} from './projects.status.ts';
export { ProjectSchema, ProjectSummarySchema } from './projects.schema.ts';
export type { ProjectListFilter, ProjectSummary, ProjectView } from './projects.schema.ts';

/** A project's history is visible to whoever may see the project; the same rule as SQL for the audit list. */
export const projectsVisibility: Record<string, AuditedRecord> = {
  project: {
    canSee: (db, actor, id) => canSeeProject(db, actor, id),
    visibleWhere: async (db, actor, id) => idAmong(id, projects.id, await visibleProjectFilter(db, actor)),
    names: (db, ids) => namesFrom(db, projects.id, sql`${projects.code} || ' · ' || ${projects.name}`, ids),
    matching: (id, pattern) => idAmong(id, projects.id, or(ilike(projects.code, pattern), ilike(projects.name, pattern))),
  },
};
