import { type AnyColumn, type SQL, and, asc, count, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../kernel/db.ts';
import { today as todayUtc } from '../../kernel/dates.ts';
import type { Page } from '../../kernel/lists.ts';
import { toNumber } from '../../kernel/rows.ts';
import { orgUnits, people, pmos } from '../org/org.tables.ts';
import { portfolios } from '../portfolio/portfolio.tables.ts';
import { projectStatus } from '../reports/reports.tables.ts';
import { projectTypes, standardVersions } from '../standards/standards.tables.ts';
import type { StandardDefinition } from '../standards/index.ts';
import { type StatusColumns, type StatusFilter, statusConditions, statusJoin, statusSelection } from './projects.status.ts';
import { projectMembers, projects } from './projects.tables.ts';

export type ProjectRow = typeof projects.$inferSelect;
export type ProjectRole = (typeof projectMembers.$inferSelect)['role'];

const manager = alias(people, 'manager');
const sponsor = alias(people, 'sponsor');

const projectColumns = (today: string) => ({
  ...statusSelection(today),
  project: projects,
  pmoName: pmos.name,
  portfolioName: portfolios.name,
  orgUnitName: orgUnits.name,
  typeCode: projectTypes.code,
  typeName: projectTypes.name,
  standardNumber: standardVersions.number,
  managerName: manager.name,
  sponsorName: sponsor.name,
});

export type ProjectJoined = StatusColumns & {
  project: ProjectRow;
  pmoName: string;
  portfolioName: string | null;
  orgUnitName: string | null;
  typeCode: string;
  typeName: string;
  standardNumber: number;
  managerName: string | null;
  sponsorName: string | null;
};

/** Projects with their names of things and their status row, as of `today` (the due state). */
function joined(db: Queryable, today: string) {
  return db
    .select(projectColumns(today))
    .from(projects)
    .leftJoin(projectStatus, statusJoin)
    .innerJoin(pmos, eq(pmos.id, projects.pmoId))
    .innerJoin(projectTypes, eq(projectTypes.id, projects.projectTypeId))
    .innerJoin(standardVersions, eq(standardVersions.id, projects.standardVersionId))
    .leftJoin(portfolios, eq(portfolios.id, projects.portfolioId))
    .leftJoin(orgUnits, eq(orgUnits.id, projects.orgUnitId))
    .leftJoin(manager, eq(manager.id, projects.projectManagerId))
    .leftJoin(sponsor, eq(sponsor.id, projects.sponsorId));
}

export interface ListFilter {
  visible: SQL | undefined;
  pmoId?: string;
  portfolioId?: string;
  state?: ProjectRow['state'];
  phase?: string;
  projectTypeId?: string;
  managerId?: string;
  q?: string;
  /** The PMOs reporting to the executive position filtered by (resolved by the service); empty matches none. */
  reportingPmoIds?: string[];
  /** Filters over the project's status row, and the day its due state is worked out for. */
  status?: StatusFilter;
  today: string;
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The one WHERE of the list, its count and its export: visibility and filters, over `projects
 * LEFT JOIN project_status` (the dashboard filters with the same, so its figures and the lists they
 * open count the same projects).
 */
export function listCondition(filter: ListFilter): SQL | undefined {
  return and(
    filter.visible,
    filter.pmoId ? eq(projects.pmoId, filter.pmoId) : undefined,
    filter.portfolioId ? eq(projects.portfolioId, filter.portfolioId) : undefined,
    filter.state ? eq(projects.state, filter.state) : undefined,
    filter.phase ? eq(projects.phaseKey, filter.phase) : undefined,
    filter.projectTypeId ? eq(projects.projectTypeId, filter.projectTypeId) : undefined,
    filter.managerId ? eq(projects.projectManagerId, filter.managerId) : undefined,
    filter.q ? or(ilike(projects.name, likePattern(filter.q)), ilike(projects.code, likePattern(filter.q))) : undefined,
    filter.reportingPmoIds
      ? filter.reportingPmoIds.length
        ? inArray(projects.pmoId, filter.reportingPmoIds)
        : sql`false`
      : undefined,
    filter.status ? statusConditions(filter.status, filter.today) : undefined,
  );
}

/** One page of the matching projects by code (every one when `page` is null). */
export async function listProjects(db: Queryable, filter: ListFilter, page: Page | null = null): Promise<ProjectJoined[]> {
  const query = joined(db, filter.today).where(listCondition(filter)).orderBy(asc(projects.code), asc(projects.id)).$dynamic();
  if (page) query.limit(page.limit).offset(page.offset);
  return query;
}

/** How many projects match, on every page. */
export async function countProjects(db: Queryable, filter: ListFilter): Promise<number> {
  const [row] = await db.select({ n: count() }).from(projects).leftJoin(projectStatus, statusJoin).where(listCondition(filter));
  return toNumber(row?.n);
}

export async function findProject(db: Queryable, id: string, today: string = todayUtc()): Promise<ProjectJoined | undefined> {
  const [row] = await joined(db, today).where(eq(projects.id, id));
  return row;
}

/**
 * The PMOs that report to an executive position: those whose reporting line passes through it
 * (positions report up to the CEO), and the PMOs nested under them — the rule by which an
 * executive sees projects (org.scope.ts `reportingPmoIds`), for any one position.
 */
export async function pmosReportingToPosition(db: Queryable, positionId: string): Promise<string[]> {
  const result = (await db.execute(
    sql`WITH RECURSIVE below AS (
          SELECT id FROM executive_positions WHERE id = ${positionId}::uuid
          UNION
          SELECT e.id FROM executive_positions e JOIN below b ON e.reports_to_position_id = b.id
        ), tree AS (
          SELECT id FROM pmos WHERE reports_to_position_id IN (SELECT id FROM below)
          UNION
          SELECT p.id FROM pmos p JOIN tree t ON p.parent_pmo_id = t.id
        ) SELECT id::text AS id FROM tree`,
  )) as unknown as { rows: { id: string }[] };
  return result.rows.map((r) => r.id);
}

export async function lockProject(db: Queryable, id: string): Promise<ProjectRow | undefined> {
  const [row] = await db.select().from(projects).where(eq(projects.id, id)).for('update');
  return row;
}

export async function findProjectByCode(db: Queryable, code: string): Promise<ProjectRow | undefined> {
  const [row] = await db.select().from(projects).where(sql`lower(${projects.code}) = lower(${code})`);
  return row;
}

export async function membersOf(db: Queryable, projectId: string) {
  return db
    .select({ personId: projectMembers.personId, personName: people.name, role: projectMembers.role })
    .from(projectMembers)
    .innerJoin(people, eq(people.id, projectMembers.personId))
    .where(eq(projectMembers.projectId, projectId))
    .orderBy(asc(projectMembers.role), asc(people.name));
}

export async function insertProject(db: Queryable, values: typeof projects.$inferInsert): Promise<ProjectRow> {
  const [row] = await db.insert(projects).values(values).returning();
  return row!;
}

export async function updateProject(
  db: Queryable,
  id: string,
  expectedVersion: number,
  values: Partial<typeof projects.$inferInsert>,
): Promise<ProjectRow | undefined> {
  const [row] = await db
    .update(projects)
    .set({ ...values, version: sql`${projects.version} + 1`, updatedAt: new Date() })
    .where(and(eq(projects.id, id), eq(projects.version, expectedVersion)))
    .returning();
  return row;
}

export async function addMember(db: Queryable, projectId: string, personId: string, role: ProjectRole) {
  await db.insert(projectMembers).values({ projectId, personId, role }).onConflictDoNothing();
}

export async function removeMember(db: Queryable, projectId: string, personId: string, role: ProjectRole) {
  await db
    .delete(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.personId, personId), eq(projectMembers.role, role)));
}

