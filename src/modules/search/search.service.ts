import type { Actor } from '../../kernel/actor.ts';
import type { Queryable } from '../../kernel/db.ts';
import { invalid } from '../../kernel/errors.ts';
import { hasSearchTerms } from '../../kernel/fulltext.ts';
import type { Permission } from '../../kernel/permissions.ts';
import { visibleRequestFilter } from '../intake/index.ts';
import { visibleProjectFilter } from '../projects/index.ts';
import * as repo from './search.repo.ts';
import { SEARCH_KINDS, type SearchHit, type SearchKind } from './search.schema.ts';

/** The permission that lets the caller open records of each kind, and so find them. */
const READ_PERMISSION: Record<SearchKind, Permission> = {
  project: 'projects.read',
  request: 'requests.read',
  person: 'org.read',
  pmo: 'pmo.read',
  standard: 'standards.read',
};

const PAGE: Record<SearchKind, string> = {
  project: '/projects',
  request: '/requests',
  person: '/people',
  pmo: '/pmos',
  standard: '/standards',
};

function humanState(state: string | null): string | null {
  return state ? state.replace(/_/g, ' ') : null;
}

function subtitleOf(kind: SearchKind, row: repo.HitRow): string | null {
  const parts =
    kind === 'project' || kind === 'request'
      ? [row.detail, humanState(row.extra)]
      : kind === 'pmo'
        ? [row.detail ? `${row.detail} PMO` : null]
        : kind === 'standard'
          ? [row.detail, row.extra]
          : [row.detail];
  const text = parts.filter(Boolean).join(' · ');
  return text || null;
}

export interface QuickFindInput {
  q: string;
  kinds?: string;
  limit: number;
}

/**
 * Finds projects, requests, people, PMOs and standards by their words, each a prefix, with
 * PostgreSQL full-text search. Every hit is a record the caller could open one by one: projects
 * and requests through the same visibility rule as their own pages.
 */
export async function quickFind(db: Queryable, actor: Actor, input: QuickFindInput): Promise<{ q: string; items: SearchHit[] }> {
  const kinds = input.kinds ? (input.kinds.split(',') as SearchKind[]) : [...SEARCH_KINDS];
  const unknown = kinds.filter((k) => !(SEARCH_KINDS as readonly string[]).includes(k));
  if (unknown.length) invalidKinds(unknown);
  if (!hasSearchTerms(input.q)) throw invalid('q', 'needs a letter or a digit');
  const items: SearchHit[] = [];
  // One kind after the other: PGlite answers one query at a time.
  for (const kind of [...new Set(kinds)]) {
    if (!actor.permissions.has(READ_PERMISSION[kind])) continue;
    const rows = await find(db, actor, kind, input.q, input.limit);
    for (const row of rows) {
      items.push({
        kind,
        id: row.id,
        code: row.code,
        title: row.title,
        subtitle: subtitleOf(kind, row),
        href: `${PAGE[kind]}/${row.id}`,
      });
    }
  }
  return { q: input.q, items };
}

function invalidKinds(unknown: string[]): never {
  throw invalid('kinds', `unknown: ${unknown.join(', ')}; known: ${SEARCH_KINDS.join(', ')}`);
}

async function find(db: Queryable, actor: Actor, kind: SearchKind, q: string, limit: number): Promise<repo.HitRow[]> {
  switch (kind) {
    case 'project':
      return repo.findProjects(db, q, await visibleProjectFilter(db, actor), limit);
    case 'request':
      return repo.findRequests(db, q, await visibleRequestFilter(db, actor), limit);
    case 'person':
      return repo.findPeople(db, q, limit);
    case 'pmo':
      return repo.findPmos(db, q, limit);
    case 'standard':
      return repo.findStandards(db, q, limit);
  }
}
