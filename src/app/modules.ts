import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../kernel/http.ts';
import { approvalsRoutes, approvalsVisibility } from '../modules/approvals/index.ts';
import { type AuditedRecords, userRecord } from '../modules/audit/index.ts';
import { dashboardRoutes } from '../modules/dashboard/index.ts';
import { decisionRoutes, driversRoutes, intakeRoutes, intakeVisibility } from '../modules/intake/index.ts';
import { notifyRoutes, webhookRoutes } from '../modules/notify/index.ts';
import { orgRoutes, orgVisibility } from '../modules/org/index.ts';
import { portfolioRoutes, portfolioVisibility } from '../modules/portfolio/index.ts';
import { projectsRoutes, projectsVisibility } from '../modules/projects/index.ts';
import { raidRoutes, raidVisibility } from '../modules/raid/index.ts';
import { reportsRoutes, reportsVisibility } from '../modules/reports/index.ts';
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
    reportsRoutes(),
    raidRoutes(),
    approvalsRoutes(),
    dashboardRoutes(),
    trainingRoutes(),
    intakeRoutes(),
    decisionRoutes(),
    driversRoutes(),
    notifyRoutes(),
    webhookRoutes(),
    resourcesRoutes(),
    searchRoutes(),
  ];
}

/**
 * How the audit trail reads each kind of record, by entity type (the trail's entityType): who may
 * see it (per id and as SQL), its name, its search, its masked fields. A type missing here is
 * shown to the admin only.
 */
export function recordVisibility(): AuditedRecords {
  return {
    user: userRecord,
    ...orgVisibility,
    ...portfolioVisibility,
    ...standardsVisibility,
    ...projectsVisibility,
    ...reportsVisibility,
    ...raidVisibility,
    ...approvalsVisibility,
    ...intakeVisibility,
    ...trainingVisibility,
    ...resourcesVisibility,
  };
}
