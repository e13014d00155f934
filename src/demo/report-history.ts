/**
 * Plans one demo project's reporting history, with no I/O: its cost baselines, its key milestones
 * and a report version for every period from its go-ahead to the seed day (but the ones it owes),
 * each with the earned value, computed RAG and mismatches that the reports module's own pure
 * functions give for the figures, as a submission would store them. seed-reports.ts writes it.
 */
import { addDays, addMonths, daysBetween } from '../kernel/dates.ts';
import type { CurvePoint } from '../modules/projects/index.ts';
import { plannedValueAt } from '../modules/projects/index.ts';
import {
  type ComputedRag,
  computeRag,
  type Evm,
  earnedValue,
  findMismatches,
  type Mismatch,
  type Rag,
  type ReportPeriod,
  worstRag,
} from '../modules/reports/index.ts';
import type { StandardDefinition } from '../modules/standards/index.ts';
import type { DemoCalendar } from './demo-calendar.ts';
import type { DemoReporting, TrendKnot } from './demo-reports.ts';
import { endedPeriods, noticesFor, type Owed, type PlannedNotice } from './report-owed.ts';
import { reportTexts } from './report-texts.ts';

export type { Owed, PlannedNotice } from './report-owed.ts';

export interface HistoryInput {
  scenario: DemoReporting;
  project: { goAheadAt: Date; startDate: string; plannedFinish: string; budget: number };
  reporting: StandardDefinition['reporting'];
  tolerances: StandardDefinition['tolerances'];
  /** What the project owes on the seed day (see owedIntentions). */
  owed: Owed | null;
  calendar: DemoCalendar;
  random: () => number;
}

export interface PlannedBaseline {
  number: number;
  bac: number;
  curve: CurvePoint[];
  reason: string | null;
  createdAt: Date;
}

export interface PlannedMilestone {
  name: string;
  gateKey: string | null;
  deliverableKey: string | null;
  baselineDate: string;
  achievedOn: string | null;
}

export interface PlannedReview {
  outcome: 'accepted' | 'returned';
  comment: string | null;
  by: 'analyst' | 'lead';
  at: Date;
}

export interface PlannedReport extends ReportPeriod {
  revision: number;
  asOf: string;
  percentComplete: number;
  actualCost: number;
  rag: Record<string, Rag>;
  ragReasons: Record<string, string>;
  forecastFinish: string;
  accomplishments: string;
  nextSteps: string;
  helpNeeded: string;
  /** Index into the planned baselines: the one in force at asOf. */
  baseline: number;
  evm: Evm;
  computedRag: ComputedRag;
  mismatches: Mismatch[];
  /** Index into the planned milestones → forecast date. */
  forecasts: { milestone: number; forecastDate: string }[];
  createdAt: Date;
  submittedAt: Date;
  review: PlannedReview | null;
}

