import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app/http.ts';
import { loadConfig } from '../../src/kernel/config.ts';
import { INPUT_LIMITS } from '../../src/kernel/input.ts';
import { type TestDatabase, testDatabase } from '../support/database.ts';
import { ApiClient, type TestApp, testApp } from '../support/http.ts';

/**
 * The input guard every route passes before its schema: body size by route class, nesting
 * depth, NUL characters anywhere, unknown fields and query parameters, content types; and the
 * headers every response carries.
 */

let database: TestDatabase;
let app: TestApp;
let admin: ApiClient;
let session: { cookie: string; csrf: string };

async function skillCount(): Promise<number> {
  const result = (await database.db.execute(sql`select count(*) as n from skills`)) as unknown as { rows: { n: unknown }[] };
  return Number(result.rows[0]!.n);
}

function fields(body: { error?: { details?: { issues?: { field: string }[] } } }): string[] {
  return (body.error?.details?.issues ?? []).map((i) => i.field);
}

/** A raw request with the admin's session, for bodies and headers the client would not send. */
function raw(path: string, init: RequestInit & { headers?: Record<string, string> }) {
  return app.request(path, {
    ...init,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, ...init.headers },
  });
}

beforeAll(async () => {
  database = await testDatabase({ demo: true });
  app = testApp(database);
  admin = await ApiClient.signIn(app, 'admin@example.com');
  const login = await app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@example.com', password: 'tollgate-demo' }),
  });
  const cookies = login.headers.getSetCookie().map((c) => c.split(';')[0]!);
  session = {
    cookie: cookies.join('; '),
    csrf: decodeURIComponent(cookies.find((c) => c.startsWith('tg_csrf='))!.slice('tg_csrf='.length)),
  };
});

afterAll(async () => {
  await database?.close();
});

describe('NUL characters', () => {
  it('are refused in any string of a JSON body with 422 naming the field, writing nothing', async () => {
    const before = await skillCount();
    const reply = await admin.post('/api/v1/skills', { name: 'Rust\u0000', category: 'Engineering' });
    expect([reply.status, reply.body.error.code, fields(reply.body)]).toEqual([422, 'VALIDATION_FAILED', ['name']]);
    expect(await skillCount()).toBe(before);
  });

  it('are refused in nested values and in keys', async () => {
    const reply = await admin.post('/api/v1/skills', { name: 'Go', 'cat\u0000egory': 'x' });
    expect([reply.status, fields(reply.body)]).toEqual([422, ['cat\\u0000egory']]);
  });

  it('are refused at sign-in, before the password is checked', async () => {
    const reply = await ApiClient.anonymous(app).post('/api/v1/auth/login', {
      email: 'admin@example.com\u0000',
      password: 'tollgate-demo',
    });
    expect([reply.status, fields(reply.body)]).toEqual([422, ['email']]);
  });

  it('are refused in query parameters and in the path', async () => {
    const query = await admin.get('/api/v1/projects?q=%00');
    expect([query.status, fields(query.body)]).toEqual([422, ['q']]);
    const path = await admin.get('/api/v1/audit/records/pro%00ject/x');
    expect([path.status, fields(path.body)]).toEqual([422, ['path']]);
  });
});

