import { readFileSync, existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, extname, resolve, sep } from 'node:path';
import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { AppDeps, AppEnv } from '../kernel/http.ts';
import { isDatabaseUnavailable } from '../kernel/dberrors.ts';
import { AppError } from '../kernel/errors.ts';
import { describeError } from '../kernel/log.ts';
import { authMiddleware, authRoutes } from '../modules/auth/index.ts';
import { auditRoutes } from '../modules/audit/index.ts';
import { moduleRoutes, recordVisibility } from './modules.ts';
import { docsPage, docsScript, swaggerAsset } from './docs.ts';
import { settingsRoutes } from './settings.routes.ts';

/**
 * Builds the HTTP application: API under /api, the web app's static files everywhere else.
 * Tests call `app.request(...)` on it in-process.
 */
export function createApp(deps: AppDeps, options: { webDist?: string | null } = {}) {
  const app = new OpenAPIHono<AppEnv>();

  app.use('*', securityHeaders(deps.config.secureCookies));
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('actor', null);
    c.set('authVia', null);
    c.set('sessionId', null);
    await next();
  });
  app.use('/api/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  app.use('/api/v1/*', authMiddleware);

  app.get('/api/health', async (c) => {
    let database = 'ok';
    try {
      await deps.database.db.execute('select 1' as never);
    } catch {
      database = 'unavailable';
    }
    const status = database === 'ok' ? 'ok' : 'degraded';
    return c.json({ status, database: deps.database.kind, version: deps.config.version }, status === 'ok' ? 200 : 503);
  });

  app.route('/api/v1', settingsRoutes());
  app.route('/api/v1', authRoutes());
  app.route('/api/v1', auditRoutes(recordVisibility()));
  for (const router of moduleRoutes()) app.route('/api/v1', router);

  app.openAPIRegistry.registerComponent('securitySchemes', 'cookieAuth', {
    type: 'apiKey',
    in: 'cookie',
    name: 'tg_session',
    description: 'Session cookie from POST /api/v1/auth/login. Writes also need the X-CSRF-Token header.',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'A personal API token from POST /api/v1/auth/tokens.',
  });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Tollgate API',
      version: deps.config.version,
      license: { name: 'AGPL-3.0-or-later', url: 'https://www.gnu.org/licenses/agpl-3.0.html' },
      description:
        'The REST API of Tollgate, the PMO platform. JSON bodies use camelCase; money is a decimal number; ' +
        'dates are ISO 8601; ids are strings. Errors are `{error:{code,message,details}}`.',
    },
    servers: [{ url: '/' }],
  });
  app.get('/api/docs', (c) => c.html(docsPage()));
  app.get('/api/docs/assets/:file', (c) => swaggerAsset(c.req.param('file')) ?? c.notFound());
  app.get('/api/docs/init.js', (c) => c.body(docsScript(), 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));

  app.all('/api/*', () => {
    throw new AppError('NOT_FOUND', 'no such API route');
  });

  const webDist = options.webDist === undefined ? defaultWebDist() : options.webDist;
  if (webDist) mountWeb(app, webDist);

  app.onError((err, c) => {
    if (err instanceof AppError) {
      return c.json({ error: { code: err.code, message: err.message, details: err.details } }, err.status as 400);
    }
    if (isDatabaseUnavailable(err)) {
      // The connection went away under the request: its transaction did not commit. The pool opens
      // a new connection for the next request; the client may retry.
      console.warn(`database unavailable on ${c.req.method} ${c.req.path}: ${describeError(err).split('\n')[0]}`);
      c.header('Retry-After', '5');
      return c.json(
        {
          error: {
            code: 'DATABASE_UNAVAILABLE',
            message: 'the database is not available; nothing was changed, try again shortly',
          },
        },
        503,
      );
    }
    if (err instanceof HTTPException) {
      // Hono raises these for malformed JSON bodies, wrong content types and the like.
      const status = err.status;
      const code =
        status === 413
          ? 'PAYLOAD_TOO_LARGE'
          : status === 415
            ? 'UNSUPPORTED_MEDIA_TYPE'
            : status >= 500
              ? 'INTERNAL'
              : 'BAD_REQUEST';
      const message =
        status === 415
          ? `the body must be ${c.req.method === 'GET' ? 'empty' : 'of a content type this route accepts (see the OpenAPI description)'}`
          : err.message || 'malformed request';
      return c.json({ error: { code, message } }, status);
    }
    if (err instanceof SyntaxError) {
      return c.json({ error: { code: 'BAD_REQUEST', message: `malformed JSON: ${err.message}` } }, 400);
    }
    // Never the request's values: a failed query's message carries its parameters.
    console.error(`unhandled error on ${c.req.method} ${c.req.path}: ${describeError(err)}`);
    return c.json({ error: { code: 'INTERNAL', message: 'an unexpected error occurred' } }, 500);
  });
  app.notFound((c) => c.json({ error: { code: 'NOT_FOUND', message: 'not found' } }, 404));
  return app;
}

export type App = ReturnType<typeof createApp>;

function defaultWebDist(): string | null {
  const dir = fileURLToPath(new URL('../../web/dist', import.meta.url));
  return existsSync(join(dir, 'index.html')) ? dir : null;
}

const MIME: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * The headers every response carries. The content security policy allows scripts from Tollgate
 * itself only (the web app and the API docs have no inline script); styles also inline, because
 * the component library writes its styles into <style> elements at run time. Nothing may frame
 * Tollgate. HSTS is sent when Tollgate is served over HTTPS (TOLLGATE_SECURE_COOKIES=true).
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

function securityHeaders(https: boolean) {
  return secureHeaders({
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    xFrameOptions: 'DENY',
    xContentTypeOptions: 'nosniff',
    referrerPolicy: 'same-origin',
    strictTransportSecurity: https ? 'max-age=31536000; includeSubDomains' : false,
    crossOriginOpenerPolicy: 'same-origin',
    crossOriginResourcePolicy: 'same-origin',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [] },
  });
}

/** Serves the built web app; unknown paths get index.html so client-side routes work. */
function mountWeb(app: OpenAPIHono<AppEnv>, dist: string) {
  const root = resolve(dist);
  // Read per page load (it is small): a rebuild of the web app while the server runs takes effect.
  const index = () => readFileSync(join(root, 'index.html'), 'utf8');
  app.get('*', (c) => {
    const path = c.req.path;
    if (path.startsWith('/assets/') || /\.[a-z0-9]+$/i.test(path)) {
      const file = resolve(root, `.${path}`);
      // Only regular files inside the web app's folder; a folder or anything else is not found.
      if (file.startsWith(root + sep) && isFile(file)) {
        const body = readFileSync(file);
        const immutable = path.startsWith('/assets/');
        return c.body(body, 200, {
          'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
          'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        });
      }
      return c.notFound();
    }
    try {
      return c.html(index());
    } catch {
      return c.text('The web app is being rebuilt; reload in a moment.', 503, { 'Retry-After': '5' });
    }
  });
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
