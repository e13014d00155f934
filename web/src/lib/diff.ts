/** The before/after difference of an audit event, field by field, and how each value reads. Pure: tested in node. */
import { formatDate, formatDateTime, formatMoney, formatMonth, formatNumber, formatScore, humanize } from './format.ts';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** Names of the records an event refers to, by id (from the server, only records the reader may see). */
export type Labels = Readonly<Record<string, string>>;

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;
/** Fields holding money in the installation's currency. */
const MONEY_FIELDS = /^(budget|bac|amount|actualCost|costRate|totalCost|plannedValue|cost|estimatedCost|totalBenefit)$/;
const SCORE_FIELDS = /^(score|priorityScore)$/;
/** Fields naming who did something by their sign-in. */
const BY_FIELDS = /(By|^createdBy|^recordedBy)$/;
/** Words read as acronyms in field names. */
const ACRONYMS = new Set([
  'pmo',
  'pmos',
  'fte',
  'bac',
  'spi',
  'cpi',
  'eac',
  'etc',
  'vac',
  'tcpi',
  'rag',
  'ahp',
  'ip',
  'url',
  'it',
]);

/** A reference that names no record the reader may see: hidden, or removed since. */
export const UNSEEN_RECORD = 'not shown';

export interface FormatOptions {
  /** The field the value belongs to (its last path segment decides money, scores, people). */
  field?: string;
  labels?: Labels;
  max?: number;
}

function lastSegment(field: string | undefined): string {
  const segments = (field ?? '').split('.').filter((s) => !/^\d+$/.test(s));
  return segments[segments.length - 1] ?? '';
}

