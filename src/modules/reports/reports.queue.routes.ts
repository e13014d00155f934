import type { Context } from 'hono';
import { actorOf, createRouter, defineRoute, depsOf } from '../../kernel/http.ts';
import { type ExportColumn, listResponse, sendList } from '../../kernel/lists.ts';
import * as queue from './reports.queue.ts';
import {
  DueReportQuery,
  DueReportSchema,
  type DueReportView,
  type OwedState,
  ReviewListQuery,
  ReviewReportSchema,
  type ReviewReportView,
} from './reports.queue.schema.ts';

const TAGS = ['Status reports'];
const db = (c: Context) => depsOf(c as never).database.db;
const yesNo = (v: boolean | null | undefined) => (v === null || v === undefined ? null : v ? 'yes' : 'no');

const listDueReports = defineRoute('reports.submit', {
  operationId: 'listDueReports',
  method: 'get',
  path: '/reporting/due',
  tags: TAGS,
  summary:
    'The reports the caller owes: one per open project they report on (manager, or staff of a governing PMO), latest first, with the owed period, its due state, its draft and a returned report',
  request: { query: DueReportQuery },
  responses: { 200: listResponse(DueReportSchema) },
});

const listForReview = defineRoute('projects.read', {
  operationId: 'listStatusReportsForReview',
  method: 'get',
  path: '/status-reports',
  tags: TAGS,
  summary:
    'Status report versions across the projects the caller may see, newest submission first; state=submitted: those awaiting the PMO’s review',
  request: { query: ReviewListQuery },
  responses: { 200: listResponse(ReviewReportSchema) },
});

const DUE_COLUMNS: ExportColumn<DueReportView>[] = [
  { header: 'Project code', value: (d) => d.project.code },
  { header: 'Project', value: (d) => d.project.name },
  { header: 'PMO', value: (d) => d.pmo.name },
  { header: 'Project manager', value: (d) => d.projectManager?.name },
  { header: 'Period start', value: (d) => d.periodStart, kind: 'date' },
  { header: 'Period end', value: (d) => d.periodEnd, kind: 'date' },
  { header: 'Due', value: (d) => d.dueOn, kind: 'date' },
  { header: 'Due state', value: (d) => d.dueState },
  { header: 'Days late', value: (d) => d.daysLate, kind: 'number' },
  { header: 'Draft started', value: (d) => yesNo(d.draft !== null) },
  { header: 'Returned for revision', value: (d) => (d.returned ? `${d.returned.periodStart} to ${d.returned.periodEnd}` : null) },
];

const REVIEW_COLUMNS: ExportColumn<ReviewReportView>[] = [
  { header: 'Project code', value: (r) => r.project.code },
  { header: 'Project', value: (r) => r.project.name },
  { header: 'PMO', value: (r) => r.pmo.name },
  { header: 'Period start', value: (r) => r.periodStart, kind: 'date' },
  { header: 'Period end', value: (r) => r.periodEnd, kind: 'date' },
  { header: 'Revision', value: (r) => r.revision, kind: 'number' },
  { header: 'State', value: (r) => r.state },
  { header: 'As of', value: (r) => r.asOf, kind: 'date' },
  { header: 'Submitted', value: (r) => r.submittedAt, kind: 'date' },
  { header: 'Submitted by', value: (r) => r.submittedBy?.name },
  { header: 'On time', value: (r) => yesNo(r.onTime) },
  { header: 'Reported overall', value: (r) => r.rag.overall },
  { header: 'Computed overall', value: (r) => r.computedRag?.overall },
  { header: 'Mismatch', value: (r) => yesNo(r.mismatch) },
  { header: 'Mismatched', value: (r) => r.mismatches.map((m) => m.dimension).join(', ') },
  { header: 'SPI', value: (r) => r.evm?.spi, kind: 'number' },
  { header: 'CPI', value: (r) => r.evm?.cpi, kind: 'number' },
  { header: 'Review comment', value: (r) => r.review?.comment },
];

/** The lists across projects: GET /reporting/due and GET /status-reports. */
export function queueRoutes() {
  const router = createRouter();
  router.openapi(listDueReports, async (c) => {
    const query = c.req.valid('query');
    return sendList(c, {
      query,
      fileName: 'reports-due',
      load: (page) =>
        queue.listDueReports(
          db(c),
          actorOf(c),
          {
            dueStates: query.dueState ? (query.dueState.split(',') as OwedState[]) : undefined,
            managed: query.managed === 'true',
          },
          page,
        ),
      columns: DUE_COLUMNS,
    });
  });
  router.openapi(listForReview, async (c) => {
    const query = c.req.valid('query');
    return sendList(c, {
      query,
      fileName: 'status-reports',
      load: (page) =>
        queue.listReportsForReview(
          db(c),
          actorOf(c),
          {
            state: query.state,
            pmoId: query.pmoId,
            mismatch: query.mismatch === undefined ? undefined : query.mismatch === 'true',
            reviewable: query.reviewable === 'true',
            q: query.q,
          },
          page,
        ),
      columns: REVIEW_COLUMNS,
    });
  });
  return router;
}
