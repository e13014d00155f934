import { AppError, invalid } from '../../kernel/errors.ts';

/**
 * The initiation request's state machine, as one table. Every move of a request is checked
 * here and nowhere else: `nextState` answers the state a request moves to, or why it may not.
 */
export const REQUEST_STATES = [
  'draft',
  'submitted',
  'in_review',
  'info_requested',
  'approved',
  'rejected',
  'deferred',
  'withdrawn',
] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

export const REQUEST_ACTIONS = ['submit', 'start_review', 'request_info', 'withdraw', 'decide', 'reopen'] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];

export const DECISION_OUTCOMES = ['approve', 'reject', 'defer'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

/** Who takes an action: the requester, or someone of the target PMO who is not the requester. */
export type Party = 'requester' | 'reviewer' | 'decider';

/**
 * How the actor stands to one request. `mayReview` and `mayDecide` already include the PMO
 * scope (a member, resp. lead, of the target PMO or of one above it; or an admin).
 */
export interface ActorRelation {
  isRequester: boolean;
  mayReview: boolean;
  mayDecide: boolean;
}

export interface Transition {
  action: RequestAction;
  party: Party;
  from: RequestState;
  /** The next state; for `decide`, by outcome. */
  to: RequestState | Readonly<Record<DecisionOutcome, RequestState>>;
  /** The audit action recorded for this move. */
  audit: string;
}

const WITHDRAWABLE: readonly RequestState[] = ['draft', 'submitted', 'in_review', 'info_requested', 'deferred'];

export const TRANSITIONS: readonly Transition[] = [
  { action: 'submit', party: 'requester', from: 'draft', to: 'submitted', audit: 'request.submit' },
  // The requester answers the PMO's questions: back into review.
  { action: 'submit', party: 'requester', from: 'info_requested', to: 'in_review', audit: 'request.resubmit' },
  { action: 'start_review', party: 'reviewer', from: 'submitted', to: 'in_review', audit: 'request.start_review' },
  { action: 'request_info', party: 'reviewer', from: 'in_review', to: 'info_requested', audit: 'request.request_info' },
  ...WITHDRAWABLE.map(
    (from): Transition => ({ action: 'withdraw', party: 'requester', from, to: 'withdrawn', audit: 'request.withdraw' }),
  ),
  {
    action: 'decide',
    party: 'decider',
    from: 'in_review',
    to: { approve: 'approved', reject: 'rejected', defer: 'deferred' },
    audit: 'request.decide',
  },
  { action: 'reopen', party: 'reviewer', from: 'deferred', to: 'in_review', audit: 'request.reopen' },
];

/** Actions whose body must carry a reason (recorded in the audit trail). */
export const REASON_REQUIRED: ReadonlySet<RequestAction> = new Set(['request_info', 'withdraw', 'reopen', 'decide']);

/** The states in which the requester edits the request (the autosave) and its attachments. */
export const EDITABLE_STATES: ReadonlySet<RequestState> = new Set(['draft', 'info_requested']);

const PARTY: Record<RequestAction, Party> = {
  submit: 'requester',
  start_review: 'reviewer',
  request_info: 'reviewer',
  withdraw: 'requester',
  decide: 'decider',
  reopen: 'reviewer',
};

/** The party of an action is fixed; checked before the state so a stranger learns nothing of it. */
function checkParty(action: RequestAction, relation: ActorRelation): void {
  const party = PARTY[action];
  if (party === 'requester') {
    if (!relation.isRequester) throw new AppError('FORBIDDEN', `only the requester may ${action} a request`, { action });
    return;
  }
  const allowed = party === 'reviewer' ? relation.mayReview : relation.mayDecide;
  if (!allowed) {
    const who = party === 'reviewer' ? 'a member of the target PMO' : 'a lead of the target PMO';
    throw new AppError('FORBIDDEN', `only ${who} may ${action} a request`, { action });
  }
  // Separation of duties: nobody reviews or decides a request they raised.
  if (relation.isRequester) {
    throw new AppError('SELF_APPROVAL', `the requester may not ${action} their own request`, { action });
  }
}

/** The transition for `action` from `state`, or undefined. */
export function transitionFor(state: RequestState, action: RequestAction): Transition | undefined {
  return TRANSITIONS.find((t) => t.action === action && t.from === state);
}

/**
 * The state a request moves to, or an error: FORBIDDEN (wrong party), SELF_APPROVAL (the
 * requester reviewing or deciding), INVALID_STATE (not allowed from this state).
 * @example nextState('in_review', 'decide', relation, 'defer') // 'deferred'
 */
export function nextState(
  state: RequestState,
  action: RequestAction,
  relation: ActorRelation,
  outcome?: DecisionOutcome,
): RequestState {
  checkParty(action, relation);
  const transition = transitionFor(state, action);
  if (!transition) {
    const from = TRANSITIONS.filter((t) => t.action === action).map((t) => t.from);
    throw new AppError('INVALID_STATE', `a request that is ${state} cannot ${action}; only from ${from.join(', ')}`, {
      state,
      action,
      allowedFrom: from,
    });
  }
  if (typeof transition.to === 'string') return transition.to;
  if (!outcome) {
    throw invalid('outcome', 'is required');
  }
  return transition.to[outcome];
}

/** What the caller may do with a request: the workflow moves, and `edit`, `attach`, `comment`. */
export type AllowedAction = RequestAction | 'edit' | 'attach' | 'comment';

/** The buttons the web app shows: every action `nextState` would accept, in a fixed order. */
export function allowedActions(state: RequestState, relation: ActorRelation): AllowedAction[] {
  const allowed: AllowedAction[] = [];
  if (relation.isRequester && EDITABLE_STATES.has(state)) allowed.push('edit', 'attach');
  for (const action of REQUEST_ACTIONS) {
    try {
      nextState(state, action, relation, 'approve');
      allowed.push(action);
    } catch {
      /* not allowed */
    }
  }
  allowed.push('comment');
  return allowed;
}
