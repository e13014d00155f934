import { type AnyColumn, type SQL, and, asc, count, desc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '../../kernel/db.ts';
import { users } from '../auth/auth.tables.ts';
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

/** Locks the heads of several chains at once (creating them at the genesis), in key order. */
export async function lockChainHeads(tx: Tx, chainKeys: readonly string[]): Promise<Map<string, ChainHead>> {
  const keys = [...new Set(chainKeys)].sort();
  const heads = new Map<string, ChainHead>();
  for (let i = 0; i < keys.length; i += APPEND_CHUNK) {
    const rows = await tx
      .insert(auditChainHeads)
      .values(keys.slice(i, i + APPEND_CHUNK).map((chainKey) => ({ chainKey, lastSeq: 0, lastHash: GENESIS_HASH })))
      .onConflictDoUpdate({ target: auditChainHeads.chainKey, set: { chainKey: sql`excluded.chain_key` } })
      .returning();
    for (const head of rows) heads.set(head.chainKey, head);
  }
  return heads;
}

/** Rows per statement when appending many events: well under the 65,535 bind parameters of one. */
const APPEND_CHUNK = 500;

/** Appends chained events in the order given and moves each chain's head to its last event. */
export async function appendEvents(tx: Tx, events: readonly Omit<StoredEvent, 'id'>[]): Promise<void> {
  for (let i = 0; i < events.length; i += APPEND_CHUNK) {
    await tx.insert(auditEvents).values(events.slice(i, i + APPEND_CHUNK));
  }
  const last = new Map(events.map((e) => [e.chainKey, e]));
  const heads = [...last.values()].map((e) => ({ chainKey: e.chainKey, lastSeq: e.chainSeq, lastHash: e.hash }));
  for (let i = 0; i < heads.length; i += APPEND_CHUNK) {
    await tx
      .insert(auditChainHeads)
      .values(heads.slice(i, i + APPEND_CHUNK))
      .onConflictDoUpdate({
        target: auditChainHeads.chainKey,
        set: { lastSeq: sql`excluded.last_seq`, lastHash: sql`excluded.last_hash` },
      });
  }
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

/** The events of a record, and of the records that belong to it and name it. */
export function recordCondition(entityType: string, entityId: string, children: readonly ChildRecords[] = []): SQL {
  const own = and(eq(auditEvents.entityType, entityType), eq(auditEvents.entityId, entityId))!;
  const ofChildren = children.map((child) =>
    and(
      eq(auditEvents.entityType, child.entityType),
      or(
        sql`${auditEvents.after} ->> ${child.parentField} = ${entityId}`,
        sql`${auditEvents.before} ->> ${child.parentField} = ${entityId}`,
      ),
    ),
  );
  return ofChildren.length ? or(own, ...ofChildren)! : own;
}

export async function eventsForRecord(
  db: Queryable,
  entityType: string,
  entityId: string,
  limit: number,
  children: readonly ChildRecords[] = [],
) {
  return db
    .select()
    .from(auditEvents)
    .where(recordCondition(entityType, entityId, children))
    .orderBy(desc(auditEvents.id))
    .limit(limit);
}

export async function recentEvents(db: Queryable, limit: number) {
  return db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(limit);
}

/** The actor's display name beside each event: the sign-in label is kept in the event itself. */
function withActorNames(db: Queryable) {
  return db
    .select({ event: auditEvents, actorName: users.displayName })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId));
}

export type EventWithActor = Awaited<ReturnType<ReturnType<typeof withActorNames>['execute']>>[number];

/** Newest first; every event when no page is given. */
export async function listEvents(
  db: Queryable,
  where: SQL | undefined,
  page?: { limit: number; offset: number },
): Promise<EventWithActor[]> {
  const query = withActorNames(db).where(where).orderBy(desc(auditEvents.id)).$dynamic();
  if (page) query.limit(page.limit).offset(page.offset);
  return query;
}

export async function countEvents(db: Queryable, where: SQL | undefined): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(where);
  return Number(row?.n ?? 0);
}

/** The display names of the users among `keys`, each a user id or a sign-in e-mail, by that key. */
export async function userNames(db: Queryable, keys: string[]): Promise<{ id: string; name: string }[]> {
  const ids = keys.filter((k) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(k));
  const emails = keys.filter((k) => k.includes('@')).map((k) => k.toLowerCase());
  if (ids.length === 0 && emails.length === 0) return [];
  const rows = await db
    .select({ id: sql<string>`${users.id}::text`, email: users.email, name: users.displayName })
    .from(users)
    .where(or(ids.length ? inArray(users.id, ids) : undefined, emails.length ? inArray(users.email, emails) : undefined));
  const byEmail = new Map(keys.filter((k) => k.includes('@')).map((k) => [k.toLowerCase(), k]));
  return rows.flatMap((r) => [
    ...(ids.includes(r.id) ? [{ id: r.id, name: r.name }] : []),
    ...(byEmail.has(r.email) ? [{ id: byEmail.get(r.email)!, name: r.name }] : []),
  ]);
}

/** Which of `ids` satisfy `condition` (a condition on an id expression). */
export async function idsSatisfying(db: Queryable, ids: string[], condition: (id: SQL) => SQL): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const candidate = sql`candidate.id`;
  const values = sql.join(
    ids.map((id) => sql`(${id}::text)`),
    sql`, `,
  );
  const result = (await db.execute(
    sql`SELECT candidate.id AS id FROM (VALUES ${values}) AS candidate(id) WHERE ${condition(candidate)}`,
  )) as unknown as { rows: { id: string }[] };
  return new Set(result.rows.map((r) => r.id));
}

/**
 * A condition on `id`: some event of that record of `entityType` names, in its before or after
 * `field`, one of the values the subquery `values` selects (as text). For rules on removed records.
 * @example idsWhoseEventsName(id, 'allocation', 'projectId', sql`SELECT id::text FROM projects WHERE …`)
 */
export function idsWhoseEventsName(id: SQL | AnyColumn, entityType: string, field: string, values: SQL): SQL {
  return sql`${id} IN (SELECT ${auditEvents.entityId} FROM ${auditEvents} WHERE ${auditEvents.entityType} = ${entityType}
    AND (${auditEvents.before} ->> ${field} IN (${values}) OR ${auditEvents.after} ->> ${field} IN (${values})))`;
}

/** The value of `field` in the newest event of the record that names one. */
export async function fieldNamedInEvents(
  db: Queryable,
  entityType: string,
  entityId: string,
  field: string,
): Promise<string | null> {
  const [row] = await db
    .select({ value: sql<string | null>`coalesce(${auditEvents.before} ->> ${field}, ${auditEvents.after} ->> ${field})` })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.entityType, entityType),
        eq(auditEvents.entityId, entityId),
        sql`coalesce(${auditEvents.before} ->> ${field}, ${auditEvents.after} ->> ${field}) IS NOT NULL`,
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(1);
  return row?.value ?? null;
}
