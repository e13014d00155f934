import { AppError, invalid } from './errors.ts';

export interface PgErrorLike {
  code?: string;
  constraint?: string;
}

/** The PostgreSQL error under drizzle's wrapper (PGlite and node-postgres both carry code and constraint). */
export function pgErrorOf(err: unknown): PgErrorLike | null {
  let current: unknown = err;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const candidate = current as PgErrorLike & { cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate;
    current = candidate.cause;
  }
  return null;
}

/** SQLSTATE classes and codes that mean the connection or the server went away, not the query. */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[1-3]|53300)$/;
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Client was closed and is not queryable|Cannot use a pool after calling end/i;

/**
 * The database is unreachable or dropped the connection (restart, failover, terminated backend):
 * the statement did not take effect (its transaction was rolled back) and a retry may succeed.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const candidate = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (
      typeof candidate.code === 'string' &&
      (UNAVAILABLE_SQLSTATE.test(candidate.code) || UNAVAILABLE_ERRNO.has(candidate.code))
    ) {
      return true;
    }
    if (typeof candidate.message === 'string' && UNAVAILABLE_MESSAGE.test(candidate.message)) return true;
    current = candidate.cause;
  }
  return false;
}

/** A unique constraint refused the write (23505). */
export function isUniqueViolation(err: unknown): boolean {
  return pgErrorOf(err)?.code === '23505';
}

/** A field that is already taken: 409 ALREADY_EXISTS naming the field. */
export function alreadyExists(entity: string, field: string, value: string): AppError {
  const article = /^[aeiou]/i.test(entity) ? 'an' : 'a';
  const name = entity === 'pmo' ? 'PMO' : entity;
  return new AppError('ALREADY_EXISTS', `${article} ${name} with ${field} ${value} exists`, {
    issues: [{ field, message: 'is taken' }],
  });
}

/**
 * The safety net under the explicit checks: a unique or foreign-key violation that slipped past
 * them (two writers racing) still answers 409 / 422 naming the field, never a 500.
 * `fields` maps constraint names to the input field they guard.
 */
export function translateDbError(err: unknown, entity: string, fields: Record<string, string>): unknown {
  if (err instanceof AppError) return err;
  const pgError = pgErrorOf(err);
  if (!pgError) return err;
  const field = (pgError.constraint && fields[pgError.constraint]) || 'body';
  if (pgError.code === '23505') {
    return new AppError('ALREADY_EXISTS', `this ${entity} ${field} is taken`, { issues: [{ field, message: 'is taken' }] });
  }
  if (pgError.code === '23503') return invalid(field, 'refers to a record that does not exist');
  return err;
}
