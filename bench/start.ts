/**
 * A warm start to the first page, and the server's memory, against two baselines started the same
 * way in the same run:
 *  - bare node: `node -e` with an HTTP server answering /api/health and / (web/dist/index.html),
 *    the floor of any Node server;
 *  - bare PGlite: the same, opening PGlite as it comes on the same data directory and answering
 *    health with `select 1`, the floor of a server on the embedded database.
 * Tollgate is `node bin/tollgate.js serve` (what `npm start` runs), compiled (dist/server, built
 * here first) and from its sources through tsx, on a data directory that a first start migrated
 * and seeded. `npm start` adds npm's own start-up, measured too.
 *
 * First page: from spawning the process until it printed that it listens and answered
 * GET /api/health with 200 and GET / with the web app's index. CPU: the process's user and system
 * time until then (it moves less with the machine's load than the wall time). RSS: the process
 * tree's resident memory after the first page (and VmHWM, its peak). Each is the median of
 * BENCH_STARTS starts (default 5), the kinds taken in turn so that load falls on all alike.
 * Run alone: npm run bench:start
 */
import { type ChildProcessByStdio, execFileSync, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
const LISTENING = /on http:\/\/localhost:(\d+)/;

const BARE_NODE = `
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
const server = createServer((req, res) => {
  if (req.url === '/api/health') { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"status":"ok"}'); return; }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); res.end(readFileSync('web/dist/index.html'));
});
server.listen(Number(process.env.PORT), () => console.log('on http://localhost:' + server.address().port));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

const BARE_PGLITE = `
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
const pg = await PGlite.create({ dataDir: process.env.TOLLGATE_DATA });
const server = createServer(async (req, res) => {
  if (req.url === '/api/health') { await pg.query('select 1'); res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"status":"ok"}'); return; }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); res.end(readFileSync('web/dist/index.html'));
});
server.listen(Number(process.env.PORT), () => console.log('on http://localhost:' + server.address().port));
process.on('SIGTERM', () => server.close(async () => { await pg.close(); process.exit(0); }));
`;

interface Kind {
  label: string;
  command: string[];
  env?: Record<string, string>;
}

interface Sample {
  firstPageMs: number;
  cpuMs: number;
  rssMb: number;
  peakMb: number;
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${field}:`));
    return Number(line?.split(/\s+/)[1] ?? 0);
  } catch {
    return 0;
  }
}

function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command (which may hold spaces) in parentheses: utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/** The process and its descendants (npm runs the server as its child; tsx may start esbuild). */
function tree(pid: number): number[] {
  let children: number[] = [];
  try {
    children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((l) => Number(l.trim()))
      .filter((n) => n > 0);
  } catch {
    /* no children */
  }
  return [pid, ...children.flatMap(tree)];
}

