/** Months, FTE and utilisation bands for the resource screens. Pure: tested in node. */

/** A month as the API names it: `2027-01`. */
export type Month = string;

/** The month of a date or of a month's first day: "2027-01-01" -> "2027-01". */
export function toMonth(value: string): Month {
  return value.slice(0, 7);
}

/** The current month (UTC), or the month of `today`. */
export function currentMonth(today: Date = new Date()): Month {
  return today.toISOString().slice(0, 7);
}

/** "2026-11" + 2 -> "2027-01"; negative steps go back. */
export function addMonths(month: Month, count: number): Month {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + count;
  const year = Math.floor(index / 12);
  const mon = (index % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(mon).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, both included; empty when `to` is before `from`. */
export function monthsBetween(from: Month, to: Month): Month[] {
  const months: Month[] = [];
  for (let m = from; m <= to && months.length < 600; m = addMonths(m, 1)) months.push(m);
  return months;
}

/** Whole months from `from` to `to`, both included (1 for the same month). */
export function monthCount(from: Month, to: Month): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2027-01" (or "2027-01-01") -> "Jan 2027". */
export function monthLabel(value: string): string {
  const [y, m] = toMonth(value).split('-').map(Number) as [number, number];
  return `${MONTH_NAMES[m - 1] ?? '?'} ${y}`;
}

/** "2027-01-01".."2027-06-01" -> "Jan 2027 – Jun 2027"; one month reads once. */
export function monthSpan(start: string, end: string): string {
  return toMonth(start) === toMonth(end) ? monthLabel(start) : `${monthLabel(start)} – ${monthLabel(end)}`;
}

/** FTE with at most two decimals and no trailing zeros: 1.5 -> "1.5", 0.333 -> "0.33". */
export function formatFte(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return String(Math.round(value * 100) / 100);
}

export type UtilisationBand = 'green' | 'amber' | 'red' | 'none';

/**
 * The heat-map colour of demand against capacity: green under 85 %, amber from 85 % up to and
 * including 100 %, red above; 'none' when there is no capacity to measure against.
 * Compared in hundredths of an FTE, so 0.85/1.00 is amber however floats round.
 */
export function utilisationBand(demandFte: number, capacityFte: number): UtilisationBand {
  const capacity = Math.round(capacityFte * 100);
  const demand = Math.round(demandFte * 100);
  if (capacity <= 0) return 'none';
  if (demand > capacity) return 'red';
  if (demand * 100 >= capacity * 85) return 'amber';
  return 'green';
}

/** Demand as a whole percentage of capacity; null without capacity. */
export function utilisationPercent(demandFte: number, capacityFte: number): number | null {
  if (Math.round(capacityFte * 100) <= 0) return null;
  return Math.round((demandFte / capacityFte) * 100);
}

/** The state of a dated qualification: expired, expiring within `soonDays`, valid, or never expiring. */
export function expiryState(
  expiresOn: string | null,
  today: string,
  soonDays = 90,
): { state: 'expired' | 'expiring' | 'valid' | 'permanent'; daysLeft: number | null } {
  if (!expiresOn) return { state: 'permanent', daysLeft: null };
  const days = Math.round((Date.parse(`${expiresOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  if (days <= 0) return { state: 'expired', daysLeft: days };
  if (days <= soonDays) return { state: 'expiring', daysLeft: days };
  return { state: 'valid', daysLeft: days };
}

/** Today's date (UTC) as ISO: 2026-11-29. */
export function todayIso(today: Date = new Date()): string {
  return today.toISOString().slice(0, 10);
}

/** One allocation a request's skill demand asks for: a skill, an FTE and a run of months. */
export interface DemandedAllocation {
  skillId: string;
  fte: number;
  startMonth: Month;
  endMonth: Month;
}

/**
 * A request's skill demand (skill, month, FTE) as the allocations that would meet it, each the
 * size of one person: the demand is cut into lanes of at most 1 FTE (2.5 FTE is two people full
 * time and one half time), and each lane into runs of consecutive months at the same FTE. Ordered
 * by first month, then by the order the request lists its skills, then by lane.
 * @example allocationsFromDemand([{ skillId: 'java', month: '2027-01', fte: 1.5 }, { skillId: 'java', month: '2027-02', fte: 1 }])
 *   // [{ skillId: 'java', fte: 1, startMonth: '2027-01', endMonth: '2027-02' },
 *   //  { skillId: 'java', fte: 0.5, startMonth: '2027-01', endMonth: '2027-01' }]
 */
export function allocationsFromDemand(demand: readonly { skillId: string; month: string; fte: number }[]): DemandedAllocation[] {
  const skillOrder: string[] = [];
  const bySkill = new Map<string, Map<Month, number>>();
  for (const d of demand) {
    if (!(d.fte > 0)) continue;
    let months = bySkill.get(d.skillId);
    if (!months) {
      months = new Map();
      bySkill.set(d.skillId, months);
      skillOrder.push(d.skillId);
    }
    const month = toMonth(d.month);
    months.set(month, (months.get(month) ?? 0) + Math.round(d.fte * 100));
  }
  const runs: (DemandedAllocation & { order: number; lane: number })[] = [];
  skillOrder.forEach((skillId, order) => {
    const months = [...bySkill.get(skillId)!.entries()].sort((a, b) => a[0].localeCompare(b[0]));
    const lanes = Math.ceil(Math.max(...months.map(([, centi]) => centi)) / 100);
    for (let lane = 0; lane < lanes; lane++) {
      let run: (DemandedAllocation & { order: number; lane: number }) | null = null;
      for (const [month, centi] of months) {
        const fte = Math.min(100, Math.max(0, centi - lane * 100)) / 100;
        if (fte === 0) {
          run = null;
          continue;
        }
        if (run && run.fte === fte && addMonths(run.endMonth, 1) === month) {
          run.endMonth = month;
          continue;
        }
        run = { skillId, fte, startMonth: month, endMonth: month, order, lane };
        runs.push(run);
      }
    }
  });
  runs.sort((a, b) => a.startMonth.localeCompare(b.startMonth) || a.order - b.order || a.lane - b.lane);
  return runs.map(({ order: _order, lane: _lane, ...allocation }) => allocation);
}

/** An ISO day moved by whole days: addDays('2027-03-01', -1) -> '2027-02-28'. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The same day `months` later, the last day of a shorter month: addMonthsToDay('2027-01-31', 1) -> '2027-02-28'. */
export function addMonthsToDay(day: string, months: number): string {
  const month = addMonths(day.slice(0, 7), months);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(Math.min(Number(day.slice(8, 10)), last)).padStart(2, '0')}`;
}
