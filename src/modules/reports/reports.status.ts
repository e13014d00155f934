import { addDays, today as todayUtc } from '../../kernel/dates.ts';
import type { Queryable } from '../../kernel/db.ts';
import { isoDay } from '../../kernel/rows.ts';
import type { RagDimension } from './reports.tolerances.ts';
import { type Cadence, type ReportPeriod, dueState, periodOf } from './reports.cadence.ts';
import type { Evm } from './reports.evm.ts';
import type { ComputedRag, Mismatch } from './reports.tolerances.ts';
import * as repo from './reports.repo.ts';

/**
 * The project_status row: one per project with a go-ahead, rewritten in the transaction of every
 * submission, review and revision, and its due state by the sweep. Everything in it comes from the
 * project's submitted report versions and its standard's reporting section, so it can always be
 * worked out again from them (`computeProjectStatus`); writers upsert what that gives.
 */

export type ProjectDueState = 'upcoming' | 'due' | 'overdue' | 'escalated';

/** The go-ahead day (UTC), from which report periods count; null before the go-ahead. */
export function goAheadDay(project: { goAheadAt: Date | null }): string | null {
  return isoDay(project.goAheadAt);
}

export function reportingOf(rp: repo.ReportingProject) {
  return rp.definition.reporting;
}

/**
 * The earliest report period from the go-ahead day that has no submitted version: the report
 * that is due next, or late. Independent of the date: only a submission moves it.
 * @example owedPeriod('monthly', '2026-01-15', new Set(['2026-01-15'])) // 2026-02-01 … 2026-02-28
 */
export function owedPeriod(cadence: Cadence, from: string, submitted: ReadonlySet<string>): ReportPeriod {
  let period = periodOf({ cadence, from, day: from })!;
  while (submitted.has(period.periodStart)) period = periodOf({ cadence, from, day: addDays(period.periodEnd, 1) })!;
  return period;
}

/** The project's due state on `today`: that of the period owed a report. */
export function projectDueState(
  status: { nextDueOn: string | null; graceDays: number; escalateAfterDays: number },
  today: string,
): ProjectDueState | null {
  if (!status.nextDueOn) return null;
  return dueState({
    dueOn: status.nextDueOn,
    graceDays: status.graceDays,
    escalateAfterDays: status.escalateAfterDays,
    today,
    submitted: false,
  }) as ProjectDueState;
}

const OPEN_STATES = new Set(['active', 'on_hold']);

type Rags = Partial<Record<RagDimension | 'overall', string>>;

const money = (v: number | null | undefined) => (v === null || v === undefined ? null : v.toFixed(2));
const ratio = (v: number | null | undefined) => (v === null || v === undefined ? null : v.toFixed(4));
type Rag = 'green' | 'amber' | 'red';
const rag = (v: string | undefined): Rag | null => (v === 'green' || v === 'amber' || v === 'red' ? v : null);

/**
 * Works out the project's status row from its report versions and its standard, as of `today`;
 * null before the go-ahead. `escalatedAt` is kept from `previous` while the same period is owed.
 */
export async function computeProjectStatus(
  db: Queryable,
  rp: repo.ReportingProject,
  today: string = todayUtc(),
  previous?: repo.ProjectStatusRow,
): Promise<repo.ProjectStatusInsert | null> {
  const { project } = rp;
  const from = goAheadDay(project);
  if (!from) return null;
  const reporting = reportingOf(rp);
  // One after the other: `db` may be a transaction, one connection.
  const submitted = await repo.submittedPeriodStarts(db, project.id);
  const latest = await repo.latestSubmitted(db, project.id);
  const accepted = await repo.latestAccepted(db, project.id);
  const counters = await repo.reportCounters(db, project.id);
  const open = OPEN_STATES.has(project.state);
  const owed = open ? owedPeriod(reporting.cadence, from, submitted) : null;
  const base = { nextDueOn: owed?.dueOn ?? null, graceDays: reporting.graceDays, escalateAfterDays: reporting.escalateAfterDays };
  const state = projectDueState(base, today);
  const keepEscalation = previous?.escalatedAt && owed && previous.owedPeriodStart === owed.periodStart;
  return {
    projectId: project.id,
    cadence: reporting.cadence,
    graceDays: reporting.graceDays,
    escalateAfterDays: reporting.escalateAfterDays,
    owedPeriodStart: owed?.periodStart ?? null,
    nextDueOn: owed?.dueOn ?? null,
    dueState: state,
    dueStateOn: state ? today : null,
    escalatedAt: keepEscalation ? previous!.escalatedAt : null,
    ...latestFields(latest?.report, latest?.review ?? null),
    lastAcceptedReportId: accepted?.report.id ?? null,
    lastAcceptedAt: accepted?.review.reviewedAt ?? null,
    ...counters,
  };
}

