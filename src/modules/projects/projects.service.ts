import type { Actor } from '../../kernel/actor.ts';
import type { Db, Queryable, Tx } from '../../kernel/db.ts';
import { AppError, invalid, notFound, versionConflict } from '../../kernel/errors.ts';
import type { Page, Paged } from '../../kernel/lists.ts';
import { isoInstant, toNumber } from '../../kernel/rows.ts';
import { today } from '../../kernel/dates.ts';
import { transact } from '../../kernel/usecase.ts';
import { isUniqueViolation } from '../../kernel/dberrors.ts';
import { recordAudit } from '../audit/index.ts';
import { assertQualifiedProjectManager } from '../training/index.ts';
import { type StandardDefinition, currentStandardVersion } from '../standards/index.ts';
import { assertMayManageProjectsOf, canSeeProject, projectScopeOf, scopeFilter } from './projects.policy.ts';
import * as repo from './projects.repo.ts';
import { type ProjectDueState, type StatusFilter, parseRagFilter, reportingView } from './projects.status.ts';
import {
  CreateProjectBody,
  type CreateProjectInput,
  type ProjectListFilter,
  type ProjectSummary,
  type ProjectView,
  UpdateProjectBody,
  type UpdateProjectInput,
} from './projects.schema.ts';
import { parseInput } from '../../kernel/validate.ts';

function codeTaken(code: string): AppError {
  return new AppError('ALREADY_EXISTS', `a project with code ${code} exists`, {
    issues: [{ field: 'code', message: 'is taken' }],
  });
}

function phaseOf(definition: StandardDefinition | undefined, key: string) {
  return { key, name: definition?.phases.find((p) => p.key === key)?.name ?? key };
}

const ref = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);

function summaryView(row: repo.ProjectJoined, definition: StandardDefinition | undefined): ProjectSummary {
  const p = row.project;
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    pmo: { id: p.pmoId, name: row.pmoName },
    portfolio: ref(p.portfolioId, row.portfolioName),
    projectType: { id: p.projectTypeId, code: row.typeCode, name: row.typeName },
    standardVersion: row.standardNumber,
    phase: phaseOf(definition, p.phaseKey),
    state: p.state,
    projectManager: ref(p.projectManagerId, row.managerName),
    sponsor: ref(p.sponsorId, row.sponsorName),
    startDate: p.startDate,
    plannedFinishDate: p.plannedFinishDate,
    pastPlannedFinish: isPastPlannedFinish(p),
    budget: toNumber(p.budget),
    version: p.version,
    reporting: reportingView(row),
  };
}

/** A project's record for its audit events: without the reporting status, which its reports move. */
function auditSummary(row: repo.ProjectJoined, definition: StandardDefinition | undefined) {
  const { reporting: _reporting, ...record } = summaryView(row, definition);
  return record;
}

/**
 * A project still open (not closed or terminated) whose planned finish day is over (UTC).
 * @example isPastPlannedFinish({ state: 'active', plannedFinishDate: '2020-01-31' }) // true
 */
export function isPastPlannedFinish(
  project: { state: string; plannedFinishDate: string | null },
  day: string = today(),
): boolean {
  return !CLOSED_STATES.has(project.state) && project.plannedFinishDate !== null && project.plannedFinishDate < day;
}

async function detailView(db: Queryable, row: repo.ProjectJoined): Promise<ProjectView> {
  const p = row.project;
  // Sequential on purpose: `db` may be a transaction, one connection that runs one query at a time.
  const definitions = await repo.definitionsOf(db, [p.standardVersionId]);
  const members = await repo.membersOf(db, p.id);
  const definition = definitions.get(p.standardVersionId) as StandardDefinition | undefined;
  const currentIndex = definition?.phases.findIndex((ph) => ph.key === p.phaseKey) ?? -1;
  return {
    ...summaryView(row, definition),
    description: p.description,
    orgUnit: ref(p.orgUnitId, row.orgUnitName),
    members: members.map((m) => ({ person: { id: m.personId, name: m.personName }, role: m.role })),
    lifecycle: {
      standardVersion: row.standardNumber,
      phases: (definition?.phases ?? []).map((ph, i) => ({
        key: ph.key,
        name: ph.name,
        description: ph.description ?? '',
        status: i < currentIndex ? ('done' as const) : i === currentIndex ? ('current' as const) : ('upcoming' as const),
        current: i === currentIndex,
      })),
      gates: definition?.gates ?? [],
    },
    goAheadAt: isoInstant(p.goAheadAt),
    createdAt: isoInstant(p.createdAt)!,
    updatedAt: isoInstant(p.updatedAt)!,
  };
}

