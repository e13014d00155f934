/**
 * Approval routing: the steps an approval request travels, worked out from the PMO's delegation
 * of authority (ascending bands per subject: a change up to `upTo` is approved by `approver`) and
 * the people who hold each level of the project's reporting line. Pure: the thresholds and the
 * line are read beforehand (approvals.line.ts), so that the rules are tested as a table.
 *
 * A change climbs the bands: it needs the approver of every band below the one that covers it and
 * of that band, in order of seniority (up to 10 % of BAC the PMO lead; 15 % the PMO lead, then the
 * executive the PMO reports to). Above every band the reporting executive decides as well. Where a
 * subject is read in several measures (a budget increase in % of BAC and in money), the stricter
 * reading wins: every level any of them needs. Nobody approves their own request or one on a
 * project they manage: a level with nobody else to act moves up the line.
 */
import type { DelegationApprover, DelegationMeasure, DelegationSubject } from '../org/index.ts';

/** The levels of the reporting line, most junior first. */
export const APPROVER_LEVELS = [
  'pmo_analyst',
  'pmo_lead',
  'reporting_executive',
  'ceo',
] as const satisfies readonly DelegationApprover[];

export const LEVEL_NAMES: Readonly<Record<DelegationApprover | 'resource_manager', string>> = {
  pmo_analyst: 'PMO analyst',
  pmo_lead: 'PMO lead',
  reporting_executive: 'reporting executive',
  ceo: 'CEO',
  resource_manager: 'resource manager',
};

const MEASURE_UNITS: Readonly<Record<DelegationMeasure, (v: number) => string>> = {
  percent_of_bac: (v) => `${v} % of BAC`,
  amount: (v) => `${v.toLocaleString('en-GB')} of money`,
  count: (v) => `${v} ${v === 1 ? 'person' : 'people'}`,
  score: (v) => `a risk score of ${v}`,
  days: (v) => `${v} ${v === 1 ? 'day' : 'days'}`,
};

export interface Threshold {
  measure: DelegationMeasure;
  upTo: number;
  approver: DelegationApprover;
}

/** Someone who may act on a step: a user account, with the person behind it. */
export interface Approver {
  userId: string;
  personId: string | null;
  name: string;
}

/** Who holds each level of the line for the project (several PMO leads, one executive, …). */
export type ReportingLine = Readonly<Record<DelegationApprover, readonly Approver[]>>;

export type StepLevel = DelegationApprover | 'resource_manager';

export interface RouteStep {
  level: StepLevel;
  /** Those who may act on the step; `quorum` of them must approve. */
  approvers: Approver[];
  quorum: number;
  /** Why the step is on the route, in words. */
  because: string;
}

export interface RoutingInput {
  subject: DelegationSubject;
  /** The size of the change in each measure it can be read in: `{ percent_of_bac: 15, amount: 150000 }`. */
  size: Partial<Record<DelegationMeasure, number>>;
  /** The delegation thresholds of the subject that govern the project (its PMO's, or the nearest parent's). */
  thresholds: readonly Threshold[];
  line: ReportingLine;
  /** Users who may not approve it: the requester and the project's manager. */
  excluded: ReadonlySet<string>;
  /** Approvers needed before the line (a headcount request: the resource managers of the people asked for). */
  resourceManagers?: readonly Approver[];
  /** Approvals needed per level when more than one (the standard's rule); capped at who may act. */
  quorum?: Partial<Record<StepLevel, number>>;
}

export type Routing = { ok: true; steps: RouteStep[] } | { ok: false; level: StepLevel; message: string };

const seniority = (level: DelegationApprover) => APPROVER_LEVELS.indexOf(level);

/**
 * The levels one measure needs, with the reason for the most senior: every band up to the one
 * that covers `size`, and the reporting executive above every band.
 */
