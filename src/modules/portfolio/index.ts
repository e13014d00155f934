/** Portfolios and programs: the groups of projects a PMO governs. */
import type { RecordVisibility } from '../audit/index.ts';
import { portfolioExists } from './portfolio.repo.ts';

export { portfolioRoutes } from './portfolio.routes.ts';
export { createPortfolio, getPortfolio, listPortfolios, updatePortfolio } from './portfolio.service.ts';
export type { PortfolioDetailView, PortfolioKind, PortfolioView } from './portfolio.service.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Portfolios are readable by every signed-in user: a portfolio's history is visible while it exists. */
export const portfolioVisibility: Record<string, RecordVisibility> = {
  portfolio: async (db, _actor, id) => UUID.test(id) && (await portfolioExists(db, id)),
};
