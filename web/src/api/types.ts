/** The API's account and audit records as the web app reads them: aliases of the generated types. */
import type { Schemas } from './openapi.ts';

export type Me = Schemas['Me'];
export type Role = Schemas['Role'];
export type User = Schemas['User'];
export type ApiToken = Schemas['ApiToken'];
export type AuditEvent = Schemas['AuditEvent'];
/** Names of the records events refer to, by id (only records the caller may see). */
export type AuditLabels = Schemas['AuditEventList']['labels'];
/** GET /audit/events: a page of the events the caller may see. */
export type AuditEventList = Schemas['AuditEventList'];
/** GET /audit/records/{entityType}/{entityId}: one record's history. */
export type AuditHistory = Schemas['AuditHistory'];
export type AuditVerification = Schemas['AuditVerification'];
export type LoginResult = Schemas['LoginResult'];
