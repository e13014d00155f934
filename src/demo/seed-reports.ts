/**
 * Demo reporting history: for every open project (active or on hold) its cost baselines, key
 * milestones and a status report for each period since its go-ahead, reviewed by its PMO, with the
 * reminders and escalation the sweep would have sent for what it owes, and finally its
 * project_status row, worked out by the reports module as a submission leaves it. Planned by
 * report-history.ts; written here in batches, with the audit events the use cases record, in the
 * seed's transaction.
 */
import { eq, inArray } from 'drizzle-orm';
import type { Actor } from '../kernel/actor.ts';
import type { Tx } from '../kernel/db.ts';
import {
  milestoneForecasts,
  milestones,
  notifications,
  projectBaselines,
  projectStatus,
  projects,
  standardVersions,
  statusReportNotices,
  statusReportReviews,
  statusReports,
} from '../kernel/schema.ts';
import { type AuditInput, recordAuditBatch } from '../modules/audit/index.ts';
import { refreshProjectStatusInTx, summaryView } from '../modules/reports/index.ts';
import type { StandardDefinition } from '../modules/standards/index.ts';
import type { DemoCalendar } from './demo-calendar.ts';
import { PEOPLE, PMOS } from './demo-data.ts';
import { OVERDUE_CANDIDATES, REPORTING } from './demo-reports.ts';
import { type PlannedHistory, type PlannedReport, planHistory } from './report-history.ts';
import { owedIntentions } from './report-owed.ts';
import { seededRandom } from './seed-random.ts';

type ProjectRow = typeof projects.$inferSelect;

export interface ReportsSeedIds {
  /** The demo's projects as inserted. */
  projects: ProjectRow[];
  users: { id: string; email: string; displayName: string; personId: string | null }[];
  /** PMO code → id. */
  pmoIds: ReadonlyMap<string, string>;
  calendar: DemoCalendar;
}

/** Rows per INSERT: well under the 65,535 bind parameters of one statement. */
const CHUNK = 200;

async function insertChunked<T extends { id: string }>(
  rows: unknown[],
  insert: (chunk: unknown[]) => Promise<T[]>,
): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(...(await insert(rows.slice(i, i + CHUNK))));
  return out;
}

const codeSeed = (code: string) => [...code].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16_777_619) >>> 0, 2_166_136_261);

