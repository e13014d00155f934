/** Delegation of authority: which measures make sense for which subject of change. */

export const DELEGATION_SUBJECTS = ['budget_increase', 'headcount', 'risk_score', 'infrastructure', 'schedule_change'] as const;
export const DELEGATION_MEASURES = ['percent_of_bac', 'amount', 'count', 'score', 'days'] as const;
export const DELEGATION_APPROVERS = ['pmo_analyst', 'pmo_lead', 'reporting_executive', 'ceo'] as const;

export type DelegationSubject = (typeof DELEGATION_SUBJECTS)[number];
export type DelegationMeasure = (typeof DELEGATION_MEASURES)[number];
export type DelegationApprover = (typeof DELEGATION_APPROVERS)[number];

export const MEASURES_BY_SUBJECT: Readonly<Record<DelegationSubject, readonly DelegationMeasure[]>> = {
  budget_increase: ['percent_of_bac', 'amount'],
  headcount: ['count'],
  risk_score: ['score'],
  infrastructure: ['amount', 'percent_of_bac'],
  schedule_change: ['days'],
};

/** Null when the threshold makes sense, else the field that is wrong and why. */
export function thresholdProblem(
  subject: DelegationSubject,
  measure: DelegationMeasure,
  upTo: number,
): { field: 'measure' | 'upTo'; message: string } | null {
  const allowed = MEASURES_BY_SUBJECT[subject];
  if (!allowed.includes(measure)) return { field: 'measure', message: `${subject} is measured in ${allowed.join(' or ')}` };
  if (upTo < 0) return { field: 'upTo', message: 'must not be negative' };
  if ((measure === 'count' || measure === 'days' || measure === 'score') && !Number.isInteger(upTo)) {
    return { field: 'upTo', message: `a threshold in ${measure} is a whole number` };
  }
  return null;
}
