/**
 * Escalations to the PMO: a risk at or above its matrix's escalation score or escalated by its
 * response, or an issue of the highest severity, is raised to the queue of the PMO governing its
 * project, in the transaction that made it so, and the PMO's staff are told. The PMO records its
 * guidance, what it requires and by when; the project manager acknowledges and reports back; the
 * PMO closes it. Ageing is the days since it was raised.
 */
import type { Actor } from '../../kernel/actor.ts';
import { isSystem } from '../../kernel/actor.ts';
import { daysBetween, today as todayUtc } from '../../kernel/dates.ts';
import type { Db, Queryable, Tx } from '../../kernel/db.ts';
import { notFound, versionConflict } from '../../kernel/errors.ts';
import type { Page, Paged } from '../../kernel/lists.ts';
import { isoDay, isoInstant } from '../../kernel/rows.ts';
import { transact } from '../../kernel/usecase.ts';
import { parseInput } from '../../kernel/validate.ts';
import { isUuid, recordAudit } from '../audit/index.ts';
import { activeUsersOfPeople } from '../auth/index.ts';
import { type CalendarEntry, defineCalendarSource, notify } from '../notify/index.ts';
import { governedPmoIds } from '../org/index.ts';
import { isProjectManagerOf, visibleProjectFilter } from '../projects/index.ts';
import {
  type EscalationAction,
  type EscalationRelation,
  allowedEscalationActions,
  nextEscalationState,
} from './raid.escalation-states.ts';
import * as repo from './raid.repo.ts';
import {
  AcknowledgeEscalationBody,
  type AcknowledgeEscalationInput,
  CloseEscalationBody,
  type CloseEscalationInput,
  type EscalationView,
  GuideEscalationBody,
  type GuideEscalationInput,
} from './raid.schema.ts';

type Subject = { kind: 'risk'; row: repo.RiskRow } | { kind: 'issue'; row: repo.IssueRow };

const keyOf = (subject: Subject) => `${subject.kind === 'risk' ? 'R' : 'I'}-${subject.row.number}`;

/**
 * Raises the subject to its PMO's queue unless an escalation of it is still open; tells the
 * PMO's staff. In the caller's transaction, which holds the project's lock.
 */
export async function raiseEscalationInTx(
  tx: Tx,
  actor: Actor,
  project: repo.ProjectRow,
  subject: Subject,
  reason: 'score' | 'response' | 'severity',
): Promise<void> {
  const ref = subject.kind === 'risk' ? { riskId: subject.row.id } : { issueId: subject.row.id };
  if (await repo.openEscalationOf(tx, ref)) return;
  const summary =
    subject.kind === 'risk'
      ? `${keyOf(subject)} ${subject.row.title}: score ${subject.row.score} (${subject.row.band})${reason === 'response' ? ', escalated by the project' : ''}`
      : `${keyOf(subject)} ${subject.row.title}: severity ${subject.row.severity}${reason === 'response' ? ', escalated by the project' : ''}`;
  const row = await repo.insertEscalation(tx, {
    projectId: project.id,
    pmoId: project.pmoId,
    ...ref,
    reason,
    summary,
    raisedBy: isSystem(actor) ? null : actor.userId,
  });
  await recordAudit(tx, actor, {
    entityType: 'escalation',
    entityId: row.id,
    action: 'escalation.raised',
    after: { projectId: project.id, pmoId: project.pmoId, ...ref, reason, summary, state: row.state },
  });
  await notify(tx, {
    userIds: await repo.pmoStaffUsers(tx, project.pmoId),
    kind: `${subject.kind}.escalated`,
    title: `${project.code}: ${summary} was escalated to the PMO`,
    body: `${project.code} · ${project.name}`,
    link: `/escalations/${row.id}`,
    entityType: 'escalation',
    entityId: row.id,
  });
}

