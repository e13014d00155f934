import { describe, expect, it } from 'vitest';
import {
  DATE_DISPLAY_FORMAT,
  formatDate,
  formatDateTime,
  formatMoney,
  formatScore,
  humanize,
  matchesSearch,
  plural,
  roleLabel,
} from './format.ts';
import dayjs from 'dayjs';

describe('formatMoney', () => {
  it('formats decimals with two places and grouping', () => {
    expect(formatMoney(1234567.5)).toBe('€1,234,567.50');
    expect(formatMoney('2500')).toBe('€2,500.00');
    expect(formatMoney(0)).toBe('€0.00');
  });
  it('shows a dash for missing or non-numeric amounts', () => {
    expect(formatMoney(null)).toBe('—');
    expect(formatMoney(undefined)).toBe('—');
    expect(formatMoney('abc')).toBe('—');
  });
  it('honours another currency', () => {
    expect(formatMoney(10, 'USD', 'en-US')).toBe('$10.00');
  });
});

describe('formatDate', () => {
  it('reads ISO dates without shifting the day', () => {
    expect(formatDate('2026-03-31')).toBe('31 Mar 2026');
    expect(formatDate('2026-09-01')).toBe('1 Sep 2026');
    expect(formatDate(null)).toBe('—');
    expect(formatDate('2026-13-01')).toBe('2026-13-01');
  });
  it('writes a day exactly as the date input shows it', () => {
    for (const day of ['2026-01-05', '2026-09-30', '2027-12-31']) {
      expect(dayjs(day).format(DATE_DISPLAY_FORMAT)).toBe(formatDate(day));
    }
  });
  it('writes a moment as its local day and time', () => {
    const at = new Date(2026, 2, 31, 14, 5).toISOString();
    expect(formatDateTime(at)).toBe('31 Mar 2026, 14:05');
    expect(formatDateTime(null)).toBe('—');
  });
});

describe('plural', () => {
  it('agrees the noun with the count', () => {
    expect(plural(1, 'project')).toBe('1 project');
    expect(plural(0, 'project')).toBe('0 projects');
    expect(plural(2, 'PMO')).toBe('2 PMOs');
    expect(plural(1, 'person', 'people')).toBe('1 person');
    expect(plural(3, 'person', 'people')).toBe('3 people');
    expect(plural(1200, 'request')).toBe('1,200 requests');
  });
});

describe('formatScore', () => {
  it('rounds once, to one decimal', () => {
    expect(formatScore(50.44615830102184)).toBe('50.4');
    // Rounding 50.446 to hundredths first (50.45) and then to tenths would give 50.5.
    expect(formatScore(Math.round(50.44615830102184 * 100) / 100)).toBe('50.5');
    expect(formatScore(100)).toBe('100.0');
    expect(formatScore(null)).toBe('—');
  });
});

describe('labels', () => {
  it('humanizes keys', () => {
    expect(humanize('budget_increase')).toBe('Budget increase');
    expect(humanize('percentOfBac')).toBe('Percent of bac');
    expect(roleLabel('pmo_lead')).toBe('PMO lead');
  });
  it('searches case-insensitively across fields', () => {
    expect(matchesSearch('ada', 'Ada Lovelace', null)).toBe(true);
    expect(matchesSearch('zzz', 'Ada', 'ada@example.com')).toBe(false);
    expect(matchesSearch('  ', 'x')).toBe(true);
  });
});

describe('the installation currency', () => {
  it('formats in the currency the installation sets, and ignores a bad code', async () => {
    const { setInstallationCurrency, getInstallationCurrency, currencySymbol } = await import('./format.ts');
    try {
      setInstallationCurrency('usd');
      expect(getInstallationCurrency()).toBe('USD');
      expect(formatMoney(10)).toBe('US$10.00');
      expect(currencySymbol()).toBe('US$');
      setInstallationCurrency('not a code');
      expect(getInstallationCurrency()).toBe('USD');
    } finally {
      setInstallationCurrency('EUR');
    }
    expect(formatMoney(10)).toBe('€10.00');
  });
});