/** The ids among `ids` that name existing people. */
export async function existingPeople(db: Queryable, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: people.id }).from(people).where(inArray(people.id, ids));
  return new Set(rows.map((r) => r.id));
}

export async function findPortfolio(db: Queryable, id: string) {
  const [row] = await db.select({ id: portfolios.id, pmoId: portfolios.pmoId }).from(portfolios).where(eq(portfolios.id, id));
  return row;
}

export async function orgUnitExists(db: Queryable, id: string): Promise<boolean> {
  const [row] = await db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.id, id));
  return Boolean(row);
}

export async function pmoExists(db: Queryable, id: string): Promise<boolean> {
  const [row] = await db.select({ id: pmos.id }).from(pmos).where(eq(pmos.id, id));
  return Boolean(row);
}

/** The PMO and every PMO it is nested under. */
export async function pmoLineage(db: Queryable, pmoId: string): Promise<string[]> {
  const result = (await db.execute(
    sql`WITH RECURSIVE up AS (
          SELECT id, parent_pmo_id FROM pmos WHERE id = ${pmoId}::uuid
          UNION
          SELECT p.id, p.parent_pmo_id FROM pmos p JOIN up ON p.id = up.parent_pmo_id
        ) SELECT id::text AS id FROM up`,
  )) as unknown as { rows: { id: string }[] };
  return result.rows.map((r) => r.id);
}

