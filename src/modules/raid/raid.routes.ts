import type { Context } from 'hono';
import { IdParam, actorOf, createRouter, defineRoute, depsOf, json, jsonBody } from '../../kernel/http.ts';
import { type ExportColumn, listResponse, sendList } from '../../kernel/lists.ts';
import {
  AcknowledgeEscalationBody,
  CloseEscalationBody,
  EscalationListQuery,
  EscalationParams,
  EscalationSchema,
  type EscalationView,
  GuideEscalationBody,
  CreateIssueBody,
  CreateRiskBody,
  IssueListQuery,
  IssueParams,
  IssueSchema,
  type IssueView,
  OccurRiskBody,
  PortfolioRiskListQuery,
  PortfolioRiskSchema,
  type PortfolioRiskView,
  PortfolioRisksQuery,
  PortfolioRisksSchema,
  RiskDetailSchema,
  RiskListQuery,
  RiskMatrixSchema,
  RiskParams,
  RiskSchema,
  type RiskView,
  UpdateIssueBody,
  UpdateRiskBody,
} from './raid.schema.ts';
import * as escalations from './raid.escalations.ts';
import { listPortfolioRisks as listPortfolioRisksOf, portfolioRisks } from './raid.portfolio.ts';
import * as service from './raid.service.ts';

const TAGS = ['Risks and issues'];
const db = (c: Context) => depsOf(c as never).database.db;

const listRisks = defineRoute('projects.read', {
  operationId: 'listRisks',
  method: 'get',
  path: '/projects/{id}/risks',
  tags: TAGS,
  summary: "The project's risk register, highest score first, each scored on the project's risk matrix",
  request: { params: IdParam, query: RiskListQuery },
  responses: { 200: listResponse(RiskSchema) },
});

const createRisk = defineRoute('raid.manage', {
  operationId: 'createRisk',
  method: 'post',
  path: '/projects/{id}/risks',
  tags: TAGS,
  summary:
    "Add a risk: probability and impact on the project's matrix, owner, category, cause and effect, response, actions and three-point impacts",
  request: { params: IdParam, ...jsonBody(CreateRiskBody) },
  responses: { 201: json(RiskDetailSchema, 'Created') },
});

const getRisk = defineRoute('projects.read', {
  operationId: 'getRisk',
  method: 'get',
  path: '/projects/{id}/risks/{riskId}',
  tags: TAGS,
  summary: 'One risk with its actions and every assessment (its score over time)',
  request: { params: RiskParams },
  responses: { 200: json(RiskDetailSchema) },
});

const updateRisk = defineRoute('raid.manage', {
  operationId: 'updateRisk',
  method: 'patch',
  path: '/projects/{id}/risks/{riskId}',
  tags: TAGS,
  summary: 'Edit a risk with its version; a new probability or impact is a reassessment kept in its history',
  request: { params: RiskParams, ...jsonBody(UpdateRiskBody) },
  responses: { 200: json(RiskDetailSchema) },
});

const occurRisk = defineRoute('raid.manage', {
  operationId: 'occurRisk',
  method: 'post',
  path: '/projects/{id}/risks/{riskId}/occurred',
  tags: TAGS,
  summary: 'The risk occurred: it becomes an issue linked to it (the risk is kept, marked occurred)',
  request: { params: RiskParams, ...jsonBody(OccurRiskBody) },
  responses: { 201: json(IssueSchema, 'The issue it became') },
});

const getRiskMatrix = defineRoute('projects.read', {
  operationId: 'getProjectRiskMatrix',
  method: 'get',
  path: '/projects/{id}/risk-matrix',
  tags: TAGS,
  summary: "The project's risk matrix (scales, bands, escalation score) with its open risks counted per cell",
  request: { params: IdParam },
  responses: { 200: json(RiskMatrixSchema) },
});

const listIssues = defineRoute('projects.read', {
  operationId: 'listIssues',
  method: 'get',
  path: '/projects/{id}/issues',
  tags: TAGS,
  summary: "The project's issue register, most severe first",
  request: { params: IdParam, query: IssueListQuery },
  responses: { 200: listResponse(IssueSchema) },
});

const createIssue = defineRoute('raid.manage', {
  operationId: 'createIssue',
  method: 'post',
  path: '/projects/{id}/issues',
  tags: TAGS,
  summary: 'Raise an issue: severity, owner, due day; one of the highest severity is escalated to the PMO',
  request: { params: IdParam, ...jsonBody(CreateIssueBody) },
  responses: { 201: json(IssueSchema, 'Created') },
});

const getIssue = defineRoute('projects.read', {
  operationId: 'getIssue',
  method: 'get',
  path: '/projects/{id}/issues/{issueId}',
  tags: TAGS,
  summary: 'One issue, with the risk it came from',
  request: { params: IssueParams },
  responses: { 200: json(IssueSchema) },
});

const updateIssue = defineRoute('raid.manage', {
  operationId: 'updateIssue',
  method: 'patch',
  path: '/projects/{id}/issues/{issueId}',
  tags: TAGS,
  summary: 'Edit an issue with its version: severity, owner, due day, status and resolution (required to resolve or close it)',
  request: { params: IssueParams, ...jsonBody(UpdateIssueBody) },
  responses: { 200: json(IssueSchema) },
});