export interface PlannedHistory {
  baselines: PlannedBaseline[];
  milestones: PlannedMilestone[];
  reports: PlannedReport[];
  notices: PlannedNotice[];
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const isoDay = (at: Date) => at.toISOString().slice(0, 10);
const at = (day: string, hour: number, minute = 0) =>
  new Date(`${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`);
const monthsBefore = (day: string, seedDay: string) => daysBetween(day, seedDay) / 30.44;
const round2 = (v: number) => Math.round(v * 100) / 100;
/** The earlier of two ISO days: they compare as strings, which Math.min cannot do. */
const earlierDay = (a: string, b: string) => [a, b].sort()[0]!;

/** A milder S than smoothstep: a third of the work runs at an even pace, the rest ramps up and down. */
function sShape(x: number): number {
  const c = Math.min(1, Math.max(0, x));
  return 0.35 * c + 0.65 * c * c * (3 - 2 * c);
}

const monthEnd = (day: string) => addDays(addMonths(`${day.slice(0, 7)}-01`, 1), -1);

/** Points on `from`, each month end between, and `to`; `fraction(day)` is the cumulative share of `bac`. */
function monthlyCurve(from: string, to: string, bac: number, fraction: (day: string) => number): CurvePoint[] {
  const points: CurvePoint[] = [{ date: from, plannedValue: 0 }];
  for (let end = monthEnd(from); end < to; end = monthEnd(addDays(end, 1))) {
    if (end > from) points.push({ date: end, plannedValue: round2(bac * fraction(end)) });
  }
  points.push({ date: to, plannedValue: bac });
  // Cumulative: never down, and the last point is exactly BAC.
  for (let i = 1; i < points.length; i++) {
    points[i]!.plannedValue = Math.min(bac, Math.max(points[i]!.plannedValue, points[i - 1]!.plannedValue));
  }
  return points;
}

/** Linear between knots by months before the seed day; flat beyond the first and last. */
function trendAt(knots: TrendKnot[], monthsAgo: number): { spi: number; cpi: number; slip: number } {
  const sorted = [...knots].sort((a, b) => b[0] - a[0]);
  const value = (k: TrendKnot) => ({ spi: k[1], cpi: k[2], slip: k[3] ?? 0 });
  if (monthsAgo >= sorted[0]![0]) return value(sorted[0]!);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    if (monthsAgo >= b[0]) {
      const share = (a[0] - monthsAgo) / (a[0] - b[0]);
      const [va, vb] = [value(a), value(b)];
      return {
        spi: va.spi + share * (vb.spi - va.spi),
        cpi: va.cpi + share * (vb.cpi - va.cpi),
        slip: va.slip + share * (vb.slip - va.slip),
      };
    }
  }
  return value(sorted[sorted.length - 1]!);
}

/** The day a report of the period is submitted: near its due day, within the grace days, before the seed day. */
function submissionDay(period: ReportPeriod, graceDays: number, seedDay: string, random: () => number): string {
  const r = random();
  const offset = r < 0.15 ? -1 : r < 0.65 ? 0 : r < 0.88 ? 1 : 2;
  let day = addDays(period.dueOn, Math.min(offset, graceDays));
  if (day < period.periodStart) day = period.periodStart;
  const latest = addDays(seedDay, -1);
  return earlierDay(day, latest);
}

function workingDaysLater(from: Date, days: number): Date {
  const next = new Date(from.getTime());
  for (let left = days; left > 0; ) {
    next.setTime(next.getTime() + DAY_MS);
    if (next.getUTCDay() !== 0 && next.getUTCDay() !== 6) left--;
  }
  return next;
}

