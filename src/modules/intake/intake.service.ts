import { approvalKey, openInitiationApproval } from '../approvals/index.ts';
import type { z } from '@hono/zod-openapi';
import type { Actor } from '../../kernel/actor.ts';
import type { Db, Queryable, Tx } from '../../kernel/db.ts';
import { AppError, type FieldIssue, invalid, notFound, versionConflict, validationFailed } from '../../kernel/errors.ts';
import type { Page, Paged } from '../../kernel/lists.ts';
import { isoInstant } from '../../kernel/rows.ts';
import { transact } from '../../kernel/usecase.ts';
import { recordAudit } from '../audit/index.ts';
import { type Notice, markReadAboutInTx, notify } from '../notify/index.ts';
import { canSeeProject } from '../projects/index.ts';
import { canSeeRequest, relationTo, visibleRequestFilter } from './intake.policy.ts';
import * as repo from './intake.repo.ts';
import {
  type AttachmentView,
  type Benefit,
  type CostLine,
  CreateRequestBody,
  type CreateRequestInput,
  type Dependency,
  type KnownRisk,
  type RequestListFilter,
  type RequestSummary,
  type RequestView,
  type SkillDemand,
  UpdateRequestBody,
  type UpdateRequestInput,
} from './intake.schema.ts';
import {
  EDITABLE_STATES,
  REASON_REQUIRED,
  type RequestAction,
  type RequestState,
  allowedActions,
  nextState,
  transitionFor,
} from './intake.states.ts';
import { parseInput } from '../../kernel/validate.ts';

const ref = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);

/** Sum of the cost estimate, to the cent. */
export function totalCostOf(lines: readonly CostLine[]): number {
  return Math.round(lines.reduce((sum, l) => sum + l.amount, 0) * 100) / 100;
}

function summaryView(row: repo.RequestJoined): RequestSummary {
  const r = row.request;
  return {
    id: r.id,
    code: r.code,
    title: r.title,
    state: r.state,
    requester: { id: r.requesterUserId, name: row.requesterName },
    pmo: ref(r.pmoId, row.pmoName),
    projectType: ref(r.projectTypeId, row.typeName),
    wantedStart: r.wantedStart,
    totalCost: totalCostOf(r.costEstimate as CostLine[]),
    updatedAt: isoInstant(r.updatedAt)!,
    version: r.version,
  };
}

export function attachmentView(a: repo.AttachmentMeta): AttachmentView {
  return {
    id: a.id,
    fileName: a.fileName,
    contentType: a.contentType,
    size: Number(a.size),
    sha256: a.sha256,
    uploadedBy: { id: a.uploadedBy, name: a.uploaderName },
    createdAt: isoInstant(a.createdAt)!,
  };
}

async function detailView(db: Queryable, actor: Actor, row: repo.RequestJoined): Promise<RequestView> {
  const r = row.request;
  // Sequential on purpose: `db` may be a transaction, one connection that runs one query at a time.
  const commentsCount = await repo.countComments(db, r.id);
  const attachments = await repo.listAttachments(db, r.id);
  const relation = await relationTo(db, actor, r);
  // A go-ahead up the line is decided on its approval request, not here again.
  const goAhead = await openInitiationApproval(db, r.id);
  return {
    ...summaryView(row),
    problem: r.problem,
    objectives: r.objectives as string[],
    benefits: r.benefits as Benefit[],
    sponsor: ref(r.sponsorId, row.sponsorName),
    durationMonths: r.durationMonths,
    costEstimate: r.costEstimate as CostLine[],
    skillDemand: r.skillDemand as SkillDemand[],
    knownRisks: r.knownRisks as KnownRisk[],
    dependencies: r.dependencies as Dependency[],
    submittedAt: isoInstant(r.submittedAt),
    decidedAt: isoInstant(r.decidedAt),
    decidedBy: ref(r.decidedBy, row.deciderName),
    decisionRationale: r.decisionRationale,
    revisitOn: r.revisitOn,
    conditions: r.conditions as unknown[],
    projectId: r.projectId,
    commentsCount,
    attachments: attachments.map(attachmentView),
    allowedActions: allowedActions(r.state, relation).filter((a) => !(goAhead && a === 'decide')),
    goAheadApproval: goAhead ? { id: goAhead.id, key: approvalKey(goAhead.number), state: goAhead.state } : null,
    createdAt: isoInstant(r.createdAt)!,
  };
}

