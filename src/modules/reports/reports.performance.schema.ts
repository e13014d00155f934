import { z } from '@hono/zod-openapi';
import { REPORT_STATES } from './reports.states.ts';

/**
 * The project performance reply: what the S-curve, the SPI/CPI trend and the re-baseline marks
 * are drawn from. Every figure is a finite number or null, never NaN or Infinity.
 */

const money = z.number().nullable();
const ratio = z.number().nullable();

const BaselineVersionSchema = z.object({
  id: z.string(),
  number: z.number().int().openapi({ description: '1 for the first baseline, one more for each re-baseline' }),
  bac: z.number(),
  setAt: z.string().openapi({ description: 'When this version was set (ISO instant)' }),
  setOn: z.string().openapi({ description: 'The day it was set (UTC): where a chart marks the re-baseline' }),
  reason: z.string().nullable(),
});

const Band = z.object({ amber: z.number(), red: z.number() });

export const PerformancePointSchema = z
  .object({
    reportId: z.string(),
    periodStart: z.string(),
    periodEnd: z.string(),
    revision: z.number().int().openapi({ description: "The period's latest submitted revision" }),
    state: z.enum(REPORT_STATES).openapi({ description: 'submitted, accepted or returned' }),
    asOf: z.string(),
    baselineNumber: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'The baseline version in force at asOf, the one its figures were computed against' }),
    bac: money.openapi({ description: 'BAC of that baseline' }),
    pv: money,
    ev: money,
    ac: money,
    spi: ratio,
    cpi: ratio,
    eac: money.openapi({ description: 'BAC / CPI; null while CPI is undefined or 0' }),
  })
  .openapi('PerformancePoint');
export type PerformancePoint = z.infer<typeof PerformancePointSchema>;

export const ProjectPerformanceSchema = z
  .object({
    projectId: z.string(),
    baseline: BaselineVersionSchema.extend({
      curve: z
        .array(z.object({ date: z.string(), plannedValue: z.number() }))
        .openapi({ description: 'Cumulative planned value: linear between points, 0 before the first, BAC after the last' }),
    })
      .nullable()
      .openapi({ description: 'The baseline in force now (the newest version); null when none is set' }),
    earlierBaselines: z
      .array(BaselineVersionSchema)
      .openapi({ description: 'The versions the current one replaced, oldest first' }),
    bac: money.openapi({ description: 'BAC of the baseline in force now' }),
    eac: money.openapi({ description: 'EAC of the latest point (by status date)' }),
    points: z.array(PerformancePointSchema).openapi({
      description:
        'One point per report period with a submitted version: the figures stored with its latest submitted revision (never recomputed), by status date',
    }),
    tolerances: z.object({ spi: Band, cpi: Band }).openapi({
      description: "The SPI and CPI bands of the project's standard version: below amber is amber, below red is red",
    }),
    canEditMilestones: z.boolean().openapi({
      description: 'Whether the caller may add, edit and remove the milestones (the manager or the PMO, project open)',
    }),
  })
  .openapi('ProjectPerformance');
export type ProjectPerformance = z.infer<typeof ProjectPerformanceSchema>;
