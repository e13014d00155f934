import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../../test/support/database.ts';
import {
  type Organisation,
  issueFields,
  makeOrganisation,
  sampleDefinition,
  signInAs,
} from '../../../test/support/factories-standards.ts';
import { ApiClient, type TestApp, testApp } from '../../../test/support/http.ts';

let database: TestDatabase;
let app: TestApp;
let org: Organisation;
const as = signInAs(() => ({ app, org }));

beforeAll(async () => {
  database = await testDatabase();
  app = testApp(database);
  org = await makeOrganisation(database.db);
});

afterAll(async () => {
  await database?.close();
});

describe('project types and standard versions', () => {
  let typeId: string;

  it('lets the lead of the owning PMO create a type with version 1', async () => {
    const lead = await as('lead');
    const res = await lead.post('/api/v1/project-types', {
      code: 'IT',
      name: 'IT system delivery',
      description: 'Delivery of information systems',
      pmoId: org.pmos.enterprise.id,
      definition: sampleDefinition(),
      note: 'first edition',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      code: 'IT',
      pmo: { id: org.pmos.enterprise.id, name: 'Enterprise PMO' },
      currentVersion: 1,
      phaseCount: 5,
      projectCount: 0,
      version: 1,
    });
    expect(res.body.versions).toEqual([
      expect.objectContaining({ number: 1, publishedBy: 'lead@factory.test', note: 'first edition', projectCount: 0 }),
    ]);
    expect(res.body.definition.gates).toHaveLength(4);
    typeId = res.body.id;
  });

  it('refuses a duplicate code with 409 naming the field', async () => {
    const res = await (await as('admin')).post('/api/v1/project-types', {
      code: 'it',
      name: 'Again',
      pmoId: org.pmos.enterprise.id,
      definition: sampleDefinition(),
    });
    expect(res.status).toBe(409);
    expect(issueFields(res.body)).toEqual(['code']);
  });

  it('refuses the lead of another PMO, and roles without standards.manage', async () => {
    const body = { code: 'OTHER', name: 'Other', pmoId: org.pmos.enterprise.id, definition: sampleDefinition() };
    const financeLead = await (await as('financeLead')).post('/api/v1/project-types', body);
    expect(financeLead.status).toBe(403);
    // A program PMO's lead does not govern the enterprise PMO above it.
    expect((await (await as('programLead')).post('/api/v1/project-types', body)).status).toBe(403);
    expect((await (await as('analyst')).post('/api/v1/project-types', body)).status).toBe(403);
    expect((await (await as('viewer')).post('/api/v1/project-types', body)).status).toBe(403);
    expect(
      (
        await (
          await as('financeLead')
        ).post(`/api/v1/project-types/${typeId}/versions`, { definition: sampleDefinition(1), basedOnVersion: 1 })
      ).status,
    ).toBe(403);
    expect((await (await as('financeLead')).patch(`/api/v1/project-types/${typeId}`, { name: 'X', version: 1 })).status).toBe(
      403,
    );
    expect((await ApiClient.anonymous(app).get('/api/v1/project-types')).status).toBe(401);
  });

  it('lets the enterprise lead manage the standards of a PMO nested under it', async () => {
    const res = await (await as('lead')).post('/api/v1/project-types', {
      code: 'PROG-CHANGE',
      name: 'Programme change',
      pmoId: org.pmos.program.id,
      definition: sampleDefinition(1),
    });
    expect(res.status).toBe(201);
  });

  it('refuses an unknown PMO with 422 naming pmoId', async () => {
    const res = await (await as('admin')).post('/api/v1/project-types', {
      code: 'NOPMO',
      name: 'No PMO',
      pmoId: '00000000-0000-4000-8000-000000000000',
      definition: sampleDefinition(),
    });
    expect(res.status).toBe(422);
    expect(issueFields(res.body)).toEqual(['pmoId']);
  });

  it('refuses an invalid definition with 422 naming the field path', async () => {
    const definition = sampleDefinition() as unknown as { gates: { quorum: number; afterPhase: string }[] };
    definition.gates[0]!.quorum = 0;
    const res = await (await as('lead')).post('/api/v1/project-types', {
      code: 'BAD',
      name: 'Bad',
      pmoId: org.pmos.enterprise.id,
      definition,
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(issueFields(res.body)).toContain('definition.gates.0.quorum');

    const ruleBroken = sampleDefinition() as unknown as { gates: { afterPhase: string }[] };
    ruleBroken.gates[1]!.afterPhase = 'nowhere';
    const publish = await (await as('lead')).post(`/api/v1/project-types/${typeId}/versions`, {
      definition: ruleBroken,
      basedOnVersion: 1,
    });
    expect(publish.status).toBe(422);
    expect(issueFields(publish.body)).toContain('definition.gates.1.afterPhase');
  });

  it('reads the list and one type for everyone', async () => {
    const list = await (await as('viewer')).get('/api/v1/project-types');
    expect(list.status).toBe(200);
    expect(list.body.items.map((t: { code: string }) => t.code)).toEqual(['IT', 'PROG-CHANGE']);
    expect(list.body.items[0]).toMatchObject({
      pmoId: org.pmos.enterprise.id,
      pmo: { name: 'Enterprise PMO' },
      currentVersion: 1,
      phaseCount: 5,
    });
    const one = await (await as('viewer')).get(`/api/v1/project-types/${typeId}`);
    expect(one.status).toBe(200);
    expect(one.body.definition.phases[0].key).toBe('initiate');
    expect((await (await as('viewer')).get('/api/v1/project-types/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await (await as('viewer')).get('/api/v1/project-types/not-a-uuid')).status).toBe(404);
  });

  it('publishes version N+1 while an existing project keeps version N', async () => {
    const lead = await as('lead');
    const before = await lead.post('/api/v1/projects', {
      code: 'P-OLD',
      name: 'Started under v1',
      pmoId: org.pmos.enterprise.id,
      projectTypeId: typeId,
    });
    expect(before.status).toBe(201);
    expect(before.body.standardVersion).toBe(1);

    const definition = sampleDefinition();
    definition.gates[0]!.quorum = 3;
    definition.reporting.cadence = 'fortnightly';
    const res = await lead.post(`/api/v1/project-types/${typeId}/versions`, {
      definition,
      basedOnVersion: 1,
      note: 'tighter gate 1',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ projectTypeId: typeId, number: 2, current: true, note: 'tighter gate 1', projectCount: 0 });
    expect(res.body.definition.gates[0].quorum).toBe(3);

    const old = await lead.get(`/api/v1/projects/${before.body.id}`);
    expect(old.body.standardVersion).toBe(1);
    expect(old.body.lifecycle.gates[0].quorum).toBe(2);

    const after = await lead.post('/api/v1/projects', {
      code: 'P-NEW',
      name: 'Started under v2',
      pmoId: org.pmos.enterprise.id,
      projectTypeId: typeId,
    });
    expect(after.body.standardVersion).toBe(2);

    const type = await lead.get(`/api/v1/project-types/${typeId}`);
    expect(type.body).toMatchObject({
      currentVersion: 2,
      projectCount: 2,
      projectsByVersion: [
        { number: 1, projectCount: 1 },
        { number: 2, projectCount: 1 },
      ],
    });
    expect(type.body.definition.reporting.cadence).toBe('fortnightly');
    expect(type.body.versions.map((v: { number: number; projectCount: number }) => [v.number, v.projectCount])).toEqual([
      [1, 1],
      [2, 1],
    ]);

    const v1 = await lead.get(`/api/v1/project-types/${typeId}/versions/1`);
    expect(v1.status).toBe(200);
    expect(v1.body).toMatchObject({ number: 1, current: false, projectCount: 1 });
    expect(v1.body.definition.reporting.cadence).toBe('monthly');
    expect((await lead.get(`/api/v1/project-types/${typeId}/versions/9`)).status).toBe(404);
  });

  it('lists what a version changed', async () => {
    const res = await (await as('viewer')).get(`/api/v1/project-types/${typeId}/versions/2/diff`);
    expect(res.status).toBe(200);
    expect(res.body.from).toBe(1);
    expect(res.body.to).toBe(2);
    expect(res.body.changes).toEqual([
      { path: 'gates.g1-approve-planning.quorum', change: 'changed', before: 2, after: 3 },
      { path: 'reporting.cadence', change: 'changed', before: 'monthly', after: 'fortnightly' },
    ]);
    const first = await (await as('viewer')).get(`/api/v1/project-types/${typeId}/versions/1/diff`);
    expect(first.body).toMatchObject({ from: null, to: 1, changes: [] });
    const against = await (await as('viewer')).get(`/api/v1/project-types/${typeId}/versions/1/diff?against=2`);
    expect(against.body.changes).toHaveLength(2);
  });

  it('compares any two versions, in the direction asked, and names a missing one', async () => {
    const viewer = await as('viewer');
    const backwards = await viewer.get(`/api/v1/project-types/${typeId}/versions/1/diff?against=2`);
    expect(backwards.status).toBe(200);
    expect(backwards.body).toMatchObject({ from: 2, to: 1 });
    expect(backwards.body.changes).toEqual([
      { path: 'gates.g1-approve-planning.quorum', change: 'changed', before: 3, after: 2 },
      { path: 'reporting.cadence', change: 'changed', before: 'fortnightly', after: 'monthly' },
    ]);
    const same = await viewer.get(`/api/v1/project-types/${typeId}/versions/2/diff?against=2`);
    expect(same.body).toMatchObject({ from: 2, to: 2, changes: [] });
    const missing = await viewer.get(`/api/v1/project-types/${typeId}/versions/2/diff?against=9`);
    expect(missing.status).toBe(422);
    expect(issueFields(missing.body)).toEqual(['against']);
    const bad = await viewer.get(`/api/v1/project-types/${typeId}/versions/2/diff?against=0`);
    expect(bad.status).toBe(422);
    expect(issueFields(bad.body)).toEqual(['against']);
    expect((await viewer.get(`/api/v1/project-types/${typeId}/versions/9/diff?against=1`)).status).toBe(404);
  });

  it('refuses a publication based on a stale version with 409', async () => {
    const res = await (await as('lead')).post(`/api/v1/project-types/${typeId}/versions`, {
      definition: sampleDefinition(2),
      basedOnVersion: 1,
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('VERSION_CONFLICT');
    expect(res.body.error.details).toMatchObject({ currentVersion: 2 });
  });

  it('refuses to publish a version identical to the current one', async () => {
    const current = await (await as('lead')).get(`/api/v1/project-types/${typeId}`);
    const res = await (await as('lead')).post(`/api/v1/project-types/${typeId}/versions`, {
      definition: current.body.definition,
      basedOnVersion: 2,
    });
    expect(res.status).toBe(422);
    expect(issueFields(res.body)).toEqual(['definition']);
  });

  it('edits metadata only, with optimistic locking', async () => {
    const lead = await as('lead');
    const current = await lead.get(`/api/v1/project-types/${typeId}`);
    const res = await lead.patch(`/api/v1/project-types/${typeId}`, {
      name: 'IT delivery',
      description: 'Renamed',
      version: current.body.version,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'IT delivery',
      description: 'Renamed',
      currentVersion: 2,
      version: current.body.version + 1,
    });
    const stale = await lead.patch(`/api/v1/project-types/${typeId}`, { name: 'Stale', version: current.body.version });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    const missingVersion = await lead.patch(`/api/v1/project-types/${typeId}`, { name: 'No version' });
    expect(missingVersion.status).toBe(422);
    expect(issueFields(missingVersion.body)).toEqual(['version']);
  });

  it('records every change in the audit trail, readable by everyone', async () => {
    const res = await (await as('viewer')).get(`/api/v1/audit/records/project_type/${typeId}`);
    expect(res.status).toBe(200);
    const actions = res.body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(['project_type.updated', 'standard.published', 'project_type.created']);
    const published = res.body.items[1];
    expect(published.actor).toBe('lead@factory.test');
    expect(published.before).toEqual({ currentVersion: 1 });
    expect(published.after).toMatchObject({
      currentVersion: 2,
      changedPaths: ['gates.g1-approve-planning.quorum', 'reporting.cadence'],
    });
    const verify = await (await as('admin')).get('/api/v1/audit/verify');
    expect(verify.body.ok).toBe(true);
  });

  it('publishes every route in the OpenAPI document with its permission', async () => {
    const doc = (await ApiClient.anonymous(app).get('/api/openapi.json')).body;
    const access = (path: string, method: string) => doc.paths[path]?.[method]?.['x-tollgate-access'];
    expect(access('/api/v1/project-types', 'get')).toBe('standards.read');
    expect(access('/api/v1/project-types', 'post')).toBe('standards.manage');
    expect(access('/api/v1/project-types/{id}', 'patch')).toBe('standards.manage');
    expect(access('/api/v1/project-types/{id}/versions', 'post')).toBe('standards.manage');
    expect(access('/api/v1/project-types/{id}/versions/{number}', 'get')).toBe('standards.read');
    expect(access('/api/v1/project-types/{id}/versions/{number}/diff', 'get')).toBe('standards.read');
    expect(access('/api/v1/projects', 'get')).toBe('projects.read');
    expect(access('/api/v1/projects', 'post')).toBe('projects.manage');
    expect(access('/api/v1/projects/{id}', 'get')).toBe('projects.read');
    expect(access('/api/v1/projects/{id}', 'patch')).toBe('projects.manage');
  });
});
