import { addDays, addMonths, daysBetween } from '../../kernel/dates.ts';

/**
 * Report periods and due states. Days are ISO calendar days in UTC (src/kernel/dates.ts), so a
 * period ends on the same day wherever the server runs.
 */
export type Cadence = 'weekly' | 'fortnightly' | 'monthly';

export interface ReportPeriod {
  periodStart: string;
  periodEnd: string;
  /** The report for a period is due on its last day. */
  dueOn: string;
}

const PERIOD_DAYS = { weekly: 7, fortnightly: 14 } as const;

/** The last day of the month `day` falls in: 2028-02-10 → 2028-02-29. */
export function endOfMonth(day: string): string {
  return addDays(addMonths(`${day.slice(0, 7)}-01`, 1), -1);
}

/**
 * The period of a project's cadence that contains `day`, counting from its go-ahead day `from`;
 * null before the go-ahead. Weekly and fortnightly periods are 7 and 14 days from the go-ahead;
 * monthly periods are calendar months, the first running from the go-ahead day to that month's end.
 * @example periodOf({ cadence: 'monthly', from: '2026-01-31', day: '2026-02-10' }) // 2026-02-01 … 2026-02-28
 */
export function periodOf(input: { cadence: Cadence; from: string; day: string }): ReportPeriod | null {
  const { cadence, from, day } = input;
  const offset = daysBetween(from, day);
  if (offset < 0) return null;
  if (cadence === 'monthly') {
    const periodStart = day.slice(0, 7) === from.slice(0, 7) ? from : `${day.slice(0, 7)}-01`;
    const periodEnd = endOfMonth(day);
    return { periodStart, periodEnd, dueOn: periodEnd };
  }
  const length = PERIOD_DAYS[cadence];
  const periodStart = addDays(from, Math.floor(offset / length) * length);
  const periodEnd = addDays(periodStart, length - 1);
  return { periodStart, periodEnd, dueOn: periodEnd };
}

/**
 * Every report period from the go-ahead day `from` that has begun by `until`, in order; the last
 * may still be running (its report not yet due). Empty when `until` is before `from`.
 * @example reportPeriods({ cadence: 'weekly', from: '2026-03-02', until: '2026-03-10' }) // 03-02…03-08, 03-09…03-15
 */
export function reportPeriods(input: { cadence: Cadence; from: string; until: string }): ReportPeriod[] {
  const periods: ReportPeriod[] = [];
  let period = periodOf({ cadence: input.cadence, from: input.from, day: input.from });
  while (period && period.periodStart <= input.until) {
    periods.push(period);
    period = periodOf({ cadence: input.cadence, from: input.from, day: addDays(period.periodEnd, 1) });
  }
  return periods;
}

export type DueState = 'upcoming' | 'due' | 'overdue' | 'escalated';

/**
 * Where a period's report stands on `today`: upcoming before its due day; due from the due day
 * through the grace days; overdue after them; escalated once it has been overdue for more than
 * the standard's escalation days; submitted once submitted, whatever the date.
 * @example dueState({ dueOn: '2026-03-31', graceDays: 3, escalateAfterDays: 5, today: '2026-04-04', submitted: false }) // 'overdue'
 */
export function dueState(input: {
  dueOn: string;
  graceDays: number;
  escalateAfterDays: number;
  today: string;
  submitted: boolean;
}): DueState | 'submitted' {
  if (input.submitted) return 'submitted';
  const late = daysBetween(input.dueOn, input.today);
  if (late < 0) return 'upcoming';
  if (late <= input.graceDays) return 'due';
  if (late <= input.graceDays + input.escalateAfterDays) return 'overdue';
  return 'escalated';
}

/** The first day a report counts as overdue, and the first it counts as escalated: for reminders. */
export function dueMilestones(input: { dueOn: string; graceDays: number; escalateAfterDays: number }): {
  overdueFrom: string;
  escalatedFrom: string;
} {
  return {
    overdueFrom: addDays(input.dueOn, input.graceDays + 1),
    escalatedFrom: addDays(input.dueOn, input.graceDays + input.escalateAfterDays + 1),
  };
}
