/**
 * The portfolio's risks: the heat map of the open risks of the projects in view, the top risks by
 * score, and the escalations not yet closed by age; the projects in view are the project list's
 * (visibility, then the PMO, portfolio or executive filter), so every figure counts what the
 * project list would open.
 */
import { sql } from 'drizzle-orm';
import type { Actor } from '../../kernel/actor.ts';
import { today as todayUtc } from '../../kernel/dates.ts';
import type { Queryable } from '../../kernel/db.ts';
import { listCondition, projectListFilter } from '../projects/index.ts';
import type { StandardDefinition } from '../standards/index.ts';
import { ESCALATION_AGES, type PortfolioRisks } from './raid.schema.ts';

type Rows<T> = { rows: T[] };
const rowsOf = async <T>(db: Queryable, query: ReturnType<typeof sql>) => ((await db.execute(query)) as unknown as Rows<T>).rows;

export async function portfolioRisks(
  db: Queryable,
  actor: Actor,
  filter: { pmoId?: string; portfolioId?: string; executivePositionId?: string },
): Promise<PortfolioRisks> {
  const today = todayUtc();
  const condition = listCondition(await projectListFilter(db, actor, filter, today));
  const inView = condition ? sql`SELECT projects.id FROM projects WHERE ${condition}` : sql`SELECT projects.id FROM projects`;
  // One after the other: `db` may be a transaction, one connection.
  const cells = await rowsOf<{ probability: number; impact: number; open: unknown; band: string }>(
    db,
    sql`SELECT probability, impact, count(*) AS open, mode() WITHIN GROUP (ORDER BY band) AS band
          FROM risks WHERE status = 'open' AND project_id IN (${inView})
         GROUP BY probability, impact ORDER BY probability, impact`,
  );
  const [totals] = await rowsOf<{ open: unknown; escalated: unknown }>(
    db,
    sql`SELECT count(*) AS open, count(*) FILTER (WHERE escalated) AS escalated
          FROM risks WHERE status = 'open' AND project_id IN (${inView})`,
  );
  const top = await rowsOf<{
    id: string;
    number: number;
    title: string;
    project_id: string;
    code: string;
    name: string;
    score: number;
    band: string;
    probability: number;
    impact: number;
    escalated: boolean;
    owner_id: string | null;
    owner_name: string | null;
  }>(
    db,
    sql`SELECT r.id::text AS id, r.number, r.title, p.id::text AS project_id, p.code, p.name, r.score, r.band,
               r.probability, r.impact, r.escalated, o.id::text AS owner_id, o.name AS owner_name
          FROM risks r JOIN projects p ON p.id = r.project_id LEFT JOIN people o ON o.id = r.owner_person_id
         WHERE r.status = 'open' AND r.project_id IN (${inView})
         ORDER BY r.score DESC, r.escalated DESC, p.code, r.number LIMIT 10`,
  );
  const ages = await rowsOf<{ age: string; state: string; n: unknown }>(
    db,
    sql`SELECT CASE WHEN d <= 7 THEN '0-7' WHEN d <= 14 THEN '8-14' WHEN d <= 30 THEN '15-30' ELSE '31+' END AS age, state::text AS state, count(*) AS n
          FROM (SELECT (${today}::date - (raised_at AT TIME ZONE 'UTC')::date) AS d, state FROM escalations
                 WHERE state <> 'closed' AND project_id IN (${inView})) e
         GROUP BY 1, 2`,
  );
  const definitions = await rowsOf<{ definition: StandardDefinition }>(
    db,
    sql`SELECT DISTINCT sv.definition FROM standard_versions sv WHERE sv.id IN (SELECT standard_version_id FROM projects WHERE id IN (${inView}))`,
  );
  const bands = new Map<string, string>();
  for (const { definition } of definitions)
    for (const b of definition.riskMatrix.bands) if (!bands.has(b.name)) bands.set(b.name, b.color);
  return {
    heatMap: cells.map((c) => ({ probability: c.probability, impact: c.impact, open: Number(c.open), band: c.band })),
    bands: [...bands].map(([name, color]) => ({ name, color })),
    openRisks: Number(totals?.open ?? 0),
    escalatedRisks: Number(totals?.escalated ?? 0),
    topRisks: top.map((r) => ({
      id: r.id,
      key: `R-${r.number}`,
      title: r.title,
      project: { id: r.project_id, code: r.code, name: r.name },
      score: r.score,
      band: r.band,
      probability: r.probability,
      impact: r.impact,
      escalated: r.escalated,
      owner: r.owner_id ? { id: r.owner_id, name: r.owner_name ?? '' } : null,
    })),
    escalationsByAge: ESCALATION_AGES.map((age) => {
      const of = (state: string) => Number(ages.find((a) => a.age === age && a.state === state)?.n ?? 0);
      return { age, open: of('open'), guided: of('guided'), acknowledged: of('acknowledged') };
    }),
  };
}
