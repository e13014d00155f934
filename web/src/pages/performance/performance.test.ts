import { describe, expect, it } from 'vitest';
import {
  type MilestoneTrend,
  type PerformancePoint,
  type ProjectPerformance,
  dayOf,
  dayValue,
  daysFrom,
  indexDomain,
  indexStatus,
  plannedValueOn,
  rebaselineMarks,
  sCurveRows,
  sameBands,
  slipText,
  trendDomain,
  trendLines,
  trendTableRows,
} from './performance.ts';

const curve = [
  { date: '2026-01-01', plannedValue: 0 },
  { date: '2026-01-31', plannedValue: 30_000 },
  { date: '2026-03-02', plannedValue: 60_000 },
];

function point(asOf: string, extra: Partial<PerformancePoint> = {}): PerformancePoint {
  return {
    reportId: `r-${asOf}`,
    periodStart: asOf,
    periodEnd: asOf,
    revision: 1,
    state: 'submitted',
    asOf,
    baselineNumber: 1,
    bac: 60_000,
    pv: 10_000,
    ev: 9_000,
    ac: 9_500,
    spi: 0.9,
    cpi: 0.9474,
    eac: 63_333.33,
    ...extra,
  };
}

const band = { amber: 0.95, red: 0.9 };

function performance(extra: Partial<ProjectPerformance> = {}): ProjectPerformance {
  return {
    projectId: 'p',
    baseline: { id: 'b2', number: 2, bac: 60_000, setAt: '2026-01-20T10:00:00.000Z', setOn: '2026-01-20', reason: null, curve },
    earlierBaselines: [
      { id: 'b1', number: 1, bac: 50_000, setAt: '2025-12-20T10:00:00.000Z', setOn: '2025-12-20', reason: null },
    ],
    bac: 60_000,
    eac: 63_333.33,
    points: [point('2026-01-10'), point('2026-01-31', { ev: 28_000, ac: 31_000 })],
    tolerances: { spi: band, cpi: band },
    canEditMilestones: true,
    ...extra,
  };
}

describe('the time axis', () => {
  it('maps ISO days to UTC midnights and back', () => {
    expect(dayValue('2026-03-31')).toBe(Date.UTC(2026, 2, 31));
    expect(dayOf(dayValue('2024-02-29'))).toBe('2024-02-29');
    expect(daysFrom('2026-02-27', '2026-03-02')).toBe(3);
    expect(daysFrom('2026-03-02', '2026-02-27')).toBe(-3);
  });
});

describe('plannedValueOn', () => {
  it.each([
    ['2025-12-31', 0],
    ['2026-01-01', 0],
    ['2026-01-16', 15_000],
    ['2026-01-31', 30_000],
    ['2026-02-15', 45_000],
    ['2026-06-30', 60_000],
  ])('on %s is %s', (day, value) => {
    expect(plannedValueOn(curve, day)).toBe(value);
  });
  it('is 0 without a curve', () => expect(plannedValueOn([], '2026-01-01')).toBe(0));
});

describe('sCurveRows', () => {
  it('has every curve point and report date once, by date, with EV and AC only on report dates', () => {
    const rows = sCurveRows(performance());
    expect(rows.map((r) => r.day)).toEqual(['2026-01-01', '2026-01-10', '2026-01-31', '2026-03-02']);
    expect(rows[1]).toEqual({ t: dayValue('2026-01-10'), day: '2026-01-10', pv: 9_000, ev: 9_000, ac: 9_500 });
    // A report on a curve point keeps that point's PV.
    expect(rows[2]).toMatchObject({ pv: 30_000, ev: 28_000, ac: 31_000 });
    expect(rows[0]!.ev).toBeUndefined();
    expect(rows[3]!.ac).toBeUndefined();
  });
  it('has no PV without a baseline', () => {
    const rows = sCurveRows(performance({ baseline: null, earlierBaselines: [] }));
    expect(rows.map((r) => r.pv)).toEqual([null, null]);
  });
});

describe('rebaselineMarks', () => {
  it('marks every version after the first on the day it was set', () => {
    expect(rebaselineMarks(performance())).toEqual([{ number: 2, t: dayValue('2026-01-20'), day: '2026-01-20' }]);
    expect(rebaselineMarks(performance({ earlierBaselines: [], baseline: { ...performance().baseline!, number: 1 } }))).toEqual(
      [],
    );
  });
});

describe('SPI and CPI against their bands', () => {
  it.each([
    [1.02, 'green'],
    [0.95, 'green'],
    [0.9499, 'amber'],
    [0.9, 'amber'],
    [0.8999, 'red'],
    [null, null],
  ])('%s is %s', (value, status) => {
    expect(indexStatus(value, band)).toBe(status);
  });
  it('shares shading only when both bands are the same', () => {
    expect(sameBands(band, { amber: 0.95, red: 0.9 })).toBe(true);
    expect(sameBands(band, { amber: 0.95, red: 0.85 })).toBe(false);
  });
  it('ranges the y axis over the figures, 1.0 and the bands', () => {
    expect(indexDomain([point('2026-01-10', { spi: 1.32, cpi: null })], [band])).toEqual([0.8, 1.4]);
    expect(indexDomain([], [{ amber: 0.9, red: 0.6 }])).toEqual([0.5, 1.1]);
  });
});

describe('the milestone trend', () => {
  const trend: MilestoneTrend = {
    projectId: 'p',
    milestones: [
      {
        id: 'm1',
        name: 'Design approved',
        baselineDate: '2026-02-01',
        achievedOn: null,
        slipDays: 9,
        points: [
          { reportId: 'r1', asOf: '2026-01-10', forecastDate: '2026-02-01' },
          { reportId: 'r2', asOf: '2026-01-31', forecastDate: '2026-02-10' },
        ],
      },
      { id: 'm2', name: 'Go-live', baselineDate: '2026-06-30', achievedOn: null, slipDays: null, points: [] },
    ],
  };

  it('gives one line per milestone with (report date, forecast date) points', () => {
    const lines = trendLines(trend);
    expect(lines.map((l) => [l.name, l.points.length])).toEqual([
      ['Design approved', 2],
      ['Go-live', 0],
    ]);
    expect(lines[0]!.points[1]).toEqual({
      t: dayValue('2026-01-31'),
      f: dayValue('2026-02-10'),
      asOf: '2026-01-31',
      forecastDate: '2026-02-10',
    });
  });

  it('shares one range on both axes, covering report dates, forecasts and baselines', () => {
    const week = 7 * 86_400_000;
    expect(trendDomain(trendLines(trend))).toEqual([dayValue('2026-01-10') - week, dayValue('2026-06-30') + week]);
    expect(trendDomain([])).toBeNull();
  });

  it('tables every forecast with its slip against the baseline', () => {
    expect(trendTableRows(trendLines(trend)).map((r) => [r.milestone, r.asOf, r.forecastDate, r.slipDays])).toEqual([
      ['Design approved', '2026-01-10', '2026-02-01', 0],
      ['Design approved', '2026-01-31', '2026-02-10', 9],
    ]);
  });

  it.each([
    [null, '—'],
    [0, 'on the baseline'],
    [1, '1 day late'],
    [12, '12 days late'],
    [-3, '3 days early'],
  ])('writes a slip of %s as %s', (days, text) => {
    expect(slipText(days)).toBe(text);
  });
});
