/**
 * The portfolio dashboard: counts, RAG matrix, EVM roll-up, budget, mismatches, late reports and
 * the PMO's record, summed from rollups that triggers keep in the transaction of every write to a
 * project or its status row (project_status), never from the reports.
 */
export { dashboardRoutes } from './dashboard.routes.ts';
/**
 * The dashboard for an actor and its filters, as GET /api/v1/dashboard answers it:
 * @example const board = await getPortfolioDashboard(db, actor, { pmoId }); board.evm.spi, board.mismatches.total
 */
export { getPortfolioDashboard } from './dashboard.service.ts';
/**
 * The dashboard's lists in full, paged (or every row when the page is null), as their routes answer:
 * @example const { items, total } = await listMismatches(db, actor, { portfolioId }, { limit: 50, offset: 0 })
 */
export { listLateReports, listMismatches, listRagMatrix } from './dashboard.service.ts';
export {
  DashboardFilterQuery,
  DashboardQuery,
  PortfolioDashboardSchema,
  type DashboardFilter,
  type PortfolioDashboard,
  type DashboardQueryInput,
} from './dashboard.schema.ts';
