import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** Append-only events, one hash chain per record (chainKey = "entityType:entityId"). */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    chainKey: text().notNull(),
    chainSeq: integer().notNull(),
    occurredAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
    actorUserId: uuid(),
    actorLabel: text().notNull(),
    entityType: text().notNull(),
    entityId: text().notNull(),
    action: text().notNull(),
    before: jsonb(),
    after: jsonb(),
    reason: text(),
    prevHash: text().notNull(),
    hash: text().notNull(),
  },
  (t) => [
    uniqueIndex('audit_events_chain_seq').on(t.chainKey, t.chainSeq),
    index('audit_events_entity').on(t.entityType, t.entityId),
    index('audit_events_actor').on(t.actorUserId),
  ],
);

/**
 * The head of each chain. Appending locks only its own chain's head row, so writes to
 * unrelated records never wait on each other; the head also reveals a deleted tail event.
 */
export const auditChainHeads = pgTable('audit_chain_heads', {
  chainKey: text().primaryKey(),
  lastSeq: integer().notNull(),
  lastHash: text().notNull(),
});
