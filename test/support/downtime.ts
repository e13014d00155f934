import { sql } from 'drizzle-orm';
import type { Database } from '../../src/kernel/db.ts';

/**
 * Makes the schedule `name` look as if a runner last enqueued it two days ago and none ran since:
 * Tollgate was down. graphile-worker's known crontabs on PostgreSQL, job_schedules on PGlite.
 */
export async function downForTwoDays(database: Database, name: string): Promise<void> {
  if (database.kind === 'postgres') {
    await database.db.execute(sql`
      update graphile_worker._private_known_crontabs
      set known_since = now() - interval '3 days', last_execution = now() - interval '2 days'
      where identifier = ${name}`);
  } else {
    await database.db.execute(sql`
      update job_schedules set known_since = now() - interval '3 days', last_period_at = now() - interval '2 days'
      where name = ${name}`);
  }
}
