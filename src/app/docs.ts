import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
// The package's folder, found without running its 1.5 MB browser bundle in Node.
const swaggerDir = dirname(require.resolve('swagger-ui-dist/package.json'));

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

/** Swagger UI, served from the installed package so the docs page works offline. */
export function swaggerAsset(file: string): Response | null {
  const type = ASSETS[file];
  if (!type) return null;
  return new Response(readFileSync(join(swaggerDir, file)), {
    headers: { 'Content-Type': type, 'Cache-Control': 'public, max-age=86400' },
  });
}

export function docsPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Tollgate API</title>
  <link rel="icon" href="/api/docs/assets/favicon-32x32.png">
  <link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
  <div id="docs" data-spec="/api/openapi.json"></div>
  <script src="/api/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/api/docs/init.js"></script>
</body>
</html>`;
}

/** The docs page's start-up script, served as a file: the content security policy allows no inline script. */
export function docsScript(): string {
  return `window.ui = SwaggerUIBundle({
  url: document.getElementById('docs').dataset.spec,
  dom_id: '#docs',
  deepLinking: true,
  persistAuthorization: true,
  requestInterceptor: (req) => {
    const csrf = document.cookie.split('; ').find((c) => c.startsWith('tg_csrf='));
    if (csrf) req.headers['X-CSRF-Token'] = decodeURIComponent(csrf.slice(8));
    return req;
  },
});
`;
}
