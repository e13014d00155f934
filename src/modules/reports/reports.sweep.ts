import { activeUsersOfPeople } from '../auth/index.ts';
import { and, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { systemActor } from '../../kernel/actor.ts';
import { addDays, today as todayUtc } from '../../kernel/dates.ts';
import type { Db, Queryable } from '../../kernel/db.ts';
import { transact } from '../../kernel/usecase.ts';
import { recordAudit } from '../audit/index.ts';
import { type CalendarEntry, notify } from '../notify/index.ts';
import { projectMembers, projects } from '../projects/projects.tables.ts';
import { dueMilestones, periodOf } from './reports.cadence.ts';
import * as repo from './reports.repo.ts';
import { projectStatus, statusReportNotices } from './reports.tables.ts';
import { computeProjectStatus, goAheadDay, projectDueState, refreshProjectStatusInTx } from './reports.status.ts';

/**
 * The reminders and escalations of overdue reports, run by the job queue every 15 minutes
 * ('reports.sweep'). For each active project whose owed report is past its grace days, the
 * project manager is reminded once per period ('status_report.overdue'); past the escalation
 * days the PMO's leads are alerted once per period ('status_report.escalated') and the project is
 * marked escalated. "Once" is a row per project, period and kind inserted in the notice's own
 * transaction, so a sweep after downtime, or a second worker, sends nothing twice.
 */

export const SWEEP_TASK = 'reports.sweep';
const OVERDUE = 'status_report.overdue';
const ESCALATED = 'status_report.escalated';

export interface SweepResult {
  /** Status rows written for projects that had none (go-ahead, no report yet). */
  created: number;
  /** Rows whose due state moved (upcoming → due → overdue → escalated). */
  dueStatesChanged: number;
  reminded: number;
  escalated: number;
}

interface SweepRow {
  projectId: string;
  code: string;
  name: string;
  state: string;
  pmoId: string;
  projectManagerId: string | null;
  owedPeriodStart: string | null;
  nextDueOn: string | null;
  graceDays: number;
  escalateAfterDays: number;
  dueState: string | null;
  reminded: string | null;
  alerted: string | null;
}

const sweeper = () => systemActor('reports.sweep');

/** Status rows for the open projects with a go-ahead that have none yet. */
async function createMissingRows(db: Db, today: string): Promise<number> {
  const missing = await db
    .select({ id: projects.id })
    .from(projects)
    .leftJoin(projectStatus, eq(projectStatus.projectId, projects.id))
    .where(and(isNotNull(projects.goAheadAt), isNull(projectStatus.projectId), inArray(projects.state, ['active', 'on_hold'])));
  for (const { id } of missing) {
    await transact(db, async ({ tx }) => {
      const rp = await repo.lockProject(tx, id);
      if (rp && !(await repo.findProjectStatus(tx, id))) await refreshProjectStatusInTx(tx, rp, today);
    });
  }
  return missing.length;
}

/** Rows of projects closed or terminated since their last write: nothing is owed any more. */
async function clearClosedRows(db: Db, today: string): Promise<number> {
  const closed = await db
    .select({ id: projects.id })
    .from(projectStatus)
    .innerJoin(projects, eq(projects.id, projectStatus.projectId))
    .where(and(inArray(projects.state, ['closed', 'terminated']), isNotNull(projectStatus.nextDueOn)));
  for (const { id } of closed) {
    await transact(db, async ({ tx }) => {
      const rp = await repo.lockProject(tx, id);
      if (rp) await refreshProjectStatusInTx(tx, rp, today);
    });
  }
  return closed.length;
}

async function sweepRows(db: Queryable): Promise<SweepRow[]> {
  const reminded = sql`(SELECT ${statusReportNotices.kind} FROM ${statusReportNotices} WHERE ${statusReportNotices.projectId} = ${projectStatus.projectId} AND ${statusReportNotices.periodStart} = ${projectStatus.owedPeriodStart} AND ${statusReportNotices.kind} = ${OVERDUE})`;
  const alerted = sql`(SELECT ${statusReportNotices.kind} FROM ${statusReportNotices} WHERE ${statusReportNotices.projectId} = ${projectStatus.projectId} AND ${statusReportNotices.periodStart} = ${projectStatus.owedPeriodStart} AND ${statusReportNotices.kind} = ${ESCALATED})`;
  return db
    .select({
      projectId: projectStatus.projectId,
      code: projects.code,
      name: projects.name,
      state: projects.state,
      pmoId: projects.pmoId,
      projectManagerId: projects.projectManagerId,
      owedPeriodStart: projectStatus.owedPeriodStart,
      nextDueOn: projectStatus.nextDueOn,
      graceDays: projectStatus.graceDays,
      escalateAfterDays: projectStatus.escalateAfterDays,
      dueState: projectStatus.dueState,
      reminded: sql<string | null>`${reminded}`,
      alerted: sql<string | null>`${alerted}`,
    })
    .from(projectStatus)
    .innerJoin(projects, eq(projects.id, projectStatus.projectId))
    .where(and(inArray(projects.state, ['active', 'on_hold']), isNotNull(projectStatus.nextDueOn)));
}

/** Writes the due states that moved; a row whose owed period changed meanwhile (a submission) is left alone. */
async function writeDueStates(db: Db, moved: { projectId: string; nextDueOn: string; state: string }[], today: string) {
  for (let i = 0; i < moved.length; i += 500) {
    const chunk = moved.slice(i, i + 500);
    const values = sql.join(
      chunk.map((m) => sql`(${m.projectId}::uuid, ${m.nextDueOn}::date, ${m.state}::text)`),
      sql`, `,
    );
    await db.execute(sql`UPDATE ${projectStatus} SET due_state = v.state, due_state_on = ${today}::date, updated_at = now()
      FROM (VALUES ${values}) AS v(project_id, next_due_on, state)
      WHERE ${projectStatus.projectId} = v.project_id AND ${projectStatus.nextDueOn} = v.next_due_on`);
  }
}

async function managerUserIds(db: Queryable, row: SweepRow): Promise<string[]> {
  const managers = await db
    .select({ personId: projectMembers.personId })
    .from(projectMembers)
    .where(and(eq(projectMembers.projectId, row.projectId), eq(projectMembers.role, 'project_manager')));
  return (await activeUsersOfPeople(db, [row.projectManagerId, ...managers.map((m) => m.personId)])).map((u) => u.userId);
}

/**
 * One notice of one kind about the owed period, in one transaction with its once-row and audit
 * event; nothing when the row exists (sent before, or by another worker just now) or the period
 * was submitted meanwhile.
 */
async function sendOnce(db: Db, row: SweepRow, kind: typeof OVERDUE | typeof ESCALATED, today: string): Promise<boolean> {
  return transact(db, async ({ tx }) => {
    const rp = await repo.lockProject(tx, row.projectId);
    const current = await repo.findProjectStatus(tx, row.projectId);
    if (rp?.project.state !== 'active') return false;
    if (current?.owedPeriodStart !== row.owedPeriodStart) return false;
    if (!(await repo.claimNotice(tx, row.projectId, row.owedPeriodStart!, kind))) return false;
    const period = periodOf({
      cadence: rp.definition.reporting.cadence,
      from: goAheadDay(rp.project)!,
      day: row.owedPeriodStart!,
    })!;
    const span = `${period.periodStart} to ${period.periodEnd}`;
    const userIds = kind === OVERDUE ? await managerUserIds(tx, row) : await repo.pmoLeadUserIds(tx, row.pmoId);
    await notify(tx, {
      userIds,
      kind,
      title:
        kind === OVERDUE
          ? `${row.code}: the status report for ${span} is overdue (due ${period.dueOn})`
          : `${row.code}: the status report for ${span} is overdue and escalated to the PMO (due ${period.dueOn})`,
      body: `${row.code} · ${row.name}`,
      link: `/projects/${row.projectId}`,
      entityType: 'project',
      entityId: row.projectId,
    });
    if (kind === ESCALATED) {
      await tx
        .update(projectStatus)
        .set({ escalatedAt: new Date(), updatedAt: new Date() })
        .where(eq(projectStatus.projectId, row.projectId));
    }
    await recordAudit(tx, sweeper(), {
      entityType: 'project',
      entityId: row.projectId,
      action: kind === OVERDUE ? 'status_report.overdue_reminded' : 'status_report.escalated',
      after: {
        periodStart: period.periodStart,
        periodEnd: period.periodEnd,
        dueOn: period.dueOn,
        notified: userIds.length,
        on: today,
      },
    });
    return true;
  });
}

/**
 * One sweep: status rows for new projects, due states refreshed, and each reminder and escalation
 * that fell due sent once. Safe to run at once on several workers and after any downtime.
 * @example await sweepStatusReports(db, { today: '2026-04-12' })
 */
export async function sweepStatusReports(db: Db, options: { today?: string } = {}): Promise<SweepResult> {
  const today = options.today ?? todayUtc();
  const created = await createMissingRows(db, today);
  const moved: { projectId: string; nextDueOn: string; state: string }[] = [];
  const cleared = await clearClosedRows(db, today);
  const rows = await sweepRows(db);
  let reminded = 0;
  let escalated = 0;
  for (const row of rows) {
    const state = projectDueState(row, today);
    if (state && state !== row.dueState) moved.push({ projectId: row.projectId, nextDueOn: row.nextDueOn!, state });
  }
  await writeDueStates(db, moved, today);
  for (const row of rows) {
    if (row.state !== 'active') continue;
    const state = projectDueState(row, today);
    if (state !== 'overdue' && state !== 'escalated') continue;
    if (!row.reminded && (await sendOnce(db, row, OVERDUE, today))) reminded++;
    if (state === 'escalated' && !row.alerted && (await sendOnce(db, row, ESCALATED, today))) escalated++;
  }
  return { created, dueStatesChanged: moved.length + cleared, reminded, escalated };
}

/** How far ahead the calendar feed lists the reports a project manager will owe. */
const CALENDAR_DAYS_AHEAD = 120;

/**
 * The personal calendar's due reports: for each open project the person manages, the report owed
 * now (overdue ones too) and those falling due in the next months.
 */
export async function dueReportEntries(db: Db, _userId: string, personId: string | null): Promise<CalendarEntry[]> {
  if (!personId) return [];
  const managed = await db
    .selectDistinct({ id: projects.id })
    .from(projects)
    .leftJoin(projectMembers, and(eq(projectMembers.projectId, projects.id), eq(projectMembers.role, 'project_manager')))
    .where(
      and(
        inArray(projects.state, ['active', 'on_hold']),
        isNotNull(projects.goAheadAt),
        sql`(${projects.projectManagerId} = ${personId}::uuid OR ${projectMembers.personId} = ${personId}::uuid)`,
      ),
    );
  const today = todayUtc();
  const until = addDays(today, CALENDAR_DAYS_AHEAD);
  const entries: CalendarEntry[] = [];
  for (const { id } of managed) {
    const rp = await repo.findProject(db, id);
    if (!rp) continue;
    const status = (await repo.findProjectStatus(db, id)) ?? (await computeProjectStatus(db, rp, today));
    if (!status?.owedPeriodStart) continue;
    const { cadence, graceDays } = rp.definition.reporting;
    const from = goAheadDay(rp.project)!;
    const submitted = await repo.submittedPeriodStarts(db, id);
    let period = periodOf({ cadence, from, day: status.owedPeriodStart });
    for (; period && period.dueOn <= until; period = periodOf({ cadence, from, day: addDays(period.periodEnd, 1) })) {
      if (submitted.has(period.periodStart)) continue;
      const { overdueFrom } = dueMilestones({ dueOn: period.dueOn, graceDays, escalateAfterDays: 0 });
      entries.push({
        uid: `status-report-${id}-${period.periodStart}@tollgate`,
        title: `Status report due: ${rp.project.code} ${rp.project.name}`,
        date: period.dueOn,
        description: `The status report for ${period.periodStart} to ${period.periodEnd}; overdue from ${overdueFrom}.`,
        link: `/projects/${id}`,
      });
    }
  }
  return entries;
}
