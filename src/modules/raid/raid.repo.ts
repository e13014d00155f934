/** SQL of the risk and issue registers. */
import { type SQL, and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../kernel/db.ts';
import type { Page } from '../../kernel/lists.ts';
import { projectWithDefinition } from '../projects/index.ts';
import { users } from '../auth/auth.tables.ts';
import { people, pmoMembers, pmos } from '../org/org.tables.ts';
import { projects } from '../projects/projects.tables.ts';
import type { StandardDefinition } from '../standards/index.ts';
import { escalations, issues, riskActions, riskAssessments, risks } from './raid.tables.ts';

export type ProjectRow = typeof projects.$inferSelect;
export type RiskRow = typeof risks.$inferSelect;
export type RiskInsert = typeof risks.$inferInsert;
export type RiskActionRow = typeof riskActions.$inferSelect;
export type AssessmentRow = typeof riskAssessments.$inferSelect;
export type IssueRow = typeof issues.$inferSelect;
export type IssueInsert = typeof issues.$inferInsert;
export type EscalationRow = typeof escalations.$inferSelect;
export type EscalationInsert = typeof escalations.$inferInsert;

export interface RaidProject {
  project: ProjectRow;
  matrix: StandardDefinition['riskMatrix'];
}

const withMatrix = (found: Awaited<ReturnType<typeof projectWithDefinition>>): RaidProject | undefined =>
  found && { project: found.project, matrix: found.definition.riskMatrix };

/** The project with the risk matrix of its standard version, when it meets `condition` (the caller's visibility). */
export async function findProject(db: Queryable, id: string, condition?: SQL): Promise<RaidProject | undefined> {
  return withMatrix(await projectWithDefinition(db, id, { condition }));
}

/** The same, locked for the transaction: the writes of a project's registers go one after the other. */
export async function lockProject(db: Queryable, id: string, condition?: SQL): Promise<RaidProject | undefined> {
  return withMatrix(await projectWithDefinition(db, id, { condition, lock: true }));
}

/** The names of people, for owners. */
export async function personNames(db: Queryable, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((i): i is string => Boolean(i)))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function userNames(db: Queryable, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((i): i is string => Boolean(i)))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

// ---------------------------------------------------------------- risks

export interface RiskFilter {
  status?: RiskRow['status'];
  escalated?: boolean;
}

const riskCondition = (projectId: string, filter: RiskFilter) =>
  and(
    eq(risks.projectId, projectId),
    filter.status ? eq(risks.status, filter.status) : undefined,
    filter.escalated === undefined ? undefined : eq(risks.escalated, filter.escalated),
  );

/** The project's risks, highest score first; every match when `page` is null. */
export async function listRisks(db: Queryable, projectId: string, filter: RiskFilter, page: Page | null): Promise<RiskRow[]> {
  const query = db.select().from(risks).where(riskCondition(projectId, filter)).orderBy(desc(risks.score), asc(risks.number));
  return page ? query.limit(page.limit).offset(page.offset) : query;
}

export async function countRisks(db: Queryable, projectId: string, filter: RiskFilter): Promise<number> {
  const [row] = await db.select({ n: count() }).from(risks).where(riskCondition(projectId, filter));
  return Number(row?.n ?? 0);
}

export async function findRisk(db: Queryable, id: string): Promise<RiskRow | undefined> {
  const [row] = await db.select().from(risks).where(eq(risks.id, id));
  return row;
}

/** The number the project's next risk gets; the caller holds the project's lock. */
export async function nextRiskNumber(db: Queryable, projectId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(max(${risks.number}), 0)::int + 1` })
    .from(risks)
    .where(eq(risks.projectId, projectId));
  return Number(row?.n ?? 1);
}

export async function insertRisk(db: Queryable, values: RiskInsert): Promise<RiskRow> {
  const [row] = await db.insert(risks).values(values).returning();
  return row!;
}

/** Writes the changes when the row is still at `version`; undefined when it moved on. */
export async function updateRisk(
  db: Queryable,
  id: string,
  version: number,
  values: Partial<RiskInsert>,
): Promise<RiskRow | undefined> {
  const [row] = await db
    .update(risks)
    .set({ ...values, version: sql`${risks.version} + 1`, updatedAt: new Date() })
    .where(and(eq(risks.id, id), eq(risks.version, version)))
    .returning();
  return row;
}

export async function insertAssessment(db: Queryable, values: typeof riskAssessments.$inferInsert): Promise<void> {
  await db.insert(riskAssessments).values(values);
}

export async function assessmentsOf(db: Queryable, riskId: string): Promise<AssessmentRow[]> {
  return db.select().from(riskAssessments).where(eq(riskAssessments.riskId, riskId)).orderBy(asc(riskAssessments.assessedAt));
}

export async function actionsOf(db: Queryable, riskIds: readonly string[]): Promise<RiskActionRow[]> {
  if (riskIds.length === 0) return [];
  return db
    .select()
    .from(riskActions)
    .where(inArray(riskActions.riskId, [...riskIds]))
    .orderBy(asc(riskActions.riskId), asc(riskActions.position));
}

export async function replaceActions(
  db: Queryable,
  riskId: string,
  actions: readonly { text: string; ownerPersonId?: string | null; dueOn?: string | null; doneOn?: string | null }[],
): Promise<void> {
  await db.delete(riskActions).where(eq(riskActions.riskId, riskId));
  if (actions.length === 0) return;
  await db.insert(riskActions).values(
    actions.map((a, position) => ({
      riskId,
      text: a.text,
      ownerPersonId: a.ownerPersonId ?? null,
      dueOn: a.dueOn ?? null,
      doneOn: a.doneOn ?? null,
      position,
    })),
  );
}

// ---------------------------------------------------------------- issues

const issueCondition = (projectId: string, status: IssueRow['status'] | undefined) =>
  and(eq(issues.projectId, projectId), status ? eq(issues.status, status) : undefined);

/** The project's issues, most severe and newest first; every match when `page` is null. */
export async function listIssues(
  db: Queryable,
  projectId: string,
  status: IssueRow['status'] | undefined,
  page: Page | null,
): Promise<IssueRow[]> {
  const severityOrder = sql`array_position(array['critical','high','medium','low']::text[], ${issues.severity}::text)`;
  const query = db.select().from(issues).where(issueCondition(projectId, status)).orderBy(severityOrder, desc(issues.number));
  return page ? query.limit(page.limit).offset(page.offset) : query;
}

export async function countIssues(db: Queryable, projectId: string, status: IssueRow['status'] | undefined): Promise<number> {
  const [row] = await db.select({ n: count() }).from(issues).where(issueCondition(projectId, status));
  return Number(row?.n ?? 0);
}

export async function findIssue(db: Queryable, id: string): Promise<IssueRow | undefined> {
  const [row] = await db.select().from(issues).where(eq(issues.id, id));
  return row;
}

/** The issue a risk became, if it occurred. */
export async function issueOfRisk(db: Queryable, riskId: string): Promise<string | null> {
  const [row] = await db.select({ id: issues.id }).from(issues).where(eq(issues.riskId, riskId)).limit(1);
  return row?.id ?? null;
}

export async function nextIssueNumber(db: Queryable, projectId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(max(${issues.number}), 0)::int + 1` })
    .from(issues)
    .where(eq(issues.projectId, projectId));
  return Number(row?.n ?? 1);
}

