/**
 * What a change asked for on a project would do, read from the project as it is: who may ask, its
 * impact (BAC and variance, capacity left for the skill, milestones and finish that move,
 * infrastructure against the budget), the size the thresholds measure and the route it travels.
 */
import { sql } from 'drizzle-orm';
import type { Actor } from '../../kernel/actor.ts';
import { addDays } from '../../kernel/dates.ts';
import type { Queryable } from '../../kernel/db.ts';
import { AppError, type FieldIssue, invalid, notFound, validationFailed } from '../../kernel/errors.ts';
import { toNumber } from '../../kernel/rows.ts';
import { governedPmoIds } from '../org/index.ts';
import { canSeeProject, checkCurve, currentBaseline, isProjectManagerOf, projectWithDefinition } from '../projects/index.ts';
import { capacityLeft, monthRange, parseMonth } from '../resources/index.ts';
import type { StandardDefinition } from '../standards/index.ts';
import { firstYearCost, headlineOf, sizeOf, slip, subjectsOf } from './approvals.change.ts';
import { routeForProject } from './approvals.line.ts';
import * as repo from './approvals.repo.ts';
import type { Routing } from './approvals.routing.ts';
import { approvalRulesOf, userIdOf } from './approvals.rules.ts';
import type { Change, Impact } from './approvals.schema.ts';

const round2 = (n: number) => Math.round(n * 100) / 100;
/** A longer headcount request is a typo, not a plan. */
const MAX_MONTHS = 60;

type ProjectRow = NonNullable<Awaited<ReturnType<typeof projectWithDefinition>>>['project'];

/** Who asks for approvals on a project: its manager, and the staff of a PMO governing it. */
async function mayAskOn(db: Queryable, actor: Actor, project: ProjectRow): Promise<boolean> {
  if (!actor.permissions.has('approvals.request')) return false;
  if (await isProjectManagerOf(db, actor, project)) return true;
  return (await governedPmoIds(db, actor)).includes(project.pmoId);
}

export interface Assessment {
  project: ProjectRow;
  definition: StandardDefinition;
  change: Change;
  impact: Impact;
  size: Record<string, number>;
  routing: Routing;
  headline: string;
}

const emptyImpact = (): Impact => ({
  bac: null,
  budgetVariance: null,
  capacity: null,
  skill: null,
  person: null,
  finish: null,
  milestones: [],
  infrastructure: null,
});

const variance = (before: number, after: number) => ({
  amount: round2(after - before),
  percentOfBac: before > 0 ? round2(((after - before) / before) * 100) : null,
});

async function milestonesOf(db: Queryable, projectId: string) {
  const result = (await db.execute(
    sql`SELECT id::text AS id, name, baseline_date::text AS baseline_date FROM milestones WHERE project_id = ${projectId}::uuid ORDER BY baseline_date, name`,
  )) as unknown as { rows: { id: string; name: string; baseline_date: string }[] };
  return result.rows;
}

