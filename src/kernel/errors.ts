/**
 * Every failure a use case can report. One table maps each code to its HTTP status;
 * the HTTP error handler turns an AppError into `{ error: { code, message, details } }`.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 422,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  CSRF_FAILED: 403,
  /** A read-only API token was used for a write (anything but GET and HEAD). */
  TOKEN_READ_ONLY: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VERSION_CONFLICT: 409,
  ALREADY_EXISTS: 409,
  INVALID_STATE: 409,
  IN_USE: 409,
  SELF_APPROVAL: 403,
  NOT_YOUR_STEP: 403,
  STEP_DECIDED: 409,
  TOO_MANY_ATTEMPTS: 429,
  PAYLOAD_TOO_LARGE: 413,
  /** An allocation would load a person beyond their capacity in some month. */
  OVER_ALLOCATED: 409,
  /** The body is not of a content type the route accepts. */
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** The database did not answer (connection dropped, server restarting): nothing was applied; retry. */
  DATABASE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldIssue {
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** A record that does not exist or that the actor may not see: both answer 404. */
export function notFound(entity: string, id?: string): AppError {
  return new AppError('NOT_FOUND', id ? `${entity} ${id} not found` : `${entity} not found`);
}

/**
 * The one way to say that input is wrong: 422 VALIDATION_FAILED with every issue named by field
 * in `details.issues`; the message summarises the first three. `extra` adds details (e.g. the
 * missing courses).
 */
export function validationFailed(issues: FieldIssue[], extra: Record<string, unknown> = {}): AppError {
  const summary = issues
    .slice(0, 3)
    .map((i) => `${i.field}: ${i.message}`)
    .join('; ');
  return new AppError('VALIDATION_FAILED', summary || 'the input is not valid', { ...extra, issues });
}

/** Input that breaks a rule the schema cannot express, named by field. */
export function invalid(field: string, message: string): AppError {
  return validationFailed([{ field, message }]);
}

export function versionConflict(entity: string, id: string, expected: number): AppError {
  return new AppError(
    'VERSION_CONFLICT',
    `${entity} ${id} was changed by someone else since version ${expected}; reload and try again`,
    { expectedVersion: expected },
  );
}
