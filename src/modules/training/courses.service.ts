import type { Actor } from '../../kernel/actor.ts';
import { alreadyExists } from '../../kernel/dberrors.ts';
import type { Db, Queryable } from '../../kernel/db.ts';
import { invalid, notFound, versionConflict } from '../../kernel/errors.ts';
import type { Role } from '../../kernel/permissions.ts';
import { isoInstant } from '../../kernel/rows.ts';
import { recordAudit } from '../audit/index.ts';
import { transactTraining } from './training.errors.ts';
import { parseInput } from '../../kernel/validate.ts';
import { assertMayManageTrainingOf } from './training.policy.ts';
import * as repo from './training.repo.ts';
import {
  CreateCourseBody,
  type CourseListFilter,
  type CourseView,
  type CreateCourseInput,
  type RequiredCourseView,
  type RequirementView,
  SetRequirementsBody,
  type SetRequirementsInput,
  UpdateCourseBody,
  type UpdateCourseInput,
} from './training.schema.ts';

type RequirementRow = Awaited<ReturnType<typeof repo.requirementsOf>>[number];

function requirementView(r: RequirementRow): RequirementView {
  return {
    role: r.role as Role,
    projectTypeId: r.projectTypeId,
    projectType: r.projectTypeId ? { id: r.projectTypeId, code: r.typeCode ?? '', name: r.typeName ?? '' } : null,
  };
}

function courseView(row: repo.CourseJoined, requirements: RequirementRow[]): CourseView {
  const c = row.course;
  return {
    id: c.id,
    pmo: { id: c.pmoId, code: row.pmoCode, name: row.pmoName },
    code: c.code,
    title: c.title,
    description: c.description,
    provider: c.provider,
    durationHours: c.durationHours,
    validityMonths: c.validityMonths,
    active: c.active,
    requirements: requirements.filter((r) => r.courseId === c.id).map(requirementView),
    version: c.version,
    createdAt: isoInstant(c.createdAt)!,
    updatedAt: isoInstant(c.updatedAt)!,
  };
}

async function loadCourse(db: Queryable, id: string): Promise<CourseView> {
  const row = await repo.findCourse(db, id);
  if (!row) throw notFound('course', id);
  return courseView(row, await repo.requirementsOf(db, [id]));
}

/** The course catalogue, filtered; ordered by code. */
export async function listCourses(db: Queryable, filter: CourseListFilter = {}): Promise<CourseView[]> {
  const rows = await repo.listCourses(db, filter);
  const requirements = await repo.requirementsOf(
    db,
    rows.map((r) => r.course.id),
  );
  return rows.map((r) => courseView(r, requirements));
}

export async function getCourse(db: Queryable, id: string): Promise<CourseView> {
  return loadCourse(db, id);
}

/** A course in the catalogue of a PMO the actor governs. */
export async function createCourse(db: Db, actor: Actor, raw: CreateCourseInput): Promise<CourseView> {
  const input = parseInput(CreateCourseBody, raw);
  return transactTraining(db, 'course', async ({ tx }) => {
    const pmo = await repo.findPmo(tx, input.pmoId);
    if (!pmo) throw invalid('pmoId', 'no such PMO');
    await assertMayManageTrainingOf(tx, actor, pmo);
    if (await repo.findCourseByCode(tx, input.code)) throw alreadyExists('course', 'code', input.code);
    const row = await repo.insertCourse(tx, {
      pmoId: input.pmoId,
      code: input.code,
      title: input.title,
      description: input.description ?? null,
      provider: input.provider ?? null,
      durationHours: input.durationHours ?? null,
      validityMonths: input.validityMonths ?? null,
      active: input.active ?? true,
    });
    const view = await loadCourse(tx, row.id);
    await recordAudit(tx, actor, { entityType: 'course', entityId: row.id, action: 'course.created', after: view });
    return view;
  });
}

