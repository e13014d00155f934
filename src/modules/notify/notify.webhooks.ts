import { randomBytes } from 'node:crypto';
import { desc, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../../kernel/actor.ts';
import type { Db, Queryable } from '../../kernel/db.ts';
import { type FieldIssue, notFound, validationFailed, versionConflict } from '../../kernel/errors.ts';
import type { Page, Paged } from '../../kernel/lists.ts';
import { isoInstant } from '../../kernel/rows.ts';
import { transact } from '../../kernel/usecase.ts';
import { parseInput } from '../../kernel/validate.ts';
import { recordAudit } from '../audit/index.ts';
import { TEST_EVENT_KIND, eventKind } from './notify.kinds.ts';
import { enqueueDelivery, webhookEvent } from './notify.outbox.ts';
import { CreateWebhookBody, type CreateWebhookInput, UpdateWebhookBody, type UpdateWebhookInput } from './notify.schema.ts';
import { webhookDeliveries, webhooks } from './notify.tables.ts';

type WebhookRow = typeof webhooks.$inferSelect;

export interface WebhookView {
  id: string;
  url: string;
  description: string | null;
  events: string[];
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  lastDelivery: { at: string; statusCode: number | null; ok: boolean } | null;
}

export interface WebhookDeliveryView {
  id: string;
  eventId: string;
  kind: string;
  attempt: number;
  statusCode: number | null;
  ok: boolean;
  durationMs: number;
  error: string | null;
  at: string;
}

const isOk = (status: number | null) => status !== null && status >= 200 && status < 300;

/** A webhook's signing secret: 32 random bytes, hex, with a prefix that says what it is. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('hex')}`;
}

/** The kinds a webhook may subscribe to: each a registered kind, or '*' alone. */
function checkEvents(events: string[] | undefined): string[] | undefined {
  if (!events) return undefined;
  const unique = [...new Set(events)];
  const issues: FieldIssue[] = [];
  if (unique.includes('*') && unique.length > 1) issues.push({ field: 'events', message: '"*" stands alone: it is every kind' });
  events.forEach((kind, i) => {
    if (kind !== '*' && !eventKind(kind)) issues.push({ field: `events.${i}`, message: `is not a known kind: ${kind}` });
  });
  if (issues.length) throw validationFailed(issues);
  return unique;
}

/** What the audit trail keeps of a webhook: its settings, never its secret. */
function audited(row: WebhookRow) {
  return { url: row.url, description: row.description, events: row.events, active: row.active };
}

async function lastDeliveries(db: Queryable, ids: string[]): Promise<Map<string, WebhookView['lastDelivery']>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([webhookDeliveries.webhookId], {
      webhookId: webhookDeliveries.webhookId,
      at: webhookDeliveries.at,
      statusCode: webhookDeliveries.statusCode,
    })
    .from(webhookDeliveries)
    .where(inArray(webhookDeliveries.webhookId, ids))
    .orderBy(webhookDeliveries.webhookId, desc(webhookDeliveries.at), desc(webhookDeliveries.attempt));
  return new Map(rows.map((r) => [r.webhookId, { at: isoInstant(r.at)!, statusCode: r.statusCode, ok: isOk(r.statusCode) }]));
}

function view(row: WebhookRow, last: WebhookView['lastDelivery'] = null): WebhookView {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events,
    active: row.active,
    version: row.version,
    createdAt: isoInstant(row.createdAt)!,
    updatedAt: isoInstant(row.updatedAt)!,
    lastDelivery: last,
  };
}

/** The registered webhooks, newest first; every one when `page` is null (an export). */
export async function listWebhooks(db: Db, page: Page | null): Promise<Paged<WebhookView>> {
  const query = db.select().from(webhooks).orderBy(desc(webhooks.createdAt), webhooks.id).$dynamic();
  if (page) query.limit(page.limit).offset(page.offset);
  const rows = await query;
  const [count] = await db.select({ n: sql<number>`count(*)` }).from(webhooks);
  const last = await lastDeliveries(
    db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => view(r, last.get(r.id) ?? null)), total: Number(count?.n ?? 0) };
}

export async function getWebhook(db: Queryable, id: string): Promise<WebhookView> {
  const [row] = await db.select().from(webhooks).where(eq(webhooks.id, id));
  if (!row) throw notFound('webhook', id);
  return view(row, (await lastDeliveries(db, [id])).get(id) ?? null);
}

/** Registers a webhook; the reply carries its signing secret, the one time it is shown. */
export async function createWebhook(db: Db, actor: Actor, raw: CreateWebhookInput): Promise<WebhookView & { secret: string }> {
  const input = parseInput(CreateWebhookBody, raw);
  const events = checkEvents(input.events)!;
  const secret = newWebhookSecret();
  return transact(db, async ({ tx }) => {
    const [row] = await tx
      .insert(webhooks)
      .values({
        url: input.url,
        description: input.description ?? null,
        events,
        active: input.active,
        secret,
        createdBy: actor.userId,
      })
      .returning();
    await recordAudit(tx, actor, { entityType: 'webhook', entityId: row!.id, action: 'webhook.created', after: audited(row!) });
    return { ...view(row!), secret };
  });
}

