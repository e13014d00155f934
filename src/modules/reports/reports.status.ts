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
const rag = (v: string | undefined) => (v === 'green' || v === 'amber' || v === 'red' ? v : null);

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
  const report = latest?.report;
  const reported = (report?.rag ?? {}) as Rags;
  const computed = (report?.computedRag ?? null) as ComputedRag | null;
  const computedRags: Rags = computed
    ? { overall: computed.overall, ...Object.fromEntries(Object.entries(computed.dimensions).map(([d, e]) => [d, e!.rag])) }
    : {};
  const evm = (report?.evm ?? null) as Evm | null;
  const mismatches = (report?.mismatches ?? []) as Mismatch[];
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
    lastReportId: report?.id ?? null,
    lastReportState: report ? (latest!.review?.outcome ?? 'submitted') : null,
    lastAsOf: report?.asOf ?? null,
    lastSubmittedAt: report?.submittedAt ?? null,
    lastAcceptedReportId: accepted?.report.id ?? null,
    lastAcceptedAt: accepted?.review.reviewedAt ?? null,
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
    ...counters,
  };
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
  const previous = await repo.findProjectStatus(tx, rp.project.id);
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
