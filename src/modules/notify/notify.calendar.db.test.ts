import { sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../../test/support/database.ts';
import { ApiClient, type TestApp, testApp } from '../../../test/support/http.ts';
import { defineCalendarSource } from './index.ts';

/**
 * The personal iCalendar feed at a secret URL, parsed back with ical.js, with the entries of every
 * registered source; revoked and replaced URLs answer 404. And the notification preferences.
 */

let database: TestDatabase;
let app: TestApp;
const PM = 'pm@example.com';

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** The feed as a calendar program fetches it: no session, no token, only the URL. */
async function fetchFeed(url: string) {
  const path = new URL(url).pathname;
  const res = await app.request(path);
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

function events(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((v) => {
    const event = new ICAL.Event(v);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toString(),
      allDay: event.startDate.isDate,
      description: event.description,
      url: String(v.getFirstPropertyValue('url') ?? ''),
    };
  });
}

beforeAll(async () => {
  database = await testDatabase({ demo: true });
  app = testApp(database);
  // Two sources, as the modules register them: one that knows the user, one that knows the person.
  defineCalendarSource('test.by-user', async (_db, userId) => [
    { uid: `by-user-${userId}`, title: 'Status report due: Data platform', date: '2027-03-31', link: '/projects/p-1' },
  ]);
  defineCalendarSource('test.by-person', async (db, _userId, personId) => {
    const found = await (db.execute(sql`select name from people where id = ${personId}::uuid`) as unknown as Promise<{
      rows: { name: string }[];
    }>);
    return found.rows.map((p) => ({
      uid: `gate-${personId}`,
      title: `Gate review with ${p.name}`,
      date: '2027-02-28',
      description: 'Bring the evidence per criterion.',
    }));
  });
});

afterAll(async () => {
  await database?.close();
});

describe('the personal calendar feed', () => {
  it('serves every source’s entries at the secret URL, parsed by ical.js', async () => {
    const pm = await ApiClient.signIn(app, PM);
    expect((await pm.get('/api/v1/me/calendar-feed')).body).toEqual({ feed: null });
    const created = await pm.post('/api/v1/me/calendar-feed');
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.url).toMatch(/^http:\/\/localhost\/api\/v1\/calendar\/tgcal_[A-Za-z0-9_-]{43}\.ics$/);
    expect(created.body.url).toContain(created.body.prefix);
    expect((await pm.get('/api/v1/me/calendar-feed')).body.feed).toMatchObject({ id: created.body.id, lastUsedAt: null });

    const feed = await fetchFeed(created.body.url);
    expect(feed.status).toBe(200);
    expect(feed.type).toBe('text/calendar; charset=utf-8');
    const [me] = await rows<{ user_id: string; person: string }>(
      sql`select u.id::text as user_id, p.name as person from users u join people p on p.id = u.person_id where u.email = ${PM}`,
    );
    // Other modules' sources (the due status reports) add their entries beside these two.
    expect(events(feed.text).filter((e) => /^(gate|by-user)-/.test(e.uid))).toEqual([
      {
        uid: expect.stringMatching(/^gate-.+@tollgate$/),
        summary: `Gate review with ${me!.person}`,
        start: '2027-02-28',
        allDay: true,
        description: 'Bring the evidence per criterion.',
        url: '',
      },
      {
        uid: `by-user-${me!.user_id}@tollgate`,
        summary: 'Status report due: Data platform',
        start: '2027-03-31',
        allDay: true,
        description: 'http://localhost/projects/p-1',
        url: 'http://localhost/projects/p-1',
      },
    ]);
    expect((await pm.get('/api/v1/me/calendar-feed')).body.feed.lastUsedAt).not.toBeNull();
    // The token is stored as its hash only.
    const token = /calendar\/(.+)\.ics$/.exec(created.body.url)![1]!;
    expect(await rows(sql`select 1 from calendar_feeds where token_hash = ${token} or prefix = ${token}`)).toEqual([]);
  });

  it('answers 404 for a revoked, a replaced or an unknown token, and for a malformed one', async () => {
    const pm = await ApiClient.signIn(app, PM);
    const first = await pm.post('/api/v1/me/calendar-feed');
    const second = await pm.post('/api/v1/me/calendar-feed');
    expect((await fetchFeed(first.body.url)).status).toBe(404);
    expect((await fetchFeed(second.body.url)).status).toBe(200);
    expect((await pm.delete('/api/v1/me/calendar-feed')).status).toBe(204);
    expect((await fetchFeed(second.body.url)).status).toBe(404);
    expect((await pm.get('/api/v1/me/calendar-feed')).body).toEqual({ feed: null });
    // Revoking when there is nothing to revoke changes nothing.
    expect((await pm.delete('/api/v1/me/calendar-feed')).status).toBe(204);
    for (const path of ['/api/v1/calendar/tgcal_unknown.ics', '/api/v1/calendar/not%20a%20token.ics', '/api/v1/calendar/x']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
    }
    const actions = await rows<{ action: string }>(
      sql`select action from audit_events where action like 'calendar_feed.%' order by id`,
    );
    expect(actions.map((a) => a.action)).toEqual([
      'calendar_feed.created',
      'calendar_feed.created',
      'calendar_feed.created',
      'calendar_feed.revoked',
    ]);
  });

  it('stops serving a deactivated user', async () => {
    const [viewer] = await rows<{ id: string }>(sql`select id::text as id from users where email = 'viewer@example.com'`);
    const client = await ApiClient.signIn(app, 'viewer@example.com');
    const created = await client.post('/api/v1/me/calendar-feed');
    expect((await fetchFeed(created.body.url)).status).toBe(200);
    await database.db.execute(sql`update users set active = false where id = ${viewer!.id}::uuid`);
    expect((await fetchFeed(created.body.url)).status).toBe(404);
  });
});

