import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../../test/support/database.ts';
import { ORG_TEST_PASSWORD, makeOrgUnit, makePerson, makeSkill, makeUser } from '../../../test/support/factories-org.ts';
import { ApiClient, type TestApp, testApp } from '../../../test/support/http.ts';

let database: TestDatabase;
let app: TestApp;
let admin: ApiClient;
let viewer: ApiClient;

beforeAll(async () => {
  database = await testDatabase();
  app = testApp(database);
  await makeUser(database.db, { email: 'admin@org.test', roles: ['admin'] });
  await makeUser(database.db, { email: 'viewer@org.test', roles: ['viewer'] });
  admin = await ApiClient.signIn(app, 'admin@org.test', ORG_TEST_PASSWORD);
  viewer = await ApiClient.signIn(app, 'viewer@org.test', ORG_TEST_PASSWORD);
});

afterAll(async () => {
  await database?.close();
});

function issueFields(body: { error?: { details?: { issues?: { field: string }[] } } }): string[] {
  return (body.error?.details?.issues ?? []).map((i) => i.field);
}

async function history(client: ApiClient, entityType: string, id: string): Promise<string[]> {
  const reply = await client.get(`/api/v1/audit/records/${entityType}/${id}`);
  expect(reply.status).toBe(200);
  return reply.body.items.map((e: { action: string }) => e.action);
}