/** Definitions of standard versions by id, for phase names and lifecycles. */
export async function definitionsOf(db: Queryable, versionIds: string[]): Promise<Map<string, unknown>> {
  if (versionIds.length === 0) return new Map();
  const rows = await db
    .select({ id: standardVersions.id, definition: standardVersions.definition })
    .from(standardVersions)
    .where(inArray(standardVersions.id, versionIds));
  return new Map(rows.map((r) => [r.id, r.definition]));
}

/** Condition on the projects table: in one of these PMOs, or with this person as a member. */
export function scopeCondition(pmoIds: string[], personId: string | null): SQL {
  const parts: SQL[] = [];
  if (pmoIds.length) parts.push(inArray(projects.pmoId, pmoIds));
  if (personId) parts.push(memberCondition(personId));
  return parts.length ? or(...parts)! : sql`false`;
}

/** The projects the person is a member of (manager, sponsor, team member), as a condition over `projects`. */
export function memberCondition(personId: string): SQL {
  return inArray(
    projects.id,
    sql`(SELECT ${projectMembers.projectId} FROM ${projectMembers} WHERE ${projectMembers.personId} = ${personId})`,
  );
}

/** Condition on any column holding a project id: the project satisfies `condition`. */
export function projectIdIn(column: SQL | AnyColumn, condition: SQL): SQL {
  return sql`${column} IN (SELECT ${projects.id} FROM ${projects} WHERE ${condition})`;
}

export async function projectMatches(db: Queryable, projectId: string, condition: SQL | undefined): Promise<boolean> {
  const [row] = await db
    .select({ id: projects.id })
    .from(projects)
    .where(and(eq(projects.id, projectId), condition));
  return Boolean(row);
}

/** The budget follows the current baseline's BAC; it moves the row's version like any change. */
export async function setBudget(db: Queryable, id: string, budget: string): Promise<void> {
  await db
    .update(projects)
    .set({ budget, version: sql`${projects.version} + 1`, updatedAt: new Date() })
    .where(eq(projects.id, id));
}

/**
 * The project with the definition of the standard version it is bound to, when it meets
 * `condition` (the caller's visibility); `lock` takes the project's row lock for the transaction.
 * @example const found = await projectWithDefinition(tx, id, { condition: visible, lock: true })
 */
export async function projectWithDefinition(
  db: Queryable,
  id: string,
  options: { condition?: SQL; lock?: boolean } = {},
): Promise<{ project: typeof projects.$inferSelect; definition: StandardDefinition } | undefined> {
  const query = db
    .select({ project: projects, definition: standardVersions.definition })
    .from(projects)
    .innerJoin(standardVersions, eq(standardVersions.id, projects.standardVersionId))
    .where(and(eq(projects.id, id), options.condition));
  const [row] = options.lock ? await query.for('update', { of: projects }) : await query;
  return row && { project: row.project, definition: row.definition as StandardDefinition };
}
