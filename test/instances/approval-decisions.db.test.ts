import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app/http.ts';
import { loadConfig } from '../../src/kernel/config.ts';
import { type Database, openDatabase } from '../../src/kernel/db.ts';
import { auditEvents } from '../../src/modules/audit/audit.tables.ts';
import { projectBaselines } from '../../src/modules/projects/baselines.tables.ts';
import { type TestDatabase, testDatabase } from '../support/database.ts';
import { makeReportingProject, makeReportingType } from '../support/factories-reports.ts';
import { TEST_PASSWORD, addPmoMember, makeOrganisation, makeUser } from '../support/factories-standards.ts';
import { ApiClient, type TestApp } from '../support/http.ts';

const onPostgres = process.env.TG_TEST_DB === 'postgres' && Boolean(process.env.TEST_DATABASE_URL);

/**
 * Twenty PMO leads may each decide a budget increase; they all approve at once, half through each
 * of two Tollgate instances with their own connection pools on one PostgreSQL. Exactly one
 * decision wins, the nineteen others get 409, and the new baseline is written once.
 */
describe.skipIf(!onPostgres)('concurrent decisions on one approval step, across two instances on one PostgreSQL', () => {
  let database: TestDatabase;
  let second: Database;
  let instances: TestApp[];

  beforeAll(async () => {
    database = await testDatabase();
    second = await openDatabase({ databaseUrl: database.url!, poolSize: 4 });
    const config = { ...loadConfig({}), port: 0 };
    instances = [database, second].map((db) => createApp({ database: db, config }, { webDist: null }));
  });

  afterAll(async () => {
    await second?.close();
    await database?.close();
  });

  it('lets exactly one of twenty simultaneous approvals win, and applies the effect once', async () => {
    const org = await makeOrganisation(database.db);
    const typeId = await makeReportingType(database.db, org);
    const project = await makeReportingProject(database.db, org, {
      typeId,
      projectManagerId: org.users.pm1.personId!,
      bac: 100_000,
    });
    const leads = [];
    for (let i = 0; i < 19; i++) {
      const lead = await makeUser(database.db, { name: `Concurrent Lead ${i}` });
      await addPmoMember(database.db, org.pmos.enterprise.id, lead.personId!, 'lead');
      leads.push(lead);
    }
    leads.push(org.users.lead);
    const pm = await ApiClient.signIn(instances[0]!, org.users.pm1.email, TEST_PASSWORD);
    const raised = await pm.post('/api/v1/approvals', {
      projectId: project.id,
      title: 'More budget',
      reason: 'Scope grew',
      change: { kind: 'budget_increase', amount: 5_000, costCategory: 'labour' },
    });
    expect(raised.status, JSON.stringify(raised.body)).toBe(201);
    expect(raised.body.steps).toHaveLength(1);
    expect(raised.body.steps[0].approvers).toHaveLength(20);
    const clients = await Promise.all(leads.map((l, i) => ApiClient.signIn(instances[i % 2]!, l.email, TEST_PASSWORD)));

    const replies = await Promise.all(
      clients.map((client) => client.post(`/api/v1/approvals/${raised.body.id}/decision`, { outcome: 'approve' })),
    );
    const codes = replies.map((r) => r.status).sort();
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(19);
    for (const reply of replies.filter((r) => r.status === 409)) {
      expect(['INVALID_STATE', 'STEP_DECIDED']).toContain(reply.body.error.code);
    }

    const baselines = await database.db.select().from(projectBaselines).where(eq(projectBaselines.projectId, project.id));
    expect(baselines.map((b) => Number(b.bac)).sort()).toEqual([100_000, 105_000]);
    const decisions = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, raised.body.id), eq(auditEvents.action, 'approval.approved')));
    expect(decisions).toHaveLength(1);
  });
});
