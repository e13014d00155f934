import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { makeReportingProject, makeReportingType, setProjectState } from '../../../test/support/factories-reports.ts';
import { type Organisation, issueFields, makeOrganisation, signInAs } from '../../../test/support/factories-standards.ts';
import { testApp, type TestApp } from '../../../test/support/http.ts';

/**
 * The risk and issue registers through HTTP: risks scored on the project's 5×5 matrix (critical
 * and escalated from 15), reassessments kept as the score over time, a risk that occurs becoming an
 * issue, issues resolved with a resolution; kept by the project's manager and its PMO, read by
 * whoever sees the project; bad input a 4xx naming the field with nothing written.
 */

let database: TestDatabase;
let app: TestApp;
let org: Organisation;
let typeId: string;
const as = signInAs(() => ({ app, org }));

async function count(table: string): Promise<number> {
  const result = (await database.db.execute(sql`select count(*) as n from ${sql.identifier(table)}`)) as unknown as {
    rows: { n: unknown }[];
  };
  return Number(result.rows[0]!.n);
}

async function writes(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const t of ['risks', 'risk_assessments', 'risk_actions', 'issues', 'audit_events']) counts[t] = await count(t);
  return counts;
}

const project = () => makeReportingProject(database.db, org, { typeId, projectManagerId: org.users.pm1.personId! });

const aRisk = (extra: Record<string, unknown> = {}) => ({
  title: 'Key supplier goes out of business',
  category: 'supplier',
  cause: 'The supplier lost its biggest customer',
  effect: 'No spare parts for the scanners',
  probability: 2,
  impact: 4,
  response: 'mitigate',
  costImpact: { min: 10_000, likely: 25_000, max: 60_000 },
  scheduleImpactDays: { min: 5, likely: 15, max: 40 },
  actions: [{ text: 'Qualify a second supplier', dueOn: '2027-01-31' }],
  ...extra,
});

beforeAll(async () => {
  database = await testDatabase();
  app = testApp(database);
  org = await makeOrganisation(database.db);
  typeId = await makeReportingType(database.db, org);
});

afterAll(async () => {
  await database?.close();
});

