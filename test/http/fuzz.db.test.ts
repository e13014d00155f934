import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../support/database.ts';
import { ApiClient, type ApiReply, DEMO_PASSWORD, type TestApp, testApp } from '../support/http.ts';

/**
 * Sends bad input to every write operation of the OpenAPI document, each as a demo account that
 * may call it (a PMO lead decides, an analyst rates, a project manager drafts, the admin runs the
 * installation), and expects a 4xx in the JSON error shape every time (never a 5xx, never a
 * refusal for want of the permission, which would mean the input was never looked at), and a
 * database left as it was.
 *
 * The random bodies come from fast-check with one seed, printed at the start and in a failure:
 * TOLLGATE_FUZZ_SEED=<seed> replays them. To add a kind of bad input, add a probe to PROBES.
 */

/** Who sends the bad input to an operation, by the permission it declares; the admin otherwise. */
const CALLER_BY_PERMISSION: Record<string, string> = {
  'requests.create': 'pm@example.com',
  'requests.read': 'pm@example.com',
  'requests.review': 'pmo.analyst@example.com',
  'requests.rate': 'pmo.analyst@example.com',
  'requests.decide': 'pmo.lead@example.com',
  'drivers.manage': 'pmo.lead@example.com',
  'projects.baseline': 'pmo.lead@example.com',
  'reports.submit': 'pm@example.com',
  'reports.review': 'pmo.analyst@example.com',
  'milestones.manage': 'pm@example.com',
  'raid.manage': 'pm@example.com',
  'raid.guide': 'pmo.lead@example.com',
  'approvals.request': 'pm@example.com',
  'approvals.decide': 'coo@example.com',
};
const DEFAULT_CALLER = 'admin@example.com';

const SEED = process.env.TOLLGATE_FUZZ_SEED ? Number(process.env.TOLLGATE_FUZZ_SEED) : randomInt(2 ** 31);

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
  access: string;
  bodySchema: Schema | null;
  queryNames: string[];
}

/** A signed-in demo account, with the raw cookie and CSRF token for requests built by hand. */
interface Caller {
  email: string;
  client: ApiClient;
  cookie: string;
  csrf: string;
}

interface Doc {
  paths: Record<
    string,
    Record<
      string,
      {
        'x-tollgate-access'?: string;
        requestBody?: { content: Record<string, { schema: Schema }> };
        parameters?: { in: string; name: string }[];
      }
    >
  >;
  components: { schemas: Record<string, Schema> };
}

let database: TestDatabase;
let app: TestApp;
let doc: Doc;
let operations: Operation[];
const callers = new Map<string, Caller>();
/** Real ids for path parameters, of records the operation's caller sees, so bad bodies reach them. */
const realIds = new Map<string, string>();

function callerOf(op: Operation): Caller {
  return callers.get(CALLER_BY_PERMISSION[op.access] ?? DEFAULT_CALLER)!;
}

async function signIn(email: string): Promise<Caller> {
  const client = await ApiClient.signIn(app, email);
  // A second session of the same account for requests built by hand (raw bodies, content types).
  const login = await app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  const pairs = login.headers.getSetCookie().map((c) => c.split(';')[0]!);
  return {
    email,
    client,
    cookie: pairs.join('; '),
    csrf: decodeURIComponent(pairs.find((c) => c.startsWith('tg_csrf='))!.slice('tg_csrf='.length)),
  };
}

