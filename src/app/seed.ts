import type { Database } from '../kernel/db.ts';

/** Seeds the demo organisation when the database has no users yet; true when it did. */
export async function seedDemoIfEmpty(database: Database): Promise<boolean> {
  const { seedDemo } = await import('../demo/seed-demo.ts');
  return seedDemo(database, { onlyIfEmpty: true });
}
