import { describe, expect, it } from 'vitest';
import { defineSchedule, defineTask, periodStart, retryDelaySeconds, startsPeriod } from './jobs.registry.ts';

describe('schedules', () => {
  it('takes only periods that divide a day, so that every instance and both databases agree on them', () => {
    for (const everyMinutes of [0, -5, 7, 1.5, 2880, Number.NaN]) {
      expect(() => defineSchedule(`test.every-${everyMinutes}`, { everyMinutes, task: 'test.task' })).toThrow(
        /everyMinutes must divide a day/,
      );
    }
    expect(() => defineSchedule('test.quarter-hourly', { everyMinutes: 15, task: 'test.task' })).not.toThrow();
    expect(() => defineSchedule('test.quarter-hourly', { everyMinutes: 15, task: 'test.task' })).toThrow(/defined twice/);
  });

  it('refuses a task defined twice and names with spaces', () => {
    defineTask('test.once', async () => {});
    expect(() => defineTask('test.once', async () => {})).toThrow(/defined twice/);
    expect(() => defineTask('send mail', async () => {})).toThrow(/without spaces/);
    expect(() => defineTask('', async () => {})).toThrow(/1 to 128 characters/);
  });

  it.each([
    [1, '2026-02-28T23:59:42.000Z', '2026-02-28T23:59:00.000Z'],
    [15, '2026-02-28T10:44:59.999Z', '2026-02-28T10:30:00.000Z'],
    [60, '2028-02-29T00:00:00.000Z', '2028-02-29T00:00:00.000Z'],
    [1440, '2026-12-31T23:59:59.000Z', '2026-12-31T00:00:00.000Z'],
    [1440, '2027-01-01T00:00:01.000Z', '2027-01-01T00:00:00.000Z'],
  ])('every %i minutes: %s is in the period that starts %s', (everyMinutes, at, start) => {
    const period = periodStart(everyMinutes, new Date(at));
    expect(period.toISOString()).toBe(start);
    // graphile-worker's cron matcher starts a period at the same minute.
    expect(startsPeriod(everyMinutes, { hour: period.getUTCHours(), min: period.getUTCMinutes() })).toBe(true);
  });

  it('matches exactly the minutes of the day that start a period', () => {
    const starts = [];
    for (let minute = 0; minute < 1440; minute++) {
      if (startsPeriod(240, { hour: Math.floor(minute / 60), min: minute % 60 })) starts.push(minute / 60);
    }
    expect(starts).toEqual([0, 4, 8, 12, 16, 20]);
  });
});

describe('retry delay', () => {
  it('grows as e^attempts seconds and stops growing after the tenth attempt', () => {
    expect([1, 2, 3, 10, 11, 50].map((n) => Math.round(retryDelaySeconds(n)))).toEqual([3, 7, 20, 22026, 22026, 22026]);
  });
});
