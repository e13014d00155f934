/**
 * One generated project with its year of weekly reporting, planned with no I/O: the project row
 * and its manager and sponsor grants, its cost baselines (a few re-baselined midway), a key
 * milestone per gate of its standard, and a status report for every weekly period from its
 * go-ahead that has ended (52 by default), each with the earned value, computed RAG and
 * mismatches that the reports module's own pure functions give for its figures, as a submission
 * stores them; the milestone forecasts of each report, and the PMO's reviews (a few returned and
 * revised). What the project owes today follows from how long ago its go-ahead was: most are up
 * to date, about one in ten is overdue and one in twenty escalated.
 */
import { randomUUID } from 'node:crypto';
import { addDays, daysBetween } from '../../src/kernel/dates.ts';
import { type CurvePoint, plannedValueAt } from '../../src/modules/projects/index.ts';
import {
  type Rag,
  type ReportingProject,
  computeRag,
  earnedValue,
  findMismatches,
  periodOf,
  worstRag,
} from '../../src/modules/reports/index.ts';
import type { GeneratedType, Organisation } from './org.ts';
import { CODE_PREFIX, LEAD_EMAIL } from './org.ts';
import { scoreRisk } from '../../src/modules/raid/index.ts';
import { type Random, type Row, between, gaussian, intBetween, pick } from './support.ts';

/** The rows of a batch of projects, by table, in the order they are inserted (foreign keys). */
export interface ProjectRows {
  projects: Row[];
  project_members: Row[];
  project_baselines: Row[];
  milestones: Row[];
  status_reports: Row[];
  milestone_forecasts: Row[];
  status_report_reviews: Row[];
  risks: Row[];
  risk_assessments: Row[];
}

export const TABLE_ORDER: (keyof ProjectRows)[] = [
  'projects',
  'project_members',
  'project_baselines',
  'milestones',
  'status_reports',
  'milestone_forecasts',
  'status_report_reviews',
  'risks',
  'risk_assessments',
];

export const emptyRows = (): ProjectRows => ({
  projects: [],
  project_members: [],
  project_baselines: [],
  milestones: [],
  status_reports: [],
  milestone_forecasts: [],
  status_report_reviews: [],
  risks: [],
  risk_assessments: [],
});

export interface PlanContext {
  org: Organisation;
  projects: number;
  /** Weekly reports each project has submitted (periods ended since its go-ahead). */
  reportsPerProject: number;
  /** The moment the data is generated for: nothing is submitted or reviewed after it. */
  now: Date;
}

/** What the status step needs of a planned project: the product's ProjectRow and its standard. */
type ProjectRow = ReportingProject['project'];

export interface PlannedProject {
  row: ProjectRow;
  type: GeneratedType;
}

const DAY_MS = 86_400_000;
const isoDay = (at: Date) => at.toISOString().slice(0, 10);
const at = (day: string, hour: number, minute = 0) =>
  new Date(`${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`);
const clamp = (v: number, low: number, high: number) => Math.min(high, Math.max(low, v));
const round2 = (v: number) => Math.round(v * 100) / 100;
/** The earlier of two ISO days: they compare as strings, which Math.min cannot do. */
const earlierDay = (a: string, b: string) => (a <= b ? a : b);

