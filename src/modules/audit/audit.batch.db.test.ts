import { randomUUID } from 'node:crypto';
import { asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../../test/support/database.ts';
import { systemActor } from '../../kernel/actor.ts';
import { transact } from '../../kernel/usecase.ts';
import { hashEvent } from './audit.chain.ts';
import { auditChainHeads, auditEvents } from './audit.tables.ts';
import { type AuditInput, recordAudit, recordAuditBatch, verifyAuditTrail } from './index.ts';

/**
 * Many events appended at once: each chain continues from its head in the order given, whether
 * it is new or already has events, and the trail verifies as if they had been recorded one by one.
 */

const actor = systemActor('audit-batch-test');
let database: TestDatabase;

beforeAll(async () => {
  database = await testDatabase();
});

afterAll(async () => {
  await database?.close();
});

const chainOf = (entityId: string) =>
  database.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.chainKey, `skill:${entityId}`))
    .orderBy(asc(auditEvents.chainSeq));

describe('recordAuditBatch', () => {
  it('continues existing and new chains in the order given, with heads at their last events', async () => {
    const existing = randomUUID();
    const fresh = randomUUID();
    await transact(database.db, ({ tx }) =>
      recordAudit(tx, actor, { entityType: 'skill', entityId: existing, action: 'skill.created', after: { step: 0 } }),
    );
    // Interleaved: the two chains' events alternate in the batch; over 500 of them, so several statements.
    const inputs: AuditInput[] = Array.from({ length: 601 }, (_, i) => ({
      entityType: 'skill',
      entityId: i % 2 === 0 ? existing : fresh,
      action: 'skill.updated',
      before: { step: i },
      after: { step: i + 1, at: new Date(Date.UTC(2026, 0, 1 + i)) },
      reason: i % 3 === 0 ? `step ${i}` : null,
    }));
    await transact(database.db, ({ tx }) => recordAuditBatch(tx, actor, inputs));

    const old = await chainOf(existing);
    const neu = await chainOf(fresh);
    expect(old.map((e) => e.chainSeq)).toEqual(Array.from({ length: 302 }, (_, i) => i + 1));
    expect(neu.map((e) => e.chainSeq)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(old.slice(1).map((e) => (e.before as { step: number }).step)).toEqual(
      inputs.filter((_, i) => i % 2 === 0).map((x) => (x.before as { step: number }).step),
    );
    expect(neu.map((e) => (e.before as { step: number }).step)).toEqual(
      inputs.filter((_, i) => i % 2 === 1).map((x) => (x.before as { step: number }).step),
    );
    // Each event links to the one before it and hashes as recordAudit's would.
    for (const chain of [old, neu]) {
      chain.forEach((e, i) => {
        expect(e.prevHash).toBe(i === 0 ? '0'.repeat(64) : chain[i - 1]!.hash);
        expect(hashEvent(e)).toBe(e.hash);
      });
    }
    expect(neu[2]!.after).toEqual({ step: 6, at: '2026-01-06T00:00:00.000Z' });
    expect(neu[1]!.reason).toBe('step 3');
    const heads = await database.db
      .select()
      .from(auditChainHeads)
      .where(inArray(auditChainHeads.chainKey, [`skill:${existing}`, `skill:${fresh}`]));
    expect(Object.fromEntries(heads.map((h) => [h.chainKey, [h.lastSeq, h.lastHash]]))).toEqual({
      [`skill:${existing}`]: [302, old[301]!.hash],
      [`skill:${fresh}`]: [300, neu[299]!.hash],
    });

    // One by one afterwards: the chain goes on from the batch's last event.
    await transact(database.db, ({ tx }) =>
      recordAudit(tx, actor, { entityType: 'skill', entityId: fresh, action: 'skill.deleted', before: { step: 601 } }),
    );
    const after = await chainOf(fresh);
    expect(after[300]).toMatchObject({ chainSeq: 301, prevHash: neu[299]!.hash, action: 'skill.deleted' });
    expect(await verifyAuditTrail(database.db)).toMatchObject({ ok: true, firstBrokenEventId: null });
  });

  it('writes nothing for no events, and nothing when its transaction rolls back', async () => {
    const entityId = randomUUID();
    await transact(database.db, ({ tx }) => recordAuditBatch(tx, actor, []));
    await expect(
      transact(database.db, async ({ tx }) => {
        await recordAuditBatch(tx, actor, [{ entityType: 'skill', entityId, action: 'skill.created', after: { n: 1 } }]);
        throw new Error('the use case failed after its events');
      }),
    ).rejects.toThrow('the use case failed');
    expect(await chainOf(entityId)).toEqual([]);
    const heads = await database.db
      .select()
      .from(auditChainHeads)
      .where(eq(auditChainHeads.chainKey, `skill:${entityId}`));
    expect(heads).toEqual([]);
  });
});
