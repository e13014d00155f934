/** SQL of the approvals module: the PMO chain, its members and thresholds, the project's manager. */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../kernel/db.ts';
import { users } from '../auth/auth.tables.ts';
import type { DelegationSubject } from '../org/index.ts';
import { delegationThresholds, pmoMembers } from '../org/org.tables.ts';
import { projects } from '../projects/projects.tables.ts';
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

/** The active user accounts of people (an executive position's holder, a project's manager). */
export async function approversOfPeople(db: Queryable, personIds: readonly string[]): Promise<Approver[]> {
  const wanted = [...new Set(personIds)];
  if (wanted.length === 0) return [];
  return db
    .select({ userId: users.id, personId: users.personId, name: users.displayName })
    .from(users)
    .where(and(inArray(users.personId, wanted), eq(users.active, true)))
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
