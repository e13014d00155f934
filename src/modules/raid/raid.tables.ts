import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { pmos } from '../org/org.tables.ts';
import { createdAt, id, updatedAt, version } from '../../kernel/columns.ts';
import { users } from '../auth/auth.tables.ts';
import { people } from '../org/org.tables.ts';
import { projects } from '../projects/projects.tables.ts';

export const riskResponse = pgEnum('risk_response', ['avoid', 'mitigate', 'transfer', 'accept', 'escalate']);
export const riskStatus = pgEnum('risk_status', ['open', 'closed', 'occurred']);
export const issueSeverity = pgEnum('issue_severity', ['low', 'medium', 'high', 'critical']);
export const issueStatus = pgEnum('issue_status', ['open', 'resolved', 'closed']);

/**
 * A project's risk, scored on the risk matrix of the project's standard version: `score` is
 * probability × impact and `band` the matrix's band of it, both kept with the row (and with every
 * reassessment in risk_assessments) so that lists, the heat map and the escalation queue read
 * them without the matrix. A risk that occurs becomes an issue (`issueId`).
 */
export const risks = pgTable(
  'risks',
  {
    id: id(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id),
    /** … per project. */
    number: integer().notNull(),
    title: text().notNull(),
    description: text(),
    category: text().notNull(),
    cause: text(),
    effect: text(),
    ownerPersonId: uuid().references(() => people.id),
    probability: integer().notNull(),
    impact: integer().notNull(),
    score: integer().notNull(),
    band: text().notNull(),
    response: riskResponse().notNull(),
    status: riskStatus().notNull().default('open'),
    /** At or above the matrix's escalation score, or escalated by the project manager. */
    escalated: boolean().notNull().default(false),
    escalatedAt: timestamp({ withTimezone: true, mode: 'date' }),
    costImpactMin: numeric({ precision: 14, scale: 2 }),
    costImpactLikely: numeric({ precision: 14, scale: 2 }),
    costImpactMax: numeric({ precision: 14, scale: 2 }),
    scheduleImpactMinDays: integer(),
    scheduleImpactLikelyDays: integer(),
    scheduleImpactMaxDays: integer(),
    createdBy: uuid().references(() => users.id),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('risks_project_number').on(t.projectId, t.number),
    index('risks_project_score').on(t.projectId, t.score),
    // The portfolio's top risks, in the order they are listed (score, escalated first, the oldest
    // first): read in that order until ten of the projects in view are found.
    index('risks_open_rank').on(t.score.desc(), t.escalated.desc(), t.createdAt, t.id).where(sql`${t.status} = 'open'`),
  ],
);

/** Every assessment of a risk, the first included: its score over time. */
export const riskAssessments = pgTable(
  'risk_assessments',
  {
    id: id(),
    riskId: uuid()
      .notNull()
      .references(() => risks.id),
    probability: integer().notNull(),
    impact: integer().notNull(),
    score: integer().notNull(),
    band: text().notNull(),
    note: text(),
    assessedBy: uuid().references(() => users.id),
    assessedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('risk_assessments_risk').on(t.riskId, t.assessedAt)],
);

/** What is done about a risk: an action with its owner and due day, and the day it was done. */
export const riskActions = pgTable(
  'risk_actions',
  {
    id: id(),
    riskId: uuid()
      .notNull()
      .references(() => risks.id),
    text: text().notNull(),
    ownerPersonId: uuid().references(() => people.id),
    dueOn: date({ mode: 'string' }),
    doneOn: date({ mode: 'string' }),
    position: integer().notNull(),
  },
  (t) => [index('risk_actions_risk').on(t.riskId, t.position)],
);

/** A project's issue: something that has happened, often a risk that occurred (`riskId`). */
export const issues = pgTable(
  'issues',
  {
    id: id(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id),
    /** I-1, I-2, … per project. */
    number: integer().notNull(),
    title: text().notNull(),
    description: text(),
    severity: issueSeverity().notNull(),
    ownerPersonId: uuid().references(() => people.id),
    dueOn: date({ mode: 'string' }),
    status: issueStatus().notNull().default('open'),
    resolution: text(),
    riskId: uuid().references(() => risks.id),
    escalated: boolean().notNull().default(false),
    escalatedAt: timestamp({ withTimezone: true, mode: 'date' }),
    createdBy: uuid().references(() => users.id),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('issues_project_number').on(t.projectId, t.number), index('issues_risk').on(t.riskId)],
);

export const escalationState = pgEnum('escalation_state', ['open', 'guided', 'acknowledged', 'closed']);

/**
 * A risk or an issue escalated to the PMO governing its project: raised when the risk reaches the
 * matrix's escalation score or is escalated by its response, or the issue is of the highest
 * severity. The PMO records its guidance and what it requires by when; the project manager
 * acknowledges and reports back; the PMO closes it. One open escalation per risk or issue.
 */
export const escalations = pgTable(
  'escalations',
  {
    id: id(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id),
    /** The PMO governing the project when it was raised: whose queue it is in. */
    pmoId: uuid()
      .notNull()
      .references(() => pmos.id),
    riskId: uuid().references(() => risks.id),
    issueId: uuid().references(() => issues.id),
    /** score | response | severity */
    reason: text().notNull(),
    /** What was escalated, as it stood: "R-3 Budget cut in the next planning round, score 16 (critical)". */
    summary: text().notNull(),
    state: escalationState().notNull().default('open'),
    raisedBy: uuid().references(() => users.id),
    raisedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    guidance: text(),
    requiredAction: text(),
    requiredBy: date({ mode: 'string' }),
    guidedBy: uuid().references(() => users.id),
    guidedAt: timestamp({ withTimezone: true, mode: 'date' }),
    reportBack: text(),
    acknowledgedBy: uuid().references(() => users.id),
    acknowledgedAt: timestamp({ withTimezone: true, mode: 'date' }),
    closingNote: text(),
    closedBy: uuid().references(() => users.id),
    closedAt: timestamp({ withTimezone: true, mode: 'date' }),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('escalations_pmo_state').on(t.pmoId, t.state, t.raisedAt),
    index('escalations_project').on(t.projectId),
    uniqueIndex('escalations_open_risk').on(t.riskId).where(sql`${t.state} <> 'closed' AND ${t.riskId} IS NOT NULL`),
    uniqueIndex('escalations_open_issue').on(t.issueId).where(sql`${t.state} <> 'closed' AND ${t.issueId} IS NOT NULL`),
  ],
);

/**
 * The open risks counted per PMO and cell of the matrix (probability, impact, band), kept current
 * by triggers on `risks` and `projects` in the transaction of every write that moves them
 * (migrations/0011_risk_rollups.sql): each write takes the old contribution out and puts the new
 * one in. The portfolio's heat map adds up the PMOs the caller sees instead of every risk; it is
 * derived data, always equal to the count over the risks.
 */
export const riskRollups = pgTable(
  'risk_rollups',
  {
    pmoId: uuid().notNull(),
    probability: integer().notNull(),
    impact: integer().notNull(),
    band: text().notNull(),
    open: integer().notNull().default(0),
    escalated: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.pmoId, t.probability, t.impact, t.band] })],
);
