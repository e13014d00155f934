import type { Actor } from '../../kernel/actor.ts';
import type { Db, Queryable } from '../../kernel/db.ts';
import { invalid, notFound, versionConflict } from '../../kernel/errors.ts';
import { isoInstant } from '../../kernel/rows.ts';
import { transact } from '../../kernel/usecase.ts';
import { recordAudit } from '../audit/index.ts';
import { monthEnd, monthStart } from './resources.capacity.ts';
import { monthField, redactAbsence } from './resources.policy.ts';
import { parseInput } from '../../kernel/validate.ts';
import * as repo from './resources.repo.ts';
import {
  type AbsenceView,
  CreateAbsenceBody,
  type CreateAbsenceInput,
  UpdateAbsenceBody,
  type UpdateAbsenceInput,
} from './resources.schema.ts';

export function absenceView(row: repo.AbsenceRow): AbsenceView {
  return {
    id: row.id,
    personId: row.personId,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    reason: row.reason,
    version: row.version,
    createdAt: isoInstant(row.createdAt)!,
    updatedAt: isoInstant(row.updatedAt)!,
  };
}

/**
 * A person's absences, oldest first, optionally only those touching the months from–to; reasons as
 * the actor may read them. With the person they belong to.
 */
export async function listAbsences(
  db: Queryable,
  actor: Actor,
  personId: string,
  query: { from?: string; to?: string } = {},
): Promise<{ person: { id: string; name: string }; absences: AbsenceView[] }> {
  const person = await repo.findPerson(db, personId);
  if (!person) throw notFound('person', personId);
  const from = query.from ? monthStart(monthField('from', query.from)) : undefined;
  const to = query.to ? monthEnd(monthField('to', query.to)) : undefined;
  const rows = await repo.absencesOf(db, [personId], from, to);
  return { person: { id: person.id, name: person.name }, absences: rows.map((row) => redactAbsence(actor, absenceView(row))) };
}

function checkDates(startsOn: string, endsOn: string) {
  if (endsOn < startsOn) throw invalid('endsOn', 'must not be before startsOn');
}

/**
 * Records an absence; the person's capacity in those months drops. It is never refused for the
 * allocations it leaves beyond capacity: the capacity view lists those people as over-allocated.
 */
export async function createAbsence(db: Db, actor: Actor, personId: string, raw: CreateAbsenceInput): Promise<AbsenceView> {
  const input = parseInput(CreateAbsenceBody, raw);
  checkDates(input.startsOn, input.endsOn);
  return transact(db, async ({ tx }) => {
    if (!(await repo.findPerson(tx, personId))) throw notFound('person', personId);
    const row = await repo.insertAbsence(tx, { personId, startsOn: input.startsOn, endsOn: input.endsOn, reason: input.reason });
    const view = absenceView(row);
    await recordAudit(tx, actor, { entityType: 'absence', entityId: row.id, action: 'absence.created', after: view });
    return redactAbsence(actor, view);
  });
}

export async function updateAbsence(db: Db, actor: Actor, id: string, raw: UpdateAbsenceInput): Promise<AbsenceView> {
  const input = parseInput(UpdateAbsenceBody, raw);
  return transact(db, async ({ tx }) => {
    const before = await repo.findAbsence(tx, id);
    if (!before) throw notFound('absence', id);
    if (before.version !== input.version) throw versionConflict('absence', id, input.version);
    checkDates(input.startsOn ?? before.startsOn, input.endsOn ?? before.endsOn);
    const row = await repo.updateAbsence(tx, id, input.version, {
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      reason: input.reason,
    });
    if (!row) throw versionConflict('absence', id, input.version);
    const view = absenceView(row);
    await recordAudit(tx, actor, {
      entityType: 'absence',
      entityId: id,
      action: 'absence.updated',
      before: absenceView(before),
      after: view,
    });
    return redactAbsence(actor, view);
  });
}

export async function deleteAbsence(db: Db, actor: Actor, id: string, version?: number): Promise<void> {
  await transact(db, async ({ tx }) => {
    const before = await repo.findAbsence(tx, id);
    if (!before) throw notFound('absence', id);
    if (version !== undefined && before.version !== version) throw versionConflict('absence', id, version);
    if (!(await repo.deleteAbsence(tx, id, version))) throw versionConflict('absence', id, version ?? before.version);
    await recordAudit(tx, actor, { entityType: 'absence', entityId: id, action: 'absence.deleted', before: absenceView(before) });
  });
}
