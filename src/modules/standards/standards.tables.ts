import { searchDocument } from '../../kernel/fulltext.ts';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt, version } from '../../kernel/columns.ts';
import { pmos } from '../org/org.tables.ts';

/** A kind of project the PMO governs (e.g. "IT system delivery"), owned by one PMO. */
export const projectTypes = pgTable(
  'project_types',
  {
    id: id(),
    pmoId: uuid()
      .notNull()
      .references(() => pmos.id),
    code: text().notNull().unique(),
    name: text().notNull(),
    description: text(),
    /** Number of the newest published standard version. */
    currentVersion: integer().notNull().default(1),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('project_types_pmo').on(t.pmoId),
    index('project_types_search').using('gin', searchDocument(t.code, t.name, t.description)),
  ],
);

/**
 * An immutable, published version of a project type's standard: lifecycle (phases, gates with
 * criteria, deliverables, reviewer roles and quorum), status reporting, tolerances and the risk
 * matrix. Projects are bound to the version they started under.
 */
export const standardVersions = pgTable(
  'standard_versions',
  {
    id: id(),
    projectTypeId: uuid()
      .notNull()
      .references(() => projectTypes.id),
    number: integer().notNull(),
    definition: jsonb().notNull(),
    note: text(),
    publishedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    publishedBy: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('standard_versions_type_number').on(t.projectTypeId, t.number)],
);
