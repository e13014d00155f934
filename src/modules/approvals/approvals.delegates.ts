/**
 * Holiday cover: an approver names a delegate for a date range; from its first day to its last
 * the delegate decides the steps that name the approver, and every such decision records who
 * acted for whom. The separation of duties holds for the delegate as for the approver.
 */
import { type Actor, requirePermission } from '../../kernel/actor.ts';
import { daysBetween, today as todayUtc } from '../../kernel/dates.ts';
import type { Db, Queryable } from '../../kernel/db.ts';
import { invalid, notFound, versionConflict } from '../../kernel/errors.ts';
import { transact } from '../../kernel/usecase.ts';
import { parseInput } from '../../kernel/validate.ts';
import { recordAudit } from '../audit/index.ts';
import { activeUsersOfPeople, findUserById, loadActor } from '../auth/index.ts';
import { notify } from '../notify/index.ts';
import * as repo from './approvals.repo.ts';
import { userIdOf } from './approvals.service.ts';
import { CreateDelegateBody, type CreateDelegateInput, type DelegateView } from './approvals.schema.ts';

/** Cover longer than a year is a standing delegation of authority, which the PMO's thresholds express instead. */
const MAX_DAYS = 366;

function view(row: NonNullable<Awaited<ReturnType<typeof repo.findDelegate>>>, today: string): DelegateView {
  const d = row.row;
  return {
    id: d.id,
    approver: { id: d.userId, name: row.approverName },
    delegate: { id: d.delegateUserId, name: row.delegateName },
    startsOn: d.startsOn,
    endsOn: d.endsOn,
    reason: d.reason,
    active: d.startsOn <= today && today <= d.endsOn,
    version: d.version,
  };
}

/** The caller's delegations: whom they named, and for whom they stand in. */
export async function listDelegates(db: Queryable, actor: Actor): Promise<DelegateView[]> {
  if (!actor.userId) return [];
  const today = todayUtc();
  return (await repo.listDelegates(db, actor.userId)).map((r) => view(r, today));
}

/** Names a delegate for a date range (inclusive); the delegate is told. */
export async function createDelegate(db: Db, actor: Actor, raw: CreateDelegateInput): Promise<DelegateView> {
  requirePermission(actor, 'approvals.decide');
  const input = parseInput(CreateDelegateBody, raw);
  if (input.endsOn < input.startsOn) throw invalid('endsOn', 'must not be before startsOn');
  if (input.endsOn < todayUtc()) throw invalid('endsOn', 'is in the past');
  if (daysBetween(input.startsOn, input.endsOn) > MAX_DAYS) throw invalid('endsOn', `cover lasts at most ${MAX_DAYS} days`);
  const id = await transact(db, async ({ tx }) => {
    const [delegate] = await activeUsersOfPeople(tx, [input.delegatePersonId]);
    if (!delegate) throw invalid('delegatePersonId', 'this person has no active user account');
    if (delegate.userId === actor.userId) throw invalid('delegatePersonId', 'is yourself');
    // Cover is for someone who decides approvals themselves; a viewer could never act on a step.
    const account = await findUserById(tx, delegate.userId);
    if (!account || !(await loadActor(tx, account)).permissions.has('approvals.decide')) {
      throw invalid('delegatePersonId', 'does not decide approvals (a PMO member, an executive or a resource manager)');
    }
    const row = await repo.insertDelegate(tx, {
      userId: userIdOf(actor),
      delegateUserId: delegate.userId,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      reason: input.reason ?? null,
    });
    await recordAudit(tx, actor, {
      entityType: 'approval_delegate',
      entityId: row.id,
      action: 'approval_delegate.named',
      after: { userId: actor.userId, delegateUserId: delegate.userId, startsOn: input.startsOn, endsOn: input.endsOn },
      reason: input.reason ?? null,
    });
    await notify(tx, {
      userIds: [delegate.userId],
      kind: 'approval.delegated',
      title: `${actor.name} named you to decide their approvals from ${input.startsOn} to ${input.endsOn}`,
      body: input.reason ?? null,
      link: '/approvals?waitingOn=me',
      entityType: 'approval_delegate',
      entityId: row.id,
    });
    return row.id;
  });
  return view((await repo.findDelegate(db, id))!, todayUtc());
}

/** Ends a delegation: the approver who named it, or the delegate. */
export async function deleteDelegate(db: Db, actor: Actor, id: string, version?: number): Promise<void> {
  requirePermission(actor, 'approvals.decide');
  await transact(db, async ({ tx }) => {
    const row = await repo.findDelegate(tx, id);
    // Either party ends it: the approver is back, or the delegate cannot cover after all.
    if (!row || (row.row.userId !== actor.userId && row.row.delegateUserId !== actor.userId)) throw notFound('delegate', id);
    if (version !== undefined && row.row.version !== version) throw versionConflict('delegate', id, version);
    await repo.deleteDelegate(tx, id);
    await recordAudit(tx, actor, {
      entityType: 'approval_delegate',
      entityId: id,
      action: 'approval_delegate.removed',
      before: {
        userId: row.row.userId,
        delegateUserId: row.row.delegateUserId,
        startsOn: row.row.startsOn,
        endsOn: row.row.endsOn,
      },
    });
  });
}
