import { bigint, integer, numeric, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';

const amount = () => numeric({ precision: 20, scale: 2 }).notNull().default('0');

/**
 * The dashboard's figures summed per group of projects (PMO, phase, state), kept current by triggers on `projects` and `project_status` in the transaction of every
 * write that moves them (migrations/0008_dashboard_counters.sql): each write takes the project's
 * old contribution out and puts its new one in. The dashboard adds up the groups the caller sees
 * instead of every project's row; it is derived data, always equal to the sum over the projects.
 */
export const projectRollups = pgTable(
  'project_rollups',
  {
    pmoId: uuid().notNull(),
    phaseKey: text().notNull(),
    state: text().notNull(),
    projects: integer().notNull().default(0),
    totalBudget: amount(),
    /** Projects whose status row has EV, PV and AC, and those sums. */
    evmProjects: integer().notNull().default(0),
    ev: amount(),
    pv: amount(),
    ac: amount(),
    /** Projects whose status row has BAC, AC and EAC, and those sums. */
    budgetProjects: integer().notNull().default(0),
    budgetBac: amount(),
    budgetAc: amount(),
    budgetEac: amount(),
    mismatches: integer().notNull().default(0),
    reportsSubmitted: integer().notNull().default(0),
    reportsOnTime: integer().notNull().default(0),
    reportsReviewed: integer().notNull().default(0),
    reviewsWithinWeek: integer().notNull().default(0),
    reviewSeconds: bigint({ mode: 'number' }).notNull().default(0),
    reportsAwaitingReview: integer().notNull().default(0),
    /** Projects by the RAG of each dimension, reported and computed: reported_schedule_red. */
    reportedOverallGreen: integer().notNull().default(0),
    reportedOverallAmber: integer().notNull().default(0),
    reportedOverallRed: integer().notNull().default(0),
    reportedScheduleGreen: integer().notNull().default(0),
    reportedScheduleAmber: integer().notNull().default(0),
    reportedScheduleRed: integer().notNull().default(0),
    reportedCostGreen: integer().notNull().default(0),
    reportedCostAmber: integer().notNull().default(0),
    reportedCostRed: integer().notNull().default(0),
    reportedScopeGreen: integer().notNull().default(0),
    reportedScopeAmber: integer().notNull().default(0),
    reportedScopeRed: integer().notNull().default(0),
    reportedQualityGreen: integer().notNull().default(0),
    reportedQualityAmber: integer().notNull().default(0),
    reportedQualityRed: integer().notNull().default(0),
    reportedRiskGreen: integer().notNull().default(0),
    reportedRiskAmber: integer().notNull().default(0),
    reportedRiskRed: integer().notNull().default(0),
    reportedResourcesGreen: integer().notNull().default(0),
    reportedResourcesAmber: integer().notNull().default(0),
    reportedResourcesRed: integer().notNull().default(0),
    computedOverallGreen: integer().notNull().default(0),
    computedOverallAmber: integer().notNull().default(0),
    computedOverallRed: integer().notNull().default(0),
    computedScheduleGreen: integer().notNull().default(0),
    computedScheduleAmber: integer().notNull().default(0),
    computedScheduleRed: integer().notNull().default(0),
    computedCostGreen: integer().notNull().default(0),
    computedCostAmber: integer().notNull().default(0),
    computedCostRed: integer().notNull().default(0),
    computedScopeGreen: integer().notNull().default(0),
    computedScopeAmber: integer().notNull().default(0),
    computedScopeRed: integer().notNull().default(0),
    computedQualityGreen: integer().notNull().default(0),
    computedQualityAmber: integer().notNull().default(0),
    computedQualityRed: integer().notNull().default(0),
    computedRiskGreen: integer().notNull().default(0),
    computedRiskAmber: integer().notNull().default(0),
    computedRiskRed: integer().notNull().default(0),
    computedResourcesGreen: integer().notNull().default(0),
    computedResourcesAmber: integer().notNull().default(0),
    computedResourcesRed: integer().notNull().default(0),
    /** Projects whose stored due state (as its last write or the sweep left it) is overdue, escalated. */
    overdue: integer().notNull().default(0),
    escalated: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.pmoId, t.phaseKey, t.state] })],
);
