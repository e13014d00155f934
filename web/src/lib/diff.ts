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

/** How one element of a list reads: its name (or title, or code), with its role if it has one. */
export function itemLabel(item: unknown): string {
  if (!isPlainObject(item)) return typeof item === 'string' ? item : JSON.stringify(item);
  const primary = [item.name, item.title, item.displayName, item.code, item.label].find((v) => typeof v === 'string');
  if (typeof primary !== 'string') return JSON.stringify(item);
  const qualifier = [item.role, item.level].find((v) => typeof v === 'string');
  return typeof qualifier === 'string' ? `${primary} (${qualifier})` : primary;
}

/** The elements a list gained and lost, by their labels: for the history of members, scope, phases. */
export function listChange(before: unknown, after: unknown): { added: string[]; removed: string[] } | null {
  if (!Array.isArray(before) || !Array.isArray(after)) return null;
  const key = (v: unknown) => JSON.stringify(v);
  const had = new Set(before.map(key));
  const has = new Set(after.map(key));
  return {
    added: after.filter((v) => !had.has(key(v))).map(itemLabel),
    removed: before.filter((v) => !has.has(key(v))).map(itemLabel),
  };
}

/** A short readable rendering of a changed value. */
export function formatValue(value: unknown, max = 80): string {
  if (value === undefined) return '—';
  if (value === null) return 'empty';
  if (typeof value === 'string') return value.length > max ? `${value.slice(0, max - 1)}…` : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text =
    Array.isArray(value) && value.every((v) => isPlainObject(v) || typeof v === 'string')
      ? value.map(itemLabel).join(', ')
      : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** One path segment as people say it: "costRate" -> "Cost rate", "3" -> "#4". */
function segmentLabel(segment: string): string {
  if (/^\d+$/.test(segment)) return `#${Number(segment) + 1}`;
  const spaced = segment
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/**
 * The changes as a reader wants them: a reference id is left out when the record also carries
 * the referenced name (`orgUnitId` beside `orgUnitName` shows as "Org unit"), and every field
 * gets a label ("tolerances.spi.amber" -> "Tolerances › Spi › Amber").
 */
export function readableChanges(changes: FieldChange[]): (FieldChange & { label: string })[] {
  const fields = new Set(changes.map((c) => c.field));
  return changes
    .filter((c) => !(c.field.endsWith('Id') && fields.has(`${c.field.slice(0, -2)}Name`)))
    .map((c) => {
      const named = c.field.endsWith('Name') && fields.has(`${c.field.slice(0, -4)}Id`);
      const path = named ? c.field.slice(0, -4) : c.field;
      return { ...c, label: path.split('.').map(segmentLabel).join(' › ') };
    });
}
