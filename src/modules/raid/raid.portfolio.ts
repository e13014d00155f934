/**
 * The portfolio's risks: the heat map of the open risks of the projects in view, the top risks by
 * score, and the escalations not yet closed by age; the projects in view are the project list's
 * (visibility, then the PMO, portfolio or executive filter), so every figure counts what the
 * project list would open. The heat map and the totals add up the rollups the writes keep
 * (risk_rollups, per PMO and cell); the top ten read the open risks by score from their index.
 */
import { type SQL, and, inArray, notInArray, or, sql } from 'drizzle-orm';
import type { Actor } from '../../kernel/actor.ts';
import { today as todayUtc } from '../../kernel/dates.ts';
import type { Queryable } from '../../kernel/db.ts';
import type { Page, Paged } from '../../kernel/lists.ts';
import { listCondition, memberCondition, projectListFilter, projectScopeOf } from '../projects/index.ts';
import { projects } from '../projects/projects.tables.ts';
import type { StandardDefinition } from '../standards/index.ts';
import { ESCALATION_AGES, type PortfolioRiskView, type PortfolioRisks } from './raid.schema.ts';
import { riskRollups } from './raid.tables.ts';

type Rows<T> = { rows: T[] };
const rowsOf = async <T>(db: Queryable, query: ReturnType<typeof sql>) => ((await db.execute(query)) as unknown as Rows<T>).rows;

/**
 * Where the figures come from: the rollups of the PMOs whose projects the caller sees in full
 * (null: every PMO), narrowed by the PMO and executive filters; and the projects counted one by
 * one — the caller's own projects outside those PMOs, or a portfolio's (a few hundred, by index).
 * Together they are exactly the project list's projects under the same filters.
 */
async function reachOf(
  db: Queryable,
  actor: Actor,
  filter: { pmoId?: string; portfolioId?: string; executivePositionId?: string },
  today: string,
): Promise<Reach> {
  const listFilter = await projectListFilter(db, actor, filter, today);
  if (filter.portfolioId) return reach([], listCondition(listFilter) ?? sql`true`);
  const scope = await projectScopeOf(db, actor);
  let pmoIds: string[] | null = scope.all ? null : [...scope.pmoIds];
  const narrow = (ids: readonly string[]) => (pmoIds === null ? [...ids] : pmoIds.filter((id) => ids.includes(id)));
  if (filter.pmoId) pmoIds = narrow([filter.pmoId]);
  if (listFilter.reportingPmoIds) pmoIds = narrow(listFilter.reportingPmoIds);
  let direct: SQL | null = null;
  if (!scope.all && scope.personId) {
    const outside = scope.pmoIds.length ? notInArray(projects.pmoId, scope.pmoIds) : undefined;
    direct = listCondition({ ...listFilter, visible: and(memberCondition(scope.personId), outside) }) ?? null;
  }
  return reach(pmoIds, direct);
}

interface Reach {
  pmoIds: string[] | null;
  direct: SQL | null;
  /** The condition on `projects` of the PMOs counted by rollup; null when none is. */
  byPmo: SQL | null;
  /** The condition on `projects` of every project in view. */
  condition: SQL;
}

function reach(pmoIds: string[] | null, direct: SQL | null): Reach {
  const byPmo = pmoIds === null ? sql`true` : pmoIds.length ? inArray(projects.pmoId, pmoIds) : null;
  return { pmoIds, direct, byPmo, condition: or(byPmo ?? undefined, direct ?? undefined) ?? sql`false` };
}

