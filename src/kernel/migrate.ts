import { fileURLToPath } from 'node:url';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Database } from './db.ts';
import { migrateJobQueue } from './jobs.ts';
import type { PgliteDatabase } from 'drizzle-orm/pglite';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url));

/** Any number that all Tollgate instances agree on, to serialise their migrations. */
const MIGRATION_LOCK_KEY = 7_406_101;

/**
 * Applies pending migrations. On PostgreSQL several instances may start at once, so the
 * migration runs on its own connection under an advisory lock: the first one migrates, the
 * others wait and then find nothing to do.
 */
export async function runMigrations(database: Database, databaseUrl?: string): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder: MIGRATIONS_FOLDER });
    return;
  }
  if (!databaseUrl) throw new Error('runMigrations on PostgreSQL needs the database URL');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SET client_min_messages TO warning');
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migratePg(drizzlePg(client, { casing: 'snake_case' }), { migrationsFolder: MIGRATIONS_FOLDER });
      // graphile-worker's schema (graphile_worker), where jobs are queued on PostgreSQL.
      await migrateJobQueue(database);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}
