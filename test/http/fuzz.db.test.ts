import { randomBytes, randomUUID } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../support/database.ts';
import { ApiClient, type ApiReply, DEMO_PASSWORD, type TestApp, testApp } from '../support/http.ts';

/**
 * Sends bad input to every write operation of the OpenAPI document, as the admin, and expects
 * a 4xx in the JSON error shape every time (never a 5xx), and a database left as it was.
 */

type Schema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  pattern?: string;
  additionalProperties?: Schema | boolean;
};

interface Operation {
  method: string;
  path: string;
  bodySchema: Schema | null;
  queryNames: string[];
}

interface Doc {
  paths: Record<
    string,
    Record<string, { requestBody?: { content: Record<string, { schema: Schema }> }; parameters?: { in: string; name: string }[] }>
  >;
  components: { schemas: Record<string, Schema> };
}

let database: TestDatabase;
let app: TestApp;
let admin: ApiClient;
/** A second session of the admin, for requests built by hand. */
let rawSession: { cookie: string; csrf: string };
let doc: Doc;
let operations: Operation[];
/** Real ids for path parameters, so bad bodies reach records that exist. */
const realIds = new Map<string, string>();

async function rows<T = Record<string, unknown>>(query: SQL): Promise<T[]> {
  return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** Row counts of every table. Failed sign-ins are recorded on purpose, so login_attempts is left out. */
async function tableCounts(): Promise<Record<string, number>> {
  const tables = await rows<{ table_name: string }>(
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of tables) {
    if (table_name === 'login_attempts') continue;
    const [r] = await rows<{ n: unknown }>(sql`select count(*) as n from ${sql.identifier(table_name)}`);
    counts[table_name] = Number(r!.n);
  }
  return counts;
}

/** A digest of every row of the tables a write could change, to catch edits too. */
async function contentDigest(): Promise<string> {
  const parts: string[] = [];
  for (const table of [
    'users',
    'user_roles',
    'api_tokens',
    'org_units',
    'people',
    'person_skills',
    'skills',
    'pmos',
    'pmo_members',
    'pmo_scope',
    'executive_positions',
    'delegation_thresholds',
    'portfolios',
    'project_types',
    'standard_versions',
    'projects',
    'project_members',
    'audit_events',
    'audit_chain_heads',
  ]) {
    const exists = await rows(
      sql`select 1 from information_schema.tables where table_schema = 'public' and table_name = ${table}`,
    );
    if (!exists.length) continue;
    const [r] = await rows<{ d: string | null }>(
      sql`select md5(string_agg(t::text, '|' order by t::text)) as d from ${sql.identifier(table)} t`,
    );
    parts.push(`${table}:${r!.d}`);
  }
  return parts.join('\n');
}

function resolve(schema: Schema | undefined): Schema {
  let s = schema ?? {};
  while (s.$ref) s = doc.components.schemas[s.$ref.split('/').pop()!] ?? {};
  if (s.allOf?.length === 1) return resolve(s.allOf[0]);
  return s;
}

function types(schema: Schema): string[] {
  const s = resolve(schema);
  if (s.anyOf || s.oneOf) return (s.anyOf ?? s.oneOf)!.flatMap((x) => types(x));
  if (s.enum) return [typeof s.enum[0]];
  if (Array.isArray(s.type)) return s.type;
  return s.type ? [s.type] : [];
}

/** A value of the wrong JSON type for the schema (undefined when the schema accepts anything). */
function wrongType(schema: Schema): unknown {
  const t = types(schema).filter((x) => x !== 'null');
  if (t.length === 0) return undefined;
  if (t.includes('string')) return t.includes('number') || t.includes('integer') ? { not: 'a string' } : 12345;
  if (t.includes('integer') || t.includes('number')) return 'not a number';
  if (t.includes('boolean')) return 'yes';
  if (t.includes('array')) return { not: 'an array' };
  if (t.includes('object')) return ['not', 'an', 'object'];
  return undefined;
}

/** A value the schema accepts; every uuid is a fresh random one, so it names nothing. */
function validValue(schema: Schema, depth = 0): unknown {
  const s = resolve(schema);
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return validValue(variants.find((v) => !types(v).includes('null') || types(v).length > 1) ?? variants[0]!, depth);
  if (s.enum) return s.enum[0];
  const t = (Array.isArray(s.type) ? s.type.filter((x) => x !== 'null')[0] : s.type) ?? (s.properties ? 'object' : 'string');
  switch (t) {
    case 'string': {
      if (s.format === 'uuid') return randomUUID();
      if (s.format === 'email') return `fuzz.${randomBytes(3).toString('hex')}@example.com`;
      if (s.format === 'date') return '2026-03-31';
      if (s.format === 'date-time') return '2026-03-31T10:00:00.000Z';
      const length = Math.max(s.minLength ?? 1, Math.min(8, s.maxLength ?? 8));
      return `F${randomBytes(8).toString('hex')}`.slice(0, length).padEnd(length, 'x');
    }
    case 'integer':
    case 'number': {
      const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
      return s.maximum !== undefined ? Math.min(min, s.maximum) : min;
    }
    case 'boolean':
      return true;
    case 'array':
      return depth > 4 ? [] : Array.from({ length: s.minItems ?? 1 }, () => validValue(s.items ?? {}, depth + 1));
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) out[k] = validValue(v, depth + 1);
      return out;
    }
    default:
      return null;
  }
}

