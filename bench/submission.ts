/**
 * Report submission through the use case (createReport with submit: EVM against the baseline in
 * force, tolerances, mismatches, the project_status roll-up with the PMO's record counters, the
 * audit events and the webhook outbox) against a bare INSERT of the same status_reports row, in
 * turns in the same process on the same (generated) database.
 *
 * Fresh projects are planned by the generator into a PMO of their own (GEN-SUBMIT<n>, outside the
 * generated PMOs, so the dashboard benchmark's figures stay as generated), with baselines and a
 * milestone per gate; the reports the generator planned for them are what their managers submit,
 * period by period: every round submits the next period of every project. A bench webhook
 * subscribed to status_report.submitted makes each submission write its delivery job (the
 * outbox); its jobs and the webhook are removed afterwards. Each round runs the bare INSERTs of
 * the round's rows first (deleted again, untimed), then the submissions. The first half of the
 * rounds runs one at a time, the second half `concurrency` at once (on PostgreSQL), as several
 * managers submitting together. On PostgreSQL given its URL, the statements of one more submission
 * are then sent again bare (bench/submission-floor.ts): the database's share of the use case, and
 * what its writes alone cost.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Actor } from '../src/kernel/actor.ts';
import type { Database } from '../src/kernel/db.ts';
import { findUserByEmail, hashPassword, loadActor } from '../src/modules/auth/index.ts';
import { createReport } from '../src/modules/reports/index.ts';
import { BENCH_PASSWORD, CODE_PREFIX, type Organisation, loadGeneratedTypes } from './generate/org.ts';
import { emptyRows, planProject } from './generate/projects.ts';
import { type Row, insertRows, projectRandom } from './generate/support.ts';
import { timed } from './measure.ts';
import { type FloorFigures, submissionFloor } from './submission-floor.ts';

export interface SubmissionFigures {
  projects: number;
  rounds: number;
  sequential: { submissions: number; useCaseMs: number; insertMs: number };
  concurrent: { concurrency: number; submissions: number; useCaseMs: number; insertMs: number };
  /** On PostgreSQL given its URL: the statements of one more submission sent bare. */
  floor: FloorFigures | null;
}

interface Subject {
  projectId: string;
  actor: Actor;
  /** The planned first versions, by period. */
  reports: Row[];
  /** report id → its planned milestone forecasts. */
  forecasts: Map<string, { milestoneId: string; forecastDate: string }[]>;
}

const one = async <T>(database: Database, query: ReturnType<typeof sql>) =>
  ((await database.db.execute(query)) as unknown as { rows: T[] }).rows[0];

