import { type Actor, requirePermission } from '../../kernel/actor.ts';
import type { Db, Queryable } from '../../kernel/db.ts';
import { invalid, notFound, versionConflict } from '../../kernel/errors.ts';
import { isoInstant } from '../../kernel/rows.ts';
import { recordAudit } from '../audit/index.ts';
import { transactTraining } from './training.errors.ts';
import { parseInput } from '../../kernel/validate.ts';
import { canSeeTrainingOf } from './training.policy.ts';
import * as repo from './training.repo.ts';
import { defaultExpiry, isExpired, today } from './training.rules.ts';
import {
  type CertificationView,
  CreateCertificationBody,
  type CreateCertificationInput,
  CreateTrainingRecordBody,
  type CreateTrainingRecordInput,
  type TrainingRecordView,
  UpdateCertificationBody,
  type UpdateCertificationInput,
  UpdateTrainingRecordBody,
  type UpdateTrainingRecordInput,
} from './training.schema.ts';

function recordView(row: repo.RecordJoined, asOf = today()): TrainingRecordView {
  const r = row.record;
  return {
    id: r.id,
    person: { id: r.personId, name: row.personName },
    course: { id: r.courseId, code: row.courseCode, title: row.courseTitle },
    completedOn: r.completedOn,
    expiresOn: r.expiresOn,
    expired: isExpired(r.expiresOn, asOf),
    evidence: r.evidence,
    recordedBy: r.recordedBy,
    version: r.version,
    createdAt: isoInstant(r.createdAt)!,
    updatedAt: isoInstant(r.updatedAt)!,
  };
}

function certificationView(row: repo.CertificationJoined, asOf = today()): CertificationView {
  const c = row.certification;
  return {
    id: c.id,
    person: { id: c.personId, name: row.personName },
    name: c.name,
    issuer: c.issuer,
    credentialId: c.credentialId,
    obtainedOn: c.obtainedOn,
    expiresOn: c.expiresOn,
    expired: isExpired(c.expiresOn, asOf),
    evidence: c.evidence,
    version: c.version,
    createdAt: isoInstant(c.createdAt)!,
    updatedAt: isoInstant(c.updatedAt)!,
  };
}

/** The person, when the actor may see their training; otherwise 404, as for a missing person. */
async function visiblePerson(db: Queryable, actor: Actor, personId: string) {
  const person = canSeeTrainingOf(actor, personId) ? await repo.findPerson(db, personId) : undefined;
  if (!person) throw notFound('person', personId);
  return person;
}

function checkDates(start: { field: string; day: string }, expiresOn: string | null): void {
  if (start.day > today()) throw invalid(start.field, 'must not be in the future');
  if (expiresOn !== null && expiresOn <= start.day) throw invalid('expiresOn', `must be after ${start.field}`);
}

// ---------------------------------------------------------------- training records

/** A person's training records, newest first: their own, or anyone's for a training manager. */
export async function listTrainingRecords(db: Queryable, actor: Actor, personId: string): Promise<TrainingRecordView[]> {
  await visiblePerson(db, actor, personId);
  const asOf = today();
  return (await repo.listRecords(db, personId)).map((r) => recordView(r, asOf));
}

/**
 * Records that a person completed a course. Without `expiresOn`, the completion expires the
 * course's validity months after it (never, for a course without validity).
 */
export async function createTrainingRecord(
  db: Db,
  actor: Actor,
  personId: string,
  raw: CreateTrainingRecordInput,
): Promise<TrainingRecordView> {
  requirePermission(actor, 'training.manage');
  const input = parseInput(CreateTrainingRecordBody, raw);
  return transactTraining(db, 'training record', async ({ tx }) => {
    await visiblePerson(tx, actor, personId);
    const course = await repo.findCourse(tx, input.courseId);
    if (!course) throw invalid('courseId', 'no such course');
    const expiresOn = input.expiresOn ?? defaultExpiry(input.completedOn, course.course.validityMonths);
    checkDates({ field: 'completedOn', day: input.completedOn }, expiresOn);
    const row = await repo.insertRecord(tx, {
      personId,
      courseId: input.courseId,
      completedOn: input.completedOn,
      expiresOn,
      evidence: input.evidence,
      recordedBy: actor.email,
    });
    const view = recordView((await repo.findRecord(tx, row.id))!);
    await recordAudit(tx, actor, {
      entityType: 'training_record',
      entityId: row.id,
      action: 'training_record.created',
      after: view,
    });
    return view;
  });
}