describe('body size and nesting', () => {
  it(`refuses a JSON body over ${INPUT_LIMITS.jsonBytes} bytes with 413 and the limit, writing nothing`, async () => {
    const before = await skillCount();
    const body = JSON.stringify({ name: 'Big', description: 'x'.repeat(INPUT_LIMITS.jsonBytes) });
    const reply = await raw('/api/v1/skills', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
      body,
    });
    const json = (await reply.json()) as { error: { code: string; details: { limit: number } } };
    expect([reply.status, json.error.code, json.error.details.limit]).toEqual([413, 'PAYLOAD_TOO_LARGE', INPUT_LIMITS.jsonBytes]);
    expect(await skillCount()).toBe(before);
  });

  it('refuses an oversized body sent without a length (streamed) the same way', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode('{"name":"'));
        if (sent > INPUT_LIMITS.jsonBytes * 2) {
          controller.enqueue(new TextEncoder().encode('"}'));
          controller.close();
          return;
        }
        controller.enqueue(chunk);
        sent += chunk.length;
      },
    });
    const reply = await raw('/api/v1/skills', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      body: stream,
      duplex: 'half',
    } as RequestInit & { headers: Record<string, string> });
    expect(reply.status).toBe(413);
  });

  it('refuses a body nested deeper than the limit with 422, even 200,000 levels deep', async () => {
    for (const depth of [INPUT_LIMITS.jsonDepth + 1, 200_000]) {
      const body = `{"name":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
      const reply = await raw('/api/v1/skills', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const json = (await reply.json()) as { error: { code: string; details: { issues: { field: string; message: string }[] } } };
      expect([reply.status, json.error.details.issues[0]!.field]).toEqual([422, 'body']);
      expect(json.error.details.issues[0]!.message).toMatch(/nested deeper than 32/);
    }
  });

  it('accepts a body just within the nesting limit (and judges it by its schema)', async () => {
    const depth = INPUT_LIMITS.jsonDepth;
    const body = `{"name":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
    const reply = await raw('/api/v1/skills', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const json = (await reply.json()) as { error: { details: { issues: { field: string; message: string }[] } } };
    expect(reply.status).toBe(422);
    expect(json.error.details.issues[0]!.field).toBe('name');
  });
});

describe('uploads', () => {
  it(`refuse a file over the upload class's limit with 413, and a JSON body with 415`, async () => {
    const pm = await ApiClient.signIn(app, 'pm@example.com');
    const draft = await pm.post('/api/v1/requests', { title: 'Upload limits' });
    expect(draft.status).toBe(201);
    const big = await pm.upload(`/api/v1/requests/${draft.body.id}/attachments`, {
      file: { name: 'big.txt', bytes: new Uint8Array(INPUT_LIMITS.uploadBytes + 1).fill(65), type: 'text/plain' },
    });
    expect([big.status, big.body.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const json = await pm.post(`/api/v1/requests/${draft.body.id}/attachments`, { file: 'not a file' });
    expect([json.status, json.body.error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const small = await pm.upload(`/api/v1/requests/${draft.body.id}/attachments`, {
      file: { name: 'notes.txt', bytes: new TextEncoder().encode('plain notes'), type: 'text/plain' },
    });
    expect(small.status).toBe(201);
  });
});

describe('unknown fields and parameters', () => {
  it('refuses a JSON field the route does not know with 422 naming it, writing nothing', async () => {
    const before = await skillCount();
    const reply = await admin.post('/api/v1/skills', { name: 'Kotlin', categroy: 'Engineering' });
    expect([reply.status, fields(reply.body)]).toEqual([422, ['categroy']]);
    expect(reply.body.error.details.issues[0].message).toBe('is not a known field');
    expect(await skillCount()).toBe(before);
  });

  it('refuses a query parameter the route does not declare', async () => {
    const reply = await admin.get('/api/v1/projects?stat=active');
    expect([reply.status, fields(reply.body)]).toEqual([422, ['stat']]);
  });

  it('refuses a body of a content type the route does not accept with 415', async () => {
    const reply = await raw('/api/v1/skills', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{"name":"Elm"}',
    });
    const json = (await reply.json()) as { error: { code: string } };
    expect([reply.status, json.error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
  });

  it('answers malformed JSON with 400', async () => {
    const reply = await raw('/api/v1/skills', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name":',
    });
    expect(reply.status).toBe(400);
  });
});

describe('error logs', () => {
  it('never carry the values of the request that failed', async () => {
    await database.db.execute(
      sql.raw(`CREATE OR REPLACE FUNCTION tg_test_fail_skill() RETURNS trigger LANGUAGE plpgsql AS $$
               BEGIN RAISE EXCEPTION 'injected failure'; END $$`),
    );
    await database.db.execute(
      sql.raw('CREATE TRIGGER tg_test_fail_skill BEFORE INSERT ON skills FOR EACH ROW EXECUTE FUNCTION tg_test_fail_skill()'),
    );
    const logged: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      logged.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : String(a))).join(' '));
    });
    try {
      const reply = await admin.post('/api/v1/skills', { name: 'secret-skill-name-4711', description: 'private words' });
      expect(reply.status).toBe(500);
    } finally {
      spy.mockRestore();
      await database.db.execute(sql.raw('DROP TRIGGER tg_test_fail_skill ON skills'));
    }
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.join('\n')).not.toMatch(/secret-skill-name-4711|private words/);
    expect(logged.join('\n')).toMatch(/SQLSTATE P0001/);
  });
});

describe('security headers', () => {
  let webApp: TestApp;
  let dist: string;

  beforeAll(() => {
    dist = mkdtempSync(join(tmpdir(), 'tollgate-web-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(
      join(dist, 'index.html'),
      '<!doctype html><title>Tollgate</title><script type="module" src="/assets/app.js"></script>',
    );
    writeFileSync(join(dist, 'assets', 'app.js'), 'console.log("app")');
    webApp = createApp({ database, config: { ...loadConfig({}), port: 0 } }, { webDist: dist });
  });

  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  function expectHeaders(headers: Headers) {
    const csp = headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).toMatch(/object-src 'none'/);
    expect(headers.get('x-frame-options')).toBe('DENY');
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('referrer-policy')).toBe('same-origin');
  }

  it('are sent on the app, its pages, its assets, the API, errors and the docs', async () => {
    for (const path of ['/', '/projects/123', '/assets/app.js', '/api/health', '/api/v1/me', '/api/nope', '/api/docs']) {
      const res = await webApp.request(path);
      expectHeaders(res.headers);
      expect(res.headers.get('strict-transport-security'), path).toBeNull();
    }
  });

  it('add HSTS when Tollgate is served over HTTPS', async () => {
    const https = createApp({ database, config: { ...loadConfig({}), port: 0, secureCookies: true } }, { webDist: dist });
    const res = await https.request('/');
    expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
  });

  it('the docs page has no inline script, so it works under the policy', async () => {
    const html = await (await webApp.request('/api/docs')).text();
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
    for (const m of html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
      expect(m[1]).toMatch(/src="/);
      expect(m[2]!.trim()).toBe('');
    }
  });

  it('a folder, an unknown asset or a path out of the web app is a 404, never a 500', async () => {
    for (const path of [
      '/assets/',
      '/assets',
      '/assets/missing.js',
      '/assets/../../package.json',
      '/assets/%2e%2e/%2e%2e/package.json',
    ]) {
      const res = await webApp.request(path);
      expect([path, res.status === 404 || res.status === 200 ? 'ok' : res.status]).toEqual([path, 'ok']);
      if (res.status === 200) expect(await res.text()).toContain('<!doctype html>');
    }
    expect((await webApp.request('/assets/')).status).toBe(404);
    expect((await webApp.request('/assets/app.js')).status).toBe(200);
  });
});
