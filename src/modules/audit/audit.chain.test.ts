import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ChainHead, ChainVerifier, type ChainedEvent, GENESIS_HASH, type StoredEvent, hashEvent } from './audit.chain.ts';

/** Builds a valid chain for one record, the way recordAudit does. */
function buildChain(chainKey: string, payloads: unknown[], firstId = 1): StoredEvent[] {
  const events: StoredEvent[] = [];
  let prevHash = GENESIS_HASH;
  payloads.forEach((after, i) => {
    const event: ChainedEvent = {
      chainKey,
      chainSeq: i + 1,
      occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      actorUserId: null,
      actorLabel: 'admin@example.com',
      entityType: chainKey.split(':')[0]!,
      entityId: chainKey.split(':')[1]!,
      action: i === 0 ? 'created' : 'updated',
      before: i === 0 ? null : payloads[i - 1],
      after,
      reason: null,
      prevHash,
    };
    const hash = hashEvent(event);
    events.push({ ...event, id: firstId + i, hash });
    prevHash = hash;
  });
  return events;
}

function headOf(chain: StoredEvent[]): ChainHead {
  const last = chain[chain.length - 1]!;
  return { chainKey: last.chainKey, lastSeq: last.chainSeq, lastHash: last.hash };
}

function verify(events: StoredEvent[], heads: ChainHead[]) {
  const verifier = new ChainVerifier();
  const ordered = [...events].sort((a, b) =>
    a.chainKey === b.chainKey ? a.chainSeq - b.chainSeq : a.chainKey < b.chainKey ? -1 : 1,
  );
  for (const e of ordered) verifier.push(e);
  verifier.checkHeads(heads);
  return verifier.state;
}

