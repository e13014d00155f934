import type { Actor } from '../../kernel/actor.ts';
import type { Db, Queryable, Tx } from '../../kernel/db.ts';
import { daysBetween } from '../../kernel/dates.ts';
import { AppError, type FieldIssue, invalid, notFound, validationFailed, versionConflict } from '../../kernel/errors.ts';
import { type Page, type Paged, slicePage } from '../../kernel/lists.ts';
import { isoInstant } from '../../kernel/rows.ts';
import { transact } from '../../kernel/usecase.ts';
import { parseInput } from '../../kernel/validate.ts';
import { recordAudit } from '../audit/index.ts';
import { mayKeepMilestonesOf } from './reports.policy.ts';
import * as repo from './reports.repo.ts';
import {
  CreateMilestoneBody,
  type CreateMilestoneInput,
  type MilestoneTrend,
  type MilestoneView,
  UpdateMilestoneBody,
  type UpdateMilestoneInput,
} from './reports.schema.ts';
import { lockVisibleProject, visibleProject } from './reports.service.ts';

/** A project's key milestones: kept by its manager and its PMO, forecast in every status report. */

function view(row: repo.MilestoneRow, latest: Map<string, string>): MilestoneView {
  const forecast = latest.get(row.id) ?? null;
  const against = row.achievedOn ?? forecast;
  return {
    id: row.id,
    projectId: row.projectId,
    name: row.name,
    baselineDate: row.baselineDate,
    gateKey: row.gateKey,
    deliverableKey: row.deliverableKey,
    achievedOn: row.achievedOn,
    latestForecast: forecast,
    slipDays: against ? daysBetween(row.baselineDate, against) : null,
    version: row.version,
    createdAt: isoInstant(row.createdAt)!,
    updatedAt: isoInstant(row.updatedAt)!,
  };
}

/** The milestones of a project, by baseline date. */
export async function listMilestones(
  db: Queryable,
  actor: Actor,
  projectId: string,
  page: Page | null = null,
): Promise<Paged<MilestoneView>> {
  await visibleProject(db, actor, projectId);
  const rows = await repo.listMilestones(db, projectId);
  const latest = await repo.latestForecasts(db, projectId);
  return slicePage(
    rows.map((r) => view(r, latest)),
    page,
  );
}

async function visibleMilestone(db: Queryable, projectId: string, milestoneId: string): Promise<repo.MilestoneRow> {
  const row = await repo.findMilestone(db, milestoneId);
  if (!row || row.projectId !== projectId) throw notFound('milestone', milestoneId);
  return row;
}

export async function getMilestone(db: Queryable, actor: Actor, projectId: string, milestoneId: string): Promise<MilestoneView> {
  await visibleProject(db, actor, projectId);
  const row = await visibleMilestone(db, projectId, milestoneId);
  return view(row, await repo.latestForecasts(db, projectId));
}

/** The gate and deliverable must be the standard version's; a deliverable belongs to the gate named. */
function referenceIssues(rp: repo.ReportingProject, gateKey: string | null, deliverableKey: string | null): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const gates = rp.definition.gates;
  const gate = gateKey ? gates.find((g) => g.key === gateKey) : undefined;
  if (gateKey && !gate) {
    issues.push({ field: 'gateKey', message: `is not a gate of the project's standard (${gates.map((g) => g.key).join(', ')})` });
  }
  if (deliverableKey) {
    const among = gate ? [gate] : gates;
    if (!among.some((g) => g.deliverables.some((d) => d.key === deliverableKey))) {
      issues.push({
        field: 'deliverableKey',
        message: gate ? `is not a deliverable of the gate ${gate.key}` : "is not a deliverable of the project's standard",
      });
    }
  }
  return issues;
}

async function lockForMilestones(tx: Parameters<typeof lockVisibleProject>[0], actor: Actor, projectId: string) {
  const rp = await lockVisibleProject(tx, actor, projectId);
  if (!(await mayKeepMilestonesOf(tx, actor, rp.project))) {
    throw new AppError('FORBIDDEN', `only the manager of ${rp.project.code} or its PMO keeps its milestones`);
  }
  if (rp.project.state === 'closed' || rp.project.state === 'terminated') {
    throw new AppError('INVALID_STATE', `project ${rp.project.code} is ${rp.project.state}; its milestones are read-only`, {
      issues: [{ field: 'projectId', message: `is ${rp.project.state}` }],
    });
  }
  return rp;
}

const record = (row: repo.MilestoneRow) => ({
  projectId: row.projectId,
  name: row.name,
  baselineDate: row.baselineDate,
  gateKey: row.gateKey,
  deliverableKey: row.deliverableKey,
  achievedOn: row.achievedOn,
});

export async function createMilestone(
  db: Db,
  actor: Actor,
  projectId: string,
  raw: CreateMilestoneInput,
): Promise<MilestoneView> {
  const input = parseInput(CreateMilestoneBody, raw);
  return transact(db, async ({ tx }) => {
    const rp = await lockForMilestones(tx, actor, projectId);
    const issues = referenceIssues(rp, input.gateKey ?? null, input.deliverableKey ?? null);
    if (issues.length) throw validationFailed(issues);
    const row = await repo.insertMilestone(tx, {
      projectId,
      name: input.name,
      baselineDate: input.baselineDate,
      gateKey: input.gateKey ?? null,
      deliverableKey: input.deliverableKey ?? null,
      achievedOn: input.achievedOn ?? null,
    });
    await recordAudit(tx, actor, { entityType: 'milestone', entityId: row.id, action: 'milestone.created', after: record(row) });
    return view(row, new Map());
  });
}

