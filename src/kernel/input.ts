import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError, type FieldIssue, validationFailed } from './errors.ts';

/**
 * The limits every route's input is held to, by route class. A route declares its class by the
 * body it accepts: JSON bodies are small; uploads (multipart) carry one file of up to 10 MiB.
 * Published in the OpenAPI description and the README.
 */
export const INPUT_LIMITS = {
  /** Bytes of a JSON body, and of any body sent to a route that declares none. */
  jsonBytes: 1024 * 1024,
  /** Bytes of a multipart upload: one file of 10 MiB and room for its envelope. */
  uploadBytes: 10 * 1024 * 1024 + 64 * 1024,
  /** Nesting of arrays and objects in a JSON body. */
  jsonDepth: 32,
} as const;

export type BodyClass = 'json' | 'upload';

function tooLarge(limit: number, what: string): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `the ${what} is larger than the limit of ${limit} bytes`, { limit });
}

/**
 * The nesting depth of a JSON text, counted without parsing it, so that a body nested 200,000
 * levels deep is refused before JSON.parse builds it. Brackets inside strings do not count.
 */
export function jsonDepth(text: string, stopAbove = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c)
        i++; // backslash: skip the escaped character
      else if (ch === 0x22) inString = false;
      continue;
    }
    if (ch === 0x22) inString = true;
    else if (ch === 0x5b || ch === 0x7b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > stopAbove) return deepest;
      }
    } else if (ch === 0x5d || ch === 0x7d) depth--;
  }
  return deepest;
}

/** How a field is named in an error: its path, with control characters shown escaped. */
function fieldName(path: readonly (string | number)[], fallback: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: show a NUL in a key as \u0000
  return path.length ? path.map((p) => String(p).replace(/\u0000/g, '\\u0000')).join('.') : fallback;
}

/** The path of every string (value or key) in a parsed JSON value that holds U+0000. */
export function fieldsWithNul(value: unknown, path: (string | number)[] = [], found: string[] = []): string[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push(fieldName(path, 'body'));
  } else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) fieldsWithNul(item, [...path, i], found);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000')) found.push(fieldName([...path, key], 'body'));
      else fieldsWithNul(item, [...path, key], found);
    }
  }
  return found;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The fields of a JSON body that its schema does not know: zod drops unknown keys from what it
 * parses, so every key of the input missing from the output is one. Where the schema turned a
 * value into something else (a transform), that value is not compared.
 */
export function unknownFields(raw: unknown, parsed: unknown, path: (string | number)[] = [], found: string[] = []): string[] {
  if (isPlainObject(raw) && isPlainObject(parsed)) {
    for (const key of Object.keys(raw)) {
      if (!Object.hasOwn(parsed, key)) found.push(fieldName([...path, key], 'body'));
      else unknownFields(raw[key], parsed[key], [...path, key], found);
    }
  } else if (Array.isArray(raw) && Array.isArray(parsed) && raw.length === parsed.length) {
    for (const [i, item] of raw.entries()) unknownFields(item, parsed[i], [...path, i], found);
  }
  return found;
}

const NUL_MESSAGE = 'must not contain the NUL character (U+0000)';

function refuseNul(fields: string[]): void {
  if (fields.length) throw validationFailed(fields.map((field): FieldIssue => ({ field, message: NUL_MESSAGE })));
}

const JSON_TYPE = /^application\/([\w.-]+\+)?json\b/i;

/**
 * What every route checks before its schema: the body's size for its class (413), and for JSON
 * the nesting depth (422) and NUL characters in any string or key (422 naming the field); NUL in
 * the path or a query parameter is refused the same way. PostgreSQL cannot store U+0000 in text,
 * so it is refused at the door, once, for every string the API accepts.
 */
export function inputGuard(bodyClass: BodyClass): MiddlewareHandler {
  const limit = bodyClass === 'upload' ? INPUT_LIMITS.uploadBytes : INPUT_LIMITS.jsonBytes;
  const sizeLimit = bodyLimit({
    maxSize: limit,
    onError: () => {
      throw tooLarge(limit, bodyClass === 'upload' ? 'upload' : 'request body');
    },
  });
  return async (c, next) => {
    if (/%00/.test(new URL(c.req.url).pathname)) refuseNul(['path']);
    const queryNul: string[] = [];
    for (const [key, values] of Object.entries(c.req.queries())) {
      if (key.includes('\u0000') || values.some((v) => v.includes('\u0000'))) queryNul.push(fieldName([key], 'query'));
    }
    refuseNul(queryNul);
    await sizeLimit(c, async () => {
      if (bodyClass === 'json' && c.req.raw.body && JSON_TYPE.test(c.req.header('content-type') ?? '')) {
        const text = await c.req.text();
        if (text.length > limit) throw tooLarge(limit, 'request body');
        if (jsonDepth(text, INPUT_LIMITS.jsonDepth) > INPUT_LIMITS.jsonDepth) {
          throw validationFailed([{ field: 'body', message: `is nested deeper than ${INPUT_LIMITS.jsonDepth} levels` }]);
        }
        let parsed: unknown;
        try {
          parsed = text.trim() === '' ? undefined : JSON.parse(text);
        } catch (err) {
          throw new AppError('BAD_REQUEST', `malformed JSON: ${(err as Error).message}`);
        }
        if (parsed !== undefined) refuseNul(fieldsWithNul(parsed));
      }
      await next();
    });
  };
}

/** Query parameters the route does not declare: refused like unknown body fields. */
export function unknownQueryGuard(known: readonly string[]): MiddlewareHandler {
  const allowed = new Set(known);
  return async (c, next) => {
    const extra = Object.keys(c.req.queries()).filter((key) => !allowed.has(key));
    if (extra.length) {
      throw validationFailed(
        extra.map((key) => ({ field: fieldName([key], 'query'), message: 'is not a known query parameter' })),
      );
    }
    await next();
  };
}
