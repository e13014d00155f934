#!/usr/bin/env node
/**
 * `npm test`: the whole suite in two lanes at once — the browser tests one file at a time (each
 * file drives its own server and Chromium; two of them at once on two cores slow each other down
 * more than they gain) beside the unit and database tests two files at a time (TG_BROWSER_WORKERS
 * and TG_DATABASE_WORKERS change the counts). The browser lane is busy from the first minute to
 * the last instead of waiting behind database files or running two Chromiums; on two cores the
 * lanes end within a minute of each other.
 * Each lane's lines are prefixed with its name; the run ends with the lanes' slowest files and
 * one line `tests: N passed, N failed, N skipped` over both.
 *
 * With arguments it is plain Vitest: `npm test -- --project unit`, `npm test -- src/modules/reports`.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const vitest = [fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url)), 'run'];
const args = process.argv.slice(2);

if (args.length > 0) {
  const child = spawn(process.execPath, [...vitest, ...args], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  const databases = ['--project', 'unit', '--project', 'pglite'];
  if (process.env.TEST_DATABASE_URL) databases.push('--project', 'postgres');
  const lanes = [
    { name: 'database', args: databases, workers: process.env.TG_DATABASE_WORKERS ?? '2' },
    { name: 'browser ', args: ['--project', 'browser'], workers: process.env.TG_BROWSER_WORKERS ?? '1' },
  ];
  const results = await Promise.all(lanes.map(runLane));
  const totals = { passed: 0, failed: 0, skipped: 0 };
  for (const result of results) {
    process.stdout.write(`\n${result.name.trim()} lane: exit ${result.code}, ${result.seconds.toFixed(0)} s\n`);
    process.stdout.write(result.slowest.join('\n'));
    process.stdout.write('\n');
    for (const key of Object.keys(totals)) totals[key] += result.counts?.[key] ?? 0;
  }
  const failed = results.some((r) => r.code !== 0 || !r.counts);
  // A lane that ended without its count line (a crash) counts as a failure.
  if (failed && totals.failed === 0) totals.failed = 1;
  process.stdout.write(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
  process.exit(failed ? 1 : 0);
}

/** Runs one lane, its output prefixed; resolves with its exit code, counts and slowest files. */
function runLane(lane) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...vitest, ...lane.args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TG_TEST_WORKERS: lane.workers },
    });
    let counts = null;
    const slowest = [];
    let inSlowest = false;
    const read = (stream, out) => {
      createInterface({ input: stream }).on('line', (line) => {
        const plain = stripVTControlCharacters(line);
        const count = /^tests: (\d+) passed, (\d+) failed, (\d+) skipped$/.exec(plain);
        if (count) {
          counts = { passed: Number(count[1]), failed: Number(count[2]), skipped: Number(count[3]) };
          return;
        }
        if (plain === 'slowest files:') inSlowest = true;
        else if (inSlowest && /^\s+[\d.]+ s {2}/.test(plain)) slowest.push(plain);
        else inSlowest = false;
        out.write(`[${lane.name}] ${line}\n`);
      });
    };
    read(child.stdout, process.stdout);
    read(child.stderr, process.stderr);
    child.on('exit', (code, signal) =>
      resolve({
        name: lane.name,
        code: code ?? (signal ? 1 : 0),
        counts,
        slowest,
        seconds: (Date.now() - started) / 1000,
      }),
    );
  });
}
