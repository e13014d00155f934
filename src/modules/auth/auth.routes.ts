import { isIP } from 'node:net';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Actor } from '../../kernel/actor.ts';
import { AppError } from '../../kernel/errors.ts';
import {
  type AppEnv,
  ErrorSchema,
  IdParam,
  actorOf,
  createRouter,
  defineRoute,
  depsOf,
  json,
  jsonBody,
} from '../../kernel/http.ts';
import { type ExportColumn, PlainListQuery, listResponse, sendList, slicePage } from '../../kernel/lists.ts';
import {
  ChangePasswordBody,
  CreateTokenBody,
  CreateUserBody,
  CreatedTokenSchema,
  LoginBody,
  LoginReply,
  MeSchema,
  PasswordChangedSchema,
  TokenSchema,
  UpdateUserBody,
  UserSchema,
} from './auth.schema.ts';
import * as service from './auth.service.ts';
import * as tokens from './auth.tokens.service.ts';
import type { TokenView } from './auth.tokens.service.ts';
import * as users from './auth.users.service.ts';
import type { UserView } from './auth.users.service.ts';

export const SESSION_COOKIE = 'tg_session';
export const CSRF_COOKIE = 'tg_csrf';

export function meView(actor: Actor) {
  return {
    userId: actor.userId,
    personId: actor.personId,
    email: actor.email,
    name: actor.name,
    roles: [...actor.roles],
    permissions: [...actor.permissions].sort(),
    pmoMemberships: [...actor.pmoMemberships],
    positionIds: [...actor.positionIds],
  };
}

/** An IP address as counted: IPv4-mapped IPv6 as IPv4, no zone; null for anything else. */
export function normaliseAddress(raw: string | undefined | null): string | null {
  if (!raw) return null;
  let address = raw.trim().split('%')[0]!.toLowerCase();
  if (address.startsWith('::ffff:') && isIP(address.slice(7)) === 4) address = address.slice(7);
  return isIP(address) ? address : null;
}

/**
 * The client's address: the socket's, or behind `trustProxy` reverse proxies the entry of
 * X-Forwarded-For that the outermost of them appended (entries to its left are whatever the
 * client claimed).
 */
export function clientAddress(c: Context<AppEnv>, trustProxy: number): string | null {
  if (trustProxy > 0) {
    const hops = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean);
    const forwarded = normaliseAddress(hops[Math.max(0, hops.length - trustProxy)]);
    if (forwarded) return forwarded;
  }
  try {
    return normaliseAddress(getConnInfo(c).remote.address);
  } catch {
    return null; // in-process requests in tests have no socket
  }
}

/** A refused attempt also says in Retry-After when to come back. */
async function withRetryAfter<T>(c: Context<AppEnv>, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof AppError && err.code === 'TOO_MANY_ATTEMPTS') {
      c.header('Retry-After', String((err.details as { retryAfterSeconds: number }).retryAfterSeconds));
    }
    throw err;
  }
}

const tooManyAttempts = json(
  ErrorSchema,
  'Held back after failed attempts: TOO_MANY_ATTEMPTS, with Retry-After and details.retryAfterSeconds',
);

const login = defineRoute('public', {
  operationId: 'signIn',
  method: 'post',
  path: '/auth/login',
  tags: ['Auth'],
  summary:
    'Sign in with e-mail and password; sets the session cookie and ends the session the request carried, if any (no CSRF header needed)',
  description:
    'Throttled by client address and by account: after failed attempts the next one waits (429 with Retry-After). ' +
    'A wrong password and an unknown e-mail answer the same 401 INVALID_CREDENTIALS.',
  request: jsonBody(LoginBody),
  responses: { 200: json(LoginReply, 'Signed in'), 429: tooManyAttempts },
});

const logout = defineRoute('session.self', {
  operationId: 'signOut',
  method: 'post',
  path: '/auth/logout',
  tags: ['Auth'],
  summary: 'Sign out: ends the session',
  responses: { 204: { description: 'Signed out' } },
});

const me = defineRoute('session.self', {
  operationId: 'getMe',
  method: 'get',
  path: '/me',
  tags: ['Auth'],
  summary: 'The caller, with roles, permissions, PMO memberships and positions',
  responses: { 200: json(MeSchema) },
});

const changePassword = defineRoute('session.self', {
  operationId: 'changePassword',
  method: 'post',
  path: '/auth/password',
  tags: ['Auth'],
  summary:
    "Change one's own password; other sessions are signed out and, unless revokeTokens is false, every personal API token revoked; replies with how many",
  description: 'A wrong current password counts against the account and the address like a failed sign-in (429 when held back).',
  request: jsonBody(ChangePasswordBody),
  responses: { 200: json(PasswordChangedSchema, 'Changed'), 429: tooManyAttempts },
});