async function relationTo(
  db: Queryable,
  actor: Actor,
  project: { id: string; pmoId: string; projectManagerId: string | null },
  governed?: readonly string[],
): Promise<EscalationRelation> {
  const pmo = actor.permissions.has('raid.guide') && (governed ?? (await governedPmoIds(db, actor))).includes(project.pmoId);
  const manager = actor.permissions.has('raid.manage') && (await isProjectManagerOf(db, actor, project));
  return { pmo, project: manager };
}

type Listed = Awaited<ReturnType<typeof repo.listEscalations>>[number];

async function views(db: Queryable, actor: Actor, rows: Listed[], today: string): Promise<EscalationView[]> {
  const userNames = await repo.userNames(
    db,
    rows.flatMap((r) => [r.escalation.guidedBy, r.escalation.acknowledgedBy, r.escalation.closedBy]),
  );
  const ref = (id: string | null) => (id ? { id, name: userNames.get(id) ?? '' } : null);
  const governed = await governedPmoIds(db, actor);
  const relations = new Map<string, EscalationRelation>();
  const out: EscalationView[] = [];
  for (const { escalation: e, project, pmo, subject } of rows) {
    let relation = relations.get(project.id);
    if (!relation) {
      relation = await relationTo(db, actor, project, governed);
      relations.set(project.id, relation);
    }
    const subjectId = (e.riskId ?? e.issueId)!;
    const until = e.closedAt ? isoDay(e.closedAt)! : today;
    out.push({
      id: e.id,
      project: { id: project.id, code: project.code, name: project.name },
      pmo,
      subject: { kind: e.riskId ? 'risk' : 'issue', id: subjectId, ...subject },
      reason: e.reason as EscalationView['reason'],
      summary: e.summary,
      state: e.state,
      raisedAt: isoInstant(e.raisedAt)!,
      ageDays: Math.max(0, daysBetween(isoDay(e.raisedAt)!, until)),
      guidance: e.guidance,
      requiredAction: e.requiredAction,
      requiredBy: e.requiredBy,
      overdue: e.state === 'guided' && e.requiredBy !== null && e.requiredBy < today,
      guidedBy: ref(e.guidedBy),
      guidedAt: isoInstant(e.guidedAt),
      reportBack: e.reportBack,
      acknowledgedBy: ref(e.acknowledgedBy),
      acknowledgedAt: isoInstant(e.acknowledgedAt),
      closingNote: e.closingNote,
      closedBy: ref(e.closedBy),
      closedAt: isoInstant(e.closedAt),
      allowedActions: allowedEscalationActions(e.state, relation),
      version: e.version,
    });
  }
  return out;
}

/** The escalation queue: the escalations of the projects the caller may see, oldest first. */
export async function listEscalations(
  db: Queryable,
  actor: Actor,
  filter: repo.EscalationFilter = {},
  page: Page | null = null,
): Promise<Paged<EscalationView>> {
  const visible = await visibleProjectFilter(db, actor);
  const effective = { ...filter, state: filter.state ?? 'active' };
  const rows = await repo.listEscalations(db, effective, visible, page);
  const total = page ? await repo.countEscalations(db, effective, visible) : rows.length;
  return { items: await views(db, actor, rows, todayUtc()), total };
}

async function visibleEscalation(db: Queryable, actor: Actor, id: string): Promise<Listed> {
  const [row] = isUuid(id) ? await repo.listEscalations(db, { id }, await visibleProjectFilter(db, actor), null) : [];
  if (!row) throw notFound('escalation', id);
  return row;
}

export async function getEscalation(db: Queryable, actor: Actor, id: string): Promise<EscalationView> {
  return (await views(db, actor, [await visibleEscalation(db, actor, id)], todayUtc()))[0]!;
}

