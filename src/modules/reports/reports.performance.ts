import type { Actor } from '../../kernel/actor.ts';
import type { Queryable } from '../../kernel/db.ts';
import { isoInstant } from '../../kernel/rows.ts';
import type { StandardDefinition } from '../standards/index.ts';
import type { BaselineVersionRow, SubmittedVersionRow } from './reports.performance.repo.ts';
import * as repo from './reports.performance.repo.ts';
import type { PerformancePoint, ProjectPerformance } from './reports.performance.schema.ts';
import { mayKeepMilestonesOf } from './reports.policy.ts';
import { visibleProject } from './reports.service.ts';

/**
 * The project's performance over time for its charts: the baseline in force now with its planned
 * value curve, the versions it replaced (to mark each re-baseline), and the earned value stored
 * with each period's latest submitted report. Nothing is recomputed here: a report's figures are
 * those it was submitted with, against the baseline in force at its status date.
 */

/** A stored figure as the API gives it: a finite number, or null (never NaN or Infinity). */
export function finiteOrNull(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

function baselineView(row: BaselineVersionRow) {
  const setAt = isoInstant(row.createdAt)!;
  return {
    id: row.id,
    number: row.number,
    bac: finiteOrNull(row.bac) ?? 0,
    setAt,
    setOn: setAt.slice(0, 10),
    reason: row.reason,
  };
}

/** One chart point from a stored report version; `baselines` names the version its figures used. */
export function performancePoint(row: SubmittedVersionRow, baselines: ReadonlyMap<string, number>): PerformancePoint {
  const evm = (row.evm ?? {}) as Record<string, unknown>;
  return {
    reportId: row.id,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    revision: row.revision,
    state: row.outcome ?? 'submitted',
    asOf: row.asOf,
    baselineNumber: row.baselineId ? (baselines.get(row.baselineId) ?? null) : null,
    bac: finiteOrNull(evm.bac),
    pv: finiteOrNull(evm.pv),
    ev: finiteOrNull(evm.ev),
    ac: finiteOrNull(evm.ac),
    spi: finiteOrNull(evm.spi),
    cpi: finiteOrNull(evm.cpi),
    eac: finiteOrNull(evm.eac),
  };
}

/**
 * Assembles the reply from the rows (pure): the newest baseline is the one in force now; the
 * latest EAC is that of the last point by status date.
 */
export function assemblePerformance(input: {
  projectId: string;
  baselines: readonly BaselineVersionRow[];
  versions: readonly SubmittedVersionRow[];
  tolerances: StandardDefinition['tolerances'];
  canEditMilestones: boolean;
}): ProjectPerformance {
  const byNumber = [...input.baselines].sort((a, b) => a.number - b.number);
  const current = byNumber[byNumber.length - 1];
  const numbers = new Map(byNumber.map((b) => [b.id, b.number]));
  const points = input.versions.map((v) => performancePoint(v, numbers));
  const curve = current
    ? ((current.curve ?? []) as { date: string; plannedValue: unknown }[]).map((p) => ({
        date: p.date,
        plannedValue: finiteOrNull(p.plannedValue) ?? 0,
      }))
    : [];
  const bac = current ? baselineView(current).bac : null;
  return {
    projectId: input.projectId,
    baseline: current ? { ...baselineView(current), curve } : null,
    earlierBaselines: byNumber.slice(0, -1).map(baselineView),
    bac,
    eac: points.length ? points[points.length - 1]!.eac : null,
    points,
    tolerances: { spi: { ...input.tolerances.spi }, cpi: { ...input.tolerances.cpi } },
    canEditMilestones: input.canEditMilestones,
  };
}

/** GET /projects/{id}/performance: 404 when the actor may not see the project. */
export async function getProjectPerformance(db: Queryable, actor: Actor, projectId: string): Promise<ProjectPerformance> {
  const rp = await visibleProject(db, actor, projectId);
  // One after the other: `db` may be a transaction, one connection.
  const baselines = await repo.baselineVersions(db, projectId);
  const versions = await repo.latestSubmittedPerPeriod(db, projectId);
  const open = rp.project.state !== 'closed' && rp.project.state !== 'terminated';
  const canEditMilestones = open && (await mayKeepMilestonesOf(db, actor, rp.project));
  return assemblePerformance({ projectId, baselines, versions, tolerances: rp.definition.tolerances, canEditMilestones });
}