/** Seeds the reporting history of the demo's open projects; see the file comment. */
export async function seedReports(tx: Tx, ids: ReportsSeedIds, actor: Actor): Promise<void> {
  const { calendar } = ids;
  const userOfPerson = new Map(ids.users.filter((u) => u.personId).map((u) => [u.personId!, u.id]));
  const userOfEmail = new Map(ids.users.map((u) => [u.email, u.id]));
  const userOfKey = (key: string) => userOfEmail.get(PEOPLE.find((p) => p.key === key)!.email)!;
  const reviewers = new Map(
    PMOS.map((p) => [ids.pmoIds.get(p.code)!, { lead: userOfKey(p.lead), analyst: userOfKey(p.analysts[0]!) }]),
  );
  const open = ids.projects.filter((p) => (p.state === 'active' || p.state === 'on_hold') && p.goAheadAt);
  const versionRows = await tx
    .select({ id: standardVersions.id, definition: standardVersions.definition })
    .from(standardVersions)
    .where(inArray(standardVersions.id, [...new Set(open.map((p) => p.standardVersionId))]));
  const definitionOf = new Map(versionRows.map((v) => [v.id, v.definition as StandardDefinition]));

  const subjects = open.map((project) => {
    const scenario = REPORTING.find((r) => r.code === project.code);
    if (!scenario) throw new Error(`demo data: no reporting history for ${project.code}`);
    const definition = definitionOf.get(project.standardVersionId)!;
    return { project, scenario, definition, goAheadDay: project.goAheadAt!.toISOString().slice(0, 10) };
  });
  const owed = owedIntentions(
    subjects.map((s) => ({
      code: s.project.code,
      scenario: s.scenario,
      reporting: s.definition.reporting,
      goAheadDay: s.goAheadDay,
    })),
    OVERDUE_CANDIDATES,
    calendar.seedDay,
  );
  const plans = subjects.map((s) => ({
    ...s,
    history: planHistory({
      scenario: s.scenario,
      project: {
        goAheadAt: s.project.goAheadAt!,
        startDate: s.project.startDate!,
        plannedFinish: s.project.plannedFinishDate!,
        budget: Number(s.project.budget),
      },
      reporting: s.definition.reporting,
      tolerances: s.definition.tolerances,
      owed: owed.get(s.project.code) ?? null,
      calendar,
      random: seededRandom(codeSeed(s.project.code)),
    }),
  }));

  const names = new Map(ids.users.map((u) => [u.id, u.displayName]));
  const audits: AuditInput[] = [];
  const audit = (input: AuditInput) => {
    audits.push(input);
  };
  for (const plan of plans) await writeHistory(tx, actor, plan.project, plan.history, { userOfPerson, reviewers, names }, audit);

  for (const plan of plans) {
    // The project_status row as the use cases leave it, then the escalation mark the sweep sets.
    await refreshProjectStatusInTx(tx, { project: plan.project, definition: plan.definition }, calendar.seedDay);
    const escalation = plan.history.notices.find((n) => n.kind === 'status_report.escalated');
    if (escalation) {
      await tx.update(projectStatus).set({ escalatedAt: escalation.sentAt }).where(eq(projectStatus.projectId, plan.project.id));
    }
  }
  // Every event of the history in a few statements; each record's events in the order they happened.
  await recordAuditBatch(tx, actor, audits);
}

interface People {
  userOfPerson: ReadonlyMap<string, string>;
  reviewers: ReadonlyMap<string, { lead: string; analyst: string }>;
  names: ReadonlyMap<string, string>;
}

type ReportRow = typeof statusReports.$inferSelect;

/** What a project manager edits in a draft. */
const EDITED = [
  'percentComplete',
  'actualCost',
  'rag',
  'ragReasons',
  'forecastFinish',
  'accomplishments',
  'nextSteps',
  'helpNeeded',
] as const satisfies readonly (keyof ReportRow)[];

const pick = <T extends object, K extends keyof T>(from: T, keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, from[k]])) as Pick<T, K>;

/** Appends, for the one batch of audit events at the end. */
type Audit = (input: AuditInput) => void;

