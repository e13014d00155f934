/** Initiation requests and the in-app inbox as the web app reads them (see /api/openapi.json). */
import type { Ref } from './domain.ts';

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

export type RequestAction =
  | 'edit'
  | 'attach'
  | 'comment'
  | 'submit'
  | 'start_review'
  | 'request_info'
  | 'withdraw'
  | 'decide'
  | 'reopen';

export interface RequestSummary {
  id: string;
  code: string;
  title: string;
  state: RequestState;
  /** The requesting user. */
  requester: Ref;
  pmo: Ref | null;
  projectType: Ref | null;
  wantedStart: string | null;
  totalCost: number;
  updatedAt: string;
  version: number;
}

export interface RequestBenefit {
  description: string;
  amount: number | null;
}

export interface CostLine {
  month: string;
  amount: number;
}

export interface SkillDemand {
  skillId: string;
  month: string;
  fte: number;
}

export interface KnownRisk {
  title: string;
  probability: number;
  impact: number;
  response?: string | null;
}

export interface RequestDependency {
  projectId: string;
  note: string;
}

export interface RequestAttachment {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedBy: Ref;
  createdAt: string;
}

export interface InitiationRequest extends RequestSummary {
  problem: string;
  objectives: string[];
  benefits: RequestBenefit[];
  sponsor: Ref | null;
  durationMonths: number | null;
  costEstimate: CostLine[];
  skillDemand: SkillDemand[];
  knownRisks: KnownRisk[];
  dependencies: RequestDependency[];
  submittedAt: string | null;
  decidedAt: string | null;
  decidedBy: Ref | null;
  decisionRationale: string | null;
  revisitOn: string | null;
  conditions: unknown[];
  projectId: string | null;
  commentsCount: number;
  attachments: RequestAttachment[];
  allowedActions: RequestAction[];
  createdAt: string;
}

/** The body of PATCH /requests/{id}: any subset of the content, with the version it is based on. */
export interface RequestContent {
  title?: string;
  problem?: string;
  objectives?: string[];
  benefits?: RequestBenefit[];
  projectTypeId?: string | null;
  sponsorId?: string | null;
  pmoId?: string | null;
  wantedStart?: string | null;
  durationMonths?: number | null;
  costEstimate?: CostLine[];
  skillDemand?: SkillDemand[];
  knownRisks?: KnownRisk[];
  dependencies?: RequestDependency[];
}

export interface RequestComment {
  id: string;
  author: Ref;
  body: string;
  createdAt: string;
}

export interface AppNotification {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  entityType: string | null;
  entityId: string | null;
  read: boolean;
  readAt: string | null;
  createdAt: string;
}

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
