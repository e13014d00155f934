import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERSION } from '../../src/kernel/config.ts';
import { PERMISSIONS } from '../../src/kernel/permissions.ts';
import { type TestDatabase, testDatabase } from '../support/database.ts';
import { ApiClient, type TestApp, testApp } from '../support/http.ts';

let database: TestDatabase;
let app: TestApp;

beforeAll(async () => {
  database = await testDatabase();
  app = testApp(database);
});

afterAll(async () => {
  await database?.close();
});

describe('GET /api/health', () => {
  it('answers status, database kind and version without sign-in', async () => {
    const res = await app.request('/api/health');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toEqual({
      status: 'ok',
      database: process.env.TG_TEST_DB === 'postgres' ? 'postgres' : 'pglite',
      version: VERSION,
    });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3.1 document of every route, each declaring its access', async () => {
    const res = await app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      info: { title: string; version: string };
      paths: Record<
        string,
        Record<string, { 'x-tollgate-access'?: string; responses: Record<string, unknown>; operationId?: string }>
      >;
      components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.version).toBe(VERSION);
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['bearerAuth', 'cookieAuth']);
    expect(doc.components.schemas.Error).toBeDefined();
    const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({ path, method, op })),
    );
    expect(operations.length).toBeGreaterThan(10);
    for (const { path, method, op } of operations) {
      const access = op['x-tollgate-access'];
      expect(access === 'public' || (access !== undefined && access in PERMISSIONS), `${method} ${path}: ${access}`).toBe(true);
      expect(
        Object.keys(op.responses).some((s) => s.startsWith('2')),
        `${method} ${path} documents success`,
      ).toBe(true);
      expect(path.startsWith('/api/v1/'), path).toBe(true);
      expect(op.operationId, `${method} ${path} has an operationId`).toMatch(/^[a-z][A-Za-z]+$/);
    }
    // Client generators name their functions from operationIds: each is used once.
    const ids = operations.map(({ op }) => op.operationId);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    // The fixed paths of DESIGN.md are there.
    for (const [method, path] of [
      ['post', '/api/v1/auth/login'],
      ['post', '/api/v1/auth/logout'],
      ['post', '/api/v1/auth/tokens'],
      ['get', '/api/v1/me'],
      ['get', '/api/v1/audit/verify'],
    ] as const) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
  });
});

describe('GET /api/docs', () => {
  it('is an HTML page that loads Swagger UI from local assets, which all answer', async () => {
    const res = await app.request('/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain('/api/openapi.json');
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
    expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
    for (const asset of assets) {
      expect(asset.startsWith('/'), `${asset} is served locally, not from a CDN`).toBe(true);
      const r = await app.request(asset);
      expect(r.status, asset).toBe(200);
      expect((await r.arrayBuffer()).byteLength, asset).toBeGreaterThan(100);
    }
    expect((await app.request('/api/docs/assets/../../package.json')).status).toBe(404);
    expect((await app.request('/api/docs/assets/index.html')).status).toBe(404);
  });
});

describe('errors', () => {
  it('an unknown /api route answers 404 in the JSON error shape', async () => {
    for (const path of ['/api/nope', '/api/v1/nope', '/api/v1/users/x/y/z']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code, path).toBe('NOT_FOUND');
      expect(typeof body.error.message).toBe('string');
    }
  });

  it('a malformed JSON body answers 400 in the JSON error shape', async () => {
    const res = await app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email": "admin@example.com", "password": ',
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('BAD_REQUEST');
    expect(body.error.message).toBeTruthy();
  });

  it('a body of the wrong shape answers 422 naming the fields', async () => {
    const res = await ApiClient.anonymous(app).post('/api/v1/auth/login', { email: 42 });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const fields = res.body.error.details.issues.map((i: { field: string }) => i.field).sort();
    expect(fields).toEqual(['email', 'password']);
  });

  it('a guarded route without sign-in answers 401 UNAUTHENTICATED', async () => {
    const res = await ApiClient.anonymous(app).get('/api/v1/users');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.any(String) } });
  });
});
