/**
 * The status-report benchmarks (issue "Speed"): the dashboard against the naive roll-up, and its
 * growth, over each generated database; then report submission against a bare INSERT on the
 * largest. BENCH_GENERATED names the generated databases, smallest first, as a comma-separated
 * list of PostgreSQL URLs (each made by npm run bench:generate); without it the run generates
 * BENCH_PROJECTS projects (default 1,000) into its own database and measures that one.
 */
import { sql } from 'drizzle-orm';
import { type Database, openDatabase } from '../src/kernel/db.ts';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { MIGRATIONS_FOLDER, runMigrations } from '../src/kernel/migrate.ts';
import { type DashboardFigures, benchDashboard, growth } from './dashboard.ts';
import { alreadyGenerated, generate } from './generate/generate.ts';
import { benchRisks } from './risks.ts';
import { benchSubmission } from './submission.ts';

const sizeLabel = (projects: number) => (projects >= 1000 ? `${Math.round(projects / 1000)}k` : String(projects));

/** The generated projects (GEN-0…), not the submission benchmark's (GEN-5…). */
async function projectsOf(database: Database): Promise<number> {
  const result = (await database.db.execute(sql`SELECT count(*) AS n FROM projects WHERE code LIKE 'GEN-0%'`)) as unknown as {
    rows: { n: unknown }[];
  };
  return Number(result.rows[0]?.n ?? 0);
}

/**
 * Refuses a database whose applied migrations differ from the files of the same name (a migration
 * edited after the data was generated): its tables may lack what the code reads; generate again.
 */
async function assertMigrationsMatch(database: Database, label: string): Promise<void> {
  const applied = (await database.db.execute(sql`SELECT hash, created_at FROM drizzle.__drizzle_migrations`)) as unknown as {
    rows: { hash: string; created_at: unknown }[];
  };
  const byTime = new Map(applied.rows.map((r) => [Number(r.created_at), r.hash]));
  for (const file of readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER })) {
    const hash = byTime.get(file.folderMillis);
    if (hash !== undefined && hash !== file.hash) {
      throw new Error(`${label}: a migration was changed after this database was generated; generate it again`);
    }
  }
}

/** On the run's own database: generated first when it holds no organisation yet. */
export async function benchReportsHere(database: Database): Promise<void> {
  if (!(await alreadyGenerated(database))) {
    await generate(database, { projects: Number(process.env.BENCH_PROJECTS ?? 1000) });
  }
  await assertMigrationsMatch(database, 'this database');
  console.log('');
  await benchDashboard(database, sizeLabel(await projectsOf(database)));
  await benchRisks(database, sizeLabel(await projectsOf(database)));
  await benchSubmission(database, { databaseUrl: database.kind === 'postgres' ? process.env.DATABASE_URL : undefined });
}

/** On the generated PostgreSQL databases of BENCH_GENERATED, smallest first. */
export async function benchReportsOn(urls: string[]): Promise<void> {
  const figures: DashboardFigures[] = [];
  console.log('');
  for (const [i, url] of urls.entries()) {
    const database = await openDatabase({ databaseUrl: url });
    try {
      // Generated under an earlier schema: brought up to this one first, as an upgrade would.
      await runMigrations(database, url);
      const label = new URL(url).pathname.slice(1);
      if (!(await alreadyGenerated(database))) throw new Error(`${label}: no generated organisation (npm run bench:generate)`);
      await assertMigrationsMatch(database, label);
      figures.push(await benchDashboard(database, sizeLabel(await projectsOf(database))));
      await benchRisks(database, sizeLabel(await projectsOf(database)));
      if (i === urls.length - 1) {
        growth(figures);
        await benchSubmission(database, { databaseUrl: url });
      }
    } finally {
      await database.close();
    }
  }
}
