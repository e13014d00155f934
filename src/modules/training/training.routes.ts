import { IdParam, actorOf, createRouter, defineRoute, depsOf, json, jsonBody } from '../../kernel/http.ts';
import { PlainListQuery, listResponse, sendList, slicePage } from '../../kernel/lists.ts';
import * as courses from './courses.service.ts';
import * as mentoring from './mentoring.service.ts';
import * as qualification from './qualification.service.ts';
import * as records from './records.service.ts';
import {
  CertificationSchema,
  CourseListQuery,
  CourseSchema,
  CreateCertificationBody,
  CreateCourseBody,
  CreateMentorshipBody,
  CreateSessionBody,
  CreateTrainingRecordBody,
  ExpiriesQuery,
  ExpirySchema,
  MentoringSessionSchema,
  MentorshipListQuery,
  MentorshipSchema,
  type MentorshipView,
  QualificationQuery,
  RequiredCourseSchema,
  RequiredCoursesQuery,
  RequirementsSchema,
  SetRequirementsBody,
  TrainingRecordSchema,
  TypeQualificationSchema,
  UpdateCertificationBody,
  UpdateCourseBody,
  UpdateMentorshipBody,
  UpdateTrainingRecordBody,
  VersionQuery,
} from './training.schema.ts';
import {
  CERTIFICATION_COLUMNS,
  COURSE_COLUMNS,
  EXPIRY_COLUMNS,
  MENTORSHIP_COLUMNS,
  QUALIFICATION_COLUMNS,
  RECORD_COLUMNS,
  REQUIRED_COURSE_COLUMNS,
  SESSION_COLUMNS,
  qualificationRows,
} from './training.exports.ts';

const TAGS = ['Training'];

// ---------------------------------------------------------------- courses and requirements

const listCourses = defineRoute('training.read', {
  operationId: 'listCourses',
  method: 'get',
  path: '/courses',
  tags: TAGS,
  summary: 'The course catalogue, with the roles and project types each course is required for',
  request: { query: CourseListQuery },
  responses: { 200: listResponse(CourseSchema) },
});

const getCourse = defineRoute('training.read', {
  operationId: 'getCourse',
  method: 'get',
  path: '/courses/{id}',
  tags: TAGS,
  summary: 'One course with its requirements',
  request: { params: IdParam },
  responses: { 200: json(CourseSchema) },
});

const createCourse = defineRoute('training.manage', {
  operationId: 'createCourse',
  method: 'post',
  path: '/courses',
  tags: TAGS,
  summary: 'Add a course to the catalogue of a PMO one governs',
  request: jsonBody(CreateCourseBody),
  responses: { 201: json(CourseSchema, 'Created') },
});

const updateCourse = defineRoute('training.manage', {
  operationId: 'updateCourse',
  method: 'patch',
  path: '/courses/{id}',
  tags: TAGS,
  summary: 'Edit or retire (active: false) a course of a PMO one governs',
  request: { params: IdParam, ...jsonBody(UpdateCourseBody) },
  responses: { 200: json(CourseSchema) },
});

const getRequirements = defineRoute('training.read', {
  operationId: 'getCourseRequirements',
  method: 'get',
  path: '/courses/{id}/requirements',
  tags: TAGS,
  summary: 'The roles, for every project type or for one, that must complete the course',
  request: { params: IdParam },
  responses: { 200: json(RequirementsSchema) },
});

const setRequirements = defineRoute('training.manage', {
  operationId: 'setCourseRequirements',
  method: 'put',
  path: '/courses/{id}/requirements',
  tags: TAGS,
  summary: 'Replace the roles and project types the course is required for',
  request: { params: IdParam, ...jsonBody(SetRequirementsBody) },
  responses: { 200: json(RequirementsSchema) },
});

const requiredCourses = defineRoute('training.read', {
  operationId: 'listRequiredCourses',
  method: 'get',
  path: '/training/requirements',
  tags: TAGS,
  summary: 'The active courses required for a role, on a project type (and on every type)',
  request: { query: RequiredCoursesQuery },
  responses: { 200: listResponse(RequiredCourseSchema) },
});

// ---------------------------------------------------------------- records and certifications

const listRecords = defineRoute('training.read', {
  operationId: 'listTrainingRecords',
  method: 'get',
  path: '/people/{id}/training-records',
  tags: TAGS,
  summary: "A person's training records, newest first (one's own, or anyone's for a training manager)",
  request: { params: IdParam, query: PlainListQuery },
  responses: { 200: listResponse(TrainingRecordSchema) },
});

const createRecord = defineRoute('training.manage', {
  operationId: 'createTrainingRecord',
  method: 'post',
  path: '/people/{id}/training-records',
  tags: TAGS,
  summary: "Record a completed course; the expiry defaults to the completion plus the course's validity",
  request: { params: IdParam, ...jsonBody(CreateTrainingRecordBody) },
  responses: { 201: json(TrainingRecordSchema, 'Created') },
});

