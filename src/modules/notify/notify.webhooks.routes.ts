import { z } from '@hono/zod-openapi';
import { IdParam, actorOf, createRouter, defineRoute, depsOf, json, jsonBody } from '../../kernel/http.ts';
import { type ExportColumn, PlainListQuery, listResponse, sendList } from '../../kernel/lists.ts';
import {
  CreateWebhookBody,
  TestEventSchema,
  UpdateWebhookBody,
  WebhookDeliverySchema,
  WebhookSchema,
  WebhookWithSecretSchema,
} from './notify.schema.ts';
import * as service from './notify.webhooks.ts';
import type { WebhookDeliveryView, WebhookView } from './notify.webhooks.ts';

const TAGS = ['Webhooks'];

const list = defineRoute('webhooks.manage', {
  operationId: 'listWebhooks',
  method: 'get',
  path: '/webhooks',
  tags: TAGS,
  summary: 'The registered webhooks, newest first, with their latest delivery',
  request: { query: PlainListQuery },
  responses: { 200: listResponse(WebhookSchema) },
});

const create = defineRoute('webhooks.manage', {
  operationId: 'createWebhook',
  method: 'post',
  path: '/webhooks',
  tags: TAGS,
  summary: 'Register a webhook: its URL and the event kinds it receives; the reply carries the signing secret, shown once',
  description:
    'Each delivery is a POST of `{id, kind, occurredAt, data}` with `X-Tollgate-Event: <kind>` and ' +
    '`X-Tollgate-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>`; ' +
    'a non-2xx answer or no answer within 10 s is retried with backoff.',
  request: jsonBody(CreateWebhookBody),
  responses: { 201: json(WebhookWithSecretSchema, 'Registered') },
});

const get = defineRoute('webhooks.manage', {
  operationId: 'getWebhook',
  method: 'get',
  path: '/webhooks/{id}',
  tags: TAGS,
  summary: 'One webhook',
  request: { params: IdParam },
  responses: { 200: json(WebhookSchema) },
});

const update = defineRoute('webhooks.manage', {
  operationId: 'updateWebhook',
  method: 'patch',
  path: '/webhooks/{id}',
  tags: TAGS,
  summary: "Change a webhook's URL, event kinds, description or whether it is active",
  request: { params: IdParam, ...jsonBody(UpdateWebhookBody) },
  responses: { 200: json(WebhookSchema) },
});

const remove = defineRoute('webhooks.manage', {
  operationId: 'deleteWebhook',
  method: 'delete',
  path: '/webhooks/{id}',
  tags: TAGS,
  summary: 'Delete a webhook and its delivery log',
  request: {
    params: IdParam,
    query: z.object({
      version: z.coerce
        .number()
        .int()
        .positive()
        .openapi({ description: 'The version this deletion is based on; a stale one is 409' }),
    }),
  },
  responses: { 204: { description: 'Deleted' } },
});

const rotate = defineRoute('webhooks.manage', {
  operationId: 'rotateWebhookSecret',
  method: 'post',
  path: '/webhooks/{id}/rotate-secret',
  tags: TAGS,
  summary: 'Replace the signing secret; the reply carries the new one, shown once (the old one stops signing at once)',
  request: { params: IdParam },
  responses: { 200: json(WebhookWithSecretSchema) },
});

const test = defineRoute('webhooks.manage', {
  operationId: 'sendWebhookTestEvent',
  method: 'post',
  path: '/webhooks/{id}/test',
  tags: TAGS,
  summary: 'Send a test event (kind webhook.test) to the webhook; its attempts appear in the delivery log',
  request: { params: IdParam },
  responses: { 202: json(TestEventSchema, 'Queued for delivery') },
});

const deliveries = defineRoute('webhooks.manage', {
  operationId: 'listWebhookDeliveries',
  method: 'get',
  path: '/webhooks/{id}/deliveries',
  tags: TAGS,
  summary: "The webhook's delivery log: every attempt, newest first, with the answer or the error",
  request: { params: IdParam, query: PlainListQuery },
  responses: { 200: listResponse(WebhookDeliverySchema) },
});

const WEBHOOK_COLUMNS: ExportColumn<WebhookView>[] = [
  { header: 'URL', value: (w) => w.url },
  { header: 'Description', value: (w) => w.description },
  { header: 'Events', value: (w) => w.events.join(', ') },
  { header: 'Active', value: (w) => (w.active ? 'yes' : 'no') },
  { header: 'Created', value: (w) => w.createdAt, kind: 'date' },
  { header: 'Last delivery', value: (w) => w.lastDelivery?.at ?? null, kind: 'date' },
  { header: 'Last status', value: (w) => w.lastDelivery?.statusCode ?? null, kind: 'number' },
];

const DELIVERY_COLUMNS: ExportColumn<WebhookDeliveryView>[] = [
  { header: 'At', value: (d) => d.at, kind: 'date' },
  { header: 'Event', value: (d) => d.eventId },
  { header: 'Kind', value: (d) => d.kind },
  { header: 'Attempt', value: (d) => d.attempt, kind: 'number' },
  { header: 'Status', value: (d) => d.statusCode, kind: 'number' },
  { header: 'Duration (ms)', value: (d) => d.durationMs, kind: 'number' },
  { header: 'Error', value: (d) => d.error },
];

export function webhookRoutes() {
  const router = createRouter();
  router.openapi(list, async (c) =>
    sendList(c, {
      query: c.req.valid('query'),
      fileName: 'webhooks',
      load: (page) => service.listWebhooks(depsOf(c).database.db, page),
      columns: WEBHOOK_COLUMNS,
    }),
  );
  router.openapi(create, async (c) =>
    c.json(await service.createWebhook(depsOf(c).database.db, actorOf(c), c.req.valid('json')), 201),
  );
  router.openapi(get, async (c) => c.json(await service.getWebhook(depsOf(c).database.db, c.req.valid('param').id), 200));
  router.openapi(update, async (c) =>
    c.json(await service.updateWebhook(depsOf(c).database.db, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  router.openapi(remove, async (c) => {
    await service.deleteWebhook(depsOf(c).database.db, actorOf(c), c.req.valid('param').id, c.req.valid('query').version);
    return c.body(null, 204);
  });
  router.openapi(rotate, async (c) =>
    c.json(await service.rotateWebhookSecret(depsOf(c).database.db, actorOf(c), c.req.valid('param').id), 200),
  );
  router.openapi(test, async (c) =>
    c.json(await service.sendTestEvent(depsOf(c).database.db, actorOf(c), c.req.valid('param').id), 202),
  );
  router.openapi(deliveries, async (c) => {
    const { id } = c.req.valid('param');
    return sendList(c, {
      query: c.req.valid('query'),
      fileName: 'webhook-deliveries',
      load: (page) => service.listDeliveries(depsOf(c).database.db, id, page),
      columns: DELIVERY_COLUMNS,
    });
  });
  return router;
}
