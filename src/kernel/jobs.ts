/**
 * The job queue. A job is written in the transaction of the change that causes it (an outbox):
 * a rolled-back change enqueues nothing, and a committed one is run even when the process dies
 * right after the commit. On PostgreSQL the queue is graphile-worker (exactly once across every
 * instance on the database); on PGlite an in-process runner over the `jobs` table.
 */
import { is, sql } from 'drizzle-orm';
import { PgliteSession } from 'drizzle-orm/pglite';
import type { Database, DatabaseKind, Queryable } from './db.ts';
import { enqueuePglite, listPgliteJobs, runDuePgliteJobs, startPgliteRunner } from './jobs.pglite.ts';
import { DEFAULT_MAX_ATTEMPTS } from './jobs.registry.ts';

export {
  DEFAULT_MAX_ATTEMPTS,
  defineSchedule,
  defineTask,
  type TaskContext,
  type TaskHandler,
} from './jobs.registry.ts';

export interface JobSpec {
  /** A registered task name, e.g. 'mail.send', 'webhook.deliver', 'reports.sweep'. */
  task: string;
  payload: Record<string, unknown>;
  /** Default now. */
  runAt?: Date;
  /** At most one pending job per key: a later enqueue with the key replaces one not yet running. */
  key?: string;
  /** Default 10, with exponential backoff between attempts. */
  maxAttempts?: number;
}

export interface JobRunner {
  /** Stops taking jobs, waits for the running ones to finish, and releases its connections. */
  stop(): Promise<void>;
}

export interface JobRunnerOptions {
  /** Jobs run at once by this runner (default 2). */
  concurrency?: number;
  /** How often to look for jobs that fell due (default 1 s on PGlite, 2 s on PostgreSQL). */
  pollMs?: number;
}

/** A job not yet done: waiting, running, or given up after its last attempt (with its last error). */
export interface QueuedJob {
  id: string;
  task: string;
  key: string | null;
  runAt: Date;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  running: boolean;
}

/**
 * Adds a job in the caller's transaction; it runs after the transaction commits, never if it
 * rolls back.
 * @example await enqueue(tx, { task: 'mail.send', payload: { to, subject }, key: `digest:${userId}` });
 */
export async function enqueue(tx: Queryable, job: JobSpec): Promise<void> {
  const spec = checkedSpec(job);
  if (kindOf(tx) === 'pglite') {
    await enqueuePglite(tx, spec);
    return;
  }
  await tx.execute(sql`select graphile_worker.add_job(
    identifier => ${spec.task},
    payload => ${JSON.stringify(spec.payload)}::json,
    run_at => ${spec.runAt?.toISOString() ?? null}::timestamptz,
    max_attempts => ${spec.maxAttempts}::integer,
    job_key => ${spec.key ?? null}::text,
    job_key_mode => 'replace'
  )`);
}

export interface CheckedJobSpec {
  task: string;
  payload: Record<string, unknown>;
  runAt: Date | undefined;
  key: string | undefined;
  maxAttempts: number;
}

function checkedSpec(job: JobSpec): CheckedJobSpec {
  if (typeof job.task !== 'string' || job.task.length === 0 || job.task.length > 128) {
    throw new Error(`enqueue: a task name is 1 to 128 characters, got "${job.task}"`);
  }
  if (job.payload === null || typeof job.payload !== 'object' || Array.isArray(job.payload)) {
    throw new Error(`enqueue ${job.task}: the payload must be an object`);
  }
  if (job.runAt !== undefined && !(job.runAt instanceof Date && Number.isFinite(job.runAt.getTime()))) {
    throw new Error(`enqueue ${job.task}: runAt must be a valid Date`);
  }
  if (job.key !== undefined && (typeof job.key !== 'string' || job.key.length === 0 || job.key.length > 512)) {
    throw new Error(`enqueue ${job.task}: a key is 1 to 512 characters`);
  }
  const maxAttempts = job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 32_767) {
    throw new Error(`enqueue ${job.task}: maxAttempts must be an integer from 1 to 32767, got ${job.maxAttempts}`);
  }
  return { task: job.task, payload: job.payload, runAt: job.runAt, key: job.key, maxAttempts };
}

/** Which database a handle (the database or a transaction) runs on, from its drizzle session. */
function kindOf(queryable: Queryable): DatabaseKind {
  return is(queryable._.session, PgliteSession) ? 'pglite' : 'postgres';
}

/**
 * Starts running jobs and schedules in this process. Resolves once the schedules have caught up
 * (a period that fell due while no runner was up is enqueued, once across every instance).
 */
export async function startJobRunner(database: Database, options: JobRunnerOptions = {}): Promise<JobRunner> {
  const concurrency = options.concurrency ?? 2;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error('the job runner needs a concurrency of 1 or more');
  if (database.kind === 'pglite') {
    return startPgliteRunner(database, { concurrency, pollMs: options.pollMs ?? 1_000 });
  }
  const { startPostgresRunner } = await import('./jobs.postgres.ts');
  return startPostgresRunner(database, { concurrency, pollMs: options.pollMs ?? 2_000 });
}

/**
 * For tests: runs every job due by `now` (default: the database's now), and the jobs those
 * enqueue, one at a time until none is due; returns how many attempts ran (a failed attempt
 * counts, and its retry runs too once it falls due by `now`). Schedules are the runner's alone.
 */
export async function runDueJobs(database: Database, options: { now?: Date } = {}): Promise<number> {
  if (database.kind === 'pglite') return runDuePgliteJobs(database, options.now);
  const { runDuePostgresJobs } = await import('./jobs.postgres.ts');
  return runDuePostgresJobs(database, options.now);
}

/** The jobs not yet done, due first: for tests and for looking into the queue. */
export async function listJobs(database: Database): Promise<QueuedJob[]> {
  if (database.kind === 'pglite') return listPgliteJobs(database);
  const { listPostgresJobs } = await import('./jobs.postgres.ts');
  return listPostgresJobs(database);
}

/**
 * Installs or upgrades graphile-worker's schema on PostgreSQL (runMigrations calls it under its
 * lock, so every database that Tollgate migrates can take jobs); PGlite's queue is a migration.
 */
export async function migrateJobQueue(database: Database): Promise<void> {
  if (database.kind === 'pglite') return;
  const { migratePostgresJobQueue } = await import('./jobs.postgres.ts');
  await migratePostgresJobQueue(database);
}
