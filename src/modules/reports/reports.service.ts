import type { Actor } from '../../kernel/actor.ts';
import type { Db, Queryable, Tx } from '../../kernel/db.ts';
import { AppError, notFound, validationFailed, versionConflict } from '../../kernel/errors.ts';
import type { Page, Paged } from '../../kernel/lists.ts';
import { today as todayUtc } from '../../kernel/dates.ts';
import { isUniqueViolation } from '../../kernel/dberrors.ts';
import { transact } from '../../kernel/usecase.ts';
import { parseInput } from '../../kernel/validate.ts';
import { type AuditInput, isUuid, recordAudit, recordAuditBatch } from '../audit/index.ts';
import { publishEvent } from '../notify/index.ts';
import type { CurvePoint } from '../projects/index.ts';
import { canSeeProject, visibleProjectFilter } from '../projects/index.ts';
import { earnedValue } from './reports.evm.ts';
import {
  type ProjectStanding,
  canSeeReport,
  relationTo,
  reportRelation,
  standingOn,
  visibleReportFilter,
} from './reports.policy.ts';
import * as repo from './reports.repo.ts';
import { assertReportable, contentIssues, missingForSubmission, periodForAsOf, refused, revisionFor } from './reports.rules.ts';
import {
  CreateReportBody,
  type CreateReportInput,
  type ReportListFilter,
  type ReportSummary,
  type ReportView,
  UpdateReportBody,
  type UpdateReportInput,
} from './reports.schema.ts';
import { nextReportState } from './reports.states.ts';
import { projectStatusAfterSubmissionInTx } from './reports.status.ts';
import { computeRag, findMismatches } from './reports.tolerances.ts';
import { type ForecastView, detailView, forecastViews, namedUsers, stateOf, summaryView } from './reports.views.ts';

/** The project for a read: 404 when the actor may not see it. */
export async function visibleProject(db: Queryable, actor: Actor, projectId: string): Promise<repo.ReportingProject> {
  if (!(await canSeeProject(db, actor, projectId))) throw notFound('project', projectId);
  const rp = await repo.findProject(db, projectId);
  if (!rp) throw notFound('project', projectId);
  return rp;
}

/** The project locked for a write: 404 when the actor may not see it. */
export async function lockVisibleProject(tx: Tx, actor: Actor, projectId: string): Promise<repo.ReportingProject> {
  if (!isUuid(projectId)) throw notFound('project', projectId);
  const rp = await repo.lockProject(tx, projectId, await visibleProjectFilter(tx, actor));
  if (!rp) throw notFound('project', projectId);
  return rp;
}

/** A version of the project the actor may see; 404 otherwise (also when it belongs to another project). */
export async function visibleReport(db: Queryable, actor: Actor, projectId: string, reportId: string): Promise<repo.ReportRow> {
  const report = await repo.findReport(db, reportId);
  if (!report || report.projectId !== projectId || !(await canSeeReport(db, actor, reportId))) {
    throw notFound('status report', reportId);
  }
  return report;
}

const mayNotReport = (rp: repo.ReportingProject) =>
  new AppError('FORBIDDEN', `only the manager of ${rp.project.code} or its PMO may report on it`);

/**
 * One page of the project's report versions, newest first (by period, then revision); every
 * match when `page` is null (an export). Drafts only for those who may report on the project.
 */
export async function listReports(
  db: Queryable,
  actor: Actor,
  projectId: string,
  filter: ReportListFilter = {},
  page: Page | null = null,
): Promise<Paged<ReportSummary>> {
  await visibleProject(db, actor, projectId);
  const visible = await visibleReportFilter(db, actor);
  const rows = await repo.listReports(db, projectId, visible, filter.state, page);
  const total = page ? await repo.countReports(db, projectId, visible, filter.state) : rows.length;
  const names = await repo.userNames(db, namedUsers(rows));
  return { items: rows.map((r) => summaryView(r.report, r.review, names)), total };
}

/** One version with its content, the period's other versions and what the caller may do. */
export async function getReport(db: Queryable, actor: Actor, projectId: string, reportId: string): Promise<ReportView> {
  const rp = await visibleProject(db, actor, projectId);
  await visibleReport(db, actor, projectId, reportId);
  return detailView(db, actor, rp, reportId);
}

type Content = Omit<UpdateReportInput, 'version'>;

function contentValues(input: Content): Partial<repo.ReportInsert> {
  const values: Partial<repo.ReportInsert> = {};
  if (input.asOf !== undefined) values.asOf = input.asOf;
  if (input.percentComplete !== undefined) values.percentComplete = input.percentComplete.toFixed(2);
  if (input.actualCost !== undefined) values.actualCost = input.actualCost.toFixed(2);
  if (input.rag !== undefined) values.rag = input.rag;
  if (input.ragReasons !== undefined) values.ragReasons = input.ragReasons;
  if (input.forecastFinish !== undefined) values.forecastFinish = input.forecastFinish;
  if (input.accomplishments !== undefined) values.accomplishments = input.accomplishments;
  if (input.nextSteps !== undefined) values.nextSteps = input.nextSteps;
  if (input.helpNeeded !== undefined) values.helpNeeded = input.helpNeeded;
  return values;
}

