import { IdParam, actorOf, createRouter, defineRoute, depsOf, json, jsonBody } from '../../kernel/http.ts';
import { type ExportColumn, PlainListQuery, listResponse, sendList } from '../../kernel/lists.ts';
import type { Context } from 'hono';
import * as milestones from './reports.milestones.ts';
import { performanceRoutes } from './reports.performance.routes.ts';
import { queueRoutes } from './reports.queue.routes.ts';
import * as periods from './reports.periods.ts';
import * as review from './reports.review.ts';
import {
  AcceptReportBody,
  CreateMilestoneBody,
  CreateReportBody,
  DeleteMilestoneQuery,
  MilestoneParams,
  MilestoneSchema,
  MilestoneTrendSchema,
  type MilestoneView,
  ReportListQuery,
  ReportParams,
  ReportPeriodSchema,
  type ReportPeriodView,
  ReportSchema,
  type ReportSummary,
  ReportSummarySchema,
  ReportingSchema,
  ReturnReportBody,
  SubmitReportBody,
  UpdateMilestoneBody,
  UpdateReportBody,
} from './reports.schema.ts';
import * as service from './reports.service.ts';

const TAGS = ['Status reports'];
const db = (c: Context) => depsOf(c as never).database.db;

const optionalBody = <S extends typeof SubmitReportBody | typeof AcceptReportBody>(schema: S) => ({
  body: { required: false, content: { 'application/json': { schema } } },
});

// ---------------------------------------------------------------- milestones

const listMilestones = defineRoute('projects.read', {
  operationId: 'listMilestones',
  method: 'get',
  path: '/projects/{id}/milestones',
  tags: TAGS,
  summary: "The project's key milestones by baseline date, with the latest forecast and slip of each",
  request: { params: IdParam, query: PlainListQuery },
  responses: { 200: listResponse(MilestoneSchema) },
});

const createMilestone = defineRoute('milestones.manage', {
  operationId: 'createMilestone',
  method: 'post',
  path: '/projects/{id}/milestones',
  tags: TAGS,
  summary:
    "Add a key milestone: name, baseline date, the gate or deliverable it belongs to (project manager or the project's PMO)",
  request: { params: IdParam, ...jsonBody(CreateMilestoneBody) },
  responses: { 201: json(MilestoneSchema, 'Created') },
});

const getMilestone = defineRoute('projects.read', {
  operationId: 'getMilestone',
  method: 'get',
  path: '/projects/{id}/milestones/{milestoneId}',
  tags: TAGS,
  summary: 'One milestone with its latest forecast',
  request: { params: MilestoneParams },
  responses: { 200: json(MilestoneSchema) },
});

const updateMilestone = defineRoute('milestones.manage', {
  operationId: 'updateMilestone',
  method: 'patch',
  path: '/projects/{id}/milestones/{milestoneId}',
  tags: TAGS,
  summary: 'Edit a milestone, or record the day it was achieved; with version',
  request: { params: MilestoneParams, ...jsonBody(UpdateMilestoneBody) },
  responses: { 200: json(MilestoneSchema) },
});

const deleteMilestone = defineRoute('milestones.manage', {
  operationId: 'deleteMilestone',
  method: 'delete',
  path: '/projects/{id}/milestones/{milestoneId}',
  tags: TAGS,
  summary: 'Remove a milestone no submitted report has forecast (409 IN_USE otherwise)',
  request: { params: MilestoneParams, query: DeleteMilestoneQuery },
  responses: { 204: { description: 'Removed' } },
});

const getMilestoneTrend = defineRoute('projects.read', {
  operationId: 'getMilestoneTrend',
  method: 'get',
  path: '/projects/{id}/milestone-trend',
  tags: TAGS,
  summary: 'The milestone trend chart: each milestone’s forecast in every submitted report, with its slip',
  request: { params: IdParam },
  responses: { 200: json(MilestoneTrendSchema) },
});

