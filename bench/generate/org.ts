/**
 * The organisation around the generated projects, sized by the number of projects: a CEO and four
 * executives, an enterprise PMO (its lead is the benchmark's sign-in), a portfolio PMO per
 * division nested under it, program PMOs (about one per 1,000 projects) under those, each with a
 * lead and analysts; departments (about one per 100 projects) that the PMOs govern, portfolios
 * (about one per 250 projects), a project manager per 6 projects and a sponsor per 25, every
 * project manager, PMO member and executive with a user account; and the three default standards
 * as project types, reporting weekly.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../src/kernel/db.ts';
import { DEFAULT_STANDARDS, type StandardDefinition, StandardDefinitionSchema } from '../../src/modules/standards/index.ts';
import { type Random, type Row, insertRows, pick } from './support.ts';

/** Every generated code starts with it, so the generated organisation sits beside other data. */
export const CODE_PREFIX = 'GEN';
export const LEAD_EMAIL = 'bench.lead@example.com';
export const BENCH_PASSWORD = 'tollgate-bench';

export interface GeneratedType {
  id: string;
  code: string;
  versionId: string;
  definition: StandardDefinition;
  /** Share of the projects of this type. */
  weight: number;
}

export interface GeneratedPmo {
  id: string;
  code: string;
  divisionIndex: number;
  departmentIds: string[];
  portfolioIds: string[];
  /** User ids of the lead and analysts: the reviewers of its projects' reports. */
  reviewerUserIds: string[];
  leadUserIds: string[];
}

export interface GeneratedPerson {
  personId: string;
  userId: string;
}

export interface Organisation {
  types: GeneratedType[];
  /** The program PMOs that govern the projects. */
  programPmos: GeneratedPmo[];
  projectManagers: GeneratedPerson[];
  sponsorIds: string[];
  lead: { userId: string; personId: string; email: string; pmoId: string };
  adminUserId: string;
}

const FIRST = ['Ada', 'Ben', 'Chloe', 'Dev', 'Elena', 'Farid', 'Grace', 'Hugo', 'Ines', 'Jonas', 'Kira', 'Liam', 'Maya', 'Nils'];
const LAST = ['Okafor', 'Peters', 'Quinn', 'Rossi', 'Sato', 'Tanaka', 'Ueda', 'Varga', 'Weber', 'Xu', 'Young', 'Zimmer', 'Novak'];
const DIVISIONS = [
  'Retail',
  'Operations',
  'Finance',
  'Technology',
  'Customer',
  'Supply chain',
  'People',
  'Risk',
  'Digital',
  'Energy',
];
const ORIENTATIONS = ['it', 'business', 'engineering', 'operations', 'transformation'] as const;

const TYPE_WEIGHTS: Record<string, number> = { 'IT-DELIVERY': 0.5, 'BUSINESS-CHANGE': 0.3, INFRASTRUCTURE: 0.2 };

/** The default standards as they come, reporting weekly: 52 reports a year. */
export function weeklyDefinitions(): { code: string; name: string; description: string; definition: StandardDefinition }[] {
  return DEFAULT_STANDARDS.map((s) => {
    const definition = structuredClone(s.definition);
    definition.reporting = { ...definition.reporting, cadence: 'weekly' };
    return { code: s.code, name: s.name, description: s.description, definition: StandardDefinitionSchema.parse(definition) };
  });
}

export interface OrgSize {
  divisions: number;
  programPmos: number;
  departments: number;
  portfolios: number;
  projectManagers: number;
  sponsors: number;
}

export function orgSize(projects: number): OrgSize {
  const divisions = Math.min(DIVISIONS.length, Math.max(3, Math.ceil(projects / 5000)));
  const programPmos = Math.max(divisions, Math.round(projects / 1000));
  return {
    divisions,
    programPmos,
    departments: Math.max(programPmos, Math.round(projects / 100)),
    portfolios: Math.max(programPmos, Math.round(projects / 250)),
    projectManagers: Math.ceil(projects / 6),
    sponsors: Math.ceil(projects / 25),
  };
}