const SUBJECTS = [
  'CRM',
  'ERP',
  'Data platform',
  'Payroll',
  'Warehouse',
  'Billing',
  'Customer portal',
  'Network',
  'Identity',
  'Procurement',
  'Mobile app',
  'Call centre',
  'Fleet',
  'Document management',
  'Pricing',
  'Field service',
];
const ACTIONS = ['replacement', 'migration', 'upgrade', 'roll-out', 'consolidation', 'automation', 'redesign', 'modernisation'];
const ACCOMPLISHMENTS = [
  'Completed the sprint as planned and demonstrated it to the business.',
  'Closed the open design questions with the architecture board.',
  'Finished the supplier onboarding and signed the statement of work.',
  'Delivered the test environment; integration testing has started.',
  'Trained the first group of key users.',
  'Migrated the reference data and reconciled it with finance.',
  'Agreed the cut-over approach with operations.',
  'Resolved the two blocking defects from the last test cycle.',
];
const NEXT_STEPS = [
  'Start the next sprint and prepare the steering committee pack.',
  'Run the second test cycle and confirm the go-live criteria.',
  'Finalise the data migration rehearsal.',
  'Complete the security review and the penetration test.',
  'Prepare the gate review evidence.',
  'Hand over the runbooks to the service desk.',
];
const CONCERNS: Record<'scope' | 'quality' | 'risk' | 'resources', string[]> = {
  scope: ['Change requests from the business are waiting for a decision.', 'Two features moved to a later release.'],
  quality: ['The defect backlog grew in the last test cycle.', 'Performance tests show slow responses under load.'],
  risk: ['The supplier dependency is now a high risk.', 'A regulatory change may affect the design.'],
  resources: ['Two developers left the team; replacements are being hired.', 'Key users are not available for testing.'],
};
const HELP = ['A decision on the open change requests from the steering committee.', 'Budget approval for the extra test cycle.'];
const RETURN_COMMENTS = [
  'The actual cost leaves out the supplier invoice of this month; please add it.',
  'Please explain the forecast finish: it does not match the milestone forecasts.',
];

/** The reporting style of the manager: honest, a shade optimistic, or green whatever the numbers. */
type Style = 'honest' | 'optimistic' | 'always-green';

function workingDaysLater(from: Date, days: number): Date {
  const next = new Date(from.getTime());
  for (let left = days; left > 0; ) {
    next.setTime(next.getTime() + DAY_MS);
    if (next.getUTCDay() !== 0 && next.getUTCDay() !== 6) left--;
  }
  return next;
}

/** A milder S than smoothstep: a third of the work runs at an even pace, the rest ramps up and down. */
function sShape(x: number): number {
  const c = clamp(x, 0, 1);
  return 0.35 * c + 0.65 * c * c * (3 - 2 * c);
}

/** Cumulative points on the start, every 30 days, and the finish; `fraction(day)` of `bac`, never down, ending on BAC. */
function curveOf(start: string, finish: string, bac: number, fraction: (day: string) => number): CurvePoint[] {
  const points: CurvePoint[] = [{ date: start, plannedValue: 0 }];
  for (let day = addDays(start, 30); day < finish; day = addDays(day, 30)) {
    points.push({ date: day, plannedValue: round2(bac * fraction(day)) });
  }
  points.push({ date: finish, plannedValue: bac });
  for (let i = 1; i < points.length; i++) {
    points[i]!.plannedValue = Math.min(bac, Math.max(points[i]!.plannedValue, points[i - 1]!.plannedValue));
  }
  return points;
}

/** The type of the index-th project, by the types' shares. */
function typeOf(types: GeneratedType[], random: Random): GeneratedType {
  let r = random();
  for (const t of types) {
    if (r < t.weight) return t;
    r -= t.weight;
  }
  return types[types.length - 1]!;
}

/** How many days past the due day of the report it owes the project is today: its due state. */
function lateness(type: GeneratedType, random: Random): number {
  const { graceDays, escalateAfterDays } = type.definition.reporting;
  const r = random();
  if (r < 0.85) return intBetween(random, -6, graceDays);
  if (r < 0.95) return intBetween(random, graceDays + 1, graceDays + escalateAfterDays);
  return intBetween(random, graceDays + escalateAfterDays + 1, graceDays + escalateAfterDays + 21);
}

/**
 * Plans the index-th project into `out` and returns what the status step needs. Each project has
 * its own random source, so it comes out the same whatever batch it falls in.
 */
