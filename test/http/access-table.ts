/**
 * Who may call what, written by hand from the roles of the product (DESIGN.md, "People and
 * roles"), for the demo accounts: deliberately not read from the permission registry, so that a
 * change there that lets the wrong role in (or locks the right one out) fails the route walk.
 *
 * Every operation of the OpenAPI document has one entry. `allow` lists the accounts the route
 * lets through; every other account must be refused with 403. Record-level rules (own request,
 * PMO scope, reporting line) come on top: the walk calls each allowed account with a record it
 * sees, and with one it does not see where it sees none of that kind.
 */

/** The demo accounts of the walk. */
export const ACCOUNTS = {
  admin: 'admin@example.com',
  lead: 'pmo.lead@example.com',
  analyst: 'pmo.analyst@example.com',
  pm: 'pm@example.com',
  coo: 'coo@example.com',
  cfo: 'cfo@example.com',
  cto: 'cto@example.com',
  viewer: 'viewer@example.com',
  resourceManager: 'resource.manager@example.com',
  teamMember: 'team.member@example.com',
} as const;
export type Who = keyof typeof ACCOUNTS;

const ALL: Who[] = Object.keys(ACCOUNTS) as Who[];
const EXECUTIVES: Who[] = ['coo', 'cfo', 'cto'];
/** The installation admin: users, settings, the organisation's structure. */
const ADMIN: Who[] = ['admin'];
/** Governing a PMO's records: the admin of the installation and the PMO lead. */
const GOVERNORS: Who[] = ['admin', 'lead'];
/** People, skills, capacity and allocations. */
const RESOURCING: Who[] = ['admin', 'lead', 'resourceManager'];
/** Seeing capacity and allocations: everyone who plans or governs work, not a viewer or team member. */
const RESOURCE_READERS: Who[] = ['admin', 'lead', 'analyst', 'pm', 'resourceManager', ...EXECUTIVES];
/** Running training: the PMO and the admin. */
const TRAINING: Who[] = ['admin', 'lead', 'analyst'];
/** Drafting requests: project managers and the PMO's own staff; never the admin as such. */
const REQUESTERS: Who[] = ['pm', 'lead', 'analyst'];
/** Reviewing and rating requests: the PMO's members. */
const REVIEWERS: Who[] = ['lead', 'analyst'];
/** Deciding requests, setting drivers and baselines: the PMO lead only. */
const DECIDERS: Who[] = ['lead'];
/** Reporting on projects and keeping their milestones, risks and issues: their managers and the PMO's staff. */
const REPORTERS: Who[] = ['pm', 'lead', 'analyst'];
/** Deciding approval steps: the PMO's staff, the executives of the line and the resource manager. */
const APPROVERS: Who[] = ['lead', 'analyst', 'resourceManager', ...EXECUTIVES];
/** Verifying the audit trail. */
const AUDITORS: Who[] = ['admin', 'lead', 'analyst', ...EXECUTIVES];

/**
 * Which request an operation on /requests/{id} is called with: `own`, a draft of the caller's
 * own (requester actions); `submitted`, a request of the project manager submitted to the
 * Enterprise PMO, with an attachment (everything else).
 */
export type RequestRecord = 'own' | 'submitted';

/**
 * Which project a status report or milestone operation is called with: `reporting`, one the
 * caller may report on (its manager, or staff of a PMO governing it); `reviewing`, one the caller
 * may review (staff of a governing PMO who is not part of it); `reported`, any with a report.
 */
export type ProjectKind = 'reporting' | 'reviewing' | 'reported';

export interface AccessEntry {
  allow: Who[];
  /** For /projects/{id}/… of the status reports: which project (default: the first the caller lists). */
  project?: ProjectKind;
  /** For /requests/{id}…: which request (default `submitted`). */
  request?: RequestRecord;
  /** A query string the operation needs to do its work (a month range, a stale version). */
  query?: string;
}

/** A version no record has: a delete or change that finds its record answers 409, and changes nothing. */
const STALE = '?version=999999';

