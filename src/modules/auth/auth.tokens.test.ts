import { describe, expect, it } from 'vitest';
import { tokenExpiry } from './auth.tokens.service.ts';

describe('token expiry', () => {
  const now = new Date('2026-05-04T10:00:00.000Z');

  it('is never without a date, through the given day (UTC) for a date, the instant for a date-time', () => {
    expect(tokenExpiry(undefined, now)).toBeNull();
    expect(tokenExpiry(null, now)).toBeNull();
    expect(tokenExpiry('2026-05-04', now)!.toISOString()).toBe('2026-05-05T00:00:00.000Z');
    expect(tokenExpiry('2026-06-30T12:00:00+02:00', now)!.toISOString()).toBe('2026-06-30T10:00:00.000Z');
  });

  it('lies in the future and at most a year ahead, through that day', () => {
    expect(() => tokenExpiry('2026-05-03', now)).toThrow(/expiresAt: must be in the future/);
    expect(() => tokenExpiry('2026-05-04T09:59:59Z', now)).toThrow(/in the future/);
    expect(tokenExpiry('2027-05-04', now)!.toISOString()).toBe('2027-05-05T00:00:00.000Z');
    expect(() => tokenExpiry('2027-05-05', now)).toThrow(/at most a year ahead/);
    expect(() => tokenExpiry('2027-05-05T00:00:01Z', now)).toThrow(/at most a year ahead/);
  });

  it('a year from a 29 February ends on 28 February', () => {
    const leap = new Date('2028-02-29T08:00:00Z');
    expect(tokenExpiry('2029-02-28', leap)).not.toBeNull();
    expect(() => tokenExpiry('2029-03-01', leap)).toThrow(/a year ahead/);
  });
});
