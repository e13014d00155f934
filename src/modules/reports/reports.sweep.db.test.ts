import { and, eq, sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { downForTwoDays } from '../../../test/support/downtime.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from '../../../test/support/database.ts';
import {
  greenReport,
  makeReportingProject,
  makeReportingType,
  setProjectState,
} from '../../../test/support/factories-reports.ts';
import { type Organisation, makeOrganisation, signInAs } from '../../../test/support/factories-standards.ts';
import { testApp, type TestApp } from '../../../test/support/http.ts';
import { startSmtpServer } from '../../../test/support/receivers.ts';
import { addDays, today } from '../../kernel/dates.ts';
import { openDatabase } from '../../kernel/db.ts';
import { enqueue, listJobs, runDueJobs, startJobRunner } from '../../kernel/jobs.ts';
import { notifications } from '../notify/notify.tables.ts';
import { addDays as plus } from '../../kernel/dates.ts';
import { dueState, periodOf } from './reports.cadence.ts';
import { SWEEP_TASK, dueReportEntries, sweepStatusReports } from './reports.sweep.ts';
import { projectStatus, statusReportNotices } from './reports.tables.ts';

let database: TestDatabase;
let app: TestApp;
let org: Organisation;
let typeId: string;
const as = signInAs(() => ({ app, org }));
const day = today();

beforeAll(async () => {
  database = await testDatabase();
  app = testApp(database);
  org = await makeOrganisation(database.db);
  // Weekly, 2 grace days, escalated 3 days after that.
  typeId = await makeReportingType(database.db, org);
});

afterAll(async () => {
  await database?.close();
});

async function noticesAbout(projectId: string) {
  const rows = await database.db
    .select({ kind: notifications.kind, userId: notifications.userId })
    .from(notifications)
    .where(and(eq(notifications.entityType, 'project'), eq(notifications.entityId, projectId)));
  return rows.map((r) => `${r.kind} ${r.userId}`).sort();
}

async function statusOf(projectId: string) {
  const [row] = await database.db.select().from(projectStatus).where(eq(projectStatus.projectId, projectId));
  return row!;
}

describe('the sweep of overdue reports', () => {
  it('reminds the project manager once, then alerts the PMO lead once, across sweeps and after downtime', async () => {
    const p = await makeReportingProject(database.db, org, {
      typeId,
      projectManagerId: org.users.pm1.personId!,
      goAheadDaysAgo: 3,
    });
    // The first period ends (is due) in 3 days: nothing yet.
    let result = await sweepStatusReports(database.db, { today: day });
    expect(result.created).toBeGreaterThanOrEqual(1);
    expect(await noticesAbout(p.id)).toEqual([]);
    expect((await statusOf(p.id)).dueState).toBe('upcoming');

    // Six days on (the day after the grace days): overdue, one reminder, however often it sweeps.
    for (let i = 0; i < 2; i++) result = await sweepStatusReports(database.db, { today: addDays(day, 6) });
    const reminded = [`status_report.overdue ${org.users.pm1.userId}`];
    expect(await noticesAbout(p.id)).toEqual(reminded);
    expect((await statusOf(p.id)).dueState).toBe('overdue');

    // Tollgate was down for two weeks: the sweep that comes back escalates once, and reminds no more.
    for (let i = 0; i < 2; i++) await sweepStatusReports(database.db, { today: addDays(day, 20) });
    expect(await noticesAbout(p.id)).toEqual([...reminded, `status_report.escalated ${org.users.lead.userId}`].sort());
    const status = await statusOf(p.id);
    expect(status.dueState).toBe('escalated');
    expect(status.escalatedAt).toBeInstanceOf(Date);
    const once = await database.db.select().from(statusReportNotices).where(eq(statusReportNotices.projectId, p.id));
    expect(once.map((n) => n.kind).sort()).toEqual(['status_report.escalated', 'status_report.overdue']);
    const history = await (await as('lead')).get(`/api/v1/audit/records/project/${p.id}`);
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['status_report.overdue_reminded', 'status_report.escalated']),
    );

    // A report for the owed period clears the escalation; the next period is owed.
    const pm = await as('pm1');
    const report = await pm.post(`/api/v1/projects/${p.id}/status-reports`, { ...greenReport(p.goAheadOn!), submit: true });
    expect(report.status, JSON.stringify(report.body)).toBe(201);
    const after = await statusOf(p.id);
    expect(after.escalatedAt).toBeNull();
    expect(after.owedPeriodStart).toBe(addDays(p.goAheadOn!, 7));
  });

  it('sends each reminder once when two sweeps run at the same time', async () => {
    const p = await makeReportingProject(database.db, org, {
      typeId,
      projectManagerId: org.users.pm2.personId!,
      goAheadDaysAgo: 30,
    });
    // A second connection pool on PostgreSQL: two workers; on PGlite, two sweeps interleaved on one.
    const second = database.url ? await openDatabase({ databaseUrl: database.url, poolSize: 4 }) : database;
    try {
      await Promise.all([sweepStatusReports(database.db), sweepStatusReports(second.db), sweepStatusReports(database.db)]);
    } finally {
      if (second !== database) await second.close();
    }
    expect(await noticesAbout(p.id)).toEqual(
      [`status_report.overdue ${org.users.pm2.userId}`, `status_report.escalated ${org.users.lead.userId}`].sort(),
    );
  });

  it('owes nothing for a project closed since, and reminds nobody about it', async () => {
    const p = await makeReportingProject(database.db, org, {
      typeId,
      projectManagerId: org.users.pm2.personId!,
      goAheadDaysAgo: 2,
    });
    await sweepStatusReports(database.db);
    expect((await statusOf(p.id)).nextDueOn).not.toBeNull();
    await setProjectState(database.db, p.id, 'closed');
    await sweepStatusReports(database.db, { today: addDays(day, 30) });
    const row = await statusOf(p.id);
    expect([row.owedPeriodStart, row.nextDueOn, row.dueState]).toEqual([null, null, null]);
    expect(await noticesAbout(p.id)).toEqual([]);
  });

  it('runs on the job queue as the task reports.sweep', async () => {
    const p = await makeReportingProject(database.db, org, {
      typeId,
      projectManagerId: org.users.pm1.personId!,
      goAheadDaysAgo: 40,
    });
    await enqueue(database.db, { task: SWEEP_TASK, payload: {} });
    if (database.kind === 'pglite') {
      expect(await runDueJobs(database)).toBeGreaterThanOrEqual(1);
    } else {
      // Two runners on PostgreSQL, each with its own pool, and two sweeps queued at once.
      await enqueue(database.db, { task: SWEEP_TASK, payload: {}, key: 'second-sweep' });
      const other = await openDatabase({ databaseUrl: database.url!, poolSize: 4 });
      const runners = [await startJobRunner(database, { pollMs: 50 }), await startJobRunner(other, { pollMs: 50 })];
      try {
        while ((await listJobs(database)).some((j) => j.task === SWEEP_TASK && j.attempts < j.maxAttempts)) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      } finally {
        for (const runner of runners) await runner.stop();
        await other.close();
      }
    }
    expect(await noticesAbout(p.id)).toEqual(
      [`status_report.overdue ${org.users.pm1.userId}`, `status_report.escalated ${org.users.lead.userId}`].sort(),
    );
  });
});