export function planProject(ctx: PlanContext, index: number, random: Random, out: ProjectRows): PlannedProject {
  const { org, now } = ctx;
  const today = isoDay(now);
  const perPmo = ctx.projects / org.programPmos.length;
  const pmo = org.programPmos[Math.min(org.programPmos.length - 1, Math.floor(index / perPmo))]!;
  const manager = org.projectManagers[Math.min(org.projectManagers.length - 1, Math.floor(index / 6))]!;
  const sponsorId = org.sponsorIds[Math.min(org.sponsorIds.length - 1, Math.floor(index / 25))]!;
  const type = typeOf(org.types, random);
  const { reporting, tolerances, phases, gates } = type.definition;
  const id = randomUUID();
  const code = `${CODE_PREFIX}-${String(index + 1).padStart(6, '0')}`;

  // The report owed today is period `reportsPerProject` (0-based): its due day sets the go-ahead day.
  const late = lateness(type, random);
  const owedDue = addDays(today, -late);
  const goAheadDay = addDays(owedDue, -(7 * (ctx.reportsPerProject + 1) - 1));
  const goAheadAt = at(goAheadDay, 10 + Math.floor(random() * 6), 0);
  const startDate = addDays(goAheadDay, intBetween(random, 0, 7));
  // Most run beyond the year reported on; a fifth were planned to finish within it.
  const duration = random() < 0.2 ? intBetween(random, 250, 380) : intBetween(random, 420, 900);
  const plannedFinish = addDays(startDate, duration);
  const bac1 = clamp(Math.round(Math.exp(gaussian(random, Math.log(450_000), 0.8)) / 1000) * 1000, 40_000, 25_000_000);
  const plan = (day: string) => sShape(daysBetween(startDate, day) / duration);

  // Performance: where the project tends (healthy 60 %, strained 25 %, troubled 15 %) and a random walk around it.
  const health = random();
  const [spiBase, cpiBase] =
    health < 0.6
      ? [gaussian(random, 1.01, 0.025), gaussian(random, 1.02, 0.025)]
      : health < 0.85
        ? [gaussian(random, 0.95, 0.015), gaussian(random, 0.96, 0.015)]
        : [gaussian(random, 0.87, 0.03), gaussian(random, 0.88, 0.03)];
  const style: Style = ((r) => (r < 0.7 ? 'honest' : r < 0.9 ? 'optimistic' : 'always-green'))(random());
  const state = random() < 0.02 ? 'on_hold' : 'active';

  // Baselines: the first with the go-ahead; one in sixteen re-baselined midway with a larger BAC.
  const baselines: { id: string; bac: number; curve: CurvePoint[]; from: string }[] = [
    { id: randomUUID(), bac: bac1, curve: curveOf(startDate, plannedFinish, bac1, plan), from: goAheadDay },
  ];
  if (random() < 0.0625) {
    const rebaseDay = addDays(goAheadDay, 7 * intBetween(random, 16, Math.max(17, ctx.reportsPerProject - 8)) + 2);
    const bac2 = Math.round((bac1 * between(random, 1.08, 1.3)) / 1000) * 1000;
    const spent = plannedValueAt(baselines[0]!.curve, rebaseDay) * spiBase;
    const rest = Math.max(1, daysBetween(rebaseDay, plannedFinish));
    baselines.push({
      id: randomUUID(),
      bac: bac2,
      curve: curveOf(startDate, plannedFinish, bac2, (day) =>
        day < rebaseDay
          ? (plannedValueAt(baselines[0]!.curve, day) * spiBase) / bac2
          : (spent + (bac2 - spent) * sShape(daysBetween(rebaseDay, day) / rest)) / bac2,
      ),
      from: rebaseDay,
    });
  }
  baselines.forEach((b, i) => {
    out.project_baselines.push({
      id: b.id,
      project_id: id,
      number: i + 1,
      bac: b.bac.toFixed(2),
      curve: b.curve,
      reason: i === 0 ? null : 'Scope added by approved change request; re-planned with the sponsor.',
      set_by: LEAD_EMAIL,
      created_at: i === 0 ? goAheadAt : at(b.from, 11),
    });
  });
  const baselineAt = (day: string) => baselines[baselines.length > 1 && day >= baselines[1]!.from ? 1 : 0]!;
  const budget = baselines[baselines.length - 1]!.bac;

  // Milestones: one per gate, spread over the plan; each slips with the project's schedule.
  const spread = [0.08, 0.3, 0.72, 0.95];
  const milestones = gates.map((gate, g) => {
    const baselineDate = addDays(startDate, Math.round(duration * (spread[g] ?? (g + 1) / (gates.length + 1))));
    const slip = Math.max(0, Math.round((1 - spiBase) * duration * spread[g]! * 1.2 + gaussian(random, 0, 4)));
    return { id: randomUUID(), name: gate.name, gateKey: gate.key, baselineDate, slip, final: addDays(baselineDate, slip) };
  });
  for (const m of milestones) {
    const achievedOn = m.final < today ? m.final : null;
    out.milestones.push({
      id: m.id,
      project_id: id,
      name: m.name,
      baseline_date: m.baselineDate,
      gate_key: m.gateKey,
      deliverable_key: null,
      achieved_on: achievedOn,
      version: achievedOn ? 2 : 1,
      created_at: new Date(goAheadAt.getTime() + DAY_MS),
      updated_at: achievedOn ? at(achievedOn, 16) : new Date(goAheadAt.getTime() + DAY_MS),
    });
  }
  const forecastOf = (m: (typeof milestones)[number], day: string) => {
    const shown = clamp(daysBetween(addDays(m.baselineDate, -150), day) / 120, 0, 1);
    return addDays(m.baselineDate, Math.round(m.slip * shown));
  };

  // A concern on one of the dimensions without figures, for a few weeks.
  const concern =
    random() < 0.35
      ? {
          dimension: pick(random, ['scope', 'quality', 'risk', 'resources'] as const),
          from: intBetween(random, 4, ctx.reportsPerProject - 1),
          weeks: intBetween(random, 2, 10),
          rag: (random() < 0.8 ? 'amber' : 'red') as Rag,
        }
      : null;

  let spi = spiBase;
  let cpi = cpiBase;
  let previous = { percent: 0, cost: 0, asOf: addDays(goAheadDay, -1) };
  let lastPercent = 0;
  const reviewers = pmo.reviewerUserIds;
  for (let w = 0; w < ctx.reportsPerProject; w++) {
    const period = periodOf({ cadence: reporting.cadence, from: goAheadDay, day: addDays(goAheadDay, 7 * w) })!;
    const r = random();
    const offset = r < 0.2 ? -1 : r < 0.86 ? 0 : r < 0.93 ? 1 : r < 0.97 ? 2 : intBetween(random, 3, 6);
    let submitDay = addDays(period.dueOn, offset);
    if (submitDay < period.periodStart) submitDay = period.periodStart;
    if (submitDay >= today) submitDay = addDays(today, -1);
    const asOf = earlierDay(submitDay, period.periodEnd);
    const baseline = baselineAt(asOf);

    spi = clamp(spi + 0.15 * (spiBase - spi) + gaussian(random, 0, 0.012), 0.55, 1.25);
    cpi = clamp(cpi + 0.15 * (cpiBase - cpi) + gaussian(random, 0, 0.012), 0.55, 1.3);
    const planned = plannedValueAt(baseline.curve, asOf) / baseline.bac;
    // Whole hundredths, rounded up: tiny early PVs must not read as a slip.
    const percent = Math.max(previous.percent, Math.ceil(Math.min(99.5, planned * spi * 100) * 100) / 100);
    const cost = Math.max(previous.cost, Math.round(((percent / 100) * baseline.bac) / cpi));
    const trueSlip = Math.max(0, Math.round((1 - spi) * duration * 0.4));
    const slip = style === 'honest' ? trueSlip : style === 'optimistic' ? Math.round(trueSlip / 2) : 0;
    const forecastFinish = addDays(plannedFinish, slip);
    const forecasts = milestones.flatMap((m) =>
      m.final <= previous.asOf ? [] : [{ milestoneId: m.id, forecastDate: m.final <= asOf ? m.final : forecastOf(m, asOf) }],
    );
    const submittedAt = at(submitDay, 8 + Math.floor(random() * 9), Math.floor(random() * 4) * 15);
    const createdAt = new Date(
      Math.max(at(period.periodStart, 9).getTime(), submittedAt.getTime() - (1 + random() * 3) * DAY_MS),
    );
    const returned = w < ctx.reportsPerProject - 2 && random() < 0.015;

    const version = (actualCost: number, revision: number, submitted: Date, created: Date) => {
      const evm = earnedValue({ bac: baseline.bac, curve: baseline.curve, asOf, percentComplete: percent, actualCost });
      const computedRag = computeRag({
        evm,
        budget: baseline.bac,
        plannedFinish,
        forecastFinish,
        tolerances,
        dimensions: reporting.ragDimensions,
      });
      const rag: Record<string, Rag> = {};
      const ragReasons: Record<string, string> = {};
      for (const dimension of reporting.ragDimensions) {
        const computed = computedRag.dimensions[dimension];
        let value: Rag = 'green';
        let reason = '';
        if (computed && style !== 'always-green') {
          value = style === 'honest' ? computed.rag : computed.rag === 'red' ? 'amber' : 'green';
          reason = `${computed.because}.`;
        }
        if (concern && concern.dimension === dimension && w >= concern.from && w < concern.from + concern.weeks) {
          value = style === 'always-green' ? 'green' : worstRag([value, concern.rag]);
          reason = pick(random, CONCERNS[concern.dimension]);
        }
        rag[dimension] = value;
        if (value !== 'green') ragReasons[dimension] = reason;
      }
      rag.overall = worstRag(Object.values(rag));
      if (rag.overall !== 'green') {
        ragReasons.overall = reporting.ragDimensions
          .filter((d) => rag[d] === rag.overall)
          .map((d) => ragReasons[d])
          .join(' ');
      }
      const mismatches = findMismatches(rag, computedRag);
      const reportId = randomUUID();
      out.status_reports.push({
        id: reportId,
        project_id: id,
        period_start: period.periodStart,
        period_end: period.periodEnd,
        due_on: period.dueOn,
        revision,
        as_of: asOf,
        percent_complete: percent.toFixed(2),
        actual_cost: actualCost.toFixed(2),
        rag,
        rag_reasons: ragReasons,
        forecast_finish: forecastFinish,
        accomplishments: pick(random, ACCOMPLISHMENTS),
        next_steps: pick(random, NEXT_STEPS),
        help_needed: rag.overall === 'red' ? pick(random, HELP) : '',
        baseline_id: baseline.id,
        evm,
        computed_rag: computedRag,
        mismatches,
        mismatch: mismatches.length > 0,
        submitted_at: submitted,
        submitted_by: manager.userId,
        created_by: manager.userId,
        // Created, autosaved, submitted.
        version: 3,
        created_at: created,
        updated_at: submitted,
      });
      for (const f of forecasts) {
        out.milestone_forecasts.push({ report_id: reportId, milestone_id: f.milestoneId, forecast_date: f.forecastDate });
      }
      return reportId;
    };

    if (returned) {
      const first = version(Math.round(cost * 0.92), 1, submittedAt, createdAt);
      const returnedAt = workingDaysLater(submittedAt, 2);
      const resubmittedAt = workingDaysLater(returnedAt, 1);
      if (resubmittedAt < now) {
        out.status_report_reviews.push({
          report_id: first,
          outcome: 'returned',
          comment: pick(random, RETURN_COMMENTS),
          reviewed_by: pick(random, reviewers),
          reviewed_at: returnedAt,
        });
        const second = version(cost, 2, resubmittedAt, new Date(returnedAt.getTime() + 3_600_000));
        review(second, resubmittedAt);
      } else review(first, submittedAt);
    } else {
      review(version(cost, 1, submittedAt, createdAt), submittedAt);
    }
    previous = { percent, cost, asOf };
    lastPercent = percent;
  }

  /** Accepted some working days after submission, unless that is still to come. */
  function review(reportId: string, submitted: Date) {
    const r = random();
    const lag = r < 0.35 ? 1 : r < 0.65 ? 2 : r < 0.9 ? intBetween(random, 3, 5) : intBetween(random, 8, 12);
    const reviewedAt = workingDaysLater(submitted, lag);
    reviewedAt.setUTCHours(9 + Math.floor(random() * 8), Math.floor(random() * 60));
    if (reviewedAt >= now) return;
    out.status_report_reviews.push({
      report_id: reportId,
      outcome: 'accepted',
      comment: random() < 0.2 ? 'Thanks, clear report.' : null,
      reviewed_by: pick(random, reviewers),
      reviewed_at: reviewedAt,
    });
  }

  // The phase after the last gate whose milestone was achieved by today.
  const passed = milestones.filter((m) => m.final < today).length;
  const phaseKey = phases[Math.min(phases.length - 1, passed)]!.key;
  const createdAt = new Date(goAheadAt.getTime() - 30 * DAY_MS);
  const departmentId = pmo.departmentIds[index % pmo.departmentIds.length]!;
  const portfolioId = random() < 0.9 ? pmo.portfolioIds[index % pmo.portfolioIds.length]! : null;
  const name = `${pick(random, SUBJECTS)} ${pick(random, ACTIONS)} ${index + 1}`;
  const row: ProjectRow = {
    id,
    code,
    name,
    description: `${name}: ${type.definition.phases.length}-phase ${type.code.toLowerCase()} project, ${lastPercent.toFixed(0)}% complete.`,
    pmoId: pmo.id,
    portfolioId,
    orgUnitId: departmentId,
    projectTypeId: type.id,
    standardVersionId: type.versionId,
    phaseKey,
    state,
    projectManagerId: manager.personId,
    sponsorId,
    startDate,
    plannedFinishDate: plannedFinish,
    budget: budget.toFixed(2),
    goAheadAt,
    version: 1 + baselines.length + passed,
    createdAt,
    updatedAt: goAheadAt,
  };
  out.projects.push({
    id,
    code,
    name,
    description: row.description,
    pmo_id: row.pmoId,
    portfolio_id: portfolioId,
    org_unit_id: departmentId,
    project_type_id: type.id,
    standard_version_id: type.versionId,
    phase_key: phaseKey,
    state,
    project_manager_id: manager.personId,
    sponsor_id: sponsorId,
    start_date: startDate,
    planned_finish_date: plannedFinish,
    budget: row.budget,
    go_ahead_at: goAheadAt,
    version: row.version,
    created_at: createdAt,
    updated_at: goAheadAt,
  });
  out.project_members.push(
    { project_id: id, person_id: manager.personId, role: 'project_manager' },
    { project_id: id, person_id: sponsorId, role: 'sponsor' },
  );
  planRisks(type, id, manager.personId, goAheadAt, random, out);
  return { row, type };
}