async function reload(db: Queryable, actor: Actor, id: string): Promise<RequestView> {
  return detailView(db, actor, (await repo.findRequest(db, id))!);
}

/** The request, locked for the transaction; 404 when it does not exist or the actor may not see it. */
export async function lockVisibleRequest(tx: Tx, actor: Actor, id: string): Promise<repo.RequestRow> {
  if (!(await canSeeRequest(tx, actor, id))) throw notFound('request', id);
  const row = await repo.lockRequest(tx, id);
  if (!row) throw notFound('request', id);
  return row;
}

/**
 * One page of the requests the actor may see, filtered, most recently changed first, with how many
 * match in all; every match when `page` is null (an export). Paged in SQL, visibility in the count.
 */
export async function listRequests(
  db: Queryable,
  actor: Actor,
  filter: RequestListFilter = {},
  page: Page | null = null,
): Promise<Paged<RequestSummary>> {
  const condition = {
    visible: await visibleRequestFilter(db, actor),
    state: filter.state,
    pmoId: filter.pmoId,
    // A caller with no user (the system) raised nothing.
    requesterUserId: filter.mine ? (actor.userId ?? '00000000-0000-0000-0000-000000000000') : undefined,
    q: filter.q,
  };
  // One after the other: `db` may be a transaction, one connection.
  const rows = await repo.listRequests(db, condition, page);
  const total = page ? await repo.countRequests(db, condition) : rows.length;
  return { items: rows.map(summaryView), total };
}

/** One request with its comment count, attachments and what the caller may do; 404 when not visible. */
export async function getRequest(db: Queryable, actor: Actor, id: string): Promise<RequestView> {
  if (!(await canSeeRequest(db, actor, id))) throw notFound('request', id);
  const row = await repo.findRequest(db, id);
  if (!row) throw notFound('request', id);
  return detailView(db, actor, row);
}

type ContentInput = Partial<z.infer<typeof UpdateRequestBody>>;

/**
 * Foreign ids must exist (422 naming the field, never an FK violation); the project type must
 * be a standard of the target PMO or of a PMO above it; dependencies must be projects the
 * requester may see. Only what `input` sets is checked; `merged` is the request after the edit.
 */
async function checkReferences(tx: Queryable, actor: Actor, input: ContentInput, merged: ContentInput): Promise<void> {
  const issues: FieldIssue[] = [];
  if (input.pmoId && !(await repo.pmoExists(tx, input.pmoId))) issues.push({ field: 'pmoId', message: 'no such PMO' });
  if (input.sponsorId && !(await repo.personExists(tx, input.sponsorId)))
    issues.push({ field: 'sponsorId', message: 'no such person' });
  if (input.projectTypeId && !(await repo.projectTypeOf(tx, input.projectTypeId)))
    issues.push({ field: 'projectTypeId', message: 'no such project type' });
  if ((input.projectTypeId || input.pmoId) && merged.projectTypeId && merged.pmoId && issues.length === 0) {
    const type = await repo.projectTypeOf(tx, merged.projectTypeId);
    if (type && !(await repo.pmoLineage(tx, merged.pmoId)).includes(type.pmoId)) {
      issues.push({ field: 'projectTypeId', message: 'is a standard of a PMO that does not govern the target PMO' });
    }
  }
  if (input.skillDemand?.length) {
    const found = await repo.existingSkills(tx, [...new Set(input.skillDemand.map((d) => d.skillId))]);
    input.skillDemand.forEach((d, i) => {
      if (!found.has(d.skillId)) issues.push({ field: `skillDemand.${i}.skillId`, message: 'no such skill' });
    });
  }
  for (const [i, d] of (input.dependencies ?? []).entries()) {
    if (!(await canSeeProject(tx, actor, d.projectId))) {
      issues.push({ field: `dependencies.${i}.projectId`, message: 'no such project' });
    }
  }
  if (issues.length) throw validationFailed(issues);
}

