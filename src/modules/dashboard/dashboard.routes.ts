import { actorOf, createRouter, defineRoute, depsOf, json } from '../../kernel/http.ts';
import { type ExportColumn, listResponse, sendList } from '../../kernel/lists.ts';
import { RAG_KEYS, type RagKey, mismatchText } from '../projects/index.ts';
import {
  DashboardListQuery,
  DashboardQuery,
  type LateReportRow,
  LateReportRowSchema,
  type MismatchRow,
  MismatchRowSchema,
  PortfolioDashboardSchema,
  type RagMatrixRow,
  RagMatrixRowSchema,
} from './dashboard.schema.ts';
import * as service from './dashboard.service.ts';

const TAGS = ['Dashboard'];

const getDashboard = defineRoute('projects.read', {
  operationId: 'getDashboard',
  method: 'get',
  path: '/dashboard',
  tags: TAGS,
  summary:
    'The portfolio dashboard over the projects the caller may see, by PMO, portfolio or executive: phases and states, RAG matrix, EVM roll-up, budget, mismatches, late reports, the PMO’s record',
  request: { query: DashboardQuery },
  responses: { 200: json(PortfolioDashboardSchema) },
});

const listRagMatrix = defineRoute('projects.read', {
  operationId: 'listDashboardRagMatrix',
  method: 'get',
  path: '/dashboard/rag-matrix',
  tags: TAGS,
  summary: 'The RAG matrix: every project the caller may see × the RAG dimensions, reported and computed, by code',
  request: { query: DashboardListQuery },
  responses: { 200: listResponse(RagMatrixRowSchema) },
});

const listMismatches = defineRoute('projects.read', {
  operationId: 'listDashboardMismatches',
  method: 'get',
  path: '/dashboard/mismatches',
  tags: TAGS,
  summary: 'The projects whose latest report is reported better than computed, each dimension with the figure that disagrees',
  request: { query: DashboardListQuery },
  responses: { 200: listResponse(MismatchRowSchema) },
});

const listLateReports = defineRoute('projects.read', {
  operationId: 'listDashboardLateReports',
  method: 'get',
  path: '/dashboard/late-reports',
  tags: TAGS,
  summary: 'The projects whose owed status report is overdue or escalated, the longest late first',
  request: { query: DashboardListQuery },
  responses: { 200: listResponse(LateReportRowSchema) },
});

const label = (key: RagKey) => key.charAt(0).toUpperCase() + key.slice(1);
const reviewLabel = (state: RagMatrixRow['reviewState']) =>
  state === 'submitted' ? 'awaiting review' : (state ?? 'no report yet');

const MATRIX_COLUMNS: ExportColumn<RagMatrixRow>[] = [
  { header: 'Code', value: (r) => r.project.code },
  { header: 'Project', value: (r) => r.project.name },
  { header: 'Status date', value: (r) => r.lastAsOf, kind: 'date' },
  { header: 'Review', value: (r) => reviewLabel(r.reviewState) },
  ...RAG_KEYS.flatMap((key): ExportColumn<RagMatrixRow>[] => [
    { header: `${label(key)} (reported)`, value: (r) => r.reported[key] },
    { header: `${label(key)} (computed)`, value: (r) => r.computed[key] },
  ]),
  { header: 'Mismatched dimensions', value: (r) => r.mismatchDimensions.join(', ') },
];

/** The mismatch list exports one row per project, a column per dimension with the figure that disagrees. */
const MISMATCH_COLUMNS: ExportColumn<MismatchRow>[] = [
  { header: 'Code', value: (r) => r.project.code },
  { header: 'Project', value: (r) => r.project.name },
  { header: 'Status date', value: (r) => r.asOf, kind: 'date' },
  { header: 'Review', value: (r) => reviewLabel(r.reviewState) },
  { header: 'Mismatched dimensions', value: (r) => r.dimensions.map((d) => d.dimension).join(', ') },
  ...RAG_KEYS.map(
    (key): ExportColumn<MismatchRow> => ({
      header: `${label(key)} mismatch`,
      value: (r) => {
        const found = r.dimensions.find((d) => d.dimension === key);
        return found ? mismatchText(found).slice(key.length + 2) : null;
      },
    }),
  ),
];

const LATE_COLUMNS: ExportColumn<LateReportRow>[] = [
  { header: 'Code', value: (r) => r.project.code },
  { header: 'Project', value: (r) => r.project.name },
  { header: 'Project manager', value: (r) => r.projectManager?.name },
  { header: 'Period start', value: (r) => r.periodStart, kind: 'date' },
  { header: 'Due on', value: (r) => r.dueOn, kind: 'date' },
  { header: 'Days late', value: (r) => r.daysLate, kind: 'number' },
  { header: 'State', value: (r) => r.dueState },
  { header: 'Escalated at', value: (r) => r.escalatedAt },
];

export function dashboardRoutes() {
  const router = createRouter();
  router.openapi(getDashboard, async (c) =>
    c.json(await service.getPortfolioDashboard(depsOf(c).database.db, actorOf(c), c.req.valid('query')), 200),
  );
  router.openapi(listRagMatrix, async (c) => {
    const query = c.req.valid('query');
    return sendList(c, {
      query,
      fileName: 'rag-matrix',
      load: (page) => service.listRagMatrix(depsOf(c).database.db, actorOf(c), query, page),
      columns: MATRIX_COLUMNS,
    });
  });
  router.openapi(listMismatches, async (c) => {
    const query = c.req.valid('query');
    return sendList(c, {
      query,
      fileName: 'mismatches',
      load: (page) => service.listMismatches(depsOf(c).database.db, actorOf(c), query, page),
      columns: MISMATCH_COLUMNS,
    });
  });
  router.openapi(listLateReports, async (c) => {
    const query = c.req.valid('query');
    return sendList(c, {
      query,
      fileName: 'late-reports',
      load: (page) => service.listLateReports(depsOf(c).database.db, actorOf(c), query, page),
      columns: LATE_COLUMNS,
    });
  });
  return router;
}