describe('hashEvent', () => {
  const base = buildChain('pmo:a', [{ name: 'Enterprise PMO', level: 'enterprise' }])[0]!;

  it('is deterministic and 64 hex characters', () => {
    expect(hashEvent(base)).toBe(hashEvent({ ...base }));
    expect(hashEvent(base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on the key order of the event or of its payloads', () => {
    const reordered = Object.fromEntries(Object.entries(base).reverse()) as unknown as StoredEvent;
    const after = { level: 'enterprise', name: 'Enterprise PMO' };
    expect(hashEvent({ ...reordered, after })).toBe(hashEvent(base));
    expect(hashEvent({ ...base, after: { b: { y: 1, x: [1, { q: 1, p: 2 }] }, a: 1 } })).toBe(
      hashEvent({ ...base, after: { a: 1, b: { x: [1, { p: 2, q: 1 }], y: 1 } } }),
    );
  });

  it('ignores fields it does not cover (id, hash) and undefined payload keys', () => {
    expect(hashEvent({ ...base, id: 999, hash: 'x' } as StoredEvent)).toBe(hashEvent(base));
    expect(hashEvent({ ...base, after: { a: 1, b: undefined } })).toBe(hashEvent({ ...base, after: { a: 1 } }));
  });

  it('hashes a payload the same before and after a JSON round trip (as jsonb stores it)', () => {
    const when = new Date('2026-03-31T10:00:00Z');
    expect(hashEvent({ ...base, after: { at: when } })).toBe(hashEvent({ ...base, after: { at: when.toISOString() } }));
  });

  it('changes with every covered field', () => {
    const h = hashEvent(base);
    expect(hashEvent({ ...base, chainSeq: 2 })).not.toBe(h);
    expect(hashEvent({ ...base, occurredAt: new Date(base.occurredAt.getTime() + 1) })).not.toBe(h);
    expect(hashEvent({ ...base, actorUserId: '00000000-0000-4000-8000-000000000000' })).not.toBe(h);
    expect(hashEvent({ ...base, actorLabel: 'x' })).not.toBe(h);
    expect(hashEvent({ ...base, action: 'deleted' })).not.toBe(h);
    expect(hashEvent({ ...base, before: {} })).not.toBe(h);
    expect(hashEvent({ ...base, after: { name: 'Enterprise PMO', level: 'program' } })).not.toBe(h);
    expect(hashEvent({ ...base, reason: 'because' })).not.toBe(h);
    expect(hashEvent({ ...base, prevHash: '1'.repeat(64) })).not.toBe(h);
    expect(hashEvent({ ...base, entityId: 'b' })).not.toBe(h);
  });
});

describe('ChainVerifier', () => {
  const chainA = () => buildChain('pmo:a', [{ v: 1 }, { v: 2 }, { v: 3 }, { v: 4 }], 1);
  const chainB = () => buildChain('project:b', [{ v: 1 }, { v: 2 }, { v: 3 }], 101);

  it('accepts valid chains and counts events and chains', () => {
    const a = chainA();
    const b = chainB();
    const state = verify([...a, ...b], [headOf(a), headOf(b)]);
    expect(state).toEqual({ events: 7, chains: 2, firstBrokenEventId: null, brokenReason: null });
  });

  it('accepts an empty trail', () => {
    expect(verify([], []).firstBrokenEventId).toBeNull();
  });

  it('detects a changed field', () => {
    const a = chainA();
    a[2] = { ...a[2]!, after: { v: 99 } };
    const state = verify(a, [headOf(chainA())]);
    expect(state.firstBrokenEventId).toBe(3);
    expect(state.brokenReason).toMatch(/content does not match its hash/);
  });

  it('detects a changed prevHash, even when the event is re-hashed to match', () => {
    const a = chainA();
    const forged = { ...a[1]!, prevHash: '1'.repeat(64) };
    a[1] = { ...forged, hash: hashEvent(forged) };
    const state = verify(a, [headOf(chainA())]);
    expect(state.firstBrokenEventId).toBe(2);
    expect(state.brokenReason).toMatch(/previous hash/);
  });

  it('detects a re-hashed edit through the next event', () => {
    const a = chainA();
    const forged = { ...a[1]!, after: { v: 'forged' } };
    a[1] = { ...forged, hash: hashEvent(forged) };
    expect(verify(a, [headOf(chainA())]).firstBrokenEventId).toBe(3);
  });

  it('detects a skipped sequence (an event removed from the middle)', () => {
    const a = chainA();
    a.splice(1, 1);
    const state = verify(a, [headOf(chainA())]);
    expect(state.firstBrokenEventId).toBe(3);
    expect(state.brokenReason).toMatch(/sequence 3 where 2 was expected/);
  });

  it('detects a deleted tail event through the head', () => {
    const a = chainA();
    const head = headOf(a);
    a.pop();
    const state = verify(a, [head]);
    expect(state.firstBrokenEventId).toBe(3);
    expect(state.brokenReason).toMatch(/events after sequence 3 are missing/);
  });

  it('detects a chain whose every event was deleted', () => {
    const a = chainA();
    const b = chainB();
    const state = verify(b, [headOf(a), headOf(b)]);
    expect(state.firstBrokenEventId).toBe(0);
    expect(state.brokenReason).toMatch(/pmo:a: every event of the chain is missing/);
  });

  it('detects a chain with no head', () => {
    const a = chainA();
    const b = chainB();
    const state = verify([...a, ...b], [headOf(a)]);
    expect(state.firstBrokenEventId).toBe(103);
    expect(state.brokenReason).toMatch(/project:b: the chain has no head/);
  });

  it('reports the smallest broken id across chains, whatever order they are checked in', () => {
    const a = buildChain('a:1', [{ v: 1 }, { v: 2 }, { v: 3 }], 50);
    const b = buildChain('b:1', [{ v: 1 }, { v: 2 }, { v: 3 }], 10);
    a[0] = { ...a[0]!, reason: 'edited' };
    b[2] = { ...b[2]!, reason: 'edited' };
    const heads = [headOf(buildChain('a:1', [{ v: 1 }, { v: 2 }, { v: 3 }], 50)), headOf(b)];
    // chain a is checked first (key order) and breaks at 50; chain b breaks later at 12.
    const state = verify([...a, ...b], heads);
    expect(state.firstBrokenEventId).toBe(12);
    expect(state.brokenReason).toMatch(/^b:1/);
  });

  it('digest depends on every head and not on their order', () => {
    const heads = [headOf(chainA()), headOf(chainB())];
    expect(ChainVerifier.digest(heads)).toBe(ChainVerifier.digest([...heads].reverse()));
    expect(ChainVerifier.digest(heads)).not.toBe(ChainVerifier.digest([heads[0]!]));
    expect(ChainVerifier.digest(heads)).not.toBe(ChainVerifier.digest([heads[0]!, { ...heads[1]!, lastSeq: 2 }]));
  });
});

describe('ChainVerifier (property)', () => {
  const json = fc.jsonValue({ maxDepth: 2 });
  const chainArb = fc.array(
    fc.tuple(fc.constantFrom('pmo', 'project', 'user'), fc.uuid(), fc.array(json, { minLength: 1, maxLength: 5 })),
    {
      minLength: 1,
      maxLength: 4,
    },
  );

  type Mutation = (e: StoredEvent) => StoredEvent;
  const mutations: Record<string, (v: string) => Mutation> = {
    chainKey: (v) => (e) => ({ ...e, chainKey: `${e.chainKey}${v}x` }),
    chainSeq: () => (e) => ({ ...e, chainSeq: e.chainSeq + 1 }),
    occurredAt: () => (e) => ({ ...e, occurredAt: new Date(e.occurredAt.getTime() + 1000) }),
    actorUserId: () => (e) => ({ ...e, actorUserId: e.actorUserId === null ? '11111111-1111-4111-8111-111111111111' : null }),
    actorLabel: (v) => (e) => ({ ...e, actorLabel: `${e.actorLabel}${v}x` }),
    entityType: (v) => (e) => ({ ...e, entityType: `${e.entityType}${v}x` }),
    entityId: (v) => (e) => ({ ...e, entityId: `${e.entityId}${v}x` }),
    action: (v) => (e) => ({ ...e, action: `${e.action}${v}x` }),
    before: (v) => (e) => ({ ...e, before: { tampered: v, was: e.before } }),
    after: (v) => (e) => ({ ...e, after: { tampered: v, was: e.after } }),
    reason: (v) => (e) => ({ ...e, reason: `${e.reason ?? ''}${v}x` }),
    prevHash: () => (e) => ({ ...e, prevHash: e.prevHash.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) }),
    hash: () => (e) => ({ ...e, hash: e.hash.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) }),
  };

  it('detects any single-field mutation of a valid trail and names the mutated event', () => {
    fc.assert(
      fc.property(
        chainArb,
        fc.nat(),
        fc.constantFrom(...Object.keys(mutations)),
        fc.string({ maxLength: 8 }),
        (chains, pick, field, value) => {
          let nextId = 1;
          const all: StoredEvent[] = [];
          const heads: ChainHead[] = [];
          const seenKeys = new Set<string>();
          for (const [type, id, payloads] of chains) {
            const key = `${type}:${id}`;
            if (seenKeys.has(key)) continue;
            seenKeys.add(key);
            const chain = buildChain(key, payloads, nextId);
            nextId += chain.length;
            all.push(...chain);
            heads.push(headOf(chain));
          }
          expect(verify(all, heads).firstBrokenEventId).toBeNull();
          const index = pick % all.length;
          const victim = all[index]!;
          all[index] = mutations[field]!(value)(victim);
          const state = verify(all, heads);
          if (field === 'chainKey') {
            // Moving an event to another chain also cuts the old chain short, which names the
            // old chain's last remaining event (or 0 when no event of it is left).
            expect(state.firstBrokenEventId).not.toBeNull();
            expect(state.firstBrokenEventId).toBeLessThanOrEqual(victim.id);
          } else {
            expect(state.firstBrokenEventId).toBe(victim.id);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
