/**
 * What an unexpected error may put in the log. A failed query's message carries its parameters
 * (a comment's text, an e-mail address) and PostgreSQL's detail repeats the offending value, so
 * for database errors only the SQLSTATE, the constraint, the statement and the stack are kept.
 */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return `non-error thrown: ${typeof err}`;
  const query = (err as { query?: unknown }).query;
  const pgError = findPgError(err);
  if (typeof query === 'string' || pgError) {
    const parts = [`${err.name}: database error`];
    if (pgError?.code) parts.push(`SQLSTATE ${pgError.code}`);
    if (pgError?.constraint) parts.push(`constraint ${pgError.constraint}`);
    if (pgError?.routine) parts.push(`in ${pgError.routine}`);
    if (typeof query === 'string') parts.push(`statement: ${query.replace(/\s+/g, ' ').slice(0, 500)}`);
    return `${parts.join('; ')}\n${stackFrames(err)}`;
  }
  return `${err.name}: ${err.message}\n${stackFrames(err)}`;
}

interface PgErrorFields {
  code?: string;
  constraint?: string;
  routine?: string;
}

function findPgError(err: unknown): PgErrorFields | null {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const candidate = current as PgErrorFields & { cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate;
    current = candidate.cause;
  }
  return null;
}

/** The "at …" lines of a stack, without its first line (which repeats the message). */
function stackFrames(err: Error): string {
  return (err.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 12)
    .join('\n');
}
