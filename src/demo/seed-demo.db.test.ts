import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../test/support/database.ts';
import { ApiClient, testApp } from '../../test/support/http.ts';
import {
  executivePositions,
  people,
  personSkills,
  pmoMembers,
  pmoScope,
  pmos,
  portfolios,
  projectMembers,
  projects,
  projectTypes,
  skills,
  standardVersions,
  userRoles,
  users,
  auditEvents,
  orgUnits,
  delegationThresholds,
  projectBaselines,
  projectStatus,
  statusReports,
} from '../kernel/schema.ts';
import { verifyAuditTrail } from '../modules/audit/index.ts';
import { missingTraining } from '../modules/training/index.ts';
import { type StandardDefinition, StandardDefinitionSchema } from '../modules/standards/index.ts';
import { DEMO_PASSWORD, USERS } from './demo-data.ts';
import { seedDemo } from './seed-demo.ts';

let database: TestDatabase;

// No time limit here: speed belongs in bench/, and a loaded machine is no failure of the seed.
beforeAll(async () => {
  database = await testDatabase();
  await seedDemo(database);
});

afterAll(async () => {
  await database?.close();
});

const db = () => database.db;

async function positionByCode(code: string) {
  const [row] = await db().select().from(executivePositions).where(eq(executivePositions.code, code));
  return row!;
}

async function pmoByCode(code: string) {
  const [row] = await db().select().from(pmos).where(eq(pmos.code, code));
  return row!;
}

async function personByEmail(email: string) {
  const [row] = await db().select().from(people).where(eq(people.email, email));
  return row!;
}

