/**
 * npm run bench:generate -- --projects 50000 [--reports 52] [--seed 1] [--database-url URL | --data-dir DIR]
 *
 * A realistic organisation for the benchmarks (bench/RESULTS.md): org units, an enterprise PMO
 * over portfolio and programme PMOs with their reporting lines, portfolios, people and accounts,
 * and the given number of projects after their go-ahead, each with baselines, a milestone per
 * gate and a year of weekly status reports, reviewed, with the project_status rows and the sweep.
 * Into PostgreSQL (`--database-url`, or DATABASE_URL) or PGlite (`--data-dir`, default
 * .tollgate/bench-<projects>), migrated first; a database that already holds one is refused.
 * Sign in as bench.lead@example.com (password tollgate-bench) to see it all.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../src/kernel/db.ts';
import { runMigrations } from '../../src/kernel/migrate.ts';
import { generate } from './generate.ts';
import { BENCH_PASSWORD, LEAD_EMAIL } from './org.ts';

const { values } = parseArgs({
  options: {
    projects: { type: 'string', default: '1000' },
    reports: { type: 'string', default: '52' },
    seed: { type: 'string', default: '1' },
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.log(
    'npm run bench:generate -- --projects 1000|10000|50000 [--reports 52] [--seed 1] [--database-url URL | --data-dir DIR]',
  );
  process.exit(0);
}

const whole = (name: string, text: string | undefined) => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`--${name} must be a whole number of at least 1, got "${text}"`);
    process.exit(2);
  }
  return n;
};
const projects = whole('projects', values.projects);
const reportsPerProject = whole('reports', values.reports);
const seed = whole('seed', values.seed);
const databaseUrl = values['database-url'] ?? (values['data-dir'] ? undefined : process.env.DATABASE_URL);
const dataDir = databaseUrl ? undefined : resolve(values['data-dir'] ?? `.tollgate/bench-${projects}`);

const database = await openDatabase({ databaseUrl, dataDir });
try {
  await runMigrations(database, databaseUrl);
  console.error(
    `Generating ${projects} projects × ${reportsPerProject} weekly reports into ${databaseUrl ? 'PostgreSQL' : dataDir}`,
  );
  const result = await generate(database, { projects, reportsPerProject, seed });
  console.log(
    JSON.stringify({
      ...result,
      org: undefined,
      signIn: { email: LEAD_EMAIL, password: BENCH_PASSWORD },
      database: database.kind,
    }),
  );
} finally {
  await database.close();
}