/** Plans the project's history; see the file comment. */
export function planHistory(input: HistoryInput): PlannedHistory {
  const { scenario, project, reporting, calendar, random } = input;
  const seedDay = calendar.seedDay;
  const seedStart = at(seedDay, 0);
  const goAheadDay = isoDay(project.goAheadAt);
  const { startDate, plannedFinish } = project;
  const span = Math.max(1, daysBetween(startDate, plannedFinish));
  const planFraction = (day: string) => sShape(daysBetween(startDate, day) / span);

  // Baseline 1 is set with the go-ahead; a re-baseline keeps the progress made as its past.
  const baselines: PlannedBaseline[] = [
    {
      number: 1,
      bac: project.budget,
      curve: monthlyCurve(startDate, plannedFinish, project.budget, planFraction),
      reason: null,
      createdAt: project.goAheadAt,
    },
  ];
  const rebaseDay = scenario.rebaseline ? calendar.planDay(scenario.rebaseline.on) : null;
  const hold = scenario.hold ? calendar.planDay(scenario.hold.since) : null;
  const knotsFor = (day: string) => (rebaseDay && day < rebaseDay ? scenario.rebaseline!.trendBefore : scenario.trend);
  const baselineAt = (day: string) => (rebaseDay && day >= rebaseDay ? 1 : 0);
  /** The share of the work done by `day`: the baseline's plan at the trend's SPI, frozen from a hold. */
  const progressAt = (day: string): number => {
    const d = hold && day > hold ? hold : day;
    const b = baselines[baselineAt(d)] ?? baselines[0]!;
    return (plannedValueAt(b.curve, d) / b.bac) * trendAt(knotsFor(d), monthsBefore(d, seedDay)).spi;
  };
  if (scenario.rebaseline && rebaseDay) {
    const bac = scenario.rebaseline.bac;
    const doneAtRebase = progressAt(addDays(rebaseDay, -1));
    const rest = Math.max(1, daysBetween(rebaseDay, plannedFinish));
    baselines.push({
      number: 2,
      bac,
      curve: monthlyCurve(startDate, plannedFinish, bac, (day) =>
        day < rebaseDay ? progressAt(day) : doneAtRebase + (1 - doneAtRebase) * sShape(daysBetween(rebaseDay, day) / rest),
      ),
      reason: scenario.rebaseline.reason,
      createdAt: at(rebaseDay, 10, 30),
    });
  }

  const milestones: PlannedMilestone[] = scenario.milestones.map((m) => {
    const baselineDate = calendar.planDay(m.on);
    const final = addDays(baselineDate, m.slip ?? 0);
    return {
      name: m.name,
      gateKey: m.gateKey ?? null,
      deliverableKey: m.deliverableKey ?? null,
      baselineDate,
      achievedOn: final < seedDay ? final : null,
    };
  });
  /** A milestone's forecast on `day`: its slip shows over the five months before its baseline date. */
  const forecastOf = (index: number, day: string): string => {
    const m = milestones[index]!;
    const slip = scenario.milestones[index]!.slip ?? 0;
    const shown = Math.min(1, Math.max(0, daysBetween(addDays(m.baselineDate, -150), day) / 120));
    return addDays(m.baselineDate, Math.round(slip * shown));
  };

  const { periods, firstUnreported } = endedPeriods(reporting, goAheadDay, seedDay, input.owed);
  const reports: PlannedReport[] = [];
  const dimensions = reporting.ragDimensions;
  let previous: { percent: number; cost: number; asOf: string } = { percent: 0, cost: 0, asOf: addDays(goAheadDay, -1) };
  const returnedAsOf = scenario.returned ? addDays(seedDay, -Math.round(scenario.returned.monthsAgo * 30.44)) : null;
  const returnedIndex = returnedAsOf
    ? periods.slice(0, firstUnreported).findIndex((p) => p.periodStart <= returnedAsOf && returnedAsOf <= p.periodEnd)
    : -1;

  periods.slice(0, firstUnreported).forEach((period, index) => {
    const submitDay = submissionDay(period, reporting.graceDays, seedDay, random);
    const asOf = earlierDay(submitDay, period.periodEnd);
    const b = baselineAt(asOf);
    const baseline = baselines[b]!;
    const trend = trendAt(knotsFor(asOf), monthsBefore(asOf, seedDay));
    const noise = () => (random() - 0.5) * 0.016;
    const started = asOf >= startDate;
    // Whole hundredths of a percent, rounded up: tiny early PVs must not read as a slip.
    let percent = started ? Math.ceil(Math.min(99.5, progressAt(asOf) * (1 + noise()) * 100) * 100) / 100 : 0;
    percent = Math.max(percent, previous.percent);
    const earned = (percent / 100) * baseline.bac;
    const onHold = hold !== null && asOf > hold;
    let cost = started ? Math.round(earned / (trend.cpi * (1 + noise()))) : 0;
    if (onHold) cost = previous.cost + Math.round(baseline.bac * 0.002 * (1 + random()));
    cost = Math.max(cost, previous.cost);
    const slip = scenario.style === 'honest' ? Math.round(trend.slip) : 0;
    const forecastFinish = addDays(plannedFinish, slip);
    const forecasts = milestones.flatMap((m, i) =>
      m.achievedOn !== null && m.achievedOn <= previous.asOf
        ? []
        : [{ milestone: i, forecastDate: m.achievedOn !== null && m.achievedOn <= asOf ? m.achievedOn : forecastOf(i, asOf) }],
    );
    const returned = index === returnedIndex ? scenario.returned! : null;
    const version = (actualCost: number, revision: number, submittedAt: Date, createdAt: Date): PlannedReport => {
      const evm = earnedValue({ bac: baseline.bac, curve: baseline.curve, asOf, percentComplete: percent, actualCost });
      const computedRag = computeRag({
        evm,
        budget: baseline.bac,
        plannedFinish,
        forecastFinish,
        tolerances: input.tolerances,
        dimensions,
      });
      const { rag, ragReasons } = reportedRag(input, computedRag, evm, slip, asOf, onHold);
      const texts = reportTexts({
        scenario,
        milestones,
        forecasts,
        index,
        asOf,
        started,
        startDate,
        previousAsOf: previous.asOf,
        onHold,
        random,
      });
      return {
        ...period,
        revision,
        asOf,
        percentComplete: percent,
        actualCost,
        rag,
        ragReasons,
        forecastFinish,
        accomplishments: revision > 1 && returned ? `${texts.accomplishments}\n${returned.note}` : texts.accomplishments,
        nextSteps: texts.nextSteps,
        helpNeeded: Object.keys(ragReasons).length ? (scenario.helpNeeded ?? '') : '',
        baseline: b,
        evm,
        computedRag,
        mismatches: findMismatches(rag, computedRag),
        forecasts,
        createdAt,
        submittedAt,
        review: null,
      };
    };
    // Drafted from the period's first morning, never before the go-ahead; submitted an hour later at the earliest.
    const earliest = Math.max(at(period.periodStart, 9).getTime(), project.goAheadAt.getTime() + HOUR_MS);
    const planned = at(submitDay, 8 + Math.floor(random() * 9), Math.floor(random() * 4) * 15).getTime();
    const submittedAt = new Date(Math.max(planned, earliest + HOUR_MS));
    const createdAt = new Date(Math.max(earliest, submittedAt.getTime() - (1 + random() * 3) * DAY_MS));
    if (returned) {
      // Submitted without the pre-payment, returned two working days later, revised and accepted.
      const first = version(Math.max(0, cost - returned.missingCost), 1, submittedAt, createdAt);
      const returnedAt = workingDaysLater(submittedAt, 2);
      first.review = { outcome: 'returned', comment: returned.comment, by: 'analyst', at: returnedAt };
      const resubmittedAt = workingDaysLater(returnedAt, 1);
      const second = version(cost, 2, resubmittedAt, new Date(returnedAt.getTime() + HOUR_MS));
      second.review = {
        outcome: 'accepted',
        comment: returned.thanks,
        by: 'lead',
        at: workingDaysLater(resubmittedAt, 1),
      };
      reports.push(first, second);
    } else {
      reports.push(version(cost, 1, submittedAt, createdAt));
    }
    previous = { percent, cost, asOf };
  });

  // Reviews: a few working days after submission, if that is before the seed day.
  const latestSubmitted = reports[reports.length - 1];
  for (const report of reports) {
    if (report.review) continue;
    if (scenario.latestAwaitsReview && report === latestSubmitted) continue;
    if (scenario.latestReturned && report === latestSubmitted) {
      // Returned the next working day, or the same evening when that is the seed day.
      let returnedAt = workingDaysLater(report.submittedAt, 1);
      returnedAt.setUTCHours(10, 30);
      if (returnedAt >= seedStart) returnedAt = new Date(report.submittedAt.getTime() + 2 * HOUR_MS);
      report.review = { outcome: 'returned', comment: scenario.latestReturned, by: 'analyst', at: returnedAt };
      continue;
    }
    const r = random();
    const lag = r < 0.3 ? 1 : r < 0.6 ? 2 : r < 0.9 ? 3 + Math.floor(random() * 3) : 8 + Math.floor(random() * 3);
    const reviewedAt = workingDaysLater(report.submittedAt, lag);
    reviewedAt.setUTCHours(9 + Math.floor(random() * 8), Math.floor(random() * 60));
    if (reviewedAt >= seedStart) continue;
    report.review = {
      outcome: 'accepted',
      comment: reviewComment(report, random),
      by: random() < 0.75 ? 'analyst' : 'lead',
      at: reviewedAt,
    };
  }

  return { baselines, milestones, reports, notices: noticesFor(periods[firstUnreported], reporting, seedDay) };
}

