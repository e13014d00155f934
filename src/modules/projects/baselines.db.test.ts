import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { ApiClient, testApp, type TestApp } from '../../../test/support/http.ts';

describe('project baselines', () => {
  let database: TestDatabase;
  let app: TestApp;
  let lead: ApiClient;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    database = await testDatabase({ demo: true });
    app = testApp(database);
    lead = await ApiClient.signIn(app, 'pmo.lead@example.com');
    const { body } = await lead.get('/api/v1/projects');
    for (const p of body.items) ids[p.code] = p.id;
  });
  afterAll(async () => {
    await database.close();
  });

  const curve = [
    { date: '2026-01-01', plannedValue: 0 },
    { date: '2026-06-30', plannedValue: 400_000 },
    { date: '2026-12-31', plannedValue: 1_000_000 },
  ];

  it('lets a lead of the governing PMO set a new baseline version each time, and the budget follows BAC', async () => {
    // The demo gives every open project its baseline; new versions number on from it.
    const demo = (await lead.get(`/api/v1/projects/${ids['OPX-001']}/baseline`)).body.versions.length as number;
    const demoEvents = (await lead.get(`/api/v1/audit/records/project/${ids['OPX-001']}`)).body.items.filter(
      (e: { action: string }) => e.action === 'project.baseline_set',
    ).length as number;
    const first = await lead.put(`/api/v1/projects/${ids['OPX-001']}/baseline`, {
      bac: 1_000_000,
      curve,
      reason: 'Initial plan',
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      number: demo + 1,
      bac: 1_000_000,
      curve,
      reason: 'Initial plan',
      setBy: 'pmo.lead@example.com',
    });
    const second = await lead.put(`/api/v1/projects/${ids['OPX-001']}/baseline`, {
      bac: 1_200_000,
      curve: [...curve.slice(0, 2), { date: '2027-03-31', plannedValue: 1_200_000 }],
      reason: 'Scope added by change request',
    });
    expect(second.body.number).toBe(demo + 2);
    const read = await lead.get(`/api/v1/projects/${ids['OPX-001']}/baseline`);
    expect(read.body.current.number).toBe(demo + 2);
    expect(read.body.versions.map((v: { number: number }) => v.number)).toEqual(
      Array.from({ length: demo + 2 }, (_, i) => demo + 2 - i),
    );
    const project = await lead.get(`/api/v1/projects/${ids['OPX-001']}`);
    expect(project.body.budget).toBe(1_200_000);
    const history = await lead.get(`/api/v1/audit/records/project/${ids['OPX-001']}`);
    expect(history.body.items.filter((e: { action: string }) => e.action === 'project.baseline_set')).toHaveLength(
      demoEvents + 2,
    );
  });

  it('names the wrong point of a curve', async () => {
    const before = (await lead.get(`/api/v1/projects/${ids['OPX-002']}/baseline`)).body.current;
    const reply = await lead.put(`/api/v1/projects/${ids['OPX-002']}/baseline`, {
      bac: 1_000_000,
      curve: [curve[0], { date: '2026-06-30', plannedValue: 900_000 }, { date: '2026-12-31', plannedValue: 800_000 }],
    });
    expect(reply.status).toBe(422);
    expect(reply.body.error.details.issues.map((i: { field: string }) => i.field)).toContain('curve.2.plannedValue');
    const unchanged = await lead.get(`/api/v1/projects/${ids['OPX-002']}/baseline`);
    expect(unchanged.body.current).toEqual(before);
  });

  it('is for PMO leads only, of the PMO that governs the project', async () => {
    for (const email of ['pm@example.com', 'pmo.analyst@example.com', 'admin@example.com', 'coo@example.com']) {
      const client = await ApiClient.signIn(app, email);
      const reply = await client.put(`/api/v1/projects/${ids['OPX-001']}/baseline`, { bac: 1_000_000, curve });
      expect(reply.status, email).toBe(403);
    }
    const programLead = await ApiClient.signIn(app, 'prog.lead@example.com');
    const hidden = await programLead.put(`/api/v1/projects/${ids['OPX-001']}/baseline`, { bac: 1_000_000, curve });
    expect(hidden.status).toBe(404);
  });

  it('refuses to change the baseline of a closed project', async () => {
    const reply = await lead.put(`/api/v1/projects/${ids['DTX-007']}/baseline`, { bac: 1_000_000, curve });
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('INVALID_STATE');
  });
});