const updateRecord = defineRoute('training.manage', {
  operationId: 'updateTrainingRecord',
  method: 'patch',
  path: '/training-records/{id}',
  tags: TAGS,
  summary: 'Correct a training record',
  request: { params: IdParam, ...jsonBody(UpdateTrainingRecordBody) },
  responses: { 200: json(TrainingRecordSchema) },
});

const deleteRecord = defineRoute('training.manage', {
  operationId: 'deleteTrainingRecord',
  method: 'delete',
  path: '/training-records/{id}',
  tags: TAGS,
  summary: 'Remove a training record recorded in error',
  request: { params: IdParam, query: VersionQuery },
  responses: { 204: { description: 'Removed' } },
});

const listCertifications = defineRoute('training.read', {
  operationId: 'listCertifications',
  method: 'get',
  path: '/people/{id}/certifications',
  tags: TAGS,
  summary: "A person's external certifications (one's own, or anyone's for a training manager)",
  request: { params: IdParam, query: PlainListQuery },
  responses: { 200: listResponse(CertificationSchema) },
});

const createCertification = defineRoute('training.manage', {
  operationId: 'createCertification',
  method: 'post',
  path: '/people/{id}/certifications',
  tags: TAGS,
  summary: 'Record an external certification (PMP, PRINCE2, …)',
  request: { params: IdParam, ...jsonBody(CreateCertificationBody) },
  responses: { 201: json(CertificationSchema, 'Created') },
});

const updateCertification = defineRoute('training.manage', {
  operationId: 'updateCertification',
  method: 'patch',
  path: '/certifications/{id}',
  tags: TAGS,
  summary: 'Edit a certification',
  request: { params: IdParam, ...jsonBody(UpdateCertificationBody) },
  responses: { 200: json(CertificationSchema) },
});

const deleteCertification = defineRoute('training.manage', {
  operationId: 'deleteCertification',
  method: 'delete',
  path: '/certifications/{id}',
  tags: TAGS,
  summary: 'Remove a certification',
  request: { params: IdParam, query: VersionQuery },
  responses: { 204: { description: 'Removed' } },
});

// ---------------------------------------------------------------- mentoring

const listMentorships = defineRoute('training.read', {
  operationId: 'listMentorships',
  method: 'get',
  path: '/mentorships',
  tags: TAGS,
  summary: "Mentorships: every one for a training manager, otherwise one's own as mentor or mentee",
  request: { query: MentorshipListQuery },
  responses: { 200: listResponse(MentorshipSchema) },
});

const getMentorship = defineRoute('training.read', {
  operationId: 'getMentorship',
  method: 'get',
  path: '/mentorships/{id}',
  tags: TAGS,
  summary: 'One mentorship (its mentor, its mentee, or a training manager)',
  request: { params: IdParam },
  responses: { 200: json(MentorshipSchema) },
});

const createMentorship = defineRoute('training.manage', {
  operationId: 'createMentorship',
  method: 'post',
  path: '/mentorships',
  tags: TAGS,
  summary: 'Pair a mentor with a mentee under a PMO one governs',
  request: jsonBody(CreateMentorshipBody),
  responses: { 201: json(MentorshipSchema, 'Created') },
});

const updateMentorship = defineRoute('training.manage', {
  operationId: 'updateMentorship',
  method: 'patch',
  path: '/mentorships/{id}',
  tags: TAGS,
  summary: "Edit the goals of a mentorship, or end it (status 'ended', endedOn)",
  request: { params: IdParam, ...jsonBody(UpdateMentorshipBody) },
  responses: { 200: json(MentorshipSchema) },
});

const listSessions = defineRoute('training.read', {
  operationId: 'listMentoringSessions',
  method: 'get',
  path: '/mentorships/{id}/sessions',
  tags: TAGS,
  summary: 'The session notes of a mentorship, newest first',
  request: { params: IdParam, query: PlainListQuery },
  responses: { 200: listResponse(MentoringSessionSchema) },
});

const createSession = defineRoute('training.read', {
  operationId: 'createMentoringSession',
  method: 'post',
  path: '/mentorships/{id}/sessions',
  tags: TAGS,
  summary: 'Record the notes of a session (its mentor or mentee, or a training manager of its PMO or a PMO above it)',
  request: { params: IdParam, ...jsonBody(CreateSessionBody) },
  responses: { 201: json(MentoringSessionSchema, 'Created') },
});

// ---------------------------------------------------------------- views

const qualificationView = defineRoute('training.manage', {
  operationId: 'getQualification',
  method: 'get',
  path: '/training/qualification',
  tags: TAGS,
  summary: 'Who is qualified to manage each project type, and who lacks which required courses',
  request: { query: QualificationQuery },
  responses: { 200: listResponse(TypeQualificationSchema) },
});

const expiries = defineRoute('training.manage', {
  operationId: 'listTrainingExpiries',
  method: 'get',
  path: '/training/expiries',
  tags: TAGS,
  summary: 'Training completions expiring soon (and, optionally, already expired), soonest first',
  request: { query: ExpiriesQuery },
  responses: { 200: listResponse(ExpirySchema) },
});

