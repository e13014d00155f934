import { IdParam, actorOf, createRouter, defineRoute, depsOf, json, jsonBody } from '../../kernel/http.ts';
import { type ExportColumn, listResponse, sendList } from '../../kernel/lists.ts';
import {
  CreateProjectBody,
  ProjectListQuery,
  ProjectSchema,
  type ProjectSummary,
  ProjectSummarySchema,
  UpdateProjectBody,
} from './projects.schema.ts';
import { baselinesRoutes } from './baselines.routes.ts';
import * as service from './projects.service.ts';
import { mismatchText } from './projects.status.ts';

const TAGS = ['Projects'];

const listProjects = defineRoute('projects.read', {
  operationId: 'listProjects',
  method: 'get',
  path: '/projects',
  tags: TAGS,
  summary:
    'The projects the caller may see (PMO scope, reporting line, own projects), filtered, by code, with their reporting status',
  request: { query: ProjectListQuery },
  responses: { 200: listResponse(ProjectSummarySchema) },
});

const getProject = defineRoute('projects.read', {
  operationId: 'getProject',
  method: 'get',
  path: '/projects/{id}',
  tags: TAGS,
  summary: 'One project with its members and the lifecycle of its bound standard version',
  request: { params: IdParam },
  responses: { 200: json(ProjectSchema) },
});

const createProject = defineRoute('projects.manage', {
  operationId: 'createProject',
  method: 'post',
  path: '/projects',
  tags: TAGS,
  summary: "Create a project record bound to the current version of its type's standard (lead of the governing PMO)",
  request: jsonBody(CreateProjectBody),
  responses: { 201: json(ProjectSchema, 'Created') },
});

const updateProject = defineRoute('projects.manage', {
  operationId: 'updateProject',
  method: 'patch',
  path: '/projects/{id}',
  tags: TAGS,
  summary: 'Edit a project record: name, description, portfolio, manager, sponsor, dates (not state or phase)',
  request: { params: IdParam, ...jsonBody(UpdateProjectBody) },
  responses: { 200: json(ProjectSchema) },
});

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

const PROJECT_COLUMNS: ExportColumn<ProjectSummary>[] = [
  { header: 'Code', value: (p) => p.code },
  { header: 'Name', value: (p) => p.name },
  { header: 'PMO', value: (p) => p.pmo.name },
  { header: 'Portfolio', value: (p) => p.portfolio?.name },
  { header: 'Project type', value: (p) => p.projectType.name },
  { header: 'Standard version', value: (p) => p.standardVersion, kind: 'number' },
  { header: 'Phase', value: (p) => p.phase.name },
  { header: 'State', value: (p) => p.state },
  { header: 'Project manager', value: (p) => p.projectManager?.name },
  { header: 'Sponsor', value: (p) => p.sponsor?.name },
  { header: 'Start', value: (p) => p.startDate, kind: 'date' },
  { header: 'Planned finish', value: (p) => p.plannedFinishDate, kind: 'date' },
  { header: 'Past planned finish', value: (p) => yesNo(p.pastPlannedFinish) },
  { header: 'Budget', value: (p) => p.budget, kind: 'money' },
  { header: 'RAG (reported)', value: (p) => p.reporting?.reportedOverall },
  { header: 'RAG (computed)', value: (p) => p.reporting?.computedOverall },
  { header: 'Mismatch', value: (p) => (p.reporting ? yesNo(p.reporting.mismatch) : null) },
  { header: 'Mismatches', value: (p) => p.reporting?.mismatches.map(mismatchText).join('; ') },
  { header: 'SPI', value: (p) => p.reporting?.spi, kind: 'number' },
  { header: 'CPI', value: (p) => p.reporting?.cpi, kind: 'number' },
  { header: 'Status date', value: (p) => p.reporting?.lastAsOf, kind: 'date' },
  { header: 'Next report due', value: (p) => p.reporting?.nextDueOn, kind: 'date' },
  { header: 'Due state', value: (p) => p.reporting?.dueState },
];

export function projectsRoutes() {
  const router = createRouter();
  router.openapi(listProjects, async (c) => {
    const query = c.req.valid('query');
    return sendList(c, {
      query,
      fileName: 'projects',
      load: (page) => service.listProjects(depsOf(c).database.db, actorOf(c), query, page),
      columns: PROJECT_COLUMNS,
    });
  });
  router.openapi(getProject, async (c) =>
    c.json(await service.getProject(depsOf(c).database.db, actorOf(c), c.req.valid('param').id), 200),
  );
  router.openapi(createProject, async (c) =>
    c.json(await service.createProject(depsOf(c).database.db, actorOf(c), c.req.valid('json')), 201),
  );
  router.openapi(updateProject, async (c) =>
    c.json(await service.updateProject(depsOf(c).database.db, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  router.route('/', baselinesRoutes());
  return router;
}
