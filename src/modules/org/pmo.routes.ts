import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { type AppEnv, IdParam, actorOf, defineRoute, depsOf, json, jsonBody } from '../../kernel/http.ts';
import { type ExportColumn, PlainListQuery, listResponse, sendList, slicePage } from '../../kernel/lists.ts';
import {
  CreatePmoBody,
  CreateThresholdBody,
  PmoDetailSchema,
  PmoMembersBody,
  PmoQuery,
  PmoSchema,
  PmoScopeBody,
  ReportingLineItemSchema,
  ThresholdParams,
  ThresholdSchema,
  UpdatePmoBody,
  UpdateThresholdBody,
} from './pmo.schema.ts';
import * as service from './pmo.service.ts';
import type { PmoView, ThresholdView } from './pmo.service.ts';

const listPmos = defineRoute('pmo.read', {
  operationId: 'listPmos',
  method: 'get',
  path: '/pmos',
  tags: ['PMOs'],
  summary: 'PMOs with level, orientation, reporting line, parent PMO, member and scope counts',
  request: { query: PmoQuery },
  responses: { 200: listResponse(PmoSchema) },
});

const getPmo = defineRoute('pmo.read', {
  operationId: 'getPmo',
  method: 'get',
  path: '/pmos/{id}',
  tags: ['PMOs'],
  summary: 'One PMO with members, scope, delegation thresholds, child PMOs and reporting line',
  request: { params: IdParam },
  responses: { 200: json(PmoDetailSchema) },
});

const createPmo = defineRoute('pmo.create', {
  operationId: 'createPmo',
  method: 'post',
  path: '/pmos',
  tags: ['PMOs'],
  summary: 'Create a PMO',
  request: jsonBody(CreatePmoBody),
  responses: { 201: json(PmoDetailSchema, 'Created') },
});

const updatePmo = defineRoute('pmo.manage', {
  operationId: 'updatePmo',
  method: 'patch',
  path: '/pmos/{id}',
  tags: ['PMOs'],
  summary: 'Edit a PMO (admin, or a lead of it or of a PMO above it)',
  request: { params: IdParam, ...jsonBody(UpdatePmoBody) },
  responses: { 200: json(PmoDetailSchema) },
});

const setMembers = defineRoute('pmo.manage', {
  operationId: 'setPmoMembers',
  method: 'put',
  path: '/pmos/{id}/members',
  tags: ['PMOs'],
  summary: "Replace the PMO's members and their PMO roles",
  request: { params: IdParam, ...jsonBody(PmoMembersBody) },
  responses: { 200: json(PmoDetailSchema) },
});

const setScope = defineRoute('pmo.manage', {
  operationId: 'setPmoScope',
  method: 'put',
  path: '/pmos/{id}/scope',
  tags: ['PMOs'],
  summary: 'Replace the org units the PMO governs',
  request: { params: IdParam, ...jsonBody(PmoScopeBody) },
  responses: { 200: json(PmoDetailSchema) },
});

const reportingLine = defineRoute('pmo.read', {
  operationId: 'getPmoReportingLine',
  method: 'get',
  path: '/pmos/{id}/reporting-line',
  tags: ['PMOs'],
  summary: "The chain of executive positions from the PMO's up to the top, with holders",
  request: { params: IdParam },
  responses: { 200: json(z.object({ items: z.array(ReportingLineItemSchema) })) },
});

const listThresholds = defineRoute('pmo.read', {
  operationId: 'listDelegationThresholds',
  method: 'get',
  path: '/pmos/{id}/thresholds',
  tags: ['PMOs'],
  summary: "The PMO's delegation-of-authority thresholds",
  request: { params: IdParam, query: PlainListQuery },
  responses: { 200: listResponse(ThresholdSchema) },
});

const createThreshold = defineRoute('pmo.manage', {
  operationId: 'createDelegationThreshold',
  method: 'post',
  path: '/pmos/{id}/thresholds',
  tags: ['PMOs'],
  summary: 'Add a delegation-of-authority threshold',
  request: { params: IdParam, ...jsonBody(CreateThresholdBody) },
  responses: { 201: json(ThresholdSchema, 'Created') },
});

