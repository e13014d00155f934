/**
 * The job queue on PostgreSQL: graphile-worker. Its schema (graphile_worker) is installed by the
 * migrations; jobs are added with its add_job() SQL function in the caller's transaction
 * (jobs.ts); any number of instances run jobs from one database, each job once, and its cron
 * enqueues each period of a schedule once across all of them. Loaded only on PostgreSQL.
 */
import { EventEmitter } from 'node:events';
import {
  type CronItem,
  type LogLevel,
  Logger,
  parseCronItems,
  run,
  runMigrations,
  runOnce,
  type TaskList,
} from 'graphile-worker';
import pg from 'pg';
import type { Database } from './db.ts';
import type { JobRunner, QueuedJob } from './jobs.ts';
import {
  DEFAULT_MAX_ATTEMPTS,
  registeredSchedules,
  registeredTasks,
  runTask,
  schedulePayload,
  startsPeriod,
} from './jobs.registry.ts';

/**
 * graphile-worker's own messages: warnings and errors only. A failed task is logged by runTask,
 * in the form log.ts allows, so graphile-worker's line for it (which would repeat it) is left out.
 */
const logger = new Logger(() => (level: LogLevel, message: string, meta?: Record<string, unknown>) => {
  if (meta?.failure) return;
  const severity = String(level);
  if (severity === 'error') console.error(`job runner: ${message}`);
  else if (severity === 'warning') console.warn(`job runner: ${message}`);
});

function poolOf(database: Database): pg.Pool {
  const client = (database.db as unknown as { $client?: unknown }).$client;
  if (!(client instanceof pg.Pool)) throw new Error('the job queue on PostgreSQL needs the database opened by openDatabase');
  return client;
}

/** Handlers get the application's database; a scheduled job's payload names the period it runs for. */
function taskList(database: Database, onAttempt?: () => void): TaskList {
  const list: TaskList = {};
  for (const [name, handler] of registeredTasks()) {
    list[name] = async (payload, helpers) => {
      onAttempt?.();
      await runTask(name, handler, handlerPayload(payload), {
        db: database.db,
        attempt: helpers.job.attempts,
        maxAttempts: helpers.job.max_attempts,
        jobId: String(helpers.job.id),
      });
    };
  }
  return list;
}

function handlerPayload(payload: unknown): unknown {
  if (!payload || typeof payload !== 'object' || !('_cron' in payload)) return payload;
  const { _cron, ...rest } = payload as { _cron: { ts: string } };
  return { ...rest, ...schedulePayload(new Date(_cron.ts)) };
}

/**
 * The schedules as graphile-worker cron items. The backfill reaches back just under one period,
 * so after downtime only the latest missed period is enqueued, once, and at most once across
 * instances (graphile-worker records each item's last execution and schedules a period only
 * while moving it forward).
 */
function cronItems() {
  const items: CronItem[] = registeredSchedules().map((schedule) => ({
    identifier: schedule.name,
    task: schedule.task,
    match: (digest) => startsPeriod(schedule.everyMinutes, digest),
    options: { backfillPeriod: schedule.everyMinutes * 60_000 - 1, maxAttempts: DEFAULT_MAX_ATTEMPTS },
    payload: {},
  }));
  return parseCronItems(items);
}

export async function migratePostgresJobQueue(database: Database): Promise<void> {
  await runMigrations({ pgPool: poolOf(database), logger });
}

export async function startPostgresRunner(
  database: Database,
  options: { concurrency: number; pollMs: number },
): Promise<JobRunner> {
  // Its own pool on the same server, so that jobs never take the connections requests need.
  const { connectionString } = poolOf(database).options;
  if (!connectionString) throw new Error('the job runner needs the PostgreSQL connection string');
  const parsedCronItems = cronItems();
  const events = new EventEmitter();
  const caughtUp =
    parsedCronItems.length > 0 ? new Promise<void>((resolve) => events.once('cron:started', () => resolve())) : Promise.resolve();
  const runner = await run({
    connectionString,
    maxPoolSize: options.concurrency + 2,
    concurrency: options.concurrency,
    pollInterval: options.pollMs,
    taskList: taskList(database),
    parsedCronItems,
    noHandleSignals: true,
    logger,
    events,
  });
  let stopped = false;
  const ended = runner.promise.then(
    () => {
      if (!stopped) throw new Error('the job runner stopped by itself');
    },
    (err: unknown) => {
      throw err;
    },
  );
  try {
    await Promise.race([caughtUp, ended]);
  } catch (err) {
    stopped = true;
    await runner.stop().catch(() => {});
    throw err;
  }
  ended.catch((err: unknown) => {
    if (!stopped) console.error(`job runner: stopped: ${err instanceof Error ? err.message : String(err)}`);
  });
  let stopping: Promise<void> | null = null;
  return {
    stop() {
      stopping ??= (async () => {
        stopped = true;
        await runner.stop();
      })();
      return stopping;
    },
  };
}

export async function runDuePostgresJobs(database: Database, now: Date | undefined): Promise<number> {
  const tasks = [...registeredTasks().keys()];
  if (tasks.length === 0) return 0;
  const pool = poolOf(database);
  let ran = 0;
  const list = taskList(database, () => {
    ran++;
  });
  for (;;) {
    if (now) {
      // Due by the given time: brought forward to the database's now, which is what runOnce takes.
      await pool.query(
        `select graphile_worker.reschedule_jobs(array(
           select id from graphile_worker.jobs
           where run_at > now() and run_at <= $1::timestamptz and locked_at is null
             and attempts < max_attempts and task_identifier = any($2::text[])), run_at => now())`,
        [now.toISOString(), tasks],
      );
    }
    const before = ran;
    await runOnce({ pgPool: pool, taskList: list, noHandleSignals: true, logger });
    if (ran === before) return ran;
  }
}

export async function listPostgresJobs(database: Database): Promise<QueuedJob[]> {
  const { rows } = await poolOf(database).query<{
    id: string;
    task: string;
    key: string | null;
    run_at: Date;
    attempts: number;
    max_attempts: number;
    last_error: string | null;
    running: boolean;
  }>(
    `select id::text as id, task_identifier as task, key, run_at, attempts, max_attempts, last_error,
            locked_at is not null as running
     from graphile_worker.jobs order by run_at, id`,
  );
  return rows.map((j) => ({
    id: j.id,
    task: j.task,
    key: j.key,
    runAt: new Date(j.run_at),
    attempts: j.attempts,
    maxAttempts: j.max_attempts,
    lastError: j.last_error,
    running: j.running,
  }));
}
