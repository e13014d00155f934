import { randomUUID } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/kernel/actor.ts';
import { PERMISSIONS, type Permission, type Role, rolesGranting } from '../../src/kernel/permissions.ts';
import { createUser } from '../../src/modules/auth/index.ts';
import { type TestDatabase, testDatabase } from '../support/database.ts';
import { ApiClient, type TestApp, testApp } from '../support/http.ts';

/**
 * The route-table walk: every operation of the OpenAPI document declares its access, refuses
 * anonymous callers (unless public) and refuses every demo account whose roles do not grant
 * the permission. The guard runs before validation, so an empty body is enough.
 */

const DEMO_ACCOUNTS = [
  'admin@example.com',
  'pmo.lead@example.com',
  'pmo.analyst@example.com',
  'pm@example.com',
  'coo@example.com',
  'cfo@example.com',
  'cto@example.com',
];

interface Operation {
  method: string;
  path: string;
  access: string;
}

interface Account {
  email: string;
  client: ApiClient;
  roles: Role[];
}

let database: TestDatabase;
let app: TestApp;
let operations: Operation[];
const accounts: Account[] = [];

async function rows<T = Record<string, unknown>>(query: SQL): Promise<T[]> {
  return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** Path with every parameter filled: a random uuid, or a plausible value for non-id parameters. */
function fill(path: string): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (name === 'entityType') return 'project';
    if (name === 'number') return '1';
    return randomUUID();
  });
}

function call(client: ApiClient, op: Operation) {
  const path = fill(op.path);
  const method = op.method.toUpperCase();
  return method === 'GET' || method === 'DELETE' ? client.request(method, path) : client.request(method, path, {});
}

/** Row counts of every table, to prove refused calls wrote nothing. */
async function tableCounts(): Promise<Record<string, number>> {
  const tables = await rows<{ table_name: string }>(
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of tables) {
    const [r] = await rows<{ n: unknown }>(sql`select count(*) as n from ${sql.identifier(table_name)}`);
    counts[table_name] = Number(r!.n);
  }
  return counts;
}

beforeAll(async () => {
  database = await testDatabase({ demo: true });
  app = testApp(database);
  const doc = (await (await app.request('/api/openapi.json')).json()) as {
    openapi: string;
    paths: Record<string, Record<string, { 'x-tollgate-access'?: string }>>;
  };
  expect(doc.openapi).toMatch(/^3\.1\./);
  operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ method, path, access: op['x-tollgate-access'] ?? '<missing>' })),
  );

  // A pure viewer: the demo's, or one made here when the demo has none.
  const viewers = await rows<{ email: string }>(sql`
    select u.email from users u join user_roles r on r.user_id = u.id
    where u.active and u.person_id is null
    group by u.id, u.email having bool_and(r.role = 'viewer')
    order by u.email limit 1`);
  let viewerEmail = viewers[0]?.email;
  if (!viewerEmail) {
    viewerEmail = 'walk.viewer@example.com';
    await createUser(database.db, systemActor(), {
      email: viewerEmail,
      displayName: 'Walk Viewer',
      password: 'tollgate-demo',
      roles: ['viewer'],
    });
  }
  // Other role-only accounts of the demo, when it has them.
  const extras = await rows<{ email: string }>(
    sql`select email from users where email in ('resource.manager@example.com', 'team.member@example.com') and active order by email`,
  );
  for (const email of [...DEMO_ACCOUNTS, ...extras.map((e) => e.email).filter((e) => e !== viewerEmail), viewerEmail]) {
    const client = await ApiClient.signIn(app, email);
    const me = await client.get('/api/v1/me');
    expect(me.status).toBe(200);
    accounts.push({ email, client, roles: me.body.roles });
  }
});

afterAll(async () => {
  await database?.close();
});

