import { type AnyColumn, type SQL, and, desc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../kernel/db.ts';
import { prefixQuery, searchDocument } from '../../kernel/fulltext.ts';
import { initiationRequests } from '../intake/intake.tables.ts';
import { people, pmos } from '../org/org.tables.ts';
import { projects } from '../projects/projects.tables.ts';
import { projectTypes } from '../standards/standards.tables.ts';

/**
 * One query per kind over its full-text document (the expression its GIN index holds), best
 * first: an exact code, then the rank. `visible` narrows to what the caller may open.
 */

export interface HitRow {
  id: string;
  code: string | null;
  title: string;
  detail: string | null;
  extra: string | null;
}

function exactCode(code: AnyColumn, q: string): SQL {
  return sql`(lower(${code}) = lower(${q}))`;
}

export async function findProjects(db: Queryable, q: string, visible: SQL | undefined, limit: number): Promise<HitRow[]> {
  const doc = searchDocument(projects.code, projects.name, projects.description);
  return db
    .select({
      id: projects.id,
      code: projects.code,
      title: projects.name,
      detail: pmos.code,
      extra: sql<string>`${projects.state}::text`,
    })
    .from(projects)
    .innerJoin(pmos, eq(pmos.id, projects.pmoId))
    .where(and(sql`${doc} @@ ${prefixQuery(q)}`, visible))
    .orderBy(desc(exactCode(projects.code, q)), desc(sql`ts_rank(${doc}, ${prefixQuery(q)})`), projects.name)
    .limit(limit);
}

export async function findRequests(db: Queryable, q: string, visible: SQL | undefined, limit: number): Promise<HitRow[]> {
  const doc = searchDocument(initiationRequests.code, initiationRequests.title, initiationRequests.problem);
  return db
    .select({
      id: initiationRequests.id,
      code: initiationRequests.code,
      title: initiationRequests.title,
      detail: pmos.code,
      extra: sql<string>`${initiationRequests.state}::text`,
    })
    .from(initiationRequests)
    .leftJoin(pmos, eq(pmos.id, initiationRequests.pmoId))
    .where(and(sql`${doc} @@ ${prefixQuery(q)}`, visible))
    .orderBy(desc(exactCode(initiationRequests.code, q)), desc(sql`ts_rank(${doc}, ${prefixQuery(q)})`), initiationRequests.title)
    .limit(limit);
}

export async function findPeople(db: Queryable, q: string, limit: number): Promise<HitRow[]> {
  const doc = searchDocument(null, people.name, people.jobTitle);
  return db
    .select({ id: people.id, code: sql<null>`null`, title: people.name, detail: people.jobTitle, extra: sql<null>`null` })
    .from(people)
    .where(sql`${doc} @@ ${prefixQuery(q)}`)
    .orderBy(desc(people.active), desc(sql`ts_rank(${doc}, ${prefixQuery(q)})`), people.name)
    .limit(limit);
}

export async function findPmos(db: Queryable, q: string, limit: number): Promise<HitRow[]> {
  const doc = searchDocument(pmos.code, pmos.name, pmos.description);
  return db
    .select({ id: pmos.id, code: pmos.code, title: pmos.name, detail: sql<string>`${pmos.level}::text`, extra: sql<null>`null` })
    .from(pmos)
    .where(sql`${doc} @@ ${prefixQuery(q)}`)
    .orderBy(desc(exactCode(pmos.code, q)), desc(sql`ts_rank(${doc}, ${prefixQuery(q)})`), pmos.name)
    .limit(limit);
}

export async function findStandards(db: Queryable, q: string, limit: number): Promise<HitRow[]> {
  const doc = searchDocument(projectTypes.code, projectTypes.name, projectTypes.description);
  return db
    .select({
      id: projectTypes.id,
      code: projectTypes.code,
      title: projectTypes.name,
      detail: pmos.code,
      extra: sql<string>`'v' || ${projectTypes.currentVersion}::text`,
    })
    .from(projectTypes)
    .innerJoin(pmos, eq(pmos.id, projectTypes.pmoId))
    .where(sql`${doc} @@ ${prefixQuery(q)}`)
    .orderBy(desc(exactCode(projectTypes.code, q)), desc(sql`ts_rank(${doc}, ${prefixQuery(q)})`), projectTypes.name)
    .limit(limit);
}
