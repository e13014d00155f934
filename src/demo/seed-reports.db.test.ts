import { asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../test/support/database.ts';
import { ApiClient, testApp } from '../../test/support/http.ts';
import { addDays, addMonths, daysBetween, today as todayUtc } from '../kernel/dates.ts';
import {
  auditEvents,
  milestoneForecasts,
  milestones,
  notifications,
  people,
  pmoMembers,
  pmos,
  projectBaselines,
  projectMembers,
  projectStatus,
  projects,
  standardVersions,
  statusReportNotices,
  statusReportReviews,
  statusReports,
  users,
} from '../kernel/schema.ts';
import type { CurvePoint } from '../modules/projects/index.ts';
import {
  computeProjectStatus,
  computeRag,
  earnedValue,
  findMismatches,
  periodOf,
  reportPeriods,
  sweepStatusReports,
} from '../modules/reports/index.ts';
import type { StandardDefinition } from '../modules/standards/index.ts';
import { verifyAuditTrail } from '../modules/audit/index.ts';
import { OVERDUE_CANDIDATES } from './demo-reports.ts';
import { canBeOverdue } from './report-owed.ts';

/**
 * The demo's reporting history as the first start finds it (the demo template: seedDemo on
 * today's date): baselines, milestones and reports on every open project's cadence, figures equal
 * to what the reports module computes, reviews by the PMO only, and project_status rows showing
 * on-track, watermelon, overdue and escalated projects.
 */

let database: TestDatabase;
const today = todayUtc();
const db = () => database.db;

beforeAll(async () => {
  database = await testDatabase({ demo: true });
});

afterAll(async () => {
  await database?.close();
});

async function openProjects() {
  const rows = await db()
    .select({ project: projects, definition: standardVersions.definition, status: projectStatus })
    .from(projects)
    .innerJoin(standardVersions, eq(standardVersions.id, projects.standardVersionId))
    .leftJoin(projectStatus, eq(projectStatus.projectId, projects.id))
    .where(inArray(projects.state, ['active', 'on_hold']))
    .orderBy(asc(projects.code));
  return rows.map((r) => ({ ...r, definition: r.definition as StandardDefinition }));
}

const reportsOf = (projectId: string) =>
  db()
    .select({ report: statusReports, review: statusReportReviews })
    .from(statusReports)
    .leftJoin(statusReportReviews, eq(statusReportReviews.reportId, statusReports.id))
    .where(eq(statusReports.projectId, projectId))
    .orderBy(asc(statusReports.periodStart), asc(statusReports.revision));

const dayOf = (at: Date) => at.toISOString().slice(0, 10);

describe('the demo reporting history', () => {
  it('gives every open project a baseline, 3–6 milestones and 6–12 months of reports, one for each period since its go-ahead but those it owes', async () => {
    const open = await openProjects();
    expect(open.length).toBeGreaterThanOrEqual(15);
    for (const { project, definition, status } of open) {
      const where = project.code;
      const baselines = await db().select().from(projectBaselines).where(eq(projectBaselines.projectId, project.id));
      expect(baselines.length, where).toBeGreaterThanOrEqual(1);
      expect(baselines.find((b) => b.number === 1)!.createdAt.getTime(), where).toBe(project.goAheadAt!.getTime());
      const current = baselines.sort((a, b) => b.number - a.number)[0]!;
      expect(current.bac, where).toBe(project.budget);
      const own = await db().select().from(milestones).where(eq(milestones.projectId, project.id));
      expect(own.length, where).toBeGreaterThanOrEqual(3);
      expect(own.length, where).toBeLessThanOrEqual(6);

      // Every ended period before the one owed has a submitted report; nothing from it on.
      const goAheadDay = dayOf(project.goAheadAt!);
      const { cadence, graceDays } = definition.reporting;
      const periods = reportPeriods({ cadence, from: goAheadDay, until: today }).filter((p) => p.dueOn < today);
      const rows = await reportsOf(project.id);
      const submitted = [...new Set(rows.map((r) => r.report.periodStart))];
      const owedAt = periods.findIndex((p) => p.periodStart === status!.owedPeriodStart);
      expect(submitted, where).toEqual(periods.slice(0, owedAt < 0 ? periods.length : owedAt).map((p) => p.periodStart));
      for (const { report } of rows) {
        const period = periods.find((p) => p.periodStart === report.periodStart)!;
        expect([report.periodEnd, report.dueOn], where).toEqual([period.periodEnd, period.dueOn]);
        expect(report.asOf >= report.periodStart && report.asOf <= report.periodEnd, where).toBe(true);
        expect(dayOf(report.submittedAt!) >= report.asOf && report.submittedAt! < new Date(), where).toBe(true);
        if (report.revision === 1)
          expect(daysBetween(report.dueOn, dayOf(report.submittedAt!)), where).toBeLessThanOrEqual(graceDays);
      }
      // From the go-ahead, 6 to 12 months of history on the standard's cadence.
      expect(rows[0]!.report.periodStart, where).toBe(goAheadDay);
      const end = addDays(rows[rows.length - 1]!.report.periodEnd, 1);
      expect(addMonths(goAheadDay, 6) <= end, `${where}: ${goAheadDay} to ${end}`).toBe(true);
      expect(end <= addMonths(goAheadDay, 12), `${where}: ${goAheadDay} to ${end}`).toBe(true);
      const periodsReported = submitted.length;
      const perMonth = cadence === 'monthly' ? 1 : cadence === 'fortnightly' ? 2 : 4;
      expect(periodsReported, where).toBeGreaterThanOrEqual(6 * perMonth);
      expect(periodsReported, where).toBeLessThanOrEqual(13 * perMonth + 1);
    }
    // Key milestones achieved, and open ones forecast late against their baseline.
    const all = await db().select().from(milestones);
    expect(all.filter((m) => m.achievedOn).length).toBeGreaterThanOrEqual(20);
    expect(all.filter((m) => m.achievedOn && m.achievedOn > m.baselineDate).length).toBeGreaterThanOrEqual(10);
    const latest = (await db().select().from(projectStatus)).map((p) => p.lastReportId);
    const forecasts = await db()
      .select()
      .from(milestoneForecasts)
      .where(inArray(milestoneForecasts.reportId, latest as string[]));
    const slipping = forecasts.filter((f) => {
      const m = all.find((x) => x.id === f.milestoneId)!;
      return !m.achievedOn && f.forecastDate > m.baselineDate;
    });
    expect(new Set(slipping.map((f) => f.reportId)).size).toBeGreaterThanOrEqual(5);
    // One project was re-baselined: its reports use the version in force at their date.
    const twice = await db()
      .select({ projectId: projectBaselines.projectId })
      .from(projectBaselines)
      .where(eq(projectBaselines.number, 2));
    expect(twice.length).toBeGreaterThanOrEqual(1);
    const used = new Set((await reportsOf(twice[0]!.projectId)).map((r) => r.report.baselineId));
    expect(used.size).toBe(2);
  });

  it('stores the earned value, computed RAG and mismatches that the reports module computes, against the baseline in force', async () => {
    for (const { project, definition } of await openProjects()) {
      const baselines = await db()
        .select()
        .from(projectBaselines)
        .where(eq(projectBaselines.projectId, project.id))
        .orderBy(asc(projectBaselines.number));
      const own = await db().select().from(milestones).where(eq(milestones.projectId, project.id));
      let previous = { percent: 0, cost: 0, period: '' };
      for (const { report } of await reportsOf(project.id)) {
        const where = `${project.code} ${report.periodStart} r${report.revision}`;
        const endOfAsOf = new Date(`${addDays(report.asOf, 1)}T00:00:00Z`);
        const inForce = baselines.filter((b) => b.createdAt < endOfAsOf).pop() ?? baselines[0]!;
        expect(report.baselineId, where).toBe(inForce.id);
        const evm = earnedValue({
          bac: Number(inForce.bac),
          curve: inForce.curve as CurvePoint[],
          asOf: report.asOf,
          percentComplete: Number(report.percentComplete),
          actualCost: Number(report.actualCost),
        });
        expect(report.evm, where).toEqual(evm);
        const computed = computeRag({
          evm,
          budget: Number(inForce.bac),
          plannedFinish: project.plannedFinishDate,
          forecastFinish: report.forecastFinish,
          tolerances: definition.tolerances,
          dimensions: definition.reporting.ragDimensions,
        });
        expect(report.computedRag, where).toEqual(computed);
        const mismatches = findMismatches(report.rag as Parameters<typeof findMismatches>[0], computed);
        expect(report.mismatches, where).toEqual(mismatches);
        expect(report.mismatch, where).toBe(mismatches.length > 0);
        // Complete as a submission must be: every RAG key, a reason for each non-green, every open milestone forecast.
        const rag = report.rag as Record<string, string>;
        expect(Object.keys(rag).sort(), where).toEqual(['overall', ...definition.reporting.ragDimensions].sort());
        for (const [key, value] of Object.entries(rag)) {
          if (value !== 'green') expect((report.ragReasons as Record<string, string>)[key], where).toBeTruthy();
        }
        const forecast = new Set(
          (await db().select().from(milestoneForecasts).where(eq(milestoneForecasts.reportId, report.id))).map(
            (f) => f.milestoneId,
          ),
        );
        for (const m of own)
          if (!m.achievedOn || m.achievedOn > report.asOf) expect(forecast.has(m.id), `${where} ${m.name}`).toBe(true);
        if (report.periodStart !== previous.period) {
          expect(Number(report.percentComplete), where).toBeGreaterThanOrEqual(previous.percent);
          expect(Number(report.actualCost), where).toBeGreaterThanOrEqual(previous.cost);
        }
        previous = { percent: Number(report.percentComplete), cost: Number(report.actualCost), period: report.periodStart };
      }
    }
  });

  it('has every review by a lead or analyst of a governing PMO who is not on the project; returns revised or awaiting revision', async () => {
    const pmoRows = await db().select().from(pmos);
    const governing = (pmoId: string): string[] => {
      const parent = pmoRows.find((p) => p.id === pmoId)?.parentPmoId;
      return [pmoId, ...(parent ? governing(parent) : [])];
    };
    const staff = await db().select().from(pmoMembers);
    const userPerson = new Map((await db().select().from(users)).map((u) => [u.id, u.personId]));
    let reviewed = 0;
    let versions = 0;
    let awaiting = 0;
    for (const { project } of await openProjects()) {
      const team = (await db().select().from(projectMembers).where(eq(projectMembers.projectId, project.id))).map(
        (m) => m.personId,
      );
      const rows = await reportsOf(project.id);
      versions += rows.length;
      if (rows.length && !rows[rows.length - 1]!.review) awaiting++;
      for (const { report, review } of rows) {
        expect(userPerson.get(report.submittedBy!), project.code).toBe(project.projectManagerId);
        if (!review) continue;
        reviewed++;
        const person = userPerson.get(review.reviewedBy)!;
        const where = `${project.code} ${report.periodStart}`;
        expect(
          staff.some((s) => s.personId === person && governing(project.pmoId).includes(s.pmoId)),
          where,
        ).toBe(true);
        expect([project.projectManagerId, project.sponsorId, ...team], where).not.toContain(person);
        expect(review.reviewedAt > report.submittedAt! && review.reviewedAt < new Date(), where).toBe(true);
      }
    }
    expect(reviewed / versions).toBeGreaterThan(0.7);
    expect(awaiting).toBeGreaterThanOrEqual(2);
    // Returned: twice revised and accepted, once still waiting for its revision.
    const returned = await db().select().from(statusReportReviews).where(eq(statusReportReviews.outcome, 'returned'));
    let revised = 0;
    let pending = 0;
    for (const review of returned) {
      expect(review.comment).toBeTruthy();
      const [first] = await db().select().from(statusReports).where(eq(statusReports.id, review.reportId));
      const revisions = (await reportsOf(first!.projectId)).filter((r) => r.report.periodStart === first!.periodStart);
      if (revisions.length === 1) {
        pending++;
        const [status] = await db().select().from(projectStatus).where(eq(projectStatus.projectId, first!.projectId));
        expect([status!.lastReportId, status!.lastReportState]).toEqual([first!.id, 'returned']);
        continue;
      }
      revised++;
      expect(revisions.map((r) => [r.report.revision, r.review?.outcome])).toEqual([
        [1, 'returned'],
        [2, 'accepted'],
      ]);
      expect(revisions[1]!.report.submittedAt! > review.reviewedAt).toBe(true);
    }
    expect([revised, pending]).toEqual([2, 1]);
  });

  it('keeps each project_status row as the reports module works it out, with on-track, watermelon, overdue and escalated projects', async () => {
    const open = await openProjects();
    for (const { project, definition, status } of open) {
      const { escalatedAt: _e, updatedAt: _u, ...expected } = (await computeProjectStatus(db(), { project, definition }, today))!;
      const { escalatedAt: _e2, updatedAt: _u2, ...stored } = status!;
      expect(stored, project.code).toEqual(expected);
    }
    const statuses = open.map((o) => ({ code: o.project.code, state: o.project.state, ...o.status! }));
    const onTrack = statuses.filter(
      (s) =>
        s.computedOverall === 'green' &&
        s.reportedOverall === 'green' &&
        !s.mismatch &&
        s.dueState !== 'overdue' &&
        s.dueState !== 'escalated',
    );
    expect(onTrack.length).toBeGreaterThanOrEqual(3);
    const watermelons = statuses.filter((s) => s.mismatch && s.reportedOverall === 'green' && s.computedOverall !== 'green');
    expect(watermelons.length).toBeGreaterThanOrEqual(2);
    const escalated = statuses.filter((s) => s.state === 'active' && s.dueState === 'escalated');
    expect(escalated.length).toBeGreaterThanOrEqual(1);
    for (const s of escalated) expect(s.escalatedAt, s.code).toBeInstanceOf(Date);
    // Overdue, not yet escalated, whenever the calendar lets a candidate be (on a few days a month it cannot).
    const feasible = open.some(
      (o) =>
        OVERDUE_CANDIDATES.includes(o.project.code) && canBeOverdue(o.definition.reporting, dayOf(o.project.goAheadAt!), today),
    );
    const overdue = statuses.filter((s) => s.dueState === 'overdue');
    if (feasible) expect(overdue.length).toBeGreaterThanOrEqual(1);
    // The reminder (and escalation) rows and inbox notices the sweep would have written.
    for (const s of [...overdue, ...escalated]) {
      const notices = await db().select().from(statusReportNotices).where(eq(statusReportNotices.projectId, s.projectId));
      const kinds = notices.filter((n) => n.periodStart === s.owedPeriodStart).map((n) => n.kind);
      expect(kinds.sort(), s.code).toEqual(
        s.dueState === 'escalated' ? ['status_report.escalated', 'status_report.overdue'] : ['status_report.overdue'],
      );
      const inbox = await db().select().from(notifications).where(eq(notifications.entityId, s.projectId));
      expect(inbox.map((n) => n.kind).sort(), s.code).toEqual(kinds.sort());
    }
  });

  it('records the audit events the use cases record, in their order and shape, and the trail verifies', async () => {
    const events = await db()
      .select()
      .from(auditEvents)
      .where(inArray(auditEvents.entityType, ['status_report', 'milestone', 'project']))
      .orderBy(asc(auditEvents.chainKey), asc(auditEvents.chainSeq));
    const of = (id: string) => events.filter((e) => e.entityId === id);
    const actions = (id: string) => of(id).map((e) => e.action);
    const lead = await ApiClient.signIn(testApp(database), 'pmo.lead@example.com');
    for (const { project } of await openProjects()) {
      const baselines = await db().select().from(projectBaselines).where(eq(projectBaselines.projectId, project.id));
      expect(actions(project.id).filter((a) => a === 'project.baseline_set').length, project.code).toBe(baselines.length);
      for (const m of await db().select().from(milestones).where(eq(milestones.projectId, project.id))) {
        expect(actions(m.id), m.name).toEqual(m.achievedOn ? ['milestone.created', 'milestone.updated'] : ['milestone.created']);
      }
      for (const { report, review } of await reportsOf(project.id)) {
        const where = `${project.code} ${report.periodStart} r${report.revision}`;
        const opened = report.revision === 1 ? ['status_report.created'] : ['status_report.revised', 'status_report.updated'];
        const reviewed = review ? [`status_report.${review.outcome}`] : [];
        expect(actions(report.id), where).toEqual([...opened, 'status_report.submitted', ...reviewed]);
      }
      // The submission's record is the version as the API shows it, as it stood when submitted.
      const own = await reportsOf(project.id);
      for (const { report } of [own[0]!, own[own.length - 1]!]) {
        const {
          allowedActions: _a,
          versions: _v,
          ...shown
        } = (await lead.get(`/api/v1/projects/${project.id}/status-reports/${report.id}`)).body;
        const submitted = of(report.id).find((e) => e.action === 'status_report.submitted')!;
        expect(submitted.after, `${project.code} ${report.periodStart}`).toEqual({ ...shown, state: 'submitted', review: null });
      }
    }
    expect(await verifyAuditTrail(db())).toMatchObject({ ok: true, firstBrokenEventId: null });
  });

  it('leaves the sweep nothing to send or change on the seed day', async () => {
    expect(await sweepStatusReports(db(), { today })).toEqual({ created: 0, dueStatesChanged: 0, reminded: 0, escalated: 0 });
  });

  it('gives pm@example.com a red project whose current period is open: a green report on it is flagged', async () => {
    const [pm] = await db().select().from(people).where(eq(people.email, 'pm@example.com'));
    const own = (await openProjects()).filter((o) => o.project.projectManagerId === pm!.id && o.project.state === 'active');
    const open = [];
    for (const o of own) {
      const current = periodOf({ cadence: o.definition.reporting.cadence, from: dayOf(o.project.goAheadAt!), day: today })!;
      const rows = (await reportsOf(o.project.id)).filter((r) => r.report.periodStart === current.periodStart);
      if (rows.length === 0 && o.status!.computedOverall === 'red') open.push({ ...o, current });
    }
    expect(open.length).toBeGreaterThanOrEqual(1);
    expect(own.some((o) => o.status!.mismatch && o.status!.reportedOverall === 'green')).toBe(true);
    const { project, status, current } = open[0]!;
    const client = await ApiClient.signIn(testApp(database), 'pm@example.com');
    const reporting = await client.get(`/api/v1/projects/${project.id}/reporting`);
    expect(reporting.status).toBe(200);
    const milestonesOpen = (await client.get(`/api/v1/projects/${project.id}/milestones?limit=100`)).body.items.filter(
      (m: { achievedOn: string | null }) => !m.achievedOn,
    );
    // A little more work done at the pace the project has kept, reported green throughout.
    const percent = Number(status!.percentComplete) + 1;
    const submitted = await client.post(`/api/v1/projects/${project.id}/status-reports`, {
      asOf: today,
      percentComplete: percent,
      actualCost: Math.round((Number(status!.ac) * percent) / Number(status!.percentComplete)),
      rag: Object.fromEntries(['overall', ...(reporting.body.ragDimensions as string[])].map((d) => [d, 'green'])),
      forecastFinish: project.plannedFinishDate,
      accomplishments: 'Ordering flow demonstrated to the sponsor.',
      nextSteps: 'Start the invoice history stories.',
      milestoneForecasts: milestonesOpen.map((m: { id: string; latestForecast: string | null; baselineDate: string }) => ({
        milestoneId: m.id,
        forecastDate: m.latestForecast ?? m.baselineDate,
      })),
      submit: true,
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    expect(submitted.body).toMatchObject({ state: 'submitted', periodStart: current.periodStart, mismatch: true });
    expect(submitted.body.computedRag.overall).toBe('red');
    expect(submitted.body.mismatches.length).toBeGreaterThanOrEqual(1);
  });
});