async function startOnce(kind: Kind, dataDir: string): Promise<Sample> {
  const started = performance.now();
  const child = spawn(kind.command[0]!, kind.command.slice(1), {
    cwd: ROOT,
    // Always the embedded database, also when the other benchmarks run on DATABASE_URL.
    env: {
      ...process.env,
      npm_config_update_notifier: 'false',
      PORT: '0',
      TOLLGATE_DATA: dataDir,
      DATABASE_URL: '',
      ...kind.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    return await measure(kind, child, started, () => output, exited);
  } catch (err) {
    // A failed start leaves nothing running: the process and its children are ended.
    for (const pid of tree(child.pid!).reverse()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    throw err;
  }
}

async function measure(
  kind: Kind,
  child: ChildProcessByStdio<null, Readable, Readable>,
  started: number,
  output: () => string,
  exited: Promise<number | null>,
): Promise<Sample> {
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind.label} did not listen in 120 s:\n${output()}`)), 120_000);
    child.stdout.on('data', () => {
      const found = LISTENING.exec(output())?.[1];
      if (found) {
        clearTimeout(timer);
        resolve(Number(found));
      }
    });
    exited.then((code) => reject(new Error(`${kind.label} exited (${code}) before listening:\n${output()}`)));
  });
  const health = await fetch(`http://127.0.0.1:${port}/api/health`);
  if (health.status !== 200) throw new Error(`${kind.label}: GET /api/health answered ${health.status}`);
  await health.text();
  const page = await fetch(`http://127.0.0.1:${port}/`);
  const body = await page.text();
  if (page.status !== 200 || !body.includes('<div id="root">'))
    throw new Error(`${kind.label}: GET / answered ${page.status}, not the web app`);
  const firstPageMs = performance.now() - started;
  const pids = tree(child.pid!);
  const sample = {
    firstPageMs,
    cpuMs: pids.reduce((sum, pid) => sum + cpuMs(pid), 0),
    rssMb: pids.reduce((sum, pid) => sum + statusKb(pid, 'VmRSS'), 0) / 1024,
    peakMb: pids.reduce((sum, pid) => sum + statusKb(pid, 'VmHWM'), 0) / 1024,
  };
  child.kill('SIGTERM');
  const code = await exited;
  if (code !== 0) throw new Error(`${kind.label} exited with ${code} on SIGTERM:\n${output()}`);
  return sample;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function benchStart(options: { starts?: number } = {}): Promise<void> {
  const starts = options.starts ?? Number(process.env.BENCH_STARTS ?? 5);
  if (!existsSync(join(ROOT, 'web', 'dist', 'index.html'))) {
    throw new Error('the start benchmark serves the built web app: run `npm run build:web` first');
  }
  execFileSync(process.execPath, ['scripts/build.js', 'server'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const dataRoot = mkdtempSync(join(tmpdir(), 'tollgate-bench-start-'));
  const dataDir = join(dataRoot, 'data');
  const tollgate: Kind = { label: 'tollgate (compiled)', command: [process.execPath, 'bin/tollgate.js', 'serve'] };
  const kinds: Kind[] = [
    { label: 'baseline: bare node', command: [process.execPath, '--input-type=module', '-e', BARE_NODE] },
    { label: 'baseline: bare PGlite', command: [process.execPath, '--input-type=module', '-e', BARE_PGLITE] },
    tollgate,
    {
      label: 'tollgate (sources via tsx)',
      command: [process.execPath, 'bin/tollgate.js', 'serve'],
      env: { TOLLGATE_FROM_SOURCE: 'true' },
    },
    { label: 'npm start (compiled)', command: ['npm', 'start', '--silent'] },
  ];
  try {
    const first = await startOnce(tollgate, dataDir);
    console.log(`\nStart-up, ${starts} warm starts each (median); a first start on an empty data directory:`);
    console.log(`first start (migrate + seed demo)   ${first.firstPageMs.toFixed(0).padStart(6)} ms to the first page`);
    const samples = new Map<string, Sample[]>(kinds.map((k) => [k.label, []]));
    for (let i = 0; i < starts; i++) {
      for (const kind of kinds) samples.get(kind.label)!.push(await startOnce(kind, dataDir));
    }
    const summary = new Map<string, Sample>();
    console.log(`${''.padEnd(30)} ${'first page'.padStart(10)} ${'CPU'.padStart(8)} ${'RSS'.padStart(8)} ${'peak'.padStart(8)}`);
    for (const kind of kinds) {
      const list = samples.get(kind.label)!;
      const m: Sample = {
        firstPageMs: median(list.map((s) => s.firstPageMs)),
        cpuMs: median(list.map((s) => s.cpuMs)),
        rssMb: median(list.map((s) => s.rssMb)),
        peakMb: median(list.map((s) => s.peakMb)),
      };
      summary.set(kind.label, m);
      console.log(
        `${kind.label.padEnd(30)} ${`${m.firstPageMs.toFixed(0)} ms`.padStart(10)} ${`${m.cpuMs.toFixed(0)} ms`.padStart(8)} ` +
          `${`${m.rssMb.toFixed(0)} MB`.padStart(8)} ${`${m.peakMb.toFixed(0)} MB`.padStart(8)}`,
      );
    }
    const t = summary.get(tollgate.label)!;
    const ratio = (base: string) => {
      const b = summary.get(base)!;
      return `first page ${(t.firstPageMs / b.firstPageMs).toFixed(2)}×, CPU ${(t.cpuMs / b.cpuMs).toFixed(2)}×, RSS ${(t.rssMb / b.rssMb).toFixed(2)}×`;
    };
    console.log(`\nwarm start, compiled / bare node:   ${ratio('baseline: bare node')}`);
    console.log(`warm start, compiled / bare PGlite: ${ratio('baseline: bare PGlite')}`);
  } finally {
    rmSync(dataRoot, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchStart();
