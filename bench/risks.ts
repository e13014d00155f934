/**
 * The portfolio's risks over a generated organisation (bench/generate: ten risks per project), as
 * the enterprise PMO lead opens them (every project): GET /api/v1/dashboard/risks through the
 * app in-process (the heat map of open risks, the top ten, the escalations by age), against the
 * naive raw SQL of the heat map and the top ten over the visible projects (visibility resolved
 * beforehand, in its favour), in turns in the same process. Their heat maps and top tens must
 * agree, or the run fails.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../src/kernel/db.ts';
import { toNumber } from '../src/kernel/rows.ts';
import { findUserByEmail, loadActor } from '../src/modules/auth/index.ts';
import { visibleProjectFilter } from '../src/modules/projects/index.ts';
import type { PortfolioRisks } from '../src/modules/raid/raid.schema.ts';
import { BENCH_PASSWORD, LEAD_EMAIL } from './generate/org.ts';
import { benchApp, ms, percentile, signIn, timed } from './measure.ts';

export interface RiskFigures {
  label: string;
  risks: number;
  http: { p50: number; p95: number };
  naive: { p50: number; p95: number };
}

type Row = Record<string, unknown>;

export async function benchRisks(database: Database, label: string, options: { runs?: number } = {}): Promise<RiskFigures> {
  const runs = options.runs ?? Number(process.env.BENCH_DASHBOARD_RUNS ?? 50);
  const { db } = database;
  const lead = await findUserByEmail(db, LEAD_EMAIL);
  if (!lead) throw new Error(`no ${LEAD_EMAIL}: generate the organisation first (npm run bench:generate)`);
  const visible = await visibleProjectFilter(db, await loadActor(db, lead));
  const inView = visible ? sql`SELECT projects.id FROM projects WHERE ${visible}` : sql`SELECT projects.id FROM projects`;
  const app = benchApp(database);
  const cookie = await signIn(app, LEAD_EMAIL, BENCH_PASSWORD);
  const counted = (await db.execute(sql`SELECT count(*) AS n FROM risks`)) as unknown as { rows: { n: unknown }[] };

  let board: PortfolioRisks | null = null;
  let cells: Row[] = [];
  let top: Row[] = [];
  const kinds = {
    http: async () => {
      const reply = await app.request('/api/v1/dashboard/risks', { headers: { cookie } });
      const text = await reply.text();
      if (reply.status !== 200) throw new Error(`GET /api/v1/dashboard/risks: ${reply.status} ${text}`);
      board = JSON.parse(text) as PortfolioRisks;
    },
    naive: async () => {
      cells = (
        (await db.execute(sql`SELECT probability, impact, count(*) AS n FROM risks
        WHERE status = 'open' AND project_id IN (${inView}) GROUP BY 1, 2 ORDER BY 1, 2`)) as unknown as { rows: Row[] }
      ).rows;
      top = (
        (await db.execute(sql`SELECT id::text AS id FROM risks WHERE status = 'open' AND project_id IN (${inView})
        ORDER BY score DESC LIMIT 10`)) as unknown as { rows: Row[] }
      ).rows;
    },
  };
  const samples: Record<keyof typeof kinds, number[]> = { http: [], naive: [] };
  for (let i = 0; i < 3; i++) for (const work of Object.values(kinds)) await work();
  const shown = board as PortfolioRisks | null;
  if (!shown) throw new Error('the risk views gave no reply');
  const key = (c: { probability: unknown; impact: unknown }) => `${c.probability}×${c.impact}`;
  const naiveCells = new Map(cells.map((c) => [key(c as never), toNumber(c.n)]));
  for (const cell of shown.heatMap) {
    if (naiveCells.get(key(cell)) !== cell.open) throw new Error(`the heat maps disagree on ${key(cell)}`);
  }
  if (naiveCells.size !== shown.heatMap.length) throw new Error('the heat maps disagree on their cells');
  if (top.length !== shown.topRisks.length) throw new Error('the top risks disagree');
  const order = Object.entries(kinds) as [keyof typeof kinds, () => Promise<void>][];
  for (let i = 0; i < runs; i++) {
    for (let k = 0; k < order.length; k++) {
      const [kind, work] = order[(i + k) % order.length]!;
      samples[kind].push(await timed(work));
    }
  }
  const figure = (kind: keyof typeof kinds) => ({ p50: percentile(samples[kind], 50), p95: percentile(samples[kind], 95) });
  const result: RiskFigures = { label, risks: toNumber(counted.rows[0]?.n), http: figure('http'), naive: figure('naive') };
  console.log(
    `risks ${label.padEnd(5)} ${String(result.risks).padStart(7)} risks: HTTP p50 ${ms(result.http.p50)} p95 ${ms(result.http.p95)} · naive SQL p50 ${ms(result.naive.p50)} p95 ${ms(result.naive.p95)} · p95 ratio ${(result.http.p95 / result.naive.p95).toFixed(2)}×`,
  );
  return result;
}