describe('the route table', () => {
  it('is complete: every operation declares public or a registered permission', () => {
    expect(operations.length).toBeGreaterThan(10);
    const bad = operations.filter((op) => op.access !== 'public' && !(op.access in PERMISSIONS));
    expect(bad).toEqual([]);
    // Only sign-in and the settings the sign-in page needs (currency, version) are public.
    expect(
      operations
        .filter((op) => op.access === 'public')
        .map((op) => `${op.method} ${op.path}`)
        .sort(),
    ).toEqual(['get /api/v1/settings', 'post /api/v1/auth/login']);
  });

  it('has a viewer account whose only role is viewer', () => {
    const viewer = accounts[accounts.length - 1]!;
    expect(viewer.roles).toEqual(['viewer']);
  });

  it('refuses every non-public operation to an anonymous caller with 401', async () => {
    const anonymous = ApiClient.anonymous(app);
    const failures: string[] = [];
    for (const op of operations.filter((o) => o.access !== 'public')) {
      const reply = await call(anonymous, op);
      if (reply.status !== 401 || reply.body?.error?.code !== 'UNAUTHENTICATED') {
        failures.push(`${op.method} ${op.path} -> ${reply.status} ${JSON.stringify(reply.body)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses an unknown bearer token on every non-public operation with 401', async () => {
    const stranger = ApiClient.withToken(app, 'tg_not-a-real-token');
    for (const op of operations.filter((o) => o.access !== 'public')) {
      expect((await call(stranger, op)).status, `${op.method} ${op.path}`).toBe(401);
    }
  });

  it('refuses every account whose roles do not grant the permission, and writes nothing', async () => {
    const before = await tableCounts();
    const failures: string[] = [];
    let refusals = 0;
    for (const op of operations.filter((o) => o.access !== 'public')) {
      const granting = rolesGranting(op.access as Permission);
      for (const account of accounts) {
        if (account.roles.some((r) => granting.includes(r))) continue;
        const reply = await call(account.client, op);
        refusals++;
        const isRecordRoute = op.path.includes('{');
        const ok = reply.status === 403 || (isRecordRoute && reply.status === 404);
        if (!ok || !reply.body?.error?.code) {
          failures.push(
            `${account.email} [${account.roles}] ${op.method} ${op.path} -> ${reply.status} ${JSON.stringify(reply.body)}`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
    // The demo has accounts without the managing permissions, so the walk refused something.
    expect(refusals).toBeGreaterThan(20);
    expect(await tableCounts()).toEqual(before);
  });

  it('lets every account holding the permission read the collections', async () => {
    const failures: string[] = [];
    for (const op of operations.filter((o) => o.method === 'get' && !o.path.includes('{') && o.access !== 'public')) {
      const granting = rolesGranting(op.access as Permission);
      for (const account of accounts.filter((a) => a.roles.some((r) => granting.includes(r)))) {
        const reply = await account.client.get(op.path);
        if (reply.status !== 200)
          failures.push(`${account.email} GET ${op.path} -> ${reply.status} ${JSON.stringify(reply.body)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('every account still has its session (no refused call signed anyone out)', async () => {
    for (const account of accounts) expect((await account.client.get('/api/v1/me')).status, account.email).toBe(200);
  });
});

describe('hidden records', () => {
  it('a project manager lists only the projects they may see; the others answer 404', async () => {
    const all = await rows<{ id: string }>(sql`select id from projects order by id`);
    if (all.length === 0) return; // no projects in the demo yet
    const pm = accounts.find((a) => a.email === 'pm@example.com')!;
    const admin = accounts.find((a) => a.email === 'admin@example.com')!;
    const everything = await admin.client.get('/api/v1/projects?limit=5000');
    expect(everything.status).toBe(200);
    expect(everything.body.items).toHaveLength(all.length);

    const listed = await pm.client.get('/api/v1/projects?limit=5000');
    expect(listed.status).toBe(200);
    const visible = new Set<string>(listed.body.items.map((p: { id: string }) => p.id));
    expect(visible.size).toBeGreaterThan(0);
    const hidden = all.map((p) => p.id).filter((id) => !visible.has(id));
    expect(hidden.length, 'the demo pm should not see every project').toBeGreaterThan(0);

    for (const id of [...visible].slice(0, 3)) {
      expect((await pm.client.get(`/api/v1/projects/${id}`)).status).toBe(200);
      expect((await pm.client.get(`/api/v1/audit/records/project/${id}`)).status).toBe(200);
    }
    const unknown = await pm.client.get(`/api/v1/projects/${randomUUID()}`);
    for (const id of hidden.slice(0, 5)) {
      const reply = await pm.client.get(`/api/v1/projects/${id}`);
      expect(reply.status, id).toBe(404);
      // Indistinguishable from a project that does not exist (apart from the id in the message).
      expect(reply.body.error.code).toBe(unknown.body.error.code);
      expect((await pm.client.get(`/api/v1/audit/records/project/${id}`)).status, id).toBe(404);
    }
  });

  it('a viewer sees no project they have no part in', async () => {
    const viewer = accounts[accounts.length - 1]!;
    const listed = await viewer.client.get('/api/v1/projects?limit=5000');
    expect(listed.status).toBe(200);
    const [anyProject] = await rows<{ id: string }>(sql`select id from projects limit 1`);
    if (!anyProject) return;
    if (!listed.body.items.some((p: { id: string }) => p.id === anyProject.id)) {
      expect((await viewer.client.get(`/api/v1/projects/${anyProject.id}`)).status).toBe(404);
    }
  });

  it("a user sees their own history but not another user's", async () => {
    const pm = accounts.find((a) => a.email === 'pm@example.com')!;
    const admin = accounts.find((a) => a.email === 'admin@example.com')!;
    const pmId = (await pm.client.get('/api/v1/me')).body.userId;
    const adminId = (await admin.client.get('/api/v1/me')).body.userId;
    expect((await pm.client.get(`/api/v1/audit/records/user/${pmId}`)).status).toBe(200);
    expect((await pm.client.get(`/api/v1/audit/records/user/${adminId}`)).status).toBe(404);
    expect((await pm.client.get(`/api/v1/audit/records/no-such-type/${pmId}`)).status).toBe(404);
  });
});
