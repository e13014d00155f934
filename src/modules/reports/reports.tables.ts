import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt, version } from '../../kernel/columns.ts';
import { users } from '../auth/auth.tables.ts';
import { projectBaselines } from '../projects/baselines.tables.ts';
import { projects } from '../projects/projects.tables.ts';
import type { Mismatch } from './reports.tolerances.ts';

export const ragValue = pgEnum('rag', ['green', 'amber', 'red']);
export const reportReviewOutcome = pgEnum('status_report_review_outcome', ['accepted', 'returned']);

/**
 * A project's key milestones: a baseline date, optionally the gate or deliverable of the
 * project's standard it belongs to, and the day it was achieved. Each report forecasts them.
 */
export const milestones = pgTable(
  'milestones',
  {
    id: id(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id),
    name: text().notNull(),
    baselineDate: date({ mode: 'string' }).notNull(),
    /** A gate key of the project's standard version. */
    gateKey: text(),
    /** A deliverable key of one of the standard version's gates. */
    deliverableKey: text(),
    achievedOn: date({ mode: 'string' }),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('milestones_project').on(t.projectId, t.baselineDate)],
);

/**
 * One version of a project's status report for one report period. A draft changes (the
 * autosave); once submitted (`submittedAt` set) a version is never written again: a revision
 * after the PMO returned it is the next `revision` of the same period. The EVM figures, the
 * computed RAG and the mismatches are worked out at submission, against the baseline in force at
 * `asOf`, and kept with the version.
 */
export const statusReports = pgTable(
  'status_reports',
  {
    id: id(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id),
    periodStart: date({ mode: 'string' }).notNull(),
    periodEnd: date({ mode: 'string' }).notNull(),
    dueOn: date({ mode: 'string' }).notNull(),
    /** 1 for the first report of the period; each revision after a return adds one. */
    revision: integer().notNull().default(1),
    asOf: date({ mode: 'string' }).notNull(),
    percentComplete: numeric({ precision: 5, scale: 2 }),
    actualCost: numeric({ precision: 14, scale: 2 }),
    /** {overall, <dimension>: 'green'|'amber'|'red'} */
    rag: jsonb().notNull().default({}),
    /** {<dimension or overall>: text}, required for every non-green at submission */
    ragReasons: jsonb().notNull().default({}),
    forecastFinish: date({ mode: 'string' }),
    accomplishments: text().notNull().default(''),
    nextSteps: text().notNull().default(''),
    helpNeeded: text().notNull().default(''),
    /** The baseline version in force at asOf, used for the EVM figures. */
    baselineId: uuid().references(() => projectBaselines.id),
    /** Evm of reports.evm.ts, at submission */
    evm: jsonb(),
    /** ComputedRag of reports.tolerances.ts, at submission */
    computedRag: jsonb(),
    /** Mismatch[] of reports.tolerances.ts, at submission */
    mismatches: jsonb(),
    mismatch: boolean(),
    submittedAt: timestamp({ withTimezone: true, mode: 'date' }),
    submittedBy: uuid().references(() => users.id),
    createdBy: uuid().references(() => users.id),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('status_reports_period_revision').on(t.projectId, t.periodStart, t.revision),
    index('status_reports_project_as_of').on(t.projectId, t.asOf),
  ],
);

/** The forecast of each milestone in one report version: the milestone trend chart's points. */
export const milestoneForecasts = pgTable(
  'milestone_forecasts',
  {
    reportId: uuid()
      .notNull()
      .references(() => statusReports.id, { onDelete: 'cascade' }),
    milestoneId: uuid()
      .notNull()
      .references(() => milestones.id),
    forecastDate: date({ mode: 'string' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.milestoneId] }), index('milestone_forecasts_milestone').on(t.milestoneId)],
);

/**
 * The PMO's review of a submitted report version: accepted, or returned with a comment for a
 * revision. Kept apart from the version so that a submitted version's row is never written again.
 */
export const statusReportReviews = pgTable('status_report_reviews', {
  reportId: uuid()
    .primaryKey()
    .references(() => statusReports.id),
  outcome: reportReviewOutcome().notNull(),
  comment: text(),
  reviewedBy: uuid()
    .notNull()
    .references(() => users.id),
  reviewedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/**
 * Each reminder and escalation of an overdue report, once per project, period and kind: the
 * sweep inserts the row in the same transaction as the notification, so a second sweep or a
 * second worker finds it and sends nothing.
 */
export const statusReportNotices = pgTable(
  'status_report_notices',
  {
    projectId: uuid()
      .notNull()
      .references(() => projects.id),
    periodStart: date({ mode: 'string' }).notNull(),
    /** status_report.overdue | status_report.escalated */
    kind: text().notNull(),
    sentAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.periodStart, t.kind] })],
);

