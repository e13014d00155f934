import type { Queryable } from '../../kernel/db.ts';
import { invalid, validationFailed } from '../../kernel/errors.ts';
import * as repo from './training.repo.ts';
import {
  type CompletionLike,
  type RequiredCourse,
  type TrainingGap,
  addDays,
  daysBetween,
  latestCompletions,
  qualificationStatus,
  today,
  trainingGaps,
} from './training.rules.ts';
import type { ExpiryView, TypeQualificationView } from './training.schema.ts';

/** The role whose requirements decide who may manage a project. */
const PROJECT_MANAGER = 'project_manager';

function distinctCourses(rows: { courseId: string; code: string; title: string }[]): RequiredCourse[] {
  const byId = new Map<string, RequiredCourse>();
  for (const r of rows) if (!byId.has(r.courseId)) byId.set(r.courseId, { courseId: r.courseId, code: r.code, title: r.title });
  return [...byId.values()];
}

/**
 * The courses a person lacks to manage a project of the given type as of a day: the active
 * courses required for role project_manager on that type or on every type, never completed by
 * then, or whose latest completion has expired (`expiresOn` on or before `asOf`). Empty when
 * the person is qualified. Takes a transaction as well as the database.
 * @example await missingTraining(tx, personId, projectTypeId, '2026-03-31')
 *   // [{ courseId, code: 'AGL-201', title: 'Agile Delivery Practitioner', reason: 'expired', expiredOn: '2026-01-15' }]
 */
export async function missingTraining(
  db: Queryable,
  personId: string,
  projectTypeId: string,
  asOf: string,
): Promise<TrainingGap[]> {
  const required = distinctCourses(await repo.requiredCourses(db, { role: PROJECT_MANAGER, projectTypeId }));
  if (required.length === 0) return [];
  const records = await repo.completions(
    db,
    required.map((c) => c.courseId),
    personId,
  );
  return trainingGaps(required, records, asOf);
}

/**
 * Refuses (422 naming `field`, with `details.missingCourses`) a project manager who lacks the
 * training the project type requires as of `asOf`. For naming a manager and for the go-ahead.
 * @example await assertQualifiedProjectManager(tx, input.projectManagerId, project.projectTypeId, today)
 */
export async function assertQualifiedProjectManager(
  db: Queryable,
  personId: string,
  projectTypeId: string,
  asOf: string,
  field = 'projectManagerId',
): Promise<void> {
  const missing = await missingTraining(db, personId, projectTypeId, asOf);
  if (missing.length === 0) return;
  const list = missing.map((m) => (m.reason === 'expired' ? `${m.code} (expired ${m.expiredOn})` : m.code)).join(', ');
  const message = `lacks the training this project type requires: ${list}`;
  throw validationFailed([{ field, message }], { missingCourses: missing });
}

/**
 * For each project type (or the one asked): who is qualified to manage it as of a day, and who
 * holds some of its required courses but lacks others or holds them expired. People with none of
 * them are not listed; a type that requires nothing is open to anyone (`anyoneQualifies`).
 */
export async function qualificationByType(
  db: Queryable,
  options: { projectTypeId?: string; asOf?: string } = {},
): Promise<TypeQualificationView[]> {
  const asOf = options.asOf ?? today();
  const types = await repo.listProjectTypes(db, options.projectTypeId);
  if (options.projectTypeId && types.length === 0) throw invalid('projectTypeId', 'no such project type');
  const requirements = await repo.requiredCourses(db, { role: PROJECT_MANAGER });
  const records = await repo.completions(db, [...new Set(requirements.map((r) => r.courseId))]);
  const people = new Map<string, { name: string; records: CompletionLike[] }>();
  for (const r of records) {
    const entry = people.get(r.personId) ?? { name: r.personName, records: [] };
    entry.records.push(r);
    people.set(r.personId, entry);
  }
  return types.map((type) => {
    const required = distinctCourses(requirements.filter((r) => r.projectTypeId === null || r.projectTypeId === type.id));
    const requiredIds = new Set(required.map((c) => c.courseId));
    const qualified: TypeQualificationView['qualified'] = [];
    const partiallyQualified: TypeQualificationView['partiallyQualified'] = [];
    if (required.length > 0) {
      for (const [personId, person] of people) {
        const relevant = person.records.filter((r) => requiredIds.has(r.courseId));
        if (relevant.length === 0) continue;
        const gaps = trainingGaps(required, relevant, asOf);
        const status = qualificationStatus(required, gaps);
        const ref = { id: personId, name: person.name };
        if (status === 'qualified') qualified.push({ person: ref });
        else if (status === 'partial') partiallyQualified.push({ person: ref, gaps });
      }
    }
    return {
      projectType: type,
      requiredCourses: required.map((c) => ({ id: c.courseId, code: c.code, title: c.title })),
      anyoneQualifies: required.length === 0,
      qualified,
      partiallyQualified,
    };
  });
}

/**
 * Latest completions (of active courses) that expire after `asOf` and within `withinDays` of it,
 * soonest first; with `includeExpired`, those already expired as well. A renewed course no
 * longer shows its older completion.
 */
export async function upcomingExpiries(
  db: Queryable,
  options: { withinDays?: number; includeExpired?: boolean; asOf?: string } = {},
): Promise<ExpiryView[]> {
  const asOf = options.asOf ?? today();
  const until = addDays(asOf, options.withinDays ?? 90);
  const rows = await repo.recordsOfActiveCourses(db);
  const byPerson = new Map<string, (CompletionLike & { row: repo.RecordJoined })[]>();
  for (const row of rows) {
    const list = byPerson.get(row.record.personId) ?? [];
    list.push({ ...row.record, row });
    byPerson.set(row.record.personId, list);
  }
  const items: ExpiryView[] = [];
  for (const records of byPerson.values()) {
    for (const latest of latestCompletions(records, asOf).values()) {
      const expiresOn = latest.expiresOn;
      if (expiresOn === null || expiresOn > until) continue;
      if (expiresOn <= asOf && !options.includeExpired) continue;
      const { record, personName, courseCode, courseTitle } = latest.row;
      items.push({
        recordId: record.id,
        person: { id: record.personId, name: personName },
        course: { id: record.courseId, code: courseCode, title: courseTitle },
        completedOn: record.completedOn,
        expiresOn,
        daysLeft: daysBetween(asOf, expiresOn),
      });
    }
  }
  return items.sort(
    (a, b) =>
      a.expiresOn.localeCompare(b.expiresOn) ||
      a.person.name.localeCompare(b.person.name) ||
      a.course.code.localeCompare(b.course.code),
  );
}