function levelsFor(measure: DelegationMeasure, size: number, bands: readonly Threshold[]): Map<DelegationApprover, string> {
  const sorted = [...bands].sort((a, b) => a.upTo - b.upTo);
  const shown = MEASURE_UNITS[measure];
  const levels = new Map<DelegationApprover, string>();
  for (const band of sorted) {
    if (size <= band.upTo) {
      levels.set(band.approver, `${shown(size)} is within the ${LEVEL_NAMES[band.approver]}'s ${shown(band.upTo)}`);
      return levels;
    }
    levels.set(band.approver, `${shown(size)} is above the ${LEVEL_NAMES[band.approver]}'s ${shown(band.upTo)}`);
  }
  const top = sorted.at(-1)!;
  levels.set('reporting_executive', `${shown(size)} is above every band (the highest is ${shown(top.upTo)})`);
  return levels;
}

/**
 * The route of a change: its steps in order, each with who may act and why; or the level that
 * nobody may take (everyone who could is the requester or the project's manager).
 * @example routeApproval({ subject: 'budget_increase', size: { percent_of_bac: 15 }, thresholds, line, excluded }) // pmo_lead, then reporting_executive
 */
export function routeApproval(input: RoutingInput): Routing {
  const needed = new Map<DelegationApprover, string>();
  for (const measure of new Set(input.thresholds.map((t) => t.measure))) {
    const size = input.size[measure];
    if (size === undefined) continue;
    const bands = input.thresholds.filter((t) => t.measure === measure);
    for (const [level, because] of levelsFor(measure, size, bands)) {
      // Two measures agreeing on a level: the first reason stands.
      if (!needed.has(level)) needed.set(level, because);
    }
  }
  if (needed.size === 0) {
    needed.set('pmo_lead', `no delegation threshold reads this ${input.subject.replace(/_/g, ' ')}: the PMO lead decides`);
  }

  const eligible = (people: readonly Approver[]) => people.filter((p) => !input.excluded.has(p.userId));
  const steps: RouteStep[] = [];
  const quorumOf = (level: StepLevel, count: number) => Math.min(Math.max(input.quorum?.[level] ?? 1, 1), count);

  if (input.resourceManagers && input.resourceManagers.length > 0) {
    const managers = eligible(input.resourceManagers);
    if (managers.length === 0) {
      return { ok: false, level: 'resource_manager', message: 'the resource manager of the people asked for is the requester' };
    }
    steps.push({
      level: 'resource_manager',
      approvers: managers,
      quorum: quorumOf('resource_manager', managers.length),
      because: 'the people asked for are in their pool',
    });
  }

  const ordered = [...needed.entries()].sort((a, b) => seniority(a[0]) - seniority(b[0]));
  for (const [wanted, because] of ordered) {
    // A level with nobody else to act moves up the line, to the next level that has someone.
    let level: DelegationApprover | undefined = wanted;
    let people = eligible(input.line[wanted]);
    let moved = '';
    while (people.length === 0) {
      level = APPROVER_LEVELS[seniority(level) + 1];
      if (!level) {
        return {
          ok: false,
          level: wanted,
          message: `nobody but the requester or the project's manager is a ${LEVEL_NAMES[wanted]} or above on the line`,
        };
      }
      people = eligible(input.line[level]);
      moved = ` (no ${LEVEL_NAMES[wanted]} other than the requester or the project's manager may act: moved up to the ${LEVEL_NAMES[level]})`;
    }
    const same = (step: RouteStep) =>
      step.approvers.length === people.length && step.approvers.every((a) => people.some((p) => p.userId === a.userId));
    const last = steps.at(-1);
    if (last && last.level !== 'resource_manager' && same(last)) {
      // The same people on two levels (a PMO reporting straight to the CEO): one step.
      last.level = level;
      last.because = `${last.because}; ${because}${moved}`;
      continue;
    }
    steps.push({ level, approvers: people, quorum: quorumOf(level, people.length), because: `${because}${moved}` });
  }
  return { ok: true, steps };
}
