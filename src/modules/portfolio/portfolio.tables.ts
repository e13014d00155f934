import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt, version } from '../../kernel/columns.ts';
import { people, pmos } from '../org/org.tables.ts';

/** A portfolio or program grouping projects, governed by one PMO. */
export const portfolios = pgTable(
  'portfolios',
  {
    id: id(),
    pmoId: uuid()
      .notNull()
      .references(() => pmos.id),
    code: text().notNull().unique(),
    name: text().notNull(),
    kind: text().notNull().default('portfolio'),
    description: text(),
    ownerPersonId: uuid().references(() => people.id),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('portfolios_pmo').on(t.pmoId)],
);
