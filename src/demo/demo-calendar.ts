/**
 * The demo's calendar. Every date in the demo data is written as of one day, DEMO_WRITTEN_ON;
 * seeded on another day, the whole demo moves with it, so it always looks like a working
 * portfolio: requests submitted in the last weeks and wanted soon, projects under way with their
 * finishes ahead (one deliberately late), a resource plan from this year into the next.
 *
 * Plans move by whole calendar months (a month-end stays a month-end, allocations stay aligned
 * to months, a project keeps the version of its standard); moments of the request workflow move
 * by whole days, so "submitted three weeks ago" stays three weeks ago.
 */
import { addDays, addMonths, daysBetween, monthsBetween, today } from '../kernel/dates.ts';

/**
 * The day the demo data describes: the latest request was submitted a week before it. No plan
 * date of the data falls in its month (May 2026), so whichever day of the seed's month the demo
 * is seeded on, the same projects are late (one) and the same requests are still to start (all).
 */
export const DEMO_WRITTEN_ON = '2026-05-11';

export interface DemoCalendar {
  /** The day of seeding (UTC). */
  seedDay: string;
  /** Whole months the plans move by. */
  months: number;
  /** Days the workflow's moments move by. */
  days: number;
  /** A day of a plan (project dates, absences, revisit dates), moved by whole months. */
  planDay(day: string): string;
  /** A month of a plan (`2026-09`), moved by whole months. */
  planMonth(month: string): string;
  /** A moment of a plan (a standard's publication, an ISO timestamp), moved by whole months. */
  planInstant(iso: string): Date;
  /** A moment of the request workflow (created, submitted, decided), moved by whole days. */
  moment(iso: string): Date;
}

/**
 * The calendar for a seed on `seedDay` (today unless given).
 * @example demoCalendar('2026-12-01').planMonth('2026-09') // '2027-04'
 */
export function demoCalendar(seedDay: string = today()): DemoCalendar {
  const months = monthsBetween(DEMO_WRITTEN_ON, seedDay);
  const days = daysBetween(DEMO_WRITTEN_ON, seedDay);
  const planDay = (day: string) => addMonths(day, months);
  return {
    seedDay,
    months,
    days,
    planDay,
    planMonth: (month) => planDay(`${month}-01`).slice(0, 7),
    planInstant: (iso) => new Date(`${planDay(iso.slice(0, 10))}${iso.slice(10)}`),
    moment: (iso) => new Date(`${addDays(iso.slice(0, 10), days)}${iso.slice(10)}`),
  };
}
