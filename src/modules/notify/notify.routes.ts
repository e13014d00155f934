import { type RouteConfig, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { type AppEnv, IdParam, actorOf, createRouter, defineRoute, depsOf, json, jsonBody } from '../../kernel/http.ts';
import { notFound } from '../../kernel/errors.ts';
import { type ExportColumn, listQuery, listResponse, nextLink, pageOf, sendList } from '../../kernel/lists.ts';
import * as calendar from './notify.calendar.ts';
import { eventKinds } from './notify.kinds.ts';
import * as preferences from './notify.preferences.ts';
import {
  CalendarFeedStateSchema,
  CreatedCalendarFeedSchema,
  EventKindSchema,
  PreferencesSchema,
  UpdatePreferencesBody,
} from './notify.schema.ts';
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

const kinds = defineRoute('session.self', {
  operationId: 'listNotificationKinds',
  method: 'get',
  path: '/notification-kinds',
  tags: TAGS,
  summary:
    'The kinds of events Tollgate notifies of: those addressed to users (with their e-mail default) and those for webhooks only',
  responses: { 200: json(z.object({ items: z.array(EventKindSchema) }).openapi('NotificationKinds')) },
});

const getPreferences = defineRoute('session.self', {
  operationId: 'getNotificationPreferences',
  method: 'get',
  path: '/me/notification-preferences',
  tags: TAGS,
  summary: "The caller's choice per kind of notice: inbox only, or inbox and e-mail, with each kind's default",
  responses: { 200: json(PreferencesSchema) },
});

const putPreferences = defineRoute('session.self', {
  operationId: 'updateNotificationPreferences',
  method: 'put',
  path: '/me/notification-preferences',
  tags: TAGS,
  summary: 'Choose inbox only or inbox and e-mail for the kinds named; the other kinds keep their choice',
  request: jsonBody(UpdatePreferencesBody),
  responses: { 200: json(PreferencesSchema) },
});

const getFeed = defineRoute('session.self', {
  operationId: 'getCalendarFeed',
  method: 'get',
  path: '/me/calendar-feed',
  tags: ['Calendar'],
  summary: "The caller's personal iCalendar feed, if they have one (its secret URL is shown only when it is made)",
  responses: { 200: json(CalendarFeedStateSchema) },
});

const createFeed = defineRoute('session.self', {
  operationId: 'createCalendarFeed',
  method: 'post',
  path: '/me/calendar-feed',
  tags: ['Calendar'],
  summary: 'Make a new secret URL for the personal iCalendar feed, shown once; the previous URL stops working',
  responses: { 201: json(CreatedCalendarFeedSchema, 'Created') },
});

const revokeFeed = defineRoute('session.self', {
  operationId: 'revokeCalendarFeed',
  method: 'delete',
  path: '/me/calendar-feed',
  tags: ['Calendar'],
  summary: "Revoke the personal iCalendar feed's URL: it answers 404 from now on",
  responses: { 204: { description: 'Revoked (or there was none)' } },
});

/** The secret feed token in the path, without its `.ics`. */
const FEED_TOKEN = /^[A-Za-z0-9_-]{1,200}$/;

const feed = defineRoute('public', {
  operationId: 'getCalendarFeedFile',
  method: 'get',
  path: '/calendar/{token}.ics',
  tags: ['Calendar'],
  summary: 'A personal iCalendar feed at its secret URL (no sign-in): due status reports and the other dated duties of its owner',
  description: 'Subscribe to it in a calendar program. An unknown or revoked token answers 404.',
  request: {
    params: z.object({
      token: z
        .string()
        .regex(FEED_TOKEN)
        .openapi({ param: { name: 'token', in: 'path' }, description: 'The secret of the feed' }),
    }),
  },
  responses: {
    200: {
      description: 'The feed',
      content: { 'text/calendar': { schema: z.string().openapi({ description: 'iCalendar (RFC 5545)' }) } },
    },
  },
});

/** Where the caller reaches Tollgate: TOLLGATE_PUBLIC_URL, or the origin the request came to. */
function baseUrlOf(c: Context<AppEnv>): string {
  return depsOf(c).config.publicUrl ?? new URL(c.req.url).origin;
}

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
  router.openapi(kinds, (c) => c.json({ items: eventKinds() }, 200));
  router.openapi(getPreferences, async (c) =>
    c.json({ items: await preferences.getPreferences(depsOf(c).database.db, actorOf(c)) }, 200),
  );
  router.openapi(putPreferences, async (c) =>
    c.json({ items: await preferences.updatePreferences(depsOf(c).database.db, actorOf(c), c.req.valid('json')) }, 200),
  );
  router.openapi(getFeed, async (c) => c.json({ feed: await calendar.getCalendarFeed(depsOf(c).database.db, actorOf(c)) }, 200));
  router.openapi(createFeed, async (c) => {
    const { token, ...created } = await calendar.createCalendarFeed(depsOf(c).database.db, actorOf(c));
    return c.json({ ...created, url: `${baseUrlOf(c)}${calendar.feedPath(token)}` }, 201);
  });
  router.openapi(revokeFeed, async (c) => {
    await calendar.revokeCalendarFeed(depsOf(c).database.db, actorOf(c));
    return c.body(null, 204);
  });
  // The path's token ends in ".ics" within one segment, which the OpenAPI router cannot route: the
  // document gets the route as declared, and the handler is mounted on a pattern that matches it.
  router.openAPIRegistry.registerPath(feed);
  const guards = ((feed as RouteConfig).middleware ?? []) as MiddlewareHandler<AppEnv>[];
  const serveFeed: MiddlewareHandler<AppEnv> = async (c) => {
    const token = (c.req.param('file') ?? '').slice(0, -'.ics'.length);
    if (!FEED_TOKEN.test(token)) throw notFound('calendar feed');
    const text = await calendar.calendarFeedByToken(depsOf(c).database.db, token, baseUrlOf(c));
    return c.body(text, 200, {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'inline; filename="tollgate.ics"',
    });
  };
  router.on(['GET'], ['/calendar/:file{[A-Za-z0-9_-]+\\.ics}'], ...guards, serveFeed);
  router.openapi(readAll, async (c) => c.json({ marked: await service.markAllRead(depsOf(c).database.db, actorOf(c)) }, 200));
  router.openapi(read, async (c) =>
    c.json(await service.markRead(depsOf(c).database.db, actorOf(c), c.req.valid('param').id), 200),
  );
  return router;
}