export function trainingRoutes() {
  const router = createRouter();
  const db = (c: Parameters<typeof depsOf>[0]) => depsOf(c).database.db;

  router.openapi(listCourses, async (c) => {
    const { limit, offset, format, ...filter } = c.req.valid('query');
    return sendList(c, {
      query: { limit, offset, format },
      fileName: 'courses',
      load: async (page) => slicePage(await courses.listCourses(db(c), filter), page),
      columns: COURSE_COLUMNS,
    });
  });
  router.openapi(getCourse, async (c) => c.json(await courses.getCourse(db(c), c.req.valid('param').id), 200));
  router.openapi(createCourse, async (c) => c.json(await courses.createCourse(db(c), actorOf(c), c.req.valid('json')), 201));
  router.openapi(updateCourse, async (c) =>
    c.json(await courses.updateCourse(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  router.openapi(getRequirements, async (c) => c.json(await courses.getRequirements(db(c), c.req.valid('param').id), 200));
  router.openapi(setRequirements, async (c) =>
    c.json(await courses.setRequirements(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  router.openapi(requiredCourses, async (c) => {
    const { limit, offset, format, ...filter } = c.req.valid('query');
    return sendList(c, {
      query: { limit, offset, format },
      fileName: 'training-requirements',
      load: async (page) => slicePage(await courses.listRequiredCourses(db(c), filter), page),
      columns: REQUIRED_COURSE_COLUMNS,
    });
  });

  router.openapi(listRecords, async (c) =>
    sendList(c, {
      query: c.req.valid('query'),
      fileName: 'training-records',
      load: async (page) => slicePage(await records.listTrainingRecords(db(c), actorOf(c), c.req.valid('param').id), page),
      columns: RECORD_COLUMNS,
    }),
  );
  router.openapi(createRecord, async (c) =>
    c.json(await records.createTrainingRecord(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );
  router.openapi(updateRecord, async (c) =>
    c.json(await records.updateTrainingRecord(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  router.openapi(deleteRecord, async (c) => {
    await records.deleteTrainingRecord(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('query').version);
    return c.body(null, 204);
  });
  router.openapi(listCertifications, async (c) =>
    sendList(c, {
      query: c.req.valid('query'),
      fileName: 'certifications',
      load: async (page) => slicePage(await records.listCertifications(db(c), actorOf(c), c.req.valid('param').id), page),
      columns: CERTIFICATION_COLUMNS,
    }),
  );
  router.openapi(createCertification, async (c) =>
    c.json(await records.createCertification(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );
  router.openapi(updateCertification, async (c) =>
    c.json(await records.updateCertification(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  router.openapi(deleteCertification, async (c) => {
    await records.deleteCertification(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('query').version);
    return c.body(null, 204);
  });

  router.openapi(listMentorships, async (c) => {
    const { limit, offset, format, ...filter } = c.req.valid('query');
    return sendList(c, {
      query: { limit, offset, format },
      fileName: 'mentorships',
      load: async (page) => slicePage(await mentoring.listMentorships(db(c), actorOf(c), filter), page),
      columns: MENTORSHIP_COLUMNS,
    });
  });
  router.openapi(getMentorship, async (c) =>
    c.json(await mentoring.getMentorship(db(c), actorOf(c), c.req.valid('param').id), 200),
  );
  router.openapi(createMentorship, async (c) =>
    c.json(await mentoring.createMentorship(db(c), actorOf(c), c.req.valid('json')), 201),
  );
  router.openapi(updateMentorship, async (c) =>
    c.json(await mentoring.updateMentorship(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  router.openapi(listSessions, async (c) => {
    let mentorship: MentorshipView | undefined;
    return sendList(c, {
      query: c.req.valid('query'),
      fileName: 'mentoring-sessions',
      load: async (page) => {
        const list = await mentoring.listSessions(db(c), actorOf(c), c.req.valid('param').id);
        mentorship = list.mentorship;
        return slicePage(list.sessions, page);
      },
      exportRows: (sessions) => sessions.map((session) => ({ session, mentorship: mentorship! })),
      columns: SESSION_COLUMNS,
    });
  });
  router.openapi(createSession, async (c) =>
    c.json(await mentoring.createSession(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );

  router.openapi(qualificationView, async (c) => {
    const { limit, offset, format, ...filter } = c.req.valid('query');
    return sendList(c, {
      query: { limit, offset, format },
      fileName: 'qualification',
      load: async (page) => slicePage(await qualification.qualificationByType(db(c), filter), page),
      exportRows: qualificationRows,
      columns: QUALIFICATION_COLUMNS,
    });
  });
  router.openapi(expiries, async (c) => {
    const { limit, offset, format, ...filter } = c.req.valid('query');
    return sendList(c, {
      query: { limit, offset, format },
      fileName: 'training-expiries',
      load: async (page) => slicePage(await qualification.upcomingExpiries(db(c), filter), page),
      columns: EXPIRY_COLUMNS,
    });
  });
  return router;
}
