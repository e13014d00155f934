import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { loadConfig } from '../../kernel/config.ts';
import type { Queryable, Tx } from '../../kernel/db.ts';
import { enqueue } from '../../kernel/jobs.ts';
import { users } from '../auth/auth.tables.ts';
import { emailByDefault } from './notify.kinds.ts';
import type { Notice } from './notify.service.ts';
import { notificationPreferences, notifications, webhooks } from './notify.tables.ts';

/** The job that e-mails one notice of the inbox to its recipient. */
export const MAIL_TASK = 'mail.send';
/** The job that delivers one event to one webhook. */
export const WEBHOOK_TASK = 'webhook.deliver';
/** Attempts of a webhook delivery before it is given up (the job queue backs off between them). */
export const WEBHOOK_ATTEMPTS = 10;
/** Attempts of an e-mail before it is given up. */
export const MAIL_ATTEMPTS = 10;

/** What a webhook receives, as JSON: the event's id, kind, time and data. */
export interface WebhookEvent {
  id: string;
  kind: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

export interface MailJob {
  notificationId: string;
}

export interface WebhookJob {
  webhookId: string;
  event: WebhookEvent;
}

/** Where people reach Tollgate: TOLLGATE_PUBLIC_URL, or this machine's port. */
export function publicBaseUrl(): string {
  const config = loadConfig(process.env);
  return config.publicUrl ?? `http://localhost:${config.port}`;
}

/** The users among `userIds` who get `kind` by e-mail too: their own choice, else the kind's default. */
export async function emailRecipients(db: Queryable, kind: string, userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const chosen = await db
    .select({ userId: notificationPreferences.userId, email: notificationPreferences.email })
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.kind, kind), inArray(notificationPreferences.userId, [...userIds])));
  const choice = new Map(chosen.map((c) => [c.userId, c.email]));
  const fallback = emailByDefault(kind);
  const wanted = userIds.filter((u) => choice.get(u) ?? fallback);
  if (wanted.length === 0) return new Set();
  const active = await db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, wanted), eq(users.active, true)));
  return new Set(active.map((u) => u.id));
}

/**
 * Tells users of something that happened, in the use case's transaction (the outbox): a row in
 * each recipient's inbox, an e-mail job for those who get this kind by e-mail, and a webhook job
 * for every webhook subscribed to the kind. A rolled-back change leaves none of it; a committed one
 * is delivered by the job queue after the commit, even after a crash. Nulls and duplicates among
 * the recipients are dropped.
 * @example await notify(tx, { userIds: [requesterUserId], kind: 'request.request_info', title: 'REQ-7 needs more information', link: `/requests/${id}` })
 */
export async function notify(tx: Tx, notice: Notice & { userIds: readonly (string | null | undefined)[] }): Promise<void> {
  const { userIds, ...content } = notice;
  const recipients = [...new Set(userIds.filter((u): u is string => Boolean(u)))];
  if (recipients.length > 0) {
    const rows = await tx
      .insert(notifications)
      .values(
        recipients.map((userId) => ({
          userId,
          kind: content.kind,
          title: content.title,
          body: content.body ?? null,
          link: content.link ?? null,
          entityType: content.entityType ?? null,
          entityId: content.entityId ?? null,
        })),
      )
      .returning({ id: notifications.id, userId: notifications.userId });
    const mailTo = await emailRecipients(tx, content.kind, recipients);
    for (const row of rows) {
      if (!mailTo.has(row.userId)) continue;
      await enqueue(tx, {
        task: MAIL_TASK,
        payload: { notificationId: row.id } satisfies MailJob,
        key: `mail:${row.id}`,
        maxAttempts: MAIL_ATTEMPTS,
      });
    }
  }
  await publishEvent(tx, {
    kind: content.kind,
    data: {
      title: content.title,
      body: content.body ?? null,
      link: content.link ?? null,
      url: content.link ? `${publicBaseUrl()}${content.link}` : null,
      entityType: content.entityType ?? null,
      entityId: content.entityId ?? null,
    },
  });
}

/**
 * Publishes an event to the webhooks subscribed to its kind (or to every kind), in the caller's
 * transaction: one delivery job each, run after the commit. For events addressed to no user.
 * @example await publishEvent(tx, { kind: 'status_report.submitted', data: { projectId, reportId, asOf } })
 */
export async function publishEvent(tx: Tx, event: { kind: string; data: Record<string, unknown> }): Promise<void> {
  const subscribed = await tx
    .select({ id: webhooks.id })
    .from(webhooks)
    .where(and(eq(webhooks.active, true), sql`(${event.kind} = any(${webhooks.events}) or '*' = any(${webhooks.events}))`));
  if (subscribed.length === 0) return;
  const payload = webhookEvent(event.kind, event.data);
  for (const webhook of subscribed) await enqueueDelivery(tx, webhook.id, payload);
}

/** An event as webhooks receive it, with a new id and the time now. */
export function webhookEvent(kind: string, data: Record<string, unknown>): WebhookEvent {
  return { id: randomUUID(), kind, occurredAt: new Date().toISOString(), data: JSON.parse(JSON.stringify(data)) };
}

/** One delivery job of one event to one webhook, in the caller's transaction. */
export async function enqueueDelivery(tx: Queryable, webhookId: string, event: WebhookEvent): Promise<void> {
  await enqueue(tx, {
    task: WEBHOOK_TASK,
    payload: { webhookId, event } satisfies WebhookJob as unknown as Record<string, unknown>,
    key: `webhook:${webhookId}:${event.id}`,
    maxAttempts: WEBHOOK_ATTEMPTS,
  });
}
