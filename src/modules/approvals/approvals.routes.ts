import type { Context } from 'hono';
import { z } from '@hono/zod-openapi';
import { IdParam, VersionQuery, actorOf, createRouter, defineRoute, depsOf, json, jsonBody } from '../../kernel/http.ts';
import { type ExportColumn, listResponse, sendList } from '../../kernel/lists.ts';
import { DashboardFilterQuery as DashboardQuery } from '../dashboard/index.ts';
import { approvalsDashboard } from './approvals.dashboard.ts';
import * as decisions from './approvals.decisions.ts';
import * as delegates from './approvals.delegates.ts';
import {
  AnswerBody,
  ApprovalListQuery,
  ApprovalPreviewSchema,
  ApprovalSchema,
  ApprovalSummarySchema,
  type ApprovalSummary,
  ApprovalsDashboardSchema,
  CreateDelegateBody,
  DecisionBody,
  DelegateSchema,
  PreviewApprovalBody,
  RaiseApprovalBody,
  WithdrawBody,
} from './approvals.schema.ts';
import * as service from './approvals.service.ts';

const TAGS = ['Approvals'];
const db = (c: Context) => depsOf(c as never).database.db;

const listApprovals = defineRoute('projects.read', {
  operationId: 'listApprovals',
  method: 'get',
  path: '/approvals',
  tags: TAGS,
  summary: 'Approval requests one may see (their project is visible, or their route names the caller), newest first',
  request: { query: ApprovalListQuery },
  responses: { 200: listResponse(ApprovalSummarySchema) },
});

const raiseApproval = defineRoute('approvals.request', {
  operationId: 'raiseApproval',
  method: 'post',
  path: '/approvals',
  tags: TAGS,
  summary:
    "Ask for a change on a project (budget increase, people, infrastructure, re-baseline, scope change); it is routed by the PMO's delegation of authority",
  request: jsonBody(RaiseApprovalBody),
  responses: { 201: json(ApprovalSchema, 'Raised') },
});

const previewApproval = defineRoute('approvals.request', {
  operationId: 'previewApproval',
  method: 'post',
  path: '/approvals/preview',
  tags: TAGS,
  summary:
    'What the change would do (new BAC and variance, capacity left, milestones that move) and who would approve it; nothing is written',
  request: jsonBody(PreviewApprovalBody),
  responses: { 200: json(ApprovalPreviewSchema) },
});

const getApproval = defineRoute('projects.read', {
  operationId: 'getApproval',
  method: 'get',
  path: '/approvals/{id}',
  tags: TAGS,
  summary:
    'One request: what is asked, its impact, its route with the state of each step, every action, and what the caller may do',
  request: { params: IdParam },
  responses: { 200: json(ApprovalSchema) },
});

const decideApproval = defineRoute('approvals.decide', {
  operationId: 'decideApproval',
  method: 'post',
  path: '/approvals/{id}/decision',
  tags: TAGS,
  summary:
    'Approve, reject or ask for information on the step one may decide; the final approval commits the effect in the same transaction',
  request: { params: IdParam, ...jsonBody(DecisionBody) },
  responses: { 200: json(ApprovalSchema) },
});

const answerApproval = defineRoute('approvals.request', {
  operationId: 'answerApproval',
  method: 'post',
  path: '/approvals/{id}/answer',
  tags: TAGS,
  summary: 'The requester answers the question asked; the step resumes',
  request: { params: IdParam, ...jsonBody(AnswerBody) },
  responses: { 200: json(ApprovalSchema) },
});

const withdrawApproval = defineRoute('approvals.request', {
  operationId: 'withdrawApproval',
  method: 'post',
  path: '/approvals/{id}/withdraw',
  tags: TAGS,
  summary: 'The requester withdraws an open request',
  request: { params: IdParam, ...jsonBody(WithdrawBody) },
  responses: { 200: json(ApprovalSchema) },
});

const listDelegates = defineRoute('approvals.decide', {
  operationId: 'listApprovalDelegates',
  method: 'get',
  path: '/approval-delegates',
  tags: TAGS,
  summary: 'The delegates the caller named, and the approvers the caller stands in for',
  responses: { 200: json(z.object({ items: z.array(DelegateSchema) })) },
});

