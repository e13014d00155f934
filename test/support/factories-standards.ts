/**
 * Small factories for standards and projects tests on an EMPTY database: org rows go straight
 * into the tables; user accounts go through createUser, as an admin would create them.
 */
import { systemActor } from '../../src/kernel/actor.ts';
import type { Db } from '../../src/kernel/db.ts';
import type { Role } from '../../src/kernel/permissions.ts';
import { executivePositions, orgUnits, people, pmoMembers, pmos, projectMembers } from '../../src/kernel/schema.ts';
import { createUser } from '../../src/modules/auth/index.ts';
import { DEFAULT_STANDARDS, type StandardDefinition, createProjectType } from '../../src/modules/standards/index.ts';
import { ApiClient, type TestApp } from './http.ts';

export const TEST_PASSWORD = 'factory-password-1';

let counter = 0;
const next = () => ++counter;

export async function makeOrgUnit(db: Db, values: { code?: string; name?: string; parentId?: string | null } = {}) {
  const n = next();
  const [row] = await db
    .insert(orgUnits)
    .values({ code: values.code ?? `OU${n}`, name: values.name ?? `Org unit ${n}`, parentId: values.parentId ?? null })
    .returning();
  return row!;
}

export async function makePerson(db: Db, values: { name?: string; email?: string; orgUnitId?: string | null } = {}) {
  const n = next();
  const [row] = await db
    .insert(people)
    .values({
      name: values.name ?? `Person ${n}`,
      email: values.email ?? `person${n}@factory.test`,
      orgUnitId: values.orgUnitId ?? null,
    })
    .returning();
  return row!;
}

export async function makePosition(
  db: Db,
  values: { code?: string; title?: string; holderPersonId?: string | null; reportsToPositionId?: string | null } = {},
) {
  const n = next();
  const [row] = await db
    .insert(executivePositions)
    .values({
      code: values.code ?? `EXEC${n}`,
      title: values.title ?? `Executive ${n}`,
      holderPersonId: values.holderPersonId ?? null,
      reportsToPositionId: values.reportsToPositionId ?? null,
    })
    .returning();
  return row!;
}

export async function makePmo(
  db: Db,
  values: {
    reportsToPositionId: string;
    code?: string;
    name?: string;
    parentPmoId?: string | null;
    level?: 'program' | 'portfolio' | 'enterprise';
    orientation?: 'it' | 'business' | 'engineering' | 'operations' | 'transformation';
  },
) {
  const n = next();
  const [row] = await db
    .insert(pmos)
    .values({
      code: values.code ?? `PMO${n}`,
      name: values.name ?? `PMO ${n}`,
      level: values.level ?? 'portfolio',
      orientation: values.orientation ?? 'it',
      reportsToPositionId: values.reportsToPositionId,
      parentPmoId: values.parentPmoId ?? null,
    })
    .returning();
  return row!;
}

export async function addPmoMember(db: Db, pmoId: string, personId: string, role: 'lead' | 'analyst') {
  await db.insert(pmoMembers).values({ pmoId, personId, role });
}

export async function addProjectMember(
  db: Db,
  projectId: string,
  personId: string,
  role: 'project_manager' | 'sponsor' | 'team_member',
) {
  await db.insert(projectMembers).values({ projectId, personId, role });
}

/** A user account (and, unless `personId: null`, a person it is linked to); signs in with TEST_PASSWORD. */
export async function makeUser(db: Db, values: { email?: string; name?: string; roles?: Role[]; personId?: string | null } = {}) {
  const n = next();
  const email = values.email ?? `user${n}@factory.test`;
  const name = values.name ?? `User ${n}`;
  const personId = values.personId === undefined ? (await makePerson(db, { name, email })).id : values.personId;
  const user = await createUser(db, systemActor('factory'), {
    email,
    displayName: name,
    password: TEST_PASSWORD,
    roles: values.roles ?? [],
    personId,
  });
  return { userId: user.id, email, name, personId };
}

/** A valid definition to edit in tests: the IT delivery default, deep-copied. */
export function sampleDefinition(index = 0): StandardDefinition {
  return structuredClone(DEFAULT_STANDARDS[index]!.definition);
}

/**
 * An organisation with two branches under a CEO:
 *   CEO ── COO ── enterprise PMO (lead, analyst) ── program PMO (nested)
 *      └── CFO ── finance PMO (lead)
 * and users for the admin, each PMO member, each executive, two project managers, a sponsor,
 * a team member and an unrelated viewer.
 */
