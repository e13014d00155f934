import type { Db } from './db.ts';
import { describeError } from './log.ts';

/** What a task handler is told about the job it runs. */
export interface TaskContext {
  /** A fresh database handle, not a transaction: a handler that writes opens its own `transact`. */
  db: Db;
  /** 1 on the first run, 2 on the first retry, … */
  attempt: number;
  maxAttempts: number;
  jobId: string;
}

/** Runs one job; throwing (or rejecting) makes the job retry with backoff until maxAttempts. Each task checks its own payload. */
export type TaskHandler = (payload: any, ctx: TaskContext) => Promise<void>;

export interface Schedule {
  name: string;
  everyMinutes: number;
  task: string;
}

export const DEFAULT_MAX_ATTEMPTS = 10;
/** graphile-worker's limit on task names and job keys; the PGlite table holds the same. */
const MAX_NAME_LENGTH = 128;
const MINUTES_PER_DAY = 1440;

const tasks = new Map<string, TaskHandler>();
const schedules = new Map<string, Schedule>();

/**
 * Registers the handler of a task, once per name (modules call it when they load).
 * @example defineTask('mail.send', async (payload, { db }) => { await sendMail(db, payload); });
 */
export function defineTask(name: string, handler: TaskHandler): void {
  checkName('task', name);
  if (tasks.has(name)) throw new Error(`the task ${name} is defined twice`);
  tasks.set(name, handler);
}

/**
 * A recurring task: enqueued once per period across every instance, at the UTC minutes of the
 * day that are multiples of `everyMinutes` (which must divide a day: 1, 5, 15, 60, 1440, …).
 * A period that fell due while no runner was up is enqueued once when one starts.
 * @example defineSchedule('reports.sweep', { everyMinutes: 60, task: 'reports.sweep' });
 */
export function defineSchedule(name: string, options: { everyMinutes: number; task: string }): void {
  checkName('schedule', name);
  checkName('task', options.task);
  const { everyMinutes } = options;
  if (!Number.isInteger(everyMinutes) || everyMinutes < 1 || MINUTES_PER_DAY % everyMinutes !== 0) {
    throw new Error(`the schedule ${name}: everyMinutes must divide a day (1440 minutes), got ${everyMinutes}`);
  }
  if (schedules.has(name)) throw new Error(`the schedule ${name} is defined twice`);
  schedules.set(name, { name, everyMinutes, task: options.task });
}

function checkName(what: string, name: string): void {
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME_LENGTH || /\s/.test(name)) {
    throw new Error(`a ${what} name is 1 to ${MAX_NAME_LENGTH} characters without spaces, got "${name}"`);
  }
}

export function registeredTasks(): ReadonlyMap<string, TaskHandler> {
  return tasks;
}

/** The schedules, each checked to name a defined task. */
export function registeredSchedules(): Schedule[] {
  for (const schedule of schedules.values()) {
    if (!tasks.has(schedule.task)) {
      throw new Error(`the schedule ${schedule.name} runs the task ${schedule.task}, which is not defined`);
    }
  }
  return [...schedules.values()];
}

/** True when the UTC minute of the day of `at` starts a period of the schedule. */
export function startsPeriod(everyMinutes: number, at: { hour: number; min: number }): boolean {
  return (at.hour * 60 + at.min) % everyMinutes === 0;
}

/** The start of the period that contains `now` (UTC, to the minute). */
export function periodStart(everyMinutes: number, now: Date): Date {
  const periodMs = everyMinutes * 60_000;
  return new Date(Math.floor(now.getTime() / periodMs) * periodMs);
}

/**
 * The wait before the next attempt after `attempts` failed ones, graphile-worker's rule on both
 * databases: e^min(attempts, 10) seconds (3 s, 7 s, 20 s, 55 s, … at most about 6 h).
 */
export function retryDelaySeconds(attempts: number): number {
  return Math.exp(Math.min(Math.max(attempts, 0), 10));
}

/** The payload a scheduled job's handler gets: the start of the period it runs for. */
export function schedulePayload(periodAt: Date): { scheduledAt: string } {
  return { scheduledAt: periodAt.toISOString() };
}

/** What a failed attempt leaves in the job and in the log: never a query's parameters. */
export class TaskFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TaskFailedError';
  }
}

/**
 * Runs a handler for either runner. A failure is logged once, with the task, the job and the
 * attempt, in the form log.ts allows; it is rethrown as a TaskFailedError whose message (kept as
 * the job's last error) is that form's first line.
 */
export async function runTask(task: string, handler: TaskHandler, payload: unknown, ctx: TaskContext): Promise<void> {
  try {
    await handler(payload, ctx);
  } catch (err) {
    const described = describeError(err);
    const outcome = ctx.attempt >= ctx.maxAttempts ? 'giving up' : 'will retry';
    console.error(`job ${ctx.jobId} (${task}) failed on attempt ${ctx.attempt} of ${ctx.maxAttempts}, ${outcome}: ${described}`);
    throw new TaskFailedError(described.split('\n')[0] ?? 'failed');
  }
}
