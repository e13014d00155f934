/**
 * Capacity and allocation arithmetic: pure functions, no I/O.
 *
 * The model (DESIGN.md "Resources"):
 * - Capacity is per person per calendar month. Workdays are Monday to Friday; there is NO public
 *   holiday calendar yet, so a bank holiday counts as a workday unless it is recorded as an absence.
 * - capacityFte(person, month) = availability × (1 − absentWorkdays / workdays), where FTE is a share
 *   of the person's OWN contracted week (a 32-hour contract at availability 1 is 1.0 FTE).
 * - capacityHours = capacityFte × weeklyHours / 5 × workdays.
 * - An allocation is an FTE over whole months [startMonth, endMonth].
 *
 * FTE figures are compared in hundredths (allocations are stored as numeric(4,2)): capacity is
 * rounded to 0.01 FTE once, and every sum and comparison is then exact integer arithmetic, so no
 * float drift can turn 0.3 + 0.7 into an over-allocation.
 */

/** A calendar month, `2027-02`. */
export type Month = string;

/** A span of days, ISO dates, both ends included. */
export interface DaySpan {
  startsOn: string;
  endsOn: string;
}

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
const MONTH_OR_FIRST_DAY = /^(\d{4})-(0[1-9]|1[0-2])(-01)?$/;

/** `2027-02` or `2027-02-01` → `2027-02`; anything else (including `2027-02-15`) → null. */
export function parseMonth(input: string): Month | null {
  const match = MONTH_OR_FIRST_DAY.exec(input.trim());
  return match ? `${match[1]}-${match[2]}` : null;
}

export function isMonth(value: string): boolean {
  return MONTH_PATTERN.test(value);
}

/** The first day of the month: the form allocations are stored in. */
export function monthStart(month: Month): string {
  return `${month}-01`;
}

/** The month a date (or a first-of-month date) falls in. */
export function monthOf(date: string): Month {
  return date.slice(0, 7);
}