// ---------------------------------------------------------------- periods and the reporting summary

const listReportPeriods = defineRoute('projects.read', {
  operationId: 'listReportPeriods',
  method: 'get',
  path: '/projects/{id}/report-periods',
  tags: TAGS,
  summary: "The project's report periods from its go-ahead by its standard's cadence, newest first, with due day and due state",
  request: { params: IdParam, query: PlainListQuery },
  responses: { 200: listResponse(ReportPeriodSchema) },
});

const getReporting = defineRoute('projects.read', {
  operationId: 'getProjectReporting',
  method: 'get',
  path: '/projects/{id}/reporting',
  tags: TAGS,
  summary: 'What report is due next and what is late, with the project’s current status (RAG, computed RAG, mismatch, EVM)',
  request: { params: IdParam },
  responses: { 200: json(ReportingSchema) },
});

// ---------------------------------------------------------------- reports

const listReports = defineRoute('projects.read', {
  operationId: 'listStatusReports',
  method: 'get',
  path: '/projects/{id}/status-reports',
  tags: TAGS,
  summary: "The project's status report versions, newest first (drafts only for those who report on the project)",
  request: { params: IdParam, query: ReportListQuery },
  responses: { 200: listResponse(ReportSummarySchema) },
});

const createReport = defineRoute('reports.submit', {
  operationId: 'createStatusReport',
  method: 'post',
  path: '/projects/{id}/status-reports',
  tags: TAGS,
  summary:
    'Start the status report of the period asOf falls in, as a draft or (submit: true) submitted at once with its earned value, computed RAG and mismatches',
  request: { params: IdParam, ...jsonBody(CreateReportBody) },
  responses: { 201: json(ReportSchema, 'Created') },
});

const getReport = defineRoute('projects.read', {
  operationId: 'getStatusReport',
  method: 'get',
  path: '/projects/{id}/status-reports/{reportId}',
  tags: TAGS,
  summary: 'One status report version with its earned value, computed RAG, mismatches, review and the period’s other versions',
  request: { params: ReportParams },
  responses: { 200: json(ReportSchema) },
});

const updateReport = defineRoute('reports.submit', {
  operationId: 'updateStatusReport',
  method: 'patch',
  path: '/projects/{id}/status-reports/{reportId}',
  tags: TAGS,
  summary: 'Save any subset of a draft’s fields (the autosave); with version. A submitted version never changes',
  request: { params: ReportParams, ...jsonBody(UpdateReportBody) },
  responses: { 200: json(ReportSchema) },
});

const submitReport = defineRoute('reports.submit', {
  operationId: 'submitStatusReport',
  method: 'post',
  path: '/projects/{id}/status-reports/{reportId}/submit',
  tags: TAGS,
  summary: 'Submit a complete draft (422 names each missing field): earned value against the baseline in force at asOf, frozen',
  request: { params: ReportParams, ...optionalBody(SubmitReportBody) },
  responses: { 200: json(ReportSchema) },
});

const acceptReport = defineRoute('reports.review', {
  operationId: 'acceptStatusReport',
  method: 'post',
  path: '/projects/{id}/status-reports/{reportId}/accept',
  tags: TAGS,
  summary:
    "Accept a submitted report, with an optional comment (a lead or analyst of the project's PMO, not part of the project)",
  request: { params: ReportParams, ...optionalBody(AcceptReportBody) },
  responses: { 200: json(ReportSchema) },
});

const returnReport = defineRoute('reports.review', {
  operationId: 'returnStatusReport',
  method: 'post',
  path: '/projects/{id}/status-reports/{reportId}/return',
  tags: TAGS,
  summary:
    "Return a submitted report for revision with a comment (a lead or analyst of the project's PMO, not part of the project)",
  request: { params: ReportParams, ...jsonBody(ReturnReportBody) },
  responses: { 200: json(ReportSchema) },
});