const updateThreshold = defineRoute('pmo.manage', {
  operationId: 'updateDelegationThreshold',
  method: 'patch',
  path: '/pmos/{id}/thresholds/{thresholdId}',
  tags: ['PMOs'],
  summary: 'Edit a delegation-of-authority threshold',
  request: { params: ThresholdParams, ...jsonBody(UpdateThresholdBody) },
  responses: { 200: json(ThresholdSchema) },
});

const deleteThreshold = defineRoute('pmo.manage', {
  operationId: 'deleteDelegationThreshold',
  method: 'delete',
  path: '/pmos/{id}/thresholds/{thresholdId}',
  tags: ['PMOs'],
  summary: 'Remove a delegation-of-authority threshold',
  request: {
    params: ThresholdParams,
    query: z.object({
      version: z.coerce
        .number()
        .int()
        .positive()
        .optional()
        .openapi({ description: 'Refuse with 409 if the threshold has changed since' }),
    }),
  },
  responses: { 204: { description: 'Removed' } },
});

/** An enum value as words: budget_increase → budget increase. */
const words = (value: string) => value.replace(/_/g, ' ');

const PMO_COLUMNS: ExportColumn<PmoView>[] = [
  { header: 'Code', value: (p) => p.code },
  { header: 'Name', value: (p) => p.name },
  { header: 'Level', value: (p) => p.level },
  { header: 'Orientation', value: (p) => p.orientation },
  { header: 'Reports to', value: (p) => p.reportsTo?.title },
  { header: 'Held by', value: (p) => p.reportsTo?.holderName },
  { header: 'Parent PMO', value: (p) => p.parentPmo?.name },
  { header: 'Members', value: (p) => p.memberCount, kind: 'number' },
  { header: 'Org units in scope', value: (p) => p.scopeCount, kind: 'number' },
  { header: 'Description', value: (p) => p.description },
];

const THRESHOLD_COLUMNS: ExportColumn<ThresholdView>[] = [
  { header: 'Subject', value: (t) => words(t.subject) },
  { header: 'Measure', value: (t) => words(t.measure) },
  { header: 'Up to', value: (t) => t.upTo, kind: 'number' },
  { header: 'Approver', value: (t) => words(t.approver) },
];

export function pmoRoutes(router: OpenAPIHono<AppEnv>) {
  const db = (c: Parameters<typeof depsOf>[0]) => depsOf(c).database.db;
  router.openapi(listPmos, async (c) => {
    const query = c.req.valid('query');
    return sendList(c, {
      query,
      fileName: 'pmos',
      load: async (page) =>
        slicePage(await service.listPmos(db(c), { level: query.level, parentPmoId: query.parentPmoId }), page),
      columns: PMO_COLUMNS,
    });
  });
  router.openapi(getPmo, async (c) => c.json(await service.getPmo(db(c), actorOf(c), c.req.valid('param').id), 200));
  router.openapi(createPmo, async (c) => c.json(await service.createPmo(db(c), actorOf(c), c.req.valid('json')), 201));
  router.openapi(updatePmo, async (c) =>
    c.json(await service.updatePmo(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  router.openapi(setMembers, async (c) =>
    c.json(await service.setPmoMembers(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  router.openapi(setScope, async (c) =>
    c.json(await service.setPmoScope(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  router.openapi(reportingLine, async (c) =>
    c.json({ items: await service.reportingLineOf(db(c), c.req.valid('param').id) }, 200),
  );
  router.openapi(listThresholds, async (c) =>
    sendList(c, {
      query: c.req.valid('query'),
      fileName: 'delegation-thresholds',
      load: async (page) => slicePage(await service.listThresholds(db(c), c.req.valid('param').id), page),
      columns: THRESHOLD_COLUMNS,
    }),
  );
  router.openapi(createThreshold, async (c) =>
    c.json(await service.createThreshold(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );
  router.openapi(updateThreshold, async (c) => {
    const { id, thresholdId } = c.req.valid('param');
    return c.json(await service.updateThreshold(db(c), actorOf(c), id, thresholdId, c.req.valid('json')), 200);
  });
  router.openapi(deleteThreshold, async (c) => {
    const { id, thresholdId } = c.req.valid('param');
    await service.deleteThreshold(db(c), actorOf(c), id, thresholdId, c.req.valid('query').version);
    return c.body(null, 204);
  });
}
