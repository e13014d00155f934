/** Project types and their versioned standards: lifecycle, gates, reporting, tolerances, risk matrix. */
import { sql } from 'drizzle-orm';
import { type AuditedRecord, readableWhileItExists } from '../audit/index.ts';
import { projectTypes } from './standards.tables.ts';

export { standardsRoutes } from './standards.routes.ts';
export {
  createProjectType,
  currentStandardVersion,
  getProjectType,
  listProjectTypes,
  parseDefinition,
  publishStandardVersion,
  standardVersionById,
  updateProjectType,
} from './standards.service.ts';
export { mayManageStandardsOf } from './standards.policy.ts';
export { DEFAULT_STANDARDS, type DefaultStandard } from './standards.defaults.ts';
export { diffDefinitions, type DefinitionChange } from './standards.diff.ts';
export { StandardDefinitionSchema, RAG_DIMENSIONS, type StandardDefinition } from './standards.definition.ts';

/** Project types are readable by everyone, and so is their history. */
export const standardsVisibility: Record<string, AuditedRecord> = {
  project_type: readableWhileItExists(projectTypes.id, sql`${projectTypes.name}`, [projectTypes.code, projectTypes.name]),
};
