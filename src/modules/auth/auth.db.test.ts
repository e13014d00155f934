import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../../test/support/database.ts';
import { ApiClient, type TestApp, testApp } from '../../../test/support/http.ts';
import { systemActor } from '../../kernel/actor.ts';
import type { Role } from '../../kernel/permissions.ts';
import { verifyAuditTrail } from '../audit/index.ts';
import { createUser } from './index.ts';

const PASSWORD = 'correct-horse-battery';

let database: TestDatabase;
let app: TestApp;

async function rows<T = Record<string, unknown>>(query: SQL): Promise<T[]> {
  return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

async function count(query: SQL): Promise<number> {
  const [row] = await rows<{ n: unknown }>(query);
  return Number(row?.n ?? 0);
}

let serial = 0;
/** A fresh account, so the rate limit and sessions of one test never touch another. */
async function makeUser(roles: Role[] = [], password = PASSWORD) {
  serial++;
  const email = `user${serial}.${Date.now()}@example.com`;
  const user = await createUser(database.db, systemActor(), { email, displayName: `User ${serial}`, password, roles });
  return { ...user, email, password };
}

function eventsOf(userId: string, action: string) {
  return count(
    sql`select count(*) as n from audit_events where entity_type = 'user' and entity_id = ${userId} and action = ${action}`,
  );
}

/** Signs in without ApiClient, to handle the cookies by hand. */
async function rawLogin(email: string, password: string): Promise<{ cookie: string; csrf: string }> {
  const res = await app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(res.status).toBe(200);
  const pairs = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const csrf = decodeURIComponent(pairs.find((c) => c.startsWith('tg_csrf='))!.slice('tg_csrf='.length));
  return { cookie: pairs.join('; '), csrf };
}

function issueFields(body: { error?: { details?: { issues?: { field: string }[] } } }): string[] {
  return (body.error?.details?.issues ?? []).map((i) => i.field);
}

beforeAll(async () => {
  database = await testDatabase();
  app = testApp(database);
});

afterAll(async () => {
  await database?.close();
});

describe('sign-in', () => {
  it('sets an HttpOnly SameSite=Lax session cookie and a readable CSRF cookie', async () => {
    const user = await makeUser();
    const res = await app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.email, password: user.password }),
    });
    expect(res.status).toBe(200);
    const cookies = res.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith('tg_session='));
    const csrf = cookies.find((c) => c.startsWith('tg_csrf='));
    expect(session).toBeDefined();
    expect(session).toMatch(/;\s*HttpOnly/i);
    expect(session).toMatch(/;\s*SameSite=Lax/i);
    expect(session).toMatch(/;\s*Path=\//i);
    expect(csrf).toBeDefined();
    expect(csrf).not.toMatch(/HttpOnly/i);
    expect(csrf).toMatch(/;\s*SameSite=Lax/i);
    const body = (await res.json()) as { me: { email: string; roles: string[] }; csrfToken: string };
    expect(body.me.email).toBe(user.email);
    expect(body.me.roles).toEqual(['viewer']);
    expect(decodeURIComponent(csrf!.split(';')[0]!.slice('tg_csrf='.length))).toBe(body.csrfToken);
    // The cookie carries a random token; the server keeps only its hash.
    const token = decodeURIComponent(session!.split(';')[0]!.slice('tg_session='.length));
    expect(await count(sql`select count(*) as n from sessions where id = ${token}`)).toBe(0);
    expect(await count(sql`select count(*) as n from sessions where user_id = ${user.id}`)).toBe(1);
    expect(await eventsOf(user.id, 'user.signed_in')).toBe(1);
  });

  it('accepts the e-mail in any case and with spaces around it', async () => {
    const user = await makeUser();
    const client = new ApiClient(app);
    const res = await client.post('/api/v1/auth/login', { email: `  ${user.email.toUpperCase()} `, password: user.password });
    expect(res.status).toBe(200);
  });

  it('stores the password as argon2id, never in plain text', async () => {
    const user = await makeUser();
    const [row] = await rows<{ password_hash: string }>(sql`select password_hash from users where id = ${user.id}`);
    expect(row!.password_hash.startsWith('$argon2id$')).toBe(true);
    expect(row!.password_hash).not.toContain(user.password);
    const dump = JSON.stringify(await rows(sql`select * from users where id = ${user.id}`));
    expect(dump).not.toContain(user.password);
    const audit = JSON.stringify(await rows(sql`select before, after from audit_events where entity_id = ${user.id}`));
    expect(audit).not.toContain(user.password);
    expect(audit).not.toContain('$argon2id$');
  });

  it('refuses a wrong password with 401 INVALID_CREDENTIALS, and an unknown e-mail the same way', async () => {
    const user = await makeUser();
    const client = ApiClient.anonymous(app);
    const wrong = await client.post('/api/v1/auth/login', { email: user.email, password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
    expect(wrong.headers.getSetCookie()).toEqual([]);
    const unknown = await client.post('/api/v1/auth/login', { email: 'nobody@example.com', password: 'whatever-it-is' });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error).toEqual(wrong.body.error);
  });

  it('after 5 failures makes the next attempt from that client wait (429 with Retry-After), without touching other accounts', async () => {
    const user = await makeUser();
    const client = ApiClient.anonymous(app);
    for (let i = 0; i < 5; i++) {
      const r = await client.post('/api/v1/auth/login', { email: user.email, password: `wrong-${i}` });
      expect(r.status).toBe(401);
    }
    const sixth = await client.post('/api/v1/auth/login', { email: user.email, password: user.password });
    expect(sixth.status).toBe(429);
    expect(sixth.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    const retryAfter = Number(sixth.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    // A wait of 2^5 seconds, not a lock-out (auth.throttle.db.test.ts covers the rest).
    expect(retryAfter).toBeLessThanOrEqual(32);
    expect(sixth.body.error.details.retryAfterSeconds).toBe(retryAfter);
    expect(await count(sql`select count(*) as n from sessions where user_id = ${user.id}`)).toBe(0);
    // Another account is not affected.
    const other = await makeUser();
    expect((await client.post('/api/v1/auth/login', { email: other.email, password: other.password })).status).toBe(200);
  });

  it('refuses an inactive account like a wrong password', async () => {
    const admin = await makeUser(['admin']);
    const user = await makeUser();
    const adminClient = await ApiClient.signIn(app, admin.email, admin.password);
    const userClient = await ApiClient.signIn(app, user.email, user.password);
    const off = await adminClient.patch(`/api/v1/users/${user.id}`, { version: user.version, active: false });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect((await userClient.get('/api/v1/me')).status).toBe(401);
    const again = await ApiClient.anonymous(app).post('/api/v1/auth/login', { email: user.email, password: user.password });
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('answers /me with 401 without a session and with the caller with one', async () => {
    expect((await ApiClient.anonymous(app).get('/api/v1/me')).status).toBe(401);
    const user = await makeUser(['project_manager']);
    const client = await ApiClient.signIn(app, user.email, user.password);
    const me = await client.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ userId: user.id, email: user.email, roles: ['project_manager'] });
    expect(me.body.permissions).toContain('projects.read');
    expect(me.body.permissions).not.toContain('users.manage');
  });

  it('ignores a forged session cookie', async () => {
    const res = await app.request('/api/v1/me', { headers: { cookie: 'tg_session=forged' } });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
  });
});

describe('signing in again', () => {
  it('works with a live session cookie and no CSRF header, and replaces the old session', async () => {
    const user = await makeUser();
    const old = await rawLogin(user.email, user.password);
    // A stale tab: the cookie is still there, the CSRF token the page had is not.
    const res = await app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: old.cookie },
      body: JSON.stringify({ email: user.email, password: user.password }),
    });
    expect(res.status).toBe(200);
    const fresh = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .join('; ');
    expect((await app.request('/api/v1/me', { headers: { cookie: old.cookie } })).status).toBe(401);
    expect((await app.request('/api/v1/me', { headers: { cookie: fresh } })).status).toBe(200);
    expect(await count(sql`select count(*) as n from sessions where user_id = ${user.id}`)).toBe(1);
  });

  it('as someone else in the same browser signs the first account out there, audited', async () => {
    const first = await makeUser();
    const second = await makeUser();
    const old = await rawLogin(first.email, first.password);
    const res = await app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: old.cookie, 'x-csrf-token': 'left-over-from-another-tab' },
      body: JSON.stringify({ email: second.email, password: second.password }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { me: { email: string } }).me.email).toBe(second.email);
    expect(await count(sql`select count(*) as n from sessions where user_id = ${first.id}`)).toBe(0);
    expect(await eventsOf(first.id, 'user.signed_out')).toBe(1);
  });

  it('with a wrong password leaves the old session alone', async () => {
    const user = await makeUser();
    const old = await rawLogin(user.email, user.password);
    const res = await app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: old.cookie },
      body: JSON.stringify({ email: user.email, password: 'not-the-password' }),
    });
    expect(res.status).toBe(401);
    expect((await app.request('/api/v1/me', { headers: { cookie: old.cookie } })).status).toBe(200);
  });

  it('works with a revoked API token still in the Authorization header', async () => {
    const user = await makeUser();
    const res = await app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer tg_revoked-long-ago' },
      body: JSON.stringify({ email: user.email, password: user.password }),
    });
    expect(res.status).toBe(200);
  });
});

