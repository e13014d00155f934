import { describe, expect, it } from 'vitest';
import { DEMO_WRITTEN_ON, demoCalendar } from './demo-calendar.ts';

describe('the demo calendar', () => {
  it('leaves the data as written when seeded on the day it describes', () => {
    const calendar = demoCalendar(DEMO_WRITTEN_ON);
    expect(calendar).toMatchObject({ months: 0, days: 0 });
    expect(calendar.planDay('2026-09-30')).toBe('2026-09-30');
    expect(calendar.moment('2026-05-04T09:30:00Z').toISOString()).toBe('2026-05-04T09:30:00.000Z');
  });

  it('moves plans by whole months and moments by whole days', () => {
    const calendar = demoCalendar('2026-12-01');
    expect(calendar.months).toBe(7);
    expect(calendar.days).toBe(204);
    expect(calendar.planMonth('2026-09')).toBe('2027-04');
    // A month-end stays a month-end, in a shorter month too.
    expect(calendar.planDay('2026-07-31')).toBe('2027-02-28');
    expect(calendar.planInstant('2025-09-01T08:00:00Z').toISOString()).toBe('2026-04-01T08:00:00.000Z');
    // Submitted a week before the demo's day: a week before the seed day.
    expect(calendar.moment('2026-05-04T09:30:00Z').toISOString()).toBe('2026-11-24T09:30:00.000Z');
  });

  it('moves back as well, for a clock set earlier', () => {
    expect(demoCalendar('2026-03-15').planMonth('2026-09')).toBe('2026-07');
  });
});
