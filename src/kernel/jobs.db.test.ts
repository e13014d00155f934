import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { downForTwoDays } from '../../test/support/downtime.ts';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { type TestDatabase, testDatabase } from '../../test/support/database.ts';
import { type Database, openDatabase } from './db.ts';
import { defineSchedule, defineTask, enqueue, listJobs, runDueJobs, startJobRunner } from './jobs.ts';
import { periodStart } from './jobs.registry.ts';
import { transact } from './usecase.ts';

/**
 * The job queue on both databases: the outbox (a job commits or rolls back with its change and
 * survives a crash after the commit), retries with backoff, giving up, keys, schedules that catch
 * up once after downtime, and on PostgreSQL several runners sharing one queue.
 */

const onPostgres = process.env.TG_TEST_DB === 'postgres';
const HOUR = 3_600_000;

interface Run {
  task: string;
  payload: Record<string, unknown>;
  attempt: number;
}
const runs: Run[] = [];
const ranOf = (task: string) => runs.filter((r) => r.task === task);
const record = (task: string) => async (payload: Record<string, unknown>, ctx: { attempt: number }) => {
  runs.push({ task, payload, attempt: ctx.attempt });
};

defineTask('test.record', record('test.record'));
defineTask('test.keyed', record('test.keyed'));

let flakyFailures = 0;
defineTask('test.flaky', async (payload, ctx) => {
  runs.push({ task: 'test.flaky', payload, attempt: ctx.attempt });
  if (flakyFailures-- > 0) throw new Error('the receiver answered 500');
});
defineTask('test.broken', async (payload, ctx) => {
  runs.push({ task: 'test.broken', payload, attempt: ctx.attempt });
  throw new Error('always broken');
});
/** Fails with a database error whose parameter is a value that must stay out of the log. */
defineTask('test.query-fails', async (payload: { email: string }, { db }) => {
  await db.execute(sql`select ${payload.email}::integer`);
});
/** A handler that writes opens its own transaction, and may enqueue from it. */
defineTask('test.chain', async (payload, ctx) => {
  runs.push({ task: 'test.chain', payload, attempt: ctx.attempt });
  await transact(ctx.db, async ({ tx }) => enqueue(tx, { task: 'test.record', payload: { after: payload.id } }));
});

let outboxRan: (() => void) | null = null;
defineTask('test.outbox', async (payload, ctx) => {
  runs.push({ task: 'test.outbox', payload, attempt: ctx.attempt });
  outboxRan?.();
});

defineTask('test.daily', record('test.daily'));
defineSchedule('test.daily', { everyMinutes: 1440, task: 'test.daily' });

let database: TestDatabase;

beforeAll(async () => {
  database = await testDatabase();
});
afterAll(async () => {
  await database?.close();
});
afterEach(() => {
  runs.length = 0;
  vi.restoreAllMocks();
});

async function dbNow(db: Database): Promise<Date> {
  const { rows } = (await db.db.execute(sql`select now() as now`)) as unknown as { rows: { now: Date | string }[] };
  return new Date(rows[0]!.now);
}

async function jobsOf(db: Database, task: string) {
  return (await listJobs(db)).filter((j) => j.task === task);
}

