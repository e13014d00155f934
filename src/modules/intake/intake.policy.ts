import type { SQL } from 'drizzle-orm';
import { type Actor, isAdmin, isSystem } from '../../kernel/actor.ts';
import type { Queryable } from '../../kernel/db.ts';
import { governedPmoIds, reportingPmoIds } from '../org/index.ts';
import * as repo from './intake.repo.ts';
import type { ActorRelation } from './intake.states.ts';

/**
 * Who sees which request: an admin sees every request; anyone sees the requests they raised
 * or sponsor; once submitted, a request is seen by the members of its target PMO (and of the
 * PMOs above it) and by the executives that PMO reports to. Nobody else learns that it
 * exists: lists omit it and a read answers 404. A draft never submitted stays its requester's.
 */
export async function visibleRequestFilter(db: Queryable, actor: Actor): Promise<SQL | undefined> {
  if (isAdmin(actor)) return undefined;
  // One after the other: on a transaction both queries share one connection.
  const governed = await governedPmoIds(db, actor);
  const reporting = await reportingPmoIds(db, actor);
  return repo.visibleCondition(actor.userId, actor.personId, [...new Set([...governed, ...reporting])]);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether the actor may see the request (false as well when it does not exist). */
export async function canSeeRequest(db: Queryable, actor: Actor, requestId: string): Promise<boolean> {
  if (!UUID.test(requestId)) return false;
  return repo.requestMatches(db, requestId, await visibleRequestFilter(db, actor));
}

/**
 * How the actor stands to a request, for the state table: its requester; a reviewer (holds
 * requests.review and is a member of the target PMO or a PMO above it); a decider (holds
 * requests.decide and leads the target PMO or a PMO above it). The system actor reviews and decides
 * anywhere; an admin user, as such, does neither.
 */
export async function relationTo(
  db: Queryable,
  actor: Actor,
  request: { requesterUserId: string; pmoId: string | null },
): Promise<ActorRelation> {
  const isRequester = actor.userId !== null && actor.userId === request.requesterUserId;
  // The system actor (seed, CLI) acts as a lead anywhere; an admin user governs nothing.
  const admin = isSystem(actor);
  const pmoId = request.pmoId;
  let mayReview = false;
  let mayDecide = false;
  if (actor.permissions.has('requests.review')) {
    mayReview = admin || (pmoId !== null && (await governedPmoIds(db, actor)).includes(pmoId));
  }
  if (actor.permissions.has('requests.decide')) {
    mayDecide = admin || (pmoId !== null && (await governedPmoIds(db, actor, 'lead')).includes(pmoId));
  }
  return { isRequester, mayReview, mayDecide };
}
