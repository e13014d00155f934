import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../../src/app/seed.ts';
import { openDatabase } from '../../src/kernel/db.ts';
import { runMigrations } from '../../src/kernel/migrate.ts';
import { verifyAuditTrail } from '../../src/modules/audit/index.ts';
import { databaseUrl } from '../support/templates.ts';

const baseUrl = process.env.TEST_DATABASE_URL;
const onPostgres = process.env.TG_TEST_DB === 'postgres' && Boolean(baseUrl);

async function admin(statement: string) {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Several Tollgate instances starting together against one new, empty PostgreSQL database. */
describe.skipIf(!onPostgres)('instances side by side on one PostgreSQL', () => {
  const name = `tg_t_instances_${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${name}`);
  });
  afterAll(async () => {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('migrate and seed once when three start at the same moment', async () => {
    const url = databaseUrl(baseUrl!, name);
    const instances = await Promise.all([1, 2, 3].map(() => openDatabase({ databaseUrl: url, poolSize: 2 })));
    try {
      await Promise.all(instances.map((i) => runMigrations(i, url)));
      const seeded = await Promise.all(instances.map((i) => seedDemoIfEmpty(i)));
      expect(seeded.filter(Boolean)).toHaveLength(1);
      const db = instances[0]!.db;
      const { rows } = (await db.execute(
        sql`SELECT count(*) AS n FROM users WHERE email = 'pmo.lead@example.com'`,
      )) as unknown as {
        rows: { n: string }[];
      };
      expect(Number(rows[0]!.n)).toBe(1);
      expect((await verifyAuditTrail(db)).ok).toBe(true);
    } finally {
      await Promise.all(instances.map((i) => i.close()));
    }
  });
});
