import { OpenAPIHono, type RouteConfig, createRoute, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import type { Actor } from './actor.ts';
import type { Config } from './config.ts';
import type { Database } from './db.ts';
import { AppError, type FieldIssue, validationFailed } from './errors.ts';
import { type BodyClass, inputGuard, unknownFields, unknownQueryGuard } from './input.ts';
import type { RouteAccess } from './permissions.ts';

/** What every request handler can reach: the database and the configuration. */
export interface AppDeps {
  database: Database;
  config: Config;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    /** Null when the request carries no valid session or token. */
    actor: Actor | null;
    /** How the actor was authenticated; cookie writes need a CSRF token. */
    authVia: 'session' | 'token' | null;
    sessionId: string | null;
  };
}

type ZodIssueLike = { path: PropertyKey[]; message: string };

/** Turns zod issues into field-named issues: `objectives.0.title`. */
export function fieldIssues(issues: readonly ZodIssueLike[], target?: string): FieldIssue[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const field = path || (target === 'json' ? 'body' : (target ?? 'input'));
    return { field, message: issue.message };
  });
}

/**
 * A router whose validation failures become VALIDATION_FAILED errors naming the field, and which
 * refuses the fields of a JSON body its schema does not know (422 naming each), so a misspelt
 * field is never silently dropped.
 */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: async (result, c) => {
      if (!result.success) {
        // A path that names no well-formed id names no record: the same 404 as a missing one.
        if (result.target === 'param') throw new AppError('NOT_FOUND', 'no such record');
        throw validationFailed(fieldIssues(result.error.issues as ZodIssueLike[], result.target));
      }
      if (result.target === 'json') {
        const extra = unknownFields(await c.req.json(), result.data);
        if (extra.length) throw validationFailed(extra.map((field) => ({ field, message: 'is not a known field' })));
      }
    },
  });
}

/** Checks that the caller is signed in and holds the permission the route declares. */
export function guard(access: RouteAccess): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (access !== 'public') {
      const actor = c.get('actor');
      if (!actor) throw new AppError('UNAUTHENTICATED', 'sign in first');
      if (!actor.permissions.has(access)) {
        throw new AppError('FORBIDDEN', `this needs the permission ${access}`, { permission: access });
      }
    }
    await next();
  };
}

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'VALIDATION_FAILED' }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error');

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorSchema } },
});

const ERROR_RESPONSES = {
  400: errorResponse('Malformed request'),
  401: errorResponse('Not signed in'),
  403: errorResponse('Missing permission, a missing CSRF token, or a write with a read-only token'),
  404: errorResponse('Not found, or not visible to the caller'),
  409: errorResponse('Stale version or invalid state'),
  413: errorResponse('The body is larger than its route class allows (JSON 1 MiB, uploads 10 MiB); details.limit'),
  415: errorResponse('The body is not of a content type the route accepts'),
  422: errorResponse(
    'Validation failed, an unknown field, a NUL character or nesting deeper than 32; details.issues names each field',
  ),
  503: errorResponse('The database is unavailable; nothing was applied, retry (Retry-After)'),
} as const;

/** The class of a route's body, which sets its size limit: uploads are multipart, all else JSON. */
function bodyClassOf(config: RouteConfig): BodyClass {
  const content = config.request?.body?.content ?? {};
  return Object.keys(content).some((type) => type.startsWith('multipart/')) ? 'upload' : 'json';
}

/** The query parameters a route declares, when its query schema is an object. */
function queryNamesOf(config: RouteConfig): string[] | null {
  const query = config.request?.query as { shape?: Record<string, unknown> } | undefined;
  if (!query) return [];
  return query.shape ? Object.keys(query.shape) : null;
}

/**
 * Declares a route with the access it needs and its operationId (`listProjects`: client generators
 * name their functions from it, so every route must have one). The access is enforced by a guard middleware
 * and published in the OpenAPI document as `x-tollgate-access`, so a test can walk every route.
 * Every route also gets the input guard of its class (size, nesting, NUL characters) and refuses
 * query parameters it does not declare.
 */
export function defineRoute<const R extends RouteConfig & { operationId: string }>(access: RouteAccess, config: R): R {
  const existing = config.middleware ? (Array.isArray(config.middleware) ? config.middleware : [config.middleware]) : [];
  const queryNames = queryNamesOf(config);
  return createRoute({
    ...config,
    middleware: [
      guard(access),
      inputGuard(bodyClassOf(config)),
      ...(queryNames ? [unknownQueryGuard(queryNames)] : []),
      ...existing,
    ],
    security: access === 'public' ? [] : [{ cookieAuth: [] }, { bearerAuth: [] }],
    responses: { ...ERROR_RESPONSES, ...config.responses },
    'x-tollgate-access': access,
  } as R);
}

/** The signed-in actor of a guarded route. */
export function actorOf(c: Context<AppEnv>): Actor {
  const actor = c.get('actor');
  if (!actor) throw new AppError('UNAUTHENTICATED', 'sign in first');
  return actor;
}

export function depsOf(c: Context<AppEnv>): AppDeps {
  return c.get('deps');
}

/** `{ content: application/json schema }` for a response or a body. */
export function json<T extends z.ZodType>(schema: T, description = 'OK') {
  return { description, content: { 'application/json': { schema } } } as const;
}

export function jsonBody<T extends z.ZodType>(schema: T) {
  return { body: { required: true, content: { 'application/json': { schema } } } } as const;
}

export const IdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });

/** The `?version=` of a delete: refused with 409 when the record changed since. */
export const VersionQuery = z.object({
  version: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .openapi({ description: 'Refuse with 409 if the record has changed since this version' }),
});

/** The version an update is based on; a stale one is refused with 409. */
export const VersionField = z.number().int().positive().openapi({ description: 'The version this change is based on' });