/** Changes a webhook's URL, kinds, description or whether it is active; a stale version is 409. */
export async function updateWebhook(db: Db, actor: Actor, id: string, raw: UpdateWebhookInput): Promise<WebhookView> {
  const input = parseInput(UpdateWebhookBody, raw);
  const events = checkEvents(input.events);
  return transact(db, async ({ tx }) => {
    const [before] = await tx.select().from(webhooks).where(eq(webhooks.id, id)).for('update');
    if (!before) throw notFound('webhook', id);
    if (before.version !== input.version) throw versionConflict('webhook', id, input.version);
    const [row] = await tx
      .update(webhooks)
      .set({
        url: input.url ?? before.url,
        events: events ?? before.events,
        active: input.active ?? before.active,
        description: input.description === undefined ? before.description : input.description,
        version: before.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(webhooks.id, id))
      .returning();
    await recordAudit(tx, actor, {
      entityType: 'webhook',
      entityId: id,
      action: 'webhook.updated',
      before: audited(before),
      after: audited(row!),
    });
    return getWebhook(tx, id);
  });
}

/** Deletes a webhook and its delivery log; deliveries still queued for it are dropped when they run. */
export async function deleteWebhook(db: Db, actor: Actor, id: string, version: number): Promise<void> {
  await transact(db, async ({ tx }) => {
    const [before] = await tx.select().from(webhooks).where(eq(webhooks.id, id)).for('update');
    if (!before) throw notFound('webhook', id);
    if (before.version !== version) throw versionConflict('webhook', id, version);
    await tx.delete(webhooks).where(eq(webhooks.id, id));
    await recordAudit(tx, actor, { entityType: 'webhook', entityId: id, action: 'webhook.deleted', before: audited(before) });
  });
}

/** Replaces a webhook's signing secret; the reply carries the new one, the one time it is shown. */
export async function rotateWebhookSecret(db: Db, actor: Actor, id: string): Promise<WebhookView & { secret: string }> {
  const secret = newWebhookSecret();
  return transact(db, async ({ tx }) => {
    const [row] = await tx
      .update(webhooks)
      .set({ secret, version: sql`${webhooks.version} + 1`, updatedAt: new Date() })
      .where(eq(webhooks.id, id))
      .returning();
    if (!row) throw notFound('webhook', id);
    await recordAudit(tx, actor, { entityType: 'webhook', entityId: id, action: 'webhook.secret_rotated' });
    return { ...(await getWebhook(tx, id)), secret };
  });
}

/**
 * Sends a test event to one webhook (active or not, whatever kinds it takes), through the job
 * queue like every delivery: its attempts appear in the delivery log.
 */
export async function sendTestEvent(db: Db, actor: Actor, id: string): Promise<{ eventId: string }> {
  return transact(db, async ({ tx }) => {
    const [row] = await tx.select({ id: webhooks.id }).from(webhooks).where(eq(webhooks.id, id));
    if (!row) throw notFound('webhook', id);
    const event = webhookEvent(TEST_EVENT_KIND, {
      webhookId: id,
      message: `A test event sent by ${actor.name} from Tollgate's webhook page.`,
    });
    await enqueueDelivery(tx, id, event);
    await recordAudit(tx, actor, {
      entityType: 'webhook',
      entityId: id,
      action: 'webhook.test_sent',
      after: { eventId: event.id },
    });
    return { eventId: event.id };
  });
}

/** One page of a webhook's delivery log, newest first; every row when `page` is null (an export). */
export async function listDeliveries(db: Db, webhookId: string, page: Page | null): Promise<Paged<WebhookDeliveryView>> {
  const [hook] = await db.select({ id: webhooks.id }).from(webhooks).where(eq(webhooks.id, webhookId));
  if (!hook) throw notFound('webhook', webhookId);
  const query = db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.webhookId, webhookId))
    .orderBy(desc(webhookDeliveries.at), desc(webhookDeliveries.attempt), webhookDeliveries.id)
    .$dynamic();
  if (page) query.limit(page.limit).offset(page.offset);
  const rows = await query;
  const [count] = await db
    .select({ n: sql<number>`count(*)` })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.webhookId, webhookId));
  return {
    items: rows.map((r) => ({
      id: r.id,
      eventId: r.eventId,
      kind: r.kind,
      attempt: r.attempt,
      statusCode: r.statusCode,
      ok: isOk(r.statusCode),
      durationMs: r.durationMs,
      error: r.error,
      at: isoInstant(r.at)!,
    })),
    total: Number(count?.n ?? 0),
  };
}
