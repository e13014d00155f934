import { check, date, index, numeric, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, id, updatedAt, version } from '../../kernel/columns.ts';
import { people, skills } from '../org/org.tables.ts';
import { projects } from '../projects/projects.tables.ts';

/** Time a person is away (leave, training, sick): it lowers their capacity in those months. */
export const absences = pgTable(
  'absences',
  {
    id: id(),
    personId: uuid()
      .notNull()
      .references(() => people.id),
    startsOn: date({ mode: 'string' }).notNull(),
    endsOn: date({ mode: 'string' }).notNull(),
    reason: text().notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('absences_person').on(t.personId), check('absences_dates', sql`${t.endsOn} >= ${t.startsOn}`)],
);

/**
 * An allocation of a person (or of an unnamed skill demand) to a project, in FTE, over whole
 * months from startMonth to endMonth (both the first day of a month). A PMO lead may allocate
 * beyond a person's capacity only with an override reason.
 */
export const allocations = pgTable(
  'allocations',
  {
    id: id(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id),
    personId: uuid().references(() => people.id),
    skillId: uuid().references(() => skills.id),
    startMonth: date({ mode: 'string' }).notNull(),
    endMonth: date({ mode: 'string' }).notNull(),
    fte: numeric({ precision: 4, scale: 2 }).notNull(),
    overrideReason: text(),
    createdBy: text().notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('allocations_project').on(t.projectId),
    index('allocations_person').on(t.personId),
    index('allocations_skill').on(t.skillId),
    check('allocations_who', sql`${t.personId} IS NOT NULL OR ${t.skillId} IS NOT NULL`),
    check('allocations_months', sql`${t.endMonth} >= ${t.startMonth}`),
    check('allocations_fte', sql`${t.fte} > 0`),
  ],
);
