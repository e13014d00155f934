/** SQL for strategic drivers, ratings and the review queue. */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../kernel/db.ts';
import { users } from '../auth/auth.tables.ts';
import { pmos, skills } from '../org/org.tables.ts';
import { projectTypes } from '../standards/standards.tables.ts';
import { driverSets, initiationRequests, requestRatings } from './intake.tables.ts';

export type DriverSetRow = typeof driverSets.$inferSelect;
export type RatingRow = typeof requestRatings.$inferSelect;

export async function findPmo(db: Queryable, id: string) {
  const [row] = await db.select({ id: pmos.id, code: pmos.code, name: pmos.name }).from(pmos).where(eq(pmos.id, id));
  return row;
}

export async function findDriverSet(db: Queryable, pmoId: string): Promise<DriverSetRow | undefined> {
  const [row] = await db.select().from(driverSets).where(eq(driverSets.pmoId, pmoId));
  return row;
}

/** Locks the PMO's driver set (when there is one) for the rest of the transaction. */
export async function lockDriverSet(db: Queryable, pmoId: string): Promise<DriverSetRow | undefined> {
  const [row] = await db.select().from(driverSets).where(eq(driverSets.pmoId, pmoId)).for('update');
  return row;
}

export type DriverSetValues = Omit<typeof driverSets.$inferInsert, 'version' | 'createdAt' | 'updatedAt'>;

export async function insertDriverSet(db: Queryable, values: DriverSetValues): Promise<DriverSetRow> {
  const [row] = await db.insert(driverSets).values(values).returning();
  return row!;
}

/** Replaces the set's content and bumps its version, when it is still at `expectedVersion`. */
export async function updateDriverSet(
  db: Queryable,
  pmoId: string,
  expectedVersion: number,
  values: DriverSetValues,
): Promise<DriverSetRow | undefined> {
  const [row] = await db
    .update(driverSets)
    .set({ ...values, version: sql`${driverSets.version} + 1`, updatedAt: new Date() })
    .where(and(eq(driverSets.pmoId, pmoId), eq(driverSets.version, expectedVersion)))
    .returning();
  return row;
}

/** The few request fields rating and scoring need. */
export async function findRequestForRating(db: Queryable, id: string) {
  const [row] = await db
    .select({
      id: initiationRequests.id,
      code: initiationRequests.code,
      state: initiationRequests.state,
      pmoId: initiationRequests.pmoId,
      requesterUserId: initiationRequests.requesterUserId,
    })
    .from(initiationRequests)
    .where(eq(initiationRequests.id, id));
  return row;
}

export async function listRatings(db: Queryable, requestIds: string[]) {
  if (requestIds.length === 0) return [];
  return db
    .select({
      requestId: requestRatings.requestId,
      driver: requestRatings.driver,
      rating: requestRatings.rating,
      ratedBy: requestRatings.ratedBy,
      ratedByName: users.displayName,
      ratedAt: requestRatings.ratedAt,
    })
    .from(requestRatings)
    .innerJoin(users, eq(users.id, requestRatings.ratedBy))
    .where(inArray(requestRatings.requestId, requestIds))
    .orderBy(asc(requestRatings.requestId), asc(requestRatings.driver));
}

export type RatingJoined = Awaited<ReturnType<typeof listRatings>>[number];

export async function upsertRatings(db: Queryable, rows: (typeof requestRatings.$inferInsert)[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(requestRatings)
    .values(rows)
    .onConflictDoUpdate({
      target: [requestRatings.requestId, requestRatings.driver],
      set: {
        rating: sql`excluded.rating`,
        ratedBy: sql`excluded.rated_by`,
        ratedAt: sql`excluded.rated_at`,
      },
    });
}

/** The requests of a PMO waiting for or in review, with what the queue shows of them. */
export async function listQueueRequests(db: Queryable, pmoId: string) {
  return db
    .select({
      id: initiationRequests.id,
      code: initiationRequests.code,
      title: initiationRequests.title,
      state: initiationRequests.state,
      requesterUserId: initiationRequests.requesterUserId,
      requesterName: users.displayName,
      projectTypeId: projectTypes.id,
      projectTypeCode: projectTypes.code,
      projectTypeName: projectTypes.name,
      wantedStart: initiationRequests.wantedStart,
      durationMonths: initiationRequests.durationMonths,
      submittedAt: initiationRequests.submittedAt,
      costEstimate: initiationRequests.costEstimate,
      benefits: initiationRequests.benefits,
      skillDemand: initiationRequests.skillDemand,
    })
    .from(initiationRequests)
    .innerJoin(users, eq(users.id, initiationRequests.requesterUserId))
    .leftJoin(projectTypes, eq(projectTypes.id, initiationRequests.projectTypeId))
    .where(and(eq(initiationRequests.pmoId, pmoId), inArray(initiationRequests.state, ['submitted', 'in_review'])))
    .orderBy(asc(initiationRequests.submittedAt), asc(initiationRequests.code));
}

export async function skillNames(db: Queryable, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: skills.id, name: skills.name }).from(skills).where(inArray(skills.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}
