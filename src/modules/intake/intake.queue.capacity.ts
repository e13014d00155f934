/**
 * The review queue's one door into the resources module: the capacity left per skill and month,
 * as computed there (never recomputed here).
 */
import type { Queryable } from '../../kernel/db.ts';
import { capacityLeft } from '../resources/index.ts';

/** skillId → month ('2027-01') → FTE of that skill not yet taken in that month. */
export type CapacityLeftTable = Map<string, Map<string, number>>;

export async function capacityLeftTable(db: Queryable, skillIds: string[], months: string[]): Promise<CapacityLeftTable> {
  const table: CapacityLeftTable = new Map();
  if (skillIds.length === 0 || months.length === 0) return table;
  for (const row of await capacityLeft(db, skillIds, months)) {
    table.set(row.skillId, new Map(row.cells.map((cell) => [cell.month, cell.freeFte])));
  }
  return table;
}
