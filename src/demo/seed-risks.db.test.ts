import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../test/support/database.ts';
import { ApiClient, type TestApp, testApp } from '../../test/support/http.ts';

/** The demo's registers, read back through the API as the project manager meets them. */

let database: TestDatabase;
let app: TestApp;

beforeAll(async () => {
  database = await testDatabase({ demo: true });
  app = testApp(database);
});

afterAll(async () => {
  await database?.close();
});

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

describe('the demo risk and issue registers', () => {
  it('give every open project a dozen risks over its matrix, a few escalated, one occurred as an issue', async () => {
    const open = await rows<{ id: string; code: string }>(
      sql`select id::text as id, code from projects where state in ('active', 'on_hold') order by code`,
    );
    expect(open.length).toBeGreaterThan(5);
    const pm = await ApiClient.signIn(app, 'pm@example.com');
    const mine = (await pm.get('/api/v1/projects?limit=1000')).body.items.map((p: { id: string }) => p.id) as string[];
    let escalated = 0;
    const bands = new Set<string>();
    for (const project of open.filter((p) => mine.includes(p.id))) {
      const register = await pm.get(`/api/v1/projects/${project.id}/risks?limit=100`);
      expect(register.status).toBe(200);
      expect(register.body.total, project.code).toBe(12);
      for (const risk of register.body.items as {
        score: number;
        probability: number;
        impact: number;
        band: { name: string };
        escalated: boolean;
      }[]) {
        expect(risk.score).toBe(risk.probability * risk.impact);
        bands.add(risk.band.name);
        if (risk.escalated) escalated++;
      }
      const issues = await pm.get(`/api/v1/projects/${project.id}/issues`);
      expect(issues.body.items.filter((i: { risk: unknown }) => i.risk !== null)).toHaveLength(1);
      const detail = await pm.get(`/api/v1/projects/${project.id}/risks/${register.body.items[0].id}`);
      expect(detail.body.assessments.length).toBeGreaterThanOrEqual(1);
    }
    expect(escalated).toBeGreaterThan(0);
    expect(bands.size).toBeGreaterThanOrEqual(3);
  });
});
