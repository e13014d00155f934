import type { Actor } from '../../kernel/actor.ts';
import type { Db, Queryable } from '../../kernel/db.ts';
import { AppError, invalid, notFound, versionConflict } from '../../kernel/errors.ts';
import { isoInstant, toNumber } from '../../kernel/rows.ts';
import { recordAudit } from '../audit/index.ts';
import { transactTraining } from './training.errors.ts';
import { parseInput } from '../../kernel/validate.ts';
import { assertMayManageTrainingOf, assertMayRecordSessionIn, canSeeMentorship, isTrainingManager } from './training.policy.ts';
import * as repo from './training.repo.ts';
import { today } from './training.rules.ts';
import {
  CreateMentorshipBody,
  type CreateMentorshipInput,
  CreateSessionBody,
  type CreateSessionInput,
  type MentoringSessionView,
  type MentorshipListFilter,
  type MentorshipView,
  UpdateMentorshipBody,
  type UpdateMentorshipInput,
} from './training.schema.ts';

function mentorshipView(row: repo.MentorshipJoined): MentorshipView {
  const m = row.mentorship;
  return {
    id: m.id,
    pmo: { id: m.pmoId, code: row.pmoCode, name: row.pmoName },
    mentor: { id: m.mentorId, name: row.mentorName },
    mentee: { id: m.menteeId, name: row.menteeName },
    goals: m.goals,
    startedOn: m.startedOn,
    endedOn: m.endedOn,
    status: m.status,
    sessionCount: toNumber(row.sessionCount),
    lastSessionOn: row.lastSessionOn,
    version: m.version,
    createdAt: isoInstant(m.createdAt)!,
    updatedAt: isoInstant(m.updatedAt)!,
  };
}

function sessionView(row: repo.SessionRow): MentoringSessionView {
  return {
    id: row.id,
    mentorshipId: row.mentorshipId,
    heldOn: row.heldOn,
    notes: row.notes,
    recordedBy: row.recordedBy,
    createdAt: isoInstant(row.createdAt)!,
  };
}

/** The mentorship, when the actor may see it; otherwise 404. */
async function visibleMentorship(db: Queryable, actor: Actor, id: string): Promise<repo.MentorshipJoined> {
  const row = (await canSeeMentorship(db, actor, id)) ? await repo.findMentorship(db, id) : undefined;
  if (!row) throw notFound('mentorship', id);
  return row;
}

/** Mentorships, filtered: every one for a training manager, otherwise those the actor is mentor or mentee in. */
export async function listMentorships(db: Queryable, actor: Actor, filter: MentorshipListFilter = {}): Promise<MentorshipView[]> {
  const involving = isTrainingManager(actor) ? undefined : actor.personId;
  return (await repo.listMentorships(db, { ...filter, involving })).map(mentorshipView);
}

export async function getMentorship(db: Queryable, actor: Actor, id: string): Promise<MentorshipView> {
  return mentorshipView(await visibleMentorship(db, actor, id));
}

/** Pairs a mentor with a mentee under a PMO the actor governs. Nobody mentors themselves. */
export async function createMentorship(db: Db, actor: Actor, raw: CreateMentorshipInput): Promise<MentorshipView> {
  const input = parseInput(CreateMentorshipBody, raw);
  if (input.mentorId === input.menteeId) throw invalid('menteeId', 'must not be the mentor');
  return transactTraining(db, 'mentorship', async ({ tx }) => {
    const pmo = await repo.findPmo(tx, input.pmoId);
    if (!pmo) throw invalid('pmoId', 'no such PMO');
    await assertMayManageTrainingOf(tx, actor, pmo);
    if (!(await repo.findPerson(tx, input.mentorId))) throw invalid('mentorId', 'no such person');
    if (!(await repo.findPerson(tx, input.menteeId))) throw invalid('menteeId', 'no such person');
    if (await repo.activePairExists(tx, input.mentorId, input.menteeId)) {
      throw new AppError('ALREADY_EXISTS', 'this mentor already mentors this mentee', {
        issues: [{ field: 'menteeId', message: 'already has an active mentorship with this mentor' }],
      });
    }
    const row = await repo.insertMentorship(tx, {
      pmoId: input.pmoId,
      mentorId: input.mentorId,
      menteeId: input.menteeId,
      goals: input.goals ?? null,
      startedOn: input.startedOn,
    });
    const view = mentorshipView((await repo.findMentorship(tx, row.id))!);
    await recordAudit(tx, actor, { entityType: 'mentorship', entityId: row.id, action: 'mentorship.created', after: view });
    return view;
  });
}

