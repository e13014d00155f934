import type { Database } from '../kernel/db.ts';
import { sql } from 'drizzle-orm';

/** Seeds the demo organisation when the database has no users yet. */
export async function seedDemoIfEmpty(database: Database): Promise<boolean> {
  const { rows } = (await database.db.execute(sql`select count(*) as n from users`)) as unknown as { rows: { n: unknown }[] };
  if (Number(rows[0]?.n ?? 0) > 0) return false;
  const { seedDemo } = await import('../demo/seed-demo.ts');
  await seedDemo(database);
  return true;
}
