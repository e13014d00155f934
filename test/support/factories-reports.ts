/**
 * Small factories for status report tests on an EMPTY database with the factory organisation
 * (factories-standards.ts): a project type whose standard reports weekly on a few dimensions,
 * projects with a go-ahead and a baseline, made through the use cases as an approval would.
 */
import { eq } from 'drizzle-orm';
import { systemActor } from '../../src/kernel/actor.ts';
import { addDays, today } from '../../src/kernel/dates.ts';
import type { Db } from '../../src/kernel/db.ts';
import { transact } from '../../src/kernel/usecase.ts';
import { projectBaselines, projects } from '../../src/kernel/schema.ts';
import { type CurvePoint, createProjectInTx, setBaselineInTx } from '../../src/modules/projects/index.ts';
import { type StandardDefinition, createProjectType } from '../../src/modules/standards/index.ts';
import { type Organisation, sampleDefinition } from './factories-standards.ts';

let counter = 0;
const next = () => ++counter;

/**
 * A project type of the enterprise PMO whose standard reports `cadence` (weekly by default) on
 * `dimensions`, with 2 grace days and 3 days to escalation unless told otherwise.
 */
export async function makeReportingType(
  db: Db,
  org: Organisation,
  reporting: Partial<StandardDefinition['reporting']> = {},
  approvals?: StandardDefinition['approvals'],
): Promise<string> {
  const definition = sampleDefinition(0);
  if (approvals) definition.approvals = approvals;
  definition.reporting = {
    cadence: 'weekly',
    ragDimensions: ['schedule', 'cost', 'scope'],
    graceDays: 2,
    escalateAfterDays: 3,
    ...reporting,
  };
  const n = next();
  const type = await createProjectType(db, systemActor('factory'), {
    code: `RPT${n}`,
    name: `Reporting type ${n}`,
    pmoId: org.pmos.enterprise.id,
    definition,
  });
  return type.id;
}

/** A straight planned-value curve from `from` to `to` ending at `bac`. */
export function straightCurve(from: string, to: string, bac: number): CurvePoint[] {
  return [
    { date: from, plannedValue: 0 },
    { date: to, plannedValue: bac },
  ];
}

export interface ReportingProjectOptions {
  typeId: string;
  projectManagerId: string;
  sponsorId?: string | null;
  /** Days before today of the go-ahead; null: no go-ahead yet. Default 70. */
  goAheadDaysAgo?: number | null;
  /** Days after today of the planned finish. Default 200. */
  finishInDays?: number;
  bac?: number;
  /** Set a baseline (default true): a straight curve from the go-ahead day to the planned finish. */
  baseline?: boolean;
}

/** A project of the enterprise PMO with a go-ahead and a baseline, as an approved request leaves it. */
export async function makeReportingProject(db: Db, org: Organisation, options: ReportingProjectOptions) {
  const n = next();
  const system = systemActor('factory');
  const goAheadDaysAgo = options.goAheadDaysAgo === undefined ? 70 : options.goAheadDaysAgo;
  const start = addDays(today(), -(goAheadDaysAgo ?? 0));
  const finish = addDays(today(), options.finishInDays ?? 200);
  const bac = options.bac ?? 100_000;
  return transact(db, async ({ tx }) => {
    const project = await createProjectInTx(
      tx,
      system,
      {
        code: `RP-${n}-${Math.random().toString(36).slice(2, 6)}`,
        name: `Reporting project ${n}`,
        pmoId: org.pmos.enterprise.id,
        projectTypeId: options.typeId,
        projectManagerId: options.projectManagerId,
        sponsorId: options.sponsorId ?? null,
        startDate: start,
        plannedFinishDate: finish,
        budget: bac,
      },
      goAheadDaysAgo === null ? {} : { goAheadAt: new Date(`${start}T10:00:00Z`) },
    );
    if (options.baseline !== false) {
      await setBaselineInTx(tx, system, project.id, { bac, curve: straightCurve(start, finish, bac), reason: 'approved plan' });
    }
    return { id: project.id, code: project.code, goAheadOn: goAheadDaysAgo === null ? null : start, plannedFinish: finish, bac };
  });
}

/** Moves a baseline version back in time, as if it had been set `daysAgo` days ago. */
export async function backdateBaseline(db: Db, projectId: string, number: number, daysAgo: number): Promise<void> {
  const at = new Date(`${addDays(today(), -daysAgo)}T08:00:00Z`);
  const rows = await db.select().from(projectBaselines).where(eq(projectBaselines.projectId, projectId));
  const row = rows.find((r) => r.number === number);
  if (!row) throw new Error(`project ${projectId} has no baseline ${number}`);
  await db.update(projectBaselines).set({ createdAt: at }).where(eq(projectBaselines.id, row.id));
}

export async function setProjectState(db: Db, projectId: string, state: 'active' | 'on_hold' | 'closed' | 'terminated') {
  await db.update(projects).set({ state }).where(eq(projects.id, projectId));
}

/** A complete, all-green report body for `asOf` on a project reporting on schedule, cost and scope. */
export function greenReport(asOf: string, extra: Record<string, unknown> = {}) {
  return {
    asOf,
    percentComplete: 30,
    actualCost: 30_000,
    rag: { overall: 'green', schedule: 'green', cost: 'green', scope: 'green' },
    ragReasons: {},
    forecastFinish: addDays(today(), 200),
    accomplishments: 'Design signed off.',
    nextSteps: 'Build the first release.',
    helpNeeded: '',
    ...extra,
  };
}