/** What the change would do, read from the project as it is: its impact, its size and the route. */
export async function assess(
  db: Queryable,
  actor: Actor,
  input: { projectId: string; change: Change },
  lock: boolean,
): Promise<Assessment> {
  const found = await projectWithDefinition(db, input.projectId, { lock });
  if (!found || !(await canSeeProject(db, actor, input.projectId))) throw notFound('project', input.projectId);
  const { project, definition } = found;
  if (!(await mayAskOn(db, actor, project))) {
    throw new AppError('FORBIDDEN', `only the manager of ${project.code} or the staff of its PMO ask for approvals on it`);
  }
  if (project.state === 'closed' || project.state === 'terminated') {
    throw new AppError('INVALID_STATE', `project ${project.code} is ${project.state}: it takes no approval requests`);
  }
  if (project.state === 'on_hold') {
    throw new AppError('INVALID_STATE', `project ${project.code} is on hold: approvals and new spending wait until it resumes`);
  }
  const baseline = await currentBaseline(db, project.id);
  const bac = baseline?.bac ?? toNumber(project.budget);
  const change = input.change;
  const impact = emptyImpact();
  let slipDays = 0;
  const issues: FieldIssue[] = [];
  switch (change.kind) {
    case 'budget_increase': {
      impact.bac = { before: bac, after: round2(bac + change.amount) };
      impact.budgetVariance = variance(bac, impact.bac.after);
      break;
    }
    case 'headcount': {
      const start = parseMonth(change.startMonth)!;
      const end = parseMonth(change.endMonth)!;
      if (end < start) throw invalid('change.endMonth', 'must not be before startMonth');
      const months = monthRange(start, end);
      if (months.length > MAX_MONTHS) throw invalid('change.endMonth', `a headcount request spans at most ${MAX_MONTHS} months`);
      const [row] = await capacityLeft(db, [change.skillId], months);
      if (!row) throw invalid('change.skillId', 'no such skill');
      const most = Math.max(0, ...row.cells.map((c) => c.capacityFte));
      if (change.fte > most) {
        throw invalid('change.fte', `is more than the ${most} FTE the people with ${row.name} could ever supply`);
      }
      if (change.personId) {
        const person = (await db.execute(
          sql`SELECT id::text AS id, name, active FROM people WHERE id = ${change.personId}::uuid`,
        )) as unknown as { rows: { id: string; name: string; active: boolean }[] };
        const named = person.rows[0];
        if (!named) throw invalid('change.personId', 'no such person');
        if (!named.active) throw invalid('change.personId', 'is not active');
        impact.person = { id: named.id, name: named.name };
      }
      impact.skill = { id: row.skillId, name: row.name };
      impact.capacity = row.cells.map((c) => ({
        month: c.month,
        capacityFte: c.capacityFte,
        freeFte: c.freeFte,
        freeAfterFte: round2(c.freeFte - change.fte),
      }));
      break;
    }
    case 'infrastructure': {
      const committed = await repo.committedInfrastructure(db, project.id);
      const cost = firstYearCost(change.cost, change.recurrence);
      impact.infrastructure = {
        firstYearCost: cost,
        committedBefore: committed,
        committedAfter: round2(committed + cost),
        budget: bac,
      };
      break;
    }
    case 'rebaseline': {
      for (const issue of checkCurve(change.bac, change.curve)) issues.push({ ...issue, field: `change.${issue.field}` });
      const finishAfter = change.plannedFinishDate ?? project.plannedFinishDate;
      if (finishAfter && project.startDate && finishAfter < project.startDate) {
        issues.push({
          field: 'change.plannedFinishDate',
          message: `must not be before the project's start (${project.startDate})`,
        });
      }
      const first = change.curve[0]?.date;
      if (finishAfter && first && first > finishAfter) {
        issues.push({ field: 'change.curve.0.date', message: 'the plan must start before its planned finish' });
      }
      const known = new Map((await milestonesOf(db, project.id)).map((m) => [m.id, m]));
      change.milestones.forEach((move, i) => {
        const milestone = known.get(move.milestoneId);
        if (!milestone) {
          issues.push({ field: `change.milestones.${i}.milestoneId`, message: 'no such milestone on this project' });
          return;
        }
        if (change.milestones.findIndex((m) => m.milestoneId === move.milestoneId) !== i) {
          issues.push({ field: `change.milestones.${i}.milestoneId`, message: 'named twice' });
          return;
        }
        impact.milestones.push({
          id: milestone.id,
          name: milestone.name,
          before: milestone.baseline_date,
          after: move.baselineDate,
          slipDays: slip(milestone.baseline_date, move.baselineDate),
        });
      });
      if (issues.length) throw validationFailed(issues);
      impact.bac = { before: bac, after: change.bac };
      impact.budgetVariance = variance(bac, change.bac);
      const finishSlip = slip(project.plannedFinishDate, finishAfter);
      impact.finish = { before: project.plannedFinishDate, after: finishAfter, slipDays: finishSlip };
      slipDays = Math.max(Math.abs(finishSlip), ...impact.milestones.map((m) => Math.abs(m.slipDays)));
      break;
    }
    case 'scope_change': {
      if (change.costImpact > 0) {
        impact.bac = { before: bac, after: round2(bac + change.costImpact) };
        impact.budgetVariance = variance(bac, impact.bac.after);
      }
      if (change.scheduleImpactDays > 0 && project.plannedFinishDate) {
        impact.finish = {
          before: project.plannedFinishDate,
          after: addDays(project.plannedFinishDate, change.scheduleImpactDays),
          slipDays: change.scheduleImpactDays,
        };
      }
      break;
    }
  }
  const size = sizeOf(change, { bac, slipDays }) as Record<string, number>;
  const routing = await routeForProject(db, project.id, {
    subject: subjectsOf(change, size),
    size,
    requesterUserId: userIdOf(actor),
    needsResourceManager: change.kind === 'headcount',
    quorum: approvalRulesOf(definition).quorum,
  });
  return { project, definition, change, impact, size, routing, headline: headlineOf(change, size) };
}
