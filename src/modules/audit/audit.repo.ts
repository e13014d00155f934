import { and, asc, desc, eq, gt, or, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '../../kernel/db.ts';
import { auditChainHeads, auditEvents } from './audit.tables.ts';
import { type ChainHead, GENESIS_HASH, type StoredEvent } from './audit.chain.ts';

/** Locks the chain's head row (creating it at the genesis) and returns it. */
export async function lockChainHead(tx: Tx, chainKey: string): Promise<ChainHead> {
  const [head] = await tx
    .insert(auditChainHeads)
    .values({ chainKey, lastSeq: 0, lastHash: GENESIS_HASH })
    .onConflictDoUpdate({ target: auditChainHeads.chainKey, set: { chainKey: sql`excluded.chain_key` } })
    .returning();
  if (!head) throw new Error(`could not lock audit chain ${chainKey}`);
  return head;
}

export async function appendEvent(tx: Tx, event: Omit<StoredEvent, 'id'>): Promise<number> {
  const [row] = await tx.insert(auditEvents).values(event).returning({ id: auditEvents.id });
  await tx
    .update(auditChainHeads)
    .set({ lastSeq: event.chainSeq, lastHash: event.hash })
    .where(eq(auditChainHeads.chainKey, event.chainKey));
  return row!.id;
}

/** Events in chain order, a batch at a time (keyset on chainKey, chainSeq). */
export async function eventsAfter(
  db: Queryable,
  after: { chainKey: string; chainSeq: number } | null,
  limit: number,
): Promise<StoredEvent[]> {
  const where = after
    ? or(
        gt(auditEvents.chainKey, after.chainKey),
        and(eq(auditEvents.chainKey, after.chainKey), gt(auditEvents.chainSeq, after.chainSeq)),
      )
    : undefined;
  const rows = await db
    .select()
    .from(auditEvents)
    .where(where)
    .orderBy(asc(auditEvents.chainKey), asc(auditEvents.chainSeq))
    .limit(limit);
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

export async function allHeads(db: Queryable): Promise<ChainHead[]> {
  return db.select().from(auditChainHeads);
}

/** Records whose events belong in a parent's history: their before or after names the parent. */
export interface ChildRecords {
  entityType: string;
  /** The field of the child's before/after that holds the parent's id, e.g. pmoId. */
  parentField: string;
}

export async function eventsForRecord(
  db: Queryable,
  entityType: string,
  entityId: string,
  limit: number,
  children: readonly ChildRecords[] = [],
) {
  const own = and(eq(auditEvents.entityType, entityType), eq(auditEvents.entityId, entityId));
  const ofChildren = children.map((child) =>
    and(
      eq(auditEvents.entityType, child.entityType),
      or(
        sql`${auditEvents.after} ->> ${child.parentField} = ${entityId}`,
        sql`${auditEvents.before} ->> ${child.parentField} = ${entityId}`,
      ),
    ),
  );
  return db
    .select()
    .from(auditEvents)
    .where(ofChildren.length ? or(own, ...ofChildren) : own)
    .orderBy(desc(auditEvents.id))
    .limit(limit);
}

export async function recentEvents(db: Queryable, limit: number) {
  return db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(limit);
}
