/**
 * What a change asks for, read without I/O: the size the delegation thresholds measure it in,
 * the subjects whose thresholds govern it, its headline, and the curve a budget increase leaves.
 */
import { daysBetween } from '../../kernel/dates.ts';
import type { DelegationMeasure, DelegationSubject } from '../org/index.ts';
import type { CurvePoint } from '../projects/index.ts';
import { plannedValueAt } from '../projects/index.ts';
import type { Change, StoredChange } from './approvals.schema.ts';

const round2 = (n: number) => Math.round(n * 100) / 100;
const money = (n: number) => n.toLocaleString('en-GB', { maximumFractionDigits: 2 });

/** What infrastructure costs in its first year: once, twelve months, or one year. */
export function firstYearCost(cost: number, recurrence: 'one_off' | 'monthly' | 'yearly'): number {
  return recurrence === 'monthly' ? round2(cost * 12) : cost;
}

export interface ChangeFacts {
  /** The BAC in force (the current baseline's, else the project's budget). */
  bac: number;
  /** The most a milestone or the finish moves, in days (re-baseline); 0 otherwise. */
  slipDays: number;
}

const percentOf = (amount: number, bac: number) => (bac > 0 ? round2((amount / bac) * 100) : undefined);

/** The change in each measure the thresholds may read it in. A measure it cannot be read in is left out. */
export function sizeOf(change: Change, facts: ChangeFacts): Partial<Record<DelegationMeasure, number>> {
  const withPercent = (amount: number) => {
    const percent = percentOf(amount, facts.bac);
    return percent === undefined ? { amount } : { amount, percent_of_bac: percent };
  };
  switch (change.kind) {
    case 'budget_increase':
      return withPercent(change.amount);
    case 'headcount':
      // A headcount is counted in people: 1.5 FTE is two people to find.
      return { count: Math.ceil(change.fte) };
    case 'infrastructure':
      return withPercent(firstYearCost(change.cost, change.recurrence));
    case 'rebaseline': {
      const increase = round2(change.bac - facts.bac);
      return { days: facts.slipDays, ...(increase > 0 ? withPercent(increase) : {}) };
    }
    case 'scope_change':
      return { days: change.scheduleImpactDays, ...(change.costImpact > 0 ? withPercent(change.costImpact) : {}) };
  }
}

/** The delegation subjects whose thresholds route the change: a re-baseline that costs more is also a budget increase. */
export function subjectsOf(change: Change, size: Partial<Record<DelegationMeasure, number>>): DelegationSubject[] {
  switch (change.kind) {
    case 'budget_increase':
      return ['budget_increase'];
    case 'headcount':
      return ['headcount'];
    case 'infrastructure':
      return ['infrastructure'];
    case 'rebaseline':
    case 'scope_change':
      return size.amount ? ['schedule_change', 'budget_increase'] : ['schedule_change'];
  }
}

/** The request's headline: what is asked, in a line. */
export function headlineOf(change: StoredChange, size: Partial<Record<DelegationMeasure, number>>): string {
  if (change.kind === 'initiation') return `Go-ahead of ${change.requestCode} with a budget of ${money(change.budget)}`;
  const percent = size.percent_of_bac === undefined ? '' : ` (${size.percent_of_bac} % of BAC)`;
  switch (change.kind) {
    case 'budget_increase':
      return `+${money(change.amount)}${percent} for ${change.costCategory}`;
    case 'headcount':
      return `${change.fte} FTE from ${change.startMonth.slice(0, 7)} to ${change.endMonth.slice(0, 7)}`;
    case 'infrastructure': {
      const every = { one_off: 'once', monthly: 'a month', yearly: 'a year' }[change.recurrence];
      return `${change.item}: ${money(change.cost)} ${every}, needed by ${change.neededBy}`;
    }
    case 'rebaseline':
      return `New baseline: BAC ${money(change.bac)}, ${size.days ?? 0} days of slip at most`;
    case 'scope_change':
      return `Scope change: ${change.scheduleImpactDays} days, ${money(change.costImpact)}`;
  }
}

/**
 * The curve a budget increase leaves: what was planned up to `from` stays as it was (reports
 * already made keep their PV), and the increase is spread over the rest of the plan in proportion
 * to what was still to be spent, so that the curve stays cumulative and ends at the new BAC.
 * With nothing left to spend after `from`, the last point takes the increase.
 */
export function spreadIncrease(curve: readonly CurvePoint[], amount: number, from: string): CurvePoint[] {
  const last = curve.at(-1);
  if (!last) return [];
  const bac = last.plannedValue;
  const spentBy = plannedValueAt([...curve], from);
  const remaining = bac - spentBy;
  const later = curve.filter((p) => p.date > from);
  if (remaining <= 0 || later.length === 0) {
    return curve.map((p, i) => (i === curve.length - 1 ? { ...p, plannedValue: round2(p.plannedValue + amount) } : { ...p }));
  }
  const points: CurvePoint[] = curve.filter((p) => p.date <= from).map((p) => ({ ...p }));
  // Pin today's PV as a point so that the line up to it is the one planned before.
  if (curve[0]!.date <= from && !curve.some((p) => p.date === from)) points.push({ date: from, plannedValue: round2(spentBy) });
  for (const p of later) {
    const share = (p.plannedValue - spentBy) / remaining;
    points.push({ date: p.date, plannedValue: round2(p.plannedValue + amount * Math.max(0, share)) });
  }
  points[points.length - 1]!.plannedValue = round2(bac + amount);
  return points;
}

/** Days a date moved (positive: later). */
export const slip = (before: string | null, after: string | null) => (before && after ? daysBetween(before, after) : 0);
