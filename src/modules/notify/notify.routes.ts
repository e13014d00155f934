import { z } from '@hono/zod-openapi';
import { IdParam, actorOf, createRouter, defineRoute, depsOf, json } from '../../kernel/http.ts';
import * as service from './notify.service.ts';

const TAGS = ['Notifications'];

export const NotificationSchema = z
  .object({
    id: z.string(),
    kind: z.string().openapi({ example: 'request.submitted' }),
    title: z.string(),
    body: z.string().nullable(),
    link: z.string().nullable().openapi({ description: 'Path in the web app' }),
    entityType: z.string().nullable(),
    entityId: z.string().nullable(),
    read: z.boolean(),
    readAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Notification');

const InboxQuery = z.object({
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .openapi({ description: 'true: only unread notifications' }),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

const inbox = defineRoute('session.self', {
  operationId: 'listNotifications',
  method: 'get',
  path: '/notifications',
  tags: TAGS,
  summary: "The caller's in-app inbox: unread first, then newest first; with the unread count",
  request: { query: InboxQuery },
  responses: { 200: json(z.object({ items: z.array(NotificationSchema), unread: z.number().int() })) },
});

const read = defineRoute('session.self', {
  operationId: 'markNotificationRead',
  method: 'post',
  path: '/notifications/{id}/read',
  tags: TAGS,
  summary: 'Mark one of my notifications read',
  request: { params: IdParam },
  responses: { 200: json(NotificationSchema) },
});

const readAll = defineRoute('session.self', {
  operationId: 'markAllNotificationsRead',
  method: 'post',
  path: '/notifications/read-all',
  tags: TAGS,
  summary: 'Mark all my notifications read',
  responses: { 200: json(z.object({ marked: z.number().int() })) },
});

export function notifyRoutes() {
  const router = createRouter();
  router.openapi(inbox, async (c) =>
    c.json(await service.listNotifications(depsOf(c).database.db, actorOf(c), c.req.valid('query')), 200),
  );
  router.openapi(readAll, async (c) => c.json({ marked: await service.markAllRead(depsOf(c).database.db, actorOf(c)) }, 200));
  router.openapi(read, async (c) =>
    c.json(await service.markRead(depsOf(c).database.db, actorOf(c), c.req.valid('param').id), 200),
  );
  return router;
}
