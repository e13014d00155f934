import { describe, expect, it } from 'vitest';
import { parseError, readCookie } from '../api/client.ts';
import { issuesToFieldErrors } from './formErrors.ts';

describe('issuesToFieldErrors', () => {
  it('turns dotted paths into antd name paths with numeric indexes', () => {
    const { fields, unmatched } = issuesToFieldErrors(
      [
        { field: 'definition.gates.0.quorum', message: 'too small' },
        { field: 'email', message: 'taken' },
        { field: 'email', message: 'invalid' },
      ],
      undefined,
      ['definition'],
    );
    expect(fields).toEqual([
      { name: ['gates', 0, 'quorum'], errors: ['too small'] },
      { name: ['email'], errors: ['taken', 'invalid'] },
    ]);
    expect(unmatched).toEqual([]);
  });
  it('reports issues for fields the form does not have', () => {
    const { fields, unmatched } = issuesToFieldErrors([{ field: 'body', message: 'bad' }], ['name']);
    expect(fields).toEqual([]);
    expect(unmatched).toEqual([{ field: 'body', message: 'bad' }]);
  });
});

describe('api client helpers', () => {
  it('parses the error shape with issues and retry time', () => {
    const err = parseError(422, {
      error: { code: 'VALIDATION_FAILED', message: 'x', details: { issues: [{ field: 'name', message: 'is required' }] } },
    });
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.issues).toEqual([{ field: 'name', message: 'is required' }]);
    const limited = parseError(429, {
      error: { code: 'TOO_MANY_ATTEMPTS', message: 'slow down', details: { retryAfterSeconds: 60 } },
    });
    expect(limited.retryAfterSeconds).toBe(60);
    expect(parseError(500, null).code).toBe('INTERNAL');
    expect(parseError(429, {}, '30').retryAfterSeconds).toBe(30);
  });
  it('reads a cookie by name', () => {
    expect(readCookie('tg_csrf', 'a=1; tg_csrf=abc%3D; b=2')).toBe('abc=');
    expect(readCookie('nope', 'a=1')).toBeNull();
  });
});

describe('readableIssue', () => {
  it('turns a server issue into a sentence under its input', async () => {
    const { readableIssue } = await import('./formErrors.ts');
    expect(readableIssue('is taken')).toBe('Already in use');
    expect(readableIssue('must be an e-mail address')).toBe('Must be an e-mail address');
  });
});
