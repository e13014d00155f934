import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app/http.ts';
import { loadConfig } from '../../src/kernel/config.ts';
import { type Database, openDatabase } from '../../src/kernel/db.ts';
import { THROTTLE_RULES } from '../../src/modules/auth/auth.throttle.ts';
import { ORG_TEST_PASSWORD, makeUser } from '../support/factories-org.ts';
import { type TestDatabase, testDatabase } from '../support/database.ts';
import type { TestApp } from '../support/http.ts';

const onPostgres = process.env.TG_TEST_DB === 'postgres' && Boolean(process.env.TEST_DATABASE_URL);

/**
 * Two Tollgate instances, each with its own connection pool, on one PostgreSQL: the sign-in
 * throttle is counted in the database, so attempts spread over both count together.
 */
describe.skipIf(!onPostgres)('the sign-in throttle across two instances on one PostgreSQL', () => {
  let database: TestDatabase;
  let second: Database;
  let instances: TestApp[];

  beforeAll(async () => {
    database = await testDatabase();
    second = await openDatabase({ databaseUrl: database.url!, poolSize: 4 });
    const config = { ...loadConfig({}), port: 0, trustProxy: 1 };
    instances = [database, second].map((db) => createApp({ database: db, config }, { webDist: null }));
  });

  afterAll(async () => {
    await second?.close();
    await database?.close();
  });

  async function attempt(instance: TestApp, email: string, password: string, address: string): Promise<number> {
    const res = await instance.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify({ email, password }),
    });
    await res.arrayBuffer();
    return res.status;
  }

  function tally(codes: number[]): Record<number, number> {
    const counts: Record<number, number> = {};
    for (const code of codes) counts[code] = (counts[code] ?? 0) + 1;
    return counts;
  }

  it('verifies exactly 5 of 60 simultaneous attempts from one address, half on each instance', async () => {
    const user = await makeUser(database.db, { personId: null });
    const codes = await Promise.all(
      Array.from({ length: 60 }, (_, i) => attempt(instances[i % 2]!, user.email, `wrong-${i}`, '198.51.100.7')),
    );
    expect(tally(codes)).toEqual({ 401: THROTTLE_RULES.pair.delayFrom, 429: 60 - THROTTLE_RULES.pair.delayFrom });
    // Both instances refuse the right password from there now.
    for (const instance of instances) expect(await attempt(instance, user.email, ORG_TEST_PASSWORD, '198.51.100.7')).toBe(429);
  });

  it('verifies exactly 10 of 60 simultaneous attempts on one account from 60 addresses', async () => {
    const user = await makeUser(database.db, { personId: null });
    const codes = await Promise.all(
      Array.from({ length: 60 }, (_, i) => attempt(instances[i % 2]!, user.email, `guess-${i}`, `203.0.113.${i + 1}`)),
    );
    expect(tally(codes)).toEqual({ 401: THROTTLE_RULES.account.delayFrom, 429: 60 - THROTTLE_RULES.account.delayFrom });
  });
});
