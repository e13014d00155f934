import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../../test/support/database.ts';
import {
  ORG_TEST_PASSWORD,
  addPmoMember,
  makePerson,
  makePmo,
  makePosition,
  makeUser,
} from '../../../test/support/factories-org.ts';
import { ApiClient, type TestApp, testApp } from '../../../test/support/http.ts';

let database: TestDatabase;
let app: TestApp;
let admin: ApiClient;
let viewer: ApiClient;
let enterpriseLead: ApiClient;
let programLead: ApiClient;
let otherLead: ApiClient;
const ids = {} as Record<'enterprise' | 'program' | 'other' | 'owner', string>;

beforeAll(async () => {
  database = await testDatabase();
  app = testApp(database);
  const db = database.db;
  const ceo = await makePosition(db, { code: 'CEO' });
  const enterprise = await makePmo(db, {
    code: 'EPMO',
    name: 'Enterprise PMO',
    level: 'enterprise',
    reportsToPositionId: ceo.id,
  });
  const program = await makePmo(db, {
    code: 'PPMO',
    name: 'Program PMO',
    reportsToPositionId: ceo.id,
    parentPmoId: enterprise.id,
  });
  const other = await makePmo(db, { code: 'OPMO', name: 'Other PMO', reportsToPositionId: ceo.id });
  const owner = await makePerson(db, { name: 'Olivia Owner' });
  Object.assign(ids, { enterprise: enterprise.id, program: program.id, other: other.id, owner: owner.id });

  await makeUser(db, { email: 'admin@portfolio.test', roles: ['admin'] });
  await makeUser(db, { email: 'viewer@portfolio.test' });
  const e = await makeUser(db, { email: 'enterprise.lead@portfolio.test' });
  const p = await makeUser(db, { email: 'program.lead@portfolio.test' });
  const o = await makeUser(db, { email: 'other.lead@portfolio.test' });
  await addPmoMember(db, enterprise.id, e.personId!, 'lead');
  await addPmoMember(db, program.id, p.personId!, 'lead');
  await addPmoMember(db, other.id, o.personId!, 'lead');
  const signIn = (email: string) => ApiClient.signIn(app, email, ORG_TEST_PASSWORD);
  admin = await signIn('admin@portfolio.test');
  viewer = await signIn('viewer@portfolio.test');
  enterpriseLead = await signIn('enterprise.lead@portfolio.test');
  programLead = await signIn('program.lead@portfolio.test');
  otherLead = await signIn('other.lead@portfolio.test');
});

afterAll(async () => {
  await database?.close();
});

function issueFields(body: { error?: { details?: { issues?: { field: string }[] } } }): string[] {
  return (body.error?.details?.issues ?? []).map((i) => i.field);
}

