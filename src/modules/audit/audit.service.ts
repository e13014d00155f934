import type { Actor } from '../../kernel/actor.ts';
import type { Db, Queryable, Tx } from '../../kernel/db.ts';
import { ChainVerifier, hashEvent } from './audit.chain.ts';
import * as repo from './audit.repo.ts';

export interface AuditInput {
  entityType: string;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/**
 * Appends one event to the record's chain, inside the use case's transaction, so the event
 * and the change it describes commit together.
 */
export async function recordAudit(tx: Tx, actor: Actor, input: AuditInput): Promise<number> {
  const chainKey = `${input.entityType}:${input.entityId}`;
  const head = await repo.lockChainHead(tx, chainKey);
  const event = {
    chainKey,
    chainSeq: head.lastSeq + 1,
    occurredAt: new Date(),
    actorUserId: actor.userId,
    actorLabel: actor.email,
    entityType: input.entityType,
    entityId: input.entityId,
    action: input.action,
    before: input.before === undefined ? null : JSON.parse(JSON.stringify(input.before)),
    after: input.after === undefined ? null : JSON.parse(JSON.stringify(input.after)),
    reason: input.reason ?? null,
    prevHash: head.lastHash,
  };
  const hash = hashEvent(event);
  return repo.appendEvent(tx, { ...event, hash });
}

/**
 * Appends many events in the caller's transaction with a few statements instead of three per
 * event: each chain continues from its head, the events of one chain in the order given. The
 * trail is the same as recording them one by one (for writers of many records at once, the seed).
 */
export async function recordAuditBatch(tx: Tx, actor: Actor, inputs: readonly AuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  const keyOf = (input: AuditInput) => `${input.entityType}:${input.entityId}`;
  const heads = await repo.lockChainHeads(tx, inputs.map(keyOf));
  const occurredAt = new Date();
  const events = inputs.map((input) => {
    const chainKey = keyOf(input);
    const head = heads.get(chainKey)!;
    const event = {
      chainKey,
      chainSeq: head.lastSeq + 1,
      occurredAt,
      actorUserId: actor.userId,
      actorLabel: actor.email,
      entityType: input.entityType,
      entityId: input.entityId,
      action: input.action,
      before: input.before === undefined ? null : JSON.parse(JSON.stringify(input.before)),
      after: input.after === undefined ? null : JSON.parse(JSON.stringify(input.after)),
      reason: input.reason ?? null,
      prevHash: head.lastHash,
    };
    const hash = hashEvent(event);
    heads.set(chainKey, { chainKey, lastSeq: event.chainSeq, lastHash: hash });
    return { ...event, hash };
  });
  await repo.appendEvents(tx, events);
}

export interface VerifyResult {
  ok: boolean;
  events: number;
  chains: number;
  firstBrokenEventId: string | null;
  reason: string | null;
  digest: string;
}

/** Walks every chain and recomputes every hash. */
export async function verifyAuditTrail(db: Db, batchSize = 2000): Promise<VerifyResult> {
  const verifier = new ChainVerifier();
  let cursor: { chainKey: string; chainSeq: number } | null = null;
  for (;;) {
    const batch = await repo.eventsAfter(db, cursor, batchSize);
    for (const event of batch) verifier.push(event);
    if (batch.length < batchSize) break;
    const last = batch[batch.length - 1]!;
    cursor = { chainKey: last.chainKey, chainSeq: last.chainSeq };
  }
  const heads = await repo.allHeads(db);
  verifier.checkHeads(heads);
  const s = verifier.state;
  return {
    ok: s.firstBrokenEventId === null,
    events: s.events,
    chains: s.chains,
    firstBrokenEventId: s.firstBrokenEventId === null ? null : String(s.firstBrokenEventId),
    reason: s.brokenReason,
    digest: ChainVerifier.digest(heads),
  };
}

/** Whether the trail holds any event of the record: a removed record keeps its history readable. */
export async function hasHistory(db: Queryable, entityType: string, entityId: string): Promise<boolean> {
  return (await repo.eventsForRecord(db, entityType, entityId, 1)).length > 0;
}