export async function makeOrganisation(db: Db) {
  const admin = await makeUser(db, { email: 'admin@factory.test', name: 'Admin', roles: ['admin'], personId: null });
  const ceo = await makeUser(db, { email: 'ceo@factory.test', name: 'Chief Executive' });
  const coo = await makeUser(db, { email: 'coo@factory.test', name: 'Chief Operating' });
  const cfo = await makeUser(db, { email: 'cfo@factory.test', name: 'Chief Financial' });
  const ceoPos = await makePosition(db, { code: 'CEO', title: 'Chief Executive Officer', holderPersonId: ceo.personId });
  const cooPos = await makePosition(db, {
    code: 'COO',
    title: 'Chief Operating Officer',
    holderPersonId: coo.personId,
    reportsToPositionId: ceoPos.id,
  });
  const cfoPos = await makePosition(db, {
    code: 'CFO',
    title: 'Chief Financial Officer',
    holderPersonId: cfo.personId,
    reportsToPositionId: ceoPos.id,
  });
  const enterprise = await makePmo(db, {
    code: 'EPMO',
    name: 'Enterprise PMO',
    level: 'enterprise',
    reportsToPositionId: cooPos.id,
  });
  const program = await makePmo(db, {
    code: 'PROG',
    name: 'Programme PMO',
    level: 'program',
    reportsToPositionId: cooPos.id,
    parentPmoId: enterprise.id,
  });
  const finance = await makePmo(db, {
    code: 'FPMO',
    name: 'Finance PMO',
    orientation: 'business',
    reportsToPositionId: cfoPos.id,
  });
  const lead = await makeUser(db, { email: 'lead@factory.test', name: 'Enterprise Lead' });
  const analyst = await makeUser(db, { email: 'analyst@factory.test', name: 'Enterprise Analyst' });
  const financeLead = await makeUser(db, { email: 'finance.lead@factory.test', name: 'Finance Lead' });
  const programLead = await makeUser(db, { email: 'program.lead@factory.test', name: 'Programme Lead' });
  await addPmoMember(db, enterprise.id, lead.personId!, 'lead');
  await addPmoMember(db, enterprise.id, analyst.personId!, 'analyst');
  await addPmoMember(db, finance.id, financeLead.personId!, 'lead');
  await addPmoMember(db, program.id, programLead.personId!, 'lead');
  const pm1 = await makeUser(db, { email: 'pm1@factory.test', name: 'Project Manager One', roles: ['project_manager'] });
  const pm2 = await makeUser(db, { email: 'pm2@factory.test', name: 'Project Manager Two', roles: ['project_manager'] });
  const sponsor = await makeUser(db, { email: 'sponsor@factory.test', name: 'Sponsor' });
  const teamMember = await makeUser(db, { email: 'team@factory.test', name: 'Team Member' });
  const viewer = await makeUser(db, { email: 'viewer@factory.test', name: 'Viewer', roles: ['viewer'] });
  return {
    positions: { ceo: ceoPos, coo: cooPos, cfo: cfoPos },
    pmos: { enterprise, program, finance },
    users: { admin, ceo, coo, cfo, lead, analyst, financeLead, programLead, pm1, pm2, sponsor, teamMember, viewer },
  };
}

export type Organisation = Awaited<ReturnType<typeof makeOrganisation>>;

/** Two project types: "IT delivery" (IT) of the enterprise PMO and "Finance change" (FIN) of the finance PMO. */
export async function makeProjectTypes(db: Db, org: Organisation): Promise<{ it: string; finance: string }> {
  const system = systemActor('test');
  const it = await createProjectType(db, system, {
    code: 'IT',
    name: 'IT delivery',
    pmoId: org.pmos.enterprise.id,
    definition: sampleDefinition(0),
  });
  const finance = await createProjectType(db, system, {
    code: 'FIN',
    name: 'Finance change',
    pmoId: org.pmos.finance.id,
    definition: sampleDefinition(1),
  });
  return { it: it.id, finance: finance.id };
}

/**
 * `as(who)`: an API client signed in as one of the organisation's users, signed in on first use and
 * kept. `context` is read at call time, so it may name variables a beforeAll fills.
 */
export function signInAs(context: () => { app: TestApp; org: Organisation }) {
  const clients: Partial<Record<keyof Organisation['users'], ApiClient>> = {};
  return async (who: keyof Organisation['users']): Promise<ApiClient> => {
    const { app, org } = context();
    clients[who] ??= await ApiClient.signIn(app, org.users[who].email, TEST_PASSWORD);
    return clients[who];
  };
}

/** The fields a 422 reply names. */
export function issueFields(body: { error: { details?: { issues?: { field: string }[] } } }): string[] {
  return (body.error.details?.issues ?? []).map((i) => i.field);
}
