import type { z } from '@hono/zod-openapi';
import { type FieldIssue, validationFailed } from './errors.ts';

/** Zod issues as field-named issues: `objectives.0`, `allocations.2.fte`; under `prefix` when given. */
export function issuesOf(error: z.ZodError, prefix?: string): FieldIssue[] {
  return error.issues.map((i) => ({
    field: [...(prefix ? [prefix] : []), ...i.path.map(String)].join('.') || 'body',
    message: i.message,
  }));
}

/**
 * Use cases are also called without HTTP (the seed, an approval that composes several of them):
 * they validate their input the same way the routes do, naming each wrong field.
 * @example const input = parseInput(CreateProjectBody, raw);
 */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown, prefix?: string): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw validationFailed(issuesOf(parsed.error, prefix));
}
