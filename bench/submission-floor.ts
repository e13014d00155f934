/**
 * The floor under a submission, on PostgreSQL: the statements the use case sends for one report,
 * captured from a submission whose transaction is rolled back instead of committed, are sent again
 * as they were by a bare `pg` client, each time in a transaction rolled back: all of them (the
 * database's share of the use case; the rest of its time is Node's), and its writes alone (the
 * report row, its forecasts, the audit event, the outbox job, the status row: what any way of
 * submitting must write), against the bare INSERT of the same report row run the same way.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Db } from '../src/kernel/db.ts';
import { timed } from './measure.ts';

export interface FloorFigures {
  statements: number;
  writes: number;
  /** ms per run, each in a transaction rolled back */
  allMs: number;
  writesMs: number;
  bareInsertMs: number;
}

interface Statement {
  text: string;
  params: unknown[];
}

class Captured extends Error {}

const isWrite = (s: Statement) => /^\s*(insert|update|delete)\b/i.test(s.text) || s.text.includes('add_job(');
const isReportInsert = (s: Statement) => s.text.startsWith('insert into "status_reports"');

/**
 * The statements `submit` sends through the database it is given, with its commit turned into a
 * rollback: nothing of it stays.
 */
async function capture(url: string, submit: (db: Db) => Promise<unknown>): Promise<Statement[]> {
  const statements: Statement[] = [];
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const db = drizzle(pool, {
    casing: 'snake_case',
    logger: {
      logQuery(text, params) {
        // Thrown before the commit is sent: drizzle rolls the transaction back.
        if (text === 'commit') throw new Captured('captured');
        if (text !== 'begin' && text !== 'rollback') statements.push({ text, params });
      },
    },
  }) as unknown as Db;
  try {
    await submit(db);
    throw new Error('the submission committed: nothing to capture');
  } catch (err) {
    if (!(err instanceof Captured)) throw err;
  } finally {
    await pool.end();
  }
  return statements;
}

/** Sends `statements` in a transaction rolled back; the report id the database gave replaces the captured one. */
async function replay(client: pg.Client, statements: readonly Statement[], capturedId: string): Promise<void> {
  let id = capturedId;
  const swap = (v: unknown) => (typeof v === 'string' && v.includes(capturedId) ? v.split(capturedId).join(id) : v);
  await client.query('begin');
  for (const s of statements) {
    const result = await client.query(s.text, s.params.map(swap));
    if (isReportInsert(s)) id = String(result.rows[0].id);
  }
  await client.query('rollback');
}

/**
 * Captures one submission (`submit` is handed the database to run it on) and measures its floor.
 * @example await submissionFloor(url, (db) => createReport(db, actor, projectId, body))
 */
export async function submissionFloor(url: string, submit: (db: Db) => Promise<unknown>, runs = 300): Promise<FloorFigures> {
  const statements = await capture(url, submit);
  const insert = statements.find(isReportInsert);
  if (!insert) throw new Error('the captured submission inserted no report');
  const forecast = statements.find((s) => s.text.startsWith('insert into "milestone_forecasts"'));
  // The id the database gave the report, as the statements after its INSERT carry it.
  const capturedId = forecast ? String(forecast.params[0]) : '00000000-0000-0000-0000-000000000000';
  const writes = statements.filter(isWrite);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const kinds = {
      all: () => replay(client, statements, capturedId),
      writes: () => replay(client, writes, capturedId),
      bare: () => replay(client, [insert], capturedId),
    };
    const totals = { all: 0, writes: 0, bare: 0 };
    for (const work of Object.values(kinds)) for (let i = 0; i < 20; i++) await work();
    // In turns, so that a busy moment weighs on all three alike.
    for (let i = 0; i < runs; i++) {
      for (const [kind, work] of Object.entries(kinds)) totals[kind as keyof typeof totals] += await timed(work);
    }
    const figures: FloorFigures = {
      statements: statements.length,
      writes: writes.length,
      allMs: totals.all / runs,
      writesMs: totals.writes / runs,
      bareInsertMs: totals.bare / runs,
    };
    const times = (v: number) => `${v.toFixed(2)} ms, ${(v / figures.bareInsertMs).toFixed(1)}×`;
    console.log(
      `submission floor, each rolled back: the use case's ${figures.statements} statements sent bare ${times(figures.allMs)}; its ${figures.writes} writes alone ${times(figures.writesMs)}; the bare INSERT ${figures.bareInsertMs.toFixed(2)} ms`,
    );
    return figures;
  } finally {
    await client.end();
  }
}
