import type { Actor } from '../../kernel/actor.ts';
import type { Queryable } from '../../kernel/db.ts';
import { isoInstant, toNullableNumber } from '../../kernel/rows.ts';
import { reportRelation } from './reports.policy.ts';
import * as repo from './reports.repo.ts';
import type { ReportSummary, ReportView } from './reports.schema.ts';
import { type ReportRelation, type ReportState, allowedReportActions } from './reports.states.ts';

/** A version's state: a draft until submitted, then the PMO's review outcome once there is one. */
export function stateOf(report: repo.ReportRow, review: repo.ReviewRow | null | undefined): ReportState {
  if (!report.submittedAt) return 'draft';
  return review?.outcome ?? 'submitted';
}

const ref = (id: string | null, names: Map<string, string>) => (id ? { id, name: names.get(id) ?? '' } : null);

/** A version as the lists show it; `names` holds the user names of submitters and reviewers. */
export function summaryView(
  report: repo.ReportRow,
  review: repo.ReviewRow | null | undefined,
  names: Map<string, string>,
): ReportSummary {
  const submittedDay = report.submittedAt ? report.submittedAt.toISOString().slice(0, 10) : null;
  return {
    id: report.id,
    projectId: report.projectId,
    periodStart: report.periodStart,
    periodEnd: report.periodEnd,
    dueOn: report.dueOn,
    revision: report.revision,
    state: stateOf(report, review),
    asOf: report.asOf,
    percentComplete: toNullableNumber(report.percentComplete),
    actualCost: toNullableNumber(report.actualCost),
    rag: report.rag as ReportSummary['rag'],
    forecastFinish: report.forecastFinish,
    evm: (report.evm ?? null) as ReportSummary['evm'],
    computedRag: (report.computedRag ?? null) as ReportSummary['computedRag'],
    mismatch: report.mismatch,
    mismatches: (report.mismatches ?? []) as ReportSummary['mismatches'],
    submittedAt: isoInstant(report.submittedAt),
    submittedBy: ref(report.submittedBy, names),
    onTime: submittedDay === null ? null : submittedDay <= report.dueOn,
    review: review
      ? {
          outcome: review.outcome,
          comment: review.comment,
          reviewer: ref(review.reviewedBy, names)!,
          reviewedAt: isoInstant(review.reviewedAt)!,
        }
      : null,
    version: report.version,
    createdAt: isoInstant(report.createdAt)!,
    updatedAt: isoInstant(report.updatedAt)!,
  };
}

/** The user ids a set of versions names (submitters, reviewers). */
export function namedUsers(rows: readonly { report: repo.ReportRow; review: repo.ReviewRow | null }[]): string[] {
  return rows.flatMap((r) => [r.report.submittedBy, r.review?.reviewedBy ?? null]).filter((u): u is string => Boolean(u));
}

/** A version's milestone forecasts as the view shows them, from its rows and the project's milestones. */
export type ForecastView = Awaited<ReturnType<typeof repo.forecastsOf>>[number];

/**
 * What a use case already holds of the version it shows, so that the view need not read it again:
 * the version itself, its period's versions (with it among them), its forecasts, its baseline
 * (null: none) and how the actor stands to it.
 */
export interface KnownReport {
  report: repo.ReportRow;
  versions: { report: repo.ReportRow; review: repo.ReviewRow | null }[];
  forecasts: ForecastView[];
  baseline: repo.BaselineRow | null;
  relation: ReportRelation;
}

/**
 * The forecasts given for a version as the view lists them: in the order of `milestones` (the
 * project's, as `listMilestones` reads them: by baseline date, then name), as `forecastsOf` reads
 * them back.
 */
export function forecastViews(
  given: readonly { milestoneId: string; forecastDate: string }[],
  milestones: readonly repo.MilestoneRow[],
): ForecastView[] {
  const place = new Map(milestones.map((m, i) => [m.id, i]));
  return [...given]
    .sort((a, b) => place.get(a.milestoneId)! - place.get(b.milestoneId)!)
    .map((f) => {
      const m = milestones[place.get(f.milestoneId)!]!;
      return { milestoneId: f.milestoneId, name: m.name, baselineDate: m.baselineDate, forecastDate: f.forecastDate };
    });
}

/** The names of `ids`: the actor's own without a query when it is the only one named. */
async function namesOf(db: Queryable, actor: Actor, ids: string[]): Promise<Map<string, string>> {
  if (actor.userId && ids.every((id) => id === actor.userId)) return new Map(ids.length ? [[actor.userId, actor.name]] : []);
  return repo.userNames(db, ids);
}

/**
 * One version with its content, forecasts, baseline, the period's other versions and what the
 * caller may do; what `known` gives is not read again.
 */
export async function detailView(
  db: Queryable,
  actor: Actor,
  rp: repo.ReportingProject,
  reportId: string,
  known?: KnownReport,
): Promise<ReportView> {
  // One after the other: `db` may be a transaction, one connection.
  const report = known?.report ?? (await repo.findReport(db, reportId))!;
  const versions = known?.versions ?? (await repo.versionsOfPeriod(db, report.projectId, report.periodStart));
  const review = versions.find((v) => v.report.id === reportId)?.review ?? null;
  const names = await namesOf(db, actor, namedUsers(versions));
  const forecasts = known?.forecasts ?? (await repo.forecastsOf(db, reportId));
  const baseline = known
    ? (known.baseline ?? undefined)
    : report.baselineId
      ? await repo.findBaseline(db, report.baselineId)
      : undefined;
  const relation = known?.relation ?? (await reportRelation(db, actor, rp.project, report));
  const isLatest = versions[versions.length - 1]?.report.id === reportId;
  const state = stateOf(report, review);
  return {
    ...summaryView(report, review, names),
    ragReasons: report.ragReasons as ReportView['ragReasons'],
    accomplishments: report.accomplishments,
    nextSteps: report.nextSteps,
    helpNeeded: report.helpNeeded,
    milestoneForecasts: forecasts,
    baseline: baseline ? { id: baseline.id, number: baseline.number, createdAt: isoInstant(baseline.createdAt)! } : null,
    versions: versions.map((v) => ({
      id: v.report.id,
      revision: v.report.revision,
      state: stateOf(v.report, v.review),
      submittedAt: isoInstant(v.report.submittedAt),
    })),
    allowedActions: allowedReportActions(state, relation, isLatest),
  };
}
