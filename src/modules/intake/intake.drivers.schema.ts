import { z } from '@hono/zod-openapi';
import { MAX_DRIVERS, MIN_DRIVERS } from './intake.ahp.ts';

export const DRIVER_RATINGS = ['none', 'low', 'moderate', 'strong', 'extreme'] as const;
export type DriverRating = (typeof DRIVER_RATINGS)[number];
export const DriverRatingSchema = z.enum(DRIVER_RATINGS).openapi('DriverRating', {
  description: 'How strongly a request serves a driver: none 0, low 0.25, moderate 0.5, strong 0.75, extreme 1',
});

const DriverName = z.string().trim().min(1, 'is required').max(120);

const Drivers = z
  .array(DriverName)
  .min(MIN_DRIVERS, `name at least ${MIN_DRIVERS} drivers`)
  .max(MAX_DRIVERS, `name at most ${MAX_DRIVERS} drivers`)
  .superRefine((names, ctx) => {
    const seen = new Set<string>();
    names.forEach((name, i) => {
      const key = name.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i], message: 'appears twice' });
      seen.add(key);
    });
  })
  .openapi({ description: 'The driver names, in the order of the matrix rows and columns' });

const Matrix = z
  .array(z.array(z.number()).max(MAX_DRIVERS))
  .max(MAX_DRIVERS)
  .openapi({
    description:
      "matrix[i][j]: how much more important drivers[i] is than drivers[j], on Saaty's scale 1/9 … 9; diagonal 1, matrix[j][i] = 1/matrix[i][j]",
    example: [
      [1, 3],
      [1 / 3, 1],
    ],
  });

export const EvaluateComparisonsBody = z.object({ drivers: Drivers, matrix: Matrix }).openapi('EvaluateComparisonsInput');

export const DriverComparisonsBody = z
  .object({
    drivers: Drivers,
    matrix: Matrix,
    version: z
      .number()
      .int()
      .min(0)
      .optional()
      .openapi({ description: 'The version of the set this change is based on (0: none yet); a stale one is refused with 409' }),
  })
  .openapi('DriverComparisonsInput');

const DisagreementSchema = z
  .object({
    row: z.number().int(),
    column: z.number().int(),
    drivers: z.tuple([z.string(), z.string()]),
    value: z.number().openapi({ description: 'The judgement as entered: matrix[row][column]' }),
    implied: z.number().openapi({ description: 'What the weights imply: weights[row] / weights[column]' }),
    ratio: z.number().openapi({ description: 'value / implied; 1 is full agreement' }),
    suggested: z.number().openapi({ description: 'The Saaty scale value nearest to `implied`' }),
  })
  .openapi('DriverDisagreement');

const OffScaleSchema = z
  .object({ row: z.number().int(), column: z.number().int(), value: z.number(), nearest: z.number() })
  .openapi('OffScaleJudgement');

export const AhpEvaluationSchema = z
  .object({
    drivers: z.array(z.string()),
    matrix: z.array(z.array(z.number())),
    weights: z.array(z.number()).openapi({ description: 'The principal eigenvector, summing to 1, in the order of drivers' }),
    lambdaMax: z.number(),
    ci: z.number().openapi({ description: 'Consistency index (λmax − n)/(n − 1)' }),
    cr: z.number().openapi({ description: "Consistency ratio CI / RI(n), Saaty's random index; 0 for n ≤ 2" }),
    consistent: z.boolean().openapi({ description: 'CR < 0.10; an inconsistent set cannot score a decision' }),
    disagreements: z
      .array(DisagreementSchema)
      .openapi({ description: 'The (at most 3) judgements that disagree most, worst first' }),
    offScale: z.array(OffScaleSchema).openapi({ description: "Judgements in range but not on Saaty's scale" }),
  })
  .openapi('AhpEvaluation');

export const DriverSetSchema = AhpEvaluationSchema.extend({
  pmoId: z.string(),
  version: z.number().int().openapi({ description: '0 while the PMO has no driver comparisons' }),
  updatedAt: z.string().nullable(),
  canEdit: z.boolean().openapi({ description: 'Whether the caller may change the comparisons' }),
}).openapi('DriverSet');

export const RateRequestBody = z
  .object({
    ratings: z
      .array(z.object({ driver: z.string().trim().min(1, 'is required').max(120), rating: DriverRatingSchema }))
      .min(1, 'rate at least one driver')
      .max(MAX_DRIVERS)
      .superRefine((items, ctx) => {
        const seen = new Set<string>();
        items.forEach((item, i) => {
          if (seen.has(item.driver)) ctx.addIssue({ code: 'custom', path: [i, 'driver'], message: 'is rated twice' });
          seen.add(item.driver);
        });
      }),
  })
  .openapi('RateRequestInput');

export const RequestRatingsSchema = z
  .object({
    requestId: z.string(),
    pmoId: z.string().nullable(),
    ratings: z.array(
      z.object({
        driver: z.string(),
        weight: z.number().nullable().openapi({ description: 'The driver weight; null when the driver is no longer current' }),
        rating: DriverRatingSchema.nullable().openapi({ description: 'null: not rated yet' }),
        value: z.number().nullable(),
        ratedBy: z.object({ userId: z.string(), name: z.string() }).nullable(),
        ratedAt: z.string().nullable(),
      }),
    ),
    score: z
      .number()
      .nullable()
      .openapi({ description: '100 × Σ weight × value(rating); null while the PMO has no drivers or a driver is unrated' }),
    scoreUsable: z.boolean(),
    reason: z.string().nullable().openapi({ description: 'Why the score may not be used, when it may not' }),
    driverSetVersion: z.number().int(),
  })
  .openapi('RequestRatings');

const QueueMonth = z.object({
  month: z.string(),
  fte: z.number(),
  capacityLeftFte: z.number().openapi({ description: 'FTE of this skill not yet allocated in that month' }),
});

export const ReviewQueueItemSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    title: z.string(),
    state: z.enum(['submitted', 'in_review']),
    notYetInReview: z.boolean().openapi({ description: 'Submitted, but nobody has started the review' }),
    requester: z.object({ userId: z.string(), name: z.string() }),
    projectType: z.object({ id: z.string(), code: z.string(), name: z.string() }).nullable(),
    wantedStart: z.string().nullable(),
    durationMonths: z.number().int().nullable(),
    submittedAt: z.string().nullable(),
    totalCost: z.number(),
    totalBenefit: z.number().openapi({ description: 'Sum of the benefits with an amount' }),
    benefitCostRatio: z.number().nullable().openapi({ description: 'totalBenefit / totalCost; null when there is no cost' }),
    score: z
      .number()
      .nullable()
      .openapi({ description: 'The exact score, unrounded, the same as GET /requests/{id}/ratings gives; round it for display' }),
    scoreUsable: z.boolean(),
    scoreReason: z.string().nullable(),
    rank: z.number().int(),
    skills: z.array(z.object({ skillId: z.string(), name: z.string(), months: z.array(QueueMonth) })),
    capacityShortfall: z.boolean().openapi({ description: 'Some skill is asked for more FTE than is left in some month' }),
  })
  .openapi('ReviewQueueItem');

export const ReviewQueueSchema = z
  .object({
    pmoId: z.string(),
    driverSet: z.object({ version: z.number().int(), consistent: z.boolean(), cr: z.number().nullable() }),
    items: z.array(ReviewQueueItemSchema),
  })
  .openapi('ReviewQueue');