/** Plans and writes the bench's projects without their reports; gives each project's planned reports. */
async function prepare(database: Database, projects: number, rounds: number): Promise<Subject[]> {
  const { db } = database;
  const root = await one<{ id: string }>(database, sql`SELECT id::text AS id FROM org_units WHERE code = ${CODE_PREFIX}`);
  const ceo = await one<{ id: string }>(
    database,
    sql`SELECT id::text AS id FROM executive_positions WHERE code = ${`${CODE_PREFIX}-CEO`}`,
  );
  if (!root || !ceo) throw new Error('no generated organisation here: run npm run bench:generate first');
  const types = await loadGeneratedTypes(db);
  const run =
    Number(
      (await one<{ n: unknown }>(database, sql`SELECT count(*) AS n FROM pmos WHERE code LIKE ${`${CODE_PREFIX}-SUBMIT%`}`))?.n ??
        0,
    ) + 1;
  const code = `${CODE_PREFIX}-SUBMIT${run}`;
  const now = new Date();
  const stamp = { version: 1, created_at: now, updated_at: now };
  const unitId = randomUUID();
  const pmoId = randomUUID();
  const portfolioId = randomUUID();
  await insertRows(db, 'org_units', [
    { id: unitId, parent_id: root.id, code, name: `Submission benchmark ${run}`, description: null, ...stamp },
  ]);
  await insertRows(db, 'pmos', [
    {
      id: pmoId,
      code,
      name: `Submission benchmark PMO ${run}`,
      description: 'Projects whose reports the submission benchmark submits.',
      level: 'program',
      orientation: 'it',
      reports_to_position_id: ceo.id,
      parent_pmo_id: null,
      ...stamp,
    },
  ]);
  await insertRows(db, 'pmo_scope', [{ pmo_id: pmoId, org_unit_id: unitId }]);
  await insertRows(db, 'portfolios', [
    { id: portfolioId, pmo_id: pmoId, code: `${code}-PF`, name: `Submission benchmark ${run}`, kind: 'portfolio', ...stamp },
  ]);
  // A manager per six projects, as in the generated organisation.
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const managers = Array.from({ length: Math.ceil(projects / 6) }, (_, k) => ({
    personId: randomUUID(),
    userId: randomUUID(),
    email: `submit${run}.pm.${k + 1}@bench.example`,
  }));
  await insertRows(
    db,
    'people',
    managers.map((m, k) => ({
      id: m.personId,
      name: `Submitting manager ${k + 1}`,
      email: m.email,
      job_title: 'Project manager',
      org_unit_id: unitId,
      ...stamp,
    })),
  );
  await insertRows(
    db,
    'users',
    managers.map((m, k) => ({
      id: m.userId,
      email: m.email,
      display_name: `Submitting manager ${k + 1}`,
      password_hash: passwordHash,
      person_id: m.personId,
      active: true,
      ...stamp,
    })),
  );
  await insertRows(
    db,
    'user_roles',
    managers.map((m) => ({ user_id: m.userId, role: 'project_manager' })),
  );
  const org: Organisation = {
    types,
    programPmos: [
      {
        id: pmoId,
        code,
        divisionIndex: 0,
        departmentIds: [unitId],
        portfolioIds: [portfolioId],
        reviewerUserIds: [],
        leadUserIds: [],
      },
    ],
    projectManagers: managers,
    sponsorIds: [managers[0]!.personId],
    lead: { userId: '', personId: '', email: '', pmoId },
    adminUserId: '',
  };
  const rows = emptyRows();
  const ctx = { org, projects, reportsPerProject: rounds, now };
  // Indices beyond the generated projects' codes: GEN-5xxxxx, after the earlier runs' projects.
  const last = await one<{ code: string | null }>(
    database,
    sql`SELECT max(code) AS code FROM projects WHERE code LIKE ${`${CODE_PREFIX}-5_____`}`,
  );
  const first = last?.code ? Number(last.code.slice(CODE_PREFIX.length + 1)) : 500_000;
  if (first + projects > 999_999) throw new Error('too many submission benchmark runs on this database');
  const planned = Array.from({ length: projects }, (_, k) => planProject(ctx, first + k, projectRandom(run, first + k), rows));
  for (const table of ['projects', 'project_members', 'project_baselines', 'milestones'] as const)
    await insertRows(db, table, rows[table]);

  const actors = new Map<string, Actor>();
  for (const m of managers) actors.set(m.personId, await loadActor(db, (await findUserByEmail(db, m.email))!));
  const forecasts = new Map<string, { milestoneId: string; forecastDate: string }[]>();
  for (const f of rows.milestone_forecasts) {
    const list = forecasts.get(String(f.report_id)) ?? [];
    list.push({ milestoneId: String(f.milestone_id), forecastDate: String(f.forecast_date) });
    forecasts.set(String(f.report_id), list);
  }
  return planned.map(({ row }) => ({
    projectId: row.id,
    actor: actors.get(row.projectManagerId!)!,
    // A period revised after a return keeps its first version only: the use case starts each period anew.
    reports: rows.status_reports.filter((r) => r.project_id === row.id && r.revision === 1),
    forecasts,
  }));
}

/** The body a manager submits for a planned report version. */
function bodyOf(report: Row, forecasts: Subject['forecasts']) {
  return {
    asOf: String(report.as_of),
    percentComplete: Number(report.percent_complete),
    actualCost: Number(report.actual_cost),
    rag: report.rag as Record<string, 'green' | 'amber' | 'red'>,
    ragReasons: report.rag_reasons as Record<string, string>,
    forecastFinish: String(report.forecast_finish),
    accomplishments: String(report.accomplishments),
    nextSteps: String(report.next_steps),
    helpNeeded: String(report.help_needed),
    milestoneForecasts: forecasts.get(String(report.id)) ?? [],
    submit: true,
  };
}

/** Runs `work` over the items, `lanes` at a time, and gives the wall time in ms. */
async function inLanes<T>(items: readonly T[], lanes: number, work: (item: T) => Promise<void>): Promise<number> {
  let next = 0;
  return timed(() =>
    Promise.all(
      Array.from({ length: Math.min(lanes, items.length) }, async () => {
        while (next < items.length) await work(items[next++]!);
      }),
    ),
  );
}

async function addWebhook(database: Database): Promise<string> {
  const id = randomUUID();
  await insertRows(database.db, 'webhooks', [
    {
      id,
      url: 'http://127.0.0.1:9/tollgate-bench',
      description: 'The submission benchmark: its deliveries are removed after the run.',
      events: ['status_report.submitted'],
      active: true,
      secret: randomBytes(24).toString('hex'),
    },
  ]);
  return id;
}

