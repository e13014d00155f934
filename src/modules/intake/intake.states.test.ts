import { describe, expect, it } from 'vitest';
import { AppError } from '../../kernel/errors.ts';
import {
  type ActorRelation,
  DECISION_OUTCOMES,
  type DecisionOutcome,
  REQUEST_ACTIONS,
  REQUEST_STATES,
  type RequestAction,
  type RequestState,
  allowedActions,
  nextState,
} from './intake.states.ts';

/**
 * The request workflow as a table test: every state × every action (decide once per outcome)
 * × every relation to the request, checked against the workflow as DESIGN.md and issue 3 state
 * it, written out here independently of the implementation's table.
 */

/** Who the actor is to the request. The last two prove separation of duties for PMO staff. */
const RELATIONS: Record<string, ActorRelation> = {
  requester: { isRequester: true, mayReview: false, mayDecide: false },
  sponsor: { isRequester: false, mayReview: false, mayDecide: false },
  pmo_analyst: { isRequester: false, mayReview: true, mayDecide: false },
  pmo_lead: { isRequester: false, mayReview: true, mayDecide: true },
  admin: { isRequester: false, mayReview: true, mayDecide: true },
  other: { isRequester: false, mayReview: false, mayDecide: false },
  pmo_lead_requester: { isRequester: true, mayReview: true, mayDecide: true },
  pmo_analyst_requester: { isRequester: true, mayReview: true, mayDecide: false },
};

type Step = Exclude<RequestAction, 'decide'> | `decide:${DecisionOutcome}`;
const STEPS: Step[] = [...REQUEST_ACTIONS.filter((a) => a !== 'decide'), ...DECISION_OUTCOMES.map((o) => `decide:${o}` as const)];

/** The workflow: for each step, from which state it goes where. */
const EXPECTED: Record<Step, Partial<Record<RequestState, RequestState>>> = {
  submit: { draft: 'submitted', info_requested: 'in_review' },
  start_review: { submitted: 'in_review' },
  request_info: { in_review: 'info_requested' },
  withdraw: {
    draft: 'withdrawn',
    submitted: 'withdrawn',
    in_review: 'withdrawn',
    info_requested: 'withdrawn',
    deferred: 'withdrawn',
  },
  'decide:approve': { in_review: 'approved' },
  'decide:reject': { in_review: 'rejected' },
  'decide:defer': { in_review: 'deferred' },
  reopen: { deferred: 'in_review' },
};

type Who = 'requester' | 'reviewer' | 'decider';
const WHO: Record<Step, Who> = {
  submit: 'requester',
  withdraw: 'requester',
  start_review: 'reviewer',
  request_info: 'reviewer',
  reopen: 'reviewer',
  'decide:approve': 'decider',
  'decide:reject': 'decider',
  'decide:defer': 'decider',
};

/** The error code the workflow demands, or null when the move is allowed. */
function expectedError(step: Step, state: RequestState, r: ActorRelation): string | null {
  const who = WHO[step];
  if (who === 'requester' && !r.isRequester) return 'FORBIDDEN';
  if (who === 'reviewer' && !r.mayReview) return 'FORBIDDEN';
  if (who === 'decider' && !r.mayDecide) return 'FORBIDDEN';
  if (who !== 'requester' && r.isRequester) return 'SELF_APPROVAL';
  return EXPECTED[step][state] ? null : 'INVALID_STATE';
}

function attempt(step: Step, state: RequestState, r: ActorRelation): { to?: RequestState; error?: AppError } {
  const [action, outcome] = step.split(':') as [RequestAction, DecisionOutcome | undefined];
  try {
    return { to: nextState(state, action, r, outcome) };
  } catch (err) {
    if (err instanceof AppError) return { error: err };
    throw err;
  }
}

const CASES = REQUEST_STATES.flatMap((state) =>
  STEPS.flatMap((step) => Object.entries(RELATIONS).map(([name, relation]) => ({ state, step, name, relation }))),
);

describe('the request state table', () => {
  it('covers every state × action × relation', () => {
    expect(CASES.length).toBe(REQUEST_STATES.length * STEPS.length * Object.keys(RELATIONS).length);
    expect(CASES.length).toBeGreaterThanOrEqual(500);
  });

  it.each(CASES)('$state —$step→ by $name', ({ state, step, relation }) => {
    const expected = expectedError(step, state, relation);
    const result = attempt(step, state, relation);
    if (expected === null) {
      expect(result.error, result.error?.message).toBeUndefined();
      expect(result.to).toBe(EXPECTED[step][state]);
    } else {
      expect(result.error?.code).toBe(expected);
      expect(result.error?.status).toBe(expected === 'INVALID_STATE' ? 409 : 403);
      if (expected === 'INVALID_STATE') {
        // The message names the state and the action.
        expect(result.error?.message).toContain(state);
        expect(result.error?.message).toContain(step.split(':')[0]);
      }
    }
  });

  it('never leaves a terminal state (approved, rejected, withdrawn)', () => {
    for (const state of ['approved', 'rejected', 'withdrawn'] as const) {
      for (const step of STEPS) {
        for (const relation of Object.values(RELATIONS)) expect(attempt(step, state, relation).to).toBeUndefined();
      }
    }
  });

  it('asks for an outcome to decide', () => {
    expect(() => nextState('in_review', 'decide', RELATIONS.pmo_lead!)).toThrow(/outcome/);
  });
});

describe('allowedActions', () => {
  it.each(REQUEST_STATES.flatMap((state) => Object.entries(RELATIONS).map(([name, relation]) => ({ state, name, relation }))))(
    '$state for $name lists exactly the moves nextState accepts',
    ({ state, relation }) => {
      const moves = allowedActions(state, relation).filter((a) => (REQUEST_ACTIONS as readonly string[]).includes(a));
      const expected = REQUEST_ACTIONS.filter((action) => {
        const step: Step = action === 'decide' ? 'decide:approve' : action;
        return expectedError(step, state, relation) === null;
      });
      expect(moves).toEqual(expected);
      const editable = relation.isRequester && (state === 'draft' || state === 'info_requested');
      expect(allowedActions(state, relation).includes('edit')).toBe(editable);
      expect(allowedActions(state, relation)).toContain('comment');
    },
  );
});
