/**
 * Builds a generated organisation with its projects and a year of weekly reports straight into
 * the tables (no use cases, so minutes rather than hours at 50,000 projects), then the status rows
 * and the sweep through the reports module's own code. The figures of every report come from the
 * product's pure functions, so the dashboard and the project pages read real numbers.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/kernel/db.ts';
import { hashPassword } from '../../src/modules/auth/index.ts';
import { BENCH_PASSWORD, CODE_PREFIX, type Organisation, generateOrganisation, orgSize } from './org.ts';
import { type PlannedProject, TABLE_ORDER, emptyRows, planProject } from './projects.ts';
import { fillProjectStatus, sweepOnce } from './status.ts';
import { Progress, duration, insertRows, projectRandom, seeded, thousands } from './support.ts';

export interface GenerateOptions {
  projects: number;
  /** Weekly reports each project has submitted: 52 is a year. */
  reportsPerProject?: number;
  seed?: number;
  /** The moment generated for (default now): nothing is submitted or reviewed after it. */
  now?: Date;
  /** Progress bars on stderr (default on). */
  quiet?: boolean;
}

export interface GenerateResult {
  org: Organisation;
  projects: number;
  reports: number;
  forecasts: number;
  reviews: number;
  reminded: number;
  escalated: number;
  today: string;
  seconds: { rows: number; status: number; sweep: number; analyze: number; total: number };
}

/** Whether the database already holds a generated organisation. */
export async function alreadyGenerated(database: Database): Promise<boolean> {
  const result = (await database.db.execute(sql`SELECT 1 FROM pmos WHERE code = ${`${CODE_PREFIX}-EPMO`}`)) as unknown as {
    rows: unknown[];
  };
  return result.rows.length > 0;
}

/** Projects planned and written per batch: a few MB of rows. */
const BATCH = 200;

/**
 * Generates the organisation into a migrated database without one.
 * @example await generate(database, { projects: 10_000 })
 */
export async function generate(database: Database, options: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const { db } = database;
  const reportsPerProject = options.reportsPerProject ?? 52;
  const seed = options.seed ?? 1;
  const now = options.now ?? new Date();
  const today = now.toISOString().slice(0, 10);
  if (!(options.projects >= 1)) throw new Error('--projects must be at least 1');
  if (!(reportsPerProject >= 10))
    throw new Error('--reports must be at least 10 (the re-baselines and milestones need a history)');
  if (await alreadyGenerated(database)) throw new Error('this database already holds a generated organisation (GEN-EPMO)');
  const log = (line: string) => {
    if (!options.quiet) process.stderr.write(`${line}\n`);
  };

  const size = orgSize(options.projects);
  log(
    `Organisation: ${size.divisions} divisions, ${size.programPmos} programme PMOs, ${thousands(size.departments)} departments, ${thousands(size.portfolios)} portfolios, ${thousands(size.projectManagers)} project managers`,
  );
  const org = await generateOrganisation(db, {
    projects: options.projects,
    random: seeded(seed),
    passwordHash: await hashPassword(BENCH_PASSWORD),
    now,
  });

  const ctx = { org, projects: options.projects, reportsPerProject, now };
  const planned: PlannedProject[] = [];
  const counts = { reports: 0, forecasts: 0, reviews: 0 };
  const progress = options.quiet ? null : new Progress(options.projects, 'projects');
  // On PostgreSQL two batches are written at once on two connections while the next is planned:
  // the server's work per report row (jsonb, TOAST, indexes, foreign keys) is most of the time.
  const writers = database.kind === 'postgres' ? 2 : 1;
  const writing = new Set<Promise<void>>();
  const written = { projects: 0, reports: 0 };
  for (let start = 0; start < options.projects; start += BATCH) {
    const rows = emptyRows();
    const end = Math.min(options.projects, start + BATCH);
    for (let i = start; i < end; i++) planned.push(planProject(ctx, i, projectRandom(seed, i), rows));
    counts.reports += rows.status_reports.length;
    counts.forecasts += rows.milestone_forecasts.length;
    counts.reviews += rows.status_report_reviews.length;
    const write: Promise<void> = (async () => {
      for (const table of TABLE_ORDER) await insertRows(db, table, rows[table]);
      written.projects += end - start;
      written.reports += rows.status_reports.length;
      progress?.update(written.projects, `${thousands(written.reports)} reports`);
    })().finally(() => writing.delete(write));
    writing.add(write);
    while (writing.size >= writers) await Promise.race(writing);
  }
  await Promise.all(writing);
  const rowsDone = performance.now();

  log('Analysing the tables…');
  await db.execute(sql`ANALYZE`);
  log('Status rows through computeProjectStatus…');
  await fillProjectStatus(database, planned, today, options.quiet);
  const statusDone = performance.now();
  log('The sweep of overdue reports…');
  const swept = await sweepOnce(database, today);
  const sweepDone = performance.now();
  // Fresh rows: the visibility map and the planner's statistics of every table, as a running installation has them.
  log('VACUUM ANALYZE…');
  await db.execute(sql`VACUUM (ANALYZE)`);
  const end = performance.now();
  const s = (ms: number) => Math.round(ms / 100) / 10;
  const result: GenerateResult = {
    org,
    projects: options.projects,
    ...counts,
    reminded: swept.reminded,
    escalated: swept.escalated,
    today,
    seconds: {
      rows: s(rowsDone - started),
      status: s(statusDone - rowsDone),
      sweep: s(sweepDone - statusDone),
      analyze: s(end - sweepDone),
      total: s(end - started),
    },
  };
  log(
    `Generated ${thousands(result.projects)} projects, ${thousands(result.reports)} reports, ${thousands(result.forecasts)} milestone forecasts, ${thousands(result.reviews)} reviews; ${swept.reminded} reminded, ${swept.escalated} escalated, in ${duration(end - started)}`,
  );
  return result;
}
