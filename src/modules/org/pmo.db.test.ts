import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../../test/support/database.ts';
import {
  ORG_TEST_PASSWORD,
  addPmoMember,
  makeOrgUnit,
  makePerson,
  makePmo,
  makePosition,
  makeUser,
} from '../../../test/support/factories-org.ts';
import { ApiClient, type TestApp, testApp } from '../../../test/support/http.ts';
import { systemActor } from '../../kernel/actor.ts';
import { getPmo, reportingLineOf, setPmoMembers } from './index.ts';

let database: TestDatabase;
let app: TestApp;
let admin: ApiClient;
let viewer: ApiClient;
let enterpriseLead: ApiClient;
let programLead: ApiClient;
let otherLead: ApiClient;
let programAnalyst: ApiClient;
const ids = {} as Record<'ceo' | 'coo' | 'cto' | 'enterprise' | 'program' | 'other' | 'programLeadPerson', string>;

/**
 *   CEO (Carla) ── COO (Omar) ── CTO (Tess)
 *   enterprise PMO -> COO; program PMO (under enterprise) -> CTO; other PMO -> CEO
 */
beforeAll(async () => {
  database = await testDatabase();
  app = testApp(database);
  const db = database.db;
  const carla = await makePerson(db, { name: 'Carla Chief' });
  const omar = await makePerson(db, { name: 'Omar Ops' });
  const tess = await makePerson(db, { name: 'Tess Tech' });
  const ceo = await makePosition(db, { code: 'CEO', title: 'Chief Executive Officer', holderPersonId: carla.id });
  const coo = await makePosition(db, {
    code: 'COO',
    title: 'Chief Operating Officer',
    holderPersonId: omar.id,
    reportsToPositionId: ceo.id,
  });
  const cto = await makePosition(db, {
    code: 'CTO',
    title: 'Chief Technology Officer',
    holderPersonId: tess.id,
    reportsToPositionId: coo.id,
  });
  Object.assign(ids, { ceo: ceo.id, coo: coo.id, cto: cto.id });
  const enterprise = await makePmo(db, {
    code: 'EPMO',
    name: 'Enterprise PMO',
    level: 'enterprise',
    reportsToPositionId: coo.id,
  });
  const program = await makePmo(db, {
    code: 'DPMO',
    name: 'Digital Program PMO',
    reportsToPositionId: cto.id,
    parentPmoId: enterprise.id,
  });
  const other = await makePmo(db, { code: 'BPMO', name: 'Business PMO', orientation: 'business', reportsToPositionId: ceo.id });
  Object.assign(ids, { enterprise: enterprise.id, program: program.id, other: other.id });

  await makeUser(db, { email: 'admin@pmo.test', roles: ['admin'] });
  await makeUser(db, { email: 'viewer@pmo.test' });
  const e = await makeUser(db, { email: 'enterprise.lead@pmo.test', name: 'Erin Enterprise' });
  const p = await makeUser(db, { email: 'program.lead@pmo.test', name: 'Pat Program' });
  const o = await makeUser(db, { email: 'other.lead@pmo.test', name: 'Otto Other' });
  const a = await makeUser(db, { email: 'program.analyst@pmo.test', name: 'Ana Analyst' });
  ids.programLeadPerson = p.personId!;
  await addPmoMember(db, enterprise.id, e.personId!, 'lead');
  await addPmoMember(db, program.id, p.personId!, 'lead');
  await addPmoMember(db, program.id, a.personId!, 'analyst');
  await addPmoMember(db, other.id, o.personId!, 'lead');

  const signIn = (email: string) => ApiClient.signIn(app, email, ORG_TEST_PASSWORD);
  admin = await signIn('admin@pmo.test');
  viewer = await signIn('viewer@pmo.test');
  enterpriseLead = await signIn('enterprise.lead@pmo.test');
  programLead = await signIn('program.lead@pmo.test');
  otherLead = await signIn('other.lead@pmo.test');
  programAnalyst = await signIn('program.analyst@pmo.test');
});

afterAll(async () => {
  await database?.close();
});

function issueFields(body: { error?: { details?: { issues?: { field: string }[] } } }): string[] {
  return (body.error?.details?.issues ?? []).map((i) => i.field);
}

async function versionOf(id: string): Promise<number> {
  return (await admin.get(`/api/v1/pmos/${id}`)).body.version;
}

