import type { Actor } from '../../kernel/actor.ts';
import type { Db, Queryable } from '../../kernel/db.ts';
import { AppError, invalid, notFound, versionConflict } from '../../kernel/errors.ts';
import { isoInstant } from '../../kernel/rows.ts';
import { transact } from '../../kernel/usecase.ts';
import { parseInput } from '../../kernel/validate.ts';
import { isUniqueViolation } from '../../kernel/dberrors.ts';
import { recordAudit } from '../audit/index.ts';
import { type StandardDefinition, StandardDefinitionSchema } from './standards.definition.ts';
import { diffDefinitions } from './standards.diff.ts';
import { assertMayManageStandardsOf } from './standards.policy.ts';
import * as repo from './standards.repo.ts';
import type {
  CreateProjectTypeInput,
  ProjectTypeSummary,
  ProjectTypeView,
  PublishVersionInput,
  StandardDiffView,
  StandardVersionView,
  UpdateProjectTypeInput,
} from './standards.schema.ts';

/**
 * Validates a definition also when a use case is called without HTTP (seed, CLI, import), so
 * nothing unchecked is ever published. Issues are named from the body: `definition.gates.0.quorum`.
 */
export function parseDefinition(raw: unknown, field = 'definition'): StandardDefinition {
  return parseInput(StandardDefinitionSchema, raw, field);
}

function codeTaken(code: string): AppError {
  return new AppError('ALREADY_EXISTS', `a project type with code ${code} exists`, {
    issues: [{ field: 'code', message: 'is taken' }],
  });
}

function summaryView(
  row: repo.ProjectTypeWithPmo,
  current: repo.StandardVersionRow | undefined,
  counts: Map<number, number> | undefined,
): ProjectTypeSummary {
  const definition = current?.definition as StandardDefinition | undefined;
  const projectsByVersion = [...(counts ?? new Map<number, number>())]
    .map(([number, projectCount]) => ({ number, projectCount }))
    .sort((a, b) => a.number - b.number);
  return {
    id: row.type.id,
    code: row.type.code,
    name: row.type.name,
    description: row.type.description,
    pmoId: row.type.pmoId,
    pmo: { id: row.type.pmoId, name: row.pmoName },
    currentVersion: row.type.currentVersion,
    phaseCount: definition?.phases.length ?? 0,
    projectCount: projectsByVersion.reduce((sum, v) => sum + v.projectCount, 0),
    projectsByVersion,
    version: row.type.version,
  };
}

/** Every project type with its owning PMO, current version and the projects bound per version. */
export async function listProjectTypes(db: Queryable): Promise<ProjectTypeSummary[]> {
  const rows = await repo.listTypes(db);
  const ids = rows.map((r) => r.type.id);
  // Sequential on purpose: `db` may be a transaction, one connection that runs one query at a time.
  const current = await repo.currentVersions(db, ids);
  const counts = await repo.projectCounts(db, ids);
  return rows.map((r) => summaryView(r, current.get(r.type.id), counts.get(r.type.id)));
}

/** One project type with its current definition and the list of its versions. */
export async function getProjectType(db: Queryable, id: string): Promise<ProjectTypeView> {
  const row = await repo.findType(db, id);
  if (!row) throw notFound('project type', id);
  const current = await repo.findVersion(db, id, row.type.currentVersion);
  const counts = await repo.projectCounts(db, [id]);
  const versions = await repo.versionsOf(db, id);
  if (!current) throw new Error(`project type ${id} has no version ${row.type.currentVersion}`);
  const perVersion = counts.get(id);
  return {
    ...summaryView(row, current, perVersion),
    definition: current.definition as StandardDefinition,
    versions: versions.map((v) => ({
      number: v.number,
      publishedAt: isoInstant(v.publishedAt)!,
      publishedBy: v.publishedBy,
      note: v.note,
      projectCount: perVersion?.get(v.number) ?? 0,
    })),
    createdAt: isoInstant(row.type.createdAt)!,
    updatedAt: isoInstant(row.type.updatedAt)!,
  };
}

async function versionView(
  db: Queryable,
  type: repo.ProjectTypeRow,
  version: repo.StandardVersionRow,
): Promise<StandardVersionView> {
  const counts = await repo.projectCounts(db, [type.id]);
  return {
    projectTypeId: type.id,
    number: version.number,
    current: version.number === type.currentVersion,
    publishedAt: isoInstant(version.publishedAt)!,
    publishedBy: version.publishedBy,
    note: version.note,
    projectCount: counts.get(type.id)?.get(version.number) ?? 0,
    definition: version.definition as StandardDefinition,
  };
}

/** One published version of a project type's standard, current or past. */
export async function getStandardVersion(db: Queryable, projectTypeId: string, number: number): Promise<StandardVersionView> {
  const row = await repo.findType(db, projectTypeId);
  if (!row) throw notFound('project type', projectTypeId);
  const version = await repo.findVersion(db, projectTypeId, number);
  if (!version) throw notFound('standard version', `${row.type.code} v${number}`);
  return versionView(db, row.type, version);
}

/** What version `number` changed compared with `against` (by default the version before it). */
export async function diffStandardVersion(
  db: Queryable,
  projectTypeId: string,
  number: number,
  against?: number,
): Promise<StandardDiffView> {
  const row = await repo.findType(db, projectTypeId);
  if (!row) throw notFound('project type', projectTypeId);
  const target = await repo.findVersion(db, projectTypeId, number);
  if (!target) throw notFound('standard version', `${row.type.code} v${number}`);
  const from = against ?? (number > 1 ? number - 1 : null);
  if (from === null) return { projectTypeId, from: null, to: number, changes: [] };
  const base = await repo.findVersion(db, projectTypeId, from);
  if (!base) throw invalid('against', `version ${from} does not exist`);
  return { projectTypeId, from, to: number, changes: diffDefinitions(base.definition, target.definition) };
}