const RISK_CATEGORIES = ['supplier', 'people', 'scope', 'technical', 'cost', 'change', 'compliance', 'security'];

/**
 * Ten risks per project over its matrix, the way registers look: mostly low and medium, some
 * high, about one project in three with a risk at or above the escalation score; a few closed.
 * Drawn after everything else of the project, so the rest of the plan is the same with or without them.
 */
function planRisks(type: GeneratedType, projectId: string, ownerId: string, goAheadAt: Date, random: Random, out: ProjectRows) {
  const matrix = type.definition.riskMatrix;
  const sizeP = matrix.probabilityLabels.length;
  const sizeI = matrix.impactLabels.length;
  const created = new Date(goAheadAt.getTime() + 7 * DAY_MS);
  for (let k = 0; k < 10; k++) {
    const probability = clamp(Math.round(1 + random() ** 1.6 * (sizeP - 1) + (k === 0 ? random() : 0)), 1, sizeP);
    const impact = clamp(Math.round(1 + random() ** 1.3 * (sizeI - 1)), 1, sizeI);
    const scored = scoreRisk(matrix, probability, impact);
    const closed = random() < 0.15;
    const riskId = randomUUID();
    out.risks.push({
      id: riskId,
      project_id: projectId,
      number: k + 1,
      title: `${pick(random, RISK_CATEGORIES)} risk ${k + 1}`,
      description: null,
      category: pick(random, RISK_CATEGORIES),
      cause: null,
      effect: null,
      owner_person_id: ownerId,
      probability,
      impact,
      score: scored.score,
      band: scored.band.name,
      response: pick(random, ['avoid', 'mitigate', 'transfer', 'accept'] as const),
      status: closed ? 'closed' : 'open',
      escalated: scored.escalates && !closed,
      escalated_at: scored.escalates && !closed ? created : null,
      cost_impact_min: null,
      cost_impact_likely: null,
      cost_impact_max: null,
      schedule_impact_min_days: null,
      schedule_impact_likely_days: null,
      schedule_impact_max_days: null,
      created_by: null,
      version: 1,
      created_at: created,
      updated_at: created,
    });
    out.risk_assessments.push({
      id: randomUUID(),
      risk_id: riskId,
      probability,
      impact,
      score: scored.score,
      band: scored.band.name,
      note: null,
      assessed_by: null,
      assessed_at: created,
    });
  }
}

/** How many report rows a plan holds (revisions included), for the progress bar. */
export const reportRowsOf = (rows: ProjectRows) => rows.status_reports.length;
