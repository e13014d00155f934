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