/** A value as a person reads it: names for ids, money and dates formatted, Yes/No, rounded numbers. */
function scalar(value: unknown, key: string, labels: Labels): string {
  if (value === undefined) return '—';
  if (value === null) return 'empty';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (
    typeof value === 'number' ||
    (typeof value === 'string' && MONEY_FIELDS.test(key) && value.trim() !== '' && Number.isFinite(Number(value)))
  ) {
    const n = Number(value);
    if (MONEY_FIELDS.test(key)) return formatMoney(n);
    if (SCORE_FIELDS.test(key)) return formatScore(n);
    return formatNumber(n);
  }
  if (typeof value === 'string') {
    if (UUID.test(value)) return labels[value] ?? UNSEEN_RECORD;
    if (EMAIL.test(value) && BY_FIELDS.test(key) && labels[value]) return labels[value];
    if (DAY.test(value)) return /Month$/.test(key) ? formatMonth(value.slice(0, 7)) : formatDate(value);
    if (MONTH.test(value)) return formatMonth(value);
    if (INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return formatDateTime(value);
    if (/^[a-z]+(_[a-z]+)+$/.test(value)) return humanize(value);
    return value;
  }
  return JSON.stringify(value);
}

const NAME_KEYS = ['name', 'title', 'displayName', 'label', 'code', 'description', 'text'];

/**
 * How one element of a list reads: its name (or title, code, description, or the name of the
 * record it refers to), with its role if it has one, then its other fields.
 * @example itemLabel({ description: 'Cross-selling', amount: 650000 }) // "Cross-selling — Amount: €650,000.00"
 */
export function itemLabel(item: unknown, labels: Labels = {}): string {
  if (!isPlainObject(item)) return scalar(item, '', labels);
  const nameKey = NAME_KEYS.find((k) => typeof item[k] === 'string');
  const referenced = Object.entries(item).find(([k, v]) => k.endsWith('Id') && typeof v === 'string' && labels[v]);
  const primary = nameKey ? (item[nameKey] as string) : referenced ? labels[referenced[1] as string] : undefined;
  const rest = Object.entries(item).filter(
    ([k, v]) =>
      v !== null &&
      v !== undefined &&
      k !== 'id' &&
      k !== nameKey &&
      !(nameKey && NAME_KEYS.slice(0, 5).includes(k)) &&
      !(referenced && k === referenced[0]) &&
      !(typeof v === 'string' && UUID.test(v) && !labels[v]),
  );
  if (primary !== undefined) {
    const qualifier = [item.role, item.level].find((v) => typeof v === 'string');
    if (typeof qualifier === 'string') return `${primary} (${qualifier.replace(/_/g, ' ')})`;
    const details = rest.filter(([k]) => k !== 'role' && k !== 'level');
    return details.length ? `${primary} — ${details.map(([k, v]) => detail(k, v, labels)).join(', ')}` : primary;
  }
  return rest.map(([k, v]) => detail(k, v, labels)).join(', ') || '—';
}

function detail(key: string, value: unknown, labels: Labels): string {
  const shown = Array.isArray(value) ? value.map((v) => itemLabel(v, labels)).join(', ') : scalar(value, key, labels);
  if (key === 'month' || key === 'period') return shown;
  return `${fieldLabel(key)}: ${shown}`;
}

/** Whether a value holds nothing worth a row when a record is created: empty, none, blank. */
export function isEmptyValue(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

/** The elements a list gained and lost, by their labels: for the history of members, scope, phases. */
export function listChange(before: unknown, after: unknown, labels: Labels = {}): { added: string[]; removed: string[] } | null {
  if (!Array.isArray(before) || !Array.isArray(after)) return null;
  const key = (v: unknown) => JSON.stringify(v);
  const had = new Set(before.map(key));
  const has = new Set(after.map(key));
  return {
    added: after.filter((v) => !had.has(key(v))).map((v) => itemLabel(v, labels)),
    removed: before.filter((v) => !has.has(key(v))).map((v) => itemLabel(v, labels)),
  };
}

/**
 * A short readable rendering of a changed value: a list reads as one row per element (lines
 * joined by "\n"), a reference as the record's name.
 * @example formatValue('2026-03-31') // "31 Mar 2026"; formatValue(1200, { field: 'budget' }) // "€1,200.00"
 */
export function formatValue(value: unknown, options: FormatOptions | number = {}): string {
  const { field, labels = {}, max = 80 } = typeof options === 'number' ? { max: options } : options;
  const clip = (text: string) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
  if (Array.isArray(value)) {
    if (value.length === 0) return 'none';
    return value.map((v) => clip(itemLabel(v, labels))).join('\n');
  }
  if (isPlainObject(value)) return clip(itemLabel(value, labels));
  return clip(scalar(value, lastSegment(field), labels));
}

/** One path segment as people say it: "costRate" -> "Cost rate", "3" -> "#4", "pmo" -> "PMO". */
function segmentLabel(segment: string): string {
  if (/^\d+$/.test(segment)) return `#${Number(segment) + 1}`;
  const words = segment
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim()
    .split(/\s+/)
    .map((w) => (ACRONYMS.has(w) ? w.toUpperCase().replace(/S$/, 's') : w));
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A field name as people say it, a reference without its "id": "sponsorId" -> "Sponsor", "orgUnitIds" -> "Org units". */
export function fieldLabel(field: string): string {
  return field
    .split('.')
    .map((segment) => segmentLabel(segment.replace(/Ids$/, 's').replace(/(.)Id$/, '$1')))
    .join(' › ');
}

/**
 * The changes as a reader wants them: a reference id is left out when the record also carries
 * the referenced name (`orgUnitId` beside `orgUnitName` shows as "Org unit"), and every field
 * gets a label ("tolerances.spi.amber" -> "Tolerances › SPI › Amber", "sponsorId" -> "Sponsor").
 */
export function readableChanges(changes: FieldChange[]): (FieldChange & { label: string })[] {
  const fields = new Set(changes.map((c) => c.field));
  return changes
    .filter((c) => !(c.field.endsWith('Id') && fields.has(`${c.field.slice(0, -2)}Name`)))
    .map((c) => {
      const named = c.field.endsWith('Name') && fields.has(`${c.field.slice(0, -4)}Id`);
      const path = named ? c.field.slice(0, -4) : c.field;
      return { ...c, label: fieldLabel(path) };
    });
}

/**
 * What an event's record is called: its name from the server, else the name its own before or
 * after carries (a removed record), else nothing.
 */
export function recordName(event: { entityId: string; before?: unknown; after?: unknown }, labels: Labels = {}): string | null {
  if (labels[event.entityId]) return labels[event.entityId]!;
  for (const record of [event.after, event.before]) {
    if (!isPlainObject(record)) continue;
    const code = typeof record.code === 'string' ? record.code : null;
    const name = [record.name, record.title, record.displayName].find((v) => typeof v === 'string') as string | undefined;
    if (code && name) return `${code} · ${name}`;
    if (name || code) return (name ?? code)!;
  }
  // A record named by what it belongs to: an absence by its person, an allocation by its project.
  for (const record of [event.after, event.before]) {
    if (!isPlainObject(record)) continue;
    for (const key of ['personId', 'projectId', 'pmoId', 'mentorId']) {
      const id = record[key];
      if (typeof id === 'string' && labels[id]) return labels[id]!;
    }
  }
  return null;
}

/** The app's page of an event's record (or of what it belongs to), when there is one. */
export function recordPath(event: { entityType: string; entityId: string; before?: unknown; after?: unknown }): string | null {
  const own: Record<string, string> = {
    request: '/requests',
    project: '/projects',
    person: '/people',
    pmo: '/pmos',
    project_type: '/standards',
    portfolio: '/portfolios',
  };
  if (own[event.entityType]) return `${own[event.entityType]}/${event.entityId}`;
  const parent: Record<string, [string, string]> = {
    absence: ['personId', '/people'],
    training_record: ['personId', '/people'],
    certification: ['personId', '/people'],
    allocation: ['projectId', '/projects'],
    delegation_threshold: ['pmoId', '/pmos'],
  };
  const link = parent[event.entityType];
  if (!link) return null;
  for (const record of [event.after, event.before]) {
    const id = isPlainObject(record) ? record[link[0]] : undefined;
    if (typeof id === 'string' && UUID.test(id)) return `${link[1]}/${id}`;
  }
  return null;
}
