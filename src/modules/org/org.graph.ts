/**
 * Pure logic for the organisation's hierarchies (org units, executive positions, nested PMOs):
 * every one of them is a forest given as `id -> parent id`.
 */

export type ParentMap = ReadonlyMap<string, string | null>;

/**
 * The chain from `startId` up to the root, `startId` first. Stops at an id seen before, so a
 * hierarchy that is already broken by a cycle still gives a finite answer.
 */
export function chainUp(startId: string, parentOf: ParentMap): string[] {
  const chain: string[] = [];
  const seen = new Set<string>();
  let current: string | null | undefined = startId;
  while (current && !seen.has(current) && parentOf.has(current)) {
    chain.push(current);
    seen.add(current);
    current = parentOf.get(current);
  }
  return chain;
}

/**
 * Whether giving `id` the parent `newParentId` would close a cycle: true when `id` is the new
 * parent itself or one of its ancestors.
 *
 * @example wouldCreateCycle('a', 'c', new Map([['a', null], ['b', 'a'], ['c', 'b']])) // true
 */
export function wouldCreateCycle(id: string, newParentId: string | null, parentOf: ParentMap): boolean {
  if (newParentId === null) return false;
  if (newParentId === id) return true;
  return chainUp(newParentId, parentOf).includes(id);
}

export type TreeNode<T> = T & { children: TreeNode<T>[] };

/**
 * Nests flat rows into a forest. Rows whose parent is missing from the input become roots;
 * rows caught in a cycle (which the write path refuses, but data may be imported) are left out
 * rather than recursing forever. Siblings keep the order of the input.
 */
export function buildForest<T extends { id: string; parentId: string | null }>(rows: readonly T[]): TreeNode<T>[] {
  const nodes = new Map<string, TreeNode<T>>();
  for (const row of rows) nodes.set(row.id, { ...row, children: [] });
  const roots: TreeNode<T>[] = [];
  for (const row of rows) {
    const node = nodes.get(row.id)!;
    const parent = row.parentId === null ? undefined : nodes.get(row.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** Counts the direct children of every id. */
export function childCounts(rows: readonly { parentId: string | null }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) {
    if (row.parentId !== null) counts.set(row.parentId, (counts.get(row.parentId) ?? 0) + 1);
  }
  return counts;
}

/** The first index of a value that occurs earlier in the list, or -1: names a duplicate in a body. */
export function firstDuplicateIndex<T>(values: readonly T[]): number {
  const seen = new Set<T>();
  for (let i = 0; i < values.length; i++) {
    if (seen.has(values[i]!)) return i;
    seen.add(values[i]!);
  }
  return -1;
}
