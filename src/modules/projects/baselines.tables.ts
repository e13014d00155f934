import { integer, jsonb, numeric, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from '../../kernel/columns.ts';
import { projects } from './projects.tables.ts';

/**
 * A project's cost baseline: BAC and a cumulative planned-value curve (linear between points,
 * 0 before the first). A new number each time it is set; the highest number is current.
 */
export const projectBaselines = pgTable(
  'project_baselines',
  {
    id: id(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id),
    number: integer().notNull(),
    bac: numeric({ precision: 14, scale: 2 }).notNull(),
    /** {date, plannedValue}[] ascending by date */
    curve: jsonb().notNull(),
    reason: text(),
    setBy: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('project_baselines_project_number').on(t.projectId, t.number)],
);