const ESCALATION_TAGS = ['Escalations'];

const listEscalations = defineRoute('projects.read', {
  operationId: 'listEscalations',
  method: 'get',
  path: '/escalations',
  tags: ESCALATION_TAGS,
  summary:
    "The escalation queue: escalated risks and issues of the projects the caller may see, oldest first, with their age and the PMO's guidance",
  request: { query: EscalationListQuery },
  responses: { 200: listResponse(EscalationSchema) },
});

const getEscalation = defineRoute('projects.read', {
  operationId: 'getEscalation',
  method: 'get',
  path: '/escalations/{id}',
  tags: ESCALATION_TAGS,
  summary: 'One escalation, with what the caller may do with it',
  request: { params: EscalationParams },
  responses: { 200: json(EscalationSchema) },
});

const guideEscalation = defineRoute('raid.guide', {
  operationId: 'guideEscalation',
  method: 'post',
  path: '/escalations/{id}/guidance',
  tags: ESCALATION_TAGS,
  summary: "Record the PMO's guidance: what it advises, what it requires and by when (a lead or analyst of the governing PMO)",
  request: { params: EscalationParams, ...jsonBody(GuideEscalationBody) },
  responses: { 200: json(EscalationSchema) },
});

const acknowledgeEscalation = defineRoute('raid.manage', {
  operationId: 'acknowledgeEscalation',
  method: 'post',
  path: '/escalations/{id}/acknowledge',
  tags: ESCALATION_TAGS,
  summary: "The project manager acknowledges the PMO's guidance and reports back",
  request: { params: EscalationParams, ...jsonBody(AcknowledgeEscalationBody) },
  responses: { 200: json(EscalationSchema) },
});

const closeEscalation = defineRoute('raid.guide', {
  operationId: 'closeEscalation',
  method: 'post',
  path: '/escalations/{id}/close',
  tags: ESCALATION_TAGS,
  summary: 'Close the escalation (a lead or analyst of the governing PMO)',
  request: { params: EscalationParams, ...jsonBody(CloseEscalationBody) },
  responses: { 200: json(EscalationSchema) },
});

const getPortfolioRisks = defineRoute('projects.read', {
  operationId: 'getPortfolioRisks',
  method: 'get',
  path: '/dashboard/risks',
  tags: ['Dashboard'],
  summary:
    'The risks of the projects in view: the heat map of open risks, the top ten by score, and the escalations not yet closed by age (filters as the dashboard)',
  request: { query: PortfolioRisksQuery },
  responses: { 200: json(PortfolioRisksSchema) },
});

const listPortfolioRisks = defineRoute('projects.read', {
  operationId: 'listPortfolioRisks',
  method: 'get',
  path: '/risks',
  tags: TAGS,
  summary:
    'The open risks of the projects in view (filters as the dashboard), highest score first; ?probability&impact give a cell of the heat map',
  request: { query: PortfolioRiskListQuery },
  responses: { 200: listResponse(PortfolioRiskSchema) },
});

const PORTFOLIO_RISK_COLUMNS: ExportColumn<PortfolioRiskView>[] = [
  { header: 'Project code', value: (r) => r.project.code },
  { header: 'Project', value: (r) => r.project.name },
  { header: 'Risk', value: (r) => r.key },
  { header: 'Title', value: (r) => r.title },
  { header: 'Probability', value: (r) => r.probability, kind: 'number' },
  { header: 'Impact', value: (r) => r.impact, kind: 'number' },
  { header: 'Score', value: (r) => r.score, kind: 'number' },
  { header: 'Band', value: (r) => r.band },
  { header: 'Escalated', value: (r) => (r.escalated ? 'yes' : 'no') },
  { header: 'Owner', value: (r) => r.owner?.name ?? null },
];

const ESCALATION_COLUMNS: ExportColumn<EscalationView>[] = [
  { header: 'Project code', value: (e) => e.project.code },
  { header: 'Project', value: (e) => e.project.name },
  { header: 'PMO', value: (e) => e.pmo.name },
  { header: 'Escalated', value: (e) => e.subject.key },
  { header: 'Summary', value: (e) => e.summary },
  { header: 'Reason', value: (e) => e.reason },
  { header: 'State', value: (e) => e.state },
  { header: 'Raised', value: (e) => e.raisedAt.slice(0, 10), kind: 'date' },
  { header: 'Age (days)', value: (e) => e.ageDays, kind: 'number' },
  { header: 'Guidance', value: (e) => e.guidance },
  { header: 'Required by', value: (e) => e.requiredBy, kind: 'date' },
  { header: 'Reported back', value: (e) => e.reportBack },
];

