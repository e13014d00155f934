import { describe, expect, it } from 'vitest';
import {
  UNSEEN_RECORD,
  diffRecords,
  fieldLabel,
  formatValue,
  isEmptyValue,
  itemLabel,
  listChange,
  readableChanges,
  recordName,
  recordPath,
} from './diff.ts';

describe('diffRecords', () => {
  it('lists changed, added and removed fields, skipping bookkeeping', () => {
    const before = { name: 'Old', level: 'program', version: 1, updatedAt: 'a', description: 'x' };
    const after = { name: 'New', level: 'program', version: 2, updatedAt: 'b', code: 'EPMO' };
    expect(diffRecords(before, after)).toEqual([
      { field: 'name', before: 'Old', after: 'New' },
      { field: 'description', before: 'x', after: undefined },
      { field: 'code', before: undefined, after: 'EPMO' },
    ]);
  });
  it('descends into nested objects and compares arrays whole', () => {
    const before = { tolerances: { spi: { amber: 0.95, red: 0.85 } }, phases: [1, 2] };
    const after = { tolerances: { spi: { amber: 0.9, red: 0.85 } }, phases: [1, 2, 3] };
    expect(diffRecords(before, after)).toEqual([
      { field: 'tolerances.spi.amber', before: 0.95, after: 0.9 },
      { field: 'phases', before: [1, 2], after: [1, 2, 3] },
    ]);
  });
  it('treats a created record as every field added', () => {
    expect(diffRecords(null, { name: 'A' })).toEqual([{ field: 'name', before: undefined, after: 'A' }]);
    expect(diffRecords({ a: 1 }, { a: 1 })).toEqual([]);
  });
});

const SPONSOR = '7d97d944-ae17-42d7-8325-7290e46b5ecb';
const SKILL = 'ed9e9465-3dcf-42fc-bb9e-0a56808d26f5';
const labels = { [SPONSOR]: 'Olivia Bennett', [SKILL]: 'Data engineering', 'pm@example.com': 'Priya Nair' };

describe('formatValue', () => {
  it('reads booleans as Yes/No, rounds numbers and shows nothing as such', () => {
    expect(formatValue(null)).toBe('empty');
    expect(formatValue(undefined)).toBe('—');
    expect(formatValue(true)).toBe('Yes');
    expect(formatValue(false)).toBe('No');
    expect(formatValue(50.44615830102184)).toBe('50.45');
    expect(formatValue(1200)).toBe('1,200');
    expect(formatValue(50.44615830102184, { field: 'score' })).toBe('50.4');
    expect(formatValue('x'.repeat(100), 10)).toHaveLength(10);
  });
  it('formats money fields in the currency and dates as the app writes them', () => {
    expect(formatValue(1234.5, { field: 'budget' })).toBe('€1,234.50');
    expect(formatValue('92.50', { field: 'costRate' })).toBe('€92.50');
    expect(formatValue('2026-03-31')).toBe('31 Mar 2026');
    expect(formatValue('2027-01-01', { field: 'startMonth' })).toBe('Jan 2027');
    expect(formatValue('2027-02')).toBe('Feb 2027');
    expect(formatValue('in_review')).toBe('In review');
  });
  it('names references, and says so when the reader may not see the record', () => {
    expect(formatValue(SPONSOR, { field: 'sponsorId', labels })).toBe('Olivia Bennett');
    expect(formatValue('00000000-0000-4000-8000-000000000000', { labels })).toBe(UNSEEN_RECORD);
    expect(formatValue('pm@example.com', { field: 'recordedBy', labels })).toBe('Priya Nair');
    expect(formatValue('pm@example.com', { field: 'email', labels })).toBe('pm@example.com');
  });
  it('reads a list as one row per element, not as JSON', () => {
    const costs = [
      { month: '2027-01', amount: 1000 },
      { month: '2027-02', amount: 2500.5 },
    ];
    expect(formatValue(costs, { field: 'costEstimate' })).toBe('Jan 2027, Amount: €1,000.00\nFeb 2027, Amount: €2,500.50');
    expect(formatValue([{ skillId: SKILL, fte: 0.5 }], { labels })).toBe('Data engineering — FTE: 0.5');
    expect(formatValue([{ description: 'Cross-selling', amount: 650000 }])).toBe('Cross-selling — Amount: €650,000.00');
    expect(formatValue([{ driver: 'Customer value', rating: 'extreme' }])).toBe('Driver: Customer value, Rating: extreme');
    expect(formatValue(['Faster close', 'Fewer errors'])).toBe('Faster close\nFewer errors');
    expect(formatValue([])).toBe('none');
    expect(formatValue({ a: 1 })).toBe('A: 1');
  });
});

