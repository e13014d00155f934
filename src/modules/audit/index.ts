/** The hash-chained audit trail: record events inside use cases, verify, read history. */
export { recordAudit, verifyAuditTrail, recordHistory, latestEvents } from './audit.service.ts';
export type { AuditInput, VerifyResult, AuditEventView } from './audit.service.ts';
export { auditRoutes, type RecordVisibility } from './audit.routes.ts';
