import type { Db } from '../../kernel/db.ts';
import { translateDbError } from '../../kernel/dberrors.ts';
export { alreadyExists, pgErrorOf, translateDbError } from '../../kernel/dberrors.ts';
import { type UnitOfWork, transact } from '../../kernel/usecase.ts';

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