function hasUuid(schema: Schema, depth = 0): boolean {
  const s = resolve(schema);
  if (depth > 6) return false;
  if (s.format === 'uuid') return true;
  if ((s.anyOf ?? s.oneOf)?.some((v) => hasUuid(v, depth + 1))) return true;
  if (s.items && hasUuid(s.items, depth + 1)) return true;
  return Object.values(s.properties ?? {}).some((v) => hasUuid(v, depth + 1));
}

function fillPath(path: string, mode: 'real' | 'random' | 'malformed'): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (name === 'number') return mode === 'malformed' ? 'one' : '1';
    if (mode === 'malformed') return 'not-a-uuid';
    if (mode === 'random') return randomUUID();
    return realIds.get(`${path}:${name}`) ?? randomUUID();
  });
}

const failures: string[] = [];
let sent = 0;

function check(label: string, reply: ApiReply) {
  sent++;
  const body = reply.body as { error?: { code?: unknown; message?: unknown } } | null;
  const shaped =
    body &&
    typeof body === 'object' &&
    body.error &&
    typeof body.error.code === 'string' &&
    typeof body.error.message === 'string';
  if (reply.status < 400 || reply.status >= 500 || !shaped) {
    failures.push(`${label} -> ${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`);
  }
}

async function send(op: Operation, path: string, body: unknown, label: string) {
  check(`${op.method.toUpperCase()} ${path.slice(0, 80)} ${label}`, await admin.request(op.method.toUpperCase(), path, body));
}

/** Raw text bodies: malformed JSON, or JSON under another content type. */
async function sendRaw(op: Operation, path: string, text: string, contentType: string, label: string) {
  const { cookie, csrf } = rawSession;
  const res = await app.request(path, {
    method: op.method.toUpperCase(),
    headers: { 'content-type': contentType, cookie, 'x-csrf-token': csrf },
    body: text,
  });
  const raw = await res.text();
  let parsed: unknown = raw;
  try {
    parsed = JSON.parse(raw);
  } catch {
    /* not JSON */
  }
  check(`${op.method.toUpperCase()} ${path.slice(0, 80)} ${label}`, { status: res.status, body: parsed, headers: res.headers });
}

beforeAll(async () => {
  database = await testDatabase({ demo: true });
  app = testApp(database);
  admin = await ApiClient.signIn(app, 'admin@example.com');
  const login = await app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@example.com', password: DEMO_PASSWORD }),
  });
  const pairs = login.headers.getSetCookie().map((c) => c.split(';')[0]!);
  rawSession = {
    cookie: pairs.join('; '),
    csrf: decodeURIComponent(pairs.find((c) => c.startsWith('tg_csrf='))!.slice('tg_csrf='.length)),
  };
  doc = (await (await app.request('/api/openapi.json')).json()) as Doc;
  operations = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (method === 'get') continue;
      // Signing out is not bad input; it would end the fuzzer's own session.
      if (path === '/api/v1/auth/logout') continue;
      const schema = op.requestBody?.content['application/json']?.schema ?? null;
      operations.push({
        method,
        path,
        bodySchema: schema,
        queryNames: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      });
    }
  }
  // Real ids: the first item of each collection the path walks through.
  for (const op of operations) {
    const segments = op.path.split('/');
    let prefix = '';
    for (const seg of segments.slice(1)) {
      const param = /^\{(.+)\}$/.exec(seg)?.[1];
      if (param && param !== 'number') {
        const list = await admin.get(prefix);
        const id = list.status === 200 ? list.body?.items?.[0]?.id : undefined;
        const value = typeof id === 'string' ? id : randomUUID();
        realIds.set(`${op.path}:${param}`, value);
        prefix += `/${value}`;
      } else prefix += `/${param === 'number' ? '1' : seg}`;
    }
  }
});

