import { type ChildProcess, spawn } from 'node:child_process';
import { type Server, type Socket, createServer, connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../support/database.ts';

/**
 * PostgreSQL drops connections under Tollgate (pg_terminate_backend, a restart, a failover):
 * the request in flight fails with a clean 503, nothing is half-applied, the pool opens new
 * connections, and the process never exits. Real server processes, on PostgreSQL only.
 */

const onPostgres = process.env.TG_TEST_DB === 'postgres' && Boolean(process.env.TEST_DATABASE_URL);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WAIT_MS = 90_000;

interface Instance {
  child: ChildProcess;
  base: string;
  output: string[];
}

async function startInstance(databaseUrl: string): Promise<Instance> {
  const child = spawn(process.execPath, ['bin/tollgate.js', 'serve', '--no-seed'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within ${WAIT_MS} ms:\n${output.join('')}`)), WAIT_MS);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      const match = /on (http:\/\/localhost:\d+)/.exec(output.join(''));
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before listening:\n${output.join('')}`));
    });
  });
  return { child, base, output };
}

async function stopInstance(instance: Instance | undefined) {
  if (!instance || instance.child.exitCode !== null) return;
  const exited = new Promise((resolve) => instance.child.once('exit', resolve));
  instance.child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
  if (instance.child.exitCode === null) instance.child.kill('SIGKILL');
}

/** A signed-in HTTP client of one instance (cookie and CSRF header, as the web app sends them). */
class Client {
  private cookie = '';
  private csrf = '';
  constructor(readonly base: string) {}

  async signIn(email: string) {
    const res = await this.send('POST', '/api/v1/auth/login', { email, password: 'tollgate-demo' });
    if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  }

  async send(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf) headers['x-csrf-token'] = this.csrf;
    const res = await fetch(this.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
    if (cookies.length) {
      this.cookie = cookies.join('; ');
      const csrf = cookies.find((c) => c.startsWith('tg_csrf='));
      if (csrf) this.csrf = decodeURIComponent(csrf.slice('tg_csrf='.length));
    }
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }
}