/** The columns of the status row that come from the project's latest submitted version. */
function latestFields(report: repo.ReportRow | undefined, review: repo.ReviewRow | null) {
  const reported = (report?.rag ?? {}) as Rags;
  const computed = (report?.computedRag ?? null) as ComputedRag | null;
  const computedRags: Rags = computed
    ? { overall: computed.overall, ...Object.fromEntries(Object.entries(computed.dimensions).map(([d, e]) => [d, e!.rag])) }
    : {};
  const evm = (report?.evm ?? null) as Evm | null;
  const mismatches = (report?.mismatches ?? []) as Mismatch[];
  return {
    lastReportId: report?.id ?? null,
    lastReportState: report ? (review?.outcome ?? 'submitted') : null,
    lastAsOf: report?.asOf ?? null,
    lastSubmittedAt: report?.submittedAt ?? null,
    reportedOverall: rag(reported.overall),
    reportedSchedule: rag(reported.schedule),
    reportedCost: rag(reported.cost),
    reportedScope: rag(reported.scope),
    reportedQuality: rag(reported.quality),
    reportedRisk: rag(reported.risk),
    reportedResources: rag(reported.resources),
    computedOverall: rag(computedRags.overall),
    computedSchedule: rag(computedRags.schedule),
    computedCost: rag(computedRags.cost),
    computedScope: rag(computedRags.scope),
    computedQuality: rag(computedRags.quality),
    computedRisk: rag(computedRags.risk),
    computedResources: rag(computedRags.resources),
    mismatch: mismatches.length > 0,
    mismatchDimensions: mismatches.map((m) => m.dimension),
    mismatches,
    percentComplete: report?.percentComplete ?? null,
    forecastFinish: report?.forecastFinish ?? null,
    bac: money(evm?.bac),
    pv: money(evm?.pv),
    ev: money(evm?.ev),
    ac: money(evm?.ac),
    sv: money(evm?.sv),
    cv: money(evm?.cv),
    spi: ratio(evm?.spi),
    cpi: ratio(evm?.cpi),
    eac: money(evm?.eac),
    etc: money(evm?.etc),
    vac: money(evm?.vac),
    tcpi: ratio(evm?.tcpi),
  };
}

/** Whether version `a` comes before `b` in the order `latestSubmitted` reads: as of, then submitted at. */
function submittedBefore(a: { asOf: string; submittedAt: Date }, b: { asOf: string; submittedAt: Date }): boolean {
  return a.asOf < b.asOf || (a.asOf === b.asOf && a.submittedAt.getTime() <= b.submittedAt.getTime());
}

/**
 * The status row after `report` was just submitted, worked out from the row before it rather
 * than from every version: the counters move by what this version adds (a first submission of
 * its period, on time or not, one more awaiting review), it becomes the latest when it is dated
 * last, and the period owed moves on only when this was the one owed. Gives the same row as
 * `computeProjectStatus` (the reports tests compare the two); when there is no row before, or
 * the standard's reporting section no longer matches it, it works the row out in full.
 * `others` are the period's other versions, as the submission read them.
 */
