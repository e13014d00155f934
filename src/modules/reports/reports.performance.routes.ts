import { IdParam, actorOf, createRouter, defineRoute, depsOf, json } from '../../kernel/http.ts';
import { getProjectPerformance } from './reports.performance.ts';
import { ProjectPerformanceSchema } from './reports.performance.schema.ts';

const getPerformance = defineRoute('projects.read', {
  operationId: 'getProjectPerformance',
  method: 'get',
  path: '/projects/{id}/performance',
  tags: ['Status reports'],
  summary:
    'The S-curve and SPI/CPI trend: the baseline in force (BAC, planned value curve, earlier versions) and the stored earned value of each period’s latest submitted report',
  request: { params: IdParam },
  responses: { 200: json(ProjectPerformanceSchema) },
});

export function performanceRoutes() {
  const router = createRouter();
  router.openapi(getPerformance, async (c) =>
    c.json(await getProjectPerformance(depsOf(c).database.db, actorOf(c), c.req.valid('param').id), 200),
  );
  return router;
}