const RISK_COLUMNS: ExportColumn<RiskView>[] = [
  { header: 'Risk', value: (r) => r.key },
  { header: 'Title', value: (r) => r.title },
  { header: 'Category', value: (r) => r.category },
  { header: 'Owner', value: (r) => r.owner?.name ?? null },
  { header: 'Probability', value: (r) => r.probability, kind: 'number' },
  { header: 'Impact', value: (r) => r.impact, kind: 'number' },
  { header: 'Score', value: (r) => r.score, kind: 'number' },
  { header: 'Band', value: (r) => r.band.name },
  { header: 'Response', value: (r) => r.response },
  { header: 'Status', value: (r) => r.status },
  { header: 'Escalated', value: (r) => (r.escalated ? 'yes' : 'no') },
  { header: 'Cost impact (most likely)', value: (r) => r.costImpact?.likely ?? null, kind: 'money' },
  { header: 'Schedule impact (most likely, days)', value: (r) => r.scheduleImpactDays?.likely ?? null, kind: 'number' },
];

const ISSUE_COLUMNS: ExportColumn<IssueView>[] = [
  { header: 'Issue', value: (i) => i.key },
  { header: 'Title', value: (i) => i.title },
  { header: 'Severity', value: (i) => i.severity },
  { header: 'Owner', value: (i) => i.owner?.name ?? null },
  { header: 'Due', value: (i) => i.dueOn, kind: 'date' },
  { header: 'Status', value: (i) => i.status },
  { header: 'Resolution', value: (i) => i.resolution },
  { header: 'From risk', value: (i) => i.risk?.name ?? null },
];

export function raidRoutes() {
  const router = createRouter();
  router.openapi(listRisks, async (c) => {
    const { status, escalated, ...query } = c.req.valid('query');
    const { id } = c.req.valid('param');
    const filter = { status, escalated: escalated === undefined ? undefined : escalated === 'true' };
    return sendList(c, {
      query,
      fileName: 'risks',
      load: (page) => service.listRisks(db(c), actorOf(c), id, filter, page),
      columns: RISK_COLUMNS,
    });
  });
  router.openapi(createRisk, async (c) =>
    c.json(await service.createRisk(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );
  router.openapi(getRisk, async (c) => {
    const { id, riskId } = c.req.valid('param');
    return c.json(await service.getRisk(db(c), actorOf(c), id, riskId), 200);
  });
  router.openapi(updateRisk, async (c) => {
    const { id, riskId } = c.req.valid('param');
    return c.json(await service.updateRisk(db(c), actorOf(c), id, riskId, c.req.valid('json')), 200);
  });
  router.openapi(occurRisk, async (c) => {
    const { id, riskId } = c.req.valid('param');
    return c.json(await service.occurRisk(db(c), actorOf(c), id, riskId, c.req.valid('json')), 201);
  });
  router.openapi(getRiskMatrix, async (c) => c.json(await service.riskMatrix(db(c), actorOf(c), c.req.valid('param').id), 200));
  router.openapi(listIssues, async (c) => {
    const { status, ...query } = c.req.valid('query');
    const { id } = c.req.valid('param');
    return sendList(c, {
      query,
      fileName: 'issues',
      load: (page) => service.listIssues(db(c), actorOf(c), id, status, page),
      columns: ISSUE_COLUMNS,
    });
  });
  router.openapi(createIssue, async (c) =>
    c.json(await service.createIssue(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );
  router.openapi(getIssue, async (c) => {
    const { id, issueId } = c.req.valid('param');
    return c.json(await service.getIssue(db(c), actorOf(c), id, issueId), 200);
  });
  router.openapi(updateIssue, async (c) => {
    const { id, issueId } = c.req.valid('param');
    return c.json(await service.updateIssue(db(c), actorOf(c), id, issueId, c.req.valid('json')), 200);
  });
  router.openapi(listEscalations, async (c) => {
    const { state, pmoId, projectId, openFrom, openTo, ...query } = c.req.valid('query');
    return sendList(c, {
      query,
      fileName: 'escalations',
      load: (page) => escalations.listEscalations(db(c), actorOf(c), { state, pmoId, projectId, openFrom, openTo }, page),
      columns: ESCALATION_COLUMNS,
    });
  });
  router.openapi(getPortfolioRisks, async (c) => c.json(await portfolioRisks(db(c), actorOf(c), c.req.valid('query')), 200));
  router.openapi(listPortfolioRisks, async (c) => {
    const { pmoId, portfolioId, executivePositionId, probability, impact, escalated, ...query } = c.req.valid('query');
    const filter = {
      pmoId,
      portfolioId,
      executivePositionId,
      probability,
      impact,
      escalated: escalated === undefined ? undefined : escalated === 'true',
    };
    return sendList(c, {
      query,
      fileName: 'portfolio-risks',
      load: (page) => listPortfolioRisksOf(db(c), actorOf(c), filter, page),
      columns: PORTFOLIO_RISK_COLUMNS,
    });
  });
  router.openapi(getEscalation, async (c) =>
    c.json(await escalations.getEscalation(db(c), actorOf(c), c.req.valid('param').id), 200),
  );
  router.openapi(guideEscalation, async (c) =>
    c.json(await escalations.guideEscalation(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  router.openapi(acknowledgeEscalation, async (c) =>
    c.json(await escalations.acknowledgeEscalation(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  router.openapi(closeEscalation, async (c) =>
    c.json(await escalations.closeEscalation(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  return router;
}