describe('CSRF', () => {
  it('refuses a cookie-authenticated write without X-CSRF-Token with 403 CSRF_FAILED, writing nothing', async () => {
    const user = await makeUser();
    const client = await ApiClient.signIn(app, user.email, user.password);
    const eventsBefore = await count(sql`select count(*) as n from audit_events`);
    const bare = client.withoutCsrf();
    const res = await bare.post('/api/v1/auth/tokens', { name: 'sneaky' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('CSRF_FAILED');
    expect(await count(sql`select count(*) as n from api_tokens where user_id = ${user.id}`)).toBe(0);
    expect(await count(sql`select count(*) as n from audit_events`)).toBe(eventsBefore);
    // A wrong token is no better, and a read needs none.
    const { cookie, csrf } = await rawLogin(user.email, user.password);
    const wrong = await app.request('/api/v1/auth/tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': `${csrf}x` },
      body: JSON.stringify({ name: 'sneaky' }),
    });
    expect(wrong.status).toBe(403);
    expect(await count(sql`select count(*) as n from api_tokens where user_id = ${user.id}`)).toBe(0);
    // Another session's CSRF token does not fit this session.
    const other = await rawLogin(user.email, user.password);
    const crossed = await app.request('/api/v1/auth/tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': other.csrf },
      body: JSON.stringify({ name: 'sneaky' }),
    });
    expect(crossed.status).toBe(403);
    const right = await app.request('/api/v1/auth/tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
      body: JSON.stringify({ name: 'fine' }),
    });
    expect(right.status).toBe(201);
    expect((await bare.get('/api/v1/me')).status).toBe(200);
    // Logout is a write too.
    expect((await bare.post('/api/v1/auth/logout')).status).toBe(403);
    expect((await client.get('/api/v1/me')).status).toBe(200);
  });
});

