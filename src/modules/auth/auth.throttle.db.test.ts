import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app/http.ts';
import { ORG_TEST_PASSWORD, makeUser } from '../../../test/support/factories-org.ts';
import { type TestDatabase, testDatabase } from '../../../test/support/database.ts';
import type { TestApp } from '../../../test/support/http.ts';
import { loadConfig } from '../../kernel/config.ts';
import { THROTTLE_RULES } from './auth.throttle.ts';

/**
 * Sign-in throttling over HTTP. The app trusts one proxy, so each test picks its own client
 * addresses through X-Forwarded-For and no test's failures count against another's.
 */

let database: TestDatabase;
let app: TestApp;

const PAIR = THROTTLE_RULES.pair.delayFrom;
const ACCOUNT = THROTTLE_RULES.account.delayFrom;
const ADDRESS = THROTTLE_RULES.address.delayFrom;

let lastOctet = 0;
/** A client address no other test uses. */
function newAddress(): string {
  lastOctet++;
  return `10.${Math.floor(lastOctet / 250) % 250}.${lastOctet % 250}.${Math.floor(Math.random() * 250) + 1}`;
}

async function rows<T = Record<string, unknown>>(query: SQL): Promise<T[]> {
  return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

interface Reply {
  status: number;
  body: { error?: { code: string; message: string; details?: { retryAfterSeconds?: number } } } & Record<string, unknown>;
  retryAfter: string | null;
  cookie: string;
  csrf: string;
}

async function send(path: string, body: unknown, address: string, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address, ...headers },
    body: JSON.stringify(body),
  });
  const pairs = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const csrf = pairs.find((c) => c.startsWith('tg_csrf='));
  return {
    status: res.status,
    body: (await res.json()) as Reply['body'],
    retryAfter: res.headers.get('retry-after'),
    cookie: pairs.join('; '),
    csrf: csrf ? decodeURIComponent(csrf.slice('tg_csrf='.length)) : '',
  };
}

function signIn(email: string, password: string, address: string) {
  return send('/api/v1/auth/login', { email, password }, address);
}

/** The wait of one counter ends now, as if its time had passed. */
async function endWait(key: string) {
  await database.db.execute(sql`update sign_in_throttle set blocked_until = now() - interval '1 second' where key = ${key}`);
}

/** Every wait on an account and an address ends now. */
async function endWaits(email: string, address: string) {
  await database.db.execute(
    sql`update sign_in_throttle set blocked_until = now() - interval '1 second' where account = ${email} or key = ${`address:${address}`}`,
  );
}

