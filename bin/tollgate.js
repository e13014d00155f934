#!/usr/bin/env node
// Runs the compiled server (dist/server, built by `npm install` or `npm run build`) while it is
// newer than every source it was built from; otherwise the TypeScript sources through tsx's
// loader, so that an edited checkout never runs stale code.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function compiledIsCurrent() {
  try {
    const { builtAt, inputs } = JSON.parse(readFileSync(join(root, 'dist', 'server', 'manifest.json'), 'utf8'));
    return inputs.length > 0 && inputs.every((file) => statSync(join(root, file)).mtimeMs <= builtAt);
  } catch {
    // No build, or a source it lists is gone.
    return false;
  }
}

let main;
if (process.env.TOLLGATE_FROM_SOURCE !== 'true' && compiledIsCurrent()) {
  // Stack traces name the TypeScript sources (the build writes linked source maps).
  process.setSourceMapsEnabled(true);
  ({ main } = await import('../dist/server/cli.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/app/cli.ts'));
}
await main(process.argv);
