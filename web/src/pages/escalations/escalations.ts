/**
 * The PMO's escalation queue as the pages show it: the API's types, the words for its states and
 * reasons, and the paths a write refreshes.
 */
import type { Schemas } from '../../api/openapi.ts';

export type Escalation = Schemas['Escalation'];
export type GuideEscalationInput = Schemas['GuideEscalationInput'];
export type AcknowledgeEscalationInput = Schemas['AcknowledgeEscalationInput'];
export type CloseEscalationInput = Schemas['CloseEscalationInput'];

export type EscalationState = Escalation['state'];
export type EscalationReason = Escalation['reason'];
/** The queue's state filter: `active` (the API's default) is every escalation not closed. */
export type EscalationStateFilter = 'active' | EscalationState;

export const ESCALATION_STATE_LABEL: Record<EscalationState, string> = {
  open: 'Open',
  guided: 'Guided',
  acknowledged: 'Acknowledged',
  closed: 'Closed',
};

export const STATE_FILTER_OPTIONS: readonly { value: EscalationStateFilter; label: string }[] = [
  { value: 'active', label: 'Active (not closed)' },
  { value: 'open', label: 'Open: no guidance yet' },
  { value: 'guided', label: 'Guided: awaiting the project' },
  { value: 'acknowledged', label: 'Acknowledged: to close' },
  { value: 'closed', label: 'Closed' },
];

export const isStateFilter = (value: string | null): value is EscalationStateFilter =>
  STATE_FILTER_OPTIONS.some((o) => o.value === value);

export const ESCALATION_REASON_LABEL: Record<EscalationReason, string> = {
  score: 'High score',
  response: 'Escalated by the project',
  severity: 'Critical issue',
};

/** Why it was raised, in a sentence. */
export const ESCALATION_REASON_TEXT: Record<EscalationReason, string> = {
  score: "The risk scores at or above its matrix's escalation score.",
  response: 'The project chose to escalate the risk.',
  severity: 'The issue is of the highest severity.',
};

/** From this age (days since it was raised) an escalation is ageing and stands out in the queue. */
export const AGEING_DAYS = 14;

/** "R-3 · Supplier fails". */
export const subjectText = (e: Pick<Escalation, 'subject'>) => `${e.subject.key} · ${e.subject.title}`;

/** Where the subject is kept: the project's "Risks & issues" tab. */
export const registerLink = (e: Pick<Escalation, 'project'>) => `/projects/${e.project.id}?tab=risks`;

/** What a write on an escalation refreshes: the queue, the record, and its project's registers (their escalation link). */
export const escalationPaths = (e: Pick<Escalation, 'project'>) => [
  '/escalations',
  `/projects/${e.project.id}/risks`,
  `/projects/${e.project.id}/issues`,
  '/notifications',
];

/** Text typed into a form, trimmed; null when empty. */
export const textOrNull = (value: string | null | undefined): string | null => {
  const text = (value ?? '').trim();
  return text ? text : null;
};
