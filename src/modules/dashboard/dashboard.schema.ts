import { z } from '@hono/zod-openapi';
import { listQuery } from '../../kernel/lists.ts';
import { DUE_STATES, RAGS, RAG_KEYS } from '../projects/index.ts';

/** The dashboard's lists hold this many rows unless told otherwise; the full lists page at their own routes. */
export const DEFAULT_DASHBOARD_ROWS = 10;
export const MAX_DASHBOARD_ROWS = 100;

/** What the dashboard and its lists narrow to; visibility applies on top, a filter never widens it. */
export const dashboardFilters = {
  pmoId: z.uuid().optional().openapi({ description: 'Only the projects of this PMO' }),
  portfolioId: z.uuid().optional().openapi({ description: 'Only the projects of this portfolio' }),
  executivePositionId: z.uuid().optional().openapi({
    description: 'Only what reports to this executive position through the PMO reporting line (nested PMOs too)',
  }),
};

/** The dashboard's filters alone: the query of a dashboard card's own route (risks, approvals). */
export const DashboardFilterQuery = z.object(dashboardFilters);

export const DashboardQuery = z.object({
  ...dashboardFilters,
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_DASHBOARD_ROWS)
    .default(DEFAULT_DASHBOARD_ROWS)
    .openapi({
      description: `Rows of each list (RAG matrix, mismatches, late reports), 1–${MAX_DASHBOARD_ROWS}, default ${DEFAULT_DASHBOARD_ROWS}`,
    }),
});
export type DashboardQueryInput = z.input<typeof DashboardQuery>;

/** The query of the dashboard's lists: its filters, paging and export format. */
export const DashboardListQuery = listQuery(dashboardFilters);
export type DashboardFilter = { pmoId?: string; portfolioId?: string; executivePositionId?: string };

const Rag = z.enum(RAGS);
const RagKey = z.enum(RAG_KEYS);
const link = z
  .string()
  .openapi({ description: 'The project list with the filter behind this figure: it pages and exports (format=csv|xlsx)' });
const listLink = z
  .string()
  .openapi({ description: 'This list in full, with the same filters: it pages and exports (format=csv|xlsx)' });

const ProjectRef = z.object({ id: z.string(), code: z.string(), name: z.string() });

const ReviewState = z
  .enum(['submitted', 'accepted', 'returned'])
  .nullable()
  .openapi({ description: 'Where the latest submitted report stands with the PMO: awaiting review, accepted or returned' });

const ColourCounts = z.object({
  green: z.number().int(),
  amber: z.number().int(),
  red: z.number().int(),
  none: z.number().int().openapi({ description: 'Projects with no RAG for this dimension (no report, or not computed)' }),
});

const RagByKey = z.object(
  Object.fromEntries(RAG_KEYS.map((k) => [k, Rag.nullable()])) as Record<(typeof RAG_KEYS)[number], z.ZodNullable<typeof Rag>>,
);

/** One project of the RAG matrix: its latest submitted report's reported and computed RAG per dimension. */
export const RagMatrixRowSchema = z
  .object({
    project: ProjectRef,
    reported: RagByKey,
    computed: RagByKey,
    mismatchDimensions: z.array(z.string()),
    lastAsOf: z.string().nullable().openapi({ description: 'The status date of that report; null before the first' }),
    reviewState: ReviewState,
  })
  .openapi('DashboardRagMatrixRow');
export type RagMatrixRow = z.infer<typeof RagMatrixRowSchema>;

/** One project reported better than computed, each dimension with the figure that disagrees. */
export const MismatchRowSchema = z
  .object({
    project: ProjectRef,
    reportId: z.string().nullable(),
    asOf: z.string().nullable(),
    reviewState: ReviewState,
    dimensions: z.array(
      z.object({
        dimension: RagKey,
        reported: Rag,
        computed: Rag,
        figure: z
          .string()
          .openapi({ description: 'The tolerance figure behind the computed RAG: spi, cpi, finishSlipDays, budgetVariancePct' }),
        value: z.number().nullable(),
      }),
    ),
  })
  .openapi('DashboardMismatch');