/** Inserts the organisation straight into the tables (no audit events: generated data, not history). */
export async function generateOrganisation(
  db: Queryable,
  input: { projects: number; random: Random; passwordHash: string; now: Date },
): Promise<Organisation> {
  const { random, passwordHash, now } = input;
  const size = orgSize(input.projects);
  const P = CODE_PREFIX;
  const stamp = { version: 1, created_at: now, updated_at: now };
  let personCount = 0;
  const peopleRows: Row[] = [];
  const userRows: Row[] = [];
  const roleRows: Row[] = [];
  const person = (kind: string, orgUnitId: string | null, withUser: boolean, email?: string, jobTitle?: string) => {
    const n = ++personCount;
    const id = randomUUID();
    const name = `${pick(random, FIRST)} ${pick(random, LAST)}`;
    const address = email ?? `${kind}.${n}@bench.example`;
    peopleRows.push({
      id,
      name,
      email: address,
      job_title: jobTitle ?? null,
      org_unit_id: orgUnitId,
      cost_rate: String(60 + Math.floor(random() * 90)),
      weekly_hours: '40',
      availability: '1',
      active: true,
      ...stamp,
    });
    let userId = '';
    if (withUser) {
      userId = randomUUID();
      userRows.push({
        id: userId,
        email: address,
        display_name: name,
        password_hash: passwordHash,
        person_id: id,
        active: true,
        ...stamp,
      });
    }
    return { personId: id, userId };
  };

  // Org units: the group, its divisions, the departments under them.
  const rootId = randomUUID();
  const units: Row[] = [{ id: rootId, parent_id: null, code: P, name: 'Generated Group', description: null, ...stamp }];
  const divisionIds = Array.from({ length: size.divisions }, (_, d) => {
    const id = randomUUID();
    units.push({
      id,
      parent_id: rootId,
      code: `${P}-DIV${d + 1}`,
      name: `${DIVISIONS[d]} division`,
      description: null,
      ...stamp,
    });
    return id;
  });
  const departmentsByPmo: string[][] = Array.from({ length: size.programPmos }, () => []);
  for (let k = 0; k < size.departments; k++) {
    const pmo = k % size.programPmos;
    const id = randomUUID();
    const division = pmo % size.divisions;
    units.push({
      id,
      parent_id: divisionIds[division],
      code: `${P}-DEP${k + 1}`,
      name: `${DIVISIONS[division]} department ${k + 1}`,
      description: null,
      ...stamp,
    });
    departmentsByPmo[pmo]!.push(id);
  }
  await insertRows(db, 'org_units', units);

  // Executives: the CEO, and four chiefs reporting to the CEO.
  const chiefs = ['CEO', 'COO', 'CFO', 'CTO', 'CIO'].map((code) => ({
    code,
    id: randomUUID(),
    holder: person('exec', rootId, true, `${code.toLowerCase()}@bench.example`, code),
  }));
  const positions = chiefs.map((c, i) => ({
    id: c.id,
    code: `${P}-${c.code}`,
    title: c.code,
    org_unit_id: rootId,
    holder_person_id: c.holder.personId,
    reports_to_position_id: i === 0 ? null : chiefs[0]!.id,
    ...stamp,
  }));

  // PMOs: enterprise → one portfolio PMO per division → program PMOs.
  const pmoRows: Row[] = [];
  const scopeRows: Row[] = [];
  const memberRows: Row[] = [];
  const staff = (pmoId: string, unit: string, analysts: number, leadEmail?: string) => {
    const lead = person('pmo.lead', unit, true, leadEmail, 'PMO lead');
    memberRows.push({ pmo_id: pmoId, person_id: lead.personId, role: 'lead' });
    const reviewers = [lead.userId];
    for (let a = 0; a < analysts; a++) {
      const analyst = person('pmo.analyst', unit, true, undefined, 'PMO analyst');
      memberRows.push({ pmo_id: pmoId, person_id: analyst.personId, role: 'analyst' });
      reviewers.push(analyst.userId);
    }
    return { lead, reviewers };
  };
  const enterpriseId = randomUUID();
  pmoRows.push({
    id: enterpriseId,
    code: `${P}-EPMO`,
    name: 'Enterprise PMO',
    description: 'Sets the standards and watches every project of the group.',
    level: 'enterprise',
    orientation: 'transformation',
    reports_to_position_id: chiefs[1]!.id,
    parent_pmo_id: null,
    ...stamp,
  });
  scopeRows.push({ pmo_id: enterpriseId, org_unit_id: rootId });
  const enterpriseStaff = staff(enterpriseId, rootId, 2, LEAD_EMAIL);
  const divisionPmoIds = divisionIds.map((unit, d) => {
    const id = randomUUID();
    pmoRows.push({
      id,
      code: `${P}-PPMO${d + 1}`,
      name: `${DIVISIONS[d]} portfolio PMO`,
      description: null,
      level: 'portfolio',
      orientation: ORIENTATIONS[d % ORIENTATIONS.length],
      reports_to_position_id: chiefs[1 + (d % 4)]!.id,
      parent_pmo_id: enterpriseId,
      ...stamp,
    });
    scopeRows.push({ pmo_id: id, org_unit_id: unit });
    staff(id, unit, 1);
    return id;
  });
  const projectsPerPmo = input.projects / size.programPmos;
  const programPmos: GeneratedPmo[] = [];
  for (let p = 0; p < size.programPmos; p++) {
    const id = randomUUID();
    const division = p % size.divisions;
    pmoRows.push({
      id,
      code: `${P}-PGM${p + 1}`,
      name: `${DIVISIONS[division]} programme PMO ${p + 1}`,
      description: null,
      level: 'program',
      orientation: ORIENTATIONS[p % ORIENTATIONS.length],
      reports_to_position_id: chiefs[1 + (division % 4)]!.id,
      parent_pmo_id: divisionPmoIds[division],
      ...stamp,
    });
    for (const unit of departmentsByPmo[p]!) scopeRows.push({ pmo_id: id, org_unit_id: unit });
    const { lead, reviewers } = staff(id, divisionIds[division]!, Math.max(1, Math.round(projectsPerPmo / 400)));
    programPmos.push({
      id,
      code: `${P}-PGM${p + 1}`,
      divisionIndex: division,
      departmentIds: departmentsByPmo[p]!,
      portfolioIds: [],
      reviewerUserIds: reviewers,
      leadUserIds: [lead.userId],
    });
  }

  const portfolioRows: Row[] = [];
  for (let k = 0; k < size.portfolios; k++) {
    const pmo = programPmos[k % programPmos.length]!;
    const id = randomUUID();
    pmo.portfolioIds.push(id);
    portfolioRows.push({
      id,
      pmo_id: pmo.id,
      code: `${P}-PF${k + 1}`,
      name: `${DIVISIONS[pmo.divisionIndex]} portfolio ${k + 1}`,
      kind: k % 5 === 4 ? 'program' : 'portfolio',
      description: null,
      owner_person_id: null,
      ...stamp,
    });
  }

  const projectManagers = Array.from({ length: size.projectManagers }, (_, k) => {
    const pmo = programPmos[Math.min(programPmos.length - 1, Math.floor((k * 6) / projectsPerPmo))]!;
    const pm = person('pm', pmo.departmentIds[k % pmo.departmentIds.length]!, true, undefined, 'Project manager');
    roleRows.push({ user_id: pm.userId, role: 'project_manager' });
    return pm;
  });
  const sponsorIds = Array.from(
    { length: size.sponsors },
    () => person('sponsor', rootId, false, undefined, 'Director').personId,
  );
  const admin = { id: randomUUID() };
  userRows.push({
    id: admin.id,
    email: 'bench.admin@example.com',
    display_name: 'Bench admin',
    password_hash: passwordHash,
    person_id: null,
    active: true,
    ...stamp,
  });
  roleRows.push({ user_id: admin.id, role: 'admin' });

  await insertRows(db, 'people', peopleRows);
  await insertRows(db, 'executive_positions', positions);
  await insertRows(db, 'pmos', pmoRows);
  await insertRows(db, 'pmo_scope', scopeRows);
  await insertRows(db, 'pmo_members', memberRows);
  await insertRows(db, 'portfolios', portfolioRows);
  await insertRows(db, 'users', userRows);
  await insertRows(db, 'user_roles', roleRows);

  const types: GeneratedType[] = [];
  const typeRows: Row[] = [];
  const versionRows: Row[] = [];
  for (const standard of weeklyDefinitions()) {
    const id = randomUUID();
    const versionId = randomUUID();
    typeRows.push({
      id,
      pmo_id: enterpriseId,
      code: `${P}-${standard.code}`,
      name: standard.name,
      description: standard.description,
      current_version: 1,
      ...stamp,
    });
    versionRows.push({
      id: versionId,
      project_type_id: id,
      number: 1,
      definition: standard.definition,
      note: 'The default standard, reporting weekly (generated for the benchmarks).',
      published_at: new Date('2024-01-01T00:00:00Z'),
      published_by: LEAD_EMAIL,
      created_at: new Date('2024-01-01T00:00:00Z'),
    });
    types.push({ id, code: standard.code, versionId, definition: standard.definition, weight: TYPE_WEIGHTS[standard.code] ?? 0 });
  }
  await insertRows(db, 'project_types', typeRows);
  await insertRows(db, 'standard_versions', versionRows);

  return {
    types,
    programPmos,
    projectManagers,
    sponsorIds,
    lead: {
      userId: enterpriseStaff.lead.userId,
      personId: enterpriseStaff.lead.personId,
      email: LEAD_EMAIL,
      pmoId: enterpriseId,
    },
    adminUserId: admin.id,
  };
}

/** The generated organisation's project types as generateOrganisation made them, read back. */
export async function loadGeneratedTypes(db: Queryable): Promise<GeneratedType[]> {
  const result = (await db.execute(sql`
    SELECT t.id::text AS id, t.code, v.id::text AS version_id, v.definition
      FROM project_types t JOIN standard_versions v ON v.project_type_id = t.id AND v.number = t.current_version
     WHERE t.code LIKE ${`${CODE_PREFIX}-%`} ORDER BY t.code`)) as unknown as {
    rows: { id: string; code: string; version_id: string; definition: StandardDefinition }[];
  };
  const types = result.rows
    .map((r) => ({
      id: r.id,
      code: r.code.slice(CODE_PREFIX.length + 1),
      versionId: r.version_id,
      definition: r.definition,
      weight: 0,
    }))
    .filter((t) => t.code in TYPE_WEIGHTS);
  for (const t of types) t.weight = TYPE_WEIGHTS[t.code]!;
  if (types.length === 0) throw new Error('no generated organisation here: run npm run bench:generate first');
  return types;
}
