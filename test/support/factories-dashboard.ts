/**
 * Factories for the portfolio dashboard's tests on an EMPTY database with the factory
 * organisation (factories-standards.ts): projects of any PMO, portfolio and phase, with a go-ahead
 * and a straight baseline, made through the use cases as an approval would; a reporting type of
 * any PMO; a portfolio.
 */
import { sql } from 'drizzle-orm';
import { systemActor } from '../../src/kernel/actor.ts';
import { addDays, today } from '../../src/kernel/dates.ts';
import type { Db } from '../../src/kernel/db.ts';
import { transact } from '../../src/kernel/usecase.ts';
import { createPortfolio } from '../../src/modules/portfolio/index.ts';
import { createProjectInTx, setBaselineInTx } from '../../src/modules/projects/index.ts';
import { type StandardDefinition, createProjectType } from '../../src/modules/standards/index.ts';
import { straightCurve } from './factories-reports.ts';
import { sampleDefinition } from './factories-standards.ts';

let counter = 0;
const next = () => ++counter;
const factory = () => systemActor('factory');

/** A project type of `pmoId` reporting weekly on schedule, cost and scope, 2 grace days, 3 to escalation. */
export async function makeTypeOf(db: Db, pmoId: string, reporting: Partial<StandardDefinition['reporting']> = {}) {
  const definition = sampleDefinition(0);
  definition.reporting = {
    cadence: 'weekly',
    ragDimensions: ['schedule', 'cost', 'scope'],
    graceDays: 2,
    escalateAfterDays: 3,
    ...reporting,
  };
  const n = next();
  const type = await createProjectType(db, factory(), { code: `DT${n}`, name: `Dashboard type ${n}`, pmoId, definition });
  return type.id;
}

export async function makePortfolioOf(db: Db, pmoId: string, name = `Portfolio ${next()}`) {
  const portfolio = await createPortfolio(db, factory(), { code: `PF${next()}`, name, pmoId });
  return portfolio.id;
}

export interface DashboardProjectOptions {
  pmoId: string;
  typeId: string;
  projectManagerId: string;
  portfolioId?: string | null;
  phaseKey?: string;
  /** Days before today of the go-ahead (the baseline starts that day); null: no go-ahead. */
  goAheadDaysAgo: number | null;
  /** Days after today of the planned finish (the baseline ends that day). */
  finishInDays: number;
  bac: number;
  name?: string;
}

/**
 * A project with a baseline straight from the go-ahead day to the planned finish (PV on a day is
 * BAC × days since go-ahead / days of the plan); without a go-ahead it has a budget but no baseline.
 */
export async function makeDashboardProject(db: Db, options: DashboardProjectOptions) {
  const n = next();
  const system = factory();
  const start = addDays(today(), -(options.goAheadDaysAgo ?? 0));
  const finish = addDays(today(), options.finishInDays);
  return transact(db, async ({ tx }) => {
    const project = await createProjectInTx(
      tx,
      system,
      {
        code: `DB-${n}-${Math.random().toString(36).slice(2, 6)}`,
        name: options.name ?? `Dashboard project ${n}`,
        pmoId: options.pmoId,
        portfolioId: options.portfolioId ?? null,
        projectTypeId: options.typeId,
        phaseKey: options.phaseKey,
        projectManagerId: options.projectManagerId,
        startDate: start,
        plannedFinishDate: finish,
        budget: options.bac,
      },
      options.goAheadDaysAgo === null ? {} : { goAheadAt: new Date(`${start}T10:00:00Z`) },
    );
    if (options.goAheadDaysAgo !== null) {
      await setBaselineInTx(tx, system, project.id, {
        bac: options.bac,
        curve: straightCurve(start, finish, options.bac),
        reason: 'approved plan',
      });
    }
    return { id: project.id, code: project.code, start, finish };
  });
}

/** Moves a submitted report version's submission back by `days` days, as if it had been sent then. */
export async function backdateSubmission(db: Db, reportId: string, days: number): Promise<void> {
  await db.execute(
    sql`UPDATE status_reports SET submitted_at = submitted_at - make_interval(days => ${days}) WHERE id = ${reportId}::uuid`,
  );
}
