/** Money, dates and labels as a PMO reads them. Pure: tested in node. */

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** The installation's currency (ISO 4217), from GET /api/v1/settings at start; EUR until then. */
let installationCurrency = 'EUR';

/** Sets the installation's currency; ignores anything that is not a code Intl knows. */
export function setInstallationCurrency(code: string | null | undefined): void {
  const upper = (code ?? '').trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(upper)) return;
  try {
    new Intl.NumberFormat('en-GB', { style: 'currency', currency: upper });
  } catch {
    return;
  }
  installationCurrency = upper;
}

export function getInstallationCurrency(): string {
  return installationCurrency;
}

/** The symbol of a currency as the locale writes it: "EUR" -> "€", "USD" -> "US$", "CHF" -> "CHF". */
export function currencySymbol(currency = installationCurrency, locale = 'en-GB'): string {
  const parts = new Intl.NumberFormat(locale, { style: 'currency', currency }).formatToParts(0);
  return parts.find((p) => p.type === 'currency')?.value ?? currency;
}

/** Loads the installation's settings once; the app renders whatever the outcome. */
export async function loadInstallationSettings(fetchImpl: typeof fetch = fetch): Promise<void> {
  try {
    const reply = await fetchImpl('/api/v1/settings', { headers: { Accept: 'application/json' } });
    if (!reply.ok) return;
    const settings = (await reply.json()) as { currency?: string };
    setInstallationCurrency(settings.currency);
  } catch {
    // Offline or an older server: keep the default.
  }
}

/** Formats a decimal amount in the installation's currency: 1234567.5 -> "€1,234,567.50". */
export function formatMoney(
  amount: number | string | null | undefined,
  currency = installationCurrency,
  locale = 'en-GB',
): string {
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
export function formatMoneyCompact(amount: number | null | undefined, currency = installationCurrency, locale = 'en-GB'): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return '—';
  return new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }).format(
    amount,
  );
}

const MONTH_ABBREVIATIONS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The one way a day is written in the app, and the display format of the date input
 * (`DATE_DISPLAY_FORMAT` in dayjs terms): "2026-03-31" -> "31 Mar 2026". An ISO timestamp shows
 * its day in the reader's time zone; a plain day never shifts.
 */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.exec(value);
  if (dateOnly) {
    const [year, month, day] = value.split('-').map(Number) as [number, number, number];
    if (month < 1 || month > 12 || day < 1 || day > 31) return value;
    return `${day} ${MONTH_ABBREVIATIONS[month - 1]} ${year}`;
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return `${date.getDate()} ${MONTH_ABBREVIATIONS[date.getMonth()]} ${date.getFullYear()}`;
}

/** The dayjs format that writes a day as formatDate does; the date input shows days with it. */
export const DATE_DISPLAY_FORMAT = 'D MMM YYYY';

/** A moment in the reader's time zone: "31 Mar 2026, 14:05". */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const time = `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
  return `${formatDate(value)}, ${time}`;
}

/**
 * A count with its noun, singular or plural as the count asks, grouped by thousands:
 * plural(1, 'project') -> "1 project", plural(2, 'PMO') -> "2 PMOs",
 * plural(3, 'person', 'people') -> "3 people", plural(1200, 'request') -> "1,200 requests".
 */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? singular : pluralForm}`;
}

const scoreFormat = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/**
 * A priority score (0–100) as every page shows it: rounded once, here, to one decimal. The API
 * returns the exact score; rounding it anywhere else would make two pages disagree.
 * @example formatScore(50.44615830102184) // "50.4"
 */
export function formatScore(score: number | null | undefined): string {
  if (score === null || score === undefined || !Number.isFinite(score)) return '—';
  return scoreFormat.format(score);
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

/** An audited entity type as people say it: "pmo" -> "PMO", "org_unit" -> "Org unit". */
export function entityLabel(type: string): string {
  return humanize(type).replace(/\bpmo\b/gi, 'PMO');
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

const numberFormats = new Map<number, Intl.NumberFormat>();

/** A plain number rounded for reading, grouped by thousands: 50.44615830102184 -> "50.45", 1200 -> "1,200". */
export function formatNumber(value: number | null | undefined, maximumFractionDigits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  let format = numberFormats.get(maximumFractionDigits);
  if (!format) {
    format = new Intl.NumberFormat('en-GB', { maximumFractionDigits });
    numberFormats.set(maximumFractionDigits, format);
  }
  return format.format(value);
}

/** A month as the app writes it: "2027-01" (or its first day) -> "Jan 2027". */
export function formatMonth(value: string | null | undefined): string {
  if (!value) return '—';
  const match = /^(\d{4})-(\d{2})/.exec(value);
  const month = match ? Number(match[2]) : 0;
  if (!match || month < 1 || month > 12) return value;
  return `${MONTH_ABBREVIATIONS[month - 1]} ${match[1]}`;
}
