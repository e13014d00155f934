/** Project records: who sees which project, creation bound to a standard version, edits. */
import type { RecordVisibility } from '../audit/index.ts';
import { canSeeProject } from './projects.policy.ts';

export { projectsRoutes } from './projects.routes.ts';
export { type BaselineView, currentBaseline, setBaselineInTx } from './baselines.service.ts';
export { type CurvePoint, curveFromMonthlyCosts, plannedValueAt } from './baselines.curve.ts';
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
  mayManageProjectsOf,
  projectScopeOf,
  scopeFilter,
  visibleProjectFilter,
  visibleProjectIdFilter,
} from './projects.policy.ts';
export { ProjectSchema, ProjectSummarySchema } from './projects.schema.ts';
export type { ProjectSummary, ProjectView } from './projects.schema.ts';

/** A project's history is visible to whoever may see the project. */
export const projectsVisibility: Record<string, RecordVisibility> = {
  project: (db, actor, id) => canSeeProject(db, actor, id),
};