export async function insertIssue(db: Queryable, values: IssueInsert): Promise<IssueRow> {
  const [row] = await db.insert(issues).values(values).returning();
  return row!;
}

export async function updateIssue(
  db: Queryable,
  id: string,
  version: number,
  values: Partial<IssueInsert>,
): Promise<IssueRow | undefined> {
  const [row] = await db
    .update(issues)
    .set({ ...values, version: sql`${issues.version} + 1`, updatedAt: new Date() })
    .where(and(eq(issues.id, id), eq(issues.version, version)))
    .returning();
  return row;
}

/** The titles of risks, for an issue's link to the risk it came from. */
export async function riskTitles(db: Queryable, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((i): i is string => Boolean(i)))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: risks.id, number: risks.number, title: risks.title })
    .from(risks)
    .where(inArray(risks.id, wanted));
  return new Map(rows.map((r) => [r.id, `R-${r.number} · ${r.title}`]));
}

/** The project's open risks counted per probability and impact. */
export async function openRiskCells(
  db: Queryable,
  projectId: string,
): Promise<{ probability: number; impact: number; open: number }[]> {
  const rows = await db
    .select({ probability: risks.probability, impact: risks.impact, open: count() })
    .from(risks)
    .where(and(eq(risks.projectId, projectId), eq(risks.status, 'open')))
    .groupBy(risks.probability, risks.impact)
    .orderBy(risks.probability, risks.impact);
  return rows.map((r) => ({ ...r, open: Number(r.open) }));
}

// ---------------------------------------------------------------- escalations

/** The escalation of a risk or an issue not yet closed, if any. */
export async function openEscalationOf(
  db: Queryable,
  subject: { riskId: string } | { issueId: string },
): Promise<EscalationRow | undefined> {
  const [row] = await db
    .select()
    .from(escalations)
    .where(
      and(
        'riskId' in subject ? eq(escalations.riskId, subject.riskId) : eq(escalations.issueId, subject.issueId),
        sql`${escalations.state} <> 'closed'`,
      ),
    );
  return row;
}

export async function insertEscalation(db: Queryable, values: EscalationInsert): Promise<EscalationRow> {
  const [row] = await db.insert(escalations).values(values).returning();
  return row!;
}

export async function findEscalation(db: Queryable, id: string): Promise<EscalationRow | undefined> {
  const [row] = await db.select().from(escalations).where(eq(escalations.id, id));
  return row;
}