/** The RAG the manager reports: the computed one and their concerns (honest), or green throughout. */
function reportedRag(
  input: HistoryInput,
  computed: ComputedRag,
  evm: Evm,
  slip: number,
  asOf: string,
  onHold: boolean,
): { rag: Record<string, Rag>; ragReasons: Record<string, string> } {
  const { scenario, reporting, calendar } = input;
  const rag: Record<string, Rag> = {};
  const ragReasons: Record<string, string> = {};
  const fill = (text: string) =>
    text
      .replace('{spi}', String(evm.spi ?? 'n/a'))
      .replace('{cpi}', String(evm.cpi ?? 'n/a'))
      .replace('{slip}', String(slip));
  for (const dimension of reporting.ragDimensions) {
    if (scenario.style === 'always-green') {
      rag[dimension] = 'green';
      continue;
    }
    let value: Rag = computed.dimensions[dimension]?.rag ?? 'green';
    const reasons: string[] = [];
    if (value !== 'green') {
      const own = scenario.reasons?.[dimension as 'schedule' | 'cost'];
      reasons.push(fill(own ?? `${computed.dimensions[dimension]!.because}.`));
    }
    const monthsAgo = monthsBefore(asOf, calendar.seedDay);
    for (const c of scenario.concerns ?? []) {
      if (c.dimension !== dimension || monthsAgo > c.fromMonthsAgo || monthsAgo < c.toMonthsAgo) continue;
      value = worstRag([value, c.rag]);
      reasons.push(c.reason);
    }
    if (onHold && (dimension === 'schedule' || dimension === 'resources')) {
      value = worstRag([value, dimension === 'schedule' ? 'red' : 'amber']);
      reasons.push(dimension === 'schedule' ? scenario.hold!.reason : 'The team is released to other work during the hold.');
    }
    rag[dimension] = value;
    if (value !== 'green') ragReasons[dimension] = reasons.join(' ');
  }
  rag.overall = worstRag(Object.values(rag));
  if (rag.overall !== 'green') {
    const worst = reporting.ragDimensions.filter((d) => rag[d] === rag.overall);
    ragReasons.overall = worst.map((d) => ragReasons[d]).join(' ');
  }
  return { rag, ragReasons };
}

const FIGURE_LABELS: Record<string, string> = {
  spi: 'SPI',
  cpi: 'CPI',
  budgetVariancePct: 'the budget variance (%)',
  finishSlipDays: 'the finish slip (days)',
};

const ACCEPT_COMMENTS = [
  'Thanks, clear report.',
  'Accepted. Please keep the supplier dependency on the risk log.',
  'Accepted; good to see the milestone forecasts kept current.',
];

function reviewComment(report: PlannedReport, random: () => number): string | null {
  if (report.mismatches.length > 0) {
    const m = report.mismatches.find((x) => x.dimension !== 'overall') ?? report.mismatches[0]!;
    const figure = FIGURE_LABELS[m.figure] ?? m.figure;
    return `Accepted, but the figures disagree with the status: ${figure} ${m.value ?? ''} is ${m.computed} by our tolerances. Please explain at the next review.`;
  }
  return random() < 0.3 ? ACCEPT_COMMENTS[Math.floor(random() * ACCEPT_COMMENTS.length)]! : null;
}
