/**
 * Benchmarks, as ratios against a baseline run in the same process on the same database:
 *  1. audit append: a use case's write plus recordAudit, against the same write with a plain
 *     INSERT of the event row (no chain) — the price of the hash chain;
 *  2. audit verify: verifyAuditTrail over N events, against a raw SELECT of the same rows —
 *     the price of recomputing every hash;
 *  3. the capacity heat map over a generated organisation, against the SQL aggregate of allocated
 *     FTE by skill and month (bench/capacity.ts);
 *  4. the portfolio dashboard over a generated organisation (bench/generate), over HTTP and as the
 *     service, against the naive roll-up of the same figures from each project's latest report
 *     (a LATERAL join), and its growth across sizes (bench/dashboard.ts);
 *  5. report submission through the use case, against a bare INSERT of the same row
 *     (bench/submission.ts); 4 and 5 on the databases of BENCH_GENERATED, or on an organisation
 *     of BENCH_PROJECTS (default 1,000) projects generated into this run's database (bench/reports.ts);
 *  6. a warm start to the first page and the server's memory, against a bare node server and a
 *     bare PGlite server started the same way (bench/start.ts; always on PGlite).
 * Run: npm run bench   (PGlite; set DATABASE_URL to run on PostgreSQL; BENCH_ONLY=reports for 4 and 5 alone)
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { systemActor } from '../src/kernel/actor.ts';
import { openDatabase } from '../src/kernel/db.ts';
import { runMigrations } from '../src/kernel/migrate.ts';
import { transact } from '../src/kernel/usecase.ts';
import { recordAudit, verifyAuditTrail } from '../src/modules/audit/index.ts';
import { benchCapacity } from './capacity.ts';
import { benchReportsHere, benchReportsOn } from './reports.ts';
import { benchStart } from './start.ts';

const N = Number(process.env.BENCH_EVENTS ?? 2000);
const actor = systemActor('bench');

async function time(label: string, work: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await work();
  const ms = performance.now() - start;
  console.log(`${label.padEnd(48)} ${ms.toFixed(0).padStart(7)} ms`);
  return ms;
}

const url = process.env.DATABASE_URL;
const database = await openDatabase({ databaseUrl: url });
await runMigrations(database, url);
const { db } = database;

/** 1–3: the audit trail and the capacity heat map. */
async function benchAuditAndCapacity() {
  await db.execute(
    sql`CREATE TEMP TABLE IF NOT EXISTS bench_plain (id bigserial, entity_id text, payload jsonb, at timestamptz)`,
  );

  console.log(`Tollgate benchmarks on ${database.kind}, ${N} events\n`);
  const baselineAppend = await time('baseline: write + plain event insert', async () => {
    for (let i = 0; i < N; i++) {
      await transact(db, async ({ tx }) => {
        await tx.execute(
          sql`INSERT INTO bench_plain (entity_id, payload, at) VALUES (${`r${i % 50}`}, ${JSON.stringify({ i })}::jsonb, now())`,
        );
        await tx.execute(
          sql`INSERT INTO bench_plain (entity_id, payload, at) VALUES (${`r${i % 50}`}, ${JSON.stringify({ after: { i } })}::jsonb, now())`,
        );
      });
    }
  });
  const chained = await time('tollgate: write + recordAudit (hash chain)', async () => {
    for (let i = 0; i < N; i++) {
      await transact(db, async ({ tx }) => {
        await tx.execute(
          sql`INSERT INTO bench_plain (entity_id, payload, at) VALUES (${`r${i % 50}`}, ${JSON.stringify({ i })}::jsonb, now())`,
        );
        await recordAudit(tx, actor, { entityType: 'bench', entityId: `r${i % 50}`, action: 'bench.write', after: { i } });
      });
    }
  });
  const baselineScan = await time('baseline: SELECT every audit event', async () => {
    await db.execute(sql`SELECT * FROM audit_events ORDER BY chain_key, chain_seq`);
  });
  let events = 0;
  const verify = await time('tollgate: verifyAuditTrail', async () => {
    const result = await verifyAuditTrail(db);
    if (!result.ok) throw new Error('the chain should verify');
    events = result.events;
  });
  console.log(`\naudit append ratio (chained / plain):   ${(chained / baselineAppend).toFixed(2)}×`);
  console.log(`audit verify ratio (verify / raw scan): ${(verify / baselineScan).toFixed(2)}× over ${events} events`);
  await benchCapacity(database, {
    people: Number(process.env.BENCH_PEOPLE ?? 2000),
    skills: 20,
    projects: 200,
    allocations: Number(process.env.BENCH_ALLOCATIONS ?? 10_000),
  });
}

// BENCH_ONLY=reports runs 4 and 5 alone (the ones over generated data).
const onlyReports = process.env.BENCH_ONLY === 'reports';
if (!onlyReports) await benchAuditAndCapacity();
const generated = (process.env.BENCH_GENERATED ?? '').split(',').filter(Boolean);
if (generated.length) await benchReportsOn(generated);
else await benchReportsHere(database);
await database.close();
if (!onlyReports) await benchStart();
