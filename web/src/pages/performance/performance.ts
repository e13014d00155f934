/**
 * What the Performance tab's charts are drawn from, as pure functions of the API's replies: the
 * S-curve's rows, the SPI/CPI bands, the milestone trend's lines and the milestones' slips.
 */
import type { Schemas } from '../../api/openapi.ts';

export type ProjectPerformance = Schemas['ProjectPerformance'];
export type PerformancePoint = Schemas['PerformancePoint'];
export type MilestoneTrend = Schemas['MilestoneTrend'];
export type TrendMilestone = MilestoneTrend['milestones'][number];
export type Milestone = Schemas['Milestone'];
export type Band = ProjectPerformance['tolerances']['spi'];

const DAY_MS = 86_400_000;

/** An ISO day as a number on a time axis (UTC midnight, in milliseconds). */
export function dayValue(day: string): number {
  return Date.parse(`${day.slice(0, 10)}T00:00:00Z`);
}

/** The ISO day of a time axis value. */
export function dayOf(value: number): string {
  return new Date(value).toISOString().slice(0, 10);
}

/** Planned value on a day from a cumulative curve: 0 before the first point, linear between, the last after. */
export function plannedValueOn(curve: readonly { date: string; plannedValue: number }[], day: string): number {
  const first = curve[0];
  if (!first || day < first.date) return 0;
  for (let i = 1; i < curve.length; i++) {
    const a = curve[i - 1]!;
    const b = curve[i]!;
    if (day < b.date) {
      const share = (dayValue(day) - dayValue(a.date)) / (dayValue(b.date) - dayValue(a.date));
      return Math.round((a.plannedValue + share * (b.plannedValue - a.plannedValue)) * 100) / 100;
    }
  }
  return curve[curve.length - 1]!.plannedValue;
}

export interface SCurveRow {
  t: number;
  day: string;
  /** Planned value of the baseline in force now. */
  pv: number | null;
  ev?: number | null;
  ac?: number | null;
}

/**
 * One row per day the S-curve has something on: each point of the baseline curve and each report
 * date. PV is the current baseline's curve on every row (a straight line between its points is
 * exactly its interpolation); EV and AC only on report dates.
 */
export function sCurveRows(performance: ProjectPerformance): SCurveRow[] {
  const curve = performance.baseline?.curve ?? [];
  const rows = new Map<string, SCurveRow>();
  const pvOn = (day: string) => (curve.length ? plannedValueOn(curve, day) : null);
  for (const point of curve) rows.set(point.date, { t: dayValue(point.date), day: point.date, pv: point.plannedValue });
  for (const point of performance.points) {
    const row = rows.get(point.asOf) ?? { t: dayValue(point.asOf), day: point.asOf, pv: pvOn(point.asOf) };
    rows.set(point.asOf, { ...row, ev: point.ev, ac: point.ac });
  }
  return [...rows.values()].sort((a, b) => a.t - b.t);
}

/** Where the chart marks a re-baseline: every version after the first, on the day it was set. */
export function rebaselineMarks(performance: ProjectPerformance): { number: number; t: number; day: string }[] {
  const versions = [...performance.earlierBaselines, ...(performance.baseline ? [performance.baseline] : [])];
  return versions.filter((v) => v.number > 1).map((v) => ({ number: v.number, t: dayValue(v.setOn), day: v.setOn }));
}

export type IndexStatus = 'green' | 'amber' | 'red';

/** An index against its band: below red is red, below amber amber, otherwise green; null without a figure. */
export function indexStatus(value: number | null | undefined, band: Band): IndexStatus | null {
  if (value === null || value === undefined) return null;
  if (value < band.red) return 'red';
  if (value < band.amber) return 'amber';
  return 'green';
}

/** Whether SPI and CPI share their bands, so that one set of shaded zones serves both lines. */
export function sameBands(a: Band, b: Band): boolean {
  return a.amber === b.amber && a.red === b.red;
}

/**
 * The y range of the SPI/CPI chart: the figures, 1.0 and the bands, with a margin, in tenths.
 */
export function indexDomain(points: readonly PerformancePoint[], bands: readonly Band[]): [number, number] {
  const values = points.flatMap((p) => [p.spi, p.cpi]).filter((v): v is number => v !== null && v !== undefined);
  const all = [...values, 1, ...bands.flatMap((b) => [b.amber, b.red])];
  const lo = Math.max(0, Math.floor((Math.min(...all) - 0.05) * 10) / 10);
  const hi = Math.ceil((Math.max(...all) + 0.05) * 10) / 10;
  return [lo, hi];
}

export interface TrendLine {
  id: string;
  name: string;
  baselineDate: string;
  achievedOn: string | null;
  points: { t: number; f: number; asOf: string; forecastDate: string }[];
}

/** Each milestone's forecasts as (report date, forecast date) points on two time axes. */
export function trendLines(trend: MilestoneTrend): TrendLine[] {
  return trend.milestones.map((m) => ({
    id: m.id,
    name: m.name,
    baselineDate: m.baselineDate,
    achievedOn: m.achievedOn,
    points: m.points.map((p) => ({
      t: dayValue(p.asOf),
      f: dayValue(p.forecastDate),
      asOf: p.asOf,
      forecastDate: p.forecastDate,
    })),
  }));
}

/**
 * The range both axes of the milestone trend chart share, so the diagonal (forecast = report date)
 * runs corner to corner: every report date, forecast and baseline date, a week either side.
 */
export function trendDomain(lines: readonly TrendLine[]): [number, number] | null {
  const values = lines.flatMap((l) => [...l.points.flatMap((p) => [p.t, p.f]), dayValue(l.baselineDate)]);
  if (values.length === 0) return null;
  return [Math.min(...values) - 7 * DAY_MS, Math.max(...values) + 7 * DAY_MS];
}

/** Days from one ISO day to another (positive when `to` is later). */
export function daysFrom(from: string, to: string): number {
  return Math.round((dayValue(to) - dayValue(from)) / DAY_MS);
}

/** One row of the milestone trend's table: a milestone's forecast in one report, with its slip. */
export function trendTableRows(lines: readonly TrendLine[]) {
  return lines.flatMap((l) =>
    l.points.map((p) => ({
      key: `${l.id}-${p.asOf}`,
      milestone: l.name,
      baselineDate: l.baselineDate,
      asOf: p.asOf,
      forecastDate: p.forecastDate,
      slipDays: daysFrom(l.baselineDate, p.forecastDate),
    })),
  );
}

/** A slip in days as people say it: "12 days late", "3 days early", "on the baseline". */
export function slipText(days: number | null | undefined): string {
  if (days === null || days === undefined) return '—';
  if (days === 0) return 'on the baseline';
  const n = Math.abs(days);
  return `${n} day${n === 1 ? '' : 's'} ${days > 0 ? 'late' : 'early'}`;
}
