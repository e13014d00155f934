import { and, eq, sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { makeReportingProject, makeReportingType } from '../../../test/support/factories-reports.ts';
import { type Organisation, issueFields, makeOrganisation, signInAs } from '../../../test/support/factories-standards.ts';
import { type ApiClient, testApp, type TestApp } from '../../../test/support/http.ts';
import { notifications } from '../notify/notify.tables.ts';

/**
 * The PMO's escalation queue: a risk at or above the matrix's escalation score (15 on the 5×5),
 * one escalated by its response, and a critical issue land in the queue of the PMO governing the
 * project, once each, its staff told; the PMO guides, the project manager acknowledges and reports
 * back, the PMO closes; each party only its own moves, each move from its state only.
 */

let database: TestDatabase;
let app: TestApp;
let org: Organisation;
let typeId: string;
const as = signInAs(() => ({ app, org }));

beforeAll(async () => {
  database = await testDatabase();
  app = testApp(database);
  org = await makeOrganisation(database.db);
  typeId = await makeReportingType(database.db, org);
});

afterAll(async () => {
  await database?.close();
});

const risk = (probability: number, impact: number, response = 'mitigate') => ({
  title: `A risk of ${probability} × ${impact}`,
  category: 'delivery',
  probability,
  impact,
  response,
});

/** The caller's personal calendar feed, as a calendar program reads it (ical.js). */
async function feedEvents(client: ApiClient) {
  // A new secret address each time (the old one stops working): the test reads the feed afresh.
  const created = await client.post('/api/v1/me/calendar-feed');
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const served = await app.request(new URL(created.body.url).pathname);
  expect(served.status).toBe(200);
  return new ICAL.Component(ICAL.parse(await served.text()))
    .getAllSubcomponents('vevent')
    .map((v) => new ICAL.Event(v))
    .map((e) => ({ uid: e.uid, start: e.startDate.toString(), summary: e.summary }));
}

async function noticesOf(userId: string, kind: string, entityId: string) {
  return database.db
    .select({ title: notifications.title })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, kind), eq(notifications.entityId, entityId)));
}