export async function projectStatusAfterSubmissionInTx(
  tx: Queryable,
  rp: repo.ReportingProject,
  report: repo.ReportRow,
  others: readonly { report: repo.ReportRow; review: repo.ReviewRow | null }[],
  today: string = todayUtc(),
): Promise<repo.ProjectStatusRow | null> {
  const { project } = rp;
  const reporting = reportingOf(rp);
  const from = goAheadDay(project);
  const previous = await repo.findProjectStatus(tx, project.id);
  const open = OPEN_STATES.has(project.state);
  if (
    !previous ||
    !from ||
    !report.submittedAt ||
    previous.cadence !== reporting.cadence ||
    previous.graceDays !== reporting.graceDays ||
    previous.escalateAfterDays !== reporting.escalateAfterDays ||
    open !== (previous.owedPeriodStart !== null)
  ) {
    return rewriteProjectStatus(tx, rp, today, previous);
  }
  let owed: { periodStart: string; dueOn: string } | null = null;
  if (open && previous.owedPeriodStart !== report.periodStart) {
    owed = { periodStart: previous.owedPeriodStart!, dueOn: previous.nextDueOn! };
  } else if (open) {
    // Every period before this one has a submitted version: the next owed is the first after it without one.
    const later = await repo.submittedPeriodStarts(tx, project.id, report.periodStart);
    let next = periodOf({ cadence: reporting.cadence, from, day: addDays(report.periodEnd, 1) })!;
    while (later.has(next.periodStart)) next = periodOf({ cadence: reporting.cadence, from, day: addDays(next.periodEnd, 1) })!;
    owed = next;
  }
  const base = { nextDueOn: owed?.dueOn ?? null, graceDays: reporting.graceDays, escalateAfterDays: reporting.escalateAfterDays };
  const state = projectDueState(base, today);
  const keepEscalation = previous.escalatedAt && owed && previous.owedPeriodStart === owed.periodStart;
  const firstOfPeriod = !others.some((o) => o.report.submittedAt !== null);
  const onTime = firstOfPeriod && isoDay(report.submittedAt)! <= report.dueOn;
  const latest =
    previous.lastReportId === null ||
    previous.lastAsOf === null ||
    previous.lastSubmittedAt === null ||
    submittedBefore(
      { asOf: previous.lastAsOf, submittedAt: previous.lastSubmittedAt },
      { asOf: report.asOf, submittedAt: report.submittedAt },
    );
  const { updatedAt: _u, ...kept } = previous;
  return repo.upsertProjectStatus(tx, {
    ...kept,
    owedPeriodStart: owed?.periodStart ?? null,
    nextDueOn: owed?.dueOn ?? null,
    dueState: state,
    dueStateOn: state ? today : null,
    escalatedAt: keepEscalation ? previous.escalatedAt : null,
    ...(latest ? latestFields(report, null) : {}),
    reportsSubmitted: previous.reportsSubmitted + (firstOfPeriod ? 1 : 0),
    reportsOnTime: previous.reportsOnTime + (onTime ? 1 : 0),
    reportsAwaitingReview: previous.reportsAwaitingReview + 1,
  });
}

/**
 * Rewrites the project's status row in the caller's transaction (after a submission, a review,
 * a revision, a state change). The caller holds the project's row lock.
 * @example await refreshProjectStatusInTx(tx, await lockProject(tx, id))
 */
export async function refreshProjectStatusInTx(
  tx: Queryable,
  rp: repo.ReportingProject,
  today: string = todayUtc(),
): Promise<repo.ProjectStatusRow | null> {
  return rewriteProjectStatus(tx, rp, today, await repo.findProjectStatus(tx, rp.project.id));
}

async function rewriteProjectStatus(
  tx: Queryable,
  rp: repo.ReportingProject,
  today: string,
  previous: repo.ProjectStatusRow | undefined,
): Promise<repo.ProjectStatusRow | null> {
  const values = await computeProjectStatus(tx, rp, today, previous);
  if (!values) return null;
  return repo.upsertProjectStatus(tx, values);
}

/**
 * Writes the status row of a project given its go-ahead in the caller's transaction, so what it
 * owes shows on the home page and the dashboard at once rather than at the next sweep.
 */
export async function startProjectStatusInTx(tx: Queryable, projectId: string, today: string = todayUtc()): Promise<void> {
  const rp = await repo.findProject(tx, projectId);
  if (rp) await refreshProjectStatusInTx(tx, rp, today);
}