export type MismatchRow = z.infer<typeof MismatchRowSchema>;

/** One project whose owed report is overdue or escalated. */
export const LateReportRowSchema = z
  .object({
    project: ProjectRef,
    projectManager: z.object({ id: z.string(), name: z.string() }).nullable(),
    periodStart: z.string().nullable(),
    dueOn: z.string(),
    daysLate: z.number().int(),
    dueState: z.enum(DUE_STATES),
    escalatedAt: z.string().nullable(),
  })
  .openapi('DashboardLateReport');
export type LateReportRow = z.infer<typeof LateReportRowSchema>;

const capped = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int().openapi({ description: 'How many there are in all; the list holds the first `limit`' }),
    link,
    listLink,
  });

export const PortfolioDashboardSchema = z
  .object({
    asOf: z.string().openapi({ description: 'The day (UTC) the due states are worked out for' }),
    filters: z.object({
      pmoId: z.string().nullable(),
      portfolioId: z.string().nullable(),
      executivePositionId: z.string().nullable(),
    }),
    projects: z.object({
      total: z.number().int(),
      link,
      byPhase: z.array(z.object({ key: z.string(), name: z.string(), count: z.number().int(), link })),
      byState: z.array(z.object({ state: z.string(), count: z.number().int(), link })),
    }),
    rag: z.object({
      dimensions: z.array(RagKey).openapi({ description: 'overall, then every dimension some project has a RAG for' }),
      counts: z.array(
        z.object({
          dimension: RagKey,
          reported: ColourCounts,
          computed: ColourCounts,
          links: z.object({
            reported: z.object({ green: link, amber: link, red: link }),
            computed: z.object({ green: link, amber: link, red: link }),
          }),
        }),
      ),
      rows: capped(RagMatrixRowSchema),
    }),
    evm: z.object({
      spi: z.number().nullable().openapi({ description: 'ΣEV / ΣPV over the projects with figures; null when ΣPV is 0' }),
      cpi: z.number().nullable().openapi({ description: 'ΣEV / ΣAC over the projects with figures; null when ΣAC is 0' }),
      ev: z.number(),
      pv: z.number(),
      ac: z.number(),
      projects: z.number().int().openapi({ description: 'Projects included: those with a submitted report (its figures)' }),
      link,
    }),
    budget: z.object({
      bac: z.number().openapi({ description: 'Σ BAC of the projects with BAC, AC and EAC' }),
      ac: z.number(),
      eac: z.number(),
      projects: z.number().int().openapi({ description: 'Projects included (an EAC needs a CPI, so some AC)' }),
      totalBudget: z.number().openapi({ description: 'Σ budget of every project matching the filters' }),
      link,
    }),
    mismatches: capped(MismatchRowSchema),
    late: capped(LateReportRowSchema).extend({
      overdue: z.number().int(),
      escalated: z.number().int(),
      overdueLink: link,
      escalatedLink: link,
    }),
    pmoRecord: z.object({
      reportsSubmitted: z.number().int().openapi({ description: 'Report periods with a submitted report' }),
      reportsOnTime: z.number().int().openapi({ description: 'Of those, submitted by their due day' }),
      onTimeRate: z.number().nullable().openapi({ description: 'reportsOnTime / reportsSubmitted, 0–1' }),
      reportsReviewed: z.number().int(),
      reviewsWithinWeek: z.number().int(),
      withinWeekRate: z.number().nullable().openapi({ description: 'reviewsWithinWeek / reportsReviewed, 0–1' }),
      averageReviewHours: z.number().nullable().openapi({ description: 'From submission to review, on average' }),
      reportsAwaitingReview: z.number().int(),
      link,
    }),
  })
  .openapi('PortfolioDashboard');

export type PortfolioDashboard = z.infer<typeof PortfolioDashboardSchema>;
