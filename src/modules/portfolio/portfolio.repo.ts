import { type SQL, and, asc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../kernel/db.ts';
import { people, pmos } from '../org/org.tables.ts';
import { portfolios } from './portfolio.tables.ts';

export type PortfolioRow = typeof portfolios.$inferSelect;

const portfolioColumns = {
  portfolio: portfolios,
  pmoCode: pmos.code,
  pmoName: pmos.name,
  ownerName: people.name,
  projectCount: sql<number>`(SELECT count(*) FROM projects pr WHERE pr.portfolio_id = ${portfolios.id})`,
};

function portfolioQuery(db: Queryable) {
  return db
    .select(portfolioColumns)
    .from(portfolios)
    .innerJoin(pmos, eq(pmos.id, portfolios.pmoId))
    .leftJoin(people, eq(people.id, portfolios.ownerPersonId));
}

export type PortfolioJoined = Awaited<ReturnType<typeof listPortfolios>>[number];

export async function listPortfolios(db: Queryable, filter: { pmoId?: string; kind?: string } = {}) {
  const conditions = [
    filter.pmoId ? eq(portfolios.pmoId, filter.pmoId) : undefined,
    filter.kind ? eq(portfolios.kind, filter.kind) : undefined,
  ].filter((c): c is SQL => c !== undefined);
  return portfolioQuery(db)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(portfolios.name), asc(portfolios.code));
}

export async function findPortfolioJoined(db: Queryable, id: string) {
  const [row] = await portfolioQuery(db).where(eq(portfolios.id, id));
  return row;
}

export async function findPortfolioByCode(db: Queryable, code: string): Promise<PortfolioRow | undefined> {
  const [row] = await db.select().from(portfolios).where(sql`lower(${portfolios.code}) = lower(${code})`);
  return row;
}

export async function findPmoSummary(db: Queryable, id: string) {
  const [row] = await db.select({ id: pmos.id, code: pmos.code, name: pmos.name }).from(pmos).where(eq(pmos.id, id));
  return row;
}

export async function personExists(db: Queryable, id: string): Promise<boolean> {
  const [row] = await db.select({ id: people.id }).from(people).where(eq(people.id, id));
  return row !== undefined;
}

export async function insertPortfolio(db: Queryable, values: typeof portfolios.$inferInsert): Promise<PortfolioRow> {
  const [row] = await db.insert(portfolios).values(values).returning();
  return row!;
}

export async function updatePortfolio(
  db: Queryable,
  id: string,
  expectedVersion: number,
  values: Partial<typeof portfolios.$inferInsert>,
) {
  const [row] = await db
    .update(portfolios)
    .set({ ...values, version: sql`${portfolios.version} + 1`, updatedAt: new Date() })
    .where(and(eq(portfolios.id, id), eq(portfolios.version, expectedVersion)))
    .returning();
  return row;
}

export async function portfolioExists(db: Queryable, id: string): Promise<boolean> {
  const [row] = await db.select({ id: portfolios.id }).from(portfolios).where(eq(portfolios.id, id));
  return row !== undefined;
}
