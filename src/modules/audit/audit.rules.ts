import { type AnyColumn, type SQL, ilike, inArray, or, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Actor } from '../../kernel/actor.ts';
import type { Queryable } from '../../kernel/db.ts';

/** An expression holding a record's id as text: the trail's `entity_id`, or a literal id. */
export type IdExpression = SQL | AnyColumn;

/**
 * How the audit trail reads one kind of record (one `entityType`). Each module gives one for
 * every entity type it audits, built from the policy functions its own endpoints use;
 * `src/app/modules.ts` gathers them. An entity type with no rule is shown to the admin only.
 */
export interface AuditedRecord {
  /** Whether the actor may see the record, and so its history: the rule of the record's own endpoint. */
  canSee(db: Queryable, actor: Actor, id: string): Promise<boolean>;
  /**
   * The same rule in SQL, for lists: a condition on `id` that holds for exactly the records
   * `canSee` accepts among those the trail has events of; undefined when the actor sees every
   * one. Built once per read, so filtering 100,000 events is one query, not one per event.
   * @example visibleWhere: async (db, actor, id) => idAmong(id, projects.id, await visibleProjectFilter(db, actor))
   */
  visibleWhere(db: Queryable, actor: Actor, id: IdExpression): Promise<SQL | undefined>;
  /**
   * Names of the records among `ids` that exist ("REQ-0009 · New CRM"). The audit reads pass on
   * only the names of records the actor may see (by `visibleWhere`), unless `publicNames`.
   */
  names?(db: Queryable, ids: string[]): Promise<Map<string, string>>;
  /** The names are shown to anyone who sees an event naming the record (a user's display name). */
  publicNames?: boolean;
  /** A condition on `id`: the record's code or name matches the ILIKE `pattern`, for the audit search. */
  matching?(id: IdExpression, pattern: string): SQL;
  /**
   * The record as the actor may read it, fields they may not see masked: the same function the
   * record's own endpoint applies, here applied to an event's before and after.
   */
  redact?(actor: Actor, record: Record<string, unknown>): Record<string, unknown>;
}

export type AuditedRecords = Readonly<Record<string, AuditedRecord>>;

/**
 * `id` is the id of a row of `idColumn`'s table that satisfies `where` (every row without it).
 * @example idAmong(auditEvents.entityId, projects.id, eq(projects.state, 'active'))
 */
export function idAmong(id: IdExpression, idColumn: AnyColumn, where?: SQL): SQL {
  const table = (idColumn as unknown as { table: PgTable }).table;
  return sql`${id} IN (SELECT ${idColumn}::text FROM ${table}${where ? sql` WHERE ${where}` : sql``})`;
}

/** An ILIKE pattern that finds `text` anywhere, with its own % _ and \ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** The id → name map of a names query's rows. */
export function nameMap(rows: readonly { id: string; name: string }[]): Map<string, string> {
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The names of the rows of `idColumn`'s table among `ids`, as `name` (an expression over that table). */
export async function namesFrom(db: Queryable, idColumn: AnyColumn, name: SQL, ids: string[]): Promise<Map<string, string>> {
  const wanted = ids.filter(isUuid);
  if (wanted.length === 0) return new Map();
  const table = (idColumn as unknown as { table: PgTable }).table;
  const rows = await db
    .select({ id: sql<string>`${idColumn}::text`, name: sql<string>`${name}` })
    .from(table)
    .where(inArray(idColumn, wanted));
  return nameMap(rows);
}

/**
 * The rule of records every signed-in user may read (org units, skills, portfolios, courses, …):
 * a record and its history are visible while it exists.
 * @example skill: readableWhileItExists(skills.id, sql`${skills.name}`, [skills.name])
 */
export function readableWhileItExists(idColumn: AnyColumn, name: SQL, searchable: AnyColumn[]): AuditedRecord {
  return {
    canSee: async (db, _actor, id) => isUuid(id) && (await namesFrom(db, idColumn, name, [id])).has(id),
    visibleWhere: async (_db, _actor, id) => idAmong(id, idColumn),
    names: (db, ids) => namesFrom(db, idColumn, name, ids),
    matching: (id, pattern) => idAmong(id, idColumn, or(...searchable.map((column) => ilike(column, pattern)))),
  };
}

let registered: AuditedRecords = {};

/**
 * The rules every audit read applies (the event list, its export, each record's history). The
 * app registers them once when it mounts the audit routes; until then only the admin sees events.
 */
export function registerAuditedRecords(rules: AuditedRecords): void {
  registered = rules;
}

export function auditedRecords(): AuditedRecords {
  return registered;
}
