/** The API's record shapes as the web app reads them (see /api/openapi.json). */

export interface Me {
  userId: string | null;
  personId: string | null;
  email: string;
  name: string;
  roles: string[];
  permissions: string[];
  pmoMemberships: { pmoId: string; role: 'lead' | 'analyst' }[];
  positionIds: string[];
}

export interface User {
  id: string;
  email: string;
  displayName: string;
  personId: string | null;
  active: boolean;
  roles: string[];
  lastLoginAt: string | null;
  version: number;
}

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface AuditEvent {
  id: string;
  occurredAt: string;
  /** The sign-in label at the time (an e-mail, or the system's). */
  actor: string;
  /** The actor's display name. */
  actorName: string;
  actorUserId: string | null;
  entityType: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

/** Names of the records events refer to, by id (only records the caller may see). */
export type AuditLabels = Record<string, string>;

/** GET /audit/events: a page of the events the caller may see. */
export interface AuditEventList {
  items: AuditEvent[];
  total: number;
  limit: number;
  offset: number;
  labels: AuditLabels;
}

/** GET /audit/records/{entityType}/{entityId}: one record's history. */
export interface AuditHistory {
  items: AuditEvent[];
  labels: AuditLabels;
}

export interface AuditVerification {
  ok: boolean;
  events: number;
  chains: number;
  firstBrokenEventId: string | null;
  reason: string | null;
  digest: string;
}
