import { searchDocument } from '../../kernel/fulltext.ts';
import { type AnyPgColumn, boolean, index, integer, numeric, pgEnum, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt, version } from '../../kernel/columns.ts';

export const orgUnits = pgTable(
  'org_units',
  {
    id: id(),
    parentId: uuid().references((): AnyPgColumn => orgUnits.id),
    code: text().notNull().unique(),
    name: text().notNull(),
    description: text(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('org_units_parent').on(t.parentId)],
);

export const people = pgTable(
  'people',
  {
    id: id(),
    name: text().notNull(),
    email: text().notNull().unique(),
    jobTitle: text(),
    orgUnitId: uuid().references(() => orgUnits.id),
    /** Cost per hour in the installation's currency. */
    costRate: numeric({ precision: 12, scale: 2 }).notNull().default('0'),
    /** Contracted hours per week; capacity per period follows from it. */
    weeklyHours: numeric({ precision: 5, scale: 2 }).notNull().default('40'),
    /** Share of the contracted hours available for project work, 0 to 1. */
    availability: numeric({ precision: 4, scale: 2 }).notNull().default('1'),
    active: boolean().notNull().default(true),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('people_org_unit').on(t.orgUnitId),
    index('people_search').using('gin', searchDocument(null, t.name, t.jobTitle)),
  ],
);

export const executivePositions = pgTable('executive_positions', {
  id: id(),
  /** Short title: CEO, COO, CFO, CTO. */
  code: text().notNull().unique(),
  title: text().notNull(),
  orgUnitId: uuid().references(() => orgUnits.id),
  holderPersonId: uuid().references(() => people.id),
  reportsToPositionId: uuid().references((): AnyPgColumn => executivePositions.id),
  version: version(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const skills = pgTable('skills', {
  id: id(),
  name: text().notNull().unique(),
  category: text().notNull().default('general'),
  description: text(),
  version: version(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const personSkills = pgTable(
  'person_skills',
  {
    personId: uuid()
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    skillId: uuid()
      .notNull()
      .references(() => skills.id),
    /** 1 (novice) to 5 (expert). */
    level: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.skillId] })],
);

export const pmoLevel = pgEnum('pmo_level', ['program', 'portfolio', 'enterprise']);
export const pmoOrientation = pgEnum('pmo_orientation', ['it', 'business', 'engineering', 'operations', 'transformation']);
export const pmoRole = pgEnum('pmo_role', ['lead', 'analyst']);

export const pmos = pgTable(
  'pmos',
  {
    id: id(),
    code: text().notNull().unique(),
    name: text().notNull(),
    description: text(),
    level: pmoLevel().notNull(),
    orientation: pmoOrientation().notNull(),
    reportsToPositionId: uuid()
      .notNull()
      .references(() => executivePositions.id),
    parentPmoId: uuid().references((): AnyPgColumn => pmos.id),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('pmos_search').using('gin', searchDocument(t.code, t.name, t.description))],
);

/** The org units a PMO governs. */
export const pmoScope = pgTable(
  'pmo_scope',
  {
    pmoId: uuid()
      .notNull()
      .references(() => pmos.id, { onDelete: 'cascade' }),
    orgUnitId: uuid()
      .notNull()
      .references(() => orgUnits.id),
  },
  (t) => [primaryKey({ columns: [t.pmoId, t.orgUnitId] })],
);

export const pmoMembers = pgTable(
  'pmo_members',
  {
    pmoId: uuid()
      .notNull()
      .references(() => pmos.id, { onDelete: 'cascade' }),
    personId: uuid()
      .notNull()
      .references(() => people.id),
    role: pmoRole().notNull(),
  },
  (t) => [primaryKey({ columns: [t.pmoId, t.personId] }), index('pmo_members_person').on(t.personId)],
);

export const delegationSubject = pgEnum('delegation_subject', [
  'budget_increase',
  'headcount',
  'risk_score',
  'infrastructure',
  'schedule_change',
]);
export const delegationMeasure = pgEnum('delegation_measure', ['percent_of_bac', 'amount', 'count', 'score', 'days']);
export const delegationApprover = pgEnum('delegation_approver', ['pmo_analyst', 'pmo_lead', 'reporting_executive', 'ceo']);

/**
 * Delegation of authority: a change of `subject` measured in `measure` up to `upTo` may be
 * approved by `approver`; above every band, the reporting executive decides as well.
 */
export const delegationThresholds = pgTable(
  'delegation_thresholds',
  {
    id: id(),
    pmoId: uuid()
      .notNull()
      .references(() => pmos.id, { onDelete: 'cascade' }),
    subject: delegationSubject().notNull(),
    measure: delegationMeasure().notNull(),
    upTo: numeric({ precision: 14, scale: 2 }).notNull(),
    approver: delegationApprover().notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('delegation_thresholds_pmo').on(t.pmoId)],
);
