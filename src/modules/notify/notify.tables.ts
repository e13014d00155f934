import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt, version } from '../../kernel/columns.ts';
import { users } from '../auth/auth.tables.ts';

/**
 * The in-app inbox: one row per recipient, written in the transaction of the change it tells of.
 * A notice to be e-mailed is also the outbox entry its mail job reads when it runs.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    title: text().notNull(),
    body: text(),
    /** Path in the web app, e.g. /projects/<id>. */
    link: text(),
    entityType: text(),
    entityId: text(),
    readAt: timestamp({ withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [index('notifications_user_created').on(t.userId, t.createdAt)],
);

/** A user's choice for one kind of notice; a kind without a row follows the kind's default. */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    /** True: inbox and e-mail; false: inbox only. */
    email: boolean().notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

/**
 * Outgoing webhooks registered by the admin. The secret signs every delivery (HMAC-SHA256), so it
 * is kept as it is; it leaves the server only in the replies to creating and rotating.
 */
export const webhooks = pgTable('webhooks', {
  id: id(),
  url: text().notNull(),
  description: text(),
  /** Event kinds delivered, or ['*'] for every kind. */
  events: text().array().notNull(),
  active: boolean().notNull().default(true),
  secret: text().notNull(),
  createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  version: version(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** One row per delivery attempt of an event to a webhook: what the receiver answered, or the error. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: id(),
    webhookId: uuid()
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    eventId: uuid().notNull(),
    kind: text().notNull(),
    attempt: integer().notNull(),
    /** Null when no answer came (refused connection, timeout). */
    statusCode: integer(),
    durationMs: integer().notNull(),
    error: text(),
    at: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('webhook_deliveries_webhook_at').on(t.webhookId, t.at)],
);

/** A personal iCalendar feed: the secret token in its URL is stored as its SHA-256 only. */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text().notNull().unique(),
    /** The first characters of the token, to recognise the URL. */
    prefix: text().notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp({ withTimezone: true, mode: 'date' }),
    revokedAt: timestamp({ withTimezone: true, mode: 'date' }),
  },
  (t) => [index('calendar_feeds_user').on(t.userId)],
);