async function checkContent(tx: Queryable, rp: repo.ReportingProject, input: Content): Promise<repo.MilestoneRow[]> {
  const milestoneRows = await repo.listMilestones(tx, rp.project.id);
  const issues = contentIssues(rp, input, new Set(milestoneRows.map((m) => m.id)));
  if (issues.length) throw validationFailed(issues);
  return milestoneRows;
}

const auditRecord = (view: ReportView) => {
  const { allowedActions: _a, versions: _v, ...record } = view;
  return record;
};

/**
 * Starts the report of the period `asOf` falls in: a draft, or submitted at once with
 * `submit: true`. A period whose report was returned gets the next revision.
 */
export async function createReport(db: Db, actor: Actor, projectId: string, raw: CreateReportInput): Promise<ReportView> {
  const { submit, ...input } = parseInput(CreateReportBody, raw);
  try {
    return await transact(db, async ({ tx }) => {
      const rp = await lockVisibleProject(tx, actor, projectId);
      assertReportable(rp);
      const standing = await standingOn(tx, actor, rp.project);
      if (!standing.mayReport) throw mayNotReport(rp);
      const period = periodForAsOf(rp, input.asOf);
      const milestoneRows = await checkContent(tx, rp, input);
      const others = await repo.versionsOfPeriod(tx, projectId, period.periodStart);
      const revision = revisionFor(period, others);
      const row = await repo.insertReport(tx, {
        ...contentValues(input),
        asOf: input.asOf,
        projectId,
        ...period,
        revision,
        createdBy: actor.userId,
      });
      const given = input.milestoneForecasts ?? [];
      await repo.insertForecasts(tx, row.id, given);
      // What the view and the submission need is in hand: nothing of the new version is read back.
      const forecasts = forecastViews(given, milestoneRows);
      const view = await detailView(tx, actor, rp, row.id, {
        report: row,
        versions: [...others, { report: row, review: null }],
        forecasts,
        baseline: null,
        relation: relationTo(standing, actor, row),
      });
      const created: AuditInput = {
        entityType: 'status_report',
        entityId: row.id,
        action: 'status_report.created',
        after: auditRecord(view),
      };
      if (!submit) {
        await recordAudit(tx, actor, created);
        return view;
      }
      return submitInTx(tx, actor, rp, row.id, null, { report: row, others, milestones: milestoneRows, forecasts, standing }, [
        created,
      ]);
    });
  } catch (err) {
    // Two first reports of one period at once: the second finds the first's revision taken.
    if (isUniqueViolation(err)) {
      throw refused('ALREADY_EXISTS', 'asOf', 'another report of this period was just started; reload');
    }
    throw err;
  }
}

/** The autosave of a draft: any subset of its fields, with the version it is based on. */
export async function updateReport(
  db: Db,
  actor: Actor,
  projectId: string,
  reportId: string,
  raw: UpdateReportInput,
): Promise<ReportView> {
  const { version, ...input } = parseInput(UpdateReportBody, raw);
  return transact(db, async ({ tx }) => {
    const rp = await lockVisibleProject(tx, actor, projectId);
    const before = await visibleReport(tx, actor, projectId, reportId);
    const relation = await reportRelation(tx, actor, rp.project, before);
    nextReportState(stateOf(before, null), 'edit', relation);
    assertReportable(rp);
    if (before.version !== version) throw versionConflict('status report', reportId, version);
    const values = contentValues(input);
    if (input.asOf !== undefined) {
      const period = periodForAsOf(rp, input.asOf);
      if (period.periodStart !== before.periodStart) {
        // A revision stays in the period it revises; a first report may move to another period.
        if (before.revision > 1)
          throw validationFailed([
            { field: 'asOf', message: `a revision stays in its period (${before.periodStart} to ${before.periodEnd})` },
          ]);
        revisionFor(period, await repo.versionsOfPeriod(tx, projectId, period.periodStart));
        Object.assign(values, period);
      }
    }
    await checkContent(tx, rp, input);
    const beforeView = await detailView(tx, actor, rp, reportId);
    const row = await repo.updateDraft(tx, reportId, version, values);
    if (!row) throw versionConflict('status report', reportId, version);
    if (input.milestoneForecasts) await repo.replaceForecasts(tx, reportId, input.milestoneForecasts);
    const after = await detailView(tx, actor, rp, reportId);
    const changed = Object.keys(input) as (keyof typeof input)[];
    const pick = (view: ReportView) =>
      Object.fromEntries(changed.map((k) => [k, (view as unknown as Record<string, unknown>)[k]]));
    await recordAudit(tx, actor, {
      entityType: 'status_report',
      entityId: reportId,
      action: 'status_report.updated',
      before: { ...pick(beforeView), projectId },
      after: { ...pick(after), projectId },
    });
    return after;
  });
}

