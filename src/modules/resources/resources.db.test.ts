import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../../test/support/database.ts';
import {
  actorOf,
  addTeamMember,
  makeResourcePerson,
  makeSkill,
  projectByCode,
} from '../../../test/support/factories-resources.ts';
import { ApiClient, type TestApp, testApp } from '../../../test/support/http.ts';
import { OVERTIME_REASON } from '../../demo/seed-resources.ts';
import { allocations, auditEvents, orgUnits, people } from '../../kernel/schema.ts';
import { transact } from '../../kernel/usecase.ts';
import { verifyAuditTrail } from '../audit/index.ts';
import { allocateInTx, capacityLeft } from './index.ts';

let database: TestDatabase;
let app: TestApp;
const clients = new Map<string, ApiClient>();

async function as(email: string): Promise<ApiClient> {
  if (!clients.has(email)) clients.set(email, await ApiClient.signIn(app, email));
  return clients.get(email)!;
}

const LEAD = 'pmo.lead@example.com';
const RESOURCE_MANAGER = 'resource.manager@example.com';
const PROGRAM_LEAD = 'prog.lead@example.com';
const PM = 'pm@example.com';

/** INF-003 (Enterprise PMO, active to 2027-06); fresh people and a fresh skill, so figures are exact. */
const ids = {
  project: '',
  skill: '',
  ada: '',
  bob: '',
  adaAllocation: '',
  overrideAllocation: '',
  bobAllocation: '',
  absence: '',
};

function fields(body: { error: { details?: { issues?: { field: string }[] } } }): string[] {
  return (body.error.details?.issues ?? []).map((i) => i.field);
}

beforeAll(async () => {
  database = await testDatabase({ demo: true });
  app = testApp(database);
  const db = database.db;
  ids.project = (await projectByCode(db, 'INF-003')).id;
  const skill = await makeSkill(db, 'Tunnel boring');
  ids.skill = skill.id;
  // Ada: 0.8 of a 40-hour week. Bob: all of a 32-hour week.
  ids.ada = (await makeResourcePerson(db, { name: 'Ada Tester', availability: 0.8, skills: { [skill.id]: 4 } })).id;
  ids.bob = (
    await makeResourcePerson(db, { name: 'Bob Tester', availability: 1, weeklyHours: 32, skills: { [skill.id]: 2 } })
  ).id;
  // A resource manager sees only the projects they work on (projects' visibility rule): make them a member.
  const [resourceManager] = await db.select().from(people).where(eq(people.email, RESOURCE_MANAGER));
  await addTeamMember(db, ids.project, resourceManager!.id);
});

afterAll(async () => {
  await database?.close();
});

