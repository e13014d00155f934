import { AppError } from '../../kernel/errors.ts';

/**
 * The status report's life, as one table. A version is a draft until submitted; the PMO accepts
 * or returns a submitted version; a returned version is revised as the next version of the same
 * period. Every move is checked by `nextReportState` and nowhere else.
 */
export const REPORT_STATES = ['draft', 'submitted', 'accepted', 'returned'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

export const REPORT_ACTIONS = ['edit', 'submit', 'accept', 'return', 'revise'] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

/** Who takes an action: a reporter (the project's manager, or its PMO's staff) or a reviewer of the PMO. */
export type ReportParty = 'reporter' | 'reviewer';

export interface ReportTransition {
  action: ReportAction;
  party: ReportParty;
  from: ReportState;
  /** The state of this version afterwards; `revise` leaves it and starts a new draft version. */
  to: ReportState;
  audit: string;
}

export const REPORT_TRANSITIONS: readonly ReportTransition[] = [
  { action: 'edit', party: 'reporter', from: 'draft', to: 'draft', audit: 'status_report.updated' },
  { action: 'submit', party: 'reporter', from: 'draft', to: 'submitted', audit: 'status_report.submitted' },
  { action: 'accept', party: 'reviewer', from: 'submitted', to: 'accepted', audit: 'status_report.accepted' },
  { action: 'return', party: 'reviewer', from: 'submitted', to: 'returned', audit: 'status_report.returned' },
  { action: 'revise', party: 'reporter', from: 'returned', to: 'returned', audit: 'status_report.revised' },
];

/**
 * How the actor stands to one report: may they report on its project, review it, and are they
 * part of the project or its submitter (who may never review it)?
 */
export interface ReportRelation {
  mayReport: boolean;
  mayReview: boolean;
  /** Project manager, sponsor or team member of the project, or the version's submitter. */
  ownProject: boolean;
}

/**
 * The transition for `action` on a version in `state`, or an error: FORBIDDEN (wrong party),
 * SELF_APPROVAL (a review of one's own project), INVALID_STATE (not from this state).
 * @example nextReportState('submitted', 'return', relation) // 'returned'
 */
export function nextReportState(state: ReportState, action: ReportAction, relation: ReportRelation): ReportTransition {
  const party = REPORT_TRANSITIONS.find((t) => t.action === action)!.party;
  if (party === 'reporter' && !relation.mayReport) {
    throw new AppError('FORBIDDEN', `only the project's manager or its PMO may ${action} its status report`, { action });
  }
  if (party === 'reviewer') {
    if (!relation.mayReview) {
      throw new AppError('FORBIDDEN', `only a lead or analyst of the project's PMO may ${action} a status report`, { action });
    }
    // Separation of duties: nobody reviews a report on a project they are part of, or that they submitted.
    if (relation.ownProject) {
      throw new AppError('SELF_APPROVAL', `you may not ${action} a status report of a project you are part of`, { action });
    }
  }
  const transition = REPORT_TRANSITIONS.find((t) => t.action === action && t.from === state);
  if (!transition) {
    const from = REPORT_TRANSITIONS.filter((t) => t.action === action).map((t) => t.from);
    throw new AppError(
      'INVALID_STATE',
      `a status report that is ${state} cannot ${action}; only one that is ${from.join(', ')}`,
      {
        state,
        action,
        allowedFrom: from,
      },
    );
  }
  return transition;
}

/** What the caller may do with a version: every action `nextReportState` accepts, in a fixed order. */
export function allowedReportActions(state: ReportState, relation: ReportRelation, isLatest: boolean): ReportAction[] {
  return REPORT_ACTIONS.filter((action) => {
    // Only the newest version of a period moves; earlier ones are history.
    if (!isLatest) return false;
    try {
      nextReportState(state, action, relation);
      return true;
    } catch {
      return false;
    }
  });
}
