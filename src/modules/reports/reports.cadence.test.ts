import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../kernel/dates.ts';
import { dueMilestones, dueState, endOfMonth, periodOf, reportPeriods } from './reports.cadence.ts';

const spans = (periods: { periodStart: string; periodEnd: string }[]) => periods.map((p) => `${p.periodStart}…${p.periodEnd}`);

describe('weekly and fortnightly periods', () => {
  it('runs 7-day periods from the go-ahead day, across a month end and a year end', () => {
    const periods = reportPeriods({ cadence: 'weekly', from: '2026-12-17', until: '2027-01-07' });
    expect(spans(periods)).toEqual([
      '2026-12-17…2026-12-23',
      '2026-12-24…2026-12-30',
      '2026-12-31…2027-01-06',
      '2027-01-07…2027-01-13',
    ]);
    expect(periods.every((p) => p.dueOn === p.periodEnd)).toBe(true);
  });

  it('runs 14-day periods through a leap day', () => {
    expect(spans(reportPeriods({ cadence: 'fortnightly', from: '2028-02-10', until: '2028-03-20' }))).toEqual([
      '2028-02-10…2028-02-23',
      '2028-02-24…2028-03-08',
      '2028-03-09…2028-03-22',
    ]);
  });

  it('includes the period running on `until`, and nothing before the go-ahead', () => {
    expect(reportPeriods({ cadence: 'weekly', from: '2026-03-02', until: '2026-03-02' })).toEqual([
      { periodStart: '2026-03-02', periodEnd: '2026-03-08', dueOn: '2026-03-08' },
    ]);
    expect(reportPeriods({ cadence: 'weekly', from: '2026-03-02', until: '2026-03-01' })).toEqual([]);
    expect(periodOf({ cadence: 'fortnightly', from: '2026-03-02', day: '2026-03-01' })).toBeNull();
  });
});

describe('monthly periods', () => {
  it('starts on the go-ahead day and then follows calendar months, 30- and 31-day ones alike', () => {
    expect(reportPeriods({ cadence: 'monthly', from: '2026-03-17', until: '2026-07-01' })).toEqual([
      { periodStart: '2026-03-17', periodEnd: '2026-03-31', dueOn: '2026-03-31' },
      { periodStart: '2026-04-01', periodEnd: '2026-04-30', dueOn: '2026-04-30' },
      { periodStart: '2026-05-01', periodEnd: '2026-05-31', dueOn: '2026-05-31' },
      { periodStart: '2026-06-01', periodEnd: '2026-06-30', dueOn: '2026-06-30' },
      { periodStart: '2026-07-01', periodEnd: '2026-07-31', dueOn: '2026-07-31' },
    ]);
  });

  it('ends February on the 28th, and on the 29th in a leap year (2028)', () => {
    expect(spans(reportPeriods({ cadence: 'monthly', from: '2027-02-01', until: '2027-03-01' }))).toEqual([
      '2027-02-01…2027-02-28',
      '2027-03-01…2027-03-31',
    ]);
    expect(spans(reportPeriods({ cadence: 'monthly', from: '2028-01-15', until: '2028-03-31' }))).toEqual([
      '2028-01-15…2028-01-31',
      '2028-02-01…2028-02-29',
      '2028-03-01…2028-03-31',
    ]);
    expect(periodOf({ cadence: 'monthly', from: '2027-06-01', day: '2028-02-29' })).toEqual({
      periodStart: '2028-02-01',
      periodEnd: '2028-02-29',
      dueOn: '2028-02-29',
    });
  });

  it('crosses a year end', () => {
    expect(spans(reportPeriods({ cadence: 'monthly', from: '2026-11-20', until: '2027-01-31' }))).toEqual([
      '2026-11-20…2026-11-30',
      '2026-12-01…2026-12-31',
      '2027-01-01…2027-01-31',
    ]);
  });

  it('given a go-ahead on the 31st, the first period is that one day and the next is February', () => {
    expect(reportPeriods({ cadence: 'monthly', from: '2028-01-31', until: '2028-03-01' })).toEqual([
      { periodStart: '2028-01-31', periodEnd: '2028-01-31', dueOn: '2028-01-31' },
      { periodStart: '2028-02-01', periodEnd: '2028-02-29', dueOn: '2028-02-29' },
      { periodStart: '2028-03-01', periodEnd: '2028-03-31', dueOn: '2028-03-31' },
    ]);
  });

  it.each([
    ['2026-01-31', '2026-01-31'],
    ['2026-02-01', '2026-02-28'],
    ['2028-02-29', '2028-02-29'],
    ['2100-02-10', '2100-02-28'], // a century year that is not a leap year
    ['2000-02-10', '2000-02-29'],
    ['2026-04-30', '2026-04-30'],
    ['2026-12-05', '2026-12-31'],
  ])('the month of %s ends on %s', (day, end) => {
    expect(endOfMonth(day)).toBe(end);
  });
});

