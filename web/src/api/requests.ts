/** Initiation requests and the in-app inbox as the web app reads them: aliases of the generated types. */
import type { Schemas } from './openapi.ts';

export type RequestSummary = Schemas['InitiationRequestSummary'];
export type InitiationRequest = Schemas['InitiationRequest'];
export type RequestState = RequestSummary['state'];
export type RequestAction = InitiationRequest['allowedActions'][number];

export const REQUEST_STATES = [
  'draft',
  'submitted',
  'in_review',
  'info_requested',
  'approved',
  'rejected',
  'deferred',
  'withdrawn',
] as const satisfies readonly RequestState[];

export type RequestBenefit = Schemas['RequestBenefit'];
export type CostLine = Schemas['RequestCostLine'];
export type SkillDemand = Schemas['RequestSkillDemand'];
export type KnownRisk = Schemas['RequestKnownRisk'];
export type RequestDependency = Schemas['RequestDependency'];
export type RequestAttachment = Schemas['RequestAttachment'];

/** The body of PATCH /requests/{id} without the version it is based on: any subset of the content. */
export type RequestContent = Omit<Schemas['UpdateRequestInput'], 'version'>;

export type RequestComment = Schemas['RequestComment'];
export type AppNotification = Schemas['Notification'];

/** One colour per state, everywhere a request's state is shown. */
export const REQUEST_STATE_COLORS: Record<RequestState, string> = {
  draft: 'default',
  submitted: 'blue',
  in_review: 'geekblue',
  info_requested: 'gold',
  approved: 'green',
  rejected: 'red',
  deferred: 'purple',
  withdrawn: 'volcano',
};

export const REQUEST_STATE_LABELS: Record<RequestState, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  in_review: 'In review',
  info_requested: 'Information requested',
  approved: 'Approved',
  rejected: 'Rejected',
  deferred: 'Deferred',
  withdrawn: 'Withdrawn',
};

/** The months a plan covers: monthsFrom('2026-11-15', 3) -> ['2026-11', '2026-12', '2027-01']. */
export function monthsFrom(start: string | null | undefined, count: number | null | undefined): string[] {
  if (!start || !count || count < 1) return [];
  const match = /^(\d{4})-(\d{2})/.exec(start);
  if (!match) return [];
  let year = Number(match[1]);
  let month = Number(match[2]);
  const months: string[] = [];
  for (let i = 0; i < Math.min(count, 240); i++) {
    months.push(`${year}-${String(month).padStart(2, '0')}`);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

/** "2027-01" -> "Jan 2027": the app's one way of writing a month (lib/capacity.ts). */
export { monthLabel } from '../lib/capacity.ts';

/** The score of a known risk on the 5×5 grid. */
export function riskScore(risk: { probability?: number | null; impact?: number | null }): number | null {
  if (!risk.probability || !risk.impact) return null;
  return risk.probability * risk.impact;
}

/** Low / medium / high as the PMO's default 5×5 matrix bands them. */
export function riskBand(score: number): { label: string; color: string } {
  if (score >= 15) return { label: 'High', color: 'red' };
  if (score >= 8) return { label: 'Medium', color: 'orange' };
  return { label: 'Low', color: 'green' };
}