async function actions(entityType: string, id: string): Promise<string[]> {
  const reply = await viewer.get(`/api/v1/audit/records/${entityType}/${id}`);
  expect(reply.status).toBe(200);
  return reply.body.items.map((e: { action: string }) => e.action);
}

describe('reading PMOs', () => {
  it('lists PMOs with level, orientation, reporting position and holder, parent PMO and counts', async () => {
    const reply = await viewer.get('/api/v1/pmos');
    expect(reply.status).toBe(200);
    const program = reply.body.items.find((p: { code: string }) => p.code === 'DPMO');
    expect(program).toMatchObject({
      level: 'program',
      orientation: 'it',
      reportsToPositionId: ids.cto,
      reportsTo: { positionId: ids.cto, code: 'CTO', title: 'Chief Technology Officer', holderName: 'Tess Tech' },
      parentPmoId: ids.enterprise,
      parentPmo: { id: ids.enterprise, code: 'EPMO', name: 'Enterprise PMO' },
      memberCount: 2,
      scopeCount: 0,
      version: expect.any(Number),
    });
    const filtered = await viewer.get(`/api/v1/pmos?parentPmoId=${ids.enterprise}`);
    expect(filtered.body.items.map((p: { code: string }) => p.code)).toEqual(['DPMO']);
  });

  it('shows one PMO with members, child PMOs and its reporting line up to the top, in order', async () => {
    const program = await viewer.get(`/api/v1/pmos/${ids.program}`);
    expect(program.status).toBe(200);
    expect(program.body.reportingLine.map((r: { code: string }) => r.code)).toEqual(['CTO', 'COO', 'CEO']);
    expect(program.body.reportingLine[2]).toEqual({
      positionId: ids.ceo,
      code: 'CEO',
      title: 'Chief Executive Officer',
      holderPersonId: expect.any(String),
      holderName: 'Carla Chief',
    });
    expect(program.body.members.map((m: { name: string; role: string }) => [m.name, m.role])).toEqual([
      ['Pat Program', 'lead'],
      ['Ana Analyst', 'analyst'],
    ]);
    expect(program.body.canEdit).toBe(false);

    const line = await viewer.get(`/api/v1/pmos/${ids.program}/reporting-line`);
    expect(line.body.items).toEqual(program.body.reportingLine);
    expect((await reportingLineOf(database.db, ids.enterprise)).map((r) => r.code)).toEqual(['COO', 'CEO']);

    const enterprise = await enterpriseLead.get(`/api/v1/pmos/${ids.enterprise}`);
    expect(enterprise.body.childPmos).toEqual([{ id: ids.program, code: 'DPMO', name: 'Digital Program PMO', level: 'program' }]);
    expect(enterprise.body.canEdit).toBe(true);
    expect((await enterpriseLead.get(`/api/v1/pmos/${ids.program}`)).body.canEdit).toBe(true);

    expect((await viewer.get('/api/v1/pmos/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await viewer.get('/api/v1/pmos/00000000-0000-4000-8000-000000000000/reporting-line')).status).toBe(404);
  });

  it('shows on a person the PMOs they belong to and the positions they hold', async () => {
    const person = await viewer.get(`/api/v1/people/${ids.programLeadPerson}`);
    expect(person.body.pmos).toEqual([{ pmoId: ids.program, code: 'DPMO', name: 'Digital Program PMO', role: 'lead' }]);
    const me = await programLead.get('/api/v1/me');
    expect(me.body.roles).toContain('pmo_lead');
  });
});

describe('creating and editing PMOs', () => {
  it('lets an admin create a PMO and nobody else', async () => {
    const body = {
      code: 'OPMO',
      name: 'Operations PMO',
      level: 'portfolio',
      orientation: 'operations',
      reportsToPositionId: ids.coo,
    };
    expect((await enterpriseLead.post('/api/v1/pmos', body)).status).toBe(403);
    const created = await admin.post('/api/v1/pmos', { ...body, parentPmoId: ids.enterprise });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'OPMO', version: 1, memberCount: 0, members: [], parentPmoId: ids.enterprise });
    expect(created.body.reportingLine.map((r: { code: string }) => r.code)).toEqual(['COO', 'CEO']);

    const dup = await admin.post('/api/v1/pmos', body);
    expect(dup.status).toBe(409);
    expect(issueFields(dup.body)).toEqual(['code']);
    const badLevel = await admin.post('/api/v1/pmos', { ...body, code: 'Z1', level: 'galactic' });
    expect(issueFields(badLevel.body)).toEqual(['level']);
    const unknownPosition = await admin.post('/api/v1/pmos', {
      ...body,
      code: 'Z2',
      reportsToPositionId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknownPosition.status).toBe(422);
    expect(issueFields(unknownPosition.body)).toEqual(['reportsToPositionId']);
    const unknownParent = await admin.post('/api/v1/pmos', {
      ...body,
      code: 'Z3',
      parentPmoId: '00000000-0000-4000-8000-000000000000',
    });
    expect(issueFields(unknownParent.body)).toEqual(['parentPmoId']);
    expect((await admin.get('/api/v1/pmos')).body.items.filter((p: { code: string }) => p.code.startsWith('Z'))).toEqual([]);
  });

  it('lets the lead of a PMO, or of a PMO above it, edit it, and refuses everyone else', async () => {
    const own = await programLead.patch(`/api/v1/pmos/${ids.program}`, {
      version: await versionOf(ids.program),
      description: 'Digital change',
    });
    expect(own.status).toBe(200);
    expect(own.body.description).toBe('Digital change');

    const fromAbove = await enterpriseLead.patch(`/api/v1/pmos/${ids.program}`, {
      version: own.body.version,
      name: 'Digital PMO',
    });
    expect(fromAbove.status).toBe(200);
    expect(fromAbove.body.version).toBe(own.body.version + 1);

    const upward = await programLead.patch(`/api/v1/pmos/${ids.enterprise}`, {
      version: await versionOf(ids.enterprise),
      name: 'Mine now',
    });
    expect(upward.status).toBe(403);
    expect(upward.body.error.code).toBe('FORBIDDEN');
    expect(upward.body.error.message).toMatch(/lead of PMO EPMO/);

    const sideways = await otherLead.patch(`/api/v1/pmos/${ids.program}`, {
      version: fromAbove.body.version,
      name: 'Taken over',
    });
    expect(sideways.status).toBe(403);
    expect(
      (await otherLead.put(`/api/v1/pmos/${ids.program}/scope`, { version: fromAbove.body.version, orgUnitIds: [] })).status,
    ).toBe(403);

    // An analyst lacks pmo.manage altogether; a viewer too.
    expect(
      (await programAnalyst.patch(`/api/v1/pmos/${ids.program}`, { version: fromAbove.body.version, name: 'x' })).status,
    ).toBe(403);
    expect((await viewer.patch(`/api/v1/pmos/${ids.program}`, { version: fromAbove.body.version, name: 'x' })).status).toBe(403);

    // The structure around a PMO is not its lead's to change.
    const reReport = await programLead.patch(`/api/v1/pmos/${ids.program}`, {
      version: fromAbove.body.version,
      reportsToPositionId: ids.ceo,
    });
    expect(reReport.status).toBe(403);
    const unnest = await programLead.patch(`/api/v1/pmos/${ids.program}`, { version: fromAbove.body.version, parentPmoId: null });
    expect(unnest.status).toBe(403);

    expect((await admin.get(`/api/v1/pmos/${ids.program}`)).body).toMatchObject({
      name: 'Digital PMO',
      version: fromAbove.body.version,
    });
  });

  it('refuses a stale version and a parent PMO cycle', async () => {
    const version = await versionOf(ids.enterprise);
    const stale = await admin.patch(`/api/v1/pmos/${ids.enterprise}`, { version: version - 1 || 99, name: 'Late' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');

    const cycle = await admin.patch(`/api/v1/pmos/${ids.enterprise}`, { version, parentPmoId: ids.program });
    expect(cycle.status).toBe(422);
    expect(issueFields(cycle.body)).toEqual(['parentPmoId']);
    const self = await admin.patch(`/api/v1/pmos/${ids.enterprise}`, { version, parentPmoId: ids.enterprise });
    expect(issueFields(self.body)).toEqual(['parentPmoId']);
    expect(await versionOf(ids.enterprise)).toBe(version);
  });

  it('replaces members and scope, moving the PMO version on each time', async () => {
    const unitA = await makeOrgUnit(database.db, { code: 'SCOPE-A' });
    const unitB = await makeOrgUnit(database.db, { code: 'SCOPE-B' });
    const newcomer = await makePerson(database.db, { name: 'Nina New' });
    const start = await admin.get(`/api/v1/pmos/${ids.other}`);
    const members = start.body.members.map((m: { personId: string; role: string }) => ({ personId: m.personId, role: m.role }));

    const withMember = await otherLead.put(`/api/v1/pmos/${ids.other}/members`, {
      version: start.body.version,
      members: [...members, { personId: newcomer.id, role: 'analyst' }],
    });
    expect(withMember.status).toBe(200);
    expect(withMember.body.version).toBe(start.body.version + 1);
    expect(withMember.body.memberCount).toBe(2);

    const staleMembers = await otherLead.put(`/api/v1/pmos/${ids.other}/members`, { version: start.body.version, members });
    expect(staleMembers.status).toBe(409);

    const scoped = await otherLead.put(`/api/v1/pmos/${ids.other}/scope`, {
      version: withMember.body.version,
      orgUnitIds: [unitA.id, unitB.id],
    });
    expect(scoped.status).toBe(200);
    expect(scoped.body.version).toBe(withMember.body.version + 1);
    expect(scoped.body.scope.map((s: { code: string }) => s.code).sort()).toEqual(['SCOPE-A', 'SCOPE-B']);
    expect(scoped.body.scopeCount).toBe(2);

    const unknownUnit = await otherLead.put(`/api/v1/pmos/${ids.other}/scope`, {
      version: scoped.body.version,
      orgUnitIds: [unitA.id, '00000000-0000-4000-8000-000000000000'],
    });
    expect(unknownUnit.status).toBe(422);
    expect(issueFields(unknownUnit.body)).toEqual(['orgUnitIds.1']);

    const twice = await otherLead.put(`/api/v1/pmos/${ids.other}/members`, {
      version: scoped.body.version,
      members: [...members, { personId: members[0].personId, role: 'analyst' }],
    });
    expect(issueFields(twice.body)).toEqual([`members.${members.length}.personId`]);
    const badRole = await otherLead.put(`/api/v1/pmos/${ids.other}/members`, {
      version: scoped.body.version,
      members: [{ personId: newcomer.id, role: 'boss' }],
    });
    expect(issueFields(badRole.body)).toEqual(['members.0.role']);

    // Nothing of the refused writes is left behind.
    const unknownPerson = await otherLead.put(`/api/v1/pmos/${ids.other}/members`, {
      version: scoped.body.version,
      members: [{ personId: '00000000-0000-4000-8000-000000000000', role: 'lead' }],
    });
    expect(unknownPerson.status).toBe(422);
    expect(issueFields(unknownPerson.body)).toEqual(['members.0.personId']);
    const after = await admin.get(`/api/v1/pmos/${ids.other}`);
    expect(after.body).toMatchObject({ version: scoped.body.version, memberCount: 2, scopeCount: 2 });

    expect(await actions('pmo', ids.other)).toEqual([
      'pmo.scope_changed',
      'pmo.members_changed',
      'pmo.members_changed',
      'pmo.created',
    ]);
  });

  it('rolls the whole write back when a step after the change fails', async () => {
    const before = await getPmo(database.db, systemActor(), ids.other);
    const eventsBefore = (await admin.get(`/api/v1/audit/records/pmo/${ids.other}`)).body.items.length;
    // Make the audit step, which runs after the members are replaced, fail.
    await database.exec(`
      CREATE FUNCTION test_refuse_pmo_audit() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'refused for the test'; END; $$ LANGUAGE plpgsql;
      CREATE TRIGGER test_refuse_pmo_audit BEFORE INSERT ON audit_events
        FOR EACH ROW WHEN (NEW.entity_type = 'pmo') EXECUTE FUNCTION test_refuse_pmo_audit();`);
    try {
      await expect(
        setPmoMembers(database.db, systemActor(), ids.other, { version: before.version, members: [] }),
      ).rejects.toThrow();
    } finally {
      await database.exec('DROP TRIGGER test_refuse_pmo_audit ON audit_events; DROP FUNCTION test_refuse_pmo_audit();');
    }
    const after = await getPmo(database.db, systemActor(), ids.other);
    expect(after.version).toBe(before.version);
    expect(after.members).toEqual(before.members);
    expect((await admin.get(`/api/v1/audit/records/pmo/${ids.other}`)).body.items).toHaveLength(eventsBefore);
    expect((await admin.get('/api/v1/audit/verify')).body.ok).toBe(true);
  });

  it('records who changed what in the PMO history', async () => {
    const events = (await viewer.get(`/api/v1/audit/records/pmo/${ids.program}`)).body.items;
    expect(events.map((e: { action: string }) => e.action)).toEqual([
      'pmo.updated',
      'pmo.updated',
      'pmo.members_changed',
      'pmo.members_changed',
      'pmo.created',
    ]);
    expect(events[0]).toMatchObject({
      actor: 'enterprise.lead@pmo.test',
      before: { description: 'Digital change' },
      after: { name: 'Digital PMO' },
    });
    expect(events[1].actor).toBe('program.lead@pmo.test');
  });
});

describe('delegation thresholds', () => {
  it('are added, edited and removed by a lead of the PMO, with history', async () => {
    const created = await programLead.post(`/api/v1/pmos/${ids.program}/thresholds`, {
      subject: 'budget_increase',
      measure: 'percent_of_bac',
      upTo: 10,
      approver: 'pmo_lead',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ pmoId: ids.program, upTo: 10, version: 1, approver: 'pmo_lead' });
    const thresholdId = created.body.id;

    // A second band of the same subject and measure ending at the same limit is ambiguous.
    const twin = await programLead.post(`/api/v1/pmos/${ids.program}/thresholds`, {
      subject: 'budget_increase',
      measure: 'percent_of_bac',
      upTo: 10,
      approver: 'reporting_executive',
    });
    expect(twin.status).toBe(409);
    expect(issueFields(twin.body)).toEqual(['upTo']);

    const list = await viewer.get(`/api/v1/pmos/${ids.program}/thresholds`);
    expect(list.body.items).toEqual([created.body]);
    expect((await viewer.get(`/api/v1/pmos/${ids.program}`)).body.thresholds).toEqual([created.body]);

    const edited = await programLead.patch(`/api/v1/pmos/${ids.program}/thresholds/${thresholdId}`, { version: 1, upTo: 12.5 });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ upTo: 12.5, version: 2 });
    expect(
      (await programLead.patch(`/api/v1/pmos/${ids.program}/thresholds/${thresholdId}`, { version: 1, upTo: 1 })).status,
    ).toBe(409);

    const mismatch = await programLead.patch(`/api/v1/pmos/${ids.program}/thresholds/${thresholdId}`, {
      version: 2,
      measure: 'days',
    });
    expect(mismatch.status).toBe(422);
    expect(issueFields(mismatch.body)).toEqual(['measure']);
    const badApprover = await programLead.post(`/api/v1/pmos/${ids.program}/thresholds`, {
      subject: 'headcount',
      measure: 'count',
      upTo: 2,
      approver: 'janitor',
    });
    expect(issueFields(badApprover.body)).toEqual(['approver']);

    // A lead of another PMO may read but not change them; the wrong PMO in the path is a 404.
    expect(
      (await otherLead.patch(`/api/v1/pmos/${ids.program}/thresholds/${thresholdId}`, { version: 2, upTo: 50 })).status,
    ).toBe(403);
    expect((await otherLead.delete(`/api/v1/pmos/${ids.program}/thresholds/${thresholdId}`)).status).toBe(403);
    expect(
      (
        await otherLead.post(`/api/v1/pmos/${ids.program}/thresholds`, {
          subject: 'headcount',
          measure: 'count',
          upTo: 1,
          approver: 'pmo_lead',
        })
      ).status,
    ).toBe(403);
    expect((await admin.patch(`/api/v1/pmos/${ids.other}/thresholds/${thresholdId}`, { version: 2, upTo: 50 })).status).toBe(404);

    expect((await programLead.delete(`/api/v1/pmos/${ids.program}/thresholds/${thresholdId}?version=1`)).status).toBe(409);
    expect((await programLead.delete(`/api/v1/pmos/${ids.program}/thresholds/${thresholdId}?version=2`)).status).toBe(204);
    expect((await viewer.get(`/api/v1/pmos/${ids.program}/thresholds`)).body.items).toEqual([]);
    expect(await actions('delegation_threshold', thresholdId)).toEqual([
      'delegation_threshold.deleted',
      'delegation_threshold.updated',
      'delegation_threshold.created',
    ]);
    // The PMO's own history shows its thresholds' changes too, deleted ones included.
    const pmoHistory = await actions('pmo', ids.program);
    expect(pmoHistory.slice(0, 3)).toEqual([
      'delegation_threshold.deleted',
      'delegation_threshold.updated',
      'delegation_threshold.created',
    ]);
  });
});
