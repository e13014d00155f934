import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  daysBetween,
  defaultExpiry,
  isExpired,
  latestCompletions,
  qualificationStatus,
  trainingGaps,
} from './training.rules.ts';

describe('addMonths', () => {
  it.each([
    ['2023-03-31', 36, '2026-03-31'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2025-11-15', 2, '2026-01-15'],
    ['2025-12-31', -1, '2025-11-30'],
    ['2026-01-15', -14, '2024-11-15'],
    ['2026-03-31', 0, '2026-03-31'],
  ])('%s + %i months = %s', (day, months, expected) => {
    expect(addMonths(day, months)).toBe(expected);
  });

  it('refuses something that is not an ISO day', () => {
    expect(() => addMonths('31/03/2026', 1)).toThrow(/ISO day/);
  });
});

describe('addDays and daysBetween', () => {
  it('cross months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-11-29', 90)).toBe('2027-02-27');
    expect(daysBetween('2026-01-01', '2026-03-01')).toBe(59);
    expect(daysBetween('2026-03-01', '2026-01-01')).toBe(-59);
    expect(daysBetween('2026-03-29', '2026-03-30')).toBe(1);
  });
});

describe('defaultExpiry', () => {
  it("adds the course's validity to the completion", () => {
    expect(defaultExpiry('2025-06-15', 24)).toBe('2027-06-15');
    expect(defaultExpiry('2025-08-31', 6)).toBe('2026-02-28');
  });
  it('is null for a course that never expires', () => {
    expect(defaultExpiry('2025-06-15', null)).toBeNull();
  });
});

describe('isExpired', () => {
  it('counts a completion up to the day before its expiry date', () => {
    expect(isExpired('2026-03-31', '2026-03-30')).toBe(false);
    expect(isExpired('2026-03-31', '2026-03-31')).toBe(true);
    expect(isExpired('2026-03-31', '2026-04-01')).toBe(true);
    expect(isExpired(null, '2099-01-01')).toBe(false);
  });
});

const PMF = { courseId: 'pmf', code: 'PMF-101', title: 'Foundations' };
const AGL = { courseId: 'agl', code: 'AGL-201', title: 'Agile' };
const rec = (courseId: string, completedOn: string, expiresOn: string | null) => ({ courseId, completedOn, expiresOn });

describe('latestCompletions', () => {
  it('takes the latest completion per course, ignoring those after the day asked', () => {
    const records = [
      rec('pmf', '2020-01-10', '2023-01-10'),
      rec('pmf', '2023-01-05', '2026-01-05'),
      rec('pmf', '2027-01-01', '2030-01-01'),
      rec('agl', '2024-05-01', '2026-05-01'),
    ];
    const latest = latestCompletions(records, '2026-06-01');
    expect(latest.get('pmf')).toEqual(rec('pmf', '2023-01-05', '2026-01-05'));
    expect(latest.get('agl')).toEqual(rec('agl', '2024-05-01', '2026-05-01'));
    expect(latestCompletions(records, '2027-06-01').get('pmf')!.completedOn).toBe('2027-01-01');
    expect(latestCompletions(records, '2019-12-31').size).toBe(0);
  });

  it('on the same day prefers the completion that lasts longest (never expiring beats any date)', () => {
    expect(
      latestCompletions([rec('x', '2025-01-01', '2026-01-01'), rec('x', '2025-01-01', '2027-01-01')], '2025-06-01').get('x')!
        .expiresOn,
    ).toBe('2027-01-01');
    expect(
      latestCompletions([rec('x', '2025-01-01', '2027-01-01'), rec('x', '2025-01-01', null)], '2025-06-01').get('x')!.expiresOn,
    ).toBeNull();
    expect(
      latestCompletions([rec('x', '2025-01-01', null), rec('x', '2025-01-01', '2027-01-01')], '2025-06-01').get('x')!.expiresOn,
    ).toBeNull();
  });
});

describe('trainingGaps', () => {
  it('is empty when every required course is held and valid', () => {
    expect(
      trainingGaps([PMF, AGL], [rec('pmf', '2025-01-01', '2028-01-01'), rec('agl', '2025-02-01', null)], '2026-01-01'),
    ).toEqual([]);
  });

  it('names a course never completed as missing, and one whose latest completion has expired as expired', () => {
    expect(trainingGaps([PMF, AGL], [rec('pmf', '2020-01-01', '2023-01-01')], '2026-01-01')).toEqual([
      { ...PMF, reason: 'expired', expiredOn: '2023-01-01' },
      { ...AGL, reason: 'missing' },
    ]);
  });

  it('lets a renewal supersede an expired completion', () => {
    const records = [rec('pmf', '2020-01-01', '2023-01-01'), rec('pmf', '2024-01-01', '2027-01-01')];
    expect(trainingGaps([PMF], records, '2026-01-01')).toEqual([]);
    expect(trainingGaps([PMF], records, '2023-06-01')).toEqual([{ ...PMF, reason: 'expired', expiredOn: '2023-01-01' }]);
  });

  it('judges as of the day asked: not yet completed is missing, later it expires', () => {
    const records = [rec('agl', '2025-05-01', '2027-05-01')];
    expect(trainingGaps([AGL], records, '2025-04-30')).toEqual([{ ...AGL, reason: 'missing' }]);
    expect(trainingGaps([AGL], records, '2025-05-01')).toEqual([]);
    expect(trainingGaps([AGL], records, '2027-04-30')).toEqual([]);
    expect(trainingGaps([AGL], records, '2027-05-01')).toEqual([{ ...AGL, reason: 'expired', expiredOn: '2027-05-01' }]);
  });

  it('lists a course required twice (all types and one type) once', () => {
    expect(trainingGaps([PMF, PMF], [], '2026-01-01')).toEqual([{ ...PMF, reason: 'missing' }]);
  });

  it('ignores records of courses that are not required', () => {
    expect(trainingGaps([PMF], [rec('other', '2025-01-01', null)], '2026-01-01')).toEqual([{ ...PMF, reason: 'missing' }]);
  });
});

describe('qualificationStatus', () => {
  it('is qualified, partial or none', () => {
    expect(qualificationStatus([PMF, AGL], [])).toBe('qualified');
    expect(qualificationStatus([PMF, AGL], [{ ...AGL, reason: 'missing' }])).toBe('partial');
    expect(qualificationStatus([PMF], [{ ...PMF, reason: 'expired', expiredOn: '2025-01-01' }])).toBe('partial');
    expect(
      qualificationStatus(
        [PMF, AGL],
        [
          { ...PMF, reason: 'missing' },
          { ...AGL, reason: 'missing' },
        ],
      ),
    ).toBe('none');
    expect(qualificationStatus([], [])).toBe('qualified');
  });
});