const listTokens = defineRoute('session.self', {
  operationId: 'listApiTokens',
  method: 'get',
  path: '/auth/tokens',
  tags: ['Auth'],
  summary: "The caller's personal API tokens",
  request: { query: PlainListQuery },
  responses: { 200: listResponse(TokenSchema) },
});

const createToken = defineRoute('session.self', {
  operationId: 'createApiToken',
  method: 'post',
  path: '/auth/tokens',
  tags: ['Auth'],
  summary: 'Create a personal API token (shown once), read-only or not, with an optional expiry',
  request: jsonBody(CreateTokenBody),
  responses: { 201: json(CreatedTokenSchema, 'Created') },
});

const revokeToken = defineRoute('session.self', {
  operationId: 'revokeApiToken',
  method: 'delete',
  path: '/auth/tokens/{id}',
  tags: ['Auth'],
  summary: "Revoke one of the caller's API tokens",
  request: { params: IdParam },
  responses: { 204: { description: 'Revoked' } },
});

const listUsers = defineRoute('users.manage', {
  operationId: 'listUsers',
  method: 'get',
  path: '/users',
  tags: ['Users'],
  summary: 'User accounts with their roles',
  request: { query: PlainListQuery },
  responses: { 200: listResponse(UserSchema) },
});

const getUser = defineRoute('users.manage', {
  operationId: 'getUser',
  method: 'get',
  path: '/users/{id}',
  tags: ['Users'],
  summary: 'One user account',
  request: { params: IdParam },
  responses: { 200: json(UserSchema) },
});

const createUser = defineRoute('users.manage', {
  operationId: 'createUser',
  method: 'post',
  path: '/users',
  tags: ['Users'],
  summary: 'Create a user account',
  request: jsonBody(CreateUserBody),
  responses: { 201: json(UserSchema, 'Created') },
});

const updateUser = defineRoute('users.manage', {
  operationId: 'updateUser',
  method: 'patch',
  path: '/users/{id}',
  tags: ['Users'],
  summary: 'Edit a user account: name, roles, linked person, active',
  request: { params: IdParam, ...jsonBody(UpdateUserBody) },
  responses: { 200: json(UserSchema) },
});

const unlockSignIn = defineRoute('users.manage', {
  operationId: 'unlockUserSignIn',
  method: 'post',
  path: '/users/{id}/unlock-sign-in',
  tags: ['Users'],
  summary: "Clear an account's failed sign-ins and waits, so its owner can sign in at once from any address",
  request: { params: IdParam },
  responses: { 200: json(UserSchema, 'Unlocked') },
});

const TOKEN_COLUMNS: ExportColumn<TokenView>[] = [
  { header: 'Name', value: (t) => t.name },
  { header: 'Prefix', value: (t) => t.prefix },
  { header: 'Scope', value: (t) => t.scope },
  { header: 'Created', value: (t) => t.createdAt, kind: 'date' },
  { header: 'Expires', value: (t) => t.expiresAt, kind: 'date' },
  { header: 'Last used', value: (t) => t.lastUsedAt, kind: 'date' },
  { header: 'Revoked', value: (t) => t.revokedAt, kind: 'date' },
];

const USER_COLUMNS: ExportColumn<UserView>[] = [
  { header: 'Name', value: (u) => u.displayName },
  { header: 'E-mail', value: (u) => u.email },
  { header: 'Roles', value: (u) => u.roles.map((role) => role.replace(/_/g, ' ')).join(', ') },
  { header: 'Active', value: (u) => (u.active ? 'yes' : 'no') },
  { header: 'Last sign-in', value: (u) => u.lastLoginAt, kind: 'date' },
  { header: 'Failed sign-ins', value: (u) => u.signIn.failedAttempts, kind: 'number' },
];

