import { type SQL, and, asc, count, desc, eq, ilike, inArray, isNotNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../kernel/db.ts';
import type { Page } from '../../kernel/lists.ts';
import { users } from '../auth/auth.tables.ts';
import { people, pmoMembers, pmos, skills } from '../org/org.tables.ts';
import { projectTypes } from '../standards/standards.tables.ts';
import { initiationRequests, requestAttachments, requestCodeSeq, requestComments } from './intake.tables.ts';

export type RequestRow = typeof initiationRequests.$inferSelect;
export type RequestInsert = typeof initiationRequests.$inferInsert;

const requester = alias(users, 'requester');
const decider = alias(users, 'decider');
const sponsor = alias(people, 'sponsor');

export interface RequestJoined {
  request: RequestRow;
  requesterName: string;
  sponsorName: string | null;
  pmoName: string | null;
  typeName: string | null;
  deciderName: string | null;
}

function joined(db: Queryable) {
  return db
    .select({
      request: initiationRequests,
      requesterName: requester.displayName,
      sponsorName: sponsor.name,
      pmoName: pmos.name,
      typeName: projectTypes.name,
      deciderName: decider.displayName,
    })
    .from(initiationRequests)
    .innerJoin(requester, eq(requester.id, initiationRequests.requesterUserId))
    .leftJoin(sponsor, eq(sponsor.id, initiationRequests.sponsorId))
    .leftJoin(pmos, eq(pmos.id, initiationRequests.pmoId))
    .leftJoin(projectTypes, eq(projectTypes.id, initiationRequests.projectTypeId))
    .leftJoin(decider, eq(decider.id, initiationRequests.decidedBy));
}

/**
 * The requests one may see, as a condition: raised by the user, sponsored by the person, or
 * submitted at some point to one of the PMOs. Drafts never submitted stay private.
 */
export function visibleCondition(userId: string | null, personId: string | null, pmoIds: string[]): SQL {
  const parts: SQL[] = [];
  if (userId) parts.push(eq(initiationRequests.requesterUserId, userId));
  if (personId) parts.push(eq(initiationRequests.sponsorId, personId));
  if (pmoIds.length) parts.push(and(isNotNull(initiationRequests.submittedAt), inArray(initiationRequests.pmoId, pmoIds))!);
  return parts.length ? or(...parts)! : sql`false`;
}

export interface ListFilter {
  visible: SQL | undefined;
  state?: RequestRow['state'];
  pmoId?: string;
  requesterUserId?: string;
  q?: string;
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The one WHERE of the list, its count and its export: visibility and filters. */
function listCondition(filter: ListFilter): SQL | undefined {
  return and(
    filter.visible,
    filter.state ? eq(initiationRequests.state, filter.state) : undefined,
    filter.pmoId ? eq(initiationRequests.pmoId, filter.pmoId) : undefined,
    filter.requesterUserId ? eq(initiationRequests.requesterUserId, filter.requesterUserId) : undefined,
    filter.q
      ? or(ilike(initiationRequests.title, likePattern(filter.q)), ilike(initiationRequests.code, likePattern(filter.q)))
      : undefined,
  );
}

/** One page of the matching requests, latest change first (every one when `page` is null). */
export async function listRequests(db: Queryable, filter: ListFilter, page: Page | null = null): Promise<RequestJoined[]> {
  const query = joined(db)
    .where(listCondition(filter))
    .orderBy(desc(initiationRequests.updatedAt), asc(initiationRequests.code), asc(initiationRequests.id))
    .$dynamic();
  if (page) query.limit(page.limit).offset(page.offset);
  return query;
}

/** How many requests match, on every page. */
export async function countRequests(db: Queryable, filter: ListFilter): Promise<number> {
  const [row] = await db.select({ n: count() }).from(initiationRequests).where(listCondition(filter));
  return Number(row?.n ?? 0);
}

export async function findRequest(db: Queryable, id: string): Promise<RequestJoined | undefined> {
  const [row] = await joined(db).where(eq(initiationRequests.id, id));
  return row;
}

export async function requestMatches(db: Queryable, id: string, condition: SQL | undefined): Promise<boolean> {
  const [row] = await db
    .select({ id: initiationRequests.id })
    .from(initiationRequests)
    .where(and(eq(initiationRequests.id, id), condition));
  return Boolean(row);
}

/** Locks the request row for the rest of the transaction: moves on one request run one at a time. */
export async function lockRequest(db: Queryable, id: string): Promise<RequestRow | undefined> {
  const [row] = await db.select().from(initiationRequests).where(eq(initiationRequests.id, id)).for('update');
  return row;
}

export async function nextRequestCode(db: Queryable): Promise<string> {
  const result = (await db.execute(sql`SELECT nextval(${requestCodeSeq.seqName}) AS n`)) as unknown as {
    rows: { n: unknown }[];
  };
  return `REQ-${String(Number(result.rows[0]!.n)).padStart(4, '0')}`;
}

export async function insertRequest(db: Queryable, values: RequestInsert): Promise<RequestRow> {
  const [row] = await db.insert(initiationRequests).values(values).returning();
  return row!;
}

/** Updates and bumps the version; with `expectedVersion`, only when the row is still at it. */
export async function updateRequest(
  db: Queryable,
  id: string,
  expectedVersion: number | null,
  values: Partial<RequestInsert>,
): Promise<RequestRow | undefined> {
  const [row] = await db
    .update(initiationRequests)
    .set({ ...values, version: sql`${initiationRequests.version} + 1`, updatedAt: new Date() })
    .where(
      and(eq(initiationRequests.id, id), expectedVersion === null ? undefined : eq(initiationRequests.version, expectedVersion)),
    )
    .returning();
  return row;
}

// ---- references ----------------------------------------------------------------------------

export async function projectTypeOf(db: Queryable, id: string): Promise<{ id: string; pmoId: string } | undefined> {
  const [row] = await db
    .select({ id: projectTypes.id, pmoId: projectTypes.pmoId })
    .from(projectTypes)
    .where(eq(projectTypes.id, id));
  return row;
}

export async function personExists(db: Queryable, id: string): Promise<boolean> {
  const [row] = await db.select({ id: people.id }).from(people).where(eq(people.id, id));
  return Boolean(row);
}

export async function pmoExists(db: Queryable, id: string): Promise<boolean> {
  const [row] = await db.select({ id: pmos.id }).from(pmos).where(eq(pmos.id, id));
  return Boolean(row);
}

export async function existingSkills(db: Queryable, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: skills.id }).from(skills).where(inArray(skills.id, ids));
  return new Set(rows.map((r) => r.id));
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

/** Active users who are members (lead or analyst) of the PMO: whom a submission concerns. */
export async function pmoMemberUserIds(db: Queryable, pmoId: string): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(pmoMembers)
    .innerJoin(users, eq(users.personId, pmoMembers.personId))
    .where(and(eq(pmoMembers.pmoId, pmoId), eq(users.active, true)));
  return rows.map((r) => r.id);
}

