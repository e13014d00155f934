/**
 * What a demo project owes on the seed day: the report periods it left unreported (the project
 * manager's report due now, an overdue one, an escalated one) and the reminder and escalation the
 * sweep would have sent for them by then, so the sweep finds nothing to send again.
 */
import { type Cadence, dueMilestones, dueState, type ReportPeriod, reportPeriods } from '../modules/reports/index.ts';
import type { StandardDefinition } from '../modules/standards/index.ts';
import type { DemoReporting } from './demo-reports.ts';

export type Owed = 'due' | 'overdue' | 'escalated';

export interface PlannedNotice {
  periodStart: string;
  kind: 'status_report.overdue' | 'status_report.escalated';
  sentAt: Date;
  period: ReportPeriod;
}

/** Ended report periods (due before the seed day), and the first of them left unreported for `owed`. */
export function endedPeriods(
  reporting: Pick<StandardDefinition['reporting'], 'cadence' | 'graceDays' | 'escalateAfterDays'>,
  goAheadDay: string,
  seedDay: string,
  owed: Owed | null,
): { periods: ReportPeriod[]; firstUnreported: number } {
  const periods = reportPeriods({ cadence: reporting.cadence as Cadence, from: goAheadDay, until: seedDay }).filter(
    (p) => p.dueOn < seedDay,
  );
  const state = (p: ReportPeriod) => dueState({ ...reporting, dueOn: p.dueOn, today: seedDay, submitted: false });
  const latest = (wanted: (s: string) => boolean) => {
    for (let i = periods.length - 1; i >= 0; i--) if (wanted(state(periods[i]!))) return i;
    return -1;
  };
  let first = -1;
  if (owed === 'due') first = latest((s) => s === 'due');
  // The overdue one when the calendar allows; else the latest past its grace days (then escalated).
  if (owed === 'overdue') first = latest((s) => s === 'overdue');
  if (owed === 'overdue' && first < 0) first = latest((s) => s === 'escalated');
  if (owed === 'escalated') first = latest((s) => s === 'escalated');
  return { periods, firstUnreported: first < 0 ? periods.length : first };
}

/** Whether the project can owe a report past its grace days but not yet escalated on the seed day. */
export function canBeOverdue(reporting: StandardDefinition['reporting'], goAheadDay: string, seedDay: string): boolean {
  const { periods, firstUnreported } = endedPeriods(reporting, goAheadDay, seedDay, 'overdue');
  const period = periods[firstUnreported];
  return period !== undefined && dueState({ ...reporting, dueOn: period.dueOn, today: seedDay, submitted: false }) === 'overdue';
}

const at = (day: string, hour: number, minute = 0) =>
  new Date(`${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`);

/** The reminder and the escalation the sweep would have sent for the owed period by the seed day. */
export function noticesFor(
  period: ReportPeriod | undefined,
  reporting: StandardDefinition['reporting'],
  seedDay: string,
): PlannedNotice[] {
  if (!period) return [];
  const { overdueFrom, escalatedFrom } = dueMilestones({ ...reporting, dueOn: period.dueOn });
  // The sweep runs every 15 minutes from midnight: a notice falling due today went out at 00:15.
  const sent = (day: string) => (day < seedDay ? at(day, 6, 15) : at(seedDay, 0, 15));
  const notices: PlannedNotice[] = [];
  if (overdueFrom <= seedDay) {
    notices.push({ periodStart: period.periodStart, kind: 'status_report.overdue', sentAt: sent(overdueFrom), period });
  }
  if (escalatedFrom <= seedDay) {
    notices.push({ periodStart: period.periodStart, kind: 'status_report.escalated', sentAt: sent(escalatedFrom), period });
  }
  return notices;
}

/**
 * What each open project owes on the seed day: a scenario's own `owed`, and 'overdue' for the first
 * of `candidates` the calendar lets be overdue (the first candidate when none can: it is escalated then).
 */
export function owedIntentions(
  projects: { code: string; scenario: DemoReporting; reporting: StandardDefinition['reporting']; goAheadDay: string }[],
  candidates: readonly string[],
  seedDay: string,
): Map<string, Owed> {
  const owed = new Map<string, Owed>();
  for (const p of projects) if (p.scenario.owed) owed.set(p.code, p.scenario.owed);
  const open = candidates.filter((c) => projects.some((p) => p.code === c) && !owed.has(c));
  const pick =
    open.find((c) => {
      const p = projects.find((x) => x.code === c)!;
      return canBeOverdue(p.reporting, p.goAheadDay, seedDay);
    }) ?? open[0];
  if (pick) owed.set(pick, 'overdue');
  return owed;
}