/** Corrects a record. A new completion date without an expiry recomputes the expiry from the course. */
export async function updateTrainingRecord(
  db: Db,
  actor: Actor,
  id: string,
  raw: UpdateTrainingRecordInput,
): Promise<TrainingRecordView> {
  requirePermission(actor, 'training.manage');
  const input = parseInput(UpdateTrainingRecordBody, raw);
  return transactTraining(db, 'training record', async ({ tx }) => {
    const beforeRow = await repo.findRecord(tx, id);
    if (!beforeRow || !canSeeTrainingOf(actor, beforeRow.record.personId)) throw notFound('training record', id);
    const before = recordView(beforeRow);
    const completedOn = input.completedOn ?? before.completedOn;
    let expiresOn = input.expiresOn === undefined ? before.expiresOn : input.expiresOn;
    if (input.expiresOn === undefined && completedOn !== before.completedOn) {
      const course = await repo.findCourse(tx, before.course.id);
      expiresOn = defaultExpiry(completedOn, course!.course.validityMonths);
    }
    checkDates({ field: 'completedOn', day: completedOn }, expiresOn);
    const row = await repo.updateRecord(tx, id, input.version, { completedOn, expiresOn, evidence: input.evidence });
    if (!row) throw versionConflict('training record', id, input.version);
    const after = recordView((await repo.findRecord(tx, id))!);
    await recordAudit(tx, actor, {
      entityType: 'training_record',
      entityId: id,
      action: 'training_record.updated',
      before,
      after,
    });
    return after;
  });
}

export async function deleteTrainingRecord(db: Db, actor: Actor, id: string, version?: number): Promise<void> {
  requirePermission(actor, 'training.manage');
  await transactTraining(db, 'training record', async ({ tx }) => {
    const row = await repo.findRecord(tx, id);
    if (!row || !canSeeTrainingOf(actor, row.record.personId)) throw notFound('training record', id);
    if (version !== undefined && row.record.version !== version) throw versionConflict('training record', id, version);
    await repo.deleteRecord(tx, id);
    await recordAudit(tx, actor, {
      entityType: 'training_record',
      entityId: id,
      action: 'training_record.deleted',
      before: recordView(row),
    });
  });
}

// ---------------------------------------------------------------- certifications

export async function listCertifications(db: Queryable, actor: Actor, personId: string): Promise<CertificationView[]> {
  await visiblePerson(db, actor, personId);
  const asOf = today();
  return (await repo.listCertifications(db, personId)).map((c) => certificationView(c, asOf));
}

/** Records an external certification (PMP, PRINCE2, …) a person holds. */
export async function createCertification(
  db: Db,
  actor: Actor,
  personId: string,
  raw: CreateCertificationInput,
): Promise<CertificationView> {
  requirePermission(actor, 'training.manage');
  const input = parseInput(CreateCertificationBody, raw);
  return transactTraining(db, 'certification', async ({ tx }) => {
    await visiblePerson(tx, actor, personId);
    checkDates({ field: 'obtainedOn', day: input.obtainedOn }, input.expiresOn ?? null);
    const row = await repo.insertCertification(tx, {
      personId,
      name: input.name,
      issuer: input.issuer,
      credentialId: input.credentialId ?? null,
      obtainedOn: input.obtainedOn,
      expiresOn: input.expiresOn ?? null,
      evidence: input.evidence ?? null,
    });
    const view = certificationView((await repo.findCertification(tx, row.id))!);
    await recordAudit(tx, actor, {
      entityType: 'certification',
      entityId: row.id,
      action: 'certification.created',
      after: view,
    });
    return view;
  });
}

export async function updateCertification(
  db: Db,
  actor: Actor,
  id: string,
  raw: UpdateCertificationInput,
): Promise<CertificationView> {
  requirePermission(actor, 'training.manage');
  const input = parseInput(UpdateCertificationBody, raw);
  return transactTraining(db, 'certification', async ({ tx }) => {
    const beforeRow = await repo.findCertification(tx, id);
    if (!beforeRow || !canSeeTrainingOf(actor, beforeRow.certification.personId)) throw notFound('certification', id);
    const before = certificationView(beforeRow);
    const obtainedOn = input.obtainedOn ?? before.obtainedOn;
    const expiresOn = input.expiresOn === undefined ? before.expiresOn : input.expiresOn;
    checkDates({ field: 'obtainedOn', day: obtainedOn }, expiresOn);
    const { version, ...changes } = input;
    const row = await repo.updateCertification(tx, id, version, changes);
    if (!row) throw versionConflict('certification', id, version);
    const after = certificationView((await repo.findCertification(tx, id))!);
    await recordAudit(tx, actor, {
      entityType: 'certification',
      entityId: id,
      action: 'certification.updated',
      before,
      after,
    });
    return after;
  });
}

export async function deleteCertification(db: Db, actor: Actor, id: string, version?: number): Promise<void> {
  requirePermission(actor, 'training.manage');
  await transactTraining(db, 'certification', async ({ tx }) => {
    const row = await repo.findCertification(tx, id);
    if (!row || !canSeeTrainingOf(actor, row.certification.personId)) throw notFound('certification', id);
    if (version !== undefined && row.certification.version !== version) throw versionConflict('certification', id, version);
    await repo.deleteCertification(tx, id);
    await recordAudit(tx, actor, {
      entityType: 'certification',
      entityId: id,
      action: 'certification.deleted',
      before: certificationView(row),
    });
  });
}