describe('the risk register', () => {
  it('scores a risk on the matrix, keeps every reassessment, and escalates it from the escalation score', async () => {
    const p = await project();
    const pm = await as('pm1');
    const created = await pm.post(`/api/v1/projects/${p.id}/risks`, aRisk({ ownerPersonId: org.users.pm1.personId }));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      key: 'R-1',
      probability: 2,
      impact: 4,
      score: 8,
      band: { name: 'medium' },
      probabilityLabel: 'Unlikely (10–30 %)',
      impactLabel: 'Major',
      escalated: false,
      status: 'open',
      owner: { id: org.users.pm1.personId, name: 'Project Manager One' },
      costImpact: { min: 10_000, likely: 25_000, max: 60_000 },
      actions: [{ text: 'Qualify a second supplier', dueOn: '2027-01-31', doneOn: null }],
      canEdit: true,
    });
    expect(created.body.assessments).toHaveLength(1);

    const worse = await pm.patch(`/api/v1/projects/${p.id}/risks/${created.body.id}`, {
      version: created.body.version,
      probability: 4,
      assessmentNote: 'The supplier missed two deliveries',
    });
    expect(worse.status, JSON.stringify(worse.body)).toBe(200);
    expect(worse.body).toMatchObject({ score: 16, band: { name: 'critical' }, escalated: true });
    expect(worse.body.escalatedAt).not.toBeNull();
    expect(worse.body.assessments.map((a: { score: number; note: string | null }) => [a.score, a.note])).toEqual([
      [8, null],
      [16, 'The supplier missed two deliveries'],
    ]);
    // A change of wording is no reassessment.
    const renamed = await pm.patch(`/api/v1/projects/${p.id}/risks/${created.body.id}`, {
      version: worse.body.version,
      title: 'Scanner supplier goes out of business',
    });
    expect(renamed.body.assessments).toHaveLength(2);
    expect(renamed.body.escalatedAt).toBe(worse.body.escalatedAt);

    const second = await pm.post(`/api/v1/projects/${p.id}/risks`, aRisk({ probability: 1, impact: 1, response: 'escalate' }));
    expect(second.body).toMatchObject({ key: 'R-2', score: 1, band: { name: 'low' }, escalated: true });
    // The executive the PMO reports to reads the register, and keeps none of it.
    const list = await (await as('coo')).get(`/api/v1/projects/${p.id}/risks`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((r: { key: string }) => r.key)).toEqual(['R-1', 'R-2']);
    expect(list.body.items[0].canEdit).toBe(false);
    const escalated = await pm.get(`/api/v1/projects/${p.id}/risks?escalated=true`);
    expect(escalated.body.total).toBe(2);

    expect((await (await as('coo')).get(`/api/v1/projects/${p.id}/risk-matrix`)).body.canEdit).toBe(false);
    const matrix = await pm.get(`/api/v1/projects/${p.id}/risk-matrix`);
    expect(matrix.body.canEdit).toBe(true);
    expect(matrix.body).toMatchObject({
      escalationScore: 15,
      cells: [
        { probability: 1, impact: 1, open: 1 },
        { probability: 4, impact: 4, open: 1 },
      ],
    });
    const csv = await pm.get(`/api/v1/projects/${p.id}/risks?format=csv`);
    expect(String(csv.body)).toContain('Scanner supplier goes out of business');

    const history = await pm.get(`/api/v1/audit/records/risk/${created.body.id}`);
    expect(history.body.items.map((e: { action: string }) => e.action).sort()).toEqual([
      'risk.created',
      'risk.updated',
      'risk.updated',
    ]);
  });

  it('turns a risk that occurred into an issue linked to it, and resolves the issue with a resolution', async () => {
    const p = await project();
    const pm = await as('pm1');
    const risk = (await pm.post(`/api/v1/projects/${p.id}/risks`, aRisk())).body;
    const issue = await pm.post(`/api/v1/projects/${p.id}/risks/${risk.id}/occurred`, {
      version: risk.version,
      severity: 'critical',
    });
    expect(issue.status, JSON.stringify(issue.body)).toBe(201);
    expect(issue.body).toMatchObject({
      key: 'I-1',
      title: risk.title,
      severity: 'critical',
      escalated: true,
      risk: { id: risk.id, name: `R-1 · ${risk.title}` },
      description: 'No spare parts for the scanners',
    });
    const after = (await pm.get(`/api/v1/projects/${p.id}/risks/${risk.id}`)).body;
    expect(after).toMatchObject({ status: 'occurred', issueId: issue.body.id });
    // An occurred risk is history: neither edited nor occurring again.
    expect((await pm.patch(`/api/v1/projects/${p.id}/risks/${risk.id}`, { version: after.version, impact: 1 })).status).toBe(409);
    expect(
      (await pm.post(`/api/v1/projects/${p.id}/risks/${risk.id}/occurred`, { version: after.version, severity: 'low' })).status,
    ).toBe(409);

    const unresolved = await pm.patch(`/api/v1/projects/${p.id}/issues/${issue.body.id}`, {
      version: issue.body.version,
      status: 'resolved',
    });
    expect(unresolved.status).toBe(422);
    expect(issueFields(unresolved.body)).toEqual(['resolution']);
    const resolved = await pm.patch(`/api/v1/projects/${p.id}/issues/${issue.body.id}`, {
      version: issue.body.version,
      status: 'resolved',
      severity: 'high',
      resolution: 'Spare parts bought from the second supplier',
    });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', severity: 'high', escalated: false });

    const raised = await (await as('analyst')).post(`/api/v1/projects/${p.id}/issues`, {
      title: 'Test lab flooded',
      severity: 'medium',
    });
    expect(raised.status, JSON.stringify(raised.body)).toBe(201);
    expect(raised.body).toMatchObject({ key: 'I-2', escalated: false, risk: null });
    const issues = await pm.get(`/api/v1/projects/${p.id}/issues`);
    expect(issues.body.items.map((i: { key: string }) => i.key)).toEqual(['I-1', 'I-2']);
  });
});