describe('the escalation queue', () => {
  it('raises a risk that reaches the escalation score once, and takes it through guidance, report back and closing', async () => {
    const p = await makeReportingProject(database.db, org, { typeId, projectManagerId: org.users.pm1.personId! });
    const pm = await as('pm1');
    const lead = await as('lead');
    const created = await pm.post(`/api/v1/projects/${p.id}/risks`, risk(3, 3));
    expect(created.body.escalation).toBeNull();
    const raised = await pm.patch(`/api/v1/projects/${p.id}/risks/${created.body.id}`, {
      version: created.body.version,
      impact: 5,
    });
    expect(raised.body).toMatchObject({ score: 15, escalated: true, escalation: { state: 'open' } });
    // Still escalated after another change: no second escalation.
    const again = await pm.patch(`/api/v1/projects/${p.id}/risks/${created.body.id}`, {
      version: raised.body.version,
      probability: 4,
    });
    expect(again.body.escalation.id).toBe(raised.body.escalation.id);

    const queue = await lead.get(`/api/v1/escalations?projectId=${p.id}`);
    expect(queue.status).toBe(200);
    expect(queue.body.items).toHaveLength(1);
    const [escalation] = queue.body.items;
    expect(escalation).toMatchObject({
      id: raised.body.escalation.id,
      project: { id: p.id, code: p.code },
      pmo: { id: org.pmos.enterprise.id },
      subject: { kind: 'risk', id: created.body.id, key: 'R-1' },
      reason: 'score',
      state: 'open',
      ageDays: 0,
      allowedActions: ['guide', 'close'],
    });
    expect(escalation.summary).toContain('score 15 (critical)');
    // The PMO's staff are told, in the inbox.
    for (const who of [org.users.lead, org.users.analyst]) {
      expect(await noticesOf(who.userId, 'risk.escalated', escalation.id)).toHaveLength(1);
    }
    expect((await pm.get(`/api/v1/escalations/${escalation.id}`)).body.allowedActions).toEqual([]);

    const guided = await lead.post(`/api/v1/escalations/${escalation.id}/guidance`, {
      version: escalation.version,
      guidance: 'Agree a fallback with the sponsor.',
      requiredAction: 'A fallback plan with its cost',
      requiredBy: '2027-01-15',
    });
    expect(guided.status, JSON.stringify(guided.body)).toBe(200);
    expect(guided.body).toMatchObject({ state: 'guided', guidedBy: { id: org.users.lead.userId }, requiredBy: '2027-01-15' });
    expect(await noticesOf(org.users.pm1.userId, 'escalation.guided', escalation.id)).toHaveLength(1);

    // The day the PMO requires is in the manager's calendar feed, and in the guiding lead's.
    for (const client of [pm, lead]) {
      const events = await feedEvents(client);
      expect(events.filter((e) => e.uid === `escalation-${escalation.id}@tollgate`).map((e) => e.start)).toEqual(['2027-01-15']);
    }

    const seen = await pm.get(`/api/v1/escalations/${escalation.id}`);
    expect(seen.body.allowedActions).toEqual(['acknowledge']);
    const acknowledged = await pm.post(`/api/v1/escalations/${escalation.id}/acknowledge`, {
      version: seen.body.version,
      reportBack: 'Fallback agreed: a second supplier at 6 % more.',
    });
    expect(acknowledged.status, JSON.stringify(acknowledged.body)).toBe(200);
    expect(acknowledged.body).toMatchObject({ state: 'acknowledged', acknowledgedBy: { id: org.users.pm1.userId } });
    expect(await noticesOf(org.users.lead.userId, 'escalation.acknowledged', escalation.id)).toHaveLength(1);

    // Reported back on: no longer a deadline of anyone's.
    expect((await feedEvents(pm)).some((e) => e.uid === `escalation-${escalation.id}@tollgate`)).toBe(false);
    const closed = await lead.post(`/api/v1/escalations/${escalation.id}/close`, {
      version: acknowledged.body.version,
      note: 'Done',
    });
    expect(closed.body).toMatchObject({ state: 'closed', closingNote: 'Done' });
    expect((await lead.get(`/api/v1/escalations?projectId=${p.id}`)).body.items).toEqual([]);
    expect((await lead.get(`/api/v1/escalations?projectId=${p.id}&state=closed`)).body.items).toHaveLength(1);
    // What a status report of a period shows: those open at some point of it.
    const day = new Date().toISOString().slice(0, 10);
    const during = (from: string, to: string) =>
      lead.get(`/api/v1/escalations?projectId=${p.id}&state=all&openFrom=${from}&openTo=${to}`);
    expect((await during(day, day)).body.items).toHaveLength(1);
    expect((await during('2020-01-01', '2020-01-31')).body.items).toEqual([]);
    expect((await during('2999-01-01', '2999-01-31')).body.items).toEqual([]);
    expect((await pm.get(`/api/v1/projects/${p.id}/risks/${created.body.id}`)).body.escalation).toBeNull();

    const history = await lead.get(`/api/v1/audit/records/escalation/${escalation.id}`);
    expect(history.body.items.map((e: { action: string }) => e.action).sort()).toEqual([
      'escalation.acknowledged',
      'escalation.closed',
      'escalation.guided',
      'escalation.raised',
    ]);
  });

  it('raises a risk escalated by its response, and a critical issue', async () => {
    const p = await makeReportingProject(database.db, org, { typeId, projectManagerId: org.users.pm1.personId! });
    const pm = await as('pm1');
    const low = await pm.post(`/api/v1/projects/${p.id}/risks`, risk(1, 2, 'escalate'));
    expect(low.body).toMatchObject({ score: 2, escalated: true, escalation: { state: 'open' } });
    const issue = await pm.post(`/api/v1/projects/${p.id}/issues`, { title: 'Data centre outage', severity: 'critical' });
    expect(issue.body.escalated).toBe(true);
    const queue = await (await as('analyst')).get(`/api/v1/escalations?projectId=${p.id}`);
    expect(queue.body.items.map((e: { reason: string; subject: { kind: string } }) => [e.subject.kind, e.reason])).toEqual([
      ['risk', 'response'],
      ['issue', 'severity'],
    ]);
  });

  it('raises an issue the project manager escalates whatever its severity, and keeps it escalated on later edits', async () => {
    const p = await makeReportingProject(database.db, org, { typeId, projectManagerId: org.users.pm1.personId! });
    const pm = await as('pm1');
    const quiet = await pm.post(`/api/v1/projects/${p.id}/issues`, { title: 'Vendor contract unsigned', severity: 'medium' });
    expect(quiet.body.escalated).toBe(false);
    const raised = await pm.patch(`/api/v1/projects/${p.id}/issues/${quiet.body.id}`, {
      version: quiet.body.version,
      escalate: true,
    });
    expect(raised.status, JSON.stringify(raised.body)).toBe(200);
    expect(raised.body.escalated).toBe(true);
    const edited = await pm.patch(`/api/v1/projects/${p.id}/issues/${quiet.body.id}`, {
      version: raised.body.version,
      dueOn: '2027-03-31',
    });
    expect(edited.body.escalated).toBe(true);
    const direct = await pm.post(`/api/v1/projects/${p.id}/issues`, {
      title: 'Key tester leaves',
      severity: 'low',
      escalate: true,
    });
    expect(direct.body.escalated).toBe(true);
    const queue = await (await as('analyst')).get(`/api/v1/escalations?projectId=${p.id}`);
    expect(
      queue.body.items.map((e: { reason: string; summary: string }) => [
        e.reason,
        e.summary.includes('escalated by the project'),
      ]),
    ).toEqual([
      ['response', true],
      ['response', true],
    ]);
  });

  it('lets each party make only its own moves, from their states, and shows the queue only to who sees the project', async () => {
    const p = await makeReportingProject(database.db, org, { typeId, projectManagerId: org.users.pm1.personId! });
    const pm = await as('pm1');
    const created = await pm.post(`/api/v1/projects/${p.id}/risks`, risk(5, 5));
    const id = created.body.escalation.id;
    const { version } = (await pm.get(`/api/v1/escalations/${id}`)).body;
    // The project manager does not guide; the analyst (who keeps registers) does not acknowledge.
    expect((await pm.post(`/api/v1/escalations/${id}/guidance`, { version, guidance: 'x' })).status).toBe(403);
    const early = await pm.post(`/api/v1/escalations/${id}/acknowledge`, { version, reportBack: 'x' });
    expect(early.status).toBe(409);
    expect(issueFields(early.body)).toEqual(['state']);
    const lead = await as('lead');
    const empty = await lead.post(`/api/v1/escalations/${id}/guidance`, { version, guidance: ' ' });
    expect(empty.status).toBe(422);
    expect(issueFields(empty.body)).toEqual(['guidance']);
    expect((await lead.post(`/api/v1/escalations/${id}/guidance`, { version: version + 1, guidance: 'Go' })).status).toBe(409);
    const guided = await lead.post(`/api/v1/escalations/${id}/guidance`, { version, guidance: 'Go' });
    expect(guided.status).toBe(200);
    const byAnalyst = await (await as('analyst')).post(`/api/v1/escalations/${id}/acknowledge`, {
      version: guided.body.version,
      reportBack: 'x',
    });
    expect(byAnalyst.status).toBe(403);
    // Outside the project: not found; another PMO's lead neither sees nor guides it.
    expect((await (await as('pm2')).get(`/api/v1/escalations/${id}`)).status).toBe(404);
    expect((await (await as('pm2')).get(`/api/v1/escalations?projectId=${p.id}`)).body.items).toEqual([]);
    expect(
      (
        await (
          await as('financeLead')
        ).post(`/api/v1/escalations/${id}/guidance`, { version: guided.body.version, guidance: 'x' })
      ).status,
    ).toBe(404);
  });
});