/** Edits a course. A new validity applies to completions recorded from then on, not to existing ones. */
export async function updateCourse(db: Db, actor: Actor, id: string, raw: UpdateCourseInput): Promise<CourseView> {
  const input = parseInput(UpdateCourseBody, raw);
  return transactTraining(db, 'course', async ({ tx }) => {
    const before = await loadCourse(tx, id);
    await assertMayManageTrainingOf(tx, actor, before.pmo);
    if (input.code && input.code.toLowerCase() !== before.code.toLowerCase()) {
      if (await repo.findCourseByCode(tx, input.code)) throw alreadyExists('course', 'code', input.code);
    }
    const { version, ...changes } = input;
    const row = await repo.updateCourse(tx, id, version, changes);
    if (!row) throw versionConflict('course', id, version);
    const after = await loadCourse(tx, id);
    await recordAudit(tx, actor, { entityType: 'course', entityId: id, action: 'course.updated', before, after });
    return after;
  });
}

export async function getRequirements(
  db: Queryable,
  courseId: string,
): Promise<{ courseId: string; requirements: RequirementView[]; version: number }> {
  const course = await loadCourse(db, courseId);
  return { courseId, requirements: course.requirements, version: course.version };
}

/**
 * Replaces the roles (and project types) a course is required for. Each entry is a role for
 * every project type (projectTypeId null) or for one type; the course's version moves on.
 */
export async function setRequirements(
  db: Db,
  actor: Actor,
  courseId: string,
  raw: SetRequirementsInput,
): Promise<{ courseId: string; requirements: RequirementView[]; version: number }> {
  const input = parseInput(SetRequirementsBody, raw);
  const seen = new Set<string>();
  input.requirements.forEach((r, i) => {
    const key = `${r.role}|${r.projectTypeId ?? '*'}`;
    if (seen.has(key)) throw invalid(`requirements.${i}`, 'is listed twice');
    seen.add(key);
  });
  return transactTraining(db, 'course', async ({ tx }) => {
    const before = await loadCourse(tx, courseId);
    await assertMayManageTrainingOf(tx, actor, before.pmo);
    const typeIds = [...new Set(input.requirements.map((r) => r.projectTypeId).filter((t): t is string => t !== null))];
    const found = await repo.existingProjectTypes(tx, typeIds);
    input.requirements.forEach((r, i) => {
      if (r.projectTypeId && !found.has(r.projectTypeId))
        throw invalid(`requirements.${i}.projectTypeId`, 'no such project type');
    });
    if (!(await repo.updateCourse(tx, courseId, input.version, {}))) throw versionConflict('course', courseId, input.version);
    await repo.replaceRequirements(tx, courseId, input.requirements);
    const after = await loadCourse(tx, courseId);
    await recordAudit(tx, actor, {
      entityType: 'course',
      entityId: courseId,
      action: 'course.requirements_set',
      before: { requirements: before.requirements, version: before.version },
      after: { requirements: after.requirements, version: after.version },
    });
    return { courseId, requirements: after.requirements, version: after.version };
  });
}

/**
 * The active courses required for a role and, when a type is given, for that type or for every
 * type. `GET /training/requirements?role=project_manager&projectTypeId=…`.
 */
export async function listRequiredCourses(
  db: Queryable,
  filter: { role?: Role; projectTypeId?: string },
): Promise<RequiredCourseView[]> {
  if (filter.projectTypeId && !(await repo.existingProjectTypes(db, [filter.projectTypeId])).has(filter.projectTypeId)) {
    throw invalid('projectTypeId', 'no such project type');
  }
  const rows = await repo.requiredCourses(db, filter);
  return rows.map((r) => ({
    course: { id: r.courseId, code: r.code, title: r.title, validityMonths: r.validityMonths },
    role: r.role as Role,
    projectType: r.projectTypeId ? { id: r.projectTypeId, code: r.typeCode ?? '', name: r.typeName ?? '' } : null,
  }));
}
