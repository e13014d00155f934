import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../../test/support/database.ts';
import { type Organisation, TEST_PASSWORD, makeOrganisation, makeUser } from '../../../test/support/factories-standards.ts';
import { ApiClient, type TestApp, testApp } from '../../../test/support/http.ts';

/**
 * Cost rates are for the PMO and resource roles (admin, PMO leads and analysts, resource
 * managers); everyone else reads a person's cost rate as null, in the person's record, the
 * people list, the person's history and the audit event list alike.
 */

let database: TestDatabase;
let app: TestApp;
let org: Organisation;
let personId = '';
const clients = new Map<string, ApiClient>();

async function as(email: string): Promise<ApiClient> {
  if (!clients.has(email)) clients.set(email, await ApiClient.signIn(app, email, TEST_PASSWORD));
  return clients.get(email)!;
}

const RESOURCE_MANAGER = 'resources@factory.test';
const SEE = () => [org.users.admin.email, org.users.lead.email, org.users.analyst.email, RESOURCE_MANAGER];
const BLIND = () => [org.users.viewer.email, org.users.pm1.email, org.users.coo.email, org.users.teamMember.email];

interface PersonEvent {
  entityId: string;
  action: string;
  before: { costRate?: unknown } | null;
  after: { costRate?: unknown } | null;
}

beforeAll(async () => {
  database = await testDatabase();
  app = testApp(database);
  org = await makeOrganisation(database.db);
  await makeUser(database.db, { email: RESOURCE_MANAGER, name: 'Resource Manager', roles: ['resource_manager'] });
  const admin = await as(org.users.admin.email);
  const created = await admin.post('/api/v1/people', { name: 'Rate Tester', email: 'rate.tester@factory.test', costRate: 95 });
  expect(created.status).toBe(201);
  personId = created.body.id;
  expect((await admin.patch(`/api/v1/people/${personId}`, { version: 1, costRate: 110 })).status).toBe(200);
});

afterAll(async () => {
  await database?.close();
});

async function rateSeen(email: string) {
  const client = await as(email);
  const record = (await client.get(`/api/v1/people/${personId}`)).body;
  const listed = (await client.get('/api/v1/people?q=Rate%20Tester')).body.items[0];
  const history = (await client.get(`/api/v1/audit/records/person/${personId}`)).body.items as PersonEvent[];
  const events = (await client.get(`/api/v1/audit/events?entityType=person&entityId=${personId}`)).body.items as PersonEvent[];
  return { record, listed, history, events };
}

describe('cost rates', () => {
  it('are read by admins, PMO leads and analysts and resource managers, in records and history', async () => {
    for (const email of SEE()) {
      const seen = await rateSeen(email);
      expect(seen.record.costRate, email).toBe(110);
      expect(seen.listed.costRate, email).toBe(110);
      for (const events of [seen.history, seen.events]) {
        const updated = events.find((e) => e.action === 'person.updated')!;
        expect(updated.before?.costRate, email).toBe(95);
        expect(updated.after?.costRate, email).toBe(110);
        expect(events.find((e) => e.action === 'person.created')!.after?.costRate, email).toBe(95);
      }
    }
  });

  it('read as null by everyone else, in records, lists, the history and the event list', async () => {
    for (const email of BLIND()) {
      const seen = await rateSeen(email);
      expect(seen.record, email).toMatchObject({ name: 'Rate Tester', costRate: null });
      expect(seen.listed.costRate, email).toBeNull();
      expect(seen.history.length, email).toBe(2);
      expect(seen.events.length, email).toBe(2);
      for (const e of [...seen.history, ...seen.events]) {
        if (e.before) expect(e.before.costRate, email).toBeNull();
        if (e.after) expect(e.after.costRate, email).toBeNull();
      }
    }
  });
});