const CONTENT_KEYS = [
  'title',
  'problem',
  'objectives',
  'benefits',
  'projectTypeId',
  'sponsorId',
  'pmoId',
  'wantedStart',
  'durationMonths',
  'costEstimate',
  'skillDemand',
  'knownRisks',
  'dependencies',
] as const;

function contentOf(input: ContentInput): Partial<repo.RequestInsert> {
  const values: Record<string, unknown> = {};
  for (const key of CONTENT_KEYS) if (input[key] !== undefined) values[key] = input[key];
  return values as Partial<repo.RequestInsert>;
}

export function requireUser(actor: Actor): string {
  if (!actor.userId) throw new AppError('FORBIDDEN', 'only a user may raise a request');
  return actor.userId;
}

/** Creates a draft; only the title is needed now, the rest is filled in step by step. */
export async function createRequest(db: Db, actor: Actor, raw: CreateRequestInput): Promise<RequestView> {
  const input = parseInput(CreateRequestBody, raw);
  const userId = requireUser(actor);
  return transact(db, async ({ tx }) => {
    await checkReferences(tx, actor, input, input);
    const code = await repo.nextRequestCode(tx);
    const row = await repo.insertRequest(tx, { ...contentOf(input), title: input.title, code, requesterUserId: userId });
    const view = await reload(tx, actor, row.id);
    const { allowedActions: _a, commentsCount: _c, attachments: _at, ...record } = view;
    await recordAudit(tx, actor, { entityType: 'request', entityId: row.id, action: 'request.created', after: record });
    return view;
  });
}

/**
 * The autosave of the multi-step form: any subset of fields, by the requester, while the
 * request is a draft or the PMO has asked for information. A stale version gets 409.
 */
export async function updateRequest(db: Db, actor: Actor, id: string, raw: UpdateRequestInput): Promise<RequestView> {
  const input = parseInput(UpdateRequestBody, raw);
  return transact(db, async ({ tx }) => {
    const before = await lockVisibleRequest(tx, actor, id);
    if (before.requesterUserId !== actor.userId) throw new AppError('FORBIDDEN', 'only the requester edits a request');
    if (!EDITABLE_STATES.has(before.state)) {
      throw new AppError(
        'INVALID_STATE',
        `a request that is ${before.state} cannot be edited; only a draft or one asked for information`,
        {
          state: before.state,
          action: 'edit',
        },
      );
    }
    if (before.version !== input.version) throw versionConflict('request', id, input.version);
    if (input.pmoId !== undefined && input.pmoId !== before.pmoId && before.state !== 'draft') {
      throw invalid('pmoId', 'cannot change once the request was submitted; withdraw it and raise a new one');
    }
    const values = contentOf(input);
    const merged = { ...before, ...values } as ContentInput;
    await checkReferences(tx, actor, input, merged);
    const row = await repo.updateRequest(tx, id, input.version, values);
    if (!row) throw versionConflict('request', id, input.version);
    const changed = Object.keys(values) as (keyof typeof values)[];
    await recordAudit(tx, actor, {
      entityType: 'request',
      entityId: id,
      action: 'request.updated',
      before: Object.fromEntries(changed.map((k) => [k, before[k as keyof repo.RequestRow]])),
      after: Object.fromEntries(changed.map((k) => [k, row[k as keyof repo.RequestRow]])),
    });
    return reload(tx, actor, id);
  });
}

/** What must be filled in before the PMO sees a request; every missing field is named at once. */
export function missingForSubmission(r: repo.RequestRow): FieldIssue[] {
  const missing: FieldIssue[] = [];
  const need = (field: string, ok: boolean) => {
    if (!ok) missing.push({ field, message: 'is required to submit' });
  };
  need('problem', r.problem.trim().length > 0);
  need('objectives', (r.objectives as string[]).length > 0);
  need('projectTypeId', r.projectTypeId !== null);
  need('sponsorId', r.sponsorId !== null);
  need('pmoId', r.pmoId !== null);
  need('wantedStart', r.wantedStart !== null);
  need('durationMonths', r.durationMonths !== null);
  need('costEstimate', (r.costEstimate as CostLine[]).length > 0);
  return missing;
}

