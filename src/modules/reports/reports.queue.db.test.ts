import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../../test/support/database.ts';
import {
  greenReport,
  makeReportingProject,
  makeReportingType,
  setProjectState,
} from '../../../test/support/factories-reports.ts';
import { type Organisation, addProjectMember, makeOrganisation, signInAs } from '../../../test/support/factories-standards.ts';
import { type ApiClient, type ApiReply, type TestApp, testApp } from '../../../test/support/http.ts';
import { addDays, today } from '../../kernel/dates.ts';
import { sweepStatusReports } from './reports.sweep.ts';

/**
 * The lists across projects: GET /reporting/due (what the caller owes, from project_status) and
 * GET /status-reports (versions for the PMO's review), each showing only what the caller could
 * open one by one.
 */

let database: TestDatabase;
let app: TestApp;
let org: Organisation;
let typeId: string;
const as = signInAs(() => ({ app, org }));
const day = today();

interface DueItem {
  project: { id: string; code: string };
  periodStart: string;
  periodEnd: string;
  dueOn: string;
  dueState: string;
  daysLate: number;
  draft: { id: string; revision: number } | null;
  returned: { id: string; periodStart: string; revision: number; revisionDraftId: string | null } | null;
}

interface ReviewItem {
  id: string;
  state: string;
  project: { id: string; code: string };
  mismatch: boolean | null;
  mayReview: boolean;
  submittedAt: string | null;
}

/** Every item of a list, following its next links. */
async function all<T>(client: ApiClient, path: string): Promise<T[]> {
  const items: T[] = [];
  let next: string | null = path;
  while (next) {
    const reply: ApiReply = await client.get(next);
    expect(reply.status, `${next} ${JSON.stringify(reply.body)}`).toBe(200);
    items.push(...reply.body.items);
    next = reply.body.next;
  }
  return items;
}

const byProject = <T extends { project: { id: string } }>(items: T[], ids: string[]) =>
  items.filter((i) => ids.includes(i.project.id));

beforeAll(async () => {
  database = await testDatabase();
  app = testApp(database);
  org = await makeOrganisation(database.db);
  typeId = await makeReportingType(database.db, org);
});

afterAll(async () => {
  await database?.close();
});

