import type { Actor } from '../../kernel/actor.ts';
import type { Queryable } from '../../kernel/db.ts';
import { today as todayUtc } from '../../kernel/dates.ts';
import { type Page, type Paged, slicePage } from '../../kernel/lists.ts';
import { isoInstant, toNullableNumber } from '../../kernel/rows.ts';
import { type ReportPeriod, dueState, reportPeriods } from './reports.cadence.ts';
import * as repo from './reports.repo.ts';
import type { ReportPeriodView, ReportingView } from './reports.schema.ts';
import { mayReportOn, visibleReportFilter } from './reports.policy.ts';
import { computeProjectStatus, goAheadDay, projectDueState } from './reports.status.ts';
import { visibleProject } from './reports.service.ts';
import { stateOf } from './reports.views.ts';
import type { Mismatch } from './reports.tolerances.ts';

/** Report periods of a project and what is due: from its standard's cadence and its go-ahead day. */

interface PeriodState extends ReportPeriod {
  dueState: ReportPeriodView['dueState'];
}

/** Every period from the go-ahead through the one running today, with its due state. */
async function periodStates(db: Queryable, rp: repo.ReportingProject, today: string): Promise<PeriodState[]> {
  const from = goAheadDay(rp.project);
  if (!from) return [];
  const { cadence, graceDays, escalateAfterDays } = rp.definition.reporting;
  const submitted = await repo.submittedPeriodStarts(db, rp.project.id);
  return reportPeriods({ cadence, from, until: today }).map((p) => ({
    ...p,
    dueState: dueState({ dueOn: p.dueOn, graceDays, escalateAfterDays, today, submitted: submitted.has(p.periodStart) }),
  }));
}

/** The project's report periods, newest first, each with its due state and its newest report version. */
export async function listReportPeriods(
  db: Queryable,
  actor: Actor,
  projectId: string,
  page: Page | null = null,
): Promise<Paged<ReportPeriodView>> {
  const rp = await visibleProject(db, actor, projectId);
  const today = todayUtc();
  const periods = await periodStates(db, rp, today);
  const latest = await repo.latestPerPeriod(db, projectId);
  // A draft the caller may not see is no report of theirs.
  const visible = await visibleReportFilter(db, actor);
  const seesDrafts = visible === undefined || (await seesDraftsOf(db, actor, rp));
  const views = periods.reverse().map((p): ReportPeriodView => {
    const row = latest.get(p.periodStart);
    const shown = row && (row.report.submittedAt || seesDrafts) ? row : undefined;
    return {
      id: p.periodStart,
      periodStart: p.periodStart,
      periodEnd: p.periodEnd,
      dueOn: p.dueOn,
      dueState: p.dueState,
      report: shown ? { id: shown.report.id, revision: shown.report.revision, state: stateOf(shown.report, shown.review) } : null,
    };
  });
  return slicePage(views, page);
}

function seesDraftsOf(db: Queryable, actor: Actor, rp: repo.ReportingProject): Promise<boolean> {
  return mayReportOn(db, actor, rp.project);
}

const num = toNullableNumber;

/**
 * What is due next and what is late, with the project's current status row (the latest submitted
 * report's RAG, computed RAG, mismatch and EVM figures). Read from project_status; before its first
 * write the same figures are worked out without writing.
 */
export async function getReporting(db: Queryable, actor: Actor, projectId: string): Promise<ReportingView> {
  const rp = await visibleProject(db, actor, projectId);
  const today = todayUtc();
  const reporting = rp.definition.reporting;
  const stored = await repo.findProjectStatus(db, projectId);
  const status = stored ?? ((await computeProjectStatus(db, rp, today)) as repo.ProjectStatusRow | null);
  const periods = await periodStates(db, rp, today);
  const owed = status?.owedPeriodStart ? (periods.find((p) => p.periodStart === status.owedPeriodStart) ?? null) : null;
  const state = status ? projectDueState(status, today) : null;
  return {
    projectId,
    goAheadOn: goAheadDay(rp.project),
    cadence: reporting.cadence,
    ragDimensions: reporting.ragDimensions,
    graceDays: reporting.graceDays,
    escalateAfterDays: reporting.escalateAfterDays,
    nextDue:
      status?.owedPeriodStart && status.nextDueOn && state
        ? {
            periodStart: status.owedPeriodStart,
            periodEnd: owed?.periodEnd ?? status.nextDueOn,
            dueOn: status.nextDueOn,
            dueState: state,
          }
        : null,
    late: periods
      .filter((p) => p.dueState === 'overdue' || p.dueState === 'escalated')
      .map((p) => ({ periodStart: p.periodStart, periodEnd: p.periodEnd, dueOn: p.dueOn, dueState: p.dueState })),
    escalated: state === 'escalated' || Boolean(status?.escalatedAt),
    mayReport: await mayReportOn(db, actor, rp.project),
    status: status
      ? {
          lastReportId: status.lastReportId ?? null,
          lastReportState: status.lastReportState ?? null,
          lastAsOf: status.lastAsOf ?? null,
          lastSubmittedAt: isoInstant(status.lastSubmittedAt),
          lastAcceptedReportId: status.lastAcceptedReportId ?? null,
          lastAcceptedAt: isoInstant(status.lastAcceptedAt),
          reported: {
            overall: status.reportedOverall ?? undefined,
            schedule: status.reportedSchedule ?? undefined,
            cost: status.reportedCost ?? undefined,
            scope: status.reportedScope ?? undefined,
            quality: status.reportedQuality ?? undefined,
            risk: status.reportedRisk ?? undefined,
            resources: status.reportedResources ?? undefined,
          },
          computed: {
            overall: status.computedOverall ?? undefined,
            schedule: status.computedSchedule ?? undefined,
            cost: status.computedCost ?? undefined,
            scope: status.computedScope ?? undefined,
            quality: status.computedQuality ?? undefined,
            risk: status.computedRisk ?? undefined,
            resources: status.computedResources ?? undefined,
          },
          mismatch: status.mismatch ?? false,
          mismatchDimensions: status.mismatchDimensions ?? [],
          mismatches: (status.mismatches ?? []) as Mismatch[],
          percentComplete: num(status.percentComplete),
          forecastFinish: status.forecastFinish ?? null,
          evm: {
            bac: num(status.bac),
            pv: num(status.pv),
            ev: num(status.ev),
            ac: num(status.ac),
            sv: num(status.sv),
            cv: num(status.cv),
            spi: num(status.spi),
            cpi: num(status.cpi),
            eac: num(status.eac),
            etc: num(status.etc),
            vac: num(status.vac),
            tcpi: num(status.tcpi),
          },
          updatedAt: isoInstant(status.updatedAt ?? new Date())!,
        }
      : null,
  };
}