afterAll(async () => {
  await database?.close();
});

describe('fuzzing every write operation as the admin', () => {
  it('answers bad input with a 4xx JSON error, never a 5xx, and changes nothing', async () => {
    const countsBefore = await tableCounts();
    const digestBefore = await contentDigest();
    const started = Date.now();
    expect(operations.length).toBeGreaterThan(10);

    for (const op of operations) {
      const real = fillPath(op.path, 'real');
      const hasParams = op.path.includes('{');
      if (hasParams) {
        // Ids that are not ids, and ids that name nothing.
        await send(op, fillPath(op.path, 'malformed'), op.bodySchema ? validValue(op.bodySchema) : undefined, 'malformed id');
        await send(op, fillPath(op.path, 'random'), op.bodySchema ? validValue(op.bodySchema) : undefined, 'unknown id');
        await send(op, fillPath(op.path, 'malformed').replace(/not-a-uuid/g, "1'; drop table users; --"), undefined, 'sql in id');
      }
      for (const q of op.queryNames) {
        for (const bad of ['abc', '-1', '0', '1.5', '99999999999999999999'])
          await send(op, `${real}?${q}=${encodeURIComponent(bad)}`, undefined, `?${q}=${bad}`);
      }
      if (!op.bodySchema) continue;

      // Malformed JSON text and bodies that are not objects.
      for (const text of ['{"a":', '[1,2', 'nul', '{', '}', '{"a":1}}', '\u0000', '']) {
        await sendRaw(op, real, text, 'application/json', `malformed JSON ${JSON.stringify(text)}`);
      }
      await sendRaw(op, real, JSON.stringify(validValue(op.bodySchema)).replace(/"[^"]*"/, '1'), 'text/plain', 'text/plain body');
      for (const body of [null, [], 42, 'text', true, {}]) await send(op, real, body, `body ${JSON.stringify(body)}`);

      const schema = resolve(op.bodySchema);
      const props = Object.entries(schema.properties ?? {});
      const valid = validValue(schema) as Record<string, unknown>;
      // Each field of the wrong type, and each required field missing, the rest valid.
      for (const [name, propSchema] of props) {
        const wrong = wrongType(propSchema);
        if (wrong !== undefined) await send(op, real, { ...valid, [name]: wrong }, `${name} of the wrong type`);
      }
      for (const name of schema.required ?? []) {
        const { [name]: _, ...rest } = valid;
        await send(op, real, rest, `without ${name}`);
      }
      // Huge strings in every string field, the rest valid: refused, never a 500 from an index.
      const huge = randomBytes(150_000).toString('base64url');
      for (const [name, propSchema] of props) {
        if (types(propSchema).includes('string')) await send(op, real, { ...valid, [name]: huge }, `${name} huge`);
      }
      await sendRaw(op, real, `{"x":"${huge.repeat(30)}"}`, 'application/json', '6 MB body');
      // A schema-valid body whose ids name nothing: 4xx (a foreign key is never a 500).
      if (hasUuid(schema)) {
        const withVersion = { ...valid };
        if ('version' in (schema.properties ?? {}) && hasParams) {
          const current = await admin.get(real);
          if (typeof current.body?.version === 'number') withVersion.version = current.body.version;
        }
        await send(op, real, withVersion, 'unknown foreign ids');
      }
      // Random JSON, with one field sure to be of the wrong type.
      const typed = props.filter(([, s]) => wrongType(s) !== undefined);
      if (typed.length) {
        const bodies = fc.sample(
          fc.tuple(
            fc.dictionary(
              fc.oneof(fc.constantFrom(...props.map(([n]) => n)), fc.string({ maxLength: 6 })),
              fc.jsonValue({ maxDepth: 2 }),
              {
                maxKeys: 6,
              },
            ),
            fc.constantFrom(...typed),
          ),
          8,
        );
        for (const [random, [name, s]] of bodies)
          await send(op, real, { ...valid, ...random, [name]: wrongType(s) }, `random with ${name} wrong`);
      }
    }

    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(300);
    expect(await tableCounts()).toEqual(countsBefore);
    expect(await contentDigest()).toBe(digestBefore);
    expect(Date.now() - started).toBeLessThan(60_000);
    // The admin's session survived all of it.
    expect((await admin.get('/api/v1/me')).status).toBe(200);
  }, 120_000);
});