describe('after downtime, on the job queue', () => {
  it('e-mails the reminder and the escalation that fell due while no runner was up, once, when two instances come back', async () => {
    const smtp = await startSmtpServer();
    process.env.SMTP_URL = smtp.url;
    const other = database.kind === 'postgres' ? await openDatabase({ databaseUrl: database.url!, poolSize: 4 }) : database;
    try {
      // A runner saw the schedule; then Tollgate was down while the project's first report fell due and escalated.
      const seen = await startJobRunner(database, { pollMs: 50 });
      await seen.stop();
      const p = await makeReportingProject(database.db, org, {
        typeId,
        projectManagerId: org.users.pm1.personId!,
        goAheadDaysAgo: 40,
      });
      await downForTwoDays(database, SWEEP_TASK);
      const mailsAbout = () => smtp.received.filter((m) => m.subject.startsWith(`${p.code}:`));
      const runners = [await startJobRunner(database, { pollMs: 50 }), await startJobRunner(other, { pollMs: 50 })];
      try {
        for (let waited = 0; mailsAbout().length < 2 && waited < 90_000; waited += 100) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      } finally {
        for (const runner of runners) await runner.stop();
      }
      // Back again within the same quarter of an hour: nothing more goes out.
      const again = await startJobRunner(database, { pollMs: 50 });
      await again.stop();
      await runDueJobs(database);
      expect(
        mailsAbout()
          .map((m) => `${m.to.join(',')} ${/escalated/.test(m.subject) ? 'escalated' : 'overdue'}`)
          .sort(),
      ).toEqual([`${org.users.lead.email} escalated`, `${org.users.pm1.email} overdue`].sort());
      expect(await noticesAbout(p.id)).toEqual(
        [`status_report.overdue ${org.users.pm1.userId}`, `status_report.escalated ${org.users.lead.userId}`].sort(),
      );
    } finally {
      delete process.env.SMTP_URL;
      if (other !== database) await other.close();
      await smtp.close();
    }
  });
});

