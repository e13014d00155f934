import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../test/support/database.ts';
import { ApiClient, testApp } from '../../test/support/http.ts';
import {
  absences,
  allocations,
  initiationRequests,
  milestones,
  projectBaselines,
  projectStatus,
  projects,
  requestComments,
  requestRatings,
  statusReportNotices,
  statusReportReviews,
  statusReports,
} from '../kernel/schema.ts';
import { addDays } from '../kernel/dates.ts';
import { demoCalendar } from './demo-calendar.ts';
import { seedDemo } from './seed-demo.ts';

/**
 * The demo's dates follow the day it is seeded: a demo seeded on a day far from the one it was
 * written for still reads as a live portfolio, and its workflow happens in order.
 */

const SEED_DAY = '2031-02-17';
let database: TestDatabase;

beforeAll(async () => {
  database = await testDatabase();
  await seedDemo(database, { today: SEED_DAY });
});

afterAll(async () => {
  await database?.close();
});

const seedMoment = new Date(`${SEED_DAY}T23:59:59Z`);

describe('the demo seeded on another day', () => {
  it('has every request drafted, submitted, commented on, rated and decided in that order, before the seed day', async () => {
    const requests = await database.db.select().from(initiationRequests);
    expect(requests.length).toBeGreaterThanOrEqual(8);
    const comments = await database.db.select().from(requestComments);
    const ratings = await database.db.select().from(requestRatings);
    for (const r of requests) {
      expect(r.createdAt <= (r.submittedAt ?? r.createdAt), r.title).toBe(true);
      if (r.decidedAt) expect(r.submittedAt! <= r.decidedAt, r.title).toBe(true);
      expect(r.updatedAt >= r.createdAt, r.title).toBe(true);
      for (const at of [r.createdAt, r.submittedAt, r.decidedAt, r.updatedAt]) {
        if (at) expect(at <= seedMoment, r.title).toBe(true);
      }
      for (const c of comments.filter((x) => x.requestId === r.id)) {
        expect(c.createdAt >= (r.submittedAt ?? r.createdAt) && c.createdAt <= seedMoment, r.title).toBe(true);
      }
      for (const x of ratings.filter((y) => y.requestId === r.id)) {
        expect(x.ratedAt! >= r.submittedAt! && x.ratedAt! <= seedMoment, r.title).toBe(true);
      }
    }
    // The newest submission is days old, not years.
    const newest = Math.max(...requests.map((r) => r.submittedAt?.getTime() ?? 0));
    expect(seedMoment.getTime() - newest).toBeLessThan(30 * 86_400_000);
  });

  it('wants every open request to start after the seed day, and revisits deferred ones after it', async () => {
    const requests = await database.db.select().from(initiationRequests);
    for (const r of requests.filter((x) => ['draft', 'submitted', 'in_review', 'info_requested'].includes(x.state))) {
      expect(r.wantedStart! > SEED_DAY, r.title).toBe(true);
    }
    for (const r of requests.filter((x) => x.state === 'deferred')) expect(r.revisitOn! > SEED_DAY, r.title).toBe(true);
  });

  it('runs its projects and resource plan around the seed day, with one open project late', async () => {
    const rows = await database.db.select().from(projects);
    const open = rows.filter((p) => p.state === 'active' || p.state === 'on_hold');
    const late = open.filter((p) => p.plannedFinishDate! < SEED_DAY).map((p) => p.code);
    expect(late).toEqual(['REG-002']);
    expect(open.every((p) => p.startDate! < SEED_DAY)).toBe(true);
    const calendar = demoCalendar(SEED_DAY);
    const plan = await database.db.select().from(allocations);
    const months = plan.map((a) => a.startMonth.slice(0, 7)).sort();
    expect(months[0]! >= calendar.planMonth('2026-01')).toBe(true);
    expect(
      plan.some((a) => a.startMonth.slice(0, 7) <= SEED_DAY.slice(0, 7) && a.endMonth.slice(0, 7) >= SEED_DAY.slice(0, 7)),
    ).toBe(true);
    const leave = await database.db.select().from(absences);
    expect(leave.every((a) => a.startsOn.slice(0, 4) >= '2030')).toBe(true);
  });
});

describe('the demo reporting history seeded on another day', () => {
  it('reports, reviews, reminds and re-baselines up to the seed day, and its status rows are as of it', async () => {
    const open = (await database.db.select().from(projects)).filter((p) => p.state === 'active' || p.state === 'on_hold');
    const reports = await database.db.select().from(statusReports);
    const status = await database.db.select().from(projectStatus);
    for (const p of open) {
      const own = reports.filter((r) => r.projectId === p.id).sort((a, b) => (a.asOf < b.asOf ? -1 : 1));
      // Current: the latest report is at most two months old, whatever the seed day.
      expect(own[own.length - 1]!.asOf >= addDays(SEED_DAY, -62), p.code).toBe(true);
      expect(status.find((s) => s.projectId === p.id)?.dueStateOn, p.code).toBe(SEED_DAY);
    }
    for (const r of reports) expect(r.submittedAt! <= seedMoment && r.createdAt <= r.submittedAt!).toBe(true);
    for (const v of await database.db.select().from(statusReportReviews)) expect(v.reviewedAt <= seedMoment).toBe(true);
    for (const n of await database.db.select().from(statusReportNotices)) expect(n.sentAt <= seedMoment).toBe(true);
    for (const b of await database.db.select().from(projectBaselines)) expect(b.createdAt <= seedMoment).toBe(true);
    for (const m of await database.db.select().from(milestones)) if (m.achievedOn) expect(m.achievedOn < SEED_DAY).toBe(true);
    expect(status.some((s) => s.dueState === 'escalated' && s.escalatedAt)).toBe(true);
    expect(status.some((s) => s.mismatch && s.reportedOverall === 'green')).toBe(true);
    expect(status.some((s) => s.computedOverall === 'green' && s.reportedOverall === 'green' && !s.mismatch)).toBe(true);
  });
});

describe('the demo seeded today', () => {
  it('flags its one late project as past its planned finish, through the projects API', async () => {
    const demo = await testDatabase({ demo: true });
    try {
      const lead = await ApiClient.signIn(testApp(demo), 'pmo.lead@example.com');
      const list = await lead.get('/api/v1/projects?limit=1000');
      const late = (list.body.items as { code: string; pastPlannedFinish: boolean }[]).filter((p) => p.pastPlannedFinish);
      expect(late.map((p) => p.code)).toEqual(['REG-002']);
    } finally {
      await demo.close();
    }
  });
});