const createDelegate = defineRoute('approvals.decide', {
  operationId: 'createApprovalDelegate',
  method: 'post',
  path: '/approval-delegates',
  tags: TAGS,
  summary: "Name a delegate who decides one's approval steps from one day to another (holiday cover)",
  request: jsonBody(CreateDelegateBody),
  responses: { 201: json(DelegateSchema, 'Named') },
});

const deleteDelegate = defineRoute('approvals.decide', {
  operationId: 'deleteApprovalDelegate',
  method: 'delete',
  path: '/approval-delegates/{id}',
  tags: TAGS,
  summary: 'End a delegation: the approver who named it, or the delegate',
  request: { params: IdParam, query: VersionQuery },
  responses: { 204: { description: 'Removed' } },
});

const getApprovalsDashboard = defineRoute('projects.read', {
  operationId: 'getPortfolioApprovals',
  method: 'get',
  path: '/dashboard/approvals',
  tags: ['Dashboard'],
  summary:
    'The approvals of the projects in view: open requests waiting by step and by approver, late ones, and the average decision time (filters as the dashboard)',
  request: { query: DashboardQuery },
  responses: { 200: json(ApprovalsDashboardSchema) },
});

const COLUMNS: ExportColumn<ApprovalSummary>[] = [
  { header: 'Request', value: (a) => a.key },
  { header: 'Project code', value: (a) => a.project?.code ?? a.initiationRequest?.code ?? null },
  { header: 'Project', value: (a) => a.project?.name ?? a.initiationRequest?.title ?? null },
  { header: 'Kind', value: (a) => a.kind },
  { header: 'Title', value: (a) => a.title },
  { header: 'Asked', value: (a) => a.headline },
  { header: 'State', value: (a) => a.state },
  { header: 'Waiting on', value: (a) => a.waitingOn?.levelName ?? null },
  { header: 'Due', value: (a) => a.waitingOn?.dueOn ?? null, kind: 'date' },
  { header: 'Requested by', value: (a) => a.requestedBy.name },
  { header: 'Requested', value: (a) => a.requestedAt.slice(0, 10), kind: 'date' },
];

export function approvalsRoutes() {
  const router = createRouter();
  router.openapi(listApprovals, async (c) => {
    const { state, kind, projectId, pmoId, waitingOn, ...query } = c.req.valid('query');
    return sendList(c, {
      query,
      fileName: 'approvals',
      load: (page) => service.listApprovals(db(c), actorOf(c), { state, kind, projectId, pmoId, waitingOn }, page),
      columns: COLUMNS,
    });
  });
  router.openapi(previewApproval, async (c) =>
    c.json(await service.previewApproval(db(c), actorOf(c), c.req.valid('json')), 200),
  );
  router.openapi(raiseApproval, async (c) => c.json(await service.raiseApproval(db(c), actorOf(c), c.req.valid('json')), 201));
  router.openapi(getApproval, async (c) => c.json(await service.getApproval(db(c), actorOf(c), c.req.valid('param').id), 200));
  router.openapi(decideApproval, async (c) =>
    c.json(await decisions.decideApproval(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  router.openapi(answerApproval, async (c) =>
    c.json(await decisions.answerApproval(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  router.openapi(withdrawApproval, async (c) =>
    c.json(await decisions.withdrawApproval(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  router.openapi(listDelegates, async (c) => c.json({ items: await delegates.listDelegates(db(c), actorOf(c)) }, 200));
  router.openapi(createDelegate, async (c) =>
    c.json(await delegates.createDelegate(db(c), actorOf(c), c.req.valid('json')), 201),
  );
  router.openapi(deleteDelegate, async (c) => {
    await delegates.deleteDelegate(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('query').version);
    return c.body(null, 204);
  });
  router.openapi(getApprovalsDashboard, async (c) =>
    c.json(await approvalsDashboard(db(c), actorOf(c), c.req.valid('query')), 200),
  );
  return router;
}