/** One move of the state table, with its version, its audit event and its notice. */
async function move(
  db: Db,
  actor: Actor,
  id: string,
  action: EscalationAction,
  version: number,
  values: (now: Date) => Partial<repo.EscalationInsert>,
  tell: (tx: Tx, before: repo.EscalationRow, project: repo.ProjectRow) => Promise<void>,
): Promise<EscalationView> {
  return transact(db, async ({ tx }) => {
    const listed = await visibleEscalation(tx, actor, id);
    const rp = (await repo.lockProject(tx, listed.project.id))!;
    const before = (await repo.findEscalation(tx, id))!;
    const transition = nextEscalationState(before.state, action, await relationTo(tx, actor, rp.project));
    if (before.version !== version) throw versionConflict('escalation', id, version);
    const row = await repo.updateEscalation(tx, id, version, { ...values(new Date()), state: transition.to });
    if (!row) throw versionConflict('escalation', id, version);
    const [view] = await views(tx, actor, [{ ...listed, escalation: row }], todayUtc());
    const { allowedActions: _a, ...record } = view!;
    await recordAudit(tx, actor, {
      entityType: 'escalation',
      entityId: id,
      action: transition.audit,
      before: { state: before.state, projectId: before.projectId },
      after: { ...record, projectId: before.projectId },
    });
    await tell(tx, before, rp.project);
    return view!;
  });
}

/** The PMO's guidance: what it advises, what it requires and by when; the project manager is told. */
export async function guideEscalation(db: Db, actor: Actor, id: string, raw: GuideEscalationInput): Promise<EscalationView> {
  const input = parseInput(GuideEscalationBody, raw);
  return move(
    db,
    actor,
    id,
    'guide',
    input.version,
    (now) => ({
      guidance: input.guidance,
      requiredAction: input.requiredAction ?? null,
      requiredBy: input.requiredBy ?? null,
      guidedBy: actor.userId,
      guidedAt: now,
    }),
    async (tx, before, project) => {
      await notify(tx, {
        userIds: (await activeUsersOfPeople(tx, [project.projectManagerId])).map((u) => u.userId),
        kind: 'escalation.guided',
        title: `${project.code}: the PMO's guidance on ${before.summary}`,
        body: input.requiredBy ? `Required by ${input.requiredBy}: ${input.requiredAction ?? input.guidance}` : input.guidance,
        link: `/escalations/${id}`,
        entityType: 'escalation',
        entityId: id,
      });
    },
  );
}

/** The project manager acknowledges the guidance and reports back; whoever guided is told. */
export async function acknowledgeEscalation(
  db: Db,
  actor: Actor,
  id: string,
  raw: AcknowledgeEscalationInput,
): Promise<EscalationView> {
  const input = parseInput(AcknowledgeEscalationBody, raw);
  return move(
    db,
    actor,
    id,
    'acknowledge',
    input.version,
    (now) => ({ reportBack: input.reportBack, acknowledgedBy: actor.userId, acknowledgedAt: now }),
    async (tx, before, project) => {
      await notify(tx, {
        userIds: [before.guidedBy],
        kind: 'escalation.acknowledged',
        title: `${project.code}: the project reported back on ${before.summary}`,
        body: input.reportBack,
        link: `/escalations/${id}`,
        entityType: 'escalation',
        entityId: id,
      });
    },
  );
}

/** The PMO closes the escalation. */
export async function closeEscalation(db: Db, actor: Actor, id: string, raw: CloseEscalationInput): Promise<EscalationView> {
  const input = parseInput(CloseEscalationBody, raw);
  return move(
    db,
    actor,
    id,
    'close',
    input.version,
    (now) => ({ closingNote: input.note ?? null, closedBy: actor.userId, closedAt: now }),
    async () => {},
  );
}

/** The personal calendar's escalation deadlines: what the PMO requires of one's projects, and by when; and what one asked for. */
export async function requiredByCalendarEntries(
  db: Queryable,
  userId: string,
  personId: string | null,
): Promise<CalendarEntry[]> {
  return (await repo.requiredByEntries(db, userId, personId)).map((e) => ({
    uid: `escalation-${e.id}@tollgate`,
    title: e.forManager
      ? `${e.code}: required by the PMO — ${e.requiredAction ?? 'report back on its guidance'}`
      : `${e.code}: the project owes the PMO — ${e.requiredAction ?? 'a report back on your guidance'}`,
    date: e.requiredBy,
    description: e.summary,
    link: `/escalations/${e.id}`,
  }));
}

defineCalendarSource('escalations.required', requiredByCalendarEntries);
