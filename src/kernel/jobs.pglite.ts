/**
 * The job queue on the embedded database: the `jobs` and `job_schedules` tables and an
 * in-process runner. PGlite serves one process (its data directory is locked) and runs one query
 * at a time, so the runner never queries the database inside a transaction except through it.
 */
import { randomUUID } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import { type SQL, sql } from 'drizzle-orm';
import type { Database, Db, Queryable } from './db.ts';
import type { CheckedJobSpec, JobRunner, QueuedJob } from './jobs.ts';
import {
  DEFAULT_MAX_ATTEMPTS,
  periodStart,
  registeredSchedules,
  registeredTasks,
  runTask,
  type Schedule,
  schedulePayload,
  TaskFailedError,
} from './jobs.registry.ts';
import { describeError } from './log.ts';

/** Committing a job notifies this channel, so an idle runner starts it at once. */
const CHANNEL = 'tollgate_jobs';

/** Workers of this process: a lock held by anyone else was left by a process that is gone. */
const liveWorkers = new Set<string>();

interface ClaimedJob {
  id: string;
  task: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
}

async function rows<T>(db: Queryable, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

export async function enqueuePglite(tx: Queryable, spec: CheckedJobSpec): Promise<void> {
  if (spec.key !== undefined) {
    // A running job keeps running but gives up its key (and its retries: the newer job carries the
    // newer state), as graphile-worker does.
    await tx.execute(sql`update jobs set key = null, attempts = max_attempts where key = ${spec.key} and locked_at is not null`);
  }
  await tx.execute(sql`
    with added as (
      insert into jobs (task, payload, run_at, key, max_attempts)
      values (${spec.task}, ${JSON.stringify(spec.payload)}::jsonb,
              coalesce(${spec.runAt?.toISOString() ?? null}::timestamptz, now()), ${spec.key ?? null}, ${spec.maxAttempts})
      on conflict (key) where key is not null do update set
        task = excluded.task, payload = excluded.payload, run_at = excluded.run_at,
        max_attempts = excluded.max_attempts, attempts = 0, last_error = null
      returning id
    )
    select pg_notify(${CHANNEL}, '') from added`);
}

/** Takes the next due job of a registered task, in one statement. */
async function claimJob(db: Db, workerId: string, now: Date | undefined): Promise<ClaimedJob | null> {
  const names = JSON.stringify([...registeredTasks().keys()]);
  const [job] = await rows<ClaimedJob>(
    db,
    sql`
    update jobs set locked_at = now(), locked_by = ${workerId}, attempts = attempts + 1
    where id = (
      select id from jobs
      where locked_at is null and attempts < max_attempts
        and run_at <= coalesce(${now?.toISOString() ?? null}::timestamptz, now())
        and task in (select jsonb_array_elements_text(${names}::jsonb))
      order by run_at, id
      limit 1
      for update skip locked
    )
    returning id::text as id, task, payload, attempts, max_attempts`,
  );
  return job ?? null;
}

/** Runs a claimed job: deleted on success; on failure retried after the backoff, or kept as given up. */
async function executeJob(db: Db, workerId: string, job: ClaimedJob): Promise<void> {
  const handler = registeredTasks().get(job.task);
  const ctx = { db, attempt: job.attempts, maxAttempts: job.max_attempts, jobId: job.id };
  try {
    if (!handler) throw new TaskFailedError(`no handler for the task ${job.task}`);
    await runTask(job.task, handler, job.payload, ctx);
  } catch (err) {
    const message = err instanceof TaskFailedError ? err.message : 'failed';
    await db.execute(sql`
      update jobs set locked_at = null, locked_by = null, last_error = ${message},
        run_at = greatest(now(), run_at) + make_interval(secs => exp(least(attempts, 10)))
      where id = ${job.id}::bigint and locked_by = ${workerId}`);
    return;
  }
  await db.execute(sql`delete from jobs where id = ${job.id}::bigint and locked_by = ${workerId}`);
}

export async function runDuePgliteJobs(database: Database, now: Date | undefined): Promise<number> {
  const workerId = `pglite-due:${process.pid}:${randomUUID()}`;
  liveWorkers.add(workerId);
  let ran = 0;
  try {
    for (;;) {
      const job = await claimJob(database.db, workerId, now);
      if (!job) return ran;
      await executeJob(database.db, workerId, job);
      ran++;
    }
  } finally {
    liveWorkers.delete(workerId);
  }
}

export async function listPgliteJobs(database: Database): Promise<QueuedJob[]> {
  const found = await rows<{
    id: string;
    task: string;
    key: string | null;
    run_at: Date | string;
    attempts: number;
    max_attempts: number;
    last_error: string | null;
    running: boolean;
  }>(
    database.db,
    sql`select id::text as id, task, key, run_at, attempts, max_attempts, last_error, locked_at is not null as running
        from jobs order by run_at, id`,
  );
  return found.map((j) => ({
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

/** Wakes every sleeping loop at once: a committed job, or stop. */
class Waker {
  private sleepers = new Set<() => void>();
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }
  wakeAll(): void {
    for (const done of [...this.sleepers]) done();
  }
}

/** The first time a schedule is seen it starts from the current period (as graphile-worker's cron does). */
async function registerSchedules(db: Db, schedules: Schedule[], now: Date): Promise<void> {
  for (const schedule of schedules) {
    await db.execute(sql`
      insert into job_schedules (name, last_period_at)
      values (${schedule.name}, ${periodStart(schedule.everyMinutes, now).toISOString()}::timestamptz)
      on conflict (name) do nothing`);
  }
}

/**
 * Enqueues each schedule's current period if it has not been yet: once, however many periods
 * passed while no runner was up. The period moves forward in the same transaction as the job.
 */
async function enqueueDuePeriods(db: Db, schedules: Schedule[], now: Date, checked: Map<string, number>): Promise<void> {
  for (const schedule of schedules) {
    const period = periodStart(schedule.everyMinutes, now);
    // Each period is looked at once by this runner; the table decides across runners.
    if (checked.get(schedule.name) === period.getTime()) continue;
    await db.transaction(async (tx) => {
      const moved = await rows<{ name: string }>(
        tx,
        sql`update job_schedules set last_period_at = ${period.toISOString()}::timestamptz
            where name = ${schedule.name} and last_period_at < ${period.toISOString()}::timestamptz
            returning name`,
      );
      if (moved.length === 0) return;
      await enqueuePglite(tx, {
        task: schedule.task,
        payload: schedulePayload(period),
        runAt: period,
        key: undefined,
        maxAttempts: DEFAULT_MAX_ATTEMPTS,
      });
    });
    checked.set(schedule.name, period.getTime());
  }
}

export async function startPgliteRunner(
  database: Database,
  options: { concurrency: number; pollMs: number },
): Promise<JobRunner> {
  const db = database.db;
  const workerId = `pglite:${process.pid}:${randomUUID()}`;
  const schedules = registeredSchedules();
  liveWorkers.add(workerId);
  const waker = new Waker();
  const checked = new Map<string, number>();
  let stopping = false;
  let unlisten: (() => Promise<void>) | null = null;
  try {
    // Only this process opens the data directory: a job locked by a worker that is not alive here
    // was running when Tollgate stopped, and runs again.
    await db.execute(sql`
      update jobs set locked_at = null, locked_by = null
      where locked_at is not null
        and locked_by not in (select jsonb_array_elements_text(${JSON.stringify([...liveWorkers])}::jsonb))`);
    const now = new Date();
    await registerSchedules(db, schedules, now);
    await enqueueDuePeriods(db, schedules, now, checked);
    const client = (db as unknown as { $client: PGlite }).$client;
    unlisten = await client.listen(CHANNEL, () => waker.wakeAll());
  } catch (err) {
    liveWorkers.delete(workerId);
    throw err;
  }

  const report = (what: string, err: unknown) => {
    if (!stopping) console.error(`job runner: ${what} failed: ${describeError(err)}`);
  };
  // One loop claims jobs (a query at a time, as PGlite runs them) and runs up to `concurrency` at once.
  const running = new Set<Promise<void>>();
  const work = async () => {
    while (!stopping) {
      if (running.size >= options.concurrency) {
        await Promise.race(running);
        continue;
      }
      let job: ClaimedJob | null = null;
      try {
        job = await claimJob(db, workerId, undefined);
      } catch (err) {
        report('taking a job', err);
      }
      if (job) {
        const execution: Promise<void> = executeJob(db, workerId, job)
          .catch((err) => report(`recording job ${job.id}`, err))
          .finally(() => running.delete(execution));
        running.add(execution);
      } else if (!stopping) {
        await waker.sleep(options.pollMs);
      }
    }
    await Promise.all(running);
  };
  const schedule = async () => {
    while (!stopping) {
      await waker.sleep(options.pollMs);
      if (stopping) break;
      try {
        await enqueueDuePeriods(db, schedules, new Date(), checked);
      } catch (err) {
        report('enqueuing a schedule', err);
      }
    }
  };
  const loops = [work(), ...(schedules.length ? [schedule()] : [])];

  let stopped: Promise<void> | null = null;
  return {
    stop() {
      stopped ??= (async () => {
        stopping = true;
        waker.wakeAll();
        await Promise.all(loops);
        await unlisten?.().catch(() => {});
        liveWorkers.delete(workerId);
      })();
      return stopped;
    },
  };
}
