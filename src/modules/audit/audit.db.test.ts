import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../../test/support/database.ts';
import { ApiClient, testApp } from '../../../test/support/http.ts';
import { systemActor } from '../../kernel/actor.ts';
import { type Database, openDatabase } from '../../kernel/db.ts';
import { transact } from '../../kernel/usecase.ts';
import { createUser } from '../auth/index.ts';
import { recordAudit, verifyAuditTrail } from './index.ts';

const onPostgres = process.env.TG_TEST_DB === 'postgres';
const actor = systemActor('audit-test');
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const CLI = join(ROOT, 'bin', 'tollgate.js');

async function rows<T = Record<string, unknown>>(database: Database, query: SQL): Promise<T[]> {
  return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

async function count(database: Database, query: SQL): Promise<number> {
  const [row] = await rows<{ n: unknown }>(database, query);
  return Number(row?.n ?? 0);
}

/** Appends n events to one record's chain, one use case each; returns their ids. */
async function writeEvents(database: Database, entityId: string, n: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    ids.push(
      await transact(database.db, ({ tx }) =>
        recordAudit(tx, actor, {
          entityType: 'skill',
          entityId,
          action: 'skill.updated',
          before: { step: i - 1 },
          after: { step: i },
        }),
      ),
    );
  }
  return ids;
}

/** Runs SQL with the append-only trigger switched off, as someone with database access could. */
async function tamper(database: Database, statement: string): Promise<void> {
  await database.exec(
    `ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete; ${statement}; ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete;`,
  );
}

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], env: Record<string, string | undefined>): Promise<CliResult> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete childEnv[k];
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: childEnv, cwd: ROOT, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