export async function updateMilestone(
  db: Db,
  actor: Actor,
  projectId: string,
  milestoneId: string,
  raw: UpdateMilestoneInput,
): Promise<MilestoneView> {
  const { version, ...input } = parseInput(UpdateMilestoneBody, raw);
  return transact(db, async ({ tx }) => {
    const rp = await lockForMilestones(tx, actor, projectId);
    const before = await visibleMilestone(tx, projectId, milestoneId);
    if (before.version !== version) throw versionConflict('milestone', milestoneId, version);
    const gateKey = input.gateKey === undefined ? before.gateKey : input.gateKey;
    const deliverableKey = input.deliverableKey === undefined ? before.deliverableKey : input.deliverableKey;
    const issues = referenceIssues(rp, gateKey, deliverableKey);
    if (issues.length) throw validationFailed(issues);
    const row = await repo.updateMilestone(tx, milestoneId, version, input);
    if (!row) throw versionConflict('milestone', milestoneId, version);
    await recordAudit(tx, actor, {
      entityType: 'milestone',
      entityId: milestoneId,
      action: 'milestone.updated',
      before: record(before),
      after: record(row),
    });
    return view(row, await repo.latestForecasts(tx, projectId));
  });
}

/** Deletes a milestone no submitted report has forecast (a forecast one is history: 409 IN_USE). */
export async function deleteMilestone(
  db: Db,
  actor: Actor,
  projectId: string,
  milestoneId: string,
  version: number,
): Promise<void> {
  await transact(db, async ({ tx }) => {
    await lockForMilestones(tx, actor, projectId);
    const before = await visibleMilestone(tx, projectId, milestoneId);
    if (before.version !== version) throw versionConflict('milestone', milestoneId, version);
    if (await repo.milestoneInSubmittedReport(tx, milestoneId)) {
      throw new AppError(
        'IN_USE',
        `the milestone ${before.name} is forecast in submitted status reports; set it achieved instead`,
      );
    }
    await repo.deleteDraftForecastsOf(tx, milestoneId);
    if (!(await repo.deleteMilestone(tx, milestoneId, version))) throw versionConflict('milestone', milestoneId, version);
    await recordAudit(tx, actor, {
      entityType: 'milestone',
      entityId: milestoneId,
      action: 'milestone.deleted',
      before: record(before),
    });
  });
}

/**
 * The milestone trend chart: for each milestone, its forecast in every submitted report (report
 * date against forecast date), with its slip against the baseline date.
 */
export async function milestoneTrend(db: Queryable, actor: Actor, projectId: string): Promise<MilestoneTrend> {
  await visibleProject(db, actor, projectId);
  const rows = await repo.listMilestones(db, projectId);
  const history = await repo.forecastHistory(db, projectId);
  const latest = await repo.latestForecasts(db, projectId);
  return {
    projectId,
    milestones: rows.map((m) => ({
      id: m.id,
      name: m.name,
      baselineDate: m.baselineDate,
      achievedOn: m.achievedOn,
      slipDays: view(m, latest).slipDays,
      points: history
        .filter((h) => h.milestoneId === m.id)
        .map((h) => ({ reportId: h.reportId, asOf: h.asOf, forecastDate: h.forecastDate })),
    })),
  };
}

/**
 * Moves the baseline dates of a project's milestones, inside the caller's transaction (the
 * approval of a re-baseline): each move audited with its reason. Milestones of other projects and
 * unknown ids are refused, naming the entry.
 * @example await moveMilestoneBaselinesInTx(tx, actor, projectId, [{ milestoneId, baselineDate: '2027-05-31' }], 'AR-2 approved')
 */
export async function moveMilestoneBaselinesInTx(
  tx: Tx,
  actor: Actor,
  projectId: string,
  moves: readonly { milestoneId: string; baselineDate: string }[],
  reason: string,
): Promise<{ id: string; name: string; before: string; after: string }[]> {
  const moved: { id: string; name: string; before: string; after: string }[] = [];
  for (const [i, move] of moves.entries()) {
    const before = await repo.findMilestone(tx, move.milestoneId);
    if (!before || before.projectId !== projectId)
      throw invalid(`milestones.${i}.milestoneId`, 'no such milestone on this project');
    if (before.baselineDate === move.baselineDate) continue;
    const row = await repo.updateMilestone(tx, before.id, before.version, { baselineDate: move.baselineDate });
    if (!row) throw versionConflict('milestone', before.id, before.version);
    await recordAudit(tx, actor, {
      entityType: 'milestone',
      entityId: before.id,
      action: 'milestone.rebaselined',
      before: record(before),
      after: record(row),
      reason,
    });
    moved.push({ id: before.id, name: before.name, before: before.baselineDate, after: move.baselineDate });
  }
  return moved;
}
