import { describe, expect, it } from 'vitest';
import { formatDate, formatMoney, humanize, matchesSearch, roleLabel } from './format.ts';

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
    expect(formatDate(null)).toBe('—');
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