describe('recordAudit in a use case', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await testDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('commits with the change it describes', async () => {
    const name = `skill-${randomUUID()}`;
    const skillId = await transact(database.db, async ({ tx }) => {
      const { rows: inserted } = (await tx.execute(sql`insert into skills (name) values (${name}) returning id`)) as unknown as {
        rows: { id: string }[];
      };
      const id = inserted[0]!.id;
      await recordAudit(tx, actor, { entityType: 'skill', entityId: id, action: 'skill.created', after: { name } });
      return id;
    });
    expect(await count(database, sql`select count(*) as n from skills where id = ${skillId}`)).toBe(1);
    const [event] = await rows<{ action: string; actor_label: string; after: { name: string }; chain_seq: number }>(
      database,
      sql`select action, actor_label, after, chain_seq from audit_events where entity_type = 'skill' and entity_id = ${skillId}`,
    );
    expect(event).toMatchObject({ action: 'skill.created', actor_label: 'audit-test', after: { name }, chain_seq: 1 });
    expect(await count(database, sql`select count(*) as n from audit_chain_heads where chain_key = ${`skill:${skillId}`}`)).toBe(
      1,
    );
  });

  it('rolls back with it: a failed use case leaves no event and no head', async () => {
    const name = `skill-${randomUUID()}`;
    const entityId = randomUUID();
    const eventsBefore = await count(database, sql`select count(*) as n from audit_events`);
    await expect(
      transact(database.db, async ({ tx }) => {
        await tx.execute(sql`insert into skills (name) values (${name})`);
        await recordAudit(tx, actor, { entityType: 'skill', entityId, action: 'skill.created', after: { name } });
        throw new Error('the use case fails after writing');
      }),
    ).rejects.toThrow('the use case fails after writing');
    expect(await count(database, sql`select count(*) as n from skills where name = ${name}`)).toBe(0);
    expect(await count(database, sql`select count(*) as n from audit_events`)).toBe(eventsBefore);
    expect(await count(database, sql`select count(*) as n from audit_chain_heads where chain_key = ${`skill:${entityId}`}`)).toBe(
      0,
    );
    // The chain starts cleanly afterwards.
    const [id] = await writeEvents(database, entityId, 1);
    const [event] = await rows<{ chain_seq: number }>(database, sql`select chain_seq from audit_events where id = ${id}`);
    expect(Number(event!.chain_seq)).toBe(1);
    expect((await verifyAuditTrail(database.db)).ok).toBe(true);
  });

  it('runs after-commit effects only on commit', async () => {
    const seen: string[] = [];
    await transact(database.db, async ({ tx, afterCommit }) => {
      await recordAudit(tx, actor, { entityType: 'skill', entityId: randomUUID(), action: 'skill.created' });
      afterCommit(() => {
        seen.push('committed');
      });
    });
    await transact(database.db, async ({ afterCommit }) => {
      afterCommit(() => {
        seen.push('rolled back');
      });
      throw new Error('no');
    }).catch(() => {});
    expect(seen).toEqual(['committed']);
  });

  it('chains many parallel use cases on several records, each chain gapless', async () => {
    const records = Array.from({ length: 5 }, () => randomUUID());
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        transact(database.db, ({ tx }) =>
          recordAudit(tx, actor, {
            entityType: 'skill',
            entityId: records[i % records.length]!,
            action: 'skill.updated',
            after: { i },
          }),
        ),
      ),
    );
    for (const entityId of records) {
      const seqs = await rows<{ chain_seq: number }>(
        database,
        sql`select chain_seq from audit_events where entity_id = ${entityId} order by chain_seq`,
      );
      expect(seqs.map((r) => Number(r.chain_seq))).toEqual([1, 2, 3, 4, 5, 6]);
    }
    const result = await verifyAuditTrail(database.db);
    expect(result).toMatchObject({ ok: true, firstBrokenEventId: null });
  });

  it.runIf(onPostgres)('does not make writes to different records wait on one row; the same record does wait', async () => {
    const x = randomUUID();
    const y = randomUUID();
    await writeEvents(database, x, 1);
    await writeEvents(database, y, 1);

    // Transaction A appends to record x and stays open, holding x's chain head.
    let appended!: () => void;
    const aAppended = new Promise<void>((r) => {
      appended = r;
    });
    let release!: () => void;
    const aMayCommit = new Promise<void>((r) => {
      release = r;
    });
    const a = transact(database.db, async ({ tx }) => {
      await recordAudit(tx, actor, { entityType: 'skill', entityId: x, action: 'skill.updated', after: { by: 'A' } });
      appended();
      await aMayCommit;
    });
    await aAppended;
    try {
      // B appends to record y meanwhile and commits without waiting for A.
      await transact(database.db, async ({ tx }) => {
        await tx.execute(sql`set local lock_timeout = '5s'`);
        await recordAudit(tx, actor, { entityType: 'skill', entityId: y, action: 'skill.updated', after: { by: 'B' } });
      });
      // C, on the same record x, has to wait for A: with a short lock timeout it gives up.
      const waited = await transact(database.db, async ({ tx }) => {
        await tx.execute(sql`set local lock_timeout = '300ms'`);
        await recordAudit(tx, actor, { entityType: 'skill', entityId: x, action: 'skill.updated', after: { by: 'C' } });
      }).then(
        () => null,
        (err: Error & { cause?: { code?: string } }) => err.cause?.code ?? err.message,
      );
      expect(waited).toBe('55P03'); // lock_not_available
    } finally {
      release();
      await a;
    }
    const byOf = async (id: string) =>
      (
        await rows<{ after: { by?: string } }>(
          database,
          sql`select after from audit_events where entity_id = ${id} order by chain_seq`,
        )
      ).map((r) => r.after.by);
    expect(await byOf(x)).toEqual([undefined, 'A']);
    expect(await byOf(y)).toEqual([undefined, 'B']);
    expect((await verifyAuditTrail(database.db)).ok).toBe(true);
  });
});

