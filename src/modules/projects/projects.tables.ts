import { searchDocument } from '../../kernel/fulltext.ts';
import { date, index, numeric, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt, version } from '../../kernel/columns.ts';
import { orgUnits, people, pmos } from '../org/org.tables.ts';
import { portfolios } from '../portfolio/portfolio.tables.ts';
import { projectTypes, standardVersions } from '../standards/standards.tables.ts';

export const projectState = pgEnum('project_state', ['active', 'on_hold', 'closed', 'terminated']);
export const projectRole = pgEnum('project_role', ['project_manager', 'sponsor', 'team_member']);

export const projects = pgTable(
  'projects',
  {
    id: id(),
    code: text().notNull().unique(),
    name: text().notNull(),
    description: text(),
    pmoId: uuid()
      .notNull()
      .references(() => pmos.id),
    portfolioId: uuid().references(() => portfolios.id),
    orgUnitId: uuid().references(() => orgUnits.id),
    projectTypeId: uuid()
      .notNull()
      .references(() => projectTypes.id),
    /** The standard version the project started under; it keeps it when the standard changes. */
    standardVersionId: uuid()
      .notNull()
      .references(() => standardVersions.id),
    /** Key of the current phase in the bound standard's lifecycle. */
    phaseKey: text().notNull(),
    state: projectState().notNull().default('active'),
    projectManagerId: uuid().references(() => people.id),
    sponsorId: uuid().references(() => people.id),
    startDate: date({ mode: 'string' }),
    plannedFinishDate: date({ mode: 'string' }),
    budget: numeric({ precision: 14, scale: 2 }).notNull().default('0'),
    goAheadAt: timestamp({ withTimezone: true, mode: 'date' }),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('projects_pmo').on(t.pmoId),
    index('projects_portfolio').on(t.portfolioId),
    index('projects_manager').on(t.projectManagerId),
    /** The quick find's document (src/kernel/fulltext.ts); the search queries this very expression. */
    index('projects_search').using('gin', searchDocument(t.code, t.name, t.description)),
  ],
);

/** Project-level grants: project manager, sponsor, team member. */
export const projectMembers = pgTable(
  'project_members',
  {
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    personId: uuid()
      .notNull()
      .references(() => people.id),
    role: projectRole().notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.personId, t.role] }), index('project_members_person').on(t.personId)],
);
