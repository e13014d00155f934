import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase } from '../../src/kernel/db.ts';
import { MIGRATIONS_FOLDER, runMigrations } from '../../src/kernel/migrate.ts';

export const TMP_DIR = join(import.meta.dirname, '..', '..', '.tmp');

/** Templates are rebuilt whenever a migration or any source the seed runs through changes. */
function sourcesDigest(): string {
  const h = createHash('sha256');
  for (const f of readdirSync(MIGRATIONS_FOLDER).sort()) {
    if (f.endsWith('.sql')) h.update(readFileSync(join(MIGRATIONS_FOLDER, f)));
  }
  const src = join(import.meta.dirname, '..', '..', 'src');
  for (const entry of readdirSync(src, { recursive: true, encoding: 'utf8' }).sort()) {
    if (entry.endsWith('.ts') && !entry.endsWith('.test.ts')) h.update(entry).update(readFileSync(join(src, entry)));
  }
  // The demo's dates follow the day it is seeded (src/demo/demo-calendar.ts): a template holds one day's.
  h.update(new Date().toISOString().slice(0, 10));
  return h.digest('hex').slice(0, 12);
}

async function seed(database: Awaited<ReturnType<typeof openDatabase>>) {
  const { seedDemo } = await import('../../src/demo/seed-demo.ts');
  await seedDemo(database);
}

/** A migrated (and optionally demo-seeded) PGlite, dumped once to a file that tests load. */
export async function buildPgliteTemplate(demo: boolean): Promise<string> {
  mkdirSync(TMP_DIR, { recursive: true });
  const file = join(TMP_DIR, `pglite-${demo ? 'demo' : 'empty'}-${sourcesDigest()}.tar.gz`);
  if (existsSync(file)) return file;
  const database = await openDatabase({});
  await runMigrations(database);
  if (demo) await seed(database);
  const client = (database.db as unknown as { $client: { dumpDataDir(c: string): Promise<Blob> } }).$client;
  const dump = await client.dumpDataDir('gzip');
  await database.close();
  const partial = `${file}.${process.pid}.part`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, file);
  return file;
}

export function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A migrated (and optionally seeded) PostgreSQL database that test databases are copied from. */
export async function buildPostgresTemplate(baseUrl: string, demo: boolean, runId: string): Promise<string> {
  const name = `tg_tpl_${demo ? 'demo' : 'empty'}_${runId}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = databaseUrl(baseUrl, name);
  const database = await openDatabase({ databaseUrl: url, poolSize: 2 });
  await runMigrations(database, url);
  if (demo) await seed(database);
  await database.close();
  return name;
}

/** Drops the databases named `prefix…` (compared literally: `_` is no wildcard), or exactly `prefix`. */
export async function dropPostgresDatabases(baseUrl: string, prefix: string, options: { exact?: boolean } = {}): Promise<void> {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      options.exact
        ? 'SELECT datname FROM pg_database WHERE datname = $1'
        : 'SELECT datname FROM pg_database WHERE left(datname, length($1)) = $1',
      [prefix],
    );
    for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
