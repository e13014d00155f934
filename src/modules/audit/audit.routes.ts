import { z } from '@hono/zod-openapi';
import { actorOf, createRouter, defineRoute, depsOf, json } from '../../kernel/http.ts';
import { type ExportColumn, listResponse, pageParams, sendList } from '../../kernel/lists.ts';
import { type AuditEventView, listAuditEvents, readRecordHistory } from './audit.reads.ts';
import type { ChildRecords } from './audit.repo.ts';
import { type AuditedRecords, registerAuditedRecords } from './audit.rules.ts';
import {
  AuditEventFilterSchema,
  AuditEventListSchema,
  AuditEventSchema,
  AuditHistorySchema,
  AuditPageSchema,
} from './audit.schema.ts';
import { verifyAuditTrail } from './audit.service.ts';

const VerifySchema = z
  .object({
    ok: z.boolean(),
    events: z.number().int(),
    chains: z.number().int(),
    firstBrokenEventId: z.string().nullable(),
    reason: z.string().nullable(),
    digest: z.string().openapi({ description: 'SHA-256 over every chain head; keep it elsewhere to anchor the trail' }),
  })
  .openapi('AuditVerification');

const verify = defineRoute('audit.verify', {
  operationId: 'verifyAuditTrail',
  method: 'get',
  path: '/audit/verify',
  tags: ['Audit'],
  summary: 'Recompute every hash chain of the audit trail',
  responses: { 200: json(VerifySchema) },
});

const events = defineRoute('audit.read', {
  method: 'get',
  path: '/audit/events',
  operationId: 'listAuditEvents',
  tags: ['Audit'],
  summary: 'Audit events of the records the caller may see, newest first, filtered and paged',
  description:
    "Each event shows only when the caller may see its record, by the same rule as the record's own endpoint (a request " +
    'by its requester, sponsor, target PMO and reporting line; a project by its PMO, executives and members; a training ' +
    "record by its person and training managers; a user's sign-ins, tokens and password changes by that user and the " +
    'admin). Kinds of record with no rule show to the admin only. Fields the caller may not read are masked in before ' +
    "and after as on the record's endpoint (a person's cost rate, an absence's reason). `total` counts the matching " +
    'events the caller may see.',
  request: { query: AuditEventFilterSchema.extend({ ...AuditPageSchema.shape, format: pageParams.format }) },
  responses: {
    200: {
      ...listResponse(
        AuditEventSchema,
        'One page with the names of the records it refers to, or every matching event as CSV or XLSX',
      ),
      content: { ...listResponse(AuditEventSchema).content, 'application/json': { schema: AuditEventListSchema } },
    },
  },
});

const history = defineRoute('audit.read', {
  method: 'get',
  path: '/audit/records/{entityType}/{entityId}',
  operationId: 'getRecordHistory',
  tags: ['Audit'],
  summary: 'The history of one record the caller may see, newest first (the latest 200 events)',
  request: {
    params: z.object({
      entityType: z
        .string()
        .min(1)
        .max(60)
        .openapi({ param: { name: 'entityType', in: 'path' }, example: 'pmo' }),
      entityId: z
        .string()
        .min(1)
        .max(100)
        .openapi({ param: { name: 'entityId', in: 'path' } }),
    }),
  },
  responses: { 200: json(AuditHistorySchema) },
});

/**
 * Records whose changes show in a parent's history, by the parent's entity type: the PMO's
 * history includes its delegation thresholds.
 */
const CHILD_RECORDS: Record<string, ChildRecords[]> = {
  pmo: [{ entityType: 'delegation_threshold', parentField: 'pmoId' }],
};

interface ExportedEvent {
  event: AuditEventView;
  labels: Record<string, string>;
}

const asJson = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

const EVENT_COLUMNS: ExportColumn<ExportedEvent>[] = [
  { header: 'When', value: ({ event }) => event.occurredAt },
  { header: 'Who', value: ({ event }) => event.actorName },
  { header: 'Signed in as', value: ({ event }) => event.actor },
  { header: 'Kind of record', value: ({ event }) => event.entityType },
  { header: 'Record', value: ({ event, labels }) => labels[event.entityId] ?? null },
  { header: 'Record id', value: ({ event }) => event.entityId },
  { header: 'Action', value: ({ event }) => event.action },
  { header: 'Reason', value: ({ event }) => event.reason },
  { header: 'Before', value: ({ event }) => asJson(event.before) },
  { header: 'After', value: ({ event }) => asJson(event.after) },
  { header: 'Event', value: ({ event }) => event.id },
];

/** The link to the page after this one, with the same filters; null on the last page. */
function nextPage(url: string, limit: number, offset: number, total: number): string | null {
  if (offset + limit >= total) return null;
  const next = new URL(url);
  next.searchParams.set('offset', String(offset + limit));
  next.searchParams.set('limit', String(limit));
  return `${next.pathname}${next.search}`;
}

/** The audit routes; mounting them registers the rules every audit read applies. */
export function auditRoutes(rules: AuditedRecords = {}) {
  registerAuditedRecords(rules);
  const router = createRouter();
  router.openapi(verify, async (c) => c.json(await verifyAuditTrail(depsOf(c).database.db), 200));
  router.openapi(events, async (c) => {
    const { limit, offset, format, ...filter } = c.req.valid('query');
    const db = depsOf(c).database.db;
    const actor = actorOf(c);
    if (format === 'json') {
      const list = await listAuditEvents(db, actor, filter, { limit, offset }, rules);
      return c.json({ ...list, limit, offset, next: nextPage(c.req.url, limit, offset, list.total) }, 200);
    }
    let labels: Record<string, string> = {};
    return sendList(c, {
      query: { limit, offset, format },
      fileName: 'audit-events',
      load: async (page) => {
        const list = await listAuditEvents(db, actor, filter, page ?? undefined, rules);
        labels = list.labels;
        return list;
      },
      exportRows: (items) => items.map((event) => ({ event, labels })),
      columns: EVENT_COLUMNS,
    });
  });
  router.openapi(history, async (c) => {
    const { entityType, entityId } = c.req.valid('param');
    const reply = await readRecordHistory(depsOf(c).database.db, actorOf(c), entityType, entityId, {
      children: CHILD_RECORDS[entityType],
      rules,
    });
    return c.json(reply, 200);
  });
  return router;
}
