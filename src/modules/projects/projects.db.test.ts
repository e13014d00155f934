import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../../test/support/database.ts';
import {
  type Organisation,
  addProjectMember,
  issueFields,
  makeOrganisation,
  makePerson,
  makeProjectTypes,
  signInAs,
} from '../../../test/support/factories-standards.ts';
import { type TestApp, testApp } from '../../../test/support/http.ts';
import { sql } from 'drizzle-orm';
import { canSeeProject, listProjects } from './index.ts';
import { isPastPlannedFinish } from './projects.service.ts';

let database: TestDatabase;
let app: TestApp;
let org: Organisation;
type Who = keyof Organisation['users'];
const as = signInAs(() => ({ app, org }));

let types: { it: string; finance: string };
const ids = { programme: '', enterprise: '', finance: '' };

beforeAll(async () => {
  database = await testDatabase();
  app = testApp(database);
  org = await makeOrganisation(database.db);
  types = await makeProjectTypes(database.db, org);
});

afterAll(async () => {
  await database?.close();
});

describe('creating projects', () => {
  it('lets the enterprise lead create a project in a nested PMO, bound to the current version', async () => {
    const res = await (await as('lead')).post('/api/v1/projects', {
      code: 'PRG-1',
      name: 'CRM replacement',
      description: 'Replace the legacy CRM',
      pmoId: org.pmos.program.id,
      projectTypeId: types.it,
      projectManagerId: org.users.pm1.personId,
      sponsorId: org.users.sponsor.personId,
      startDate: '2026-01-05',
      plannedFinishDate: '2026-12-18',
      budget: 1250000.5,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      code: 'PRG-1',
      pmo: { id: org.pmos.program.id, name: 'Programme PMO' },
      portfolio: null,
      projectType: { id: types.it, code: 'IT', name: 'IT delivery' },
      standardVersion: 1,
      phase: { key: 'initiate', name: 'Initiate' },
      state: 'active',
      projectManager: { id: org.users.pm1.personId, name: 'Project Manager One' },
      sponsor: { id: org.users.sponsor.personId, name: 'Sponsor' },
      startDate: '2026-01-05',
      plannedFinishDate: '2026-12-18',
      budget: 1250000.5,
      goAheadAt: null,
      version: 1,
    });
    expect(res.body.members).toEqual(
      expect.arrayContaining([
        { person: { id: org.users.pm1.personId, name: 'Project Manager One' }, role: 'project_manager' },
        { person: { id: org.users.sponsor.personId, name: 'Sponsor' }, role: 'sponsor' },
      ]),
    );
    expect(res.body.lifecycle.phases.map((p: { key: string; status: string }) => `${p.key}:${p.status}`)).toEqual([
      'initiate:current',
      'plan:upcoming',
      'build:upcoming',
      'deploy:upcoming',
      'close:upcoming',
    ]);
    expect(res.body.lifecycle.gates).toHaveLength(4);
    ids.programme = res.body.id;
  });

  it('starts in the phase given', async () => {
    const res = await (await as('admin')).post('/api/v1/projects', {
      code: 'ENT-1',
      name: 'Data platform',
      pmoId: org.pmos.enterprise.id,
      projectTypeId: types.it,
      phaseKey: 'build',
      projectManagerId: org.users.pm2.personId,
    });
    expect(res.status).toBe(201);
    expect(res.body.phase).toEqual({ key: 'build', name: 'Build' });
    expect(res.body.lifecycle.phases.filter((p: { status: string }) => p.status === 'done')).toHaveLength(2);
    ids.enterprise = res.body.id;
  });

  it('lets the finance lead create in the finance PMO', async () => {
    const res = await (await as('financeLead')).post('/api/v1/projects', {
      code: 'FIN-1',
      name: 'Close the books faster',
      pmoId: org.pmos.finance.id,
      projectTypeId: types.finance,
      projectManagerId: org.users.pm2.personId,
    });
    expect(res.status).toBe(201);
    ids.finance = res.body.id;
  });

  it('refuses leads of other PMOs and roles without projects.manage', async () => {
    const body = { code: 'NOPE', name: 'Nope', pmoId: org.pmos.enterprise.id, projectTypeId: types.it };
    expect((await (await as('financeLead')).post('/api/v1/projects', body)).status).toBe(403);
    expect((await (await as('programLead')).post('/api/v1/projects', body)).status).toBe(403);
    expect((await (await as('analyst')).post('/api/v1/projects', body)).status).toBe(403);
    expect((await (await as('pm1')).post('/api/v1/projects', body)).status).toBe(403);
    expect((await (await as('viewer')).post('/api/v1/projects', body)).status).toBe(403);
  });

  it('answers bad references with 422 naming the field', async () => {
    const admin = await as('admin');
    const base = { code: 'BAD-1', name: 'Bad', pmoId: org.pmos.enterprise.id, projectTypeId: types.it };
    const missing = '00000000-0000-4000-8000-000000000000';
    const cases: [Record<string, unknown>, string][] = [
      [{ pmoId: missing }, 'pmoId'],
      [{ projectTypeId: missing }, 'projectTypeId'],
      [{ projectTypeId: types.finance }, 'projectTypeId'],
      [{ phaseKey: 'nowhere' }, 'phaseKey'],
      [{ projectManagerId: missing }, 'projectManagerId'],
      [{ sponsorId: missing }, 'sponsorId'],
      [{ portfolioId: missing }, 'portfolioId'],
      [{ orgUnitId: missing }, 'orgUnitId'],
      [{ projectManagerId: org.users.pm1.personId, sponsorId: org.users.pm1.personId }, 'sponsorId'],
      [{ startDate: '2026-05-01', plannedFinishDate: '2026-04-01' }, 'plannedFinishDate'],
      [{ startDate: '31/03/2026' }, 'startDate'],
      [{ budget: -1 }, 'budget'],
      [{ code: 'has space' }, 'code'],
    ];
    for (const [change, field] of cases) {
      const res = await admin.post('/api/v1/projects', { ...base, ...change });
      expect([res.status, issueFields(res.body)], JSON.stringify(change)).toEqual([422, [field]]);
    }
    const duplicate = await admin.post('/api/v1/projects', { ...base, code: 'prg-1' });
    expect(duplicate.status).toBe(409);
    expect(issueFields(duplicate.body)).toEqual(['code']);
  });
});