describe('notification preferences', () => {
  it('lists every kind of notice with its default; returned, overdue and escalated reports e-mail by default', async () => {
    const pm = await ApiClient.signIn(app, PM);
    const reply = await pm.get('/api/v1/me/notification-preferences');
    expect(reply.status).toBe(200);
    const byKind = new Map(reply.body.items.map((p: { kind: string }) => [p.kind, p]));
    for (const kind of ['status_report.returned', 'status_report.overdue', 'status_report.escalated']) {
      expect(byKind.get(kind), kind).toMatchObject({
        delivery: 'inbox_and_email',
        defaultDelivery: 'inbox_and_email',
        chosen: false,
      });
    }
    expect(byKind.get('status_report.accepted')).toMatchObject({ delivery: 'inbox', chosen: false });
    // Webhook-only kinds are no one's to choose.
    expect(byKind.has('status_report.submitted')).toBe(false);
    const kinds = await pm.get('/api/v1/notification-kinds');
    expect(kinds.body.items.find((k: { kind: string }) => k.kind === 'status_report.submitted')).toMatchObject({
      toUsers: false,
    });
  });

  it('saves the choices named, keeps the others, and audits the change', async () => {
    const pm = await ApiClient.signIn(app, PM);
    const saved = await pm.put('/api/v1/me/notification-preferences', {
      preferences: [
        { kind: 'status_report.overdue', delivery: 'inbox' },
        { kind: 'status_report.accepted', delivery: 'inbox_and_email' },
      ],
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const byKind = new Map(saved.body.items.map((p: { kind: string }) => [p.kind, p]));
    expect(byKind.get('status_report.overdue')).toMatchObject({
      delivery: 'inbox',
      defaultDelivery: 'inbox_and_email',
      chosen: true,
    });
    expect(byKind.get('status_report.accepted')).toMatchObject({ delivery: 'inbox_and_email', chosen: true });
    expect(byKind.get('status_report.returned')).toMatchObject({ delivery: 'inbox_and_email', chosen: false });
    const [event] = await rows<{ before: unknown; after: unknown }>(
      sql`select before, after from audit_events where action = 'notification_preferences.changed' order by id desc limit 1`,
    );
    expect(event!.after).toEqual({ 'status_report.overdue': 'inbox', 'status_report.accepted': 'inbox_and_email' });
    // Another user's choices are their own.
    const lead = await ApiClient.signIn(app, 'pmo.lead@example.com');
    const theirs = await lead.get('/api/v1/me/notification-preferences');
    expect(theirs.body.items.find((p: { kind: string }) => p.kind === 'status_report.overdue')).toMatchObject({ chosen: false });
  });

  it('refuses an unknown or webhook-only kind and a bad delivery with 422 naming the field, and writes nothing', async () => {
    const pm = await ApiClient.signIn(app, PM);
    const before = await rows(sql`select * from notification_preferences order by user_id, kind`);
    for (const [body, field] of [
      [
        {
          preferences: [
            { kind: 'status_report.due', delivery: 'inbox' },
            { kind: 'no.such_kind', delivery: 'inbox' },
          ],
        },
        'preferences.1.kind',
      ],
      [{ preferences: [{ kind: 'status_report.submitted', delivery: 'inbox' }] }, 'preferences.0.kind'],
      [{ preferences: [{ kind: 'status_report.due', delivery: 'sms' }] }, 'preferences.0.delivery'],
      [{ preferences: [] }, 'preferences'],
    ] as const) {
      const reply = await pm.put('/api/v1/me/notification-preferences', body);
      expect(reply.status, JSON.stringify(body)).toBe(422);
      expect(reply.body.error.details.issues.map((i: { field: string }) => i.field)).toContain(field);
    }
    expect(await rows(sql`select * from notification_preferences order by user_id, kind`)).toEqual(before);
  });
});