describe('the outbox', () => {
  it('runs a job once after its transaction commits, and never one whose transaction rolled back', async () => {
    await expect(
      transact(database.db, async ({ tx }) => {
        await enqueue(tx, { task: 'test.record', payload: { id: 'rolled-back' } });
        throw new Error('the use case refused');
      }),
    ).rejects.toThrow('the use case refused');
    await transact(database.db, async ({ tx }) => enqueue(tx, { task: 'test.record', payload: { id: 'committed' } }));

    expect(await runDueJobs(database)).toBe(1);
    expect(ranOf('test.record')).toEqual([{ task: 'test.record', payload: { id: 'committed' }, attempt: 1 }]);
    expect(await runDueJobs(database)).toBe(0);
    expect(await jobsOf(database, 'test.record')).toEqual([]);
  });

  it('runs the jobs a job enqueues in the same drain', async () => {
    await transact(database.db, async ({ tx }) => enqueue(tx, { task: 'test.chain', payload: { id: 'first' } }));
    expect(await runDueJobs(database)).toBe(2);
    expect(runs.map((r) => [r.task, r.payload])).toEqual([
      ['test.chain', { id: 'first' }],
      ['test.record', { after: 'first' }],
    ]);
  });

  it('runs a job no earlier than its runAt', async () => {
    const runAt = new Date((await dbNow(database)).getTime() + 2 * HOUR);
    await transact(database.db, async ({ tx }) => enqueue(tx, { task: 'test.record', payload: { id: 'later' }, runAt }));
    expect(await runDueJobs(database)).toBe(0);
    expect(await jobsOf(database, 'test.record')).toMatchObject([{ runAt, attempts: 0 }]);
    expect(await runDueJobs(database, { now: new Date(runAt.getTime() + 1000) })).toBe(1);
    expect(ranOf('test.record').map((r) => r.payload)).toEqual([{ id: 'later' }]);
  });

  it('wakes a running runner at the commit, without waiting for its next poll', async () => {
    const runner = await startJobRunner(database, { pollMs: 10 * 60_000 });
    try {
      const ran = new Promise<void>((resolve) => {
        outboxRan = resolve;
      });
      await transact(database.db, async ({ tx }) => enqueue(tx, { task: 'test.outbox', payload: { id: 'live' } }));
      // With a ten-minute poll, only the commit's notification can start it within the test's time.
      await ran;
    } finally {
      outboxRan = null;
      await runner.stop();
    }
    expect(ranOf('test.outbox').map((r) => r.payload)).toEqual([{ id: 'live' }]);
    expect(await jobsOf(database, 'test.outbox')).toEqual([]);
  });

  it('survives a crash after the commit: the job runs once when Tollgate is back', async () => {
    const dir = onPostgres ? null : mkdtempSync(join(tmpdir(), 'tollgate-jobs-'));
    // A database of its own that is closed and opened again: on PostgreSQL a second pool on the test
    // database, on PGlite a data directory made from the empty template.
    const open = (fromTemplate: boolean) =>
      onPostgres
        ? openDatabase({ databaseUrl: database.url, poolSize: 2 })
        : openDatabase({ dataDir: join(dir as string, 'data'), loadDataDir: fromTemplate ? templateBlob() : undefined });
    const before = await open(true);
    await transact(before.db, async ({ tx }) => enqueue(tx, { task: 'test.outbox', payload: { id: 'crash' } }));
    // The process stops right after the commit: no runner ever saw the job.
    await before.close();

    const after = await open(false);
    try {
      const ran = new Promise<void>((resolve) => {
        outboxRan = resolve;
      });
      const runner = await startJobRunner(after, { pollMs: 50 });
      await ran;
      await runner.stop();
      expect(await runDueJobs(after)).toBe(0);
      expect(ranOf('test.outbox')).toEqual([{ task: 'test.outbox', payload: { id: 'crash' }, attempt: 1 }]);
      expect(await jobsOf(after, 'test.outbox')).toEqual([]);
    } finally {
      outboxRan = null;
      await after.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  });
});

function templateBlob(): Blob {
  return new Blob([readFileSync(inject('pgliteTemplates').empty)]);
}

describe('retries', () => {
  it('retries a failing job after a growing wait, until it succeeds', async () => {
    flakyFailures = 2;
    await transact(database.db, async ({ tx }) => enqueue(tx, { task: 'test.flaky', payload: { id: 'flaky' }, maxAttempts: 5 }));
    const started = await dbNow(database);
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await runDueJobs(database)).toBe(1);

    const [waiting] = await jobsOf(database, 'test.flaky');
    expect(waiting).toMatchObject({ attempts: 1, maxAttempts: 5, lastError: 'Error: the receiver answered 500' });
    expect(waiting?.running).toBe(false);
    // e^1 ≈ 2.7 s after the failed attempt, which came after `started`.
    expect(waiting!.runAt.getTime() - started.getTime()).toBeGreaterThanOrEqual(2_700);

    expect(await runDueJobs(database, { now: new Date(Date.now() + HOUR) })).toBe(2);
    expect(ranOf('test.flaky').map((r) => r.attempt)).toEqual([1, 2, 3]);
    expect(await jobsOf(database, 'test.flaky')).toEqual([]);
  });

  it('gives up after maxAttempts and keeps the job with its last error; the log names the task and the attempt', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    await transact(database.db, async ({ tx }) =>
      enqueue(tx, { task: 'test.broken', payload: { id: 'broken' }, maxAttempts: 3 }),
    );
    expect(await runDueJobs(database, { now: new Date(Date.now() + 24 * HOUR) })).toBe(3);
    expect(ranOf('test.broken').map((r) => r.attempt)).toEqual([1, 2, 3]);
    expect(await jobsOf(database, 'test.broken')).toMatchObject([
      { attempts: 3, maxAttempts: 3, lastError: 'Error: always broken', running: false },
    ]);
    expect(await runDueJobs(database, { now: new Date(Date.now() + 48 * HOUR) })).toBe(0);
    const lines = logged.mock.calls.map((call) => String(call[0]));
    expect(lines.filter((l) => l.includes('(test.broken)'))).toEqual([
      expect.stringMatching(/attempt 1 of 3, will retry: Error: always broken/),
      expect.stringMatching(/attempt 2 of 3, will retry: Error: always broken/),
      expect.stringMatching(/attempt 3 of 3, giving up: Error: always broken/),
    ]);
  });

  it('keeps the values of a failed query out of the log and out of the job', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const email = 'secret.person@example.com';
    await transact(database.db, async ({ tx }) => enqueue(tx, { task: 'test.query-fails', payload: { email }, maxAttempts: 1 }));
    expect(await runDueJobs(database)).toBe(1);
    const [failed] = await jobsOf(database, 'test.query-fails');
    expect(failed?.lastError).toMatch(/database error; SQLSTATE 22P02/);
    expect(failed?.lastError).not.toContain(email);
    const text = logged.mock.calls.flat().map(String).join('\n');
    expect(text).toContain('(test.query-fails) failed on attempt 1 of 1, giving up');
    expect(text).not.toContain(email);
  });
});