describe('who sees which project', () => {
  const names = () => ({ [ids.programme]: 'PRG-1', [ids.enterprise]: 'ENT-1', [ids.finance]: 'FIN-1' });

  async function visibleCodes(who: Who): Promise<string[]> {
    const res = await (await as(who)).get('/api/v1/projects');
    expect(res.status).toBe(200);
    return res.body.items.map((p: { code: string }) => p.code);
  }

  const matrix: [Who, string[]][] = [
    ['admin', ['ENT-1', 'FIN-1', 'PRG-1']],
    ['ceo', ['ENT-1', 'FIN-1', 'PRG-1']], // both branches report up to the CEO
    ['coo', ['ENT-1', 'PRG-1']], // enterprise PMO and the programme PMO nested under it
    ['cfo', ['FIN-1']], // another branch
    ['lead', ['ENT-1', 'PRG-1']],
    ['analyst', ['ENT-1', 'PRG-1']],
    ['programLead', ['PRG-1']],
    ['financeLead', ['FIN-1']],
    ['pm1', ['PRG-1']], // own project only
    ['pm2', ['ENT-1', 'FIN-1']],
    ['sponsor', ['PRG-1']],
    ['viewer', []],
  ];

  it.each(matrix)('%s lists exactly %j, and reads those and no other', async (who, expected) => {
    expect(await visibleCodes(who)).toEqual(expected);
    const client = await as(who);
    for (const [id, code] of Object.entries(names())) {
      const res = await client.get(`/api/v1/projects/${id}`);
      expect([code, res.status]).toEqual([code, expected.includes(code) ? 200 : 404]);
    }
  });

  it('lets a team member see the project they work on', async () => {
    expect(await visibleCodes('teamMember')).toEqual([]);
    await addProjectMember(database.db, ids.finance, org.users.teamMember.personId!, 'team_member');
    expect(await visibleCodes('teamMember')).toEqual(['FIN-1']);
    const res = await (await as('teamMember')).get(`/api/v1/projects/${ids.finance}`);
    expect(res.body.members).toContainEqual({
      person: { id: org.users.teamMember.personId, name: 'Team Member' },
      role: 'team_member',
    });
  });

  it('answers 404 for a project that does not exist or a malformed id', async () => {
    expect((await (await as('admin')).get('/api/v1/projects/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await (await as('admin')).get('/api/v1/projects/PRG-1')).status).toBe(404);
  });

  it('exposes the same rule to other modules', async () => {
    const { buildActor } = await actorOf('pm1');
    expect(await canSeeProject(database.db, buildActor, ids.programme)).toBe(true);
    expect(await canSeeProject(database.db, buildActor, ids.finance)).toBe(false);
    expect(await canSeeProject(database.db, buildActor, 'not-a-uuid')).toBe(false);
    expect((await listProjects(database.db, buildActor)).items.map((p) => p.code)).toEqual(['PRG-1']);
  });
});

async function actorOf(who: Who) {
  const { findUserByEmail, loadActor } = await import('../auth/index.ts');
  const user = await findUserByEmail(database.db, org.users[who].email);
  return { buildActor: await loadActor(database.db, user!) };
}

describe('filters', () => {
  it('filters by PMO, type, phase, state, manager and text', async () => {
    const admin = await as('admin');
    const codes = async (query: string) =>
      (await admin.get(`/api/v1/projects?${query}`)).body.items.map((p: { code: string }) => p.code);
    expect(await codes(`pmoId=${org.pmos.program.id}`)).toEqual(['PRG-1']);
    expect(await codes(`projectTypeId=${types.finance}`)).toEqual(['FIN-1']);
    expect(await codes('phase=build')).toEqual(['ENT-1']);
    expect(await codes('state=active')).toEqual(['ENT-1', 'FIN-1', 'PRG-1']);
    expect(await codes('state=closed')).toEqual([]);
    expect(await codes(`managerId=${org.users.pm2.personId}`)).toEqual(['ENT-1', 'FIN-1']);
    expect(await codes('q=crm')).toEqual(['PRG-1']);
    expect(await codes('q=fin-')).toEqual(['FIN-1']);
    expect(await codes('q=100%25')).toEqual([]);
    expect(await codes('limit=1&offset=1')).toEqual(['FIN-1']);
    // Filters narrow what one may see; they never widen it.
    const cfo = await as('cfo');
    expect((await cfo.get(`/api/v1/projects?pmoId=${org.pmos.enterprise.id}`)).body.items).toEqual([]);
    const bad = await admin.get('/api/v1/projects?pmoId=nope');
    expect(bad.status).toBe(422);
    expect(issueFields(bad.body)).toEqual(['pmoId']);
  });
});

describe('editing projects', () => {
  it('changes the manager and keeps the member rows in sync', async () => {
    const lead = await as('lead');
    const before = await lead.get(`/api/v1/projects/${ids.programme}`);
    const res = await lead.patch(`/api/v1/projects/${ids.programme}`, {
      version: before.body.version,
      name: 'CRM replacement (phase 1)',
      projectManagerId: org.users.pm2.personId,
      plannedFinishDate: '2027-03-31',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'CRM replacement (phase 1)',
      projectManager: { id: org.users.pm2.personId },
      plannedFinishDate: '2027-03-31',
      startDate: '2026-01-05',
      version: before.body.version + 1,
    });
    const roles = res.body.members.map((m: { person: { id: string }; role: string }) => [m.person.id, m.role]);
    expect(roles).toContainEqual([org.users.pm2.personId, 'project_manager']);
    expect(roles).not.toContainEqual([org.users.pm1.personId, 'project_manager']);
    // The former manager no longer sees the project.
    expect((await (await as('pm1')).get(`/api/v1/projects/${ids.programme}`)).status).toBe(404);
    expect((await (await as('pm2')).get(`/api/v1/projects/${ids.programme}`)).status).toBe(200);
  });

  it('refuses a stale version with 409', async () => {
    const res = await (await as('lead')).patch(`/api/v1/projects/${ids.programme}`, { version: 1, name: 'Stale' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('VERSION_CONFLICT');
  });

  it('refuses edits by those who may not make them', async () => {
    const current = await (await as('admin')).get(`/api/v1/projects/${ids.programme}`);
    const body = { version: current.body.version, name: 'Hijack' };
    // The finance lead cannot see the project at all.
    expect((await (await as('financeLead')).patch(`/api/v1/projects/${ids.programme}`, body)).status).toBe(404);
    // The COO sees it but does not lead its PMO; the analyst lacks the permission.
    expect((await (await as('coo')).patch(`/api/v1/projects/${ids.programme}`, body)).status).toBe(403);
    expect((await (await as('analyst')).patch(`/api/v1/projects/${ids.programme}`, body)).status).toBe(403);
    expect((await (await as('programLead')).patch(`/api/v1/projects/${ids.programme}`, body)).status).toBe(200);
  });

  it('does not accept state, phase or budget changes here: they are unknown fields (422), and nothing changes', async () => {
    const current = await (await as('admin')).get(`/api/v1/projects/${ids.enterprise}`);
    const res = await (await as('admin')).patch(`/api/v1/projects/${ids.enterprise}`, {
      version: current.body.version,
      state: 'closed',
      phaseKey: 'close',
      budget: 1,
    });
    expect([res.status, issueFields(res.body)]).toEqual([422, ['state', 'phaseKey', 'budget']]);
    const after = await (await as('admin')).get(`/api/v1/projects/${ids.enterprise}`);
    expect(after.body).toMatchObject({ state: 'active', phase: { key: 'build' }, budget: 0, version: current.body.version });
  });

  it('checks references on edit', async () => {
    const current = await (await as('admin')).get(`/api/v1/projects/${ids.enterprise}`);
    const person = await makePerson(database.db, { name: 'New Sponsor' });
    const missing = '00000000-0000-4000-8000-000000000000';
    const bad = await (await as('admin')).patch(`/api/v1/projects/${ids.enterprise}`, {
      version: current.body.version,
      sponsorId: missing,
    });
    expect([bad.status, issueFields(bad.body)]).toEqual([422, ['sponsorId']]);
    const dates = await (await as('admin')).patch(`/api/v1/projects/${ids.enterprise}`, {
      version: current.body.version,
      startDate: '2026-06-01',
      plannedFinishDate: '2026-01-01',
    });
    expect([dates.status, issueFields(dates.body)]).toEqual([422, ['plannedFinishDate']]);
    const ok = await (await as('admin')).patch(`/api/v1/projects/${ids.enterprise}`, {
      version: current.body.version,
      sponsorId: person.id,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.members).toContainEqual({ person: { id: person.id, name: 'New Sponsor' }, role: 'sponsor' });
  });
});

describe('audit', () => {
  it('records creation and edits, readable only by those who see the project', async () => {
    const res = await (await as('pm2')).get(`/api/v1/audit/records/project/${ids.programme}`);
    expect(res.status).toBe(200);
    const actions = res.body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(['project.updated', 'project.updated', 'project.created']);
    const created = res.body.items[2];
    expect(created.actor).toBe('lead@factory.test');
    expect(created.after).toMatchObject({ code: 'PRG-1', standardVersion: 1, budget: 1250000.5 });
    const edit = res.body.items[1];
    expect(edit.before.projectManager.id).toBe(org.users.pm1.personId);
    expect(edit.after.projectManager.id).toBe(org.users.pm2.personId);
    expect((await (await as('viewer')).get(`/api/v1/audit/records/project/${ids.programme}`)).status).toBe(404);
    expect((await (await as('cfo')).get(`/api/v1/audit/records/project/${ids.programme}`)).status).toBe(404);
    expect((await (await as('admin')).get('/api/v1/audit/verify')).body.ok).toBe(true);
  });
});

describe('past planned finish', () => {
  it('flags an open project whose planned finish is over, in the list and on the record, and no closed one', async () => {
    const lead = await as('lead');
    const overdue = await lead.post('/api/v1/projects', {
      code: 'OVERDUE-1',
      name: 'Warehouse move',
      pmoId: org.pmos.program.id,
      projectTypeId: types.it,
      startDate: '2020-01-06',
      plannedFinishDate: '2020-06-30',
    });
    expect(overdue.status, JSON.stringify(overdue.body)).toBe(201);
    expect(overdue.body).toMatchObject({ state: 'active', pastPlannedFinish: true });
    const onTime = await lead.post('/api/v1/projects', {
      code: 'ONTIME-1',
      name: 'Warehouse fit-out',
      pmoId: org.pmos.program.id,
      projectTypeId: types.it,
      startDate: '2020-01-06',
      plannedFinishDate: '2099-06-30',
    });
    expect(onTime.body.pastPlannedFinish).toBe(false);
    const list = await lead.get('/api/v1/projects?q=Warehouse');
    const flags = Object.fromEntries(
      (list.body.items as { code: string; pastPlannedFinish: boolean }[]).map((p) => [p.code, p.pastPlannedFinish]),
    );
    expect(flags).toEqual({ 'OVERDUE-1': true, 'ONTIME-1': false });

    // A closed project is done, however late: nothing to flag.
    await database.db.execute(sql`update projects set state = 'closed' where id = ${overdue.body.id}::uuid`);
    expect((await lead.get(`/api/v1/projects/${overdue.body.id}`)).body.pastPlannedFinish).toBe(false);
  });

  it('turns on the day after the planned finish', () => {
    const open = { state: 'on_hold', plannedFinishDate: '2026-03-31' };
    expect(isPastPlannedFinish(open, '2026-03-31')).toBe(false);
    expect(isPastPlannedFinish(open, '2026-04-01')).toBe(true);
    expect(isPastPlannedFinish({ state: 'terminated', plannedFinishDate: '2026-03-31' }, '2026-04-01')).toBe(false);
    expect(isPastPlannedFinish({ state: 'active', plannedFinishDate: null }, '2026-04-01')).toBe(false);
  });
});