/** Creates a project type owned by a PMO, with version 1 of its standard. */
export async function createProjectType(db: Db, actor: Actor, input: CreateProjectTypeInput): Promise<ProjectTypeView> {
  const definition = parseDefinition(input.definition);
  if (!(await repo.findPmo(db, input.pmoId))) throw invalid('pmoId', 'no such PMO');
  await assertMayManageStandardsOf(db, actor, input.pmoId);
  if (await repo.findTypeByCode(db, input.code)) throw codeTaken(input.code);
  try {
    return await transact(db, async ({ tx }) => {
      const type = await repo.insertType(tx, {
        pmoId: input.pmoId,
        code: input.code,
        name: input.name,
        description: input.description ?? null,
        currentVersion: 1,
      });
      const version = await repo.insertVersion(tx, {
        projectTypeId: type.id,
        number: 1,
        definition,
        note: input.note ?? null,
        publishedBy: actor.email,
      });
      await recordAudit(tx, actor, {
        entityType: 'project_type',
        entityId: type.id,
        action: 'project_type.created',
        after: {
          code: type.code,
          name: type.name,
          description: type.description,
          pmoId: type.pmoId,
          currentVersion: 1,
          standardVersionId: version.id,
          note: version.note,
        },
      });
      return getProjectType(tx, type.id);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw codeTaken(input.code);
    throw err;
  }
}

/** Edits a project type's name and description; its standard changes only by publishing a version. */
export async function updateProjectType(
  db: Db,
  actor: Actor,
  id: string,
  input: UpdateProjectTypeInput,
): Promise<ProjectTypeView> {
  return transact(db, async ({ tx }) => {
    const before = await repo.findType(tx, id);
    if (!before) throw notFound('project type', id);
    await assertMayManageStandardsOf(tx, actor, before.type.pmoId);
    const row = await repo.updateType(tx, id, input.version, { name: input.name, description: input.description });
    if (!row) throw versionConflict('project type', id, input.version);
    await recordAudit(tx, actor, {
      entityType: 'project_type',
      entityId: id,
      action: 'project_type.updated',
      before: { name: before.type.name, description: before.type.description, version: before.type.version },
      after: { name: row.name, description: row.description, version: row.version },
    });
    return getProjectType(tx, id);
  });
}

/**
 * Publishes version N+1 of a project type's standard. Versions are immutable: projects keep the
 * version they are bound to. `basedOnVersion` must be the current version, so two PMO staff
 * editing the same standard cannot silently overwrite each other (409 VERSION_CONFLICT).
 */
export async function publishStandardVersion(
  db: Db,
  actor: Actor,
  projectTypeId: string,
  input: PublishVersionInput,
): Promise<StandardVersionView> {
  const definition = parseDefinition(input.definition);
  return transact(db, async ({ tx }) => {
    const type = await repo.lockType(tx, projectTypeId);
    if (!type) throw notFound('project type', projectTypeId);
    await assertMayManageStandardsOf(tx, actor, type.pmoId);
    if (input.basedOnVersion !== type.currentVersion) {
      throw new AppError(
        'VERSION_CONFLICT',
        `version ${type.currentVersion} of ${type.code} was published since version ${input.basedOnVersion}; review it and try again`,
        { expectedVersion: input.basedOnVersion, currentVersion: type.currentVersion },
      );
    }
    const current = await repo.findVersion(tx, projectTypeId, type.currentVersion);
    const changes = diffDefinitions(current?.definition, definition);
    if (changes.length === 0) throw invalid('definition', `is the same as version ${type.currentVersion}`);
    const number = type.currentVersion + 1;
    const version = await repo.insertVersion(tx, {
      projectTypeId,
      number,
      definition,
      note: input.note ?? null,
      publishedBy: actor.email,
    });
    const updated = await repo.updateType(tx, projectTypeId, type.version, { currentVersion: number });
    if (!updated) throw versionConflict('project type', projectTypeId, type.version);
    await recordAudit(tx, actor, {
      entityType: 'project_type',
      entityId: projectTypeId,
      action: 'standard.published',
      before: { currentVersion: type.currentVersion },
      after: {
        currentVersion: number,
        standardVersionId: version.id,
        note: version.note,
        changedPaths: changes.map((c) => c.path),
      },
      reason: input.note ?? null,
    });
    return versionView(tx, updated, version);
  });
}

/** A standard version by id, for modules that work with a project's bound version. */
export async function standardVersionById(
  db: Queryable,
  id: string,
): Promise<{ id: string; projectTypeId: string; number: number; definition: StandardDefinition } | undefined> {
  const row = await repo.findVersionById(db, id);
  return (
    row && { id: row.id, projectTypeId: row.projectTypeId, number: row.number, definition: row.definition as StandardDefinition }
  );
}

/** The current version of a project type's standard (what a new project is bound to). */
export async function currentStandardVersion(
  db: Queryable,
  projectTypeId: string,
): Promise<{ id: string; projectTypeId: string; number: number; definition: StandardDefinition; pmoId: string } | undefined> {
  const type = await repo.findType(db, projectTypeId);
  if (!type) return undefined;
  const row = await repo.findVersion(db, projectTypeId, type.type.currentVersion);
  return (
    row && {
      id: row.id,
      projectTypeId,
      number: row.number,
      definition: row.definition as StandardDefinition,
      pmoId: type.type.pmoId,
    }
  );
}
