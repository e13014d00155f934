import type { Db } from '../../kernel/db.ts';
import { AppError, invalid } from '../../kernel/errors.ts';
import { type UnitOfWork, transact } from '../../kernel/usecase.ts';

interface PgErrorLike {
  code?: string;
  constraint?: string;
}

/** The PostgreSQL error under drizzle's wrapper (PGlite and node-postgres both carry code and constraint). */
export function pgErrorOf(err: unknown): PgErrorLike | null {
  let current: unknown = err;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const candidate = current as PgErrorLike & { cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate;
    current = candidate.cause;
  }
  return null;
}

/** A field that is already taken: 409 ALREADY_EXISTS naming the field. */
export function alreadyExists(entity: string, field: string, value: string): AppError {
  return new AppError('ALREADY_EXISTS', `a ${entity} with ${field} ${value} exists`, {
    issues: [{ field, message: 'is taken' }],
  });
}

/**
 * The safety net under the explicit checks: a unique or foreign-key violation that slipped past
 * them (two writers racing) still answers 409 / 422 naming the field, never a 500.
 * `fields` maps constraint names to the input field they guard.
 */
export function translateDbError(err: unknown, entity: string, fields: Record<string, string>): unknown {
  if (err instanceof AppError) return err;
  const pgError = pgErrorOf(err);
  if (!pgError) return err;
  const field = (pgError.constraint && fields[pgError.constraint]) || 'body';
  if (pgError.code === '23505') {
    return new AppError('ALREADY_EXISTS', `this ${entity} ${field} is taken`, { issues: [{ field, message: 'is taken' }] });
  }
  if (pgError.code === '23503') return invalid(field, 'refers to a record that does not exist');
  return err;
}

/** The input field each constraint of the org tables guards. */
export const ORG_CONSTRAINT_FIELDS: Record<string, string> = {
  org_units_code_unique: 'code',
  org_units_parent_id_org_units_id_fk: 'parentId',
  executive_positions_code_unique: 'code',
  executive_positions_org_unit_id_org_units_id_fk: 'orgUnitId',
  executive_positions_holder_person_id_people_id_fk: 'holderPersonId',
  executive_positions_reports_to_position_id_executive_positions_id_fk: 'reportsToPositionId',
  skills_name_unique: 'name',
  people_email_unique: 'email',
  people_org_unit_id_org_units_id_fk: 'orgUnitId',
  person_skills_skill_id_skills_id_fk: 'skills',
  person_skills_person_id_skill_id_pk: 'skills',
  pmos_code_unique: 'code',
  pmos_reports_to_position_id_executive_positions_id_fk: 'reportsToPositionId',
  pmos_parent_pmo_id_pmos_id_fk: 'parentPmoId',
  pmo_members_person_id_people_id_fk: 'members',
  pmo_members_pmo_id_person_id_pk: 'members',
  pmo_scope_org_unit_id_org_units_id_fk: 'orgUnitIds',
  pmo_scope_pmo_id_org_unit_id_pk: 'orgUnitIds',
};

/** Runs one use case in one transaction; a constraint violation that raced past the checks becomes 409/422. */
export async function transactOrg<T>(db: Db, entity: string, work: (uow: UnitOfWork) => Promise<T>): Promise<T> {
  try {
    return await transact(db, work);
  } catch (err) {
    throw translateDbError(err, entity, ORG_CONSTRAINT_FIELDS);
  }
}