describe('logout', () => {
  it('ends the session', async () => {
    const user = await makeUser();
    const client = await ApiClient.signIn(app, user.email, user.password);
    expect(await count(sql`select count(*) as n from sessions where user_id = ${user.id}`)).toBe(1);
    const out = await client.post('/api/v1/auth/logout');
    expect(out.status).toBe(204);
    const cleared = out.headers.getSetCookie();
    expect(cleared.some((c) => c.startsWith('tg_session=') && /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c))).toBe(true);
    expect(await count(sql`select count(*) as n from sessions where user_id = ${user.id}`)).toBe(0);
    expect((await client.get('/api/v1/me')).status).toBe(401);
    expect(await eventsOf(user.id, 'user.signed_out')).toBe(1);
  });

  it('ends the session on the server even when the old cookie is replayed', async () => {
    const user = await makeUser();
    const { cookie, csrf } = await rawLogin(user.email, user.password);
    const out = await app.request('/api/v1/auth/logout', { method: 'POST', headers: { cookie, 'x-csrf-token': csrf } });
    expect(out.status).toBe(204);
    expect((await app.request('/api/v1/me', { headers: { cookie } })).status).toBe(401);
  });
});

describe('password change', () => {
  it('refuses a wrong current password with 422 naming currentPassword', async () => {
    const user = await makeUser();
    const client = await ApiClient.signIn(app, user.email, user.password);
    const res = await client.post('/api/v1/auth/password', {
      currentPassword: 'not-my-password',
      newPassword: 'a-brand-new-password',
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(issueFields(res.body)).toEqual(['currentPassword']);
  });

  it('refuses a short new password with 422 naming newPassword', async () => {
    const user = await makeUser();
    const client = await ApiClient.signIn(app, user.email, user.password);
    const res = await client.post('/api/v1/auth/password', { currentPassword: user.password, newPassword: 'short' });
    expect(res.status).toBe(422);
    expect(issueFields(res.body)).toEqual(['newPassword']);
    const missing = await client.post('/api/v1/auth/password', { currentPassword: user.password });
    expect(missing.status).toBe(422);
    expect(issueFields(missing.body)).toEqual(['newPassword']);
    // Nothing changed: the old password still signs in.
    expect(
      (await ApiClient.anonymous(app).post('/api/v1/auth/login', { email: user.email, password: user.password })).status,
    ).toBe(200);
  });

  it('changes the password, keeps this session, ends the others and revokes the API tokens by default', async () => {
    const user = await makeUser();
    const here = await ApiClient.signIn(app, user.email, user.password);
    const elsewhere = await ApiClient.signIn(app, user.email, user.password);
    const script = (await here.post('/api/v1/auth/tokens', { name: 'script' })).body.token as string;
    const reader = (await here.post('/api/v1/auth/tokens', { name: 'reader', scope: 'read' })).body.token as string;
    const newPassword = 'a-much-better-password';
    const res = await here.post('/api/v1/auth/password', { currentPassword: user.password, newPassword });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ signedOutSessions: 1, revokedTokens: 2 });
    expect((await ApiClient.withToken(app, script).get('/api/v1/me')).status).toBe(401);
    expect((await ApiClient.withToken(app, reader).get('/api/v1/me')).status).toBe(401);
    const [event] = await rows<{ after: unknown }>(
      sql`select after from audit_events where entity_id = ${user.id} and action = 'password.changed'`,
    );
    expect(event!.after).toEqual({ signedOutSessions: 1, revokedTokens: 2 });
    expect((await here.get('/api/v1/me')).status).toBe(200);
    expect((await elsewhere.get('/api/v1/me')).status).toBe(401);
    const old = await ApiClient.anonymous(app).post('/api/v1/auth/login', { email: user.email, password: user.password });
    expect(old.status).toBe(401);
    await ApiClient.signIn(app, user.email, newPassword);
    const [row] = await rows<{ password_hash: string }>(sql`select password_hash from users where id = ${user.id}`);
    expect(row!.password_hash.startsWith('$argon2id$')).toBe(true);
    expect(await eventsOf(user.id, 'password.changed')).toBe(1);
  });
});

