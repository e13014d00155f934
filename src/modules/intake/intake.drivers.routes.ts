import { z } from '@hono/zod-openapi';
import { IdParam, actorOf, createRouter, defineRoute, depsOf, json, jsonBody } from '../../kernel/http.ts';
import { type ExportColumn, MAX_EXPORT_ROWS, listResponse, pageParams, sendList } from '../../kernel/lists.ts';
import {
  AhpEvaluationSchema,
  DriverComparisonsBody,
  DriverSetSchema,
  EvaluateComparisonsBody,
  RateRequestBody,
  RequestRatingsSchema,
  ReviewQueueItemSchema,
  ReviewQueueSchema,
} from './intake.drivers.schema.ts';
import * as drivers from './intake.drivers.service.ts';
import { type ReviewQueueItem, reviewQueue } from './intake.queue.service.ts';

const getComparisons = defineRoute('pmo.read', {
  operationId: 'getDriverComparisons',
  method: 'get',
  path: '/pmos/{id}/driver-comparisons',
  tags: ['Strategic drivers'],
  summary: "A PMO's strategic drivers, their pairwise comparison, weights and consistency (version 0: none yet)",
  request: { params: IdParam },
  responses: { 200: json(DriverSetSchema) },
});

const putComparisons = defineRoute('drivers.manage', {
  operationId: 'setDriverComparisons',
  method: 'put',
  path: '/pmos/{id}/driver-comparisons',
  tags: ['Strategic drivers'],
  summary:
    'Set the drivers and their pairwise comparison (lead governing the PMO, or admin); returns weights, λmax, CI, CR. ' +
    'A set with CR ≥ 0.10 is saved but inconsistent, and cannot score a decision.',
  request: { params: IdParam, ...jsonBody(DriverComparisonsBody) },
  responses: { 200: json(DriverSetSchema) },
});

const evaluate = defineRoute('pmo.read', {
  operationId: 'evaluateAhp',
  method: 'post',
  path: '/ahp/evaluate',
  tags: ['Strategic drivers'],
  summary: 'Compute weights, λmax, CI, CR and the worst disagreements of a comparison matrix, without saving it',
  request: jsonBody(EvaluateComparisonsBody),
  responses: { 200: json(AhpEvaluationSchema) },
});

const getRatings = defineRoute('requests.read', {
  operationId: 'getRequestRatings',
  method: 'get',
  path: '/requests/{id}/ratings',
  tags: ['Strategic drivers'],
  summary:
    "A request's ratings against its PMO's drivers and its score: 100 × Σ weight × value, " +
    'value none 0, low 0.25, moderate 0.5, strong 0.75, extreme 1',
  request: { params: IdParam },
  responses: { 200: json(RequestRatingsSchema) },
});

const putRatings = defineRoute('requests.rate', {
  operationId: 'rateRequest',
  method: 'put',
  path: '/requests/{id}/ratings',
  tags: ['Strategic drivers'],
  summary:
    "Rate a request against some or all of its PMO's current drivers (member of the target PMO, not the requester; " +
    'while submitted, in review or waiting for information)',
  request: { params: IdParam, ...jsonBody(RateRequestBody) },
  responses: { 200: json(RequestRatingsSchema) },
});

const getQueue = defineRoute('requests.review', {
  operationId: 'getReviewQueue',
  method: 'get',
  path: '/pmos/{id}/review-queue',
  tags: ['Strategic drivers'],
  summary:
    "The PMO's requests in review (and submitted, not yet in review), ranked by score, with cost, benefit, " +
    'skills needed and the capacity left for them (members of the PMO)',
  request: { params: IdParam, query: z.object({ format: pageParams.format }) },
  responses: {
    200: {
      description: 'The queue, or with format=csv|xlsx one row per request in rank order',
      content: { ...listResponse(ReviewQueueItemSchema).content, 'application/json': { schema: ReviewQueueSchema } },
    },
  },
});

/** A skill is short when some month asks for more than is left of it. */
const shortSkills = (item: ReviewQueueItem) =>
  item.skills
    .filter((skill) => skill.months.some((m) => m.fte > m.capacityLeftFte + 0.005))
    .map((skill) => skill.name)
    .join(', ');

const QUEUE_COLUMNS: ExportColumn<ReviewQueueItem>[] = [
  { header: 'Rank', value: (r) => r.rank, kind: 'number' },
  { header: 'Code', value: (r) => r.code },
  { header: 'Title', value: (r) => r.title },
  { header: 'State', value: (r) => (r.notYetInReview ? 'submitted' : 'in review') },
  { header: 'Requester', value: (r) => r.requester.name },
  { header: 'Project type', value: (r) => r.projectType?.name },
  { header: 'Wanted start', value: (r) => r.wantedStart, kind: 'date' },
  // Rounded here, where the file shows it, as the web app rounds it on screen.
  { header: 'Score', value: (r) => (r.score === null ? null : Math.round(r.score * 10) / 10), kind: 'number' },
  { header: 'Score note', value: (r) => (r.scoreUsable ? null : r.scoreReason) },
  { header: 'Cost', value: (r) => r.totalCost, kind: 'money' },
  { header: 'Benefit', value: (r) => r.totalBenefit, kind: 'money' },
  { header: 'Skills', value: (r) => r.skills.map((skill) => skill.name).join(', ') },
  { header: 'Skills short', value: shortSkills },
];

export function driversRoutes() {
  const router = createRouter();
  const db = (c: Parameters<typeof depsOf>[0]) => depsOf(c).database.db;
  router.openapi(getComparisons, async (c) =>
    c.json(await drivers.getDriverComparisons(db(c), actorOf(c), c.req.valid('param').id), 200),
  );
  router.openapi(putComparisons, async (c) =>
    c.json(await drivers.saveDriverComparisons(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  router.openapi(evaluate, async (c) => c.json(drivers.evaluateDriverComparisons(c.req.valid('json')), 200));
  router.openapi(getRatings, async (c) =>
    c.json(await drivers.getRequestRatings(db(c), actorOf(c), c.req.valid('param').id), 200),
  );
  router.openapi(putRatings, async (c) =>
    c.json(await drivers.rateRequest(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  router.openapi(getQueue, async (c) => {
    const { format } = c.req.valid('query');
    const queue = await reviewQueue(db(c), actorOf(c), c.req.valid('param').id);
    if (format === 'json') return c.json(queue, 200);
    return sendList(c, {
      query: { format, limit: MAX_EXPORT_ROWS, offset: 0 },
      fileName: 'review-queue',
      load: async () => ({ items: queue.items, total: queue.items.length }),
      columns: QUEUE_COLUMNS,
    });
  });
  return router;
}
