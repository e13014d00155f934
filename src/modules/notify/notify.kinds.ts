/**
 * The kinds of events Tollgate tells people and systems about. A kind addressed to users (a
 * notice) has a default per channel that each user may change; every kind can be delivered to
 * webhooks. Modules name their kinds here, or register them with defineEventKind.
 */
export interface EventKind {
  /** Dotted: `<record>.<what happened>`, e.g. `status_report.overdue`. */
  kind: string;
  /** Shown in the preferences and the webhook form. */
  label: string;
  /** Addressed to users (inbox, and e-mail by preference); false: webhooks only. */
  toUsers: boolean;
  /** For kinds addressed to users: whether e-mail is on until the user chooses. */
  emailByDefault: boolean;
}

/** Delivered to one webhook when the admin asks for a test; no subscription needed. */
export const TEST_EVENT_KIND = 'webhook.test';

const registry = new Map<string, EventKind>();

/**
 * Registers a kind of event (idempotent: a later registration of the same kind replaces it).
 * @example defineEventKind({ kind: 'gate_review.scheduled', label: 'A gate review is scheduled', toUsers: true, emailByDefault: true })
 */
export function defineEventKind(kind: EventKind): void {
  if (!/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/.test(kind.kind)) {
    throw new Error(`event kind "${kind.kind}" must be dotted lower-case words, e.g. status_report.overdue`);
  }
  registry.set(kind.kind, kind);
}

/** Every registered kind, sorted by name. */
export function eventKinds(): EventKind[] {
  return [...registry.values()].sort((a, b) => a.kind.localeCompare(b.kind));
}

export function eventKind(kind: string): EventKind | undefined {
  return registry.get(kind);
}

/** Whether a kind not chosen by the user is e-mailed: its default, or no for a kind nobody registered. */
export function emailByDefault(kind: string): boolean {
  return registry.get(kind)?.emailByDefault ?? false;
}

const notice = (kind: string, label: string, emailByDefault = false): EventKind => ({
  kind,
  label,
  toUsers: true,
  emailByDefault,
});

for (const kind of [
  // Initiation requests: the notices of the request workflow (intake).
  notice('request.submit', 'A request was submitted to your PMO'),
  notice('request.resubmit', 'A request came back with the information asked for'),
  notice('request.start_review', 'Your request is in review'),
  notice('request.request_info', 'Your request needs more information', true),
  notice('request.withdraw', 'A request was withdrawn'),
  notice('request.reopen', 'A deferred request was reopened'),
  notice('request.approved', 'A request was approved', true),
  notice('request.rejected', 'A request was rejected', true),
  notice('request.deferred', 'A request was deferred', true),
  notice('request.commented', 'A comment on a request'),
  // Status reports.
  notice('status_report.due', 'A status report is due'),
  notice('status_report.overdue', 'A status report is overdue', true),
  notice('status_report.escalated', 'An overdue status report was escalated to the PMO', true),
  notice('status_report.returned', 'A status report was returned with comments', true),
  notice('status_report.accepted', 'A status report was accepted'),
  // Risks and issues.
  notice('risk.escalated', 'A risk was escalated to your PMO', true),
  notice('issue.escalated', 'An issue was escalated to your PMO', true),
  notice('escalation.guided', "The PMO's guidance on an escalation of your project", true),
  notice('escalation.acknowledged', 'A project reported back on the guidance you gave'),
  // Approval requests.
  notice('approval.requested', 'An approval request waits for your decision', true),
  notice('approval.reminder', 'An approval step you decide is late', true),
  notice('approval.escalated', 'A late approval step was escalated to you', true),
  notice('approval.answered', 'A requester answered your question on an approval request'),
  notice('approval.info_requested', 'An approver asks for information on your request', true),
  notice('approval.step_approved', 'A step of your approval request was approved', true),
  notice('approval.approved', 'Your approval request was approved', true),
  notice('approval.rejected', 'Your approval request was rejected', true),
  notice('approval.delegated', 'Someone named you to decide their approvals while away', true),
  { kind: 'status_report.submitted', label: 'A status report was submitted', toUsers: false, emailByDefault: false },
  { kind: TEST_EVENT_KIND, label: 'A test event sent from the webhook page', toUsers: false, emailByDefault: false },
]) {
  defineEventKind(kind);
}
