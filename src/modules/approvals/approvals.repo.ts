/** SQL of the approvals module: the PMO chain, its members and thresholds, the requests, their steps and actions, delegates. */
import { type SQL, and, count, desc, eq, gte, inArray, lte, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../kernel/db.ts';
import type { Page } from '../../kernel/lists.ts';
import { userRoles, users } from '../auth/auth.tables.ts';
import type { DelegationSubject } from '../org/index.ts';
import { initiationRequests } from '../intake/intake.tables.ts';
import { delegationThresholds, pmoMembers, pmos } from '../org/org.tables.ts';
import { projects } from '../projects/projects.tables.ts';
import {
  approvalActions,
  approvalDelegates,
  approvalRequests,
  approvalSteps,
  projectInfrastructure,
} from './approvals.tables.ts';
import type { Approver, Threshold } from './approvals.routing.ts';

/** The PMO and the PMOs above it, nearest first. */
export async function pmoChain(db: Queryable, pmoId: string): Promise<string[]> {
  const result = (await db.execute(sql`
    WITH RECURSIVE up(id, parent_pmo_id, depth) AS (
      SELECT id, parent_pmo_id, 0 FROM pmos WHERE id = ${pmoId}::uuid
      UNION ALL
      SELECT p.id, p.parent_pmo_id, up.depth + 1 FROM pmos p JOIN up ON p.id = up.parent_pmo_id WHERE up.depth < 32
    )
    SELECT id::text AS id FROM up ORDER BY depth`)) as unknown as { rows: { id: string }[] };
  return result.rows.map((r) => r.id);
}

/** The active user accounts of the PMOs' members in `role`, with the PMO each belongs to. */
export async function pmoMemberApprovers(
  db: Queryable,
  pmoIds: readonly string[],
  role: 'lead' | 'analyst',
): Promise<(Approver & { pmoId: string })[]> {
  if (pmoIds.length === 0) return [];
  return db
    .select({ pmoId: pmoMembers.pmoId, userId: users.id, personId: users.personId, name: users.displayName })
    .from(pmoMembers)
    .innerJoin(users, and(eq(users.personId, pmoMembers.personId), eq(users.active, true)))
    .where(and(inArray(pmoMembers.pmoId, [...pmoIds]), eq(pmoMembers.role, role)))
    .orderBy(users.displayName);
}

/** The delegation thresholds of a subject held by the PMOs, with the PMO each belongs to. */
export async function thresholdsOf(
  db: Queryable,
  pmoIds: readonly string[],
  subject: DelegationSubject,
): Promise<(Threshold & { pmoId: string })[]> {
  if (pmoIds.length === 0) return [];
  const rows = await db
    .select({
      pmoId: delegationThresholds.pmoId,
      measure: delegationThresholds.measure,
      upTo: delegationThresholds.upTo,
      approver: delegationThresholds.approver,
    })
    .from(delegationThresholds)
    .where(and(inArray(delegationThresholds.pmoId, [...pmoIds]), eq(delegationThresholds.subject, subject)));
  return rows.map((r) => ({ ...r, upTo: Number(r.upTo) }));
}

/** The project's governing PMO and its manager. */
export async function projectForRouting(
  db: Queryable,
  projectId: string,
): Promise<{ id: string; code: string; pmoId: string; projectManagerId: string | null } | undefined> {
  const [row] = await db
    .select({ id: projects.id, code: projects.code, pmoId: projects.pmoId, projectManagerId: projects.projectManagerId })
    .from(projects)
    .where(eq(projects.id, projectId));
  return row;
}

/** The active user accounts holding the resource manager role (who own the pool of people). */
export async function resourceManagerApprovers(db: Queryable): Promise<Approver[]> {
  return db
    .select({ userId: users.id, personId: users.personId, name: users.displayName })
    .from(userRoles)
    .innerJoin(users, and(eq(users.id, userRoles.userId), eq(users.active, true)))
    .where(eq(userRoles.role, 'resource_manager'))
    .orderBy(users.displayName);
}

// ---- approval requests ----

export type RequestRow = typeof approvalRequests.$inferSelect;
export type StepRow = typeof approvalSteps.$inferSelect;
export type ActionRow = typeof approvalActions.$inferSelect;
export interface StoredApprover {
  userId: string;
  personId: string | null;
  name: string;
}

export interface RequestJoined {
  request: RequestRow;
  /** The project's code, or the initiation request's whose go-ahead it is. */
  projectCode: string;
  /** The project's name, or the initiation request's title. */
  projectName: string;
  projectManagerId: string | null;
  pmoName: string;
  requesterName: string;
}

const requesters = alias(users, 'requesters');

const joinedColumns = {
  request: approvalRequests,
  projectCode: sql<string>`coalesce(${projects.code}, ${initiationRequests.code})`,
  projectName: sql<string>`coalesce(${projects.name}, ${initiationRequests.title})`,
  projectManagerId: projects.projectManagerId,
  pmoName: pmos.name,
  requesterName: requesters.displayName,
};

function joined(db: Queryable) {
  return db
    .select(joinedColumns)
    .from(approvalRequests)
    .leftJoin(projects, eq(projects.id, approvalRequests.projectId))
    .leftJoin(initiationRequests, eq(initiationRequests.id, approvalRequests.initiationRequestId))
    .innerJoin(pmos, eq(pmos.id, approvalRequests.pmoId))
    .innerJoin(requesters, eq(requesters.id, approvalRequests.requestedBy));
}

export async function findRequest(db: Queryable, id: string): Promise<RequestJoined | undefined> {
  const [row] = await joined(db).where(eq(approvalRequests.id, id));
  return row;
}

/** The request's row, locked: decisions on one request are made one after the other. */
export async function lockRequest(db: Queryable, id: string): Promise<RequestRow | undefined> {
  const [row] = await db.select().from(approvalRequests).where(eq(approvalRequests.id, id)).for('update');
  return row;
}

/** The next AR number of the project's requests, or of the initiation request's. */
export async function nextRequestNumber(
  db: Queryable,
  of: { projectId: string } | { initiationRequestId: string },
): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(max(${approvalRequests.number}), 0) + 1` })
    .from(approvalRequests)
    .where(
      'projectId' in of
        ? eq(approvalRequests.projectId, of.projectId)
        : eq(approvalRequests.initiationRequestId, of.initiationRequestId),
    );
  return Number(row!.n);
}

/** The open approval of an initiation request's go-ahead, if one waits. */
export async function openInitiationApproval(db: Queryable, initiationRequestId: string): Promise<RequestRow | undefined> {
  const [row] = await db
    .select()
    .from(approvalRequests)
    .where(
      and(
        eq(approvalRequests.initiationRequestId, initiationRequestId),
        inArray(approvalRequests.state, ['pending', 'info_requested']),
      ),
    )
    .limit(1);
  return row;
}

export async function insertRequest(db: Queryable, values: typeof approvalRequests.$inferInsert): Promise<RequestRow> {
  const [row] = await db.insert(approvalRequests).values(values).returning();
  return row!;
}

export async function updateRequest(
  db: Queryable,
  id: string,
  values: Partial<typeof approvalRequests.$inferInsert>,
): Promise<RequestRow> {
  const [row] = await db
    .update(approvalRequests)
    .set({ ...values, version: sql`${approvalRequests.version} + 1`, updatedAt: new Date() })
    .where(eq(approvalRequests.id, id))
    .returning();
  return row!;
}

export async function insertSteps(db: Queryable, values: (typeof approvalSteps.$inferInsert)[]): Promise<StepRow[]> {
  return db.insert(approvalSteps).values(values).returning();
}

export async function updateStep(db: Queryable, id: string, values: Partial<typeof approvalSteps.$inferInsert>): Promise<void> {
  await db.update(approvalSteps).set(values).where(eq(approvalSteps.id, id));
}

export async function stepsOf(db: Queryable, requestIds: readonly string[]): Promise<StepRow[]> {
  if (requestIds.length === 0) return [];
  return db
    .select()
    .from(approvalSteps)
    .where(inArray(approvalSteps.requestId, [...requestIds]))
    .orderBy(approvalSteps.requestId, approvalSteps.position);
}

export async function insertAction(db: Queryable, values: typeof approvalActions.$inferInsert): Promise<void> {
  await db.insert(approvalActions).values(values);
}

const actors = alias(users, 'action_actors');
const approversAlias = alias(users, 'action_approvers');

export async function actionsOf(db: Queryable, requestId: string) {
  return db
    .select({
      action: approvalActions,
      actorName: actors.displayName,
      approverName: approversAlias.displayName,
    })
    .from(approvalActions)
    .leftJoin(actors, eq(actors.id, approvalActions.actorUserId))
    .leftJoin(approversAlias, eq(approversAlias.id, approvalActions.approverUserId))
    .where(eq(approvalActions.requestId, requestId))
    .orderBy(approvalActions.createdAt, approvalActions.id);
}

/** The approvers who have voted on a step (approve or reject). */
export async function votersOf(db: Queryable, stepId: string): Promise<{ approverUserId: string; action: string }[]> {
  const rows = await db
    .select({ approverUserId: approvalActions.approverUserId, action: approvalActions.action })
    .from(approvalActions)
    .where(and(eq(approvalActions.stepId, stepId), inArray(approvalActions.action, ['approve', 'reject'])));
  return rows.filter((r): r is { approverUserId: string; action: 'approve' | 'reject' } => r.approverUserId !== null);
}

export async function listRequests(db: Queryable, condition: SQL | undefined, page: Page | null): Promise<RequestJoined[]> {
  const query = joined(db).where(condition).orderBy(desc(approvalRequests.createdAt), desc(approvalRequests.id));
  return page ? query.limit(page.limit).offset(page.offset) : query;
}

export async function countRequests(db: Queryable, condition: SQL | undefined): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(approvalRequests)
    .leftJoin(projects, eq(projects.id, approvalRequests.projectId))
    .where(condition);
  return Number(row?.n ?? 0);
}

/** A condition on approval_requests: one of its steps names the user as an approver. */
export function namesApprover(userIds: readonly string[]): SQL {
  if (userIds.length === 0) return sql`false`;
  return or(
    ...userIds.map(
      (userId) =>
        sql`EXISTS (SELECT 1 FROM ${approvalSteps} s WHERE s.request_id = ${approvalRequests.id} AND s.approvers @> ${JSON.stringify([{ userId }])}::jsonb)`,
    ),
  )!;
}

/** A condition on approval_requests: the current step is active and names one of the users. */
export function currentStepNames(userIds: readonly string[]): SQL {
  if (userIds.length === 0) return sql`false`;
  return or(
    ...userIds.map(
      (userId) =>
        sql`EXISTS (SELECT 1 FROM ${approvalSteps} s WHERE s.request_id = ${approvalRequests.id} AND s.position = ${approvalRequests.currentStep} AND s.state = 'active' AND s.approvers @> ${JSON.stringify([{ userId }])}::jsonb)`,
    ),
  )!;
}

// ---- delegates ----

export type DelegateRow = typeof approvalDelegates.$inferSelect;

/** The approvers the user stands in for on `day`. */
export async function delegatorsOf(db: Queryable, userId: string, day: string): Promise<string[]> {
  const rows = await db
    .select({ userId: approvalDelegates.userId })
    .from(approvalDelegates)
    .where(
      and(eq(approvalDelegates.delegateUserId, userId), lte(approvalDelegates.startsOn, day), gte(approvalDelegates.endsOn, day)),
    );
  return [...new Set(rows.map((r) => r.userId))];
}

/** Who stands in for each of the approvers on `day`. */
export async function delegatesOf(db: Queryable, userIds: readonly string[], day: string): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  if (userIds.length === 0) return result;
  const rows = await db
    .select({ userId: approvalDelegates.userId, delegateUserId: approvalDelegates.delegateUserId })
    .from(approvalDelegates)
    .where(
      and(
        inArray(approvalDelegates.userId, [...userIds]),
        lte(approvalDelegates.startsOn, day),
        gte(approvalDelegates.endsOn, day),
      ),
    );
  for (const r of rows) result.set(r.userId, [...(result.get(r.userId) ?? []), r.delegateUserId]);
  return result;
}

const delegators = alias(users, 'delegators');
const delegateUsers = alias(users, 'delegate_users');

export async function listDelegates(db: Queryable, userId: string) {
  return db
    .select({ row: approvalDelegates, approverName: delegators.displayName, delegateName: delegateUsers.displayName })
    .from(approvalDelegates)
    .innerJoin(delegators, eq(delegators.id, approvalDelegates.userId))
    .innerJoin(delegateUsers, eq(delegateUsers.id, approvalDelegates.delegateUserId))
    .where(or(eq(approvalDelegates.userId, userId), eq(approvalDelegates.delegateUserId, userId)))
    .orderBy(desc(approvalDelegates.startsOn), approvalDelegates.id);
}

export async function findDelegate(db: Queryable, id: string) {
  const [row] = await db
    .select({ row: approvalDelegates, approverName: delegators.displayName, delegateName: delegateUsers.displayName })
    .from(approvalDelegates)
    .innerJoin(delegators, eq(delegators.id, approvalDelegates.userId))
    .innerJoin(delegateUsers, eq(delegateUsers.id, approvalDelegates.delegateUserId))
    .where(eq(approvalDelegates.id, id));
  return row;
}

export async function insertDelegate(db: Queryable, values: typeof approvalDelegates.$inferInsert): Promise<DelegateRow> {
  const [row] = await db.insert(approvalDelegates).values(values).returning();
  return row!;
}

export async function deleteDelegate(db: Queryable, id: string): Promise<void> {
  await db.delete(approvalDelegates).where(eq(approvalDelegates.id, id));
}

// ---- infrastructure ----

export async function insertInfrastructure(db: Queryable, values: typeof projectInfrastructure.$inferInsert) {
  const [row] = await db.insert(projectInfrastructure).values(values).returning();
  return row!;
}

/** What infrastructure already approved for the project costs in its first year. */
export async function committedInfrastructure(db: Queryable, projectId: string): Promise<number> {
  const [row] = await db
    .select({
      total: sql<string>`coalesce(sum(CASE WHEN ${projectInfrastructure.recurrence} = 'monthly' THEN ${projectInfrastructure.cost} * 12 ELSE ${projectInfrastructure.cost} END), 0)`,
    })
    .from(projectInfrastructure)
    .where(eq(projectInfrastructure.projectId, projectId));
  return Number(row?.total ?? 0);
}