describe('the demo organisation', () => {
  it('has an org unit tree with the group at its root', async () => {
    const units = await db().select().from(orgUnits);
    const roots = units.filter((u) => u.parentId === null);
    expect(roots.map((r) => r.name)).toEqual(['Northwind Group']);
    expect(units.filter((u) => u.parentId === roots[0]!.id).length).toBeGreaterThanOrEqual(5);
    expect(units.length).toBeGreaterThanOrEqual(15);
  });

  it('has CEO, COO, CFO and CTO positions held by people, reporting to the CEO', async () => {
    const ceo = await positionByCode('CEO');
    expect(ceo.reportsToPositionId).toBeNull();
    for (const code of ['COO', 'CFO', 'CTO']) {
      const position = await positionByCode(code);
      expect(position.reportsToPositionId).toBe(ceo.id);
      const holder = await personByEmail(`${code.toLowerCase()}@example.com`);
      expect(position.holderPersonId).toBe(holder.id);
    }
    expect(ceo.holderPersonId).toBe((await personByEmail('ceo@example.com')).id);
  });

  it('has an enterprise PMO reporting to the COO, led by pmo.lead, and a program PMO under it reporting to the CTO', async () => {
    const enterprise = await pmoByCode('EPMO');
    expect(enterprise).toMatchObject({ level: 'enterprise', orientation: 'business', parentPmoId: null });
    expect(enterprise.reportsToPositionId).toBe((await positionByCode('COO')).id);
    const program = await pmoByCode('TPMO');
    expect(program).toMatchObject({ level: 'program', orientation: 'it', parentPmoId: enterprise.id });
    expect(program.reportsToPositionId).toBe((await positionByCode('CTO')).id);

    const members = await db().select().from(pmoMembers).where(eq(pmoMembers.pmoId, enterprise.id));
    const lead = await personByEmail('pmo.lead@example.com');
    const analyst = await personByEmail('pmo.analyst@example.com');
    expect(members).toEqual(
      expect.arrayContaining([
        { pmoId: enterprise.id, personId: lead.id, role: 'lead' },
        { pmoId: enterprise.id, personId: analyst.id, role: 'analyst' },
      ]),
    );
    const programMembers = await db().select().from(pmoMembers).where(eq(pmoMembers.pmoId, program.id));
    expect(programMembers.map((m) => m.role).sort()).toEqual(['analyst', 'lead']);

    const [root] = await db().select().from(orgUnits).where(eq(orgUnits.code, 'NWG'));
    const [technology] = await db().select().from(orgUnits).where(eq(orgUnits.code, 'TEC'));
    expect(await db().select().from(pmoScope).where(eq(pmoScope.pmoId, enterprise.id))).toEqual([
      { pmoId: enterprise.id, orgUnitId: root!.id },
    ]);
    expect(await db().select().from(pmoScope).where(eq(pmoScope.pmoId, program.id))).toEqual([
      { pmoId: program.id, orgUnitId: technology!.id },
    ]);
  });

  it('has delegation thresholds for the enterprise PMO in ascending bands', async () => {
    const enterprise = await pmoByCode('EPMO');
    const rows = await db().select().from(delegationThresholds).where(eq(delegationThresholds.pmoId, enterprise.id));
    const bands = (subject: string) =>
      rows
        .filter((r) => r.subject === subject)
        .map((r) => ({ measure: r.measure, upTo: Number(r.upTo), approver: r.approver }))
        .sort((a, b) => a.upTo - b.upTo);
    expect(bands('budget_increase').slice(0, 2)).toEqual([
      { measure: 'percent_of_bac', upTo: 10, approver: 'pmo_lead' },
      { measure: 'percent_of_bac', upTo: 25, approver: 'reporting_executive' },
    ]);
    expect(bands('headcount')[0]).toEqual({ measure: 'count', upTo: 3, approver: 'pmo_lead' });
    expect(bands('risk_score')[0]).toEqual({ measure: 'score', upTo: 15, approver: 'pmo_lead' });
  });

  it('has at least 30 people with job titles, cost rates, capacity and 1–4 skills each', async () => {
    const everyone = await db().select().from(people);
    expect(everyone.length).toBeGreaterThanOrEqual(30);
    const links = await db().select().from(personSkills);
    for (const person of everyone) {
      expect(person.jobTitle).toBeTruthy();
      expect(person.orgUnitId).toBeTruthy();
      expect(Number(person.costRate)).toBeGreaterThanOrEqual(60);
      expect(Number(person.costRate)).toBeLessThanOrEqual(190);
      expect([32, 40]).toContain(Number(person.weeklyHours));
      const own = links.filter((l) => l.personId === person.id);
      expect(own.length).toBeGreaterThanOrEqual(1);
      expect(own.length).toBeLessThanOrEqual(4);
      for (const l of own) expect(l.level).toBeGreaterThanOrEqual(1);
    }
    expect((await db().select().from(skills)).length).toBeGreaterThanOrEqual(15);
  });

  it('has at least 8 project managers with accounts, each managing a project', async () => {
    const managers = await db()
      .select({ personId: users.personId })
      .from(users)
      .innerJoin(userRoles, eq(userRoles.userId, users.id))
      .where(eq(userRoles.role, 'project_manager'));
    expect(managers.length).toBeGreaterThanOrEqual(8);
    const managed = new Set((await db().select({ pm: projects.projectManagerId }).from(projects)).map((p) => p.pm));
    for (const m of managers) expect(managed.has(m.personId)).toBe(true);
  });

  it('has three project types with full lifecycles, and a second version of one', async () => {
    const types = await db().select().from(projectTypes);
    expect(types).toHaveLength(3);
    const enterprise = await pmoByCode('EPMO');
    for (const type of types) {
      expect(type.pmoId).toBe(enterprise.id);
      const versions = await db().select().from(standardVersions).where(eq(standardVersions.projectTypeId, type.id));
      expect(versions.map((v) => v.number).sort()).toEqual(Array.from({ length: type.currentVersion }, (_, i) => i + 1));
      for (const version of versions) {
        const def = StandardDefinitionSchema.parse(version.definition);
        expect(def.phases.length).toBeGreaterThanOrEqual(3);
        expect(def.gates.length).toBe(def.phases.length - 1);
        for (const gate of def.gates) {
          expect(gate.criteria.some((c) => c.kind === 'must')).toBe(true);
          expect(gate.criteria.some((c) => c.kind === 'should')).toBe(true);
          expect(gate.deliverables.length).toBeGreaterThan(0);
          expect(gate.reviewerRoles.length).toBeGreaterThan(0);
          expect(gate.quorum).toBeGreaterThanOrEqual(1);
        }
        expect(def.riskMatrix.probabilityLabels).toHaveLength(5);
        expect(def.riskMatrix.impactLabels).toHaveLength(5);
      }
    }
    const versioned = types.filter((t) => t.currentVersion === 2);
    expect(versioned).toHaveLength(1);
    const bound = await db()
      .select({ number: standardVersions.number })
      .from(projects)
      .innerJoin(standardVersions, eq(standardVersions.id, projects.standardVersionId))
      .where(eq(projects.projectTypeId, versioned[0]!.id));
    expect(new Set(bound.map((b) => b.number))).toEqual(new Set([1, 2]));
  });

  it('has at least 20 projects across PMOs, portfolios, phases and states, each in a phase of its bound version', async () => {
    const rows = await db()
      .select({ project: projects, definition: standardVersions.definition, versionTypeId: standardVersions.projectTypeId })
      .from(projects)
      .innerJoin(standardVersions, eq(standardVersions.id, projects.standardVersionId));
    expect(rows.length).toBeGreaterThanOrEqual(20);
    const states = rows.map((r) => r.project.state);
    expect(states.filter((s) => s === 'active').length).toBeGreaterThanOrEqual(12);
    for (const s of ['on_hold', 'closed', 'terminated'] as const) expect(states).toContain(s);
    expect(new Set(rows.map((r) => r.project.pmoId)).size).toBe(2);
    expect(new Set(rows.map((r) => r.project.portfolioId)).size).toBe((await db().select().from(portfolios)).length);
    expect(new Set(rows.map((r) => r.project.phaseKey)).size).toBeGreaterThanOrEqual(6);
    const members = await db().select().from(projectMembers);
    const portfolioPmo = new Map((await db().select().from(portfolios)).map((p) => [p.id, p.pmoId]));
    for (const { project, definition, versionTypeId } of rows) {
      expect(versionTypeId).toBe(project.projectTypeId);
      expect((definition as StandardDefinition).phases.map((p) => p.key)).toContain(project.phaseKey);
      expect(portfolioPmo.get(project.portfolioId!)).toBe(project.pmoId);
      expect(Number(project.budget)).toBeGreaterThanOrEqual(80_000);
      expect(Number(project.budget)).toBeLessThanOrEqual(4_000_000);
      expect(project.goAheadAt).toBeInstanceOf(Date);
      expect(project.plannedFinishDate! > project.startDate!).toBe(true);
      const own = members.filter((m) => m.projectId === project.id);
      expect(own.filter((m) => m.role === 'project_manager').map((m) => m.personId)).toEqual([project.projectManagerId]);
      expect(own.filter((m) => m.role === 'sponsor').map((m) => m.personId)).toEqual([project.sponsorId]);
      const team = own.filter((m) => m.role === 'team_member').length;
      expect(team).toBeGreaterThanOrEqual(2);
      expect(team).toBeLessThanOrEqual(5);
    }
  });

  it('gives pm@example.com at least three active projects', async () => {
    const pm = await personByEmail('pm@example.com');
    const active = await db()
      .select()
      .from(projects)
      .where(and(eq(projects.projectManagerId, pm.id), eq(projects.state, 'active')));
    expect(active.length).toBeGreaterThanOrEqual(3);
  });

  it('trains pm@example.com to manage every project type, and most project managers for the types they manage', async () => {
    const pm = await personByEmail('pm@example.com');
    const today = new Date().toISOString().slice(0, 10);
    const types = await db().select().from(projectTypes);
    expect(types).toHaveLength(3);
    for (const type of types) expect(await missingTraining(db(), pm.id, type.id, today)).toEqual([]);
    const managed = await db()
      .selectDistinct({ personId: projects.projectManagerId, typeId: projects.projectTypeId })
      .from(projects)
      .where(eq(projects.state, 'active'));
    let qualified = 0;
    for (const m of managed) if ((await missingTraining(db(), m.personId!, m.typeId, today)).length === 0) qualified++;
    expect(qualified / managed.length).toBeGreaterThanOrEqual(0.6);
    expect(qualified).toBeLessThan(managed.length);
  });

  it('lets every demo account sign in with the demo password, with the roles it should have', async () => {
    const app = testApp(database);
    const expected: Record<string, string[]> = {
      'admin@example.com': ['admin'],
      'pmo.lead@example.com': ['pmo_lead'],
      'pmo.analyst@example.com': ['pmo_analyst'],
      'pm@example.com': ['project_manager'],
      'coo@example.com': ['executive'],
      'cfo@example.com': ['executive'],
      'cto@example.com': ['executive'],
    };
    for (const email of Object.keys(expected)) expect(USERS.map((u) => u.email)).toContain(email);
    for (const account of USERS) {
      const client = await ApiClient.signIn(app, account.email, DEMO_PASSWORD);
      const me = await client.get('/api/v1/me');
      expect(me.status).toBe(200);
      expect(me.body.email).toBe(account.email);
      expect(me.body.roles).toEqual(expect.arrayContaining(expected[account.email] ?? account.roles));
    }
    const lead = await ApiClient.signIn(app, 'pmo.lead@example.com');
    const me = await lead.get('/api/v1/me');
    expect(me.body.pmoMemberships).toEqual([{ pmoId: (await pmoByCode('EPMO')).id, role: 'lead' }]);
  });

  it('gives every open project a baseline, report history and a status row (seed-reports.db.test.ts checks their shape)', async () => {
    const open = await db()
      .select({ id: projects.id, code: projects.code })
      .from(projects)
      .where(inArray(projects.state, ['active', 'on_hold']));
    const status = new Set((await db().select({ id: projectStatus.projectId }).from(projectStatus)).map((s) => s.id));
    const reports = await db().select({ projectId: statusReports.projectId }).from(statusReports);
    const baselines = await db().select({ projectId: projectBaselines.projectId }).from(projectBaselines);
    for (const p of open) {
      expect(status.has(p.id), p.code).toBe(true);
      expect(reports.filter((r) => r.projectId === p.id).length, p.code).toBeGreaterThanOrEqual(2);
      expect(
        baselines.some((b) => b.projectId === p.id),
        p.code,
      ).toBe(true);
    }
  });

  it('keeps the password hash out of the audit trail, and the trail verifies', async () => {
    const userEvents = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'user'), inArray(auditEvents.action, ['user.created'])));
    expect(userEvents.length).toBe(USERS.length);
    for (const e of userEvents) expect(JSON.stringify(e.after)).not.toContain('argon2');
    const result = await verifyAuditTrail(db());
    expect(result.ok).toBe(true);
    expect(result.events).toBeGreaterThan(100);
  });
});
