import { describe, expect, it } from 'vitest';
import { AppError, ERROR_STATUS, type ErrorCode, invalid, notFound, versionConflict } from './errors.ts';

describe('error codes', () => {
  it('map every code to a 4xx status, but an unavailable database to 503', () => {
    for (const [code, status] of Object.entries(ERROR_STATUS)) {
      if (code === 'DATABASE_UNAVAILABLE') {
        expect(status).toBe(503);
        continue;
      }
      expect(status, code).toBeGreaterThanOrEqual(400);
      expect(status, code).toBeLessThan(500);
      expect(new AppError(code as ErrorCode, 'x').status).toBe(status);
    }
  });

  it('are SCREAMING_SNAKE_CASE', () => {
    for (const code of Object.keys(ERROR_STATUS)) expect(code).toMatch(/^[A-Z]+(_[A-Z]+)*$/);
  });

  it('map the fixed cases as the API promises', () => {
    expect(ERROR_STATUS.VALIDATION_FAILED).toBe(422);
    expect(ERROR_STATUS.UNAUTHENTICATED).toBe(401);
    expect(ERROR_STATUS.FORBIDDEN).toBe(403);
    expect(ERROR_STATUS.NOT_FOUND).toBe(404);
    expect(ERROR_STATUS.VERSION_CONFLICT).toBe(409);
    expect(ERROR_STATUS.TOO_MANY_ATTEMPTS).toBe(429);
  });
});

describe('error helpers', () => {
  it('notFound is a 404 naming the record', () => {
    const err = notFound('pmo', 'abc');
    expect(err).toBeInstanceOf(AppError);
    expect(err.status).toBe(404);
    expect(err.message).toBe('pmo abc not found');
    expect(notFound('user').message).toBe('user not found');
  });

  it('invalid is a 422 naming the field', () => {
    const err = invalid('newPassword', 'is too short');
    expect(err.status).toBe(422);
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.details).toEqual({ issues: [{ field: 'newPassword', message: 'is too short' }] });
    expect(err.message).toContain('newPassword');
  });

  it('versionConflict is a 409 carrying the expected version', () => {
    const err = versionConflict('user', 'u1', 3);
    expect(err.status).toBe(409);
    expect(err.code).toBe('VERSION_CONFLICT');
    expect(err.details).toEqual({ expectedVersion: 3 });
  });
});
