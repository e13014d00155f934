import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';

/**
 * The job queue of the embedded database (PGlite): a job is written in the transaction of the
 * change that causes it (the outbox) and deleted once its task succeeds. On PostgreSQL the queue
 * is graphile-worker's own schema and this table stays empty.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    task: text().notNull(),
    payload: jsonb().notNull().default({}),
    runAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** At most one job per key: a later enqueue with the key replaces a job not yet running. */
    key: text(),
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull().default(10),
    /** Why the last attempt failed (no request values: see log.ts). */
    lastError: text(),
    lockedAt: timestamp({ withTimezone: true, mode: 'date' }),
    lockedBy: text(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('jobs_key').on(t.key).where(sql`${t.key} is not null`),
    index('jobs_due').on(t.runAt, t.id).where(sql`${t.lockedAt} is null`),
    check('jobs_max_attempts', sql`${t.maxAttempts} between 1 and 32767`),
    check('jobs_task', sql`length(${t.task}) between 1 and 128`),
  ],
);

/**
 * The recurring tasks of the embedded database: the start of the last period each one was
 * enqueued for, so a period that fell due while Tollgate was down runs once when it is back.
 */
export const jobSchedules = pgTable('job_schedules', {
  name: text().primaryKey(),
  lastPeriodAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
  knownSince: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