describe('the portfolio risk views', () => {
  it('count the open risks of the projects in view by cell, list the top ones and the escalations by age, under the filters', async () => {
    const p = await makeReportingProject(database.db, org, { typeId, projectManagerId: org.users.pm1.personId! });
    const pm = await as('pm1');
    for (const [probability, impact] of [
      [5, 5],
      [5, 5],
      [1, 2],
    ] as const) {
      expect((await pm.post(`/api/v1/projects/${p.id}/risks`, risk(probability, impact))).status).toBe(201);
    }
    const lead = await as('lead');
    const board = (await lead.get(`/api/v1/dashboard/risks?pmoId=${org.pmos.enterprise.id}`)).body;
    const cell = board.heatMap.find((c: { probability: number; impact: number }) => c.probability === 5 && c.impact === 5);
    expect(cell).toMatchObject({ band: 'critical' });
    expect(cell.open).toBeGreaterThanOrEqual(2);
    expect(board.topRisks[0]).toMatchObject({ score: 25, band: 'critical', escalated: true });
    expect(board.bands.map((b: { name: string }) => b.name)).toEqual(['low', 'medium', 'high', 'critical']);
    const fresh = board.escalationsByAge.find((a: { age: string }) => a.age === '0-7');
    expect(fresh.open).toBeGreaterThanOrEqual(2);
    // The same counts as the registers hold, project by project.
    const [sum] = (
      (await database.db.execute(
        sql`select count(*) as n from risks r join projects p on p.id = r.project_id where r.status = 'open' and p.pmo_id = ${org.pmos.enterprise.id}::uuid`,
      )) as unknown as { rows: { n: unknown }[] }
    ).rows;
    expect(board.openRisks).toBe(Number(sum!.n));
    // A cell of the heat map opens its risks: as many as the cell counts, highest score first.
    const listed = await lead.get(`/api/v1/risks?pmoId=${org.pmos.enterprise.id}&probability=5&impact=5&limit=100`);
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    expect(listed.body.total).toBe(cell.open);
    expect(listed.body.items.every((r: { score: number }) => r.score === 25)).toBe(true);
    // The PM sees their own project's risks there too, and no other PMO's.
    const mine = await pm.get('/api/v1/risks?probability=5&impact=5&limit=100');
    expect(mine.body.items.some((r: { project: { id: string } }) => r.project.id === p.id)).toBe(true);
    expect(
      (await (await as('financeLead')).get('/api/v1/risks?limit=100')).body.items.some(
        (r: { project: { id: string } }) => r.project.id === p.id,
      ),
    ).toBe(false);
    // Another PMO's lead sees none of them; a PMO with no projects in view gives an empty map.
    const other = (await (await as('financeLead')).get('/api/v1/dashboard/risks')).body;
    expect(other.topRisks.some((r: { project: { id: string } }) => r.project.id === p.id)).toBe(false);
    expect((await lead.get(`/api/v1/dashboard/risks?pmoId=${org.pmos.finance.id}`)).body).toMatchObject({
      heatMap: [],
      openRisks: 0,
    });
  });
});
