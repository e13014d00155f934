import type { TestProject } from 'vitest/node';
import { buildPgliteTemplate, buildPostgresTemplate, dropPostgresDatabases } from './templates.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplates: { empty: string; demo: string };
    postgresTemplates: { empty: string; demo: string; runId: string } | null;
  }
}

/** Builds the database templates once per run; each test file copies one. */
export default async function setup(project: TestProject) {
  const pgliteTemplates = { empty: await buildPgliteTemplate(false), demo: await buildPgliteTemplate(true) };
  project.provide('pgliteTemplates', pgliteTemplates);
  const baseUrl = process.env.TEST_DATABASE_URL;
  const runId = `${process.pid}`;
  if (baseUrl) {
    const empty = await buildPostgresTemplate(baseUrl, false, runId);
    const demo = await buildPostgresTemplate(baseUrl, true, runId);
    project.provide('postgresTemplates', { empty, demo, runId });
  } else {
    project.provide('postgresTemplates', null);
  }
  return async () => {
    if (baseUrl) {
      // Only this run's databases: other runs may share the server (several checkouts, CI).
      await dropPostgresDatabases(baseUrl, `tg_t_${runId}_`);
      await dropPostgresDatabases(baseUrl, `tg_tpl_empty_${runId}`, { exact: true });
      await dropPostgresDatabases(baseUrl, `tg_tpl_demo_${runId}`, { exact: true });
    }
  };
}
