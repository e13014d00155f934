import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/support/database.ts';
import type { Database } from '../kernel/db.ts';
import { seedDemoIfEmpty } from './seed.ts';

async function userCount(database: Database): Promise<number> {
  const { rows } = (await database.db.execute(sql`SELECT count(*) AS n FROM users`)) as unknown as { rows: { n: unknown }[] };
  return Number(rows[0]?.n ?? 0);
}

describe('seedDemoIfEmpty', () => {
  it('seeds an empty database once, and leaves it alone on every start after', async () => {
    const database = await testDatabase();
    try {
      expect(await userCount(database)).toBe(0);
      expect(await seedDemoIfEmpty(database)).toBe(true);
      const seeded = await userCount(database);
      expect(seeded).toBeGreaterThan(5);
      expect(await seedDemoIfEmpty(database)).toBe(false);
      expect(await userCount(database)).toBe(seeded);
    } finally {
      await database.close();
    }
  });

  it('does not seed a database that has any user, demo or not', async () => {
    const database = await testDatabase();
    try {
      await database.db.execute(
        sql`INSERT INTO users (email, display_name, password_hash) VALUES ('only@example.com', 'Only one', 'x')`,
      );
      expect(await seedDemoIfEmpty(database)).toBe(false);
      expect(await userCount(database)).toBe(1);
    } finally {
      await database.close();
    }
  });
});
