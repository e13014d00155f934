import { sql } from 'drizzle-orm';
import type { Actor } from '../../kernel/actor.ts';
import type { Queryable } from '../../kernel/db.ts';

async function ids(db: Queryable, query: ReturnType<typeof sql>): Promise<string[]> {
  const result = (await db.execute(query)) as unknown as { rows: { id: string }[] };
  return result.rows.map((r) => r.id);
}

/** The PMOs the actor is a member of (lead or analyst), and every PMO nested under them. */
export async function governedPmoIds(db: Queryable, actor: Actor, role?: 'lead' | 'analyst'): Promise<string[]> {
  const direct = actor.pmoMemberships.filter((m) => !role || m.role === role).map((m) => m.pmoId);
  if (direct.length === 0) return [];
  return ids(
    db,
    sql`WITH RECURSIVE tree AS (
          SELECT id FROM pmos WHERE id IN (${sql.join(
            direct.map((d) => sql`${d}::uuid`),
            sql`, `,
          )})
          UNION
          SELECT p.id FROM pmos p JOIN tree t ON p.parent_pmo_id = t.id
        ) SELECT id::text AS id FROM tree`,
  );
}

/**
 * The PMOs that report to the actor through the reporting line: a PMO reports to an executive
 * position, which reports up the chain of positions to the CEO. An executive sees every PMO
 * whose chain passes through a position they hold, and the PMOs nested under those.
 */
export async function reportingPmoIds(db: Queryable, actor: Actor): Promise<string[]> {
  if (actor.positionIds.length === 0) return [];
  return ids(
    db,
    sql`WITH RECURSIVE below AS (
          SELECT id FROM executive_positions
           WHERE id IN (${sql.join(
             actor.positionIds.map((d) => sql`${d}::uuid`),
             sql`, `,
           )})
          UNION
          SELECT e.id FROM executive_positions e JOIN below b ON e.reports_to_position_id = b.id
        ), tree AS (
          SELECT id FROM pmos WHERE reports_to_position_id IN (SELECT id FROM below)
          UNION
          SELECT p.id FROM pmos p JOIN tree t ON p.parent_pmo_id = t.id
        ) SELECT id::text AS id FROM tree`,
  );
}

/** Every PMO whose projects the actor may see by role: governed or reporting to them. */
export async function visiblePmoIds(db: Queryable, actor: Actor): Promise<string[]> {
  // One after the other: inside a transaction both would share one connection.
  const governed = await governedPmoIds(db, actor);
  const reporting = await reportingPmoIds(db, actor);
  return [...new Set([...governed, ...reporting])];
}