describe('who keeps the registers', () => {
  it('is the project manager and the PMO governing it; a reader is refused, and whoever may not see the project gets a 404', async () => {
    const p = await project();
    for (const who of ['pm1', 'lead', 'analyst'] as const) {
      expect((await (await as(who)).post(`/api/v1/projects/${p.id}/risks`, aRisk())).status, who).toBe(201);
    }
    // Signed in first: a sign-in is audited.
    for (const who of ['coo', 'viewer', 'pm2'] as const) await as(who);
    const before = await writes();
    // Without the permission to keep registers: refused, whatever the project.
    expect((await (await as('coo')).post(`/api/v1/projects/${p.id}/risks`, aRisk())).status).toBe(403);
    expect((await (await as('viewer')).post(`/api/v1/projects/${p.id}/risks`, aRisk())).status).toBe(403);
    // With it, on a project one may not see: not found.
    expect((await (await as('pm2')).post(`/api/v1/projects/${p.id}/risks`, aRisk())).status).toBe(404);
    expect((await (await as('pm2')).get(`/api/v1/projects/${p.id}/risks`)).status).toBe(404);
    expect(await writes()).toEqual(before);
    const missing = await (await as('pm1')).get(`/api/v1/projects/${p.id}/risks/00000000-0000-4000-8000-000000000000`);
    expect(missing.status).toBe(404);
  });

  it('keeps the registers of a closed project read-only', async () => {
    const p = await project();
    const pm = await as('pm1');
    const risk = (await pm.post(`/api/v1/projects/${p.id}/risks`, aRisk())).body;
    await setProjectState(database.db, p.id, 'closed');
    const before = await writes();
    const reply = await pm.patch(`/api/v1/projects/${p.id}/risks/${risk.id}`, { version: risk.version, impact: 1 });
    expect(reply.status).toBe(409);
    expect(issueFields(reply.body)).toEqual(['projectId']);
    expect(await writes()).toEqual(before);
    expect((await pm.get(`/api/v1/projects/${p.id}/risks/${risk.id}`)).body.canEdit).toBe(false);
  });
});

describe('bad input', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['a probability off the matrix', { probability: 6 }, 'probability'],
    ['an impact of 0', { impact: 0 }, 'impact'],
    ['a fractional probability', { probability: 2.5 }, 'probability'],
    ['a most likely cost below the minimum', { costImpact: { min: 100, likely: 50, max: 200 } }, 'costImpact.likely'],
    ['a negative cost', { costImpact: { min: -1, likely: 5, max: 10 } }, 'costImpact.min'],
    ['a maximum delay below the most likely', { scheduleImpactDays: { min: 1, likely: 10, max: 5 } }, 'scheduleImpactDays.max'],
    ['an unknown response', { response: 'ignore' }, 'response'],
    ['an unknown owner', { ownerPersonId: '00000000-0000-4000-8000-000000000000' }, 'ownerPersonId'],
    [
      'an action of nobody known',
      { actions: [{ text: 'x', ownerPersonId: '00000000-0000-4000-8000-000000000000' }] },
      'actions.0.ownerPersonId',
    ],
    ['no title', { title: ' ' }, 'title'],
  ])('%s is a 422 naming the field, and writes nothing', async (_name, extra, field) => {
    const p = await project();
    const pm = await as('pm1');
    const before = await writes();
    const reply = await pm.post(`/api/v1/projects/${p.id}/risks`, aRisk(extra));
    expect(reply.status, JSON.stringify(reply.body)).toBe(422);
    expect(issueFields(reply.body)).toContain(field);
    expect(await writes()).toEqual(before);
  });

  it('refuses a reassessment off the matrix and a stale version, writing nothing', async () => {
    const p = await project();
    const pm = await as('pm1');
    const risk = (await pm.post(`/api/v1/projects/${p.id}/risks`, aRisk())).body;
    const before = await writes();
    const off = await pm.patch(`/api/v1/projects/${p.id}/risks/${risk.id}`, { version: risk.version, impact: 9 });
    expect(off.status).toBe(422);
    expect(issueFields(off.body)).toEqual(['impact']);
    expect((await pm.patch(`/api/v1/projects/${p.id}/risks/${risk.id}`, { version: risk.version + 1, impact: 2 })).status).toBe(
      409,
    );
    expect((await pm.post(`/api/v1/projects/${p.id}/issues`, { title: 'x', severity: 'urgent' })).status).toBe(422);
    expect(await writes()).toEqual(before);
  });
});