describe('password change keeping tokens', () => {
  it('keeps the API tokens when revokeTokens is false, and says so', async () => {
    const user = await makeUser();
    const client = await ApiClient.signIn(app, user.email, user.password);
    const token = (await client.post('/api/v1/auth/tokens', { name: 'kept' })).body.token as string;
    const res = await client.post('/api/v1/auth/password', {
      currentPassword: user.password,
      newPassword: 'another-good-password',
      revokeTokens: false,
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ signedOutSessions: 0, revokedTokens: 0 });
    expect((await ApiClient.withToken(app, token).get('/api/v1/me')).status).toBe(200);
  });

  it('refuses a revokeTokens that is not a boolean, changing nothing', async () => {
    const user = await makeUser();
    const client = await ApiClient.signIn(app, user.email, user.password);
    const res = await client.post('/api/v1/auth/password', {
      currentPassword: user.password,
      newPassword: 'another-good-password',
      revokeTokens: 'yes',
    });
    expect(res.status).toBe(422);
    expect(issueFields(res.body)).toEqual(['revokeTokens']);
    expect(await eventsOf(user.id, 'password.changed')).toBe(0);
  });
});

describe('API tokens', () => {
  it('are shown once, listed by prefix, stored hashed, work as Bearer and stop when revoked', async () => {
    const user = await makeUser(['pmo_analyst']);
    const client = await ApiClient.signIn(app, user.email, user.password);
    const created = await client.post('/api/v1/auth/tokens', { name: 'reporting script' });
    expect(created.status).toBe(201);
    const { token, id, prefix } = created.body as { token: string; id: string; prefix: string };
    expect(token).toMatch(/^tg_/);
    expect(token.startsWith(prefix)).toBe(true);
    expect(prefix.length).toBeLessThan(token.length);

    const list = await client.get('/api/v1/auth/tokens');
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      id,
      name: 'reporting script',
      prefix,
      revokedAt: null,
      scope: 'write',
      expiresAt: null,
    });
    expect(list.body.items[0].token).toBeUndefined();
    expect(JSON.stringify(list.body)).not.toContain(token);

    const stored = JSON.stringify(await rows(sql`select * from api_tokens where user_id = ${user.id}`));
    expect(stored).not.toContain(token);
    const [row] = await rows<{ token_hash: string }>(sql`select token_hash from api_tokens where id = ${id}`);
    expect(row!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await rows(sql`select before, after from audit_events where entity_id = ${user.id}`))).not.toContain(
      token,
    );

    const bearer = ApiClient.withToken(app, token);
    const me = await bearer.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(user.email);
    // A bearer write needs no CSRF token: browsers never send it on their own.
    const second = await bearer.post('/api/v1/auth/tokens', { name: 'made by a script' });
    expect(second.status).toBe(201);

    const revoked = await client.delete(`/api/v1/auth/tokens/${id}`);
    expect(revoked.status).toBe(204);
    const after = await bearer.get('/api/v1/me');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('UNAUTHENTICATED');
    expect((await client.delete(`/api/v1/auth/tokens/${id}`)).status).toBe(404);
    const listed = await client.get('/api/v1/auth/tokens');
    expect(listed.body.items.find((t: { id: string }) => t.id === id).revokedAt).not.toBeNull();

    expect(await eventsOf(user.id, 'token.created')).toBe(2);
    expect(await eventsOf(user.id, 'token.revoked')).toBe(1);
  });

  it('refuses a made-up token and a malformed Authorization header with 401', async () => {
    expect((await ApiClient.withToken(app, 'tg_made-up').get('/api/v1/me')).status).toBe(401);
    const res = await app.request('/api/v1/me', { headers: { authorization: 'Basic abc' } });
    expect(res.status).toBe(401);
  });

  it('a read-only token reads and is refused every write with 403 TOKEN_READ_ONLY, writing nothing', async () => {
    const user = await makeUser(['admin']);
    const client = await ApiClient.signIn(app, user.email, user.password);
    const created = await client.post('/api/v1/auth/tokens', { name: 'dashboard', scope: 'read' });
    expect(created.status).toBe(201);
    expect(created.body.scope).toBe('read');
    const reader = ApiClient.withToken(app, created.body.token);
    expect((await reader.get('/api/v1/me')).status).toBe(200);
    expect((await reader.get('/api/v1/users')).status).toBe(200);
    const head = await app.request('/api/v1/me', { method: 'HEAD', headers: { authorization: `Bearer ${created.body.token}` } });
    expect(head.status).toBe(200);
    const eventsBefore = await count(sql`select count(*) as n from audit_events`);
    const writes = [
      await reader.post('/api/v1/auth/tokens', { name: 'escalate' }),
      await reader.delete(`/api/v1/auth/tokens/${created.body.id}`),
      await reader.patch(`/api/v1/users/${user.id}`, { version: user.version, displayName: 'Changed' }),
      await reader.post('/api/v1/auth/password', { currentPassword: user.password, newPassword: 'a-brand-new-password' }),
      await reader.post('/api/v1/auth/logout'),
    ];
    for (const reply of writes) {
      expect(reply.status).toBe(403);
      expect(reply.body.error.code).toBe('TOKEN_READ_ONLY');
    }
    expect(await count(sql`select count(*) as n from audit_events`)).toBe(eventsBefore);
    expect(await count(sql`select count(*) as n from api_tokens where user_id = ${user.id}`)).toBe(1);
    expect((await reader.get('/api/v1/me')).status).toBe(200);
  });

  it('expire: a date works through that day, a date-time at that instant; an expired token is 401 like a revoked one', async () => {
    const user = await makeUser();
    const client = await ApiClient.signIn(app, user.email, user.password);
    const day = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const byDay = await client.post('/api/v1/auth/tokens', { name: 'month', expiresAt: day });
    expect(byDay.status).toBe(201);
    const nextDay = new Date(`${day}T00:00:00Z`);
    nextDay.setUTCDate(nextDay.getUTCDate() + 1);
    expect(byDay.body.expiresAt).toBe(nextDay.toISOString());
    const instant = new Date(Date.now() + 3_600_000).toISOString();
    const byInstant = await client.post('/api/v1/auth/tokens', { name: 'hour', expiresAt: instant, scope: 'read' });
    expect(byInstant.status).toBe(201);
    expect(byInstant.body.expiresAt).toBe(instant);
    const listed = (await client.get('/api/v1/auth/tokens')).body.items as { id: string; expiresAt: string; scope: string }[];
    expect(listed.find((t) => t.id === byInstant.body.id)).toMatchObject({ expiresAt: instant, scope: 'read' });
    const [event] = await rows<{ after: Record<string, unknown> }>(
      sql`select after from audit_events where entity_id = ${user.id} and action = 'token.created' and after->>'tokenId' = ${byInstant.body.id}`,
    );
    expect(event!.after).toMatchObject({ scope: 'read', expiresAt: instant });

    const bearer = ApiClient.withToken(app, byInstant.body.token);
    expect((await bearer.get('/api/v1/me')).status).toBe(200);
    await database.db.execute(
      sql`update api_tokens set expires_at = now() - interval '1 second' where id = ${byInstant.body.id}`,
    );
    const expired = await bearer.get('/api/v1/me');
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an expiry in the past, more than a year ahead or malformed (422 naming expiresAt), creating nothing', async () => {
    const user = await makeUser();
    const client = await ApiClient.signIn(app, user.email, user.password);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const tooFar = new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10);
    for (const expiresAt of [yesterday, new Date(Date.now() - 60_000).toISOString(), tooFar, 'next week', '2026-02-30', 42]) {
      const res = await client.post('/api/v1/auth/tokens', { name: 'bad', expiresAt });
      expect(res.status, String(expiresAt)).toBe(422);
      expect(issueFields(res.body), String(expiresAt)).toEqual(['expiresAt']);
    }
    const scope = await client.post('/api/v1/auth/tokens', { name: 'bad', scope: 'admin' });
    expect(scope.status).toBe(422);
    expect(issueFields(scope.body)).toEqual(['scope']);
    expect(await count(sql`select count(*) as n from api_tokens where user_id = ${user.id}`)).toBe(0);
    // A year ahead is the limit, and no expiry is allowed.
    const inAYear = new Date();
    inAYear.setUTCFullYear(inAYear.getUTCFullYear() + 1);
    const limit = await client.post('/api/v1/auth/tokens', { name: 'year', expiresAt: inAYear.toISOString().slice(0, 10) });
    expect(limit.status).toBe(201);
    expect((await client.post('/api/v1/auth/tokens', { name: 'forever', expiresAt: null })).body.expiresAt).toBeNull();
  });

  it("cannot revoke someone else's token", async () => {
    const owner = await ApiClient.signIn(app, (await makeUser()).email, PASSWORD);
    const other = await ApiClient.signIn(app, (await makeUser()).email, PASSWORD);
    const { body } = await owner.post('/api/v1/auth/tokens', { name: 'mine' });
    expect((await other.delete(`/api/v1/auth/tokens/${body.id}`)).status).toBe(404);
    expect((await ApiClient.withToken(app, body.token).get('/api/v1/me')).status).toBe(200);
  });
});