describe('labels', () => {
  it('labels fields, a reference by its name only, acronyms as acronyms', () => {
    const changes = diffRecords(
      { orgUnitId: 'a', orgUnitName: 'Sales', costRate: 1 },
      { orgUnitId: 'b', orgUnitName: 'Finance', costRate: 2, 'gates.0': 1 },
    );
    expect(readableChanges(changes).map((c) => [c.field, c.label])).toEqual([
      ['orgUnitName', 'Org unit'],
      ['costRate', 'Cost rate'],
      ['gates.0', 'Gates › #1'],
    ]);
    expect(fieldLabel('sponsorId')).toBe('Sponsor');
    expect(fieldLabel('pmoId')).toBe('PMO');
    expect(fieldLabel('orgUnitIds')).toBe('Org units');
    expect(fieldLabel('tolerances.spi.amber')).toBe('Tolerances › SPI › Amber');
  });
  it('names an event’s record from the server, or from its own before and after', () => {
    const event = { entityId: SPONSOR, before: null, after: { code: 'REQ-0009', title: 'New CRM' } };
    expect(recordName(event, labels)).toBe('Olivia Bennett');
    expect(recordName(event)).toBe('REQ-0009 · New CRM');
    expect(recordName({ entityId: 'x', before: { name: 'Old skill' }, after: null })).toBe('Old skill');
    expect(recordName({ entityId: 'x', before: null, after: { fte: 1 } })).toBeNull();
    expect(recordName({ entityId: 'x', before: { personId: SPONSOR, reason: 'absent' }, after: null }, labels)).toBe(
      'Olivia Bennett',
    );
  });
  it('links a record to its page, or to the page of what it belongs to', () => {
    expect(recordPath({ entityType: 'request', entityId: 'r1', before: null, after: null })).toBe('/requests/r1');
    expect(recordPath({ entityType: 'absence', entityId: 'a1', before: { personId: SPONSOR }, after: null })).toBe(
      `/people/${SPONSOR}`,
    );
    expect(recordPath({ entityType: 'skill', entityId: 's1', before: null, after: null })).toBeNull();
  });
});

describe('listChange', () => {
  it('names the elements a list gained and lost', () => {
    const before = [{ personId: '1', name: 'Olivia Bennett', role: 'lead' }];
    const after = [...before, { personId: '2', name: 'Quinn Tester', role: 'analyst' }];
    expect(listChange(before, after)).toEqual({ added: ['Quinn Tester (analyst)'], removed: [] });
    expect(listChange(after, before)).toEqual({ added: [], removed: ['Quinn Tester (analyst)'] });
    expect(listChange('a', ['b'])).toBeNull();
    expect(formatValue(after)).toBe('Olivia Bennett (lead)\nQuinn Tester (analyst)');
    expect(listChange([], [{ personId: SPONSOR, role: 'project_manager' }], labels)).toEqual({
      added: ['Olivia Bennett (project manager)'],
      removed: [],
    });
    expect(itemLabel(SKILL, labels)).toBe('Data engineering');
    expect(isEmptyValue([])).toBe(true);
    expect(isEmptyValue(0)).toBe(false);
  });
});
