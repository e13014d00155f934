import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../support/database.ts';
import { makeResourcePerson } from '../support/factories-resources.ts';
import { ApiClient, type ApiReply, type TestApp, testApp } from '../support/http.ts';

/**
 * Two allocations of one person sent at once, each within capacity alone, beyond it together:
 * exactly one is made, the other is refused with the figures. On PostgreSQL the two run in
 * parallel transactions on separate connections, which is where a check-then-insert would let
 * both through.
 */
describe('allocations sent at once', () => {
  let database: TestDatabase;
  let app: TestApp;
  let lead: ApiClient;
  let manager: ApiClient;
  let projectId = '';

  beforeAll(async () => {
    database = await testDatabase({ demo: true });
    app = testApp(database);
    lead = await ApiClient.signIn(app, 'pmo.lead@example.com');
    manager = await ApiClient.signIn(app, 'resource.manager@example.com');
    const result = (await database.db.execute(
      sql`select p.id::text as id from projects p join pmos o on o.id = p.pmo_id
          where o.code = 'EPMO' and p.name = 'Plant 2 Compressor Replacement'`,
    )) as unknown as { rows: { id: string }[] };
    projectId = result.rows[0]!.id;
  });
  afterAll(async () => {
    await database?.close();
  });

  async function allocationsOf(personId: string) {
    const result = (await database.db.execute(
      sql`select fte::text as fte from allocations where person_id = ${personId}::uuid`,
    )) as unknown as { rows: { fte: string }[] };
    return result.rows.map((r) => Number(r.fte));
  }

  function expectOneWinner(replies: ApiReply[]) {
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses, JSON.stringify(replies.map((r) => r.body))).toEqual([201, 409]);
    const refused = replies.find((r) => r.status === 409)!;
    expect(refused.body.error.code).toBe('OVER_ALLOCATED');
    expect(refused.body.error.details.months.map((m: { month: string }) => m.month)).toContain('2027-02');
  }

  it('makes exactly one of two that together exceed a month, refusing the other with OVER_ALLOCATED', async () => {
    for (let round = 0; round < 5; round++) {
      const person = await makeResourcePerson(database.db, { availability: 1 });
      const body = (fte: number) => ({ projectId, personId: person.id, fte, startMonth: '2027-02', endMonth: '2027-03' });
      const replies = await Promise.all([
        lead.post('/api/v1/allocations', body(0.6)),
        manager.post('/api/v1/allocations', body(0.6)),
      ]);
      expectOneWinner(replies);
      expect(await allocationsOf(person.id)).toEqual([0.6]);
    }
  });

  it('holds when one of the two is a change of an existing allocation', async () => {
    const person = await makeResourcePerson(database.db, { availability: 1 });
    const made = await lead.post('/api/v1/allocations', {
      projectId,
      personId: person.id,
      fte: 0.2,
      startMonth: '2027-02',
      endMonth: '2027-02',
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const replies = await Promise.all([
      lead.patch(`/api/v1/allocations/${made.body.id}`, { version: made.body.version, fte: 0.6 }),
      manager.post('/api/v1/allocations', {
        projectId,
        personId: person.id,
        fte: 0.6,
        startMonth: '2027-02',
        endMonth: '2027-02',
      }),
    ]);
    const applied = replies.filter((r) => r.status === 200 || r.status === 201);
    const refused = replies.filter((r) => r.status === 409);
    expect(applied, JSON.stringify(replies.map((r) => r.body))).toHaveLength(1);
    expect(refused.map((r) => r.body.error.code)).toEqual(['OVER_ALLOCATED']);
    const total = (await allocationsOf(person.id)).reduce((a, b) => a + b, 0);
    expect(total).toBeLessThanOrEqual(1);
  });
});
