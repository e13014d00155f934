import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../../test/support/database.ts';
import { ApiClient, type TestApp, testApp } from '../../../test/support/http.ts';

/** Nobody is made project manager of a project type without the training the type requires. */
describe('project managers must hold the training of the project type', () => {
  let database: TestDatabase;
  let app: TestApp;
  let lead: ApiClient;
  const people: Record<string, string> = {};
  const types: Record<string, string> = {};
  let epmo = '';

  beforeAll(async () => {
    database = await testDatabase({ demo: true });
    app = testApp(database);
    lead = await ApiClient.signIn(app, 'pmo.lead@example.com');
    for (const p of (await lead.get('/api/v1/people')).body.items) people[p.email] = p.id;
    for (const t of (await lead.get('/api/v1/project-types')).body.items) types[t.code] = t.id;
    epmo = (await lead.get('/api/v1/pmos')).body.items.find((p: { code: string }) => p.code === 'EPMO').id;
  });
  afterAll(async () => {
    await database.close();
  });

  const project = (code: string, manager: string) => ({
    code,
    name: `Training check ${code}`,
    pmoId: epmo,
    projectTypeId: types['IT-DELIVERY'],
    projectManagerId: people[manager],
    budget: 100_000,
  });

  it('refuses an untrained manager with the list of missing courses, naming projectManagerId', async () => {
    const reply = await lead.post('/api/v1/projects', project('TRN-001', 'hannah.moore@example.com'));
    expect(reply.status).toBe(422);
    expect(reply.body.error.details.issues[0].field).toBe('projectManagerId');
    expect(reply.body.error.details.missingCourses.length).toBeGreaterThan(0);
    expect((await lead.get('/api/v1/projects?q=TRN-001')).body.items).toHaveLength(0);
  });

  it('accepts a trained manager, and refuses to hand the project to an untrained one', async () => {
    const created = await lead.post('/api/v1/projects', project('TRN-002', 'pm@example.com'));
    expect(created.status).toBe(201);
    const handover = await lead.patch(`/api/v1/projects/${created.body.id}`, {
      version: created.body.version,
      projectManagerId: people['hannah.moore@example.com'],
    });
    expect(handover.status).toBe(422);
    expect(handover.body.error.details.missingCourses.length).toBeGreaterThan(0);
  });
});