export function without(actor: Actor, userIds: (string | null)[]): string[] {
  return userIds.filter((u): u is string => Boolean(u) && u !== actor.userId);
}

/** Whom a move concerns, and what they are told. Computed in the transaction, sent after commit. */
export async function noticeFor(
  tx: Tx,
  actor: Actor,
  action: RequestAction,
  row: repo.RequestRow,
  to: RequestState,
  reason: string | null,
): Promise<{ userIds: string[]; notice: Notice }> {
  const pmoMembers = async () => (row.pmoId ? repo.pmoMemberUserIds(tx, row.pmoId) : []);
  const toPmo = action === 'submit' || (action === 'withdraw' && row.submittedAt !== null);
  const userIds = without(actor, toPmo ? await pmoMembers() : [row.requesterUserId]);
  const what: Record<RequestAction, string> = {
    submit: row.state === 'draft' ? 'was submitted' : 'was answered and is back in review',
    start_review: 'is in review',
    request_info: 'needs more information',
    withdraw: 'was withdrawn',
    decide: `was ${to}`,
    reopen: 'was reopened for review',
  };
  return {
    userIds,
    notice: {
      kind: `request.${action === 'submit' && row.state !== 'draft' ? 'resubmit' : action}`,
      title: `${row.code} ${what[action]}: ${row.title}`,
      body: reason,
      link: `/requests/${row.id}`,
      entityType: 'request',
      entityId: row.id,
    },
  };
}

/** The moves that mark the actor's own notifications about the request read (deciding does too). */
const READS_NOTICES: ReadonlySet<RequestAction> = new Set(['start_review', 'request_info']);

/**
 * One move of the workflow: checks visibility (404), the party and the state (`nextState`),
 * writes the state, the audit event and the notices (the outbox) in one transaction.
 */
async function move(db: Db, actor: Actor, id: string, action: RequestAction, reason: string | null): Promise<RequestView> {
  if (REASON_REQUIRED.has(action) && !reason?.trim()) throw invalid('reason', 'is required');
  return transact(db, async ({ tx }) => {
    const row = await lockVisibleRequest(tx, actor, id);
    const to = nextState(row.state, action, await relationTo(tx, actor, row));
    if (action === 'submit') {
      const missing = missingForSubmission(row);
      if (missing.length) throw validationFailed(missing);
      await checkReferences(tx, actor, { projectTypeId: row.projectTypeId, pmoId: row.pmoId }, row as ContentInput);
    }
    await repo.updateRequest(tx, id, null, {
      state: to,
      submittedAt: row.submittedAt ?? (to === 'submitted' ? new Date() : null),
    });
    await recordAudit(tx, actor, {
      entityType: 'request',
      entityId: id,
      action: transitionFor(row.state, action)!.audit,
      before: { state: row.state },
      after: { state: to },
      reason,
    });
    // Reviewing or asking answers the notices that brought the reviewer here.
    if (READS_NOTICES.has(action)) await markReadAboutInTx(tx, actor.userId, 'request', id);
    const { userIds, notice } = await noticeFor(tx, actor, action, row, to, reason);
    await notify(tx, { ...notice, userIds });
    return reload(tx, actor, id);
  });
}

/** Draft → submitted (complete requests only: 422 naming each missing field); info_requested → in_review. */
export const submitRequest = (db: Db, actor: Actor, id: string) => move(db, actor, id, 'submit', null);
/** submitted → in_review, by a member of the target PMO who is not the requester. */
export const startReview = (db: Db, actor: Actor, id: string, reason?: string) =>
  move(db, actor, id, 'start_review', reason?.trim() || null);
/** in_review → info_requested, with the question for the requester. */
export const requestInfo = (db: Db, actor: Actor, id: string, reason: string) => move(db, actor, id, 'request_info', reason);
/** Any open state → withdrawn, by the requester, with a reason. */
export const withdrawRequest = (db: Db, actor: Actor, id: string, reason: string) => move(db, actor, id, 'withdraw', reason);
/** deferred → in_review, by a member of the target PMO. */
export const reopenRequest = (db: Db, actor: Actor, id: string, reason: string) => move(db, actor, id, 'reopen', reason);
