import { IdParam, actorOf, createRouter, defineRoute, depsOf, json, jsonBody } from '../../kernel/http.ts';
import { type ExportColumn, listResponse, sendList, slicePage } from '../../kernel/lists.ts';
import {
  CreatePortfolioBody,
  PortfolioDetailSchema,
  PortfolioQuery,
  PortfolioSchema,
  UpdatePortfolioBody,
} from './portfolio.schema.ts';
import * as service from './portfolio.service.ts';
import type { PortfolioView } from './portfolio.service.ts';

const listPortfolios = defineRoute('portfolios.read', {
  operationId: 'listPortfolios',
  method: 'get',
  path: '/portfolios',
  tags: ['Portfolios'],
  summary: 'Portfolios and programs, optionally of one PMO',
  request: { query: PortfolioQuery },
  responses: { 200: listResponse(PortfolioSchema) },
});

const getPortfolio = defineRoute('portfolios.read', {
  operationId: 'getPortfolio',
  method: 'get',
  path: '/portfolios/{id}',
  tags: ['Portfolios'],
  summary: 'One portfolio or program',
  request: { params: IdParam },
  responses: { 200: json(PortfolioDetailSchema) },
});

const createPortfolio = defineRoute('portfolios.manage', {
  operationId: 'createPortfolio',
  method: 'post',
  path: '/portfolios',
  tags: ['Portfolios'],
  summary: 'Create a portfolio or program under a PMO (admin, or a lead governing that PMO)',
  request: jsonBody(CreatePortfolioBody),
  responses: { 201: json(PortfolioDetailSchema, 'Created') },
});

const updatePortfolio = defineRoute('portfolios.manage', {
  operationId: 'updatePortfolio',
  method: 'patch',
  path: '/portfolios/{id}',
  tags: ['Portfolios'],
  summary: 'Edit a portfolio or program (admin, or a lead governing its PMO)',
  request: { params: IdParam, ...jsonBody(UpdatePortfolioBody) },
  responses: { 200: json(PortfolioDetailSchema) },
});

const PORTFOLIO_COLUMNS: ExportColumn<PortfolioView>[] = [
  { header: 'Code', value: (p) => p.code },
  { header: 'Name', value: (p) => p.name },
  { header: 'Kind', value: (p) => p.kind },
  { header: 'PMO', value: (p) => p.pmo.name },
  { header: 'Owner', value: (p) => p.ownerName },
  { header: 'Projects', value: (p) => p.projectCount, kind: 'number' },
  { header: 'Description', value: (p) => p.description },
];

export function portfolioRoutes() {
  const router = createRouter();
  const db = (c: Parameters<typeof depsOf>[0]) => depsOf(c).database.db;
  router.openapi(listPortfolios, async (c) => {
    const query = c.req.valid('query');
    return sendList(c, {
      query,
      fileName: 'portfolios',
      load: async (page) => slicePage(await service.listPortfolios(db(c), query), page),
      columns: PORTFOLIO_COLUMNS,
    });
  });
  router.openapi(getPortfolio, async (c) => c.json(await service.getPortfolio(db(c), actorOf(c), c.req.valid('param').id), 200));
  router.openapi(createPortfolio, async (c) =>
    c.json(await service.createPortfolio(db(c), actorOf(c), c.req.valid('json')), 201),
  );
  router.openapi(updatePortfolio, async (c) =>
    c.json(await service.updatePortfolio(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  return router;
}
