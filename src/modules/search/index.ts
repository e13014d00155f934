/** Quick find across projects, requests, people, PMOs and standards (PostgreSQL full-text search). */
export { searchRoutes } from './search.routes.ts';
export { quickFind } from './search.service.ts';
export { SEARCH_KINDS, type SearchHit, type SearchKind } from './search.schema.ts';
