import { type SQL, and, eq, gte, ilike, lt, lte, notInArray, or, sql } from 'drizzle-orm';
import { type Actor, isAdmin } from '../../kernel/actor.ts';
import type { Queryable } from '../../kernel/db.ts';
import { notFound } from '../../kernel/errors.ts';
import { parseInput } from '../../kernel/validate.ts';
import { users } from '../auth/auth.tables.ts';
import * as repo from './audit.repo.ts';
import { type AuditedRecords, auditedRecords, containsPattern, isUuid } from './audit.rules.ts';
import { type AuditEventFilter, AuditEventFilterSchema, type AuditPage, AuditPageSchema } from './audit.schema.ts';
import { auditEvents } from './audit.tables.ts';

export interface AuditEventView {
  id: string;
  occurredAt: string;
  actor: string;
  actorName: string;
  actorUserId: string | null;
  entityType: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export interface AuditEventList {
  items: AuditEventView[];
  total: number;
  /** Names of the records the events are about or refer to, by id: only records the actor may see. */
  labels: Record<string, string>;
}

/**
 * The events the actor may see, as one condition: for each entity type, its rule's SQL form;
 * an entity type with no rule only for the admin. `types` narrows it to some entity types.
 */
export async function visibleEventsCondition(
  db: Queryable,
  actor: Actor,
  rules: AuditedRecords,
  types?: readonly string[],
): Promise<SQL> {
  const parts: SQL[] = [];
  for (const [type, rule] of Object.entries(rules)) {
    if (types && !types.includes(type)) continue;
    // One after the other: inside a transaction the rules' queries share one connection.
    const condition = await rule.visibleWhere(db, actor, auditEvents.entityId);
    parts.push(condition ? and(eq(auditEvents.entityType, type), condition)! : eq(auditEvents.entityType, type));
  }
  if (isAdmin(actor)) {
    const known = Object.keys(rules);
    parts.push(known.length ? notInArray(auditEvents.entityType, known) : sql`true`);
  }
  return parts.length ? or(...parts)! : sql`false`;
}

/** A day bound covers the whole day (UTC); an instant is taken as it is. */
function bound(value: string, end: boolean): { at: Date; exclusive: boolean } {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const day = new Date(`${value}T00:00:00Z`);
    return end ? { at: new Date(day.getTime() + 86_400_000), exclusive: true } : { at: day, exclusive: false };
  }
  return { at: new Date(value), exclusive: false };
}

/** The search: the record's code or name, the actor's name or sign-in, the action, the reason. */
function searchCondition(rules: AuditedRecords, q: string): SQL {
  const pattern = containsPattern(q);
  const ofRecords = Object.entries(rules)
    .filter(([, rule]) => rule.matching)
    .map(([type, rule]) => and(eq(auditEvents.entityType, type), rule.matching!(auditEvents.entityId, pattern))!);
  return or(
    eq(auditEvents.entityId, q),
    ilike(auditEvents.action, pattern),
    sql`translate(${auditEvents.action}, '._', '  ') ILIKE ${pattern}`,
    ilike(auditEvents.actorLabel, pattern),
    ilike(users.displayName, pattern),
    ilike(auditEvents.reason, pattern),
    ...ofRecords,
  )!;
}

function filterCondition(rules: AuditedRecords, filter: AuditEventFilter): SQL | undefined {
  const from = filter.from ? bound(filter.from, false) : undefined;
  const to = filter.to ? bound(filter.to, true) : undefined;
  return and(
    filter.entityType ? eq(auditEvents.entityType, filter.entityType) : undefined,
    filter.entityId ? eq(auditEvents.entityId, filter.entityId) : undefined,
    filter.actorUserId ? eq(auditEvents.actorUserId, filter.actorUserId) : undefined,
    filter.action ? eq(auditEvents.action, filter.action) : undefined,
    from ? gte(auditEvents.occurredAt, from.at) : undefined,
    to ? (to.exclusive ? lt(auditEvents.occurredAt, to.at) : lte(auditEvents.occurredAt, to.at)) : undefined,
    filter.q ? searchCondition(rules, filter.q) : undefined,
  );
}

function redacted(rules: AuditedRecords, actor: Actor, entityType: string, record: unknown): unknown {
  const redact = rules[entityType]?.redact;
  if (!redact || typeof record !== 'object' || record === null || Array.isArray(record)) return record;
  return redact(actor, record as Record<string, unknown>);
}

function view(rules: AuditedRecords, actor: Actor, row: repo.EventWithActor): AuditEventView {
  const e = row.event;
  return {
    id: String(e.id),
    occurredAt: e.occurredAt.toISOString(),
    actor: e.actorLabel,
    actorName: row.actorName ?? e.actorLabel,
    actorUserId: e.actorUserId,
    entityType: e.entityType,
    entityId: e.entityId,
    action: e.action,
    before: redacted(rules, actor, e.entityType, e.before),
    after: redacted(rules, actor, e.entityType, e.after),
    reason: e.reason,
  };
}

