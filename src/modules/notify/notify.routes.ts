import { z } from '@hono/zod-openapi';
import { IdParam, actorOf, createRouter, defineRoute, depsOf, json } from '../../kernel/http.ts';
import { type ExportColumn, listQuery, listResponse, nextLink, pageOf, sendList } from '../../kernel/lists.ts';
import * as service from './notify.service.ts';
import type { NotificationView } from './notify.service.ts';

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

const InboxQuery = listQuery({
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .openapi({ description: 'true: only unread notifications' }),
});

const InboxPageSchema = pageOf(NotificationSchema)
  .extend({ unread: z.number().int().openapi({ description: 'Unread notifications in the whole inbox' }) })
  .openapi('NotificationInbox');

const inbox = defineRoute('session.self', {
  operationId: 'listNotifications',
  method: 'get',
  path: '/notifications',
  tags: TAGS,
  summary: "The caller's in-app inbox: unread first, then newest first; with the unread count",
  request: { query: InboxQuery },
  responses: {
    200: {
      ...listResponse(NotificationSchema),
      content: { ...listResponse(NotificationSchema).content, 'application/json': { schema: InboxPageSchema } },
    },
  },
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

const NOTIFICATION_COLUMNS: ExportColumn<NotificationView>[] = [
  { header: 'Received', value: (n) => n.createdAt, kind: 'date' },
  { header: 'Kind', value: (n) => n.kind },
  { header: 'Title', value: (n) => n.title },
  { header: 'Message', value: (n) => n.body },
  { header: 'Read', value: (n) => (n.read ? 'yes' : 'no') },
  { header: 'Link', value: (n) => n.link },
];

export function notifyRoutes() {
  const router = createRouter();
  router.openapi(inbox, async (c) => {
    const { limit, offset, format, unread } = c.req.valid('query');
    const db = depsOf(c).database.db;
    if (format === 'json') {
      // The page carries the unread count of the whole inbox besides the kernel's paging fields.
      const page = { limit, offset };
      const inbox = await service.listNotifications(db, actorOf(c), { unread }, page);
      return c.json({ ...inbox, limit, offset, next: nextLink(c, page, inbox.total) }, 200);
    }
    return sendList(c, {
      query: { limit, offset, format },
      fileName: 'notifications',
      load: (page) => service.listNotifications(db, actorOf(c), { unread }, page),
      columns: NOTIFICATION_COLUMNS,
    });
  });
  router.openapi(readAll, async (c) => c.json({ marked: await service.markAllRead(depsOf(c).database.db, actorOf(c)) }, 200));
  router.openapi(read, async (c) =>
    c.json(await service.markRead(depsOf(c).database.db, actorOf(c), c.req.valid('param').id), 200),
  );
  return router;
}
