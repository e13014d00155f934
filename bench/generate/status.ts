/**
 * The project_status row of every generated project, as the report use cases leave it: worked
 * out by the reports module's own computeProjectStatus from the rows just written (owed period,
 * latest and latest accepted report, RAG, figures and the PMO's record counters), then written in
 * batches. Then the real sweep of overdue reports runs once, as the job queue would: it reminds
 * the managers of overdue reports and escalates to the PMO leads, with its notices, inbox
 * notifications and audit events, and marks escalated projects.
 */
import type { Database } from '../../src/kernel/db.ts';
import { computeProjectStatus, sweepStatusReports, type SweepResult } from '../../src/modules/reports/index.ts';
import type { PlannedProject } from './projects.ts';
import { Progress, type Row, insertRows } from './support.ts';

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Writes the status rows of `planned`; on PostgreSQL several projects are worked out at once. */
export async function fillProjectStatus(
  database: Database,
  planned: readonly PlannedProject[],
  today: string,
  quiet = false,
): Promise<void> {
  const { db } = database;
  // PGlite is one connection: one at a time. A pool takes a few at once.
  const lanes = database.kind === 'postgres' ? 6 : 1;
  const progress = quiet ? null : new Progress(planned.length, 'status rows');
  let next = 0;
  let done = 0;
  let pending: Row[] = [];
  const flush = async () => {
    const rows = pending;
    pending = [];
    await insertRows(db, 'project_status', rows);
  };
  const lane = async () => {
    while (next < planned.length) {
      const { row, type } = planned[next++]!;
      const values = await computeProjectStatus(db, { project: row, definition: type.definition }, today);
      if (!values) throw new Error(`project ${row.code} has no go-ahead: it cannot have a status row`);
      pending.push(Object.fromEntries(Object.entries(values).map(([k, v]) => [snake(k), v])));
      if (pending.length >= 1000) await flush();
      progress?.update(++done);
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  await flush();
  progress?.update(planned.length);
}

/** The sweep of overdue reports, once, for `today`. */
export function sweepOnce(database: Database, today: string): Promise<SweepResult> {
  return sweepStatusReports(database.db, { today });
}
