/**
 * Seeds the demo organisation (Northwind Group) into an empty, migrated database: org units,
 * executive positions, people with skills, two PMOs with delegation thresholds, user accounts,
 * the three default project types, portfolios and projects. One transaction; every record gets
 * its `<entity>.created` audit event, so the audit trail verifies from the first start.
 *
 * Writes go straight to the tables in batches (the use-case services validate one record per
 * call and hash a password per user, which would make the seed take minutes).
 */
import { count, eq, sql } from 'drizzle-orm';
import type { Actor } from '../kernel/actor.ts';
import { systemActor } from '../kernel/actor.ts';
import type { Database, Tx } from '../kernel/db.ts';
import {
  delegationThresholds,
  executivePositions,
  orgUnits,
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
} from '../kernel/schema.ts';
import { transact } from '../kernel/usecase.ts';
import { recordAudit } from '../modules/audit/index.ts';
import { hashPassword } from '../modules/auth/index.ts';
import {
  DEFAULT_STANDARDS,
  diffDefinitions,
  type StandardDefinition,
  StandardDefinitionSchema,
} from '../modules/standards/index.ts';
import {
  DEMO_PASSWORD,
  type DemoTypeSlot,
  ORG_UNITS,
  PEOPLE,
  PMOS,
  PORTFOLIOS,
  POSITIONS,
  PROJECTS,
  SKILLS,
  THRESHOLDS,
  USERS,
  V1_PUBLISHED_AT,
  V2_PUBLISHED_AT,
} from './demo-data.ts';
import { type DemoCalendar, demoCalendar } from './demo-calendar.ts';
import { seedIntake } from './seed-intake.ts';
import { seededRandom } from './seed-random.ts';
import { seedReports } from './seed-reports.ts';
import { seedApprovals } from './seed-approvals.ts';
import { seedRisks } from './seed-risks.ts';
import { seedResources } from './seed-resources.ts';
import { seedTraining } from './seed-training.ts';

export { seededRandom };

const TYPE_CODE: Record<DemoTypeSlot, string> = { it: 'IT-DELIVERY', change: 'BUSINESS-CHANGE', engineering: 'INFRASTRUCTURE' };
/** The project type whose standard gets a second version, to show versioning. */
const VERSIONED_TYPE = 'IT-DELIVERY';
const V2_NOTE =
  'Date tolerance tightened after the 2025 mid-year portfolio review found schedule slips reported too late: ' +
  'amber from 7 days (was 10), red from 15 days (was 20). Projects started earlier keep version 1.';

function lookup<T>(map: Map<string, T>, key: string, what: string): T {
  const value = map.get(key);
  if (value === undefined) throw new Error(`demo data: no ${what} ${key}`);
  return value;
}

/**
 * Seeds the demo organisation; call it on an empty, migrated database. Its dates are relative to
 * the seed day (`today`, UTC unless given): see demo-calendar.ts.
 */
export async function seedDemo(database: Database, options: { onlyIfEmpty?: boolean; today?: string } = {}): Promise<boolean> {
  // One hash for every demo account: argon2id is slow on purpose.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const definitions = DEFAULT_STANDARDS.map((s) => ({ ...s, definition: StandardDefinitionSchema.parse(s.definition) }));
  const actor = systemActor('seed');
  return transact(database.db, async ({ tx }) => {
    // Instances starting together on one PostgreSQL: the first seeds, the others find users.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
    if (options.onlyIfEmpty) {
      const [row] = await tx.select({ n: count() }).from(users);
      if (Number(row?.n ?? 0) > 0) return false;
    }
    await seedInto(tx, actor, passwordHash, definitions, demoCalendar(options.today));
    return true;
  });
}

/** Any number all instances agree on, distinct from the migration lock's. */
const SEED_LOCK_KEY = 7_406_102;

type Definitions = { code: string; name: string; description: string; definition: StandardDefinition }[];

