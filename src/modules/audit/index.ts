/** The hash-chained audit trail: record events inside use cases, verify, read events and histories as each record allows. */
export { recordAudit, recordAuditBatch, verifyAuditTrail, hasHistory } from './audit.service.ts';
export type { AuditInput, VerifyResult } from './audit.service.ts';
export { listAuditEvents, readRecordHistory, visibleEventsCondition } from './audit.reads.ts';
export type { AuditEventView, AuditEventList } from './audit.reads.ts';
export type { AuditEventFilter, AuditPage } from './audit.schema.ts';
/**
 * The rule of one kind of record for the audit reads: visibility per id and as SQL, names,
 * search and masking. @example export const intakeAudited: Record<string, AuditedRecord> = { request: {...} };
 */
export {
  type AuditedRecord,
  type AuditedRecords,
  type IdExpression,
  auditedRecords,
  containsPattern,
  idAmong,
  isUuid,
  nameMap,
  namesFrom,
  readableWhileItExists,
  registerAuditedRecords,
} from './audit.rules.ts';
export { userRecord } from './audit.users.ts';
/** For the rules of removed records: which records' events name a value, and the value one record's events name. */
export { idsWhoseEventsName, fieldNamedInEvents } from './audit.repo.ts';
export { auditRoutes } from './audit.routes.ts';
