/**
 * The portfolio dashboard as the web app reads it: the generated API types, and pure functions
 * that turn the reply into chart rows and the API's links into the pages they open (tested in node).
 */
import type { Schemas } from '../../api/openapi.ts';
import { humanize } from '../../lib/format.ts';

export type Dashboard = Schemas['PortfolioDashboard'];
export type RagMatrixRow = Schemas['DashboardRagMatrixRow'];
export type MismatchRow = Schemas['DashboardMismatch'];
export type LateReportRow = Schemas['DashboardLateReport'];
export type DashboardRag = Dashboard['rag']['counts'][number];
export type RagDimension = DashboardRag['dimension'];
export type RagColour = 'green' | 'amber' | 'red';

/** The filters the dashboard takes, as the URL and the API name them. */
export const DASHBOARD_FILTERS = ['pmoId', 'portfolioId', 'executivePositionId'] as const;
export type DashboardFilters = Partial<Record<(typeof DASHBOARD_FILTERS)[number], string>>;

/**
 * The web page of an API link to the project list: `/api/v1/projects?mismatch=true` opens
 * `/projects?mismatch=true`, with the same filters, so a figure opens the projects behind it.
 * @example projectsPage('/api/v1/projects?computedRag=schedule%3Ared') // '/projects?computedRag=schedule%3Ared'
 */
export function projectsPage(apiLink: string): string {
  return apiLink.replace(/^\/api\/v1\/projects/, '/projects');
}

/** A share as a whole percentage, or "—" when there is nothing to share: 0.6667 -> "67%". */
export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${Math.round(rate * 100)}%`;
}

/** How an index reads against 1.0: on or above plan, slightly below, or well below (the default 0.9 band). */
export function indexTone(value: number | null | undefined): 'good' | 'watch' | 'bad' | null {
  if (value === null || value === undefined) return null;
  if (value >= 1) return 'good';
  return value >= 0.9 ? 'watch' : 'bad';
}

export interface RagBarRow {
  /** "Schedule · reported" */
  name: string;
  dimension: RagDimension;
  source: 'reported' | 'computed';
  green: number;
  amber: number;
  red: number;
  none: number;
  links: Record<RagColour, string>;
}

/** Two bars per dimension, reported then computed, each stacked by colour, with the link of each part. */
export function ragBars(counts: readonly DashboardRag[]): RagBarRow[] {
  return counts.flatMap((c) =>
    (['reported', 'computed'] as const)
      // A dimension without figures (scope, quality, …) is never computed: no empty bar for it.
      .filter((source) => source === 'reported' || c.computed.green + c.computed.amber + c.computed.red > 0)
      .map((source) => ({
        name: `${humanize(c.dimension)} · ${source}`,
        dimension: c.dimension,
        source,
        ...c[source],
        links: c.links[source],
      })),
  );
}

export interface BudgetBar {
  key: 'bac' | 'ac' | 'eac';
  label: string;
  title: string;
  value: number;
}

/** Budget at completion, actual cost and estimate at completion, over the projects with all three. */
export function budgetBars(budget: Dashboard['budget']): BudgetBar[] {
  return [
    { key: 'bac', label: 'BAC', title: 'Budget at completion', value: budget.bac },
    { key: 'ac', label: 'AC', title: 'Actual cost to date', value: budget.ac },
    { key: 'eac', label: 'EAC', title: 'Estimate at completion', value: budget.eac },
  ];
}

/** How far the EAC runs over (positive) or under (negative) the BAC, as a share of it; null without a BAC. */
export function eacOverBac(budget: Dashboard['budget']): number | null {
  return budget.bac > 0 ? (budget.eac - budget.bac) / budget.bac : null;
}

/** "SPI 0.8", "finish slip 195 days": the figure behind a mismatched dimension, as a person reads it. */
export function figureText(figure: string, value: number | null): string {
  const known: Record<string, [string, string]> = {
    spi: ['SPI', ''],
    cpi: ['CPI', ''],
    finishSlipDays: ['finish slip', ' days'],
    budgetVariancePct: ['EAC over budget', '%'],
  };
  const [label, unit] = known[figure] ?? [humanize(figure), ''];
  return value === null ? label : `${label} ${value}${unit}`;
}

/** The filters as the query of the API and the URL, without the empty ones. */
export function filtersOf(params: URLSearchParams): DashboardFilters {
  const filters: DashboardFilters = {};
  for (const key of DASHBOARD_FILTERS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return filters;
}
