/** The before/after difference of an audit event, field by field. Pure: tested in node. */

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

const IGNORED = new Set(['updatedAt', 'createdAt', 'version']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Lists the fields that differ between `before` and `after`, descending into nested objects
 * (`tolerances.spi.amber`) but comparing arrays whole. Bookkeeping fields are skipped.
 */
export function diffRecords(before: unknown, after: unknown, prefix = '', depth = 0): FieldChange[] {
  if (!isPlainObject(before) && !isPlainObject(after)) {
    return same(before, after) ? [] : [{ field: prefix || 'value', before, after }];
  }
  const b = isPlainObject(before) ? before : {};
  const a = isPlainObject(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const changes: FieldChange[] = [];
  for (const key of keys) {
    if (depth === 0 && IGNORED.has(key)) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    const bv = b[key];
    const av = a[key];
    if (same(bv, av)) continue;
    if (depth < 4 && isPlainObject(bv) && isPlainObject(av)) changes.push(...diffRecords(bv, av, path, depth + 1));
    else changes.push({ field: path, before: bv, after: av });
  }
  return changes;
}

/** A short readable rendering of a changed value. */
export function formatValue(value: unknown, max = 80): string {
  if (value === undefined) return '—';
  if (value === null) return 'empty';
  if (typeof value === 'string') return value.length > max ? `${value.slice(0, max - 1)}…` : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
