/**
 * Status reports as the web app reads and writes them: the generated API types, the labels and
 * colours every page shows them with, the earned value figures, and the form's values, as pure
 * functions (tested in node).
 */
import type { Schemas } from '../../api/openapi.ts';
import { formatDate, formatMoney, formatNumber, humanize } from '../../lib/format.ts';

export type StatusReport = Schemas['StatusReport'];
export type ReportSummary = Schemas['StatusReportSummary'];
export type ReportPeriod = Schemas['ReportPeriod'];
export type Reporting = Schemas['ProjectReportingSummary'];
export type DueReport = Schemas['DueReport'];
export type ReviewReport = Schemas['StatusReportAcrossProjects'];
export type Milestone = Schemas['Milestone'];
/** The figures of a submitted report (the component is nullable: a draft has none). */
export type Evm = NonNullable<Schemas['EarnedValue']>;
export type Mismatch = Schemas['RagMismatch'];
export type Rag = Schemas['Rag'];
export type RagKey = keyof Schemas['StatusReportRag'];
export type ReportState = ReportSummary['state'];
export type DueState = ReportPeriod['dueState'];
export type ReportContent = Omit<Schemas['UpdateStatusReportInput'], 'version'>;

export const RAGS: readonly Rag[] = ['green', 'amber', 'red'];

/**
 * Tag colours of antd for each RAG (preset palettes, whose tag text the theme darkens to 4.5:1; the
 * status colours are lighter), and the plain colour of its dot.
 */
export const RAG_TAG_COLOR: Record<Rag, string> = { green: 'green', amber: 'gold', red: 'red' };
export const RAG_DOT_COLOR: Record<Rag, string> = { green: '#389e0d', amber: '#d48806', red: '#cf1322' };

export const REPORT_STATE_LABEL: Record<ReportState, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  accepted: 'Accepted',
  returned: 'Returned',
};
export const REPORT_STATE_COLOR: Record<ReportState, string> = {
  draft: 'default',
  submitted: 'blue',
  accepted: 'green',
  returned: 'volcano',
};

export const DUE_STATE_LABEL: Record<DueState, string> = {
  upcoming: 'Upcoming',
  due: 'Due',
  overdue: 'Overdue',
  escalated: 'Escalated',
  submitted: 'Submitted',
};
export const DUE_STATE_COLOR: Record<DueState, string> = {
  upcoming: 'default',
  due: 'gold',
  overdue: 'orange',
  escalated: 'red',
  submitted: 'blue',
};

/** "Overall", "Schedule", …: a RAG key as people say it. */
export function ragKeyLabel(key: string): string {
  return humanize(key);
}

/** The keys a report rates: overall first, then the dimensions the project's standard names. */
export function ragKeys(dimensions: readonly string[]): RagKey[] {
  return ['overall', ...dimensions] as RagKey[];
}

/** The figures of earned value in the order a PMO reads them, with what each means. */
export const EVM_FIGURES = [
  { key: 'bac', label: 'BAC', kind: 'money', title: 'Budget at completion' },
  { key: 'pv', label: 'PV', kind: 'money', title: 'Planned value' },
  { key: 'ev', label: 'EV', kind: 'money', title: 'Earned value' },
  { key: 'ac', label: 'AC', kind: 'money', title: 'Actual cost' },
  { key: 'sv', label: 'SV', kind: 'money', title: 'Schedule variance (EV − PV)' },
  { key: 'cv', label: 'CV', kind: 'money', title: 'Cost variance (EV − AC)' },
  { key: 'spi', label: 'SPI', kind: 'ratio', title: 'Schedule performance index (EV / PV)' },
  { key: 'cpi', label: 'CPI', kind: 'ratio', title: 'Cost performance index (EV / AC)' },
  { key: 'eac', label: 'EAC', kind: 'money', title: 'Estimate at completion (BAC / CPI)' },
  { key: 'etc', label: 'ETC', kind: 'money', title: 'Estimate to complete (EAC − AC)' },
  { key: 'vac', label: 'VAC', kind: 'money', title: 'Variance at completion (BAC − EAC)' },
  { key: 'tcpi', label: 'TCPI', kind: 'ratio', title: 'To-complete performance index, to BAC' },
] as const;
export type EvmKey = (typeof EVM_FIGURES)[number]['key'];

/**
 * One figure as the report shows it: the money or ratio, or "—" with the reason the server gave
 * for a figure that is undefined (a PV or AC of 0, BAC = AC).
 */
