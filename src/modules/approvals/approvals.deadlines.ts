/**
 * Step deadlines on the job queue ('approvals.deadlines', every 15 minutes): a step still open
 * the day after its deadline is reminded once to its approvers; one still open more than the
 * standard's escalation days after it is escalated once to the next level of the PMO's line,
 * whose people join the step's approvers. Each move is made in its own transaction under the
 * request's lock and only while it is still due, so a sweep after downtime, or two workers,
 * send nothing twice. Both show on the request (its actions and the step).
 */
import { sql } from 'drizzle-orm';
import { systemActor } from '../../kernel/actor.ts';
import { addDays, today as todayUtc } from '../../kernel/dates.ts';
import type { Db, Queryable } from '../../kernel/db.ts';
import { defineSchedule, defineTask } from '../../kernel/jobs.ts';
import { isoDay } from '../../kernel/rows.ts';
import { transact } from '../../kernel/usecase.ts';
import { recordAudit } from '../audit/index.ts';
import { activeUsersOfPeople } from '../auth/index.ts';
import { type CalendarEntry, defineCalendarSource } from '../notify/index.ts';
import { projectWithDefinition } from '../projects/index.ts';
import { lineOfPmo } from './approvals.line.ts';
import * as repo from './approvals.repo.ts';
import { APPROVER_LEVELS, LEVEL_NAMES, type StepLevel } from './approvals.routing.ts';
import { approvalRulesOf, keyOf, tellStepApprovers } from './approvals.service.ts';

export const DEADLINES_TASK = 'approvals.deadlines';
const sweeper = () => systemActor(DEADLINES_TASK);

export interface DeadlineSweep {
  reminded: number;
  escalated: number;
}