const flag = (value: 'true' | 'false' | undefined) => (value === undefined ? undefined : value === 'true');

/** The list's filters over the status row, from the query. */
export function statusFilterOf(filter: ProjectListFilter): StatusFilter {
  return {
    mismatch: flag(filter.mismatch),
    reported: flag(filter.reported),
    dueStates: filter.dueState ? (filter.dueState.split(',') as ProjectDueState[]) : undefined,
    reportedOverall: filter.reportedOverall,
    computedOverall: filter.computedOverall,
    reportedRag: parseRagFilter(filter.reportedRag),
    computedRag: parseRagFilter(filter.computedRag),
  };
}

/**
 * The list's condition for the actor and the filters, as the list, its count and its export
 * apply it (and the dashboard, which must count what its links open). An executive position
 * narrows to the PMOs reporting to it; visibility still applies on top.
 */
export async function projectListFilter(
  db: Queryable,
  actor: Actor,
  filter: ProjectListFilter,
  day: string = today(),
): Promise<repo.ListFilter> {
  const scope = await projectScopeOf(db, actor);
  return {
    visible: scopeFilter(scope),
    pmoId: filter.pmoId,
    portfolioId: filter.portfolioId,
    state: filter.state,
    phase: filter.phase,
    projectTypeId: filter.projectTypeId,
    managerId: filter.managerId,
    q: filter.q,
    reportingPmoIds: filter.executivePositionId ? await repo.pmosReportingToPosition(db, filter.executivePositionId) : undefined,
    status: statusFilterOf(filter),
    today: day,
  };
}

/**
 * One page of the projects the actor may see, filtered, with how many match in all; every match
 * when `page` is null (an export). Paged in SQL: the count has the page's WHERE, visibility included.
 */
export async function listProjects(
  db: Queryable,
  actor: Actor,
  filter: ProjectListFilter = {},
  page: Page | null = null,
): Promise<Paged<ProjectSummary>> {
  // One after the other: `db` may be a transaction, one connection.
  const condition = await projectListFilter(db, actor, filter);
  const rows = await repo.listProjects(db, condition, page);
  const total = page ? await repo.countProjects(db, condition) : rows.length;
  const definitions = await repo.definitionsOf(db, [...new Set(rows.map((r) => r.project.standardVersionId))]);
  return {
    items: rows.map((r) => summaryView(r, definitions.get(r.project.standardVersionId) as StandardDefinition | undefined)),
    total,
  };
}

/** One project with its members and the lifecycle of its bound standard version; 404 when not visible. */
export async function getProject(db: Queryable, actor: Actor, id: string): Promise<ProjectView> {
  if (!(await canSeeProject(db, actor, id))) throw notFound('project', id);
  const row = await repo.findProject(db, id);
  if (!row) throw notFound('project', id);
  return detailView(db, row);
}

interface References {
  pmoId: string;
  portfolioId?: string | null;
  orgUnitId?: string | null;
  projectManagerId?: string | null;
  sponsorId?: string | null;
  startDate?: string | null;
  plannedFinishDate?: string | null;
}