const EMAIL = /^[^\s@]{1,200}@[^\s@]{1,200}$/;

/** Every id-shaped string (or sign-in e-mail) in an event: the record's own, and those its before and after refer to. */
function referencedIds(events: readonly AuditEventView[]): string[] {
  const found = new Set<string>();
  const walk = (value: unknown, depth: number) => {
    if (isUuid(value) || (typeof value === 'string' && EMAIL.test(value))) found.add(value);
    else if (depth < 6 && Array.isArray(value)) for (const v of value) walk(v, depth + 1);
    else if (depth < 6 && typeof value === 'object' && value !== null) for (const v of Object.values(value)) walk(v, depth + 1);
  };
  for (const e of events) {
    walk(e.entityId, 0);
    walk(e.before, 0);
    walk(e.after, 0);
  }
  return [...found];
}

/**
 * Names for the ids the events hold, from every rule that names its records; a record the
 * actor may not see keeps its name to itself. One query per entity type, not per event.
 */
export async function labelsFor(
  db: Queryable,
  actor: Actor,
  rules: AuditedRecords,
  events: readonly AuditEventView[],
): Promise<Record<string, string>> {
  const labels: Record<string, string> = {};
  let open = referencedIds(events);
  for (const rule of Object.values(rules)) {
    if (!rule.names || open.length === 0) continue;
    const names = await rule.names(db, open);
    if (names.size === 0) continue;
    const named = [...names.keys()];
    const shown = rule.publicNames
      ? new Set(named)
      : await (async () => {
          const condition = await rule.visibleWhere(db, actor, sql`candidate.id`);
          return condition ? repo.idsSatisfying(db, named, () => condition) : new Set(named);
        })();
    for (const [id, name] of names) if (shown.has(id)) labels[id] = name;
    open = open.filter((id) => !names.has(id));
  }
  return labels;
}

/**
 * The audit events the actor may see, newest first, filtered, a page of them (every one when
 * no page is given, for exports). Each event's record decides: the same rule as the record's
 * own endpoint, as SQL, so the total counts only what the actor may see.
 * @example const { items, total } = await listAuditEvents(db, actor, { q: 'REQ-0009' }, { limit: 50, offset: 0 });
 */
export async function listAuditEvents(
  db: Queryable,
  actor: Actor,
  rawFilter: AuditEventFilter = {},
  rawPage?: Partial<AuditPage>,
  rules: AuditedRecords = auditedRecords(),
): Promise<AuditEventList> {
  const filter = parseInput(AuditEventFilterSchema, rawFilter);
  const page = rawPage === undefined ? undefined : parseInput(AuditPageSchema, rawPage);
  const visible = await visibleEventsCondition(db, actor, rules, filter.entityType ? [filter.entityType] : undefined);
  const where = and(visible, filterCondition(rules, filter));
  const rows = await repo.listEvents(db, where, page);
  const total = page === undefined ? rows.length : await repo.countEvents(db, where);
  const items = rows.map((row) => view(rules, actor, row));
  return { items, total, labels: await labelsFor(db, actor, rules, items) };
}

/**
 * One record's history, newest first, when the actor may see the record (404 otherwise, as its
 * own endpoint answers): its own events and those of the records that belong to it, masked and
 * named like the event list.
 */
export async function readRecordHistory(
  db: Queryable,
  actor: Actor,
  entityType: string,
  entityId: string,
  options: { limit?: number; children?: readonly repo.ChildRecords[]; rules?: AuditedRecords } = {},
): Promise<{ items: AuditEventView[]; labels: Record<string, string> }> {
  const rules = options.rules ?? auditedRecords();
  const rule = rules[entityType];
  const mayRead = rule ? await rule.canSee(db, actor, entityId) : isAdmin(actor);
  if (!mayRead) throw notFound(entityType, entityId);
  const children = options.children ?? [];
  const own = and(eq(auditEvents.entityType, entityType), eq(auditEvents.entityId, entityId))!;
  // The record's own events follow its own rule, checked above; its children's follow theirs.
  const where = children.length
    ? or(
        own,
        and(
          repo.recordCondition(entityType, entityId, children),
          await visibleEventsCondition(
            db,
            actor,
            rules,
            children.map((c) => c.entityType),
          ),
        ),
      )
    : own;
  const rows = await repo.listEvents(db, where, { limit: options.limit ?? 200, offset: 0 });
  const items = rows.map((row) => view(rules, actor, row));
  return { items, labels: await labelsFor(db, actor, rules, items) };
}