describe('the calendar feed', () => {
  it("lists the reports a project manager owes, from the owed one on, and nobody else's", async () => {
    const p = await makeReportingProject(database.db, org, {
      typeId,
      projectManagerId: org.users.pm2.personId!,
      goAheadDaysAgo: 10,
    });
    await (await as('pm2')).post(`/api/v1/projects/${p.id}/status-reports`, { ...greenReport(addDays(day, -3)), submit: true });
    const entries = (await dueReportEntries(database.db, org.users.pm2.userId, org.users.pm2.personId)).filter((e) =>
      e.uid.includes(p.id),
    );
    // The first period (10 to 4 days ago) is owed; the second was reported; the next ones follow weekly.
    expect(entries[0]).toMatchObject({ uid: `status-report-${p.id}-${p.goAheadOn}@tollgate`, date: addDays(day, -4) });
    expect(entries.map((e) => e.date)).not.toContain(addDays(day, 3));
    expect(entries[1]!.date).toBe(addDays(day, 10));
    expect(
      (await dueReportEntries(database.db, org.users.pm1.userId, org.users.pm1.personId)).some((e) => e.uid.includes(p.id)),
    ).toBe(false);

    // The same entries in the manager's feed at its secret URL, as a calendar program reads them.
    const feed = await (await as('pm2')).post('/api/v1/me/calendar-feed');
    expect(feed.status, JSON.stringify(feed.body)).toBe(201);
    const served = await app.request(new URL(feed.body.url).pathname);
    expect(served.status).toBe(200);
    const calendar = new ICAL.Component(ICAL.parse(await served.text()));
    const due = calendar
      .getAllSubcomponents('vevent')
      .map((v) => new ICAL.Event(v))
      .filter((e) => e.uid.includes(p.id));
    expect(due.map((e) => e.uid)).toEqual(entries.map((e) => e.uid));
    expect(due[0]!.startDate.isDate).toBe(true);
    expect(due[0]!.startDate.toString()).toBe(addDays(day, -4));
    expect(due[0]!.summary).toContain(p.code);
  });
});

