import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../support/database.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const onPostgres = process.env.TG_TEST_DB === 'postgres';
/** Generous: a first start on PGlite creates, migrates and seeds the database on a busy machine. */
const START_MS = 180_000;
const STOP_MS = 60_000;

interface Started {
  npm: ChildProcess;
  /** The server's own process, npm's child. */
  serverPid: number;
  port: number;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Ends what a test started, so that a failed test leaves no process behind. */
const leftovers: (() => void)[] = [];

/** `npm start` as a person runs it, on PORT=0 (the server names the port it got). */
function npmStart(env: Record<string, string | undefined>): Promise<Started> {
  const npm = spawn('npm', ['start'], {
    cwd: ROOT,
    env: { ...process.env, npm_config_update_notifier: 'false', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  leftovers.push(() => {
    if (npm.exitCode === null && npm.signalCode === null) npm.kill('SIGKILL');
  });
  let output = '';
  npm.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  npm.stderr!.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    npm.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      npm.kill('SIGKILL');
      reject(new Error(`npm start did not listen within ${START_MS} ms:\n${output}`));
    }, START_MS);
    const onData = () => {
      const port = /on http:\/\/localhost:(\d+)/.exec(output)?.[1];
      if (!port) return;
      clearTimeout(timer);
      npm.stdout!.off('data', onData);
      const serverPid = childOf(npm.pid!);
      leftovers.push(() => {
        if (isAlive(serverPid) && commandOf(serverPid).includes('tollgate.js')) process.kill(serverPid, 'SIGKILL');
      });
      resolve({ npm, serverPid, port: Number(port), output: () => output, exited });
    };
    npm.stdout!.on('data', onData);
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited (${code ?? signal}) before listening:\n${output}`));
    });
  });
}

/** The one child of a process (`ps` on Linux). */
function childOf(pid: number): number {
  const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
    .split('\n')
    .map((line) => Number(line.trim()))
    .filter((n) => n > 0);
  expect(children, `children of npm (${pid})`).toHaveLength(1);
  return children[0]!;
}

function commandOf(pid: number): string {
  return execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).trim();
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function expectServing(port: number) {
  const health = await fetch(`http://127.0.0.1:${port}/api/health`);
  expect(health.status).toBe(200);
  expect(await health.json()).toMatchObject({ status: 'ok', database: onPostgres ? 'postgres' : 'pglite' });
  const page = await fetch(`http://127.0.0.1:${port}/`);
  expect(page.status, 'GET / (the web app is built by `npm install`, or `npm run build:web`)').toBe(200);
  expect(await page.text()).toContain('<div id="root">');
}

async function stopAndExpectGone(started: Started, signal: NodeJS.Signals, target: 'npm' | 'server') {
  process.kill(target === 'npm' ? started.npm.pid! : started.serverPid, signal);
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(
      () => reject(new Error(`npm start did not exit within ${STOP_MS} ms of ${signal}:\n${started.output()}`)),
      STOP_MS,
    ),
  );
  const { code } = await Promise.race([started.exited, timeout]);
  // The server stopped cleanly and npm reported its exit: no process is left behind.
  expect(code, started.output()).toBe(0);
  expect(started.output()).toContain(`${signal}: shutting down`);
  expect(isAlive(started.serverPid)).toBe(false);
  await expect(fetch(`http://127.0.0.1:${started.port}/api/health`)).rejects.toThrow();
}

describe('npm start', () => {
  let dataRoot: string;
  let database: TestDatabase | undefined;
  let env: Record<string, string | undefined>;
  const lockFile = () => join(dataRoot, 'data.lock');

  beforeAll(async () => {
    dataRoot = mkdtempSync(join(tmpdir(), 'tollgate-start-'));
    if (onPostgres) {
      database = await testDatabase({ demo: true });
      env = { DATABASE_URL: database.url, TOLLGATE_DATA: join(dataRoot, 'data') };
    } else {
      env = { DATABASE_URL: undefined, TOLLGATE_DATA: join(dataRoot, 'data') };
    }
  }, START_MS);
  afterEach(() => {
    for (const end of leftovers.splice(0)) end();
  });
  afterAll(async () => {
    await database?.close();
    rmSync(dataRoot, { recursive: true, force: true });
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(
      `is one server process that stops on ${signal} sent to npm, releases the data, and starts again`,
      async () => {
        const first = await npmStart(env);
        // npm runs the server itself, with no shell between them to swallow the signal.
        expect(commandOf(first.serverPid)).toMatch(/^node \S*bin\/tollgate\.js serve/);
        await expectServing(first.port);
        if (!onPostgres) expect(Number(readFileSync(lockFile(), 'utf8'))).toBe(first.serverPid);
        await stopAndExpectGone(first, signal, 'npm');
        if (!onPostgres) expect(existsSync(lockFile())).toBe(false);

        const second = await npmStart(env);
        await expectServing(second.port);
        await stopAndExpectGone(second, signal, 'npm');
        if (!onPostgres) expect(existsSync(lockFile())).toBe(false);
      },
      3 * START_MS,
    );

    it(
      `stops on ${signal} sent to the server's own process, and npm exits with it`,
      async () => {
        const started = await npmStart(env);
        await expectServing(started.port);
        await stopAndExpectGone(started, signal, 'server');
        if (!onPostgres) expect(existsSync(lockFile())).toBe(false);
      },
      2 * START_MS,
    );
  }
});