describe('GET /reporting/due', () => {
  it('lists the reports each caller owes on the projects they report on, latest first, with drafts and returns', async () => {
    const pm1 = org.users.pm1.personId!;
    // Weekly, 2 grace days, 3 to escalation: 20 days ago is escalated, 3 days ago still running.
    const late = await makeReportingProject(database.db, org, { typeId, projectManagerId: pm1, goAheadDaysAgo: 20 });
    const fresh = await makeReportingProject(database.db, org, { typeId, projectManagerId: pm1, goAheadDaysAgo: 3 });
    const other = await makeReportingProject(database.db, org, {
      typeId,
      projectManagerId: org.users.pm2.personId!,
      goAheadDaysAgo: 8,
    });
    const closed = await makeReportingProject(database.db, org, { typeId, projectManagerId: pm1, goAheadDaysAgo: 20 });
    const ids = [late.id, fresh.id, other.id, closed.id];
    // pm2 co-manages the fresh project.
    await addProjectMember(database.db, fresh.id, org.users.pm2.personId!, 'project_manager');
    await sweepStatusReports(database.db);
    await setProjectState(database.db, closed.id, 'closed');

    const pm = await as('pm1');
    const mine = byProject(await all<DueItem>(pm, '/api/v1/reporting/due'), ids);
    expect(mine.map((i) => [i.project.id, i.periodStart, i.dueOn, i.dueState, i.daysLate])).toEqual([
      [late.id, late.goAheadOn, addDays(late.goAheadOn!, 6), 'escalated', 14],
      [fresh.id, fresh.goAheadOn, addDays(fresh.goAheadOn!, 6), 'upcoming', 0],
    ]);
    expect(mine[0]).toMatchObject({ periodEnd: addDays(late.goAheadOn!, 6), draft: null, returned: null });

    const escalated = byProject(await all<DueItem>(pm, '/api/v1/reporting/due?dueState=due,overdue,escalated'), ids);
    expect(escalated.map((i) => i.project.id)).toEqual([late.id]);

    const pm2 = byProject(await all<DueItem>(await as('pm2'), '/api/v1/reporting/due'), ids);
    expect(pm2.map((i) => [i.project.id, i.dueState])).toEqual([
      [other.id, 'due'],
      [fresh.id, 'upcoming'],
    ]);

    // The PMO's staff report on every project their PMO governs, unless they ask for their own.
    for (const who of ['lead', 'analyst'] as const) {
      const client = await as(who);
      expect(byProject(await all<DueItem>(client, '/api/v1/reporting/due'), ids).map((i) => i.project.id)).toEqual([
        late.id,
        other.id,
        fresh.id,
      ]);
      expect(byProject(await all<DueItem>(client, '/api/v1/reporting/due?managed=true'), ids)).toEqual([]);
    }
    expect(byProject(await all<DueItem>(await as('financeLead'), '/api/v1/reporting/due'), ids)).toEqual([]);
    expect((await (await as('viewer')).get('/api/v1/reporting/due')).status).toBe(403);
    expect((await (await as('sponsor')).get('/api/v1/reporting/due')).status).toBe(403);

    // A draft of the owed period is there to continue; a returned report to revise.
    const draft = await pm.post(`/api/v1/projects/${late.id}/status-reports`, { asOf: late.goAheadOn });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    let item = byProject(await all<DueItem>(pm, '/api/v1/reporting/due'), [late.id])[0]!;
    expect(item.draft).toEqual({ id: draft.body.id, revision: 1 });
    const submitted = await pm.patch(`/api/v1/projects/${late.id}/status-reports/${draft.body.id}`, {
      version: draft.body.version,
      ...greenReport(late.goAheadOn!),
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect((await pm.post(`/api/v1/projects/${late.id}/status-reports/${draft.body.id}/submit`)).status).toBe(200);
    const analyst = await as('analyst');
    const returned = await analyst.post(`/api/v1/projects/${late.id}/status-reports/${draft.body.id}/return`, {
      comment: 'Add the supplier delay.',
    });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    item = byProject(await all<DueItem>(pm, '/api/v1/reporting/due'), [late.id])[0]!;
    // The next period is owed now (due 13 days after the go-ahead, 7 days late: escalated).
    expect(item).toMatchObject({
      periodStart: addDays(late.goAheadOn!, 7),
      dueOn: addDays(late.goAheadOn!, 13),
      dueState: 'escalated',
      draft: null,
      returned: { id: draft.body.id, periodStart: late.goAheadOn, revision: 1, revisionDraftId: null },
    });
    const revision = await pm.post(`/api/v1/projects/${late.id}/status-reports/${draft.body.id}/revise`);
    expect(revision.status).toBe(201);
    item = byProject(await all<DueItem>(pm, '/api/v1/reporting/due'), [late.id])[0]!;
    expect(item.returned?.revisionDraftId).toBe(revision.body.id);

    // Every project listed is one the caller may open.
    for (const client of [pm, analyst, await as('pm2')]) {
      for (const i of await all<DueItem>(client, '/api/v1/reporting/due')) {
        expect((await client.get(`/api/v1/projects/${i.project.id}/reporting`)).body.mayReport, i.project.code).toBe(true);
      }
    }
  });

  it('pages like every list and exports the same rows', async () => {
    const pm1 = org.users.pm1.personId!;
    await makeReportingProject(database.db, org, { typeId, projectManagerId: pm1, goAheadDaysAgo: 10 });
    await makeReportingProject(database.db, org, { typeId, projectManagerId: pm1, goAheadDaysAgo: 11 });
    await sweepStatusReports(database.db);
    const pm = await as('pm1');
    const first = await pm.get('/api/v1/reporting/due?limit=1');
    expect(first.status).toBe(200);
    expect(first.body.total).toBeGreaterThanOrEqual(2);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.next).toContain('offset=1');
    const everything = await all<DueItem>(pm, '/api/v1/reporting/due?limit=1');
    expect(everything).toHaveLength(first.body.total);
    const csv = await pm.get('/api/v1/reporting/due?format=csv');
    expect(csv.status).toBe(200);
    const lines = String(csv.body).trim().split(/\r?\n/);
    expect(lines[0]).toContain('Project code');
    expect(lines).toHaveLength(first.body.total + 1);
    for (const i of everything) expect(String(csv.body)).toContain(i.project.code);
    expect((await pm.get('/api/v1/reporting/due?dueState=late')).status).toBe(422);
  });
});

describe('GET /status-reports', () => {
  it('lists the versions each caller may see, newest first; submitted ones await review, never one of the reviewer’s own projects', async () => {
    const pm1 = org.users.pm1.personId!;
    const pm = await as('pm1');
    const make = () =>
      makeReportingProject(database.db, org, { typeId, projectManagerId: pm1, sponsorId: org.users.sponsor.personId });
    const [green, watermelon, drafted, ownOfAnalyst] = [await make(), await make(), await make(), await make()];
    const ids = [green.id, watermelon.id, drafted.id, ownOfAnalyst.id];
    await addProjectMember(database.db, ownOfAnalyst.id, org.users.analyst.personId!, 'team_member');
    const submit = async (projectId: string, extra: Record<string, unknown> = {}) => {
      const reply = await pm.post(`/api/v1/projects/${projectId}/status-reports`, { ...greenReport(day, extra), submit: true });
      expect(reply.status, JSON.stringify(reply.body)).toBe(201);
      return reply.body.id as string;
    };
    const greenId = await submit(green.id);
    const watermelonId = await submit(watermelon.id, { percentComplete: 10, actualCost: 40_000 });
    const ownId = await submit(ownOfAnalyst.id);
    const draft = await pm.post(`/api/v1/projects/${drafted.id}/status-reports`, { asOf: day });
    expect(draft.status).toBe(201);

    const analyst = await as('analyst');
    const submitted = byProject(await all<ReviewItem>(analyst, '/api/v1/status-reports?state=submitted'), ids);
    expect(submitted.map((r) => [r.id, r.state, r.mayReview])).toEqual([
      [ownId, 'submitted', false],
      [watermelonId, 'submitted', true],
      [greenId, 'submitted', true],
    ]);
    const times = submitted.map((r) => r.submittedAt!);
    expect([...times].sort().reverse()).toEqual(times);
    const reviewable = byProject(await all<ReviewItem>(analyst, '/api/v1/status-reports?state=submitted&reviewable=true'), ids);
    expect(reviewable.map((r) => r.id)).toEqual([watermelonId, greenId]);
    const mismatched = byProject(await all<ReviewItem>(analyst, '/api/v1/status-reports?mismatch=true'), ids);
    expect(mismatched.map((r) => r.id)).toEqual([watermelonId]);
    const found = await all<ReviewItem>(analyst, `/api/v1/status-reports?q=${encodeURIComponent(green.code)}`);
    expect(found.map((r) => r.id)).toEqual([greenId]);

    // The drafts: their reporters only. The project manager reviews nothing.
    const pmAll = byProject(await all<ReviewItem>(pm, '/api/v1/status-reports'), ids);
    expect(pmAll.map((r) => r.id).sort()).toEqual([greenId, watermelonId, ownId, draft.body.id].sort());
    expect(pmAll.every((r) => !r.mayReview)).toBe(true);
    const sponsor = byProject(await all<ReviewItem>(await as('sponsor'), '/api/v1/status-reports'), ids);
    expect(sponsor.map((r) => r.id).sort()).toEqual([greenId, watermelonId, ownId].sort());
    expect(byProject(await all<ReviewItem>(await as('financeLead'), '/api/v1/status-reports'), ids)).toEqual([]);
    expect(await all<ReviewItem>(await as('viewer'), '/api/v1/status-reports')).toEqual([]);

    // What a list shows, its GET shows, with the same allowed review.
    for (const who of ['analyst', 'pm1', 'sponsor', 'lead'] as const) {
      const client = await as(who);
      for (const r of byProject(await all<ReviewItem>(client, '/api/v1/status-reports'), ids)) {
        const one = await client.get(`/api/v1/projects/${r.project.id}/status-reports/${r.id}`);
        expect(one.status, `${who} ${r.id}`).toBe(200);
        expect(one.body.allowedActions.includes('accept'), `${who} ${r.id}`).toBe(r.mayReview);
      }
    }

    // Reviewed: no longer waiting.
    expect((await analyst.post(`/api/v1/projects/${green.id}/status-reports/${greenId}/accept`, {})).status).toBe(200);
    const waiting = byProject(await all<ReviewItem>(analyst, '/api/v1/status-reports?state=submitted'), ids);
    expect(waiting.map((r) => r.id)).toEqual([ownId, watermelonId]);
    const accepted = byProject(await all<ReviewItem>(analyst, '/api/v1/status-reports?state=accepted'), ids);
    expect(accepted.map((r) => [r.id, r.mayReview])).toEqual([[greenId, false]]);

    const csv = await analyst.get(`/api/v1/status-reports?state=submitted&q=${encodeURIComponent(watermelon.code)}&format=csv`);
    expect(csv.status).toBe(200);
    const lines = String(csv.body).trim().split(/\r?\n/);
    expect(lines[0]).toContain('Computed overall');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(watermelon.code);
    expect(lines[1]).toContain('red');
  });

  it('refuses filters it does not know, naming them', async () => {
    const lead = await as('lead');
    expect((await lead.get('/api/v1/status-reports?state=late')).status).toBe(422);
    expect((await lead.get('/api/v1/status-reports?reviewable=false')).status).toBe(422);
    expect((await lead.get('/api/v1/status-reports?colour=red')).status).toBe(422);
  });
});
