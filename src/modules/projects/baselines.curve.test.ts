import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCurve, curveFromMonthlyCosts, plannedValueAt } from './baselines.curve.ts';

const curve = [
  { date: '2026-01-01', plannedValue: 0 },
  { date: '2026-01-31', plannedValue: 30_000 },
  { date: '2026-03-31', plannedValue: 100_000 },
];

describe('planned value on a date', () => {
  it('is 0 before the first point and the last value after the last', () => {
    expect(plannedValueAt(curve, '2025-12-31')).toBe(0);
    expect(plannedValueAt(curve, '2026-04-15')).toBe(100_000);
    expect(plannedValueAt([], '2026-01-01')).toBe(0);
  });

  it('is linear between points', () => {
    expect(plannedValueAt(curve, '2026-01-01')).toBe(0);
    expect(plannedValueAt(curve, '2026-01-16')).toBe(15_000);
    expect(plannedValueAt(curve, '2026-01-31')).toBe(30_000);
    // 2026-01-31 → 2026-03-31 is 59 days; halfway-ish on 2026-03-01 (29 days in).
    expect(plannedValueAt(curve, '2026-03-01')).toBeCloseTo(30_000 + (29 / 59) * 70_000, 1);
  });

  it('never goes down as the date moves on', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 }), (a, b) => {
        const day = (n: number) => new Date(Date.UTC(2025, 11, 1) + n * 86_400_000).toISOString().slice(0, 10);
        const [early, late] = a <= b ? [a, b] : [b, a];
        return plannedValueAt(curve, day(early)) <= plannedValueAt(curve, day(late));
      }),
    );
  });
});

describe('checking a curve', () => {
  it('accepts a cumulative curve ending at BAC', () => {
    expect(checkCurve(100_000, curve)).toEqual([]);
  });

  it('names every wrong field', () => {
    const issues = checkCurve(100_000, [
      { date: '2026-02-01', plannedValue: 50_000 },
      { date: '2026-01-01', plannedValue: 40_000 },
      { date: '2026-13-45', plannedValue: 90_000 },
    ]);
    const fields = issues.map((i) => i.field);
    expect(fields).toContain('curve.1.date');
    expect(fields).toContain('curve.1.plannedValue');
    expect(fields).toContain('curve.2.date');
    expect(fields).toContain('curve.2.plannedValue');
    expect(checkCurve(0, [])).toEqual([
      { field: 'bac', message: 'must be greater than 0' },
      { field: 'curve', message: 'needs at least one point' },
    ]);
  });
});

describe('the baseline of an approved request', () => {
  it('starts at 0 on the first day and reaches each month-end cumulative estimate', () => {
    expect(
      curveFromMonthlyCosts(
        [
          { month: '2027-02', amount: 20_000 },
          { month: '2027-01', amount: 10_000 },
        ],
        30_000,
      ),
    ).toEqual([
      { date: '2027-01-01', plannedValue: 0 },
      { date: '2027-01-31', plannedValue: 10_000 },
      { date: '2027-02-28', plannedValue: 30_000 },
    ]);
  });

  it('scales to the approved budget and always passes its own check', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 35 }), { minLength: 1, maxLength: 24 }),
        fc.array(fc.integer({ min: 1, max: 500_000 }), { minLength: 24, maxLength: 24 }),
        fc.integer({ min: 1_000, max: 5_000_000 }),
        (offsets, amounts, bac) => {
          const costs = offsets.map((o, i) => {
            const d = new Date(Date.UTC(2027, o, 1));
            return { month: d.toISOString().slice(0, 7), amount: amounts[i]! };
          });
          const result = curveFromMonthlyCosts(costs, bac);
          return checkCurve(bac, result).length === 0 && result[result.length - 1]!.plannedValue === bac;
        },
      ),
    );
  });
});
