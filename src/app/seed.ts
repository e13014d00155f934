import type { Database } from '../kernel/db.ts';
import { users } from '../modules/auth/auth.tables.ts';

/** Seeds the demo organisation when the database has no users yet; true when it did. */
export async function seedDemoIfEmpty(database: Database): Promise<boolean> {
  // Every start after the first finds users: it must not pay for loading the demo data and for
  // its argon2 password hash. seedDemo checks again under its lock, for instances starting together.
  const [someone] = await database.db.select({ id: users.id }).from(users).limit(1);
  if (someone) return false;
  const { seedDemo } = await import('../demo/seed-demo.ts');
  return seedDemo(database, { onlyIfEmpty: true });
}
