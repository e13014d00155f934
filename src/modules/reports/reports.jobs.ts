/**
 * What the status reports module registers when it loads: the sweep task and its schedule on
 * the job queue, and the due reports of the personal calendar feed.
 */
import { defineSchedule, defineTask } from '../../kernel/jobs.ts';
import { defineCalendarSource } from '../notify/index.ts';
import { SWEEP_TASK, dueReportEntries, sweepStatusReports } from './reports.sweep.ts';

/** Every 15 minutes: a reminder falls due at most a quarter of an hour late. */
export const SWEEP_EVERY_MINUTES = 15;

defineTask(SWEEP_TASK, async (_payload, { db }) => {
  await sweepStatusReports(db);
});
defineSchedule(SWEEP_TASK, { everyMinutes: SWEEP_EVERY_MINUTES, task: SWEEP_TASK });
defineCalendarSource('status_reports.due', dueReportEntries);