export function evmFigure(evm: Evm, key: EvmKey, kind: 'money' | 'ratio'): { text: string; reason: string | null } {
  const value = evm[key];
  if (value === null || value === undefined) {
    return { text: '—', reason: evm.undefinedBecause[key] ?? 'not computable' };
  }
  return { text: kind === 'money' ? formatMoney(value) : formatNumber(value, 2), reason: null };
}

/** A mismatch as one line: "Schedule reported green, computed red: SPI 0.62 is below the red tolerance 0.8". */
export function mismatchLine(m: Mismatch): string {
  const because = m.because.includes(': ') ? m.because.slice(m.because.indexOf(': ') + 2) : m.because;
  return `${ragKeyLabel(m.dimension)} reported ${m.reported}, computed ${m.computed}: ${because}`;
}

/** "SPI", "CPI", "Budget variance %", "Finish slip (days)": the figure a mismatch names. */
export function figureLabel(figure: string): string {
  const labels: Record<string, string> = {
    spi: 'SPI',
    cpi: 'CPI',
    budgetVariancePct: 'Budget variance %',
    finishSlipDays: 'Finish slip (days)',
  };
  return labels[figure] ?? humanize(figure);
}

/** A report period as the pages write it: "2 Mar 2026 – 8 Mar 2026". */
export function periodText(start: string, end: string): string {
  return `${formatDate(start)} – ${formatDate(end)}`;
}

/**
 * The status date to start a period's report with: today while the period runs, its last day once
 * it has ended (a late report is still about its own period).
 */
export function asOfFor(period: { periodStart: string; periodEnd: string }, today: string): string | null {
  if (today < period.periodStart) return null;
  return today > period.periodEnd ? period.periodEnd : today;
}

/** The form's values: RAG and reasons by key, milestone forecasts by milestone id. */
export interface ReportFormValues {
  asOf: string | null;
  percentComplete: number | null;
  actualCost: number | null;
  forecastFinish: string | null;
  rag: Partial<Record<RagKey, Rag>>;
  ragReasons: Partial<Record<RagKey, string>>;
  accomplishments: string;
  nextSteps: string;
  helpNeeded: string;
  forecasts: Record<string, string | null>;
}

export function emptyFormValues(asOf: string | null): ReportFormValues {
  return {
    asOf,
    percentComplete: null,
    actualCost: null,
    forecastFinish: null,
    rag: {},
    ragReasons: {},
    accomplishments: '',
    nextSteps: '',
    helpNeeded: '',
    forecasts: {},
  };
}

export function toFormValues(report: StatusReport): ReportFormValues {
  return {
    asOf: report.asOf,
    percentComplete: report.percentComplete,
    actualCost: report.actualCost,
    forecastFinish: report.forecastFinish,
    rag: { ...report.rag },
    ragReasons: { ...report.ragReasons },
    accomplishments: report.accomplishments,
    nextSteps: report.nextSteps,
    helpNeeded: report.helpNeeded,
    forecasts: Object.fromEntries(report.milestoneForecasts.map((f) => [f.milestoneId, f.forecastDate])),
  };
}

const defined = <T extends Record<string, unknown>>(record: T): T =>
  Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined && v !== null && v !== '')) as T;

/**
 * The request body of the form's values. A cleared number or status date is left out (the server
 * keeps what it has: it takes no empty value for them); forecasts go in the order of `milestoneIds`,
 * so an issue naming `milestoneForecasts.2` names the third of them.
 */
export function toContent(values: ReportFormValues, milestoneIds: readonly string[]): ReportContent {
  const content: ReportContent = {
    rag: defined(values.rag ?? {}),
    ragReasons: Object.fromEntries(
      Object.entries(values.ragReasons ?? {})
        .filter(([, v]) => typeof v === 'string')
        .map(([k, v]) => [k, (v as string).trim()]),
    ),
    forecastFinish: values.forecastFinish ?? null,
    accomplishments: values.accomplishments ?? '',
    nextSteps: values.nextSteps ?? '',
    helpNeeded: values.helpNeeded ?? '',
    milestoneForecasts: forecastList(values.forecasts ?? {}, milestoneIds),
  };
  if (values.asOf) content.asOf = values.asOf;
  if (typeof values.percentComplete === 'number') content.percentComplete = values.percentComplete;
  if (typeof values.actualCost === 'number') content.actualCost = values.actualCost;
  return content;
}

/** The forecasts filled in, in the order of the milestones. */
export function forecastList(
  forecasts: Record<string, string | null>,
  milestoneIds: readonly string[],
): { milestoneId: string; forecastDate: string }[] {
  return milestoneIds.flatMap((id) => (forecasts[id] ? [{ milestoneId: id, forecastDate: forecasts[id] }] : []));
}

