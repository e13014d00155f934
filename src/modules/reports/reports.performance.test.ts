import { describe, expect, it } from 'vitest';
import { assemblePerformance, finiteOrNull } from './reports.performance.ts';
import type { BaselineVersionRow, SubmittedVersionRow } from './reports.performance.repo.ts';

const tolerances = {
  spi: { amber: 0.95, red: 0.9 },
  cpi: { amber: 0.95, red: 0.85 },
  budgetVariancePct: { amber: 5, red: 10 },
  dateVarianceDays: { amber: 10, red: 30 },
};

function baseline(number: number, bac: string, createdAt: string): BaselineVersionRow {
  return {
    id: `b${number}`,
    projectId: 'p',
    number,
    bac,
    curve: [
      { date: '2026-01-01', plannedValue: 0 },
      { date: '2026-12-31', plannedValue: Number(bac) },
    ],
    reason: number === 1 ? 'approved plan' : 'scope added',
    setBy: 'lead@example.com',
    createdAt: new Date(createdAt),
  };
}

function version(asOf: string, evm: unknown, extra: Partial<SubmittedVersionRow> = {}): SubmittedVersionRow {
  return {
    id: `r-${asOf}`,
    periodStart: asOf,
    periodEnd: asOf,
    revision: 1,
    asOf,
    baselineId: 'b1',
    evm,
    submittedAt: new Date(`${asOf}T12:00:00Z`),
    outcome: null,
    ...extra,
  };
}

describe('finiteOrNull', () => {
  it.each([
    [1.25, 1.25],
    ['1234.50', 1234.5],
    [0, 0],
    [null, null],
    [undefined, null],
    ['', null],
    [Number.NaN, null],
    [Number.POSITIVE_INFINITY, null],
    [Number.NEGATIVE_INFINITY, null],
    ['Infinity', null],
    ['abc', null],
  ])('%s → %s', (value, expected) => {
    expect(finiteOrNull(value)).toBe(expected);
  });
});

describe('assemblePerformance', () => {
  it('has nothing to draw without a baseline or a report', () => {
    const reply = assemblePerformance({ projectId: 'p', baselines: [], versions: [], tolerances, canEditMilestones: false });
    expect(reply).toEqual({
      projectId: 'p',
      baseline: null,
      earlierBaselines: [],
      bac: null,
      eac: null,
      points: [],
      tolerances: { spi: tolerances.spi, cpi: tolerances.cpi },
      canEditMilestones: false,
    });
  });

  it('takes the newest baseline as in force, the others as earlier, and the last point’s EAC', () => {
    const reply = assemblePerformance({
      projectId: 'p',
      // Given out of order: the number decides, not the order of the rows.
      baselines: [baseline(2, '150000.00', '2026-06-15T09:30:00Z'), baseline(1, '100000.00', '2026-01-02T10:00:00Z')],
      versions: [
        version('2026-05-31', { bac: 100_000, pv: 41_000, ev: 40_000, ac: 42_000, spi: 0.9756, cpi: 0.9524, eac: 105_000 }),
        version(
          '2026-06-30',
          { bac: 150_000, pv: 74_000, ev: 70_000, ac: 75_000, spi: 0.9459, cpi: 0.9333, eac: 160_714.29 },
          { baselineId: 'b2', outcome: 'accepted', revision: 2 },
        ),
      ],
      tolerances,
      canEditMilestones: true,
    });
    expect(reply.baseline).toMatchObject({ number: 2, bac: 150_000, setOn: '2026-06-15', setAt: '2026-06-15T09:30:00.000Z' });
    expect(reply.baseline?.curve.at(-1)).toEqual({ date: '2026-12-31', plannedValue: 150_000 });
    expect(reply.earlierBaselines).toEqual([
      { id: 'b1', number: 1, bac: 100_000, setAt: '2026-01-02T10:00:00.000Z', setOn: '2026-01-02', reason: 'approved plan' },
    ]);
    expect(reply.bac).toBe(150_000);
    expect(reply.eac).toBe(160_714.29);
    expect(reply.points.map((p) => [p.baselineNumber, p.state, p.revision])).toEqual([
      [1, 'submitted', 1],
      [2, 'accepted', 2],
    ]);
  });

  it('never gives NaN or Infinity, whatever a stored version holds', () => {
    const reply = assemblePerformance({
      projectId: 'p',
      baselines: [baseline(1, '100000.00', '2026-01-02T10:00:00Z')],
      versions: [
        version('2026-02-28', { bac: 100_000, pv: 0, ev: 0, ac: 0, spi: null, cpi: null, eac: null }),
        version('2026-03-31', { bac: 100_000, pv: 'NaN', ev: 5_000, ac: 0, spi: Number.NaN, cpi: 'Infinity' }),
        version('2026-04-30', null, { baselineId: null }),
      ],
      tolerances,
      canEditMilestones: false,
    });
    const json = JSON.stringify(reply);
    expect(json).not.toMatch(/NaN|Infinity/);
    expect(reply.points[1]).toMatchObject({ pv: null, ev: 5_000, spi: null, cpi: null, eac: null });
    expect(reply.points[2]).toMatchObject({ baselineNumber: null, bac: null, pv: null, ev: null, ac: null });
    expect(reply.eac).toBeNull();
  });
});
