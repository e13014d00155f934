import { z } from '@hono/zod-openapi';
import { VersionField } from '../../kernel/http.ts';

/**
 * Why a webhook URL is refused, or null when it is fine: an absolute http or https URL with a
 * host, no user name or password in it (a secret there would show in every list), no fragment.
 * @example webhookUrlProblem('ftp://example.com/hook') // 'must be an http or https URL'
 */
export function webhookUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute URL (https://…)';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http or https URL';
  if (!url.hostname) return 'must name a host';
  if (url.username || url.password) return 'must not hold a user name or password; the signature authenticates Tollgate';
  if (url.hash) return 'must not have a fragment (#…)';
  return null;
}

const WebhookUrl = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(2000)
  .superRefine((value, ctx) => {
    const problem = webhookUrlProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .openapi({
    description: 'Where deliveries are POSTed: http or https, no credentials',
    example: 'https://hooks.example.com/tollgate',
  });

const Events = z
  .array(z.string().trim().min(1).max(100))
  .min(1, 'name at least one kind, or "*" for every kind')
  .max(100)
  .openapi({ description: 'Event kinds to deliver (GET /notification-kinds), or ["*"] for every kind', example: ['*'] });

const Description = z.string().trim().max(500).nullable();

export const CreateWebhookBody = z
  .object({
    url: WebhookUrl,
    events: Events,
    active: z.boolean().default(true),
    description: Description.optional(),
  })
  .openapi('CreateWebhookInput');

export const UpdateWebhookBody = z
  .object({
    url: WebhookUrl.optional(),
    events: Events.optional(),
    active: z.boolean().optional(),
    description: Description.optional(),
    version: VersionField,
  })
  .openapi('UpdateWebhookInput');

export type CreateWebhookInput = z.infer<typeof CreateWebhookBody>;
export type UpdateWebhookInput = z.infer<typeof UpdateWebhookBody>;

export const WebhookSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    events: z.array(z.string()),
    active: z.boolean(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    lastDelivery: z
      .object({
        at: z.string(),
        statusCode: z.number().int().nullable(),
        ok: z.boolean(),
      })
      .nullable()
      .openapi({ description: 'The latest delivery attempt, if any' }),
  })
  .openapi('Webhook');

export const WebhookWithSecretSchema = WebhookSchema.extend({
  secret: z.string().openapi({
    description:
      'The signing secret, shown only now: verify X-Tollgate-Signature (v1 = hex HMAC-SHA256 of "<t>.<body>" with this secret)',
  }),
}).openapi('WebhookWithSecret');

export const WebhookDeliverySchema = z
  .object({
    id: z.string(),
    eventId: z.string(),
    kind: z.string(),
    attempt: z.number().int().openapi({ description: '1 for the first try, then each retry' }),
    statusCode: z.number().int().nullable().openapi({ description: "The receiver's HTTP status; null when none came" }),
    ok: z.boolean(),
    durationMs: z.number().int(),
    error: z.string().nullable(),
    at: z.string(),
  })
  .openapi('WebhookDelivery');

export const TestEventSchema = z
  .object({ eventId: z.string().openapi({ description: 'The id of the test event; its attempts appear in the delivery log' }) })
  .openapi('WebhookTestEvent');

export const EventKindSchema = z
  .object({
    kind: z.string().openapi({ example: 'status_report.overdue' }),
    label: z.string(),
    toUsers: z.boolean().openapi({ description: 'Addressed to users (inbox, e-mail by preference); false: webhooks only' }),
    emailByDefault: z.boolean(),
  })
  .openapi('NotificationKind');

export const DeliverySchema = z.enum(['inbox', 'inbox_and_email']).openapi('NotificationDelivery');

export const PreferenceSchema = z
  .object({
    kind: z.string(),
    label: z.string(),
    delivery: DeliverySchema,
    defaultDelivery: DeliverySchema,
    chosen: z.boolean().openapi({ description: 'false: the default applies' }),
  })
  .openapi('NotificationPreference');

export const PreferencesSchema = z.object({ items: z.array(PreferenceSchema) }).openapi('NotificationPreferences');

export const UpdatePreferencesBody = z
  .object({
    preferences: z
      .array(z.object({ kind: z.string().trim().min(1).max(100), delivery: DeliverySchema }))
      .min(1)
      .max(200),
  })
  .openapi('UpdateNotificationPreferencesInput');

export type UpdatePreferencesInput = z.infer<typeof UpdatePreferencesBody>;

export const CalendarFeedSchema = z
  .object({
    id: z.string(),
    prefix: z.string().openapi({ description: 'The first characters of the secret in the URL, to recognise it' }),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
  })
  .openapi('CalendarFeed');

export const CalendarFeedStateSchema = z
  .object({ feed: CalendarFeedSchema.nullable().openapi({ description: 'The active feed; null when there is none' }) })
  .openapi('CalendarFeedState');

export const CreatedCalendarFeedSchema = CalendarFeedSchema.extend({
  url: z.string().openapi({ description: 'The secret address of the feed, shown only now: subscribe to it in a calendar' }),
}).openapi('CreatedCalendarFeed');
