#!/usr/bin/env node
// The browser tests call this before they start a server: it builds the web app when web/dist is
// missing or older than its sources, so that a test never drives a stale build. `npm start` does not
// build (`npm install` did; after a change, `npm run build:web`).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = join(root, 'web', 'dist', 'index.html');

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

const sources = [join(root, 'web', 'src'), join(root, 'web', 'index.html'), join(root, 'web', 'vite.config.ts')].filter(
  existsSync,
);
const stale = !existsSync(built) || sources.some((s) => newest(s) > statSync(built).mtimeMs);
if (stale) {
  console.log('building the web app (its sources changed since the last build)…');
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'build.js'), 'web'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
