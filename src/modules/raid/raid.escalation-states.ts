import { AppError } from '../../kernel/errors.ts';

/**
 * An escalation's life, as one table. It is raised open; the PMO records its guidance (and may
 * revise it, or follow up after the project manager reported back); the project manager
 * acknowledges the guidance and reports back; the PMO closes it. Every move is checked by
 * `nextEscalationState` and nowhere else.
 */
export const ESCALATION_STATES = ['open', 'guided', 'acknowledged', 'closed'] as const;
export type EscalationState = (typeof ESCALATION_STATES)[number];

export const ESCALATION_ACTIONS = ['guide', 'acknowledge', 'close'] as const;
export type EscalationAction = (typeof ESCALATION_ACTIONS)[number];

/** Who acts: the PMO governing the project, or the project's side (its manager). */
export type EscalationParty = 'pmo' | 'project';

export interface EscalationTransition {
  action: EscalationAction;
  party: EscalationParty;
  from: EscalationState;
  to: EscalationState;
  audit: string;
}

export const ESCALATION_TRANSITIONS: readonly EscalationTransition[] = [
  { action: 'guide', party: 'pmo', from: 'open', to: 'guided', audit: 'escalation.guided' },
  { action: 'guide', party: 'pmo', from: 'guided', to: 'guided', audit: 'escalation.guided' },
  { action: 'guide', party: 'pmo', from: 'acknowledged', to: 'guided', audit: 'escalation.guided' },
  { action: 'acknowledge', party: 'project', from: 'guided', to: 'acknowledged', audit: 'escalation.acknowledged' },
  { action: 'close', party: 'pmo', from: 'open', to: 'closed', audit: 'escalation.closed' },
  { action: 'close', party: 'pmo', from: 'guided', to: 'closed', audit: 'escalation.closed' },
  { action: 'close', party: 'pmo', from: 'acknowledged', to: 'closed', audit: 'escalation.closed' },
];

/** How the actor stands to one escalation. */
export interface EscalationRelation {
  /** Staff (lead or analyst) of a PMO governing the project. */
  pmo: boolean;
  /** The project's manager (or one who keeps its registers for it). */
  project: boolean;
}

/** The actions the actor may take on an escalation in `state`. */
export function allowedEscalationActions(state: EscalationState, relation: EscalationRelation): EscalationAction[] {
  return ESCALATION_TRANSITIONS.filter((t) => t.from === state && relation[t.party]).map((t) => t.action);
}

/**
 * The transition for `action` from `state`, or an error: FORBIDDEN (the wrong party),
 * INVALID_STATE (not from this state, naming `state`).
 * @example nextEscalationState('guided', 'acknowledge', { pmo: false, project: true }).to // 'acknowledged'
 */
export function nextEscalationState(
  state: EscalationState,
  action: EscalationAction,
  relation: EscalationRelation,
): EscalationTransition {
  const party = ESCALATION_TRANSITIONS.find((t) => t.action === action)!.party;
  if (!relation[party]) {
    throw new AppError(
      'FORBIDDEN',
      party === 'pmo'
        ? `only a lead or analyst of the PMO governing the project may ${action} an escalation`
        : "only the project's manager acknowledges the PMO's guidance",
      { action },
    );
  }
  const transition = ESCALATION_TRANSITIONS.find((t) => t.action === action && t.from === state);
  if (!transition) {
    throw new AppError(
      'INVALID_STATE',
      `an escalation that is ${state} cannot be ${action === 'guide' ? 'guided' : `${action}d`}`,
      {
        issues: [{ field: 'state', message: `is ${state}` }],
      },
    );
  }
  return transition;
}