async function rowsOf<T>(db: Queryable, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** The level a late step goes up to: the next one on the line (a resource manager's: the PMO lead). */
function levelsAbove(level: string): (typeof APPROVER_LEVELS)[number][] {
  if (level === 'resource_manager') return [...APPROVER_LEVELS.slice(1)];
  const at = APPROVER_LEVELS.indexOf(level as (typeof APPROVER_LEVELS)[number]);
  return at < 0 ? [] : [...APPROVER_LEVELS.slice(at + 1)];
}

async function sweepStep(db: Db, stepId: string, today: string): Promise<{ reminded: boolean; escalated: boolean }> {
  return transact(db, async ({ tx }) => {
    const [candidate] = await rowsOf<{ request_id: string }>(
      tx,
      sql`SELECT request_id::text FROM approval_steps WHERE id = ${stepId}::uuid`,
    );
    if (!candidate) return { reminded: false, escalated: false };
    const request = await repo.lockRequest(tx, candidate.request_id);
    const [step] = (await repo.stepsOf(tx, [candidate.request_id])).filter((s) => s.id === stepId);
    if (!request || !step || request.state !== 'pending' || step.state !== 'active' || !step.dueOn || step.dueOn >= today) {
      return { reminded: false, escalated: false };
    }
    const joined = (await repo.findRequest(tx, request.id))!;
    const found = request.projectId ? await projectWithDefinition(tx, request.projectId) : undefined;
    const rules = approvalRulesOf(found?.definition ?? null);
    const project = { code: joined.projectCode, name: joined.projectName };
    const actor = sweeper();
    let reminded = false;
    let escalated = false;
    if (!step.remindedAt) {
      await repo.updateStep(tx, step.id, { remindedAt: new Date() });
      await repo.insertAction(tx, { requestId: request.id, stepId: step.id, action: 'remind', comment: `due ${step.dueOn}` });
      await tellStepApprovers(tx, request, project, step, 'approval.reminder');
      reminded = true;
    }
    if (!step.escalatedAt && today > addDays(step.dueOn, rules.escalateAfterDays)) {
      const line = await lineOfPmo(tx, request.pmoId);
      const managers = await activeUsersOfPeople(tx, [joined.projectManagerId]);
      const excluded = new Set([request.requestedBy, ...managers.map((m) => m.userId)]);
      const present = new Set((step.approvers as repo.StoredApprover[]).map((a) => a.userId));
      let target: { level: string; people: repo.StoredApprover[] } | null = null;
      for (const level of levelsAbove(step.level)) {
        const people = line[level].filter((p) => !excluded.has(p.userId) && !present.has(p.userId));
        if (people.length > 0) {
          target = { level, people: people.map(({ userId, personId, name }) => ({ userId, personId, name })) };
          break;
        }
      }
      const approvers = [...(step.approvers as repo.StoredApprover[]), ...(target?.people ?? [])];
      await repo.updateStep(tx, step.id, { escalatedAt: new Date(), escalatedTo: target?.level ?? null, approvers });
      const where = target
        ? `the ${LEVEL_NAMES[target.level as StepLevel]} (${target.people.map((p) => p.name).join(', ')})`
        : 'nobody above';
      await repo.insertAction(tx, {
        requestId: request.id,
        stepId: step.id,
        action: 'escalate',
        comment: `late since ${step.dueOn}: escalated to ${where}`,
      });
      await recordAudit(tx, actor, {
        entityType: 'approval_request',
        entityId: request.id,
        action: 'approval.step_escalated',
        before: { step: step.position, approvers: [...present] },
        after: {
          projectId: request.projectId,
          step: step.position,
          escalatedTo: target?.level ?? null,
          approvers: approvers.map((a) => a.userId),
        },
        reason: `step ${step.position} of ${keyOf(request.number)} was due ${step.dueOn}`,
      });
      if (target) await tellStepApprovers(tx, request, project, { ...step, approvers: target.people }, 'approval.escalated');
      escalated = true;
    }
    return { reminded, escalated };
  });
}

/** Reminds and escalates the late steps; what it did. */
export async function sweepApprovalDeadlines(db: Db, today = todayUtc()): Promise<DeadlineSweep> {
  const late = await rowsOf<{ id: string }>(
    db,
    sql`SELECT s.id::text FROM approval_steps s JOIN approval_requests r ON r.id = s.request_id
         WHERE s.state = 'active' AND r.state = 'pending' AND s.due_on < ${today}::date
           AND (s.reminded_at IS NULL OR s.escalated_at IS NULL)
         ORDER BY s.due_on, s.id`,
  );
  const result: DeadlineSweep = { reminded: 0, escalated: 0 };
  for (const { id } of late) {
    const moved = await sweepStep(db, id, today);
    if (moved.reminded) result.reminded++;
    if (moved.escalated) result.escalated++;
  }
  return result;
}

/** The personal calendar's approval deadlines: the open steps one may decide (or stands in for), on their due day. */
export async function approvalDeadlineEntries(db: Queryable, userId: string): Promise<CalendarEntry[]> {
  const acting = [userId, ...(await repo.delegatorsOf(db, userId, todayUtc()))];
  const rows = await rowsOf<{ id: string; number: number; title: string; code: string; due_on: string; level: string }>(
    db,
    sql`SELECT r.id::text, r.number, r.title, p.code, s.due_on::text AS due_on, s.level
          FROM approval_steps s
          JOIN approval_requests r ON r.id = s.request_id AND r.state = 'pending' AND r.current_step = s.position
          JOIN projects p ON p.id = r.project_id
         WHERE s.state = 'active' AND s.due_on IS NOT NULL AND r.requested_by <> ${userId}::uuid
           AND (${sql.join(
             acting.map((u) => sql`s.approvers @> ${JSON.stringify([{ userId: u }])}::jsonb`),
             sql` OR `,
           )})
         ORDER BY s.due_on`,
  );
  return rows.map((r) => ({
    uid: `approval-${r.id}-${r.due_on}@tollgate`,
    title: `${r.code} ${keyOf(r.number)}: your decision is due — ${r.title}`,
    date: isoDay(r.due_on)!,
    description: `As ${LEVEL_NAMES[r.level as StepLevel] ?? r.level}`,
    link: `/approvals/${r.id}`,
  }));
}

/** Every 15 minutes: a late step is reminded at most a quarter of an hour late. */
defineTask(DEADLINES_TASK, async (_payload, { db }) => {
  await sweepApprovalDeadlines(db);
});
defineSchedule(DEADLINES_TASK, { everyMinutes: 15, task: DEADLINES_TASK });
defineCalendarSource('approvals.deadlines', (db, userId) => approvalDeadlineEntries(db, userId));
