/**
 * What changed between two standard definitions, as a list of paths, so a PMO sees at a glance
 * what a new version changes. Pure: no I/O.
 *
 * Paths are dotted. Lists of keyed items (phases, gates, criteria, deliverables) are matched by
 * their `key`, so inserting a gate does not make every later gate look changed:
 * `gates.g2-approve-build.quorum`. Lists of plain values (reviewer roles, labels) are compared
 * whole, and other lists item by item by index (`riskMatrix.bands.2.minScore`).
 */
export type ChangeKind = 'added' | 'removed' | 'changed' | 'reordered';

export interface DefinitionChange {
  path: string;
  change: ChangeKind;
  before?: unknown;
  after?: unknown;
}

type Plain = Record<string, unknown>;

function isPlainObject(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isKeyedList(value: unknown[]): value is { key: string }[] {
  if (value.length === 0) return false;
  const keys = value.map((v) => (isPlainObject(v) && typeof v.key === 'string' ? v.key : null));
  return keys.every((k) => k !== null) && new Set(keys).size === keys.length;
}

function isScalarList(value: unknown[]): boolean {
  return value.every((v) => v === null || typeof v !== 'object');
}

function join(path: string, segment: string | number): string {
  return path ? `${path}.${segment}` : String(segment);
}

function sameScalarList(a: unknown[], b: unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

function walk(path: string, before: unknown, after: unknown, out: DefinitionChange[]): void {
  if (before === undefined && after === undefined) return;
  if (before === undefined) {
    out.push({ path, change: 'added', after });
    return;
  }
  if (after === undefined) {
    out.push({ path, change: 'removed', before });
    return;
  }
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    for (const k of keys) walk(join(path, k), before[k], after[k], out);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    walkList(path, before, after, out);
    return;
  }
  if (!Object.is(before, after)) out.push({ path, change: 'changed', before, after });
}

function walkList(path: string, before: unknown[], after: unknown[], out: DefinitionChange[]): void {
  const bothEmpty = before.length === 0 && after.length === 0;
  if (bothEmpty) return;
  const keyed = (before.length === 0 || isKeyedList(before)) && (after.length === 0 || isKeyedList(after));
  if (keyed) {
    const beforeItems = before as { key: string }[];
    const afterItems = after as { key: string }[];
    const beforeByKey = new Map(beforeItems.map((item) => [item.key, item]));
    const afterByKey = new Map(afterItems.map((item) => [item.key, item]));
    for (const item of beforeItems) walk(join(path, item.key), item, afterByKey.get(item.key), out);
    for (const item of afterItems) if (!beforeByKey.has(item.key)) walk(join(path, item.key), undefined, item, out);
    const commonBefore = beforeItems.map((i) => i.key).filter((k) => afterByKey.has(k));
    const commonAfter = afterItems.map((i) => i.key).filter((k) => beforeByKey.has(k));
    if (!sameScalarList(commonBefore, commonAfter))
      out.push({ path, change: 'reordered', before: commonBefore, after: commonAfter });
    return;
  }
  if (isScalarList(before) && isScalarList(after)) {
    if (!sameScalarList(before, after)) out.push({ path, change: 'changed', before, after });
    return;
  }
  const length = Math.max(before.length, after.length);
  for (let i = 0; i < length; i++) walk(join(path, i), before[i], after[i], out);
}

/** The changes that turn `before` into `after`; empty when they are the same. */
export function diffDefinitions(before: unknown, after: unknown): DefinitionChange[] {
  const out: DefinitionChange[] = [];
  walk('', before, after, out);
  return out;
}
