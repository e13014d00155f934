import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../kernel/actor.ts';
import type { Db, Queryable } from '../../kernel/db.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { isoInstant } from '../../kernel/rows.ts';
import type { Page } from '../../kernel/lists.ts';
import { notifications } from './notify.tables.ts';

/** What a notification says; `notify(tx, …)` writes it to each recipient's inbox. */
export interface Notice {
  /** What happened, a registered kind (notify.kinds.ts): `request.submit`, `status_report.overdue`, … */
  kind: string;
  title: string;
  body?: string | null;
  /** Path in the web app, e.g. /requests/<id>. */
  link?: string | null;
  entityType?: string | null;
  entityId?: string | null;
}

export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  entityType: string | null;
  entityId: string | null;
  read: boolean;
  readAt: string | null;
  createdAt: string;
}

function view(row: typeof notifications.$inferSelect): NotificationView {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    link: row.link,
    entityType: row.entityType,
    entityId: row.entityId,
    read: row.readAt !== null,
    readAt: isoInstant(row.readAt),
    createdAt: isoInstant(row.createdAt)!,
  };
}

function ownerOf(actor: Actor): string {
  if (!actor.userId) throw new AppError('FORBIDDEN', 'only a user has an inbox');
  return actor.userId;
}

/**
 * One page of the caller's inbox, unread first, newest first within each, with how many match in
 * all and how many are unread; every match when `page` is null (an export). Paged in SQL.
 */
export async function listNotifications(
  db: Db,
  actor: Actor,
  filter: { unread?: boolean } = {},
  page: Page | null = null,
): Promise<{ items: NotificationView[]; total: number; unread: number }> {
  const userId = ownerOf(actor);
  const matching = and(eq(notifications.userId, userId), filter.unread ? isNull(notifications.readAt) : undefined);
  const query = db
    .select()
    .from(notifications)
    .where(matching)
    .orderBy(sql`${notifications.readAt} IS NOT NULL`, desc(notifications.createdAt), asc(notifications.id))
    .$dynamic();
  if (page) query.limit(page.limit).offset(page.offset);
  const rows = await query;
  const [counts] = await db
    .select({
      total: sql<number>`count(*) filter (where ${matching})`,
      unread: sql<number>`count(*) filter (where ${notifications.readAt} is null)`,
    })
    .from(notifications)
    .where(eq(notifications.userId, userId));
  return { items: rows.map(view), total: Number(counts?.total ?? 0), unread: Number(counts?.unread ?? 0) };
}

/** Marks one of the caller's notifications read; another user's answers 404. */
export async function markRead(db: Db, actor: Actor, id: string): Promise<NotificationView> {
  const userId = ownerOf(actor);
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning();
  if (!row) throw notFound('notification', id);
  return view(row);
}

/** Marks every unread notification of the caller read; answers how many. */
export async function markAllRead(db: Db, actor: Actor): Promise<number> {
  const userId = ownerOf(actor);
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

/**
 * Marks a user's unread notifications about one record read, in the caller's transaction. A use
 * case calls it when the user acts on the record (starts its review, asks for information,
 * decides it): the notices asked for that action, and they must not stay unread once it is done.
 * Rolled back with the action, so a refused decision leaves the inbox as it was.
 * @example await markReadAboutInTx(tx, actor.userId, 'request', requestId)
 */
export async function markReadAboutInTx(
  tx: Queryable,
  userId: string | null,
  entityType: string,
  entityId: string,
): Promise<number> {
  if (!userId) return 0;
  const rows = await tx
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(
      and(
        eq(notifications.userId, userId),
        eq(notifications.entityType, entityType),
        eq(notifications.entityId, entityId),
        isNull(notifications.readAt),
      ),
    )
    .returning({ id: notifications.id });
  return rows.length;
}

/** For tests and jobs: the notifications about one record. */
export async function notificationsAbout(db: Queryable, entityType: string, entityIds: string[]) {
  if (entityIds.length === 0) return [];
  return db
    .select()
    .from(notifications)
    .where(and(eq(notifications.entityType, entityType), inArray(notifications.entityId, entityIds)));
}
