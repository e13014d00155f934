import { desc, eq } from 'drizzle-orm';
import type { Actor } from '../../kernel/actor.ts';
import type { Db, Queryable, Tx } from '../../kernel/db.ts';
import { AppError, notFound, validationFailed } from '../../kernel/errors.ts';
import { toNumber } from '../../kernel/rows.ts';
import { transact } from '../../kernel/usecase.ts';
import { recordAudit } from '../audit/index.ts';
import { projectBaselines } from './baselines.tables.ts';
import { type CurvePoint, checkCurve } from './baselines.curve.ts';
import { assertMayManageProjectsOf, canSeeProject } from './projects.policy.ts';
import * as repo from './projects.repo.ts';

export interface BaselineView {
  projectId: string;
  number: number;
  bac: number;
  curve: CurvePoint[];
  reason: string | null;
  setBy: string;
  createdAt: string;
}

type BaselineRow = typeof projectBaselines.$inferSelect;

function view(row: BaselineRow): BaselineView {
  return {
    projectId: row.projectId,
    number: row.number,
    bac: toNumber(row.bac),
    curve: row.curve as CurvePoint[],
    reason: row.reason,
    setBy: row.setBy,
    createdAt: row.createdAt.toISOString(),
  };
}

export interface SetBaselineInput {
  bac: number;
  curve: CurvePoint[];
  reason?: string | null;
}

/**
 * Sets a new baseline version (1, 2, …) and makes the project's budget its BAC. Inside the
 * caller's transaction: the approval of a request and of a re-baseline change both use it.
 * `checkAccess: false` is for callers that have already decided who may do this.
 */
export async function setBaselineInTx(
  tx: Tx,
  actor: Actor,
  projectId: string,
  input: SetBaselineInput,
  options: { checkAccess?: boolean } = {},
): Promise<BaselineView> {
  // The project row is the lock: two baselines of one project are numbered one after the other.
  const project = await repo.lockProject(tx, projectId);
  if (!project) throw notFound('project', projectId);
  if (options.checkAccess !== false) {
    if (!(await canSeeProject(tx, actor, projectId))) throw notFound('project', projectId);
    await assertMayManageProjectsOf(tx, actor, project.pmoId);
  }
  if (project.state === 'closed' || project.state === 'terminated') {
    throw new AppError('INVALID_STATE', `project ${project.code} is ${project.state}: its baseline cannot change`);
  }
  const issues = checkCurve(input.bac, input.curve);
  if (issues.length) throw validationFailed(issues);
  const [latest] = await tx
    .select({ number: projectBaselines.number })
    .from(projectBaselines)
    .where(eq(projectBaselines.projectId, projectId))
    .orderBy(desc(projectBaselines.number))
    .limit(1);
  const previous = latest ? await currentBaseline(tx, projectId) : null;
  const [row] = await tx
    .insert(projectBaselines)
    .values({
      projectId,
      number: (latest?.number ?? 0) + 1,
      bac: input.bac.toFixed(2),
      curve: input.curve,
      reason: input.reason ?? null,
      setBy: actor.email,
    })
    .returning();
  await repo.setBudget(tx, projectId, input.bac.toFixed(2));
  const after = view(row!);
  await recordAudit(tx, actor, {
    entityType: 'project',
    entityId: projectId,
    action: 'project.baseline_set',
    before: previous,
    after,
    reason: input.reason ?? null,
  });
  return after;
}

/**
 * Moves the project's planned finish inside the caller's transaction (the approval of a
 * re-baseline), audited with its reason. The caller has decided who may do this.
 */
export async function setPlannedFinishInTx(
  tx: Tx,
  actor: Actor,
  projectId: string,
  finish: string,
  reason: string,
): Promise<void> {
  const project = await repo.lockProject(tx, projectId);
  if (!project) throw notFound('project', projectId);
  if (project.plannedFinishDate === finish) return;
  const row = await repo.updateProject(tx, projectId, project.version, { plannedFinishDate: finish });
  if (!row) throw new AppError('VERSION_CONFLICT', `project ${project.code} changed meanwhile`);
  await recordAudit(tx, actor, {
    entityType: 'project',
    entityId: projectId,
    action: 'project.updated',
    before: { plannedFinishDate: project.plannedFinishDate },
    after: { plannedFinishDate: finish },
    reason,
  });
}

/** PUT /projects/{id}/baseline: a new baseline version, by a lead of the governing PMO. */
export async function setBaseline(db: Db, actor: Actor, projectId: string, input: SetBaselineInput): Promise<BaselineView> {
  return transact(db, ({ tx }) => setBaselineInTx(tx, actor, projectId, input));
}

export async function currentBaseline(db: Queryable, projectId: string): Promise<BaselineView | null> {
  const [row] = await db
    .select()
    .from(projectBaselines)
    .where(eq(projectBaselines.projectId, projectId))
    .orderBy(desc(projectBaselines.number))
    .limit(1);
  return row ? view(row) : null;
}

export async function getBaselines(
  db: Db,
  actor: Actor,
  projectId: string,
): Promise<{ current: BaselineView | null; versions: BaselineView[] }> {
  if (!(await canSeeProject(db, actor, projectId))) throw notFound('project', projectId);
  const rows = await db
    .select()
    .from(projectBaselines)
    .where(eq(projectBaselines.projectId, projectId))
    .orderBy(desc(projectBaselines.number));
  const versions = rows.map(view);
  return { current: versions[0] ?? null, versions };
}