async function writeHistory(tx: Tx, actor: Actor, project: ProjectRow, history: PlannedHistory, people: People, audit: Audit) {
  const projectId = project.id;
  const manager = people.userOfPerson.get(project.projectManagerId!)!;
  const reviewer = people.reviewers.get(project.pmoId)!;

  const baselineRows = await tx
    .insert(projectBaselines)
    .values(
      history.baselines.map((b) => ({
        projectId,
        number: b.number,
        bac: b.bac.toFixed(2),
        curve: b.curve,
        reason: b.reason,
        setBy: actor.email,
        createdAt: b.createdAt,
      })),
    )
    .returning();
  // As setting a baseline records it: the version before and the one set.
  let before: unknown = null;
  for (const row of baselineRows) {
    const view = {
      projectId,
      number: row.number,
      bac: Number(row.bac),
      curve: row.curve,
      reason: row.reason,
      setBy: row.setBy,
      createdAt: row.createdAt.toISOString(),
    };
    audit({
      entityType: 'project',
      entityId: projectId,
      action: 'project.baseline_set',
      before,
      after: view,
      reason: row.reason,
    });
    before = view;
  }
  const current = baselineRows[baselineRows.length - 1]!;
  if (current.bac !== project.budget) {
    // As setting a baseline does: the project's budget is its BAC.
    await tx.update(projects).set({ budget: current.bac }).where(eq(projects.id, projectId));
  }

  const milestoneCreated = new Date(project.goAheadAt!.getTime() + 86_400_000);
  const milestoneRows = await tx
    .insert(milestones)
    .values(
      history.milestones.map((m) => ({
        projectId,
        name: m.name,
        baselineDate: m.baselineDate,
        gateKey: m.gateKey,
        deliverableKey: m.deliverableKey,
        achievedOn: m.achievedOn,
        version: m.achievedOn ? 2 : 1,
        createdAt: milestoneCreated,
        updatedAt: m.achievedOn ? new Date(`${m.achievedOn}T16:00:00Z`) : milestoneCreated,
      })),
    )
    .returning();
  // As the milestone use cases record them: created, then updated when achieved.
  for (const row of milestoneRows) {
    const record = {
      projectId,
      name: row.name,
      baselineDate: row.baselineDate,
      gateKey: row.gateKey,
      deliverableKey: row.deliverableKey,
      achievedOn: null,
    };
    audit({ entityType: 'milestone', entityId: row.id, action: 'milestone.created', after: record });
    if (row.achievedOn) {
      audit({
        entityType: 'milestone',
        entityId: row.id,
        action: 'milestone.updated',
        before: record,
        after: { ...record, achievedOn: row.achievedOn },
      });
    }
  }

  const reportRows: ReportRow[] = await insertChunked(
    history.reports.map((r) => ({
      projectId,
      periodStart: r.periodStart,
      periodEnd: r.periodEnd,
      dueOn: r.dueOn,
      revision: r.revision,
      asOf: r.asOf,
      percentComplete: r.percentComplete.toFixed(2),
      actualCost: r.actualCost.toFixed(2),
      rag: r.rag,
      ragReasons: r.ragReasons,
      forecastFinish: r.forecastFinish,
      accomplishments: r.accomplishments,
      nextSteps: r.nextSteps,
      helpNeeded: r.helpNeeded,
      baselineId: baselineRows[r.baseline]!.id,
      evm: r.evm,
      computedRag: r.computedRag,
      mismatches: r.mismatches,
      mismatch: r.mismatches.length > 0,
      submittedAt: r.submittedAt,
      submittedBy: manager,
      createdBy: manager,
      // As the use cases leave it: created and submitted at once; a revision also edited in between.
      version: r.revision > 1 ? 3 : 2,
      createdAt: r.createdAt,
      updatedAt: r.submittedAt,
    })),
    (chunk) =>
      tx
        .insert(statusReports)
        .values(chunk as (typeof statusReports.$inferInsert)[])
        .returning(),
  );
  const forecastRows = history.reports.flatMap((r, i) =>
    r.forecasts.map((f) => ({
      reportId: reportRows[i]!.id,
      milestoneId: milestoneRows[f.milestone]!.id,
      forecastDate: f.forecastDate,
    })),
  );
  for (let i = 0; i < forecastRows.length; i += CHUNK) {
    await tx.insert(milestoneForecasts).values(forecastRows.slice(i, i + CHUNK));
  }
  const reviewRows = history.reports.flatMap((r, i) =>
    r.review
      ? [
          {
            reportId: reportRows[i]!.id,
            outcome: r.review.outcome,
            comment: r.review.comment,
            reviewedBy: r.review.by === 'lead' ? reviewer.lead : reviewer.analyst,
            reviewedAt: r.review.at,
          },
        ]
      : [],
  );
  if (reviewRows.length) await tx.insert(statusReportReviews).values(reviewRows);

  const baselineRef = (id: string) => {
    const b = baselineRows.find((x) => x.id === id)!;
    return { id: b.id, number: b.number, createdAt: b.createdAt.toISOString() };
  };
  /** The version as the report use cases record it: their view without the caller's actions and the period's versions. */
  const record = (row: ReportRow, r: PlannedReport) => ({
    ...summaryView(row, null, people.names as Map<string, string>),
    ragReasons: row.ragReasons,
    accomplishments: row.accomplishments,
    nextSteps: row.nextSteps,
    helpNeeded: row.helpNeeded,
    milestoneForecasts: r.forecasts
      .map((f) => {
        const m = milestoneRows[f.milestone]!;
        return { milestoneId: m.id, name: m.name, baselineDate: m.baselineDate, forecastDate: f.forecastDate };
      })
      .sort((a, b) =>
        a.baselineDate === b.baselineDate ? a.name.localeCompare(b.name) : a.baselineDate < b.baselineDate ? -1 : 1,
      ),
    baseline: row.baselineId ? baselineRef(row.baselineId) : null,
  });
  // The draft as created (or revised) and autosaved: nothing computed yet.
  const draftOf = (row: ReportRow): ReportRow => ({
    ...row,
    submittedAt: null,
    submittedBy: null,
    baselineId: null,
    evm: null,
    computedRag: null,
    mismatches: null,
    mismatch: null,
    version: 1,
    updatedAt: row.createdAt,
  });

  for (const [i, r] of history.reports.entries()) {
    const row = reportRows[i]!;
    if (r.revision > 1) {
      // Revised: a draft with the returned version's content, then edited where the return asked.
      const returned = reportRows[i - 1]!;
      const copy = draftOf({ ...row, ...pick(returned, EDITED) });
      audit({
        entityType: 'status_report',
        entityId: row.id,
        action: 'status_report.revised',
        before: { revisionOf: returned.id, projectId },
        after: record(copy, history.reports[i - 1]!),
      });
      const changed = EDITED.filter((k) => JSON.stringify(copy[k]) !== JSON.stringify(row[k]));
      const shown = (version: ReportRow) => pick(record(version, r), changed);
      audit({
        entityType: 'status_report',
        entityId: row.id,
        action: 'status_report.updated',
        before: { ...shown(copy), projectId },
        after: { ...shown(draftOf(row)), projectId },
      });
    } else {
      audit({ entityType: 'status_report', entityId: row.id, action: 'status_report.created', after: record(draftOf(row), r) });
    }
    audit({
      entityType: 'status_report',
      entityId: row.id,
      action: 'status_report.submitted',
      before: { state: 'draft', projectId },
      after: record(row, r),
    });
    const review = reviewRows.find((v) => v.reportId === row.id);
    if (review) {
      audit({
        entityType: 'status_report',
        entityId: row.id,
        action: review.outcome === 'accepted' ? 'status_report.accepted' : 'status_report.returned',
        before: { state: 'submitted', projectId },
        after: { state: review.outcome, projectId, comment: review.comment },
        reason: review.comment,
      });
    }
  }

  if (history.notices.length === 0) return;
  await tx
    .insert(statusReportNotices)
    .values(history.notices.map((n) => ({ projectId, periodStart: n.periodStart, kind: n.kind, sentAt: n.sentAt })));
  for (const notice of history.notices) {
    const { period } = notice;
    const span = `${period.periodStart} to ${period.periodEnd}`;
    const overdue = notice.kind === 'status_report.overdue';
    // The sweep's notices, word for word: the manager is reminded, the PMO's lead alerted.
    const recipients = overdue ? [manager] : [reviewer.lead];
    await tx.insert(notifications).values(
      recipients.map((userId) => ({
        userId,
        kind: notice.kind,
        title: overdue
          ? `${project.code}: the status report for ${span} is overdue (due ${period.dueOn})`
          : `${project.code}: the status report for ${span} is overdue and escalated to the PMO (due ${period.dueOn})`,
        body: `${project.code} · ${project.name}`,
        link: `/projects/${projectId}`,
        entityType: 'project',
        entityId: projectId,
        createdAt: notice.sentAt,
      })),
    );
    audit({
      entityType: 'project',
      entityId: projectId,
      action: overdue ? 'status_report.overdue_reminded' : 'status_report.escalated',
      after: {
        periodStart: period.periodStart,
        periodEnd: period.periodEnd,
        dueOn: period.dueOn,
        notified: recipients.length,
        on: notice.sentAt.toISOString().slice(0, 10),
      },
    });
  }
}
