import type { z } from '@hono/zod-openapi';
import { AppError, type FieldIssue } from './errors.ts';

/** Zod issues as field-named issues: `objectives.0`, `allocations.2.fte`. */
export function issuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ field: i.path.map(String).join('.') || 'body', message: i.message }));
}

/**
 * Use cases are also called without HTTP (the seed, an approval that composes several of them):
 * they validate their input the same way the routes do, naming each wrong field.
 * @example const input = parseInput(CreateProjectBody, raw);
 */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = issuesOf(parsed.error);
  throw new AppError('VALIDATION_FAILED', issues.map((i) => `${i.field}: ${i.message}`).join('; '), { issues });
}
