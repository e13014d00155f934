import { translateDbError } from '../../kernel/dberrors.ts';
import type { Db } from '../../kernel/db.ts';
import { type UnitOfWork, transact } from '../../kernel/usecase.ts';

/** The input field each constraint of the training tables guards. */
const TRAINING_CONSTRAINT_FIELDS: Record<string, string> = {
  courses_code_unique: 'code',
  courses_pmo_id_pmos_id_fk: 'pmoId',
  course_requirements_course_id_courses_id_fk: 'courseId',
  course_requirements_project_type_id_project_types_id_fk: 'requirements',
  training_records_course_id_courses_id_fk: 'courseId',
  training_records_person_id_people_id_fk: 'personId',
  certifications_person_id_people_id_fk: 'personId',
  mentorships_pmo_id_pmos_id_fk: 'pmoId',
  mentorships_mentor_id_people_id_fk: 'mentorId',
  mentorships_mentee_id_people_id_fk: 'menteeId',
  mentoring_sessions_mentorship_id_mentorships_id_fk: 'mentorshipId',
};

/** One use case in one transaction; a constraint violation that raced past the checks becomes 409/422. */
export async function transactTraining<T>(db: Db, entity: string, work: (uow: UnitOfWork) => Promise<T>): Promise<T> {
  try {
    return await transact(db, work);
  } catch (err) {
    throw translateDbError(err, entity, TRAINING_CONSTRAINT_FIELDS);
  }
}
