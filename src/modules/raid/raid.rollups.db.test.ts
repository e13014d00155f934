import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { makeReportingProject, makeReportingType } from '../../../test/support/factories-reports.ts';
import { type Organisation, makeOrganisation, signInAs } from '../../../test/support/factories-standards.ts';
import { testApp, type TestApp } from '../../../test/support/http.ts';

/**
 * The open risks per PMO and cell (risk_rollups) stay equal to the count over the risks through
 * every write that moves them: added, reassessed, escalated, closed, occurred, and a project moved
 * to another PMO; and the portfolio view reads the same heat map from them as from the risks.
 */

let database: TestDatabase;
let app: TestApp;
let org: Organisation;
const as = signInAs(() => ({ app, org }));

beforeAll(async () => {
  database = await testDatabase();
  app = testApp(database);
  org = await makeOrganisation(database.db);
});

afterAll(async () => {
  await database?.close();
});

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** The rollups, and the same counted from the risks, as comparable lists. */
async function bothCounts() {
  const rolled = await rows<{ k: string }>(sql`
    SELECT pmo_id || ' ' || probability || '×' || impact || ' ' || band || ' ' || open || '/' || escalated AS k
      FROM risk_rollups WHERE open <> 0 OR escalated <> 0 ORDER BY 1`);
  const counted = await rows<{ k: string }>(sql`
    SELECT k FROM (SELECT p.pmo_id || ' ' || r.probability || '×' || r.impact || ' ' || r.band || ' ' || count(*) || '/' ||
                          count(*) FILTER (WHERE r.escalated) AS k
                     FROM risks r JOIN projects p ON p.id = r.project_id WHERE r.status = 'open'
                    GROUP BY p.pmo_id, r.probability, r.impact, r.band) c ORDER BY 1`);
  return { rolled: rolled.map((r) => r.k), counted: counted.map((r) => r.k) };
}

describe('the risk rollups', () => {
  it('equal the count over the risks after every kind of write', async () => {
    const typeId = await makeReportingType(database.db, org);
    const p = await makeReportingProject(database.db, org, { typeId, projectManagerId: org.users.pm1.personId! });
    const pm = await as('pm1');
    const made = [];
    for (const [probability, impact] of [
      [1, 1],
      [3, 4],
      [5, 5],
      [3, 4],
    ]) {
      const reply = await pm.post(`/api/v1/projects/${p.id}/risks`, {
        title: `Risk ${probability}×${impact}`,
        category: 'delivery',
        probability,
        impact,
        response: 'mitigate',
      });
      expect(reply.status, JSON.stringify(reply.body)).toBe(201);
      made.push(reply.body);
    }
    let counts = await bothCounts();
    expect(counts.rolled).toEqual(counts.counted);
    expect(counts.rolled.length).toBeGreaterThan(0);

    // Reassessed, closed, occurred.
    const reassessed = await pm.patch(`/api/v1/projects/${p.id}/risks/${made[0].id}`, {
      version: made[0].version,
      probability: 4,
      impact: 5,
    });
    expect(reassessed.status, JSON.stringify(reassessed.body)).toBe(200);
    const closed = await pm.patch(`/api/v1/projects/${p.id}/risks/${made[1].id}`, { version: made[1].version, status: 'closed' });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const occurred = await pm.post(`/api/v1/projects/${p.id}/risks/${made[2].id}/occurred`, {
      version: made[2].version,
      severity: 'high',
    });
    expect(occurred.status, JSON.stringify(occurred.body)).toBe(201);
    counts = await bothCounts();
    expect(counts.rolled).toEqual(counts.counted);

    // The project moves to another PMO: its open risks move with it.
    await database.db.execute(sql`UPDATE projects SET pmo_id = ${org.pmos.program.id}::uuid WHERE id = ${p.id}::uuid`);
    counts = await bothCounts();
    expect(counts.rolled).toEqual(counts.counted);
    expect(counts.rolled.some((k) => k.startsWith(org.pmos.program.id))).toBe(true);

    // The portfolio view reads the rollups: its heat map is the risks' own.
    const board = await (await as('admin')).get('/api/v1/dashboard/risks');
    const heat = await rows<{ probability: number; impact: number; n: unknown }>(
      sql`SELECT probability, impact, count(*) AS n FROM risks WHERE status = 'open' GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    expect(
      board.body.heatMap.map((c: { probability: number; impact: number; open: number }) => [c.probability, c.impact, c.open]),
    ).toEqual(heat.map((c) => [c.probability, c.impact, Number(c.n)]));
  });
});