/** Foreign ids must exist (422 naming the field, never an FK violation) and fit the PMO. */
async function checkReferences(db: Queryable, refs: References, lineage: string[]): Promise<void> {
  if (refs.portfolioId) {
    const portfolio = await repo.findPortfolio(db, refs.portfolioId);
    if (!portfolio) throw invalid('portfolioId', 'no such portfolio');
    if (!lineage.includes(portfolio.pmoId))
      throw invalid('portfolioId', "belongs to a PMO that does not govern the project's PMO");
  }
  if (refs.orgUnitId && !(await repo.orgUnitExists(db, refs.orgUnitId))) throw invalid('orgUnitId', 'no such org unit');
  const personIds = [refs.projectManagerId, refs.sponsorId].filter((v): v is string => Boolean(v));
  const found = await repo.existingPeople(db, personIds);
  if (refs.projectManagerId && !found.has(refs.projectManagerId)) throw invalid('projectManagerId', 'no such person');
  if (refs.sponsorId && !found.has(refs.sponsorId)) throw invalid('sponsorId', 'no such person');
  // Separation of duties: the sponsor holds the project manager to account.
  if (refs.projectManagerId && refs.projectManagerId === refs.sponsorId)
    throw invalid('sponsorId', 'must not be the project manager');
  if (refs.startDate && refs.plannedFinishDate && refs.plannedFinishDate < refs.startDate) {
    throw invalid('plannedFinishDate', 'must not be before the start date');
  }
}

/**
 * Creates a project record bound to the CURRENT version of its type's standard, in the first
 * phase unless another is given. The project manager and sponsor become project members.
 */
export async function createProject(db: Db, actor: Actor, raw: CreateProjectInput): Promise<ProjectView> {
  try {
    return await transact(db, ({ tx }) => createProjectInTx(tx, actor, raw));
  } catch (err) {
    if (isUniqueViolation(err)) throw codeTaken((raw as { code?: string }).code ?? '');
    throw err;
  }
}

export interface CreateProjectOptions {
  /** Set when the project is created by an approved initiation request: its go-ahead. */
  goAheadAt?: Date;
  /** The audit reason, e.g. the request that led to the project. */
  reason?: string;
}

/**
 * The same use case inside the caller's transaction: the approval of an initiation request
 * creates the project, its baseline and its allocations in one transaction.
 */
export async function createProjectInTx(
  tx: Tx,
  actor: Actor,
  raw: CreateProjectInput,
  options: CreateProjectOptions = {},
): Promise<ProjectView> {
  const input = parseInput(CreateProjectBody, raw);
  if (!(await repo.pmoExists(tx, input.pmoId))) throw invalid('pmoId', 'no such PMO');
  await assertMayManageProjectsOf(tx, actor, input.pmoId);
  if (await repo.findProjectByCode(tx, input.code)) throw codeTaken(input.code);
  const standard = await currentStandardVersion(tx, input.projectTypeId);
  if (!standard) throw invalid('projectTypeId', 'no such project type');
  const lineage = await repo.pmoLineage(tx, input.pmoId);
  if (!lineage.includes(standard.pmoId))
    throw invalid('projectTypeId', "is a standard of a PMO that does not govern the project's PMO");
  await checkReferences(tx, input, lineage);
  const phaseKey = input.phaseKey ?? standard.definition.phases[0]!.key;
  if (!standard.definition.phases.some((p) => p.key === phaseKey)) {
    throw invalid('phaseKey', `is not a phase of the lifecycle (${standard.definition.phases.map((p) => p.key).join(', ')})`);
  }
  // Nobody manages a project of a type without the training the type requires.
  if (input.projectManagerId) await assertQualifiedProjectManager(tx, input.projectManagerId, input.projectTypeId, today());
  const row = await repo.insertProject(tx, {
    code: input.code,
    name: input.name,
    description: input.description ?? null,
    pmoId: input.pmoId,
    portfolioId: input.portfolioId ?? null,
    orgUnitId: input.orgUnitId ?? null,
    projectTypeId: input.projectTypeId,
    standardVersionId: standard.id,
    phaseKey,
    projectManagerId: input.projectManagerId ?? null,
    sponsorId: input.sponsorId ?? null,
    startDate: input.startDate ?? null,
    plannedFinishDate: input.plannedFinishDate ?? null,
    budget: input.budget.toFixed(2),
    goAheadAt: options.goAheadAt ?? null,
  });
  if (row.projectManagerId) await repo.addMember(tx, row.id, row.projectManagerId, 'project_manager');
  if (row.sponsorId) await repo.addMember(tx, row.id, row.sponsorId, 'sponsor');
  const view = await detailView(tx, (await repo.findProject(tx, row.id))!);
  const { lifecycle: _lifecycle, reporting: _reporting, ...record } = view;
  await recordAudit(tx, actor, {
    entityType: 'project',
    entityId: row.id,
    action: 'project.created',
    after: { ...record, standardVersionId: standard.id },
    reason: options.reason ?? null,
  });
  return view;
}

