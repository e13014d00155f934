import { type AnyColumn, type SQL, sql } from 'drizzle-orm';

/**
 * PostgreSQL full-text search, the same on PGlite and PostgreSQL, for the quick find. The
 * `simple` configuration indexes words as they are written (no stemming, any language), which
 * suits codes, names and titles.
 */

type Text = AnyColumn | SQL;

/**
 * A record's weighted document: its code (A, with the code's parts as words too, so "0009"
 * finds REQ-0009), its name (B) and its text (C). Tables index exactly this expression (GIN),
 * and the quick find queries exactly this expression, so the index serves the query.
 * @example index('projects_search').using('gin', searchDocument(t.code, t.name, t.description))
 */
export function searchDocument(code: Text | null, name: Text, text?: Text): SQL {
  const codePart = code
    ? sql`setweight(to_tsvector('simple'::regconfig, coalesce(${code}, '') || ' ' || regexp_replace(coalesce(${code}, ''), '[^[:alnum:]]+', ' ', 'g')), 'A') || `
    : sql``;
  const textPart = text ? sql` || setweight(to_tsvector('simple'::regconfig, coalesce(${text}, '')), 'C')` : sql``;
  return sql`(${codePart}setweight(to_tsvector('simple'::regconfig, coalesce(${name}, '')), 'B')${textPart})`;
}

/** The characters a quick-find query keeps: letters, digits and those that join words in codes and e-mails. */
export function cleanSearchText(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}\s@._-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
}

/** Whether a query has anything to search for. */
export function hasSearchTerms(input: string): boolean {
  return /[\p{L}\p{N}]/u.test(cleanSearchText(input));
}

/**
 * A query matching documents that hold every word of the input as a prefix ("dat pla" finds
 * "Data platform"). PostgreSQL itself splits the input into words, exactly as it split the
 * documents; the input is a bound parameter, stripped of quotes and operators beforehand.
 */
export function prefixQuery(input: string): SQL {
  const text = cleanSearchText(input);
  return sql`(select to_tsquery('simple'::regconfig, string_agg('''' || lexeme || ''':*', ' & ')) from unnest(to_tsvector('simple'::regconfig, ${text})))`;
}