function statuses(replies: Reply[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const r of replies) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

function expectRefused(reply: Reply, atMostSeconds: number) {
  expect(reply.status).toBe(429);
  expect(reply.body.error!.code).toBe('TOO_MANY_ATTEMPTS');
  const seconds = reply.body.error!.details!.retryAfterSeconds!;
  expect(seconds).toBeGreaterThan(0);
  expect(seconds).toBeLessThanOrEqual(atMostSeconds);
  expect(reply.retryAfter).toBe(String(seconds));
  expect(reply.cookie).toBe('');
}

beforeAll(async () => {
  database = await testDatabase();
  app = createApp({ database, config: { ...loadConfig({}), port: 0, trustProxy: 1 } }, { webDist: null });
});

afterAll(async () => {
  await database?.close();
});

describe('one address on one account', () => {
  it('waits 2^n seconds after the 5th failure, growing with each failure, and starts afresh after a success', async () => {
    const user = await makeUser(database.db, { personId: null });
    const here = newAddress();
    for (let i = 1; i <= PAIR; i++) expect((await signIn(user.email, `wrong-${i}`, here)).status).toBe(401);
    // Even the right password waits now, from this address.
    expectRefused(await signIn(user.email, ORG_TEST_PASSWORD, here), 32);
    // Another address is not held back: the account is not locked.
    expect((await signIn(user.email, ORG_TEST_PASSWORD, newAddress())).status).toBe(200);

    const pairKey = `pair:${here}|${user.email}`;
    await endWait(pairKey);
    expect((await signIn(user.email, 'wrong-again', here)).status).toBe(401);
    const doubled = await signIn(user.email, ORG_TEST_PASSWORD, here);
    expectRefused(doubled, 64);
    expect(doubled.body.error!.details!.retryAfterSeconds).toBeGreaterThan(32);

    await endWait(pairKey);
    expect((await signIn(user.email, ORG_TEST_PASSWORD, here)).status).toBe(200);
    expect(await rows(sql`select key from sign_in_throttle where key = ${pairKey}`)).toEqual([]);
    expect((await signIn(user.email, 'a-typo', here)).status).toBe(401);
  });

  it('caps the wait at 15 minutes', async () => {
    const user = await makeUser(database.db, { personId: null });
    const here = newAddress();
    for (let i = 1; i <= PAIR + 8; i++) {
      expect((await signIn(user.email, `wrong-${i}`, here)).status).toBe(401);
      await endWaits(user.email, here);
    }
    await signIn(user.email, 'wrong-last', here);
    const refused = await signIn(user.email, 'wrong', here);
    expectRefused(refused, 900);
    expect(refused.body.error!.details!.retryAfterSeconds).toBeGreaterThan(512);
  });

  it('answers an unknown e-mail exactly as a wrong password, and throttles it the same way', async () => {
    const user = await makeUser(database.db, { personId: null });
    const nobody = `nobody.${Date.now()}@example.com`;
    const [a, b] = [newAddress(), newAddress()];
    for (let i = 1; i <= PAIR; i++) {
      const wrong = await signIn(user.email, `wrong-${i}`, a);
      const unknown = await signIn(nobody, `wrong-${i}`, b);
      expect(unknown.status).toBe(401);
      expect(unknown.body).toEqual(wrong.body);
    }
    const [held, heldToo] = [await signIn(user.email, 'x-wrong', a), await signIn(nobody, 'x-wrong', b)];
    expect(heldToo.status).toBe(held.status);
    expect(heldToo.body.error!.code).toBe(held.body.error!.code);
  });

  it('lets exactly 5 of 30 simultaneous attempts be verified', async () => {
    const user = await makeUser(database.db, { personId: null });
    const here = newAddress();
    const replies = await Promise.all(Array.from({ length: 30 }, (_, i) => signIn(user.email, `wrong-${i}`, here)));
    expect(statuses(replies)).toEqual({ 401: PAIR, 429: 30 - PAIR });
    const [row] = await rows<{ failures: number }>(
      sql`select failures from sign_in_throttle where key = ${`pair:${here}|${user.email}`}`,
    );
    expect(row!.failures).toBe(PAIR);
  });

  it('counts an IPv6 /64 as one address, and an IPv4-mapped address as its IPv4 address', async () => {
    const user = await makeUser(database.db, { personId: null });
    for (let i = 1; i <= PAIR; i++) expect((await signIn(user.email, `wrong-${i}`, `2001:db8:7:9::${i}`)).status).toBe(401);
    expect((await signIn(user.email, ORG_TEST_PASSWORD, '2001:db8:7:9:ffff::1')).status).toBe(429);
    expect((await signIn(user.email, ORG_TEST_PASSWORD, '2001:db8:7:a::1')).status).toBe(200);

    const other = await makeUser(database.db, { personId: null });
    for (let i = 1; i <= PAIR; i++) expect((await signIn(other.email, `wrong-${i}`, '::ffff:192.0.2.77')).status).toBe(401);
    expect((await signIn(other.email, ORG_TEST_PASSWORD, '192.0.2.77')).status).toBe(429);
  });
});

describe('one account from many addresses', () => {
  it(`lets exactly ${ACCOUNT} of 30 simultaneous attempts from 30 addresses be verified, and the owner in from a known address`, async () => {
    const user = await makeUser(database.db, { personId: null });
    const home = newAddress();
    expect((await signIn(user.email, ORG_TEST_PASSWORD, home)).status).toBe(200);

    const replies = await Promise.all(Array.from({ length: 30 }, (_, i) => signIn(user.email, `guess-${i}`, newAddress())));
    expect(statuses(replies)).toEqual({ 401: ACCOUNT, 429: 30 - ACCOUNT });
    for (const refused of replies.filter((r) => r.status === 429)) expectRefused(refused, 60);

    // The account is held back for addresses it never signed in from, the owner's too …
    expect((await signIn(user.email, ORG_TEST_PASSWORD, newAddress())).status).toBe(429);
    // … but not from home, where the right password still signs in.
    const owner = await signIn(user.email, ORG_TEST_PASSWORD, home);
    expect(owner.status).toBe(200);
    expect(owner.body.me).toMatchObject({ email: user.email });
  });
});

describe('a right password', () => {
  it('is no failure: it takes back what its attempt counted on the account and the address, and makes the address known', async () => {
    const user = await makeUser(database.db, { personId: null });
    for (let i = 0; i < 3; i++) expect((await signIn(user.email, `guess-${i}`, newAddress())).status).toBe(401);
    const laptop = newAddress();
    expect((await signIn(user.email, ORG_TEST_PASSWORD, laptop)).status).toBe(200);
    const counters = await rows<{ key: string; failures: number }>(
      sql`select key, failures from sign_in_throttle where key in (${`account:${user.email}`}, ${`address:${laptop}`}, ${`pair:${laptop}|${user.email}`}) order by key`,
    );
    expect(counters).toEqual([
      { key: `account:${user.email}`, failures: 3 },
      { key: `address:${laptop}`, failures: 0 },
    ]);
    const known = await rows(sql`select address from known_sign_in_addresses where user_id = ${user.id}`);
    expect(known).toEqual([{ address: laptop }]);
  });

  it('that would have started a wait starts none', async () => {
    const user = await makeUser(database.db, { personId: null });
    for (let i = 1; i < ACCOUNT; i++) expect((await signIn(user.email, `guess-${i}`, newAddress())).status).toBe(401);
    // The attempt that reaches the account's limit is the owner's, and right.
    expect((await signIn(user.email, ORG_TEST_PASSWORD, newAddress())).status).toBe(200);
    expect((await signIn(user.email, ORG_TEST_PASSWORD, newAddress())).status).toBe(200);
  });
});

describe('one address over many accounts (password spraying)', () => {
  it(`holds the address back after ${ADDRESS} failures over different accounts, but not its known accounts nor other addresses`, async () => {
    const sprayer = newAddress();
    const regular = await makeUser(database.db, { personId: null });
    expect((await signIn(regular.email, ORG_TEST_PASSWORD, sprayer)).status).toBe(200);
    const victims = await Promise.all(Array.from({ length: 5 }, () => makeUser(database.db, { personId: null })));
    const targets = [
      ...victims.map((v) => v.email),
      ...Array.from({ length: 30 }, (_, i) => `guess${i}.${Date.now()}@example.com`),
    ];

    const replies: Reply[] = [];
    for (const email of targets.slice(0, ADDRESS + 3)) replies.push(await signIn(email, 'Summer2026!', sprayer));
    expect(replies.slice(0, ADDRESS).every((r) => r.status === 401)).toBe(true);
    for (const refused of replies.slice(ADDRESS)) expectRefused(refused, 60);

    // A victim signs in from elsewhere; the regular user of the address still signs in from it.
    expect((await signIn(victims[0]!.email, ORG_TEST_PASSWORD, newAddress())).status).toBe(200);
    expect((await signIn(regular.email, ORG_TEST_PASSWORD, sprayer)).status).toBe(200);
  });
});

describe('unlocking an account', () => {
  it('an admin sees the failures and the wait on the user, clears them, and it is audited', async () => {
    const admin = await makeUser(database.db, { personId: null, roles: ['admin'] });
    const user = await makeUser(database.db, { personId: null });
    for (let i = 0; i < ACCOUNT; i++) expect((await signIn(user.email, `guess-${i}`, newAddress())).status).toBe(401);
    expect((await signIn(user.email, ORG_TEST_PASSWORD, newAddress())).status).toBe(429);

    const adminAddress = newAddress();
    const session = await signIn(admin.email, ORG_TEST_PASSWORD, adminAddress);
    const adminHeaders = { cookie: session.cookie, 'x-csrf-token': session.csrf, 'x-forwarded-for': adminAddress };
    const seen = (await (await app.request(`/api/v1/users/${user.id}`, { headers: adminHeaders })).json()) as {
      signIn: { failedAttempts: number; delayedUntil: string | null };
    };
    expect(seen.signIn.failedAttempts).toBe(ACCOUNT);
    expect(Date.parse(seen.signIn.delayedUntil!)).toBeGreaterThan(Date.now() - 5_000);

    const listed = (await (await app.request('/api/v1/users', { headers: adminHeaders })).json()) as {
      items: { id: string; signIn: { failedAttempts: number } }[];
    };
    expect(listed.items.find((u) => u.id === user.id)!.signIn.failedAttempts).toBe(ACCOUNT);
    expect(listed.items.find((u) => u.id === admin.id)!.signIn).toEqual({ failedAttempts: 0, delayedUntil: null });

    const unlocked = await send(`/api/v1/users/${user.id}/unlock-sign-in`, {}, adminAddress, adminHeaders);
    expect(unlocked.status).toBe(200);
    expect(unlocked.body.signIn).toEqual({ failedAttempts: 0, delayedUntil: null });
    const [event] = await rows<{ before: { failedAttempts: number }; actor_user_id: string }>(
      sql`select before, actor_user_id from audit_events where entity_id = ${user.id} and action = 'user.sign_in_unlocked'`,
    );
    expect(event!.before.failedAttempts).toBe(ACCOUNT);
    expect(event!.actor_user_id).toBe(admin.id);

    expect((await signIn(user.email, ORG_TEST_PASSWORD, newAddress())).status).toBe(200);
  });

  it('is refused to anyone but an admin, and a cookie write without CSRF is refused', async () => {
    const lead = await makeUser(database.db, { personId: null, roles: ['pmo_lead'] });
    const admin = await makeUser(database.db, { personId: null, roles: ['admin'] });
    const user = await makeUser(database.db, { personId: null });
    const where = newAddress();
    const leadSession = await signIn(lead.email, ORG_TEST_PASSWORD, where);
    const byLead = await send(`/api/v1/users/${user.id}/unlock-sign-in`, {}, where, {
      cookie: leadSession.cookie,
      'x-csrf-token': leadSession.csrf,
    });
    expect(byLead.status).toBe(403);
    const adminSession = await signIn(admin.email, ORG_TEST_PASSWORD, where);
    const noCsrf = await send(`/api/v1/users/${user.id}/unlock-sign-in`, {}, where, { cookie: adminSession.cookie });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.error!.code).toBe('CSRF_FAILED');
    const unknown = await send('/api/v1/users/00000000-0000-4000-8000-000000000000/unlock-sign-in', {}, where, {
      cookie: adminSession.cookie,
      'x-csrf-token': adminSession.csrf,
    });
    expect(unknown.status).toBe(404);
    const events = await rows(sql`select 1 from audit_events where entity_id = ${user.id} and action = 'user.sign_in_unlocked'`);
    expect(events).toEqual([]);
  });
});

