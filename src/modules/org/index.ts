import type { OpenAPIHono } from '@hono/zod-openapi';
import { createRouter, type AppEnv } from '../../kernel/http.ts';
import type { RecordVisibility } from '../audit/index.ts';

export function orgRoutes(): OpenAPIHono<AppEnv> {
  return createRouter();
}
export const orgVisibility: Record<string, RecordVisibility> = {};