export async function userIdOfPerson(db: Queryable, personId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.personId, personId), eq(users.active, true)));
  return row?.id ?? null;
}

// ---- comments ------------------------------------------------------------------------------

export async function countComments(db: Queryable, requestId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(requestComments).where(eq(requestComments.requestId, requestId));
  return Number(row?.n ?? 0);
}

export async function listComments(db: Queryable, requestId: string) {
  return db
    .select({
      id: requestComments.id,
      authorId: requestComments.authorUserId,
      authorName: users.displayName,
      body: requestComments.body,
      createdAt: requestComments.createdAt,
    })
    .from(requestComments)
    .innerJoin(users, eq(users.id, requestComments.authorUserId))
    .where(eq(requestComments.requestId, requestId))
    .orderBy(asc(requestComments.createdAt), asc(requestComments.id));
}

export async function insertComment(db: Queryable, values: typeof requestComments.$inferInsert) {
  const [row] = await db.insert(requestComments).values(values).returning();
  return row!;
}

// ---- attachments ---------------------------------------------------------------------------

const attachmentMeta = {
  id: requestAttachments.id,
  requestId: requestAttachments.requestId,
  fileName: requestAttachments.fileName,
  contentType: requestAttachments.contentType,
  size: requestAttachments.size,
  sha256: requestAttachments.sha256,
  uploadedBy: requestAttachments.uploadedBy,
  uploaderName: users.displayName,
  createdAt: requestAttachments.createdAt,
};

export type AttachmentMeta = {
  id: string;
  requestId: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedBy: string;
  uploaderName: string;
  createdAt: Date;
};

export async function listAttachments(db: Queryable, requestId: string): Promise<AttachmentMeta[]> {
  return db
    .select(attachmentMeta)
    .from(requestAttachments)
    .innerJoin(users, eq(users.id, requestAttachments.uploadedBy))
    .where(eq(requestAttachments.requestId, requestId))
    .orderBy(asc(requestAttachments.createdAt), asc(requestAttachments.id));
}

export async function findAttachmentMeta(db: Queryable, requestId: string, id: string): Promise<AttachmentMeta | undefined> {
  const [row] = await db
    .select(attachmentMeta)
    .from(requestAttachments)
    .innerJoin(users, eq(users.id, requestAttachments.uploadedBy))
    .where(and(eq(requestAttachments.requestId, requestId), eq(requestAttachments.id, id)));
  return row;
}

export async function attachmentContent(db: Queryable, requestId: string, id: string) {
  const [row] = await db
    .select({
      fileName: requestAttachments.fileName,
      contentType: requestAttachments.contentType,
      content: requestAttachments.content,
    })
    .from(requestAttachments)
    .where(and(eq(requestAttachments.requestId, requestId), eq(requestAttachments.id, id)));
  return row;
}

export async function insertAttachment(db: Queryable, values: typeof requestAttachments.$inferInsert): Promise<string> {
  const [row] = await db.insert(requestAttachments).values(values).returning({ id: requestAttachments.id });
  return row!.id;
}

export async function deleteAttachment(db: Queryable, requestId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(requestAttachments)
    .where(and(eq(requestAttachments.requestId, requestId), eq(requestAttachments.id, id)))
    .returning({ id: requestAttachments.id });
  return rows.length > 0;
}
