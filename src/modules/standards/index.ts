/** Project types and their versioned standards: lifecycle, gates, reporting, tolerances, risk matrix. */
import type { RecordVisibility } from '../audit/index.ts';
import { findType } from './standards.repo.ts';

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Project types are readable by everyone, and so is their history. */
export const standardsVisibility: Record<string, RecordVisibility> = {
  project_type: async (db, _actor, id) => UUID.test(id) && Boolean(await findType(db, id)),
};