/** The bench webhook's queued deliveries and the webhook itself, gone. */
async function removeWebhook(database: Database, id: string): Promise<void> {
  const key = `webhook:${id}:%`;
  if (database.kind === 'postgres') {
    await database.db.execute(sql`SELECT graphile_worker.remove_job(key) FROM graphile_worker.jobs WHERE key LIKE ${key}`);
  } else {
    await database.db.execute(sql`DELETE FROM jobs WHERE key LIKE ${key}`);
  }
  await database.db.execute(sql`DELETE FROM webhook_deliveries WHERE webhook_id = ${id}::uuid`);
  await database.db.execute(sql`DELETE FROM webhooks WHERE id = ${id}::uuid`);
}

/**
 * Submits `rounds` periods of `projects` fresh projects, against bare INSERTs of the same rows.
 * @example await benchSubmission(database, { projects: 200, rounds: 10, concurrency: 8 })
 */
export async function benchSubmission(
  database: Database,
  options: { projects?: number; rounds?: number; concurrency?: number; databaseUrl?: string } = {},
): Promise<SubmissionFigures> {
  const projects = options.projects ?? Number(process.env.BENCH_SUBMIT_PROJECTS ?? 200);
  const rounds = options.rounds ?? Number(process.env.BENCH_SUBMIT_ROUNDS ?? 10);
  const concurrency =
    database.kind === 'postgres' ? (options.concurrency ?? Number(process.env.BENCH_SUBMIT_CONCURRENCY ?? 8)) : 1;
  if (rounds < 10) throw new Error('the submission benchmark needs at least 10 rounds (periods)');
  // One period more than the rounds: the submission whose statements the floor sends again.
  const subjects = await prepare(database, projects, rounds + 1);
  const webhookId = await addWebhook(database);
  await insertRows(database.db, 'status_reports', []);
  const figures: SubmissionFigures = {
    projects,
    rounds,
    sequential: { submissions: 0, useCaseMs: 0, insertMs: 0 },
    concurrent: { concurrency, submissions: 0, useCaseMs: 0, insertMs: 0 },
    floor: null,
  };
  try {
    for (let round = 0; round < rounds; round++) {
      const part = round < rounds / 2 ? figures.sequential : figures.concurrent;
      const lanes = round < rounds / 2 ? 1 : concurrency;
      const due = subjects.filter((s) => s.reports[round]);
      // The bare INSERT of the row the use case will write (a fresh id), removed again untimed.
      const copies = due.map((s) => ({ ...s.reports[round]!, id: randomUUID() }));
      part.insertMs += await inLanes(copies, lanes, (row) => insertRows(database.db, 'status_reports', [row]));
      await database.db.execute(
        sql`DELETE FROM status_reports WHERE id IN (${sql.join(
          copies.map((c) => sql`${c.id}::uuid`),
          sql`, `,
        )})`,
      );
      part.useCaseMs += await inLanes(due, lanes, async (s) => {
        const planned = s.reports[round]!;
        const view = await createReport(database.db, s.actor, s.projectId, bodyOf(planned, s.forecasts));
        // The use case's figures are the generator's: the same pure functions on the same input.
        if (JSON.stringify(evmShown(view.evm)) !== JSON.stringify(evmShown(planned.evm)) || view.mismatch !== planned.mismatch) {
          throw new Error(
            `submission of ${s.projectId} ${String(planned.as_of)}: the stored figures differ from the planned ones`,
          );
        }
      });
      part.submissions += due.length;
    }
    const last = subjects.find((s) => s.reports[rounds]);
    if (database.kind === 'postgres' && options.databaseUrl && last) {
      figures.floor = await submissionFloor(options.databaseUrl, (db) =>
        createReport(db, last.actor, last.projectId, bodyOf(last.reports[rounds]!, last.forecasts)),
      );
    }
  } finally {
    await removeWebhook(database, webhookId);
  }
  const rate = (part: { submissions: number; useCaseMs: number }) => (part.submissions / part.useCaseMs) * 1000;
  for (const [label, part] of [
    ['one at a time', figures.sequential],
    [`${concurrency} at once`, figures.concurrent],
  ] as const) {
    console.log(
      `submission ${label.padEnd(13)} ${String(part.submissions).padStart(5)} reports: use case ${rate(part).toFixed(0)}/s (${(part.useCaseMs / part.submissions).toFixed(2)} ms each), bare INSERT ${rate({ submissions: part.submissions, useCaseMs: part.insertMs }).toFixed(0)}/s, ratio ${(part.useCaseMs / part.insertMs).toFixed(2)}×`,
    );
  }
  return figures;
}

/** The figures of an Evm that DESIGN.md fixes, in one order. */
function evmShown(evm: unknown) {
  const e = evm as Record<string, unknown>;
  return Object.fromEntries(
    ['bac', 'pv', 'ev', 'ac', 'sv', 'cv', 'spi', 'cpi', 'eac', 'etc', 'vac', 'tcpi'].map((k) => [k, e[k]]),
  );
}
