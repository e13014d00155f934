import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../kernel/db.ts';
import { toNumber } from '../../kernel/rows.ts';
import { pmos } from '../org/org.tables.ts';
import { projects } from '../projects/projects.tables.ts';
import { projectTypes, standardVersions } from './standards.tables.ts';

export type ProjectTypeRow = typeof projectTypes.$inferSelect;
export type StandardVersionRow = typeof standardVersions.$inferSelect;

const typeColumns = {
  type: projectTypes,
  pmoName: pmos.name,
};

export type ProjectTypeWithPmo = { type: ProjectTypeRow; pmoName: string };

export async function listTypes(db: Queryable): Promise<ProjectTypeWithPmo[]> {
  return db
    .select(typeColumns)
    .from(projectTypes)
    .innerJoin(pmos, eq(pmos.id, projectTypes.pmoId))
    .orderBy(asc(projectTypes.code));
}

export async function findType(db: Queryable, id: string): Promise<ProjectTypeWithPmo | undefined> {
  const [row] = await db
    .select(typeColumns)
    .from(projectTypes)
    .innerJoin(pmos, eq(pmos.id, projectTypes.pmoId))
    .where(eq(projectTypes.id, id));
  return row;
}

/** The type row, locked until the transaction ends, so two publications of a version serialise. */
export async function lockType(db: Queryable, id: string): Promise<ProjectTypeRow | undefined> {
  const [row] = await db.select().from(projectTypes).where(eq(projectTypes.id, id)).for('update');
  return row;
}

export async function findTypeByCode(db: Queryable, code: string): Promise<ProjectTypeRow | undefined> {
  const [row] = await db.select().from(projectTypes).where(sql`lower(${projectTypes.code}) = lower(${code})`);
  return row;
}

export async function findPmo(db: Queryable, id: string): Promise<{ id: string; name: string } | undefined> {
  const [row] = await db.select({ id: pmos.id, name: pmos.name }).from(pmos).where(eq(pmos.id, id));
  return row;
}

export async function insertType(db: Queryable, values: typeof projectTypes.$inferInsert): Promise<ProjectTypeRow> {
  const [row] = await db.insert(projectTypes).values(values).returning();
  return row!;
}

export async function updateType(
  db: Queryable,
  id: string,
  expectedVersion: number,
  values: Partial<Pick<typeof projectTypes.$inferInsert, 'name' | 'description' | 'currentVersion'>>,
): Promise<ProjectTypeRow | undefined> {
  const [row] = await db
    .update(projectTypes)
    .set({ ...values, version: sql`${projectTypes.version} + 1`, updatedAt: new Date() })
    .where(and(eq(projectTypes.id, id), eq(projectTypes.version, expectedVersion)))
    .returning();
  return row;
}

export async function insertVersion(db: Queryable, values: typeof standardVersions.$inferInsert): Promise<StandardVersionRow> {
  const [row] = await db.insert(standardVersions).values(values).returning();
  return row!;
}

export async function findVersion(db: Queryable, projectTypeId: string, number: number): Promise<StandardVersionRow | undefined> {
  const [row] = await db
    .select()
    .from(standardVersions)
    .where(and(eq(standardVersions.projectTypeId, projectTypeId), eq(standardVersions.number, number)));
  return row;
}

export async function findVersionById(db: Queryable, id: string): Promise<StandardVersionRow | undefined> {
  const [row] = await db.select().from(standardVersions).where(eq(standardVersions.id, id));
  return row;
}

export async function versionsById(db: Queryable, ids: string[]): Promise<Map<string, StandardVersionRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select().from(standardVersions).where(inArray(standardVersions.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

/** Every version of a type, oldest first, without their definitions. */
export async function versionsOf(db: Queryable, projectTypeId: string) {
  return db
    .select({
      id: standardVersions.id,
      number: standardVersions.number,
      note: standardVersions.note,
      publishedAt: standardVersions.publishedAt,
      publishedBy: standardVersions.publishedBy,
    })
    .from(standardVersions)
    .where(eq(standardVersions.projectTypeId, projectTypeId))
    .orderBy(asc(standardVersions.number));
}

/** The current version of each type, keyed by type id. */
export async function currentVersions(db: Queryable, projectTypeIds: string[]): Promise<Map<string, StandardVersionRow>> {
  if (projectTypeIds.length === 0) return new Map();
  const rows = await db
    .select({ version: standardVersions })
    .from(standardVersions)
    .innerJoin(
      projectTypes,
      and(eq(projectTypes.id, standardVersions.projectTypeId), eq(projectTypes.currentVersion, standardVersions.number)),
    )
    .where(inArray(projectTypes.id, projectTypeIds));
  return new Map(rows.map((r) => [r.version.projectTypeId, r.version]));
}

/** Projects bound to each version, keyed by type id then version number. */
export async function projectCounts(db: Queryable, projectTypeIds: string[]): Promise<Map<string, Map<number, number>>> {
  const map = new Map<string, Map<number, number>>();
  if (projectTypeIds.length === 0) return map;
  const rows = await db
    .select({ projectTypeId: standardVersions.projectTypeId, number: standardVersions.number, projects: count(projects.id) })
    .from(standardVersions)
    .innerJoin(projects, eq(projects.standardVersionId, standardVersions.id))
    .where(inArray(standardVersions.projectTypeId, projectTypeIds))
    .groupBy(standardVersions.projectTypeId, standardVersions.number);
  for (const r of rows) {
    const perVersion = map.get(r.projectTypeId) ?? new Map<number, number>();
    perVersion.set(r.number, toNumber(r.projects));
    map.set(r.projectTypeId, perVersion);
  }
  return map;
}
