import { type SQL, and, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { isoDay, toNullableNumber } from '../../kernel/rows.ts';
import { projectStatus } from '../reports/reports.tables.ts';
import { RAG_DIMENSIONS } from '../standards/index.ts';
import { projects } from './projects.tables.ts';

/**
 * The reporting columns of the project list and the filters the dashboard clicks through with,
 * read from the project_status row each report write keeps current (never from the reports). One
 * place for them, so that a figure on the dashboard and the list it opens count the same rows.
 */

export const RAGS = ['green', 'amber', 'red'] as const;
export type RagColour = (typeof RAGS)[number];
export const DUE_STATES = ['upcoming', 'due', 'overdue', 'escalated'] as const;
export type ProjectDueState = (typeof DUE_STATES)[number];
/** The overall status and every dimension a standard may report on. */
export const RAG_KEYS = ['overall', ...RAG_DIMENSIONS] as const;
export type RagKey = (typeof RAG_KEYS)[number];

/** The project_status columns of the reported and the computed RAG, by dimension. */
export const RAG_COLUMNS = {
  reported: {
    overall: projectStatus.reportedOverall,
    schedule: projectStatus.reportedSchedule,
    cost: projectStatus.reportedCost,
    scope: projectStatus.reportedScope,
    quality: projectStatus.reportedQuality,
    risk: projectStatus.reportedRisk,
    resources: projectStatus.reportedResources,
  },
  computed: {
    overall: projectStatus.computedOverall,
    schedule: projectStatus.computedSchedule,
    cost: projectStatus.computedCost,
    scope: projectStatus.computedScope,
    quality: projectStatus.computedQuality,
    risk: projectStatus.computedRisk,
    resources: projectStatus.computedResources,
  },
} as const satisfies Record<'reported' | 'computed', Record<RagKey, unknown>>;

/**
 * The due state of the report a project owes, on `today`, worked out from the row as the sweep
 * would (src/modules/reports/reports.cadence.ts `dueState`), so it is right between two sweeps;
 * escalated as well once the PMO was alerted about the owed period. Null when nothing is owed.
 */
export function liveDueState(today: string): SQL<ProjectDueState | null> {
  const late = sql`(${today}::date - ${projectStatus.nextDueOn})`;
  return sql<ProjectDueState | null>`CASE
    WHEN ${projectStatus.nextDueOn} IS NULL THEN NULL
    WHEN ${projectStatus.escalatedAt} IS NOT NULL THEN 'escalated'
    WHEN ${late} < 0 THEN 'upcoming'
    WHEN ${late} <= ${projectStatus.graceDays} THEN 'due'
    WHEN ${late} <= ${projectStatus.graceDays} + ${projectStatus.escalateAfterDays} THEN 'overdue'
    ELSE 'escalated' END`;
}

/** Days since the owed report's due day (0 before it). */
export function daysLate(today: string): SQL<number> {
  return sql<number>`GREATEST(0, ${today}::date - ${projectStatus.nextDueOn})`;
}

/** "schedule:red" → the dimension and the colour; undefined when it is not one. */
export function parseRagFilter(value: string | undefined): { key: RagKey; colour: RagColour } | undefined {
  if (!value) return undefined;
  const [key, colour] = value.split(':');
  if (!RAG_KEYS.includes(key as RagKey) || !RAGS.includes(colour as RagColour)) return undefined;
  return { key: key as RagKey, colour: colour as RagColour };
}

/** A `dimension:colour` query value, validated by the list's and the dashboard's schemas. */
export const RAG_FILTER_PATTERN = new RegExp(`^(${RAG_KEYS.join('|')}):(${RAGS.join('|')})$`);
/** One due state or several, comma-separated: `overdue,escalated`. */
export const DUE_STATE_FILTER_PATTERN = new RegExp(`^(${DUE_STATES.join('|')})(,(${DUE_STATES.join('|')}))*$`);

/** The filters over project_status that the project list takes. */
export interface StatusFilter {
  /** Reported better than computed on some dimension. */
  mismatch?: boolean;
  /** With a submitted report (figures), or without. */
  reported?: boolean;
  dueStates?: ProjectDueState[];
  reportedOverall?: RagColour;
  computedOverall?: RagColour;
  reportedRag?: { key: RagKey; colour: RagColour };
  computedRag?: { key: RagKey; colour: RagColour };
}

/** The conditions of a status filter, over `projects LEFT JOIN project_status`. */
export function statusConditions(filter: StatusFilter, today: string): SQL | undefined {
  const ragIs = (source: 'reported' | 'computed', f?: { key: RagKey; colour: RagColour }) =>
    f ? eq(RAG_COLUMNS[source][f.key], f.colour) : undefined;
  return and(
    filter.mismatch === undefined
      ? undefined
      : filter.mismatch
        ? eq(projectStatus.mismatch, true)
        : sql`${projectStatus.mismatch} IS NOT TRUE`,
    filter.reported === undefined
      ? undefined
      : filter.reported
        ? isNotNull(projectStatus.lastReportId)
        : isNull(projectStatus.lastReportId),
    filter.dueStates?.length ? inArray(liveDueState(today), filter.dueStates) : undefined,
    filter.reportedOverall ? eq(projectStatus.reportedOverall, filter.reportedOverall) : undefined,
    filter.computedOverall ? eq(projectStatus.computedOverall, filter.computedOverall) : undefined,
    ragIs('reported', filter.reportedRag),
    ragIs('computed', filter.computedRag),
  );
}

/** The join every read of the reporting columns makes: one status row per project, or none yet. */
export const statusJoin = eq(projectStatus.projectId, projects.id);

/** The columns the list selects from project_status. */
export function statusSelection(today: string) {
  return {
    statusProjectId: projectStatus.projectId,
    lastReportId: projectStatus.lastReportId,
    lastReportState: projectStatus.lastReportState,
    lastAsOf: projectStatus.lastAsOf,
    reportedOverall: projectStatus.reportedOverall,
    computedOverall: projectStatus.computedOverall,
    mismatch: projectStatus.mismatch,
    mismatchDimensions: projectStatus.mismatchDimensions,
    mismatches: projectStatus.mismatches,
    spi: projectStatus.spi,
    cpi: projectStatus.cpi,
    nextDueOn: projectStatus.nextDueOn,
    dueState: liveDueState(today),
  };
}

export type StatusColumns = {
  statusProjectId: string | null;
  lastReportId: string | null;
  lastReportState: string | null;
  lastAsOf: string | null;
  reportedOverall: RagColour | null;
  computedOverall: RagColour | null;
  mismatch: boolean | null;
  mismatchDimensions: string[] | null;
  mismatches: StatusMismatch[] | null;
  spi: string | null;
  cpi: string | null;
  nextDueOn: string | null;
  dueState: ProjectDueState | null;
};

export interface ProjectReporting {
  lastReportId: string | null;
  lastReportState: 'submitted' | 'accepted' | 'returned' | null;
  lastAsOf: string | null;
  reportedOverall: RagColour | null;
  computedOverall: RagColour | null;
  mismatch: boolean;
  mismatchDimensions: string[];
  mismatches: StatusMismatch[];
  spi: number | null;
  cpi: number | null;
  nextDueOn: string | null;
  dueState: ProjectDueState | null;
}

/** A dimension reported better than computed, with the figure that disagrees (as the report states it). */
export interface StatusMismatch {
  dimension: string;
  reported: RagColour;
  computed: RagColour;
  figure: string;
  value: number | null;
}

/** The stored mismatch without its sentence: what a list shows and exports. */
export function mismatchView(m: StatusMismatch): StatusMismatch {
  return { dimension: m.dimension, reported: m.reported, computed: m.computed, figure: m.figure, value: m.value ?? null };
}

/** How the tolerance figures (reports.tolerances.ts) read to a person, with their unit. */
const FIGURE_LABELS: Record<string, { label: string; unit: string }> = {
  spi: { label: 'SPI', unit: '' },
  cpi: { label: 'CPI', unit: '' },
  finishSlipDays: { label: 'finish slip', unit: ' days' },
  budgetVariancePct: { label: 'EAC over budget', unit: '%' },
};

/** "schedule: SPI 0.8 (reported green, computed red)", one per mismatch, for an export cell. */
export function mismatchText(m: StatusMismatch): string {
  const known = FIGURE_LABELS[m.figure] ?? { label: m.figure, unit: '' };
  const figure = m.value === null ? known.label : `${known.label} ${m.value}${known.unit}`;
  return `${m.dimension}: ${figure} (reported ${m.reported}, computed ${m.computed})`;
}

/** The list's reporting columns of one project; null before its first status row (no go-ahead yet). */
export function reportingView(row: StatusColumns): ProjectReporting | null {
  if (!row.statusProjectId) return null;
  return {
    lastReportId: row.lastReportId,
    lastReportState: row.lastReportState as ProjectReporting['lastReportState'],
    lastAsOf: isoDay(row.lastAsOf),
    reportedOverall: row.reportedOverall,
    computedOverall: row.computedOverall,
    mismatch: row.mismatch ?? false,
    mismatchDimensions: row.mismatchDimensions ?? [],
    mismatches: (row.mismatches ?? []).map(mismatchView),
    spi: toNullableNumber(row.spi),
    cpi: toNullableNumber(row.cpi),
    nextDueOn: isoDay(row.nextDueOn),
    dueState: row.dueState,
  };
}