describe('periods tile the calendar', () => {
  it('contiguous, non-overlapping, each containing its days, for every cadence and go-ahead', () => {
    const day = (offset: number) => addDays('2026-01-01', offset);
    fc.assert(
      fc.property(
        fc.constantFrom(...(['weekly', 'fortnightly', 'monthly'] as const)),
        fc.integer({ min: 0, max: 1500 }),
        fc.integer({ min: 0, max: 400 }),
        (cadence, start, length) => {
          const from = day(start);
          const until = day(start + length);
          const periods = reportPeriods({ cadence, from, until });
          expect(periods[0]!.periodStart).toBe(from);
          periods.forEach((p, i) => {
            expect(p.dueOn).toBe(p.periodEnd);
            expect(p.periodStart <= p.periodEnd).toBe(true);
            if (i > 0) expect(p.periodStart).toBe(addDays(periods[i - 1]!.periodEnd, 1));
            if (cadence !== 'monthly') expect(daysBetween(p.periodStart, p.periodEnd)).toBe(cadence === 'weekly' ? 6 : 13);
            else expect(p.periodEnd).toBe(endOfMonth(p.periodStart));
          });
          const last = periods[periods.length - 1]!;
          expect(last.periodStart <= until && until <= last.periodEnd).toBe(true);
          expect(periodOf({ cadence, from, day: until })).toEqual(last);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('due state', () => {
  // Due 2026-03-31, 3 grace days, escalated after 5 more days overdue.
  const rule = { dueOn: '2026-03-31', graceDays: 3, escalateAfterDays: 5 };

  it.each([
    ['2026-03-01', 'upcoming'],
    ['2026-03-30', 'upcoming'],
    ['2026-03-31', 'due'], // the due day
    ['2026-04-03', 'due'], // the last grace day
    ['2026-04-04', 'overdue'], // the day after grace
    ['2026-04-08', 'overdue'], // the 5th day overdue
    ['2026-04-09', 'escalated'],
    ['2027-01-01', 'escalated'],
  ])('on %s it is %s', (today, state) => {
    expect(dueState({ ...rule, today, submitted: false })).toBe(state);
  });

  it('is submitted once submitted, whatever the date', () => {
    for (const today of ['2026-03-01', '2026-03-31', '2026-04-05', '2027-01-01']) {
      expect(dueState({ ...rule, today, submitted: true })).toBe('submitted');
    }
  });

  it('with no grace days a report is due only on its day; with no escalation days it escalates as soon as it is overdue', () => {
    const strict = { dueOn: '2028-02-29', graceDays: 0, escalateAfterDays: 0, submitted: false };
    expect(dueState({ ...strict, today: '2028-02-28' })).toBe('upcoming');
    expect(dueState({ ...strict, today: '2028-02-29' })).toBe('due');
    expect(dueState({ ...strict, today: '2028-03-01' })).toBe('escalated');
  });

  it('across a year end', () => {
    const yearEnd = { dueOn: '2026-12-31', graceDays: 2, escalateAfterDays: 3, submitted: false };
    expect(dueState({ ...yearEnd, today: '2027-01-02' })).toBe('due');
    expect(dueState({ ...yearEnd, today: '2027-01-03' })).toBe('overdue');
    expect(dueState({ ...yearEnd, today: '2027-01-06' })).toBe('escalated');
    expect(dueMilestones(yearEnd)).toEqual({ overdueFrom: '2027-01-03', escalatedFrom: '2027-01-06' });
  });

  it('agrees with the days dueMilestones gives the reminders', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: -40, max: 120 }),
        (due, graceDays, escalateAfterDays, offset) => {
          const dueOn = addDays('2026-01-01', due);
          const today = addDays(dueOn, offset);
          const { overdueFrom, escalatedFrom } = dueMilestones({ dueOn, graceDays, escalateAfterDays });
          const state = dueState({ dueOn, graceDays, escalateAfterDays, today, submitted: false });
          const expected =
            today < dueOn ? 'upcoming' : today < overdueFrom ? 'due' : today < escalatedFrom ? 'overdue' : 'escalated';
          expect(state).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
