import { z } from '@hono/zod-openapi';
import { IdParam, actorOf, createRouter, defineRoute, depsOf, json, jsonBody } from '../../kernel/http.ts';
import { ProjectSchema } from '../projects/index.ts';
import { AllocationSchema } from '../resources/index.ts';
import { DecisionBody, decideRequest } from './intake.decision.ts';
import { RequestSchema } from './intake.schema.ts';

const decide = defineRoute('requests.decide', {
  operationId: 'decideRequest',
  method: 'post',
  path: '/requests/{id}/decision',
  tags: ['Requests'],
  summary:
    "The PMO's decision on a request in review: approve (creates the project, baseline, allocations and go-ahead in one transaction), reject or defer",
  description:
    'Only a lead of the target PMO decides, never on their own request. Approval needs a consistent set of driver ' +
    "comparisons with every driver rated (409 otherwise), a project manager holding the project type's required " +
    'training (422 listing missing courses), and allocations within capacity (409 OVER_ALLOCATED with the figures, ' +
    "unless overridden with a reason). A budget above the lead's limit in the PMO's delegation thresholds (budget " +
    'increase in money) does not approve yet: everything is checked, and an approval request goes up the reporting ' +
    'line; its last approval makes the go-ahead.',
  request: { params: IdParam, ...jsonBody(DecisionBody) },
  responses: {
    200: json(
      z
        .object({
          request: RequestSchema,
          project: ProjectSchema.nullable(),
          allocations: z.array(AllocationSchema),
          goAhead: z
            .object({ id: z.string(), key: z.string(), waitingOn: z.array(z.string()) })
            .nullable()
            .openapi({
              description:
                "An approval above the PMO lead's limit: the approval request the go-ahead waits for (the request stays in review); null otherwise",
            }),
        })
        .openapi('DecisionResult'),
    ),
  },
});

export function decisionRoutes() {
  const router = createRouter();
  router.openapi(decide, async (c) =>
    c.json(await decideRequest(depsOf(c).database.db, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  return router;
}