async function rows<T = Record<string, unknown>>(query: SQL): Promise<T[]> {
  return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** Failed sign-ins are recorded on purpose (the throttle), so these tables may grow. */
const SIGN_IN_RECORDS = new Set(['login_attempts', 'sign_in_throttle']);

/** Row counts of every table but the sign-in records. */
async function tableCounts(): Promise<Record<string, number>> {
  const tables = await rows<{ table_name: string }>(
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of tables) {
    if (SIGN_IN_RECORDS.has(table_name)) continue;
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
    'project_baselines',
    'initiation_requests',
    'request_comments',
    'request_attachments',
    'request_ratings',
    'driver_sets',
    'allocations',
    'absences',
    'courses',
    'course_requirements',
    'training_records',
    'certifications',
    'mentorships',
    'mentoring_sessions',
    'notifications',
    'notification_preferences',
    'webhooks',
    'calendar_feeds',
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
  const refusedForPermission =
    reply.status === 401 ||
    (reply.status === 403 && Boolean((body?.error as { details?: { permission?: unknown } } | undefined)?.details?.permission));
  if (reply.status < 400 || reply.status >= 500 || !shaped || refusedForPermission) {
    failures.push(`${label} -> ${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`);
  }
}

async function send(op: Operation, path: string, body: unknown, label: string) {
  const caller = callerOf(op);
  check(
    `${caller.email} ${op.method.toUpperCase()} ${path.slice(0, 80)} ${label}`,
    await caller.client.request(op.method.toUpperCase(), path, body),
  );
}

/** Raw text bodies: malformed JSON, or JSON under another content type. */
async function sendRaw(op: Operation, path: string, text: string, contentType: string, label: string) {
  const { cookie, csrf, email } = callerOf(op);
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
  check(`${email} ${op.method.toUpperCase()} ${path.slice(0, 80)} ${label}`, {
    status: res.status,
    body: parsed,
    headers: res.headers,
  });
}

beforeAll(async () => {
  console.log(`fuzz seed ${SEED} (replay: TOLLGATE_FUZZ_SEED=${SEED})`);
  database = await testDatabase({ demo: true });
  app = testApp(database);
  for (const email of new Set([DEFAULT_CALLER, ...Object.values(CALLER_BY_PERMISSION)])) callers.set(email, await signIn(email));
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
        access: op['x-tollgate-access'] ?? 'public',
        bodySchema: schema,
        queryNames: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      });
    }
  }
  // A webhook, so that bad input to the webhook routes reaches a real one (the demo has none).
  const webhook = await callers.get(DEFAULT_CALLER)!.client.post('/api/v1/webhooks', {
    url: 'https://hooks.example.com/fuzz',
    events: ['*'],
  });
  expect(webhook.status, JSON.stringify(webhook.body)).toBe(201);
  // Real ids: the first item the operation's caller sees in each collection the path walks through.
  for (const op of operations) {
    const { client } = callerOf(op);
    let prefix = '';
    for (const seg of op.path.split('/').slice(1)) {
      const param = /^\{(.+)\}$/.exec(seg)?.[1];
      if (param && param !== 'number') {
        const list = await client.get(prefix);
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

/** What a probe needs: the operation, its path with real ids, and a seed of its own. */
interface Target {
  op: Operation;
  real: string;
  schema: Schema | null;
  seed: number;
}

/**
 * The kinds of bad input, each sent to every write operation it applies to. Each sends through
 * `send` (a JSON body) or `sendRaw` (text under any content type), which check the answer.
 */
const PROBES: Record<string, (t: Target) => Promise<void>> = {
  /** Ids that are not ids, ids that name nothing, and SQL in an id. */
  async ids({ op }) {
    if (!op.path.includes('{')) return;
    const body = op.bodySchema ? validValue(op.bodySchema) : undefined;
    await send(op, fillPath(op.path, 'malformed'), body, 'malformed id');
    await send(op, fillPath(op.path, 'random'), body, 'unknown id');
    await send(op, fillPath(op.path, 'malformed').replace(/not-a-uuid/g, "1'; drop table users; --"), undefined, 'sql in id');
  },
  /** Query parameters that are not what they should be. */
  async query({ op, real }) {
    for (const q of op.queryNames) {
      for (const bad of ['abc', '-1', '0', '1.5', '99999999999999999999'])
        await send(op, `${real}?${q}=${encodeURIComponent(bad)}`, undefined, `?${q}=${bad}`);
    }
  },
  /** Malformed JSON text, and JSON sent as text/plain. */
  async malformedJson({ op, real, schema }) {
    if (!schema) return;
    for (const text of ['{"a":', '[1,2', 'nul', '{', '}', '{"a":1}}', '\u0000', '']) {
      await sendRaw(op, real, text, 'application/json', `malformed JSON ${JSON.stringify(text)}`);
    }
    await sendRaw(op, real, JSON.stringify(validValue(schema)).replace(/"[^"]*"/, '1'), 'text/plain', 'text/plain body');
  },
  /** Bodies that are not objects, and the empty object where a field is required. */
  async notObjects({ op, real, schema }) {
    if (!schema) return;
    const bodies: unknown[] = [null, [], 42, 'text', true, ...(schema.required?.length ? [{}] : [])];
    for (const body of bodies) await send(op, real, body, `body ${JSON.stringify(body)}`);
  },
  /** Each field of the wrong type, and each required field missing, the rest valid. */
  async fields({ op, real, schema }) {
    if (!schema) return;
    const valid = validValue(schema) as Record<string, unknown>;
    for (const [name, propSchema] of Object.entries(schema.properties ?? {})) {
      const wrong = wrongType(propSchema);
      if (wrong !== undefined) await send(op, real, { ...valid, [name]: wrong }, `${name} of the wrong type`);
    }
    for (const name of schema.required ?? []) {
      const { [name]: _, ...rest } = valid;
      await send(op, real, rest, `without ${name}`);
    }
  },
  /** Huge strings in every string field, the rest valid (never a 500 from an index), and a 6 MB body. */
  async huge({ op, real, schema }) {
    if (!schema) return;
    const valid = validValue(schema) as Record<string, unknown>;
    const huge = randomBytes(150_000).toString('base64url');
    for (const [name, propSchema] of Object.entries(schema.properties ?? {})) {
      if (types(propSchema).includes('string')) await send(op, real, { ...valid, [name]: huge }, `${name} huge`);
    }
    await sendRaw(op, real, `{"x":"${huge.repeat(30)}"}`, 'application/json', '6 MB body');
  },
  /** U+0000 in each string field, in a key, and escaped in raw JSON: 422 naming the field. */
  async nul({ op, real, schema }) {
    if (!schema) return;
    const valid = validValue(schema) as Record<string, unknown>;
    for (const [name, propSchema] of Object.entries(schema.properties ?? {})) {
      if (types(propSchema).includes('string')) await send(op, real, { ...valid, [name]: `a\u0000b` }, `${name} with NUL`);
    }
    await send(op, real, { ...valid, 'k\u0000': 'x' }, 'NUL in a key');
    await sendRaw(
      op,
      real,
      JSON.stringify({ ...valid, note: 'x' }).replace('"x"', '"\\u0000"'),
      'application/json',
      'escaped NUL',
    );
    await send(op, `${real}?q=%00`, valid, 'NUL in the query');
  },
  /** Nesting far past the limit (200,000 levels) and just past it, and a field no schema knows. */
  async deepAndUnknown({ op, real, schema }) {
    if (!schema) return;
    const valid = validValue(schema) as Record<string, unknown>;
    for (const depth of [33, 200_000]) {
      await sendRaw(op, real, `{"x":${'['.repeat(depth)}${']'.repeat(depth)}}`, 'application/json', `nested ${depth} deep`);
    }
    await send(op, real, { ...valid, fuzzUnknownField: 1 }, 'an unknown field');
  },
  /** The body under content types the route does not take. */
  async contentTypes({ op, real, schema }) {
    if (!schema) return;
    const text = JSON.stringify(validValue(schema));
    for (const type of [
      'text/plain',
      'application/xml',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      await sendRaw(op, real, text, type, `as ${type}`);
    }
  },
  /** A schema-valid body whose ids name nothing: 4xx (a foreign key is never a 500). */
  async unknownForeignIds({ op, real, schema }) {
    if (!schema || !hasUuid(schema)) return;
    const body = validValue(schema) as Record<string, unknown>;
    if ('version' in (schema.properties ?? {}) && op.path.includes('{')) {
      const current = await callerOf(op).client.get(real);
      if (typeof current.body?.version === 'number') body.version = current.body.version;
    }
    await send(op, real, body, 'unknown foreign ids');
  },
  /** Random JSON from fast-check, with one field sure to be of the wrong type. */
  async random({ op, real, schema, seed }) {
    if (!schema) return;
    const props = Object.entries(schema.properties ?? {});
    const typed = props.filter(([, s]) => wrongType(s) !== undefined);
    if (!typed.length) return;
    const valid = validValue(schema) as Record<string, unknown>;
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
      { seed, numRuns: 8 },
    );
    for (const [random, [name, s]] of bodies)
      await send(op, real, { ...valid, ...random, [name]: wrongType(s) }, `random with ${name} wrong`);
  },
};

/**
 * The lists across projects take only query parameters: each is sent values of the wrong kind, SQL,
 * NUL and oversized text, as an account that may call the list. A value the parameter's schema
 * refuses (an enum, a pattern, a uuid, a number) is a 422 naming it; anything else a 200; never a 5xx.
 */
const QUERY_FUZZED = [
  '/api/v1/reporting/due',
  '/api/v1/status-reports',
  '/api/v1/dashboard',
  '/api/v1/dashboard/rag-matrix',
  '/api/v1/dashboard/mismatches',
  '/api/v1/dashboard/late-reports',
];
const BAD_QUERY_VALUES = [
  'abc',
  '-1',
  '0',
  '1.5',
  '99999999999999999999',
  "1'; drop table users; --",
  'a\u0000b',
  'x'.repeat(300),
  '',
];

describe('fuzzing the query of the lists across projects', () => {
  it('answers each bad value with a 422 naming the parameter or a 200, never a 5xx, and changes nothing', async () => {
    const countsBefore = await tableCounts();
    const problems: string[] = [];
    for (const path of QUERY_FUZZED) {
      const op = doc.paths[path]?.get as
        | { 'x-tollgate-access'?: string; parameters?: { in: string; name: string; schema?: Schema }[] }
        | undefined;
      expect(op, `${path} is in the document`).toBeDefined();
      const caller = callers.get(CALLER_BY_PERMISSION[op!['x-tollgate-access'] ?? ''] ?? DEFAULT_CALLER)!;
      const params = (op!.parameters ?? []).filter((p) => p.in === 'query');
      expect(params.length, path).toBeGreaterThan(2);
      for (const param of params) {
        for (const value of BAD_QUERY_VALUES) {
          const reply = await caller.client.get(`${path}?${param.name}=${encodeURIComponent(value)}`);
          const label = `${caller.email} GET ${path}?${param.name}=${JSON.stringify(value.slice(0, 20))} -> ${reply.status}`;
          if (reply.status === 200) continue;
          const body = reply.body as { error?: { code?: unknown; details?: unknown } } | null;
          if (reply.status !== 422 || typeof body?.error?.code !== 'string')
            problems.push(`${label} ${JSON.stringify(body).slice(0, 200)}`);
          else if (!JSON.stringify(body.error.details ?? {}).includes(param.name))
            problems.push(`${label}: does not name ${param.name}`);
        }
      }
      // What the schema refuses is refused, not ignored.
      for (const [name, value] of [
        ['limit', 'abc'],
        ['offset', '-1'],
        ['format', 'pdf'],
        ['state', 'late'],
        ['pmoId', 'not-a-uuid'],
        ['dueState', 'late'],
        ['unknownFilter', 'x'],
      ] as const) {
        if (name !== 'unknownFilter' && !params.some((p) => p.name === name)) continue;
        const reply = await caller.client.get(`${path}?${name}=${value}`);
        if (reply.status !== 422) problems.push(`${caller.email} GET ${path}?${name}=${value} -> ${reply.status}, not 422`);
      }
    }
    expect(problems).toEqual([]);
    expect(await tableCounts()).toEqual(countsBefore);
  }, 120_000);
});

describe('fuzzing every write operation as an account that may call it', () => {
  it('answers bad input with a 4xx JSON error, never a 5xx, and changes nothing', async () => {
    const countsBefore = await tableCounts();
    const digestBefore = await contentDigest();
    expect(operations.length).toBeGreaterThan(10);

    for (const [index, op] of operations.entries()) {
      const target: Target = {
        op,
        real: fillPath(op.path, 'real'),
        schema: op.bodySchema ? resolve(op.bodySchema) : null,
        seed: SEED + index,
      };
      for (const probe of Object.values(PROBES)) await probe(target);
    }

    expect(failures, `replay with TOLLGATE_FUZZ_SEED=${SEED}`).toEqual([]);
    expect(sent).toBeGreaterThan(300);
    expect(await tableCounts(), `replay with TOLLGATE_FUZZ_SEED=${SEED}`).toEqual(countsBefore);
    expect(await contentDigest(), `replay with TOLLGATE_FUZZ_SEED=${SEED}`).toBe(digestBefore);
    // Every caller's session survived all of it.
    for (const caller of callers.values()) expect((await caller.client.get('/api/v1/me')).status, caller.email).toBe(200);
  }, 300_000);

  it('sends each governance operation as an account that may call it, never as the admin', () => {
    const governance = operations.filter((op) => op.access in CALLER_BY_PERMISSION);
    expect(governance.map((op) => `${op.method} ${op.path}`)).toEqual(
      expect.arrayContaining(['post /api/v1/requests/{id}/decision', 'put /api/v1/requests/{id}/ratings']),
    );
    for (const op of governance) expect(callerOf(op).email, `${op.method} ${op.path}`).not.toBe(DEFAULT_CALLER);
  });
});