/** What the caller of `submitInTx` already holds, so that it is not read again. */
interface HeldForSubmission {
  /** The draft as it stands. */
  report: repo.ReportRow;
  /** The period's other versions. */
  others: { report: repo.ReportRow; review: repo.ReviewRow | null }[];
  /** The project's milestones, as `listMilestones` reads them. */
  milestones: repo.MilestoneRow[];
  /** The draft's forecasts, as `forecastsOf` reads them. */
  forecasts: ForecastView[];
  standing: ProjectStanding;
}

/**
 * Submits a draft in the caller's transaction: checks it is complete, computes earned value
 * against the baseline in force at asOf, the RAG the standard's tolerances give and the
 * mismatches with the reported RAG, freezes the version, refreshes project_status and publishes
 * `status_report.submitted`. `earlier` are audit events of the same use case not yet written
 * (the creation of a version submitted at once), written with the submission's in one batch.
 */
async function submitInTx(
  tx: Tx,
  actor: Actor,
  rp: repo.ReportingProject,
  reportId: string,
  version: number | null,
  held: Partial<HeldForSubmission> = {},
  earlier: AuditInput[] = [],
): Promise<ReportView> {
  const { project, definition } = rp;
  // One after the other: one connection.
  const standing = held.standing ?? (await standingOn(tx, actor, project));
  const report = held.report ?? (await repo.findReport(tx, reportId))!;
  nextReportState(stateOf(report, null), 'submit', relationTo(standing, actor, report));
  if (version !== null && report.version !== version) throw versionConflict('status report', reportId, version);
  const period = periodForAsOf(rp, report.asOf);
  // The period must still take this version: no other submitted one, unless this revises a returned one.
  const others =
    held.others ?? (await repo.versionsOfPeriod(tx, project.id, period.periodStart)).filter((v) => v.report.id !== reportId);
  revisionFor(period, others);
  const milestoneRows = held.milestones ?? (await repo.listMilestones(tx, project.id));
  const forecasts = held.forecasts ?? (await repo.forecastsOf(tx, reportId));
  const missing = missingForSubmission(
    rp,
    report,
    new Set(forecasts.map((f) => f.milestoneId)),
    milestoneRows.filter((m) => m.achievedOn === null),
  );
  if (missing.length) throw validationFailed(missing);
  const baseline = await repo.baselineInForce(tx, project.id, report.asOf);
  if (!baseline) {
    throw refused('INVALID_STATE', 'baseline', `project ${project.code} has no cost baseline to measure earned value against`);
  }
  const bac = Number(baseline.bac);
  const evm = earnedValue({
    bac,
    curve: baseline.curve as CurvePoint[],
    asOf: report.asOf,
    percentComplete: Number(report.percentComplete),
    actualCost: Number(report.actualCost),
  });
  const computedRag = computeRag({
    evm,
    budget: bac,
    plannedFinish: project.plannedFinishDate,
    forecastFinish: report.forecastFinish,
    tolerances: definition.tolerances,
    dimensions: definition.reporting.ragDimensions,
  });
  const mismatches = findMismatches(report.rag as Parameters<typeof findMismatches>[0], computedRag);
  const row = await repo.updateDraft(tx, reportId, report.version, {
    submittedAt: new Date(),
    submittedBy: actor.userId,
    baselineId: baseline.id,
    evm,
    computedRag,
    mismatches,
    mismatch: mismatches.length > 0,
  });
  if (!row) throw versionConflict('status report', reportId, report.version);
  await projectStatusAfterSubmissionInTx(tx, rp, row, others, todayUtc());
  const view = await detailView(tx, actor, rp, reportId, {
    report: row,
    versions: [...others, { report: row, review: null }].sort((a, b) => a.report.revision - b.report.revision),
    forecasts,
    baseline,
    relation: relationTo(standing, actor, row),
  });
  await recordAuditBatch(tx, actor, [
    ...earlier,
    {
      entityType: 'status_report',
      entityId: reportId,
      action: 'status_report.submitted',
      before: { state: 'draft', projectId: project.id },
      after: auditRecord(view),
    },
  ]);
  await publishEvent(tx, {
    kind: 'status_report.submitted',
    data: {
      reportId,
      projectId: project.id,
      projectCode: project.code,
      periodStart: view.periodStart,
      periodEnd: view.periodEnd,
      revision: view.revision,
      asOf: view.asOf,
      rag: view.rag,
      computedRag: computedRag.overall,
      mismatch: view.mismatch,
      mismatches: mismatches.map((m) => m.dimension),
      evm: { bac: evm.bac, pv: evm.pv, ev: evm.ev, ac: evm.ac, spi: evm.spi, cpi: evm.cpi, eac: evm.eac },
      link: `/projects/${project.id}/status-reports/${reportId}`,
    },
  });
  return view;
}

/** Draft → submitted: the version is frozen from now on. */
export async function submitReport(
  db: Db,
  actor: Actor,
  projectId: string,
  reportId: string,
  input: { version?: number } = {},
): Promise<ReportView> {
  return transact(db, async ({ tx }) => {
    const rp = await lockVisibleProject(tx, actor, projectId);
    const report = await visibleReport(tx, actor, projectId, reportId);
    assertReportable(rp);
    return submitInTx(tx, actor, rp, reportId, input.version ?? null, { report });
  });
}
