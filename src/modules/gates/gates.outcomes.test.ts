import { describe, expect, it } from 'vitest';
import {
  type GateCriterion,
  type GateOutcome,
  type ReviewerAssessment,
  type Vote,
  allowedOutcomes,
  decidedByVotes,
  shouldMeetScore,
} from './gates.outcomes.ts';

/** A gate of two must-meet criteria and two should-meet ones weighted 3 and 1, passing at 60. */
const criteria: GateCriterion[] = [
  { key: 'case', kind: 'must', weight: 1 },
  { key: 'budget', kind: 'must', weight: 1 },
  { key: 'risks', kind: 'should', weight: 3 },
  { key: 'team', kind: 'should', weight: 1 },
];
const PASS = 60;

const met = (reviewer: string, key: string, score?: number): ReviewerAssessment => ({
  reviewerUserId: reviewer,
  criterionKey: key,
  state: 'met',
  score,
});
const notMet = (reviewer: string, key: string, score?: number): ReviewerAssessment => ({
  reviewerUserId: reviewer,
  criterionKey: key,
  state: 'not_met',
  score,
});
const na = (reviewer: string, key: string): ReviewerAssessment => ({
  reviewerUserId: reviewer,
  criterionKey: key,
  state: 'not_applicable',
});
const allMet = (reviewer: string, risks = 80, team = 80) => [
  met(reviewer, 'case'),
  met(reviewer, 'budget'),
  met(reviewer, 'risks', risks),
  met(reviewer, 'team', team),
];

describe('the outcomes the assessments allow', () => {
  // criteria states → allowed outcomes
  it.each<[string, ReviewerAssessment[], GateOutcome[]]>([
    [
      'everything met and scored well: every outcome',
      [...allMet('a'), ...allMet('b')],
      ['go', 'go_with_conditions', 'recycle', 'hold', 'terminate'],
    ],
    [
      'one reviewer finds a must-meet not met: no going on at all',
      [...allMet('a'), notMet('b', 'budget'), met('b', 'case')],
      ['recycle', 'hold', 'terminate'],
    ],
    [
      'should-meet score below the pass score: go with conditions, not go',
      [...allMet('a', 40, 40), ...allMet('b', 50, 60)],
      ['go_with_conditions', 'recycle', 'hold', 'terminate'],
    ],
    [
      'a should-meet not met does not rule out go while the score passes',
      [met('a', 'case'), met('a', 'budget'), met('a', 'risks', 90), notMet('a', 'team', 20)],
      ['go', 'go_with_conditions', 'recycle', 'hold', 'terminate'],
    ],
    [
      'a must-meet not applicable is not a failure',
      [na('a', 'case'), met('a', 'budget'), met('a', 'risks', 70), met('a', 'team', 70)],
      ['go', 'go_with_conditions', 'recycle', 'hold', 'terminate'],
    ],
    ['nothing assessed yet: nothing rules anything out', [], ['go', 'go_with_conditions', 'recycle', 'hold', 'terminate']],
  ])('%s', (_name, assessments, expected) => {
    expect(allowedOutcomes(criteria, assessments, PASS).allowed).toEqual(expected);
  });

  it('names the must-meet criteria not met and the score behind a refusal', () => {
    const check = allowedOutcomes(criteria, [notMet('a', 'case'), notMet('b', 'budget'), notMet('c', 'case')], PASS);
    expect(check.mustNotMet).toEqual(['case', 'budget']);
    expect(check.refused.go).toBe('must-meet criteria case, budget assessed not met');
    const low = allowedOutcomes(criteria, allMet('a', 30, 90), PASS);
    expect(low.refused).toEqual({ go: 'the should-meet score 45 is below the pass score 60' });
  });
});

describe('the should-meet score', () => {
  it('weighs each criterion by its weight, averages the reviewers, and leaves out what does not apply', () => {
    // risks: (80 + 40) / 2 = 60, weight 3; team: 100 (one reviewer found it not applicable), weight 1 → 70.
    expect(
      shouldMeetScore(criteria, [met('a', 'risks', 80), met('b', 'risks', 40), met('a', 'team', 100), na('b', 'team')]),
    ).toBe(70);
    expect(shouldMeetScore(criteria, [na('a', 'risks'), na('a', 'team')])).toBeNull();
  });
});

describe('the decision the votes make', () => {
  const allowed: GateOutcome[] = ['go', 'go_with_conditions', 'recycle', 'hold', 'terminate'];
  const vote = (reviewer: string, outcome: GateOutcome): Vote => ({ reviewerUserId: reviewer, outcome });

  // votes × quorum × allowed → decided outcome
  it.each<[string, Vote[], number, GateOutcome[], GateOutcome | null]>([
    ['before the quorum: nothing is decided', [vote('a', 'go')], 2, allowed, null],
    ['at the quorum: the outcome most chose', [vote('a', 'go'), vote('b', 'go'), vote('c', 'recycle')], 2, allowed, 'go'],
    ['a tie goes to the more cautious outcome', [vote('a', 'go'), vote('b', 'recycle')], 2, allowed, 'recycle'],
    [
      'a reviewer who changed their vote counts once, as last voted',
      [vote('a', 'go'), vote('a', 'hold'), vote('b', 'hold')],
      2,
      allowed,
      'hold',
    ],
    ['the same reviewer twice does not make a quorum', [vote('a', 'go'), vote('a', 'go')], 2, allowed, null],
    [
      'votes for an outcome the assessments rule out do not decide it',
      [vote('a', 'go'), vote('b', 'go'), vote('c', 'recycle')],
      2,
      ['recycle', 'hold', 'terminate'],
      'recycle',
    ],
    [
      'quorate, but nobody voted for an allowed outcome',
      [vote('a', 'go'), vote('b', 'go')],
      2,
      ['recycle', 'hold', 'terminate'],
      null,
    ],
  ])('%s', (_name, votes, quorum, allowedHere, expected) => {
    expect(decidedByVotes(votes, quorum, allowedHere).outcome).toBe(expected);
  });

  it('tallies each reviewer once', () => {
    expect(decidedByVotes([vote('a', 'go'), vote('a', 'terminate'), vote('b', 'go')], 1, allowed).tally).toEqual({
      go: 1,
      go_with_conditions: 0,
      recycle: 0,
      hold: 0,
      terminate: 1,
    });
  });
});