describe('changing the password', () => {
  it('counts a wrong current password against the account and the address like a failed sign-in', async () => {
    const user = await makeUser(database.db, { personId: null });
    const here = newAddress();
    const session = await signIn(user.email, ORG_TEST_PASSWORD, here);
    const headers = { cookie: session.cookie, 'x-csrf-token': session.csrf };
    const change = (currentPassword: string) =>
      send('/api/v1/auth/password', { currentPassword, newPassword: 'a-brand-new-password' }, here, headers);
    for (let i = 1; i <= PAIR; i++) {
      const wrong = await change(`not-it-${i}`);
      expect(wrong.status).toBe(422);
      expect(wrong.body.error!.details).toMatchObject({ issues: [{ field: 'currentPassword' }] });
    }
    expectRefused(await change(ORG_TEST_PASSWORD), 32);
    // Signing in from the same address waits too: it is the same counter.
    expect((await signIn(user.email, ORG_TEST_PASSWORD, here)).status).toBe(429);
    await endWait(`pair:${here}|${user.email}`);
    const changed = await change(ORG_TEST_PASSWORD);
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ signedOutSessions: 0, revokedTokens: 0 });
  });
});

describe('the client address', () => {
  it('is the socket address unless TOLLGATE_TRUST_PROXY is set: X-Forwarded-For is ignored by default', async () => {
    const direct = createApp({ database, config: { ...loadConfig({}), port: 0 } }, { webDist: null });
    const user = await makeUser(database.db, { personId: null });
    const attempt = (password: string, forwardedFor: string) =>
      direct.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
        body: JSON.stringify({ email: user.email, password }),
      });
    for (let i = 1; i <= PAIR; i++) expect((await attempt(`wrong-${i}`, newAddress())).status).toBe(401);
    // A new X-Forwarded-For does not make a new client.
    expect((await attempt(ORG_TEST_PASSWORD, newAddress())).status).toBe(429);
  });

  it('behind a trusted proxy is the entry the proxy appended, not what the client claimed', async () => {
    const user = await makeUser(database.db, { personId: null });
    const real = newAddress();
    for (let i = 1; i <= PAIR; i++) expect((await signIn(user.email, `wrong-${i}`, `${newAddress()}, ${real}`)).status).toBe(401);
    expect((await signIn(user.email, ORG_TEST_PASSWORD, real)).status).toBe(429);
  });

  it('with two trusted proxies is the second entry from the right', async () => {
    const twoHops = createApp({ database, config: { ...loadConfig({}), port: 0, trustProxy: 2 } }, { webDist: null });
    const user = await makeUser(database.db, { personId: null });
    const real = newAddress();
    const attempt = (password: string, forwardedFor: string) =>
      twoHops.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
        body: JSON.stringify({ email: user.email, password }),
      });
    for (let i = 1; i <= PAIR; i++)
      expect((await attempt(`wrong-${i}`, `${newAddress()}, ${real}, ${newAddress()}`)).status).toBe(401);
    expect((await attempt(ORG_TEST_PASSWORD, `${real}, ${newAddress()}`)).status).toBe(429);
    expect((await attempt(ORG_TEST_PASSWORD, `${real}, ${newAddress()}, ${newAddress()}`)).status).toBe(200);
  });
});
