import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../../test/support/database.ts';
import { type Organisation, TEST_PASSWORD, makeOrganisation, makeUser } from '../../../test/support/factories-standards.ts';
import { ApiClient, type TestApp, testApp } from '../../../test/support/http.ts';

/**
 * Why someone is away is for the person, the resource managers who own the pool of people, and
 * those who record absences (PMO leads, the admin); the others with resources.read see the
 * absence with the reason "absent", in the absence list and in the audit trail alike.
 */

let database: TestDatabase;
let app: TestApp;
let org: Organisation;
const clients = new Map<string, ApiClient>();
const ids = { absence: '', removed: '' };

async function as(email: string): Promise<ApiClient> {
  if (!clients.has(email)) clients.set(email, await ApiClient.signIn(app, email, TEST_PASSWORD));
  return clients.get(email)!;
}

const RESOURCE_MANAGER = 'resources@factory.test';
/** The person away is pm2. */
const AWAY = () => org.users.pm2.personId!;
const REASON = 'Parental leave';

interface AbsenceEvent {
  entityId: string;
  action: string;
  before: { reason?: unknown } | null;
  after: { reason?: unknown } | null;
}

beforeAll(async () => {
  database = await testDatabase();
  app = testApp(database);
  org = await makeOrganisation(database.db);
  await makeUser(database.db, { email: RESOURCE_MANAGER, name: 'Resource Manager', roles: ['resource_manager'] });
  const manager = await as(RESOURCE_MANAGER);
  const path = `/api/v1/people/${AWAY()}/absences`;
  const created = await manager.post(path, { startsOn: '2027-03-01', endsOn: '2027-05-31', reason: REASON });
  expect(created.status).toBe(201);
  expect(created.body.reason).toBe(REASON);
  ids.absence = created.body.id;
  expect((await manager.patch(`/api/v1/absences/${ids.absence}`, { version: 1, endsOn: '2027-06-30' })).status).toBe(200);
  const removed = await manager.post(path, { startsOn: '2027-08-02', endsOn: '2027-08-06', reason: 'Medical appointment' });
  ids.removed = removed.body.id;
  expect((await manager.delete(`/api/v1/absences/${ids.removed}?version=1`)).status).toBe(204);
});

afterAll(async () => {
  await database?.close();
});

async function reasonsSeen(email: string) {
  const client = await as(email);
  const list = (await client.get(`/api/v1/people/${AWAY()}/absences`)).body.items as { id: string; reason: string }[];
  const history = [
    ...(await client.get(`/api/v1/audit/records/absence/${ids.absence}`)).body.items,
    ...(await client.get(`/api/v1/audit/records/absence/${ids.removed}`)).body.items,
  ] as AbsenceEvent[];
  const events = (await client.get('/api/v1/audit/events?entityType=absence')).body.items as AbsenceEvent[];
  const reasons = [...history, ...events].flatMap((e) => [e.before?.reason, e.after?.reason]).filter((r) => r !== undefined);
  return { list, history, events, reasons };
}

describe('absence reasons', () => {
  it('are read by the person, resource managers, PMO leads and the admin', async () => {
    for (const email of [org.users.pm2.email, RESOURCE_MANAGER, org.users.lead.email, org.users.admin.email]) {
      const seen = await reasonsSeen(email);
      expect(
        seen.list.map((a) => a.reason),
        email,
      ).toEqual([REASON]);
      expect(seen.history, email).toHaveLength(4);
      expect(seen.events, email).toHaveLength(4);
      expect(new Set(seen.reasons), email).toEqual(new Set([REASON, 'Medical appointment']));
    }
  });

  it('read as "absent" by project managers, executives and PMO analysts, with the dates intact', async () => {
    for (const email of [org.users.pm1.email, org.users.coo.email, org.users.analyst.email]) {
      const seen = await reasonsSeen(email);
      expect(seen.list, email).toEqual([expect.objectContaining({ id: ids.absence, reason: 'absent', endsOn: '2027-06-30' })]);
      expect(seen.history, email).toHaveLength(4);
      expect(seen.events, email).toHaveLength(4);
      expect(seen.reasons.length, email).toBeGreaterThan(0);
      expect(new Set(seen.reasons), email).toEqual(new Set(['absent']));
      // The reason is no search term for them either.
      expect((await (await as(email)).get('/api/v1/audit/events?q=Parental')).body.total, email).toBe(0);
    }
  });

  it('are not read at all by those without resources.read', async () => {
    const viewer = await as(org.users.viewer.email);
    expect((await viewer.get(`/api/v1/people/${AWAY()}/absences`)).status).toBe(403);
    expect((await viewer.get(`/api/v1/audit/records/absence/${ids.absence}`)).status).toBe(404);
    expect((await viewer.get('/api/v1/audit/events?entityType=absence')).body.total).toBe(0);
  });
});
