import { z } from '@hono/zod-openapi';
import { IdParam, actorOf, createRouter, defineRoute, depsOf, json, jsonBody } from '../../kernel/http.ts';
import { getBaselines, setBaseline } from './baselines.service.ts';

const CurvePointSchema = z.object({
  date: z.iso.date().openapi({ example: '2026-03-31' }),
  plannedValue: z.number().min(0),
});

const BaselineSchema = z
  .object({
    projectId: z.string(),
    number: z.number().int(),
    bac: z.number(),
    curve: z.array(CurvePointSchema),
    reason: z.string().nullable(),
    setBy: z.string(),
    createdAt: z.string(),
  })
  .openapi('Baseline');

const SetBaselineBody = z
  .object({
    bac: z.number().positive().openapi({ description: 'Budget at completion' }),
    curve: z
      .array(CurvePointSchema)
      .min(1)
      .max(1000)
      .openapi({ description: 'Cumulative planned value; linear between points, 0 before the first; ends at bac' }),
    reason: z.string().trim().max(2000).optional(),
  })
  .openapi('SetBaselineInput');

const putBaseline = defineRoute('projects.baseline', {
  operationId: 'setProjectBaseline',
  method: 'put',
  path: '/projects/{id}/baseline',
  tags: ['Projects'],
  summary: 'Set a new baseline version: BAC and the cumulative planned-value curve (PMO lead only)',
  request: { params: IdParam, ...jsonBody(SetBaselineBody) },
  responses: { 200: json(BaselineSchema) },
});

const getBaseline = defineRoute('projects.read', {
  operationId: 'getProjectBaseline',
  method: 'get',
  path: '/projects/{id}/baseline',
  tags: ['Projects'],
  summary: 'The current baseline and every earlier version, newest first',
  request: { params: IdParam },
  responses: { 200: json(z.object({ current: BaselineSchema.nullable(), versions: z.array(BaselineSchema) })) },
});

export function baselinesRoutes() {
  const router = createRouter();
  router.openapi(putBaseline, async (c) =>
    c.json(await setBaseline(depsOf(c).database.db, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  router.openapi(getBaseline, async (c) =>
    c.json(await getBaselines(depsOf(c).database.db, actorOf(c), c.req.valid('param').id), 200),
  );
  return router;
}