describe('tampering', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await testDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('the append-only trigger refuses UPDATE and DELETE', async () => {
    const [id] = await writeEvents(database, randomUUID(), 1);
    await expect(database.exec(`UPDATE audit_events SET reason = 'edited' WHERE id = ${id}`)).rejects.toThrow(/append-only/);
    await expect(database.exec(`DELETE FROM audit_events WHERE id = ${id}`)).rejects.toThrow(/append-only/);
    await expect(database.exec('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
    expect(await count(database, sql`select count(*) as n from audit_events where id = ${id}`)).toBe(1);
  });

  it('names the first changed event, in the service and over HTTP', async () => {
    const a = await writeEvents(database, randomUUID(), 4);
    const b = await writeEvents(database, randomUUID(), 4);
    expect((await verifyAuditTrail(database.db)).ok).toBe(true);

    await tamper(database, `UPDATE audit_events SET after = '{"step": 99}'::jsonb WHERE id = ${b[1]}`);
    await tamper(database, `UPDATE audit_events SET reason = 'rewritten' WHERE id = ${b[3]}`);
    const result = await verifyAuditTrail(database.db);
    expect(result).toMatchObject({ ok: false, firstBrokenEventId: String(b[1]) });
    expect(result.reason).toMatch(/content does not match its hash/);

    await tamper(database, `UPDATE audit_events SET actor_label = 'someone else' WHERE id = ${a[2]}`);
    expect((await verifyAuditTrail(database.db)).firstBrokenEventId).toBe(String(a[2]));

    const admin = await createUser(database.db, systemActor(), {
      email: 'auditor@example.com',
      displayName: 'Auditor',
      password: 'auditor-password',
      roles: ['admin'],
    });
    expect(admin.id).toBeTruthy();
    const app = testApp(database);
    const client = await ApiClient.signIn(app, 'auditor@example.com', 'auditor-password');
    const reply = await client.get('/api/v1/audit/verify');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ ok: false, firstBrokenEventId: String(a[2]) });
    expect(reply.body.events).toBeGreaterThanOrEqual(8);
    expect(reply.body.digest).toMatch(/^[0-9a-f]{64}$/);
    // Anonymous callers may not verify.
    expect((await ApiClient.anonymous(app).get('/api/v1/audit/verify')).status).toBe(401);
  });

  it('names the last remaining event when a tail event is deleted', async () => {
    const fresh = await testDatabase();
    try {
      const ids = await writeEvents(fresh, randomUUID(), 3);
      await writeEvents(fresh, randomUUID(), 2);
      await tamper(fresh, `DELETE FROM audit_events WHERE id = ${ids[2]}`);
      const result = await verifyAuditTrail(fresh.db);
      expect(result).toMatchObject({ ok: false, firstBrokenEventId: String(ids[1]) });
      expect(result.reason).toMatch(/missing/);

      const admin = await createUser(fresh.db, systemActor(), {
        email: 'auditor@example.com',
        displayName: 'Auditor',
        password: 'auditor-password',
        roles: ['admin'],
      });
      expect(admin.roles).toEqual(['admin']);
      const client = await ApiClient.signIn(testApp(fresh), 'auditor@example.com', 'auditor-password');
      const reply = await client.get('/api/v1/audit/verify');
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ ok: false, firstBrokenEventId: String(ids[1]) });
    } finally {
      await fresh.close();
    }
  });

  it('notices an event removed from the middle, a whole chain removed, and a removed head', async () => {
    for (const [statement, expected] of [
      ['DELETE FROM audit_events WHERE id = $MID', '$LAST'],
      ['DELETE FROM audit_events WHERE entity_id = $ENTITY', '0'],
      ['DELETE FROM audit_chain_heads WHERE chain_key = $KEY', '$LAST'],
    ] as const) {
      const fresh = await testDatabase();
      try {
        const entityId = randomUUID();
        const ids = await writeEvents(fresh, entityId, 3);
        const filled = (s: string) =>
          s
            .replace('$MID', String(ids[1]))
            .replace('$LAST', String(ids[2]))
            .replace('$ENTITY', `'${entityId}'`)
            .replace('$KEY', `'skill:${entityId}'`);
        await tamper(fresh, filled(statement));
        expect((await verifyAuditTrail(fresh.db)).firstBrokenEventId, statement).toBe(filled(expected));
      } finally {
        await fresh.close();
      }
    }
  });
});

