import { IdParam, actorOf, createRouter, defineRoute, depsOf, json, jsonBody } from '../../kernel/http.ts';
import { type ExportColumn, PlainListQuery, listResponse, sendList, slicePage } from '../../kernel/lists.ts';
import {
  CreateProjectTypeBody,
  DiffQuery,
  ProjectTypeSchema,
  type ProjectTypeSummary,
  ProjectTypeSummarySchema,
  PublishVersionBody,
  StandardDiffSchema,
  StandardVersionSchema,
  UpdateProjectTypeBody,
  VersionParams,
} from './standards.schema.ts';
import * as service from './standards.service.ts';

const TAGS = ['Standards'];

const listTypes = defineRoute('standards.read', {
  operationId: 'listProjectTypes',
  method: 'get',
  path: '/project-types',
  tags: TAGS,
  summary: 'Project types with their owning PMO, current standard version and the projects bound per version',
  request: { query: PlainListQuery },
  responses: { 200: listResponse(ProjectTypeSummarySchema) },
});

const getType = defineRoute('standards.read', {
  operationId: 'getProjectType',
  method: 'get',
  path: '/project-types/{id}',
  tags: TAGS,
  summary: "One project type: the current version's definition and the list of its versions",
  request: { params: IdParam },
  responses: { 200: json(ProjectTypeSchema) },
});

const getVersion = defineRoute('standards.read', {
  operationId: 'getStandardVersion',
  method: 'get',
  path: '/project-types/{id}/versions/{number}',
  tags: TAGS,
  summary: 'One published version of the standard, current or past',
  request: { params: VersionParams },
  responses: { 200: json(StandardVersionSchema) },
});

const diffVersion = defineRoute('standards.read', {
  operationId: 'diffStandardVersions',
  method: 'get',
  path: '/project-types/{id}/versions/{number}/diff',
  tags: TAGS,
  summary: 'What a version changed, as paths, compared with the previous version (or ?against=N)',
  request: { params: VersionParams, query: DiffQuery },
  responses: { 200: json(StandardDiffSchema) },
});

const createType = defineRoute('standards.manage', {
  operationId: 'createProjectType',
  method: 'post',
  path: '/project-types',
  tags: TAGS,
  summary: 'Create a project type with version 1 of its standard (admin or lead of the owning PMO)',
  request: jsonBody(CreateProjectTypeBody),
  responses: { 201: json(ProjectTypeSchema, 'Created') },
});

const updateType = defineRoute('standards.manage', {
  operationId: 'updateProjectType',
  method: 'patch',
  path: '/project-types/{id}',
  tags: TAGS,
  summary: "Edit a project type's name and description (its standard changes only by publishing a version)",
  request: { params: IdParam, ...jsonBody(UpdateProjectTypeBody) },
  responses: { 200: json(ProjectTypeSchema) },
});

const publishVersion = defineRoute('standards.manage', {
  operationId: 'publishStandardVersion',
  method: 'post',
  path: '/project-types/{id}/versions',
  tags: TAGS,
  summary: 'Publish the next version of the standard; projects keep the version they are bound to',
  request: { params: IdParam, ...jsonBody(PublishVersionBody) },
  responses: { 201: json(StandardVersionSchema, 'Published') },
});

const TYPE_COLUMNS: ExportColumn<ProjectTypeSummary>[] = [
  { header: 'Code', value: (t) => t.code },
  { header: 'Name', value: (t) => t.name },
  { header: 'PMO', value: (t) => t.pmo.name },
  { header: 'Current version', value: (t) => t.currentVersion, kind: 'number' },
  { header: 'Phases', value: (t) => t.phaseCount, kind: 'number' },
  { header: 'Projects', value: (t) => t.projectCount, kind: 'number' },
  {
    header: 'Projects by version',
    value: (t) => t.projectsByVersion.map((v) => `v${v.number}: ${v.projectCount}`).join(', '),
  },
  { header: 'Description', value: (t) => t.description },
];

export function standardsRoutes() {
  const router = createRouter();
  router.openapi(listTypes, async (c) =>
    sendList(c, {
      query: c.req.valid('query'),
      fileName: 'project-types',
      load: async (page) => slicePage(await service.listProjectTypes(depsOf(c).database.db), page),
      columns: TYPE_COLUMNS,
    }),
  );
  router.openapi(getType, async (c) => c.json(await service.getProjectType(depsOf(c).database.db, c.req.valid('param').id), 200));
  router.openapi(getVersion, async (c) => {
    const { id, number } = c.req.valid('param');
    return c.json(await service.getStandardVersion(depsOf(c).database.db, id, number), 200);
  });
  router.openapi(diffVersion, async (c) => {
    const { id, number } = c.req.valid('param');
    return c.json(await service.diffStandardVersion(depsOf(c).database.db, id, number, c.req.valid('query').against), 200);
  });
  router.openapi(createType, async (c) =>
    c.json(await service.createProjectType(depsOf(c).database.db, actorOf(c), c.req.valid('json')), 201),
  );
  router.openapi(updateType, async (c) =>
    c.json(await service.updateProjectType(depsOf(c).database.db, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  router.openapi(publishVersion, async (c) =>
    c.json(
      await service.publishStandardVersion(depsOf(c).database.db, actorOf(c), c.req.valid('param').id, c.req.valid('json')),
      201,
    ),
  );
  return router;
}
