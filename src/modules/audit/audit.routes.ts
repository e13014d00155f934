import { z } from '@hono/zod-openapi';
import type { Actor } from '../../kernel/actor.ts';
import type { Db } from '../../kernel/db.ts';
import { notFound } from '../../kernel/errors.ts';
import { actorOf, createRouter, defineRoute, depsOf, json } from '../../kernel/http.ts';
import type { ChildRecords } from './audit.repo.ts';
import { latestEvents, recordHistory, verifyAuditTrail } from './audit.service.ts';

/** Says whether the actor may see a record, and so its history. Each module provides one. */
export type RecordVisibility = (db: Db, actor: Actor, entityId: string) => Promise<boolean>;

const EventSchema = z
  .object({
    id: z.string(),
    occurredAt: z.string(),
    actor: z.string(),
    actorUserId: z.string().nullable(),
    entityType: z.string(),
    entityId: z.string(),
    action: z.string(),
    before: z.unknown(),
    after: z.unknown(),
    reason: z.string().nullable(),
  })
  .openapi('AuditEvent');

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
  method: 'get',
  path: '/audit/verify',
  tags: ['Audit'],
  summary: 'Recompute every hash chain of the audit trail',
  responses: { 200: json(VerifySchema) },
});

const recent = defineRoute('audit.verify', {
  method: 'get',
  path: '/audit/events',
  tags: ['Audit'],
  summary: 'The latest audit events across the installation',
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }) },
  responses: { 200: json(z.object({ items: z.array(EventSchema) })) },
});

const history = defineRoute('audit.read', {
  method: 'get',
  path: '/audit/records/{entityType}/{entityId}',
  tags: ['Audit'],
  summary: 'The history of one record the caller may see, newest first',
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
  responses: { 200: json(z.object({ items: z.array(EventSchema) })) },
});

/**
 * Records whose changes show in a parent's history, by the parent's entity type: the PMO's
 * history includes its delegation thresholds.
 */
const CHILD_RECORDS: Record<string, ChildRecords[]> = {
  pmo: [{ entityType: 'delegation_threshold', parentField: 'pmoId' }],
};

export function auditRoutes(visibility: Record<string, RecordVisibility> = {}) {
  const router = createRouter();
  router.openapi(verify, async (c) => c.json(await verifyAuditTrail(depsOf(c).database.db), 200));
  router.openapi(recent, async (c) =>
    c.json({ items: await latestEvents(depsOf(c).database.db, c.req.valid('query').limit) }, 200),
  );
  router.openapi(history, async (c) => {
    const { entityType, entityId } = c.req.valid('param');
    const db = depsOf(c).database.db;
    const canSee = visibility[entityType];
    if (!canSee || !(await canSee(db, actorOf(c), entityId))) throw notFound(entityType, entityId);
    return c.json({ items: await recordHistory(db, entityType, entityId, 200, CHILD_RECORDS[entityType]) }, 200);
  });
  return router;
}