export async function updateEscalation(
  db: Queryable,
  id: string,
  version: number,
  values: Partial<EscalationInsert>,
): Promise<EscalationRow | undefined> {
  const [row] = await db
    .update(escalations)
    .set({ ...values, version: sql`${escalations.version} + 1`, updatedAt: new Date() })
    .where(and(eq(escalations.id, id), eq(escalations.version, version)))
    .returning();
  return row;
}

export interface EscalationFilter {
  id?: string;
  /** `active`: not closed; `all`: any. */
  state?: EscalationRow['state'] | 'active' | 'all';
  pmoId?: string;
  projectId?: string;
  /** Not closed before this day (UTC). */
  openFrom?: string;
  /** Raised on or before this day (UTC). */
  openTo?: string;
}

const escalationCondition = (filter: EscalationFilter, visibleProjects: SQL | undefined) =>
  and(
    filter.id ? eq(escalations.id, filter.id) : undefined,
    filter.state === 'active'
      ? sql`${escalations.state} <> 'closed'`
      : filter.state && filter.state !== 'all'
        ? eq(escalations.state, filter.state)
        : undefined,
    filter.openFrom
      ? sql`(${escalations.closedAt} IS NULL OR ${escalations.closedAt} >= ${filter.openFrom}::date::timestamp AT TIME ZONE 'UTC')`
      : undefined,
    filter.openTo ? sql`${escalations.raisedAt} < (${filter.openTo}::date + 1)::timestamp AT TIME ZONE 'UTC'` : undefined,
    filter.pmoId ? eq(escalations.pmoId, filter.pmoId) : undefined,
    filter.projectId ? eq(escalations.projectId, filter.projectId) : undefined,
    visibleProjects,
  );

/**
 * Escalations of the projects `visibleProjects` admits (a condition on projects), oldest first,
 * with their project, PMO and the risk's or issue's key and title.
 */
export async function listEscalations(
  db: Queryable,
  filter: EscalationFilter,
  visibleProjects: SQL | undefined,
  page: Page | null,
) {
  const query = db
    .select({
      escalation: escalations,
      project: {
        id: projects.id,
        code: projects.code,
        name: projects.name,
        pmoId: projects.pmoId,
        projectManagerId: projects.projectManagerId,
      },
      pmo: { id: pmos.id, name: pmos.name },
      subject: {
        key: sql<string>`coalesce('R-' || ${risks.number}::text, 'I-' || ${issues.number}::text, '')`,
        title: sql<string>`coalesce(${risks.title}, ${issues.title}, '')`,
      },
    })
    .from(escalations)
    .innerJoin(projects, eq(projects.id, escalations.projectId))
    .innerJoin(pmos, eq(pmos.id, escalations.pmoId))
    .leftJoin(risks, eq(risks.id, escalations.riskId))
    .leftJoin(issues, eq(issues.id, escalations.issueId))
    .where(escalationCondition(filter, visibleProjects))
    .orderBy(asc(escalations.raisedAt), asc(escalations.id));
  return page ? query.limit(page.limit).offset(page.offset) : query;
}

export async function countEscalations(
  db: Queryable,
  filter: EscalationFilter,
  visibleProjects: SQL | undefined,
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(escalations)
    .innerJoin(projects, eq(projects.id, escalations.projectId))
    .where(escalationCondition(filter, visibleProjects));
  return Number(row?.n ?? 0);
}

/** The active user accounts of a PMO's leads and analysts: who is told of an escalation. */
export async function pmoStaffUsers(db: Queryable, pmoId: string): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(pmoMembers)
    .innerJoin(users, and(eq(users.personId, pmoMembers.personId), eq(users.active, true)))
    .where(eq(pmoMembers.pmoId, pmoId));
  return rows.map((r) => r.id);
}

/**
 * The escalations guided with a day by which the PMO requires something: of the projects the
 * person manages (to do it), and those the user guided (to follow it up).
 */
export async function requiredByEntries(
  db: Queryable,
  userId: string,
  personId: string | null,
): Promise<
  { id: string; summary: string; requiredAction: string | null; requiredBy: string; code: string; forManager: boolean }[]
> {
  const manages = personId
    ? sql`(${projects.projectManagerId} = ${personId}::uuid OR EXISTS (SELECT 1 FROM project_members m WHERE m.project_id = ${projects.id} AND m.person_id = ${personId}::uuid AND m.role = 'project_manager'))`
    : sql`false`;
  const rows = await db
    .select({
      id: escalations.id,
      summary: escalations.summary,
      requiredAction: escalations.requiredAction,
      requiredBy: escalations.requiredBy,
      code: projects.code,
      forManager: sql<boolean>`${manages}`,
    })
    .from(escalations)
    .innerJoin(projects, eq(projects.id, escalations.projectId))
    .where(
      and(
        eq(escalations.state, 'guided'),
        sql`${escalations.requiredBy} IS NOT NULL`,
        sql`(${manages} OR ${escalations.guidedBy} = ${userId}::uuid)`,
      ),
    )
    .orderBy(asc(escalations.requiredBy));
  return rows.map((r) => ({ ...r, requiredBy: r.requiredBy!, forManager: Boolean(r.forManager) }));
}
