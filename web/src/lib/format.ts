/** Money, dates and labels as a PMO reads them. Pure: tested in node. */

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Formats a decimal amount in the installation's currency: 1234567.5 -> "€1,234,567.50". */
export function formatMoney(amount: number | string | null | undefined, currency = 'EUR', locale = 'en-GB'): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  const value = typeof amount === 'string' ? Number(amount) : amount;
  if (!Number.isFinite(value)) return '—';
  const key = `${locale}|${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 });
    moneyFormats.set(key, format);
  }
  return format.format(value);
}

/** Compact money for dashboards: 1_250_000 -> "€1.3M". */
export function formatMoneyCompact(amount: number | null | undefined, currency = 'EUR', locale = 'en-GB'): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return '—';
  return new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }).format(
    amount,
  );
}

/** "2026-03-31" -> "31 Mar 2026"; ISO timestamps get the time too. */
export function formatDate(value: string | null | undefined, locale = 'en-GB'): string {
  if (!value) return '—';
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = dateOnly ? new Date(`${value}T00:00:00Z`) : new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: dateOnly ? 'UTC' : undefined,
  }).format(date);
}

export function formatDateTime(value: string | null | undefined, locale = 'en-GB'): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

/** snake_case or camelCase key -> "Sentence case" label: "budget_increase" -> "Budget increase". */
export function humanize(key: string | null | undefined): string {
  if (!key) return '';
  const spaced = key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** Role keys as people say them. */
const ROLE_LABELS: Record<string, string> = {
  admin: 'Administrator',
  pmo_lead: 'PMO lead',
  pmo_analyst: 'PMO analyst',
  executive: 'Executive',
  project_manager: 'Project manager',
  resource_manager: 'Resource manager',
  team_member: 'Team member',
  viewer: 'Viewer',
};

export function roleLabel(role: string): string {
  return ROLE_LABELS[role] ?? humanize(role);
}

export const ALL_ROLES = Object.keys(ROLE_LABELS);

/** Case-insensitive match of a search text against several fields. */
export function matchesSearch(search: string, ...fields: (string | null | undefined)[]): boolean {
  const needle = search.trim().toLowerCase();
  if (!needle) return true;
  return fields.some((f) => f?.toLowerCase().includes(needle));
}
