#!/usr/bin/env node
// Builds what `npm start` runs, so that no start has to build: the web app (Vite, into web/dist)
// and the server (the TypeScript sources bundled by esbuild into dist/server). `npm install` and
// `npm ci` run it as the `prepare` script; a failed build fails the install.
//
//   node scripts/build.js            both
//   node scripts/build.js web        the web app only (npm run build:web)
//   node scripts/build.js server     the server only (npm run build:server)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

/**
 * The compiled server sits two folders below the root, as src/app and src/kernel do: the sources
 * find the migrations and the built web app by URLs relative to their own module
 * (`new URL('../../migrations', import.meta.url)`), and those resolve the same from dist/server.
 */
const SERVER_OUT = join(root, 'dist', 'server');
/** Written last: bin/tollgate.js runs the compiled server only while it lists current inputs. */
const MANIFEST = 'manifest.json';

function fail(message) {
  console.error(`\nbuild failed: ${message}\n`);
  process.exit(1);
}

/** True when this install leaves out the dev dependencies (`npm ci --omit=dev`), which hold the build tools. */
function devDependenciesOmitted() {
  const omit = `${process.env.npm_config_omit ?? ''} ${process.env.NODE_ENV === 'production' ? 'dev' : ''}`;
  return omit.split(/[\s,]+/).includes('dev');
}

function resolvable(name) {
  try {
    require.resolve(`${name}/package.json`);
    return true;
  } catch {
    return false;
  }
}

function buildWeb() {
  const started = performance.now();
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.error) fail(`the web app: ${result.error.message}`);
  if (result.status !== 0) fail(`the web app (vite exited with ${result.status ?? result.signal})`);
  if (!existsSync(join(root, 'web', 'dist', 'index.html'))) fail('the web app: vite wrote no web/dist/index.html');
  console.log(`built the web app into web/dist in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function buildServer() {
  const started = performance.now();
  const builtAt = Date.now();
  const { build } = await import('esbuild');
  // Built beside the old one and swapped in whole: a failed build leaves no half of one.
  const staging = `${SERVER_OUT}.building`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  let result;
  try {
    result = await build({
      absWorkingDir: root,
      entryPoints: { cli: 'src/app/cli.ts' },
      outdir: staging,
      bundle: true,
      // The packages load as installed: PGlite finds its WASM beside itself, argon2 its native binary.
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node20.19',
      // The demo seed is imported only when a database is empty: its own chunk.
      splitting: true,
      sourcemap: 'linked',
      sourcesContent: false,
      metafile: true,
      logLevel: 'warning',
    });
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    fail(`the server: ${err.message}`);
  }
  const inputs = Object.keys(result.metafile.inputs)
    .filter((file) => !file.includes('node_modules'))
    .sort();
  writeFileSync(join(staging, MANIFEST), `${JSON.stringify({ builtAt, inputs }, null, 2)}\n`);
  rmSync(SERVER_OUT, { recursive: true, force: true });
  renameSync(staging, SERVER_OUT);
  const ms = Math.round(performance.now() - started);
  console.log(`built the server into ${relative(root, SERVER_OUT)} (${inputs.length} sources) in ${ms} ms`);
}

const asked = process.argv.slice(2);
const unknown = asked.filter((target) => target !== 'web' && target !== 'server');
if (unknown.length) fail(`unknown target ${unknown.join(', ')} (web, server)`);
const targets = asked.length ? asked : ['web', 'server'];

if (!resolvable('vite') || !resolvable('esbuild')) {
  if (devDependenciesOmitted()) {
    // A production install without the build tools: the server runs from its sources through tsx,
    // and the web app has to be built where the dev dependencies are and shipped in web/dist.
    console.log('tollgate: dev dependencies omitted, nothing built (run `npm run build` on a full install)');
    process.exit(0);
  }
  fail('vite or esbuild is not installed: run `npm install` first');
}

if (targets.includes('web')) buildWeb();
if (targets.includes('server')) await buildServer();
