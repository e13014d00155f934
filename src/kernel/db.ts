import { mkdirSync, openSync, closeSync, writeSync, readFileSync, unlinkSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import pg from 'pg';

/** The drizzle database, the same type on PGlite and on PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, Record<string, any>>;
/** A transaction handle; every write of a use case goes through one. */
export type Tx = PgTransaction<PgQueryResultHKT, Record<string, any>, ExtractTablesWithRelations<Record<string, any>>>;
/** Anything queries can run on: the database or an open transaction. */
export type Queryable = Db | Tx;

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  kind: DatabaseKind;
  /** Raw SQL for migrations and tooling, outside drizzle. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string;
  /** Directory for PGlite; omitted means in memory. */
  dataDir?: string;
  /** A PGlite data dump (from dumpDataDir) to start from, used by the test template. */
  loadDataDir?: Blob | File;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPglite(options.dataDir, options.loadDataDir);
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    // A server that is down or unreachable answers within seconds, not never: the request gets
    // a 503 and the next one tries again.
    connectionTimeoutMillis: 5_000,
  });
  // The server may drop any connection (restart, failover, pg_terminate_backend). The pool
  // listens on idle ones only, and a checked-out client with no listener would crash the process
  // with an unhandled 'error' event; so every client gets a listener for life. The query in
  // flight is rejected on its own (its transaction is rolled back by the server), the broken
  // client is not returned to the pool, and the next query opens a new connection.
  pool.on('connect', (client) => {
    client.on('error', (err) => {
      console.warn(`PostgreSQL dropped a connection in use: ${describeDbError(err)}`);
    });
  });
  pool.on('error', (err) => {
    console.warn(`PostgreSQL dropped an idle connection: ${describeDbError(err)}`);
  });
  // Fail fast with a clear message when the server is not reachable at start.
  const client = await pool.connect().catch((err: Error) => {
    throw new Error(`cannot connect to DATABASE_URL: ${err.message}`);
  });
  client.release();
  const db = drizzlePg(pool, { casing: 'snake_case' }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    exec: async (sql) => {
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
}

/** The server's words for a connection failure, without any query or its parameters. */
function describeDbError(err: Error): string {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? `${err.message} (${code})` : err.message;
}

async function openPglite(dataDir: string | undefined, loadDataDir?: Blob | File): Promise<Database> {
  let release = () => {};
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    release = acquireLock(dataDir);
  }
  let client: PGlite;
  try {
    // 32 MB of shared buffers instead of PGlite's 128 MB: an embedded database of one PMO does not
    // need more, and it keeps the server under 400 MB. A start parameter, not postgresql.conf, so
    // nothing is written into the data directory.
    client = await PGlite.create({
      dataDir,
      loadDataDir,
      startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'],
    });
  } catch (err) {
    release();
    throw err;
  }
  const db = drizzlePglite(client, { casing: 'snake_case' }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    exec: async (sql) => {
      await client.exec(sql);
    },
    close: async () => {
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}

/** PGlite does not lock its data directory; two processes on one would corrupt it. */
function acquireLock(dataDir: string): () => void {
  const lockPath = join(dataDir, '..', `${dataDir.split(/[\\/]/).pop()}.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = existsSync(lockPath) ? Number(readFileSync(lockPath, 'utf8')) : Number.NaN;
      if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
        throw new DataDirLockedError(dataDir, holder);
      }
      // The process that held the lock is gone (crash, kill -9): take the lock over.
      try {
        unlinkSync(lockPath);
      } catch {
        /* raced with another starter; the next attempt decides */
      }
    }
  }
  throw new DataDirLockedError(dataDir, Number.NaN);
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `the data directory ${dataDir} is in use by another Tollgate process` +
        (Number.isNaN(pid) ? '' : ` (pid ${pid})`) +
        '; stop it first, or set TOLLGATE_DATA to another directory',
    );
    this.name = 'DataDirLockedError';
  }
}
