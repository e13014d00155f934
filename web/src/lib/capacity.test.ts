import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addMonthsToDay,
  allocationsFromDemand,
  currentMonth,
  expiryState,
  formatFte,
  monthCount,
  monthLabel,
  monthSpan,
  monthsBetween,
  utilisationBand,
  utilisationPercent,
} from './capacity.ts';

describe('months', () => {
  it('adds and subtracts months across years', () => {
    expect(addMonths('2026-11', 2)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-11', 11)).toBe('2027-10');
    expect(addMonths('2026-12', 0)).toBe('2026-12');
  });
  it('lists the months of a range, both ends included', () => {
    expect(monthsBetween('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsBetween('2027-02', '2026-11')).toEqual([]);
    expect(monthCount('2026-11', '2027-10')).toBe(12);
  });
  it('names months as people read them', () => {
    expect(monthLabel('2027-01')).toBe('Jan 2027');
    expect(monthLabel('2027-12-01')).toBe('Dec 2027');
    expect(monthSpan('2027-01-01', '2027-06-01')).toBe('Jan 2027 – Jun 2027');
    expect(monthSpan('2027-01-01', '2027-01-01')).toBe('Jan 2027');
    expect(currentMonth(new Date('2026-11-29T18:00:00Z'))).toBe('2026-11');
  });
});

describe('utilisation bands', () => {
  it.each([
    [0, 1, 'green'],
    [0.84, 1, 'green'],
    [0.85, 1, 'amber'],
    [1, 1, 'amber'],
    [1.01, 1, 'red'],
    [4.26, 3.35, 'red'],
    [0.3, 0.1 + 0.2, 'amber'],
    [1, 0, 'none'],
    [0, 0, 'none'],
  ] as const)('demand %s against capacity %s is %s', (demand, capacity, band) => {
    expect(utilisationBand(demand, capacity)).toBe(band);
  });
  it('gives a percentage only with capacity', () => {
    expect(utilisationPercent(2.2, 2.3)).toBe(96);
    expect(utilisationPercent(1, 0)).toBeNull();
  });
  it('formats FTE with at most two decimals', () => {
    expect(formatFte(1.5)).toBe('1.5');
    expect(formatFte(0.333)).toBe('0.33');
    expect(formatFte(2)).toBe('2');
    expect(formatFte(null)).toBe('—');
  });
});

describe('expiry state', () => {
  it('tells expired, expiring, valid and permanent apart', () => {
    expect(expiryState(null, '2026-11-29')).toEqual({ state: 'permanent', daysLeft: null });
    expect(expiryState('2026-11-29', '2026-11-29').state).toBe('expired');
    expect(expiryState('2026-12-29', '2026-11-29')).toEqual({ state: 'expiring', daysLeft: 30 });
    expect(expiryState('2027-12-29', '2026-11-29').state).toBe('valid');
  });
});

describe('allocationsFromDemand', () => {
  it('cuts the demand into one-person lanes, and each lane into runs of months at the same FTE', () => {
    const data = ['2026-09', '2026-10', '2026-11', '2026-12'].map((month, i) => ({
      skillId: 'data',
      month,
      fte: [2, 3, 3, 2][i]!,
    }));
    const demand = [
      ...data,
      { skillId: 'arch', month: '2026-09', fte: 1 },
      { skillId: 'arch', month: '2026-10', fte: 0.5 },
      // A gap in the months starts a new allocation even at the same FTE.
      { skillId: 'arch', month: '2027-01', fte: 0.5 },
    ];
    expect(allocationsFromDemand(demand)).toEqual([
      { skillId: 'data', fte: 1, startMonth: '2026-09', endMonth: '2026-12' },
      { skillId: 'data', fte: 1, startMonth: '2026-09', endMonth: '2026-12' },
      { skillId: 'arch', fte: 1, startMonth: '2026-09', endMonth: '2026-09' },
      { skillId: 'data', fte: 1, startMonth: '2026-10', endMonth: '2026-11' },
      { skillId: 'arch', fte: 0.5, startMonth: '2026-10', endMonth: '2026-10' },
      { skillId: 'arch', fte: 0.5, startMonth: '2027-01', endMonth: '2027-01' },
    ]);
  });

  it('meets the demand exactly, month by month', () => {
    const demand = [
      { skillId: 'qa', month: '2027-01', fte: 2.5 },
      { skillId: 'qa', month: '2027-02', fte: 0.75 },
    ];
    const rows = allocationsFromDemand(demand);
    for (const d of demand) {
      const covered = rows.filter((r) => r.startMonth <= d.month && r.endMonth >= d.month).reduce((s, r) => s + r.fte, 0);
      expect(covered).toBeCloseTo(d.fte, 6);
    }
    expect(rows.every((r) => r.fte <= 1)).toBe(true);
  });

  it('adds up a month named twice, reads first days of months, and skips zero FTE', () => {
    expect(
      allocationsFromDemand([
        { skillId: 'qa', month: '2027-01-01', fte: 0.5 },
        { skillId: 'qa', month: '2027-01', fte: 0.25 },
        { skillId: 'qa', month: '2027-02', fte: 0 },
      ]),
    ).toEqual([{ skillId: 'qa', fte: 0.75, startMonth: '2027-01', endMonth: '2027-01' }]);
    expect(allocationsFromDemand([])).toEqual([]);
  });
});

describe('day arithmetic', () => {
  it('moves days and months across month ends', () => {
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addMonthsToDay('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonthsToDay('2026-11-15', 3)).toBe('2027-02-15');
  });
});