/**
 * The current reporting status of each project, kept in the transaction of every submission,
 * review and revision (and the sweep's due-state refresh): what the dashboard and the project
 * list read, never recomputed per request. The latest submitted version gives the RAG and the
 * figures; `owed*` is the earliest report period without a submitted report.
 */
export const projectStatus = pgTable(
  'project_status',
  {
    projectId: uuid()
      .primaryKey()
      .references(() => projects.id),
    cadence: text().notNull(),
    graceDays: integer().notNull(),
    escalateAfterDays: integer().notNull(),
    /** The earliest period still owed a submitted report, and when it is (was) due. */
    owedPeriodStart: date({ mode: 'string' }),
    nextDueOn: date({ mode: 'string' }),
    /** upcoming | due | overdue | escalated, as of `dueStateOn` */
    dueState: text(),
    dueStateOn: date({ mode: 'string' }),
    /** Set when the PMO lead was alerted about the owed period; cleared once it is submitted. */
    escalatedAt: timestamp({ withTimezone: true, mode: 'date' }),
    lastReportId: uuid().references(() => statusReports.id),
    /** submitted | accepted | returned */
    lastReportState: text(),
    lastAsOf: date({ mode: 'string' }),
    lastSubmittedAt: timestamp({ withTimezone: true, mode: 'date' }),
    lastAcceptedReportId: uuid().references(() => statusReports.id),
    lastAcceptedAt: timestamp({ withTimezone: true, mode: 'date' }),
    reportedOverall: ragValue(),
    reportedSchedule: ragValue(),
    reportedCost: ragValue(),
    reportedScope: ragValue(),
    reportedQuality: ragValue(),
    reportedRisk: ragValue(),
    reportedResources: ragValue(),
    computedOverall: ragValue(),
    computedSchedule: ragValue(),
    computedCost: ragValue(),
    computedScope: ragValue(),
    computedQuality: ragValue(),
    computedRisk: ragValue(),
    computedResources: ragValue(),
    mismatch: boolean().notNull().default(false),
    /** The dimensions (and 'overall') reported better than computed. */
    mismatchDimensions: text().array().notNull().default([]),
    /** Each of them with the figure that disagrees (reports.tolerances.ts `Mismatch`), for the dashboard's list. */
    mismatches: jsonb().$type<Mismatch[]>().notNull().default([]),
    percentComplete: numeric({ precision: 5, scale: 2 }),
    forecastFinish: date({ mode: 'string' }),
    bac: numeric({ precision: 14, scale: 2 }),
    pv: numeric({ precision: 14, scale: 2 }),
    ev: numeric({ precision: 14, scale: 2 }),
    ac: numeric({ precision: 14, scale: 2 }),
    sv: numeric({ precision: 14, scale: 2 }),
    cv: numeric({ precision: 14, scale: 2 }),
    spi: numeric({ precision: 12, scale: 4 }),
    cpi: numeric({ precision: 12, scale: 4 }),
    eac: numeric({ precision: 16, scale: 2 }),
    etc: numeric({ precision: 16, scale: 2 }),
    vac: numeric({ precision: 16, scale: 2 }),
    tcpi: numeric({ precision: 12, scale: 4 }),
    /**
     * The PMO's record on this project, counted from its report versions in the same writes, so
     * the dashboard sums them instead of reading every report: report periods with a submitted
     * version; of those, the periods whose first submission came by the due day (UTC); reviewed
     * versions; of those, reviewed within 7 days of submission; the seconds from submission to
     * review, summed; submitted versions not reviewed yet.
     */
    reportsSubmitted: integer().notNull().default(0),
    reportsOnTime: integer().notNull().default(0),
    reportsReviewed: integer().notNull().default(0),
    reviewsWithinWeek: integer().notNull().default(0),
    reviewSecondsTotal: bigint({ mode: 'number' }).notNull().default(0),
    reportsAwaitingReview: integer().notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('project_status_due').on(t.nextDueOn),
    index('project_status_mismatch').on(t.mismatch),
    // The rows whose stored due state the date has overtaken since it was written (the dashboard
    // corrects its rollups by them): each partial index holds one stored state, by the day it ends.
    index('project_status_stale_upcoming').on(t.nextDueOn).where(sql`"due_state" = 'upcoming'`),
    index('project_status_stale_due').on(sql`("next_due_on" + "grace_days")`).where(sql`"due_state" = 'due'`),
    index('project_status_stale_overdue')
      .on(sql`("next_due_on" + "grace_days" + "escalate_after_days")`)
      .where(sql`"due_state" = 'overdue'`),
    index('project_status_stale_escalation')
      .on(t.projectId)
      .where(sql`"escalated_at" IS NOT NULL AND "due_state" IS DISTINCT FROM 'escalated'`),
  ],
);
