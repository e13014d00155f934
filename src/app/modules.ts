import type { OpenAPIHono } from '@hono/zod-openapi';
import { isAdmin } from '../kernel/actor.ts';
import type { AppEnv } from '../kernel/http.ts';
import type { RecordVisibility } from '../modules/audit/index.ts';

/** The routers of the domain modules, mounted under /api/v1. */
export function moduleRoutes(): OpenAPIHono<AppEnv>[] {
  return [];
}

/** Which records' histories an actor may read, by entity type. */
export function recordVisibility(): Record<string, RecordVisibility> {
  return {
    user: async (_db, actor, id) => isAdmin(actor) || actor.userId === id,
  };
}