describe('portfolios', () => {
  it('are created by a lead of the PMO, listed, filtered and read by everyone', async () => {
    const created = await programLead.post('/api/v1/portfolios', {
      code: 'DIGI',
      name: 'Digital programme',
      kind: 'program',
      description: 'Customer-facing digital change',
      pmoId: ids.program,
      ownerPersonId: ids.owner,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      code: 'DIGI',
      kind: 'program',
      pmoId: ids.program,
      pmo: { id: ids.program, code: 'PPMO', name: 'Program PMO' },
      ownerPersonId: ids.owner,
      ownerName: 'Olivia Owner',
      projectCount: 0,
      version: 1,
      canEdit: true,
    });
    expect(created.body.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    const byAdmin = await admin.post('/api/v1/portfolios', { code: 'CORE', name: 'Core systems', pmoId: ids.other });
    expect(byAdmin.status).toBe(201);
    expect(byAdmin.body.kind).toBe('portfolio');

    const all = await viewer.get('/api/v1/portfolios');
    expect(all.status).toBe(200);
    expect(all.body.items.map((p: { code: string }) => p.code)).toEqual(['CORE', 'DIGI']);
    const ofProgram = await viewer.get(`/api/v1/portfolios?pmoId=${ids.program}`);
    expect(ofProgram.body.items.map((p: { code: string }) => p.code)).toEqual(['DIGI']);
    const one = await viewer.get(`/api/v1/portfolios/${created.body.id}`);
    expect(one.body).toMatchObject({ code: 'DIGI', canEdit: false });
    expect((await viewer.get('/api/v1/portfolios/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('may be created only under a PMO the lead governs', async () => {
    const body = { code: 'ELSE', name: 'Elsewhere', pmoId: ids.other };
    const refused = await programLead.post('/api/v1/portfolios', body);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    expect((await viewer.post('/api/v1/portfolios', body)).status).toBe(403);
    // A lead of a PMO above governs the PMOs below it.
    const fromAbove = await enterpriseLead.post('/api/v1/portfolios', { code: 'ABOVE', name: 'From above', pmoId: ids.program });
    expect(fromAbove.status).toBe(201);
    expect((await admin.get('/api/v1/portfolios')).body.items.some((p: { code: string }) => p.code === 'ELSE')).toBe(false);
  });

  it('names the field of bad input, unknown references and a taken code', async () => {
    const badKind = await admin.post('/api/v1/portfolios', { code: 'K1', name: 'Kind', kind: 'galaxy', pmoId: ids.program });
    expect(badKind.status).toBe(422);
    expect(issueFields(badKind.body)).toEqual(['kind']);
    const noPmo = await admin.post('/api/v1/portfolios', { code: 'K2', name: 'No PMO' });
    expect(issueFields(noPmo.body)).toEqual(['pmoId']);
    const unknownPmo = await admin.post('/api/v1/portfolios', {
      code: 'K3',
      name: 'x',
      pmoId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknownPmo.status).toBe(422);
    expect(issueFields(unknownPmo.body)).toEqual(['pmoId']);
    const unknownOwner = await admin.post('/api/v1/portfolios', {
      code: 'K4',
      name: 'x',
      pmoId: ids.program,
      ownerPersonId: '00000000-0000-4000-8000-000000000000',
    });
    expect(issueFields(unknownOwner.body)).toEqual(['ownerPersonId']);
    const taken = await admin.post('/api/v1/portfolios', { code: 'digi', name: 'Again', pmoId: ids.program });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('ALREADY_EXISTS');
    expect(issueFields(taken.body)).toEqual(['code']);
    const codes = (await admin.get('/api/v1/portfolios')).body.items.map((p: { code: string }) => p.code);
    expect(codes.filter((c: string) => c.startsWith('K'))).toEqual([]);
  });

  it('are edited with the version by a governing lead; others are refused', async () => {
    const list = await viewer.get(`/api/v1/portfolios?pmoId=${ids.program}`);
    const digi = list.body.items.find((p: { code: string }) => p.code === 'DIGI');

    const edited = await programLead.patch(`/api/v1/portfolios/${digi.id}`, {
      version: digi.version,
      name: 'Digital',
      ownerPersonId: null,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ name: 'Digital', ownerPersonId: null, ownerName: null, version: digi.version + 1 });

    const stale = await programLead.patch(`/api/v1/portfolios/${digi.id}`, { version: digi.version, name: 'Late' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');

    const sideways = await otherLead.patch(`/api/v1/portfolios/${digi.id}`, { version: edited.body.version, name: 'Mine' });
    expect(sideways.status).toBe(403);
    // Moving it to a PMO the lead does not govern is refused too.
    const away = await programLead.patch(`/api/v1/portfolios/${digi.id}`, { version: edited.body.version, pmoId: ids.other });
    expect(away.status).toBe(403);
    const moved = await admin.patch(`/api/v1/portfolios/${digi.id}`, { version: edited.body.version, pmoId: ids.other });
    expect(moved.status).toBe(200);
    expect(moved.body.pmo.code).toBe('OPMO');
    expect((await programLead.patch(`/api/v1/portfolios/${digi.id}`, { version: moved.body.version, name: 'Back' })).status).toBe(
      403,
    );

    const history = await viewer.get(`/api/v1/audit/records/portfolio/${digi.id}`);
    expect(history.status).toBe(200);
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual([
      'portfolio.updated',
      'portfolio.updated',
      'portfolio.created',
    ]);
    expect(history.body.items[0]).toMatchObject({ before: { pmoId: ids.program }, after: { pmoId: ids.other } });
    expect((await viewer.get('/api/v1/audit/records/portfolio/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await viewer.get('/api/v1/audit/records/portfolio/nope')).status).toBe(404);
  });
});