export function authRoutes() {
  const router = createRouter();

  router.openapi(login, async (c) => {
    const { database, config } = depsOf(c);
    const body = c.req.valid('json');
    const stale = getCookie(c, SESSION_COOKIE);
    const result = await withRetryAfter(c, () =>
      service.login(database.db, config.sessionHours, {
        ...body,
        address: clientAddress(c, config.trustProxy),
        userAgent: c.req.header('user-agent') ?? null,
        replacesSessionId: stale ? service.sha256(stale) : null,
      }),
    );
    const cookie = { path: '/', sameSite: 'Lax' as const, secure: config.secureCookies, expires: result.expiresAt };
    setCookie(c, SESSION_COOKIE, result.sessionToken, { ...cookie, httpOnly: true });
    // Readable by the web app, which echoes it in X-CSRF-Token on every write.
    setCookie(c, CSRF_COOKIE, result.csrfToken, { ...cookie, httpOnly: false });
    return c.json({ me: meView(result.actor), csrfToken: result.csrfToken, expiresAt: result.expiresAt.toISOString() }, 200);
  });

  router.openapi(logout, async (c) => {
    const sessionId = c.get('sessionId');
    if (sessionId) await service.logout(depsOf(c).database.db, actorOf(c), sessionId);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    deleteCookie(c, CSRF_COOKIE, { path: '/' });
    return c.body(null, 204);
  });

  router.openapi(me, (c) => c.json(meView(actorOf(c)), 200));

  router.openapi(changePassword, async (c) => {
    const { database, config } = depsOf(c);
    const outcome = await withRetryAfter(c, () =>
      service.changePassword(database.db, actorOf(c), c.req.valid('json'), {
        keepSessionId: c.get('sessionId'),
        address: clientAddress(c, config.trustProxy),
      }),
    );
    return c.json(outcome, 200);
  });

  router.openapi(listTokens, async (c) =>
    sendList(c, {
      query: c.req.valid('query'),
      fileName: 'api-tokens',
      load: async (page) => slicePage(await tokens.listTokens(depsOf(c).database.db, actorOf(c)), page),
      columns: TOKEN_COLUMNS,
    }),
  );
  router.openapi(createToken, async (c) =>
    c.json(await tokens.createToken(depsOf(c).database.db, actorOf(c), c.req.valid('json')), 201),
  );
  router.openapi(revokeToken, async (c) => {
    await tokens.revokeToken(depsOf(c).database.db, actorOf(c), c.req.valid('param').id);
    return c.body(null, 204);
  });

  router.openapi(listUsers, async (c) =>
    sendList(c, {
      query: c.req.valid('query'),
      fileName: 'users',
      load: async (page) => slicePage(await users.listUsers(depsOf(c).database.db), page),
      columns: USER_COLUMNS,
    }),
  );
  router.openapi(getUser, async (c) => c.json(await users.getUser(depsOf(c).database.db, c.req.valid('param').id), 200));
  router.openapi(createUser, async (c) =>
    c.json(await users.createUser(depsOf(c).database.db, actorOf(c), c.req.valid('json')), 201),
  );
  router.openapi(updateUser, async (c) =>
    c.json(await users.updateUser(depsOf(c).database.db, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  router.openapi(unlockSignIn, async (c) =>
    c.json(await users.unlockSignIn(depsOf(c).database.db, actorOf(c), c.req.valid('param').id), 200),
  );
  return router;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const READ_METHODS = new Set(['GET', 'HEAD']);
/** Signing in must work from any state: a stale session, a lost CSRF token, a dead API token. */
const LOGIN_PATH = '/api/v1/auth/login';

/**
 * Resolves the caller from a bearer token or the session cookie. Cookie-authenticated writes
 * must echo the session's CSRF token in X-CSRF-Token; bearer tokens are not sent by browsers
 * on their own, so they need none, and a read-only token may only read. Sign-in resolves no
 * caller: it authenticates by itself and replaces whatever session the browser held.
 */
export async function authMiddleware(c: Context<AppEnv>, next: () => Promise<void>) {
  if (c.req.method === 'POST' && c.req.path === LOGIN_PATH) return next();
  const db = depsOf(c).database.db;
  const authorization = c.req.header('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const resolved = match ? await service.resolveBearer(db, match[1]!) : null;
    if (!resolved) throw new AppError('UNAUTHENTICATED', 'the API token is not valid, was revoked or has expired');
    if (resolved.scope === 'read' && !READ_METHODS.has(c.req.method)) {
      throw new AppError('TOKEN_READ_ONLY', 'this API token is read-only: it may only GET and HEAD');
    }
    c.set('actor', resolved.actor);
    c.set('authVia', 'token');
    return next();
  }
  const cookie = getCookie(c, SESSION_COOKIE);
  if (cookie) {
    const resolved = await service.resolveSession(db, cookie);
    if (resolved) {
      if (!SAFE_METHODS.has(c.req.method) && c.req.header('x-csrf-token') !== resolved.csrfToken) {
        throw new AppError('CSRF_FAILED', 'this write needs the X-CSRF-Token header of the session');
      }
      c.set('actor', resolved.actor);
      c.set('authVia', 'session');
      c.set('sessionId', resolved.sessionId);
    }
  }
  return next();
}
