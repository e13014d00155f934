/** Portfolios and programs: the groups of projects a PMO governs. */
import { sql } from 'drizzle-orm';
import { type AuditedRecord, readableWhileItExists } from '../audit/index.ts';
import { portfolios } from './portfolio.tables.ts';

export { portfolioRoutes } from './portfolio.routes.ts';
export { createPortfolio, getPortfolio, listPortfolios, updatePortfolio } from './portfolio.service.ts';
export type { PortfolioDetailView, PortfolioKind, PortfolioView } from './portfolio.service.ts';

/** Portfolios are readable by every signed-in user: a portfolio's history is visible while it exists. */
export const portfolioVisibility: Record<string, AuditedRecord> = {
  portfolio: readableWhileItExists(portfolios.id, sql`${portfolios.code} || ' · ' || ${portfolios.name}`, [
    portfolios.code,
    portfolios.name,
  ]),
};