const reviseReport = defineRoute('reports.submit', {
  operationId: 'reviseStatusReport',
  method: 'post',
  path: '/projects/{id}/status-reports/{reportId}/revise',
  tags: TAGS,
  summary: 'Start the revision of a returned report: a new draft version of the same period with its content',
  request: { params: ReportParams },
  responses: { 201: json(ReportSchema, 'Created') },
});

const rag = (r: ReportSummary, key: keyof ReportSummary['rag']) => r.rag[key];

const REPORT_COLUMNS: ExportColumn<ReportSummary>[] = [
  { header: 'Period start', value: (r) => r.periodStart, kind: 'date' },
  { header: 'Period end', value: (r) => r.periodEnd, kind: 'date' },
  { header: 'Due', value: (r) => r.dueOn, kind: 'date' },
  { header: 'Revision', value: (r) => r.revision, kind: 'number' },
  { header: 'State', value: (r) => r.state },
  { header: 'As of', value: (r) => r.asOf, kind: 'date' },
  { header: 'Percent complete', value: (r) => r.percentComplete, kind: 'number' },
  { header: 'Actual cost', value: (r) => r.actualCost, kind: 'money' },
  { header: 'Overall', value: (r) => rag(r, 'overall') },
  { header: 'Schedule', value: (r) => rag(r, 'schedule') },
  { header: 'Cost', value: (r) => rag(r, 'cost') },
  { header: 'Scope', value: (r) => rag(r, 'scope') },
  { header: 'Quality', value: (r) => rag(r, 'quality') },
  { header: 'Risk', value: (r) => rag(r, 'risk') },
  { header: 'Resources', value: (r) => rag(r, 'resources') },
  { header: 'Computed overall', value: (r) => r.computedRag?.overall },
  { header: 'Mismatch', value: (r) => (r.mismatch === null ? null : r.mismatch ? 'yes' : 'no') },
  { header: 'Mismatched', value: (r) => r.mismatches.map((m) => m.dimension).join(', ') },
  { header: 'BAC', value: (r) => r.evm?.bac, kind: 'money' },
  { header: 'PV', value: (r) => r.evm?.pv, kind: 'money' },
  { header: 'EV', value: (r) => r.evm?.ev, kind: 'money' },
  { header: 'AC', value: (r) => r.evm?.ac, kind: 'money' },
  { header: 'SPI', value: (r) => r.evm?.spi, kind: 'number' },
  { header: 'CPI', value: (r) => r.evm?.cpi, kind: 'number' },
  { header: 'EAC', value: (r) => r.evm?.eac, kind: 'money' },
  { header: 'Forecast finish', value: (r) => r.forecastFinish, kind: 'date' },
  { header: 'Submitted', value: (r) => r.submittedAt, kind: 'date' },
  { header: 'Submitted by', value: (r) => r.submittedBy?.name },
  { header: 'On time', value: (r) => (r.onTime === null ? null : r.onTime ? 'yes' : 'no') },
  { header: 'Review comment', value: (r) => r.review?.comment },
];

const MILESTONE_COLUMNS: ExportColumn<MilestoneView>[] = [
  { header: 'Name', value: (m) => m.name },
  { header: 'Baseline date', value: (m) => m.baselineDate, kind: 'date' },
  { header: 'Gate', value: (m) => m.gateKey },
  { header: 'Deliverable', value: (m) => m.deliverableKey },
  { header: 'Latest forecast', value: (m) => m.latestForecast, kind: 'date' },
  { header: 'Slip (days)', value: (m) => m.slipDays, kind: 'number' },
  { header: 'Achieved', value: (m) => m.achievedOn, kind: 'date' },
];

const PERIOD_COLUMNS: ExportColumn<ReportPeriodView>[] = [
  { header: 'Period start', value: (p) => p.periodStart, kind: 'date' },
  { header: 'Period end', value: (p) => p.periodEnd, kind: 'date' },
  { header: 'Due', value: (p) => p.dueOn, kind: 'date' },
  { header: 'Due state', value: (p) => p.dueState },
  { header: 'Report', value: (p) => (p.report ? `${p.report.state} (revision ${p.report.revision})` : null) },
];

