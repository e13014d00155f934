import { today as todayUtc } from '../../kernel/dates.ts';
import { AppError, type FieldIssue, validationFailed } from '../../kernel/errors.ts';
import type { RagKey } from './reports.schema.ts';
import { type ReportPeriod, periodOf } from './reports.cadence.ts';
import type * as repo from './reports.repo.ts';
import { goAheadDay } from './reports.status.ts';
import { stateOf } from './reports.views.ts';

/** The checks every write of a report makes, each failure a 4xx naming its field. */

/** A refusal because of the project's or the period's state: 409 naming the field. */
export function refused(code: 'INVALID_STATE' | 'ALREADY_EXISTS', field: string, message: string, extra = {}): AppError {
  return new AppError(code, `${field}: ${message}`, { ...extra, issues: [{ field, message }] });
}

/** Reports are written only after the go-ahead and while the project is open (on hold included). */
export function assertReportable(rp: repo.ReportingProject): string {
  const { project } = rp;
  const from = goAheadDay(project);
  if (!from)
    throw refused('INVALID_STATE', 'projectId', `project ${project.code} has no go-ahead yet: no work is reported before it`);
  if (project.state === 'closed' || project.state === 'terminated') {
    throw refused('INVALID_STATE', 'projectId', `project ${project.code} is ${project.state}: it takes no more reports`);
  }
  return from;
}

/** The period `asOf` reports on: on or after the go-ahead day, and not beyond the current period. */
export function periodForAsOf(rp: repo.ReportingProject, asOf: string, today: string = todayUtc()): ReportPeriod {
  const from = assertReportable(rp);
  const cadence = rp.definition.reporting.cadence;
  const period = periodOf({ cadence, from, day: asOf });
  if (!period) throw validationFailed([{ field: 'asOf', message: `is before the project's go-ahead on ${from}` }]);
  const current = periodOf({ cadence, from, day: today < from ? from : today })!;
  if (asOf > current.periodEnd) {
    throw validationFailed([
      {
        field: 'asOf',
        message: `is in the future beyond the current report period (${current.periodStart} to ${current.periodEnd})`,
      },
    ]);
  }
  return period;
}

export interface ReportContent {
  rag?: Partial<Record<RagKey, string>>;
  ragReasons?: Partial<Record<RagKey, string>>;
  milestoneForecasts?: { milestoneId: string; forecastDate: string }[];
}

/** RAG keys are 'overall' and the dimensions the standard names; forecasts name the project's milestones. */
export function contentIssues(
  rp: repo.ReportingProject,
  content: ReportContent,
  milestoneIds: ReadonlySet<string>,
): FieldIssue[] {
  const dimensions = rp.definition.reporting.ragDimensions as readonly string[];
  const issues: FieldIssue[] = [];
  for (const field of ['rag', 'ragReasons'] as const) {
    for (const [key, value] of Object.entries(content[field] ?? {})) {
      if (value === undefined) continue;
      if (key !== 'overall' && !dimensions.includes(key)) {
        issues.push({
          field: `${field}.${key}`,
          message: `is not a RAG dimension of the project's standard (${['overall', ...dimensions].join(', ')})`,
        });
      }
    }
  }
  (content.milestoneForecasts ?? []).forEach((f, i) => {
    if (!milestoneIds.has(f.milestoneId)) {
      issues.push({ field: `milestoneForecasts.${i}.milestoneId`, message: 'is not a milestone of this project' });
    }
  });
  return issues;
}

/** What must be filled in before a version is submitted; every missing field named at once. */
export function missingForSubmission(
  rp: repo.ReportingProject,
  report: repo.ReportRow,
  forecastIds: ReadonlySet<string>,
  openMilestones: readonly repo.MilestoneRow[],
): FieldIssue[] {
  const missing: FieldIssue[] = [];
  const need = (field: string, ok: boolean, message = 'is required to submit') => {
    if (!ok) missing.push({ field, message });
  };
  need('percentComplete', report.percentComplete !== null);
  need('actualCost', report.actualCost !== null);
  need('forecastFinish', report.forecastFinish !== null);
  const rag = report.rag as Record<string, string | undefined>;
  const reasons = report.ragReasons as Record<string, string | undefined>;
  for (const key of ['overall', ...rp.definition.reporting.ragDimensions]) {
    need(`rag.${key}`, Boolean(rag[key]));
    if (rag[key] && rag[key] !== 'green') {
      need(`ragReasons.${key}`, Boolean(reasons[key]?.trim()), `is required when ${key} is ${rag[key]}`);
    }
  }
  for (const milestone of openMilestones) {
    need('milestoneForecasts', forecastIds.has(milestone.id), `needs a forecast for the milestone "${milestone.name}"`);
  }
  return missing;
}

/**
 * The revision a new version of `period` gets: 1 for a period without a report, the next one after
 * a returned version; a draft or a submitted version in the period refuses another (409 on asOf).
 */
export function revisionFor(
  period: ReportPeriod,
  versions: readonly { report: repo.ReportRow; review: repo.ReviewRow | null }[],
): number {
  const latest = versions[versions.length - 1];
  if (!latest) return 1;
  const state = stateOf(latest.report, latest.review);
  const span = `${period.periodStart} to ${period.periodEnd}`;
  if (state === 'draft') {
    throw refused('ALREADY_EXISTS', 'asOf', `the report period ${span} already has a draft; edit that one`, {
      reportId: latest.report.id,
    });
  }
  if (state !== 'returned') {
    throw refused('ALREADY_EXISTS', 'asOf', `a report for the period ${span} was already submitted (${state})`, {
      reportId: latest.report.id,
    });
  }
  return latest.report.revision + 1;
}
