/**
 * The rules of a tollgate's decision, pure so that they are tested as a table: which outcomes the
 * assessments allow, and which outcome the votes decide once the quorum has voted.
 *
 * A must-meet criterion that any reviewer assessed "not met" rules out going on (go, and go with
 * conditions: a condition cannot stand in for a must). The should-meet score is the weighted mean
 * of the reviewers' scores of the should-meet criteria that apply; below the gate's pass score
 * "go" is ruled out, while "go with conditions" stays open (the conditions are the rework). Recycle,
 * hold and terminate are always open. The decision is the outcome most votes chose among those the
 * assessments allow; a tie goes to the more cautious outcome; nothing is decided before the quorum.
 */

export const GATE_OUTCOMES = ['go', 'go_with_conditions', 'recycle', 'hold', 'terminate'] as const;
export type GateOutcome = (typeof GATE_OUTCOMES)[number];

/** Most cautious last: a tie between votes goes to the later one. */
const CAUTION: Readonly<Record<GateOutcome, number>> = { go: 0, go_with_conditions: 1, recycle: 2, hold: 3, terminate: 4 };

export type Assessment = 'met' | 'not_met' | 'not_applicable';

export interface GateCriterion {
  key: string;
  kind: 'must' | 'should';
  /** Weight of a should-meet criterion in the score. */
  weight: number;
}

export interface ReviewerAssessment {
  reviewerUserId: string;
  criterionKey: string;
  state: Assessment;
  /** 0–100, for a should-meet criterion that applies. */
  score?: number | null;
}

export interface OutcomeCheck {
  allowed: GateOutcome[];
  /** Why each ruled-out outcome is ruled out. */
  refused: Partial<Record<GateOutcome, string>>;
  /** The must-meet criteria assessed not met. */
  mustNotMet: string[];
  /** The weighted should-meet score (0–100), or null when no should-meet criterion was scored. */
  shouldScore: number | null;
}

/** The weighted mean of the reviewers' scores of the should-meet criteria that apply. */
export function shouldMeetScore(criteria: readonly GateCriterion[], assessments: readonly ReviewerAssessment[]): number | null {
  let weighted = 0;
  let weights = 0;
  for (const criterion of criteria.filter((c) => c.kind === 'should' && c.weight > 0)) {
    const scores = assessments
      .filter((a) => a.criterionKey === criterion.key && a.state !== 'not_applicable' && typeof a.score === 'number')
      .map((a) => a.score as number);
    if (scores.length === 0) continue;
    weighted += criterion.weight * (scores.reduce((sum, s) => sum + s, 0) / scores.length);
    weights += criterion.weight;
  }
  return weights > 0 ? Math.round((weighted / weights) * 10) / 10 : null;
}

/**
 * The outcomes the assessments allow, with the reason for each one ruled out.
 * @example allowedOutcomes(criteria, assessments, 60).allowed // ['recycle', 'hold', 'terminate'] with a must-meet not met
 */
export function allowedOutcomes(
  criteria: readonly GateCriterion[],
  assessments: readonly ReviewerAssessment[],
  passScore: number,
): OutcomeCheck {
  const mustNotMet = criteria
    .filter((c) => c.kind === 'must')
    .filter((c) => assessments.some((a) => a.criterionKey === c.key && a.state === 'not_met'))
    .map((c) => c.key);
  const shouldScore = shouldMeetScore(criteria, assessments);
  const refused: Partial<Record<GateOutcome, string>> = {};
  if (mustNotMet.length > 0) {
    const reason = `must-meet ${mustNotMet.length === 1 ? 'criterion' : 'criteria'} ${mustNotMet.join(', ')} assessed not met`;
    refused.go = reason;
    refused.go_with_conditions = reason;
  } else if (shouldScore !== null && shouldScore < passScore) {
    refused.go = `the should-meet score ${shouldScore} is below the pass score ${passScore}`;
  }
  return {
    allowed: GATE_OUTCOMES.filter((o) => !refused[o]),
    refused,
    mustNotMet,
    shouldScore,
  };
}

export interface Vote {
  reviewerUserId: string;
  outcome: GateOutcome;
}

export type Tally = Record<GateOutcome, number>;

export interface VoteResult {
  tally: Tally;
  /** Whether enough reviewers voted. */
  quorate: boolean;
  /** The outcome the votes decide (null before the quorum, or with no vote for an allowed outcome). */
  outcome: GateOutcome | null;
}

/**
 * What the votes decide: each reviewer's last vote counts once; once `quorum` reviewers voted, the
 * allowed outcome with the most votes, a tie to the more cautious.
 * @example decidedByVotes(votes, 2, ['recycle', 'hold', 'terminate']).outcome // 'recycle'
 */
export function decidedByVotes(votes: readonly Vote[], quorum: number, allowed: readonly GateOutcome[]): VoteResult {
  const last = new Map<string, GateOutcome>();
  for (const vote of votes) last.set(vote.reviewerUserId, vote.outcome);
  const tally = Object.fromEntries(GATE_OUTCOMES.map((o) => [o, 0])) as Tally;
  for (const outcome of last.values()) tally[outcome]++;
  const quorate = last.size >= Math.max(1, quorum);
  if (!quorate) return { tally, quorate, outcome: null };
  const ranked = allowed.filter((o) => tally[o] > 0).sort((a, b) => tally[b] - tally[a] || CAUTION[b] - CAUTION[a]);
  return { tally, quorate, outcome: ranked[0] ?? null };
}
