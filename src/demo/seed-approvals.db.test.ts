import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../test/support/database.ts';
import { ApiClient, type TestApp, testApp } from '../../test/support/http.ts';

/** The demo's approval requests, read back through the API as the project manager and the COO meet them. */

let database: TestDatabase;
let app: TestApp;

beforeAll(async () => {
  database = await testDatabase({ demo: true });
  app = testApp(database);
});

afterAll(async () => {
  await database?.close();
});

describe('the demo approval requests', () => {
  it('are in every state, on the project manager’s projects, one waiting on the COO', async () => {
    const pm = await ApiClient.signIn(app, 'pm@example.com');
    const all = await pm.get('/api/v1/approvals?limit=100');
    expect(all.status).toBe(200);
    const states = new Set((all.body.items as { state: string }[]).map((a) => a.state));
    expect([...states].sort()).toEqual(['approved', 'info_requested', 'pending', 'rejected', 'withdrawn']);

    const coo = await ApiClient.signIn(app, 'coo@example.com');
    const waiting = await coo.get('/api/v1/approvals?waitingOn=me');
    expect(waiting.body.items).toHaveLength(1);
    const [request] = waiting.body.items as { id: string; kind: string; waitingOn: { levelName: string } }[];
    expect(request).toMatchObject({ kind: 'budget_increase', waitingOn: { levelName: 'reporting executive' } });
    const detail = await coo.get(`/api/v1/approvals/${request!.id}`);
    expect(detail.body.youMayDecide).toBe(true);
    expect(detail.body.steps.map((s: { state: string }) => s.state)).toEqual(['approved', 'active']);
    expect(detail.body.actions).toEqual([
      expect.objectContaining({ action: 'approve', actor: { id: expect.any(String), name: expect.any(String) } }),
    ]);
    expect(detail.body.impact.budgetVariance.percentOfBac).toBeCloseTo(15, 1);

    // The programme PMO's lead has a scope change waiting on them.
    const lead = await ApiClient.signIn(app, 'prog.lead@example.com');
    const leads = await lead.get('/api/v1/approvals?waitingOn=me');
    expect(leads.body.items.map((a: { title: string }) => a.title)).toContain('Reporting module moves to the next release');
    const dashboard = await (await ApiClient.signIn(app, 'pmo.lead@example.com')).get('/api/v1/dashboard/approvals');
    expect(dashboard.body.waitingByStep.map((s: { level: string }) => s.level)).toEqual(['pmo_lead', 'reporting_executive']);
  });
});