async function seedInto(
  tx: Tx,
  actor: Actor,
  passwordHash: string,
  definitions: Definitions,
  calendar: DemoCalendar,
): Promise<void> {
  const random = seededRandom(20260101);
  const audit = (entityType: string, entityId: string, after: unknown, action = `${entityType}.created`) =>
    recordAudit(tx, actor, { entityType, entityId, action, after });

  // Org units, a level at a time (each level's parents exist before it is inserted).
  const unitIds = new Map<string, string>();
  let pending = ORG_UNITS;
  while (pending.length > 0) {
    const ready = pending.filter((u) => u.parent === null || unitIds.has(u.parent));
    if (ready.length === 0) throw new Error('demo data: org units with unknown parents');
    const rows = await tx
      .insert(orgUnits)
      .values(
        ready.map((u) => ({
          code: u.code,
          name: u.name,
          description: u.description ?? null,
          parentId: u.parent === null ? null : lookup(unitIds, u.parent, 'org unit'),
        })),
      )
      .returning();
    for (const row of rows) {
      unitIds.set(row.code, row.id);
      await audit('org_unit', row.id, row);
    }
    pending = pending.filter((u) => !unitIds.has(u.code));
  }

  const skillRows = await tx.insert(skills).values(SKILLS).returning();
  const skillIds = new Map(skillRows.map((s) => [s.name, s.id]));
  for (const row of skillRows) await audit('skill', row.id, row);

  const personRows = await tx
    .insert(people)
    .values(
      PEOPLE.map((p) => ({
        name: p.name,
        email: p.email,
        jobTitle: p.jobTitle,
        orgUnitId: lookup(unitIds, p.unit, 'org unit'),
        costRate: String(p.rate + Math.floor(random() * 10)),
        weeklyHours: String(p.weeklyHours ?? 40),
        availability: String(p.availability),
      })),
    )
    .returning();
  const personIdByEmail = new Map(personRows.map((r) => [r.email, r.id]));
  const personIds = new Map(PEOPLE.map((p) => [p.key, lookup(personIdByEmail, p.email, 'person')]));
  const skillLinks = PEOPLE.flatMap((p) =>
    Object.entries(p.skills).map(([skill, level]) => ({
      personId: lookup(personIds, p.key, 'person'),
      skillId: lookup(skillIds, skill, 'skill'),
      level,
    })),
  );
  await tx.insert(personSkills).values(skillLinks);
  for (const row of personRows) {
    const own = skillLinks.filter((s) => s.personId === row.id).map(({ skillId, level }) => ({ skillId, level }));
    await audit('person', row.id, { ...row, skills: own });
  }

  // Executive positions: the CEO first, then those reporting to it.
  const positionIds = new Map<string, string>();
  for (const level of [POSITIONS.filter((p) => p.reportsTo === null), POSITIONS.filter((p) => p.reportsTo !== null)]) {
    const rows = await tx
      .insert(executivePositions)
      .values(
        level.map((p) => ({
          code: p.code,
          title: p.title,
          orgUnitId: lookup(unitIds, p.unit, 'org unit'),
          holderPersonId: lookup(personIds, p.holder, 'person'),
          reportsToPositionId: p.reportsTo === null ? null : lookup(positionIds, p.reportsTo, 'position'),
        })),
      )
      .returning();
    for (const row of rows) {
      positionIds.set(row.code, row.id);
      await audit('position', row.id, row);
    }
  }

  // PMOs in order: the enterprise PMO before the program PMO nested under it.
  const pmoIds = new Map<string, string>();
  for (const p of PMOS) {
    const [row] = await tx
      .insert(pmos)
      .values({
        code: p.code,
        name: p.name,
        description: p.description,
        level: p.level,
        orientation: p.orientation,
        reportsToPositionId: lookup(positionIds, p.reportsTo, 'position'),
        parentPmoId: p.parent === null ? null : lookup(pmoIds, p.parent, 'PMO'),
      })
      .returning();
    pmoIds.set(p.code, row!.id);
    const scope = p.scope.map((u) => ({ pmoId: row!.id, orgUnitId: lookup(unitIds, u, 'org unit') }));
    const members = [
      { pmoId: row!.id, personId: lookup(personIds, p.lead, 'person'), role: 'lead' as const },
      ...p.analysts.map((a) => ({ pmoId: row!.id, personId: lookup(personIds, a, 'person'), role: 'analyst' as const })),
    ];
    await tx.insert(pmoScope).values(scope);
    await tx.insert(pmoMembers).values(members);
    await audit('pmo', row!.id, {
      ...row,
      scopeOrgUnitIds: scope.map((s) => s.orgUnitId),
      members: members.map(({ personId, role }) => ({ personId, role })),
    });
  }

  const thresholdRows = await tx
    .insert(delegationThresholds)
    .values(
      THRESHOLDS.map((t) => ({
        pmoId: lookup(pmoIds, t.pmo, 'PMO'),
        subject: t.subject,
        measure: t.measure,
        upTo: String(t.upTo),
        approver: t.approver,
      })),
    )
    .returning();
  for (const row of thresholdRows) await audit('delegation_threshold', row.id, row);

  const userRows = await tx
    .insert(users)
    .values(
      USERS.map((u) => {
        const person = u.person === null ? null : PEOPLE.find((p) => p.key === u.person);
        if (u.person !== null && !person) throw new Error(`demo data: no person ${u.person}`);
        return {
          email: u.email,
          displayName: u.displayName ?? person!.name,
          passwordHash,
          personId: u.person === null ? null : lookup(personIds, u.person, 'person'),
        };
      }),
    )
    .returning();
  const rolesByEmail = new Map(USERS.map((u) => [u.email, u.roles]));
  await tx
    .insert(userRoles)
    .values(userRows.flatMap((u) => lookup(rolesByEmail, u.email, 'user').map((role) => ({ userId: u.id, role }))));
  for (const u of userRows) {
    // Never put the password hash in the audit trail.
    const { passwordHash: _hash, ...view } = u;
    await audit('user', u.id, { ...view, roles: [...lookup(rolesByEmail, u.email, 'user')].sort() });
  }

  // Project types from the default standards, owned by the enterprise PMO; version 1 each,
  // and a version 2 of one of them with a tightened tolerance.
  const enterprisePmoId = lookup(pmoIds, PMOS[0]!.code, 'PMO');
  const typeRows = await tx
    .insert(projectTypes)
    .values(
      definitions.map((d) => ({
        pmoId: enterprisePmoId,
        code: d.code,
        name: d.name,
        description: d.description,
        currentVersion: 1,
      })),
    )
    .returning();
  const v1Rows = await tx
    .insert(standardVersions)
    .values(
      typeRows.map((t) => ({
        projectTypeId: t.id,
        number: 1,
        definition: lookup(new Map(definitions.map((d) => [d.code, d.definition])), t.code, 'standard'),
        note: 'Initial standard, adopted from the Tollgate defaults.',
        publishedAt: calendar.planInstant(V1_PUBLISHED_AT),
        publishedBy: actor.email,
      })),
    )
    .returning();
  const typeIds = new Map(typeRows.map((t) => [t.code, t.id]));
  /** Per type code: its versions, newest last, with their phases and publication time. */
  const versionsByType = new Map<string, { id: string; number: number; phases: string[]; publishedAt: Date }[]>();
  for (const t of typeRows) {
    const v1 = v1Rows.find((v) => v.projectTypeId === t.id)!;
    const definition = v1.definition as StandardDefinition;
    versionsByType.set(t.code, [
      { id: v1.id, number: 1, phases: definition.phases.map((p) => p.key), publishedAt: v1.publishedAt },
    ]);
    await audit('project_type', t.id, { ...t, standardVersionId: v1.id, standardVersion: 1, publishedBy: v1.publishedBy });
  }
  {
    const typeId = lookup(typeIds, VERSIONED_TYPE, 'project type');
    const v1 = v1Rows.find((v) => v.projectTypeId === typeId)!;
    const before = v1.definition as StandardDefinition;
    const after = StandardDefinitionSchema.parse({
      ...before,
      tolerances: { ...before.tolerances, dateVarianceDays: { amber: 7, red: 15 } },
    });
    const [v2] = await tx
      .insert(standardVersions)
      .values({
        projectTypeId: typeId,
        number: 2,
        definition: after,
        note: V2_NOTE,
        publishedAt: calendar.planInstant(V2_PUBLISHED_AT),
        publishedBy: actor.email,
      })
      .returning();
    await tx.update(projectTypes).set({ currentVersion: 2, version: 2 }).where(eq(projectTypes.id, typeId));
    versionsByType
      .get(VERSIONED_TYPE)!
      .push({ id: v2!.id, number: 2, phases: after.phases.map((p) => p.key), publishedAt: v2!.publishedAt });
    await recordAudit(tx, actor, {
      entityType: 'project_type',
      entityId: typeId,
      action: 'standard.published',
      before: { currentVersion: 1 },
      after: {
        currentVersion: 2,
        standardVersionId: v2!.id,
        note: V2_NOTE,
        changedPaths: diffDefinitions(before, after).map((c) => c.path),
      },
      reason: V2_NOTE,
    });
  }

  const portfolioRows = await tx
    .insert(portfolios)
    .values(
      PORTFOLIOS.map((p) => ({
        code: p.code,
        name: p.name,
        kind: p.kind,
        description: p.description,
        pmoId: lookup(pmoIds, p.pmo, 'PMO'),
        ownerPersonId: lookup(personIds, p.owner, 'person'),
      })),
    )
    .returning();
  const portfolioById = new Map(portfolioRows.map((p) => [p.code, p]));
  for (const row of portfolioRows) await audit('portfolio', row.id, row);

  const projectValues = PROJECTS.map((p) => {
    const portfolio = lookup(portfolioById, p.portfolio, 'portfolio');
    const typeCode = TYPE_CODE[p.type];
    const startDate = calendar.planDay(p.start);
    const goAheadAt = goAhead(startDate, random);
    // A project is bound to the newest version published before its go-ahead.
    const versions = lookup(versionsByType, typeCode, 'project type');
    const bound = versions.filter((v) => v.publishedAt <= goAheadAt).pop() ?? versions[0]!;
    const last = bound.phases.length - 1;
    const phaseIndex = p.phase === 'last' ? last : Math.min(p.phase, last - 1);
    return {
      code: p.code,
      name: p.name,
      description: p.description,
      pmoId: portfolio.pmoId,
      portfolioId: portfolio.id,
      orgUnitId: lookup(unitIds, p.unit, 'org unit'),
      projectTypeId: lookup(typeIds, typeCode, 'project type'),
      standardVersionId: bound.id,
      phaseKey: bound.phases[phaseIndex]!,
      state: p.state,
      projectManagerId: lookup(personIds, p.pm, 'person'),
      sponsorId: lookup(personIds, p.sponsor, 'person'),
      startDate,
      plannedFinishDate: calendar.planDay(p.finish),
      budget: p.budget.toFixed(2),
      goAheadAt,
    };
  });
  const projectRows = await tx.insert(projects).values(projectValues).returning();
  const memberRows = PROJECTS.flatMap((p) => {
    const projectId = projectRows.find((r) => r.code === p.code)!.id;
    const grants = [
      { projectId, personId: lookup(personIds, p.pm, 'person'), role: 'project_manager' as const },
      { projectId, personId: lookup(personIds, p.sponsor, 'person'), role: 'sponsor' as const },
      ...p.team
        .filter((m) => m !== p.pm && m !== p.sponsor)
        .map((m) => ({ projectId, personId: lookup(personIds, m, 'person'), role: 'team_member' as const })),
    ];
    return grants;
  });
  await tx.insert(projectMembers).values(memberRows);
  for (const row of projectRows) {
    const members = memberRows.filter((m) => m.projectId === row.id).map(({ personId, role }) => ({ personId, role }));
    await audit('project', row.id, { ...row, members });
  }

  await seedTraining(tx, { personIds, pmoIds, typeIds, today: calendar.seedDay }, actor);
  await seedResources(tx, { personIds, skillIds, projectIds: new Map(projectRows.map((r) => [r.code, r.id])), calendar }, actor);
  await seedIntake(
    tx,
    { pmoIds, personIds, skillIds, typeIds, userIds: new Map(userRows.map((u) => [u.email, u.id])), calendar },
    actor,
  );
  await seedReports(tx, { projects: projectRows, users: userRows, pmoIds, calendar }, actor);
  const userOfPerson = new Map(userRows.filter((u) => u.personId).map((u) => [u.personId!, u.id]));
  await seedRisks(tx, { projects: projectRows, userOfPerson, seedDay: calendar.seedDay }, actor);
  await seedApprovals(tx, { pmoId: enterprisePmoId, pmEmail: 'pm@example.com', seedDay: calendar.seedDay }, actor);
}

/** The go-ahead: a working day 3 to 20 days before the start, during office hours (UTC). */
function goAhead(startDate: string, random: () => number): Date {
  const at = new Date(`${startDate}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() - (3 + Math.floor(random() * 18)));
  while (at.getUTCDay() === 0 || at.getUTCDay() === 6) at.setUTCDate(at.getUTCDate() - 1);
  at.setUTCHours(9 + Math.floor(random() * 8), Math.floor(random() * 4) * 15);
  return at;
}