export async function portfolioRisks(
  db: Queryable,
  actor: Actor,
  filter: { pmoId?: string; portfolioId?: string; executivePositionId?: string },
): Promise<PortfolioRisks> {
  const today = todayUtc();
  const { pmoIds, direct, byPmo, condition: inView } = await reachOf(db, actor, filter, today);
  type Cell = { probability: number; impact: number; band: string; open: unknown; escalated: unknown };
  // One after the other: `db` may be a transaction, one connection.
  const counted: Cell[] = [];
  if (byPmo) {
    const where = pmoIds === null ? sql`` : sql`WHERE ${inArray(riskRollups.pmoId, pmoIds)}`;
    counted.push(
      ...(await rowsOf<Cell>(
        db,
        sql`SELECT probability, impact, band, sum(open) AS open, sum(escalated) AS escalated
              FROM ${riskRollups} ${where} GROUP BY 1, 2, 3 HAVING sum(open) > 0`,
      )),
    );
  }
  if (direct) {
    counted.push(
      ...(await rowsOf<Cell>(
        db,
        sql`SELECT probability, impact, band, count(*) AS open, count(*) FILTER (WHERE escalated) AS escalated
              FROM risks WHERE status = 'open' AND project_id IN (SELECT projects.id FROM projects WHERE ${direct})
             GROUP BY 1, 2, 3`,
      )),
    );
  }
  // A cell's band is the one most of its risks carry (projects of several standards may differ).
  const cellsByKey = new Map<string, { probability: number; impact: number; open: number; bands: Map<string, number> }>();
  let openRisks = 0;
  let escalatedRisks = 0;
  for (const c of counted) {
    const open = Number(c.open);
    openRisks += open;
    escalatedRisks += Number(c.escalated);
    const key = `${c.probability}×${c.impact}`;
    const cell = cellsByKey.get(key) ?? { probability: c.probability, impact: c.impact, open: 0, bands: new Map() };
    cell.open += open;
    cell.bands.set(c.band, (cell.bands.get(c.band) ?? 0) + open);
    cellsByKey.set(key, cell);
  }
  const cells = [...cellsByKey.values()]
    .filter((c) => c.open > 0)
    .sort((a, b) => a.probability - b.probability || a.impact - b.impact)
    .map((c) => ({
      probability: c.probability,
      impact: c.impact,
      open: c.open,
      band: [...c.bands].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0],
    }));
  // Read by score from the index of open risks until ten of the projects in view are found.
  const top = await riskRows(db, inView, { limit: 10, offset: 0 });
  const ages = await rowsOf<{ age: string; state: string; n: unknown }>(
    db,
    sql`SELECT CASE WHEN d <= 7 THEN '0-7' WHEN d <= 14 THEN '8-14' WHEN d <= 30 THEN '15-30' ELSE '31+' END AS age, state::text AS state, count(*) AS n
          FROM (SELECT (${today}::date - (e.raised_at AT TIME ZONE 'UTC')::date) AS d, e.state
                  FROM escalations e JOIN projects ON projects.id = e.project_id
                 WHERE e.state <> 'closed' AND ${inView}) e
         GROUP BY 1, 2`,
  );
  const definitions = await rowsOf<{ definition: StandardDefinition }>(
    db,
    // The standards in use in view: a few versions, each found by its first project.
    sql`SELECT sv.definition FROM standard_versions sv
         WHERE EXISTS (SELECT 1 FROM projects WHERE projects.standard_version_id = sv.id AND ${inView})`,
  );
  const bands = new Map<string, string>();
  for (const { definition } of definitions)
    for (const b of definition.riskMatrix.bands) if (!bands.has(b.name)) bands.set(b.name, b.color);
  return {
    heatMap: cells,
    bands: [...bands].map(([name, color]) => ({ name, color })),
    openRisks,
    escalatedRisks,
    topRisks: top,
    escalationsByAge: ESCALATION_AGES.map((age) => {
      const of = (state: string) => Number(ages.find((a) => a.age === age && a.state === state)?.n ?? 0);
      return { age, open: of('open'), guided: of('guided'), acknowledged: of('acknowledged') };
    }),
  };
}

type RiskRow = {
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
};

/**
 * Open risks of the projects `inView` selects, highest score first (escalated ones first among
 * equals, then the oldest), a page of them: the order of the partial index risks_open_rank
 * (NULLS LAST as the index has it, or the planner sorts every open risk instead).
 */
async function riskRows(db: Queryable, inView: SQL, page: Page, narrow?: SQL): Promise<PortfolioRiskView[]> {
  const rows = await rowsOf<RiskRow>(
    db,
    sql`SELECT r.id::text AS id, r.number, r.title, projects.id::text AS project_id, projects.code, projects.name, r.score, r.band,
               r.probability, r.impact, r.escalated, o.id::text AS owner_id, o.name AS owner_name
          FROM risks r JOIN projects ON projects.id = r.project_id LEFT JOIN people o ON o.id = r.owner_person_id
         WHERE r.status = 'open' AND ${inView}${narrow ? sql` AND ${narrow}` : sql``}
         ORDER BY r.score DESC NULLS LAST, r.escalated DESC NULLS LAST, r.created_at, r.id
         LIMIT ${page.limit} OFFSET ${page.offset}`,
  );
  return rows.map((r) => ({
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
  }));
}

/**
 * The open risks of the projects in view (the dashboard's filters), highest score first; a cell of
 * the heat map with `probability` and `impact`. Counted over the same projects as the heat map, so
 * a cell's count is the list's total.
 */
export async function listPortfolioRisks(
  db: Queryable,
  actor: Actor,
  filter: {
    pmoId?: string;
    portfolioId?: string;
    executivePositionId?: string;
    probability?: number;
    impact?: number;
    escalated?: boolean;
  },
  page: Page | null,
): Promise<Paged<PortfolioRiskView>> {
  const { condition: inView } = await reachOf(db, actor, filter, todayUtc());
  const narrow = and(
    filter.probability === undefined ? undefined : sql`r.probability = ${filter.probability}`,
    filter.impact === undefined ? undefined : sql`r.impact = ${filter.impact}`,
    filter.escalated === undefined ? undefined : sql`r.escalated = ${filter.escalated}`,
  );
  // One after the other: `db` may be a transaction, one connection.
  const items = await riskRows(db, inView, page ?? { limit: 1_000_000, offset: 0 }, narrow);
  if (!page) return { items, total: items.length };
  const [counted] = await rowsOf<{ n: unknown }>(
    db,
    sql`SELECT count(*) AS n FROM risks r JOIN projects ON projects.id = r.project_id
         WHERE r.status = 'open' AND ${inView}${narrow ? sql` AND ${narrow}` : sql``}`,
  );
  return { items, total: Number(counted?.n ?? 0) };
}