describe('project_status', () => {
  /** The row worked out from scratch from the report versions, apart from the module's own code. */
  async function fromScratch(projectId: string, goAheadOn: string, on: string) {
    const rows = (
      (await database.db.execute(sql`
        SELECT r.id::text AS id, r.period_start::text AS period_start, r.as_of::text AS as_of, r.rag, r.computed_rag, r.evm,
               r.mismatches, r.percent_complete::float8 AS percent_complete, v.outcome::text AS outcome,
               v.reviewed_at AS reviewed_at, r.submitted_at AS submitted_at
          FROM status_reports r LEFT JOIN status_report_reviews v ON v.report_id = r.id
         WHERE r.project_id = ${projectId}::uuid AND r.submitted_at IS NOT NULL
         ORDER BY r.as_of DESC, r.submitted_at DESC`)) as unknown as {
        rows: {
          id: string;
          period_start: string;
          as_of: string;
          rag: Record<string, string>;
          computed_rag: { overall: string; dimensions: Record<string, { rag: string }> };
          evm: Record<string, number | null>;
          mismatches: { dimension: string }[];
          percent_complete: number;
          outcome: string | null;
          reviewed_at: Date | string | null;
        }[];
      }
    ).rows;
    const submitted = new Set(rows.map((r) => r.period_start.slice(0, 10)));
    let owed = periodOf({ cadence: 'weekly', from: goAheadOn, day: goAheadOn })!;
    while (submitted.has(owed.periodStart))
      owed = periodOf({ cadence: 'weekly', from: goAheadOn, day: plus(owed.periodEnd, 1) })!;
    const latest = rows[0]!;
    const accepted = rows
      .filter((r) => r.outcome === 'accepted')
      .sort((a, b) => String(new Date(b.reviewed_at!).toISOString()).localeCompare(new Date(a.reviewed_at!).toISOString()))[0];
    return {
      owedPeriodStart: owed.periodStart,
      nextDueOn: owed.dueOn,
      dueState: dueState({ dueOn: owed.dueOn, graceDays: 2, escalateAfterDays: 3, today: on, submitted: false }),
      lastReportId: latest.id,
      lastReportState: latest.outcome ?? 'submitted',
      lastAsOf: latest.as_of.slice(0, 10),
      lastAcceptedReportId: accepted?.id ?? null,
      reportedOverall: latest.rag.overall,
      reportedSchedule: latest.rag.schedule,
      reportedCost: latest.rag.cost,
      reportedScope: latest.rag.scope,
      computedOverall: latest.computed_rag.overall,
      computedSchedule: latest.computed_rag.dimensions.schedule?.rag,
      computedCost: latest.computed_rag.dimensions.cost?.rag,
      mismatch: latest.mismatches.length > 0,
      mismatchDimensions: latest.mismatches.map((m) => m.dimension),
      percentComplete: latest.percent_complete,
      spi: latest.evm.spi,
      cpi: latest.evm.cpi,
      eac: latest.evm.eac,
      pv: latest.evm.pv,
    };
  }

  function stored(row: typeof projectStatus.$inferSelect) {
    const n = (v: string | null) => (v === null ? null : Number(v));
    return {
      owedPeriodStart: row.owedPeriodStart,
      nextDueOn: row.nextDueOn,
      dueState: row.dueState,
      lastReportId: row.lastReportId,
      lastReportState: row.lastReportState,
      lastAsOf: row.lastAsOf,
      lastAcceptedReportId: row.lastAcceptedReportId,
      reportedOverall: row.reportedOverall,
      reportedSchedule: row.reportedSchedule,
      reportedCost: row.reportedCost,
      reportedScope: row.reportedScope,
      computedOverall: row.computedOverall,
      computedSchedule: row.computedSchedule,
      computedCost: row.computedCost,
      mismatch: row.mismatch,
      mismatchDimensions: row.mismatchDimensions,
      percentComplete: n(row.percentComplete),
      spi: n(row.spi),
      cpi: n(row.cpi),
      eac: n(row.eac),
      pv: n(row.pv),
    };
  }

  it('equals a from-scratch computation after every write of a sequence', async () => {
    const p = await makeReportingProject(database.db, org, {
      typeId,
      projectManagerId: org.users.pm1.personId!,
      goAheadDaysAgo: 21,
    });
    const pm = await as('pm1');
    const analyst = await as('analyst');
    const lead = await as('lead');
    const base = `/api/v1/projects/${p.id}/status-reports`;
    const check = async (label: string, on = day) => {
      expect(stored(await statusOf(p.id)), label).toEqual(await fromScratch(p.id, p.goAheadOn!, on));
    };

    const first = await pm.post(base, { ...greenReport(p.goAheadOn!), submit: true });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    await check('first period submitted');
    const watermelon = await pm.post(base, {
      ...greenReport(addDays(p.goAheadOn!, 8), { percentComplete: 5, actualCost: 30_000 }),
      submit: true,
    });
    expect(watermelon.status, JSON.stringify(watermelon.body)).toBe(201);
    await check('a watermelon in the second period');
    expect((await analyst.post(`${base}/${watermelon.body.id}/return`, { comment: 'The figures say red.' })).status).toBe(200);
    await check('returned');
    const revision = await pm.post(`${base}/${watermelon.body.id}/revise`);
    await pm.patch(`${base}/${revision.body.id}`, {
      version: revision.body.version,
      rag: { overall: 'red', schedule: 'red', cost: 'red', scope: 'green' },
      ragReasons: { overall: 'Behind and over', schedule: 'Late supplier', cost: 'Rates rose' },
    });
    await check('revision drafted (drafts do not count)');
    expect((await pm.post(`${base}/${revision.body.id}/submit`)).status).toBe(200);
    await check('revision submitted');
    expect((await lead.post(`${base}/${revision.body.id}/accept`)).status).toBe(200);
    await check('accepted');
    expect((await lead.post(`${base}/${first.body.id}/accept`)).status).toBe(200);
    await check('an older period accepted later');
    await sweepStatusReports(database.db, { today: addDays(day, 9) });
    await check('swept days later', addDays(day, 9));
  });
});