describe('keys', () => {
  it('keeps one pending job per key: a later enqueue replaces the earlier one', async () => {
    await transact(database.db, async ({ tx }) => {
      await enqueue(tx, { task: 'test.keyed', payload: { version: 1 }, key: 'digest:user-1' });
      await enqueue(tx, { task: 'test.keyed', payload: { version: 2 }, key: 'digest:user-1' });
    });
    await transact(database.db, async ({ tx }) =>
      enqueue(tx, { task: 'test.keyed', payload: { version: 3 }, key: 'digest:user-1' }),
    );
    await transact(database.db, async ({ tx }) =>
      enqueue(tx, { task: 'test.keyed', payload: { version: 1 }, key: 'digest:user-2' }),
    );
    const pending = await jobsOf(database, 'test.keyed');
    expect(pending.map((j) => j.key).sort()).toEqual(['digest:user-1', 'digest:user-2']);

    expect(await runDueJobs(database)).toBe(2);
    expect(ranOf('test.keyed').map((r) => r.payload.version)).toEqual([3, 1]);
  });

  it('refuses a job it could not run: no task, a bad maxAttempts, an invalid runAt', async () => {
    await expect(transact(database.db, async ({ tx }) => enqueue(tx, { task: '', payload: {} }))).rejects.toThrow(/task name/);
    await expect(
      transact(database.db, async ({ tx }) => enqueue(tx, { task: 'test.record', payload: {}, maxAttempts: 0 })),
    ).rejects.toThrow(/maxAttempts/);
    await expect(
      transact(database.db, async ({ tx }) => enqueue(tx, { task: 'test.record', payload: {}, runAt: new Date(Number.NaN) })),
    ).rejects.toThrow(/runAt/);
    expect(await jobsOf(database, 'test.record')).toEqual([]);
  });
});

describe('schedules', () => {
  it('runs a period that fell due while no runner was up once, even when two runners start', async () => {
    // A runner saw the schedule once (and enqueued nothing: a schedule starts from the period it is first seen in).
    const first = await startJobRunner(database, { pollMs: 50 });
    await first.stop();
    await runDueJobs(database);
    expect(ranOf('test.daily')).toEqual([]);

    await downForTwoDays(database, 'test.daily');
    const [a, b] = await Promise.all([startJobRunner(database, { pollMs: 50 }), startJobRunner(database, { pollMs: 50 })]);
    await Promise.all([a.stop(), b.stop()]);
    await runDueJobs(database);
    const today = periodStart(1440, await dbNow(database)).toISOString();
    expect(ranOf('test.daily').map((r) => r.payload)).toEqual([{ scheduledAt: today }]);

    // Started again within the same period: nothing more.
    const again = await startJobRunner(database, { pollMs: 50 });
    await again.stop();
    await runDueJobs(database);
    expect(ranOf('test.daily')).toHaveLength(1);
  });
});

describe.runIf(onPostgres)('several runners on one PostgreSQL', () => {
  let done: (() => void) | null = null;
  let executions = 0;
  defineTask('test.count', async (payload: { n: number }, { db }) => {
    executions++;
    await db.execute(sql`insert into job_executions (payload_id) values (${payload.n})`);
    if (executions >= 200) done?.();
  });

  it('runs each of 200 jobs exactly once between two runners', async () => {
    await database.db.execute(sql`create table job_executions (payload_id integer primary key)`);
    for (let batch = 0; batch < 4; batch++) {
      await transact(database.db, async ({ tx }) => {
        for (let i = 0; i < 50; i++) await enqueue(tx, { task: 'test.count', payload: { n: batch * 50 + i } });
      });
    }
    const finished = new Promise<void>((resolve) => {
      done = resolve;
    });
    const runners = await Promise.all([
      startJobRunner(database, { concurrency: 4 }),
      startJobRunner(database, { concurrency: 4 }),
    ]);
    await finished;
    await Promise.all(runners.map((r) => r.stop()));

    expect(executions).toBe(200);
    const { rows } = (await database.db.execute(
      sql`select count(*)::int as n, count(distinct payload_id)::int as distinct_ids from job_executions`,
    )) as unknown as { rows: { n: number; distinct_ids: number }[] };
    expect(rows[0]).toEqual({ n: 200, distinct_ids: 200 });
    expect(await jobsOf(database, 'test.count')).toEqual([]);
  });
});