describe('org units', () => {
  it('creates, lists flat with child counts, nests as a tree and reads one', async () => {
    const root = await admin.post('/api/v1/org-units', { code: 'GRP', name: 'Group', description: 'The whole company' });
    expect(root.status).toBe(201);
    expect(root.body).toMatchObject({ code: 'GRP', name: 'Group', parentId: null, childCount: 0, version: 1 });
    expect(root.body.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const ops = await admin.post('/api/v1/org-units', { code: 'OPS', name: 'Operations', parentId: root.body.id });
    const itUnit = await admin.post('/api/v1/org-units', { code: 'IT', name: 'Information Technology', parentId: ops.body.id });
    expect(itUnit.status).toBe(201);

    const list = await viewer.get('/api/v1/org-units');
    expect(list.status).toBe(200);
    const byCode = Object.fromEntries(list.body.items.map((u: { code: string }) => [u.code, u]));
    expect(byCode.GRP).toMatchObject({ childCount: 1, parentId: null });
    expect(byCode.OPS).toMatchObject({ childCount: 1, parentId: root.body.id });
    expect(byCode.IT).toMatchObject({ childCount: 0, parentId: ops.body.id });

    const tree = await viewer.get('/api/v1/org-units/tree');
    expect(tree.status).toBe(200);
    const grp = tree.body.items.find((n: { code: string }) => n.code === 'GRP');
    expect(grp.children.map((c: { code: string }) => c.code)).toEqual(['OPS']);
    expect(grp.children[0].children[0]).toMatchObject({ code: 'IT', children: [] });

    const one = await viewer.get(`/api/v1/org-units/${ops.body.id}`);
    expect(one.body).toMatchObject({ code: 'OPS', childCount: 1 });
    expect((await viewer.get('/api/v1/org-units/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('edits with the version, refuses a stale one and a parent cycle', async () => {
    const top = await makeOrgUnit(database.db, { code: 'TOP' });
    const mid = await makeOrgUnit(database.db, { code: 'MID', parentId: top.id });
    const low = await makeOrgUnit(database.db, { code: 'LOW', parentId: mid.id });

    const renamed = await admin.patch(`/api/v1/org-units/${mid.id}`, { version: 1, name: 'Middle' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Middle', version: 2, code: 'MID' });

    const stale = await admin.patch(`/api/v1/org-units/${mid.id}`, { version: 1, name: 'Too late' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');

    const cycle = await admin.patch(`/api/v1/org-units/${top.id}`, { version: 1, parentId: low.id });
    expect(cycle.status).toBe(422);
    expect(issueFields(cycle.body)).toEqual(['parentId']);
    const self = await admin.patch(`/api/v1/org-units/${top.id}`, { version: 1, parentId: top.id });
    expect(issueFields(self.body)).toEqual(['parentId']);

    const unknownParent = await admin.patch(`/api/v1/org-units/${top.id}`, {
      version: 1,
      parentId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknownParent.status).toBe(422);
    expect(issueFields(unknownParent.body)).toEqual(['parentId']);

    // Moving a leaf elsewhere is fine.
    const moved = await admin.patch(`/api/v1/org-units/${low.id}`, { version: 1, parentId: top.id });
    expect(moved.status).toBe(200);
    expect(moved.body.parentId).toBe(top.id);

    expect(await history(viewer, 'org_unit', mid.id)).toEqual(['org_unit.updated', 'org_unit.created']);
  });

  it('names the field on bad input and on a taken code', async () => {
    const blank = await admin.post('/api/v1/org-units', { code: 'X1', name: '  ' });
    expect(blank.status).toBe(422);
    expect(issueFields(blank.body)).toContain('name');

    const badCode = await admin.post('/api/v1/org-units', { code: 'has space', name: 'Bad' });
    expect(issueFields(badCode.body)).toContain('code');

    await makeOrgUnit(database.db, { code: 'TAKEN' });
    const taken = await admin.post('/api/v1/org-units', { code: 'TAKEN', name: 'Again' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('ALREADY_EXISTS');
    expect(issueFields(taken.body)).toEqual(['code']);
  });

  it('is read by everyone but edited only with org.manage', async () => {
    const refused = await viewer.post('/api/v1/org-units', { code: 'NOPE', name: 'Nope' });
    expect(refused.status).toBe(403);
    expect((await ApiClient.anonymous(app).get('/api/v1/org-units')).status).toBe(401);
    const list = await admin.get('/api/v1/org-units');
    expect(list.body.items.some((u: { code: string }) => u.code === 'NOPE')).toBe(false);
  });
});

describe('executive positions', () => {
  it('creates with a holder, reports up the chain and refuses a cycle', async () => {
    const ceoPerson = await makePerson(database.db, { name: 'Carla Chief' });
    const ceo = await admin.post('/api/v1/positions', {
      code: 'XCEO',
      title: 'Chief Executive Officer',
      holderPersonId: ceoPerson.id,
    });
    expect(ceo.status).toBe(201);
    expect(ceo.body).toMatchObject({
      code: 'XCEO',
      holderPersonId: ceoPerson.id,
      holderName: 'Carla Chief',
      reportsToPositionId: null,
      version: 1,
    });

    const coo = await admin.post('/api/v1/positions', {
      code: 'XCOO',
      title: 'Chief Operating Officer',
      reportsToPositionId: ceo.body.id,
    });
    expect(coo.body).toMatchObject({ reportsToPositionId: ceo.body.id, reportsToCode: 'XCEO', holderName: null });

    const cycle = await admin.patch(`/api/v1/positions/${ceo.body.id}`, { version: 1, reportsToPositionId: coo.body.id });
    expect(cycle.status).toBe(422);
    expect(issueFields(cycle.body)).toEqual(['reportsToPositionId']);

    const unknownHolder = await admin.post('/api/v1/positions', {
      code: 'XCFO',
      title: 'CFO',
      holderPersonId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknownHolder.status).toBe(422);
    expect(issueFields(unknownHolder.body)).toEqual(['holderPersonId']);

    const dup = await admin.post('/api/v1/positions', { code: 'XCEO', title: 'Another' });
    expect(dup.status).toBe(409);
    expect(issueFields(dup.body)).toEqual(['code']);

    const holder = await makePerson(database.db, { name: 'Omar Ops' });
    const held = await admin.patch(`/api/v1/positions/${coo.body.id}`, { version: 1, holderPersonId: holder.id });
    expect(held.body).toMatchObject({ holderName: 'Omar Ops', version: 2 });

    const list = await viewer.get('/api/v1/positions');
    expect(list.body.items.map((p: { code: string }) => p.code)).toEqual(expect.arrayContaining(['XCEO', 'XCOO']));
    expect((await viewer.get(`/api/v1/positions/${coo.body.id}`)).body.holderPersonId).toBe(holder.id);
    expect((await viewer.patch(`/api/v1/positions/${coo.body.id}`, { version: 2, title: 'x' })).status).toBe(403);
    expect(await history(viewer, 'position', coo.body.id)).toEqual(['position.updated', 'position.created']);
  });
});

describe('skills and people', () => {
  it('keeps a skills catalogue with unique names', async () => {
    const created = await admin.post('/api/v1/skills', { name: 'Earned value', category: 'controlling' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Earned value', category: 'controlling', peopleCount: 0, version: 1 });
    const dup = await admin.post('/api/v1/skills', { name: 'earned value' });
    expect(dup.status).toBe(409);
    expect(issueFields(dup.body)).toEqual(['name']);
    const edited = await admin.patch(`/api/v1/skills/${created.body.id}`, { version: 1, description: 'EVM' });
    expect(edited.body).toMatchObject({ description: 'EVM', version: 2 });
    expect((await admin.patch(`/api/v1/skills/${created.body.id}`, { version: 1, description: 'late' })).status).toBe(409);
    expect((await viewer.post('/api/v1/skills', { name: 'Nope' })).status).toBe(403);
    expect((await viewer.get(`/api/v1/skills/${created.body.id}`)).body.name).toBe('Earned value');
  });

  it('creates a person with numbers as numbers, finds them by search, org unit and skill', async () => {
    const unit = await makeOrgUnit(database.db, { code: 'FIN', name: 'Finance' });
    const created = await admin.post('/api/v1/people', {
      name: 'Petra Planner',
      email: 'Petra.Planner@Example.com',
      jobTitle: 'Project manager',
      orgUnitId: unit.id,
      costRate: 92.5,
      weeklyHours: 32,
      availability: 0.75,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      email: 'petra.planner@example.com',
      costRate: 92.5,
      weeklyHours: 32,
      availability: 0.75,
      active: true,
      orgUnit: { id: unit.id, code: 'FIN', name: 'Finance' },
      orgUnitName: 'Finance',
      skills: [],
      pmos: [],
      positions: [],
      version: 1,
    });
    const id = created.body.id;
    const scheduling = await makeSkill(database.db, { name: 'Scheduling' });
    const risk = await makeSkill(database.db, { name: 'Risk management' });

    const withSkills = await admin.put(`/api/v1/people/${id}/skills`, {
      version: 1,
      skills: [
        { skillId: scheduling.id, level: 4 },
        { skillId: risk.id, level: 2 },
      ],
    });
    expect(withSkills.status).toBe(200);
    expect(withSkills.body.version).toBe(2);
    expect(withSkills.body.skills).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ skillId: scheduling.id, name: 'Scheduling', level: 4 }),
        expect.objectContaining({ skillId: risk.id, level: 2 }),
      ]),
    );

    const q = await viewer.get('/api/v1/people?q=planner');
    expect(q.body.items.map((p: { id: string }) => p.id)).toEqual([id]);
    expect((await viewer.get('/api/v1/people?q=PETRA.PLANNER@')).body.items).toHaveLength(1);
    expect((await viewer.get('/api/v1/people?q=%25')).body.items).toHaveLength(0);
    expect((await viewer.get(`/api/v1/people?orgUnitId=${unit.id}`)).body.items.map((p: { id: string }) => p.id)).toEqual([id]);
    expect((await viewer.get(`/api/v1/people?skillId=${risk.id}`)).body.items.map((p: { id: string }) => p.id)).toEqual([id]);
    expect((await viewer.get(`/api/v1/skills/${risk.id}`)).body.peopleCount).toBe(1);
    const list = await viewer.get('/api/v1/people');
    // Cost rates are for PMO and resource roles: a viewer reads null (people.db.test.ts has the rule).
    expect(list.body.items.find((p: { id: string }) => p.id === id)).toMatchObject({ costRate: null, availability: 0.75 });
    const listedForAdmin = (await admin.get('/api/v1/people')).body.items.find((p: { id: string }) => p.id === id);
    expect(listedForAdmin).toMatchObject({ costRate: 92.5, availability: 0.75 });

    const badFilter = await viewer.get('/api/v1/people?orgUnitId=nope');
    expect(badFilter.status).toBe(422);
    expect(issueFields(badFilter.body)).toEqual(['orgUnitId']);
  });

  it('edits a person with the version and names the field of bad input', async () => {
    const person = await makePerson(database.db, { name: 'Edna Edit', email: 'edna@org.test' });
    await makePerson(database.db, { email: 'taken@org.test' });

    const edited = await admin.patch(`/api/v1/people/${person.id}`, { version: 1, costRate: 110, active: false });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ costRate: 110, active: false, version: 2 });

    const stale = await admin.patch(`/api/v1/people/${person.id}`, { version: 1, name: 'Late' });
    expect(stale.status).toBe(409);

    const taken = await admin.patch(`/api/v1/people/${person.id}`, { version: 2, email: 'TAKEN@org.test' });
    expect(taken.status).toBe(409);
    expect(issueFields(taken.body)).toEqual(['email']);

    const tooAvailable = await admin.patch(`/api/v1/people/${person.id}`, { version: 2, availability: 1.5 });
    expect(tooAvailable.status).toBe(422);
    expect(issueFields(tooAvailable.body)).toEqual(['availability']);

    const badEmail = await admin.post('/api/v1/people', { name: 'No Mail', email: 'not-an-email' });
    expect(issueFields(badEmail.body)).toEqual(['email']);

    const unknownUnit = await admin.patch(`/api/v1/people/${person.id}`, {
      version: 2,
      orgUnitId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknownUnit.status).toBe(422);
    expect(issueFields(unknownUnit.body)).toEqual(['orgUnitId']);

    const skill = await makeSkill(database.db);
    const badLevel = await admin.put(`/api/v1/people/${person.id}/skills`, {
      version: 2,
      skills: [{ skillId: skill.id, level: 6 }],
    });
    expect(badLevel.status).toBe(422);
    expect(issueFields(badLevel.body)).toEqual(['skills.0.level']);
    const unknownSkill = await admin.put(`/api/v1/people/${person.id}/skills`, {
      version: 2,
      skills: [
        { skillId: skill.id, level: 3 },
        { skillId: '00000000-0000-4000-8000-000000000000', level: 3 },
      ],
    });
    expect(unknownSkill.status).toBe(422);
    expect(issueFields(unknownSkill.body)).toEqual(['skills.1.skillId']);
    const twice = await admin.put(`/api/v1/people/${person.id}/skills`, {
      version: 2,
      skills: [
        { skillId: skill.id, level: 3 },
        { skillId: skill.id, level: 4 },
      ],
    });
    expect(issueFields(twice.body)).toEqual(['skills.1.skillId']);

    // None of the refused writes left anything behind.
    const after = await admin.get(`/api/v1/people/${person.id}`);
    expect(after.body).toMatchObject({ version: 2, email: 'edna@org.test', availability: 1, orgUnitId: null, skills: [] });
    expect(await history(viewer, 'person', person.id)).toEqual(['person.updated', 'person.created']);

    expect((await viewer.patch(`/api/v1/people/${person.id}`, { version: 2, name: 'x' })).status).toBe(403);
  });
});

describe('record histories', () => {
  it('answers 404 for a record that does not exist, and never a 500 for a malformed id', async () => {
    expect((await viewer.get('/api/v1/audit/records/org_unit/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await viewer.get('/api/v1/audit/records/person/not-a-uuid')).status).toBe(404);
    expect((await viewer.get('/api/v1/audit/records/delegation_threshold/not-a-uuid')).status).toBe(404);
  });
});
