import type { OpenAPIHono } from '@hono/zod-openapi';
import { isAdmin } from '../kernel/actor.ts';
import type { AppEnv } from '../kernel/http.ts';
import type { RecordVisibility } from '../modules/audit/index.ts';
import { decisionRoutes, driversRoutes, intakeRoutes, intakeVisibility } from '../modules/intake/index.ts';
import { notifyRoutes } from '../modules/notify/index.ts';
import { orgRoutes, orgVisibility } from '../modules/org/index.ts';
import { portfolioRoutes, portfolioVisibility } from '../modules/portfolio/index.ts';
import { projectsRoutes, projectsVisibility } from '../modules/projects/index.ts';
import { searchRoutes } from '../modules/search/index.ts';
import { resourcesRoutes, resourcesVisibility } from '../modules/resources/index.ts';
import { standardsRoutes, standardsVisibility } from '../modules/standards/index.ts';
import { trainingRoutes, trainingVisibility } from '../modules/training/index.ts';

/** The routers of the domain modules, mounted under /api/v1. */
export function moduleRoutes(): OpenAPIHono<AppEnv>[] {
  return [
    orgRoutes(),
    portfolioRoutes(),
    standardsRoutes(),
    projectsRoutes(),
    trainingRoutes(),
    intakeRoutes(),
    decisionRoutes(),
    driversRoutes(),
    notifyRoutes(),
    resourcesRoutes(),
    searchRoutes(),
  ];
}

/** Which records' histories an actor may read, by entity type (the audit trail's entityType). */
export function recordVisibility(): Record<string, RecordVisibility> {
  return {
    user: async (_db, actor, id) => isAdmin(actor) || actor.userId === id,
    ...orgVisibility,
    ...portfolioVisibility,
    ...standardsVisibility,
    ...projectsVisibility,
    ...intakeVisibility,
    ...trainingVisibility,
    ...resourcesVisibility,
  };
}