describe('allocations and over-allocation', () => {
  it('lets a PMO lead allocate a person within capacity', async () => {
    const res = await (await as(LEAD)).post('/api/v1/allocations', {
      projectId: ids.project,
      personId: ids.ada,
      startMonth: '2027-01',
      endMonth: '2027-03-01',
      fte: 0.5,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      project: { id: ids.project, code: 'INF-003' },
      person: { id: ids.ada, name: 'Ada Tester' },
      skill: null,
      startMonth: '2027-01-01',
      endMonth: '2027-03-01',
      fte: 0.5,
      overrideReason: null,
      createdBy: LEAD,
      version: 1,
    });
    ids.adaAllocation = res.body.id;
  });

  it('refuses an allocation that over-allocates, with the figures of every month', async () => {
    const res = await (await as(RESOURCE_MANAGER)).post('/api/v1/allocations', {
      projectId: ids.project,
      personId: ids.ada,
      startMonth: '2027-02-01',
      endMonth: '2027-04',
      fte: 0.4,
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('OVER_ALLOCATED');
    // February and March: 0.5 taken + 0.4 asked > 0.8; April is free.
    expect(res.body.error.details).toEqual({
      personId: ids.ada,
      months: [
        { month: '2027-02', capacityFte: 0.8, allocatedFte: 0.5, requestedFte: 0.4, overByFte: 0.1 },
        { month: '2027-03', capacityFte: 0.8, allocatedFte: 0.5, requestedFte: 0.4, overByFte: 0.1 },
      ],
      overrideAllowed: false,
    });
    expect(res.body.error.message).toContain('Ada Tester would be over-allocated in 2 month(s)');
    expect(res.body.error.message).toContain('2027-02: capacity 0.80 FTE, allocated 0.50, requested 0.40 (over by 0.10)');
  });

  it("refuses a resource manager's override: only a PMO lead may over-allocate", async () => {
    const res = await (await as(RESOURCE_MANAGER)).post('/api/v1/allocations', {
      projectId: ids.project,
      personId: ids.ada,
      startMonth: '2027-02',
      endMonth: '2027-04',
      fte: 0.4,
      overrideReason: 'We really need her',
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('OVER_ALLOCATED');
    expect(res.body.error.message).toContain('only a PMO lead');
  });

  it('refuses a PMO lead too without a reason, telling them they may override', async () => {
    const res = await (await as(LEAD)).post('/api/v1/allocations', {
      projectId: ids.project,
      personId: ids.ada,
      startMonth: '2027-02',
      endMonth: '2027-04',
      fte: 0.4,
    });
    expect(res.status).toBe(409);
    expect(res.body.error.details.overrideAllowed).toBe(true);
    expect(res.body.error.message).toContain('overrideReason');
  });

  it("lets the project's PMO lead override with a reason, stored and audited", async () => {
    const res = await (await as(LEAD)).post('/api/v1/allocations', {
      projectId: ids.project,
      personId: ids.ada,
      startMonth: '2027-02',
      endMonth: '2027-04',
      fte: 0.4,
      overrideReason: 'Cover for the go-live, agreed with Ada',
    });
    expect(res.status).toBe(201);
    expect(res.body.overrideReason).toBe('Cover for the go-live, agreed with Ada');
    ids.overrideAllocation = res.body.id;
    const history = await (await as(LEAD)).get(`/api/v1/audit/records/allocation/${res.body.id}`);
    expect(history.status).toBe(200);
    expect(history.body.items).toHaveLength(1);
    expect(history.body.items[0]).toMatchObject({
      action: 'allocation.created',
      actor: LEAD,
      reason: 'Cover for the go-live, agreed with Ada',
      after: {
        personId: ids.ada,
        fte: 0.4,
        overrideReason: 'Cover for the go-live, agreed with Ada',
        overAllocationOverridden: [
          { month: '2027-02', capacityFte: 0.8, allocatedFte: 0.5, requestedFte: 0.4, overByFte: 0.1 },
          { month: '2027-03', capacityFte: 0.8, allocatedFte: 0.5, requestedFte: 0.4, overByFte: 0.1 },
        ],
      },
    });
  });

  it('refuses a lead of another PMO: the project is not theirs to see (404)', async () => {
    const res = await (await as(PROGRAM_LEAD)).post('/api/v1/allocations', {
      projectId: ids.project,
      personId: ids.bob,
      startMonth: '2027-02',
      endMonth: '2027-02',
      fte: 0.1,
    });
    expect(res.status).toBe(404);
  });

  it('names the wrong field on bad input', async () => {
    const lead = await as(LEAD);
    const base = { projectId: ids.project, personId: ids.bob, startMonth: '2027-02', endMonth: '2027-03', fte: 0.2 };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, endMonth: '2027-01' }, 'endMonth'],
      [{ ...base, startMonth: '2027-13' }, 'startMonth'],
      [{ ...base, startMonth: '2027-02-15' }, 'startMonth'],
      [{ ...base, fte: 0 }, 'fte'],
      [{ ...base, fte: 0.333 }, 'fte'],
      [{ ...base, personId: null }, 'personId'],
      [{ ...base, skillId: '00000000-0000-4000-8000-000000000000' }, 'skillId'],
      [{ ...base, personId: '00000000-0000-4000-8000-000000000000' }, 'personId'],
    ];
    for (const [body, field] of cases) {
      const res = await lead.post('/api/v1/allocations', body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(fields(res.body)).toContain(field);
    }
  });

  it('needs resources.manage to write and resources.read to read', async () => {
    const pm = await as(PM);
    expect(
      (
        await pm.post('/api/v1/allocations', {
          projectId: ids.project,
          personId: ids.bob,
          startMonth: '2027-02',
          endMonth: '2027-02',
          fte: 0.1,
        })
      ).status,
    ).toBe(403);
    expect(
      (await pm.post(`/api/v1/people/${ids.ada}/absences`, { startsOn: '2027-01-04', endsOn: '2027-01-05', reason: 'x' })).status,
    ).toBe(403);
    expect((await pm.get('/api/v1/resources/capacity?from=2027-01&to=2027-03')).status).toBe(200);
    const viewer = await as('viewer@example.com');
    expect((await viewer.get('/api/v1/resources/capacity?from=2027-01&to=2027-03')).status).toBe(403);
    expect((await viewer.get('/api/v1/allocations')).status).toBe(403);
  });
});

describe('absences and capacity', () => {
  it('lowers capacity in the months an absence touches', async () => {
    const manager = await as(RESOURCE_MANAGER);
    // Monday 4 to Friday 8 January 2027: 5 of January's 21 workdays.
    const created = await manager.post(`/api/v1/people/${ids.ada}/absences`, {
      startsOn: '2027-01-04',
      endsOn: '2027-01-08',
      reason: 'Annual leave',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ personId: ids.ada, startsOn: '2027-01-04', endsOn: '2027-01-08', version: 1 });
    ids.absence = created.body.id;

    const res = await manager.get(`/api/v1/people/${ids.ada}/capacity?from=2027-01&to=2027-04`);
    expect(res.status).toBe(200);
    expect(res.body.person).toEqual({ id: ids.ada, name: 'Ada Tester', weeklyHours: 40, availability: 0.8, active: true });
    expect(res.body.months).toEqual([
      // 0.8 × 16/21 = 0.6095 → 0.61 FTE; 0.8 × 8 h × 16 days = 102.4 h; 0.5 FTE × 8 h × 21 days = 84 h.
      {
        month: '2027-01',
        workdays: 21,
        absentWorkdays: 5,
        capacityFte: 0.61,
        capacityHours: 102.4,
        allocatedFte: 0.5,
        allocatedHours: 84,
        freeFte: 0.11,
        freeHours: 18.48,
        overByFte: 0,
      },
      // 0.5 + 0.4 (overridden) against 0.8.
      {
        month: '2027-02',
        workdays: 20,
        absentWorkdays: 0,
        capacityFte: 0.8,
        capacityHours: 128,
        allocatedFte: 0.9,
        allocatedHours: 144,
        freeFte: 0,
        freeHours: 0,
        overByFte: 0.1,
      },
      {
        month: '2027-03',
        workdays: 23,
        absentWorkdays: 0,
        capacityFte: 0.8,
        capacityHours: 147.2,
        allocatedFte: 0.9,
        allocatedHours: 165.6,
        freeFte: 0,
        freeHours: 0,
        overByFte: 0.1,
      },
      {
        month: '2027-04',
        workdays: 22,
        absentWorkdays: 0,
        capacityFte: 0.8,
        capacityHours: 140.8,
        allocatedFte: 0.4,
        allocatedHours: 70.4,
        freeFte: 0.4,
        freeHours: 70.4,
        overByFte: 0,
      },
    ]);
  });

  it('checks new allocations against the lowered capacity', async () => {
    const res = await (await as(RESOURCE_MANAGER)).post('/api/v1/allocations', {
      projectId: ids.project,
      personId: ids.ada,
      startMonth: '2027-01',
      endMonth: '2027-01',
      fte: 0.2,
    });
    expect(res.status).toBe(409);
    expect(res.body.error.details.months).toEqual([
      { month: '2027-01', capacityFte: 0.61, allocatedFte: 0.5, requestedFte: 0.2, overByFte: 0.09 },
    ]);
  });

  it('lists, edits and removes absences with versions and audit events', async () => {
    const manager = await as(RESOURCE_MANAGER);
    const list = await manager.get(`/api/v1/people/${ids.ada}/absences?from=2027-01&to=2027-01`);
    expect(list.body.items.map((a: { id: string }) => a.id)).toEqual([ids.absence]);
    expect((await manager.get(`/api/v1/people/${ids.ada}/absences?from=2027-02`)).body.items).toEqual([]);
    const bad = await manager.patch(`/api/v1/absences/${ids.absence}`, { version: 1, endsOn: '2027-01-01' });
    expect(bad.status).toBe(422);
    expect(fields(bad.body)).toEqual(['endsOn']);
    const edited = await manager.patch(`/api/v1/absences/${ids.absence}`, { version: 1, reason: 'Annual leave (moved)' });
    expect(edited.status).toBe(200);
    expect(edited.body.version).toBe(2);
    const stale = await manager.patch(`/api/v1/absences/${ids.absence}`, { version: 1, reason: 'again' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    // A throw-away absence to remove.
    const extra = await manager.post(`/api/v1/people/${ids.bob}/absences`, {
      startsOn: '2027-09-01',
      endsOn: '2027-09-01',
      reason: 'x',
    });
    expect((await manager.delete(`/api/v1/absences/${extra.body.id}?version=2`)).status).toBe(409);
    expect((await manager.delete(`/api/v1/absences/${extra.body.id}?version=1`)).status).toBe(204);
    expect((await manager.delete(`/api/v1/absences/${extra.body.id}`)).status).toBe(404);
    const history = await manager.get(`/api/v1/audit/records/absence/${extra.body.id}`);
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual(['absence.deleted', 'absence.created']);
    expect((await manager.get(`/api/v1/people/00000000-0000-4000-8000-000000000000/absences`)).status).toBe(404);
  });
});

describe('the capacity view', () => {
  it('shows capacity against demand by skill and month, with over-allocated people and gaps', async () => {
    const lead = await as(LEAD);
    const bob = await lead.post('/api/v1/allocations', {
      projectId: ids.project,
      personId: ids.bob,
      startMonth: '2027-03',
      endMonth: '2027-03',
      fte: 0.5,
    });
    expect(bob.status).toBe(201);
    ids.bobAllocation = bob.body.id;
    // Unnamed demand: never checked against anyone's capacity.
    const demand = await lead.post('/api/v1/allocations', {
      projectId: ids.project,
      skillId: ids.skill,
      startMonth: '2027-02',
      endMonth: '2027-03',
      fte: 1.5,
    });
    expect(demand.status).toBe(201);
    expect(demand.body).toMatchObject({ person: null, skill: { id: ids.skill, name: 'Tunnel boring' }, fte: 1.5 });

    const res = await lead.get(`/api/v1/resources/capacity?from=2027-01&to=2027-03&skillId=${ids.skill}`);
    expect(res.status).toBe(200);
    expect(res.body.months).toEqual(['2027-01', '2027-02', '2027-03']);
    expect(res.body.skills).toEqual([
      {
        skillId: ids.skill,
        name: 'Tunnel boring',
        people: 2,
        cells: [
          // Ada 0.61 (absence) + Bob 1.0; Ada's 0.5.
          { month: '2027-01', capacityFte: 1.61, allocatedFte: 0.5, unfilledFte: 0, demandFte: 0.5, freeFte: 1.11, gapFte: 0 },
          // Ada 0.8 + Bob 1.0; Ada's 0.9 and 1.5 unnamed.
          { month: '2027-02', capacityFte: 1.8, allocatedFte: 0.9, unfilledFte: 1.5, demandFte: 2.4, freeFte: 0, gapFte: 0.6 },
          // … and Bob's 0.5.
          { month: '2027-03', capacityFte: 1.8, allocatedFte: 1.4, unfilledFte: 1.5, demandFte: 2.9, freeFte: 0, gapFte: 1.1 },
        ],
      },
    ]);
    expect(res.body.overAllocated).toEqual([
      { personId: ids.ada, name: 'Ada Tester', month: '2027-02', capacityFte: 0.8, allocatedFte: 0.9 },
      { personId: ids.ada, name: 'Ada Tester', month: '2027-03', capacityFte: 0.8, allocatedFte: 0.9 },
    ]);
    expect(res.body.skillGaps).toEqual([
      { skillId: ids.skill, name: 'Tunnel boring', month: '2027-02', gapFte: 0.6 },
      { skillId: ids.skill, name: 'Tunnel boring', month: '2027-03', gapFte: 1.1 },
    ]);
  });

  it('with an org unit, counts its people and the unnamed demand of its projects', async () => {
    const [root] = await database.db.select().from(orgUnits).where(eq(orgUnits.code, 'NWG'));
    const res = await (await as(LEAD)).get(
      `/api/v1/resources/capacity?from=2027-02&to=2027-02&skillId=${ids.skill}&orgUnitId=${root!.id}`,
    );
    // Ada and Bob belong to no org unit; INF-003 is run by Plant Engineering, under the group.
    expect(res.body.skills[0]).toMatchObject({ people: 0, cells: [{ capacityFte: 0, unfilledFte: 1.5, gapFte: 1.5 }] });
  });

  it('refuses a bad range naming the field', async () => {
    const lead = await as(LEAD);
    const backwards = await lead.get('/api/v1/resources/capacity?from=2027-03&to=2027-01');
    expect(backwards.status).toBe(422);
    expect(fields(backwards.body)).toEqual(['to']);
    expect((await lead.get('/api/v1/resources/capacity?from=2027-01&to=2031-01')).status).toBe(422);
    expect((await lead.get('/api/v1/resources/capacity?from=2027-1&to=2027-03')).status).toBe(422);
    // Left out: this month and the eleven after it.
    const defaults = await lead.get('/api/v1/resources/capacity');
    expect(defaults.status).toBe(200);
    expect(defaults.body.months).toHaveLength(12);
    expect(defaults.body.from).toBe(new Date().toISOString().slice(0, 7));
  });

  it('gives other modules the capacity left per skill, in the months asked', async () => {
    const rows = await capacityLeft(database.db, [ids.skill, '00000000-0000-4000-8000-000000000000'], ['2027-03', '2027-01-01']);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.cells.map((c) => [c.month, c.freeFte, c.gapFte])).toEqual([
      ['2027-03', 0, 1.1],
      ['2027-01', 1.11, 0],
    ]);
  });

  it('shows the demo plan: two people on agreed overtime, and skill gaps', async () => {
    const overtime = await database.db.select().from(allocations).where(eq(allocations.overrideReason, OVERTIME_REASON));
    expect(overtime).toHaveLength(2);
    // The demo's plan follows the seed day: look at the months its overtime falls in.
    const from = overtime
      .map((a) => a.startMonth)
      .sort()[0]!
      .slice(0, 7);
    const to = overtime
      .map((a) => a.endMonth)
      .sort()[1]!
      .slice(0, 7);
    const res = await (await as(LEAD)).get(`/api/v1/resources/capacity?from=${from}&to=${to}`);
    expect(res.status).toBe(200);
    // This file's own people (Ada, over-allocated on purpose above) are not the demo's.
    const demoPeople = (res.body.overAllocated as { personId: string; name: string }[]).filter(
      (o) => o.personId !== ids.ada && o.personId !== ids.bob,
    );
    expect(new Set(demoPeople.map((o) => o.name))).toEqual(new Set(['Sofia Rossi', 'Stefan Kovač']));
    expect(res.body.skillGaps.length).toBeGreaterThan(0);
  });
});

describe('visibility, versions and removal', () => {
  it('hides allocations of projects the caller may not see (404, and left out of lists)', async () => {
    const programLead = await as(PROGRAM_LEAD);
    expect((await programLead.get(`/api/v1/allocations/${ids.adaAllocation}`)).status).toBe(404);
    expect((await programLead.patch(`/api/v1/allocations/${ids.adaAllocation}`, { version: 1, fte: 0.1 })).status).toBe(404);
    expect((await programLead.delete(`/api/v1/allocations/${ids.adaAllocation}`)).status).toBe(404);
    expect((await programLead.get(`/api/v1/audit/records/allocation/${ids.adaAllocation}`)).status).toBe(404);
    expect((await programLead.get(`/api/v1/allocations?personId=${ids.ada}`)).body.items).toEqual([]);
    expect((await (await as(PM)).get(`/api/v1/allocations?projectId=${ids.project}`)).body.items).toEqual([]);
    const lead = await as(LEAD);
    const listed = await lead.get(`/api/v1/allocations?personId=${ids.ada}&from=2027-04&to=2027-12`);
    expect(listed.body.items.map((a: { id: string }) => a.id)).toEqual([ids.overrideAllocation]);
    expect((await lead.get(`/api/v1/allocations/${ids.adaAllocation}`)).body.fte).toBe(0.5);
  });

  it('refuses a stale version with 409, and never refuses lowering an over-allocation', async () => {
    const manager = await as(RESOURCE_MANAGER);
    // Ada is over in Feb and March; the resource manager may still lower her load there.
    const lowered = await manager.patch(`/api/v1/allocations/${ids.adaAllocation}`, { version: 1, fte: 0.45 });
    expect(lowered.status).toBe(200);
    expect(lowered.body).toMatchObject({ fte: 0.45, version: 2 });
    const stale = await manager.patch(`/api/v1/allocations/${ids.adaAllocation}`, { version: 1, fte: 0.3 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    // Raising it back is refused: Feb is 0.45 + 0.4 already.
    const raised = await manager.patch(`/api/v1/allocations/${ids.adaAllocation}`, { version: 2, fte: 0.5 });
    expect(raised.status).toBe(409);
    expect(raised.body.error.code).toBe('OVER_ALLOCATED');
    const history = await manager.get(`/api/v1/audit/records/allocation/${ids.adaAllocation}`);
    expect(history.body.items[0]).toMatchObject({ action: 'allocation.updated', before: { fte: 0.5 }, after: { fte: 0.45 } });
  });

  it('removes an allocation, keeping its history readable', async () => {
    const lead = await as(LEAD);
    expect((await lead.delete(`/api/v1/allocations/${ids.bobAllocation}?version=2`)).status).toBe(409);
    expect((await lead.delete(`/api/v1/allocations/${ids.bobAllocation}?version=1`)).status).toBe(204);
    expect((await lead.get(`/api/v1/allocations/${ids.bobAllocation}`)).status).toBe(404);
    const history = await lead.get(`/api/v1/audit/records/allocation/${ids.bobAllocation}`);
    expect(history.status).toBe(200);
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual(['allocation.deleted', 'allocation.created']);
    expect((await (await as(PROGRAM_LEAD)).get(`/api/v1/audit/records/allocation/${ids.bobAllocation}`)).status).toBe(404);
  });
});

describe('allocateInTx', () => {
  async function bobsAllocations() {
    return database.db.select({ id: allocations.id }).from(allocations).where(eq(allocations.personId, ids.bob));
  }
  async function allocationEvents() {
    return database.db.select({ id: auditEvents.id }).from(auditEvents).where(eq(auditEvents.entityType, 'allocation'));
  }

  it("rolls back with its caller's transaction, audit event included", async () => {
    const lead = await actorOf(database.db, LEAD);
    const before = { rows: (await bobsAllocations()).length, events: (await allocationEvents()).length };
    let created = '';
    await expect(
      transact(database.db, async ({ tx }) => {
        created = (
          await allocateInTx(tx, lead, {
            projectId: ids.project,
            personId: ids.bob,
            startMonth: '2027-05',
            endMonth: '2027-06',
            fte: 0.3,
          })
        ).id;
        throw new Error('the approval failed after allocating');
      }),
    ).rejects.toThrow('the approval failed after allocating');
    expect(created).not.toBe('');
    expect((await bobsAllocations()).length).toBe(before.rows);
    expect((await allocationEvents()).length).toBe(before.events);
    const stray = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'allocation'), inArray(auditEvents.entityId, [created])));
    expect(stray).toEqual([]);
  });

  it('sees its own earlier allocations in the same transaction, and a refusal undoes them all', async () => {
    const lead = await actorOf(database.db, LEAD);
    const before = (await bobsAllocations()).length;
    const failure = await transact(database.db, async ({ tx }) => {
      await allocateInTx(tx, lead, {
        projectId: ids.project,
        personId: ids.bob,
        startMonth: '2027-06',
        endMonth: '2027-06',
        fte: 0.6,
      });
      await allocateInTx(tx, lead, {
        projectId: ids.project,
        personId: ids.bob,
        startMonth: '2027-06',
        endMonth: '2027-06',
        fte: 0.6,
      });
    }).catch((err: unknown) => err as { code?: string; details?: { months?: unknown[] } });
    expect(failure).toMatchObject({
      code: 'OVER_ALLOCATED',
      details: { months: [{ month: '2027-06', capacityFte: 1, allocatedFte: 0.6, requestedFte: 0.6, overByFte: 0.2 }] },
    });
    expect((await bobsAllocations()).length).toBe(before);
  });

  it('makes the same checks as the route: visibility and permission', async () => {
    const programLead = await actorOf(database.db, PROGRAM_LEAD);
    const pm = await actorOf(database.db, PM);
    const input = { projectId: ids.project, personId: ids.bob, startMonth: '2027-07', endMonth: '2027-07', fte: 0.1 };
    await expect(transact(database.db, ({ tx }) => allocateInTx(tx, programLead, input))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(transact(database.db, ({ tx }) => allocateInTx(tx, pm, input))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('leaves the audit trail verifiable', async () => {
    expect((await verifyAuditTrail(database.db)).ok).toBe(true);
  });
});
