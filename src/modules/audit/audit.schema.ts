import { z } from '@hono/zod-openapi';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A day (2026-03-31) or an instant (2026-03-31T12:00:00Z). */
const Bound = z
  .string()
  .trim()
  .max(40)
  .refine(
    (v) => (DAY.test(v) || /^\d{4}-\d{2}-\d{2}T/.test(v)) && !Number.isNaN(Date.parse(DAY.test(v) ? `${v}T00:00:00Z` : v)),
    {
      message: 'use a day, 2026-03-31, or an ISO 8601 instant',
    },
  );

/** What the event list filters by; every filter narrows what the caller may see anyway. */
export const AuditEventFilterSchema = z.object({
  entityType: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .optional()
    .openapi({ description: 'Only events of this kind of record, e.g. request' }),
  entityId: z.string().trim().min(1).max(100).optional().openapi({ description: 'Only events of this record (with entityType)' }),
  actorUserId: z.uuid().optional().openapi({ description: 'Only events done by this user' }),
  action: z.string().trim().min(1).max(100).optional().openapi({ description: 'Only this action, e.g. request.submitted' }),
  from: Bound.optional().openapi({ description: 'Events at or after this instant, or from the start of this day (UTC)' }),
  to: Bound.optional().openapi({ description: 'Events at or before this instant, or to the end of this day (UTC)' }),
  q: z.string().trim().max(200).optional().openapi({
    description:
      "Search: the record's code or name (request code or title, project code or name, person, PMO, course, …), the actor's name or e-mail, the action, the reason",
  }),
});

export type AuditEventFilter = z.infer<typeof AuditEventFilterSchema>;

export const AuditPageSchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100).openapi({ description: 'Events per page, 1 to 500' }),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0).openapi({ description: 'Events to skip' }),
});

export type AuditPage = z.infer<typeof AuditPageSchema>;

export const AuditEventSchema = z
  .object({
    id: z.string(),
    occurredAt: z.string(),
    actor: z.string().openapi({ description: "The actor's sign-in at the time (an e-mail, or the system's label)" }),
    actorName: z
      .string()
      .openapi({ description: "The actor's display name (the sign-in label when the user is gone or was the system)" }),
    actorUserId: z.string().nullable(),
    entityType: z.string(),
    entityId: z.string(),
    action: z.string(),
    before: z.unknown().openapi({ description: 'The record before the change, with the fields the caller may not read masked' }),
    after: z.unknown().openapi({ description: 'The record after the change, masked the same way' }),
    reason: z.string().nullable(),
  })
  .openapi('AuditEvent');

export const AuditLabelsSchema = z.record(z.string(), z.string()).openapi({
  description:
    'Names of the records these events are about or refer to (people, users, PMOs, skills, org units, positions, project types, portfolios, courses, projects, requests, …), by id; only of records the caller may see',
});

export const AuditEventListSchema = z
  .object({
    items: z.array(AuditEventSchema),
    total: z.number().int().openapi({ description: 'Events matching the filters that the caller may see' }),
    limit: z.number().int(),
    offset: z.number().int(),
    next: z.string().nullable().openapi({ description: 'The link to the following page; null on the last' }),
    labels: AuditLabelsSchema,
  })
  .openapi('AuditEventList');

export const AuditHistorySchema = z
  .object({ items: z.array(AuditEventSchema), labels: AuditLabelsSchema })
  .openapi('AuditHistory');
