import { actorOf, createRouter, defineRoute, depsOf, json } from '../../kernel/http.ts';
import { SearchQuery, SearchReplySchema } from './search.schema.ts';
import { quickFind } from './search.service.ts';

const search = defineRoute('search.read', {
  operationId: 'quickFind',
  method: 'get',
  path: '/search',
  tags: ['Search'],
  summary: 'Quick find: projects, requests, people, PMOs and standards the caller may open, by their words',
  description:
    'PostgreSQL full-text search (the `simple` configuration: no stemming, any language) over codes, names and ' +
    'descriptions; every word of `q` matches as a prefix. Only records the caller could open one by one are returned.',
  request: { query: SearchQuery },
  responses: { 200: json(SearchReplySchema) },
});

export function searchRoutes() {
  const router = createRouter();
  router.openapi(search, async (c) => c.json(await quickFind(depsOf(c).database.db, actorOf(c), c.req.valid('query')), 200));
  return router;
}