/** The fields of `next` that differ from `saved` (every field when nothing was saved yet). */
export function changedContent(next: ReportContent, saved: ReportContent | null): ReportContent {
  if (!saved) return next;
  const diff: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    if (JSON.stringify(value) !== JSON.stringify((saved as Record<string, unknown>)[key])) diff[key] = value;
  }
  return diff as ReportContent;
}

/** The keys rated amber or red without a reason yet: the form's hint (the server decides at submission). */
export function reasonsMissing(values: Pick<ReportFormValues, 'rag' | 'ragReasons'>, keys: readonly RagKey[]): RagKey[] {
  return keys.filter((k) => {
    const rag = values.rag?.[k];
    return rag !== undefined && rag !== 'green' && !values.ragReasons?.[k]?.trim();
  });
}

/**
 * Where a server issue goes in the form: `rag.cost` and `ragReasons.cost` under their inputs, a
 * forecast's issue (`milestoneForecasts.1.forecastDate`, or a missing one naming the milestone) under
 * that milestone's date; null for what belongs to no field (the project, the baseline).
 */
export function formFieldOf(
  field: string,
  message: string,
  sentForecastIds: readonly string[],
  milestones: readonly { id: string; name: string }[],
): (string | number)[] | null {
  const parts = field.split('.');
  const top = parts[0] ?? '';
  if (top === 'rag' || top === 'ragReasons') return parts.length === 2 ? [top, parts[1]!] : null;
  if (top === 'milestoneForecasts') {
    if (parts.length >= 2 && /^\d+$/.test(parts[1]!)) {
      const id = sentForecastIds[Number(parts[1])];
      return id ? ['forecasts', id] : null;
    }
    const named = /"(.+)"/.exec(message)?.[1];
    const milestone = milestones.find((m) => m.name === named);
    return milestone ? ['forecasts', milestone.id] : null;
  }
  if (['asOf', 'percentComplete', 'actualCost', 'forecastFinish', 'accomplishments', 'nextSteps', 'helpNeeded'].includes(top)) {
    return [top];
  }
  return null;
}

/** Days from one ISO day to another (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to.slice(0, 10)}T00:00:00Z`) - Date.parse(`${from.slice(0, 10)}T00:00:00Z`)) / 86_400_000);
}

/** A slip in days as people say it: "12 days late", "3 days early", "on the baseline". */
export function slipText(days: number | null | undefined): string {
  if (days === null || days === undefined) return '—';
  if (days === 0) return 'on the baseline';
  const n = Math.abs(days);
  return `${n} day${n === 1 ? '' : 's'} ${days > 0 ? 'late' : 'early'}`;
}

/** An ISO day `n` days later (earlier when negative), in UTC as the server counts days. */
export function addDays(day: string, n: number): string {
  const at = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + n);
  return at.toISOString().slice(0, 10);
}

/**
 * The first day a period's report counts as overdue (after the grace days) and as escalated (after
 * the escalation days that follow), as the server's due states count them.
 * @example lateFrom('2026-03-31', 3, 5) // { overdueFrom: '2026-04-04', escalatedFrom: '2026-04-09' }
 */
export function lateFrom(
  dueOn: string,
  graceDays: number,
  escalateAfterDays: number,
): { overdueFrom: string; escalatedFrom: string } {
  return {
    overdueFrom: addDays(dueOn, graceDays + 1),
    escalatedFrom: addDays(dueOn, graceDays + escalateAfterDays + 1),
  };
}

/**
 * Where a period stands, by its versions: accepted or returned once the PMO reviewed its newest
 * submitted version (a revision being drafted leaves it returned), else its due state.
 */
export function periodState(
  dueState: DueState,
  versions: readonly Pick<ReportSummary, 'revision' | 'state'>[],
): { kind: 'report'; state: ReportState } | { kind: 'due'; state: DueState } {
  const submitted = [...versions].sort((a, b) => b.revision - a.revision).find((v) => v.state !== 'draft');
  if (submitted && (submitted.state === 'accepted' || submitted.state === 'returned')) {
    return { kind: 'report', state: submitted.state };
  }
  return { kind: 'due', state: dueState };
}

/**
 * Where a due report's link goes: the draft of its period, else a new report of that period, dated
 * today while the period runs and on its last day once it has ended.
 */
export function dueReportLink(
  item: { project: { id: string }; periodStart: string; periodEnd: string; draft: { id: string } | null },
  today: string,
): string {
  const base = `/projects/${item.project.id}/status-reports`;
  if (item.draft) return `${base}/${item.draft.id}`;
  return `${base}/new?asOf=${asOfFor(item, today) ?? today}`;
}
