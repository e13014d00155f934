import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { type AppEnv, IdParam, actorOf, defineRoute, depsOf, json, jsonBody } from '../../kernel/http.ts';
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

const listPmos = defineRoute('pmo.read', {
  operationId: 'listPmos',
  method: 'get',
  path: '/pmos',
  tags: ['PMOs'],
  summary: 'PMOs with level, orientation, reporting line, parent PMO, member and scope counts',
  request: { query: PmoQuery },
  responses: { 200: json(z.object({ items: z.array(PmoSchema) })) },
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
  request: { params: IdParam },
  responses: { 200: json(z.object({ items: z.array(ThresholdSchema) })) },
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

export function pmoRoutes(router: OpenAPIHono<AppEnv>) {
  const db = (c: Parameters<typeof depsOf>[0]) => depsOf(c).database.db;
  router.openapi(listPmos, async (c) => c.json({ items: await service.listPmos(db(c), c.req.valid('query')) }, 200));
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
    c.json({ items: await service.listThresholds(db(c), c.req.valid('param').id) }, 200),
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