async function until(what: string, check: () => Promise<boolean>) {
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function health(instance: Instance): Promise<number> {
  try {
    return (await fetch(`${instance.base}/api/health`)).status;
  } catch {
    return 0;
  }
}

describe.skipIf(!onPostgres)('a dropped database connection', () => {
  let database: TestDatabase;
  const instances: Instance[] = [];

  beforeAll(async () => {
    database = await testDatabase({ demo: true });
  });

  afterAll(async () => {
    await Promise.all(instances.map(stopInstance));
    await database?.close();
  });

  it('under load fails the requests in flight with 503, applies nothing half, and both instances carry on', {
    timeout: 240_000,
  }, async () => {
    instances.push(await startInstance(database.url!), await startInstance(database.url!));
    const clients: Client[] = [];
    for (let i = 0; i < 6; i++) {
      const client = new Client(instances[i % 2]!.base);
      await client.signIn('pm@example.com');
      clients.push(client);
    }
    const replies: { status: number; body: any }[] = [];
    let stop = false;
    const load = clients.map(async (client, c) => {
      for (let i = 0; !stop; i++) {
        // A refused connection (the instance died) is recorded as status 0 and fails the test below.
        replies.push(
          await client.send('POST', '/api/v1/requests', { title: `drop-test ${c}-${i}` }).catch((err: Error) => {
            stop = true;
            return { status: 0, body: { error: { code: 'NO_ANSWER', message: err.message } } };
          }),
        );
      }
    });

    const killer = new pg.Client({ connectionString: database.url });
    await killer.connect();
    let terminated = 0;
    try {
      await until('some requests to succeed', async () => stop || replies.some((r) => r.status === 201));
      // Terminate every connection of the instances, again and again, until requests in flight failed.
      for (let round = 0; round < 40 && !replies.some((r) => r.status === 503); round++) {
        const { rows } = await killer.query(
          'SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
        );
        terminated += Number(rows[0].n);
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      const failedAt = replies.length;
      await until(
        'requests to succeed again after the last drop',
        async () => stop || replies.slice(failedAt).some((r) => r.status === 201),
      );
    } finally {
      stop = true;
      await Promise.all(load);
    }

    expect(terminated).toBeGreaterThan(0);
    const statuses = [...new Set(replies.map((r) => r.status))].sort();
    expect(statuses).toEqual([201, 503]);
    for (const failed of replies.filter((r) => r.status === 503)) {
      expect(failed.body.error.code).toBe('DATABASE_UNAVAILABLE');
    }
    for (const instance of instances) {
      expect(instance.child.exitCode, instance.output.join('')).toBeNull();
      expect(await health(instance)).toBe(200);
      expect(instance.output.join('')).not.toMatch(/Unhandled 'error' event|unhandled error/);
    }

    // Nothing half-applied: every request written has its audit event, every 201 names a written one.
    const { rows: orphans } = await killer.query(
      `SELECT count(*) AS n FROM initiation_requests r WHERE r.title LIKE 'drop-test %'
         AND NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.entity_type = 'request' AND e.entity_id = r.id::text)`,
    );
    expect(Number(orphans[0].n)).toBe(0);
    const { rows: written } = await killer.query("SELECT id::text AS id FROM initiation_requests WHERE title LIKE 'drop-test %'");
    const ids = new Set(written.map((r: { id: string }) => r.id));
    for (const ok of replies.filter((r) => r.status === 201)) expect(ids.has(ok.body.id)).toBe(true);
    await killer.end();
  });

  it('when the server goes away, health answers 503 and writes 503; when it is back, Tollgate reconnects by itself', {
    timeout: 240_000,
  }, async () => {
    const target = new URL(database.url!);
    const sockets = new Set<Socket>();
    const listen = (port: number) =>
      new Promise<Server>((resolve) => {
        const proxy = createServer((socket) => {
          const upstream = connect(Number(target.port || 5432), target.hostname);
          sockets.add(socket).add(upstream);
          socket.pipe(upstream).pipe(socket);
          const close = () => {
            socket.destroy();
            upstream.destroy();
          };
          socket.on('error', close).on('close', close);
          upstream.on('error', close).on('close', close);
        });
        proxy.listen(port, '127.0.0.1', () => resolve(proxy));
      });
    let proxy = await listen(0);
    const port = (proxy.address() as { port: number }).port;
    const proxied = new URL(database.url!);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(port);
    const instance = await startInstance(proxied.toString());
    instances.push(instance);
    const client = new Client(instance.base);
    await client.signIn('pm@example.com');
    expect((await client.send('POST', '/api/v1/requests', { title: 'drop-test before the outage' })).status).toBe(201);

    // The database goes away: every connection is cut and no new one is accepted.
    await new Promise<void>((resolve) => {
      proxy.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
    await until('health to answer 503', async () => (await health(instance)) === 503);
    const during = await client.send('POST', '/api/v1/requests', { title: 'drop-test during the outage' });
    expect([during.status, during.body.error.code]).toEqual([503, 'DATABASE_UNAVAILABLE']);
    expect(instance.child.exitCode).toBeNull();

    // It comes back on the same address.
    proxy = await listen(port);
    try {
      await until('health to answer 200 again', async () => (await health(instance)) === 200);
      expect((await client.send('POST', '/api/v1/requests', { title: 'drop-test after the outage' })).status).toBe(201);
      expect(instance.output.join('')).not.toMatch(/Unhandled 'error' event/);
    } finally {
      await stopInstance(instance);
      await new Promise<void>((resolve) => {
        proxy.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    }
    const { rows } = (await database.db.execute(
      sql`SELECT title FROM initiation_requests WHERE title LIKE 'drop-test % the outage' ORDER BY title`,
    )) as unknown as { rows: { title: string }[] };
    expect(rows.map((r) => r.title)).toEqual(['drop-test after the outage', 'drop-test before the outage']);
  });
});
