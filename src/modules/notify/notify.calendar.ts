import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import ical from 'ical-generator';
import type { Actor } from '../../kernel/actor.ts';
import type { Db } from '../../kernel/db.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { isoInstant } from '../../kernel/rows.ts';
import { transact } from '../../kernel/usecase.ts';
import { recordAudit } from '../audit/index.ts';
import { users } from '../auth/auth.tables.ts';
import { calendarFeeds } from './notify.tables.ts';

/** One all-day entry of the personal calendar feed. */
export interface CalendarEntry {
  /** Stable across refreshes, so a calendar updates the entry instead of adding another. */
  uid: string;
  title: string;
  /** ISO day: 2026-03-31. */
  date: string;
  description?: string;
  /** Path in the web app (/projects/<id>) or an absolute URL. */
  link?: string;
}

export type CalendarSource = (db: Db, userId: string, personId: string | null) => Promise<CalendarEntry[]>;

const sources = new Map<string, CalendarSource>();

/**
 * Registers what a module puts in everyone's personal calendar feed: the entries for one user
 * (and the person they are, if any). A later registration under the same name replaces it.
 * @example defineCalendarSource('status_reports.due', async (db, userId) => dueReportsOf(db, userId))
 */
export function defineCalendarSource(name: string, source: CalendarSource): void {
  sources.set(name, source);
}

/** The feed's token: 32 random bytes, URL-safe, with a prefix that says what it is. */
function newFeedToken(): string {
  return `tgcal_${randomBytes(32).toString('base64url')}`;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export interface CalendarFeedView {
  id: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}

function userOf(actor: Actor): string {
  if (!actor.userId) throw new AppError('FORBIDDEN', 'only a user has a calendar feed');
  return actor.userId;
}

function feedView(row: typeof calendarFeeds.$inferSelect): CalendarFeedView {
  return {
    id: row.id,
    prefix: row.prefix,
    createdAt: isoInstant(row.createdAt)!,
    lastUsedAt: isoInstant(row.lastUsedAt),
  };
}

/** The path of a feed, under the API. */
export const feedPath = (token: string) => `/api/v1/calendar/${token}.ics`;

/** The caller's active feed, or null. */
export async function getCalendarFeed(db: Db, actor: Actor): Promise<CalendarFeedView | null> {
  const [row] = await db
    .select()
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.userId, userOf(actor)), isNull(calendarFeeds.revokedAt)))
    .orderBy(desc(calendarFeeds.createdAt))
    .limit(1);
  return row ? feedView(row) : null;
}

/**
 * Gives the caller a new secret feed URL; the one they had stops working. The token is shown
 * once in the reply and kept only as its hash.
 */
export async function createCalendarFeed(db: Db, actor: Actor): Promise<CalendarFeedView & { token: string }> {
  const userId = userOf(actor);
  const token = newFeedToken();
  return transact(db, async ({ tx }) => {
    const revoked = await tx
      .update(calendarFeeds)
      .set({ revokedAt: new Date() })
      .where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)))
      .returning({ id: calendarFeeds.id, prefix: calendarFeeds.prefix });
    const [row] = await tx
      .insert(calendarFeeds)
      .values({ userId, tokenHash: sha256(token), prefix: token.slice(0, 12) })
      .returning();
    await recordAudit(tx, actor, {
      entityType: 'user',
      entityId: userId,
      action: 'calendar_feed.created',
      before: revoked.length ? { feeds: revoked.map((r) => ({ feedId: r.id, prefix: r.prefix })) } : undefined,
      after: { feedId: row!.id, prefix: row!.prefix },
    });
    return { ...feedView(row!), token };
  });
}

/** Revokes the caller's feed URL, if they have one: it answers 404 from now on. Answers how many were revoked. */
export async function revokeCalendarFeed(db: Db, actor: Actor): Promise<number> {
  const userId = userOf(actor);
  return transact(db, async ({ tx }) => {
    const revoked = await tx
      .update(calendarFeeds)
      .set({ revokedAt: new Date() })
      .where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)))
      .returning({ id: calendarFeeds.id, prefix: calendarFeeds.prefix });
    if (revoked.length) {
      await recordAudit(tx, actor, {
        entityType: 'user',
        entityId: userId,
        action: 'calendar_feed.revoked',
        before: { feeds: revoked.map((r) => ({ feedId: r.id, prefix: r.prefix })) },
      });
    }
    return revoked.length;
  });
}

/** Every entry of every registered source for one user, by date then title. */
export async function calendarEntries(db: Db, userId: string, personId: string | null): Promise<CalendarEntry[]> {
  const all: CalendarEntry[] = [];
  for (const source of sources.values()) all.push(...(await source(db, userId, personId)));
  return all.sort((a, b) => a.date.localeCompare(b.date) || a.title.localeCompare(b.title));
}

/** The iCalendar text of a list of entries: one all-day event each. */
export function renderCalendar(entries: readonly CalendarEntry[], options: { name: string; baseUrl: string }): string {
  const calendar = ical({
    name: options.name,
    prodId: { company: 'Tollgate', product: 'Tollgate', language: 'EN' },
    ttl: 60 * 60,
  });
  for (const entry of entries) {
    const url = entry.link ? (entry.link.startsWith('/') ? `${options.baseUrl}${entry.link}` : entry.link) : null;
    calendar.createEvent({
      id: entry.uid.includes('@') ? entry.uid : `${entry.uid}@tollgate`,
      start: entry.date,
      allDay: true,
      summary: entry.title,
      description: [entry.description, url].filter(Boolean).join('\n\n') || null,
      url,
    });
  }
  return calendar.toString();
}

/**
 * The feed behind a secret token, as iCalendar text; an unknown or revoked token, or one of a
 * deactivated user, is 404 like any missing record.
 */
export async function calendarFeedByToken(db: Db, token: string, baseUrl: string): Promise<string> {
  const [row] = await db
    .select({
      feedId: calendarFeeds.id,
      userId: users.id,
      personId: users.personId,
      name: users.displayName,
      active: users.active,
    })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .where(and(eq(calendarFeeds.tokenHash, sha256(token)), isNull(calendarFeeds.revokedAt)));
  if (!row?.active) throw notFound('calendar feed');
  await db.update(calendarFeeds).set({ lastUsedAt: new Date() }).where(eq(calendarFeeds.id, row.feedId));
  const entries = await calendarEntries(db, row.userId, row.personId);
  return renderCalendar(entries, { name: `Tollgate: ${row.name}`, baseUrl });
}