describe('user accounts', () => {
  it('an admin creates and edits users; each write is audited', async () => {
    const admin = await makeUser(['admin']);
    const client = await ApiClient.signIn(app, admin.email, admin.password);
    const email = `new.${Date.now()}@example.com`;
    const created = await client.post('/api/v1/users', {
      email,
      displayName: 'New Analyst',
      password: 'initial-password-1',
      roles: ['pmo_analyst'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email, displayName: 'New Analyst', roles: ['pmo_analyst'], active: true, version: 1 });
    expect(created.body.passwordHash).toBeUndefined();
    const id = created.body.id as string;
    expect(await eventsOf(id, 'user.created')).toBe(1);

    const got = await client.get(`/api/v1/users/${id}`);
    expect(got.status).toBe(200);
    expect(got.body.email).toBe(email);
    const listed = await client.get('/api/v1/users');
    expect(listed.body.items.some((u: { id: string }) => u.id === id)).toBe(true);

    const edited = await client.patch(`/api/v1/users/${id}`, {
      version: 1,
      displayName: 'Renamed',
      roles: ['pmo_analyst', 'resource_manager'],
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ displayName: 'Renamed', roles: ['pmo_analyst', 'resource_manager'], version: 2 });
    expect(await eventsOf(id, 'user.updated')).toBe(1);
    const [event] = await rows<{ before: { displayName: string }; after: { displayName: string }; actor_user_id: string }>(
      sql`select before, after, actor_user_id from audit_events where entity_id = ${id} and action = 'user.updated'`,
    );
    expect(event!.before.displayName).toBe('New Analyst');
    expect(event!.after.displayName).toBe('Renamed');
    expect(event!.actor_user_id).toBe(admin.id);

    const stale = await client.patch(`/api/v1/users/${id}`, { version: 1, displayName: 'Stale' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    expect((await client.get(`/api/v1/users/${id}`)).body.displayName).toBe('Renamed');
    expect(await eventsOf(id, 'user.updated')).toBe(1);

    // The new account signs in with its roles.
    const newcomer = await ApiClient.signIn(app, email, 'initial-password-1');
    expect((await newcomer.get('/api/v1/me')).body.roles.sort()).toEqual(['pmo_analyst', 'resource_manager']);
  });

  it('refuses a taken e-mail (409), a bad e-mail or a short password (422 naming the field)', async () => {
    const admin = await makeUser(['admin']);
    const client = await ApiClient.signIn(app, admin.email, admin.password);
    const taken = await client.post('/api/v1/users', {
      email: admin.email,
      displayName: 'Twin',
      password: 'long-enough-pw',
      roles: [],
    });
    expect(taken.status).toBe(409);
    const bad = await client.post('/api/v1/users', { email: 'not-an-email', displayName: 'X', password: 'long-enough-pw' });
    expect(bad.status).toBe(422);
    expect(issueFields(bad.body)).toContain('email');
    const short = await client.post('/api/v1/users', {
      email: `s.${Date.now()}@example.com`,
      displayName: 'X',
      password: 'short',
    });
    expect(short.status).toBe(422);
    expect(issueFields(short.body)).toEqual(['password']);
    const role = await client.post('/api/v1/users', {
      email: `r.${Date.now()}@example.com`,
      displayName: 'X',
      password: 'long-enough-pw',
      roles: ['emperor'],
    });
    expect(role.status).toBe(422);
    expect(issueFields(role.body)[0]).toMatch(/^roles/);
  });

  it('links a user to a person only when the person exists and has no other account (422 naming personId)', async () => {
    const admin = await makeUser(['admin']);
    const client = await ApiClient.signIn(app, admin.email, admin.password);
    const [person] = await rows<{ id: string }>(
      sql`insert into people (name, email) values ('Linked Person', ${`linked.${Date.now()}@example.com`}) returning id`,
    );
    const usersBefore = await count(sql`select count(*) as n from users`);
    const unknown = await client.post('/api/v1/users', {
      email: `p1.${Date.now()}@example.com`,
      displayName: 'P1',
      password: 'long-enough-pw',
      personId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.status).toBe(422);
    expect(issueFields(unknown.body)).toEqual(['personId']);
    expect(await count(sql`select count(*) as n from users`)).toBe(usersBefore);

    const linked = await client.post('/api/v1/users', {
      email: `p2.${Date.now()}@example.com`,
      displayName: 'P2',
      password: 'long-enough-pw',
      personId: person!.id,
    });
    expect(linked.status).toBe(201);
    expect(linked.body.personId).toBe(person!.id);

    const other = await makeUser();
    const twice = await client.patch(`/api/v1/users/${other.id}`, { version: other.version, personId: person!.id });
    expect(twice.status).toBe(422);
    expect(issueFields(twice.body)).toEqual(['personId']);
    const missing = await client.patch(`/api/v1/users/${other.id}`, {
      version: other.version,
      personId: '00000000-0000-4000-8000-000000000000',
    });
    expect(missing.status).toBe(422);
    // Re-saving the same link on its own account is fine.
    const same = await client.patch(`/api/v1/users/${linked.body.id}`, {
      version: 1,
      personId: person!.id,
      displayName: 'P2 again',
    });
    expect(same.status).toBe(200);
  });

  it('answers 404 for an unknown user and refuses to let an admin deactivate themself', async () => {
    const admin = await makeUser(['admin']);
    const client = await ApiClient.signIn(app, admin.email, admin.password);
    expect((await client.get('/api/v1/users/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await client.get('/api/v1/users/not-a-uuid')).status).toBe(404);
    const self = await client.patch(`/api/v1/users/${admin.id}`, { version: admin.version, active: false });
    expect(self.status).toBe(422);
    expect(issueFields(self.body)).toEqual(['active']);
  });

  it('refuses non-admins with 403 and writes nothing', async () => {
    const lead = await makeUser(['pmo_lead', 'executive']);
    const target = await makeUser();
    const client = await ApiClient.signIn(app, lead.email, lead.password);
    const usersBefore = await count(sql`select count(*) as n from users`);
    const create = await client.post('/api/v1/users', {
      email: `x.${Date.now()}@example.com`,
      displayName: 'X',
      password: 'long-enough-pw',
    });
    expect(create.status).toBe(403);
    expect(create.body.error.code).toBe('FORBIDDEN');
    const edit = await client.patch(`/api/v1/users/${target.id}`, { version: 1, roles: ['admin'] });
    expect(edit.status).toBe(403);
    expect((await client.get('/api/v1/users')).status).toBe(403);
    expect(await count(sql`select count(*) as n from users`)).toBe(usersBefore);
    expect(await count(sql`select count(*) as n from user_roles where user_id = ${target.id}`)).toBe(0);
    expect(await eventsOf(target.id, 'user.updated')).toBe(0);
  });
});

describe('the audit trail after all of the above', () => {
  it('verifies', async () => {
    const result = await verifyAuditTrail(database.db);
    expect(result.ok).toBe(true);
    expect(result.events).toBeGreaterThan(10);
  });
});