export function reportsRoutes() {
  const router = createRouter();
  router.openapi(listMilestones, async (c) => {
    const query = c.req.valid('query');
    const { id } = c.req.valid('param');
    return sendList(c, {
      query,
      fileName: 'milestones',
      load: (page) => milestones.listMilestones(db(c), actorOf(c), id, page),
      columns: MILESTONE_COLUMNS,
    });
  });
  router.openapi(createMilestone, async (c) =>
    c.json(await milestones.createMilestone(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );
  router.openapi(getMilestone, async (c) => {
    const { id, milestoneId } = c.req.valid('param');
    return c.json(await milestones.getMilestone(db(c), actorOf(c), id, milestoneId), 200);
  });
  router.openapi(updateMilestone, async (c) => {
    const { id, milestoneId } = c.req.valid('param');
    return c.json(await milestones.updateMilestone(db(c), actorOf(c), id, milestoneId, c.req.valid('json')), 200);
  });
  router.openapi(deleteMilestone, async (c) => {
    const { id, milestoneId } = c.req.valid('param');
    await milestones.deleteMilestone(db(c), actorOf(c), id, milestoneId, c.req.valid('query').version);
    return c.body(null, 204);
  });
  router.openapi(getMilestoneTrend, async (c) =>
    c.json(await milestones.milestoneTrend(db(c), actorOf(c), c.req.valid('param').id), 200),
  );
  router.openapi(listReportPeriods, async (c) => {
    const query = c.req.valid('query');
    const { id } = c.req.valid('param');
    return sendList(c, {
      query,
      fileName: 'report-periods',
      load: (page) => periods.listReportPeriods(db(c), actorOf(c), id, page),
      columns: PERIOD_COLUMNS,
    });
  });
  router.openapi(getReporting, async (c) => c.json(await periods.getReporting(db(c), actorOf(c), c.req.valid('param').id), 200));
  router.openapi(listReports, async (c) => {
    const query = c.req.valid('query');
    const { id } = c.req.valid('param');
    return sendList(c, {
      query,
      fileName: 'status-reports',
      load: (page) => service.listReports(db(c), actorOf(c), id, { state: query.state }, page),
      columns: REPORT_COLUMNS,
    });
  });
  router.openapi(createReport, async (c) =>
    c.json(await service.createReport(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );
  router.openapi(getReport, async (c) => {
    const { id, reportId } = c.req.valid('param');
    return c.json(await service.getReport(db(c), actorOf(c), id, reportId), 200);
  });
  router.openapi(updateReport, async (c) => {
    const { id, reportId } = c.req.valid('param');
    return c.json(await service.updateReport(db(c), actorOf(c), id, reportId, c.req.valid('json')), 200);
  });
  router.openapi(submitReport, async (c) => {
    const { id, reportId } = c.req.valid('param');
    return c.json(await service.submitReport(db(c), actorOf(c), id, reportId, c.req.valid('json') ?? {}), 200);
  });
  router.openapi(acceptReport, async (c) => {
    const { id, reportId } = c.req.valid('param');
    return c.json(await review.acceptReport(db(c), actorOf(c), id, reportId, c.req.valid('json') ?? {}), 200);
  });
  router.openapi(returnReport, async (c) => {
    const { id, reportId } = c.req.valid('param');
    return c.json(await review.returnReport(db(c), actorOf(c), id, reportId, c.req.valid('json')), 200);
  });
  router.openapi(reviseReport, async (c) => {
    const { id, reportId } = c.req.valid('param');
    return c.json(await review.reviseReport(db(c), actorOf(c), id, reportId), 201);
  });
  router.route('/', performanceRoutes());
  router.route('/', queueRoutes());
  return router;
}
