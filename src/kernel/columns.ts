import { integer, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Columns most tables share: a uuid id, an optimistic-lock version and timestamps. */
export const id = () => uuid().primaryKey().defaultRandom();
export const version = () => integer().notNull().default(1);
export const createdAt = () => timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const updatedAt = () => timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow();