export const ACCESS: Record<string, AccessEntry> = {
  'GET /api/v1/settings': { allow: ALL },
  'POST /api/v1/auth/login': { allow: ALL },
  'POST /api/v1/auth/logout': { allow: ALL },
  'GET /api/v1/me': { allow: ALL },
  'POST /api/v1/auth/password': { allow: ALL },
  'GET /api/v1/auth/tokens': { allow: ALL },
  'POST /api/v1/auth/tokens': { allow: ALL },
  'DELETE /api/v1/auth/tokens/{id}': { allow: ALL },

  'GET /api/v1/users': { allow: ADMIN },
  'POST /api/v1/users': { allow: ADMIN },
  'GET /api/v1/users/{id}': { allow: ADMIN },
  'PATCH /api/v1/users/{id}': { allow: ADMIN },
  'POST /api/v1/users/{id}/unlock-sign-in': { allow: ADMIN },

  'GET /api/v1/audit/verify': { allow: AUDITORS },
  // Every role reads the event list, each seeing the events of the records it may see.
  'GET /api/v1/audit/events': { allow: ALL },
  'GET /api/v1/audit/records/{entityType}/{entityId}': { allow: ALL },

  'GET /api/v1/org-units': { allow: ALL },
  'POST /api/v1/org-units': { allow: ADMIN },
  'GET /api/v1/org-units/tree': { allow: ALL },
  'GET /api/v1/org-units/{id}': { allow: ALL },
  'PATCH /api/v1/org-units/{id}': { allow: ADMIN },
  'GET /api/v1/positions': { allow: ALL },
  'POST /api/v1/positions': { allow: ADMIN },
  'GET /api/v1/positions/{id}': { allow: ALL },
  'PATCH /api/v1/positions/{id}': { allow: ADMIN },
  'GET /api/v1/skills': { allow: ALL },
  'POST /api/v1/skills': { allow: RESOURCING },
  'GET /api/v1/skills/{id}': { allow: ALL },
  'PATCH /api/v1/skills/{id}': { allow: RESOURCING },
  'GET /api/v1/people': { allow: ALL },
  'POST /api/v1/people': { allow: RESOURCING },
  'GET /api/v1/people/{id}': { allow: ALL },
  'PATCH /api/v1/people/{id}': { allow: RESOURCING },
  'PUT /api/v1/people/{id}/skills': { allow: RESOURCING },

  'GET /api/v1/pmos': { allow: ALL },
  'POST /api/v1/pmos': { allow: ADMIN },
  'GET /api/v1/pmos/{id}': { allow: ALL },
  'PATCH /api/v1/pmos/{id}': { allow: GOVERNORS },
  'PUT /api/v1/pmos/{id}/members': { allow: GOVERNORS },
  'PUT /api/v1/pmos/{id}/scope': { allow: GOVERNORS },
  'GET /api/v1/pmos/{id}/reporting-line': { allow: ALL },
  'GET /api/v1/pmos/{id}/thresholds': { allow: ALL },
  'POST /api/v1/pmos/{id}/thresholds': { allow: GOVERNORS },
  'PATCH /api/v1/pmos/{id}/thresholds/{thresholdId}': { allow: GOVERNORS },
  'DELETE /api/v1/pmos/{id}/thresholds/{thresholdId}': { allow: GOVERNORS, query: STALE },
  'GET /api/v1/pmos/{id}/driver-comparisons': { allow: ALL },
  'PUT /api/v1/pmos/{id}/driver-comparisons': { allow: DECIDERS },
  'POST /api/v1/ahp/evaluate': { allow: ALL },
  'GET /api/v1/pmos/{id}/review-queue': { allow: REVIEWERS },

  'GET /api/v1/portfolios': { allow: ALL },
  'POST /api/v1/portfolios': { allow: GOVERNORS },
  'GET /api/v1/portfolios/{id}': { allow: ALL },
  'PATCH /api/v1/portfolios/{id}': { allow: GOVERNORS },

  'GET /api/v1/project-types': { allow: ALL },
  'POST /api/v1/project-types': { allow: GOVERNORS },
  'GET /api/v1/project-types/{id}': { allow: ALL },
  'PATCH /api/v1/project-types/{id}': { allow: GOVERNORS },
  'GET /api/v1/project-types/{id}/versions/{number}': { allow: ALL },
  'GET /api/v1/project-types/{id}/versions/{number}/diff': { allow: ALL, query: '?against=1' },
  'POST /api/v1/project-types/{id}/versions': { allow: GOVERNORS },

  'GET /api/v1/projects': { allow: ALL },
  'POST /api/v1/projects': { allow: GOVERNORS },
  'GET /api/v1/projects/{id}': { allow: ALL },
  'PATCH /api/v1/projects/{id}': { allow: GOVERNORS },
  'PUT /api/v1/projects/{id}/baseline': { allow: DECIDERS },
  'GET /api/v1/projects/{id}/baseline': { allow: ALL },

  'GET /api/v1/projects/{id}/milestones': { allow: ALL },
  'POST /api/v1/projects/{id}/milestones': { allow: REPORTERS, project: 'reporting' },
  'GET /api/v1/projects/{id}/milestones/{milestoneId}': { allow: ALL, project: 'reported' },
  'PATCH /api/v1/projects/{id}/milestones/{milestoneId}': { allow: REPORTERS, project: 'reporting' },
  'DELETE /api/v1/projects/{id}/milestones/{milestoneId}': { allow: REPORTERS, project: 'reporting', query: STALE },
  'GET /api/v1/projects/{id}/milestone-trend': { allow: ALL },
  // The risk and issue registers: read by whoever sees the project, kept by those who report on it.
  'GET /api/v1/projects/{id}/risks': { allow: ALL },
  'POST /api/v1/projects/{id}/risks': { allow: REPORTERS, project: 'reporting' },
  'GET /api/v1/projects/{id}/risks/{riskId}': { allow: ALL, project: 'reported' },
  'PATCH /api/v1/projects/{id}/risks/{riskId}': { allow: REPORTERS, project: 'reporting' },
  'POST /api/v1/projects/{id}/risks/{riskId}/occurred': { allow: REPORTERS, project: 'reporting' },
  'GET /api/v1/projects/{id}/risk-matrix': { allow: ALL },
  'GET /api/v1/projects/{id}/issues': { allow: ALL },
  'POST /api/v1/projects/{id}/issues': { allow: REPORTERS, project: 'reporting' },
  'GET /api/v1/projects/{id}/issues/{issueId}': { allow: ALL, project: 'reported' },
  'PATCH /api/v1/projects/{id}/issues/{issueId}': { allow: REPORTERS, project: 'reporting' },
  // The escalation queue: read over the projects one sees; guided and closed by the PMO, acknowledged by the project.
  'GET /api/v1/risks': { allow: ALL },
  'GET /api/v1/escalations': { allow: ALL },
  'GET /api/v1/escalations/{id}': { allow: ALL },
  'POST /api/v1/escalations/{id}/guidance': { allow: REVIEWERS },
  'POST /api/v1/escalations/{id}/acknowledge': { allow: REPORTERS },
  'POST /api/v1/escalations/{id}/close': { allow: REVIEWERS },
  'GET /api/v1/projects/{id}/performance': { allow: ALL },
  'GET /api/v1/projects/{id}/report-periods': { allow: ALL },
  'GET /api/v1/projects/{id}/reporting': { allow: ALL },
  'GET /api/v1/projects/{id}/status-reports': { allow: ALL },
  'POST /api/v1/projects/{id}/status-reports': { allow: REPORTERS, project: 'reporting' },
  'GET /api/v1/projects/{id}/status-reports/{reportId}': { allow: ALL, project: 'reported' },
  'PATCH /api/v1/projects/{id}/status-reports/{reportId}': { allow: REPORTERS, project: 'reporting' },
  'POST /api/v1/projects/{id}/status-reports/{reportId}/submit': { allow: REPORTERS, project: 'reporting' },
  'POST /api/v1/projects/{id}/status-reports/{reportId}/revise': { allow: REPORTERS, project: 'reporting' },
  'POST /api/v1/projects/{id}/status-reports/{reportId}/accept': { allow: REVIEWERS, project: 'reviewing' },
  'POST /api/v1/projects/{id}/status-reports/{reportId}/return': { allow: REVIEWERS, project: 'reviewing' },
  // Across projects: the reports one owes (those who report), and the versions one may see (everyone).
  'GET /api/v1/reporting/due': { allow: REPORTERS },
  'GET /api/v1/status-reports': { allow: ALL },
  // Approval requests: read over the projects one sees (and the routes that name one); asked for by
  // those who report on a project; decided by whoever holds a level of the line (and the resource manager).
  'GET /api/v1/approvals': { allow: ALL },
  'POST /api/v1/approvals': { allow: REPORTERS },
  'POST /api/v1/approvals/preview': { allow: REPORTERS },
  'GET /api/v1/approvals/{id}': { allow: ALL },
  'POST /api/v1/approvals/{id}/decision': { allow: APPROVERS },
  'POST /api/v1/approvals/{id}/answer': { allow: REPORTERS },
  'POST /api/v1/approvals/{id}/withdraw': { allow: REPORTERS },
  'GET /api/v1/approval-delegates': { allow: APPROVERS },
  'POST /api/v1/approval-delegates': { allow: APPROVERS },
  'DELETE /api/v1/approval-delegates/{id}': { allow: APPROVERS, query: STALE },
  'GET /api/v1/dashboard/approvals': { allow: ALL },
  // The portfolio dashboard and its lists: everyone, over the projects each may open.
  'GET /api/v1/dashboard': { allow: ALL },
  'GET /api/v1/dashboard/risks': { allow: ALL },
  'GET /api/v1/dashboard/rag-matrix': { allow: ALL },
  'GET /api/v1/dashboard/mismatches': { allow: ALL },
  'GET /api/v1/dashboard/late-reports': { allow: ALL },

  'GET /api/v1/courses': { allow: ALL },
  'POST /api/v1/courses': { allow: TRAINING },
  'GET /api/v1/courses/{id}': { allow: ALL },
  'PATCH /api/v1/courses/{id}': { allow: TRAINING },
  'GET /api/v1/courses/{id}/requirements': { allow: ALL },
  'PUT /api/v1/courses/{id}/requirements': { allow: TRAINING },
  'GET /api/v1/training/requirements': { allow: ALL },
  'GET /api/v1/people/{id}/training-records': { allow: ALL },
  'POST /api/v1/people/{id}/training-records': { allow: TRAINING },
  'PATCH /api/v1/training-records/{id}': { allow: TRAINING },
  'DELETE /api/v1/training-records/{id}': { allow: TRAINING, query: STALE },
  'GET /api/v1/people/{id}/certifications': { allow: ALL },
  'POST /api/v1/people/{id}/certifications': { allow: TRAINING },
  'PATCH /api/v1/certifications/{id}': { allow: TRAINING },
  'DELETE /api/v1/certifications/{id}': { allow: TRAINING, query: STALE },
  'GET /api/v1/mentorships': { allow: ALL },
  'POST /api/v1/mentorships': { allow: TRAINING },
  'GET /api/v1/mentorships/{id}': { allow: ALL },
  'PATCH /api/v1/mentorships/{id}': { allow: TRAINING },
  'GET /api/v1/mentorships/{id}/sessions': { allow: ALL },
  // A mentor or mentee notes their own sessions; the record check decides whose.
  'POST /api/v1/mentorships/{id}/sessions': { allow: ALL },
  'GET /api/v1/training/qualification': { allow: TRAINING },
  'GET /api/v1/training/expiries': { allow: TRAINING },

  'GET /api/v1/requests': { allow: ALL },
  'POST /api/v1/requests': { allow: REQUESTERS },
  'GET /api/v1/requests/{id}': { allow: ALL },
  'PATCH /api/v1/requests/{id}': { allow: REQUESTERS, request: 'own' },
  'POST /api/v1/requests/{id}/submit': { allow: REQUESTERS, request: 'own' },
  'POST /api/v1/requests/{id}/withdraw': { allow: REQUESTERS, request: 'own' },
  'POST /api/v1/requests/{id}/start-review': { allow: REVIEWERS },
  'POST /api/v1/requests/{id}/request-info': { allow: REVIEWERS },
  'POST /api/v1/requests/{id}/reopen': { allow: REVIEWERS },
  'GET /api/v1/requests/{id}/comments': { allow: ALL },
  'POST /api/v1/requests/{id}/comments': { allow: ALL },
  'POST /api/v1/requests/{id}/attachments': { allow: REQUESTERS, request: 'own' },
  'GET /api/v1/requests/{id}/attachments': { allow: ALL },
  'GET /api/v1/requests/{id}/attachments/{attachmentId}': { allow: ALL },
  'DELETE /api/v1/requests/{id}/attachments/{attachmentId}': { allow: REQUESTERS, request: 'own' },
  'POST /api/v1/requests/{id}/decision': { allow: DECIDERS },
  'GET /api/v1/requests/{id}/ratings': { allow: ALL },
  'PUT /api/v1/requests/{id}/ratings': { allow: REVIEWERS },

  // Quick find: everyone, each finding only what they may open.
  'GET /api/v1/search': { allow: ALL, query: '?q=portal' },

  'GET /api/v1/notifications': { allow: ALL },
  'POST /api/v1/notifications/read-all': { allow: ALL },
  'POST /api/v1/notifications/{id}/read': { allow: ALL },
  'GET /api/v1/notification-kinds': { allow: ALL },
  'GET /api/v1/me/notification-preferences': { allow: ALL },
  'PUT /api/v1/me/notification-preferences': { allow: ALL },
  'GET /api/v1/me/calendar-feed': { allow: ALL },
  'POST /api/v1/me/calendar-feed': { allow: ALL },
  'DELETE /api/v1/me/calendar-feed': { allow: ALL },
  // The feed's secret URL is its credential: calendar programs fetch it without signing in.
  'GET /api/v1/calendar/{token}.ics': { allow: ALL },

  // Outgoing webhooks are an integration of the installation: its admin's.
  'GET /api/v1/webhooks': { allow: ADMIN },
  'POST /api/v1/webhooks': { allow: ADMIN },
  'GET /api/v1/webhooks/{id}': { allow: ADMIN },
  'PATCH /api/v1/webhooks/{id}': { allow: ADMIN },
  'DELETE /api/v1/webhooks/{id}': { allow: ADMIN, query: STALE },
  'POST /api/v1/webhooks/{id}/rotate-secret': { allow: ADMIN },
  'POST /api/v1/webhooks/{id}/test': { allow: ADMIN },
  'GET /api/v1/webhooks/{id}/deliveries': { allow: ADMIN },

  'GET /api/v1/people/{id}/absences': { allow: RESOURCE_READERS },
  'POST /api/v1/people/{id}/absences': { allow: RESOURCING },
  'PATCH /api/v1/absences/{id}': { allow: RESOURCING },
  'DELETE /api/v1/absences/{id}': { allow: RESOURCING, query: STALE },
  'GET /api/v1/allocations': { allow: RESOURCE_READERS },
  'POST /api/v1/allocations': { allow: RESOURCING },
  'GET /api/v1/allocations/{id}': { allow: RESOURCE_READERS },
  'PATCH /api/v1/allocations/{id}': { allow: RESOURCING },
  'DELETE /api/v1/allocations/{id}': { allow: RESOURCING, query: STALE },
  'GET /api/v1/resources/capacity': { allow: RESOURCE_READERS, query: '?from=2026-09&to=2027-02' },
  'GET /api/v1/people/{id}/capacity': { allow: RESOURCE_READERS, query: '?from=2026-09&to=2027-02' },
  'GET /api/v1/resources/candidates': { allow: RESOURCE_READERS, query: '?from=2026-09&to=2027-02' },
};

/** The operations no sign-in is needed for. */
export const PUBLIC_OPERATIONS = ['GET /api/v1/settings', 'POST /api/v1/auth/login', 'GET /api/v1/calendar/{token}.ics'];