/**
 * Edits the goals of an active mentorship, or ends it (`status: 'ended'`, `endedOn` defaulting to
 * today). An ended mentorship is read-only and cannot be reopened: start a new one.
 */
export async function updateMentorship(db: Db, actor: Actor, id: string, raw: UpdateMentorshipInput): Promise<MentorshipView> {
  const input = parseInput(UpdateMentorshipBody, raw);
  return transactTraining(db, 'mentorship', async ({ tx }) => {
    const beforeRow = await visibleMentorship(tx, actor, id);
    const before = mentorshipView(beforeRow);
    await assertMayManageTrainingOf(tx, actor, before.pmo);
    if (before.status === 'ended') {
      throw new AppError('INVALID_STATE', `mentorship ${id} ended on ${before.endedOn}; it is read-only`);
    }
    if (input.endedOn !== undefined && input.status !== 'ended') throw invalid('endedOn', "is set only with status 'ended'");
    const ending = input.status === 'ended';
    const endedOn = ending ? (input.endedOn ?? today()) : null;
    if (endedOn !== null && endedOn < before.startedOn) throw invalid('endedOn', 'must not be before the start');
    const row = await repo.updateMentorship(tx, id, input.version, {
      goals: input.goals,
      ...(ending ? { status: 'ended' as const, endedOn } : {}),
    });
    if (!row) throw versionConflict('mentorship', id, input.version);
    const after = mentorshipView((await repo.findMentorship(tx, id))!);
    await recordAudit(tx, actor, {
      entityType: 'mentorship',
      entityId: id,
      action: ending ? 'mentorship.ended' : 'mentorship.updated',
      before,
      after,
    });
    return after;
  });
}

/** The session notes of a mentorship the actor may see, newest first, with the mentorship they belong to. */
export async function listSessions(
  db: Queryable,
  actor: Actor,
  mentorshipId: string,
): Promise<{ mentorship: MentorshipView; sessions: MentoringSessionView[] }> {
  const mentorship = mentorshipView(await visibleMentorship(db, actor, mentorshipId));
  return { mentorship, sessions: (await repo.listSessions(db, mentorshipId)).map(sessionView) };
}

/**
 * Notes of a session held in an active mentorship; its mentor or mentee records them, or a
 * training manager who may edit the mentorship (of its PMO or a PMO above it; others get 403).
 */
export async function createSession(
  db: Db,
  actor: Actor,
  mentorshipId: string,
  raw: CreateSessionInput,
): Promise<MentoringSessionView> {
  const input = parseInput(CreateSessionBody, raw);
  return transactTraining(db, 'mentoring session', async ({ tx }) => {
    const found = await visibleMentorship(tx, actor, mentorshipId);
    const mentorship = found.mentorship;
    await assertMayRecordSessionIn(tx, actor, { ...mentorship, pmo: { id: mentorship.pmoId, code: found.pmoCode } });
    if (mentorship.status === 'ended') {
      throw new AppError('INVALID_STATE', `mentorship ${mentorshipId} has ended; no more sessions can be recorded`);
    }
    if (input.heldOn < mentorship.startedOn) throw invalid('heldOn', 'must not be before the mentorship started');
    if (input.heldOn > today()) throw invalid('heldOn', 'must not be in the future');
    const row = await repo.insertSession(tx, {
      mentorshipId,
      heldOn: input.heldOn,
      notes: input.notes,
      recordedBy: actor.email,
    });
    const view = sessionView(row);
    await recordAudit(tx, actor, {
      entityType: 'mentorship',
      entityId: mentorshipId,
      action: 'mentorship.session_recorded',
      after: view,
    });
    return view;
  });
}
