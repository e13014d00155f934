import type { Actor } from '../../kernel/actor.ts';
import type { Db, Queryable } from '../../kernel/db.ts';
import { notFound } from '../../kernel/errors.ts';
import { isoInstant } from '../../kernel/rows.ts';
import { transact } from '../../kernel/usecase.ts';
import { recordAudit } from '../audit/index.ts';
import { notify } from '../notify/index.ts';
import { canSeeRequest } from './intake.policy.ts';
import * as repo from './intake.repo.ts';
import { CommentBody, type CommentView } from './intake.schema.ts';
import { parseInput } from '../../kernel/validate.ts';
import { lockVisibleRequest, requireUser, without } from './intake.service.ts';

// ---- comments --------------------------------------------------------------------------------

export async function listComments(db: Queryable, actor: Actor, id: string): Promise<CommentView[]> {
  if (!(await canSeeRequest(db, actor, id))) throw notFound('request', id);
  return (await repo.listComments(db, id)).map((c) => ({
    id: c.id,
    author: { id: c.authorId, name: c.authorName },
    body: c.body,
    createdAt: isoInstant(c.createdAt)!,
  }));
}

/** A comment in the thread between requester and PMO; anyone who sees the request may write one. */
export async function addComment(db: Db, actor: Actor, id: string, raw: { body: string }): Promise<CommentView> {
  const input = parseInput(CommentBody, raw);
  const userId = requireUser(actor);
  return transact(db, async ({ tx }) => {
    const row = await lockVisibleRequest(tx, actor, id);
    const comment = await repo.insertComment(tx, { requestId: id, authorUserId: userId, body: input.body });
    await recordAudit(tx, actor, {
      entityType: 'request',
      entityId: id,
      action: 'request.commented',
      after: { commentId: comment.id, body: input.body },
    });
    // The requester hears from the PMO; the PMO hears from the requester once it has the request.
    const toPmo = userId === row.requesterUserId;
    const audience = toPmo
      ? row.submittedAt && row.pmoId
        ? await repo.pmoMemberUserIds(tx, row.pmoId)
        : []
      : [row.requesterUserId];
    const recipients = without(actor, audience);
    await notify(tx, {
      userIds: recipients,
      kind: 'request.commented',
      title: `${actor.name} commented on ${row.code}: ${row.title}`,
      body: input.body.slice(0, 500),
      link: `/requests/${id}`,
      entityType: 'request',
      entityId: id,
    });
    return {
      id: comment.id,
      author: { id: userId, name: actor.name },
      body: comment.body,
      createdAt: isoInstant(comment.createdAt)!,
    };
  });
}
