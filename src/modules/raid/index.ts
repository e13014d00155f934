/**
 * Risks and issues: a register of each per project, risks scored on the risk matrix of the
 * project's standard version with their reassessments kept, a risk that occurs becoming an issue,
 * and the escalation flag the PMO's queue reads.
 */
import { type AnyColumn, ilike, or, sql } from 'drizzle-orm';
import { type AuditedRecord, fieldNamedInEvents, idAmong, idsWhoseEventsName, isUuid, namesFrom } from '../audit/index.ts';
import { canSeeProject, visibleProjectFilter } from '../projects/index.ts';
import { projects } from '../projects/projects.tables.ts';
import * as repo from './raid.repo.ts';
import { escalations, issues, risks } from './raid.tables.ts';

export { raidRoutes } from './raid.routes.ts';
/** Use cases of the registers (each one transaction with its audit events). */
export {
  listRisks,
  getRisk,
  createRisk,
  updateRisk,
  occurRisk,
  listIssues,
  getIssue,
  createIssue,
  updateIssue,
} from './raid.service.ts';
/** The escalation queue and its moves: guidance, acknowledgement, closing. */
export {
  listEscalations,
  getEscalation,
  guideEscalation,
  acknowledgeEscalation,
  closeEscalation,
} from './raid.escalations.ts';
/** Risk scores on a matrix: `scoreRisk(matrix, probability, impact)`. */
export { scoreRisk, scoreIssues, type RiskScore, type RiskMatrix } from './raid.scoring.ts';
export type { RiskView, RiskDetailView, IssueView } from './raid.schema.ts';

const projectIds = (where: ReturnType<typeof sql> | undefined) =>
  sql`SELECT ${projects.id}::text FROM ${projects}${where ? sql` WHERE ${where}` : sql``}`;
const projectsMatching = (pattern: string) => projectIds(or(ilike(projects.code, pattern), ilike(projects.name, pattern)));

/** A register entry's history is visible to whoever may see its project (its events name the project, which never changes). */
function registerEntry(
  entityType: 'risk' | 'issue' | 'escalation',
  find: (db: Parameters<AuditedRecord['canSee']>[0], id: string) => Promise<{ projectId: string } | undefined>,
  idColumn: AnyColumn,
  name: ReturnType<typeof sql>,
  title: AnyColumn,
): AuditedRecord {
  return {
    canSee: async (db, actor, id) => {
      if (!isUuid(id)) return false;
      const row = await find(db, id);
      const projectId = row ? row.projectId : await fieldNamedInEvents(db, entityType, id, 'projectId');
      return projectId !== null && (await canSeeProject(db, actor, projectId));
    },
    visibleWhere: async (db, actor, id) => {
      const condition = await visibleProjectFilter(db, actor);
      return condition && idsWhoseEventsName(id, entityType, 'projectId', projectIds(condition));
    },
    names: (db, ids) => namesFrom(db, idColumn, name, ids),
    matching: (id, pattern) =>
      or(
        idAmong(id, idColumn, ilike(title, pattern)),
        idsWhoseEventsName(id, entityType, 'projectId', projectsMatching(pattern)),
      )!,
  };
}

export const raidVisibility: Record<string, AuditedRecord> = {
  escalation: registerEntry(
    'escalation',
    repo.findEscalation,
    escalations.id,
    sql`(SELECT ${projects.code} FROM ${projects} WHERE ${projects.id} = ${escalations.projectId}) || ' · escalation of ' || ${escalations.summary}`,
    escalations.summary,
  ),
  risk: registerEntry(
    'risk',
    repo.findRisk,
    risks.id,
    sql`(SELECT ${projects.code} FROM ${projects} WHERE ${projects.id} = ${risks.projectId}) || ' · R-' || ${risks.number}::text || ' ' || ${risks.title}`,
    risks.title,
  ),
  issue: registerEntry(
    'issue',
    repo.findIssue,
    issues.id,
    sql`(SELECT ${projects.code} FROM ${projects} WHERE ${projects.id} = ${issues.projectId}) || ' · I-' || ${issues.number}::text || ' ' || ${issues.title}`,
    issues.title,
  ),
};
