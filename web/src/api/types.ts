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
  actor: string;
  actorUserId: string | null;
  entityType: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export interface AuditVerification {
  ok: boolean;
  events: number;
  chains: number;
  firstBrokenEventId: string | null;
  reason: string | null;
  digest: string;
}