const CLOSED_STATES = new Set(['closed', 'terminated']);

/**
 * Edits a project record: name, description, portfolio, org unit, manager, sponsor and dates.
 * State, phase, budget and baseline change only through their workflows.
 */
export async function updateProject(db: Db, actor: Actor, id: string, raw: UpdateProjectInput): Promise<ProjectView> {
  const input = parseInput(UpdateProjectBody, raw);
  return transact(db, async ({ tx }) => {
    if (!(await canSeeProject(tx, actor, id))) throw notFound('project', id);
    const before = await repo.findProject(tx, id);
    if (!before) throw notFound('project', id);
    const p = before.project;
    await assertMayManageProjectsOf(tx, actor, p.pmoId);
    if (CLOSED_STATES.has(p.state))
      throw new AppError('INVALID_STATE', `project ${p.code} is ${p.state}; its record is read-only`);
    const next = {
      portfolioId: input.portfolioId === undefined ? p.portfolioId : input.portfolioId,
      orgUnitId: input.orgUnitId === undefined ? p.orgUnitId : input.orgUnitId,
      projectManagerId: input.projectManagerId === undefined ? p.projectManagerId : input.projectManagerId,
      sponsorId: input.sponsorId === undefined ? p.sponsorId : input.sponsorId,
      startDate: input.startDate === undefined ? p.startDate : input.startDate,
      plannedFinishDate: input.plannedFinishDate === undefined ? p.plannedFinishDate : input.plannedFinishDate,
    };
    await checkReferences(
      tx,
      {
        pmoId: p.pmoId,
        ...next,
        // Check only what changes: a portfolio moved since must not block an unrelated edit.
        portfolioId: next.portfolioId !== p.portfolioId ? next.portfolioId : null,
      },
      await repo.pmoLineage(tx, p.pmoId),
    );
    if (next.projectManagerId && next.projectManagerId !== p.projectManagerId) {
      // A new project manager must hold the training the project type requires.
      await assertQualifiedProjectManager(tx, next.projectManagerId, p.projectTypeId, today());
    }
    const row = await repo.updateProject(tx, id, input.version, {
      name: input.name,
      description: input.description,
      ...next,
    });
    if (!row) throw versionConflict('project', id, input.version);
    if (row.projectManagerId !== p.projectManagerId) {
      if (p.projectManagerId) await repo.removeMember(tx, id, p.projectManagerId, 'project_manager');
      if (row.projectManagerId) await repo.addMember(tx, id, row.projectManagerId, 'project_manager');
    }
    if (row.sponsorId !== p.sponsorId) {
      if (p.sponsorId) await repo.removeMember(tx, id, p.sponsorId, 'sponsor');
      if (row.sponsorId) await repo.addMember(tx, id, row.sponsorId, 'sponsor');
    }
    const after = await repo.findProject(tx, id);
    const definitions = await repo.definitionsOf(tx, [p.standardVersionId]);
    const definition = definitions.get(p.standardVersionId) as StandardDefinition | undefined;
    await recordAudit(tx, actor, {
      entityType: 'project',
      entityId: id,
      action: 'project.updated',
      before: { ...auditSummary(before, definition), description: p.description, orgUnitId: p.orgUnitId },
      after: { ...auditSummary(after!, definition), description: row.description, orgUnitId: row.orgUnitId },
    });
    return detailView(tx, after!);
  });
}

/** The standard version a project is bound to, with its current phase: what later workflows check against. */
export async function projectStandard(
  db: Queryable,
  projectId: string,
): Promise<
  { projectId: string; pmoId: string; standardVersionId: string; phaseKey: string; definition: StandardDefinition } | undefined
> {
  const row = await repo.findProject(db, projectId);
  if (!row) return undefined;
  const definitions = await repo.definitionsOf(db, [row.project.standardVersionId]);
  return {
    projectId,
    pmoId: row.project.pmoId,
    standardVersionId: row.project.standardVersionId,
    phaseKey: row.project.phaseKey,
    definition: definitions.get(row.project.standardVersionId) as StandardDefinition,
  };
}
