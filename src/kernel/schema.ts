/** Every table, for drizzle-kit and for typed queries across modules. */
export * from './jobs.tables.ts';
export * from '../modules/audit/audit.tables.ts';
export * from '../modules/auth/auth.tables.ts';
export * from '../modules/org/org.tables.ts';
export * from '../modules/portfolio/portfolio.tables.ts';
export * from '../modules/projects/projects.tables.ts';
export * from '../modules/standards/standards.tables.ts';
export * from '../modules/intake/intake.tables.ts';
export * from '../modules/notify/notify.tables.ts';
export * from '../modules/projects/baselines.tables.ts';
export * from '../modules/resources/resources.tables.ts';
export * from '../modules/training/training.tables.ts';
export * from '../modules/reports/reports.tables.ts';
export * from '../modules/dashboard/dashboard.tables.ts';
export * from '../modules/raid/raid.tables.ts';
export * from '../modules/approvals/approvals.tables.ts';
