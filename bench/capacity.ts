/**
 * The capacity heat map (skills × months) over a generated organisation, against the raw SQL
 * aggregate of allocated FTE by skill and month on the same data. The heat map does more (absences,
 * workdays, over-allocated people, gaps), so the ratio is the price of that work.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { systemActor } from '../src/kernel/actor.ts';
import type { Database } from '../src/kernel/db.ts';
import { capacityView } from '../src/modules/resources/index.ts';

export interface CapacityBenchSize {
  people: number;
  skills: number;
  projects: number;
  allocations: number;
}

/** A deterministic generator: the same data on every run. */
function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

async function generate(database: Database, size: CapacityBenchSize) {
  const random = seeded(42);
  const { db } = database;
  await db.execute(sql`INSERT INTO org_units (code, name) VALUES ('BENCH', 'Bench org') ON CONFLICT DO NOTHING`);
  await db.execute(sql`INSERT INTO skills (name) SELECT 'Bench skill ' || g FROM generate_series(1, ${size.skills}) g`);
  await db.execute(
    sql`INSERT INTO people (name, email, weekly_hours, availability)
        SELECT 'Bench person ' || g, 'bench' || g || '@example.com', 40, 1 FROM generate_series(1, ${size.people}) g`,
  );
  await db.execute(sql`
    INSERT INTO person_skills (person_id, skill_id, level)
    SELECT p.id, s.id, 3 FROM (SELECT id, row_number() OVER (ORDER BY email) AS n FROM people WHERE email LIKE 'bench%') p
    JOIN (SELECT id, row_number() OVER (ORDER BY name) AS n FROM skills WHERE name LIKE 'Bench skill%') s
      ON s.n = 1 + (p.n % ${size.skills}) OR s.n = 1 + ((p.n * 7) % ${size.skills})`);
  await db.execute(sql`INSERT INTO executive_positions (code, title) VALUES ('BENCH-CEO', 'Bench CEO')`);
  await db.execute(sql`
    INSERT INTO pmos (code, name, level, orientation, reports_to_position_id)
    SELECT 'BENCH', 'Bench PMO', 'enterprise', 'it', id FROM executive_positions WHERE code = 'BENCH-CEO'`);
  await db.execute(sql`
    INSERT INTO project_types (pmo_id, code, name) SELECT id, 'BENCH', 'Bench type' FROM pmos WHERE code = 'BENCH'`);
  await db.execute(sql`
    INSERT INTO standard_versions (project_type_id, number, definition, published_by)
    SELECT id, 1, '{}'::jsonb, 'bench' FROM project_types WHERE code = 'BENCH'`);
  await db.execute(sql`
    INSERT INTO projects (code, name, pmo_id, project_type_id, standard_version_id, phase_key)
    SELECT 'BENCH-' || g, 'Bench project ' || g, t.pmo_id, t.id, v.id, 'initiate'
    FROM generate_series(1, ${size.projects}) g, project_types t JOIN standard_versions v ON v.project_type_id = t.id
    WHERE t.code = 'BENCH'`);
  const people = (
    (await db.execute(sql`SELECT id FROM people WHERE email LIKE 'bench%' ORDER BY email`)) as unknown as {
      rows: { id: string }[];
    }
  ).rows;
  const projects = (
    (await db.execute(sql`SELECT id FROM projects WHERE code LIKE 'BENCH-%' ORDER BY code`)) as unknown as {
      rows: { id: string }[];
    }
  ).rows;
  const values = [];
  for (let i = 0; i < size.allocations; i++) {
    const start = Math.floor(random() * 12);
    const length = 1 + Math.floor(random() * 6);
    const month = (m: number) => `2027-${String(1 + Math.min(m, 11)).padStart(2, '0')}-01`;
    values.push(
      sql`(${projects[Math.floor(random() * projects.length)]!.id}::uuid, ${people[Math.floor(random() * people.length)]!.id}::uuid, ${month(start)}::date, ${month(start + length)}::date, ${(0.1 + Math.floor(random() * 5) / 10).toFixed(2)}::numeric, 'bench')`,
    );
  }
  for (let i = 0; i < values.length; i += 500) {
    await db.execute(
      sql`INSERT INTO allocations (project_id, person_id, start_month, end_month, fte, created_by) VALUES ${sql.join(values.slice(i, i + 500), sql`, `)}`,
    );
  }
}

/** The same question answered by plain SQL: allocated FTE of people holding each skill, per month. */
async function rawAggregate(database: Database) {
  return database.db.execute(sql`
    SELECT ps.skill_id, m.month, sum(a.fte) AS allocated
    FROM generate_series('2027-01-01'::date, '2027-12-01'::date, interval '1 month') AS m(month)
    JOIN allocations a ON a.start_month <= m.month AND a.end_month >= m.month
    JOIN person_skills ps ON ps.person_id = a.person_id
    GROUP BY ps.skill_id, m.month`);
}

async function best(label: string, runs: number, work: () => Promise<unknown>): Promise<number> {
  let fastest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    fastest = Math.min(fastest, performance.now() - start);
  }
  console.log(`${label.padEnd(48)} ${fastest.toFixed(1).padStart(8)} ms (best of ${runs})`);
  return fastest;
}

export async function benchCapacity(database: Database, size: CapacityBenchSize): Promise<number> {
  await generate(database, size);
  console.log(`\ncapacity heat map: ${size.people} people, ${size.skills} skills, ${size.allocations} allocations, 12 months`);
  const baseline = await best('baseline: SQL sum of allocated FTE by skill, month', 5, () => rawAggregate(database));
  const actor = systemActor('bench');
  const heatMap = await best('tollgate: capacityView (heat map, gaps, overload)', 5, () =>
    capacityView(database.db, actor, { from: '2027-01', to: '2027-12' }),
  );
  const ratio = heatMap / baseline;
  console.log(`capacity heat map ratio (view / raw SQL): ${ratio.toFixed(2)}×`);
  return ratio;
}
