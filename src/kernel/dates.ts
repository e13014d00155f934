/**
 * Calendar days as ISO strings (2026-03-31), which compare correctly as strings. UTC throughout:
 * a day is a day wherever the server runs.
 */
/** Today in UTC, the day the server reasons about by default: 2026-11-29. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(day: string): [number, number, number] {
  const m = DAY.exec(day);
  if (!m) throw new Error(`not an ISO day: ${day}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function format(year: number, month: number, date: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The same day `months` later; a day the target month lacks becomes its last day.
 * @example addMonths('2024-01-31', 1) // '2024-02-29'
 */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = parts(day);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return format(year, month, Math.min(d, daysInMonth(year, month)));
}

export function addDays(day: string, days: number): string {
  const [y, m, d] = parts(day);
  const at = new Date(Date.UTC(y, m - 1, d + days));
  return format(at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate());
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

/** Calendar months from the month of `from` to the month of `to`: 2026-09-15 → 2027-01-02 is 4. */
export function monthsBetween(from: string, to: string): number {
  const [y1, m1] = parts(from);
  const [y2, m2] = parts(to);
  return (y2 - y1) * 12 + (m2 - m1);
}