describe('the tollgate command line', () => {
  it.runIf(onPostgres)(
    'audit verify exits 0 on an intact trail and 1 naming the event after tampering (PostgreSQL)',
    async () => {
      const database = await testDatabase();
      try {
        const env = { DATABASE_URL: database.url, TOLLGATE_DATA: undefined };
        const created = await runCli(
          [
            'user',
            'create',
            '--email',
            'cli.user@example.com',
            '--name',
            'CLI User',
            '--password',
            'cli-password-1',
            '--role',
            'pmo_analyst',
          ],
          env,
        );
        expect(created.stderr).toBe('');
        expect(created.code).toBe(0);
        expect(created.stdout).toMatch(/created cli\.user@example\.com \(pmo_analyst\)/);
        const ok = await runCli(['audit', 'verify'], env);
        expect(ok.code).toBe(0);
        expect(ok.stdout).toMatch(/audit trail intact: 1 events in 1 chains/);
        const [event] = await rows<{ id: string }>(database, sql`select id from audit_events order by id desc limit 1`);
        await tamper(database, `UPDATE audit_events SET after = '{"email":"evil@example.com"}'::jsonb WHERE id = ${event!.id}`);
        const broken = await runCli(['audit', 'verify'], env);
        expect(broken.code).toBe(1);
        expect(broken.stderr).toContain(`BROKEN at event ${event!.id}`);
        const asJson = await runCli(['audit', 'verify', '--json'], env);
        expect(asJson.code).toBe(1);
        expect(JSON.parse(asJson.stdout)).toMatchObject({ ok: false, firstBrokenEventId: String(event!.id) });
      } finally {
        await database.close();
      }
    },
    120_000,
  );

  describe.runIf(!onPostgres)('on a PGlite data directory', () => {
    let dir: string;
    let dataDir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'tollgate-cli-'));
      dataDir = join(dir, 'data');
    });
    afterAll(() => {
      rmSync(dir, { recursive: true, force: true });
    });
    const env = () => ({ TOLLGATE_DATA: dataDir, DATABASE_URL: undefined });

    it('migrate, user create, audit verify; then verify exits 1 naming the tampered event', async () => {
      const migrated = await runCli(['migrate'], env());
      expect(migrated.stderr).toBe('');
      expect(migrated.code).toBe(0);
      expect(migrated.stdout).toMatch(/migrations applied \(pglite\)/);
      const created = await runCli(
        ['user', 'create', '--email', 'cli.user@example.com', '--name', 'CLI User', '--password', 'cli-password-1'],
        env(),
      );
      expect(created.code).toBe(0);
      const ok = await runCli(['audit', 'verify'], env());
      expect(ok.code).toBe(0);
      expect(ok.stdout).toMatch(/audit trail intact: 1 events in 1 chains/);

      const database = await openDatabase({ dataDir });
      let eventId: string;
      try {
        const [event] = await rows<{ id: string }>(database, sql`select id from audit_events order by id desc limit 1`);
        eventId = String(event!.id);
        await tamper(database, `UPDATE audit_events SET occurred_at = occurred_at - interval '1 day' WHERE id = ${eventId}`);
      } finally {
        await database.close();
      }
      const broken = await runCli(['audit', 'verify'], env());
      expect(broken.code).toBe(1);
      expect(broken.stderr).toContain(`BROKEN at event ${eventId}`);
    }, 120_000);

    it('refuses to open a data directory another process holds', async () => {
      const holder = await openDatabase({ dataDir });
      try {
        const second = await runCli(['migrate'], env());
        expect(second.code).not.toBe(0);
        expect(second.stderr).toContain('in use');
        expect(second.stderr).toContain(String(process.pid));
      } finally {
        await holder.close();
      }
      // Released: the next process gets in.
      const after = await runCli(['migrate'], env());
      expect(after.code).toBe(0);
    }, 120_000);
  });
});