function parts(month: Month): [number, number] {
  return [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
}

function format(year: number, month: number): Month {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

export function addMonths(month: Month, count: number): Month {
  const [y, m] = parts(month);
  const index = y * 12 + (m - 1) + count;
  return format(Math.floor(index / 12), (index % 12) + 1);
}

/** Months from `from` to `to`, both included; empty when `to` is before `from`. */
export function monthRange(from: Month, to: Month): Month[] {
  const months: Month[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) months.push(m);
  return months;
}

/** How many months from `from` to `to`, both included (0 when `to` is before `from`). */
export function monthCount(from: Month, to: Month): number {
  const [fy, fm] = parts(from);
  const [ty, tm] = parts(to);
  return Math.max(0, (ty - fy) * 12 + (tm - fm) + 1);
}

export function daysInMonth(month: Month): number {
  const [y, m] = parts(month);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The last day of the month, `2027-02-28`. */
export function monthEnd(month: Month): string {
  return `${month}-${String(daysInMonth(month)).padStart(2, '0')}`;
}

function dayOfWeek(month: Month, day: number): number {
  const [y, m] = parts(month);
  return new Date(Date.UTC(y, m - 1, day)).getUTCDay();
}

const isWeekday = (weekday: number) => weekday !== 0 && weekday !== 6;

const workdaysCache = new Map<Month, number>();

/** Monday to Friday in the month; no holiday calendar (see the module comment). Memoised: a heat map asks it per person. */
export function workdaysInMonth(month: Month): number {
  let count = workdaysCache.get(month);
  if (count === undefined) {
    count = 0;
    const days = daysInMonth(month);
    for (let day = 1; day <= days; day++) if (isWeekday(dayOfWeek(month, day))) count++;
    workdaysCache.set(month, count);
  }
  return count;
}

/**
 * The workdays of the month covered by at least one absence. Overlapping absences count each day
 * once; absences spanning several months count only their days inside this month; weekends in
 * an absence cost nothing.
 */
export function absentWorkdays(absences: readonly DaySpan[], month: Month): number {
  const first = monthStart(month);
  const last = monthEnd(month);
  const inMonth = absences.filter((a) => a.startsOn <= last && a.endsOn >= first);
  if (inMonth.length === 0) return 0;
  let count = 0;
  for (let day = 1; day <= daysInMonth(month); day++) {
    if (!isWeekday(dayOfWeek(month, day))) continue;
    const date = `${month}-${String(day).padStart(2, '0')}`;
    if (inMonth.some((a) => a.startsOn <= date && a.endsOn >= date)) count++;
  }
  return count;
}

/** FTE in hundredths: 0.85 → 85. Inputs are numeric(…,2) values, so rounding only removes float noise. */
export function toCenti(fte: number): number {
  return Math.round(fte * 100);
}

export function fromCenti(centi: number): number {
  return centi / 100;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

export interface PersonCapacityInput {
  /** Share of the contracted hours available for project work, 0 to 1. */
  availability: number;
  weeklyHours: number;
  /** An inactive person has no capacity. */
  active?: boolean;
  absences: readonly DaySpan[];
}

export interface MonthCapacity {
  month: Month;
  workdays: number;
  absentWorkdays: number;
  /** In hundredths of an FTE, for exact sums. */
  capacityCenti: number;
  capacityFte: number;
  capacityHours: number;
}

/** A person's capacity in one month, in FTE and hours. */
export function monthCapacity(person: PersonCapacityInput, month: Month): MonthCapacity {
  const workdays = workdaysInMonth(month);
  const absent = absentWorkdays(person.absences, month);
  const availability = person.active === false ? 0 : person.availability;
  const presentShare = workdays === 0 ? 0 : (workdays - absent) / workdays;
  const capacityCenti = Math.round(toCenti(availability) * presentShare);
  // Hours from the unrounded FTE: availability × hours per day × days present.
  const capacityHours = round2(availability * (person.weeklyHours / 5) * (workdays - absent));
  return {
    month,
    workdays,
    absentWorkdays: absent,
    capacityCenti,
    capacityFte: fromCenti(capacityCenti),
    capacityHours,
  };
}

/** FTE converted to hours in a month, for a person with the given contract. */
export function fteToHours(fte: number, weeklyHours: number, workdays: number): number {
  return round2(fte * (weeklyHours / 5) * workdays);
}

/** An allocation over whole months, FTE in hundredths. */
export interface AllocationSpan {
  startMonth: Month;
  endMonth: Month;
  fteCenti: number;
}

export function covers(allocation: { startMonth: Month; endMonth: Month }, month: Month): boolean {
  return allocation.startMonth <= month && allocation.endMonth >= month;
}

/** The total FTE (hundredths) of the allocations covering the month. */
export function allocatedCenti(allocations: readonly AllocationSpan[], month: Month): number {
  let sum = 0;
  for (const a of allocations) if (covers(a, month)) sum += a.fteCenti;
  return sum;
}

export interface OverAllocatedMonth {
  month: Month;
  capacityFte: number;
  /** What the person's other allocations already take. */
  allocatedFte: number;
  requestedFte: number;
  overByFte: number;
}

export interface OverAllocationInput {
  /** The person's capacity (hundredths) in each month of the requested span. */
  capacityCenti: (month: Month) => number;
  /** The person's other allocations (the one being changed excluded). */
  others: readonly AllocationSpan[];
  /** The allocation as requested. */
  requested: AllocationSpan;
  /** The allocation before an edit; null for a new one. */
  before?: AllocationSpan | null;
}

/**
 * The months in which the requested allocation would take the person beyond their capacity.
 * A month that is over capacity but where the change does not add load (an edit that lowers the
 * FTE, or leaves the month as it was) is not held against the change: reducing an over-allocation
 * must never be refused.
 */
export function overAllocatedMonths(input: OverAllocationInput): OverAllocatedMonth[] {
  const over: OverAllocatedMonth[] = [];
  for (const month of monthRange(input.requested.startMonth, input.requested.endMonth)) {
    const capacity = input.capacityCenti(month);
    const others = allocatedCenti(input.others, month);
    const requested = input.requested.fteCenti;
    const previous = input.before && covers(input.before, month) ? input.before.fteCenti : 0;
    const total = others + requested;
    if (total > capacity && requested > previous) {
      over.push({
        month,
        capacityFte: fromCenti(capacity),
        allocatedFte: fromCenti(others),
        requestedFte: fromCenti(requested),
        overByFte: fromCenti(total - capacity),
      });
    }
  }
  return over;
}

/** The refusal's message, with the figures: "2027-03: capacity 0.80 FTE, allocated 0.60, requested 0.50 (over by 0.30)". */
export function describeOverAllocation(personName: string, months: readonly OverAllocatedMonth[]): string {
  const shown = months
    .slice(0, 6)
    .map(
      (m) =>
        `${m.month}: capacity ${m.capacityFte.toFixed(2)} FTE, allocated ${m.allocatedFte.toFixed(2)}, ` +
        `requested ${m.requestedFte.toFixed(2)} (over by ${m.overByFte.toFixed(2)})`,
    );
  const more = months.length > 6 ? `; and ${months.length - 6} more month(s)` : '';
  return `${personName} would be over-allocated in ${months.length} month(s): ${shown.join('; ')}${more}`;
}

// ---------------------------------------------------------------------------------------------
// The capacity view: demand against capacity by skill and month.

export interface GridPerson {
  id: string;
  name: string;
  skillIds: readonly string[];
  capacityCenti: (month: Month) => number;
}

export interface GridAllocation {
  personId: string | null;
  skillId: string | null;
  startMonth: Month;
  endMonth: Month;
  fteCenti: number;
}

export interface GridCell {
  month: Month;
  /** The capacity of the people with the skill. */
  capacityFte: number;
  /** What named allocations take of those people's time. */
  allocatedFte: number;
  /** Unnamed demand for the skill (allocations to a skill with no person yet). */
  unfilledFte: number;
  /** allocatedFte + unfilledFte. */
  demandFte: number;
  /** max(0, capacity − demand). */
  freeFte: number;
  /** max(0, demand − capacity): the shortage. */
  gapFte: number;
}

export interface GridRow {
  skillId: string;
  name: string;
  people: number;
  cells: GridCell[];
}

export interface SkillGrid {
  rows: GridRow[];
  overAllocated: { personId: string; name: string; month: Month; capacityFte: number; allocatedFte: number }[];
  skillGaps: { skillId: string; name: string; month: Month; gapFte: number }[];
}

/**
 * Demand against capacity by skill and month.
 *
 * A person with several skills counts their whole capacity in EACH of their skill rows, and
 * their named allocations count as used in each of those rows too: a row answers "how much of
 * the people who have this skill is still free", so a fully booked person leaves nothing free in
 * any row. Rows therefore must not be summed across skills. Unnamed skill demand (an allocation
 * with a skill and no person) counts only in its skill's row. A named allocation's own skillId
 * (if any) does not move it: it is the person's time that is taken.
 */
function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function skillGrid(input: {
  months: readonly Month[];
  skills: readonly { id: string; name: string }[];
  people: readonly GridPerson[];
  allocations: readonly GridAllocation[];
}): SkillGrid {
  const { months } = input;
  const byPerson = new Map<string, GridAllocation[]>();
  const unnamed = new Map<string, GridAllocation[]>();
  for (const a of input.allocations) {
    if (a.personId) push(byPerson, a.personId, a);
    else if (a.skillId) push(unnamed, a.skillId, a);
  }
  const load = new Map<string, { capacity: number[]; allocated: number[] }>();
  const overAllocated: SkillGrid['overAllocated'] = [];
  for (const person of input.people) {
    const capacity = months.map((m) => person.capacityCenti(m));
    const allocated = months.map((m) => allocatedCenti(byPerson.get(person.id) ?? [], m));
    load.set(person.id, { capacity, allocated });
    months.forEach((month, i) => {
      if (allocated[i]! > capacity[i]!) {
        overAllocated.push({
          personId: person.id,
          name: person.name,
          month,
          capacityFte: fromCenti(capacity[i]!),
          allocatedFte: fromCenti(allocated[i]!),
        });
      }
    });
  }
  const holdersBySkill = new Map<string, GridPerson[]>();
  for (const person of input.people) for (const skillId of person.skillIds) push(holdersBySkill, skillId, person);
  const rows: GridRow[] = [];
  const skillGaps: SkillGrid['skillGaps'] = [];
  for (const skill of input.skills) {
    const holders = holdersBySkill.get(skill.id) ?? [];
    const cells = months.map((month, i): GridCell => {
      let capacity = 0;
      let allocated = 0;
      for (const p of holders) {
        const l = load.get(p.id)!;
        capacity += l.capacity[i]!;
        allocated += l.allocated[i]!;
      }
      const unfilled = allocatedCenti(unnamed.get(skill.id) ?? [], month);
      const demand = allocated + unfilled;
      return {
        month,
        capacityFte: fromCenti(capacity),
        allocatedFte: fromCenti(allocated),
        unfilledFte: fromCenti(unfilled),
        demandFte: fromCenti(demand),
        freeFte: fromCenti(Math.max(0, capacity - demand)),
        gapFte: fromCenti(Math.max(0, demand - capacity)),
      };
    });
    for (const cell of cells) {
      if (cell.gapFte > 0) skillGaps.push({ skillId: skill.id, name: skill.name, month: cell.month, gapFte: cell.gapFte });
    }
    rows.push({ skillId: skill.id, name: skill.name, people: holders.length, cells });
  }
  overAllocated.sort((a, b) => a.month.localeCompare(b.month) || a.name.localeCompare(b.name));
  skillGaps.sort((a, b) => a.month.localeCompare(b.month) || a.name.localeCompare(b.name));
  return { rows, overAllocated, skillGaps };
}
