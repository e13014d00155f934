import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Actor } from '../../kernel/actor.ts';
import { AppError } from '../../kernel/errors.ts';
import { type AppEnv, IdParam, actorOf, createRouter, defineRoute, depsOf, json, jsonBody } from '../../kernel/http.ts';
import {
  ChangePasswordBody,
  CreateTokenBody,
  CreateUserBody,
  CreatedTokenSchema,
  LoginBody,
  LoginReply,
  MeSchema,
  TokenSchema,
  UpdateUserBody,
  UserSchema,
} from './auth.schema.ts';
import * as service from './auth.service.ts';

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

function clientIp(c: Context<AppEnv>): string | null {
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null; // in-process requests in tests have no socket
  }
}

const login = defineRoute('public', {
  method: 'post',
  path: '/auth/login',
  tags: ['Auth'],
  summary: 'Sign in with e-mail and password; sets the session cookie',
  request: jsonBody(LoginBody),
  responses: { 200: json(LoginReply, 'Signed in'), 429: json(z.object({ error: z.any() }), 'Too many failed attempts') },
});

const logout = defineRoute('session.self', {
  method: 'post',
  path: '/auth/logout',
  tags: ['Auth'],
  summary: 'Sign out: ends the session',
  responses: { 204: { description: 'Signed out' } },
});

const me = defineRoute('session.self', {
  method: 'get',
  path: '/me',
  tags: ['Auth'],
  summary: 'The caller, with roles, permissions, PMO memberships and positions',
  responses: { 200: json(MeSchema) },
});

const changePassword = defineRoute('session.self', {
  method: 'post',
  path: '/auth/password',
  tags: ['Auth'],
  summary: "Change one's own password; other sessions are signed out",
  request: jsonBody(ChangePasswordBody),
  responses: { 204: { description: 'Changed' } },
});

const listTokens = defineRoute('session.self', {
  method: 'get',
  path: '/auth/tokens',
  tags: ['Auth'],
  summary: "The caller's personal API tokens",
  responses: { 200: json(z.object({ items: z.array(TokenSchema) })) },
});

const createToken = defineRoute('session.self', {
  method: 'post',
  path: '/auth/tokens',
  tags: ['Auth'],
  summary: 'Create a personal API token (shown once)',
  request: jsonBody(CreateTokenBody),
  responses: { 201: json(CreatedTokenSchema, 'Created') },
});

const revokeToken = defineRoute('session.self', {
  method: 'delete',
  path: '/auth/tokens/{id}',
  tags: ['Auth'],
  summary: "Revoke one of the caller's API tokens",
  request: { params: IdParam },
  responses: { 204: { description: 'Revoked' } },
});

const listUsers = defineRoute('users.manage', {
  method: 'get',
  path: '/users',
  tags: ['Users'],
  summary: 'User accounts with their roles',
  responses: { 200: json(z.object({ items: z.array(UserSchema) })) },
});

const getUser = defineRoute('users.manage', {
  method: 'get',
  path: '/users/{id}',
  tags: ['Users'],
  summary: 'One user account',
  request: { params: IdParam },
  responses: { 200: json(UserSchema) },
});

const createUser = defineRoute('users.manage', {
  method: 'post',
  path: '/users',
  tags: ['Users'],
  summary: 'Create a user account',
  request: jsonBody(CreateUserBody),
  responses: { 201: json(UserSchema, 'Created') },
});

const updateUser = defineRoute('users.manage', {
  method: 'patch',
  path: '/users/{id}',
  tags: ['Users'],
  summary: 'Edit a user account: name, roles, linked person, active',
  request: { params: IdParam, ...jsonBody(UpdateUserBody) },
  responses: { 200: json(UserSchema) },
});

export function authRoutes() {
  const router = createRouter();

  router.openapi(login, async (c) => {
    const { database, config } = depsOf(c);
    const body = c.req.valid('json');
    try {
      const result = await service.login(database.db, config.sessionHours, {
        ...body,
        ip: clientIp(c),
        userAgent: c.req.header('user-agent') ?? null,
      });
      const cookie = { path: '/', sameSite: 'Lax' as const, secure: config.secureCookies, expires: result.expiresAt };
      setCookie(c, SESSION_COOKIE, result.sessionToken, { ...cookie, httpOnly: true });
      // Readable by the web app, which echoes it in X-CSRF-Token on every write.
      setCookie(c, CSRF_COOKIE, result.csrfToken, { ...cookie, httpOnly: false });
      return c.json({ me: meView(result.actor), csrfToken: result.csrfToken, expiresAt: result.expiresAt.toISOString() }, 200);
    } catch (err) {
      if (err instanceof AppError && err.code === 'TOO_MANY_ATTEMPTS') {
        c.header('Retry-After', String((err.details as { retryAfterSeconds: number }).retryAfterSeconds));
      }
      throw err;
    }
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
    await service.changePassword(depsOf(c).database.db, actorOf(c), c.req.valid('json'), c.get('sessionId'));
    return c.body(null, 204);
  });

  router.openapi(listTokens, async (c) => c.json({ items: await service.listTokens(depsOf(c).database.db, actorOf(c)) }, 200));
  router.openapi(createToken, async (c) =>
    c.json(await service.createToken(depsOf(c).database.db, actorOf(c), c.req.valid('json')), 201),
  );
  router.openapi(revokeToken, async (c) => {
    await service.revokeToken(depsOf(c).database.db, actorOf(c), c.req.valid('param').id);
    return c.body(null, 204);
  });

  router.openapi(listUsers, async (c) => c.json({ items: await service.listUsers(depsOf(c).database.db) }, 200));
  router.openapi(getUser, async (c) => c.json(await service.getUser(depsOf(c).database.db, c.req.valid('param').id), 200));
  router.openapi(createUser, async (c) =>
    c.json(await service.createUser(depsOf(c).database.db, actorOf(c), c.req.valid('json')), 201),
  );
  router.openapi(updateUser, async (c) =>
    c.json(await service.updateUser(depsOf(c).database.db, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  return router;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the caller from a bearer token or the session cookie. Cookie-authenticated writes
 * must echo the session's CSRF token in X-CSRF-Token; bearer tokens are not sent by browsers
 * on their own, so they need none.
 */
export async function authMiddleware(c: Context<AppEnv>, next: () => Promise<void>) {
  const db = depsOf(c).database.db;
  const authorization = c.req.header('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const actor = match ? await service.resolveBearer(db, match[1]!) : null;
    if (!actor) throw new AppError('UNAUTHENTICATED', 'the API token is not valid or was revoked');
    c.set('actor', actor);
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
