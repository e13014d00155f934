import { createHmac, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { VERSION } from '../../kernel/config.ts';
import type { Db } from '../../kernel/db.ts';
import { type TaskContext, defineTask } from '../../kernel/jobs.ts';
import { WEBHOOK_TASK, type WebhookJob } from './notify.outbox.ts';
import { webhookDeliveries, webhooks } from './notify.tables.ts';

/** How long a receiver has to answer one delivery before the attempt counts as failed. */
export const DELIVERY_TIMEOUT_MS = 10_000;

/**
 * The `X-Tollgate-Signature` header of a delivery: `t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<body>" keyed with the webhook's secret>`. Receivers recompute v1 over the raw body and
 * reject old timestamps, which stops replays.
 * @example signatureHeader('whsec_…', '{"id":"…"}', 1767225600) // 't=1767225600,v1=5d2c…'
 */
export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  const v1 = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${v1}`;
}

/**
 * Checks a signature header against the body and the secret, as a receiver does: the HMAC must
 * match (compared in constant time) and the timestamp lie within `toleranceSeconds` of `now`.
 */
export function verifySignature(
  secret: string,
  body: string,
  header: string,
  options: { now?: Date; toleranceSeconds?: number } = {},
): boolean {
  const parts = new Map(
    header.split(',').map((p) => {
      const at = p.indexOf('=');
      return [p.slice(0, at).trim(), p.slice(at + 1).trim()] as const;
    }),
  );
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(v1)) return false;
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - t) > (options.toleranceSeconds ?? 300)) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(v1, 'hex'));
}

/** Words for a failed request without the URL's query (which may carry a receiver's key). */
function describeFailure(err: unknown): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
    return `no answer within ${DELIVERY_TIMEOUT_MS / 1000} s`;
  }
  const cause = (err as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (cause && typeof cause.code === 'string') return `connection failed (${cause.code})`;
  if (cause && typeof cause.message === 'string') return `connection failed: ${cause.message}`;
  return err instanceof Error ? err.message : 'delivery failed';
}

/**
 * The delivery job: POSTs the event to the webhook's URL, signed with its current secret, and
 * writes the attempt to the delivery log. A non-2xx answer or a network failure throws, so the job
 * queue retries it with backoff. A webhook deleted or switched off meanwhile gets nothing (a test
 * event is delivered even to one switched off).
 */
export async function runDeliveryJob(payload: WebhookJob, ctx: Pick<TaskContext, 'db' | 'attempt'>): Promise<void> {
  const db = ctx.db as Db;
  const [hook] = await db.select().from(webhooks).where(eq(webhooks.id, payload.webhookId));
  if (!hook) return;
  if (!hook.active && payload.event.kind !== 'webhook.test') return;
  const body = JSON.stringify(payload.event);
  const signature = signatureHeader(hook.secret, body, Math.floor(Date.now() / 1000));
  const started = performance.now();
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    const response = await fetch(hook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': `Tollgate/${VERSION}`,
        'x-tollgate-event': payload.event.kind,
        'x-tollgate-delivery': payload.event.id,
        'x-tollgate-signature': signature,
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    statusCode = response.status;
    // The answer's body is not needed; reading it frees the connection.
    await response.arrayBuffer().catch(() => undefined);
    if (statusCode < 200 || statusCode >= 300) error = `the receiver answered ${statusCode}`;
  } catch (err) {
    error = describeFailure(err);
  }
  await db.insert(webhookDeliveries).values({
    webhookId: hook.id,
    eventId: payload.event.id,
    kind: payload.event.kind,
    attempt: ctx.attempt,
    statusCode,
    durationMs: Math.round(performance.now() - started),
    error,
  });
  if (error) throw new Error(`webhook delivery ${payload.event.id}: ${error}`);
}

defineTask(WEBHOOK_TASK, (payload, ctx) => runDeliveryJob(payload as WebhookJob, ctx));
