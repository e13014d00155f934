import type { OpenAPIHono } from '@hono/zod-openapi';
import { createRouter, type AppEnv } from '../../kernel/http.ts';
import type { RecordVisibility } from '../audit/index.ts';

export function portfolioRoutes(): OpenAPIHono<AppEnv> {
  return createRouter();
}
export const portfolioVisibility: Record<string, RecordVisibility> = {};
